"""The template workbook: instructions, a Responses sheet with dropdowns, and the evidence sheets."""

from __future__ import annotations

import datetime as dt
import functools
import io
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .ingest.cells import AGREEMENT_CHOICES, NO_ANSWER_CHOICE
from .ingest.evidence import EVIDENCE_TABLES
from .ingest.read import RESPONSES_SHEET
from .items import ITEMS, header_for
from .tactics import TACTICS

META_HEADERS = ("respondent_id", "period", "submitted", "function", "department", "role")
RESPONSE_HEADERS: tuple[str, ...] = META_HEADERS + tuple(header_for(item) for item in ITEMS)
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)
MAX_TEMPLATE_ROWS = 5000
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")

INSTRUCTIONS = (
    [
        ("IT-business alignment self-assessment: template", "title"),
        ("", ""),
        ("1. Give the statements on the Responses sheet to everyone taking part, in IT and in the business.", ""),
        (
            "2. One row per respondent. Answer each statement with the dropdown: Strongly disagree ... Strongly agree, "
            "or N/A. Numbers 1-5 work too (1 = Strongly disagree, 5 = Strongly agree).",
            "",
        ),
        (
            "3. function is IT or Business; department is the respondent's unit; period is the survey round, "
            "e.g. 2026-Q3 (or leave it blank and give the submitted date).",
            "",
        ),
        ("4. Columns ending in -O are open questions: answers in the respondent's own words.", ""),
        (
            "   Columns ending in -I are optional: how important each tactic is to the respondent, 1 (not at all "
            "important) to 5 (extremely important). They never count in a score; answered, they set the priorities.",
            "",
        ),
        (
            "5. Optional evidence sheets (Departments, KPIs, Engagements, Rotations, WorkItems, Initiatives) let the "
            "dashboard compare what people say with what the organisation does. Replace the example rows.",
            "",
        ),
        ("6. Upload the workbook, or the Responses sheet saved as CSV, on the dashboard's Home page.", ""),
        ("", ""),
        ("Privacy: do not add names or e-mail addresses. Groups with fewer than 5 respondents are never shown.", ""),
        ("Items marked (reverse-coded) are worded negatively; the dashboard scores them as 6 minus the answer.", ""),
        ("", ""),
        ("The six tactics", "heading"),
    ]
    + [(f"{t.code} - {t.name}: {t.good_looks_like}", "") for t in TACTICS]
    + [
        ("", ""),
        ("Items", "heading"),
    ]
    + [(f"{item.id} ({item.kind}{', reverse-coded' if item.reverse else ''}): {item.text}", "") for item in ITEMS]
)


def _style_header(sheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"


def _write_rows(sheet, rows) -> None:
    for row in rows:
        sheet.append([None if (isinstance(v, float) and v != v) else v for v in row])


def build_template(
    out: str | BinaryIO,
    responses: pd.DataFrame | None = None,
    evidence: dict[str, pd.DataFrame] | None = None,
) -> None:
    """Write the template workbook; with data, the same layout filled in (used for the sample)."""
    workbook = Workbook()
    workbook.properties.created = FIXED_TIMESTAMP
    workbook.properties.modified = FIXED_TIMESTAMP
    workbook.properties.creator = "alignment"

    instructions = workbook.active
    instructions.title = "Instructions"
    instructions.column_dimensions["A"].width = 140
    for text, style in INSTRUCTIONS:
        instructions.append([text])
        cell = instructions.cell(row=instructions.max_row, column=1)
        cell.alignment = Alignment(wrap_text=True)
        if style == "title":
            cell.font = Font(bold=True, size=14)
        elif style == "heading":
            cell.font = Font(bold=True)

    sheet = workbook.create_sheet(RESPONSES_SHEET)
    sheet.append(list(RESPONSE_HEADERS))
    sheet.row_dimensions[1].height = 90
    _style_header(sheet, [14, 10, 12, 11, 18, 14] + [22] * len(ITEMS))
    if responses is not None:
        shown = responses.reindex(columns=list(RESPONSE_HEADERS)).astype(object)  # optional columns left blank
        _write_rows(sheet, shown.where(shown.notna(), None).itertuples(index=False))
    last_row = max(MAX_TEMPLATE_ROWS, sheet.max_row)
    answers = DataValidation(
        type="list",
        formula1='"' + ",".join((*AGREEMENT_CHOICES, NO_ANSWER_CHOICE)) + '"',
        allow_blank=True,
        errorStyle="warning",
        errorTitle="Not an answer",
        error="Pick an agreement label or N/A (numbers 1-5 are accepted too).",
    )
    functions = DataValidation(
        type="list",
        formula1='"IT,Business"',
        allow_blank=True,
        errorTitle="IT or Business",
        error="function must be IT or Business.",
    )
    importance = DataValidation(
        type="list",
        formula1='"1,2,3,4,5"',
        allow_blank=True,
        errorStyle="warning",
        errorTitle="Not an importance",
        error="1 = not at all important ... 5 = extremely important (optional).",
    )
    sheet.add_data_validation(answers)
    sheet.add_data_validation(functions)
    sheet.add_data_validation(importance)
    functions.add(f"D2:D{last_row}")
    for col, item in enumerate(ITEMS, start=len(META_HEADERS) + 1):
        letter = get_column_letter(col)
        if item.kind == "likert":
            answers.add(f"{letter}2:{letter}{last_row}")
        elif item.kind == "importance":
            importance.add(f"{letter}2:{letter}{last_row}")

    for table in EVIDENCE_TABLES:
        evidence_sheet = workbook.create_sheet(table.name)
        evidence_sheet.append(list(table.columns))
        _style_header(evidence_sheet, [max(14, len(c) + 4) for c in table.columns])
        frame = (evidence or {}).get(table.name)
        rows = frame[list(table.columns)].itertuples(index=False) if frame is not None else [table.example]
        _write_rows(evidence_sheet, rows)
        for row in evidence_sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, (dt.date, dt.datetime)):
                    cell.number_format = "yyyy-mm-dd"
    workbook.save(out)


@functools.cache
def template_bytes() -> bytes:
    """The blank template, built once per process (the download button asks on every rerun)."""
    buffer = io.BytesIO()
    build_template(buffer)
    return buffer.getvalue()
