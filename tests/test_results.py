"""One selection, one set of results: the headline says where to start, each tactic's gap level agrees with its
score check, and the CLI, the exports and the findings' order tell the same story."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from alignment.__main__ import main
from alignment.analysis import Analysis, TacticResult
from alignment.checks import run_checks
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.export import build_report
from alignment.gap_levels import BY_KEY, FAR, SHORT
from alignment.items import LIKERT_ITEMS
from alignment.results import decide_headline, results
from alignment.selection import Selection

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "alignment_sample.xlsx"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())


def survey(means: dict[str, float], n: int = 40, seed: int = 7) -> tuple[bytes, dict[str, float]]:
    """A survey whose respondents answer every statement of a tactic alike, around the tactic's mean (±1); and
    each tactic's score computed here: the mean of the respondents' tactic means."""
    rng = random.Random(seed)
    rows, totals = [], dict.fromkeys(means, 0.0)
    for index in range(n):
        row = {"respondent_id": f"r{index}", "function": "IT" if index % 3 == 0 else "Business"}
        for code, mean in means.items():
            answer = min(5, max(1, round(mean + rng.choice((-1, 0, 0, 1)))))
            totals[code] += answer
            for item in (i for i in LIKERT_ITEMS if i.tactic == code):
                row[item.id] = 6 - answer if item.reverse else answer
        rows.append(row)
    headers = ["respondent_id", "function", *(i.id for i in LIKERT_ITEMS)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, headers)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(), {code: total / n for code, total in totals.items()}


def test_one_clearly_weakest_tactic_leads_the_headline() -> None:
    data, scores = survey({"REL": 4.4, "TRU": 3.5, "MET": 4.2, "ROT": 1.8, "ASM": 4.1, "SRV": 4.6})
    bundle = results(Dataset.from_files([("survey.csv", data)]))
    weakest = min(scores, key=scores.get)
    assert weakest == "ROT" and bundle.headline.focus[0] == "ROT"
    rot = bundle.analysis.tactic("ROT")
    assert rot.score == pytest.approx(scores["ROT"], abs=0.005)
    assert bundle.headline.sentence.startswith(f"Rotation between IT and the business is furthest from target: {rot.score:.2f}")
    assert "First step: start a shadowing programme in both directions" in bundle.headline.sentence
    assert bundle.tactics_in_headline_order()[0].code == "ROT"
    assert bundle.top_findings()[0].tactic == "ROT"
    assert set(bundle.headline.strengths) >= {"SRV"} and "ROT" not in bundle.headline.strengths


def _result(code: str, gap: float, level: str) -> TacticResult:
    return TacticResult(code, code, 4.0 - gap, [3.9 - gap, 4.1 - gap], 4.0, gap, None, None, None, 50, 30.0, gap_level=level)


def _analysis(tactics: list[TacticResult]) -> Analysis:
    return Analysis("s", Selection(), 50, [], None, None, None, tactics, {}, 5)


def test_importance_breaks_ties_but_never_buries_a_clear_shortfall() -> None:
    tactics = [_result("REL", 0.8, "far"), _result("TRU", 1.2, "far"), _result("MET", 0.1, "close")]
    levels = {t.code: BY_KEY[t.gap_level] for t in tactics}
    asked: list[bool] = []

    def importance() -> dict[str, float]:
        asked.append(True)
        return {"REL": 0.9, "TRU": 0.1}

    headline = decide_headline(_analysis(tactics), levels, importance)
    assert headline.focus == ["TRU", "REL"] and not asked  # no tie: importance is not even asked
    tied = [_result("REL", 0.8, "far"), _result("TRU", 0.8, "far")]
    headline = decide_headline(_analysis(tied), {t.code: FAR for t in tied}, importance)
    assert headline.focus == ["REL", "TRU"] and asked  # a tie to two decimals: the more important first


def test_a_shortfall_the_data_cannot_confirm_is_not_a_focus() -> None:
    tactics = [_result("REL", 0.6, "uncertain"), _result("TRU", 0.1, "met")]
    headline = decide_headline(_analysis(tactics), {t.code: BY_KEY[t.gap_level] for t in tactics})
    assert headline.focus == [] and "may be short, but the data cannot tell yet" in headline.sentence


def test_on_the_sample_headline_cards_and_top_findings_agree(sample: Dataset) -> None:
    bundle = results(sample)
    assert bundle.headline.focus == ["ROT", "REL"]  # 1.55 and 0.77 below target, both intervals wholly far below
    assert [t.code for t in bundle.tactics_in_headline_order()][:2] == ["ROT", "REL"]
    assert bundle.top_findings()[0].check == "ROT001"
    assert bundle.level("ROT") is FAR and bundle.level("SRV") is SHORT


def test_each_gap_level_agrees_with_its_score_check_in_the_json(sample: Dataset, capsys) -> None:
    assert main(["analyze", str(SAMPLE), "--json"]) in (0, None)
    data = json.loads(capsys.readouterr().out)
    statuses = {f["check"]: f["status"] for f in data["findings"]}
    for tactic in data["tactics"]:
        assert BY_KEY[tactic["gap_level"]].status == statuses[f"{tactic['code']}001"], tactic["code"]
        assert tactic["distance"] == f"{tactic['gap']:.2f} below target"
    assert data["headline"]["focus"] == ["ROT", "REL"]
    assert data["headline"]["sentence"].startswith("Rotation between IT and the business is furthest from target: 2.45")
    by_check = {f.check: f.status for f in run_checks(sample, Settings())}
    assert statuses == by_check


def test_a_department_selection_keeps_the_whole_organisations_findings_beside_its_own_scores(sample: Dataset) -> None:
    department = Selection(department="Operations")
    bundle = results(sample, Settings(), department)
    assert bundle.analysis.selection.department == "Operations" and bundle.whole.selection.department is None
    assert bundle.analysis.respondents < bundle.whole.respondents
    assert [f.check for f in bundle.findings] == [f.check for f in results(sample).findings]
    assert results(sample, Settings(), department) is bundle  # remembered per selection: computed once


@pytest.mark.parametrize("fmt", ["xlsx", "pptx", "html"])
def test_every_export_leads_with_the_headline(sample: Dataset, fmt: str) -> None:
    sentence = results(sample).headline.sentence
    data = build_report(sample, Settings(), fmt=fmt)
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(data))["Summary"]
        assert sheet["A2"].value == "Where to start" and sheet["B2"].value == sentence
        failed = [f"Fail: {f.title}" for f in run_checks(sample, Settings()) if f.status == "fail"]
        first_column = [row[0].value for row in sheet.iter_rows()]
        assert len(failed) > 3 and all(line in first_column for line in failed)  # every failure, not the top three
    elif fmt == "pptx":
        slide = list(Presentation(io.BytesIO(data)).slides)[1]
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert sentence in texts
    else:
        html = data.decode()
        assert html.index(sentence.split(":")[0]) < html.index("Top findings")


def test_the_priorities_chart_says_why_it_differs_from_where_to_start() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    shown = " ".join(c.value for c in at.caption)
    focus = results(Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes()), None, Selection("2026-Q3")).headline.focus
    assert focus and "Where to start (above) ranks by distance to target" in shown
    assert any(code in shown for code in focus)


def test_a_department_view_shows_the_whole_organisations_score_beside_its_own() -> None:
    from streamlit.testing.v1 import AppTest

    sample = Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())
    whole, sales = results(sample).analysis, results(sample, None, Selection(department="Sales")).analysis
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["alignment.period"] = "All periods"
    at.run()
    at.switch_page("pages/overview.py").run()
    next(box for box in at.sidebar.selectbox if box.label == "Department").set_value("Sales").run()
    assert not at.exception
    rot = next(c.value for c in at.caption if f"n = {sales.tactic('ROT').n}" in c.value and "whole organisation" in c.value)
    assert f"whole organisation: {whole.tactic('ROT').score:.2f}" in rot
    at.switch_page("pages/rel.py").run()
    sentence = f"{sales.tactic('REL').score:.2f} against a target of 4.00"
    assert any(
        sentence in m.value and f"The whole organisation: {whole.tactic('REL').score:.2f}." in m.value for m in at.markdown
    )


def test_open_input_checks_do_not_apply_when_the_survey_asked_no_open_question() -> None:
    data, _ = survey({"REL": 3.5, "TRU": 3.5, "MET": 3.5, "ROT": 3.5, "ASM": 3.5, "SRV": 3.5})  # Likert columns only
    findings = {f.check: f for f in results(Dataset.from_files([("likert.csv", data)])).findings}
    assert findings["SRV005"].status == "not_applicable" and "asked no open question" in findings["SRV005"].message
    assert findings["SRV006"].status == "not_applicable"
    sample = {f.check: f.status for f in results(Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())).findings}
    assert sample["SRV005"] != "not_applicable"  # the sample asks its open questions


def test_a_selections_tables_are_made_once_and_the_exports_take_them_from_the_bundle(sample: Dataset) -> None:
    from alignment.export.content import build_content

    selection = Selection(period="2026-Q1")
    bundle = results(sample, Settings(), selection)
    assert bundle.statements("REL") is bundle.statements("REL")  # remembered: the second ask reads the first
    assert bundle.priorities() is bundle.priorities() and bundle.priorities("REL") is not bundle.priorities()
    content = build_content(sample, Settings(), selection)
    assert content.departments is bundle.departments()  # the very table the Overview shows
    assert content.trend is bundle.trends()
    for view in content.tactics:
        shown = bundle.statements(view.result.code)
        shown = shown[~shown["hidden"]]
        assert view.items is not None and view.items["item"].tolist() == shown["item"].tolist()
    other = results(sample, Settings(), Selection(period="2026-Q2"))
    assert other.statements("REL") is not bundle.statements("REL")  # one set of tables per selection
