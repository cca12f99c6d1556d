"""Seeded simulations of the statistics behind the verdicts: how often the score interval covers the true score,
how often one view calls noise a difference or a change, and how often a paired test finds a real change.

    python -m bench.statistics [--quick]

Every simulation draws realistic survey answers with NumPy and runs the library's own functions on them
(stats.mean_interval, stats.welch_values, stats.compare_rounds, stats.holm), with the rule the app applies:

- coverage: n respondents' tactic means (each the mean of 5 statements on 1-5, rounded and kept on the scale)
  from six populations, from the middle of the scale to piled up at its top end; the share of 95 % intervals
  that contain the population's mean (computed from 400,000 respondents);
- perception gaps: IT and business respondents from one population (no difference), six tactics of the same
  people, every gap tested and the six p-values adjusted together: the share of surveys where at least one gap
  is called real; and with a real difference of 0.5 on every tactic, the share of gaps found;
- trends: four rounds of 30 different people with no change, every consecutive change and the first against the
  latest (24 comparisons) adjusted together: the share of pages calling any change real; the old rule (each pair
  of rounds on its own, Benjamini-Hochberg) for comparison;
- panels: the same 30 people in two rounds with a true rise of +0.3: the share of tactics found by the paired
  test, and by Welch's test on the same answers.

The README's Methods section quotes the full run; the tests run the --quick sizes.
"""

from __future__ import annotations

import argparse
import itertools

import numpy as np
import pandas as pd

from alignment.stats import benjamini_hochberg, compare_rounds, holm, mean_interval, welch_values

SEED = 20260517
ALPHA = 0.05
STATEMENTS = 5
OFFSETS = np.array([-0.3, 0.0, 0.2, 0.4, -0.3])  # statements differ a little in how easy they are to agree with
POPULATIONS = {  # the spread of people's own levels around which they answer
    "middle": lambda rng, n: rng.normal(3.3, 0.6, n),
    "high": lambda rng, n: rng.normal(4.4, 0.5, n),
    "low": lambda rng, n: rng.normal(1.7, 0.5, n),
    "polarised": lambda rng, n: np.where(rng.random(n) < 0.5, rng.normal(2.0, 0.4, n), rng.normal(4.2, 0.4, n)),
    "ceiling": lambda rng, n: rng.normal(4.8, 0.4, n),
    "at the top": lambda rng, n: rng.normal(5.2, 0.4, n),
}
SIZES = (5, 10, 30)


def tactic_means(rng: np.random.Generator, levels: np.ndarray) -> np.ndarray:
    """Each person's mean over five statements answered around their level: rounded, kept on 1-5."""
    answers = np.rint(levels[:, None] + OFFSETS + rng.normal(0, 0.8, (len(levels), STATEMENTS)))
    return np.clip(answers, 1, 5).mean(axis=1)


def coverage(samples: int, seed: int = SEED) -> pd.DataFrame:
    """Per population and n: the share of score intervals that contain the population's mean."""
    rng = np.random.default_rng(seed)
    rows = []
    for name, draw in POPULATIONS.items():
        truth = float(tactic_means(rng, draw(rng, 400_000)).mean())
        for n in SIZES:
            values = tactic_means(rng, draw(rng, samples * n)).reshape(samples, n)
            totals, squares = values.sum(axis=1), (values * values).sum(axis=1)
            hits = sum(low <= truth <= high for low, high in map(mean_interval, itertools.repeat(n), totals, squares))
            rows.append({"population": name, "n": n, "mean": round(truth, 2), "coverage": hits / samples})
    return pd.DataFrame(rows)


def people(rng: np.random.Generator, n: int, centre: float, tactics: int = 6) -> list[np.ndarray]:
    """n people's tactic means for six tactics: each person has a general level and a level per tactic."""
    general = rng.normal(centre, 0.5, n)
    return [tactic_means(rng, general + rng.normal(0, 0.4, n)) for _ in range(tactics)]


def gap_false_alarms(surveys: int, sizes=((5, 20), (10, 40), (30, 30)), centres=(3.3, 4.3, 1.8), seed: int = SEED):
    """Per IT and business size and population centre: the share of surveys where at least one of the six tactics'
    perception gaps is called real (Holm-adjusted p below ALPHA) when IT and the business do not differ; and by the
    old rule (Welch's own degrees of freedom, SciPy, Benjamini-Hochberg)."""
    from scipy.stats import ttest_ind

    rng = np.random.default_rng(seed)
    rows = []
    for (it_n, business_n), centre in itertools.product(sizes, centres):
        alarms = old = 0
        for _ in range(surveys):
            it, business = people(rng, it_n, centre), people(rng, business_n, centre)
            p = [welch_values(a, b).p for a, b in zip(it, business, strict=True)]
            alarms += min(holm(p)) < ALPHA
            old_p = [ttest_ind(a, b, equal_var=False).pvalue for a, b in zip(it, business, strict=True)]
            old += min(benjamini_hochberg(old_p)) < ALPHA
        rows.append(
            {
                "it": it_n,
                "business": business_n,
                "centre": centre,
                "any_false_alarm": alarms / surveys,
                "old_rule": old / surveys,
            }
        )
    return pd.DataFrame(rows)


def gap_power(surveys: int, difference: float = 0.5, sizes=((10, 40), (30, 30)), seed: int = SEED) -> pd.DataFrame:
    """The share of perception gaps found when IT rates every tactic `difference` higher than the business."""
    rng = np.random.default_rng(seed)
    rows = []
    for it_n, business_n in sizes:
        found = 0
        for _ in range(surveys):
            it, business = people(rng, it_n, 3.3 + difference / 2), people(rng, business_n, 3.3 - difference / 2)
            found += sum(p < ALPHA for p in holm([welch_values(a, b).p for a, b in zip(it, business, strict=True)]))
        rows.append({"it": it_n, "business": business_n, "difference": difference, "found": found / (6 * surveys)})
    return pd.DataFrame(rows)


def view_family(rounds: list[list[pd.Series]]) -> tuple[list[float], list[list[float]]]:
    """The p-values one Trends page adjusts together (each consecutive pair and the first against the latest, six
    tactics each, as trends.view_pairs), and per pair of consecutive rounds on its own."""
    pairs = list(itertools.pairwise(range(len(rounds))))
    if len(rounds) > 2:
        pairs.append((0, len(rounds) - 1))
    p = {pair: [compare_rounds(rounds[pair[1]][t], rounds[pair[0]][t], 5)[1].p for t in range(6)] for pair in pairs}
    return [v for pair in pairs for v in p[pair]], [p[pair] for pair in pairs[: len(rounds) - 1]]


def trend_false_alarms(pages: int, rounds: int = 4, size: int = 30, seed: int = SEED) -> dict:
    """The share of Trends pages (rounds of different people, no change) that call any change real: with Holm across
    the page, and with the old rule (Benjamini-Hochberg per pair of consecutive rounds)."""
    rng = np.random.default_rng(seed)
    page = old = 0
    for _ in range(pages):
        waves = [[pd.Series(m, index=[f"w{w}-{i}" for i in range(size)]) for m in people(rng, size, 3.3)] for w in range(rounds)]
        everything, per_pair = view_family(waves)
        page += min(holm(everything)) < ALPHA
        old += any(min(benjamini_hochberg(p)) < ALPHA for p in per_pair)
    return {"rounds": rounds, "people": size, "page_holm": page / pages, "old_per_pair_bh": old / pages}


def panel_power(samples: int, rise: float = 0.3, size: int = 30, seed: int = SEED) -> dict:
    """The same people in two rounds, everyone `rise` higher in the second: the share of the six tactics called a
    real rise by the paired test (Holm across the six), by Welch's test of the same answers, and false alarms of
    the paired test when nobody changed (any of six)."""
    rng = np.random.default_rng(seed)
    ids = [f"p{i}" for i in range(size)]
    paired = welch = alarms = 0
    for _ in range(samples):
        general = rng.normal(3.3, 0.5, size)
        levels = [general + rng.normal(0, 0.4, size) for _ in range(6)]
        before = [pd.Series(tactic_means(rng, lv), index=ids) for lv in levels]
        now = [pd.Series(tactic_means(rng, lv + rise), index=ids) for lv in levels]
        flat = [pd.Series(tactic_means(rng, lv), index=ids) for lv in levels]
        tested = [compare_rounds(a, b, 5)[1] for a, b in zip(now, before, strict=True)]
        paired += sum(p < ALPHA and c.difference > 0 for p, c in zip(holm([c.p for c in tested]), tested, strict=True))
        apart = [welch_values(a.to_numpy(), b.to_numpy()) for a, b in zip(now, before, strict=True)]
        welch += sum(p < ALPHA and c.difference > 0 for p, c in zip(holm([c.p for c in apart]), apart, strict=True))
        alarms += min(holm([compare_rounds(a, b, 5)[1].p for a, b in zip(flat, before, strict=True)])) < ALPHA
    return {
        "people": size,
        "rise": rise,
        "paired_found": paired / (6 * samples),
        "welch_found": welch / (6 * samples),
        "paired_false_alarm": alarms / samples,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the tests' smaller sizes (seconds, noisier)")
    quick = parser.parse_args(argv).quick
    samples, surveys = (2_000, 400) if quick else (20_000, 4_000)
    pd.set_option("display.width", 120)
    print(f"Score interval coverage ({samples:,} samples per cell, target 93-97 %):")
    print(coverage(samples).pivot(index=["population", "mean"], columns="n", values="coverage").map("{:.1%}".format))
    print(f"\nPerception gaps, no difference: surveys with any of six gaps called real ({surveys:,} surveys):")
    print(gap_false_alarms(surveys).to_string(index=False))
    print(f"\nPerception gaps, a real difference of 0.5: share found ({surveys // 2:,} surveys):")
    print(gap_power(surveys // 2).to_string(index=False))
    print(f"\nTrends, no change: pages calling any change real ({surveys:,} pages): {trend_false_alarms(surveys)}")
    print(f"\nPanels: {panel_power(surveys // 2)}")


if __name__ == "__main__":
    main()
