"""What the checks of several tactics share: the minimum of rows a share or rate needs, and "too few to judge"."""

from __future__ import annotations

from .registry import MINIMUM, Outcome, Threshold

MIN_ROWS = 5  # default minimum of initiatives, KPIs, engagements or rotations behind a share
MIN_WORK_ITEMS = 10  # default minimum of work items in a quarter
MIN_HEADCOUNT = 10  # default minimum of employees behind a rate


def too_few(what: str, n: int, minimum: float) -> Outcome:
    """Not applicable: a share or rate of fewer than `minimum` rows says too little to judge (every check that judges
    a share or rate from evidence rows uses it, with its own min_items or min_headcount threshold)."""
    return Outcome("not_applicable", f"{what}: too few to judge (n = {n}, at least {minimum:.0f} needed).")


def minimum(name: str, default: float, rows: str) -> Threshold:
    return Threshold(name, default, f"too few to judge (not applicable) with fewer {rows} than this", MINIMUM)
