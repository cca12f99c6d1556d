"""A tactic's distance to its target, judged once: by its score, its 95 % interval and the score check's
thresholds (warn_gap, fail_gap of the XXX001 checks). The check's status, the badge on a card, the colour in
a chart and every export read the same verdict, so none can contradict another.

- far below target (red): the whole interval is below target and the score is short by more than fail_gap;
- below target (amber): the whole interval is below target, short by more than warn_gap;
- may be short (yellow): the interval covers the target but the score is short by more than warn_gap, or
  the interval is so wide it reaches further below than fail_gap — the data cannot tell;
- close to target (green): short by at most warn_gap, or just below within the tolerance;
- on target (green): at or above target;
- too few to judge (grey): fewer than two respondents, so no interval.

Colours are Okabe-Ito (safe for the common forms of colour blindness); `fill` is a light tint of the same
colour for a table cell's background, with dark text on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tactics import TACTIC_CODES


@dataclass(frozen=True)
class GapLevel:
    key: str
    label: str
    colour: str
    fill: str
    status: str  # the score check's status for this level
    rank: int  # most urgent first


FAR = GapLevel("far", "far below target", "#D55E00", "#F5C9AD", "fail", 0)
SHORT = GapLevel("short", "below target", "#E69F00", "#FBE3B3", "warn", 1)
UNCERTAIN = GapLevel("uncertain", "may be short: the data cannot tell", "#B8A200", "#F7F0B5", "warn", 2)
CLOSE = GapLevel("close", "close to target", "#009E73", "#C7EBDD", "pass", 3)
MET = GapLevel("met", "on target", "#009E73", "#C7EBDD", "pass", 4)
TOO_FEW = GapLevel("too_few", "too few answers to judge", "#8C8C8C", "#E6E6E6", "not_applicable", 5)
GAP_LEVELS: tuple[GapLevel, ...] = (FAR, SHORT, UNCERTAIN, CLOSE, MET, TOO_FEW)
BY_KEY = {level.key: level for level in GAP_LEVELS}
SHORTFALLS = (FAR, SHORT)  # shortfalls beyond the noise: where to start

WARN_GAP, FAIL_GAP = 0.25, 0.75  # the score checks' default thresholds (alignment.checks.perception registers them)
SCORE_CHECKS = {code: f"{code}001" for code in TACTIC_CODES}  # per tactic, the check that judges its score


def configured_gaps(thresholds: dict[str, dict[str, float]], code: str) -> tuple[float, float]:
    """The (warn_gap, fail_gap) a tactic's score check is configured with (settings.thresholds), else the defaults."""
    own = thresholds.get(SCORE_CHECKS[code], {})
    return float(own.get("warn_gap", WARN_GAP)), float(own.get("fail_gap", FAIL_GAP))


LEVELS_NOTE = (
    "Distance = target − score. Verdict: far below / below target when the whole 95 % interval lies below the "
    "target by more than the score checks' fail / warn gaps (0.75 / 0.25 by default); may be short when the interval covers "
    "the target; close to or on target otherwise."
)


def judge_score(score: float, low: float, high: float, target: float, warn_gap: float, fail_gap: float) -> tuple[GapLevel, str]:
    """The level of a score with its 95 % interval against its target, and the phrase the score check says."""
    gap = target - score
    if high < target:
        if gap > fail_gap:
            return FAR, "is below its target"
        if gap > warn_gap:
            return SHORT, "is below its target"
        return CLOSE, "is just below its target, within the tolerance"
    if gap > warn_gap:
        return UNCERTAIN, "may be below its target (the interval covers the target: the data cannot tell)"
    if low < target - fail_gap:
        return UNCERTAIN, "may be below its target (too few answers to tell: the interval is wide)"
    return (MET, "meets its target") if score >= target else (CLOSE, "is within the tolerance of its target")


def level_of(
    score: float | None, interval: list[float] | None, target: float, warn_gap: float, fail_gap: float
) -> GapLevel | None:
    """The level of a tactic result (None when its score is hidden or missing)."""
    if score is None:
        return None
    if interval is None:
        return TOO_FEW
    return judge_score(score, interval[0], interval[1], target, warn_gap, fail_gap)[0]


def gap_level(key: str | None) -> GapLevel | None:
    """The level a tactic result carries (TacticResult.gap_level), None when its score is hidden."""
    return BY_KEY.get(key) if key else None


def distance_words(gap: float | None) -> str:
    """A gap (target − score) in words: '0.77 below target', '0.12 above target', 'on target'."""
    if gap is None or gap != gap:
        return "–"
    if round(gap, 2) == 0:
        return "on target"
    return f"{abs(gap):.2f} {'below' if gap > 0 else 'above'} target"
