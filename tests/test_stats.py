"""The statistics behind the verdicts, against SciPy computed on the same data here, and a simulation of
the perception-gap verdict: how often it cries wolf when IT and the business agree, and how often it
finds a real difference."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as scipy_stats

from alignment.checks.perception import perception_verdict, target_verdict
from alignment.stats import PSEUDO_WEIGHT, benjamini_hochberg, cronbach_alpha, mean_interval, welch


def _interval_by_scipy(values: list[float]) -> tuple[float, float]:
    """The documented method done by hand: half a pseudo-answer at 1 and at 5 (weights), t-interval, clipped."""
    data = np.array([*values, 1.0, 5.0])
    weights = np.array([1.0] * len(values) + [PSEUDO_WEIGHT, PSEUDO_WEIGHT])
    n = weights.sum()
    mean = (weights * data).sum() / n
    variance = (weights * (data - mean) ** 2).sum() / (n - 1)
    low, high = scipy_stats.t.interval(0.95, n - 1, loc=mean, scale=np.sqrt(variance / n))
    return max(1.0, low), min(5.0, high)


@pytest.mark.parametrize(
    "values",
    [
        [3, 3, 3, 3, 3],  # no spread: the plain t-interval would be [3, 3]
        [1, 1, 5, 5, 1],  # a wide spread at n = 5: the plain t-interval leaves the scale
        [4, 4, 5, 3, 4, 4, 5, 2, 4, 4],
        list(np.linspace(1, 5, 40)),
    ],
)
def test_mean_interval_matches_the_method_by_hand(values):
    values = [float(v) for v in values]
    low, high = mean_interval(len(values), sum(values), sum(v * v for v in values))
    expected = _interval_by_scipy(values)
    assert (low, high) == pytest.approx(expected, abs=1e-9)
    assert 1.0 <= low < high <= 5.0


def test_plain_t_interval_left_the_scale_and_this_one_does_not():
    values = [1.0, 1.0, 5.0, 5.0, 1.0]
    plain = scipy_stats.t.interval(0.95, 4, loc=np.mean(values), scale=scipy_stats.sem(values))
    assert plain[0] < 1.0  # the defect: the old interval went below the scale
    low, high = mean_interval(5, sum(values), sum(v * v for v in values))
    assert low >= 1.0 and high <= 5.0


def test_the_interval_becomes_the_plain_t_interval_with_many_respondents():
    rng = np.random.default_rng(7)
    values = rng.integers(1, 6, 2000).astype(float)
    low, high = mean_interval(len(values), values.sum(), (values**2).sum())
    plain = scipy_stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=scipy_stats.sem(values))
    assert (round(low, 2), round(high, 2)) == (round(plain[0], 2), round(plain[1], 2))


def test_welch_matches_scipy():
    rng = np.random.default_rng(3)
    a, b = rng.normal(3.5, 0.8, 17), rng.normal(3.0, 1.1, 9)
    result = welch(len(a), a.mean(), a.std(ddof=1), len(b), b.mean(), b.std(ddof=1))
    reference = scipy_stats.ttest_ind(a, b, equal_var=False)
    assert result.statistic == pytest.approx(reference.statistic, rel=1e-9)
    assert result.p == pytest.approx(reference.pvalue, rel=1e-9)
    pooled = np.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2))
    assert result.effect_size == pytest.approx((a.mean() - b.mean()) / pooled, rel=1e-9)


def test_benjamini_hochberg_matches_scipy():
    p = [0.01, 0.04, 0.03, 0.2, 0.005, 0.5]
    assert benjamini_hochberg(p) == pytest.approx(list(scipy_stats.false_discovery_control(p, method="bh")), rel=1e-12)


def test_cronbach_alpha_textbook_example():
    # alpha = k / (k - 1) * (1 - sum of item variances / variance of the total), computed here with NumPy
    items = np.array([[1, 1, 2], [2, 3, 3], [3, 2, 1], [2, 2, 2], [2, 2, 2]], dtype=float)
    variances = items.var(axis=0, ddof=1)
    total = items.sum(axis=1).var(ddof=1)
    alpha, correlations = cronbach_alpha(items)
    assert alpha == pytest.approx(3 / 2 * (1 - variances.sum() / total))
    rest = items.sum(axis=1) - items[:, 0]
    assert correlations[0] == pytest.approx(scipy_stats.pearsonr(items[:, 0], rest).statistic)


@pytest.mark.parametrize(
    "score, low, high, status",
    [
        (3.23, 3.14, 3.32, "fail"),  # wholly below, short by 0.77
        (3.50, 3.40, 3.60, "warn"),  # wholly below, short by 0.5
        (3.50, 2.90, 4.10, "warn"),  # may be below: the interval covers the target
        (3.90, 3.85, 3.95, "pass"),  # just below, within the tolerance
        (3.80, 2.44, 5.00, "warn"),  # within tolerance but the interval is too wide to tell
        (4.20, 3.90, 4.50, "pass"),
    ],
)
def test_target_verdict(score, low, high, status):
    assert target_verdict(score, low, high, 4.0, 0.25, 0.75)[0] == status


# ------------------------------------------------------------------------------------ simulation


def _respondent_means(rng: np.random.Generator, n: int, centre: float) -> np.ndarray:
    """Means over 5 Likert items of n people: a personal level around `centre`, item noise, rounded to 1-5."""
    level = rng.normal(centre, 0.6, n)[:, None]
    answers = np.clip(np.rint(level + rng.normal(0, 0.8, (n, 5))), 1, 5)
    return answers.mean(axis=1)


def _flagged_share(rng: np.random.Generator, n_it: int, n_business: int, difference: float, surveys: int = 400) -> float:
    """Share of the six tactic comparisons flagged (warn or fail) over simulated surveys, each page's six
    p-values adjusted together, as the app does."""
    flagged = 0
    for _ in range(surveys):
        comparisons = []
        for _tactic in range(6):
            it = _respondent_means(rng, n_it, 3.0 + difference / 2)
            business = _respondent_means(rng, n_business, 3.0 - difference / 2)
            comparisons.append(welch(n_it, it.mean(), it.std(ddof=1), n_business, business.mean(), business.std(ddof=1)))
        adjusted = benjamini_hochberg([c.p for c in comparisons])
        for comparison, p in zip(comparisons, adjusted, strict=True):
            status, _ = perception_verdict(comparison.difference, p, n_it, n_business, 0.3, 0.6, 0.05, 5)
            flagged += status in {"warn", "fail"}
    return flagged / (surveys * 6)


@pytest.mark.parametrize("n_it, n_business", [(5, 5), (5, 20)])
def test_no_real_difference_is_rarely_flagged(n_it, n_business):
    assert _flagged_share(np.random.default_rng(11), n_it, n_business, 0.0) <= 0.10


def test_a_real_difference_is_found():
    assert _flagged_share(np.random.default_rng(12), 15, 15, 1.4, surveys=200) >= 0.90


def test_too_few_on_one_side_is_not_enough_to_tell():
    status, phrase = perception_verdict(1.2, 0.001, 4, 30, 0.3, 0.6, 0.05, 5)
    assert status == "not_applicable" and "not enough responses to tell" in phrase
