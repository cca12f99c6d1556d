"""Downloads of user data (findings, the validation report) that are safe to open in a spreadsheet.

A cell that starts with = + - @, a tab, CR or LF would be run as a formula by Excel or LibreOffice
("CSV injection"); such text gets a leading apostrophe, which shows it as the text it is.

A CSV file is read by a spreadsheet with the list separator of its locale (a semicolon in much of Europe), so
a cell may start after any comma, semicolon, tab, pipe or line break inside a value: in a CSV download each
of these followed by formula-like text gets the apostrophe too (csv_text), and every text field is quoted.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: object) -> object:
    """Text that starts like a formula with an apostrophe before it; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unneutralise(value: object) -> object:
    """The text neutralise was given: a workbook cell read back as it was written."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def append_row(sheet, values: list) -> None:
    """A row at the end of an openpyxl sheet, every text neutralised and stored as text (never as a formula,
    however it looks): the one way this project writes a workbook row."""
    sheet.append([neutralise(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


# Where a spreadsheet may start a cell in a CSV value: its start, or after a separator it might split on or a
# line break, past any blanks and double quotes it may strip; there formula-like text gets one more apostrophe
# ("'=x" becomes "''=x", so that csv_untext gives back exactly what was written).
_CELL_START = r"(?:^|(?<=[,;\t|\r\n]))([ \"]*)"
_CSV_FORMULA = re.compile(_CELL_START + r"(?='*[=+\-@])|^(?='*[\t\r\n])")
_CSV_NEUTRALISED = re.compile(_CELL_START + r"'(?='*[=+\-@])|^'(?='*[\t\r\n])")


def csv_text(value: str) -> str:
    """Text for a CSV file that no spreadsheet reads as a formula, whatever separator it splits the line on."""
    return _CSV_FORMULA.sub(lambda m: (m[1] or "") + "'", value)


def csv_untext(value: str) -> str:
    """The text csv_text was given: one apostrophe fewer where it added one."""
    return _CSV_NEUTRALISED.sub(lambda m: m[1] or "", value)


def _csv_neutralise(value: object) -> object:
    return csv_text(value) if isinstance(value, str) else value


def safe_frame(frame: pd.DataFrame, neutralise_text) -> pd.DataFrame:
    safe = frame.copy()
    safe.columns = [neutralise_text(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_text)
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as CSV (UTF-8 with a byte-order mark, so Excel reads accents): every text field quoted, so a
    separator, quote or line break in it never splits it, and formula-like text neutralised (csv_text)."""
    text = safe_frame(frame, _csv_neutralise).to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC)
    return text.encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per frame; every text cell neutralised and stored as text, never as a formula."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, frame in sheets.items():
        sheet = workbook.create_sheet(title[:31])
        append_row(sheet, [str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            append_row(sheet, [None if (isinstance(v, float) and v != v) else v for v in row])
        for index, column in enumerate(frame.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(12, len(str(column)) + 4))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def validation_report_xlsx(dataset) -> bytes:
    """The validation report of a loaded dataset, one sheet per table."""
    return xlsx_bytes({title.capitalize(): frame for title, frame in dataset.report.frames().items()})


def findings_frame(findings) -> pd.DataFrame:
    columns = ["check", "name", "tactic", "kind", "severity", "status", "message", "value", "threshold"]
    return pd.DataFrame([{c: f.to_json()[c] for c in columns} for f in findings], columns=columns)
