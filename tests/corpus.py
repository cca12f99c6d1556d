"""A corpus of uploads, good and bad, built in memory: what real users send instead of the template.

Every builder returns the file's bytes. `BAD` lists files that must be refused, each with words its
message must contain; `GOOD` lists files that must load. Old-format (OLE) files and .ods are written by
hand (`ole_file`, `biff8_workbook`, `ods_workbook`), so the corpus needs nothing beyond openpyxl.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import io
import math
import random
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from alignment.ingest.limits import MAX_UPLOAD_BYTES
from alignment.template import META_HEADERS, RESPONSE_HEADERS, build_template

# ------------------------------------------------------------------------------ workbooks


def responses_frame(rows: int = 6) -> pd.DataFrame:
    """A small, valid Responses table in the template's layout (answers 1-5, one comment per row)."""
    records = []
    for index in range(rows):
        record: dict[str, object] = dict.fromkeys(RESPONSE_HEADERS)
        record.update(
            respondent_id=f"r{index + 1}",
            period="2026-Q1",
            submitted=dt.datetime(2026, 2, 10),
            function="IT" if index % 2 else "Business",
            department="Sales",
            role="Manager",
        )
        for column, header in enumerate(RESPONSE_HEADERS[len(META_HEADERS) :]):
            record[header] = f"comment {index}" if header.split(" ", 1)[0].endswith("-O") else 1 + (index + column) % 5
        records.append(record)
    return pd.DataFrame(records, columns=list(RESPONSE_HEADERS))


def _template(responses: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    build_template(buffer, responses)
    return buffer.getvalue()


@functools.cache
def template_workbook() -> bytes:
    """The template workbook, as build_template writes it, with six respondents."""
    return _template(responses_frame())


def header_only_workbook() -> bytes:
    """The template with its Responses header row and no answers."""
    return _template(responses_frame(0))


def xlsx(rows: list[list], sheet: str = "Responses", merge: str | None = None) -> bytes:
    workbook = Workbook()
    workbook.active.title = sheet
    for row in rows:
        workbook.active.append(row)
    if merge:
        workbook.active.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite_zip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The same archive with some members replaced or added."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def macro_workbook() -> bytes:
    """The template saved as .xlsm: a (fake) VBA project inside; only cell values must be read."""
    return rewrite_zip(template_workbook(), add={"xl/vbaProject.bin": ole_file({"PROJECT": b'ID="{0}"\r\n' * 20})})


def formula_workbook(cached: bool) -> bytes:
    """REL-1 holds =2+2 and REL-2 =1+2 in row 2. openpyxl writes formulas without a cached result (an empty <v>);
    with cached=True the results are added to the XML, as Excel itself saves them."""
    data = xlsx(
        [["respondent_id", "function", "REL-1", "REL-2", "REL-3"], ["r1", "IT", "=2+2", "=1+2", 5], ["r2", "IT", 2, 2, 2]]
    )
    if not cached:
        return data
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    for formula, value in (("2+2", 4), ("1+2", 3)):  # an empty <v /> or <v></v>, as openpyxl writes with or without lxml
        sheet = re.sub(
            rf"<f>{re.escape(formula)}</f><v\s*/>|<f>{re.escape(formula)}</f><v></v>", f"<f>{formula}</f><v>{value}</v>", sheet
        )
    assert "<v>4</v>" in sheet and "<v>3</v>" in sheet, "openpyxl's formula XML changed"
    return rewrite_zip(data, replace={"xl/worksheets/sheet1.xml": sheet.encode()})


def duplicate_header_workbook() -> bytes:
    return xlsx([["respondent_id", "function", "REL-1", "REL-1", "REL-2"], ["r1", "IT", 4, 2, 3], ["r2", "Business", 5, 1, 3]])


def merged_header_workbook() -> bytes:
    """'department' merged over D1:E1, as people do to centre a title: E1 becomes empty, E has data."""
    rows = [["respondent_id", "function", "REL-1", "department", None], ["r1", "IT", 4, "Sales", "x"], ["r2", "IT", 3, "HR", "y"]]
    return xlsx(rows, merge="D1:E1")


def serial_date_workbook() -> bytes:
    """'submitted' as bare Excel serial numbers (no date format), no period column: 46063 is 2026-02-10."""
    return xlsx([["respondent_id", "submitted", "function", "REL-1"], ["r1", 46063, "IT", 4], ["r2", 45900, "Business", 3]])


def csv_text(encoding: str = "utf-8") -> bytes:
    return "respondent_id,function,REL-1,REL-2\nr1,IT,4,5\nr2,Business,2,3\n".encode(encoding)


# ------------------------------------------------------------------------ OpenDocument (.ods)


def ods_workbook(
    rows: list[list], sheet: str = "Responses", mimetype: str = "application/vnd.oasis.opendocument.spreadsheet"
) -> bytes:
    """A minimal OpenDocument file: mimetype first and stored, then content.xml with one table."""

    def cell(value: object) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, (int, float)):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
            )
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


SMALL_ROWS = [["respondent_id", "function", "REL-1", "REL-2"], ["r1", "IT", 4, 5], ["r2", "Business", 2, 3]]


# ------------------------------------------------------------ OLE compound files (.xls, .doc, encrypted)

_FREE, _END, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR = 512
_MINI_CUTOFF = 4096


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal but valid OLE compound file (version 3, 512-byte sectors) with the given streams in its root
    storage. Streams are padded to the 4096-byte mini-stream cutoff so no mini stream is needed."""
    padded = {name: data + b"\x00" * max(0, _MINI_CUTOFF - len(data)) for name, data in streams.items()}
    names = sorted(padded, key=lambda n: (len(n), n.upper()))  # the directory's red-black tree order
    stream_sectors = [math.ceil(len(padded[n]) / _SECTOR) for n in names]
    dir_sectors = math.ceil((len(names) + 1) * 128 / _SECTOR)
    fat_sectors = 1
    while fat_sectors * (_SECTOR // 4) < fat_sectors + dir_sectors + sum(stream_sectors):
        fat_sectors += 1
    assert fat_sectors <= 109, "too large for a header-only DIFAT"
    fat: list[int] = [_FAT_SECTOR] * fat_sectors

    def chain(count: int) -> int:
        start = len(fat)
        fat.extend(range(start + 1, start + count))
        fat.append(_END)
        return start

    dir_start = chain(dir_sectors)
    starts = [chain(count) for count in stream_sectors]
    fat.extend([_FREE] * (fat_sectors * (_SECTOR // 4) - len(fat)))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB3I", len(encoded) if name else 0, kind, 1, left, right, child)  # all nodes black
            + b"\x00" * 36  # class id, state bits, times
            + struct.pack("<IQ", start, size)
        )

    children: dict[int, tuple[int, int]] = {}

    def subtree(low: int, high: int) -> int:
        """Balanced tree over names[low..high]; returns the directory id of its root (stream i has id i + 1)."""
        if low > high:
            return _NO_STREAM
        middle = (low + high) // 2
        children[middle] = (subtree(low, middle - 1), subtree(middle + 1, high))
        return middle + 1

    top = subtree(0, len(names) - 1)
    directory = [entry("Root Entry", 5, _NO_STREAM, _NO_STREAM, top, _END, 0)]
    directory += [entry(n, 2, *children[i], _NO_STREAM, starts[i], len(padded[n])) for i, n in enumerate(names)]
    directory += [entry("", 0, _NO_STREAM, _NO_STREAM, _NO_STREAM, 0, 0)] * (dir_sectors * 4 - len(directory))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, fat_sectors, dir_start, 0, _MINI_CUTOFF, _END, 0, _END, 0)
        + struct.pack("<109I", *(list(range(fat_sectors)) + [_FREE] * (109 - fat_sectors)))
    )
    body = struct.pack(f"<{len(fat)}I", *fat) + b"".join(directory)
    body += b"".join(padded[n].ljust(count * _SECTOR, b"\x00") for n, count in zip(names, stream_sectors, strict=True))
    return header + body


def _record(kind: int, payload: bytes) -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def biff8_workbook(rows: list[list], sheet: str = "Responses", password_protected: bool = False) -> bytes:
    """A minimal Excel 97-2003 (.xls, BIFF8) workbook: one sheet of text and number cells. With
    password_protected, a FILEPASS record (RC4 encryption) follows the first BOF, as Excel writes it."""

    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))

    def text(value: str) -> bytes:  # XLUnicodeString, compressed (Latin-1)
        return struct.pack("<HB", len(value), 0) + value.encode("latin-1")

    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                cells += _record(0x0204, struct.pack("<HHH", r, c, 15) + text(value))
            elif isinstance(value, (int, float)):
                cells += _record(0x0203, struct.pack("<HHHd", r, c, 15, float(value)))
    width = max((len(row) for row in rows), default=0)
    sheet_stream = bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0)) + cells + _record(0x000A, b"")
    font = _record(
        0x0031,
        struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + struct.pack("<BB", 5, 1) + "Arial".encode("utf-16-le"),
    )
    xf = _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    sheet_name = struct.pack("<BB", len(sheet), 0) + sheet.encode("latin-1")
    filepass = _record(0x002F, struct.pack("<HHH", 1, 1, 2) + b"\x00" * 48) if password_protected else b""
    head = bof(0x0005) + filepass + _record(0x0042, struct.pack("<H", 1200)) + font * 5 + xf * 16
    boundsheet_length = 4 + 6 + len(sheet_name)
    eof = _record(0x000A, b"")
    offset = len(head) + boundsheet_length + len(eof)
    globals_ = head + _record(0x0085, struct.pack("<IBB", offset, 0, 0) + sheet_name) + eof
    return ole_file({"Workbook": globals_ + sheet_stream})


def encrypted_ooxml() -> bytes:
    """What Excel saves for a workbook with File › Info › Protect Workbook › Encrypt with Password."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption/>'
    return ole_file({"EncryptionInfo": info, "EncryptedPackage": struct.pack("<Q", 9000) + random.Random(1).randbytes(9000)})


# --------------------------------------------------------------------------- broken zips


def damaged_zip() -> bytes:
    """The first half of a real workbook: a download cut short."""
    data = template_workbook()
    return data[: len(data) // 2]


def ratio_bomb() -> bytes:
    """A workbook with an extra 16 MiB member of zeros that deflates about a thousandfold."""
    return rewrite_zip(template_workbook(), add={"xl/media/image1.bin": bytes(16 * 1024 * 1024)})


def size_bomb() -> bytes:
    """A workbook whose central directory claims a 4 GiB sheet (nothing needs to be that big to say so)."""
    data = bytearray(template_workbook())
    name = b"xl/worksheets/sheet2.xml"
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == name:
            struct.pack_into("<I", data, position + 24, 0xFFFFFFF0)  # the uncompressed size
            return bytes(data)
        position = data.find(b"PK\x01\x02", position + 4)
    raise AssertionError(f"{name!r} not found in the template's central directory")


def many_members_zip() -> bytes:
    """A workbook whose end-of-directory record announces 60,000 members."""
    data = bytearray(template_workbook())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 60000, 60000)
    return bytes(data)


def many_members_zip64() -> bytes:
    """The same lie in the zip64 end record, where the classic record says 0xFFFF ('see zip64')."""
    original = zipfile.ZIP_FILECOUNT_LIMIT
    zipfile.ZIP_FILECOUNT_LIMIT = 1  # makes zipfile write the zip64 end records for a small archive
    try:
        data = bytearray(plain_zip())
    finally:
        zipfile.ZIP_FILECOUNT_LIMIT = original
    struct.pack_into("<HH", data, data.rfind(b"PK\x05\x06") + 8, 0xFFFF, 0xFFFF)
    struct.pack_into("<QQ", data, data.rfind(b"PK\x06\x06") + 24, 60000, 60000)
    return bytes(data)


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("responses.csv", csv_text())
        archive.writestr("readme.txt", "survey export")
    return out.getvalue()


def word_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return out.getvalue()


def encrypted_zip() -> bytes:
    """A zip whose members carry the 'encrypted' flag (as `zip -e` writes them)."""
    data = bytearray(plain_zip())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = data.find(signature)
        while position != -1:
            struct.pack_into("<H", data, position + flag_offset, struct.unpack_from("<H", data, position + flag_offset)[0] | 1)
            position = data.find(signature, position + 4)
    return bytes(data)


# ----------------------------------------------------------------------- not spreadsheets

HTML_TABLE = b"<table><tr><td>respondent_id</td><td>REL-1</td></tr><tr><td>r1</td><td>4</td></tr></table>"
SPREADSHEETML_2003 = (
    b'<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n'
    b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
    b'<Worksheet ss:Name="Responses"><Table><Row><Cell><Data ss:Type="String">REL-1</Data></Cell></Row></Table></Worksheet></Workbook>'
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00;"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def write_oversize(path: Path) -> None:
    """One byte over the cap, as a sparse file (no disk space used)."""
    with path.open("wb") as handle:
        handle.truncate(MAX_UPLOAD_BYTES + 1)


# ------------------------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Case:
    filename: str
    build: Callable[[], bytes]
    expect: tuple[str, ...] = ()  # words the refusal's message (with its hint) must contain
    hint: tuple[str, ...] = ()  # words the hint alone must contain
    notes: tuple[str, ...] = field(default=())  # for good files: words one of check_upload's notes must contain


BAD: dict[str, Case] = {
    "empty": Case("survey.xlsx", lambda: b"", ("'survey.xlsx' is empty (0 bytes).",), ("Save",)),
    "oversize": Case(
        "huge.csv", lambda: bytes(MAX_UPLOAD_BYTES + 1), ("'huge.csv'", "is 200 MB", "files of up to 200 MB"), ("split it",)
    ),
    "damaged zip": Case("cut.xlsx", damaged_zip, ("'cut.xlsx'", "damaged"), ("save",)),
    "ratio bomb": Case("bomb.xlsx", ratio_bomb, ("'bomb.xlsx'", "xl/media/image1.bin", "zip bomb"), ()),
    "size bomb": Case("big.xlsx", size_bomb, ("'big.xlsx'", "would unpack to 4.0 GB", "limit is 1 GB"), ()),
    "many members": Case("parts.xlsx", many_members_zip, ("'parts.xlsx'", "60000 files", "limit is 10000"), ()),
    "many members zip64": Case("parts.xlsx", many_members_zip64, ("'parts.xlsx'", "60000 files"), ()),
    "plain zip": Case("survey.xlsx", plain_zip, ("is a zip archive but not a spreadsheet", "responses.csv"), ("Unzip",)),
    "docx": Case("survey.xlsx", word_docx, ("is a zip archive but not a spreadsheet", "it looks like a Word document"), ()),
    "odt": Case(
        "survey.ods",
        lambda: ods_workbook(SMALL_ROWS, mimetype="application/vnd.oasis.opendocument.text"),
        ("OpenDocument text document",),
        (),
    ),
    "encrypted zip": Case("survey.xlsx", encrypted_zip, ("'survey.xlsx'", "password-protected zip archive"), ()),
    "encrypted xlsx": Case("survey.xlsx", encrypted_ooxml, ("'survey.xlsx' is password-protected.",), ("Encrypt with Password",)),
    "encrypted xls": Case(
        "old.xls", lambda: biff8_workbook(SMALL_ROWS, password_protected=True), ("'old.xls' is password-protected.",), ()
    ),
    "word doc": Case(
        "survey.xls",
        lambda: ole_file({"WordDocument": b"\xec\xa5" + b"\x00" * 100, "1Table": b"\x00" * 100}),
        ("not a spreadsheet", "Word 97-2003 document"),
        (),
    ),
    "other ole": Case(
        "survey.xls", lambda: ole_file({"Contents": b"\x01" * 100}), ("old-format Office", "not a spreadsheet"), ()
    ),
    "damaged ole": Case(
        "survey.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 2000, ("'survey.xls'", "damaged"), ()
    ),
    "html table": Case(
        "export.xls",
        lambda: HTML_TABLE,
        ("'export.xls' is a web page (HTML) saved with a spreadsheet name",),
        ("save as .xlsx", "CSV"),
    ),
    "html doctype": Case(
        "export.xls",
        lambda: b"\xef\xbb\xbf \r\n<!DOCTYPE html><html><body>" + HTML_TABLE + b"</body></html>",
        ("web page (HTML)",),
        (),
    ),
    "xhtml": Case(
        "export.xls",
        lambda: (
            b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
            + HTML_TABLE
            + b"</body></html>"
        ),
        ("web page (HTML)",),
        (),
    ),
    "html utf-16": Case(
        "export.xls",
        lambda: ("\ufeff<html><body>" + HTML_TABLE.decode() + "</body></html>").encode("utf-16-le"),
        ("web page (HTML)",),
        (),
    ),
    "mhtml": Case(
        "export.xls",
        lambda: b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\n",
        ("web archive (MHTML)",),
        (),
    ),
    "spreadsheetml 2003": Case("survey.xml", lambda: SPREADSHEETML_2003, ("XML Spreadsheet 2003",), ("save it as .xlsx",)),
    "other xml": Case("survey.csv", lambda: b'<?xml version="1.0"?><survey><answer/></survey>', ("an XML document",), ()),
    "pdf": Case("survey.xlsx", lambda: PDF, ("'survey.xlsx' is a PDF document",), ()),
    "png": Case("survey.xlsx", lambda: PNG, ("a PNG image",), ()),
    "jpeg": Case("survey.csv", lambda: JPEG, ("a JPEG image",), ()),
    "gif": Case("survey.csv", lambda: GIF, ("a GIF image",), ()),
    "gzip": Case("survey.csv", lambda: gzip.compress(csv_text(), mtime=0), ("gzip-compressed",), ("Unpack",)),
    "binary": Case("survey.csv", lambda: random.Random(3).randbytes(3000) + b"\x00" * 10, ("binary data",), ()),
    "utf-16 without bom": Case("survey.csv", lambda: csv_text("utf-16-le"), ("UTF-16", "byte-order mark"), ("UTF-8",)),
    "utf-32": Case("survey.csv", lambda: "\ufeff".encode("utf-32-le") + csv_text("utf-32-le"), ("UTF-32",), ("UTF-8",)),
}

GOOD: dict[str, Case] = {
    "template": Case("survey.xlsx", template_workbook),
    "xlsm": Case(
        "survey.xlsm", macro_workbook, notes=("'survey.xlsm' contains macros; they were not run, only cell values were read.",)
    ),
    "xlsx named csv": Case("survey.csv", template_workbook, notes=("Excel workbook",)),
    "legacy xls": Case("old.xls", lambda: biff8_workbook(SMALL_ROWS)),
    "ods": Case("survey.ods", lambda: ods_workbook(SMALL_ROWS)),
    "csv": Case("survey.csv", csv_text),
    "csv utf-16": Case("survey.csv", lambda: csv_text("utf-16")),
    "csv cp1252": Case("survey.csv", lambda: csv_text().replace(b"r1", "r\xe91".encode("cp1252"))),
    "csv bom": Case("survey.csv", lambda: b"\xef\xbb\xbf" + csv_text()),
    "formulas": Case(
        "formulas.xlsx", lambda: formula_workbook(cached=False), notes=("has 2 formula cells with no saved value (e.g. C2, D2)",)
    ),
    "formulas cached": Case("formulas.xlsx", lambda: formula_workbook(cached=True)),
    "duplicate header": Case("dupes.xlsx", duplicate_header_workbook),
    "merged header": Case("merged.xlsx", merged_header_workbook),
    "serial dates": Case("dates.xlsx", serial_date_workbook),
}

# Fine for check_upload, refused later while parsing (the message comes from the parser).
PARSE_ERRORS: dict[str, Case] = {
    "header only": Case("empty_survey.xlsx", header_only_workbook, ("no row with an answer",)),
}
