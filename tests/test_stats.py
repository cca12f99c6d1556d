"""The statistics behind the verdicts, against SciPy computed on the same data here, and a simulation of
the perception-gap verdict: how often it cries wolf when IT and the business agree, and how often it
finds a real difference."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from alignment.checks.perception import target_verdict
from alignment.perception_gap import PerceptionLimits, perception_verdict
from alignment.stats import benjamini_hochberg, feldt_interval, holm, mean_interval, reliability, welch


def _interval_by_scipy(values: list[float]) -> tuple[float, float]:
    """The documented method done by hand: a t-interval whose variance is at least 0.04 (m - 1)(5 - m), with m
    kept 0.5 / n inside the scale, clipped to 1-5."""
    data = np.array(values)
    n, mean = len(data), data.mean()
    m = min(max(mean, 1 + 0.5 / n), 5 - 0.5 / n)
    variance = max(data.var(ddof=1), 0.04 * (m - 1) * (5 - m))
    low, high = scipy_stats.t.interval(0.95, n - 1, loc=mean, scale=np.sqrt(variance / n))
    return max(1.0, low), min(5.0, high)


@pytest.mark.parametrize(
    "values",
    [
        [3, 3, 3, 3, 3],  # no spread: the plain t-interval would be [3, 3]
        [5, 5, 5, 5, 5],  # no spread at the end of the scale
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


def test_the_interval_is_no_wider_than_a_t_interval_when_people_differ():
    """Issue 17, point 12: the old interval (half a pseudo-answer at 1 and 5) was 1.7-3.1 times a t-interval's width
    at n = 5-10; with ordinary spread the interval is now the t-interval itself."""
    values = np.array([3.2, 3.8, 2.6, 4.0, 3.4, 2.8, 3.6, 3.0])
    low, high = mean_interval(len(values), values.sum(), (values**2).sum())
    plain = scipy_stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=scipy_stats.sem(values))
    assert (low, high) == pytest.approx(plain, abs=1e-9)


def test_the_interval_becomes_the_plain_t_interval_with_many_respondents():
    rng = np.random.default_rng(7)
    values = rng.integers(1, 6, 2000).astype(float)
    low, high = mean_interval(len(values), values.sum(), (values**2).sum())
    plain = scipy_stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=scipy_stats.sem(values))
    assert (round(low, 2), round(high, 2)) == (round(plain[0], 2), round(plain[1], 2))


def test_welch_matches_scipy_when_its_degrees_of_freedom_are_not_capped():
    rng = np.random.default_rng(3)
    a, b = rng.normal(3.5, 0.4, 40), rng.normal(3.0, 1.4, 12)  # the small side spreads more
    result = welch(len(a), a.mean(), a.std(ddof=1), len(b), b.mean(), b.std(ddof=1))
    reference = scipy_stats.ttest_ind(a, b, equal_var=False)
    assert result.df == pytest.approx(reference.df) and result.df < 1.25 * 11
    assert result.statistic == pytest.approx(reference.statistic, rel=1e-9)
    assert result.p == pytest.approx(reference.pvalue, rel=1e-9)
    pooled = np.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2))
    assert result.effect_size == pytest.approx((a.mean() - b.mean()) / pooled, rel=1e-9)


def test_welch_caps_its_degrees_of_freedom_at_a_quarter_more_than_the_smaller_group():
    """5 against 20 with a small spread on the small side: Satterthwaite's estimate (near 19) is capped at
    1.25 x 4 = 5, so the p-value is the t distribution's with 5 degrees of freedom."""
    a = np.array([3.0, 3.2, 3.1, 2.9, 3.0])
    b = np.random.default_rng(4).normal(3.6, 0.9, 20)
    result = welch(5, a.mean(), a.std(ddof=1), 20, b.mean(), b.std(ddof=1))
    reference = scipy_stats.ttest_ind(a, b, equal_var=False)
    assert reference.df > 15 and result.df == 5.0
    assert result.statistic == pytest.approx(reference.statistic, rel=1e-9)
    assert result.p == pytest.approx(2 * scipy_stats.t.sf(abs(reference.statistic), 5), rel=1e-9)
    assert result.p > reference.pvalue


def test_benjamini_hochberg_matches_scipy():
    p = [0.01, 0.04, 0.03, 0.2, 0.005, 0.5]
    assert benjamini_hochberg(p) == pytest.approx(list(scipy_stats.false_discovery_control(p, method="bh")), rel=1e-12)


def test_holm_by_hand():
    # sorted: 0.005 x 6, 0.01 x 5, 0.03 x 4, 0.04 x 3, 0.2 x 2, 0.5 x 1, each at least the one before
    p = [0.01, 0.04, 0.03, 0.2, 0.005, 0.5]
    assert holm(p) == pytest.approx([0.05, 0.12, 0.12, 0.4, 0.03, 0.5], rel=1e-12)
    assert holm([]) == []


def test_cronbach_alpha_textbook_example():
    # alpha = k / (k - 1) * (1 - sum of item variances / variance of the total), computed here with NumPy
    items = np.array([[1, 1, 2], [2, 3, 3], [3, 2, 1], [2, 2, 2], [2, 2, 2]], dtype=float)
    variances = items.var(axis=0, ddof=1)
    total = items.sum(axis=1).var(ddof=1)
    result = reliability(pd.DataFrame(items, columns=["a", "b", "c"]))
    assert result.alpha == pytest.approx(3 / 2 * (1 - variances.sum() / total))
    rest = items.sum(axis=1) - items[:, 0]
    assert result.item_total["a"] == pytest.approx(scipy_stats.pearsonr(items[:, 0], rest).statistic)
    assert result.n == 5 and result.left_out == ()


def test_feldt_interval_of_alpha_070_at_n_30():
    """Issue 17, point 14: alpha 0.70 from 30 people has a Feldt 95 % interval of about 0.49 to 0.84."""
    low, high = feldt_interval(0.70, 30, 5)
    dfn, dfd = 29, 29 * 4
    assert low == pytest.approx(1 - 0.3 * scipy_stats.f.ppf(0.975, dfn, dfd), abs=1e-9)
    assert high == pytest.approx(1 - 0.3 * scipy_stats.f.ppf(0.025, dfn, dfd), abs=1e-9)
    assert (round(low, 2), round(high, 2)) == (0.49, 0.84)


def test_alpha_uses_pairwise_complete_answers_not_listwise_deletion():
    """80 people, 4 statements, each answer missing with chance 0.2: listwise deletion keeps 35 people; the
    pairwise-complete covariances rest on at least 47 per pair and give the alpha of that covariance matrix."""
    rng = np.random.default_rng(21)
    level = rng.normal(3.2, 0.7, 80)[:, None]
    answers = np.clip(np.rint(level + rng.normal(0, 0.8, (80, 4))), 1, 5)
    answers[rng.random((80, 4)) < 0.2] = np.nan
    frame = pd.DataFrame(answers, columns=["s1", "s2", "s3", "s4"])
    listwise = len(frame.dropna())
    result = reliability(frame)
    pairs = [(frame[a].notna() & frame[b].notna()).sum() for a in frame for b in frame if a < b]
    assert result.n == min(pairs) > listwise + 10
    covariance = frame.cov().to_numpy()  # pandas: pairwise complete
    assert result.alpha == pytest.approx(4 / 3 * (1 - np.trace(covariance) / covariance.sum()), rel=1e-12)
    low, high = result.ci95
    assert low < result.alpha < high


def test_a_statement_everyone_answered_the_same_is_left_out_and_named():
    items = pd.DataFrame({"a": [1, 2, 3, 4, 5, 2], "b": [2, 2, 3, 5, 4, 1], "c": [3, 3, 3, 3, 3, 3]}, dtype=float)
    result = reliability(items)
    assert result.left_out == ("c",)
    covariance = items[["a", "b"]].cov().to_numpy()
    assert result.alpha == pytest.approx(2 * (1 - np.trace(covariance) / covariance.sum()))


def test_statements_that_cancel_out_have_no_alpha():
    """b = 6 - a for everyone: the total a + b does not vary, so alpha (1 - item variances / total variance) is
    undefined. The covariances' rounding must not turn the zero into a tiny number and alpha into -1e16."""
    rng = np.random.default_rng(11)
    for size in rng.integers(30, 200, 500):  # the residue is left by a few in a hundred such samples
        a = rng.integers(1, 6, size).astype(float)
        result = reliability(pd.DataFrame({"a": a, "b": 6 - a}))
        assert result.alpha is None and result.ci95 is None
        assert result.n == size and result.left_out == ()


def test_no_respondents_no_alpha() -> None:
    result = reliability(pd.DataFrame({"a": pd.Series([], dtype=float), "b": pd.Series([], dtype=float)}))
    assert (result.alpha, result.n, result.left_out) == (None, 0, ("a", "b"))


def test_a_statement_answered_alike_is_left_out_whatever_its_score_in_floating_point():
    """A scale converted to 1-5 gives scores such as 0.1 + 1 or 1 + 2/3, whose mean in floating point is not the score
    itself: a spread computed from it comes out a hair above zero. The statement is still answered alike, and left
    out, and alpha is that of the others."""
    rng = np.random.default_rng(5)
    level = rng.normal(3, 0.8, 40)[:, None]
    others = np.clip(np.rint(level + rng.normal(0, 0.7, (40, 3))), 1, 5)
    for alike in (1.1, 1 + 2 / 3, 4.3):
        items = pd.DataFrame(others, columns=["a", "b", "c"]).assign(same=alike)
        items.loc[[3, 17], "same"] = np.nan  # two skipped it
        result = reliability(items)
        assert result.left_out == ("same",)
        covariance = np.cov(others, rowvar=False)
        assert result.alpha == pytest.approx(3 / 2 * (1 - np.trace(covariance) / covariance.sum()), rel=1e-12)


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
    p-values adjusted together (Holm), as the app does."""
    flagged = 0
    for _ in range(surveys):
        comparisons = []
        for _tactic in range(6):
            it = _respondent_means(rng, n_it, 3.0 + difference / 2)
            business = _respondent_means(rng, n_business, 3.0 - difference / 2)
            comparisons.append(welch(n_it, it.mean(), it.std(ddof=1), n_business, business.mean(), business.std(ddof=1)))
        adjusted = holm([c.p for c in comparisons])
        for comparison, p in zip(comparisons, adjusted, strict=True):
            status, _ = perception_verdict(comparison.difference, p, n_it, n_business, PerceptionLimits(0.3, 0.6, 0.05, 5))
            flagged += status in {"warn", "fail"}
    return flagged / (surveys * 6)


@pytest.mark.parametrize("n_it, n_business", [(5, 5), (5, 20)])
def test_no_real_difference_is_rarely_flagged(n_it, n_business):
    assert _flagged_share(np.random.default_rng(11), n_it, n_business, 0.0) <= 0.10


def test_a_real_difference_is_found():
    assert _flagged_share(np.random.default_rng(12), 15, 15, 1.4, surveys=200) >= 0.90


def test_too_few_on_one_side_is_not_enough_to_tell():
    status, phrase = perception_verdict(1.2, 0.001, 4, 30, PerceptionLimits(0.3, 0.6, 0.05, 5))
    assert status == "not_applicable" and "not enough responses to tell" in phrase
