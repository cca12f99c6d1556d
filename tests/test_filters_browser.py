"""The filters in a real browser: a click on a department's cell in the Overview heatmap sets the department
filter, every page then shows that department (the numbers analyze() gives), and Clear the filters undoes it.
Drives Debian's Chromium through Playwright with tests/test_browser.py's server fixture."""

from __future__ import annotations

import re
from pathlib import Path

from browser_stack import CHROMIUM, CHROMIUM_ARGS
from test_browser import UI_TIMEOUT_MS, Server, _wait_script_idle, streamlit_server  # noqa: F401 (a fixture)

from alignment.analysis import analyze
from alignment.dataset import load_dataset
from alignment.selection import Selection

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "alignment_sample.xlsx"


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text(label, exact=True)).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def all_periods(page) -> None:
    """Choose 'All periods' in the sidebar (the app opens on the latest survey round)."""
    page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Survey period").click()
    page.get_by_role("option", name="All periods", exact=True).click()
    _wait_script_idle(page)


def test_a_click_on_the_heatmap_filters_every_page_by_that_department(streamlit_server: Server) -> None:  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    sample = load_dataset([str(SAMPLE)])
    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(UI_TIMEOUT_MS)
            page.goto(streamlit_server.url + "/overview", wait_until="domcontentloaded")
            expect(page.get_by_text("Departments × tactics", exact=True)).to_be_visible()
            _wait_script_idle(page)
            all_periods(page)
            assert _metric(page, "Respondents") == f"{analyze(sample).respondents:,}"
            heatmap = page.locator('[data-testid="stVegaLiteChart"]').filter(has=page.locator("canvas, svg")).nth(2)
            heatmap.scroll_into_view_if_needed()
            page.wait_for_timeout(1500)  # the chart's first render
            box = heatmap.bounding_box()
            page.mouse.click(box["x"] + box["width"] * 0.35, box["y"] + 75)  # a cell of the first department's row
            banner = page.get_by_text(re.compile(r"Showing the bundled sample data: .* department "))
            expect(banner.first).to_be_visible()
            _wait_script_idle(page)
            department = re.search(r"department (.+?)\.", banner.first.inner_text()).group(1)
            chosen = analyze(sample, None, Selection(None, department))
            page.locator('[data-testid="stMain"]').evaluate("main => main.scrollTo(0, 0)")
            assert _metric(page, "Respondents") == f"{chosen.respondents:,}"
            assert _metric(page, "Alignment index") == f"{chosen.alignment_index:.0f}"
            page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=re.compile("^TRU")).click()
            expect(page.get_by_text(re.compile(f"department {re.escape(department)}")).first).to_be_visible()
            _wait_script_idle(page)
            assert _metric(page, "Score") == f"{chosen.tactic('TRU').score:.2f}"
            page.get_by_role("button", name=re.compile("Clear the filters")).click()
            _wait_script_idle(page)
            latest = sorted(sample.periods())[-1]  # cleared: the default view, the latest round
            expect(
                page.get_by_text(
                    re.compile(rf"{analyze(sample, None, Selection(latest)).respondents} respondents, period {latest}\.")
                ).first
            ).to_be_visible()
        finally:
            browser.close()


def test_the_overview_downloads_the_filtered_report(streamlit_server: Server, tmp_path) -> None:  # noqa: F811
    import io

    from openpyxl import load_workbook
    from playwright.sync_api import expect, sync_playwright
    from pptx import Presentation

    sample = load_dataset([str(SAMPLE)])
    chosen = analyze(sample, None, Selection(None, "Operations"))
    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
            page.set_default_timeout(UI_TIMEOUT_MS)
            page.goto(streamlit_server.url + "/overview", wait_until="domcontentloaded")
            expect(page.get_by_text("Take the results away", exact=True)).to_be_visible()
            _wait_script_idle(page)
            all_periods(page)
            page.get_by_role("combobox", name="Department").click()
            page.get_by_role("option", name="Operations", exact=True).click()
            expect(page.get_by_text(re.compile(r"department Operations\.")).first).to_be_visible()
            _wait_script_idle(page)
            page.get_by_role("button", name="Take the results away").click()  # the downloads, beside the title
            with page.expect_download() as excel:
                page.get_by_role("button", name=re.compile(r"Excel workbook \(\.xlsx\)")).click()
            assert excel.value.suggested_filename == "alignment-report-Operations.xlsx"
            workbook = load_workbook(io.BytesIO(Path(excel.value.path()).read_bytes()))
            rows = list(workbook["Scores"].iter_rows(values_only=True))
            scores = {row[0]: row[rows[0].index("Score")] for row in rows[1:7]}
            assert scores == {t.code: t.score for t in chosen.tactics}
            deck_button = page.get_by_role("button", name=re.compile(r"PowerPoint deck \(\.pptx\)"))
            if not deck_button.is_visible():
                page.get_by_role("button", name="Take the results away").click()
            with page.expect_download() as deck:
                deck_button.click()
            slides = Presentation(io.BytesIO(Path(deck.value.path()).read_bytes())).slides
            text = " ".join(shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame)
            assert "Operations" in text
        finally:
            browser.close()
