"""What a leader sees first, on a projector at 1280 x 720: the Overview's first screen, before any scrolling,
holds the answer (where to start) and the department filter, with the latest survey round chosen by default.
Drives Debian's Chromium through Playwright with tests/test_browser.py's server fixture."""

from __future__ import annotations

from pathlib import Path

from browser_stack import CHROMIUM, CHROMIUM_ARGS
from test_browser import UI_TIMEOUT_MS, Server, _wait_script_idle, streamlit_server  # noqa: F401 (a fixture)

from alignment.dataset import load_dataset
from alignment.results import results
from alignment.selection import Selection

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "alignment_sample.xlsx"
VIEWPORT = {"width": 1280, "height": 720}


def _on_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"]


def test_the_overview_first_screen_answers_where_to_start_with_the_filters_at_hand(streamlit_server: Server) -> None:  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    sample = load_dataset([str(SAMPLE)])
    latest = sorted(sample.periods())[-1]
    headline = results(sample, None, Selection(latest)).headline
    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.set_default_timeout(UI_TIMEOUT_MS)
            page.goto(streamlit_server.url + "/overview", wait_until="domcontentloaded")
            expect(page.get_by_text("Where to start.", exact=False).first).to_be_visible()
            _wait_script_idle(page)
            answer = page.get_by_text(headline.sentence[:60], exact=False).first
            assert _on_first_screen(answer), answer.bounding_box()
            sidebar = page.locator('[data-testid="stSidebar"]')
            department = sidebar.get_by_text("Department", exact=True).first
            period = sidebar.locator('[data-testid="stSelectbox"]').first
            assert _on_first_screen(department), department.bounding_box()
            assert _on_first_screen(period), period.bounding_box()
            chosen = sidebar.get_by_role("combobox", name="Survey period")
            assert chosen.input_value() == latest  # the latest round, not a blend of every round
            assert _on_first_screen(page.get_by_text(f"period {latest}.", exact=False).first)  # the banner says so
            downloads = page.get_by_role("button", name="Take the results away")
            assert _on_first_screen(downloads), downloads.bounding_box()
        finally:
            browser.close()
