"""Text in a survey export's header: cleaning a cell, and finding the statement in a grid column's header
(the whole text, the part in brackets, after a dash or after a question code)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .tool_signatures import IDENTIFIERS


def clean(value: object) -> str:
    """A cell as header text: whitespace collapsed, byte-order mark gone, 4.0 as '4'."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).replace("\ufeff", "").split())  # str.split's whitespace is the regex \s


def normalised_header(value: object) -> str:
    return clean(value).lower()


def header_key(value: object) -> str:
    return re.sub(r"[^a-z0-9]", "", normalised_header(value))


def _names(spec: str) -> tuple[str, ...]:
    return tuple(normalised_header(name) for name in spec.split("|"))


def name_matches(name: str, spec: str) -> bool:
    return any(name.startswith(alt[:-1]) if alt.endswith("*") else name == alt for alt in _names(spec))


IDENTIFIER_KEYS = {header_key(name): label for label, names in IDENTIFIERS.items() for name in names}


def blank_row(row: list) -> bool:
    return all(not clean(cell) for cell in row)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def looks_like_timestamp(value: object) -> bool:
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 20000 < float(value) < 80000  # an Excel serial date
    return bool(re.match(r"^\s*\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}", str(value or "")))


def is_header_text(value: object) -> bool:
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
