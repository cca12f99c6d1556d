"""Sizing .xlsx, .xlsm and .xlsb workbooks from their package parts: the worksheet XML streamed and its cell
references read with NumPy (an XML parse for cells written without references), and the BIFF12 records of .xlsb."""

from __future__ import annotations

import re
import struct
import zipfile
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from xml.etree import ElementTree

import numpy as np

from ..errors import InputError
from . import limits
from .sheet_extent import SheetExtent

CHUNK = 8 * 1024 * 1024
SMALL_PART = 16 * 1024 * 1024  # workbook.xml and relationship parts are parsed whole up to this size
DAMAGED_HINT = "Open it in Excel or LibreOffice, save it as .xlsx and upload again, or export the sheet as CSV."


def _parse_small(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > SMALL_PART:
        raise InputError(f"its part {name} is {info.file_size // 2**20} MB, far larger than any workbook's", DAMAGED_HINT)
    return ElementTree.fromstring(archive.read(info))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element: ElementTree.Element, local_name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == local_name:
            return value
    return None


def _targets(archive: zipfile.ZipFile, rels_name: str, base: str) -> dict[str, str]:
    """Relationship id (and type) -> the part it points to, resolved against the folder `base`."""
    root = _parse_small(archive, rels_name)
    targets = {}
    for element in root.iter() if root is not None else ():
        if _local(element.tag) == "Relationship" and element.get("Id") and element.get("Target"):
            target = element.get("Target")
            parts = (target.lstrip("/") if target.startswith("/") else f"{base}{target}").split("/")
            resolved: list[str] = []
            for part in parts:
                if part == "..":
                    resolved = resolved[:-1]
                elif part not in ("", "."):
                    resolved.append(part)
            targets[element.get("Id")] = targets[element.get("Type") or ""] = "/".join(resolved)
    return targets


def ooxml_extents(filename: str, archive: zipfile.ZipFile, names: set[str]) -> list[SheetExtent]:
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    book = _targets(archive, "_rels/.rels", "").get(office, "")
    book = book if book in names else next((n for n in ("xl/workbook.xml", "xl/workbook.bin") if n in names), "")
    folder = book.rsplit("/", 1)[0] + "/" if "/" in book else ""
    rels = _targets(archive, f"{folder}_rels/{book.rsplit('/', 1)[-1]}.rels", folder)
    _check_shared_strings(filename, archive, names)
    if book.endswith(".bin"):
        sheets = _xlsb_sheets(archive.read(book))
    else:
        root = _parse_small(archive, book)
        sheets = [
            (s.get("name") or "?", s.get("state") or "", _attribute(s, "id") or "")
            for s in (root.iter() if root is not None else ())
            if _local(s.tag) == "sheet"
        ]
    extents = []
    for name, state, rel in sheets:
        part = rels.get(rel, "")
        extent = SheetExtent(name, hidden=state if state in ("hidden", "veryHidden") else "")
        if part in names:
            if part.endswith(".bin"):
                _size_xlsb_sheet(archive.read(part), extent)
            else:
                _size_xml_sheet(archive, archive.getinfo(part), extent)
        extents.append(extent)
    return extents


def _check_shared_strings(filename: str, archive: zipfile.ZipFile, names: set[str]) -> None:
    part = next((n for n in ("xl/sharedStrings.xml", "xl/sharedStrings.bin") if n in names), None)
    if part is None:
        return
    count = 0
    if part.endswith(".xml"):
        for piece in tag_pieces(archive, archive.getinfo(part)):
            count += piece.count(b"<si>") + piece.count(b"<si ")
    else:
        count = archive.getinfo(part).file_size // 8  # a BrtSSTItem is at least 8 bytes: a bound, not a count
    if count > limits.MAX_SHARED_STRINGS:
        raise InputError(
            f"'{filename}' holds {count:,} distinct texts in its shared-string table; the limit is "
            f"{limits.MAX_SHARED_STRINGS:,}.",
            "Upload the sheets as CSV, or remove the sheets that are not survey answers or evidence tables.",
        )


def tag_pieces(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """A part's bytes in pieces of about CHUNK that never cut a tag in two (each piece ends before a '<')."""
    carry = b""
    with archive.open(info) as handle:
        while block := handle.read(CHUNK):
            buffer = carry + block
            cut = buffer.rfind(b"<")
            if cut <= 0:  # one tag (or text) longer than a chunk: pass it on whole once its tag is closed
                if b">" in buffer or len(buffer) > 8 * CHUNK:
                    yield buffer
                    buffer = b""
                carry = buffer
                continue
            yield buffer[:cut]
            carry = buffer[cut:]
    if carry:
        yield carry


# ----------------------------------------------------------------------------- .xlsx worksheets

LT, GT, SLASH, SPACE, QUOTE, EQUALS = (ord(ch) for ch in '<>/ "=')


def _size_xml_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, extent: SheetExtent) -> None:
    """Cells are the tags `<c r="...">`, found with NumPy and read at fixed offsets. The first pass counts every
    cell, empty or not, and looks at tags around formulas only where there are formulas; only a sheet that
    seems too large is passed over again to leave out cells without a value (`<c r="X9" s="1"/>`)."""
    for precise in (False, True):
        extent.rows = extent.columns = extent.formulas_without_values = 0
        extent.formula_examples = []
        if not _size_pieces(archive, info, extent, precise):
            extent.rows = extent.columns = extent.formulas_without_values = 0
            extent.formula_examples = []
            _size_by_parse(archive, info, extent)  # a prefixed namespace, or cells placed by their order, not by a reference
            return
        if extent.cells <= limits.MAX_SHEET_CELLS:
            return


def _size_pieces(archive: zipfile.ZipFile, info: zipfile.ZipInfo, extent: SheetExtent, precise: bool) -> bool:
    """Each piece of the sheet sized on one of two threads while this one inflates the next (zlib and NumPy let go
    of the GIL), the pieces' reach taken in their order; False when a piece needs the parse instead. Memory stays
    bounded by a few pieces whatever the sheet's size (about 80 MB at the peak for the 20k-respondent workbook's
    53 MB sheet, 50 MB when one thread did it all)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending: deque = deque()
        try:
            for number, piece in enumerate(tag_pieces(archive, info)):
                if number == 0 and re.search(rb"<[A-Za-z0-9_]+:worksheet\b", piece[:4096]):
                    return False  # a prefixed namespace: the parse knows it
                pending.append(pool.submit(_piece_extent, piece, extent.sheet, precise))
                while len(pending) > 1:  # at most two pieces sized at once, and the next one read
                    if not extent.absorb(pending.popleft().result()):
                        return False
            return all(extent.absorb(done.result()) for done in pending)
        finally:
            pool.shutdown(cancel_futures=True)


def _piece_extent(piece: bytes, sheet: str, precise: bool) -> SheetExtent | None:
    extent = SheetExtent(sheet)
    if not _size_piece(np.frombuffer(piece + b"\0" * 16, np.uint8), len(piece), extent, precise):
        return None
    return extent


def _size_piece(padded: np.ndarray, length: int, extent: SheetExtent, precise: bool) -> bool:
    """Reach the piece's cells; False when a cell has no leading reference (then only a parse can place it). One
    pass over the bytes finds every tag start; the rest looks only at the bytes just after them."""
    tag_starts = np.flatnonzero(padded[:length] == LT)
    name = padded[tag_starts + 1]
    c_tags = tag_starts[name == ord("c")]
    after_name = padded[c_tags + 2]
    if (after_name == GT).any():
        return False  # <c> without attributes
    cells = c_tags[after_name == SPACE]
    if not ((padded[cells + 3] == ord("r")) & (padded[cells + 4] == EQUALS) & (padded[cells + 5] == QUOTE)).all():
        return False
    has_formulas = bool((name == ord("f")).any())
    if not precise and not has_formulas:
        _reach_of_references(padded, cells + 6, extent)
        return True
    tags = np.append(tag_starts, length)  # every tag start, and a sentinel: the piece's end
    cell_tags = np.searchsorted(tags, cells)
    following = tags[np.minimum(cell_tags + 1, len(tags) - 1)]
    empty = _self_closing(padded, following) | _closes(padded, following, b"c")  # <c .../> or <c ...></c>
    _reach_of_references(padded, cells[~empty] + 6 if precise else cells + 6, extent)
    if has_formulas:
        _count_formulas_without_values(padded, tags, cells, extent)
    return True


def _self_closing(padded: np.ndarray, next_tags: np.ndarray) -> np.ndarray:
    """Whether the tag before each of `next_tags` ended with '/>'."""
    return (padded[next_tags - 1] == GT) & (padded[next_tags - 2] == SLASH)


def _closes(padded: np.ndarray, at: np.ndarray, name: bytes) -> np.ndarray:
    """Whether the tags at `at` are the closing tag </name> (a one-letter name)."""
    return (padded[at + 1] == SLASH) & (padded[at + 2] == name[0]) & (padded[at + 3] == GT)


def _reach_of_references(padded: np.ndarray, starts: np.ndarray, extent: SheetExtent) -> None:
    """The farthest row and column among the references that start at `starts` ('XFD1048576"'), read one
    byte offset at a time (a reference is at most 3 letters and 7 digits)."""
    if not len(starts):
        return
    byte = [padded[starts + offset] for offset in range(11)]
    letters = [(b >= 65) & (b <= 90) for b in byte[:3]]
    count = letters[0].astype(np.int32) + (letters[0] & letters[1]) + (letters[0] & letters[1] & letters[2])
    column = np.zeros(len(starts), np.int32)
    row = np.zeros(len(starts), np.int64)
    quote_seen = np.zeros(len(starts), bool)
    for offset, value in enumerate(byte):
        if offset < 3:
            column = np.where(offset < count, column * 26 + (value.astype(np.int32) - 64), column)
        quote_seen |= (value == QUOTE) & (offset >= count)
        digit = (offset >= count) & ~quote_seen
        if not ((value[digit] >= 48) & (value[digit] <= 57)).all():
            raise ValueError("a cell reference is malformed")
        row = np.where(digit, row * 10 + (value.astype(np.int64) - 48), row)
    if not (quote_seen.all() and (count > 0).all() and (row > 0).all()):
        raise ValueError("a cell reference is malformed")
    lowest, rightmost = int(row.argmax()), int(column.argmax())
    extent.reach(int(row[lowest]), int(column[lowest]))
    extent.reach(int(row[rightmost]), int(column[rightmost]))


def _count_formulas_without_values(padded: np.ndarray, tags: np.ndarray, cells: np.ndarray, extent: SheetExtent) -> None:
    """Formula cells with no saved value: the formula (`<f .../>` or `<f>...</f>`) followed by `</c>`, or by an
    empty `<v/>` or `<v></v>` and then `</c>`."""
    second = padded[tags + 2]
    formulas = np.flatnonzero((padded[tags + 1] == ord("f")) & ((second == SPACE) | (second == GT) | (second == SLASH)))
    formulas = formulas[formulas + 4 < len(tags)]
    if not len(formulas):
        return
    after = np.where(_self_closing(padded, tags[formulas + 1]), formulas + 1, formulas + 2)  # the tag after the formula
    second = padded[tags[after] + 2]
    is_value = (padded[tags[after] + 1] == ord("v")) & ((second == SPACE) | (second == GT) | (second == SLASH))
    value_closed = _self_closing(padded, tags[after + 1])
    value_empty = (tags[after + 1] - tags[after] == 3) & _closes(padded, tags[after + 1], b"v")  # <v></v>
    empty = _closes(padded, tags[after], b"c") | (
        is_value
        & (
            (value_closed & _closes(padded, tags[after + 1], b"c"))
            | (value_empty & _closes(padded, tags[np.minimum(after + 2, len(tags) - 1)], b"c"))
        )
    )
    if not empty.any():
        return
    extent.formulas_without_values += int(empty.sum())
    owners = cells[np.maximum(np.searchsorted(cells, tags[formulas[empty]]) - 1, 0)][: 3 - len(extent.formula_examples)]
    for owner in owners:
        extent.formula_examples.append(bytes(padded[owner + 6 : owner + 16]).split(b'"', 1)[0].decode("ascii", "replace"))


_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})$")


def _size_by_parse(archive: zipfile.ZipFile, info: zipfile.ZipInfo, extent: SheetExtent) -> None:
    """Cells placed as the readers place them: by their reference, else after the previous cell or row."""
    if info.file_size > limits.MAX_UNREFERENCED_SHEET_BYTES:
        raise InputError(
            f"its sheet '{extent.sheet}' is {info.file_size // 2**20} MB of XML written without cell references, "
            "too large to size before reading",
            DAMAGED_HINT,
        )
    row, column = 0, 0
    with archive.open(info) as handle:
        for event, element in ElementTree.iterparse(handle, events=("start", "end")):
            name = _local(element.tag)
            if event == "start" and name == "row":
                given = element.get("r")
                row, column = (int(given) if given and given.isdigit() else row + 1), 0
            elif event == "start" and name == "c":
                match = _REFERENCE.match(element.get("r") or "")
                if match:
                    letters = match.group(1).upper()
                    column = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters)))
                    row = int(match.group(2))
                else:
                    column += 1
            elif event == "end" and name == "c":
                if len(element) or (element.text or "").strip():
                    extent.reach(row, column)
                values = [child for child in element if _local(child.tag) == "v" and (child.text or "")]
                if any(_local(child.tag) == "f" for child in element) and not values:
                    extent.formulas_without_values += 1
                element.clear()
            elif event == "end" and name == "row":
                element.clear()


# ----------------------------------------------------------------------------- .xlsb (BIFF12 records)


def _biff12_records(data: bytes):
    position, end = 0, len(data)
    while position < end:
        kind = data[position] & 0x7F
        if data[position] & 0x80:
            kind |= (data[position + 1] & 0x7F) << 7
            position += 1
        position += 1
        size, shift = 0, 0
        for _ in range(4):
            byte = data[position]
            position += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        yield kind, data[position : position + size]
        position += size


def _xlsb_sheets(book: bytes) -> list[tuple[str, str, str]]:
    sheets = []
    for kind, payload in _biff12_records(book):
        if kind == 0x009C:  # BrtBundleSh: state, tab id, relationship id, name
            state = struct.unpack_from("<I", payload, 0)[0]
            rel_length = struct.unpack_from("<I", payload, 8)[0]
            rel = payload[12 : 12 + 2 * rel_length].decode("utf-16-le", "replace")
            at = 12 + 2 * rel_length
            name_length = struct.unpack_from("<I", payload, at)[0]
            name = payload[at + 4 : at + 4 + 2 * name_length].decode("utf-16-le", "replace")
            sheets.append((name, {1: "hidden", 2: "veryHidden"}.get(state, ""), rel))
    return sheets


_XLSB_CELLS = frozenset(range(2, 12)) | frozenset(range(13, 19))  # value and formula cells (1 and 12 are blanks)


def _size_xlsb_sheet(part: bytes, extent: SheetExtent) -> None:
    row = 0
    for kind, payload in _biff12_records(part):
        if kind == 0x0000 and len(payload) >= 4:  # BrtRowHdr
            row = struct.unpack_from("<I", payload)[0] + 1
        elif kind in _XLSB_CELLS and len(payload) >= 4:
            extent.reach(row, struct.unpack_from("<I", payload)[0] + 1)
        elif kind == 0x0094 and len(payload) >= 16:  # BrtWsDim: a reader may set aside room for what it declares
            _, last_row, _, last_column = struct.unpack_from("<IIII", payload)
            extent.reach(last_row + 1, last_column + 1, "(the sheet's declared size)")
