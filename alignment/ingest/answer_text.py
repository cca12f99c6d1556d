"""One raw answer as survey tools write it, read into a number and/or a cleaned label (the scales in scales.py
decide what it scores).

- Case, stray spaces, curly quotes and dashes, surrounding quotes and trailing punctuation are ignored.
- No-answer spellings (NO_ANSWER), blanks and punctuation-only cells are no answer on every scale,
  as is a number labelled with one ("6 - Don't know").
- A labelled number ("5 - Strongly agree", "7 = Strongly agree", "(4) Agree", "Agree (4)") and LimeSurvey's
  answer codes (A1 … A5, AO01 … AO05) read as their number, with the label kept as evidence of the scale.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata

_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"'}
    | {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)


def clean_answer(text: object) -> str:
    """Lower case, single spaces, straight quotes and dashes, no accents, no surrounding quotes, no trailing
    punctuation ("Stimme völlig zu" and "Stimme vollig zu" are one answer)."""
    text = " ".join(str(text).translate(_TYPOGRAPHY).casefold().split())
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    while True:  # quotes and punctuation in any nesting: '"n.a.".' is n.a
        trimmed = text.strip("\"' ").rstrip(".,;:!? ")
        if trimmed == text:
            return text
        text = trimmed


NO_ANSWER = frozenset(
    clean_answer(spelling)
    for spelling in (
        *("", "N/A", "n/a", "NA", "n.a.", "-", "Not applicable", "No answer", "No response"),
        *("Don't know", "Do not know", "Dont know", "I don't know", "Unsure", "Not sure"),
        *("Can't say", "Cannot say", "Cant say", "No opinion", "Prefer not to say", "Prefer not to answer"),
    )
)

_NUMBER = r"(?P<n>\d+(?:[.,]\d+)?)"
_NUMBERED = tuple(
    re.compile(pattern)
    for pattern in (
        _NUMBER + r"(?:\s*[-:=.)]\s*(?P<label>[^\d\s].*)?)?",  # 4 · 4.0 · 5 - strongly agree · 7 = strongly agree · 2) disagree
        r"\(" + _NUMBER + r"\)\s*(?P<label>.*)",  # (4) agree
        r"(?P<label>[^\d\s(].*?)\s*\(" + _NUMBER + r"\)",  # agree (4)
    )
)
_CODE = re.compile(r"ao?0*(?P<n>\d{1,2})")  # LimeSurvey's answer codes: A1 ... A5, AO01 ... AO05


def read_answer(raw: object) -> tuple[float | None, str] | None:
    """None for no answer, else (number or None, cleaned label or '')."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    if isinstance(raw, numbers.Real) and not isinstance(raw, bool):
        return float(raw), ""
    text = clean_answer(raw)
    if text in NO_ANSWER or not re.search(r"[^\W_]", text):
        return None
    if code := _CODE.fullmatch(text):
        return float(code["n"]), ""
    for pattern in _NUMBERED:
        if match := pattern.fullmatch(text):
            label = match["label"] or ""
            return None if label and label in NO_ANSWER else (float(match["n"].replace(",", ".")), label)
    return None, text


def shown_answer(raw: object) -> str:
    """The answer as a reason quotes it: a whole float without its ".0", text without surrounding spaces."""
    return str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw).strip()
