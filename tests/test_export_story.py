"""The exports tell the screen's story: the department heatmap and the trend in the deck, the web page and the
workbook under the same suppression, deck chart text at least 16 pt where it is placed, a web page with a table of
contents under 1 MB, and a workbook that prints landscape, one page wide, with its titles repeated."""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from alignment import charts
from alignment.analysis import analyze
from alignment.charts.images import placed_spec
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.export import build_report
from alignment.export.content import build_content
from alignment.selection import Selection
from alignment.tables import department_scores

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "alignment_sample.xlsx"
FONT_KEYS = ("fontSize", "labelFontSize", "titleFontSize")


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return Dataset.from_file("alignment_sample.xlsx", SAMPLE.read_bytes())


@pytest.fixture(scope="module")
def reports(sample) -> dict[str, bytes]:
    return {fmt: build_report(sample, Settings(), fmt=fmt) for fmt in ("pptx", "html", "xlsx")}


def _fonts(node) -> list[float]:
    if isinstance(node, dict):
        own = [v for k, v in node.items() if k in FONT_KEYS and isinstance(v, (int, float))]
        return own + [f for k, v in node.items() if k != "datasets" for f in _fonts(v)]
    if isinstance(node, list):
        return [f for v in node for f in _fonts(v)]
    return []


def _periods(sample) -> list[str]:
    return list(sample.periods())


def test_every_deck_chart_has_text_of_16_pt_or_more_at_its_placed_size(reports, sample):
    content = build_content(sample, Settings())
    drawn = [content.heatmap, content.trend_chart]
    drawn += [
        charts.item_score_chart(v.items, v.result.target, short_labels=True) for v in content.tactics if v.items is not None
    ]
    smallest_px = min(min(_fonts(placed_spec(chart, 6.8, 4.5))) for chart in drawn)  # every font the charts draw
    deck = Presentation(io.BytesIO(reports["pptx"]))
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == len(drawn) == 8
    for picture in pictures:
        pixels_wide = struct.unpack(">I", picture.image.blob[16:20])[0]
        points_per_pixel = picture.width / Inches(1) * 72 / pixels_wide
        assert points_per_pixel * smallest_px >= 16, (pixels_wide, picture.width)


def test_the_deck_has_the_heatmap_and_the_trend(reports, sample):
    slides = {slide.shapes.title.text: slide for slide in Presentation(io.BytesIO(reports["pptx"])).slides}
    for title in ("Departments × tactics", "Alignment index over time"):
        assert [s for s in slides[title].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE], title
    notes = slides["Departments × tactics"].notes_slide.notes_text_frame.text
    assert "HR" in notes and "Legal" in notes  # the hidden departments, each with its reason


def test_the_web_page_has_contents_the_heatmap_and_the_trend_under_1_mb(reports, sample):
    page = reports["html"].decode("utf-8")
    assert len(reports["html"]) < 1_000_000
    contents = page[page.index('<nav id="contents"') : page.index("</nav>")]
    anchors = re.findall(r'href="#([^"]+)"', contents)
    assert {"summary", "departments", "trend", "REL", "actions", "findings"} <= set(anchors)
    assert all(f'<section id="{anchor}">' in page for anchor in anchors)
    departments = page[page.index('<section id="departments">') :].split("</section>")[0]
    assert "<img" in departments and "Legal: fewer than 5 responses" in departments
    trend = page[page.index('<section id="trend">') :].split("</section>")[0]
    assert "<img" in trend
    for period in _periods(sample):  # the index of each period, as that period's own analysis gives it
        index = analyze(sample, Settings(), Selection(period=period)).alignment_index
        assert f'<td>{period}</td><td class="num">{index:.0f}</td>' in trend


def test_the_workbook_has_the_heatmap_and_the_trend_and_prints_landscape_one_page_wide(reports, sample):
    workbook = load_workbook(io.BytesIO(reports["xlsx"]))
    rows = list(workbook["Departments"].iter_rows(values_only=True))
    grid = department_scores(sample, Settings())
    header = rows[0]
    by_department = {row[0]: row for row in rows[1:] if row[0]}
    for cell in grid.itertuples():
        value = by_department[cell.department][header.index(cell.tactic)]
        if cell.hidden:
            assert isinstance(value, str) and value.startswith("hidden"), (cell.department, cell.tactic)
        else:
            assert value == pytest.approx(cell.score), (cell.department, cell.tactic)
    assert by_department["Legal"][2] == "hidden: fewer than 5 responses"
    trend = {row[0]: row[1] for row in workbook["Trend"].iter_rows(min_row=2, values_only=True) if row[1] is not None}
    periods = _periods(sample)
    assert list(trend) == periods
    for period in periods:
        assert trend[period] == pytest.approx(analyze(sample, Settings(), Selection(period=period)).alignment_index, abs=0.05)
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title


def test_one_period_has_no_trend_and_every_export_says_why():
    lines = ["respondent_id,function,department,period,REL-1,REL-2"]
    lines += [f"r{n},{'Business' if n < 8 else 'IT'},{'Sales' if n < 8 else 'IT Ops'},2026-Q1,{2 + n % 3},4" for n in range(14)]
    one = Dataset.from_file("one.csv", ("\n".join(lines) + "\n").encode())
    deck = Presentation(io.BytesIO(build_report(one, Settings(), fmt="pptx")))
    trend = next(s for s in deck.slides if s.shapes.title.text == "Alignment index over time")
    assert not [s for s in trend.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert any("two survey periods" in s.text_frame.text for s in trend.shapes if s.has_text_frame)
    page = build_report(one, Settings(), fmt="html").decode("utf-8")
    assert "two survey periods" in page[page.index('<section id="trend">') :].split("</section>")[0]
    rows = list(load_workbook(io.BytesIO(build_report(one, Settings(), fmt="xlsx")))["Trend"].iter_rows(values_only=True))
    assert "two survey periods" in rows[1][0]
