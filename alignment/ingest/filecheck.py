"""Checking an upload by its content before any parser sees it.

`check_upload(filename, data)` refuses what must not be parsed (empty, too large, zip bombs, damaged or
encrypted files, things that are not spreadsheets at all: Word documents, web pages saved as .xls, PDFs,
pictures, binary data) with an `InputError` that says what is wrong, in which file, and how to fix it.
It returns notes on what is fine but worth telling (macros that were not run, links not followed).

The file is judged by its first bytes and, for zip and OLE files, by their directory; never by its
name. Nothing is decompressed except an OpenDocument `mimetype` entry of at most a few hundred bytes,
and nothing is executed. A workbook is then sized (extent.py): no sheet may ask a reader for a grid beyond the limits.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from ..errors import InputError
from .extent import size_workbook
from .limits import refuse_too_large

MAX_UNCOMPRESSED_BYTES = 1024**3  # all members of a zip together, unpacked
MAX_RATIO = 100  # unpacked / packed size of one member
RATIO_MIN_BYTES = 1024 * 1024  # smaller members cannot do harm, whatever their ratio
MAX_ZIP_MEMBERS = 10_000  # a real workbook has tens to a few hundred parts
SNIFF_BYTES = 4096

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".xltx", ".xltm")
ODS_MIMETYPES = ("application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet-template")
MB = 1024 * 1024

SAVE_AGAIN = "Open it in Excel or LibreOffice, save it as .xlsx and upload again, or export the Responses sheet as CSV."
UPLOAD_SURVEY = "Upload the survey as the template workbook (.xlsx) or its Responses sheet as CSV."
PASSWORD_HINT = "Remove the password (File › Info › Protect Workbook › Encrypt with Password, clear it), save, and upload again."
SAVE_AS_XLSX = (
    "Open it in Excel and save as .xlsx (File › Save As › Excel Workbook), or export the answers as CSV, and upload that."
)
SAVE_AS_UTF8 = "Save it as 'CSV UTF-8 (Comma delimited)' and upload again."
PICTURE_HINT = "A picture of a table cannot be read. " + UPLOAD_SURVEY
UNPACK_HINT = "Unpack it first and upload the spreadsheet or CSV inside."


def check_upload(filename: str, data: bytes) -> list[str]:
    """Raise InputError for a file that must be refused; return notes (possibly none) for one that may be read."""
    if not data:
        raise InputError(f"'{filename}' is empty (0 bytes).", "Save the survey export again and upload the saved file.")
    refuse_too_large(filename, data)
    if data.startswith(ZIP_MAGIC):
        return _check_zip(filename, data)
    if data.startswith(OLE_MAGIC):
        return _check_ole(filename, data)
    return _check_other(filename, data)


def _named_like_workbook(filename: str) -> bool:
    return filename.lower().endswith(WORKBOOK_SUFFIXES)


def _content_note(filename: str, kind: str) -> list[str]:
    if _named_like_workbook(filename):
        return []
    return [f"'{filename}' is {kind} (judged by its content, not its name), so it was read as one."]


def _listing(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


# ----------------------------------------------------------------------------- zip (OOXML, ODS)


def _declared_zip_members(data: bytes) -> int | None:
    """The member count announced by the end-of-central-directory record (or its zip64 twin), read before
    zipfile parses the directory; None when there is no such record (zipfile then says the file is damaged)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    count = struct.unpack_from("<H", data, end + 10)[0]
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        record = struct.unpack_from("<Q", data, locator + 8)[0]
        if data[record : record + 4] == b"PK\x06\x06" and record + 40 <= len(data):
            count = struct.unpack_from("<Q", data, record + 32)[0]
    return count


def _too_many_members(filename: str, count: int) -> InputError:
    return InputError(
        f"'{filename}' is a zip archive of {count} files; the limit is {MAX_ZIP_MEMBERS}, far more than any workbook has.",
        "This is not a normal workbook. " + SAVE_AGAIN,
    )


def _damaged_zip(filename: str, detail: str) -> InputError:
    return InputError(f"'{filename}' looks like a workbook (zip archive) but is damaged ({detail}).", SAVE_AGAIN)


def _check_zip(filename: str, data: bytes) -> list[str]:
    declared = _declared_zip_members(data)
    if declared is not None and declared > MAX_ZIP_MEMBERS:
        raise _too_many_members(filename, declared)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise _too_many_members(filename, len(infos))
            _check_expansion(filename, infos)
            names = {info.filename for info in infos}
            mimetype = _odf_mimetype(archive) if "mimetype" in names else ""
    except InputError:
        raise
    except zipfile.BadZipFile:
        raise _damaged_zip(filename, "its table of contents is missing or broken, as when a download is cut short") from None
    except Exception as exc:  # any other failure to parse these untrusted bytes: a damaged file, never a crash
        raise _damaged_zip(filename, str(exc) or type(exc).__name__) from None
    if any(info.flag_bits & 0x1 for info in infos):
        raise InputError(
            f"'{filename}' is a password-protected zip archive, not a spreadsheet.",
            "Unzip it with its password and upload the spreadsheet or CSV inside.",
        )
    macros = any(n.lower().endswith("vbaproject.bin") or n.lower().startswith("xl/macrosheets/") for n in names)
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        notes = _content_note(filename, "an Excel workbook")
        if macros:
            notes.append(f"'{filename}' contains macros; they were not run, only cell values were read.")
        if any(n.startswith("xl/externalLinks/") for n in names):
            notes.append(
                f"'{filename}' links to other workbooks; the links were not followed, only the values saved in it were read."
            )
        return notes + size_workbook(filename, data)
    if mimetype in ODS_MIMETYPES and "content.xml" in names:
        return _content_note(filename, "an OpenDocument spreadsheet") + size_workbook(filename, data)
    if mimetype in ODS_MIMETYPES or any(n.startswith("xl/") for n in names):
        missing = "content.xml" if mimetype else "xl/workbook.xml"
        raise _damaged_zip(filename, f"its main part {missing} is missing")
    raise _not_a_spreadsheet_zip(filename, sorted(names), mimetype)


def _check_expansion(filename: str, infos: list[zipfile.ZipInfo]) -> None:
    """Zip-bomb checks on the sizes the directory declares; nothing is decompressed."""
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(
            f"'{filename}' would unpack to {total / 1024**3:.1f} GB; the limit is {MAX_UNCOMPRESSED_BYTES / 1024**3:.0f} GB. "
            "It was not opened: it may be a zip bomb.",
            "If it is a genuine workbook, delete unused sheets and empty formatted rows, or upload the Responses sheet as CSV.",
        )
    for info in infos:
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise InputError(
                f"'{filename}' contains a part ({info.filename}) that unpacks {ratio:.0f} times larger than it is stored "
                f"(limit {MAX_RATIO}); it was not opened: it may be a zip bomb.",
                "If it is a genuine workbook, delete unused sheets, pictures and empty formatted rows, save and upload again, "
                "or upload the Responses sheet as CSV.",
            )


def _odf_mimetype(archive: zipfile.ZipFile) -> str:
    info = archive.getinfo("mimetype")
    if info.file_size > 200:
        return ""
    with archive.open(info) as handle:
        return handle.read(200).decode("ascii", "replace").strip()


_ZIP_KINDS = (  # (a member name that gives it away, what the file looks like, hint)
    ("word/document.xml", "it looks like a Word document", UPLOAD_SURVEY),
    ("ppt/presentation.xml", "it looks like a PowerPoint presentation", UPLOAD_SURVEY),
    ("visio/document.xml", "it looks like a Visio drawing", UPLOAD_SURVEY),
    (
        "Index/Document.iwa",
        "it looks like an Apple Numbers or Pages document",
        "In Numbers choose File › Export To › Excel, and upload that.",
    ),
    ("META-INF/MANIFEST.MF", "it looks like a Java archive", UPLOAD_SURVEY),
    ("AndroidManifest.xml", "it looks like an Android app", UPLOAD_SURVEY),
)
_ODF_KINDS = {
    "text": "an OpenDocument text document",
    "presentation": "an OpenDocument presentation",
    "graphics": "an OpenDocument drawing",
}
_TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".tsv")


def _not_a_spreadsheet_zip(filename: str, names: list[str], mimetype: str) -> InputError:
    message = f"'{filename}' is a zip archive but not a spreadsheet"
    for member, what, hint in _ZIP_KINDS:
        if member in names:
            return InputError(f"{message} ({what}).", hint)
    if mimetype.startswith("application/vnd.oasis.opendocument."):
        kind = mimetype.rsplit(".", 1)[-1]
        what = _ODF_KINDS.get(kind, f"an OpenDocument file of type {kind}")
        return InputError(f"{message} (it looks like {what}).", "Save the survey from LibreOffice Calc as .ods or .xlsx.")
    if "[Content_Types].xml" in names:
        return InputError(f"{message} (it looks like an Office document of another kind).", UPLOAD_SURVEY)
    files = [n for n in names if not n.endswith("/")]
    inside = [n for n in files if n.lower().endswith(_TABLE_SUFFIXES)]
    listing = f"it holds {_listing(files)}" if files else "it is empty"
    hint = "Unzip it and upload the spreadsheet or CSV inside." if inside else UPLOAD_SURVEY
    return InputError(f"{message} ({listing}).", hint)


# -------------------------------------------------------------------- OLE compound files (.xls)

_OLE_KNOWN = (
    "Workbook",
    "Book",
    "EncryptionInfo",
    "EncryptedPackage",
    "WordDocument",
    "PowerPoint Document",
    "VisioDocument",
    "_VBA_PROJECT_CUR",
    "__properties_version1.0",
)
_OLE_KINDS = (  # (stream name, what the file looks like)
    ("WordDocument", "a Word 97-2003 document"),
    ("PowerPoint Document", "a PowerPoint 97-2003 presentation"),
    ("VisioDocument", "a Visio drawing"),
    ("__properties_version1.0", "an Outlook e-mail message"),
)
_FILEPASS, _BOF, _BOUNDSHEET = 0x002F, 0x0809, 0x0085


def _ole_streams(data: bytes) -> tuple[set[str], bytes]:
    """The names of an OLE compound file's streams (at any depth) and the first 2 KB of its Workbook (or Book)
    stream, read with olefile; ValueError or OSError for a damaged file."""
    import olefile  # imported when an .xls arrives

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        paths = ole.listdir(streams=True, storages=False)
        head = b""
        for path in paths:
            if len(path) == 1 and path[0].lower() in ("workbook", "book"):
                with ole.openstream(path) as stream:
                    head = stream.read(2048)
                break
    return {path[-1] for path in paths}, head


def _biff_encrypted(head: bytes) -> bool:
    """True when the workbook globals begin BOF, FILEPASS: the .xls is encrypted with a password."""
    position = 0
    for _ in range(32):
        if position + 4 > len(head):
            return False
        kind, length = struct.unpack_from("<HH", head, position)
        if kind == _FILEPASS:
            return True
        if kind == _BOUNDSHEET or (position == 0 and kind != _BOF):
            return False
        position += 4 + length
    return False


def _check_ole(filename: str, data: bytes) -> list[str]:
    try:
        streams, workbook_head = _ole_streams(data)
        readable = True
    except (OSError, ValueError, struct.error, IndexError, OverflowError, MemoryError, EOFError):
        readable = False  # fall back to the stream names as they appear in the directory, UTF-16 with a closing NUL
        streams, workbook_head = {name for name in _OLE_KNOWN if (name + "\x00").encode("utf-16-le") in data}, b""
    names = {name.lower() for name in streams}  # stream names are case-insensitive
    if "encryptedpackage" in names and "encryptioninfo" in names:
        raise InputError(f"'{filename}' is password-protected.", PASSWORD_HINT)
    if "workbook" in names or "book" in names:
        if readable and _biff_encrypted(workbook_head):
            raise InputError(f"'{filename}' is password-protected.", PASSWORD_HINT)
        notes = _content_note(filename, "an Excel 97-2003 workbook")
        if "_vba_project_cur" in names:
            notes.append(f"'{filename}' contains macros; they were not run, only cell values were read.")
        return notes + size_workbook(filename, data)
    for stream, what in _OLE_KINDS:
        if stream.lower() in names:
            hint = "Save the attached spreadsheet from the e-mail and upload that." if stream.startswith("__") else UPLOAD_SURVEY
            raise InputError(f"'{filename}' is an old-format Office file but not a spreadsheet (it looks like {what}).", hint)
    if not readable:
        raise InputError(f"'{filename}' starts like an Excel 97-2003 workbook (.xls) but is damaged.", SAVE_AGAIN)
    parts = sorted(name for name in streams if name.isprintable())
    listing = f" (its parts: {_listing(parts)})" if parts else ""
    raise InputError(f"'{filename}' is an old-format Office (OLE) file but not a spreadsheet{listing}.", UPLOAD_SURVEY)


# ------------------------------------------------------------------- everything else: text or not

_SIGNATURES = (  # (first bytes, what the file is, hint)
    (b"%PDF", "a PDF document", "Tables in a PDF cannot be read. " + UPLOAD_SURVEY),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", PICTURE_HINT),
    (b"\xff\xd8\xff", "a JPEG image", PICTURE_HINT),
    (b"GIF87a", "a GIF image", PICTURE_HINT),
    (b"GIF89a", "a GIF image", PICTURE_HINT),
    (b"II*\x00", "a TIFF image", PICTURE_HINT),
    (b"MM\x00*", "a TIFF image", PICTURE_HINT),
    (b"\x1f\x8b", "gzip-compressed", UNPACK_HINT),
    (b"\xfd7zXZ\x00", "xz-compressed", UNPACK_HINT),
    (b"Rar!\x1a\x07", "a RAR archive", UNPACK_HINT),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", UNPACK_HINT),
    (b"PK\x05\x06", "an empty zip archive", UPLOAD_SURVEY),
    (b"SQLite format 3\x00", "an SQLite database", UPLOAD_SURVEY),
    (b"\x7fELF", "a program (ELF executable)", UPLOAD_SURVEY),
    (b"{\\rtf", "a Rich Text (RTF) document", UPLOAD_SURVEY),
)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|table|meta|title|style|div|script|!--)[\s>/]")
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _check_other(filename: str, data: bytes) -> list[str]:
    head = data[:SNIFF_BYTES]
    for magic, what, hint in _SIGNATURES:
        if head.startswith(magic):
            raise InputError(f"'{filename}' is {what}, not a spreadsheet or CSV file.", hint)
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError(f"'{filename}' is text in UTF-32, an encoding the survey reader does not take.", SAVE_AS_UTF8)
    encoding = next((name for bom, name in _BOMS if head.startswith(bom)), None)
    if b"\x00" in head and encoding in (None, "utf-8"):
        if _utf16_without_bom(head):
            raise InputError(
                f"'{filename}' is text in UTF-16 without a byte-order mark, so its encoding cannot be told.", SAVE_AS_UTF8
            )
        if head.startswith(b"MZ"):
            raise InputError(f"'{filename}' is a Windows program, not a spreadsheet or CSV file.", UPLOAD_SURVEY)
        raise InputError(f"'{filename}' contains binary data: it is neither a spreadsheet nor a text (CSV) file.", UPLOAD_SURVEY)
    text = head.decode(encoding or "utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    _refuse_markup(filename, text)
    if _named_like_workbook(filename):
        return [f"'{filename}' is plain text, not a workbook (judged by its content, not its name), so it is read as CSV."]
    return []


def _utf16_without_bom(head: bytes) -> bool:
    even, odd = head[0::2], head[1::2]
    if len(odd) < 8:
        return False
    for text_bytes, nul_bytes in ((even, odd), (odd, even)):  # little-endian, big-endian
        if nul_bytes.count(0) >= 0.9 * len(nul_bytes) and text_bytes.count(0) <= 0.1 * len(text_bytes):
            return True
    return False


def _refuse_markup(filename: str, text: str) -> None:
    """Web pages, XML Spreadsheet 2003 and other XML, whatever they are called: none is CSV."""
    if text.startswith("mime-version:") and "multipart/related" in text:
        raise InputError(
            f"'{filename}' is a web archive (MHTML), such as Excel's 'Single File Web Page', not a workbook.", SAVE_AS_XLSX
        )
    if "urn:schemas-microsoft-com:office:spreadsheet" in text and (text.startswith(("<?xml", "<workbook"))):
        raise InputError(
            f"'{filename}' is an XML Spreadsheet 2003 file, an old Excel format the survey reader does not take.",
            "Open it in Excel and save it as .xlsx (Excel Workbook), then upload that.",
        )
    is_html = bool(_HTML_START.match(text)) or (text.startswith("<?xml") and ("<html" in text or "xhtml" in text))
    if is_html:
        named = "saved with a spreadsheet name" if _named_like_workbook(filename) else "not a spreadsheet or CSV file"
        raise InputError(f"'{filename}' is a web page (HTML) {named}.", SAVE_AS_XLSX)
    if text.startswith("<?xml"):
        raise InputError(f"'{filename}' is an XML document, not a spreadsheet or CSV file.", UPLOAD_SURVEY)
