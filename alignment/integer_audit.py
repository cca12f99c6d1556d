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
    """The insider's unknowns for one measure: `per` variables per atom, what each adds to its atom's sum (`value`),
    bounds, integrality, the rows the group sizes fix, and the true answers (always a solution)."""

    answered: np.ndarray
    per: int
    value: np.ndarray
    upper: np.ndarray
    integral: np.ndarray
    fixed: list[tuple[np.ndarray, float, float]]
    truth: np.ndarray


def statement_unknowns(levels: np.ndarray) -> Unknowns:
    """Per atom, how many answered at each level 1-5 (`levels`: atoms x 5 true counts)."""
    levels = np.asarray(levels, dtype=float)
    atoms = len(levels)
    answered = levels.sum(axis=1)
    fixed = []
    for a in range(atoms):
        row = np.zeros(atoms * 5)
        row[a * 5 : a * 5 + 5] = 1
        fixed.append((row, answered[a], answered[a]))
    return Unknowns(
        answered.astype(np.int64),
        5,
        np.tile(LEVELS, atoms),
        np.repeat(answered, 5),
        np.ones(atoms * 5, dtype=bool),
        fixed,
        levels.reshape(-1),
    )


def tactic_unknowns(answered: np.ndarray, sums: np.ndarray, complete: np.ndarray, statements: int) -> Unknowns:
    """Per atom, the sum of the tactic means of those who answered: counted in m-ths (a whole number) where everyone
    answered all m `statements` (`complete`), a real number otherwise; between 1 and 5 per respondent."""
    answered = np.asarray(answered, dtype=float)
    scale = np.where(complete, float(statements), 1.0)
    fixed = []
    lower = answered * scale
    for a in range(len(answered)):
        row = np.zeros(len(answered))
        row[a] = 1
        fixed.append((row, lower[a], np.inf))
    truth = np.asarray(sums, dtype=float) * scale
    truth = np.where(complete, np.round(truth), truth)
    return Unknowns(answered.astype(np.int64), 1, 1.0 / scale, 5 * lower, np.asarray(complete, dtype=bool), fixed, truth)


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
                row[[a * 5 + level for a in cell.atoms]] = 1
                rows.append((row, count, count))
    return rows


def _span(unknowns: Unknowns, rows, objective: np.ndarray, pool: list | None = None) -> float:
    """How far apart the least and the most of objective . x can be under `rows` and the fixed rows."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    every = unknowns.fixed + rows
    constraint = LinearConstraint(np.array([r for r, _, _ in every]), [lo for _, lo, _ in every], [hi for *_, hi in every])
    bounds = Bounds(np.zeros(len(objective)), unknowns.upper)
    ends = []
    for sign in (1.0, -1.0):
        result = milp(sign * objective, constraints=constraint, integrality=unknowns.integral.astype(int), bounds=bounds)
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
    per = unknowns.per
    for a, sign in group.items():
        vector[a * per : a * per + per] = sign * unknowns.value[a * per : a * per + per]
    return vector


def narrowed(
    unknowns: Unknowns, cells: list[Shown], groups: list[tuple[int, ...]], exact: list[tuple[int, ...]], k: int
) -> list[tuple[dict[int, float], float, float]]:
    """The protected quantities the shown `cells` narrow inside their interval, beyond what one shown cell, two nested
    ones, or one of the `exact` groups (of at least k, given exactly by the cells) says on its own: (atoms with signs,
    the range they keep, the width needed). Atoms nobody answered are never in a group."""
    rows = _rows(unknowns, cells)
    pool = [unknowns.truth]
    found = []
    for group, width in quantities(groups, unknowns.answered, k):
        objective = _objective(unknowns, group)
        values = [float(objective @ x) for x in pool]
        if max(values) - min(values) >= width - _EPSILON:
            continue
        reach = _span(unknowns, rows, objective, pool)
        if reach >= width - _EPSILON or _said_alone(unknowns, cells, exact, group, objective, reach):
            continue
        found.append((group, reach, width))
    return found


def _said_alone(unknowns, cells: list[Shown], exact, group: dict[int, float], objective, reach: float) -> bool:
    """Whether one source on its own narrows the group as much: a shown cell, two nested shown cells, or an exact group."""
    support = set(group)
    around = [c for c in cells if support & set(c.atoms)]
    sources = [[c] for c in around]
    sources += [[a, b] for a, b in itertools.combinations(around, 2) if set(a.atoms) <= set(b.atoms) or set(b.atoms) <= set(a.atoms)]
    for source in sources:
        if _span(unknowns, _rows(unknowns, source), objective) <= reach + _EPSILON:
            return True
    truth = unknowns.truth
    for atoms in exact:
        if not support & set(atoms):
            continue
        vector = _objective(unknowns, dict.fromkeys(atoms, 1.0))
        value = float(vector @ truth)
        if _span(unknowns, [(vector, value - _EPSILON, value + _EPSILON)], objective) <= reach + _EPSILON:
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
