"""Home gives instant feedback: right after an upload the headline results, then what was read; a failed
upload shows the error and nothing of an earlier file; one status line says what is shown."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest
from test_app import LATEST, small_survey, start

from alignment.analysis import analyze
from alignment.checks import run_checks, top_findings
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.gap_levels import gap_level
from alignment.items import LIKERT_ITEMS
from alignment.results import results
from alignment.selection import Selection

ROOT = Path(__file__).resolve().parent.parent


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, content, "text/csv")).run()
    assert not at.exception
    return at


def _position(at: AppTest, kind: str, text: str) -> int:
    """Where on the page the first element of a kind containing the text is (document order)."""
    order = list(_walk(at.main))
    return next(i for i, e in enumerate(order) if getattr(e, "type", None) == kind and text in str(getattr(e, "value", "")))


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def test_upload_shows_the_index_and_six_scores_before_what_was_read():
    data = small_survey()
    dataset = Dataset.from_file("mine.csv", data)
    expected = analyze(dataset)
    at = upload(start(), "mine.csv", data)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Alignment index"] == f"{expected.alignment_index:.0f}"
    ordered = results(dataset).tactics_in_headline_order()  # where to start first
    scores = [m.value for m in at.metric if m.label == "Score"]
    assert scores == [f"{t.score:.2f}" for t in ordered]
    assert sorted(scores) == sorted(f"{t.score:.2f}" for t in expected.tactics)  # the six tactics
    assert any(results(dataset).headline.sentence[:40] in m.value for m in at.markdown)  # the headline, on Home
    badges = [m.value for m in at.markdown if "gap-badge" in m.value]
    assert len(badges) == 6
    for badge, tactic in zip(badges, ordered, strict=True):
        level = gap_level(tactic.gap_level)
        assert level.label in badge and level.colour in badge
    top = top_findings(run_checks(dataset, Settings(), None, expected), limit=3)
    assert len(at.expander) >= len(top)
    summary = _position(at, "subheader", "Your results at a glance")
    report = _position(at, "subheader", "3. Check what was read")
    index = _position(at, "metric", "")
    assert summary < index < report


def test_the_sample_banner_is_not_shown_after_an_upload():
    at = start()
    assert any("sample data" in info.value for info in at.info)  # first visit: the sample
    at = upload(at, "mine.csv", small_survey())
    assert not any("sample data" in info.value for info in at.info)
    status = [s.value for s in at.success]
    assert len(status) == 1 and "mine.csv" in status[0] and "12 respondents" in status[0]


def test_a_failed_upload_after_a_good_one_shows_the_error_and_not_the_old_report():
    at = upload(start(), "mine.csv", small_survey())
    assert any("12 of 12 rows kept" in m.value for m in at.markdown)
    at = upload(at, "other.csv", b"name,score\nAda,3\n")
    assert any("no recognisable item column" in e.value for e in at.error)
    shown = " ".join(m.value for m in at.markdown)
    assert "rows kept" not in shown  # no validation summary of the earlier file
    assert not any(m.label == "Alignment index" for m in at.metric)
    assert not at.success
    for frame in at.dataframe:  # only the new file's columns, to map: the guided grid's and the whole mapping's
        assert frame.key == "mapping_editor_widget" or set(frame.value["question"]) <= {"name", "score"}
    assert any("every page shows the sample data" in c.value for c in at.caption)
    at.switch_page("pages/overview.py").run()
    sample = Dataset.from_file("alignment_sample.xlsx", (ROOT / "sample_data" / "alignment_sample.xlsx").read_bytes())
    shown_count = next(m.value for m in at.metric if m.label == "Respondents")
    assert shown_count == str(
        analyze(sample, None, Selection(LATEST)).respondents
    )  # the sample's latest round, not the earlier file


def test_overview_scorecards_colour_each_gap_by_its_level():
    sample = ROOT / "sample_data" / "alignment_sample.xlsx"
    expected = analyze(Dataset.from_file(sample.name, sample.read_bytes()))
    at = start(all_periods=True)
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    badges = [m.value for m in at.markdown if "gap-badge" in m.value]
    captions = [c.value for c in at.caption]
    assert any("Target 4.00, 1.55 below target" in c for c in captions)
    assert any("Target 4.00, 0.41 below target" in c for c in captions)
    rot, srv = badges[0], badges[-1]  # the cards in the headline's order: ROT first, SRV (closest to target) last
    assert expected.tactic("ROT").gap == 1.55 and expected.tactic("SRV").gap == 0.41
    # ROT: the whole interval (2.37-2.53) is more than 0.75 below 4.00; SRV's (3.52-3.66) below, by less: the score checks say fail / warn
    assert "far below target" in rot and "gap-far" in rot
    assert ">below target</span>" in srv and "gap-short" in srv


def test_a_mapping_that_finds_no_statement_opens_the_mapping_editor():
    at = upload(start(), "mine.csv", small_survey())
    ignore_all = {"columns": [{"header": item.id, "target": "ignore"} for item in LIKERT_ITEMS]}
    mapping_file = next(u for u in at.file_uploader if u.key == "mapping_file_widget")
    mapping_file.set_value(("mapping.json", json.dumps(ignore_all).encode(), "application/json")).run()
    assert not at.exception
    assert any("no recognisable item column" in e.value for e in at.error)
    editor = next(e for e in at.expander if "change the mapping so that the statements are found" in e.label)
    assert editor.proto.expanded
    assert not any("rows kept" in m.value for m in at.markdown)  # no report under the error


def test_a_first_upload_no_column_of_which_is_recognised_opens_its_columns_to_map():
    # Headers a survey tool wrote ("Q1", "Q2"): nothing matches a statement, so the upload fails, and the mapping
    # screen opens on the upload's own columns; a mapping loaded there makes the file load with it.
    answers = [(5, 4), (4, 4), (2, 3), (3, 1), (4, 5), (1, 2)]
    lines = ["id,Q1,Q2"] + [f"p{i},{a},{b}" for i, (a, b) in enumerate(answers)]
    at = upload(start(), "q.csv", ("\n".join(lines) + "\n").encode())
    assert any("no recognisable item column" in e.value for e in at.error)
    editor = next(e for e in at.expander if "map the columns so that the statements are found" in e.label)
    assert editor.proto.expanded
    mapping = {"columns": [{"header": "Q1", "target": "REL-1"}, {"header": "Q2", "target": "REL-2"}]}
    mapping_file = next(u for u in at.file_uploader if u.key == "mapping_file_widget")
    mapping_file.set_value(("mapping.json", json.dumps(mapping).encode(), "application/json")).run()
    assert not at.exception
    assert any("Showing **q.csv**" in s.value for s in at.success)
    at.switch_page("pages/rel.py").run()
    score = sum((a + b) / 2 for a, b in answers) / len(answers)  # mean of respondent means, by hand
    assert next(m.value for m in at.metric if m.label == "Score") == f"{score:.2f}"
