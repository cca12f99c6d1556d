"""Sizing a workbook before any reader builds a grid from it.

The workbook readers (calamine, through python-calamine and fastexcel) build a dense grid for a sheet,
from A1 to its farthest cell holding a value; a 61 KB file with one value at XFD1048576 asks for 17
billion cells and the allocation aborts the whole process, which no Python code can catch. So each
sheet's farthest row and column are found here first, from the file's own records, and a workbook
whose grids would pass the limits (`limits.py`) is refused with the sheet and the cell named.

- .xlsx / .xlsm: the worksheet XML is streamed, never held whole; cell references are read with NumPy
  (a sheet of a million cells in well under a second). A sheet written without cell references is
  sized by an XML parse, as the readers place such cells.
- .xlsb: the BIFF12 records (rows, cells, declared dimensions).
- .ods: the row and column repeat attributes of content.xml, expanded as the reader expands them.
- .xls: the BIFF8 records of every sheet (cells and declared dimensions), through olefile.

Along the way it notes what a user should know: hidden sheets, and formula cells that have no saved
value (they read as blank until the file is opened and saved by a spreadsheet program).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from ..errors import InputError
from . import limits
from .extent_ooxml import DAMAGED_HINT, ooxml_extents, tag_pieces
from .sheet_extent import SheetExtent

TRIM_HINT = (
    "Delete the rows and columns beyond the table (in Excel, Ctrl+End jumps to the last cell that counts), "
    "save, and upload again; or upload the sheet as CSV."
)


def size_workbook(filename: str, data: bytes) -> list[str]:
    """Refuse (InputError) a workbook whose sheets would make grids beyond the limits; return notes on
    hidden sheets and formulas without saved values. `data` has passed filecheck's container checks."""
    try:
        if data.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "content.xml" in names and "mimetype" in names:
                    extents = _ods_extents(filename, archive)
                else:
                    extents = ooxml_extents(filename, archive, names)
        else:
            extents = _xls_extents(data)
    except InputError:
        raise
    except Exception as exc:  # untrusted bytes: whatever breaks the sizing is a damaged file, never a crash
        raise InputError(f"'{filename}' could not be read as a workbook: it is damaged ({exc}).", DAMAGED_HINT) from None
    _refuse_beyond_limits(filename, extents)
    return _notes(filename, extents)


def _refuse_beyond_limits(filename: str, extents: list[SheetExtent]) -> None:
    for extent in extents:
        if extent.cells > limits.MAX_SHEET_CELLS:
            if extent.lowest_cell == extent.rightmost_cell:
                where = f"a value in cell {extent.lowest_cell}"
            else:
                where = f"values as far down as cell {extent.lowest_cell} and as far right as cell {extent.rightmost_cell}"
            raise InputError(
                f"Sheet '{extent.sheet}' of '{filename}' has {where}, so reading it would take a grid of "
                f"{extent.rows:,} rows × {extent.columns:,} columns ({extent.cells:,} cells); "
                f"the limit is {limits.MAX_SHEET_CELLS:,} cells a sheet.",
                TRIM_HINT,
            )
    total = sum(extent.cells for extent in extents)
    if total > limits.MAX_WORKBOOK_CELLS:
        largest = sorted(extents, key=lambda e: -e.cells)[:3]
        listing = ", ".join(f"'{e.sheet}' {e.rows:,} × {e.columns:,}" for e in largest)
        raise InputError(
            f"The sheets of '{filename}' together would take {total:,} cells to read (largest: {listing}); "
            f"the limit is {limits.MAX_WORKBOOK_CELLS:,} cells a workbook.",
            "Upload the survey and the evidence tables as separate files, or the sheets as CSV. " + TRIM_HINT,
        )


def _notes(filename: str, extents: list[SheetExtent]) -> list[str]:
    notes = []
    for extent in extents:
        if extent.hidden:
            how = "very hidden (only a macro can show it)" if extent.hidden.lower() == "veryhidden" else "hidden"
            notes.append(f"Sheet '{extent.sheet}' of '{filename}' is {how}; it was read like the visible sheets.")
        if extent.formulas_without_values:
            count = extent.formulas_without_values
            examples = ", ".join(extent.formula_examples)
            notes.append(
                f"Sheet '{extent.sheet}' of '{filename}' has {count:,} formula cell{'s' if count != 1 else ''} with no "
                f"saved value{f' (e.g. {examples})' if examples else ''}; they were read as blank. Open the file in "
                "Excel or LibreOffice, let it calculate, save, and upload again to read their values."
            )
    return notes


# ----------------------------------------------------------------------------- .ods

_ODS_TOKEN = re.compile(
    rb"<table:table(?P<table>[ >])|</table:table>|<table:table-row\b(?P<row>[^>]*)>|</table:table-row>"
    rb"|<table:(?:covered-)?table-cell\b(?P<cell>[^>]*)>"
)
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="([0-9]+)"')
_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="([0-9]+)"')


def _ods_extents(filename: str, archive: zipfile.ZipFile) -> list[SheetExtent]:
    """Rows and cells expanded by their repeat counts, as the reader expands them: a sheet reaches its last
    row and column holding a value, and every row read is first expanded to its full width."""
    extents: list[SheetExtent] = []
    extent: SheetExtent | None = None
    row = column = 0
    expanded = 0  # cells of the rows as read, before the grid is built
    for piece in tag_pieces(archive, archive.getinfo("content.xml")):
        for token in _ODS_TOKEN.finditer(piece):
            if token.group("table") is not None:
                name = _ODS_NAME.search(piece, token.start(), token.start() + 4096)
                extent = SheetExtent(name.group(1).decode("utf-8", "replace") if name else f"Sheet{len(extents) + 1}")
                extents.append(extent)
                row = 0
            elif extent is None:
                continue
            elif token.group("row") is not None:
                found = _ROWS_REPEATED.search(token.group("row"))
                row, column = row + (int(found.group(1)) if found else 1), 0
            elif token.group("cell") is not None:
                attributes = token.group("cell")
                found = _COLUMNS_REPEATED.search(attributes)
                width = int(found.group(1)) if found else 1
                column += width
                expanded += width
                if b"office:value-type" in attributes or not attributes.endswith(b"/"):
                    extent.reach(row, column)
            if expanded > limits.MAX_WORKBOOK_CELLS:
                raise InputError(
                    f"Sheet '{extent.sheet}' of '{filename}' repeats its rows and cells so often that reading it "
                    f"would take more than {limits.MAX_WORKBOOK_CELLS:,} cells.",
                    TRIM_HINT,
                )
    return extents


# ----------------------------------------------------------------------------- .xls (BIFF8 records)

_XLS_CELLS = frozenset({0x0006, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6, 0x0406})
_BOUNDSHEET, _DIMENSIONS, _MULRK, _EOF = 0x0085, 0x0200, 0x00BD, 0x000A


def _xls_extents(data: bytes) -> list[SheetExtent]:
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        stream = next((name for name in ("Workbook", "Book") if ole.exists(name)), None)
        if stream is None:
            return []
        book = ole.openstream(stream).read()
    sheets: dict[int, SheetExtent] = {}
    position = 0
    current: SheetExtent | None = None
    while position + 4 <= len(book):
        kind, size = struct.unpack_from("<HH", book, position)
        payload = book[position + 4 : position + 4 + size]
        if kind == _BOUNDSHEET and len(payload) >= 8:
            offset, state, _, length, flags = struct.unpack_from("<IBBBB", payload)
            raw = payload[8 : 8 + (2 * length if flags & 1 else length)]
            name = raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
            sheets[offset] = SheetExtent(name, hidden={1: "hidden", 2: "veryHidden"}.get(state & 3, ""))
        elif position in sheets:
            current = sheets[position]
        elif current is not None and len(payload) >= 4:
            if kind in _XLS_CELLS:
                row, column = struct.unpack_from("<HH", payload)
                current.reach(row + 1, column + 1)
            elif kind == _MULRK and len(payload) >= 6:
                row, _ = struct.unpack_from("<HH", payload)
                current.reach(row + 1, struct.unpack_from("<H", payload, len(payload) - 2)[0] + 1)
            elif kind == _DIMENSIONS and len(payload) >= 12:  # the reader sets aside room for what this declares
                _, last_row, _, last_column = struct.unpack_from("<IIHH", payload)
                current.reach(last_row, last_column, "(the sheet's declared size)")
        position += 4 + size
    return list(sheets.values())
