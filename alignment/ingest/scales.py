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
"""

from __future__ import annotations

import functools
import math
import numbers
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"'}
    | {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)


def _clean(text: object) -> str:
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
_CODE = re.compile(r"ao?0*(?P<n>\d{1,2})")  # LimeSurvey's answer codes: A1 ... A5, AO01 ... AO05
_UNKNOWN_REASON = (
    "is not an answer on any supported scale (agreement, frequency, satisfaction, importance, quality or likelihood "
    "labels, or numbers such as 1-5, 1-7 or 0-10)"
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
    if code := _CODE.fullmatch(text):
        return float(code["n"]), ""
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
    _spellings: dict[str, str] = field(init=False, repr=False, compare=False)  # cleaned -> as the scale writes it

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", self.high - self.low + 1 if self.high > self.low else 0)
        positions = {_clean(label): self.low + i for i, spellings in enumerate(self.labels) for label in spellings}
        object.__setattr__(self, "_positions", positions)
        object.__setattr__(self, "_spellings", {_clean(label): label for spellings in self.labels for label in spellings})

    def nearest_label(self, label: str) -> str | None:
        """The label of this scale a cleaned answer is a typo of ("agre" -> "Agree"), or None: within one edit
        (insertion, deletion or substitution) of a label for answers up to 5 letters long, two for longer ones.
        Only a suggestion for the report; the answer itself is never read as the label."""
        if not self._spellings or len(label) < 3:
            return None
        from rapidfuzz import process  # imported when a typo is first seen
        from rapidfuzz.distance import Levenshtein

        found = process.extractOne(
            label, list(self._spellings), scorer=Levenshtein.distance, score_cutoff=1 if len(label) <= 5 else 2
        )
        return None if found is None else self._spellings[found[0]]

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
            reason = f"'{shown}' is not an answer on the {self.title} scale"
            near = self.nearest_label(label)
            return reason if near is None else f"{reason} (did you mean '{near}'?)"
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
_VERY_DISSATISFIED = "Very dissatisfied | Extremely dissatisfied | Completely dissatisfied"
_VERY_SATISFIED = "Very satisfied | Extremely satisfied | Completely satisfied"

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
    # how often, as a period: "How often do you consult the docs?"
    _labelled(
        "frequency-5-period",
        "frequency 5-point (daily ... never)",
        "Never",
        "Rarely | Less than monthly | Less often | A few times a year | Once a year | Yearly | Seldom",
        "Monthly | Once a month | Every month | A few times a month | Several times a month",
        "Weekly | Once a week | Every week | A few times a week | Several times a week",
        "Daily | Every day | Several times a day | More than once a day | Once a day",
    ),
    _labelled(
        "satisfaction-5",
        "satisfaction 5-point",
        _VERY_DISSATISFIED,
        "Dissatisfied | Somewhat dissatisfied",
        _NEITHER_SATISFIED,
        "Satisfied | Somewhat satisfied",
        _VERY_SATISFIED,
    ),
    _labelled(
        "satisfaction-7",
        "satisfaction 7-point",
        _VERY_DISSATISFIED,
        "Dissatisfied | Moderately dissatisfied",
        "Somewhat dissatisfied | Slightly dissatisfied",
        _NEITHER_SATISFIED,
        "Somewhat satisfied | Slightly satisfied",
        "Satisfied | Moderately satisfied",
        _VERY_SATISFIED,
    ),
    _labelled(
        "importance-5",
        "importance 5-point",
        "Not at all important | Unimportant",
        "Slightly important | Of little importance | Low importance",
        "Moderately important | Fairly important",
        "Very important | High importance",
        "Extremely important | Essential",
    ),
    _labelled(
        "importance-5-critical",
        "importance 5-point (critical)",
        "Not important",
        "Somewhat important | Slightly important",
        "Important",
        "Very important",
        "Critical",
    ),
    _labelled("quality-5", "quality 5-point", "Poor", "Fair", "Good", "Very good", "Excellent"),
    _labelled(
        "quality-5-horrible",
        "quality 5-point (horrible)",
        "Horrible | Terrible | Very poor | Very bad",
        "Poor | Bad",
        "Average | Fair | Okay | OK",
        "Good",
        "Excellent | Very good",
    ),
    _labelled(
        "likelihood-5",
        "likelihood 5-point",
        "Very unlikely | Extremely unlikely | Not at all likely | Highly unlikely",
        "Unlikely | Somewhat unlikely",
        "Neither likely nor unlikely | Neither likely or unlikely | Neutral | Undecided",
        "Likely | Somewhat likely",
        "Very likely | Extremely likely | Highly likely",
    ),
    # other languages: agreement and frequency, 5 points
    _labelled(
        "agreement-5-de",
        "agreement 5-point (German)",
        "Stimme überhaupt nicht zu | Stimme gar nicht zu | Trifft überhaupt nicht zu | Trifft gar nicht zu",
        "Stimme nicht zu | Stimme eher nicht zu | Trifft nicht zu | Trifft eher nicht zu",
        "Weder noch | Teils/teils | Teils, teils | Teils teils | Neutral | Stimme weder zu noch nicht zu",
        "Stimme zu | Stimme eher zu | Trifft zu | Trifft eher zu",
        "Stimme voll zu | Stimme voll und ganz zu | Stimme völlig zu | Stimme vollkommen zu | Trifft voll zu"
        " | Trifft voll und ganz zu",
    ),
    _labelled(
        "agreement-5-fr",
        "agreement 5-point (French)",
        "Pas du tout d'accord | Tout à fait en désaccord | Fortement en désaccord",
        "Pas d'accord | Plutôt pas d'accord | En désaccord | Plutôt en désaccord",
        "Ni d'accord ni pas d'accord | Ni en accord ni en désaccord | Ni d'accord ni en désaccord | Neutre",
        "D'accord | Plutôt d'accord | En accord",
        "Tout à fait d'accord | Entièrement d'accord | Fortement d'accord",
    ),
    _labelled(
        "agreement-5-es",
        "agreement 5-point (Spanish)",
        "Totalmente en desacuerdo | Muy en desacuerdo",
        "En desacuerdo",
        "Ni de acuerdo ni en desacuerdo | Neutral | Neutro",
        "De acuerdo",
        "Totalmente de acuerdo | Muy de acuerdo",
    ),
    _labelled(
        "agreement-5-nl",
        "agreement 5-point (Dutch)",
        "Helemaal mee oneens | Zeer mee oneens | Helemaal oneens",
        "Mee oneens | Oneens",
        "Neutraal | Niet mee eens, niet mee oneens | Noch eens, noch oneens | Eens noch oneens",
        "Mee eens | Eens",
        "Helemaal mee eens | Zeer mee eens | Helemaal eens",
    ),
    _labelled(
        "agreement-5-pt",
        "agreement 5-point (Portuguese)",
        "Discordo totalmente | Discordo fortemente | Discordo completamente",
        "Discordo | Discordo parcialmente",
        "Não concordo nem discordo | Nem concordo nem discordo | Neutro | Indiferente",
        "Concordo | Concordo parcialmente",
        "Concordo totalmente | Concordo fortemente | Concordo completamente",
    ),
    _labelled(
        "frequency-5-de",
        "frequency 5-point (German)",
        "Nie | Niemals",
        "Selten",
        "Manchmal | Gelegentlich",
        "Oft | Häufig | Meistens",
        "Immer",
    ),
    _labelled(
        "frequency-5-fr", "frequency 5-point (French)", "Jamais", "Rarement", "Parfois | De temps en temps", "Souvent", "Toujours"
    ),
    _labelled(
        "frequency-5-es",
        "frequency 5-point (Spanish)",
        "Nunca",
        "Rara vez | Casi nunca",
        "A veces | Algunas veces | Ocasionalmente",
        "A menudo | Frecuentemente | Con frecuencia | Casi siempre",
        "Siempre",
    ),
    _labelled("frequency-5-nl", "frequency 5-point (Dutch)", "Nooit", "Zelden", "Soms | Af en toe", "Vaak | Meestal", "Altijd"),
    _labelled(
        "frequency-5-pt",
        "frequency 5-point (Portuguese)",
        "Nunca",
        "Raramente | Quase nunca",
        "Às vezes | Algumas vezes | Ocasionalmente",
        "Frequentemente | Muitas vezes | Quase sempre",
        "Sempre",
    ),
)


@functools.cache
def numeric_scale(low: int, high: int) -> Scale:
    """The scale of whole numbers low … high (also codes with an offset: 11–15 is a 5-point scale)."""
    return Scale(f"numeric-{low}-{high}", f"{low}-{high}", low, high)


NUMERIC: tuple[Scale, ...] = tuple(
    numeric_scale(low, high) for low, high in ((1, 4), (1, 5), (1, 6), (1, 7), (1, 9), (0, 10), (1, 10))
)
SCALES: tuple[Scale, ...] = LABELLED + NUMERIC
SCALES_BY_NAME: dict[str, Scale] = {scale.name: scale for scale in SCALES}
UNKNOWN = Scale("unknown", "unknown", 0, 0)
AGREEMENT_5 = SCALES_BY_NAME["agreement-5"]
_NUMERIC_BY_POINTS = {scale.points: scale for scale in NUMERIC}
# a label at either end of a labelled scale, given with a number, says where that scale ends: "4 - Strongly agree"
_BOTTOM = {label for scale in LABELLED for label, position in scale._positions.items() if position == scale.low}
_TOP = {label for scale in LABELLED for label, position in scale._positions.items() if position == scale.high}
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


class OrderedScale(Scale):
    """A scale a user ordered by hand: its distinct answers from the least to the most favourable, compared as text
    (so codes such as A1 … A5, or labels in a language no scale knows, score as the user says)."""

    def convert(self, raw: object) -> float | str | None:
        if _read(raw) is None:
            return None
        shown = _shown(raw)
        position = self._positions.get(_clean(shown))
        if position is None:
            return f"'{shown}' is not one of the answers ordered in the mapping"
        return self.score(position)


def ordered_scale(order: Iterable[str]) -> Scale:
    """The scale of answers ordered by hand, least favourable first: 2 to 11 distinct answers."""
    answers = tuple(str(answer).strip() for answer in order)
    if not 2 <= len(answers) <= 11 or len({_clean(a) for a in answers}) != len(answers) or not all(answers):
        raise ValueError("an order needs 2 to 11 distinct, non-empty answers")
    shown = " < ".join(answers) if len(answers) <= 4 else f"{answers[0]} < {answers[1]} < … < {answers[-1]}"
    return OrderedScale("ordered", f"ordered by hand ({shown})", 1, len(answers), tuple((a,) for a in answers))


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
    weighted = [(reading, n) for reading, n in zip(map(_read, values), weights, strict=True) if reading is not None and n > 0]
    readings = [reading for reading, _ in weighted]
    if not readings:
        return AGREEMENT_5
    labels = {label for number, label in readings if number is None}
    whole = {int(number) for number, _ in readings if number is not None and number.is_integer()}
    known = [scale for scale in LABELLED if labels & scale._positions.keys()]
    if known:
        best = max(
            known,
            key=lambda s: (
                len(labels & s._positions.keys()),
                s.points == points,
                len({s._positions[label] for label in labels & s._positions.keys()}),  # 7 points are not squeezed into 5
                _fits(s, whole),
                -LABELLED.index(s),
            ),
        )
        misses = labels - best._positions.keys()
        typos = sum(best.nearest_label(label) is not None for label in misses)  # "Agre" is a sign of agreement
        fitting = len(labels & best._positions.keys()) + sum(best.low <= n <= best.high for n in whole) + typos
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
        (
            min((s.points for s in LABELLED if s._positions.get(label) == number), default=0)
            for number, label in readings
            if label
        ),
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
            if s._positions.get(label) == number and 2 * number == s.low + s.high
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
