"""Report exports: each file is opened with its own reader and its content checked against an independent
reading of the sample (plain pandas), with hidden cells showing their reason and text never run as a formula."""

from __future__ import annotations

import datetime as dt
import io
from html.parser import HTMLParser
from pathlib import Path

import by_hand
import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from alignment.__main__ import main
from alignment.actions import clean_actions, read_actions
from alignment.checks import REGISTRY, run_checks, top_findings
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.errors import InputError
from alignment.export import FORMATS, REPORT_FORMATS, build_report, report_filename
from alignment.export.content import WHOLE_ORGANISATION_CHECKS
from alignment.gap_levels import FAR, GAP_LEVELS, SHORT, distance_words
from alignment.items import LIKERT_ITEMS
from alignment.results import results
from alignment.selection import Selection
from alignment.tactics import TACTICS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "alignment_sample.xlsx"
CODES = [t.code for t in TACTICS]
LABELS = {"Strongly disagree": 1, "Disagree": 2, "Neither agree nor disagree": 3, "Agree": 4, "Strongly agree": 5}
TACTIC_OF = {item.id: item.tactic for item in LIKERT_ITEMS}
REVERSED = {item.id for item in LIKERT_ITEMS if item.reverse}
CREATED = dt.date(2026, 3, 31)
ACTIONS = pd.DataFrame(
    {
        "action": ['=HYPERLINK("http://evil","x")', "Monthly joint KPI review", "<script>alert(1)</script> rotate staff"],
        "owner": ["Ana", "CIO", "HR"],
        "due": ["2026-04-30", None, "2026-06-30"],
        "tactic": ["REL", "MET", "ROT"],
        "status": ["open", "in progress", "done"],
    }
)


# ----------------------------------------------------------------------------- independent reading


def expected_scores(period: str | None = None) -> dict[str, dict]:
    """Per tactic, from the sample workbook's Responses sheet with pandas: n, score (mean of respondent means, as
    by_hand.tactic_means over the whole file), favourable share of the counted respondents' answers, IT and Business
    means."""
    raw = pd.read_excel(SAMPLE, sheet_name="Responses", dtype=str).fillna("")
    chosen = raw["period"] == period if period is not None else pd.Series(True, index=raw.index)
    expected = {}
    for code in CODES:
        columns = {}
        for header in raw.columns:
            item = header.split(" ", 1)[0]
            if TACTIC_OF.get(item) == code:
                values = raw[header].map(lambda v: LABELS.get(v, float(v) if v.strip().isdigit() else np.nan)).astype(float)
                columns[item] = 6 - values if item in REVERSED else values
        block = pd.DataFrame(columns)
        means = by_hand.tactic_means(block, list(block.columns))
        answered = means.notna() & chosen
        answers = block[answered].stack()
        expected[code] = {
            "n": int(answered.sum()),
            "score": means[answered].mean(),
            "favourable": (answers >= 4).mean(),
            "it": means[answered & (raw["function"] == "IT")].mean(),
            "business": means[answered & (raw["function"] == "Business")].mean(),
        }
    return expected


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return Dataset.from_file("alignment_sample.xlsx", SAMPLE.read_bytes())


@pytest.fixture(scope="module")
def reports(sample: Dataset) -> dict[str, bytes]:
    return {fmt: build_report(sample, Settings(), actions=ACTIONS, fmt=fmt, created=CREATED) for fmt in ("xlsx", "pptx", "html")}


def small_group_survey() -> Dataset:
    """Eight Business and six IT respondents answer REL; only three answer TRU, so TRU is hidden (k = 5)."""
    lines = ["respondent_id,function,department,period,REL-1,REL-2,TRU-1"]
    for number in range(14):
        function, department = ("Business", "Sales") if number < 8 else ("IT", "IT Ops")
        tru = "4" if number < 3 else ""
        lines.append(f"r{number},{function},{department},2026-Q1,{2 + number % 3},4,{tru}")
    return Dataset.from_file("=cmd|' /C calc'!A0.csv", ("\n".join(lines) + "\n").encode())


def _sheet_rows(workbook, name: str) -> list[list]:
    return [[cell.value for cell in row] for row in workbook[name].iter_rows()]


# ----------------------------------------------------------------------------- xlsx


def test_workbook_scores_equal_an_independent_reading_of_the_sample(reports):
    workbook = load_workbook(io.BytesIO(reports["xlsx"]))
    assert workbook.sheetnames == ["Summary", "Scores", "Departments", "Trend", "Findings", "Actions"]
    rows = _sheet_rows(workbook, "Scores")
    header = rows[0]
    assert header == [
        "Code", "Tactic", "Score", "95 % CI low", "95 % CI high", "Target", "Gap to target", "Gap level",
        "Favourable", "IT", "Business", "IT − Business", "Respondents",
    ]  # fmt: skip
    expected = expected_scores()
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:7]}
    assert list(by_code) == CODES
    for code, want in expected.items():
        got = by_code[code]
        assert got["Respondents"] == want["n"] >= 239  # one respondent answered too few of MET's and of TRU's statements
        assert got["Score"] == pytest.approx(want["score"], abs=0.005)
        assert got["Gap to target"] == pytest.approx(4.0 - want["score"], abs=0.005)
        assert got["Favourable"] == pytest.approx(want["favourable"], abs=0.005)
        assert got["IT"] == pytest.approx(want["it"], abs=0.005)
        assert got["Business"] == pytest.approx(want["business"], abs=0.005)
        assert got["IT − Business"] == pytest.approx(want["it"] - want["business"], abs=0.011)
        assert got["95 % CI low"] < got["Score"] < got["95 % CI high"]
    assert by_code["ROT"]["Gap level"] == FAR.label  # 2.45 against 4.00, the interval wholly more than 0.75 below
    assert by_code["SRV"]["Gap level"] == SHORT.label  # 3.59 against 4.00, the interval wholly below, by less


def test_workbook_summary_has_the_index_respondents_and_the_filters(reports):
    rows = _sheet_rows(load_workbook(io.BytesIO(reports["xlsx"])), "Summary")
    summary = {row[0]: row[1] for row in rows if row[0]}
    expected = expected_scores()
    index = sum((t["score"] - 1) / 4 * 100 for t in expected.values()) / 6
    assert summary["Alignment index (0–100)"] == pytest.approx(index, abs=0.5)
    assert summary["Respondents"] == 240
    assert summary["Period"] == "all periods" and summary["Department"] == "all departments"
    assert summary["Data"] == "alignment_sample.xlsx"
    assert summary["Maturity"] == "level 3, Established"


def test_workbook_is_formatted_with_traffic_light_gaps_and_a_native_chart(reports, sample):
    sheet = load_workbook(io.BytesIO(reports["xlsx"]))["Scores"]
    assert sheet["C2"].number_format == "0.00" and sheet["I2"].number_format == "0 %"
    assert sheet["A1"].font.bold and sheet.column_dimensions["B"].width >= 30
    score_checks = {f.tactic: f.status for f in run_checks(sample, Settings()) if f.check == f"{f.tactic}001"}
    for row in range(2, 8):  # each gap and level cell coloured by the level, which says what the score check says
        level = next(level for level in GAP_LEVELS if level.label == sheet[f"H{row}"].value)
        assert level.status == score_checks[sheet[f"A{row}"].value]
        assert sheet[f"G{row}"].fill.fgColor.rgb[-6:] == level.fill[1:] == sheet[f"H{row}"].fill.fgColor.rgb[-6:]
    (chart,) = sheet._charts
    assert chart.tagname == "barChart" and len(chart.series) == 2
    assert [s.tx.strRef.f for s in chart.series] == ["'Scores'!C1", "'Scores'!F1"]  # Score and Target


def test_workbook_findings_are_the_checks_with_plain_titles_and_fixes(reports, sample):
    rows = _sheet_rows(load_workbook(io.BytesIO(reports["xlsx"])), "Findings")
    assert rows[0] == ["Status", "Check", "Tactic", "Severity", "Title", "Message", "How to fix"]
    findings = run_checks(sample, Settings())
    assert len(rows) - 1 == len(findings)
    first = results(sample).top_findings()[0]  # failures first, the headline's focus tactic leading
    assert first.check == "ROT001" and sorted(f.check for f in top_findings(findings)) == sorted(
        f.check for f in results(sample).top_findings()
    )
    assert rows[1][1] == first.check and rows[1][5] == first.message and rows[1][6] == REGISTRY[first.check].fix
    assert rows[1][0] in {"Fail", "Warning"}
    assert rows[1][4] == first.title  # the title in words, as on the screen
    assert not {row[4] for row in rows[1:]} & {check.name for check in REGISTRY.values()}


def test_workbook_actions_round_trip_and_no_cell_is_a_formula(reports):
    data = reports["xlsx"]
    expected, _ = clean_actions(ACTIONS)
    pd.testing.assert_frame_equal(read_actions("report.xlsx", data), expected)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook["Actions"]["A2"].value == '\'=HYPERLINK("http://evil","x")'
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), (sheet.title, cell.coordinate)


def test_hidden_cells_show_their_reason_never_a_number():
    data = small_group_survey()
    workbook = load_workbook(io.BytesIO(build_report(data, Settings(), fmt="xlsx")))
    rows = {row[0]: row for row in _sheet_rows(workbook, "Scores")[1:7]}
    tru = rows["TRU"]
    assert tru[2] == "hidden: fewer than 5 responses"
    assert not any(isinstance(v, (int, float)) for v in tru[3:5] + tru[6:])  # target (a setting) is the only number
    assert isinstance(rows["REL"][2], float)
    summary = {row[0]: row[1] for row in _sheet_rows(workbook, "Summary") if row[0]}
    assert summary["Data"] == "'=cmd|' /C calc'!A0.csv"  # the file name, neutralised


# ----------------------------------------------------------------------------- pptx


def test_deck_has_title_summary_six_tactics_and_actions(reports):
    deck = Presentation(io.BytesIO(reports["pptx"]))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert len(deck.slides) == 2 + 2 + 6 + 1
    assert titles[0] == "IT–business alignment report" and titles[1] == "Summary"
    assert titles[2:4] == ["Departments × tactics", "Alignment index over time"]
    assert titles[4:10] == [f"{t.code} · {t.name}" for t in TACTICS]
    assert titles[10] == "Action plan"
    for slide in list(deck.slides)[2:10]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"


def _slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


def test_deck_shows_the_numbers_findings_and_actions_in_projector_sized_text(reports, sample):
    deck = Presentation(io.BytesIO(reports["pptx"]))
    slides = list(deck.slides)
    expected = expected_scores()
    summary = _slide_text(slides[1])
    for code, want in expected.items():
        assert f"{want['score']:.2f}" in summary and distance_words(4 - want["score"]) in summary, code
    rot = _slide_text(slides[4 + CODES.index("ROT")])
    assert f"Score {expected['ROT']['score']:.2f}" in rot and "far below target" in rot
    assert f"IT {expected['ROT']['it']:.2f}" in rot and "How to fix:" in rot
    top = top_findings(run_checks(sample, Settings()))
    assert next(f for f in top if f.tactic == "ROT").message in rot
    notes = slides[4 + CODES.index("ROT")].notes_slide.notes_text_frame.text  # every finding, for the presenter
    assert all(f.message in notes and REGISTRY[f.check].fix in notes for f in top if f.tactic == "ROT")
    for code in CODES:  # the first findings in full, then how many more
        text = _slide_text(slides[4 + CODES.index(code)])
        own = [f for f in top if f.tactic == code]
        shown = [f.message in text for f in own]
        assert shown[:1] == [True] * min(1, len(own)) and shown == sorted(shown, reverse=True), code
        if not all(shown):
            assert f"{shown.count(False)} more failed or warned" in text, code
    actions = _slide_text(slides[10])
    assert "Monthly joint KPI review" in actions and "in progress" in actions and "2026-06-30" in actions
    sizes = [
        run.font.size.pt
        for slide in slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.font.size is not None
    ]
    assert sizes and min(sizes) >= 16


def test_a_hidden_tactic_slide_says_why_and_has_no_chart():
    deck = Presentation(io.BytesIO(build_report(small_group_survey(), Settings(), fmt="pptx")))
    tru = list(deck.slides)[4 + CODES.index("TRU")]
    assert "hidden: fewer than 5 responses" in _slide_text(tru)
    assert not [s for s in tru.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_more_actions_than_fit_go_on_further_slides():
    many = pd.DataFrame({"action": [f"Action {i}" for i in range(11)], "status": ["open"] * 11})
    deck = Presentation(io.BytesIO(build_report(small_group_survey(), Settings(), actions=many, fmt="pptx")))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[-2:] == ["Action plan (1 of 2)", "Action plan (2 of 2)"] and len(titles) == 12
    assert "Action 10" in _slide_text(list(deck.slides)[-1])


# ----------------------------------------------------------------------------- html


class Page(HTMLParser):
    """Tags with their attributes, all text, and the text of each section (by id) and of each table."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.sections: dict[str, list[str]] = {}
        self.tables: list[list[str]] = []
        self._section: str | None = None
        self._in_table = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "section":
            self._section = attrs.get("id")
            self.sections[self._section] = []
        elif tag == "table":
            self._in_table = True
            self.tables.append([])

    def handle_endtag(self, tag):
        if tag == "section":
            self._section = None
        elif tag == "table":
            self._in_table = False

    def handle_data(self, data):
        self.text.append(data)
        if self._section is not None:
            self.sections[self._section].append(data)
        if self._in_table:
            self.tables[-1].append(data)


def parse(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    page.close()
    return page


def test_html_is_self_contained_and_has_the_scores(reports):
    page = parse(reports["html"])
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags and "link" not in tags and "iframe" not in tags
    for _, attrs in page.tags:
        for name in ("src", "href"):
            assert not str(attrs.get(name, "")).lower().startswith(("http:", "https:", "//")), attrs
    images = [attrs for tag, attrs in page.tags if tag == "img"]
    assert len(images) == 6 + 2 and all(  # the tactics, the heatmap and the trend
        a["src"].startswith("data:image/png;base64,") and a["alt"] for a in images
    )
    text = " ".join(page.text)
    expected = expected_scores()
    for code, want in expected.items():
        assert f"{want['score']:.2f}" in text and distance_words(4 - want["score"]) in text, code
    assert "Alignment index 56 / 100" in text


def test_html_escapes_every_text(reports):
    html_text = reports["html"].decode("utf-8")
    assert "<script>" not in html_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; rotate staff" in html_text
    assert "=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)" in html_text  # shown as text, not a link


def test_html_hidden_tactic_shows_its_reason():
    page = parse(build_report(small_group_survey(), Settings(), fmt="html"))
    text = " ".join(page.text)
    assert "hidden: fewer than 5 responses" in text
    assert (
        len([1 for tag, _ in page.tags if tag == "img"]) == 2
    )  # REL and the heatmap: TRU is hidden, the rest have no answers, one period


def test_a_period_report_has_that_periods_numbers(sample):
    expected = expected_scores("2026-Q1")
    workbook = load_workbook(io.BytesIO(build_report(sample, Settings(), Selection("2026-Q1"), fmt="xlsx")))
    rows = {row[0]: row for row in _sheet_rows(workbook, "Scores")[1:7]}
    for code, want in expected.items():
        assert rows[code][2] == pytest.approx(want["score"], abs=0.005) and rows[code][12] == want["n"]
    summary = {row[0]: row[1] for row in _sheet_rows(workbook, "Summary") if row[0]}
    assert summary["Period"] == "2026-Q1"


def test_a_function_report_has_that_functions_numbers(sample):
    expected = expected_scores()
    workbook = load_workbook(io.BytesIO(build_report(sample, Settings(), Selection(function="IT"), fmt="xlsx")))
    rows = {row[0]: row for row in _sheet_rows(workbook, "Scores")[1:7]}
    for code, want in expected.items():
        assert rows[code][2] == pytest.approx(want["it"], abs=0.005), code
        assert rows[code][9] == "no IT/Business split in this selection" and rows[code][10] is None
    summary = {row[0]: row[1] for row in _sheet_rows(workbook, "Summary") if row[0]}
    assert summary["Function"] == "IT"


def test_download_names_are_safe_file_names():
    assert report_filename("xlsx") == "alignment-report.xlsx"
    assert report_filename("pptx", Selection("2026-Q1", "R&D / Ops")) == "alignment-report-2026-Q1-R_D___Ops.pptx"
    # every choice is in the name: an IT-only report is never saved over the whole organisation's
    assert report_filename("html", Selection("2026-Q1", "Sales", "IT")) == "alignment-report-2026-Q1-Sales-IT-only.html"
    assert report_filename("xlsx", Selection(function="Business")) == "alignment-report-Business-only.xlsx"
    assert report_filename("xlsx", Selection(department="IT")) != report_filename("xlsx", Selection(function="IT"))
    assert list(FORMATS) == [f.extension for f in REPORT_FORMATS] == ["xlsx", "pptx", "html"]


def test_each_report_format_declares_a_known_media_type_and_a_renderer_that_exists():
    import importlib

    iana = {  # the registered types (IANA media types registry)
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "html": "text/html",
    }
    for kind in REPORT_FORMATS:
        assert kind.media_type == iana[kind.extension], kind.extension
        module, function = kind.renderer.split(":")
        assert callable(getattr(importlib.import_module(f"alignment.export.{module}"), function)), kind.renderer
        assert kind.icon.startswith(":material/") and kind.label


def test_an_unknown_format_is_an_input_error(sample):
    with pytest.raises(InputError, match="There is no report format 'pdf'"):
        build_report(sample, Settings(), fmt="pdf")


# ----------------------------------------------------------------------------- command line


def test_cli_report_writes_each_format(tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    plan.write_text("Action,Owner,Due,Tactic,Status\nShadow a sales rep,Eng lead,2026-05-01,ROT,open\n", encoding="utf-8")
    for suffix in ("xlsx", "pptx", "html"):
        out = tmp_path / f"report.{suffix}"
        code = main(["report", str(SAMPLE), "--out", str(out), "--period", "2026-Q1", "--actions", str(plan)])
        assert code == 0 and out.stat().st_size > 1000
        assert f"wrote {out}" in capsys.readouterr().out
    assert read_actions("report.xlsx", (tmp_path / "report.xlsx").read_bytes())["action"].tolist() == ["Shadow a sales rep"]
    assert "Shadow a sales rep" in (tmp_path / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--out", "report.pdf"], "Cannot write a report as '.pdf'"),
        (["--out", "report"], "Cannot write a report as 'report'"),
        (["--out", "report.xlsx", "--period", "1999"], "There is no survey period '1999'"),
        (["--out", "report.xlsx", "--department", "Nowhere"], "Department 'Nowhere' cannot be reported"),
        (["--out", "report.xlsx", "--actions", "missing.csv"], "Action plan not found"),
    ],
)
def test_cli_report_bad_input_exits_2_with_one_error_line(tmp_path, capsys, extra, words):
    extra = [str(tmp_path / e) if e.startswith(("report", "missing")) else e for e in extra]
    assert main(["report", str(SAMPLE), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and words in err and err.count("\n") == 1
    assert not list(tmp_path.iterdir())  # nothing written


# ----------------------------------------------------------------------------- department filter

DEPARTMENTS = (("Sales", "Business", 8), ("Finance", "Business", 6), ("IT Ops", "IT", 7), ("Legal", "Business", 2))


def department_rows() -> pd.DataFrame:
    rows = []
    for department, function, count in DEPARTMENTS:
        for _ in range(count):
            number = len(rows) + 1
            rows.append(
                {"respondent_id": f"r{number}", "function": function, "department": department, "period": "2026-Q1"}
                | {"REL-1": 2 + number % 3, "REL-2": 4, "TRU-1": 3 + number % 2}
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def departments() -> Dataset:
    return Dataset.from_file("survey.csv", department_rows().to_csv(index=False).encode())


def test_a_department_report_has_that_departments_numbers_as_on_the_screen(departments):
    rows = department_rows()
    sales = rows[rows["department"] == "Sales"]
    expected = {"REL": sales[["REL-1", "REL-2"]].mean(axis=1).mean(), "TRU": sales["TRU-1"].mean()}
    workbook = load_workbook(io.BytesIO(build_report(departments, Settings(), Selection(department="Sales"), fmt="xlsx")))
    scores = {row[0]: row for row in _sheet_rows(workbook, "Scores")[1:7]}
    for code, want in expected.items():
        assert scores[code][2] == pytest.approx(want, abs=0.005) and scores[code][12] == 8, code
    summary = {row[0]: row[1] for row in _sheet_rows(workbook, "Summary") if row[0]}
    assert summary["Department"] == "Sales" and summary["Respondents"] == 8
    assert summary["Note"] == WHOLE_ORGANISATION_CHECKS  # the findings, as on the screen, are the organisation's
    whole = run_checks(departments, Settings())
    findings = _sheet_rows(workbook, "Findings")[1:]
    assert sorted(row[1] for row in findings) == sorted(f.check for f in whole)
    # in the screen's order: failures, then warnings, the department's focus tactics first (its headline)
    on_screen = results(departments, Settings(), Selection(department="Sales")).top_findings(3)
    assert [row[5] for row in findings[:3]] == [f.message for f in on_screen]
    assert {f.check for f in on_screen} <= {f.check for f in top_findings(whole)}
    text = " ".join(parse(build_report(departments, Settings(), Selection(department="Sales"), fmt="html")).text)
    assert f"{expected['REL']:.2f}" in text and "Department: Sales" in text


@pytest.mark.parametrize(
    ("department", "reason"),
    [("Legal", "hidden: fewer than 5 responses"), ("Finance", "hidden so that a small group cannot be worked out")],
)
def test_a_small_departments_report_shows_reasons_and_no_numbers(departments, department, reason):
    rows = department_rows()
    true_mean = rows.loc[rows["department"] == department, ["REL-1", "REL-2"]].mean(axis=1).mean()
    workbook = load_workbook(io.BytesIO(build_report(departments, Settings(), Selection(department=department), fmt="xlsx")))
    for row in _sheet_rows(workbook, "Scores")[1:7]:
        assert row[2] == (reason if row[0] in {"REL", "TRU"} else "not asked in this survey")  # no column of the others
        assert not any(isinstance(v, (int, float)) for v in row[3:5] + row[6:])
    summary = {row[0]: row[1] for row in _sheet_rows(workbook, "Summary") if row[0]}
    assert summary["Respondents"] == "hidden (too few to show)"
    page = parse(build_report(departments, Settings(), Selection(department=department), fmt="html"))
    scores, rel = " ".join(page.tables[0]), " ".join(page.sections["REL"])
    assert reason in scores and reason in rel
    assert f"{true_mean:.2f}" not in scores and f"{true_mean:.2f}" not in rel
    assert not [1 for tag, _ in page.tags if tag == "img"]


def test_cli_report_refuses_a_department_too_small_to_show(tmp_path, capsys):
    survey = tmp_path / "survey.csv"
    survey.write_text(department_rows().to_csv(index=False), encoding="utf-8")
    assert main(["report", str(survey), "--out", str(tmp_path / "r.xlsx"), "--department", "Legal"]) == 2
    err = capsys.readouterr().err
    assert "Department 'Legal' cannot be reported" in err and "use one of: IT Ops, Sales" in err
    assert main(["report", str(survey), "--out", str(tmp_path / "r.xlsx"), "--department", "Sales"]) == 0
