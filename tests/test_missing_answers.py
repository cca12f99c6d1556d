"""Issue 17, point 5: missing answers handled on purpose. A hard statement skipped by half the respondents at
random must not lift its tactic's score; a respondent must answer at least half a tactic's statements to count
for it; skipping that differs by statement is named. Data-only cases, the full-information numbers computed here."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignment.analysis import analyze
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import disclosure
from alignment.items import LIKERT_ITEMS
from alignment.selection import Selection
from alignment.selection_stats import respondent_means
from alignment.tables import item_scores
from alignment.tactic_means import adjusted_means, item_means, min_answers
from alignment.tactics import TACTIC_CODES

ITEMS = [item for item in LIKERT_ITEMS if item.tactic in TACTIC_CODES]
REL = [item.id for item in ITEMS if item.tactic == "REL"]
HARD = "REL-3"


def survey(scores: dict[str, np.ndarray]) -> bytes:
    """A Responses CSV of scored answers (NaN = blank), reverse-coded statements written as answered."""
    n = len(next(iter(scores.values())))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["respondent_id", "period", "function", "department", *(item.id for item in ITEMS)])
    for row in range(n):
        function = "IT" if row % 2 else "Business"
        values = []
        for item in ITEMS:
            score = scores[item.id][row]
            values.append("" if np.isnan(score) else int(6 - score if item.reverse else score))
        writer.writerow([f"r{row}", "2026-Q1", function, f"{function} A", *values])
    return buffer.getvalue().encode()


def full_answers(seed: int, n: int = 200) -> dict[str, np.ndarray]:
    """Everyone answers everything: REL's other statements around 4.1, the hard one around 1.9."""
    rng = np.random.default_rng(seed)
    level = rng.normal(0, 0.5, n)
    scores = {}
    for item in ITEMS:
        centre = 1.9 if item.id == HARD else 4.1
        scores[item.id] = np.clip(np.rint(centre + level + rng.normal(0, 0.7, n)), 1, 5).astype(float)
    return scores


def test_a_hard_statement_skipped_by_half_at_random_does_not_lift_the_score():
    full = full_answers(seed=17)
    truth = float(np.mean([np.mean([full[i][r] for i in REL]) for r in range(200)]))  # full-information score
    skipped = {k: v.copy() for k, v in full.items()}
    rng = np.random.default_rng(4)
    skipped[HARD][rng.permutation(200)[:100]] = np.nan  # half skip the hard statement, at random
    dataset = Dataset.from_file("survey.csv", survey(skipped))
    result = analyze(dataset, Settings()).tactic("REL")
    low, high = result.ci95
    # the old rule, the mean of each person's answered statements, is lifted outside the interval
    old = float(np.mean([np.nanmean([skipped[i][r] for i in REL]) for r in range(200)]))
    assert old > high + 0.05, (old, result.ci95)
    # the score is the full-information score, within its interval
    assert low <= truth <= high, (truth, result.ci95)
    assert result.score == pytest.approx(truth, abs=0.03)
    # and agrees with the statement chart: the mean of the statement means (as published, each over who answered)
    statements = item_scores(dataset, "REL", Settings())
    chart_mean = float(np.mean([np.nanmean(skipped[i]) for i in REL]))
    assert statements["item_mean"].mean() == pytest.approx(chart_mean, abs=0.006)
    assert result.score == pytest.approx(chart_mean, abs=0.02)
    # the warning names the tactic and the statement
    named = [w for w in analyze(dataset, Settings()).warnings if HARD in w]
    assert len(named) == 1 and named[0].startswith("REL: ") and "100 of the 200" in named[0], named


def test_the_tests_between_rounds_use_the_same_respondent_means_as_the_score():
    """The paired tests and ASM006 read selection_stats.respondent_means: their mean is the published score."""
    full = full_answers(seed=5)
    full[HARD][np.random.default_rng(1).permutation(200)[:90]] = np.nan
    dataset = Dataset.from_file("survey.csv", survey(full))
    published = disclosure(dataset, 5)
    means = respondent_means(published, dataset, Selection("2026-Q1"))
    figure = published.tactic("REL", Selection("2026-Q1"))
    assert means["REL"].count() == figure.n
    assert means["REL"].mean() == pytest.approx(figure.mean, abs=1e-9)
    assert means["REL"].std(ddof=1) == pytest.approx(figure.sd, abs=1e-9)


def test_a_respondent_must_answer_half_the_statements_to_count():
    """60 of 200 answered one REL statement only: they do not count in REL's score (n 140), their answers still
    count for that statement, and the warning says how many were left out."""
    full = full_answers(seed=8)
    for item in REL[1:]:
        full[item][:60] = np.nan
    dataset = Dataset.from_file("survey.csv", survey(full))
    analysis = analyze(dataset, Settings())
    assert analysis.tactic("REL").n == 140
    assert analysis.tactic("TRU").n == 200
    statements = item_scores(dataset, "REL", Settings()).set_index("item")
    assert statements.loc[REL[0], "item_n"] == 200
    assert any(w.startswith("REL: 60 respondents answered fewer than 3 of its 5 statements") for w in analysis.warnings)
    expected = np.mean([np.mean([full[i][r] for i in REL]) for r in range(60, 200)])  # the 140 answered all five
    assert analysis.tactic("REL").score == pytest.approx(expected, abs=0.005)


def test_random_scattered_blanks_raise_no_warning_about_one_statement():
    full = full_answers(seed=9)
    rng = np.random.default_rng(2)
    for item in ITEMS:
        full[item.id][rng.random(200) < 0.03] = np.nan
    warnings = analyze(Dataset.from_file("survey.csv", survey(full)), Settings()).warnings
    assert not [w for w in warnings if "skipping differs" in w], warnings


@pytest.mark.parametrize("statements, needed", [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3)])
def test_min_answers_is_half_rounded_up(statements, needed):
    assert min_answers(statements) == needed


rows = st.lists(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=5, max_size=5), min_size=2, max_size=30).filter(
    lambda r: any(v is not None for row in r for v in row)
)


@given(rows)
def test_whoever_answered_everything_keeps_their_plain_mean(data):
    matrix = np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)
    means = item_means(matrix)
    adjusted = adjusted_means(matrix, means)
    asked = ~np.isnan(means)
    for row, value in zip(matrix[:, asked], adjusted, strict=True):
        answered = ~np.isnan(row)
        if answered.all():
            assert value == pytest.approx(row.mean(), abs=1e-9)
        elif answered.sum() < min_answers(int(asked.sum())):
            assert np.isnan(value)
        else:  # skipped statements filled with their mean plus the person's mean distance, kept on 1-5
            distance = (row[answered] - means[asked][answered]).mean()
            filled = np.where(answered, row, np.clip(means[asked] + distance, 1, 5))
            assert value == pytest.approx(filled.mean(), abs=1e-9)
            assert 1 <= value <= 5
