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

import itertools
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

PRIMARY = "primary"  # fewer than k respondents
SECONDARY = "secondary"  # hidden so that a smaller group cannot be worked out
_TOLERANCE = 1e-7


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
) -> dict[Hashable, str | None]:
    """Per cell key: None (published), PRIMARY or SECONDARY. Cells with no respondents are published (they
    reveal nothing). `protect` names further groups (atom index tuples) that must never be derivable when
    0 < n < k; `withheld` cells are hidden by the caller (status SECONDARY) and protected whatever their n."""
    sizes = np.asarray(sizes, dtype=np.int64)
    withheld = set(withheld)

    def vector(atoms: tuple[int, ...]) -> np.ndarray:
        row = np.zeros(len(sizes))
        row[list(atoms)] = 1.0
        return row

    def small(atoms: tuple[int, ...]) -> bool:
        return 0 < int(sizes[list(atoms)].sum()) < k

    status: dict[Hashable, str | None] = {}
    guarded: dict[tuple[int, ...], None] = {}
    for cell in cells:
        if small(cell.atoms):
            status[cell.key] = PRIMARY
            guarded[tuple(sorted(cell.atoms))] = None
        elif cell.key in withheld:
            status[cell.key] = SECONDARY
            if sizes[list(cell.atoms)].sum() > 0:
                guarded[tuple(sorted(cell.atoms))] = None
    for atoms in protect:
        if small(atoms):
            guarded[tuple(sorted(atoms))] = None

    while True:
        outcome, basis = _publish(cells, sizes, status, [vector(atoms) for atoms in guarded], vector)
        union = _derivable_small_union(basis, sizes, k)
        if union is None:
            return outcome
        guarded[union] = None  # e.g. two hidden groups of 1 whose sum is total minus the rest: protect their union too


def _publish(cells, sizes, fixed: dict, guarded: list[np.ndarray], vector) -> tuple[dict, np.ndarray]:
    """Greedy Gaussian elimination: each candidate in order is published unless it makes a guarded group derivable."""
    status = dict(fixed)
    residuals = np.array(guarded).reshape(len(guarded), len(sizes))
    basis = np.zeros((0, len(sizes)))
    candidates = sorted(
        (c for c in cells if c.key not in status), key=lambda c: (*c.priority, -int(sizes[list(c.atoms)].sum()), str(c.key))
    )
    for cell in candidates:
        row = vector(cell.atoms)
        for _ in range(2):  # twice, so the basis stays orthogonal in floating point
            row = row - basis.T @ (basis @ row)
        length = float(np.linalg.norm(row))
        if length < _TOLERANCE:  # already implied by what is published: publishing it adds nothing
            status[cell.key] = None
            continue
        direction = row / length
        updated = residuals - np.outer(residuals @ direction, direction)
        if len(updated) and float(np.min(np.linalg.norm(updated, axis=1))) < 1e-6:
            status[cell.key] = SECONDARY
            continue
        residuals = updated
        basis = np.vstack([basis, direction])
        status[cell.key] = None
    return status, basis


def _derivable_small_union(basis: np.ndarray, sizes: np.ndarray, k: int) -> tuple[int, ...] | None:
    """A set of small atoms, together fewer than k respondents, whose sum the published cells give; or None.

    The sum over atoms U is derivable when their residuals (what the published cells leave unknown of each)
    add up to zero. Only atoms in a linear dependency among those residuals can take part, which is
    usually none, so the search over small sets is short."""
    small = [a for a in range(len(sizes)) if 0 < sizes[a] < k]
    if len(small) < 2:
        return None
    residuals = np.eye(len(sizes))[small] - (basis[:, small].T @ basis)
    singular_left, singular_values, _ = np.linalg.svd(residuals, full_matrices=True)
    rank = int((singular_values > _TOLERANCE).sum())
    dependencies = singular_left[:, rank:]
    if not dependencies.size:
        return None
    involved = [small[i] for i in np.flatnonzero(np.abs(dependencies).max(axis=1) > _TOLERANCE)]
    residual_of = dict(zip(small, residuals, strict=True))
    for count in range(2, k):
        for union in itertools.combinations(involved, count):
            if sizes[list(union)].sum() < k and np.linalg.norm(sum(residual_of[a] for a in union)) < 1e-6:
                return tuple(sorted(union))
    return None
