"""Reading uploaded spreadsheets into tidy survey tables, with a report of everything dropped.

Files are judged by their content, not their extension. Workbooks are read with
python-calamine, except the Responses and evidence sheets named as in the template, which fastexcel
(the same calamine reader) hands over as Arrow text columns; CSV text with Arrow's CSV reader, or the standard csv module
for files it cannot read. The Responses sheet is wide (one
row per respondent); it becomes three long tables: respondents, answers, comments.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute
import pyarrow.csv as pacsv
from fastexcel import FastExcelError
from fastexcel import read_excel as fastexcel_workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineError, CalamineWorkbook

from ..errors import InputError
from ..items import ITEMS, ITEMS_BY_ID, Item

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RESPONSES_SHEET = "Responses"
HEADER_SEARCH_ROWS = 10

AGREEMENT_LABELS: dict[str, int] = {
    "strongly disagree": 1,
    "disagree": 2,
    "neither agree nor disagree": 3,
    "neither agree or disagree": 3,
    "neutral": 3,
    "agree": 4,
    "strongly agree": 5,
}
AGREEMENT_CHOICES: tuple[str, ...] = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
NO_ANSWER_CHOICE = "N/A"
NO_ANSWER = {
    "",
    "n/a",
    "na",
    "n.a.",
    "-",
    "don't know",
    "dont know",
    "do not know",
    "not applicable",
    "no answer",
    "prefer not to say",
}
FUNCTIONS = {"it": "IT", "business": "Business"}
NOT_GIVEN = "(not given)"

META_ALIASES: dict[str, set[str]] = {
    "respondent_id": {"respondent_id", "respondent id", "respondent", "response id", "id"},
    "period": {"period", "quarter", "wave", "survey period"},
    "submitted": {"submitted", "submitted date", "submitted at", "date", "timestamp", "completion time"},
    "function": {"function", "it or business", "it/business", "it / business"},
    "department": {"department", "dept", "unit", "business unit", "team"},
    "role": {"role", "job role"},
}
ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
ITEM_ID_PATTERN = re.compile(r"^\s*\[?([A-Za-z]{3})[-_ ]?(\d+|[Oo])\]?(?=$|[\s:.)\]-])")


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
            "recognised columns": pd.DataFrame(
                self.mapped_columns, columns=["file", "sheet", "column", "header", "maps_to", "confidence", "scale"]
            ),
        }


@dataclass
class SurveyTables:
    """The parsed survey as Arrow tables (compact, and DuckDB reads them without copying)."""

    respondents_arrow: pa.Table  # respondent, function, department, period, role, source_row
    scores_arrow: pa.Table  # respondent, then one int8 column per answered Likert item: score after reversal, 0 = no answer
    comments_arrow: pa.Table  # respondent, item, tactic, text
    report: ValidationReport
    tactic_groups_arrow: pa.Table  # tactic, period, function, department, respondents, mean sums, answers, favourable
    item_counts_arrow: pa.Table  # item, tactic, period, function, score, answers
    custom_items: list[Item] = field(default_factory=list)  # statements mapped to a tactic that are not in the item bank

    @property
    def items(self) -> dict[str, Item]:
        return {**ITEMS_BY_ID, **{item.id: item for item in self.custom_items}}

    @property
    def respondents(self) -> pd.DataFrame:
        return self.respondents_arrow.to_pandas()

    @property
    def answers(self) -> pd.DataFrame:
        """One row per answer: respondent, item, tactic, answer (as given, 1-5), score (after reversal)."""
        from .columns import long_answers

        return long_answers(self.scores_arrow, self.items)

    @property
    def comments(self) -> pd.DataFrame:
        return self.comments_arrow.to_pandas()


# ---------------------------------------------------------------------------- reading files


def is_csv(filename: str, data: bytes) -> bool:
    """Whether a file is read as CSV text: neither a workbook by its content nor named like one."""
    return bool(data) and not data.startswith((ZIP_MAGIC, OLE_MAGIC)) and not filename.lower().endswith(WORKBOOK_SUFFIXES)


def read_sheets(filename: str, data: bytes) -> dict[str, list[list]]:
    """All sheets of a workbook, or the single table of a CSV, as rows of raw cell values."""
    if is_csv(filename, data):
        return {_csv_sheet_name(filename): read_csv_source(filename, data).rows}
    return _read_workbook(filename, data)


def _csv_sheet_name(filename: str) -> str:
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem or "CSV"


def _unreadable_workbook(filename: str, data: bytes, exc: Exception) -> InputError:
    if data.startswith(OLE_MAGIC):
        return InputError(
            f"'{filename}' could not be read as a workbook; it may be password-protected or damaged ({exc}).",
            "Remove the password, save as .xlsx and upload again.",
        )
    return InputError(
        f"'{filename}' could not be read as a spreadsheet ({exc}).",
        "Open it in Excel or LibreOffice, save it as .xlsx and upload again.",
    )


def open_workbook(filename: str, data: bytes) -> CalamineWorkbook:
    if not data:
        raise InputError(f"'{filename}' is empty (0 bytes).", "Save the survey export again and upload the saved file.")
    if not data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise InputError(
            f"'{filename}' is named like an Excel workbook but its content is not a spreadsheet.",
            "Open it in Excel and save it as .xlsx, or export the Responses sheet as CSV.",
        )
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise _unreadable_workbook(filename, data, exc) from None


def sheet_rows(filename: str, data: bytes, workbook: CalamineWorkbook, sheet: str) -> list[list]:
    """One sheet as rows of typed cell values, from the top-left corner (A1) so row and column numbers match Excel."""
    try:
        return workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError) as exc:
        raise _unreadable_workbook(filename, data, exc) from None


def _read_workbook(filename: str, data: bytes) -> dict[str, list[list]]:
    workbook = open_workbook(filename, data)
    return {name: sheet_rows(filename, data, workbook, name) for name in workbook.sheet_names}


# fastexcel's text for a date, a time of day or a boolean cell, rewritten to what python-calamine's typed
# cell gives through _cell_text (and the row-by-row parser shows): 2024-03-31, 12:30:00, TRUE / FALSE.
_FASTEXCEL_TEXT = (
    (r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", r"\1"),
    (r"^1899-12-3[01] (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$", r"\1"),
    (r"^true$", "TRUE"),
    (r"^false$", "FALSE"),
)
_FASTEXCEL_SUSPECT = r"^(?:\d{4}-\d{2}-\d{2} |true$|false$)"


def _as_excel_shows(column: pa.Array) -> pa.Array:
    """A fastexcel text column with dates, times and booleans written as the typed cells read (a literal
    text 'true' or 'false' becomes upper case too; everything else is left as it is)."""
    if not pa.compute.any(pa.compute.match_substring_regex(column, _FASTEXCEL_SUSPECT)).as_py():
        return column
    for pattern, replacement in _FASTEXCEL_TEXT:
        column = pa.compute.replace_substring_regex(column, pattern, replacement)
    return column


@dataclass
class WorkbookSheet:
    """A workbook's Responses or evidence sheet, read for the fast path: every cell as text (numbers as Excel shows
    them, 3 not 3.0; dates as YYYY-MM-DD hh:mm:ss) in Arrow columns straight from the reader, with no
    Python object per cell. Typed rows are read only when a layout needs the row-by-row parser."""

    filename: str
    sheet: str
    data: bytes

    @functools.cached_property
    def text(self) -> pa.Table:
        """All cells from A1 as text columns c0, c1, ... (None for an empty cell)."""
        try:
            loaded = fastexcel_workbook(self.data).load_sheet_by_name(self.sheet, header_row=None, skip_rows=0, dtypes="string")
            batch = loaded.to_arrow()
            first_column = min((column.absolute_index for column in loaded.available_columns()), default=0)
        except FastExcelError as exc:
            raise _unreadable_workbook(self.filename, self.data, exc) from None
        columns = [pa.nulls(batch.num_rows, pa.string())] * first_column + [
            _as_excel_shows(column.cast(pa.string())) for column in batch.columns
        ]  # the reader starts at the first used column; columns before it are empty
        return pa.table({f"c{i}": column for i, column in enumerate(columns)})

    def head(self, count: int = HEADER_SEARCH_ROWS + 1) -> list[list]:
        return [list(row.values()) for row in self.text.slice(0, count).to_pylist()]

    @functools.cached_property
    def rows(self) -> list[list]:
        return sheet_rows(self.filename, self.data, open_workbook(self.filename, self.data), self.sheet)

    def arrow(self, skip_rows: int, width: int) -> pa.Table:
        """The cells below the first skip_rows rows, columns c0..c{width-1}."""
        body = self.text.slice(skip_rows)
        return pa.table(
            {f"c{i}": body.column(i) if i < body.num_columns else pa.nulls(body.num_rows, pa.string()) for i in range(width)}
        )


HEAD_BYTES = 200_000  # the header, and the sample the delimiter is guessed from, are in the first bytes
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _refuse_binary(filename: str, data: bytes) -> None:
    if b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS):
        raise InputError(
            f"'{filename}' is neither a spreadsheet nor a text (CSV) file.",
            "Upload the survey as .xlsx or as .csv.",
        )


def _decode_text(filename: str, data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    _refuse_binary(filename, data)
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-16" or data.startswith(UTF16_BOMS):
            return text, encoding
    raise InputError(f"'{filename}' is not readable text in UTF-8 or Windows-1252.", "Save the CSV as UTF-8 and upload again.")


@dataclass
class CsvSource:
    """A CSV file: its first rows, and the whole file as rows or as Arrow columns. A file whose first
    bytes are UTF-8 is decoded in full only if the row-by-row reader needs it: Arrow reads the bytes
    as they are (and checks they are UTF-8)."""

    filename: str
    data: bytes
    head_text: str
    delimiter: str
    decoded: tuple[str, str] | None = None  # (text, encoding), once the whole file has been decoded

    def _decode(self) -> tuple[str, str]:
        if self.decoded is None:
            text, encoding = _decode_text(self.filename, self.data)
            self.decoded = text.lstrip("\ufeff"), encoding
        return self.decoded

    @property
    def text(self) -> str:
        return self._decode()[0]

    def head(self, count: int = HEADER_SEARCH_ROWS + 1) -> list[list]:
        try:
            return list(itertools.islice(csv.reader(io.StringIO(self.head_text), delimiter=self.delimiter), count))
        except csv.Error:
            return self.rows[:count]

    @functools.cached_property
    def rows(self) -> list[list]:
        try:
            return list(csv.reader(io.StringIO(self.text), delimiter=self.delimiter))
        except csv.Error as exc:
            raise InputError(
                f"'{self.filename}' is not a well-formed CSV file ({exc}).",
                "Export the survey again as CSV, or upload it as .xlsx.",
            ) from None

    def arrow(self, skip_rows: int, width: int) -> pa.Table | None:
        """All cells after the first skip_rows records as text columns c0..c{width-1}, or None when rows are
        ragged (then the row-by-row reader handles them and reports them)."""
        if not self.data.startswith(UTF16_BOMS) and (self.decoded is None or self.decoded[1] == "utf-8-sig"):
            table = self._read_arrow(self.data.removeprefix(UTF8_BOM), skip_rows, width)
            if table is not None or self._decode()[1] == "utf-8-sig":
                return table  # read, or ragged UTF-8
        return self._read_arrow(self.text.encode("utf-8"), skip_rows, width)  # UTF-16 or Windows-1252, re-encoded

    def _read_arrow(self, utf8: bytes, skip_rows: int, width: int) -> pa.Table | None:
        try:
            return pacsv.read_csv(
                io.BytesIO(utf8),
                read_options=pacsv.ReadOptions(skip_rows=skip_rows, column_names=[f"c{i}" for i in range(width)]),
                parse_options=pacsv.ParseOptions(delimiter=self.delimiter, newlines_in_values=True, ignore_empty_lines=False),
                convert_options=pacsv.ConvertOptions(
                    column_types=dict.fromkeys((f"c{i}" for i in range(width)), pa.string()),
                    strings_can_be_null=True,
                    quoted_strings_can_be_null=True,
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None


def read_csv_source(filename: str, data: bytes) -> CsvSource:
    _refuse_binary(filename, data)
    head = None
    if not data.startswith(UTF16_BOMS):
        try:  # a character cut at the end of the first bytes waits for the rest (final=False)
            head = codecs.getincrementaldecoder("utf-8-sig")().decode(data[:HEAD_BYTES], final=len(data) <= HEAD_BYTES)
        except UnicodeDecodeError:
            head = None
    decoded = None
    if head is None or not head.strip():
        decoded = _decode_text(filename, data)
        if not decoded[0].strip():
            raise InputError(f"'{filename}' contains no data, only blank space.", "Export the survey again with its answers.")
        head = decoded[0][: HEAD_BYTES // 2]
    head = head.lstrip("\ufeff")
    try:
        delimiter = csv.Sniffer().sniff(head[:20000], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    return CsvSource(filename, data, head, delimiter, None if decoded is None else (decoded[0].lstrip("\ufeff"), decoded[1]))


# ------------------------------------------------------------------------- matching headers


def normalise(text: object) -> str:
    value = re.sub(r"\s+", " ", str(text if text is not None else "")).strip().lower()
    return value.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")


_ITEM_TEXTS = {normalise(item.text).rstrip("."): item for item in ITEMS}
_META_BY_ALIAS = {alias: name for name, aliases in META_ALIASES.items() for alias in aliases}


def match_header(header: object) -> tuple[str, Item | None] | None:
    """('item', Item) or ('meta', None) with the field name, or None when unrecognised."""
    text = normalise(header)
    if not text:
        return None
    if text in _META_BY_ALIAS:
        return _META_BY_ALIAS[text], None
    found = ITEM_ID_PATTERN.match(str(header))
    if found:
        item_id = f"{found.group(1).upper()}-{found.group(2).upper()}"
        if item_id in ITEMS_BY_ID:
            return "item", ITEMS_BY_ID[item_id]
    stripped = text.rstrip(".")
    if stripped in _ITEM_TEXTS:
        return "item", _ITEM_TEXTS[stripped]
    for item_text, item in _ITEM_TEXTS.items():
        if item_text in text:
            return "item", item
    return None


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 -> A, 26 -> AA."""
    return get_column_letter(index + 1)


# -------------------------------------------------------------------------- cell values


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, float) and value != value)


def parse_likert(value: object) -> int | str | None:
    """1-5 for an answer, None for no answer, or a str explaining why the value is invalid."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return f"'{value}' is not an answer on the 1-5 scale"
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = normalise(value)
        if text in NO_ANSWER:
            return None
        if text in AGREEMENT_LABELS:
            return AGREEMENT_LABELS[text]
        leading = re.match(r"^(\d+(?:[.,]\d+)?)\s*(?:[-\u2013:=.)]\s*(\D.*)?)?$", text)
        if not leading:
            return f"'{value}' is not an answer on the 1-5 scale or an agreement label"
        number = float(leading.group(1).replace(",", "."))
    if number.is_integer() and 1 <= number <= 5:
        return int(number)
    return f"{value!r} is outside the 1-5 scale"


def period_from_date(value: object) -> str | None:
    """'YYYY-Qn' from a date, datetime, ISO text or Excel serial number."""
    if is_blank(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        date = value
    elif isinstance(value, (int, float)) and 20000 < float(value) < 80000:
        date = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    elif isinstance(value, str) and re.fullmatch(r"\d{5}(?:\.\d+)?", value.strip()):
        return period_from_date(float(value))  # an Excel serial date saved as text in a CSV
    elif isinstance(value, str) and (iso := ISO_DATE.match(value.strip())) and 1 <= int(iso.group(2)) <= 12:
        date = dt.date(int(iso.group(1)), int(iso.group(2)), 1)  # the common case, without a general date parser
    else:
        parsed = pd.to_datetime(str(value).strip(), errors="coerce", dayfirst=False)
        if pd.isna(parsed):
            return None
        date = parsed
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


def text_value(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ------------------------------------------------------------------------ the Responses sheet


def find_responses_sheet(filename: str, sheets: dict[str, list[list]]) -> tuple[str, list[list]]:
    for name, rows in sheets.items():
        if normalise(name) == normalise(RESPONSES_SHEET):
            return name, rows
    for name, rows in sheets.items():
        if _find_header_row(rows) is not None:
            return name, rows
    raise InputError(
        f"'{filename}' has no '{RESPONSES_SHEET}' sheet (sheets found: {', '.join(sheets) or 'none'}).",
        f"Put the survey answers on a sheet named '{RESPONSES_SHEET}', as in the template workbook.",
    )


def _find_header_row(rows: list[list]) -> int | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if any((m := match_header(cell)) and m[0] == "item" for cell in row):
            return index
    return None


def looks_like_survey(head: list[list]) -> bool:
    """Whether the first rows of a sheet are survey answers: item headers, or a survey tool's export,
    or a plain table with at least one column that maps to an item."""
    from .layouts import detect_layout
    from .mapping import auto_map

    if _find_header_row(head) is not None:
        return True
    layout = detect_layout(head)
    if layout.tool not in ("template", "generic"):
        return True
    if not layout.header_rows:
        return False
    return any(choice.is_item for choice in auto_map(list(layout.headers), list(layout.match_texts)))


def _no_item_column(filename: str, sheet: str, rows: list[list]) -> InputError:
    first = next(row for row in rows if not all(is_blank(c) for c in row))
    shown = ", ".join(f"'{text_value(c)}'" for c in first if not is_blank(c))[:200]
    return InputError(
        f"The '{sheet}' sheet of '{filename}' has no recognisable item column (headers seen: {shown}).",
        "Each answer column's header must start with an item id such as 'REL-1' or carry the item's text; "
        "download the template to see the expected headers, or map the columns on the Home page.",
    )


def parse_responses(filename: str, sheet: str, rows: list[list], mapping: dict | None = None) -> SurveyTables:
    """A Responses sheet as rows: the template, a survey tool's export, or a plain table."""
    from .layouts import detect_layout

    report = ValidationReport(files=[filename])
    if not rows or all(all(is_blank(c) for c in row) for row in rows):
        raise InputError(
            f"The '{sheet}' sheet of '{filename}' is empty.", "Paste the survey answers below the header row and upload again."
        )
    layout = detect_layout(rows)
    exact_header = _find_header_row(rows)
    if layout.tool in ("template", "generic") and exact_header is not None:
        header_rows, data_start = (exact_header,), exact_header + 1
        headers = [text_value(c) for c in rows[exact_header]]
        match_texts = headers
        skipped = _rows_above_header(rows[:exact_header])
    elif layout.header_rows:
        header_rows, data_start = layout.header_rows, layout.data_start
        headers, match_texts = list(layout.headers), list(layout.match_texts)
        skipped = dict(layout.drop_rows)
    else:
        raise _no_item_column(filename, sheet, rows)
    width = max(len(row) for row in rows)
    headers = headers + [""] * (width - len(headers))
    match_texts = list(match_texts) + [""] * (width - len(match_texts))
    for index, reason in sorted(skipped.items()):
        if index not in header_rows:  # extra header rows are the header, not dropped data
            report.dropped_rows.append({"file": filename, "sheet": sheet, "row": index + 1, "reason": reason})
    kept = [i for i in range(data_start, len(rows)) if i not in skipped]
    data_rows = [rows[i] for i in kept]
    if layout.tool not in ("template", "generic"):
        report.notes.extend(layout.notes)
    forced = {c: ("identifier", label) for c, label in layout.identifier_columns}
    forced |= {c: ("meta", field) for field, c in layout.meta.items()}
    forced |= {c: ("system", label) for c, label in layout.system_columns}

    def has_data(col: int) -> bool:
        return any(col < len(r) and not is_blank(r[col]) for r in data_rows)

    samples = {c: [row[c] for row in data_rows[:200] if c < len(row)] for c in range(width)}
    meta_columns, item_columns, items = _map_columns(
        filename, sheet, headers, has_data, report, samples, mapping, match_texts, forced
    )
    if not item_columns:
        raise _no_item_column(filename, sheet, [rows[i] for i in header_rows] or rows)
    wide = _wide_from_rows(data_rows, [i + 1 for i in kept], {**meta_columns, **item_columns})
    questions: dict[str, list[str]] = {}
    for item_id, col in item_columns.items():
        if match_texts[col] and match_texts[col] != headers[col]:
            question = headers[col].replace(match_texts[col], "").strip(" -[]:")
            questions.setdefault(question, []).append(item_id)
    groups = [ids for question, ids in questions.items() if question and len(ids) > 1]
    return _finish(filename, sheet, report, wide, meta_columns, item_columns, items, groups)


def parse_source_responses(
    filename: str, sheet: str, source: CsvSource | WorkbookSheet, mapping: dict | None = None
) -> SurveyTables:
    """The fast path for a CSV file or a workbook's Responses sheet in the template's (or a plain) layout:
    the body arrives as Arrow text columns and is parsed column by column. A survey tool's export, a
    sheet without a header row and a ragged CSV go row by row (parse_responses)."""
    from .layouts import detect_layout

    head = source.head()
    header_index = _find_header_row(head)
    layout = detect_layout(head)
    tool_export = layout.tool not in ("template", "generic")
    wide_all = None if header_index is None or tool_export else source.arrow(header_index + 1, len(head[header_index]))
    if wide_all is None:
        return parse_responses(filename, sheet, source.rows, mapping)
    report = ValidationReport(files=[filename])
    header = head[header_index]
    for index, reason in _rows_above_header(head[:header_index]).items():
        report.dropped_rows.append({"file": filename, "sheet": sheet, "row": index + 1, "reason": reason})

    def has_data(col: int) -> bool:
        column = wide_all.column(f"c{col}")
        return column.null_count < len(column) and bool(
            pa.compute.any(pa.compute.not_equal(pa.compute.utf8_trim_whitespace(column), "")).as_py()
        )

    samples = {c: wide_all.column(f"c{c}").slice(0, 200).to_pylist() for c in range(len(header))}
    forced = {c: ("identifier", label) for c, label in layout.identifier_columns}
    meta_columns, item_columns, items = _map_columns(filename, sheet, header, has_data, report, samples, mapping, None, forced)
    keep = sorted(set(meta_columns.values()) | set(item_columns.values()))
    rows = pa.array(range(header_index + 2, header_index + 2 + wide_all.num_rows), pa.int64())
    wide = pa.table({"_row": rows, **{f"c{col}": wide_all.column(f"c{col}") for col in keep}})
    if not item_columns:
        raise _no_item_column(filename, sheet, head)
    return _finish(filename, sheet, report, wide, meta_columns, item_columns, items)


def _rows_above_header(rows: list[list]) -> dict[int, str]:
    """The non-blank rows above the header (a title, a note), which are not data."""
    return {index: "above the header row" for index, row in enumerate(rows) if not all(is_blank(c) for c in row)}


def _map_columns(
    filename: str,
    sheet: str,
    header: list,
    has_data: Callable[[int], bool],
    report: ValidationReport,
    samples: dict[int, list] | None = None,
    saved: dict | None = None,
    match_texts: list[str] | None = None,
    forced: dict[int, tuple[str, str]] | None = None,
) -> tuple[dict[str, int], dict[str, int], dict[str, Item]]:
    """Which column holds which meta field and which item (automatic, or from a saved mapping);
    every other column is reported, direct identifiers by what they are. `forced` holds what a
    recognised export layout already knows: identifier, meta field or tool bookkeeping columns."""
    from .mapping import IDENTIFIER, IGNORE, ColumnChoice, apply_mapping, auto_map, custom_items

    headers = ["" if h is None else text_value(h) for h in header]
    choices = auto_map(headers, match_texts, samples)
    for col, (kind, value) in (forced or {}).items():
        if col >= len(choices):
            continue
        if kind == "identifier":
            choices[col] = ColumnChoice(col, headers[col], IDENTIFIER, 1.0, f"direct identifier ({value}): dropped")
        elif kind == "meta":
            choices = [
                c if c.target != value or c.column == col else ColumnChoice(c.column, c.header, IGNORE, 0.0, "no match")
                for c in choices
            ]
            choices[col] = ColumnChoice(col, headers[col], value, 1.0, "the survey tool's own column")
        elif choices[col].target == IGNORE:
            choices[col] = ColumnChoice(col, headers[col], IGNORE, 1.0, value)
    if saved:
        choices = apply_mapping(choices, saved)
    report.mapping = choices
    customs = custom_items(choices)
    meta_columns: dict[str, int] = {}
    item_columns: dict[str, int] = {}
    items: dict[str, Item] = {}
    for choice in choices:
        col = choice.column
        where = {"file": filename, "sheet": sheet, "column": column_letter(col), "header": headers[col]}
        if choice.target == IDENTIFIER:
            report.dropped_columns.append({**where, "reason": choice.reason.replace(": dropped", "; dropped for privacy")})
            continue
        if choice.target == IGNORE:
            seen = match_header(headers[col])
            key = None if seen is None else (seen[1].id if seen[1] else seen[0])
            first = item_columns.get(key, meta_columns.get(key)) if key else None
            if first is not None:
                reason = f"duplicate column for {key} (first in column {column_letter(first)})"
            elif not headers[col].strip():
                if not has_data(col):
                    continue
                reason = "no header"
            elif choice.confidence == 1.0 and choice.reason not in ("no header", "no match"):
                reason = choice.reason  # e.g. a survey tool's bookkeeping column
            else:
                reason = "not an item id or item text, nor a known field"
            report.dropped_columns.append({**where, "reason": reason})
            continue
        item = customs.get(col) or ITEMS_BY_ID.get(choice.target)
        key = item.id if item is not None else choice.target
        taken = item_columns.get(key, meta_columns.get(key))
        if taken is not None:
            report.dropped_columns.append(
                {**where, "reason": f"duplicate column for {key} (first in column {column_letter(taken)})"}
            )
            continue
        if item is not None:
            item_columns[item.id] = col
            items[item.id] = item
        else:
            meta_columns[choice.target] = col
        maps_to = item.id if item is not None else choice.target
        report.mapped_columns.append({**where, "maps_to": maps_to, "confidence": choice.confidence})
    return meta_columns, item_columns, items


def _cell_text(value: object) -> str | None:
    """A cell as text, as the user would read it: 4.0 as '4', dates as 'YYYY-MM-DD hh:mm:ss'."""
    if value is None:
        return None
    kind = type(value)
    if kind is str:
        return value
    if kind is float:
        return None if value != value else (str(int(value)) if value.is_integer() else repr(value))
    if kind is bool:
        return "TRUE" if value else "FALSE"
    return str(value)


# str() of a cell gives what Excel shows, except for these: whole numbers (3.0 shows as 3), large or
# tiny numbers, booleans and empty cells. Only cells whose str() looks like one of them are looked at alone.
_STR_DIFFERS = re.compile(r"-?\d+\.0|-?\d+(?:\.\d+)?e[+-]\d+|-?inf|nan|None|True|False")


def _text_column(cells: np.ndarray) -> pa.Array:
    """One column of workbook cells as text, cell by cell equal to _cell_text(), without a Python call per
    cell: str() runs in pandas' C loop, and only the cells _STR_DIFFERS flags are converted one by one."""
    try:
        return pa.array(cells, pa.string())  # text and empty cells only: the common case
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        pass
    encoded = pa.compute.dictionary_encode(pa.array(pd.Series(cells, dtype=object).astype(str).to_numpy(), pa.string()))
    dictionary = encoded.dictionary.to_pylist()
    codes = encoded.indices.to_numpy().astype(np.int64)
    flagged = [code for code, text in enumerate(dictionary) if _STR_DIFFERS.fullmatch(text)]
    if not flagged:
        return encoded
    index_of = {text: code for code, text in enumerate(dictionary)}
    recoded: dict[tuple[int, type], int] = {}
    positions = np.flatnonzero(np.isin(codes, flagged))
    for position, code, cell in zip(positions, codes[positions], cells[positions], strict=True):
        key = (code, type(cell))
        if key not in recoded:
            text = _cell_text(cell)
            recoded[key] = -1 if text is None else index_of.setdefault(text, len(index_of))
        codes[position] = recoded[key]
    texts = list(index_of)
    used = np.bincount(codes[codes >= 0], minlength=len(texts)) > 0
    renumber = np.cumsum(used) - 1
    codes = np.where(codes >= 0, renumber[np.maximum(codes, 0)], -1)
    return pa.DictionaryArray.from_arrays(
        pa.array(codes, pa.int32(), mask=codes < 0), pa.array([t for t, u in zip(texts, used, strict=True) if u], pa.string())
    )


def _wide_from_rows(data_rows: list[list], row_numbers: list[int], columns: dict[str, int]) -> pa.Table:
    """The kept rows' mapped columns as text (plain or dictionary-encoded), with their row numbers in `_row`."""
    arrays = {"_row": pa.array(row_numbers, pa.int64())}
    width = max((len(row) for row in data_rows), default=0)
    padded = (
        data_rows
        if all(len(row) == width for row in data_rows)
        else [list(row) + [None] * (width - len(row)) for row in data_rows]
    )
    grid = np.empty((len(padded), width), dtype=object)
    grid[:] = padded
    for col in sorted(set(columns.values())):
        cells = grid[:, col] if col < width else np.full(len(padded), None, dtype=object)
        arrays[f"c{col}"] = _text_column(np.ascontiguousarray(cells))
    return pa.table(arrays)


def _finish(
    filename: str,
    sheet: str,
    report: ValidationReport,
    wide: pa.Table,
    meta_columns: dict[str, int],
    item_columns: dict[str, int],
    items: dict[str, Item],
    scale_groups: list[list[str]] | None = None,
) -> SurveyTables:
    from .columns import parse_wide

    parsed = parse_wide(
        scale_groups=scale_groups or [],
        wide=wide,
        sheet=sheet,
        item_columns={items[item]: f"c{col}" for item, col in item_columns.items()},
        meta_columns={field: f"c{col}" for field, col in meta_columns.items()},
        no_answer=NO_ANSWER,
        functions=FUNCTIONS,
        not_given=NOT_GIVEN,
    )
    report.rows_read = parsed["rows_read"]
    from .scales import SCALES_BY_NAME

    for entry in report.mapped_columns:
        scale = parsed["scales"].get(entry["maps_to"])
        if scale:
            entry["scale"] = scale
    rescaled = sorted({name for name in parsed["scales"].values() if name != "unknown" and SCALES_BY_NAME[name].points != 5})
    for name in rescaled:
        columns = [item for item, scale in parsed["scales"].items() if scale == name]
        report.warnings.append(
            f"{len(columns)} column(s) use the {SCALES_BY_NAME[name].title} scale ({', '.join(columns)}); "
            "answers were rescaled linearly to 1-5."
        )
    where = {"file": filename, "sheet": sheet}
    for row, status, rid in parsed["dropped_rows"]:
        reason = f"duplicate respondent id '{rid}'" if status == "duplicate" else "no item answered"
        report.dropped_rows.append({**where, "row": row, "reason": reason})
    for row, col, raw, problem in parsed["cell_issues"]:
        report.cell_issues.append(
            {
                **where,
                "row": row,
                "column": column_letter(int(col[1:])),
                "value": raw,
                "reason": f"{problem}; treated as no answer",
            }
        )
    if "function" in meta_columns:
        for row, raw in parsed["function_issues"]:
            reason = "function missing" if raw is None else f"'{raw}' is not IT or Business"
            report.cell_issues.append(
                {
                    **where,
                    "row": row,
                    "column": column_letter(meta_columns["function"]),
                    "value": raw or "",
                    "reason": f"{reason}; counted in overall scores, not in the IT/Business split",
                }
            )
    report.dropped_rows.sort(key=lambda r: (r["file"], r["sheet"], r["row"]))
    report.cell_issues.sort(key=lambda r: (r["row"], len(r["column"]), r["column"]))
    respondents = parsed["respondents"]
    report.rows_kept = respondents.num_rows
    if not respondents.num_rows:
        raise InputError(
            f"The '{sheet}' sheet of '{filename}' has item columns but no row with an answer.",
            "Fill in at least one answer per respondent row (1-5 or an agreement label) and upload again.",
        )
    if "function" not in meta_columns:
        report.warnings.append("No 'function' column: the IT-versus-business comparison is not available.")
    if "department" not in meta_columns:
        report.warnings.append("No 'department' column: the department breakdown is not available.")
    if "period" not in meta_columns and "submitted" not in meta_columns:
        report.warnings.append("No 'period' or 'submitted' column: all answers are treated as one period.")
    custom = [item for item in items.values() if item.id not in ITEMS_BY_ID]
    return SurveyTables(
        respondents, parsed["scores"], parsed["comments"], report, parsed["tactic_groups"], parsed["item_counts"], custom
    )


def load_survey(filename: str, data: bytes) -> SurveyTables:
    """Read one uploaded file (template workbook or its Responses sheet as CSV)."""
    from .filecheck import check_upload

    check_upload(filename, data)
    if is_csv(filename, data):  # a CSV is its own sheet
        return parse_source_responses(filename, _csv_sheet_name(filename), read_csv_source(filename, data))
    named = [name for name in open_workbook(filename, data).sheet_names if normalise(name) == normalise(RESPONSES_SHEET)]
    if named:  # the template's Responses sheet takes the fast path, as in the app
        return parse_source_responses(filename, named[0], WorkbookSheet(filename, named[0], data))
    sheet, rows = find_responses_sheet(filename, read_sheets(filename, data))
    return parse_responses(filename, sheet, rows)
