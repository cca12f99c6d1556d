"""Privacy across time: what a workspace has published before, fed to the guard when it decides a new view.

A reader who kept an earlier view knows its cells. So when new data arrives (a round is added, a closed round is
corrected), every cell published before counts as published (suppression.suppress's `known` rows) and a new cell
is shown only if, together with all of them, it gives no small group away.

A cell is remembered by its atoms (period, function, department), each with its size and a fingerprint of its
sums, because "all periods" or a department means other atoms once a round is added. An atom that is unchanged
is the same column as before. An atom that changed (a correction) is, in the earlier cells, the atom now plus
a ghost column (what the correction changed): the ghost is always protected, so the new version of a cell whose
earlier version was shown is hidden unless the change is itself a group of at least k; an atom that was small
then stays protected in its earlier form. An atom gone from the data is a ghost of its own.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

from .atoms import DIMENSIONS, Atoms


class PublicationLog(Protocol):
    """Where a dataset's publication history is kept (a workspace): handed to the Dataset by whoever makes it, so the
    disclosure layer reads what was published before and appends what it publishes now, knowing nothing of the
    store behind it."""

    def publication_history(self) -> list[dict]:
        """Every cell published before (published_entries' entries), oldest first."""

    def record_publications(self, entries: list[dict]) -> None:
        """Append what a view newly published; nothing is ever changed or removed."""


def atom_ids(atoms: Atoms) -> list[tuple]:
    """Per atom: (period, function, department, n, fingerprint of all its sums, in the atoms' column order)."""
    sums = [c for c in atoms.columns if c not in (*DIMENSIONS, "tactic", "item", "people")]  # people: not a sum
    ids = []
    columns = [atoms[name].tolist() for name in (*DIMENSIONS, *sums)]
    for row, n in zip(zip(*columns, strict=True), atoms["n"].tolist(), strict=True):
        values = tuple(round(float(v), 6) for v in row[3:])
        digest = hashlib.sha256(repr(values).encode()).hexdigest()[:16]
        ids.append((*(None if v is None or v != v else v for v in row[:3]), int(n), digest))
    return ids


def against(history: list[list[list]], ids: list[tuple], sizes, k: int) -> tuple[list[int], list[tuple], list[tuple]]:
    """The earlier cells of one measure as rows over the atoms now, with the ghost columns they need.

    Returns the sizes of all columns (the atoms', then the ghosts'), the earlier cells as index tuples (`known`),
    and the groups to protect whatever their size (`guard`)."""
    where = {atom[:3]: index for index, atom in enumerate(ids)}
    columns = [int(n) for n in sizes]
    ghosts: dict[tuple, int] = {}
    known, guard = [], []
    for cell in history:
        row = []
        for atom in map(tuple, cell):
            place, n_then = atom[:3], int(atom[3])
            now = where.get(place)
            if now is not None and tuple(ids[now]) == atom:
                row.append(now)
                continue
            if atom not in ghosts:
                ghosts[atom] = len(columns)
                changed = abs(n_then - columns[now]) if now is not None else n_then
                columns.append(max(1, changed))
                guard.append((ghosts[atom],))
                if now is not None and 0 < n_then < k:
                    guard.append(tuple(sorted((now, ghosts[atom]))))
            row.extend([now, ghosts[atom]] if now is not None else [ghosts[atom]])
        known.append(tuple(sorted(set(row))))
    return columns, known, guard


def published_entries(measure: str, key: str | None, cells, ids: list[tuple], history: list[list[list]]) -> list[dict]:
    """The cells published now that no earlier entry holds, as history entries."""
    before = {tuple(map(tuple, cell)) for cell in history}
    new = []
    for cell in cells:
        if not cell.published_shape or cell.status is not None or not cell.n:
            continue
        atoms = tuple(tuple(ids[a]) for a in cell.atoms)
        if atoms not in before:
            before.add(atoms)
            new.append([list(a) for a in atoms])
    return [{"measure": measure, "id": key, "cells": new}] if new else []


def by_measure(entries: list[dict]) -> dict[tuple, list[list[list]]]:
    """History entries gathered per (measure, id): every cell published before, as its atoms."""
    gathered: dict[tuple, list] = {}
    for entry in entries:
        gathered.setdefault((entry["measure"], entry["id"]), []).extend(entry["cells"])
    return gathered
