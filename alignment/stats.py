"""The statistics behind the verdicts, from the sufficient statistics the disclosure layer publishes
(n, sum, sum of squares), so every verdict can be recomputed from published numbers.

- Interval of a mean score: a t-interval after adding half a pseudo-answer at each end of the scale (1 and
  5), an Agresti–Coull-style adjustment for a bounded scale, then kept inside 1–5. Identical answers from a
  few people no longer give a zero-width interval, and small samples no longer give one that leaves the
  scale; from a few dozen respondents on it is the plain t-interval to two decimals.
- IT versus Business: Welch's t-test on respondent means (a tactic) or on answers (a statement). Respondent
  means average several items, so they are close to interval data; Welch's test does not assume equal
  variances or group sizes, and needs only n, mean and SD per side, which is what is published. The effect
  size is Cohen's d (pooled SD). p-values of the comparisons on one page are adjusted with Benjamini–Hochberg.
- Between survey rounds: Welch's t-test on respondent means when the rounds ask different people; when the
  same respondent ids answer both rounds (a panel), a paired t-test on each person's change, which removes
  the differences between people from the noise. Shares of counted things (work items): Fisher's exact test.
- Reliability: Cronbach's alpha and corrected item–total correlations, from the item scores of respondents
  who answered every item of the tactic.

SciPy's special functions are imported only when a p-value or quantile is needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

SCALE_LOW, SCALE_HIGH = 1.0, 5.0
CI_METHOD = "t-interval with half a pseudo-answer at each end of the 1–5 scale (Agresti–Coull-style), kept inside 1–5"
PSEUDO_WEIGHT = 0.5  # pseudo-answers at each end of the scale
TEST_METHOD = "Welch's t-test on respondent means, Cohen's d, Benjamini–Hochberg across the comparisons shown together"


def t_quantile(probability: float, df: float) -> float:
    from scipy.special import stdtrit

    return float(stdtrit(df, probability))


def _two_sided_p(t: float, df: float) -> float:
    from scipy.special import stdtr

    return float(2 * stdtr(df, -abs(t)))


def mean_interval(n: int, total: float, squares: float, confidence: float = 0.95) -> list[float] | None:
    """Interval of a mean of values on 1–5 from n, their sum and sum of squares; None below 2 values."""
    if n < 2:
        return None
    n_adj = n + 2 * PSEUDO_WEIGHT
    total_adj = total + PSEUDO_WEIGHT * (SCALE_LOW + SCALE_HIGH)
    squares_adj = squares + PSEUDO_WEIGHT * (SCALE_LOW**2 + SCALE_HIGH**2)
    mean = total_adj / n_adj
    variance = max(0.0, (squares_adj - total_adj**2 / n_adj) / (n_adj - 1))
    half = t_quantile(0.5 + confidence / 2, n_adj - 1) * math.sqrt(variance / n_adj)
    return [max(SCALE_LOW, mean - half), min(SCALE_HIGH, mean + half)]


@dataclass(frozen=True)
class Comparison:
    """IT versus Business on one tactic or statement."""

    difference: float  # IT mean − Business mean
    statistic: float  # Welch's t
    df: float
    p: float
    effect_size: float | None  # Cohen's d, pooled SD; None when both sides have no spread
    p_adjusted: float | None = None


def welch(n1: int, mean1: float, sd1: float, n2: int, mean2: float, sd2: float) -> Comparison | None:
    """Welch's two-sample t-test from summary statistics; None when either side has fewer than 2 values."""
    if n1 < 2 or n2 < 2:
        return None
    v1, v2 = sd1 * sd1 / n1, sd2 * sd2 / n2
    difference = mean1 - mean2
    pooled = math.sqrt(((n1 - 1) * sd1 * sd1 + (n2 - 1) * sd2 * sd2) / (n1 + n2 - 2))
    d = difference / pooled if pooled > 0 else None
    if v1 + v2 == 0:  # no spread on either side: the means are what they are
        p = 1.0 if difference == 0 else 0.0
        return Comparison(difference, math.copysign(math.inf, difference) if difference else 0.0, n1 + n2 - 2, p, d)
    t = difference / math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    return Comparison(difference, t, df, _two_sided_p(t, df), d)


WELCH = "Welch's t-test"
PAIRED = "paired t-test"
FISHER = "Fisher's exact test"


def welch_values(first: np.ndarray, second: np.ndarray) -> Comparison | None:
    """Welch's test of first − second from the values themselves (e.g. respondent means)."""
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if len(first) < 2 or len(second) < 2:
        return None
    return welch(
        len(first), float(first.mean()), float(first.std(ddof=1)), len(second), float(second.mean()), float(second.std(ddof=1))
    )


def paired(differences: np.ndarray) -> Comparison | None:
    """Paired t-test of the mean of differences (each person's later minus earlier value) against 0; the effect
    size is d_z (mean difference over the SD of the differences). None below 2 pairs."""
    differences = np.asarray(differences, dtype=float)
    n = len(differences)
    if n < 2:
        return None
    mean, sd = float(differences.mean()), float(differences.std(ddof=1))
    if sd == 0:  # everyone changed by the same amount
        return Comparison(mean, math.copysign(math.inf, mean) if mean else 0.0, n - 1, 1.0 if mean == 0 else 0.0, None)
    t = mean / (sd / math.sqrt(n))
    return Comparison(mean, t, n - 1, _two_sided_p(t, n - 1), mean / sd)


def fisher_exact(hits1: int, n1: int, hits2: int, n2: int) -> float:
    """Two-sided p-value of Fisher's exact test that two shares (hits1 of n1, hits2 of n2) are equal."""
    from scipy.stats import fisher_exact as fisher

    return float(fisher([[hits1, n1 - hits1], [hits2, n2 - hits2]])[1])


PANEL_SHARE = 0.5  # two rounds are a panel when at least this share of the smaller one answered both


def test_said(test: str, pairs: int = 0) -> str:
    """ "Welch's t-test" or "paired t-test on 30 people who answered both"."""
    return f"{test} on {pairs} people who answered both" if test == PAIRED else test


def panel_ids(now: pd.Index, before: pd.Index, minimum: int) -> pd.Index | None:
    """The respondent ids of two rounds that answered both, when the rounds are a panel: at least `minimum` (and 2)
    of them, and at least PANEL_SHARE of the smaller round. None otherwise."""
    matched = now.intersection(before)
    if len(matched) >= max(2, minimum) and len(matched) >= PANEL_SHARE * min(len(now), len(before)):
        return matched
    return None


def compare_rounds(now: pd.Series, before: pd.Series, minimum: int) -> tuple[str, Comparison | None, int]:
    """(test, comparison of now − before, pairs) for one value per respondent (indexed by respondent id) in two
    rounds: a paired t-test on the people in both when the rounds are a panel (panel_ids), else Welch's t-test."""
    now, before = now.dropna(), before.dropna()
    matched = panel_ids(now.index, before.index, minimum)
    if matched is not None:
        return PAIRED, paired((now[matched] - before[matched]).to_numpy()), len(matched)
    return WELCH, welch_values(now.to_numpy(), before.to_numpy()), 0


def benjamini_hochberg(p_values: list[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values, in the order given."""
    m = len(p_values)
    if not m:
        return []
    order = np.argsort(p_values)
    ranked = np.asarray(p_values, dtype=float)[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
    result = np.empty(m)
    result[order] = adjusted
    return [float(v) for v in result]


def cronbach_alpha(items: np.ndarray) -> tuple[float | None, list[float | None]]:
    """Alpha of a respondents × items matrix (complete rows) and each item's corrected item–total correlation
    (with the sum of the other items). None where it is undefined (no spread, fewer than 2 items)."""
    respondents, k = items.shape
    if k < 2 or respondents < 2:
        return None, [None] * k
    variances = items.var(axis=0, ddof=1)
    total = items.sum(axis=1)
    total_variance = total.var(ddof=1)
    alpha = None if total_variance == 0 else float(k / (k - 1) * (1 - variances.sum() / total_variance))
    correlations: list[float | None] = []
    for i in range(k):
        rest = total - items[:, i]
        if items[:, i].std() == 0 or rest.std() == 0:
            correlations.append(None)
        else:
            correlations.append(float(np.corrcoef(items[:, i], rest)[0, 1]))
    return alpha, correlations
