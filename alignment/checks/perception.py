"""Perception checks shared by every tactic: score against target, and IT-versus-business gap."""

from __future__ import annotations

from ..gap_levels import FAIL_GAP, SCORE_CHECKS, WARN_GAP, distance_words, judge_score
from ..perception_gap import GAP_CHECKS, PerceptionLimits
from ..tactics import TACTICS
from .registry import P_VALUE, PER_SIDE, SCORE_GAP, Outcome, Threshold, register

WHY_GAP = (
    "When IT and the business see the same tactic very differently, each side acts on its own picture; "
    "the gap itself is the first thing to discuss."
)
FIX_GAP = (
    "Walk through the statements with the widest gap with both sides in the room, and agree on the facts "
    "(the evidence tables help) before agreeing on actions."
)


def target_verdict(score: float, low: float, high: float, target: float, warn_gap: float, fail_gap: float) -> tuple[str, str]:
    """(status, phrase) for a score with its 95 % interval against the target, as gap_levels judges it: "below
    target" only when the whole interval lies below it; "may be below" when it covers the target."""
    level, phrase = judge_score(score, low, high, target, warn_gap, fail_gap)
    return level.status, phrase


def _score_check(code: str, topic: str):
    def run(ctx) -> Outcome:
        result = ctx.tactic(code)
        if not result.asked:
            return Outcome("not_applicable", f"The survey asked no statement on {topic}.")
        if result.score is None:
            return Outcome("not_applicable", f"No answers on {topic} in this selection.")
        if result.ci95 is None:
            return Outcome("not_applicable", f"Too few respondents to judge {topic} (n = {result.n}).")
        low, high = result.ci95
        status = result.level.status  # decided with the scores (analysis); the phrase says how
        phrase = judge_score(result.score, low, high, result.target, ctx.t("warn_gap"), ctx.t("fail_gap"))[1]
        message = (
            f"The score for {topic} {phrase}: {result.score:.2f} (95 % interval {low:.2f}–{high:.2f}, n = {result.n:,}) "
            f"against {result.target:.2f} ({distance_words(result.gap)}, {result.favorable_pct:.0f} % favourable answers)."
        )
        threshold = ctx.t("fail_gap") if status == "fail" else ctx.t("warn_gap")
        return Outcome(status, message, result.gap, threshold)

    return run


def _gap_check(code: str, topic: str):
    def run(ctx) -> Outcome:
        result = ctx.tactic(code)
        if not result.asked:
            return Outcome("not_applicable", f"The survey asked no statement on {topic}.")
        if result.perception_gap is None or result.perception_test is None:
            reason = (
                ctx.analysis.split_note or result.split_reason or "IT and Business respondents are both needed (function column)."
            )
            return Outcome("not_applicable", f"No IT-versus-business comparison: {reason}")
        status, phrase = result.perception_test["verdict"], result.perception_test["phrase"]  # decided with the scores
        higher = "IT" if result.perception_gap > 0 else "the business"
        comparison = (
            "both see it the same way"
            if round(abs(result.perception_gap), 2) == 0
            else f"{higher} sees it more positively by {abs(result.perception_gap):.2f} points"
        )
        message = (
            f"IT rates {topic} {result.it_score:.2f} (n = {result.it_n:,}), the business {result.business_score:.2f} "
            f"(n = {result.business_n:,}): {comparison}, {phrase}."
        )
        threshold = ctx.t("fail_gap") if status == "fail" else ctx.t("warn_gap")
        if status == "not_applicable":
            return Outcome(status, message)
        return Outcome(status, message, abs(result.perception_gap), threshold)

    return run


_LIMITS = PerceptionLimits()  # the perception-gap checks' defaults

for _number, _tactic in enumerate(TACTICS):
    register(
        SCORE_CHECKS[_tactic.code],
        f"{_tactic.code.lower()}-score-below-target",
        title=f"{_tactic.name}: score against its target",
        kind="perception",
        severity="high" if _tactic.code in {"REL", "TRU"} else "medium",
        what=f"The score for {_tactic.topic} is close enough to its target, judged by its 95 % interval.",
        why=_tactic.why_it_matters,
        fix=_tactic.first_step,
        thresholds=(
            Threshold("warn_gap", WARN_GAP, "warn when target − score exceeds this (or may, by the 95 % interval)", SCORE_GAP),
            Threshold(
                "fail_gap", FAIL_GAP, "fail when target − score exceeds this and the whole interval is below target", SCORE_GAP
            ),
        ),
    )(_score_check(_tactic.code, _tactic.topic))
    register(
        GAP_CHECKS[_tactic.code],
        f"{_tactic.code.lower()}-perception-gap",
        title=f"{_tactic.name}: IT and the business see it differently",
        kind="perception",
        severity="medium",
        what=f"IT and the business rate {_tactic.topic} about the same (Welch's t-test, corrected for six comparisons).",
        why=WHY_GAP,
        fix=FIX_GAP,
        thresholds=(
            Threshold(
                "warn_gap", _LIMITS.warn_gap, "warn when |IT − Business| exceeds this and is unlikely to be noise", SCORE_GAP
            ),
            Threshold(
                "fail_gap", _LIMITS.fail_gap, "fail when |IT − Business| exceeds this and is unlikely to be noise", SCORE_GAP
            ),
            Threshold(
                "alpha", _LIMITS.alpha, "a difference is unlikely to be noise when its adjusted p-value is below this", P_VALUE
            ),
            Threshold(
                "min_per_side",
                _LIMITS.min_per_side,
                "fewer IT or Business respondents than this: not enough responses to tell",
                PER_SIDE,
            ),
        ),
    )(_gap_check(_tactic.code, _tactic.topic))
