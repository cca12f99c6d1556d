"""Traffic-light levels of a gap to target (gap = target - score, positive = shortfall), one place for the
screen, the charts and every export: green at or above target, amber for a small shortfall, red for a large one.

Colours are Okabe-Ito (safe for the common forms of colour blindness); `fill` is a light tint of the
same colour for a table cell's background, with dark text on it.
"""

from __future__ import annotations

from dataclasses import dataclass

SMALL_SHORTFALL_MAX = 0.5  # a shortfall up to half a scale point is small (amber); more is large (red)


@dataclass(frozen=True)
class GapLevel:
    key: str
    label: str
    colour: str
    fill: str


MET = GapLevel("met", "at or above target", "#009E73", "#C7EBDD")
SMALL = GapLevel("small", "small shortfall", "#E69F00", "#FBE3B3")
LARGE = GapLevel("large", "large shortfall", "#D55E00", "#F5C9AD")
GAP_LEVELS: tuple[GapLevel, ...] = (MET, SMALL, LARGE)


def gap_level(gap: float | None) -> GapLevel | None:
    """The level of a gap (None when there is no gap to judge, e.g. the score is hidden)."""
    if gap is None or gap != gap:
        return None
    if gap <= 0:
        return MET
    return SMALL if gap <= SMALL_SHORTFALL_MAX else LARGE
