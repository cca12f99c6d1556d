"""The integer audit: what an insider with an integer programme learns of a small group from one measure's cells.

The linear guard (suppression.py) makes sure no small group is a combination of published cells. Answers are whole
numbers from 1 to 5 and counts are never negative, though, and published means are rounded, not hidden: bounds
can still pin a group that no combination gives (a cell near the end of the scale says that everyone in it
answered near that end). The insider knows every group's size and who answered (the published n, with the sizes,
can tell that), and per statement has as unknowns, per atom, how many answered at each level; per tactic, the sum of
the tactic means of those who answered (a whole number of m-ths when everyone in the atom answered all m statements,
any value between 1 and 5 each otherwise, as skipped statements are filled in).

The protection interval: every small group (a crossing with fewer than k answers), every union of two small atoms
under k together, and every difference of two small atoms, must still range over at least as many points as it
has answers (its mean anywhere in a range one scale point wide; a difference as wide as its larger side, so that a
member of one side still sees the other's mean range over a point). A narrower range is accepted only where one
published cell (or one group of at least k that the cells give exactly, such as two nested cells' difference)
containing the group says as much on its own: a cell in which everyone answered alike tells it about everyone in
it, the limit of any threshold rule (the unanimous group).

HiGHS (through SciPy) finds the least and the most each quantity can be. Solutions found are kept: a quantity whose
values over them already span its interval needs no programme, which leaves few to solve.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

LEVELS = np.arange(1, 6, dtype=float)
HALF = 0.005 + 1e-9  # a mean shown to 2 decimals lies within half a hundredth of it
_EPSILON = 1e-6


@dataclass(frozen=True)
class Shown:
    """A published cell of the measure: its atoms, answers and mean as shown, and its distribution if shown."""

    atoms: tuple[int, ...]
    n: int
    mean: float
    distribution: tuple[int, ...] | None = None


@dataclass
class Unknowns:
    """The insider's unknowns for one measure: per atom, its answers (known) and the sum of its values in units of
    1/`scale` (a whole number where `integral`), between 1 and 5 per answer; the true sums are always a solution."""

    answered: np.ndarray
    truth: np.ndarray
    scale: np.ndarray
    integral: np.ndarray

    def bounds(self, cells: list[Shown]) -> tuple[np.ndarray, np.ndarray]:
        """Per atom, the least and the most its sum can be: between 1 and 5 per answer, and between the lowest and the
        highest level with answers in any shown distribution of a cell around it (a level nobody in a cell chose is
        chosen by nobody inside it)."""
        low, high = np.ones(len(self.answered)), np.full(len(self.answered), 5.0)
        for cell in cells:
            if cell.distribution is None:
                continue
            levels = [level for level, count in enumerate(cell.distribution, 1) if count]
            if levels:
                atoms = list(cell.atoms)
                low[atoms] = np.maximum(low[atoms], min(levels))
                high[atoms] = np.minimum(high[atoms], max(levels))
        return low * self.answered * self.scale, high * self.answered * self.scale


def statement_unknowns(answered: np.ndarray, sums: np.ndarray) -> Unknowns:
    """Per atom, the sum of its whole answers from 1 to 5."""
    answered = np.asarray(answered, dtype=float)
    return Unknowns(answered, np.round(np.asarray(sums, dtype=float)), np.ones(len(answered)), np.ones(len(answered), bool))


def tactic_unknowns(answered: np.ndarray, sums: np.ndarray, complete: np.ndarray, statements: int) -> Unknowns:
    """Per atom, the sum of the tactic means of those who answered: counted in m-ths (a whole number) where everyone
    answered all m `statements` (`complete`), a real number otherwise (skipped statements are filled in)."""
    answered = np.asarray(answered, dtype=float)
    complete = np.asarray(complete, dtype=bool)
    scale = np.where(complete, float(statements), 1.0)
    truth = np.asarray(sums, dtype=float) * scale
    return Unknowns(answered, np.where(complete, np.round(truth), truth), scale, complete)


def _rows(unknowns: Unknowns, cells: list[Shown]) -> list[tuple[np.ndarray, float, float]]:
    rows = []
    for cell in cells:
        total = np.zeros(len(unknowns.truth))
        atoms = list(cell.atoms)
        total[atoms] = 1.0 / unknowns.scale[atoms]
        rows.append((total, cell.n * (cell.mean - HALF), cell.n * (cell.mean + HALF)))
    return rows


def _span(unknowns: Unknowns, rows, objective: np.ndarray, bounds, pool: list | None = None) -> float:
    """How far apart the least and the most of objective . x can be under `rows` and the atoms' bounds."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    constraint = LinearConstraint(np.array([r for r, _, _ in rows]), [lo for _, lo, _ in rows], [hi for *_, hi in rows])
    ends = []
    for sign in (1.0, -1.0):
        result = milp(sign * objective, constraints=constraint, integrality=unknowns.integral.astype(int), bounds=Bounds(*bounds))
        if result.status != 0 or result.x is None:
            return np.inf  # no solution: rows rounded apart by floating point, never a narrowing
        ends.append(sign * float(result.fun))
        if pool is not None:
            pool.append(result.x)
    return ends[1] - ends[0]


def quantities(groups: list[tuple[int, ...]], answered: np.ndarray, k: int) -> list[tuple[dict[int, float], float]]:
    """Every protected quantity (atoms with signs, the width its range must keep): the small `groups` (crossings under
    k answers), unions of two small atoms under k together, and differences of two small atoms."""
    found = [(dict.fromkeys(g, 1.0), float(answered[list(g)].sum())) for g in groups]
    single = sorted({g[0] for g in groups if len(g) == 1})
    for a, b in itertools.combinations(single, 2):
        if answered[a] + answered[b] < k:
            found.append(({a: 1.0, b: 1.0}, float(answered[a] + answered[b])))
        found.append(({a: 1.0, b: -1.0}, float(max(answered[a], answered[b]))))
    return found


def _objective(unknowns: Unknowns, group: dict[int, float]) -> np.ndarray:
    vector = np.zeros(len(unknowns.truth))
    for a, sign in group.items():
        vector[a] = sign / unknowns.scale[a]
    return vector


def narrowed(
    unknowns: Unknowns, cells: list[Shown], groups: list[tuple[int, ...]], exact: list[tuple[int, ...]], k: int
) -> list[tuple[dict[int, float], float, float]]:
    """The protected quantities the shown `cells` narrow inside their interval, beyond what one shown cell, two nested
    ones, or one of the `exact` groups (of at least k, given exactly by the cells) says on its own: (atoms with signs,
    the range they keep, the width needed). Atoms nobody answered are never in a group."""
    rows = _rows(unknowns, cells)
    bounds = unknowns.bounds(cells)
    pool = [unknowns.truth]
    protected = quantities(groups, unknowns.answered, k)
    small = sorted({a for g in groups for a in g})
    if len(protected) > 2:  # solutions that push every small atom up or down together, or in alternation, settle most
        for signs in _patterns(len(small)):
            _span(unknowns, rows, _objective(unknowns, dict(zip(small, signs, strict=True))), bounds, pool)
    found = []
    for group, width in protected:
        objective = _objective(unknowns, group)
        values = [float(objective @ x) for x in pool]
        if max(values) - min(values) >= width - _EPSILON:
            continue
        reach = _span(unknowns, rows, objective, bounds, pool)
        if reach >= width - _EPSILON or _said_alone(unknowns, cells, exact, group, objective, reach):
            continue
        found.append((group, reach, width))
    return found


def _patterns(count: int) -> list[np.ndarray]:
    """Sign patterns over the small atoms: all alike, alternating, and first half against second half."""
    index = np.arange(count)
    patterns = [np.ones(count), np.where(index % 2 == 0, 1.0, -1.0), np.where(index < count / 2, 1.0, -1.0)]
    unique = {tuple(p) for p in patterns}
    return [np.array(p) for p in sorted(unique)]


def _said_alone(unknowns, cells: list[Shown], exact, group: dict[int, float], objective, reach: float) -> bool:
    """Whether one source on its own narrows the group as much: a shown cell (with its distribution), two nested shown
    cells, or an exact group."""
    support = set(group)
    around = [c for c in cells if support & set(c.atoms)]
    sources = [[c] for c in around]
    sources += [[a, b] for a, b in itertools.combinations(around, 2) if set(a.atoms) <= set(b.atoms) or set(b.atoms) <= set(a.atoms)]
    for source in sources:
        if _span(unknowns, _rows(unknowns, source), objective, unknowns.bounds(source)) <= reach + _EPSILON:
            return True
    for atoms in exact:
        if not support & set(atoms):
            continue
        vector = _objective(unknowns, dict.fromkeys(atoms, 1.0))
        value = float(vector @ unknowns.truth)
        rows = [(vector, value - _EPSILON, value + _EPSILON)]
        if _span(unknowns, rows, objective, unknowns.bounds([])) <= reach + _EPSILON:
            return True
    return False


def exact_groups(cells: list, published: list, answered: np.ndarray, k: int) -> list[tuple[int, ...]]:
    """Crossings of at least k answers that hold a small atom and are not shown, but that the shown cells give
    exactly (a linear combination of them, such as a round minus its IT and Business cells): as good as shown.
    `cells` have `atoms` and `n`; `published` pairs a cell with what is shown of it."""
    if not published:
        return []
    width = len(answered)

    def row(atoms) -> np.ndarray:
        vector = np.zeros(width)
        vector[[a for a in atoms if answered[a] > 0]] = 1.0
        return vector

    matrix = np.array([row(cell.atoms) for cell, _ in published])
    _, singular, right = np.linalg.svd(matrix, full_matrices=False)
    basis = right[singular > 1e-9 * max(1.0, float(singular[0]) if len(singular) else 1.0)]
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
