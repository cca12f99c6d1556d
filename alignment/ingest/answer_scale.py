"""An answer scale: positions low … high with the label spellings of each, and how one answer scores on it (rescaled
to the app's 1–5: score = 1 + (x − low) × 4 / (high − low)); numeric scales, and scales ordered by hand."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from .answer_text import clean_answer, read_answer, shown_answer

_UNKNOWN_REASON = (
    "is not an answer on any supported scale (agreement, frequency, satisfaction, importance, quality or likelihood "
    "labels, or numbers such as 1-5, 1-7 or 0-10)"
)


@dataclass(frozen=True)
class Scale:
    """An answer scale: positions low … high, with the label spellings of each position (none for numbers)."""

    name: str
    title: str  # as reasons name it: "agreement 5-point" (the agreement 5-point scale), "0-10" (the 0-10 scale)
    low: int
    high: int
    labels: tuple[tuple[str, ...], ...] = ()  # per position from low: the canonical label, then accepted variants
    points: int = field(init=False)
    positions: dict[str, int] = field(init=False, repr=False, compare=False)
    _spellings: dict[str, str] = field(init=False, repr=False, compare=False)  # cleaned -> as the scale writes it

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", self.high - self.low + 1 if self.high > self.low else 0)
        positions = {clean_answer(label): self.low + i for i, spellings in enumerate(self.labels) for label in spellings}
        object.__setattr__(self, "positions", positions)
        object.__setattr__(self, "_spellings", {clean_answer(label): label for spellings in self.labels for label in spellings})

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
        reading = read_answer(raw)
        if reading is None:
            return None
        number, label = reading
        shown = shown_answer(raw)
        if not self.points:
            return f"'{shown}' {_UNKNOWN_REASON}"
        if number is None:
            if label in self.positions:
                return self.score(self.positions[label])
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


@functools.cache
def numeric_scale(low: int, high: int) -> Scale:
    """The scale of whole numbers low … high (also codes with an offset: 11–15 is a 5-point scale)."""
    return Scale(f"numeric-{low}-{high}", f"{low}-{high}", low, high)


UNKNOWN = Scale("unknown", "unknown", 0, 0)  # nothing recognisable: every answer is rejected


class OrderedScale(Scale):
    """A scale a user ordered by hand: its distinct answers from the least to the most favourable, compared as text
    (so codes such as A1 … A5, or labels in a language no scale knows, score as the user says)."""

    def convert(self, raw: object) -> float | str | None:
        if read_answer(raw) is None:
            return None
        shown = shown_answer(raw)
        position = self.positions.get(clean_answer(shown))
        if position is None:
            return f"'{shown}' is not one of the answers ordered in the mapping"
        return self.score(position)


def ordered_scale(order: Iterable[str]) -> Scale:
    """The scale of answers ordered by hand, least favourable first: 2 to 11 distinct answers."""
    answers = tuple(str(answer).strip() for answer in order)
    if not 2 <= len(answers) <= 11 or len({clean_answer(a) for a in answers}) != len(answers) or not all(answers):
        raise ValueError("an order needs 2 to 11 distinct, non-empty answers")
    shown = " < ".join(answers) if len(answers) <= 4 else f"{answers[0]} < {answers[1]} < … < {answers[-1]}"
    return OrderedScale("ordered", f"ordered by hand ({shown})", 1, len(answers), tuple((a,) for a in answers))
