"""The six alignment tactics, in the fixed order used everywhere (REL, TRU, MET, ROT, ASM, SRV)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tactic:
    code: str
    name: str
    good_looks_like: str
    topic: str  # how a sentence refers to it: "IT rates {topic} 3.2"
    why_it_matters: str  # why a low score matters (the score check's "why")
    first_step: str  # what to do about a low score (the score check's fix; the headline's first step)


TACTICS: tuple[Tactic, ...] = (
    Tactic(
        "REL",
        "Shape close business relationships",
        "Silos are broken down: IT and business leaders discuss business imperatives together, "
        "IT explains mechanics, pitfalls and limits in plain terms, the business shares its needs "
        "and plans openly, and business relationship managers act as the conduit.",
        "business relationships",
        "Alignment starts with IT and business leaders discussing imperatives and sharing plans openly; a low score "
        "means silos are still in place.",
        "Put IT leaders in business planning and steering meetings, name a relationship manager per unit, and ask IT to"
        " explain options and limits in plain language.",
    ),
    Tactic(
        "TRU",
        "Get trust",
        "The business is confident in IT's capability; decisions, including high-risk ones, are "
        "crisp; there is no rampant scepticism, impatience or over-detailed planning.",
        "trust in IT",
        "Without confidence in IT's capability, decisions slow down, planning becomes over-detailed and high-risk bets "
        "are avoided.",
        "Deliver small commitments visibly on time, publish delivery results, and agree a fast decision path for high-"
        "risk initiatives.",
    ),
    Tactic(
        "MET",
        "Measure with metrics",
        "KPIs tie IT to business outcomes; IT-efficiency and business metrics are visible to both "
        "functions with equal transparency.",
        "shared metrics",
        "Metrics that tie IT to business outcomes, visible to both sides, are how alignment is steered rather than argued about.",
        "Agree a short list of KPIs per business objective and publish IT-efficiency and business metrics on one "
        "dashboard both sides can see.",
    ),
    Tactic(
        "ROT",
        "Rotate IT and business employees",
        "Mentoring, shadowing and rotations happen in both directions: a marketer joins developer "
        "huddles, an engineer spends time with field sales.",
        "rotation between IT and the business",
        "Mentoring, shadowing and rotations build the mutual understanding that documents cannot.",
        "Start a shadowing programme in both directions and count time in the other function in career reviews.",
    ),
    Tactic(
        "ASM",
        "Conduct ongoing assessments",
        "Alignment is treated as open-ended and assessed regularly; IT moves from reactive break/fix work to proactive work.",
        "ongoing assessment",
        "Alignment is open-ended: without regular assessment, IT drifts back to reactive break/fix work.",
        "Run this assessment every quarter, act on its results, and track the share of proactive IT work.",
    ),
    Tactic(
        "SRV",
        "Learn from surveys",
        "People give open-ended, individual input on how IT can further the business vision, and "
        "qualitative feedback is valued as much as percentages.",
        "learning from surveys",
        "Open, individual input tells leaders how IT can further the business vision; scores alone do not.",
        "Ask open questions in every survey, answer the comments publicly and show what changed because of them.",
    ),
)

TACTIC_CODES: tuple[str, ...] = tuple(t.code for t in TACTICS)
TACTICS_BY_CODE: dict[str, Tactic] = {t.code: t for t in TACTICS}

MATURITY_LEVELS: tuple[tuple[float, int, str], ...] = (
    (1.5, 1, "Initial / ad hoc"),
    (2.5, 2, "Committed"),
    (3.5, 3, "Established"),
    (4.5, 4, "Improved / managed"),
    (float("inf"), 5, "Optimized"),
)


def maturity(score: float | None) -> tuple[int, str] | None:
    """Luftman-style maturity level for a 1-5 score (None when there is no score)."""
    if score is None:
        return None
    for upper, level, name in MATURITY_LEVELS:
        if score < upper:
            return level, name
    raise AssertionError("unreachable")
