"""Which cells of a table to hide so that no small group can be worked out from the others.

Every published cell is a sum over atomic groups (period × function × department), and the attacker is
assumed to know every group's size, so a published mean is as good as a published sum. A group is safe
when its indicator vector is not in the row space of the published cells: no linear combination of
what is shown gives it. This is the criterion of Gaussian-elimination secondary suppression as used by
statistics offices (Statistics Norway's GaussSuppression).

Primary suppression hides every cell with 0 < n < k. Secondary suppression then takes the remaining
cells in the caller's order of priority, the largest first and publishes one only while no protected group (a primary cell, or any
other small group the caller names, such as an atom or a crossing no view shows) becomes derivable;
otherwise that cell is hidden too. So the cells hidden to protect others are the smallest that can be.
Finally, small groups that are safe one by one but whose sum can be derived (two hidden departments of
one respondent each, when the total and every other department are shown) are protected as one group,
and the cells are decided again.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

PRIMARY = "primary"  # fewer than k respondents
SECONDARY = "secondary"  # hidden so that a smaller group cannot be worked out
_TOLERANCE = 1e-7
_DENSE_LIMIT = 4_000_000  # guarded groups x atoms up to which they are kept as a dense matrix (32 MB)
_DERIVABLE = 1e-9  # a guarded group whose unknown part has a smaller squared length is given away


@dataclass(frozen=True)
class Cell:
    key: Hashable
    atoms: tuple[int, ...]  # indices of the atomic groups the cell sums over
    priority: tuple = ()  # cells are considered in ascending priority, after size: larger cells are published first


def derivable(published: np.ndarray, group: np.ndarray) -> bool:
    """True when `group` (a row over atoms) is a linear combination of the rows of `published`."""
    if not published.size:
        return not group.any()
    coefficients, *_ = np.linalg.lstsq(published.T, group, rcond=None)
    return bool(np.abs(published.T @ coefficients - group).max() < 1e-6)


def suppress(
    cells: Sequence[Cell],
    sizes: np.ndarray,
    k: int,
    protect: Iterable[tuple[int, ...]] = (),
    withheld: Iterable[Hashable] = (),
    known: Sequence[tuple[int, ...]] = (),
    guard: Iterable[tuple[int, ...]] = (),
) -> dict[Hashable, str | None]:
    """Per cell key: None (published), PRIMARY or SECONDARY. Cells with no respondents are published (they
    reveal nothing). `protect` names further groups (atom index tuples) that must never be derivable when
    0 < n < k; `withheld` cells are hidden by the caller (status SECONDARY) and protected whatever their n.
    `known` rows were published before (an earlier view): they count as published whatever is decided now, so
    a cell is shown only if it gives nothing away together with them; `guard` groups are protected whatever their n
    (e.g. what a correction changed)."""
    sizes = np.asarray(sizes, dtype=np.int64)
    withheld = set(withheld)

    def vector(atoms: tuple[int, ...]) -> np.ndarray:
        row = np.zeros(len(sizes))
        row[list(atoms)] = 1.0
        return row

    counted: dict[tuple[int, ...], int] = {}

    def people(atoms: tuple[int, ...]) -> int:
        if atoms not in counted:
            counted[atoms] = int(sizes[list(atoms)].sum())
        return counted[atoms]

    def small(atoms: tuple[int, ...]) -> bool:
        return 0 < people(atoms) < k

    status: dict[Hashable, str | None] = {}
    guarded: dict[tuple[int, ...], None] = {}
    for cell in cells:
        if small(cell.atoms):
            status[cell.key] = PRIMARY
            guarded[tuple(sorted(cell.atoms))] = None
        elif cell.key in withheld:
            status[cell.key] = SECONDARY
            if people(cell.atoms) > 0:
                guarded[tuple(sorted(cell.atoms))] = None
    for atoms in protect:
        if small(atoms):
            guarded[tuple(sorted(atoms))] = None
    guarded.update(dict.fromkeys(tuple(sorted(atoms)) for atoms in guard))
    known_rows = [vector(atoms) for atoms in known]

    while True:
        outcome, published = _publish(cells, sizes, status, list(guarded), vector, people, known_rows)
        unions = [u for u in _derivable_small_unions(published, sizes, k) if u not in guarded]
        if not unions:
            return outcome
        guarded.update(dict.fromkeys(unions))  # e.g. two hidden groups of 1 whose sum is total minus the rest


def _publish(cells, sizes, fixed: dict, guarded: list[tuple[int, ...]], vector, people, known=()) -> tuple[dict, np.ndarray]:
    """Greedy Gaussian elimination: each candidate in order is published unless it makes a guarded group
    derivable. Returns the statuses and the published rows that are linearly independent.

    A guarded group g stays safe while the part of it outside the published space is not zero. Each newly
    published row adds one unit direction u, orthogonal to everything published before, so that part's squared
    length drops by exactly (g . u)^2; g . u is one sparse product, without keeping each group's residual."""
    status = dict(fixed)
    if not guarded:  # no small group anywhere: every cell can be shown, and none needs to be kept for later checks
        status.update((c.key, None) for c in cells if c.key not in status)
        return status, np.zeros((0, len(sizes)))
    rows = np.repeat(np.arange(len(guarded)), [len(g) for g in guarded])
    columns = np.fromiter((a for g in guarded for a in g), dtype=np.int64, count=len(rows))
    if len(guarded) * len(sizes) <= _DENSE_LIMIT:  # small enough: a dense product is quicker than a sparse one
        groups = np.zeros((len(guarded), len(sizes)))
        groups[rows, columns] = 1.0
    else:
        from scipy.sparse import csr_array  # a guarded group covers a few atoms

        groups = csr_array((np.ones(len(rows)), (rows, columns)), shape=(len(guarded), len(sizes)))
    squares = np.array([float(len(g)) for g in guarded])  # squared length of what stays unknown of each guarded group
    basis = np.zeros((len(sizes), len(sizes)))
    rank = 0
    independent = []
    for original in known:  # already published: in the basis first, whatever they reveal (it was decided then)
        row = original
        for _ in range(2):
            row = row - basis[:rank].T @ (basis[:rank] @ row)
        length = float(np.linalg.norm(row))
        if length < _TOLERANCE:
            continue
        direction = row / length
        along = groups @ direction
        squares = np.maximum(squares - along * along, 0.0)
        basis[rank] = direction
        rank += 1
        independent.append(original)
    if len(known):  # a group the earlier views already gave away cannot be protected now: it no longer decides anything
        open_groups = squares >= _DERIVABLE
        groups, squares = groups[np.flatnonzero(open_groups)], squares[open_groups]
    candidates = sorted((c for c in cells if c.key not in status), key=lambda c: (*c.priority, -people(c.atoms), str(c.key)))
    decided: dict[tuple[int, ...], str | None] = {}  # a cell with the same atoms as one before is the same row
    for cell in candidates:
        if cell.atoms in decided:  # same row: implied if that one was published, as revealing if it was not
            status[cell.key] = decided[cell.atoms]
            continue
        original = vector(cell.atoms)
        row = original
        for _ in range(2):  # twice, so the basis stays orthogonal in floating point
            row = row - basis[:rank].T @ (basis[:rank] @ row)
        length = float(np.linalg.norm(row))
        if length < _TOLERANCE:  # already implied by what is published: publishing it adds nothing
            status[cell.key] = decided[cell.atoms] = None
            continue
        direction = row / length
        along = groups @ direction
        remaining = squares - along * along
        if len(squares) and float(np.min(remaining)) < _DERIVABLE:
            status[cell.key] = decided[cell.atoms] = SECONDARY
            continue
        squares = remaining
        basis[rank] = direction
        rank += 1
        independent.append(original)
        status[cell.key] = decided[cell.atoms] = None
    return status, np.array(independent).reshape(len(independent), len(sizes))


def _derivable_small_unions(published: np.ndarray, sizes: np.ndarray, k: int, most: int = 20) -> list[tuple[int, ...]]:
    """Sets of two or more small atoms, together fewer than k respondents, whose sum the published cells give.

    A small integer programme (HiGHS, through SciPy) looks for one: 0/1 choices c of the small atoms and free
    coefficients y with published^T y = c; each set found is excluded and the search repeated, up to `most`."""
    small = [a for a in range(len(sizes)) if 0 < sizes[a] < k]
    if len(small) < 2 or not len(published):
        return []
    from scipy.optimize import Bounds, LinearConstraint, milp  # imported only when there are small groups

    cells, atoms = published.shape
    choice = np.zeros((atoms, len(small)))
    choice[small, range(len(small))] = 1.0
    people = sizes[small].astype(float)
    constraints = [
        LinearConstraint(np.hstack([published.T, -choice]), 0, 0),  # the y-combination of cells is exactly the union
        LinearConstraint(np.concatenate([np.zeros(cells), np.ones(len(small))]), 2, np.inf),
        LinearConstraint(np.concatenate([np.zeros(cells), people]), 1, k - 1),
    ]
    bounds = Bounds(
        np.concatenate([np.full(cells, -np.inf), np.zeros(len(small))]),
        np.concatenate([np.full(cells, np.inf), np.ones(len(small))]),
    )
    integrality = np.concatenate([np.zeros(cells), np.ones(len(small))])
    found = []
    while len(found) < most:
        result = milp(
            c=np.concatenate([np.zeros(cells), people]), constraints=constraints, integrality=integrality, bounds=bounds
        )
        if result.status != 0 or result.x is None:
            break
        chosen = np.round(result.x[cells:]) > 0
        found.append(tuple(sorted(int(a) for a, keep in zip(small, chosen, strict=True) if keep)))
        cut = np.concatenate([np.zeros(cells), np.where(chosen, 1.0, 0.0)])
        constraints.append(LinearConstraint(cut, -np.inf, int(chosen.sum()) - 1))  # not this set again
    return found
