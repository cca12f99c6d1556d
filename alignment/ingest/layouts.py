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

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from ..items import ITEMS_BY_ID
from .cells import column_letter
from .header_text import (
    IDENTIFIER_KEYS,
    STATEMENT_FINDERS,
    after_code,
    blank_row,
    bracket_part,
    clean,
    header_key,
    is_header_text,
    looks_like_timestamp,
    name_matches,
    normalised_header,
    plural,
)
from .read import HEADER_SEARCH_ROWS
from .tool_signatures import EMAIL_VALUE, SIGNATURES, SURVEYMONKEY_PLAIN_ANSWER, TEMPLATE_ITEM, TEMPLATE_META, Signature
from .validation import PLAIN_TABLE, TEMPLATE

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
    id_column = next((c for c, n in enumerate(names) if normalised_header(n) == "respondent id"), 0)
    if blank_row(second) or (id_column < len(second) and clean(second[id_column])):
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
    id_column = next(c for c, n in enumerate(names) if name_matches(normalised_header(n), "ResponseId|ResponseID"))
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
    if not any(not blank_row(row) for row in rows):
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
    if not lowered or not name_matches(lowered[0], sig.markers[0]):
        return False
    if not all(any(name_matches(n, marker) for n in lowered) for marker in sig.markers[1:]):
        if not sig.any_of and not sig.second_row:
            return False
        edited = any(any(name_matches(n, marker) for n in lowered) for marker in sig.any_of)
        following = rows[at + 1] if at + 1 < len(rows) else []
        if not edited and not any(clean(cell).lower() in sig.second_row for cell in following):
            return False
    if sig.dated_first_column:
        if sum(1 for n in names if n) < 2:
            return False
        first = next((row for row in rows[at + 1 : at + 1 + HEADER_SEARCH_ROWS] if not blank_row(row)), None)
        if first is not None and not looks_like_timestamp(first[0] if first else None):
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
            col = next((c for c, n in enumerate(lowered) if name_matches(n, alt)), None)
            if col is not None:
                meta[field_name] = col
                break
    label = TOOL_LABELS[sig.tool]
    system = tuple(
        (col, f"bookkeeping column added by {label}")
        for col, name in enumerate(lowered)
        if col not in meta.values() and any(name_matches(name, spec) for spec in sig.system)
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
    summary = f"Recognised a {label} export: {plural(len(header.rows), 'header row')}"
    summary += "".join(f"; {plural(count, kind)} dropped" for kind, count in dropped_by_kind.items()) + "."
    hints = []
    grid = sum(1 for text, found in zip(texts, match_texts, strict=True) if found != text)
    if sig.statement == "after-code":  # the code prefix is not a grid: only 'Question [Row]' texts are
        grid = sum(1 for text in texts if bracket_part(text))
    if grid:
        hints.append(f"{plural(grid, 'column')} of grid or multi-part questions matched on the row text, not the question title.")
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
        if len(list(islice((cell for cell in row if is_header_text(cell)), 2))) == 2:  # two are enough: stop there
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
    return [(index, ABOVE_HEADER) for index in range(at) if not blank_row(rows[index])]


def _identifier_columns(
    rows: list[list], data_start: int, header_lines: list[list[str]], meta_columns: set[int], dropped: set[int]
) -> tuple[tuple[int, str], ...]:
    """Columns named like a direct identifier, and columns whose answers are mostly e-mail addresses."""
    found: dict[int, str] = {}
    for line in header_lines:
        for col, text in enumerate(line):
            label = IDENTIFIER_KEYS.get(header_key(text))
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
        notes.append(f"{plural(above, 'row')} above the header (a title or notes) not read as answers.")
    if identifiers:
        shown = ", ".join(f"{texts[col] or 'no header'} (column {column_letter(col)}, {label})" for col, label in identifiers)
        notes.append(f"Direct identifiers dropped, never shown or exported: {shown}.")
    notes.extend(hints or ())
    if all(blank_row(row) for row in rows[data_start:]):
        notes.append("No responses below the header.")
    return notes
