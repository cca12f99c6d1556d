"""The server's limits on what one upload may cost, decided before any reader builds anything.

A deployer sets them in the environment (on Community Cloud, as top-level secrets, which Streamlit
exports as environment variables); users cannot raise them from the app. Each has a default that keeps
three concurrent large uploads inside Community Cloud's 2.7 GB.
"""

from __future__ import annotations

import csv
import os
import sys
import tomllib
from pathlib import Path

from ..errors import InputError

MB = 1024 * 1024


def _env_int(name: str, default: int, lowest: int) -> int:
    """A whole number from the environment, or the default when it is unset or not a number at or above `lowest`."""
    text = os.environ.get(name, "").strip().replace("_", "")
    try:
        value = int(text)
    except ValueError:
        return default
    return value if value >= lowest else default


# A workbook's readers build a dense grid of every sheet they read, from A1 to its last cell holding a value:
# ~32 bytes a cell in the reader, ~77 bytes a cell once a sheet is handed over as Python rows (10 million
# cells: ~320 MB as text columns, ~770 MB as rows). The template's 49 columns fit 200,000 respondents.
MAX_SHEET_CELLS = _env_int("ALIGNMENT_MAX_SHEET_CELLS", 10_000_000, 10_000)
# Every sheet of one workbook together; a workbook may hold the survey and six evidence tables.
MAX_WORKBOOK_CELLS = _env_int("ALIGNMENT_MAX_WORKBOOK_CELLS", 15_000_000, 10_000)
# Distinct texts a workbook keeps in its shared-string table (each held in memory while it is read).
MAX_SHARED_STRINGS = _env_int("ALIGNMENT_MAX_SHARED_STRINGS", 5_000_000, 1_000)
# A worksheet written without cell references is sized by an XML parse, which takes about a second per 30 MB.
MAX_UNREFERENCED_SHEET_BYTES = 64 * MB

DEFAULT_UPLOAD_MB = 200  # Streamlit's default server.maxUploadSize
STREAMLIT_CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def max_upload_bytes(config: Path = STREAMLIT_CONFIG) -> int:
    """The upload limit the app runs with: server.maxUploadSize (MB) from Streamlit's own config when Streamlit
    is running, else from .streamlit/config.toml, else Streamlit's default of 200 MB."""
    megabytes = None
    if "streamlit" in sys.modules:  # the app: Streamlit has read its config files (and any --server options)
        try:
            from streamlit import config as streamlit_config

            megabytes = streamlit_config.get_option("server.maxUploadSize")
        except Exception:  # an older or partial Streamlit: read the file instead
            megabytes = None
    if megabytes is None:
        try:
            megabytes = tomllib.loads(config.read_text(encoding="utf-8")).get("server", {}).get("maxUploadSize")
        except (OSError, tomllib.TOMLDecodeError, AttributeError):
            megabytes = None
    if not isinstance(megabytes, int) or isinstance(megabytes, bool) or megabytes <= 0:
        megabytes = DEFAULT_UPLOAD_MB
    return megabytes * 1024 * 1024


# One uploaded file, any kind: the app's own upload limit (Streamlit's server.maxUploadSize), unless the deployer
# sets ALIGNMENT_MAX_UPLOAD_MB.
MAX_UPLOAD_BYTES = _env_int("ALIGNMENT_MAX_UPLOAD_MB", max_upload_bytes() // MB, 1) * MB
# A CSV's cells (its lines × its header's width), counted before it is parsed. Parsing costs ~20 bytes a cell at
# its peak: 50 million cells (a million respondents in the template's 49 columns) peak near 1.1 GB in one process.
MAX_UPLOAD_CELLS = _env_int("ALIGNMENT_MAX_UPLOAD_CELLS", 50_000_000, 10_000)
# All parses running at once in one server process: their estimated peaks (below) together stay under this; a parse
# that does not fit waits for others to finish, at most LOAD_WAIT_SECONDS, then the user is told the server is busy.
# One parse is always let in when nothing else is parsing (the per-file limits above bound it).
LOAD_BUDGET_BYTES = _env_int("ALIGNMENT_LOAD_BUDGET_MB", 1500, 1) * MB
LOAD_WAIT_SECONDS = _env_int("ALIGNMENT_LOAD_WAIT_SECONDS", 120, 0)
# Peak memory of a parse per byte of the file, measured (docs/PERFORMANCE.md): ~7 for a CSV; a workbook is
# compressed, and its readers hold every cell, so ~25.
CSV_COST_PER_BYTE = 8
WORKBOOK_COST_PER_BYTE = 25

_DELIMITERS = (",", ";", "\t")


def _header_width(data: bytes) -> int:
    """The number of fields of a CSV's first line, under whichever usual delimiter gives the most (an upper bound)."""
    end = min(len(data), HEADER_BYTES)
    first = data[:end].splitlines()[0] if data[:end].strip() else b""
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = first.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = first.decode("latin-1")
    return max((len(next(csv.reader([text], delimiter=d), [])) for d in _DELIMITERS), default=1) or 1


HEADER_BYTES = 200_000


def size_text(size: int) -> str:
    """A size as people read it: 148 MB, 2.5 MB, 900 KB."""
    if size >= 10 * MB:
        return f"{size / MB:,.0f} MB"
    return f"{size / MB:.1f} MB" if size >= MB else f"{max(size / 1024, 1):,.0f} KB"


def refuse_too_large(filename: str, data: bytes) -> None:
    """Refuse a file of more bytes than the server reads (every upload, any kind, before anything looks inside)."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(
            f"'{filename}' is {size_text(len(data))}; this server reads files of up to {size_text(MAX_UPLOAD_BYTES)}.",
            "Remove the columns the survey does not need, or split it into smaller files (one per period, say) and "
            "upload each; whoever runs this server can raise the limit (ALIGNMENT_MAX_UPLOAD_MB).",
        )


def physical_lines(data: bytes) -> int:
    """The lines of a file whatever its line breaks (CR, LF, CRLF); a last line without a break counts. The one
    count of lines for the size check and the reader's own check (alignment.ingest.read, on the text recoded to
    UTF-8); a UTF-16 file's is an upper bound."""
    if b"\0" in data[:4096]:  # UTF-16 or UTF-32 (the reader recodes them to UTF-8 first): CR and LF are never adjacent
        return max(data.count(b"\n"), data.count(b"\r")) + 1  # bytes, so the larger count of either: a bound
    breaks = data.count(b"\n")
    if b"\r" in data:  # rare outside Windows and old Macs: two more passes
        breaks += data.count(b"\r") - data.count(b"\r\n")
    return breaks + (not data.endswith((b"\n", b"\r")))


def check_upload_size(filename: str, data: bytes, is_csv: bool) -> int | None:
    """Refuse a file beyond the server's limits before anything parses it: by its bytes, and a CSV by its cells
    (lines counted in the raw bytes, times the header's width; quoted line breaks count as lines: an upper bound).
    Returns a CSV's line count (physical_lines), for the reader to take instead of counting again."""
    refuse_too_large(filename, data)
    if not is_csv:
        return None
    lines = physical_lines(data)
    width = _header_width(data)
    if lines * width > MAX_UPLOAD_CELLS:
        raise InputError(
            f"'{filename}' is too large for this server: about {lines:,} rows × {width} columns = {lines * width:,} cells; "
            f"it reads up to {MAX_UPLOAD_CELLS:,} cells per file.",
            "Split the survey into smaller files (one per period, say) or remove the columns it does not need, and "
            "upload each; whoever runs this server can raise the limit (ALIGNMENT_MAX_UPLOAD_CELLS).",
        )
    return lines


def parse_cost(files: list[tuple[str, bytes]], is_csv) -> int:
    """The estimated peak memory, in bytes, of parsing these files."""
    return sum(len(data) * (CSV_COST_PER_BYTE if is_csv(name, data) else WORKBOOK_COST_PER_BYTE) for name, data in files)
