"""A measure's atoms for the disclosure decisions: its period x function x department groups as named columns.

Every measure (the respondents, a tactic, a statement) is decided over the same groups, the respondents' own: a group
that skipped a question is protected exactly as one that answered it. Groups makes each measure's atoms over them
from the measure's rows, which rows_by_measure takes from one query for all the measures.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

DIMENSIONS = ("period", "function", "department")


class Atoms:
    """A measure's atoms (period x function x department groups) as named NumPy columns, in order: the dimensions,
    `people` where counted, then the measure's sums. Deciding reads its columns many times per measure and a survey
    has dozens of measures: a column here is a dict look-up, not a DataFrame's."""

    __slots__ = ("_columns",)

    def __init__(self, columns: dict[str, np.ndarray]) -> None:
        self._columns = columns

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Atoms:
        return cls({str(name): frame[name].to_numpy() for name in frame.columns})

    @property
    def columns(self) -> list[str]:
        return list(self._columns)

    def __getitem__(self, name: str) -> np.ndarray:
        return self._columns[name]

    def get(self, name: str, default=None):
        return self._columns.get(name, default)

    def __len__(self) -> int:
        return len(next(iter(self._columns.values()), ()))

    def matrix(self, names) -> np.ndarray:
        """The named columns side by side, as floats (atoms x names)."""
        return np.column_stack([np.asarray(self._columns[name], dtype=float) for name in names])


def rows_by_measure(frame: pd.DataFrame, column: str) -> dict[str, dict[str, np.ndarray]]:
    """The rows of each value of `column` (the frame is sorted by it) as NumPy columns: one measure's rows each. Rows
    without a value (NULL) are no measure's, as pandas' groupby leaves them out."""
    arrays = {name: frame[name].to_numpy() for name in frame.columns}
    values = arrays[column]
    bounds = [0, *(np.flatnonzero(values[1:] != values[:-1]) + 1).tolist(), len(values)] if len(values) else []
    return {
        values[a]: {name: array[a:b] for name, array in arrays.items()}
        for a, b in itertools.pairwise(bounds)
        if not pd.isna(values[a])
    }


class Groups:
    """Every period x function x department group with respondents and how many (`people`), in the order atoms are
    kept in; `row` finds a group's place by its (period, function, department)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame.sort_values(list(DIMENSIONS)).reset_index(drop=True)
        self.columns = {name: self.frame[name].to_numpy() for name in self.frame.columns}
        self.row = {key: row for row, key in enumerate(zip(*(self.frame[d].tolist() for d in DIMENSIONS), strict=True))}

    def atoms(self, answered: dict[str, np.ndarray] | None, sums: tuple[str, ...]) -> Atoms | None:
        """A measure's atoms: every group, with its sums over those who answered (zero where nobody did); None when
        nobody answered at all. `answered`: the measure's rows (one per group that answered), from rows_by_measure."""
        if answered is None:
            return None
        rows = [self.row.get(key, -1) for key in zip(*(answered[d].tolist() for d in DIMENSIONS), strict=True)]
        if -1 in rows or len(set(rows)) < len(rows):  # ingest gives every respondent a period, function and department
            raise ValueError("a measure's rows must be one per group of respondents, each a group the respondents have")
        whole = len(rows) == len(self.frame)  # every group answered: the sums keep their type, as the merge keeps them
        columns = dict(self.columns)
        for name in sums:
            values = answered[name]
            if values.dtype.kind not in "iub":  # no answer: zero, as pandas' fillna(0)
                values = np.where(pd.isna(values), 0, values).astype(values.dtype)
            columns[name] = np.zeros(len(self.frame), dtype=values.dtype if whole else float)
            columns[name][rows] = values
        return Atoms(columns)
