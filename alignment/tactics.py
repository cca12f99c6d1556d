"""The six alignment tactics, in the fixed order used everywhere (REL, TRU, MET, ROT, ASM, SRV)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tactic:
    code: str
    name: str
    good_looks_like: str
    topic: str  # how a sentence refers to it: "IT rates {topic} 3.2"


TACTICS: tuple[Tactic, ...] = (
    Tactic(
        "REL",
        "Shape close business relationships",
        "Silos are broken down: IT and business leaders discuss business imperatives together, "
        "IT explains mechanics, pitfalls and limits in plain terms, the business shares its needs "
        "and plans openly, and business relationship managers act as the conduit.",
        "business relationships",
    ),
    Tactic(
        "TRU",
        "Get trust",
        "The business is confident in IT's capability; decisions, including high-risk ones, are "
        "crisp; there is no rampant scepticism, impatience or over-detailed planning.",
        "trust in IT",
    ),
    Tactic(
        "MET",
        "Measure with metrics",
        "KPIs tie IT to business outcomes; IT-efficiency and business metrics are visible to both "
        "functions with equal transparency.",
        "shared metrics",
    ),
    Tactic(
        "ROT",
        "Rotate IT and business employees",
        "Mentoring, shadowing and rotations happen in both directions: a marketer joins developer "
        "huddles, an engineer spends time with field sales.",
        "rotation between IT and the business",
    ),
    Tactic(
        "ASM",
        "Conduct ongoing assessments",
        "Alignment is treated as open-ended and assessed regularly; IT moves from reactive break/fix work to proactive work.",
        "ongoing assessment",
    ),
    Tactic(
        "SRV",
        "Learn from surveys",
        "People give open-ended, individual input on how IT can further the business vision, and "
        "qualitative feedback is valued as much as percentages.",
        "learning from surveys",
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
