"""What was kept and dropped on the way from the files to the analysis, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

COLUMN_SCALE_FIELDS = ("file", "sheet", "column", "header", "item", "scale", "title", "points", "low", "high")
COLUMN_SCALE_FIELDS += ("direction", "chosen_by")


@dataclass
class ValidationReport:
    """Everything that did not make it from the file into the analysis, and why."""

    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_kept: int = 0
    dropped_rows: list[dict] = field(default_factory=list)  # file, sheet, row, reason
    dropped_columns: list[dict] = field(default_factory=list)  # file, sheet, column, header, reason
    cell_issues: list[dict] = field(default_factory=list)  # file, sheet, row, column, value, reason
    mapped_columns: list[dict] = field(default_factory=list)  # file, sheet, column, header, maps_to, confidence
    mapping: list = field(default_factory=list)  # the ColumnChoice per column that produced the above
    # per answer column its detected scale: file, sheet, column, header, item, scale (name), title, points, low,
    # high, direction ("ascending": the scale's high end scores 5; "descending": the user says the answers run from
    # the favourable end; "reversed": a reverse-coded item, scored 6 - x), chosen_by ("detected" or "the mapping")
    column_scales: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # things that limit the results
    notes: list[str] = field(default_factory=list)  # what was recognised or done, for information

    def summary(self) -> str:
        return (
            f"{self.rows_kept:,} of {self.rows_read:,} rows kept; {len(self.dropped_rows):,} rows and "
            f"{len(self.dropped_columns):,} columns dropped; {len(self.cell_issues):,} cells treated as no answer."
        )

    def frames(self) -> dict[str, pd.DataFrame]:
        return {
            "dropped rows": pd.DataFrame(self.dropped_rows, columns=["file", "sheet", "row", "reason"]),
            "dropped columns": pd.DataFrame(self.dropped_columns, columns=["file", "sheet", "column", "header", "reason"]),
            "cell issues": pd.DataFrame(self.cell_issues, columns=["file", "sheet", "row", "column", "value", "reason"]),
            "column scales": pd.DataFrame(self.column_scales, columns=list(COLUMN_SCALE_FIELDS)),
            "recognised columns": pd.DataFrame(
                self.mapped_columns, columns=["file", "sheet", "column", "header", "maps_to", "confidence", "scale"]
            ),
        }
