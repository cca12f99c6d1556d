"""The report as an Excel workbook: Summary, Scores (traffic-light gaps and a native bar chart of score against
target), Departments (the heatmap's table, hidden cells saying why), Trend (the index per period), Findings and
Actions, each printing landscape, one page wide, its title row on every page. Every text cell is neutralised and stored as text, never as a formula."""

from __future__ import annotations

import io
import math

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..actions import write_actions_sheet
from ..gap_levels import FAR, LEVELS_NOTE, MET, SHORT
from ..spreadsheet_safe import append_row
from .content import ReportContent, TacticView

HEADER_FILL = PatternFill("solid", fgColor="1F3B57")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=16)
TOP_WARNINGS = 3
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT_WRAP = Alignment(wrap_text=True, vertical="top", horizontal="left")
SCORE_FORMAT = "0.00"
SIGNED_FORMAT = "+0.00;-0.00;0.00"
PERCENT_FORMAT = "0 %"
STATUS_FILLS = {"fail": FAR.fill, "warn": SHORT.fill, "error": SHORT.fill, "pass": MET.fill}

SCORE_COLUMNS = (
    # header, width, number format
    ("Code", 8, None),
    ("Tactic", 38, None),
    ("Score", 12, SCORE_FORMAT),
    ("95 % CI low", 12, SCORE_FORMAT),
    ("95 % CI high", 12, SCORE_FORMAT),
    ("Target", 9, SCORE_FORMAT),
    ("Gap to target", 13, SIGNED_FORMAT),
    ("Gap level", 18, None),
    ("Favourable", 12, PERCENT_FORMAT),
    ("IT", 12, SCORE_FORMAT),
    ("Business", 12, SCORE_FORMAT),
    ("IT − Business", 14, SIGNED_FORMAT),
    ("Respondents", 12, "#,##0"),
)
SCORE_HEADERS = tuple(c[0] for c in SCORE_COLUMNS)
GAP_COLUMN = get_column_letter(SCORE_HEADERS.index("Gap to target") + 1)
LEVEL_COLUMN = get_column_letter(SCORE_HEADERS.index("Gap level") + 1)


def _header(sheet: Worksheet, headers: tuple[str, ...] | list[str], widths: list[int]) -> None:
    append_row(sheet, list(headers))
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{sheet.max_row + 1}"


def _summary(sheet: Worksheet, content: ReportContent) -> None:
    analysis = content.analysis
    append_row(sheet, [content.title])
    sheet["A1"].font = TITLE_FONT
    if content.headline is not None:  # the answer first, as on the screen
        append_row(sheet, ["Where to start", content.headline.sentence])
        sheet["A2"].font = Font(bold=True, size=13)
        sheet["B2"].font = Font(size=13)
        sheet["B2"].alignment = LEFT_WRAP
    rows = [
        ("Data", content.data_label),
        *content.filters,
        ("Respondents", content.respondents),
        ("Alignment index (0–100)", analysis.alignment_index if analysis.alignment_index is not None else "–"),
        ("Maturity", content.maturity_text),
        ("Smallest group shown", f"{analysis.min_group_size} respondents; smaller groups are hidden"),
        ("Created", content.created.isoformat()),
    ]
    sheet.append([])
    for label, value in rows:
        append_row(sheet, [label, value])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    for note in content.notes:
        append_row(sheet, ["Note", note])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([])
    append_row(sheet, ["Every failed check, then the top warnings"])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=13)
    failed = [line for line in content.findings if line.status == "fail"]
    warnings = [line for line in content.findings if line.status in {"warn", "error"}][:TOP_WARNINGS]
    for line in failed + warnings:
        append_row(sheet, [f"{line.status_label}: {line.title}", f"{line.message} How to fix: {line.fix}"])
    if not content.top:
        append_row(sheet, ["None", "No check failed or warned for this selection."])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 100
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = LEFT_WRAP


def _score_row(view: TacticView) -> list:
    result = view.result
    if not view.shown:
        return [result.code, result.name, view.hidden_reason, None, None, result.target, None, None, None, None, None, None, None]
    low, high = result.ci95 or (None, None)
    fav = None if result.favorable_pct is None else result.favorable_pct / 100
    if view.split_shown:
        split = [result.it_score, result.business_score, result.perception_gap]
    else:
        split = [view.split_reason, None, None]
    level = view.level.label if view.level else None
    return [result.code, result.name, result.score, low, high, result.target, result.gap, level, fav, *split, result.n]


def _scores(sheet: Worksheet, content: ReportContent) -> None:
    _header(sheet, SCORE_HEADERS, [c[1] for c in SCORE_COLUMNS])
    for view in content.tactics:
        append_row(sheet, _score_row(view))
        for cell, (_, _, number_format) in zip(sheet[sheet.max_row], SCORE_COLUMNS, strict=True):
            if number_format and isinstance(cell.value, (int, float)):
                cell.number_format = number_format
            if isinstance(cell.value, str) and len(cell.value) > 14:
                cell.alignment = WRAP
        if view.level is not None:  # the verdict decided with the scores, not a rule of the sheet's own
            for column in (GAP_COLUMN, LEVEL_COLUMN):
                cell = sheet[f"{column}{sheet.max_row}"]
                cell.fill = PatternFill("solid", fgColor=view.level.fill[1:])
                cell.font = Font(bold=True)
    last = sheet.max_row
    append_row(sheet, [])
    append_row(sheet, ["", LEVELS_NOTE])
    _score_chart(sheet, last)


def _score_chart(sheet: Worksheet, last_row: int) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Score against target"
    chart.y_axis.title = "Score (1–5)"
    chart.y_axis.scaling.min = 1
    chart.y_axis.scaling.max = 5
    chart.y_axis.majorUnit = 1
    chart.y_axis.number_format = "0"
    chart.x_axis.delete = chart.y_axis.delete = False  # shown: openpyxl 3.1 otherwise leaves Excel to hide both axes
    chart.x_axis.scaling.orientation = "maxMin"  # REL at the top, as on the screen
    score_column = SCORE_HEADERS.index("Score") + 1
    target_column = SCORE_HEADERS.index("Target") + 1
    for column in (score_column, target_column):
        chart.add_data(Reference(sheet, min_col=column, min_row=1, max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last_row))
    chart.series[0].graphicalProperties.solidFill = "0072B2"
    chart.series[1].graphicalProperties.solidFill = "9E9E9E"
    chart.height, chart.width = 9, 18
    sheet.add_chart(chart, f"B{last_row + 4}")


def _findings(sheet: Worksheet, content: ReportContent) -> None:
    headers = ("Status", "Check", "Tactic", "Severity", "Title", "Message", "How to fix")
    _header(sheet, headers, [15, 9, 8, 10, 32, 80, 60])
    for line in content.findings:
        append_row(sheet, [line.status_label, line.check, line.tactic, line.severity, line.title, line.message, line.fix])
        for cell in sheet[sheet.max_row]:
            cell.alignment = WRAP
        if line.status in STATUS_FILLS:
            sheet.cell(row=sheet.max_row, column=1).fill = PatternFill("solid", fgColor=STATUS_FILLS[line.status][1:])
    if not content.findings:
        append_row(
            sheet, ["–", "", "", "", "No findings", "No findings for this selection (see the notes on the Summary sheet).", ""]
        )


def _departments(sheet: Worksheet, content: ReportContent) -> None:
    """The Overview's department heatmap as a table: a score, or why the cell is hidden."""
    codes = [view.code for view in content.tactics]
    _header(sheet, ["Department", "Function", *codes], [28, 12, *([16] * len(codes))])
    grid = content.departments
    if grid is None or grid.empty:
        append_row(sheet, ["No department in this selection."])
        return
    for (department, function), rows in grid.groupby(["department", "function"], sort=False, dropna=False):
        by_code = {row.tactic: row for row in rows.itertuples()}
        values = []
        for code in codes:
            row = by_code.get(code)
            values.append(None if row is None else (row.label if row.hidden else row.score))
        append_row(sheet, [department, function if isinstance(function, str) else "", *values])
        for cell in sheet[sheet.max_row][2:]:
            if isinstance(cell.value, float):
                cell.number_format = SCORE_FORMAT
            elif isinstance(cell.value, str):
                cell.alignment, cell.font = WRAP, Font(italic=True, color="444444")
    append_row(sheet, [])
    append_row(sheet, ["Scores are mean scores (1–5); a hidden cell says why, as on the screen."])


def _trend(sheet: Worksheet, content: ReportContent) -> None:
    _header(sheet, ["Period", "Alignment index (0–100)", "Tactics with a score", "Respondents"], [16, 24, 20, 14])
    if content.trend_chart is None:
        append_row(sheet, [content.trend_message])
        sheet.cell(row=sheet.max_row, column=1).alignment = LEFT_WRAP
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4)
        sheet.row_dimensions[sheet.max_row].height = LINE_HEIGHT * 4
        return
    for row in content.trend.index.itertuples():
        index = None if row.alignment_index != row.alignment_index else round(float(row.alignment_index), 1)
        append_row(sheet, [str(row.period), index, int(row.tactics_scored), int(row.respondents)])
        sheet.cell(row=sheet.max_row, column=2).number_format = "0"
    append_row(sheet, [])
    append_row(sheet, [f"The index the targets would give: {content.target_index:.0f}."])


def print_setup(sheet: Worksheet) -> None:
    """Landscape, one page wide (as many long as it takes), the first row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


LINE_HEIGHT = 15  # points per line of 11 pt text


def fit_row_heights(sheet: Worksheet) -> None:
    """Row heights for wrapped text (spreadsheets do not grow rows written by a program), from each cell's
    length against its column's width."""
    for row in sheet.iter_rows(min_row=1):
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or not (cell.alignment and cell.alignment.wrap_text):
                continue
            width = sheet.column_dimensions[cell.column_letter].width or 10
            for part in cell.value.split("\n"):
                lines = max(lines, math.ceil(len(part) / max(1.0, width * 1.1)))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


def render_xlsx(content: ReportContent) -> bytes:
    workbook = Workbook()
    _summary(workbook.active, content)
    workbook.active.title = "Summary"
    _scores(workbook.create_sheet("Scores"), content)
    _departments(workbook.create_sheet("Departments"), content)
    _trend(workbook.create_sheet("Trend"), content)
    _findings(workbook.create_sheet("Findings"), content)
    write_actions_sheet(workbook, content.actions)
    for sheet in workbook.worksheets:
        fit_row_heights(sheet)
        print_setup(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
