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
one respondent each, when the total and every other department are shown), or whose difference can be (the
Business total minus its shown departments minus a mixed department leaves the one Legal respondent minus the
two IT people inside that department), are protected as one group, and the cells are decided again. Knowing a
difference gives either side to anyone who knows the other (a member of it), and with answers bounded to 1-5 a
difference near its extreme pins both sides.

A group exists when it has respondents (`present`), whether or not they answered: a group of fewer than k that
skipped a question is protected as one that answered it, so the cells are first decided as if every group had
answered, and the pattern of hidden cells does not tell who skipped. An insider may know who skipped, though, and
then knows that a silent group adds nothing to any sum: the decision is checked again with silent groups left out of
every row, and a cell that would give a small group away to such an insider is hidden too. Only then can the pattern
differ from what it would be had the silent group answered, and what it can tell is that some group was silent,
never a value.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .integer_programme import constraint, solve

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
    present: np.ndarray | None = None,
) -> dict[Hashable, str | None]:
    """Per cell key: None (published), PRIMARY or SECONDARY. A cell is small when it has fewer than k answers
    (`sizes`, per atom) and someone in it: answers, or respondents (`present`, per atom; by default the answers
    themselves) who skipped. Cells of nobody are published (they reveal nothing). `protect` names further groups
    (atom index tuples) that must never be derivable when small; `withheld` cells are hidden by the caller
    (status SECONDARY) and protected whatever their n.
    `known` rows were published before (an earlier view): they count as published whatever is decided now, so
    a cell is shown only if it gives nothing away together with them, and the search for derivable unions and
    differences of small groups counts them too; `guard` groups are protected whatever their n (e.g. what a
    correction changed)."""
    sizes = np.asarray(sizes, dtype=np.int64)
    present = sizes if present is None else np.asarray(present, dtype=np.int64)
    withheld = set(withheld)

    def vector(atoms: tuple[int, ...]) -> np.ndarray:
        row = np.zeros(len(sizes))
        row[list(atoms)] = 1.0
        return row

    def answered_vector(atoms: tuple[int, ...]) -> np.ndarray:  # what a sum really holds: silent groups add nothing
        row = np.zeros(len(sizes))
        row[[a for a in atoms if sizes[a] > 0]] = 1.0
        return row

    status: dict[Hashable, str | None] = {}
    guarded: dict[tuple[int, ...], None] = {}
    for cell, small in zip(cells, _small([c.atoms for c in cells], sizes, present, k), strict=True):
        if small:
            status[cell.key] = PRIMARY
            guarded[tuple(sorted(cell.atoms))] = None
        elif cell.key in withheld:
            status[cell.key] = SECONDARY
            if present[list(cell.atoms)].any():
                guarded[tuple(sorted(cell.atoms))] = None
    protect = list(protect)
    for atoms, small in zip(protect, _small(protect, sizes, present, k), strict=True):
        if small:
            guarded[tuple(sorted(atoms))] = None
    guarded = {tuple((a, 1) for a in atoms): None for atoms in guarded}  # each atom with its sign in the group
    corrected = {tuple((a, 1) for a in sorted(atoms)): None for atoms in guard}
    guarded.update(corrected)
    # as if every group with respondents had answered: the pattern does not depend on who skipped
    silent = (present > 0) & (sizes == 0)
    outcome = _settle(cells, np.where(silent, present, sizes), k, status, guarded, vector, known)
    if not silent.any():
        return outcome
    # again for an insider who knows who skipped: what was hidden stays hidden, silent groups are out of every row,
    # and what is protected is each small group's part that answered (a large withheld cell was protected only so
    # that the decision would not depend on who skipped: that is settled)
    hidden = {key: value for key, value in outcome.items() if value is not None}
    answered = {g: None for atoms in guarded if (g := tuple((a, s) for a, s in atoms if sizes[a] > 0))}
    small_parts = {g: None for g in answered if sum(int(sizes[a]) for a, _ in g) < k} | corrected
    return _settle(cells, sizes, k, hidden, small_parts, answered_vector, known)


def _small(groups: list[tuple[int, ...]], sizes: np.ndarray, present: np.ndarray, k: int) -> list[bool]:
    """Per group (atom indices): fewer than k answers and someone in it. All groups at once (a measure has hundreds)."""
    lengths = np.fromiter(map(len, groups), np.int64, len(groups))
    small = np.zeros(len(groups), bool)  # a group of no atom has nobody in it
    held = lengths > 0  # reduceat needs every group it sums to hold an atom
    if held.any():
        flat = np.fromiter(itertools.chain.from_iterable(groups), np.int64, int(lengths.sum()))
        starts = np.cumsum(lengths[held]) - lengths[held]
        answers = np.add.reduceat(sizes[flat], starts)
        someone = np.logical_or.reduceat(present[flat] != 0, starts)
        small[held] = (answers < k) & someone
    return small.tolist()


def _settle(cells, sizes: np.ndarray, k: int, fixed: dict, guarded: dict, vector, known) -> dict:
    """Publish greedily, then protect unions and differences of small groups that the result gives away, until none
    is found. `sizes`: answers per atom (a silent group counted as if everyone in it had answered, when the decision
    must not depend on who skipped)."""
    counted: dict[tuple[int, ...], int] = {}

    def people(atoms: tuple[int, ...]) -> int:
        if atoms not in counted:
            counted[atoms] = int(sizes[list(atoms)].sum())
        return counted[atoms]

    known_rows = [vector(atoms) for atoms in known]
    guarded = dict(guarded)
    while True:
        outcome, published = _publish(cells, sizes, fixed, list(guarded), vector, people, known_rows)
        found = [g for g in _derivable_small_combinations(published, sizes, k) if g not in guarded]
        if not found:
            return outcome
        guarded.update(dict.fromkeys(found))  # e.g. two hidden groups of 1 whose sum is total minus the rest


def _publish(
    cells, sizes, fixed: dict, guarded: list[tuple[tuple[int, int], ...]], vector, people, known=()
) -> tuple[dict, np.ndarray]:
    """Greedy Gaussian elimination: each candidate in order is published unless it makes a guarded group (atoms
    with signs: +1 for a union, +1 and -1 for a difference) derivable. `known` rows (published before) enter the
    basis first, whatever they reveal. Returns the statuses and the published rows that are linearly independent,
    the known ones included.

    A guarded group g stays safe while the part of it outside the published space is not zero. Each newly
    published row adds one unit direction u, orthogonal to everything published before, so that part's squared
    length drops by exactly (g . u)^2; g . u is one sparse product, without keeping each group's residual."""
    status = dict(fixed)
    if not guarded:  # no small group anywhere: every cell can be shown, and none needs to be kept for later checks
        status.update((c.key, None) for c in cells if c.key not in status)
        return status, np.zeros((0, len(sizes)))
    rows = np.repeat(np.arange(len(guarded)), [len(g) for g in guarded])
    columns = np.fromiter((a for g in guarded for a, _ in g), dtype=np.int64, count=len(rows))
    signs = np.fromiter((sign for g in guarded for _, sign in g), dtype=float, count=len(rows))
    if len(guarded) * len(sizes) <= _DENSE_LIMIT:  # small enough: a dense product is quicker than a sparse one
        groups = np.zeros((len(guarded), len(sizes)))
        groups[rows, columns] = signs
    else:
        from scipy.sparse import csr_array  # a guarded group covers a few atoms

        groups = csr_array((signs, (rows, columns)), shape=(len(guarded), len(sizes)))
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


def _derivable_small_combinations(
    published: np.ndarray, sizes: np.ndarray, k: int, most: int = 20
) -> list[tuple[tuple[int, int], ...]]:
    """Unions of two or more small atoms, together fewer than k answers, and differences of two such groups
    (each side fewer than k), whose value the published cells give; each as atoms with signs.

    A small integer programme (HiGHS, through SciPy) looks for one: 0/1 choices p (added) and q (subtracted) of
    the small atoms, never both for one atom, and free coefficients y with published^T y = p - q; each found is
    excluded (with its mirror image) and the search repeated, up to `most`."""
    small = [a for a in range(len(sizes)) if 0 < sizes[a] < k]
    if len(small) < 2 or not len(published):
        return []
    cells, atoms = published.shape
    m = len(small)
    choice = np.zeros((atoms, m))
    choice[small, range(m)] = 1.0
    people = sizes[small].astype(float)
    zeros, ones = np.zeros(m), np.ones(m)

    def row(y=None, p=zeros, q=zeros) -> np.ndarray:
        return np.concatenate([np.zeros(cells) if y is None else y, p, q])

    constraints = [
        constraint(np.hstack([published.T, -choice, choice]), 0, 0),  # the y-combination of cells is p - q
        constraint(row(p=people), -np.inf, k - 1),  # the added side is small
        constraint(row(q=people), -np.inf, k - 1),  # and so is the subtracted one
        constraint(row(p=ones), 1, np.inf),
        constraint(row(p=ones, q=ones), 2, np.inf),  # a union of two or more, or a difference
        constraint(np.hstack([np.zeros((m, cells)), np.eye(m), np.eye(m)]), 0, 1),  # an atom on one side only
    ]
    lower, upper = row(np.full(cells, -np.inf)), row(np.full(cells, np.inf), ones, ones)
    integrality = row(p=ones, q=ones)
    found = []
    while len(found) < most:
        result = solve(row(p=people + 1, q=people + 1), constraints, integrality, lower, upper)
        if result.status != 0 or result.x is None:
            break
        added = np.round(result.x[cells : cells + m]) > 0
        subtracted = np.round(result.x[cells + m :]) > 0
        signed = [(a, 1) for a, keep in zip(small, added, strict=True) if keep]
        signed += [(a, -1) for a, keep in zip(small, subtracted, strict=True) if keep]
        found.append(tuple(sorted(signed)))
        for plus, minus in ((added, subtracted), (subtracted, added)):  # not this combination again, nor its mirror
            chosen = int(plus.sum() + minus.sum())
            cut = row(p=np.where(plus, 1.0, -1.0), q=np.where(minus, 1.0, -1.0))
            constraints.append(constraint(cut, -np.inf, chosen - 1))
    return found
