"""The integer audit: what an insider with an integer programme learns of a small group from one measure's cells.

The linear guard (suppression.py) makes sure no small group is a combination of published cells. Answers are whole
numbers from 1 to 5 and counts are never negative, though, and published means are rounded, not hidden: bounds can
still pin a group that no combination gives (a cell near the end of the scale says that everyone in it answered near
that end; a level nobody in a period chose is chosen by nobody inside it). The insider knows every group's size and
who answered (the published n, with the sizes, can tell that), reads every shown cell (n, the mean to 2 decimals,
the answer distribution where one is shown), and has as unknowns, per statement, how many in each atom answered at
each level; per tactic, each atom's sum of tactic means (a whole number of m-ths where everyone in the atom answered
all m statements, any value between 1 and 5 each otherwise, as skipped statements are filled in).

The protection interval: every small group (a crossing with fewer than k answers), every union of two small atoms
under k together, and every difference of two small atoms, must still range over at least as many points as it has
answers (its mean anywhere in a range one scale point wide; a difference as wide as its larger side, so that a member
of one side still sees the other's mean range over a point). A narrower range is accepted only where one shown cell,
two nested ones, or one crossing of at least k that the cells give exactly, containing the group, says as much on its
own: a group in which everyone answered alike tells it about everyone in it, the limit of any threshold rule (the
unanimous group).

Most quantities are settled without a programme: atoms that lie in exactly the same shown cells (a small group and
the group hidden to protect it) can trade answers without changing anything shown, which gives a range at once.
The rest go to HiGHS (through SciPy), which finds the least and the most each can be; solutions found are kept, so a
quantity whose values over them already span its interval needs no programme either. A statement's programme is first
asked in a smaller form, with the groups shown on their own pooled per round (pooled_programme.py): its least and
most are the real ones whenever its solutions split back into their groups, and it costs the budget far less.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from .integer_programme import constraint, least_and_most
from .pooled_programme import PooledProgramme

LEVELS = np.arange(1.0, 6.0)
HALF = 0.005 + 1e-9  # a mean shown to 2 decimals lies within half a hundredth of it
_EPSILON = 1e-6
# What the audit may cost before a measure is coarsened instead (AuditTooLarge). A programme over u unknowns costs
# (u / 100)^2 units: about 10 to 25 ms each here, so one measure stays under a few seconds and a dataset under half a
# minute. Counted, not timed, so that what is published never depends on how busy the machine is.
MOST_UNITS = 300  # per measure
MOST_UNITS_IN_ALL = 1_500  # for all the measures of one dataset together
MOST_PENDING = 400  # groups that trading answers does not settle, per measure


class Budget:
    """Integer programming still allowed for one dataset's audit, in all and for the measure being audited."""

    def __init__(self, total: float = MOST_UNITS_IN_ALL) -> None:
        self.left = total
        self.measure_left = float(MOST_UNITS)

    def start_measure(self) -> None:
        self.measure_left = float(MOST_UNITS)

    def spend(self, unknowns: int) -> None:
        cost = (unknowns / 100) ** 2
        self.left -= cost
        self.measure_left -= cost
        if self.left < 0 or self.measure_left < 0:
            raise AuditTooLarge("more integer programming than the audit allows")


class AuditTooLarge(Exception):
    """Too many small groups that only integer programmes can settle: the caller publishes less and audits again."""


@dataclass(frozen=True)
class Shown:
    """A shown cell of the measure: its atoms, answers, mean as shown, and its distribution if shown."""

    atoms: tuple[int, ...]
    n: int
    mean: float
    distribution: tuple[int, ...] | None = None


@dataclass
class Unknowns:
    """The insider's unknowns for one measure: `per` variables per atom, what each adds to its atom's sum (`value`),
    their upper bounds and integrality, and the true answers (always a solution). Statements: per atom the answers at
    each level (the atom's answers known); tactics: per atom one sum in units of 1/scale."""

    answered: np.ndarray
    per: int
    value: np.ndarray
    upper: np.ndarray
    integral: np.ndarray
    truth: np.ndarray
    answers: list[np.ndarray]  # per atom, its answers (statements) or its sum as one value (tactics)
    sums: np.ndarray  # per atom, the sum of its values

    def fixed(self) -> list[tuple[np.ndarray, float, float]]:
        """What the group sizes say: per atom, how many answered (statements); each mean between 1 and 5 (tactics)."""
        rows = []
        for a, n in enumerate(self.answered):
            row = np.zeros(len(self.truth))
            row[a * self.per : a * self.per + self.per] = 1.0 if self.per > 1 else self.value[a]
            rows.append((row, n, n) if self.per > 1 else (row, n, 5 * n))
        return rows


def statement_unknowns(levels: np.ndarray) -> Unknowns:
    """Per atom, how many answered at each level 1-5 (`levels`: atoms x 5, the true counts)."""
    levels = np.asarray(levels, dtype=float)
    answered = levels.sum(axis=1)
    answers = [np.repeat(LEVELS, row.astype(int)) for row in levels]
    width = len(levels) * 5
    return Unknowns(
        answered,
        5,
        np.tile(LEVELS, len(levels)),
        np.repeat(answered, 5),
        np.ones(width, bool),
        levels.reshape(-1),
        answers,
        levels @ LEVELS,
    )


def sum_unknowns(answered: np.ndarray, sums: np.ndarray, whole: np.ndarray, units: int = 1) -> Unknowns:
    """Per atom, the sum of its values, each between 1 and 5: in 1/`units` (a whole number) where `whole`, a real
    number otherwise. A tactic's sum of tactic means is whole in m-ths where everyone counted answered all m
    statements, real where a skipped statement was filled in; a statement's sum of answers is whole."""
    answered = np.asarray(answered, dtype=float)
    complete = np.asarray(whole, dtype=bool)
    scale = np.where(complete, float(units), 1.0)
    truth = np.asarray(sums, dtype=float) * scale
    truth = np.where(complete, np.round(truth), truth)
    sums = np.asarray(sums, dtype=float)
    return Unknowns(answered, 1, 1.0 / scale, 5 * answered * scale, complete, truth, [np.array([v]) for v in sums], sums)


def _rows(unknowns: Unknowns, cells: list[Shown]) -> list[tuple[np.ndarray, float, float]]:
    rows = []
    per = unknowns.per
    for cell in cells:
        columns = np.concatenate([np.arange(a * per, a * per + per) for a in cell.atoms])
        total = np.zeros(len(unknowns.truth))
        total[columns] = unknowns.value[columns]
        rows.append((total, cell.n * (cell.mean - HALF), cell.n * (cell.mean + HALF)))
        if cell.distribution is not None and per == 5:
            for level, count in enumerate(cell.distribution):
                row = np.zeros(len(unknowns.truth))
                row[[a * 5 + level for a in cell.atoms]] = 1.0
                rows.append((row, count, count))
    return rows


def _programme(unknowns: Unknowns, rows):
    """`rows` and what the sizes say, as one constraint for the solver."""
    every = unknowns.fixed() + rows
    return constraint(np.array([r for r, _, _ in every]), [lo for _, lo, _ in every], [hi for *_, hi in every])


def _span(unknowns: Unknowns, programme, objective: np.ndarray, pool: list | None = None) -> float:
    """How far apart the least and the most of objective . x can be under a programme (_programme: its rows and what
    the sizes say), made once and asked for many objectives."""
    lower, integrality = np.zeros(len(objective)), unknowns.integral.astype(int)
    ends = []
    for sign, result in zip((1.0, -1.0), least_and_most(objective, programme, integrality, lower, unknowns.upper), strict=True):
        if result.status != 0 or result.x is None:
            return np.inf  # no solution: rows rounded apart by floating point, never a narrowing
        ends.append(sign * float(result.fun))
        if pool is not None:
            pool.append(result.x)
    return ends[1] - ends[0]


def quantities(
    groups: list[tuple[int, ...]], answered: np.ndarray, k: int, pairs: Callable[[list[int]], Iterable[tuple[int, int]]]
) -> Iterator[tuple[dict[int, float], float]]:
    """Every protected quantity (atoms with signs, the width its range must keep): the small `groups` (crossings under
    k answers), then, for the `pairs` of small atoms worth a look (asked once the groups are done), their union when
    under k together and their difference."""
    for g in groups:
        yield dict.fromkeys(g, 1.0), float(answered[list(g)].sum())
    for a, b in pairs(sorted({g[0] for g in groups if len(g) == 1})):
        if answered[a] + answered[b] < k:
            yield {a: 1.0, b: 1.0}, float(answered[a] + answered[b])
        yield {a: 1.0, b: -1.0}, float(max(answered[a], answered[b]))


def _objective(unknowns: Unknowns, group: dict[int, float]) -> np.ndarray:
    vector = np.zeros(len(unknowns.truth))
    per = unknowns.per
    for a, sign in group.items():
        vector[a * per : a * per + per] = sign * unknowns.value[a * per : a * per + per]
    return vector


def twin_classes(cells: list[Shown], answered: np.ndarray) -> dict[int, tuple[int, ...]]:
    """Per atom with answers, the atoms that lie in exactly the same shown cells (itself included)."""
    member = np.zeros((len(cells), len(answered)), dtype=bool)
    for i, cell in enumerate(cells):
        member[i, list(cell.atoms)] = True
    classes: dict[bytes, list[int]] = {}
    for a in np.flatnonzero(answered > 0):
        classes.setdefault(np.packbits(member[:, a]).tobytes(), []).append(int(a))
    return {a: tuple(atoms) for atoms in classes.values() for a in atoms}


def traded_range(
    unknowns: Unknowns, twins: dict[int, tuple[int, ...]], group: dict[int, float], memo: dict | None = None
) -> float:
    """A range the group is sure to keep: within each class of twins, answers can change hands without changing any
    shown cell (its n, sum and distribution stay), so its part of the group can take any share of the class's answers.
    Statements: the class's answers stay as they are, the group's side takes the highest or the lowest; tactics: the
    class's total stays, each sum between 1 and 5 per respondent. The classes' ranges add up. `memo` keeps a
    statement class's part by how many answers each side holds (all that it depends on)."""
    memo = {} if memo is None else memo
    parts: dict[tuple[int, ...], tuple[list[int], list[int]]] = {}
    for a, sign in group.items():
        if a in twins:
            parts.setdefault(twins[a], ([], []))[0 if sign > 0 else 1].append(a)
    total = 0.0
    for atoms, (plus, minus) in parts.items():
        if unknowns.per == 1:
            total += _exchange(unknowns, atoms, plus, minus) + _exchange(unknowns, atoms, minus, plus)
            continue
        up, down = int(unknowns.answered[plus].sum()), int(unknowns.answered[minus].sum())
        if (atoms, up, down) not in memo:
            if atoms not in memo:
                memo[atoms] = np.sort(np.concatenate([unknowns.answers[a] for a in atoms]))[::-1]
            values = memo[atoms]
            high = values[:up].sum() - (values[len(values) - down :].sum() if down else 0.0)
            low = (values[len(values) - up :].sum() if up else 0.0) - values[:down].sum()
            memo[(atoms, up, down)] = high - low
        total += memo[(atoms, up, down)]
    return total


def _exchange(unknowns: Unknowns, atoms, plus: list[int], minus: list[int]) -> float:
    """How far the plus side less the minus side can rise above its true value while the class's total stays."""
    n, sums = unknowns.answered, unknowns.sums
    others = [a for a in atoms if a not in plus and a not in minus]
    truth = sums[plus].sum() - sums[minus].sum()
    total = sums[list(atoms)].sum()
    low_p, high_p = n[plus].sum(), 5 * n[plus].sum()
    low_m, high_m = n[minus].sum(), 5 * n[minus].sum()
    low_o, high_o = n[others].sum(), 5 * n[others].sum()
    first, last = max(total - high_o, low_p + low_m), min(total - low_o, high_p + high_m)
    best = -np.inf
    for s in {first, last, min(max(high_p + low_m, first), last)}:
        p = min(high_p, s - low_m)
        if p >= max(low_p, s - high_m) - _EPSILON:
            best = max(best, 2 * p - s)
    return max(0.0, best - truth)


def narrowed(
    unknowns: Unknowns,
    cells: list[Shown],
    groups: list[tuple[int, ...]],
    exact: list[tuple[int, ...]],
    k: int,
    budget: Budget | None = None,
) -> list[tuple[dict[int, float], float, float]]:
    """The protected quantities the shown `cells` narrow inside their interval, beyond what one shown cell, two nested
    ones, or one of the `exact` groups (of at least k, given exactly by the cells) says on its own: (atoms with signs,
    the range they keep, the width needed). Atoms nobody answered are never in a group. Raises AuditTooLarge when
    settling the groups needs more integer programming than `budget` allows."""
    twins = twin_classes(cells, unknowns.answered)
    pending = []
    settled: set[int] = set()  # single atoms whose own range trading settles

    def pairs(single: list[int]) -> Iterator[tuple[int, int]]:
        """Two atoms in different classes whose own ranges trading settles need no look: their ranges add up. So pairs
        with an unsettled atom, and pairs inside one class."""
        loose = [a for a in single if a not in settled]
        for a, b in itertools.combinations(single, 2):
            if a in loose or b in loose or twins.get(a) == twins.get(b):
                yield a, b

    memo: dict = {}
    for group, width in quantities(groups, unknowns.answered, k, pairs):
        if traded_range(unknowns, twins, group, memo) >= width - _EPSILON:
            if len(group) == 1:
                settled |= set(group)
            continue
        pending.append((group, width))
        if len(pending) > MOST_PENDING:
            raise AuditTooLarge(f"more than {MOST_PENDING} groups that trading answers does not settle")
    if not pending:
        return []
    budget = budget or Budget()

    def span(programme, objective, pool=None) -> float:
        budget.spend(len(objective))
        budget.spend(len(objective))  # the least and the most
        return _span(unknowns, programme, objective, pool)

    rows = _rows(unknowns, cells)
    whole = functools.cache(lambda: _programme(unknowns, rows))  # the real programme, made once if it is asked
    pool = [unknowns.truth]
    pooled = PooledProgramme(unknowns, unknowns.fixed() + rows) if unknowns.per == 5 else None

    def reach_of(objective) -> float:
        """The span of objective . x, from the pooled programme where its solutions split back, else the real one."""
        if pooled is not None and pooled.size < len(objective):
            budget.spend(pooled.size)
            budget.spend(pooled.size)
            ends = pooled.solutions(objective)
            if ends is not None:  # solutions of the real programme at the ends of a wider one: its ends too
                pool.extend(ends)
                return abs(float(objective @ ends[1]) - float(objective @ ends[0]))
        return span(whole(), objective, pool)

    if len(pending) > 4:  # solutions pushing the small atoms up or down together, or in alternation, settle most
        small = sorted({a for g, _ in pending for a in g})
        for signs in _patterns(len(small)):
            reach_of(_objective(unknowns, dict(zip(small, signs, strict=True))))
    found = []
    for group, width in pending:
        objective = _objective(unknowns, group)
        values = [float(objective @ x) for x in pool]
        if max(values) - min(values) >= width - _EPSILON:
            continue
        reach = reach_of(objective)
        if reach >= width - _EPSILON or _said_alone(span, unknowns, cells, exact, group, objective, reach):
            continue
        found.append((group, reach, width))
    return found


def _patterns(count: int) -> list[np.ndarray]:
    """Sign patterns over the small atoms: all alike, alternating, and first half against second half."""
    index = np.arange(count)
    patterns = {tuple(np.ones(count)), tuple(np.where(index % 2 == 0, 1.0, -1.0)), tuple(np.where(index < count / 2, 1.0, -1.0))}
    return [np.array(p) for p in sorted(patterns)]


def _said_alone(span, unknowns, cells: list[Shown], exact, group: dict[int, float], objective, reach: float) -> bool:
    """Whether one source on its own narrows the group as much: a shown cell, two nested shown cells, or an exact group."""
    support = set(group)
    around = [c for c in cells if support & set(c.atoms)]
    sources = [_rows(unknowns, [c]) for c in around]
    for atoms in exact:
        if support & set(atoms):
            vector = _objective(unknowns, dict.fromkeys(atoms, 1.0))
            value = float(vector @ unknowns.truth)
            sources.append([(vector, value - _EPSILON, value + _EPSILON)])
    pairs = itertools.combinations(around, 2)
    sources += (_rows(unknowns, [a, b]) for a, b in pairs if set(a.atoms) <= set(b.atoms) or set(b.atoms) <= set(a.atoms))
    return any(span(_programme(unknowns, rows), objective) <= reach + _EPSILON for rows in sources)


def exact_groups(cells: list, published: list, answered: np.ndarray, k: int) -> list[tuple[int, ...]]:
    """Crossings of at least k answers that hold a small atom and are not shown, but that the shown cells give
    exactly (a linear combination of them, such as a round minus its IT and Business cells): as good as shown.
    `cells` have `key`, `atoms` and `n`; `published` pairs a cell with what is shown of it."""
    if not published:
        return []
    width = len(answered)

    def row(atoms) -> np.ndarray:
        vector = np.zeros(width)
        vector[[a for a in atoms if answered[a] > 0]] = 1.0
        return vector

    matrix = np.array([row(cell.atoms) for cell, _ in published])
    _, singular, right = np.linalg.svd(matrix, full_matrices=False)
    basis = right[singular > 1e-9 * max(1.0, float(singular[0]))]
    shown = {cell.key for cell, _ in published}
    small = set(np.flatnonzero((answered > 0) & (answered < k)).tolist())
    found = []
    for cell in cells:
        if cell.key in shown or cell.n < k or not small & set(cell.atoms):
            continue
        vector = row(cell.atoms)
        if np.abs(vector - basis.T @ (basis @ vector)).max() < 1e-6:
            found.append(tuple(a for a in cell.atoms if answered[a] > 0))
    return sorted(set(found))
