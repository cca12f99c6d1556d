"""Settings that change results: targets per tactic, the anonymity threshold, check thresholds and the
assessment date the checks count back from.

Every value is checked against a range that follows from what it means (one Range per kind of value; the check
thresholds declare theirs in the check registry), however the settings were made: in code, from alignment.toml
or on the Settings page. A value out of range is an InputError naming its key as alignment.toml writes it
(privacy.min_group_size, checks.ROT003.window_days), the value and the range.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import numbers
from dataclasses import dataclass, field, replace

from .errors import InputError
from .tactics import TACTIC_CODES

DEFAULT_TARGET = 4.0
DEFAULT_MIN_GROUP_SIZE = 5
MIN_ALLOWED_GROUP_SIZE = 3
# above 50 nearly every department and period of a survey is hidden, and no published figure is left to protect
MAX_ALLOWED_GROUP_SIZE = 50
# the window an assessment date may fall in: no survey this app reads predates 1990, and date arithmetic on
# 'the last 365 days' stays far from the ends of the calendar
EARLIEST_AS_OF = dt.date(1990, 1, 1)
LATEST_AS_OF = dt.date(2100, 12, 31)


@dataclass(frozen=True)
class Range:
    """The values a setting may take: finite numbers from low to high, whole numbers only when `whole`.

    `noun` says what the number is ("a share", "days"), `note` how to read it ("0.3 = 30 %")."""

    low: float
    high: float
    noun: str = ""
    whole: bool = False
    note: str = ""

    @property
    def text(self) -> str:
        """'a whole number of days from 1 to 3650', 'a share from 0 to 1 (0.3 = 30 %)'."""
        what = ("a whole number" + (f" of {self.noun}" if self.noun else "")) if self.whole else self.noun
        return f"{what} from {self.low:g} to {self.high:g}" + (f" ({self.note})" if self.note else "")

    def check(self, value: object, key: str, default: float | None = None) -> float:
        """The value as a float (an int when whole), or an InputError naming the key, the value and the range."""
        fix = f"Set {key} within that range" + ("." if default is None else f", or delete it to use the default ({default:g}).")
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise InputError(f"{key} must be a number, not {_shown(value)}; it must be {self.text}.", fix)
        number = float(value)
        if not math.isfinite(number) or not self.low <= number <= self.high or (self.whole and not number.is_integer()):
            raise InputError(f"{key} is {number:g}; it must be {self.text}.", fix)
        return int(number) if self.whole else number


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


TARGET = Range(1, 5, "a score")
GROUP_SIZE = Range(MIN_ALLOWED_GROUP_SIZE, MAX_ALLOWED_GROUP_SIZE, whole=True, note="the smallest group shown")


@dataclass
class Settings:
    targets: dict[str, float] = field(default_factory=lambda: dict.fromkeys(TACTIC_CODES, DEFAULT_TARGET))
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)  # check id -> name -> value
    # the assessment date ("last 90 days" up to it); None = the survey's latest submission, else the latest evidence date
    as_of: dt.date | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.targets, dict):
            raise InputError(f"targets must map tactics to scores, not {_shown(self.targets)}.", "Use e.g. REL = 4.0.")
        for code in self.targets:
            if code not in TACTIC_CODES:
                raise InputError(f"Unknown tactic {_shown(code)} in targets.", f"Use one of {', '.join(TACTIC_CODES)}.")
        self.targets = {
            code: TARGET.check(self.targets.get(code, DEFAULT_TARGET), f"targets.{code}", DEFAULT_TARGET) for code in TACTIC_CODES
        }
        self.min_group_size = GROUP_SIZE.check(self.min_group_size, "privacy.min_group_size", DEFAULT_MIN_GROUP_SIZE)
        self.as_of = parse_as_of(self.as_of)
        # the check thresholds are declared with the checks, above this module: settings files check them on
        # loading (settings_file) and every run of the checks checks them again (checks.run_checks)

    def __hash__(self) -> int:
        """Settings key the cache of results (dataset.remember) as values: equal settings, one entry. They are not
        changed after they are made (a change makes new settings: `replace`, `checked`)."""
        thresholds = tuple(sorted((check, tuple(sorted(values.items()))) for check, values in self.thresholds.items()))
        return hash((tuple(sorted(self.targets.items())), self.min_group_size, thresholds, self.as_of))

    def checked(self) -> Settings:
        """These settings checked again (after a change to a field): a copy, or the InputError naming the bad value."""
        return replace(self)


def parse_as_of(value: object) -> dt.date | None:
    """A date, or a YYYY-MM-DD text, from 1990 to 2100, as the assessment date; None stays None."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(day, str) and len(day.strip()) == 10:
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(day.strip())
    if not isinstance(day, dt.date):
        raise InputError(
            f"The assessment date (as_of) is {_shown(value)}, not a date.",
            'Write it as YYYY-MM-DD, e.g. as_of = "2026-03-31", or leave it out to use the latest survey or evidence date.',
        )
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        raise InputError(
            f"assessment.as_of is {day.isoformat()}; it must be a date from {EARLIEST_AS_OF} to {LATEST_AS_OF}.",
            "Set the date the checks count back from, or leave as_of out to use the latest survey or evidence date.",
        )
    return day
