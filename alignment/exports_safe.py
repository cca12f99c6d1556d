"""Downloads of user data (findings, the validation report) that are safe to open in a spreadsheet.

A cell that starts with = + - @, a tab, CR or LF would be run as a formula by Excel or LibreOffice
("CSV injection"); such text gets a leading apostrophe, which shows it as the text it is.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per frame; every text cell neutralised and stored as text, never as a formula."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, frame in sheets.items():
        sheet = workbook.create_sheet(title[:31])
        safe = safe_frame(frame)
        sheet.append(list(safe.columns))
        for row in safe.itertuples(index=False):
            sheet.append([None if (isinstance(v, float) and v != v) else v for v in row])
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        for index, column in enumerate(safe.columns, start=1):
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
