"""Perception checks shared by every tactic: score against target, and IT-versus-business gap."""

from __future__ import annotations

from ..tactics import TACTICS
from .registry import Outcome, Threshold, graded, register

WHY_TARGET = {
    "REL": "Alignment starts with IT and business leaders discussing imperatives and sharing plans openly; "
    "a low score means silos are still in place.",
    "TRU": "Without confidence in IT's capability, decisions slow down, planning becomes over-detailed and "
    "high-risk bets are avoided.",
    "MET": "Metrics that tie IT to business outcomes, visible to both sides, are how alignment is steered "
    "rather than argued about.",
    "ROT": "Mentoring, shadowing and rotations build the mutual understanding that documents cannot.",
    "ASM": "Alignment is open-ended: without regular assessment, IT drifts back to reactive break/fix work.",
    "SRV": "Open, individual input tells leaders how IT can further the business vision; scores alone do not.",
}
FIX_TARGET = {
    "REL": "Put IT leaders in business planning and steering meetings, name a relationship manager per unit, "
    "and ask IT to explain options and limits in plain language.",
    "TRU": "Deliver small commitments visibly on time, publish delivery results, and agree a fast decision path "
    "for high-risk initiatives.",
    "MET": "Agree a short list of KPIs per business objective and publish IT-efficiency and business metrics "
    "on one dashboard both sides can see.",
    "ROT": "Start a shadowing programme in both directions and count time in the other function in career reviews.",
    "ASM": "Run this assessment every quarter, act on its results, and track the share of proactive IT work.",
    "SRV": "Ask open questions in every survey, answer the comments publicly and show what changed because of them.",
}
WHY_GAP = (
    "When IT and the business see the same tactic very differently, each side acts on its own picture; "
    "the gap itself is the first thing to discuss."
)
FIX_GAP = (
    "Walk through the statements with the widest gap with both sides in the room, and agree on the facts "
    "(the evidence tables help) before agreeing on actions."
)


def _score_check(code: str, topic: str):
    def run(ctx) -> Outcome:
        result = ctx.tactic(code)
        if result.score is None:
            return Outcome("not_applicable", f"No answers on {topic} in this selection.")
        gap = result.target - result.score
        message = (
            f"The score for {topic} is {result.score:.2f} against a target of {result.target:.2f} "
            f"(gap {gap:+.2f}, {result.favorable_pct:.0f} % favourable answers, n = {result.n:,})."
        )
        return graded(gap, ctx.t("warn_gap"), ctx.t("fail_gap"), higher_is_better=False, message=message)

    return run


def _gap_check(code: str, topic: str):
    def run(ctx) -> Outcome:
        result = ctx.tactic(code)
        if result.perception_gap is None:
            reason = ctx.analysis.split_note or "IT and Business respondents are both needed (function column)."
            return Outcome("not_applicable", f"No IT-versus-business comparison: {reason}")
        higher = "IT" if result.perception_gap > 0 else "the business"
        comparison = (
            "both see it the same way"
            if round(abs(result.perception_gap), 2) == 0
            else f"{higher} sees it more positively by {abs(result.perception_gap):.2f} points"
        )
        message = f"IT rates {topic} {result.it_score:.2f}, the business {result.business_score:.2f}: {comparison}."
        return graded(abs(result.perception_gap), ctx.t("warn_gap"), ctx.t("fail_gap"), higher_is_better=False, message=message)

    return run


for _number, _tactic in enumerate(TACTICS):
    register(
        f"{_tactic.code}001",
        f"{_tactic.code.lower()}-score-below-target",
        kind="perception",
        severity="high" if _tactic.code in {"REL", "TRU"} else "medium",
        what=f"The score for {_tactic.topic} is close enough to its target.",
        why=WHY_TARGET[_tactic.code],
        fix=FIX_TARGET[_tactic.code],
        thresholds=(
            Threshold("warn_gap", 0.25, "warn when target − score exceeds this"),
            Threshold("fail_gap", 0.75, "fail when target − score exceeds this"),
        ),
    )(_score_check(_tactic.code, _tactic.topic))
    register(
        f"{_tactic.code}002",
        f"{_tactic.code.lower()}-perception-gap",
        kind="perception",
        severity="medium",
        what=f"IT and the business rate {_tactic.topic} about the same.",
        why=WHY_GAP,
        fix=FIX_GAP,
        thresholds=(
            Threshold("warn_gap", 0.3, "warn when |IT − Business| exceeds this"),
            Threshold("fail_gap", 0.6, "fail when |IT − Business| exceeds this"),
        ),
    )(_gap_check(_tactic.code, _tactic.topic))
