"""What the guided import and the errors about a survey say of its columns: a short label per column (a grid row's
statement, not the grid's instruction), the candidate question columns (answers on a known scale), and the error
when no column maps to a statement, naming the file and a few of its headers, never a paragraph cut mid-word."""

from __future__ import annotations

from ..errors import InputError
from .cells import NO_ANSWER, is_blank, normalise, text_value
from .header_text import after_code
from .scales import detect_scale


def statement_label(header: str, statement: str = "") -> str:
    """What a column asks, without a grid's instruction: the statement part of its header when the layout found
    one ('IT explains …' of 'Please rate … [IT explains …]'), without a LimeSurvey code prefix ('REL1. ')."""
    text = statement if statement and statement != header else header
    return after_code([text], [])[0]


def short_label(header: str, statement: str = "", limit: int = 90) -> str:
    """statement_label, cut at a word with an ellipsis beyond `limit` characters: for a compact grid."""
    return shortened(statement_label(header, statement), limit)


SHOWN_HEADERS, SHOWN_HEADER_LENGTH = 6, 40  # an error names a few headers, each cut to a few words
MAPPING_FLAG = (
    "On the command line, pass a mapping file with --mapping (python -m alignment analyze FILE --mapping mapping.json)."
)


def where(filename: str, sheet: str) -> str:
    """How a message names the survey: the file itself for a CSV ('survey.csv'), else 'the 'Responses' sheet of
    'survey.xlsx'' (a CSV's only sheet is named after the file)."""
    if filename.lower().endswith((".csv", ".txt")) and sheet == filename.rsplit(".", 1)[0]:
        return f"'{filename}'"
    return f"the '{sheet}' sheet of '{filename}'"


def shortened(text: str, limit: int = SHOWN_HEADER_LENGTH) -> str:
    """A header as a message names it: whole up to `limit` characters, else cut at a word with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def no_item_column(filename: str, sheet: str, rows: list[list]) -> InputError:
    first = next(row for row in rows if not all(is_blank(c) for c in row))
    headers = [text_value(c) for c in first if not is_blank(c)]
    shown = ", ".join(f"'{shortened(h)}'" for h in headers[:SHOWN_HEADERS])
    more = len(headers) - SHOWN_HEADERS
    shown += f" and {more:,} more" if more > 0 else ""
    return InputError(
        f"{capital(where(filename, sheet))} has no recognisable item column (headers seen: {shown}).",
        "Assign its answer columns to statements in the guided import, or load a mapping file saved there; a header "
        "that starts with an item id such as 'REL-1', or carries the statement's text, is found by itself.",
        MAPPING_FLAG,
    )


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def candidates(samples: dict[int, list], skipped: set[int]) -> dict[int, str]:
    """The columns whose answers (of the first rows) are on a known scale, with that scale's title: the question
    columns a user may assign to statements (`skipped`: the tool's bookkeeping, identifiers and fields)."""
    found = {}
    for col, values in samples.items():
        if col in skipped:
            continue
        texts = sorted({t for t in (normalise(text_value(v)) for v in set(values)) if t and t not in NO_ANSWER})  # each once
        if texts and (scale := detect_scale(texts)).name != "unknown":
            found[col] = scale.title
    return found
