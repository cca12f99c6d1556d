"""Trends over survey periods: per-period scores, which changes are larger than the noise, hidden periods, the
scorecards' change from the previous period, and the Trends page (AppTest)."""

from __future__ import annotations

import json
from pathlib import Path

import by_hand
import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats
from streamlit.testing.v1 import AppTest

from alignment import charts
from alignment import trends as trends_module
from alignment.analysis import selectable_periods
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import breakdowns
from alignment.items import LIKERT_ITEMS
from alignment.selection import Selection
from alignment.tactics import TACTIC_CODES
from alignment.trends import change_from_previous, period_changes, previous_period, trends

ROOT = Path(__file__).resolve().parent.parent
ITEMS = [item for item in LIKERT_ITEMS if item.tactic in TACTIC_CODES]
K5 = Settings()


def answers(period: str, respondents: int, centre: float, seed: int, start: int = 0) -> pd.DataFrame:
    """Raw answers 1-5 scattered around `centre` (after reverse-coding), a few left blank; half IT, half Business,
    in two departments per function."""
    rng = np.random.default_rng(seed)
    rows = []
    for index in range(respondents):
        function = "IT" if index % 2 else "Business"
        row = {
            "respondent_id": f"{period}-{start + index}",
            "period": period,
            "function": function,
            "department": f"{function} {'A' if index % 4 < 2 else 'B'}",
        }
        for item in ITEMS:
            if rng.random() < 0.05:
                row[item.id] = ""
                continue
            scored = int(np.clip(np.rint(rng.normal(centre, 0.9)), 1, 5))
            row[item.id] = 6 - scored if item.reverse else scored
        rows.append(row)
    return pd.DataFrame(rows)


def load(frame: pd.DataFrame) -> Dataset:
    return Dataset.from_file("survey.csv", frame.to_csv(index=False).encode())


def _scored(frame: pd.DataFrame) -> pd.DataFrame:
    scored = frame.copy()
    for item in ITEMS:
        values = pd.to_numeric(scored[item.id], errors="coerce")
        scored[item.id] = 6 - values if item.reverse else values
    return scored


def expected_scores(frame: pd.DataFrame, rows: pd.Series | None = None, counts: bool = False) -> dict[tuple[str, str], float]:
    """Independently: per period and tactic, the mean of respondents' tactic means (by_hand.tactic_means, over the
    whole file), of the rows chosen (all by default); or how many respondents count, with `counts`."""
    scored = _scored(frame)
    result = {}
    for code in TACTIC_CODES:
        means = by_hand.tactic_means(scored, [item.id for item in ITEMS if item.tactic == code])
        if rows is not None:
            means = means[rows]
        for period, group in means.groupby(scored.loc[means.index, "period"]):
            result[(period, code)] = int(group.notna().sum()) if counts else float(group.dropna().mean())
    return result


def respondent_means(frame: pd.DataFrame, period: str, code: str) -> np.ndarray:
    means = by_hand.tactic_means(_scored(frame), [item.id for item in ITEMS if item.tactic == code])
    return means[frame["period"] == period].dropna().to_numpy()


@pytest.fixture(scope="module")
def three_periods() -> pd.DataFrame:
    """Waves 9, 10 and 11: as text, 'Wave 10' < 'Wave 11' < 'Wave 9'. A big rise from wave 9 to wave 10 (centre
    2.2 to 3.8); wave 11 is wave 10's distribution again, with another seed (pure noise)."""
    return pd.concat(
        [
            answers("Wave 10", 60, 3.8, seed=2),
            answers("Wave 9", 60, 2.2, seed=1),
            answers("Wave 11", 60, 3.8, seed=3),
        ],
        ignore_index=True,
    )


@pytest.fixture(scope="module")
def three_period_data(three_periods) -> Dataset:
    return load(three_periods)


def test_periods_are_in_date_order_and_scores_equal_the_mean_of_respondent_means(three_periods, three_period_data):
    result = trends(three_period_data, K5)
    assert three_period_data.periods() == ["Wave 9", "Wave 10", "Wave 11"]  # the dataset lists them as Trends does
    assert result.periods == ["Wave 9", "Wave 10", "Wave 11"]
    assert "ordered as text (numbers by value)" in result.order_note
    assert result.enough_periods and result.message is None
    expected = expected_scores(three_periods)
    assert len(result.scores) == 3 * 6
    for row in result.scores.itertuples():
        assert row.score == pytest.approx(expected[(row.period, row.code)], abs=0.005), (row.period, row.code)
        assert row.n == expected_scores(three_periods, counts=True)[(row.period, row.code)] >= 59
        assert row.ci_low < row.score < row.ci_high
    index = result.index.set_index("period")["alignment_index"]
    for period in result.periods:
        by_hand = np.mean([(expected[(period, code)] - 1) / 4 * 100 for code in TACTIC_CODES])
        assert index[period] == pytest.approx(round(by_hand), abs=1)


def test_a_large_real_change_is_flagged_and_pure_noise_is_not(three_periods, three_period_data):
    changes = trends(three_period_data, K5).changes.set_index(["period", "code"])
    for code in TACTIC_CODES:
        rise = changes.loc[("Wave 10", code)]
        assert rise["previous"] == "Wave 9"
        assert rise["verdict"] == "rise", rise["phrase"]
        assert rise["phrase"].startswith("a real rise of +")
        assert rise["difference"] > 1
        noise = changes.loc[("Wave 11", code)]
        assert noise["verdict"] == "no change", noise["phrase"]
        assert noise["phrase"].startswith("no change beyond the noise")
    # the p-values: Welch's test of respondent means (by hand from scipy), Holm by hand across everything the page
    # compares: both consecutive pairs and the first against the latest, 18 tests
    pairs = (("Wave 10", "Wave 9"), ("Wave 11", "Wave 10"), ("Wave 11", "Wave 9"))
    raw = [
        by_hand.welch_p(respondent_means(three_periods, period, code), respondent_means(three_periods, previous, code))
        for period, previous in pairs
        for code in TACTIC_CODES
    ]
    adjusted = by_hand.holm(raw)
    for i, code in enumerate(TACTIC_CODES):
        for j, (period, _) in enumerate(pairs[:2]):
            assert changes.loc[(period, code), "p"] == pytest.approx(raw[6 * j + i], rel=1e-6, abs=1e-12)
            assert changes.loc[(period, code), "p_adjusted"] == pytest.approx(adjusted[6 * j + i], rel=1e-6, abs=1e-12)
    span = period_changes(three_period_data, K5, Selection("Wave 11"), "Wave 9")
    for i, code in enumerate(TACTIC_CODES):
        assert span[code].p_adjusted == pytest.approx(adjusted[12 + i], rel=1e-6, abs=1e-12)


def test_change_from_previous_for_the_scorecards(three_period_data):
    assert change_from_previous(three_period_data, K5, Selection(None)) == {}
    assert change_from_previous(three_period_data, K5, Selection("Wave 9")) == {}
    assert previous_period(three_period_data, K5, Selection("Wave 10")) == "Wave 9"
    result = trends(three_period_data, K5).scores.set_index(["period", "code"])["score"]
    changes = change_from_previous(three_period_data, K5, Selection("Wave 10"))
    assert set(changes) == set(TACTIC_CODES)
    for code, change in changes.items():
        shown = round(result[("Wave 10", code)] - result[("Wave 9", code)], 2)
        assert change.difference == pytest.approx(shown)
        assert change.delta_text == f"{shown:+.2f} vs Wave 9"
        assert change.is_real
    assert not any(c.is_real for c in change_from_previous(three_period_data, K5, Selection("Wave 11")).values())


def test_a_department_or_function_filter_gives_that_selections_trend(three_periods, three_period_data):
    for department, function in (("Business A", None), (None, "IT"), ("IT B", "IT")):
        chosen = pd.Series(True, index=three_periods.index)
        if department:
            chosen &= three_periods["department"] == department
        if function:
            chosen &= three_periods["function"] == function
        rows = three_periods[chosen]
        expected = expected_scores(three_periods, chosen)
        result = trends(three_period_data, K5, Selection(None, department, function))
        assert result.periods == ["Wave 9", "Wave 10", "Wave 11"]
        assert result.selection == Selection(None, department, function)
        for row in result.scores.itertuples():
            assert row.score == pytest.approx(expected[(row.period, row.code)], abs=0.005), (department, function, row)
            assert row.n == expected_scores(three_periods, chosen, counts=True)[(row.period, row.code)]
            assert row.n >= len(rows[rows["period"] == row.period]) - 1
        changes = change_from_previous(three_period_data, K5, Selection("Wave 10", department, function))
        for code, change in changes.items():
            shown = result.scores.set_index(["period", "code"])["score"]
            assert change.difference == pytest.approx(round(shown[("Wave 10", code)] - shown[("Wave 9", code)], 2))
        whole = change_from_previous(three_period_data, K5, Selection("Wave 10"))
        assert any(changes[c].difference != whole[c].difference for c in TACTIC_CODES)


def test_hidden_periods_and_cells_are_absent():
    frame = pd.concat(
        [
            answers("2026-Q1", 40, 3.0, seed=4),
            answers("2026-Q2", 40, 3.0, seed=5),
            answers("2026-Q3", 2, 3.0, seed=6),  # a two-person wave: never shown
            answers("2026-Q4", 8, 3.0, seed=11),  # hidden too, else all periods minus the others would give 2026-Q3
        ],
        ignore_index=True,
    )
    # in 2026-Q2 only three people answered ROT: that cell is hidden, the period itself is shown
    rot = [item.id for item in ITEMS if item.tactic == "ROT"]
    q2 = frame.index[frame["period"] == "2026-Q2"]
    frame.loc[q2[3:], rot] = ""
    data = load(frame)
    shown = selectable_periods(data, K5)
    assert shown == ["2026-Q1", "2026-Q2"]
    result = trends(data, K5)
    assert result.periods == shown
    everywhere = set(result.scores["period"]) | set(result.changes["period"]) | set(result.index["period"])
    assert everywhere == set(shown)
    assert result.hidden_periods == ["2026-Q3", "2026-Q4"]
    cell = result.scores.set_index(["period", "code"]).loc[("2026-Q2", "ROT")]
    assert pd.isna(cell["score"]) and pd.isna(cell["n"]) and pd.isna(cell["ci_low"])
    assert cell["hidden_reason"].startswith("hidden")
    audit = {
        (b["tactic"], b["period"]): b
        for b in breakdowns(data, K5)
        if b["measure"] == "tactic" and b["function"] is None and b["department"] is None
    }
    assert audit[("ROT", "2026-Q2")]["hidden"] and audit[("ROT", "2026-Q2")]["reason"] == cell["hidden_reason"]
    change = result.changes.set_index(["period", "code"]).loc[("2026-Q2", "ROT")]
    assert change["verdict"] == "not compared" and pd.isna(change["difference"])
    assert "2026-Q2 is hidden" in change["phrase"]
    # the chart of that tactic carries the reason and no number for the hidden period
    frame_rot = result.tactic("ROT")
    spec = charts.tactic_trend_chart(frame_rot, result.periods, [1.0, 5.0]).to_dict()
    rows = [row for dataset in spec["datasets"].values() for row in dataset if row.get("period") == "2026-Q2"]
    assert rows and all(row.get("score") is None and row.get("n") is None for row in rows)
    assert "hidden" in json.dumps(rows)


def test_every_score_the_trends_show_is_a_published_cell(three_period_data):
    # the audit list (the CLI's breakdowns) has every number of every trend view, and their hidden cells hidden
    cells = {
        (b["tactic"], b["period"], b["function"], b["department"]): b
        for b in breakdowns(three_period_data, K5)
        if b["measure"] == "tactic"
    }
    for department, function in ((None, None), ("Business A", None), (None, "IT"), ("IT B", "IT")):
        for row in trends(three_period_data, K5, Selection(None, department, function)).scores.itertuples():
            cell = cells[(row.code, row.period, function, department)]
            if pd.isna(row.score):
                assert cell["hidden"]
            else:
                assert not cell["hidden"] and cell["n"] == row.n
                assert cell["score"] == pytest.approx(row.score, abs=0.0051)


def test_one_period_gives_a_message_not_a_chart():
    data = load(answers("2026-Q1", 30, 3.0, seed=7))
    result = trends(data, K5)
    assert not result.enough_periods
    assert result.message.startswith("Trends need at least two survey periods")
    assert "2026-Q1" in result.message
    assert change_from_previous(data, K5, Selection("2026-Q1")) == {}

    # a department filter leaving one period says so, and how to see more
    frame = pd.concat([answers("2026-Q1", 40, 3.0, seed=13), answers("2026-Q2", 40, 3.0, seed=14)], ignore_index=True)
    frame.loc[(frame["period"] == "2026-Q2") & (frame["department"] == "Business A"), "department"] = "Business B"
    narrowed = trends(load(frame), K5, Selection(department="Business A"))
    assert narrowed.periods == ["2026-Q1"]
    assert "This selection (department Business A) has one: 2026-Q1." in narrowed.message
    assert "Clear the department or function filter" in narrowed.message


# ------------------------------------------------------------------------------ the page


def start() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception
    return at


def upload(at: AppTest, frame: pd.DataFrame) -> None:
    at.file_uploader[0].set_value(("survey.csv", frame.to_csv(index=False).encode(), "text/csv")).run()
    assert not at.exception


def charts_on(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def test_the_trends_page_renders_with_two_periods_and_the_scorecards_show_the_change():
    frame = pd.concat([answers("2026-Q1", 40, 2.2, seed=8), answers("2026-Q2", 40, 3.8, seed=9)], ignore_index=True)
    at = start()
    upload(at, frame)
    at.switch_page("pages/trends.py").run()
    assert not at.exception
    assert len(charts_on(at)) == 1 + 6 + 0  # the index and six tactics; no WorkItems, so no proactive chart
    text = " ".join(m.value for m in at.markdown)
    assert "rose by" in text and "a real rise of +" in text
    assert any("Welch" in c.value and "Holm" in c.value for c in at.caption)
    assert any("No WorkItems table" in i.value for i in at.info)
    next(box for box in at.sidebar.selectbox if box.label == "Department").select("Business A").run()
    assert not at.exception
    assert any("department Business A" in c.value for c in at.caption)
    expected = trends(load(frame), K5, Selection(department="Business A")).scores
    shown = " ".join(m.value for m in at.markdown)
    first_change = expected[expected["code"] == "REL"]["score"].tolist()
    assert f"{first_change[1] - first_change[0]:+.2f}" in shown  # the REL change line is the department's
    next(box for box in at.sidebar.selectbox if box.label == "Department").select("All departments").run()
    at.switch_page("pages/overview.py").run()
    at.sidebar.selectbox[0].select("2026-Q2").run()
    assert not at.exception
    scores = [m for m in at.metric if m.label == "Score"]
    assert len(scores) == 6
    assert all(m.proto.delta.startswith("+") and m.proto.delta.endswith("vs 2026-Q1 · a real rise") for m in scores)
    assert all("a real rise" in m.help for m in scores)


def test_the_trends_page_says_so_with_one_period():
    at = start()
    upload(at, answers("2026-Q1", 30, 3.0, seed=10))
    at.switch_page("pages/trends.py").run()
    assert not at.exception
    assert any(i.value.startswith("Trends need at least two survey periods") for i in at.info)
    assert not charts_on(at)


def test_the_sample_data_shows_its_four_quarters_and_proactive_share():
    at = start()
    at.switch_page("pages/trends.py").run()
    assert not at.exception
    assert len(charts_on(at)) == 1 + 6 + 1
    assert any("4 survey periods (2025-Q4 to 2026-Q3)" in c.value for c in at.caption)
    assert any("n = work items" in c.value for c in at.caption)


def _font_sizes(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("ontSize"):
                yield value
            yield from _font_sizes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _font_sizes(value)


def test_the_trend_charts_are_readable_on_a_projector(three_period_data):
    result = trends(three_period_data, K5)
    domain = charts.score_domain(result.scores, [4.0])
    specs = [
        charts.tactic_trend_chart(result.tactic("REL"), result.periods, domain).to_dict(),
        charts.index_trend_chart(result.index, result.periods, 75).to_dict(),
    ]
    for spec in specs:
        assert spec["config"]["axis"]["labelFontSize"] >= 14 and spec["config"]["text"]["fontSize"] >= 14
        assert min(_font_sizes(spec)) >= 14
        assert len(json.dumps(spec["datasets"])) < 20_000  # aggregates, never rows
    assert domain[0] >= 1 and domain[1] <= 5 and domain[0] <= result.scores["ci_low"].min()


def panel_answers(seed: int, rise: float, people: int = 30) -> pd.DataFrame:
    """The same people (ids P0 ...) in 2026-Q1 and 2026-Q2, each answering around their own level; in 2026-Q2
    everyone's level is `rise` higher."""
    rng = np.random.default_rng(seed)
    levels = rng.normal(3.2, 0.6, people)
    rows = []
    for period, shift in (("2026-Q1", 0.0), ("2026-Q2", rise)):
        for index, level in enumerate(levels):
            function = "IT" if index % 2 else "Business"
            row = {"respondent_id": f"P{index}", "period": period, "function": function, "department": f"{function} A"}
            for item in ITEMS:
                scored = int(np.clip(np.rint(rng.normal(level + shift, 0.8)), 1, 5))
                row[item.id] = 6 - scored if item.reverse else scored
            rows.append(row)
    return pd.DataFrame(rows)


def test_a_panel_is_tested_with_a_paired_test_and_says_so():
    """30 people answer twice with a true rise of +0.3: the pair of periods is a panel, each tactic's change is a
    paired t-test on the 30 people's changes (scipy's ttest_rel on respondent means, Holm by hand), named in the
    phrase and the method; the paired test flags more tactics than Welch's test of the same answers."""
    frame = panel_answers(seed=7, rise=0.3)
    result = trends(load(frame), K5)
    changes = result.changes.set_index("code")
    assert "paired t-test" in result.method
    pairs, welch_p = [], []
    for code in TACTIC_CODES:
        before = respondent_means(frame, "2026-Q1", code)
        now = respondent_means(frame, "2026-Q2", code)
        pairs.append(scipy_stats.ttest_rel(now, before).pvalue)
        welch_p.append(by_hand.welch_p(now, before))
    for code, p, p_adjusted in zip(TACTIC_CODES, pairs, by_hand.holm(pairs), strict=True):
        row = changes.loc[code]
        assert row["test"] == "paired t-test"
        assert row["p"] == pytest.approx(p, rel=1e-6, abs=1e-12)
        assert row["p_adjusted"] == pytest.approx(p_adjusted, rel=1e-6, abs=1e-12)
        assert "paired t-test on the people who answered both" in row["phrase"]
        assert "30" not in row["phrase"]  # how many came back is not said: it counts hidden groups' members too
    # how many came back is kept nowhere (it counts hidden groups' members): not a column a view could show
    assert "pairs" not in result.changes.columns
    flagged = int((changes["verdict"] == "rise").sum())
    welch_flagged = sum(p < 0.05 for p in by_hand.holm(welch_p))
    assert flagged >= 4 and flagged > welch_flagged, (flagged, welch_flagged)


def test_different_people_are_tested_with_welch():
    changes = trends(
        load(answers("2026-Q1", 30, 3.0, seed=1).pipe(lambda f: pd.concat([f, answers("2026-Q2", 30, 3.0, seed=2)]))), K5
    ).changes
    assert set(changes["test"]) == {"Welch's t-test"}
    assert all("Welch's t-test" in phrase for phrase in changes["phrase"])


def test_the_json_trends_are_the_pages_decisions(three_period_data):
    """`analyze --json`'s "trends": per tactic and pair of consecutive periods, the Trends page's own change."""
    from alignment.trends import trends_json

    rows = trends_json(trends(three_period_data, K5))
    changes = trends(three_period_data, K5).changes.set_index(["period", "code"])
    assert len(rows) == 2 * 6
    keys = {"tactic", "from", "to", "difference", "test", "p_adjusted", "verdict", "reason"}
    for row in rows:
        assert set(row) == keys
        page = changes.loc[(row["to"], row["tactic"])]
        assert (row["from"], row["verdict"], row["difference"]) == (page["previous"], page["verdict"], page["difference"])
        assert row["p_adjusted"] == pytest.approx(page["p_adjusted"], rel=1e-3)
        assert row["test"] == "Welch's t-test" and row["reason"] is None
    assert {(r["to"], r["verdict"]) for r in rows} == {("Wave 10", "rise"), ("Wave 11", "no change")}


def test_a_tactic_hidden_in_a_period_carries_its_reason_and_no_numbers_in_the_json():
    from alignment.trends import trends_json

    later = answers("2026-Q2", 40, 3.0, seed=13)
    for item in ITEMS:
        if item.tactic == "TRU":
            later[item.id] = later[item.id].astype(object)  # a blank cell is text, as a file gives it
            later.loc[4:, item.id] = ""  # only 4 people answered TRU in 2026-Q2
    rows = trends_json(trends(load(pd.concat([answers("2026-Q1", 40, 3.0, seed=12), later], ignore_index=True)), K5))
    hidden = next(r for r in rows if r["tactic"] == "TRU")
    assert hidden["verdict"] == "not compared"
    assert hidden["difference"] is None and hidden["p_adjusted"] is None and hidden["test"] is None
    assert "hidden" in hidden["reason"] and "2026-Q2" in hidden["reason"]
    assert all(r["difference"] is not None for r in rows if r["tactic"] != "TRU")


def overlapping_rounds(shared: int, people: int = 30, seed: int = 3) -> pd.DataFrame:
    """Two rounds of `people` each in which the first `shared` ids of 2026-Q2 are people who also answered 2026-Q1."""
    first = panel_answers(seed, rise=0.2, people=people)
    later = first["period"] == "2026-Q2"
    first.loc[later, "respondent_id"] = [f"P{i}" if i < shared else f"New{i}" for i in range(people)]
    return first


@pytest.mark.parametrize("shared", [0, 1, 4, 5, 14, 15, 30])
def test_shared_ids_count_the_people_in_both_rounds(shared):
    frame = overlapping_rounds(shared)
    ids = {p: set(frame.loc[frame["period"] == p, "respondent_id"]) for p in ("2026-Q1", "2026-Q2")}
    expected = len(ids["2026-Q1"] & ids["2026-Q2"])
    assert expected == shared
    found = trends_module.shared_ids(load(frame))
    assert found == ({("2026-Q1", "2026-Q2"): shared, ("2026-Q2", "2026-Q1"): shared} if shared else {})


@pytest.mark.parametrize("shared", [0, 4, 5, 14, 15, 30])
def test_the_quick_look_at_shared_ids_never_changes_a_decision(shared, monkeypatch):
    """Below panel_ids' minimum the respondents' own means are not read; every change is decided as when they are."""
    frame = overlapping_rounds(shared)
    quick = trends(load(frame), K5).changes
    monkeypatch.setattr(trends_module, "_may_be_panel", lambda *args: True)
    full = trends(load(frame), K5).changes
    pd.testing.assert_frame_equal(quick, full)
    assert set(quick["test"]) == ({"paired t-test"} if shared >= 15 else {"Welch's t-test"})
