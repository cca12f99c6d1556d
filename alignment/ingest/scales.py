"""Answer scales of real survey tools: detected per column, rescaled to the app's 1–5 scale.

A survey built in Microsoft Forms, Google Forms, SurveyMonkey, Qualtrics or LimeSurvey answers with
agreement labels on 5 or 7 points, frequency or satisfaction labels, or numbers 1–5, 1–7 or 0–10,
with or without a label ("5 - Strongly agree", "7 = Strongly agree", "(4) Agree"). detect_scale()
looks at every distinct answer of one column and picks its scale; Scale.convert() turns one answer
into a score on 1–5:

    score = 1 + (x − low) × 4 / (high − low)

where x is the answer's position on its own scale, low … high. On 5-point scales the score is the
position itself (1.0 … 5.0).

Rules, in order:
- Case, stray spaces, curly quotes and dashes, surrounding quotes and trailing punctuation are ignored.
- No-answer spellings (NO_ANSWER), blanks and punctuation-only cells are no answer on every scale,
  as is a number labelled with one ("6 - Don't know").
- A labelled number counts as its number; the label is only evidence of the scale's length: a number labelled
  with a scale's top ("4 - Strongly agree") is the top, unless a labelled midpoint says the scale is longer.
- Labels decide the scale when there are any: the labelled scale knowing most of the column's
  distinct labels wins; ties go to the `points` hint, then to the scale that holds the column's
  numbers, then to the first in SCALES. Labelled scales also accept numbers low … high.
- A column of numbers only is 1–5 if they all fit, else 1–7, else 0–10 (numbers off every scale are
  ignored for the choice), or the scale the `points` hint names (5, 7 or 11). Numbers off 1–5 that are
  fewer than 5 % of the column's numbers are typos on 1–5, reported, not a longer scale.
- Only the column's own answers count: adding, removing or changing another column never changes its
  scale. The statements of one grid question share one scale, detected from all their answers.

How one answer is read (the first two rules) is answer_text.py; a scale and how an answer scores on it,
answer_scale.py; the labelled scales' spellings, labelled_scales.py. This module holds the set of scales, finds
one by name and detects a column's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .answer_scale import UNKNOWN, Scale, numeric_scale, ordered_scale
from .answer_text import read_answer
from .labelled_scales import LABELLED

NUMERIC: tuple[Scale, ...] = tuple(
    numeric_scale(low, high) for low, high in ((1, 4), (1, 5), (1, 6), (1, 7), (1, 9), (0, 10), (1, 10))
)
SCALES: tuple[Scale, ...] = LABELLED + NUMERIC
SCALES_BY_NAME: dict[str, Scale] = {scale.name: scale for scale in SCALES}
AGREEMENT_5 = SCALES_BY_NAME["agreement-5"]
_NUMERIC_BY_POINTS = {scale.points: scale for scale in NUMERIC}
# a label at either end of a labelled scale, given with a number, says where that scale ends: "4 - Strongly agree"
_BOTTOM = {label for scale in LABELLED for label, position in scale.positions.items() if position == scale.low}
_TOP = {label for scale in LABELLED for label, position in scale.positions.items() if position == scale.high}
# without labels, the highest number answered decides (0 anywhere means 0-10)
_BY_HIGHEST = (numeric_scale(1, 5), numeric_scale(1, 6), numeric_scale(1, 7), numeric_scale(1, 9), numeric_scale(0, 10))


def scale_named(name: str) -> Scale:
    """The scale of a name detect_scale gives (numeric-11-15 too: whole numbers LOW to HIGH, 2 to 11 of them, as
    detection and answers ordered by hand allow); a KeyError saying why for any other name."""
    if name in SCALES_BY_NAME:
        return SCALES_BY_NAME[name]
    if name == UNKNOWN.name:
        return UNKNOWN
    if found := re.fullmatch(r"numeric-(\d{1,6})-(\d{1,6})", name):
        low, high = int(found[1]), int(found[2])
        if 2 <= high - low + 1 <= 11:
            return numeric_scale(low, high)
        raise KeyError(f"'{name}' is not a scale: numeric-LOW-HIGH needs LOW below HIGH and 2 to 11 whole numbers")
    raise KeyError(f"there is no scale '{name if len(name) <= 40 else name[:40] + '…'}'")


def chosen_scale(name: str | None = None, order: Iterable[str] = ()) -> Scale | None:
    """The scale a user chose for a column: answers ordered by hand, else a scale by name; None when neither."""
    order = tuple(order)
    if order:
        return ordered_scale(order)
    return None if name is None else scale_named(name)


def _fits(scale: Scale, whole: set[int]) -> bool:
    return all(scale.low <= n <= scale.high for n in whole)


STRAY_SHARE = 0.05  # numbers off 1-5 must be at least this share of a column's numbers to mean a longer scale


def detect_scale(
    values: Iterable[str | float | int | None], points: int | None = None, counts: Iterable[int] | None = None
) -> Scale:
    """The scale of one answer column, from its distinct raw values (see the module docstring for the rules).

    counts, parallel to values, says how many cells hold each value (1 each when not given): a few
    numbers off 1-5 among many on it are typos, not a longer scale. Only this column's values are
    looked at, so no other column ever changes its scale. points (4, 5, 6, 7, 9, 10 for 1–10 or 11 for
    0–10) is a caller's word on the scale's length: it decides a column of numbers, and breaks ties
    between labelled scales. A column with no answer at all is agreement-5 (today's rules); one with
    nothing recognisable, or whose labels are mostly on no scale, is UNKNOWN, whose convert() rejects
    every answer.
    """
    if points is not None and points not in _NUMERIC_BY_POINTS:
        raise ValueError(f"points must be one of {', '.join(map(str, sorted(_NUMERIC_BY_POINTS)))} (11 for 0-10), not {points!r}")
    values = list(values)
    weights = [1] * len(values) if counts is None else [int(n) for n in counts]
    if len(weights) != len(values):
        raise ValueError("counts must give one count per value")
    weighted = [
        (reading, n) for reading, n in zip(map(read_answer, values), weights, strict=True) if reading is not None and n > 0
    ]
    readings = [reading for reading, _ in weighted]
    if not readings:
        return AGREEMENT_5
    labels = {label for number, label in readings if number is None}
    whole = {int(number) for number, _ in readings if number is not None and number.is_integer()}
    known = [scale for scale in LABELLED if labels & scale.positions.keys()]
    if known:
        best = max(
            known,
            key=lambda s: (
                len(labels & s.positions.keys()),
                s.points == points,
                len({s.positions[label] for label in labels & s.positions.keys()}),  # 7 points are not squeezed into 5
                _fits(s, whole),
                -LABELLED.index(s),
            ),
        )
        misses = labels - best.positions.keys()
        typos = sum(best.nearest_label(label) is not None for label in misses)  # "Agre" is a sign of agreement
        fitting = len(labels & best.positions.keys()) + sum(best.low <= n <= best.high for n in whole) + typos
        unknown = len(misses) - typos
        return UNKNOWN if unknown > fitting else best  # "Never" among Daily, Weekly, Monthly is not that scale
    if all(number is None for number, _ in readings):
        return UNKNOWN
    if points is not None:
        return _NUMERIC_BY_POINTS[points]
    numbers = [(int(r[0]), n) for r, n in weighted if r[0] is not None and r[0].is_integer() and r[0] >= 0]
    if numbers and all(number > 10 for number, _ in numbers):  # recoded answers: 11-15 are 1-5, 101-107 are 1-7
        base = 10 * (min(number for number, _ in numbers) // 10)
        if all(1 <= number - base <= 9 for number, _ in numbers):
            shifted = _numeric([((number - base, label), n) for ((number, label), n) in weighted if number is not None])
            return numeric_scale(shifted.low + base, shifted.high + base)
    return _numeric(weighted)


def _numeric(weighted: list[tuple[tuple[float | None, str], int]]) -> Scale:
    """The scale of a column of numbers, some labelled: its (number, label) readings with their counts."""
    readings = [reading for reading, _ in weighted if reading[0] is not None]
    # "5 - Somewhat agree" is 5 only on the 7-point scale: a known label says how long the scale is at least
    at_least = max(
        (min((s.points for s in LABELLED if s.positions.get(label) == number), default=0) for number, label in readings if label),
        default=0,
    )
    whole = [(int(number), n) for (number, _), n in weighted if number is not None and number.is_integer()]
    on_some_scale = [(number, n) for number, n in whole if 0 <= number <= 10]
    present = {number for number, _ in on_some_scale}
    bottom = [int(number) for number, label in readings if label in _BOTTOM and number.is_integer()]
    top = [int(number) for number, label in readings if label in _TOP and number.is_integer()]
    # a labelled midpoint says how long the scale is: "4 - Neither agree nor disagree" is the middle of 7 points
    middle = max(
        (
            s.points
            for number, label in readings
            if label
            for s in LABELLED
            if s.positions.get(label) == number and 2 * number == s.low + s.high
        ),
        default=0,
    )
    if top:  # "4 - Strongly agree": the scale ends at 4; it starts at a labelled bottom, at 0 (0 answered, or 0-10), or at 1
        high = max(top)
        low = min(bottom) if bottom else 0 if 0 in present or high == 10 else 1
        # the top's own number is the top, whatever longer scale "1 - Strongly disagree" or "2 - Disagree" are also on
        if 1 <= high - low <= 10 and high - low + 1 >= middle:
            return numeric_scale(low, high)
    if bottom and min(bottom) == 0:
        return numeric_scale(0, 10)  # "0 - Not at all likely"
    off_five = sum(n for number, n in on_some_scale if not 1 <= number <= 5)
    if at_least <= 5 and off_five < STRAY_SHARE * sum(n for _, n in on_some_scale):
        return numeric_scale(1, 5)  # a stray 7 or 0 among hundreds of 1-5 answers is a typo, reported as such
    return next((s for s in _BY_HIGHEST if s.points >= at_least and _fits(s, present)), numeric_scale(0, 10))


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


def scale_table_markdown() -> str:
    """scale_table() as the README's Markdown table (a test keeps the README in step with it)."""
    lines = ["| scale | points | answers | score |", "|---|---|---|---|"]
    for row in scale_table():
        answers = (row["labels"].replace("; ", " · ") + f", or {row['numbers']}") if row["labels"] else row["numbers"]
        lines.append(f"| {row['name']} | {row['points']} | {answers} | {row['formula']} |")
    return "\n".join(lines) + "\n"
