"""How the cells of one measure are decided (the disclosure layer's machinery; disclosure.py says what is decided).

A measure (the respondents, one tactic, one statement) is summed over its atoms (period x function x department
groups); every crossing of the dimensions (each given or all) is a cell. suppression.suppress decides which cells
are hidden; the integer audit (integer_audit.py) then hides any shown cell around a small group it narrows, for
at most AUDIT_ROUNDS rounds, after which the measure is published for whole periods only. What was published
before (history.py) counts as published.
"""

from __future__ import annotations

import functools
import itertools
from types import SimpleNamespace

import numpy as np

from .atoms import DIMENSIONS, Atoms
from .figure import FEWER_THAN_K, PROTECTS_SMALL_GROUP
from .history import against, atom_ids, by_measure, published_entries
from .integer_audit import AuditTooLarge, Budget, Shown, Unknowns, exact_groups, narrowed
from .protection import distribution_shown
from .suppression import PRIMARY, SECONDARY, Cell, suppress

UNKNOWN_FUNCTION = "(unknown)"  # respondents whose function is neither IT nor Business
LEVELS = range(1, 6)
LEVEL_SUMS = tuple(f"level{v}" for v in LEVELS)
AUDIT_ROUNDS = 4  # rounds of hiding what the integer audit names before a measure is published for whole periods only


def _structure(keys: tuple[tuple, ...], dims: tuple[str, ...], structures: dict) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """The crossings of atoms with these keys (each of `dims` given or all = None): each cell's fields that no measure
    changes (its key, its atoms, how many dimensions it gives, the dimensions' values), and the cells' atoms
    flattened with each cell's offset (for np.add.reduceat). The same for every measure whose atoms are the same
    groups (most statements of a survey), so it is built once per decision (`structures`, which the Decider holds
    while it decides) and copied into each measure's cells."""
    if (keys, dims) in structures:
        return structures[keys, dims]
    fields, members = [], []
    for keep in itertools.product((True, False), repeat=len(dims)):
        groups: dict[tuple, list[int]] = {}
        for index, key in enumerate(keys):
            groups.setdefault(tuple(v if k else None for v, k in zip(key, keep, strict=True)), []).append(index)
        for key, atoms in groups.items():
            members.append(tuple(atoms))
            fields.append({"key": key, "atoms": members[-1], "given": sum(keep), **dict(zip(dims, key, strict=True))})
    flat = np.fromiter((a for m in members for a in m), dtype=np.int64, count=sum(len(m) for m in members))
    offsets = np.cumsum([0, *(len(m) for m in members[:-1])]).astype(np.int64)
    structures[keys, dims] = fields, flat, offsets
    return structures[keys, dims]


def crossings(atoms: Atoms, dims: tuple[str, ...], sums: tuple[str, ...], structures: dict) -> list[SimpleNamespace]:
    """Every crossing of `dims` (each one given or all = None) with its summed statistics, its atoms and `key`."""
    keys = tuple(zip(*(atoms[d].tolist() for d in dims), strict=True))
    if not keys:
        return []
    every, flat, offsets = _structure(keys, dims, structures)
    totals = np.add.reduceat(atoms.matrix(sums)[flat], offsets, axis=0).tolist()
    cells = []
    for fields, total in zip(every, totals, strict=True):
        cell = SimpleNamespace()
        cell.__dict__.update(fields)
        cell.__dict__.update(zip(sums, total, strict=True))
        cells.append(cell)
    return cells


def _decide(
    cells: list[SimpleNamespace],
    atoms: Atoms,
    k: int,
    published,
    withheld: set = frozenset(),
    memo: dict | None = None,
    earlier: list | None = None,
) -> list:
    """Set each cell's `published_shape` (a view shows this cell) and `status` (None, PRIMARY or SECONDARY).
    The decision depends only on the cells' atoms, the atoms' sizes and what is withheld, so with `memo` a
    measure with the same groups as one decided before (statements everyone answered) takes that decision.
    `earlier`: the cells of this measure published before (history.py), which count as published."""
    for cell in cells:
        cell.published_shape = published(cell.key)
    sizes = atoms["n"]
    present = atoms.get("people", sizes)
    key = (tuple(c.key for c in cells), tuple(int(n) for n in sizes), tuple(int(n) for n in present), frozenset(withheld), k)
    if memo is not None and not earlier and key in memo:
        status = memo[key]
    else:
        # Groups are taken whole, the largest over all periods first, so the same small group is hidden in every period.
        overall = {cell.key[1:]: cell.n for cell in cells if cell.key[0] is None}
        candidates = [
            Cell(c.key, c.atoms, (_late(c.key), -overall.get(c.key[1:], 0), c.given)) for c in cells if c.published_shape
        ]
        columns, before = sizes, {}
        if earlier:  # what was published before counts as published; ghost columns for what changed since
            columns, known, guard = against(earlier, atom_ids(atoms), sizes, k)
            before = {"known": known, "guard": guard}
        # a ghost column (an earlier version of a group) has someone in it: its size, at least 1
        present = np.concatenate([np.asarray(present, dtype=np.int64), np.asarray(columns[len(sizes) :], dtype=np.int64)])
        status = suppress(
            candidates, np.asarray(columns), k, protect=[c.atoms for c in cells], withheld=withheld, present=present, **before
        )
        if memo is not None and not earlier:
            memo[key] = status
    for cell in cells:
        cell.status = status.get(cell.key)
    return cells


def shown_shape(row) -> bool:
    """Views show every crossing of period, function and department, but never "function unknown" on its own."""
    return row[1] != UNKNOWN_FUNCTION


def _whole_periods(key: tuple) -> bool:
    """A period or all periods, for everyone: what a measure publishes when its small groups are too many and too
    tangled to audit. Every group inside a period can then trade answers with every other, and a small group's range
    is narrower than the protection interval only when the period answered alike (the unanimous-group limit)."""
    return key[1] is None and key[2] is None


def _late(key: tuple) -> bool:
    """Function × department cells (the filters' crossings) are decided after every per-period, per-function and
    per-department cell, so they never take a place from one of those: they are published only where that is safe."""
    return key[1] is not None and key[2] is not None


def shown_tactic(cell) -> Shown | None:
    """What a page shows of a tactic cell, for the integer audit: its n and its mean to 2 decimals."""
    if not cell.published_shape or cell.status is not None or cell.n == 0:
        return None
    return Shown(cell.atoms, int(cell.n), round(cell.mean_sum / cell.n, 2))


def shown_item(cell, distributed: bool, least: int = 1) -> Shown | None:
    """What a page can show of a statement cell: n, the mean to 2 decimals, and the distribution where it is charted
    (an importance question's cell only from `least` answers on, where the priorities chart uses it)."""
    if not cell.published_shape or cell.status is not None or cell.n < least:
        return None
    distribution = None
    if distributed and distribution_shown(cell.key):
        distribution = tuple(int(getattr(cell, s)) for s in LEVEL_SUMS)
    return Shown(cell.atoms, int(cell.n), round(cell.score_sum / cell.n, 2), distribution)


def _narrowing(cells: list, unknowns: Unknowns, k: int, shown, budget: Budget) -> set:
    """The keys of shown cells to hide because the integer audit narrows small groups inside their protection
    interval: per group it narrows, the smallest shown cell around it. Empty when it narrows nothing."""
    answered = unknowns.answered
    groups = sorted({g for c in cells if 0 < c.n < k and (g := tuple(a for a in c.atoms if answered[a] > 0))})
    if not groups:
        return set()
    published = [(cell, figure) for cell in cells if (figure := shown(cell)) is not None]
    if not published:
        return set()
    found = narrowed(unknowns, [f for _, f in published], groups, exact_groups(cells, published, answered, k), k, budget)
    hide = set()
    for group, *_ in found:
        around = [cell for cell, _ in published if set(group) & set(cell.atoms)]
        hide.add(min(around, key=lambda cell: (cell.n, str(cell.key))).key)
    return hide


def empty(cell) -> bool:
    """A cell nobody in it answered, of a group large enough to say so: published as no figure at all ("no answers")."""
    return cell.n == 0 and cell.status is None


def reason_code(status: str | None) -> str | None:
    """A suppression status as the reason a Figure carries: fewer than k itself, or protecting a small group."""
    if status is None:
        return None
    return FEWER_THAN_K if status == PRIMARY else PROTECTS_SMALL_GROUP


class Decider:
    """Decides one dataset's measures at threshold k against what was published before (`history`, the entries
    of history.py), remembering what it publishes now (`new_publications`) when `recording`."""

    def __init__(self, k: int, history: list | None = None, recording: bool = False) -> None:
        self.k = k
        self._earlier = by_measure(history or [])
        self.recording = recording
        self.new_publications: list[dict] = []
        self._budget = Budget()  # integer programmes the audit may run for this dataset
        self._structures: dict = {}  # the crossings of each set of atom keys, built once while deciding

    def crossings(self, atoms: Atoms, sums: tuple[str, ...]) -> list[SimpleNamespace]:
        return crossings(atoms, DIMENSIONS, sums, self._structures)

    def audit(self, unknowns: Unknowns, shown) -> functools.partial:
        """The integer audit of a measure: cells -> the keys of shown cells to hide (see _narrowing)."""
        return functools.partial(_narrowing, unknowns=unknowns, k=self.k, shown=shown, budget=self._budget)

    def decided(self, measure: str, key: str | None, cells: list, atoms: Atoms, withheld=frozenset(), memo=None, audit=None):
        """_decide against what was published before, and what it publishes now remembered for the history. With
        `audit` (cells -> the keys of cells to hide), cells are hidden until it finds nothing; after AUDIT_ROUNDS
        rounds, or when the audit is too large, the measure is published for whole periods only."""
        earlier = self._earlier.get((measure, key), [])
        withheld = set(withheld)
        for round_ in itertools.count(1):
            cells = _decide(cells, atoms, self.k, shown_shape, withheld, memo, earlier)
            self._budget.start_measure()
            try:
                extra = audit(cells) if audit is not None else set()
                if extra and round_ == AUDIT_ROUNDS:
                    raise AuditTooLarge(f"still narrowing after {round_} rounds")
            except AuditTooLarge:  # groups too many and too tangled to audit: whole periods only, which need no audit
                cells = _decide(cells, atoms, self.k, _whole_periods, withheld, None, earlier)
                for cell in cells:
                    if shown_shape(cell.key) and not cell.published_shape:
                        cell.published_shape, cell.status = True, cell.status or SECONDARY
                break
            if not extra:
                break
            withheld |= extra
        if self.recording:
            self.new_publications += published_entries(measure, key, cells, atom_ids(atoms), earlier)
        return cells
