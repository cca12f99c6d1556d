"""Scoring worked out by hand on a tiny survey, checked against alignment.analysis.

The fixture has 8 respondents (4 IT, 4 Business) in three departments and two periods.
Answers mix agreement labels and numbers; REL-5 and TRU-4 are reverse-coded (6 - x);
"N/A", "Don't know" and blanks are no answer. Every expected number below is derived in
the comments, from the table, without running the code under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from alignment.analysis import analyze
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import disclosure
from alignment.errors import InputError
from alignment.figure import PROTECTS_SMALL_GROUP
from alignment.selection import Selection
from alignment.suppression import PRIMARY, Cell, suppress
from alignment.tables import department_scores, tactic_comments
from alignment.tactics import TACTIC_CODES, maturity

# Scores after reversal, per respondent (REL-5 and TRU-4 reversed):
#
#        fn  dept  period   REL-1 REL-2 REL-5->   | TRU-1 TRU-4->  | MET-1
#  R1    IT  A     2026-Q1  5     4     2 -> 4    | 4     N/A      | 3
#  R2    IT  A     2026-Q1  4     4     1 -> 5    | 5     2 -> 4   | 5
#  R3    IT  A     2026-Q2  3     4     3 -> 3    | 3     3 -> 3   | Don't know
#  R4    IT  A     2026-Q2  4     5     2 -> 4    | 4     4 -> 2   | 4
#  R5    Bus B     2026-Q1  2     2     4 -> 2    | 2     5 -> 1   | 3
#  R6    Bus B     2026-Q1  3     2     4 -> 2    | 3     4 -> 2   | (blank)
#  R7    Bus B     2026-Q2  3     3     3 -> 3    | 2     N/A      | 2
#  R8    Bus C     2026-Q2  1     2     5 -> 1    | 1     5 -> 1   | 1
SURVEY_CSV = """\
respondent_id,function,department,period,REL-1,REL-2,REL-5,REL-O,TRU-1,TRU-4,MET-1
R1,IT,A,2026-Q1,Strongly agree,4,Disagree,More joint planning please,4,N/A,3
R2,IT,A,2026-Q1,4,Agree,1,,Strongly agree,2,5
R3,IT,A,2026-Q2,3,4,3,,3,3,Don't know
R4,IT,A,2026-Q2,4,5,2,Our BRM is great,4,Agree,4
R5,Business,B,2026-Q1,2,Disagree,4,IT only shows up late,2,5,3
R6,Business,B,2026-Q1,3,2,Agree,N/A,3,4,
R7,Business,B,2026-Q2,Neither agree nor disagree,3,3,,2,N/A,2
R8,Business,C,2026-Q2,1,2,5,Nobody asks us anything,1,Strongly agree,1
"""

# 95 % t quantiles (two-sided), from tables: t(0.975, df)
T_DF7 = 2.364624
T_DF5 = 2.570582
T_DF3 = 3.182446


def _ci(means: list[float]) -> list[float]:
    """The documented 95 % interval: a t-interval (SciPy's t quantile) over the respondent means whose variance is
    at least 0.04 (m - 1)(5 - m), m the mean kept 0.5 / n inside the scale, then kept inside 1-5."""
    from scipy.stats import t as student_t

    data = np.array(means)
    n, centre = len(data), float(data.mean())
    m = min(max(centre, 1 + 0.5 / n), 5 - 0.5 / n)
    variance = max(data.var(ddof=1), 0.04 * (m - 1) * (5 - m))
    half = student_t.ppf(0.975, n - 1) * math.sqrt(variance / n)
    return [max(1.0, centre - half), min(5.0, centre + half)]


# REL respondent means: R1 (5+4+4)/3 = 13/3, R2 (4+4+5)/3 = 13/3, R3 (3+4+3)/3 = 10/3, R4 (4+5+4)/3 = 13/3,
#   R5 (2+2+2)/3 = 2, R6 (3+2+2)/3 = 7/3, R7 (3+3+3)/3 = 3, R8 (1+2+1)/3 = 4/3.
# score = (49/3 + 26/3) / 8 = 25/8 = 3.125; n = 8
# IT = (13+13+10+13)/3/4 = 49/12 = 4.083333; Business = (6+7+9+4)/3/4 = 26/12 = 2.166667; gap IT-Bus = 23/12 = 1.916667
# favourable: 4s and 5s among the 24 scored answers = 3 (R1) + 3 (R2) + 1 (R3) + 3 (R4) = 10 -> 10/24 = 41.7 %
# sd: thirds 13,13,10,13,6,7,9,4, mean 9.375, squared deviations sum 85.875 -> var = 85.875/7/9 = 1.363095, sd = 1.167517
# CI = 3.125 -+ 2.364624 * 1.167517 / sqrt(8) = 3.125 -+ 0.976068 -> [2.148932, 4.101068]
REL = {
    "score": 3.125,
    "n": 8,
    "it": 49 / 12,
    "business": 26 / 12,
    "perception_gap": 23 / 12,
    "favorable_pct": 41.7,
    "ci95": _ci([13 / 3, 13 / 3, 10 / 3, 13 / 3, 2, 7 / 3, 3, 4 / 3]),
}
# TRU has two statements, so one answer is enough to count (half of 2). Statement means over the file:
#   TRU-1 (4+5+3+4+2+3+2+1)/8 = 3; TRU-4 (after reversal) (4+3+2+1+2+1)/6 = 13/6.
# R1 answered only TRU-1 (4, one above its mean): TRU-4 counts as 13/6 + 1 = 19/6, mean (4 + 19/6)/2 = 43/12;
# R7 answered only TRU-1 (2, one below): TRU-4 counts as 13/6 - 1 = 7/6, mean (2 + 7/6)/2 = 19/12.
# The others answered both: R2 (5+4)/2 = 4.5, R3 (3+3)/2 = 3, R4 (4+2)/2 = 3, R5 (2+1)/2 = 1.5, R6 (3+2)/2 = 2.5,
#   R8 (1+1)/2 = 1.
# score = (43/12 + 19/12 + 15.5) / 8 = 31/12 = 2.583333; n = 8
# IT = (43/12 + 10.5)/4 = 169/48 = 3.520833; Business = (19/12 + 5)/4 = 79/48 = 1.645833; gap = 90/48 = 1.875
# favourable: R1 4; R2 5, 4; R4 4 -> 4 of 14 answers = 28.6 %
TRU = {
    "score": 31 / 12,
    "n": 8,
    "it": 169 / 48,
    "business": 79 / 48,
    "perception_gap": 1.875,
    "favorable_pct": 28.6,
    "ci95": _ci([43 / 12, 4.5, 3, 3, 1.5, 2.5, 19 / 12, 1]),
}
# MET: R3 "Don't know" and R6 blank are no answer -> counted R1 3, R2 5, R4 4, R5 3, R7 2, R8 1: n = 6
# score = 18/6 = 3.0; IT = (3+5+4)/3 = 4.0; Business = (3+2+1)/3 = 2.0; gap = 2.0; favourable 2 of 6 = 33.3 %
# sd: deviations 0 2 1 0 -1 -2, squares 10 -> var 10/5 = 2, sd = 1.414214; CI = 3 -+ 2.570582 * 1.414214 / sqrt(6)
MET = {
    "score": 3.0,
    "n": 6,
    "it": 4.0,
    "business": 2.0,
    "perception_gap": 2.0,
    "favorable_pct": 33.3,
    "ci95": _ci([3, 5, 4, 3, 2, 1]),
}
EXPECTED = {"REL": REL, "TRU": TRU, "MET": MET}
# alignment index over the three tactics with data: (2.125/4 + (31/12 - 1)/4 + 2/4) / 3 * 100
#   = (53.125 + 39.583333 + 50) / 3 = 47.569444; overall mean score (3.125 + 2.583333 + 3) / 3 = 2.902778 -> level 3
ALIGNMENT_INDEX = 47.569444


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.from_file("survey.csv", SURVEY_CSV.encode("utf-8"))


@pytest.fixture(scope="module")
def one_round() -> Dataset:
    """The same answers as one survey round: the all-periods numbers are the same, and no difference of two small
    groups of different rounds exists to hide (see test_two_rounds_hide_the_split_that_gives_a_difference)."""
    return Dataset.from_file("survey.csv", SURVEY_CSV.replace(",2026-Q2,", ",2026-Q1,").encode("utf-8"))


@pytest.fixture(scope="module")
def small_k() -> Settings:
    return Settings(min_group_size=3)


def test_fixture_loads_as_written(dataset: Dataset) -> None:
    assert dataset.report.rows_read == 8
    assert dataset.report.rows_kept == 8
    assert dataset.report.cell_issues == []
    assert dataset.periods() == ["2026-Q1", "2026-Q2"]


@pytest.mark.parametrize("code", ["REL", "TRU", "MET"])
def test_tactic_scores_by_hand(one_round: Dataset, small_k: Settings, code: str) -> None:
    result = analyze(one_round, small_k).tactic(code)
    want = EXPECTED[code]
    assert result.n == want["n"]
    assert result.score == pytest.approx(want["score"], abs=0.0051)
    assert result.ci95 == pytest.approx(want["ci95"], abs=0.0051)
    assert result.target == 4.0
    assert result.gap == pytest.approx(4.0 - want["score"], abs=0.0051)
    assert result.it_score == pytest.approx(want["it"], abs=0.0051)
    assert result.business_score == pytest.approx(want["business"], abs=0.0051)
    assert result.perception_gap == pytest.approx(want["perception_gap"], abs=0.0051)
    assert result.favorable_pct == pytest.approx(want["favorable_pct"], abs=0.5)
    assert result.maturity_level == 3  # 3.125, 2.583333 and 3.0 all fall in [2.5, 3.5)


def test_tactics_without_items_have_no_score(dataset: Dataset, small_k: Settings) -> None:
    analysis = analyze(dataset, small_k)
    assert [t.code for t in analysis.tactics] == list(TACTIC_CODES)
    for code in ("ROT", "ASM", "SRV"):
        result = analysis.tactic(code)
        assert (result.score, result.n, result.ci95, result.gap, result.favorable_pct) == (None, 0, None, None, None)


def test_alignment_index_and_maturity(one_round: Dataset, small_k: Settings) -> None:
    analysis = analyze(one_round, small_k)
    assert analysis.respondents == 8
    # the library states the index whole: 48.4375 -> 48
    assert analysis.alignment_index == pytest.approx(ALIGNMENT_INDEX, abs=0.5)
    assert analysis.maturity_level == 3
    assert analysis.maturity_name == "Established"
    assert analysis.split_note is None


def test_period_filter(dataset: Dataset, small_k: Settings) -> None:
    # 2026-Q1: R1, R2 (IT), R5, R6 (Business). REL = (13/3 + 13/3 + 2 + 7/3) / 4 = 13/4 = 3.25
    # TRU = (43/12 + 4.5 + 1.5 + 2.5) / 4 = 145/48 = 3.020833 (R1 adjusted as above: statement means are the
    # file's); MET = (3 + 5 + 3) / 3 = 11/3 (R6 blank)
    # each function has only 2 respondents in Q1, under k = 3: the IT/Business split is hidden
    analysis = analyze(dataset, small_k, Selection(period="2026-Q1"))
    assert analysis.respondents == 4
    assert analysis.tactic("REL").score == pytest.approx(3.25, abs=0.0051)
    assert analysis.tactic("TRU").score == pytest.approx(145 / 48, abs=0.0051)
    assert analysis.tactic("MET").score == pytest.approx(11 / 3, abs=0.0051)
    assert analysis.tactic("MET").n == 3
    assert analysis.tactic("REL").it_score is None
    assert analysis.tactic("REL").business_score is None
    assert analysis.tactic("REL").perception_gap is None
    assert analysis.split_note


def test_groups_under_k_are_hidden(dataset: Dataset) -> None:
    # k = 5: IT (4) and Business (4) are both under 5 -> no IT/Business split; the 8 overall still show
    analysis = analyze(dataset, Settings(min_group_size=5))
    assert analysis.split_note and "5" in analysis.split_note
    for code in ("REL", "TRU", "MET"):
        result = analysis.tactic(code)
        assert result.it_score is None
        assert result.business_score is None
        assert result.perception_gap is None
        assert result.score == pytest.approx(EXPECTED[code]["score"], abs=0.0051)


def test_selection_under_k_hides_everything(dataset: Dataset) -> None:
    # 2026-Q1 has 4 respondents, under k = 5: no tactic result at all
    analysis = analyze(dataset, Settings(min_group_size=5), Selection(period="2026-Q1"))
    assert analysis.respondents == 4
    assert all(
        t.score is None and t.n is None and t.it_score is None for t in analysis.tactics if t.code in {"REL", "TRU", "MET"}
    )
    assert all(t.hidden_reason == "hidden: fewer than 5 responses" for t in analysis.tactics if t.code in {"REL", "TRU", "MET"})
    assert analysis.alignment_index is None
    assert any("fewer than 5" in w for w in analysis.warnings)


def test_targets_change_the_gap(dataset: Dataset) -> None:
    settings = Settings(targets={"REL": 3.0, "TRU": 4.5}, min_group_size=3)
    analysis = analyze(dataset, settings)
    assert analysis.tactic("REL").target == 3.0
    assert analysis.tactic("REL").gap == pytest.approx(3.0 - 3.125, abs=0.0051)  # -0.125: above target
    assert analysis.tactic("TRU").gap == pytest.approx(4.5 - 31 / 12, abs=0.0051)  # 1.916667
    assert analysis.tactic("MET").gap == pytest.approx(4.0 - 3.0, abs=0.0051)  # default target 4.0
    assert analysis.tactic("REL").score == pytest.approx(3.125, abs=0.0051)  # the score itself does not move


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"min_group_size": 2}, ["privacy.min_group_size is 2", "from 3 to 50"]),
        ({"min_group_size": 0}, ["from 3 to 50"]),
        ({"targets": {"REL": 0.5}}, ["targets.REL is 0.5", "a score from 1 to 5"]),
        ({"targets": {"SRV": 5.5}}, ["targets.SRV is 5.5", "a score from 1 to 5"]),
        ({"targets": {"XYZ": 3.0}}, ["Unknown tactic", "XYZ"]),
    ],
)
def test_settings_reject_bad_values(kwargs: dict, words: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        Settings(**kwargs)
    for word in words:
        assert word in str(caught.value)


def test_settings_accept_edges() -> None:
    settings = Settings(targets={"REL": 1.0, "TRU": 5.0}, min_group_size=3)
    assert settings.targets["REL"] == 1.0
    assert settings.targets["TRU"] == 5.0
    assert settings.targets["MET"] == 4.0  # unspecified tactics keep the default
    assert settings.min_group_size == 3


@pytest.mark.parametrize(
    "score, level",
    [(None, None), (1.0, 1), (1.49, 1), (1.5, 2), (2.49, 2), (2.5, 3), (3.49, 3), (3.5, 4), (4.49, 4), (4.5, 5), (5.0, 5)],
)
def test_maturity_thresholds(score: float | None, level: int | None) -> None:
    result = maturity(score)
    assert (result[0] if result else None) == level


@pytest.mark.parametrize(
    "sizes, k, hidden",
    [
        ({"A": 10, "B": 12}, 5, set()),
        # A alone (2) could be recovered as total - B - C, so the smallest other group (B) is hidden too
        ({"A": 2, "B": 10, "C": 12}, 5, {"A", "B"}),
        # two small groups already hide 3 + 3 = 6 >= 5 together: nothing more to hide
        ({"A": 3, "B": 3, "C": 20}, 5, {"A", "B"}),
        # total - C would give A + B, two people together: C goes too
        ({"A": 1, "B": 1, "C": 30}, 5, {"A", "B", "C"}),
        ({"A": 4, "B": 9, "C": 6}, 5, {"A", "C"}),
        ({"A": 5, "B": 5}, 5, set()),
        # B and C are equally small; the one later in name order is hidden
        ({"A": 2, "B": 3, "C": 3}, 3, {"A", "C"}),
    ],
)
def test_secondary_suppression_of_one_breakdown(sizes: dict[str, int], k: int, hidden: set[str]) -> None:
    names = list(sizes)
    cells = [Cell("total", tuple(range(len(names))))] + [Cell(name, (i,)) for i, name in enumerate(names)]
    status = suppress(cells, np.array([sizes[name] for name in names]), k)
    assert {key for key, why in status.items() if why} == hidden
    assert {key for key, why in status.items() if why == PRIMARY} == {name for name, n in sizes.items() if n < k}


def test_department_scores_hide_small_departments(one_round: Dataset, small_k: Settings) -> None:
    # k = 3: C (1 respondent) is under 3; hiding it alone lets total - A - B reveal it, so B (3) is hidden too.
    grid = department_scores(one_round, small_k)
    assert set(grid["department"]) == {"A", "B", "C"}
    assert len(grid) == 3 * len(TACTIC_CODES)
    shown = grid[grid["score"].notna()].set_index("tactic")
    assert set(shown.index) == {"REL", "TRU", "MET"} and set(grid[grid["score"].notna()]["department"]) == {"A"}
    assert (grid.loc[grid["tactic"] == "ROT", "label"] == "no answers").all()
    # department A is the four IT respondents: REL 49/12, TRU 169/48 (as IT above), MET (3+5+4)/3
    assert shown.loc["REL", "score"] == round(49 / 12, 2)  # published as shown: 2 decimals
    assert shown.loc["TRU", "score"] == round(169 / 48, 2)
    assert shown.loc["MET", "score"] == pytest.approx(4.0, abs=1e-6)
    for department in ("B", "C"):
        rows = grid[grid["department"] == department]
        assert rows["department_hidden"].all()
        assert rows["score"].isna().all()
    # C (1 respondent) is under k; B (3 respondents) is hidden only so that C cannot be worked out by
    # subtraction, so its cells say so, except where B's own cell has fewer than k answers.
    labels = grid[grid["tactic"].isin(["REL", "TRU", "MET"])].set_index(["department", "tactic"])["label"]
    assert (labels.loc["C"] == "hidden: fewer than 3 responses").all()
    # B: REL and TRU have 3 respondents, MET 2 (R6 left it blank)
    assert labels.loc[("B", "MET")] == "hidden: fewer than 3 responses"
    assert labels.loc[("B", "REL")] == labels.loc[("B", "TRU")] == "hidden so that a small group cannot be worked out"
    assert grid.loc[grid["hidden"], "n"].isna().all()  # no respondent count for a hidden cell
    # k = 5: every department is under 5
    grid5 = department_scores(one_round, Settings(min_group_size=5))
    assert grid5["department_hidden"].all() and grid5["score"].isna().all()


def test_two_rounds_hide_the_split_that_gives_a_difference(dataset: Dataset, small_k: Settings) -> None:
    # Over the two rounds, IT (R1-R4, all in A) minus round 2026-Q1 (R1, R2, R5, R6) is R3 + R4 - R5 - R6: the
    # difference of two groups of 2, both under k = 3 (REL: (10 + 13 - 6 - 7) / 3 = 10/3 in sums of means). With
    # answers bounded to 1-5 such a difference near its extreme pins both groups, and a member of one side learns
    # the other. The rounds are larger groups, so they are published and the IT/Business split (and department A,
    # the same people as IT) is hidden instead.
    analysis = analyze(dataset, small_k)
    assert [t.score for t in analysis.tactics[:3]] == [round(EXPECTED[c]["score"], 2) for c in ("REL", "TRU", "MET")]
    assert all(t.it_score is None and t.business_score is None for t in analysis.tactics)
    assert analysis.split_note
    assert analyze(dataset, small_k, Selection(period="2026-Q1")).tactic("REL").score == pytest.approx(3.25, abs=0.0051)
    grid = department_scores(dataset, small_k)
    assert grid["score"].isna().all()


def test_department_scores_for_a_period(dataset: Dataset, small_k: Settings) -> None:
    # 2026-Q1: A has R1, R2 (2), B has R5, R6 (2): both under 3, nothing shows
    grid = department_scores(dataset, small_k, Selection(period="2026-Q1"))
    assert set(grid["department"]) == {"A", "B"}
    assert grid["score"].isna().all()


def test_tactic_comments_hide_small_departments(dataset: Dataset, small_k: Settings) -> None:
    # REL-O comments: R1 (2026-Q1, IT, A), R4 (2026-Q2, IT, A), R5 (2026-Q1, Business, B), R8 (2026-Q2, Business, C).
    # Each writer's group (period x function x department) has at most 2 people, under k = 3: were R1's comment
    # shown under A in the all-periods view and under 2026-Q1, the two views would narrow it to R1 and R2.
    # R6's "N/A" is not a comment.
    shown, hidden = tactic_comments(dataset, "REL", small_k)
    assert shown.empty and hidden

    # One period instead of two: A's IT group has 4 people, so its comments show; C (R8 alone) stays hidden, and B's
    # Business group of 3 with it (else Business less B is C): B's comment is not listed either, since with the
    # Business share who commented it would tell whether R8 did.
    merged = Dataset.from_file("survey.csv", SURVEY_CSV.replace(",2026-Q2,", ",2026-Q1,").encode("utf-8"))
    assert disclosure(merged, small_k.min_group_size).respondents(Selection(department="B")).reason == PROTECTS_SMALL_GROUP
    shown, hidden = tactic_comments(merged, "REL", small_k)
    assert sorted(shown["text"]) == ["More joint planning please", "Our BRM is great"]
    assert set(shown["department"]) == {"A"} and hidden
    assert list(shown.columns) == ["department", "text"]  # no function or period beside a comment

    none_shown, none_hidden = tactic_comments(dataset, "TRU", small_k)
    assert none_shown.empty and not none_hidden


# Respondents without a valid function count in the overall score but in neither side of the split.
#   IT: i1 5, i2 4, i3 3 -> IT mean 12/3 = 4.0;  Business: b1 2, b2 2, b3 3 -> 7/3
#   "Finance" (not a function): u1 1, u2 1, u3 1; c1 (IT) left only a comment: a respondent, but not in REL's n
#   all nine: (12 + 7 + 3) / 9 = 22/9 = 2.444444; perception gap 4 - 7/3 = 5/3
FUNCTIONS_CSV = """\
respondent_id,function,REL-1,REL-O
i1,IT,5,
i2,IT,4,
i3,IT,3,
b1,Business,2,
b2,Business,2,
b3,Business,3,
u1,,1,
u2,,1,
u3,,1,
c1,IT,,Only a comment
"""


def test_respondents_without_function_stay_out_of_the_split() -> None:
    dataset = Dataset.from_file("functions.csv", FUNCTIONS_CSV.encode())
    assert len(dataset.report.cell_issues) == 3  # the three blank function cells
    analysis = analyze(dataset, Settings(min_group_size=3))
    rel = analysis.tactic("REL")
    assert analysis.respondents == 10
    assert rel.n == 9
    assert rel.score == pytest.approx(22 / 9, abs=0.0051)
    assert rel.it_score == pytest.approx(4.0, abs=0.0051)
    assert rel.business_score == pytest.approx(7 / 3, abs=0.0051)
    assert rel.perception_gap == pytest.approx(5 / 3, abs=0.0051)
    assert analysis.split_note is None


def test_small_unknown_function_group_hides_one_side_of_the_split() -> None:
    # only u1 lacks a function: IT 4 (i1-i3, c1), Business 3, unknown 1 with k = 3.
    # Showing IT and Business would reveal u1 as total - IT - Business, so one side is hidden (REL: IT 3 and
    # Business 3, as c1 answered no REL item).
    text = "\n".join(line for line in FUNCTIONS_CSV.splitlines() if not line.startswith(("u2", "u3"))) + "\n"
    analysis = analyze(Dataset.from_file("functions.csv", text.encode()), Settings(min_group_size=3))
    rel = analysis.tactic("REL")
    assert rel.score == pytest.approx((12 + 7 + 1) / 7, abs=0.0051)
    assert (rel.business_score is None) != (rel.it_score is None)
    assert rel.perception_gap is None
    assert rel.split_reason == "hidden so that a small group cannot be worked out"
    assert analysis.split_note and "without a valid function" in analysis.split_note
