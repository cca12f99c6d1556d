"""The action plan agreed in a meeting: what will be done, by whom, by when, for which tactic, and how far it got.

The plan downloads as CSV or as a workbook and loads again (also from the report workbook's Actions
sheet), so the next round's meeting opens with last round's actions and their status.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from .errors import InputError
from .spreadsheet_safe import append_row, csv_bytes, csv_untext, unneutralise
from .tactics import TACTIC_CODES, TACTICS

ACTION_COLUMNS: tuple[str, ...] = ("action", "owner", "due", "tactic", "status", "notes")
TEXT_COLUMNS: tuple[str, ...] = ("action", "owner", "tactic", "status", "notes")
STATUSES: tuple[str, ...] = ("open", "in progress", "done", "dropped")
DEFAULT_STATUS = "open"
HEADERS: dict[str, str] = {c: c.capitalize() for c in ACTION_COLUMNS}
ACTIONS_SHEET = "Actions"
MAX_FILE_BYTES = 5_000_000
HEADER_SEARCH_ROWS = 10
COLUMN_WIDTHS = {"action": 60, "owner": 22, "due": 12, "tactic": 9, "status": 13, "notes": 50}

# What people write for a column, a tactic or a status, lower-cased, to the value the plan keeps.
_COLUMN_ALIASES = {"due date": "due", "deadline": "due", "responsible": "owner", "note": "notes", "comment": "notes"}
_TACTICS_BY_WORD = {t.code.lower(): t.code for t in TACTICS} | {t.name.lower(): t.code for t in TACTICS}
_GENERAL_WORDS = {"", "general", "all", "-"}
_STATUS_ALIASES = {
    "in-progress": "in progress",
    "in_progress": "in progress",
    "inprogress": "in progress",
    "started": "in progress",
    "doing": "in progress",
    "to do": "open",
    "todo": "open",
    "new": "open",
    "closed": "done",
    "complete": "done",
    "completed": "done",
    "cancelled": "dropped",
    "canceled": "dropped",
}
_TACTIC_CHOICES = ", ".join(TACTIC_CODES)
_STATUS_CHOICES = ", ".join(f"'{s}'" for s in STATUSES)


def empty_actions() -> pd.DataFrame:
    """A plan with no actions, with the column types a filled plan has (text, and a date for due)."""
    frame = pd.DataFrame({c: pd.Series([], dtype="string") for c in ACTION_COLUMNS})
    frame["due"] = pd.Series([], dtype="datetime64[ns]")
    return frame


# ----------------------------------------------------------------------------- cleaning


def _text(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_LOCAL_DATE = re.compile(r"^(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})$")


def local_date_order(texts: list[str]) -> str | None:
    """How a spreadsheet wrote the plan's D/M/Y or M/D/Y dates when it saved the CSV: 'dmy' or 'mdy', told
    apart by a part above 12 (31/03/2026 is day first); dotted dates (31.03.2026) are day first. None when
    no date tells (every part 12 or less)."""
    firsts, seconds = [], []
    for text in texts:
        match = _LOCAL_DATE.match(text)
        if match:
            if match[2] == ".":
                return "dmy"
            firsts.append(int(match[1]))
            seconds.append(int(match[3]))
    if any(f > 12 for f in firsts):
        return "dmy"
    if any(s > 12 for s in seconds):
        return "mdy"
    return None


def _date(value: object, order: str | None = None) -> tuple[pd.Timestamp | None, str]:
    """A due date (midnight), or None with the text that could not be read as one ('' when blank). Besides
    YYYY-MM-DD, D/M/Y or M/D/Y as `order` says (a spreadsheet's local format when it saved the CSV)."""
    if value is pd.NaT:
        return None, ""
    if isinstance(value, (dt.datetime, dt.date)):
        return pd.Timestamp(value).normalize().as_unit("ns"), ""
    text = _text(value)
    if not text:
        return None, ""
    try:
        return pd.Timestamp(dt.date.fromisoformat(text[:10] if len(text) > 10 and text[10] in " T" else text)).as_unit("ns"), ""
    except ValueError:
        pass
    match = _LOCAL_DATE.match(text)
    if match and (order or match[2] == "."):
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        day, month = (first, second) if (order or "dmy") == "dmy" or match[2] == "." else (second, first)
        try:
            return pd.Timestamp(dt.date(year + 2000 if year < 100 else year, month, day)).as_unit("ns"), ""
        except ValueError:
            pass
    return None, text


def _status(text: str) -> str | None:
    word = " ".join(text.lower().split())
    if not word:
        return DEFAULT_STATUS
    word = _STATUS_ALIASES.get(word, word)
    return word if word in STATUSES else None


def _tactic(text: str) -> str | None:
    word = " ".join(text.lower().split())
    if word in _GENERAL_WORDS:
        return ""
    return _TACTICS_BY_WORD.get(word)


def clean_actions(frame: pd.DataFrame | None, first_row: int = 1, where: str = "") -> tuple[pd.DataFrame, list[str]]:
    """The plan as a data editor (or a file) gave it, normalised: text stripped, wholly empty rows
    dropped, due read as a date, tactic as a code (blank for general), status one of STATUSES.

    Dates a spreadsheet rewrote in its local format when it saved the CSV (31/03/2026, 3/31/2026,
    31.03.2026) are read when the plan's dates tell day from month.

    Returns the clean plan and one problem per bad value, naming the row (counted from first_row) and
    how to fix it. A value that cannot be read is left blank (status: open) and reported; a row without
    an action is kept, so nothing the user typed is lost, and reported.
    """
    if frame is None or len(frame) == 0:
        return empty_actions(), []
    place = f" of {where}" if where else ""
    records = frame.to_dict("records")
    order = local_date_order([_text(r.get("due")) for r in records])
    rows, problems = [], []
    for position, record in enumerate(records):
        row = first_row + position
        values = {c: _text(record.get(c)) for c in TEXT_COLUMNS}
        due, bad_due = _date(record.get("due"), order)
        if not any(values[c] for c in ("action", "owner", "tactic", "notes")) and due is None and not bad_due:
            continue  # wholly empty (a status alone, such as the editor's default, is not content)
        if not values["action"]:
            problems.append(f"Row {row}{place}: the action is empty. Write what will be done, or delete the row.")
        if bad_due:
            unclear = " (day and month could be either way round)" if _LOCAL_DATE.match(bad_due) else ""
            problems.append(
                f"Row {row}{place}: due '{bad_due}' is not a date{unclear}. "
                "Write it as YYYY-MM-DD (e.g. 2026-03-31), or leave it blank."
            )
        tactic = _tactic(values["tactic"])
        if tactic is None:
            problems.append(
                f"Row {row}{place}: tactic '{values['tactic']}' is not one of {_TACTIC_CHOICES}. "
                "Pick one of them, or leave it blank for a general action."
            )
            tactic = ""
        status = _status(values["status"])
        if status is None:
            problems.append(f"Row {row}{place}: status '{values['status']}' is not one of {_STATUS_CHOICES}. Pick one of them.")
            status = DEFAULT_STATUS
        rows.append(values | {"due": due, "tactic": tactic, "status": status})
    if not rows:
        return empty_actions(), problems
    clean = pd.DataFrame(rows, columns=list(ACTION_COLUMNS))
    for column in TEXT_COLUMNS:
        clean[column] = clean[column].astype("string")
    clean["due"] = pd.to_datetime(clean["due"]).astype("datetime64[ns]")
    return clean.reset_index(drop=True), problems


# ----------------------------------------------------------------------------- writing


def _file_rows(frame: pd.DataFrame) -> list[list]:
    """The plan as rows of cells for a file: header first, dates as dates (each writer makes its text safe)."""
    clean, _ = clean_actions(frame)
    rows = [[HEADERS[c] for c in ACTION_COLUMNS]]
    for record in clean.to_dict("records"):
        rows.append(
            [(None if pd.isna(record[c]) else record[c].date()) if c == "due" else str(record[c]) for c in ACTION_COLUMNS]
        )
    return rows


def actions_csv(frame: pd.DataFrame) -> bytes:
    """The plan as CSV as csv_bytes writes it (every text quoted, formula-like text neutralised also after
    a separator), due as YYYY-MM-DD."""
    rows = [[("" if v is None else v.isoformat() if isinstance(v, dt.date) else v) for v in row] for row in _file_rows(frame)]
    return csv_bytes(pd.DataFrame(rows[1:], columns=rows[0]))


def write_actions_sheet(workbook: Workbook, frame: pd.DataFrame, title: str = ACTIONS_SHEET) -> Worksheet:
    """An Actions sheet in a workbook: a bold header, due as a date, text stored as text (never a formula)."""
    sheet = workbook.create_sheet(title)
    for row in _file_rows(frame):
        append_row(sheet, row)
    header_fill = PatternFill("solid", fgColor="1F3B57")
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif cell.value is not None:
                cell.number_format = "yyyy-mm-dd"
                cell.alignment = Alignment(vertical="top")
    for index, column in enumerate(ACTION_COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = COLUMN_WIDTHS[column]
    sheet.freeze_panes = "A2"
    return sheet


def actions_xlsx(frame: pd.DataFrame) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    write_actions_sheet(workbook, frame)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- reading

_FIX_HINT = "Download the action plan from the app (CSV or Excel), edit it, and load that file."


def _csv_unneutralise(value: object) -> object:
    """Undo the apostrophes csv_text wrote (csv_untext), so a CSV plan loads as it was saved."""
    return csv_untext(value) if isinstance(value, str) else value


def _csv_rows(filename: str, data: bytes) -> list[list]:
    """The rows of a CSV plan (any line endings; a cell is never cut: a plan is small). A stray quote that
    merged rows is an error naming the row and column."""
    import csv

    from .ingest.read import LINE_BREAK, STRAY_QUOTE_FIX, read_csv_rows, stray_quote_message

    if b"\x00" in data[:4096]:
        raise InputError(f"'{filename}' is neither a CSV file nor an Excel workbook.", _FIX_HINT)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1252 decodes nearly every byte; this is for the five it does not
        raise InputError(
            f"'{filename}' is not readable text in UTF-8 or Windows-1252.", "Save the CSV as UTF-8 and load it again."
        )
    first_line = LINE_BREAK.split(text, maxsplit=1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        rows, suspects = read_csv_rows(text, delimiter)
    except csv.Error as exc:
        raise InputError(f"'{filename}' is not a well-formed CSV file ({exc}).", _FIX_HINT) from None
    if suspects:
        raise InputError(stray_quote_message(f"'{filename}'", *suspects[0]), STRAY_QUOTE_FIX)
    return rows


def _workbook_rows(filename: str, data: bytes) -> tuple[list[list], str]:
    from .ingest.filecheck import check_upload
    from .ingest.read import open_workbook, sheet_rows

    check_upload(filename, data)  # refuses damaged, encrypted and oversized workbooks before any reader builds a grid
    workbook = open_workbook(filename, data)
    names = workbook.sheet_names
    by_lower = {n.strip().lower(): n for n in names}
    if ACTIONS_SHEET.lower() in by_lower:
        name = by_lower[ACTIONS_SHEET.lower()]
    elif len(names) == 1:
        name = names[0]
    else:
        raise InputError(
            f"'{filename}' has no sheet named '{ACTIONS_SHEET}' (its sheets: {', '.join(names)}).",
            f"Load the action plan download or the report workbook, or rename the plan's sheet to '{ACTIONS_SHEET}'.",
        )
    return sheet_rows(filename, data, workbook, name), f"sheet '{name}' of '{filename}'"


def _column_of(header: object) -> str | None:
    word = " ".join(_text(header).lower().split())
    word = _COLUMN_ALIASES.get(word, word)
    return word if word in ACTION_COLUMNS else None


def read_actions(filename: str, data: bytes) -> pd.DataFrame:
    """An action plan from a CSV file or a workbook (its Actions sheet, as in the report workbook).

    Raises InputError, naming the file, the row and the fix, when the file is not a plan or a value is bad.
    """
    if not data:
        raise InputError(f"'{filename}' is empty (0 bytes).", _FIX_HINT)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"'{filename}' is {len(data) / 1e6:.1f} MB; an action plan is far smaller (at most {MAX_FILE_BYTES // 1_000_000} MB).",
            "Check that this is the action plan and not the survey.",
        )
    from .ingest.read import is_csv

    if is_csv(filename, data):
        rows, where, read_back = _csv_rows(filename, data), f"'{filename}'", _csv_unneutralise
    else:
        (rows, where), read_back = _workbook_rows(filename, data), unneutralise
    header_at = next(
        (i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]) if "action" in {_column_of(c) for c in row}),
        None,
    )
    if header_at is None:
        raise InputError(
            f"{where[0].upper()}{where[1:]} has no 'Action' column in its first {HEADER_SEARCH_ROWS} rows; "
            f"an action plan has the columns {', '.join(HEADERS.values())} (Notes optional).",
            _FIX_HINT,
        )
    positions: dict[str, int] = {}
    for index, header in enumerate(rows[header_at]):
        column = _column_of(header)
        if column is not None and column not in positions:
            positions[column] = index
    records = [{c: read_back(row[i]) if i < len(row) else None for c, i in positions.items()} for row in rows[header_at + 1 :]]
    frame = pd.DataFrame(records, columns=list(ACTION_COLUMNS))
    clean, problems = clean_actions(frame, first_row=header_at + 2, where=where)
    if problems:
        more = f" ... and {len(problems) - 5} more." if len(problems) > 5 else ""
        raise InputError(
            f"The action plan in {where} has {len(problems)} problem{'s' if len(problems) > 1 else ''}: "
            + " ".join(problems[:5])
            + more,
            "Fix these cells in the file and load it again.",
        )
    if clean.empty:
        raise InputError(f"The action plan in {where} has its columns but no actions.", _FIX_HINT)
    return clean
