"""The statistics behind the verdicts, from the sufficient statistics the disclosure layer publishes
(n, sum, sum of squares), so every verdict can be recomputed from published numbers. The README's Methods section
gives each method's measured coverage or false-alarm rate (python -m bench.statistics).

- Interval of a mean score: a t-interval whose variance is at least VARIANCE_FLOOR times the largest variance a
  mean at that level allows on 1–5 ((m − 1)(5 − m), with m kept END_MARGIN / n inside the scale), then kept
  inside 1–5. A plain t-interval undercovers when a few people near an end of the scale happen to agree (and has
  zero width when they all answer the same); the floor widens only such intervals, so from a few dozen
  respondents on it is the plain t-interval.
- IT versus Business: Welch's t-test on respondent means (a tactic) or on answers (a statement), its degrees of
  freedom at most DF_CAP × (smaller group − 1): Welch's own estimate runs high when the small side's spread
  happens to be small, which made 5 IT people against 20 business people a false alarm too often. It needs
  only n, mean and SD per side, which is what is published. The effect size is Cohen's d (pooled SD).
  Everything one view calls is adjusted together with Holm's method (family-wise error).
- Between survey rounds: Welch's t-test on respondent means when the rounds ask different people; when the
  same respondent ids answer both rounds (a panel), a paired t-test on each person's change, which removes
  the differences between people from the noise. Shares of counted things (work items): Fisher's exact test.
- Reliability: Cronbach's alpha from the pairwise-complete covariances of a tactic's statements, with Feldt's
  95 % interval, and corrected item–total correlations; a statement everyone answered the same is left out.

SciPy's special functions are imported only when a p-value or quantile is needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

SCALE_LOW, SCALE_HIGH = 1.0, 5.0
CI_METHOD = (
    "t-interval with its variance at least 0.04 × (m − 1)(5 − m), the most a mean m allows on the 1–5 scale, kept inside 1–5"
)
VARIANCE_FLOOR = 0.04  # share of the largest variance a mean allows, the least an interval assumes
END_MARGIN = 0.5  # the floor is taken at a mean at least END_MARGIN / n inside the scale, so it is never 0
DF_CAP = 1.25  # Welch's degrees of freedom are at most DF_CAP × (smaller group − 1)
TEST_METHOD = (
    "Welch's t-test on respondent means (degrees of freedom at most 1.25 × the smaller group's n − 1), Cohen's d, "
    "Holm's adjustment across the comparisons shown together"
)


def t_quantile(probability: float, df: float) -> float:
    from scipy.special import stdtrit

    return float(stdtrit(df, probability))


def _two_sided_p(t: float, df: float) -> float:
    from scipy.special import stdtr

    return float(2 * stdtr(df, -abs(t)))


def variance_floor(n: int, mean: float) -> float:
    """The least variance an interval or test assumes for n values with this mean: VARIANCE_FLOOR × (m − 1)(5 − m),
    the largest variance a mean m allows on the scale, with m kept END_MARGIN / n inside the scale."""
    margin = END_MARGIN / n
    m = min(max(mean, SCALE_LOW + margin), SCALE_HIGH - margin)
    return VARIANCE_FLOOR * (m - SCALE_LOW) * (SCALE_HIGH - m)


def mean_interval(n: int, total: float, squares: float, confidence: float = 0.95) -> list[float] | None:
    """Interval of a mean of values on 1–5 from n, their sum and sum of squares; None below 2 values."""
    if n < 2:
        return None
    mean = total / n
    variance = max(0.0, (squares - total * total / n) / (n - 1), variance_floor(n, mean))
    half = t_quantile(0.5 + confidence / 2, n - 1) * math.sqrt(variance / n)
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
    """Welch's two-sample t-test from summary statistics, its degrees of freedom at most DF_CAP × (smaller n − 1);
    None when either side has fewer than 2 values."""
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
    df = min((v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1)), DF_CAP * (min(n1, n2) - 1))
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


def test_said(test: str) -> str:
    """ "Welch's t-test" or "paired t-test on the people who answered both". Not how many: that counts who came back
    and answered enough of the tactic, also in groups the disclosure layer hides."""
    return f"{test} on the people who answered both" if test == PAIRED else test


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
    """Benjamini–Hochberg adjusted p-values, in the order given (false discovery rate)."""
    m = len(p_values)
    if not m:
        return []
    order = np.argsort(p_values)
    ranked = np.asarray(p_values, dtype=float)[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
    result = np.empty(m)
    result[order] = adjusted
    return [float(v) for v in result]


def holm(p_values: list[float]) -> list[float]:
    """Holm's step-down adjusted p-values, in the order given: the family-wise error of everything called below
    alpha stays at most alpha, whatever the tests' dependence."""
    m = len(p_values)
    if not m:
        return []
    order = np.argsort(p_values, kind="stable")
    ranked = np.asarray(p_values, dtype=float)[order] * (m - np.arange(m))
    adjusted = np.maximum.accumulate(ranked).clip(max=1.0)
    result = np.empty(m)
    result[order] = adjusted
    return [float(v) for v in result]


ALPHA_LINE = 0.7  # the usual line for statements that hang together well enough to be added up


@dataclass(frozen=True)
class Reliability:
    """Cronbach's alpha of a tactic's statements, its Feldt interval, and each statement's corrected item–total r."""

    alpha: float | None
    ci95: tuple[float, float] | None  # Feldt's 95 % interval
    n: int  # respondents behind the alpha: the fewest who answered any one pair of the statements used
    item_total: dict[str, float | None]
    left_out: tuple[str, ...] = ()  # statements everyone answered the same (no spread)


def feldt_interval(alpha: float, n: int, k: int, confidence: float = 0.95) -> tuple[float, float] | None:
    """Feldt's interval of Cronbach's alpha from n respondents and k statements: 1 − (1 − alpha) × F quantiles with
    (n − 1, (n − 1)(k − 1)) degrees of freedom. None below 3 respondents or 2 statements."""
    if n < 3 or k < 2:
        return None
    from scipy.special import fdtri

    dfn, dfd = n - 1, (n - 1) * (k - 1)
    tail = (1 - confidence) / 2
    return 1 - (1 - alpha) * float(fdtri(dfn, dfd, 1 - tail)), 1 - (1 - alpha) * float(fdtri(dfn, dfd, tail))


def _pairwise_covariance(rows: np.ndarray) -> tuple[np.ndarray, int]:
    """The covariance of every two rows (statements; NaN = no answer) over the respondents who answered both, as
    pandas' pairwise DataFrame.cov gives it, from three matrix products of sums; and the fewest respondents any pair
    has. The sums of answers on a 1-5 scale lose nothing a covariance shows (pandas' agrees to 1e-13)."""
    present = ~np.isnan(rows)
    mask = present.astype(float)
    filled = np.where(present, rows, 0.0)
    pairs = mask @ mask.T  # respondents who answered both statements of a pair
    sums = filled @ mask.T  # [i, j]: statement i summed over those who answered j too
    with np.errstate(divide="ignore", invalid="ignore"):
        covariance = (filled @ filled.T - sums * sums.T / pairs) / (pairs - 1)
    return covariance, int(pairs.min())


def reliability(answers: pd.DataFrame) -> Reliability:
    """Alpha of a respondents × statements frame (NaN = no answer) from pairwise-complete covariances, so a skipped
    statement costs only the pairs it is in, not the respondent's every answer; Feldt's interval on the fewest pairs;
    corrected item–total correlations from the same covariances. Statements with no spread are left out and named."""
    values = np.ascontiguousarray(answers.to_numpy(dtype=float).T)  # one row per statement
    # fmax and fmin pass over NaN: a statement nobody answered (or a frame of no rows) has no spread
    spread = np.fmax.reduce(values, axis=1, initial=-np.inf) > np.fmin.reduce(values, axis=1, initial=np.inf)
    left_out = tuple(str(c) for c, varies in zip(answers.columns, spread, strict=True) if not varies)
    columns = [str(c) for c, varies in zip(answers.columns, spread, strict=True) if varies]
    k = len(columns)
    if k < 2:
        return Reliability(None, None, 0, dict.fromkeys(columns), left_out)
    covariance, n = _pairwise_covariance(values[spread])
    if n < 2:
        return Reliability(None, None, n, dict.fromkeys(columns), left_out)
    total_variance = covariance.sum()
    # no variance in the total (statements that cancel out, b = 6 - a): alpha is undefined. The products' sums leave
    # a rounding residue of about 1e-16 of the statements' own variances where it is exactly zero, so it is
    # taken as zero below a billionth of them, never divided by
    defined = total_variance > 1e-9 * np.trace(covariance)
    alpha = float(k / (k - 1) * (1 - np.trace(covariance) / total_variance)) if defined else None
    item_total: dict[str, float | None] = {}
    for i, item in enumerate(columns):
        rest = [j for j in range(k) if j != i]
        rest_variance = covariance[np.ix_(rest, rest)].sum()
        with_rest = covariance[i, rest].sum()
        ok = rest_variance > 0 and covariance[i, i] > 0
        item_total[str(item)] = float(with_rest / math.sqrt(covariance[i, i] * rest_variance)) if ok else None
    ci95 = None if alpha is None else feldt_interval(alpha, n, k)
    return Reliability(alpha, ci95, n, item_total, left_out)
