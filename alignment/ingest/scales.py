"""Answer scales of real survey tools: detected per column, rescaled to the app's 1–5 scale.

A survey built in Microsoft Forms, Google Forms, SurveyMonkey, Qualtrics or LimeSurvey answers with
agreement labels on 5 or 7 points, frequency or satisfaction labels, or numbers 1–5, 1–7 or 0–10,
with or without a label ("5 - Strongly agree", "7 = Strongly agree", "(4) Agree"). detect_scale()
looks at every distinct answer of one column and picks its scale; Scale.convert() turns one answer
into a score on 1–5:

    score = 1 + (x − low) × 4 / (high − low)

where x is the answer's position on its own scale, low … high. On 5-point scales the score is the
position itself (1.0 … 5.0), the same number cells.parse_likert gives, so results do not change.

Rules, in order:
- Case, stray spaces, curly quotes and dashes, surrounding quotes and trailing punctuation are ignored.
- No-answer spellings (NO_ANSWER), blanks and punctuation-only cells are no answer on every scale,
  as is a number labelled with one ("6 - Don't know").
- A labelled number counts as its number; the label is only evidence of the scale's length.
- Labels decide the scale when there are any: the labelled scale knowing most of the column's
  distinct labels wins; ties go to the `points` hint, then to the scale that holds the column's
  numbers, then to the first in SCALES. Labelled scales also accept numbers low … high.
- A column of numbers only is 1–5 if they all fit, else 1–7, else 0–10 (numbers off every scale are
  ignored for the choice), or the scale the `points` hint names (5, 7 or 11). Numbers off 1–5 that are
  fewer than 5 % of the column's numbers are typos on 1–5, reported, not a longer scale.
- Only the column's own answers count: adding, removing or changing another column never changes its
  scale. The statements of one grid question share one scale, detected from all their answers.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"'}
    | {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)


def _clean(text: object) -> str:
    """Lower case, single spaces, straight quotes and dashes, no surrounding quotes, no trailing punctuation."""
    text = " ".join(str(text).translate(_TYPOGRAPHY).casefold().split())
    return text.strip("\"' ").rstrip(".,;:!? ").strip("\"' ")


NO_ANSWER = frozenset(
    _clean(spelling)
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
_UNKNOWN_REASON = (
    "is not an answer on any supported scale (agreement, frequency or satisfaction labels, or numbers 1-5, 1-7 or 0-10)"
)


def _read(raw: object) -> tuple[float | None, str] | None:
    """None for no answer, else (number or None, cleaned label or '')."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    if isinstance(raw, numbers.Real) and not isinstance(raw, bool):
        return float(raw), ""
    text = _clean(raw)
    if text in NO_ANSWER or not re.search(r"[^\W_]", text):
        return None
    for pattern in _NUMBERED:
        if match := pattern.fullmatch(text):
            label = match["label"] or ""
            return None if label and label in NO_ANSWER else (float(match["n"].replace(",", ".")), label)
    return None, text


def _shown(raw: object) -> str:
    return str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw).strip()


@dataclass(frozen=True)
class Scale:
    """An answer scale: positions low … high, with the label spellings of each position (none for numbers)."""

    name: str
    title: str  # as reasons name it: "agreement 5-point" (the agreement 5-point scale), "0-10" (the 0-10 scale)
    low: int
    high: int
    labels: tuple[tuple[str, ...], ...] = ()  # per position from low: the canonical label, then accepted variants
    points: int = field(init=False)
    _positions: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", self.high - self.low + 1 if self.high > self.low else 0)
        positions = {_clean(label): self.low + i for i, spellings in enumerate(self.labels) for label in spellings}
        object.__setattr__(self, "_positions", positions)

    def score(self, position: float) -> float:
        """A position on this scale rescaled to 1–5."""
        return 1 + (position - self.low) * 4 / (self.high - self.low)

    def convert(self, raw: object) -> float | str | None:
        """The answer as a score on 1–5, None for no answer, or a str saying why it is not an answer."""
        reading = _read(raw)
        if reading is None:
            return None
        number, label = reading
        shown = _shown(raw)
        if not self.points:
            return f"'{shown}' {_UNKNOWN_REASON}"
        if number is None:
            if label in self._positions:
                return self.score(self._positions[label])
            return f"'{shown}' is not an answer on the {self.title} scale"
        span = f"{self.low}-{self.high}"
        where = f"the {self.title} scale" + ("" if self.title == span else f" ({span})")
        if not number.is_integer():
            return f"'{shown}' is not a whole number on {where}"
        if not self.low <= number <= self.high:
            return f"'{shown}' is outside {where}"
        return self.score(number)


def _labelled(name: str, title: str, *positions: str) -> Scale:
    return Scale(name, title, 1, len(positions), tuple(tuple(s.strip() for s in p.split("|")) for p in positions))


_NEITHER_AGREE = "Neither agree nor disagree | Neither agree or disagree | Neither disagree nor agree | Neutral"
_NEITHER_SATISFIED = (
    "Neither satisfied nor dissatisfied | Neither satisfied or dissatisfied | Neither dissatisfied nor satisfied | Neutral"
)

LABELLED: tuple[Scale, ...] = (
    _labelled("agreement-5", "agreement 5-point", "Strongly disagree", "Disagree", _NEITHER_AGREE, "Agree", "Strongly agree"),
    _labelled(
        "agreement-7",
        "agreement 7-point",
        "Strongly disagree",
        "Disagree | Moderately disagree",
        "Somewhat disagree | Slightly disagree",
        _NEITHER_AGREE,
        "Somewhat agree | Slightly agree",
        "Agree | Moderately agree",
        "Strongly agree",
    ),
    # Qualtrics' 5-point wording; its labels are all on the 7-point scale too, so it needs points=5
    _labelled(
        "agreement-5-somewhat",
        "agreement 5-point (somewhat)",
        "Strongly disagree",
        "Somewhat disagree",
        _NEITHER_AGREE,
        "Somewhat agree",
        "Strongly agree",
    ),
    _labelled(
        "frequency-5",
        "frequency 5-point",
        "Never",
        "Rarely | Seldom | Almost never",
        "Sometimes | Occasionally",
        "Often | Very often | Frequently | Usually | Almost always",
        "Always",
    ),
    # Qualtrics' frequency wording, where "Sometimes" is the second point
    _labelled(
        "frequency-5-half",
        "frequency 5-point (half the time)",
        "Never",
        "Sometimes",
        "About half the time",
        "Most of the time",
        "Always",
    ),
    _labelled(
        "satisfaction-5",
        "satisfaction 5-point",
        "Very dissatisfied | Extremely dissatisfied | Completely dissatisfied",
        "Dissatisfied | Somewhat dissatisfied",
        _NEITHER_SATISFIED,
        "Satisfied | Somewhat satisfied",
        "Very satisfied | Extremely satisfied | Completely satisfied",
    ),
)
NUMERIC: tuple[Scale, ...] = (
    Scale("numeric-1-5", "1-5", 1, 5),
    Scale("numeric-1-7", "1-7", 1, 7),
    Scale("numeric-0-10", "0-10", 0, 10),
)
SCALES: tuple[Scale, ...] = LABELLED + NUMERIC
SCALES_BY_NAME: dict[str, Scale] = {scale.name: scale for scale in SCALES}
UNKNOWN = Scale("unknown", "unknown", 0, 0)
AGREEMENT_5 = SCALES_BY_NAME["agreement-5"]
_NUMERIC_BY_POINTS = {scale.points: scale for scale in NUMERIC}


def _fits(scale: Scale, whole: set[int]) -> bool:
    return all(scale.low <= n <= scale.high for n in whole)


STRAY_SHARE = 0.05  # numbers off 1-5 must be at least this share of a column's numbers to mean a longer scale


def detect_scale(
    values: Iterable[str | float | int | None], points: int | None = None, counts: Iterable[int] | None = None
) -> Scale:
    """The scale of one answer column, from its distinct raw values (see the module docstring for the rules).

    counts, parallel to values, says how many cells hold each value (1 each when not given): a few
    numbers off 1-5 among many on it are typos, not a longer scale. Only this column's values are
    looked at, so no other column ever changes its scale. points (5, 7 or 11 for 0–10) is a caller's
    word on the scale's length: it decides a column of numbers, and breaks ties between labelled
    scales. A column with no answer at all is agreement-5 (today's rules); one with nothing
    recognisable is UNKNOWN, whose convert() rejects every answer.
    """
    if points is not None and points not in _NUMERIC_BY_POINTS:
        raise ValueError(f"points must be 5, 7 or 11 (for 0-10), not {points!r}")
    values = list(values)
    weights = [1] * len(values) if counts is None else [int(n) for n in counts]
    if len(weights) != len(values):
        raise ValueError("counts must give one count per value")
    weighted = [(reading, n) for reading, n in zip(map(_read, values), weights, strict=True) if reading is not None and n > 0]
    readings = [reading for reading, _ in weighted]
    if not readings:
        return AGREEMENT_5
    labels = {label for number, label in readings if number is None}
    whole = {int(number) for number, _ in readings if number is not None and number.is_integer()}
    known = [scale for scale in LABELLED if labels & scale._positions.keys()]
    if known:
        return max(
            known,
            key=lambda s: (len(labels & s._positions.keys()), s.points == points, _fits(s, whole), -LABELLED.index(s)),
        )
    if all(number is None for number, _ in readings):
        return UNKNOWN
    if points is not None:
        return _NUMERIC_BY_POINTS[points]
    # "5 - Somewhat agree" is 5 only on the 7-point scale: a known label says how long the scale is at least
    at_least = max(
        (
            min((s.points for s in LABELLED if s._positions.get(label) == number), default=0)
            for number, label in readings
            if number is not None and label
        ),
        default=0,
    )
    on_some_scale = [(int(r[0]), n) for r, n in weighted if r[0] is not None and r[0].is_integer() and 0 <= r[0] <= 10]
    off_five = sum(n for number, n in on_some_scale if not 1 <= number <= 5)
    if at_least <= 5 and off_five < STRAY_SHARE * sum(n for _, n in on_some_scale):
        return NUMERIC[0]  # a stray 7 or 0 among hundreds of 1-5 answers is a typo, reported as such
    return next(s for s in NUMERIC if s.points >= at_least and _fits(s, {number for number, _ in on_some_scale}))


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def scale_table() -> list[dict]:
    """One row per supported scale, for the README: name, points, labels, numbers, formula, scores."""
    rows = []
    for scale in SCALES:
        span = scale.high - scale.low
        x = "x" if scale.low == 0 else f"(x − {scale.low})"
        rows.append(
            {
                "name": scale.name,
                "points": scale.points,
                "labels": "; ".join(f"{scale.low + i} {' / '.join(spellings)}" for i, spellings in enumerate(scale.labels)),
                "numbers": f"{scale.low}–{scale.high}",
                "formula": "score = x" if (scale.low, span) == (1, 4) else f"score = 1 + {x} × 4 / {span}",
                "scores": ", ".join(f"{n} → {_number(scale.score(n))}" for n in range(scale.low, scale.high + 1)),
            }
        )
    return rows
