"""A measure's atoms for the disclosure decisions: its period x function x department groups as named columns."""

from __future__ import annotations

import numpy as np
import pandas as pd


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
