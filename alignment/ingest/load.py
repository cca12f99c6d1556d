"""Loading one or more uploaded files: the survey from one or more of them (several combine), evidence tables from any.

The one orchestrator of ingest: each file is checked (filecheck), read into sheets (read), and each sheet
is told apart as survey answers (survey) or an evidence table (evidence); the report collects what was dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..errors import InputError
from ..memory import release
from .admission import admitted
from .cells import is_blank, normalise
from .combine import combine_surveys
from .evidence import EVIDENCE_TABLES, parse_evidence, recognise
from .filecheck import check_upload
from .limits import check_upload_size, parse_cost
from .read import (
    HEADER_SEARCH_ROWS,
    OLE_MAGIC,
    RESPONSES_SHEET,
    ZIP_MAGIC,
    CsvSource,
    WorkbookSheet,
    csv_sheet_name,
    is_csv,
    open_workbook,
    read_csv_source,
    read_sheets,
    shared_reader,
    sheet_rows,
)
from .survey import SurveyTables, find_responses_sheet, looks_like_survey, parse_responses, parse_source_responses

IGNORED_SHEETS = {"instructions", "readme", "notes"}


@dataclass
class LoadedFiles:
    survey: SurveyTables
    evidence: dict[str, pd.DataFrame] = field(default_factory=dict)
    evidence_sources: list[dict] = field(default_factory=list)  # table, file, sheet, rows


def _first_row(rows: list[list]) -> list:
    return next((row for row in rows if not all(is_blank(c) for c in row)), [])


def _sheets(filename: str, data: bytes, lines: int | None = None):
    """(sheet name, first rows, source) per sheet: a lazily parsed CsvSource for CSV; for a workbook, the
    sheets named like the template's (Responses and the evidence tables) as WorkbookSheets, read as text
    columns, and every other sheet as rows of typed cells."""
    if is_csv(filename, data):
        source = read_csv_source(filename, data, lines)
        yield csv_sheet_name(filename), source.head(), source
        return
    workbook = open_workbook(filename, data)  # or the specific error for an empty file or a false workbook
    reader = shared_reader(data)
    for name in workbook.sheet_names:
        if normalise(name) in IGNORED_SHEETS:
            continue  # never survey answers nor evidence (load_files skips them too): not even read
        if normalise(name) == normalise(RESPONSES_SHEET) or recognise(name, []) is not None:
            sheet = WorkbookSheet(filename, name, data, reader)
            yield name, sheet.head(), sheet
        else:
            rows = sheet_rows(filename, data, workbook, name)
            yield name, rows[: HEADER_SEARCH_ROWS + 1], rows


def load_files(files: list[tuple[str, bytes]], mapping: dict | None = None) -> LoadedFiles:
    """The survey and evidence tables in the files; `mapping` (from mapping.mapping_from_json) overrides
    the automatic column mapping of the survey wherever a header matches."""
    if not files:
        raise InputError("No file was given.", "Upload the template workbook or its Responses sheet as CSV.")
    # before anything is parsed or queued; a CSV's line count is kept for its reader
    lines = [check_upload_size(filename, data, is_csv(filename, data)) for filename, data in files]
    try:
        with admitted(parse_cost(files, is_csv)):  # waits while other sessions' parses hold the memory budget
            return _load_files(files, mapping, lines)
    finally:
        release()  # what the parse allocated and freed goes back to the system, not to the next session's slack


def _load_files(files: list[tuple[str, bytes]], mapping: dict | None, lines: list[int | None]) -> LoadedFiles:
    surveys: list[tuple[str, SurveyTables]] = []  # (file, its survey), in upload order
    survey_source = ""
    pieces: dict[str, list[pd.DataFrame]] = {}
    sources: list[dict] = []
    problems: list[dict] = []
    dropped_columns: list[dict] = []
    notes: list[str] = []
    file_notes: list[str] = []
    unrecognised: list[tuple[str, bytes, dict]] = []
    csv_sources: list[CsvSource] = []  # their stray quotes and cut cells, told once all is read
    for (filename, data), counted in zip(files, lines, strict=True):
        file_notes.extend(check_upload(filename, data))  # refuses unsafe or unreadable files before any parsing
        for sheet, head, source in _sheets(filename, data, counted):
            if isinstance(source, CsvSource):
                csv_sources.append(source)
            is_workbook = not isinstance(source, CsvSource)
            fast = isinstance(source, (CsvSource, WorkbookSheet))
            if all(all(is_blank(c) for c in row) for row in head):
                continue
            is_responses = normalise(sheet) == normalise(RESPONSES_SHEET) if is_workbook else None
            if not is_responses and normalise(sheet) not in IGNORED_SHEETS:
                is_responses = recognise(sheet, _first_row(head)) is None and looks_like_survey(head, mapping)
            if is_responses:
                here = f"sheet '{sheet}' of '{filename}'" if is_workbook else f"'{filename}'"
                if surveys and surveys[-1][0] == filename:  # several files (rounds) combine; one file holds one survey
                    raise InputError(
                        f"Both {survey_source} and {here} hold survey answers.",
                        "Upload one survey (one Responses sheet) per file, together with any evidence files.",
                    )
                surveys.append(
                    (
                        filename,
                        parse_source_responses(filename, sheet, source, mapping)
                        if fast
                        else parse_responses(filename, sheet, source, mapping),
                    )
                )
                survey_source = here
                continue
            if is_workbook and normalise(sheet) in IGNORED_SHEETS:
                continue
            table = recognise(sheet, _first_row(head))
            if table is None:
                unrecognised.append((filename, data, {"file": filename, "sheet": sheet}))
                continue
            parsed = parse_evidence(filename, sheet, source, table)
            problems.extend(parsed.problems)
            dropped_columns.extend(parsed.dropped_columns)
            file_notes.extend(parsed.notes)
            if len(parsed.frame):
                pieces.setdefault(table.key, []).append(parsed.frame)
            sources.append({"table": table.name, "file": filename, "sheet": sheet, "rows": len(parsed.frame)})
    if not surveys:
        if len(files) == 1:
            filename, data = files[0]
            sheets = read_sheets(filename, data)
            if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
                find_responses_sheet(filename, sheets, mapping)  # raises the specific "no Responses sheet" error
            sheet, rows = next(iter(sheets.items()))
            parse_responses(filename, sheet, rows, mapping)  # raises the specific "no item column" error
        raise InputError(
            f"None of the {len(files)} files holds survey answers.",
            f"Include the template workbook (with its '{RESPONSES_SHEET}' sheet) or the Responses sheet as CSV.",
        )
    for source in csv_sources:
        notes.extend(source.warnings)
        file_notes.extend(source.notes)
    for _, _, where in unrecognised:
        notes.append(
            f"Sheet '{where['sheet']}' of '{where['file']}' is neither survey answers nor an evidence table "
            f"({', '.join(t.name for t in EVIDENCE_TABLES)}); it was not used."
        )
    survey = combine_surveys([part for _, part in surveys], [name for name, _ in surveys])
    report = survey.report
    report.files = [name for name, _ in files]
    report.dropped_rows.extend(problems)
    report.dropped_columns.extend(dropped_columns)
    report.warnings.extend(notes)
    report.notes[:0] = file_notes
    evidence = {key: pd.concat(frames, ignore_index=True) for key, frames in pieces.items()}
    return LoadedFiles(survey, evidence, sources)


def load_survey(filename: str, data: bytes) -> SurveyTables:
    """Read one uploaded file (template workbook or its Responses sheet as CSV)."""
    lines = check_upload_size(filename, data, is_csv(filename, data))
    check_upload(filename, data)
    if is_csv(filename, data):  # a CSV is its own sheet
        source = read_csv_source(filename, data, lines)
        survey = parse_source_responses(filename, csv_sheet_name(filename), source)
        survey.report.warnings.extend(source.warnings)
        survey.report.notes.extend(source.notes)
        return survey
    named = [name for name in open_workbook(filename, data).sheet_names if normalise(name) == normalise(RESPONSES_SHEET)]
    if named:  # the template's Responses sheet takes the fast path, as in the app
        return parse_source_responses(filename, named[0], WorkbookSheet(filename, named[0], data))
    sheet, rows = find_responses_sheet(filename, read_sheets(filename, data))
    return parse_responses(filename, sheet, rows)
