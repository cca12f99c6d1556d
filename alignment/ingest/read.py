"""Bytes to sheets: CSV text decoded and read, workbooks opened, sheets as rows of typed cells or as
Arrow text columns.

Workbooks are read with python-calamine, except the Responses and evidence sheets named as in the
template, which fastexcel (the same calamine reader) hands over as Arrow text columns; CSV text with
Arrow's CSV reader, or the standard csv module for files it cannot read.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import itertools
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute
import pyarrow.csv as pacsv
from fastexcel import FastExcelError
from fastexcel import read_excel as fastexcel_workbook
from python_calamine import CalamineError, CalamineWorkbook

from ..errors import InputError
from .cells import column_letter
from .limits import physical_lines

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RESPONSES_SHEET = "Responses"
HEADER_SEARCH_ROWS = 10  # a header (or a tool's marker row) is looked for in the first rows only


def is_csv(filename: str, data: bytes) -> bool:
    """Whether a file is read as CSV text: neither a workbook by its content nor named like one."""
    return bool(data) and not data.startswith((ZIP_MAGIC, OLE_MAGIC)) and not filename.lower().endswith(WORKBOOK_SUFFIXES)


def read_sheets(filename: str, data: bytes) -> dict[str, list[list]]:
    """All sheets of a workbook, or the single table of a CSV, as rows of raw cell values."""
    if is_csv(filename, data):
        return {csv_sheet_name(filename): read_csv_source(filename, data).rows}
    return _read_workbook(filename, data)


def csv_sheet_name(filename: str) -> str:
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
    distinct = pa.compute.unique(column)  # survey columns hold a handful of distinct answers: test those only
    if not pa.compute.any(pa.compute.match_substring_regex(distinct, _FASTEXCEL_SUSPECT)).as_py():
        return column
    for pattern, replacement in _FASTEXCEL_TEXT:
        column = pa.compute.replace_substring_regex(column, pattern, replacement)
    return column


def shared_reader(data: bytes):
    """One fastexcel reader for all of a workbook's sheets, or None when fastexcel cannot open it (each sheet
    then opens its own and reports the specific error)."""
    try:
        return fastexcel_workbook(data)
    except FastExcelError:
        return None


@dataclass
class WorkbookSheet:
    """A workbook's Responses or evidence sheet, read for the fast path: every cell as text (numbers as Excel shows
    them, 3 not 3.0; dates as YYYY-MM-DD hh:mm:ss) in Arrow columns straight from the reader, with no
    Python object per cell. Typed rows are read only when a layout needs the row-by-row parser."""

    filename: str
    sheet: str
    data: bytes
    reader: object | None = None  # one fastexcel reader shared by a workbook's sheets (shared strings parsed once)

    @functools.cached_property
    def text(self) -> pa.Table:
        """All cells from A1 as text columns c0, c1, ... (None for an empty cell)."""
        try:
            reader = self.reader or fastexcel_workbook(self.data)
            loaded = reader.load_sheet_by_name(self.sheet, header_row=None, skip_rows=0, dtypes="string")
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


MAX_CELL_CHARS = 10_000  # a longer CSV cell (a document pasted into a comment) is cut to its first characters, with a note
PARALLEL_READ_BYTES = 128 * 2**20  # a CSV up to this size is parsed by every core at once; a larger one streams
HEAD_BYTES = 200_000  # the header, and the sample the delimiter is guessed from, are in the first bytes
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
EXAMPLES = 5  # places named in a note about cells

# The csv module refuses a whole file for one cell over 131,072 characters; such a cell is read (the upload's size is
# bounded before) and cut to MAX_CELL_CHARS like any long cell. The limit is the module's, for the whole process.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


def csv_reader(text: str, delimiter: str):
    """The csv module's reader for text with any line-ending convention: LF, CRLF, CR alone (Excel's "CSV
    (Macintosh)") or a mix; a line break inside a quoted cell is kept as it was written."""
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def swallows_a_row(cell: str, column: int, row_width: int, width: int, delimiter: str) -> bool:
    """Whether a cell holding a line break reads as a quote opened and never closed: the text before its first
    line break holds a separator for each column after its own (the rest of its row went into it), and a line
    after it holds one for every column (or its last line does, with the cells that follow in the row): the next
    line(s), rows of their own, went into it too. `column` is the cell's, `row_width` its row's cell count,
    `width` the table's."""
    lines = LINE_BREAK.split(cell)
    if len(lines) < 2 or width < 3:
        return False
    if lines[0].count(delimiter) < width - 1 - column:
        return False
    after = row_width - column - 1
    return any(line.count(delimiter) >= width - 1 for line in lines[1:-1]) or lines[-1].count(delimiter) + after >= width - 1


STRAY_QUOTE_FIX = "Remove the stray quote (or close it) and load the file again."


def stray_quote_message(where: str, row: int, column: int, lines: int) -> str:
    """What a stray quote did and where (`where` names the file, `row` counts from 1); STRAY_QUOTE_FIX says what to do."""
    return (
        f"{where}, row {row}, column {column_letter(column)}: a quote opens this cell and is not closed on its line, "
        "so the cell takes in the line break and "
        + (
            "the next line, which looks like a row of its own: that row is missing"
            if lines == 1
            else f"the next {lines} lines, which look like rows of their own: those rows are missing"
        )
        + ", and this row may be wrong."
    )


def cut_cells_note(where: str, places: list[tuple[int, int]]) -> str:
    """The note on cells cut to MAX_CELL_CHARS: how many, and where (row counted from 1, 0-based column)."""
    named = "; ".join(f"row {row}, column {column_letter(column)}" for row, column in places[:EXAMPLES])
    more = f"; and {len(places) - EXAMPLES:,} more" if len(places) > EXAMPLES else ""
    return (
        f"{where}: {len(places):,} cell{'s' if len(places) != 1 else ''} longer than {MAX_CELL_CHARS:,} characters "
        f"{'were' if len(places) != 1 else 'was'} cut to the first {MAX_CELL_CHARS:,} ({named}{more})."
    )


def read_csv_rows(text: str, delimiter: str) -> tuple[list[list[str]], list[tuple[int, int, int]]]:
    """All rows of CSV text, and the cells a stray quote made swallow the next line(s): (row counted from 1,
    0-based column, lines taken in). The table's width is the widest of its first rows (its header)."""
    reader = csv_reader(text, delimiter)
    rows = list(reader)
    if reader.line_num <= len(rows):
        return rows, []  # no cell spans lines
    width = max((len(row) for row in rows[: HEADER_SEARCH_ROWS + 1]), default=0)
    suspects = []
    for index, row in enumerate(rows):
        joined = delimiter.join(row)
        if "\n" not in joined and "\r" not in joined:
            continue
        for column, cell in enumerate(row):
            if swallows_a_row(cell, column, len(row), width, delimiter):
                suspects.append((index + 1, column, len(LINE_BREAK.findall(cell))))
    return rows, suspects


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
    lines: int | None = None  # the file's physical_lines, when the size check counted them
    # what the reader found, for the validation report, the same from either reader: stray quotes (warnings)
    # and cells cut to MAX_CELL_CHARS (notes)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def _tell(self, target: list[str], message: str) -> None:
        if message not in target:
            target.append(message)

    def _tell_stray_quotes(self, suspects: list[tuple[int, int, int]]) -> None:
        where = f"'{self.filename}'"
        for row, column, lines in suspects:
            self._tell(self.warnings, f"{stray_quote_message(where, row, column, lines)} {STRAY_QUOTE_FIX}")

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
            return list(itertools.islice(csv_reader(self.head_text, self.delimiter), count))
        except csv.Error:
            return self.rows[:count]

    @functools.cached_property
    def rows(self) -> list[list]:
        try:
            rows, suspects = read_csv_rows(self.text, self.delimiter)
        except csv.Error as exc:
            raise InputError(
                f"'{self.filename}' is not a well-formed CSV file ({exc}).",
                "Export the survey again as CSV, or upload it as .xlsx.",
            ) from None
        self._tell_stray_quotes(suspects)
        if len(self.data) > MAX_CELL_CHARS:
            cut = []
            for index, row in enumerate(rows):
                if max(map(len, row), default=0) > MAX_CELL_CHARS:
                    for column, cell in enumerate(row):
                        if len(cell) > MAX_CELL_CHARS:
                            row[column] = cell[:MAX_CELL_CHARS]
                            cut.append((index + 1, column))
            if cut:
                self._tell(self.notes, cut_cells_note(f"'{self.filename}'", cut))
        return rows

    def arrow(self, skip_rows: int, width: int) -> pa.Table | None:
        """All cells after the first skip_rows records as text columns c0..c{width-1}, or None when rows are
        ragged (then the row-by-row reader handles them and reports them). Cells are cut to MAX_CELL_CHARS and
        stray quotes told as the row-by-row reader does."""
        if not self.data.startswith(UTF16_BOMS) and (self.decoded is None or self.decoded[1] == "utf-8-sig"):
            utf8 = self.data.removeprefix(UTF8_BOM)
            table = self._read_arrow(utf8, skip_rows, width)
            if table is not None or self._decode()[1] == "utf-8-sig":
                # read, or ragged UTF-8; its lines are the file's (a byte-order mark holds no line break)
                return table if table is None else self._checked(table, utf8, skip_rows, self.lines)
        utf8 = self.text.encode("utf-8")  # UTF-16 or Windows-1252, re-encoded
        table = self._read_arrow(utf8, skip_rows, width)
        return table if table is None else self._checked(table, utf8, skip_rows)

    def _checked(self, table: pa.Table, utf8: bytes, skip_rows: int, lines: int | None = None) -> pa.Table:
        """The table with its stray quotes told and its long cells cut, as the row-by-row reader does. Vectorised,
        and no column is searched without need: line breaks only when the file has more lines than rows, and
        only in columns whose longest cell could hold a row (a separator per column), longest first, until all
        the extra lines are found; lengths only when the file is longer than MAX_CELL_CHARS."""
        width = table.num_columns
        lines = physical_lines(utf8) if lines is None else lines
        extra = lines - skip_rows - table.num_rows  # line breaks inside cells, if any
        if extra > 0:
            extra -= sum(len(LINE_BREAK.findall(cell)) for row in self.head(skip_rows) for cell in row)
        longest = {}
        if len(utf8) > MAX_CELL_CHARS or extra > 0:
            longest = {c: pa.compute.max(pa.compute.binary_length(table.column(c))).as_py() or 0 for c in range(width)}
        for column in sorted(longest, key=lambda c: -longest[c]):
            if extra <= 0 or longest[column] < width:  # a row taken in holds width - 1 separators and a break
                break
            cells = table.column(column)
            breaks = pa.compute.count_substring_regex(cells, LINE_BREAK.pattern)
            for index in np.flatnonzero(pa.compute.fill_null(breaks, 0).to_numpy(zero_copy_only=False)):
                cell = cells[int(index)].as_py()
                extra -= len(LINE_BREAK.findall(cell))
                if swallows_a_row(cell, column, width, width, self.delimiter):
                    suspect = (skip_rows + int(index) + 1, column, len(LINE_BREAK.findall(cell)))
                    self._tell_stray_quotes([suspect])
        cut = []
        for column in (c for c in longest if longest[c] > MAX_CELL_CHARS):  # more bytes than that, maybe more characters
            cells = table.column(column)
            long = pa.compute.fill_null(pa.compute.greater(pa.compute.utf8_length(cells), MAX_CELL_CHARS), False)
            positions = np.flatnonzero(long.to_numpy(zero_copy_only=False))
            if len(positions):
                cut += [(skip_rows + int(index) + 1, column) for index in positions]
                shortened = pa.compute.if_else(long, pa.compute.utf8_slice_codeunits(cells, 0, MAX_CELL_CHARS), cells)
                table = table.set_column(column, table.field(column), shortened)
        if cut:
            self._tell(self.notes, cut_cells_note(f"'{self.filename}'", sorted(cut)))
        return table

    def _read_arrow(self, utf8: bytes, skip_rows: int, width: int) -> pa.Table | None:
        read_options = pacsv.ReadOptions(skip_rows=skip_rows, column_names=[f"c{i}" for i in range(width)])
        parse_options = pacsv.ParseOptions(delimiter=self.delimiter, newlines_in_values=True, ignore_empty_lines=False)
        convert_options = pacsv.ConvertOptions(
            column_types=dict.fromkeys((f"c{i}" for i in range(width)), pa.string()),
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        )
        try:
            if len(utf8) <= PARALLEL_READ_BYTES:  # every core parses a block: about half the time of the stream
                return pacsv.read_csv(io.BytesIO(utf8), read_options, parse_options, convert_options)
            # the streaming reader converts block by block: ~180 MB less at its peak than read_csv for 1M rows
            return pacsv.open_csv(io.BytesIO(utf8), read_options, parse_options, convert_options).read_all()
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None


def read_csv_source(filename: str, data: bytes, lines: int | None = None) -> CsvSource:
    """A CSV's source; `lines`: its physical_lines, when the size check has counted them."""
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
    return CsvSource(
        filename, data, head, delimiter, None if decoded is None else (decoded[0].lstrip("\ufeff"), decoded[1]), lines
    )


# -------------------------------------------------------------- typed rows as text columns


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


def wide_from_rows(data_rows: list[list], row_numbers: list[int], columns: dict[str, int]) -> pa.Table:
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
