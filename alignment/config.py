"""Settings that change results: targets per tactic and the anonymity threshold."""

from __future__ import annotations

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
