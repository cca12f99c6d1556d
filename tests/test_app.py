"""Every page through Streamlit's AppTest: sample data on first visit, upload, page switches, errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from alignment.analysis import analyze
from alignment.dataset import Dataset
from alignment.items import LIKERT_ITEMS
from alignment.selection import Selection
from alignment.tactics import TACTICS
from ui.state import ALL_PERIODS_OPTION, PERIOD_KEY

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_XLSX = ROOT / "sample_data" / "alignment_sample.xlsx"
PAGES = ["pages/overview.py"] + [f"pages/{t.code.lower()}.py" for t in TACTICS]


def small_survey() -> bytes:
    """Twelve respondents, six IT and six Business, numeric answers that differ by person."""
    header = ["respondent_id", "period", "function", "department"] + [item.id for item in LIKERT_ITEMS]
    lines = [",".join(header)]
    for person in range(12):
        function, department = ("IT", "Platform") if person < 6 else ("Business", "Retail")
        answers = [str(1 + (person + position) % 5) for position in range(len(LIKERT_ITEMS))]
        lines.append(",".join([f"P{person}", "2026-Q2", function, department, *answers]))
    return ("\n".join(lines) + "\n").encode()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def start(all_periods: bool = False) -> AppTest:
    """The app on the sample data; it opens on the latest survey round, or on all periods when asked to (as when a
    user picks 'All periods' in the sidebar)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if all_periods:
        at.session_state[PERIOD_KEY] = ALL_PERIODS_OPTION
    at.run()
    assert not at.exception
    return at


LATEST = "2026-Q3"  # the sample's last survey round


def test_first_visit_shows_sample_data_on_every_page():
    sample = Dataset.from_file(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes())
    assert sorted(sample.periods())[-1] == LATEST
    expected = analyze(sample, None, Selection(LATEST))  # the latest round by default, not a blend of every round
    at = start()
    assert any("sample data" in info.value for info in at.info)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
    at.switch_page("pages/overview.py").run()
    assert next(box for box in at.sidebar.selectbox if box.label == "Survey period").value == LATEST
    assert metric(at, "Alignment index") == f"{expected.alignment_index:.0f}"
    assert metric(at, "Respondents") == str(expected.respondents)
    assert analyze(sample).alignment_index != expected.alignment_index  # 56 over all rounds: not what is shown
    at.switch_page("pages/rot.py").run()
    assert metric(at, "Score") == f"{expected.tactic('ROT').score:.2f}"


def test_upload_replaces_sample_on_every_page():
    data = small_survey()
    expected = analyze(Dataset.from_file("mine.csv", data))
    at = start()
    at.file_uploader[0].set_value(("mine.csv", data, "text/csv")).run()
    assert not at.exception
    assert any("mine.csv" in s.value for s in at.success)
    at.switch_page("pages/overview.py").run()
    assert metric(at, "Alignment index") == f"{expected.alignment_index:.0f}"
    assert metric(at, "Respondents") == "12"
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception, page
        code = Path(page).stem.upper()
        assert metric(at, "Score") == f"{expected.tactic(code).score:.2f}"
        assert metric(at, "Respondents") == "12"


def test_period_filter_changes_results():
    sample = Dataset.from_file(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes())
    last = sample.periods()[-1]
    expected = analyze(sample, None, Selection(period=last))
    at = start()
    at.switch_page("pages/overview.py").run()
    at.sidebar.selectbox[0].set_value(last).run()
    assert metric(at, "Respondents") == str(expected.respondents)
    assert metric(at, "Alignment index") == f"{expected.alignment_index:.0f}"
    at.switch_page("pages/rel.py").run()  # the filter is kept across pages
    assert metric(at, "Score") == f"{expected.tactic('REL').score:.2f}"


def test_department_and_function_filters_apply_on_every_page_and_survive_switches():
    sample = Dataset.from_file(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes())
    expected = analyze(sample, None, Selection(None, "Sales"))
    crossing = analyze(sample, None, Selection(None, "Operations", "Business"))
    at = start(all_periods=True)
    at.switch_page("pages/overview.py").run()
    department = next(box for box in at.sidebar.selectbox if box.label == "Department")
    assert "Legal" not in department.options  # 4 respondents: never offered
    department.set_value("Sales").run()
    assert metric(at, "Respondents") == str(expected.respondents)
    assert metric(at, "Alignment index") == f"{expected.alignment_index:.0f}"
    at.switch_page("pages/tru.py").run()
    assert metric(at, "Score") == f"{expected.tactic('TRU').score:.2f}"
    assert any("department Sales" in c.value for c in at.caption)
    next(box for box in at.sidebar.selectbox if box.label == "Department").set_value("Operations").run()
    next(box for box in at.sidebar.selectbox if box.label == "Function").set_value("Business").run()
    assert metric(at, "Score") == f"{crossing.tactic('TRU').score:.2f}"
    at.switch_page("pages/comments.py").run()
    assert not at.exception
    at.sidebar.button[0].click().run()  # clear the filters: back to the default view, the latest round
    at.switch_page("pages/overview.py").run()
    assert metric(at, "Respondents") == str(analyze(sample, None, Selection(LATEST)).respondents)


def _workbook_without_responses() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Summary"
    workbook.active.append(["a", "b"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.csv", b"", "is empty"),
        ("fake.xlsx", b"this is a note, not a workbook", "not a spreadsheet"),
        ("summary.xlsx", _workbook_without_responses(), "no 'Responses' sheet"),
        ("other.csv", b"name,score\nAda,3\n", "no recognisable item column"),
    ],
    ids=["empty", "not-a-spreadsheet", "no-responses-sheet", "no-item-column"],
)
def test_bad_upload_shows_specific_error_and_keeps_current_data(name, content, words):
    at = start(all_periods=True)
    at.file_uploader[0].set_value((name, content, "application/octet-stream")).run()
    assert not at.exception
    assert any(words in error.value for error in at.error), [e.value for e in at.error]
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    sample = Dataset.from_file(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes())
    assert metric(at, "Respondents") == str(analyze(sample, None, Selection(LATEST)).respondents)  # still the sample data


def test_validation_report_lists_dropped_rows_and_columns():
    data = small_survey().decode().splitlines()
    data[0] += ",favourite colour"
    data[1] += ",blue"
    data.append("P99,2026-Q2,IT,Platform" + "," * (len(LIKERT_ITEMS) + 1))  # no answers at all
    at = start()
    at.file_uploader[0].set_value(("mine.csv", ("\n".join(data) + "\n").encode(), "text/csv")).run()
    assert not at.exception
    summary = " ".join(m.value for m in at.markdown)
    assert "12 of 13 rows kept" in summary
    assert "1 rows and 1 columns dropped" in summary
    frames = [df.value for df in at.dataframe]
    dropped_rows = next(f for f in frames if "reason" in f.columns and "row" in f.columns and "header" not in f.columns)
    assert "no item answered" in dropped_rows["reason"].tolist()
