"""IT against the business on a tactic or a statement, judged once: a difference counts only when it is both
larger than the perception-gap check's warn_gap and unlikely to be noise (its Holm-adjusted p below alpha), and
never with fewer than min_per_side respondents on either side.

The analysis decides each tactic's verdict with its scores (TacticResult.perception_test), the statement
comparisons decide each statement's (tables.statement_comparisons), and the perception-gap check, the meeting,
the pages and the exports read those verdicts: none of them judges again, so none can contradict another.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tactics import TACTIC_CODES

GAP_CHECKS = {code: f"{code}002" for code in TACTIC_CODES}  # per tactic, the check that judges IT against the business


@dataclass(frozen=True)
class PerceptionLimits:
    """The perception-gap check's thresholds (alignment.checks.perception registers them with these defaults)."""

    warn_gap: float = 0.3
    fail_gap: float = 0.6
    alpha: float = 0.05
    min_per_side: float = 5

    @classmethod
    def configured(cls, thresholds: dict[str, dict[str, float]], code: str) -> PerceptionLimits:
        """A tactic's limits as settings.thresholds configure its perception-gap check, else the defaults."""
        own = thresholds.get(GAP_CHECKS[code], {})
        return cls(**{name: float(own[name]) for name in ("warn_gap", "fail_gap", "alpha", "min_per_side") if name in own})


def p_text(p: float) -> str:
    """A p-value as a sentence gives it: '< 0.001' or '= 0.042'."""
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def perception_verdict(
    gap: float, p_adjusted: float, it_n: int, business_n: int, limits: PerceptionLimits = PerceptionLimits()
) -> tuple[str, str]:
    """(status, phrase) for an IT-versus-Business difference under a tactic's limits: flagged only when it is both
    larger than warn_gap and unlikely to be noise (the Holm-adjusted p below alpha)."""
    if min(it_n, business_n) < limits.min_per_side:
        return (
            "not_applicable",
            f"not enough responses to tell (IT {it_n}, Business {business_n}; at least {limits.min_per_side:.0f} each)",
        )
    size = abs(gap)
    if size > limits.warn_gap and p_adjusted < limits.alpha:
        return ("fail" if size > limits.fail_gap else "warn"), f"a real difference (adjusted p {p_text(p_adjusted)})"
    if size > limits.warn_gap:
        return "pass", f"a difference that could be noise (adjusted p {p_text(p_adjusted)})"
    return "pass", "a small difference"
