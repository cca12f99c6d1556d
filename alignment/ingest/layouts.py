"""Recognising raw survey exports: which tool wrote a sheet, where its header and answers are.

Teams run the survey in Microsoft Forms, Google Forms, SurveyMonkey, Qualtrics or LimeSurvey and
upload the export as it comes. `detect_layout(rows)` looks at the content of one sheet (or CSV) —
column names and the shape of the first rows, never the file name — and returns a `Layout`: the
header rows, one cleaned header per column plus the text most likely to be the statement, rows to
drop (extra header rows, Qualtrics preview, test, spam and flagged responses), direct-identifier columns, the tool's own
respondent-id and date columns, and notes for the validation report.

Each tool is declared as data in SIGNATURES: the columns that mark its export, which of its columns
give the respondent id and the submitted date, its other bookkeeping columns, how its header rows
combine, and which answer rows are not real responses. It reads raw rows and depends only on the item
bank and the cell helpers, so the survey step can import it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from ..items import ITEMS_BY_ID
from .cells import column_letter
from .read import HEADER_SEARCH_ROWS
from .report import PLAIN_TABLE, TEMPLATE

SAMPLE_ROWS = 200  # data rows looked at to spot e-mail addresses in answer columns
TOOLS = (
    "template",
    "microsoft-forms",
    "google-forms",
    "surveymonkey",
    "qualtrics",
    "qualtrics-legacy",
    "limesurvey-code",
    "limesurvey-full",
    "limesurvey-both",
    "generic",
)
CODED_TOOLS = ("qualtrics", "qualtrics-legacy", "limesurvey-code", "limesurvey-both")  # their column names are codes
TOOL_LABELS = {
    "template": TEMPLATE,
    "microsoft-forms": "Microsoft Forms",
    "google-forms": "Google Forms",
    "surveymonkey": "SurveyMonkey",
    "qualtrics": "Qualtrics",
    "qualtrics-legacy": "legacy Qualtrics",
    "limesurvey-code": "LimeSurvey",
    "limesurvey-full": "LimeSurvey",
    "limesurvey-both": "LimeSurvey",
    "generic": PLAIN_TABLE,
}


@dataclass(frozen=True)
class Layout:
    """Where a sheet's header and answers are, and what to do with each column and row.

    Row and column indices are 0-based positions in the rows given to detect_layout."""

    tool: str  # one of TOOLS
    header_rows: tuple[int, ...]  # the rows that make up the header; () when none was found
    data_start: int  # the first answer row
    headers: tuple[str, ...]  # one cleaned header per column, grid questions as "Question [Row]"
    match_texts: tuple[str, ...]  # per column, the part most likely to be the statement (the grid row)
    drop_rows: tuple[tuple[int, str], ...]  # (row, reason): rows above the header, extra header rows, preview responses
    identifier_columns: tuple[tuple[int, str], ...]  # (column, what it holds): direct identifiers, never to be read
    meta: dict[str, int]  # respondent_id / submitted / period / function / department / role -> column
    notes: tuple[str, ...]  # for the validation report
    system_columns: tuple[tuple[int, str], ...] = ()  # (column, reason): the tool's own bookkeeping, not a question
    codes: tuple[str, ...] = ()  # per column, the tool's own code of the question (Qualtrics' export tag, LimeSurvey's
    # question code): a survey built from the item bank codes each question (REL1, function …; alignment.survey_codes)

    @property
    def label(self) -> str:
        return TOOL_LABELS[self.tool]

    @property
    def header_row(self) -> int | None:
        """The first header row (the one holding the tool's column names), or None."""
        return self.header_rows[0] if self.header_rows else None


# ------------------------------------------------------------------------------ the tools as data


@dataclass(frozen=True)
class RowRule:
    """Answer rows to drop: those whose `column` holds one of `values` (compared lower-case), or a number
    below `below` or at least `at_least`."""

    column: str
    values: frozenset[str]
    kind: str  # what such a row is, e.g. "preview response"
    below: float | None = None
    at_least: float | None = None

    def drops(self, value: str) -> bool:
        if value.lower() in self.values:
            return True
        if self.below is None and self.at_least is None:
            return False
        try:
            number = float(value)
        except ValueError:
            return False
        return (self.below is not None and number < self.below) or (self.at_least is not None and number >= self.at_least)


@dataclass(frozen=True)
class Signature:
    """How to recognise one tool's export and read its header.

    Column names are compared case-insensitively; "a|b" accepts either (meta: the first present wins);
    a trailing "*" matches any ending."""

    tool: str
    markers: tuple[str, ...]  # all must be in the header row, the first one in the first column
    meta: tuple[tuple[str, str], ...]  # (field, the tool's column for it)
    system: tuple[str, ...] = ()  # the tool's other bookkeeping columns
    header: str = "single"  # how the header rows combine: a key of HEADER_READERS
    statement: str = "whole"  # where a grid column's statement is: a key of STATEMENT_FINDERS
    dated_first_column: bool = False  # the first column must hold dates (a weak marker needs backing)
    row_rules: tuple[RowRule, ...] = ()
    # when set, the markers after the first need not all be there: one of these columns is enough (a user renamed or
    # deleted some), or a cell of the next row being one of second_row (the tool's second header row)
    any_of: tuple[str, ...] = ()
    second_row: frozenset[str] = frozenset()


GOOGLE_TIMESTAMP = (
    "Timestamp|Marca temporal|Horodateur|Zeitstempel|Informazioni cronologiche|Carimbo de data/hora|Tijdstempel|Sygnatura czasowa"
)

SIGNATURES: tuple[Signature, ...] = (
    Signature(
        tool="qualtrics",
        markers=("StartDate", "EndDate", "ResponseId|ResponseID", "Finished", "RecordedDate"),
        meta=(("respondent_id", "ResponseId|ResponseID"), ("submitted", "EndDate|RecordedDate")),
        system=(
            "StartDate",
            "EndDate",
            "RecordedDate",
            "Status",
            "Progress",
            "Duration (in seconds)",
            "Finished",
            "DistributionChannel",
            "UserLanguage",
            "Q_*",
        ),
        header="qualtrics",
        statement="after-dash",
        row_rules=(
            RowRule("Status", frozenset({"survey preview", "1"}), "preview response"),
            RowRule("DistributionChannel", frozenset({"preview"}), "preview response"),
            RowRule("Status", frozenset({"survey test", "2"}), "test response"),
            RowRule("DistributionChannel", frozenset({"test"}), "test response"),
            RowRule("Status", frozenset({"spam", "8"}), "spam response"),
            RowRule("Q_RelevantIDDuplicate", frozenset({"true", "1"}), "duplicate response"),
            RowRule("Q_RecaptchaScore", frozenset(), "likely bot", below=0.5),  # Qualtrics' own bot threshold
            RowRule("Q_RelevantIDFraudScore", frozenset(), "likely fraud", at_least=30),  # likewise for fraud
        ),
    ),
    Signature(  # the export format Qualtrics wrote before 2018: tags V1 ... V10 in row 1, the names in row 2
        tool="qualtrics-legacy",
        markers=("V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10"),
        meta=(("respondent_id", "ResponseID"), ("submitted", "EndDate")),
        system=("ResponseSet", "Status", "StartDate", "Finished", "Q_*"),
        header="qualtrics-legacy",
        statement="after-dash",
        row_rules=(
            RowRule("Status", frozenset({"1", "17"}), "preview response"),
            RowRule("Status", frozenset({"2"}), "test response"),
            RowRule("Status", frozenset({"8", "9", "12"}), "spam response"),
        ),
    ),
    Signature(
        tool="surveymonkey",
        markers=("Respondent ID", "Collector ID", "Start Date", "End Date"),
        meta=(("respondent_id", "Respondent ID"), ("submitted", "End Date")),
        system=("Collector ID|Collector", "Start Date", "Custom Data*"),
        header="surveymonkey",
        statement="brackets",
        any_of=("Collector ID|Collector", "Custom Data*"),  # 'Respondent ID' with dates only may be anyone's table
        second_row=frozenset({"response", "open-ended response", "open ended response"}),
    ),
    Signature(  # 'Question code & question text' headings: "REL1. IT staff attend …", "G01Q02[SQ001]. Text [Row]"
        tool="limesurvey-both",
        markers=("id. *", "submitdate. *"),
        meta=(("respondent_id", "id. *"), ("submitted", "submitdate. *")),
        system=tuple(
            f"{code}. *" for code in ("lastpage", "startlanguage", "seed", "startdate", "datestamp", "refurl", "interviewtime")
        ),
        statement="after-code",
    ),
    Signature(
        tool="limesurvey-code",
        markers=("id", "submitdate", "lastpage", "startlanguage"),
        meta=(("respondent_id", "id"), ("submitted", "submitdate")),
        system=("lastpage", "startlanguage", "seed", "startdate", "datestamp", "refurl", "interviewtime"),
        statement="brackets",
    ),
    Signature(
        tool="limesurvey-full",
        markers=("Response ID", "Date submitted", "Last page", "Start language"),
        meta=(("respondent_id", "Response ID"), ("submitted", "Date submitted")),
        system=("Last page", "Start language", "Seed", "Date started", "Date last action", "Referrer URL", "Total time"),
        statement="brackets",
    ),
    Signature(
        tool="microsoft-forms",
        markers=("ID", "Start time", "Completion time"),
        meta=(("respondent_id", "ID"), ("submitted", "Completion time")),
        system=(
            "Start time",
            "Last modified time",
            "Total points",
            "Quiz feedback",
            "Grade posted time",
            "Points - *",
            "Feedback - *",
        ),
    ),
    Signature(
        tool="google-forms",
        markers=(GOOGLE_TIMESTAMP,),
        meta=(("submitted", GOOGLE_TIMESTAMP),),
        system=("Score",),
        statement="brackets",
        dated_first_column=True,
    ),
)

# The app's own template: item columns headed "REL-1 <statement>", and these meta columns (spelt exactly so).
TEMPLATE_META = ("respondent_id", "period", "submitted", "function", "department", "role")
TEMPLATE_ITEM = re.compile(r"^([A-Z]{3}-(?:\d+|O))(?=\s|$)")

# Direct identifiers, by column name (compared without case, spaces or punctuation): what each holds.
IDENTIFIERS: dict[str, tuple[str, ...]] = {
    "email address": ("Email", "E-mail", "Email Address", "Your email", "Your email address", "email"),
    "email address (sign-in)": ("Username",),
    "name": ("Name", "Full name", "Your name", "Respondent name"),
    "first name": ("First Name", "firstname"),
    "last name": ("Last Name", "lastname"),
    "IP address": ("IP Address", "IPAddress", "ipaddr"),
    "recipient first name": ("RecipientFirstName",),
    "recipient last name": ("RecipientLastName",),
    "recipient email": ("RecipientEmail",),
    "external reference": ("ExternalReference", "ExternalDataReference", "External Data Reference"),
    "location": ("LocationLatitude", "LocationLongitude"),
    "participant access code": ("token", "Access code"),
    "phone number": ("Phone", "Phone number"),
}
EMAIL_VALUE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")

# A SurveyMonkey second-header cell that only says "the answer goes here".
SURVEYMONKEY_PLAIN_ANSWER = {"response", "open-ended response", "open ended response"}


# ----------------------------------------------------------------------------------- cell text


def clean(value: object) -> str:
    """A cell as header text: whitespace collapsed, byte-order mark gone, 4.0 as '4'."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).replace("\ufeff", "").split())  # str.split's whitespace is the regex \s


def _norm(value: object) -> str:
    return clean(value).lower()


def _key(value: object) -> str:
    return re.sub(r"[^a-z0-9]", "", _norm(value))


def _names(spec: str) -> tuple[str, ...]:
    return tuple(_norm(name) for name in spec.split("|"))


def _name_matches(name: str, spec: str) -> bool:
    return any(name.startswith(alt[:-1]) if alt.endswith("*") else name == alt for alt in _names(spec))


_IDENTIFIER_KEYS = {_key(name): label for label, names in IDENTIFIERS.items() for name in names}


def _blank_row(row: list) -> bool:
    return all(not clean(cell) for cell in row)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _looks_like_timestamp(value: object) -> bool:
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 20000 < float(value) < 80000  # an Excel serial date
    return bool(re.match(r"^\s*\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}", str(value or "")))


def _is_header_text(value: object) -> bool:
    """Text a header would hold: a string with letters, not mostly digits (unlike '2026-Q1' or '4')."""
    if not isinstance(value, str):
        return False
    letters = sum(ch.isalpha() for ch in value)
    digits = sum(ch.isdigit() for ch in value)
    return letters > 0 and digits <= letters


# ------------------------------------------------------------------------- statement in a header


def _whole(texts: list[str], tags: list[str]) -> list[str]:
    return list(texts)


def bracket_part(text: str) -> str:
    """'Please rate: [IT explains …]' -> 'IT explains …' (the last, balanced bracket group); else ''."""
    if not text.endswith("]"):
        return ""
    depth = 0
    for pos in range(len(text) - 1, -1, -1):
        depth += {"]": 1, "[": -1}.get(text[pos], 0)
        if depth == 0:
            return text[pos + 1 : -1].strip()
    return ""


def _brackets(texts: list[str], tags: list[str]) -> list[str]:
    return [bracket_part(text) or text for text in texts]


def _after_dash(texts: list[str], tags: list[str]) -> list[str]:
    """Qualtrics matrix columns (tags Q2_1, Q2_2 …) read 'Question text - Statement' (legacy exports
    'Question text-Statement'): the statement is what follows the question stem the columns of one question share."""
    found = list(texts)
    groups: dict[tuple[str, str], list[int]] = {}
    for col, tag in enumerate(tags):
        sub = re.match(r"^(.+)_\d+$", tag)
        separator = " - " if " - " in texts[col] else "-"
        if sub and separator in texts[col]:
            groups.setdefault((sub.group(1), separator), []).append(col)
    # a matrix whose rows carry their own export tags (a survey built from the item bank tags them REL1 …): its
    # columns stand side by side and share the question's text before ' - '
    grouped = {col for cols in groups.values() for col in cols}
    run: list[int] = []
    for col in [*range(len(texts)), len(texts)]:
        stem = texts[col].split(" - ", 1)[0] if col < len(texts) and col not in grouped and " - " in texts[col] else None
        if run and (stem is None or texts[run[0]].split(" - ", 1)[0] != stem or col != run[-1] + 1):
            if len(run) > 1:
                groups[(f"run{run[0]}", " - ")] = run
            run = []
        if stem is not None:
            run.append(col)
    for (_, separator), cols in groups.items():
        stem = _shared_stem([texts[c] for c in cols], separator)
        for col in cols:
            found[col] = texts[col][len(stem) :].strip() or texts[col]
    return found


_CODE_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:\[[^\]]*\])?\.\s+(?P<text>.+)$")


def after_code(texts: list[str], tags: list[str]) -> list[str]:
    """LimeSurvey's 'code. text' headings: the text after the question code, the subquestion for an array."""
    found = []
    for text in texts:
        code = _CODE_PREFIX.match(text)
        rest = code["text"] if code else text
        found.append(bracket_part(rest) or rest)
    return found


def _shared_stem(texts: list[str], separator: str) -> str:
    if len(texts) == 1:
        return texts[0][: texts[0].index(separator) + len(separator)]
    shortest = min(texts, key=len)
    length = next((i for i, ch in enumerate(shortest) if any(text[i] != ch for text in texts)), len(shortest))
    prefix = shortest[:length]
    cut = prefix.rfind(separator)
    return prefix[: cut + len(separator)] if cut > 0 else ""


STATEMENT_FINDERS: dict[str, Callable[[list[str], list[str]], list[str]]] = {
    "whole": _whole,
    "brackets": _brackets,
    "after-dash": _after_dash,
    "after-code": after_code,
}


# ----------------------------------------------------------------------------- header shapes


@dataclass
class _Header:
    rows: tuple[int, ...]
    texts: list[str]  # one per column
    extra_rows: dict[int, str]  # header rows after the first: why they are not answers
    names: list[str] | None = None  # the tool's column names, when not the first header row's (legacy Qualtrics)


def _single_header(rows: list[list], at: int, names: list[str], sig: Signature) -> _Header:
    return _Header((at,), list(names), {})


def _surveymonkey_header(rows: list[list], at: int, names: list[str], sig: Signature) -> _Header:
    """Row 1 names each question once (matrix questions in their first column only); row 2 holds
    'Response', 'Open-Ended Response', the matrix row or the option of each column."""
    second = rows[at + 1] if at + 1 < len(rows) else []
    id_column = next((c for c, n in enumerate(names) if _norm(n) == "respondent id"), 0)
    if _blank_row(second) or (id_column < len(second) and clean(second[id_column])):
        return _Header((at,), list(names), {})  # no second header row (it was deleted, or there are no answers)
    texts, question = [], ""
    for col, top in enumerate(names):
        sub = clean(second[col]) if col < len(second) else ""
        if top:
            question = top
        elif not sub:
            question = ""
        if not sub or sub.lower() in SURVEYMONKEY_PLAIN_ANSWER:
            texts.append(question)
        else:
            texts.append(f"{question} [{sub}]" if question else sub)
    return _Header((at, at + 1), texts, {at + 1: "SurveyMonkey second header row (answer options and matrix rows)"})


def _is_import_id_row(row: list) -> bool:
    cells = [clean(c) for c in row if clean(c)]
    return bool(cells) and sum(c.startswith('{"ImportId"') for c in cells) * 2 >= len(cells)


def _qualtrics_header(rows: list[list], at: int, names: list[str], sig: Signature) -> _Header:
    """Row 1: export tags (Q1, Q2_1 …); row 2: question texts; row 3: {"ImportId": …}. Older or
    hand-trimmed exports may lack rows 2 or 3."""
    id_column = next(c for c, n in enumerate(names) if _name_matches(_norm(n), "ResponseId|ResponseID"))
    header_rows, extra, texts = [at], {}, list(names)
    nxt = at + 1
    if nxt < len(rows) and not _is_import_id_row(rows[nxt]):
        row = rows[nxt]
        response_id = clean(row[id_column]) if id_column < len(row) else ""
        if response_id and not re.match(r"^R_\w+$", response_id):
            header_rows.append(nxt)
            extra[nxt] = "Qualtrics question-text header row"
            texts = [clean(row[c]) if c < len(row) and clean(row[c]) else name for c, name in enumerate(names)]
            nxt += 1
    if nxt < len(rows) and _is_import_id_row(rows[nxt]):
        header_rows.append(nxt)
        extra[nxt] = "Qualtrics ImportId row"
    return _Header(tuple(header_rows), texts, extra)


def _qualtrics_legacy_header(rows: list[list], at: int, names: list[str], sig: Signature) -> _Header:
    """Row 1: V1 … V10 for the bookkeeping columns, then the export tags (Q1, Q2_1 …); row 2: the bookkeeping
    columns' names (ResponseID, ResponseSet, Name, EmailAddress, IPAddress, Status, StartDate, EndDate, Finished)
    and the question texts."""
    second = _padded(rows[at + 1], len(names)) if at + 1 < len(rows) else [""] * len(names)
    texts = [sub or name for name, sub in zip(names, second, strict=True)]
    tool_names = [sub if re.fullmatch(r"V\d+", name) and sub else name for name, sub in zip(names, second, strict=True)]
    return _Header((at, at + 1), texts, {at + 1: "legacy Qualtrics question-text header row"}, tool_names)


HEADER_READERS: dict[str, Callable[[list[list], int, list[str], Signature], _Header]] = {
    "single": _single_header,
    "surveymonkey": _surveymonkey_header,
    "qualtrics": _qualtrics_header,
    "qualtrics-legacy": _qualtrics_legacy_header,
}


# --------------------------------------------------------------------------------- detection


def detect_layout(rows: list[list]) -> Layout:
    """Recognise which tool exported one sheet (or CSV) of raw cells, and how to read it."""
    rows = rows or []
    if not any(not _blank_row(row) for row in rows):
        return _empty_layout("The sheet is empty.")
    for at, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [clean(c) for c in row]
        for sig in SIGNATURES:
            if _signature_matches(sig, names, rows, at):
                return _tool_layout(sig, rows, at, names)
    at = _template_header_row(rows)
    if at is not None:
        return _plain_layout("template", rows, at)
    at = _generic_header_row(rows)
    if at is None:
        return _empty_layout(
            f"No header row found in the first {HEADER_SEARCH_ROWS} rows "
            "(a header row has at least two text cells, such as question texts or item ids)."
        )
    return _plain_layout("generic", rows, at)


def _signature_matches(sig: Signature, names: list[str], rows: list[list], at: int) -> bool:
    lowered = [n.lower() for n in names]
    if not lowered or not _name_matches(lowered[0], sig.markers[0]):
        return False
    if not all(any(_name_matches(n, marker) for n in lowered) for marker in sig.markers[1:]):
        if not sig.any_of and not sig.second_row:
            return False
        edited = any(any(_name_matches(n, marker) for n in lowered) for marker in sig.any_of)
        following = rows[at + 1] if at + 1 < len(rows) else []
        if not edited and not any(clean(cell).lower() in sig.second_row for cell in following):
            return False
    if sig.dated_first_column:
        if sum(1 for n in names if n) < 2:
            return False
        first = next((row for row in rows[at + 1 : at + 1 + HEADER_SEARCH_ROWS] if not _blank_row(row)), None)
        if first is not None and not _looks_like_timestamp(first[0] if first else None):
            return False
    return True


def _width(rows: list[list]) -> int:
    return max((len(row) for row in rows), default=0)


def _padded(row: list, width: int) -> list[str]:
    return [clean(c) for c in row] + [""] * (width - len(row))


def _tool_layout(sig: Signature, rows: list[list], at: int, names: list[str]) -> Layout:
    width = _width(rows)
    names = _padded(names, width)
    header = HEADER_READERS[sig.header](rows, at, names, sig)
    names = header.names or names
    lowered = [n.lower() for n in names]
    texts = header.texts + [""] * (width - len(header.texts))
    match_texts = STATEMENT_FINDERS[sig.statement](texts, names)
    data_start = header.rows[-1] + 1

    meta: dict[str, int] = {}
    for field_name, spec in sig.meta:
        for alt in spec.split("|"):
            col = next((c for c, n in enumerate(lowered) if _name_matches(n, alt)), None)
            if col is not None:
                meta[field_name] = col
                break
    label = TOOL_LABELS[sig.tool]
    system = tuple(
        (col, f"bookkeeping column added by {label}")
        for col, name in enumerate(lowered)
        if col not in meta.values() and any(_name_matches(name, spec) for spec in sig.system)
    )

    drops = _rows_above(rows, at) + sorted(header.extra_rows.items())
    dropped_by_kind: dict[str, int] = {}
    rules = [(lowered.index(rule.column.lower()), rule) for rule in sig.row_rules if rule.column.lower() in lowered]
    for index in range(data_start, len(rows)) if rules else ():
        row = rows[index]
        for col, rule in rules:
            cell = row[col] if col < len(row) else None
            value = cell.strip() if type(cell) is str else clean(cell)
            if rule.drops(value):
                drops.append((index, f"{label} {rule.kind} ({names[col]} '{value}')"))
                dropped_by_kind[rule.kind] = dropped_by_kind.get(rule.kind, 0) + 1
                break
    drops.sort()

    lines = [names, texts, [after_code([t], [])[0] for t in texts]]  # 'ipaddr. IP address' is an IP address too
    identifiers = _identifier_columns(rows, data_start, lines, set(meta.values()), {r for r, _ in drops})
    summary = f"Recognised a {label} export: {_plural(len(header.rows), 'header row')}"
    summary += "".join(f"; {_plural(count, kind)} dropped" for kind, count in dropped_by_kind.items()) + "."
    hints = []
    grid = sum(1 for text, found in zip(texts, match_texts, strict=True) if found != text)
    if sig.statement == "after-code":  # the code prefix is not a grid: only 'Question [Row]' texts are
        grid = sum(1 for text in texts if bracket_part(text))
    if grid:
        hints.append(
            f"{_plural(grid, 'column')} of grid or multi-part questions matched on the row text, not the question title."
        )
    if sig.tool == "limesurvey-code" and not any(_looks_like_item_code(text) for text in match_texts):
        hints.append(
            "LimeSurvey exported question codes, not question texts: answer columns are recognised only when "
            "their codes are item ids (REL1, TRU2 …). Otherwise export again with 'Full question text' headings."
        )
    notes = [summary, *_common_notes(rows, at, data_start, texts, identifiers, hints)]
    return Layout(
        tool=sig.tool,
        header_rows=header.rows,
        data_start=data_start,
        headers=tuple(texts),
        match_texts=tuple(match_texts),
        drop_rows=tuple(drops),
        identifier_columns=identifiers,
        meta=meta,
        notes=tuple(notes),
        system_columns=system,
        codes=tuple(names) if sig.tool in CODED_TOOLS else (),
    )


def _looks_like_item_code(text: str) -> bool:
    found = re.match(r"^([A-Za-z]{3})[-_]?(\d+|O)$", text)
    return bool(found) and f"{found.group(1).upper()}-{found.group(2).upper()}" in ITEMS_BY_ID


def _template_header_row(rows: list[list]) -> int | None:
    for at, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [clean(c) for c in row]
        items = sum(1 for n in names if (found := TEMPLATE_ITEM.match(n)) and found.group(1) in ITEMS_BY_ID)
        metas = sum(1 for n in names if n in TEMPLATE_META)
        if items >= 2 or (items and metas):
            return at
    return None


def _generic_header_row(rows: list[list]) -> int | None:
    for at, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if len(list(islice((cell for cell in row if _is_header_text(cell)), 2))) == 2:  # two are enough: stop there
            return at
    return None


def _plain_layout(tool: str, rows: list[list], at: int) -> Layout:
    width = _width(rows)
    texts = _padded(rows[at], width)
    meta: dict[str, int] = {}
    if tool == "template":
        for col, text in enumerate(texts):
            if text in TEMPLATE_META:
                meta.setdefault(text, col)
    drops = _rows_above(rows, at)
    identifiers = _identifier_columns(rows, at + 1, [texts], set(meta.values()), {r for r, _ in drops})
    if tool == "template":
        summary = "Recognised the app's template: 1 header row."
    else:
        summary = f"No survey tool recognised: read as a plain table with its header in row {at + 1}."
    return Layout(
        tool=tool,
        header_rows=(at,),
        data_start=at + 1,
        headers=tuple(texts),
        match_texts=tuple(texts),
        drop_rows=tuple(drops),
        identifier_columns=identifiers,
        meta=meta,
        notes=(summary, *_common_notes(rows, at, at + 1, texts, identifiers)),
    )


def _empty_layout(note: str) -> Layout:
    return Layout("generic", (), 0, (), (), (), (), {}, (note,))


ABOVE_HEADER = "above the header row"  # the reason of a dropped title or note row, which is not data


def _rows_above(rows: list[list], at: int) -> list[tuple[int, str]]:
    return [(index, ABOVE_HEADER) for index in range(at) if not _blank_row(rows[index])]


def _identifier_columns(
    rows: list[list], data_start: int, header_lines: list[list[str]], meta_columns: set[int], dropped: set[int]
) -> tuple[tuple[int, str], ...]:
    """Columns named like a direct identifier, and columns whose answers are mostly e-mail addresses."""
    found: dict[int, str] = {}
    for line in header_lines:
        for col, text in enumerate(line):
            label = _IDENTIFIER_KEYS.get(_key(text))
            if label and col not in meta_columns:
                found.setdefault(col, label)
    sample = [row for index, row in enumerate(rows[data_start : data_start + SAMPLE_ROWS], data_start) if index not in dropped]
    width = max((len(line) for line in header_lines), default=0)
    for col in range(width):
        if col in found or col in meta_columns:
            continue
        values = [value for row in sample if col < len(row) and (value := clean(row[col]))]
        if values and sum(bool(EMAIL_VALUE.match(v)) for v in values) * 2 >= len(values):
            found[col] = "e-mail addresses in the answers"
    return tuple(sorted(found.items()))


def _common_notes(
    rows: list[list],
    at: int,
    data_start: int,
    texts: list[str],
    identifiers: tuple[tuple[int, str], ...],
    hints: list[str] | None = None,
) -> list[str]:
    """Rows above the header, identifiers dropped, the tool-specific hints, and a missing-answers warning."""
    notes = []
    above = len(_rows_above(rows, at))
    if above:
        notes.append(f"{_plural(above, 'row')} above the header (a title or notes) not read as answers.")
    if identifiers:
        shown = ", ".join(f"{texts[col] or 'no header'} (column {column_letter(col)}, {label})" for col, label in identifiers)
        notes.append(f"Direct identifiers dropped, never shown or exported: {shown}.")
    notes.extend(hints or ())
    if all(_blank_row(row) for row in rows[data_start:]):
        notes.append("No responses below the header.")
    return notes
