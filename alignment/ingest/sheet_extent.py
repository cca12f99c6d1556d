"""How far a sheet's values reach, as the workbook sizing (extent.py) finds it from the file's own records."""

from __future__ import annotations

from dataclasses import dataclass, field


def column_name(number: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    name = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


@dataclass
class SheetExtent:
    """How far a sheet's values reach (1-based; 0 when it holds none) and what is worth telling about it."""

    sheet: str
    rows: int = 0
    columns: int = 0
    lowest_cell: str = ""  # the cell that sets `rows`
    rightmost_cell: str = ""  # the cell that sets `columns`
    hidden: str = ""  # "", "hidden" or "veryHidden"
    formulas_without_values: int = 0
    formula_examples: list[str] = field(default_factory=list)

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    def reach(self, row: int, column: int, cell: str | None = None) -> None:
        if row > self.rows:
            self.rows, self.lowest_cell = row, cell or f"{column_name(column)}{row}"
        if column > self.columns:
            self.columns, self.rightmost_cell = column, cell or f"{column_name(column)}{row}"

    def absorb(self, piece: SheetExtent | None) -> bool:
        """Take in what a later piece of the same sheet reaches (the farther cell wins; on a tie the earlier
        piece's); False when the piece could not be sized (None)."""
        if piece is None:
            return False
        if piece.rows > self.rows:
            self.rows, self.lowest_cell = piece.rows, piece.lowest_cell
        if piece.columns > self.columns:
            self.columns, self.rightmost_cell = piece.columns, piece.rightmost_cell
        self.formulas_without_values += piece.formulas_without_values
        self.formula_examples = [*self.formula_examples, *piece.formula_examples][:3]
        return True
