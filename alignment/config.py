"""Settings that change results: targets per tactic, the anonymity threshold, check thresholds and the
assessment date the checks count back from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .errors import InputError
from .tactics import TACTIC_CODES

DEFAULT_TARGET = 4.0
DEFAULT_MIN_GROUP_SIZE = 5
MIN_ALLOWED_GROUP_SIZE = 3


@dataclass
class Settings:
    targets: dict[str, float] = field(default_factory=lambda: dict.fromkeys(TACTIC_CODES, DEFAULT_TARGET))
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)  # check id -> name -> value
    # the assessment date ("last 90 days" up to it); None = the survey's latest submission, else the latest evidence date
    as_of: dt.date | None = None

    def __post_init__(self) -> None:
        for code, target in self.targets.items():
            if code not in TACTIC_CODES:
                raise InputError(f"Unknown tactic '{code}' in targets.", f"Use one of {', '.join(TACTIC_CODES)}.")
            if not 1.0 <= float(target) <= 5.0:
                raise InputError(f"Target for {code} is {target}, outside the 1-5 scale.", "Pick a target between 1 and 5.")
        self.targets = {code: float(self.targets.get(code, DEFAULT_TARGET)) for code in TACTIC_CODES}
        if int(self.min_group_size) < MIN_ALLOWED_GROUP_SIZE:
            raise InputError(
                f"The anonymity threshold is {self.min_group_size}; it cannot be below {MIN_ALLOWED_GROUP_SIZE}.",
                f"Set min_group_size to {MIN_ALLOWED_GROUP_SIZE} or more.",
            )
        self.min_group_size = int(self.min_group_size)
        self.as_of = parse_as_of(self.as_of)


def parse_as_of(value: object) -> dt.date | None:
    """A date, or a YYYY-MM-DD text, as the assessment date; None stays None."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(
        f"The assessment date (as_of) is {value!r}, not a date.",
        'Write it as YYYY-MM-DD, e.g. as_of = "2026-03-31", or leave it out to use the latest survey or evidence date.',
    )
