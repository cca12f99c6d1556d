"""Downloads that never lose a click: on the Meeting's closing step, "Plan as CSV" then at once "Plan as Excel"
(built on the click) both arrive whole, and no download button reruns its page (a rerun dropped the file being
built for the next click: "Deferred file … not found"). The browser part drives Debian's Chromium through
Playwright with tests/test_browser.py's server fixture; the rest is AppTest. The lost click depended on timing
(a rerun still running when the second click came); the AppTest check is the one that fails whenever a
download button would rerun its page.
"""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

import openpyxl
import pytest
from browser_stack import CHROMIUM, CHROMIUM_ARGS
from streamlit.testing.v1 import AppTest
from test_browser import UI_TIMEOUT_MS, Server, _wait_script_idle, streamlit_server  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent
ACTION = "Agree a shared KPI with Finance"


def _download_buttons(at: AppTest) -> list:
    return [element.proto for element in at.get("download_button")]


@pytest.mark.parametrize(
    "page", ["pages/home.py", "pages/overview.py", "pages/checks.py", "pages/meeting.py", "pages/settings.py"]
)
def test_no_download_button_reruns_its_page(page: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page).run()
    if page == "pages/meeting.py":  # the closing step: the plan's, the notes' and the report's downloads
        at.sidebar.radio(key="meeting_agenda").set_value(7).run()
    assert not at.exception
    buttons = _download_buttons(at)
    assert buttons, f"{page} should have download buttons"
    assert [b.label for b in buttons if not b.ignore_rerun] == []


def test_plan_as_csv_then_at_once_as_excel_both_arrive(streamlit_server: Server, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(UI_TIMEOUT_MS)
        try:
            page.goto(streamlit_server.url + "/meeting", wait_until="domcontentloaded")
            page.get_by_label("Meeting agenda").get_by_text("Actions and next steps").click()
            expect(page.get_by_text("Meeting · Step 8 of 8", exact=True)).to_be_visible()
            _wait_script_idle(page)
            page.get_by_label("Action", exact=True).fill(ACTION)
            page.get_by_role("button", name="Add the action").click()
            expect(page.get_by_text(f"Added: {ACTION}")).to_be_visible()
            _wait_script_idle(page)

            downloads: list = []
            page.on("download", lambda download: downloads.append(download))
            # the lost click came while the page reran after the first: two clicks at once, and a moment apart
            for attempt, pause in enumerate((0, 50, 150, 300, 600, 1000)):
                downloads.clear()
                page.get_by_role("button", name="Plan as CSV").first.click()
                page.wait_for_timeout(pause)
                page.get_by_role("button", name="Plan as Excel").first.click()
                page.wait_for_timeout(200)
                for _ in range(100):
                    if len(downloads) == 2:
                        break
                    page.wait_for_timeout(200)
                assert sorted(Path(d.suggested_filename).suffix for d in downloads) == [".csv", ".xlsx"], attempt
                for download in downloads:
                    saved = tmp_path / f"{attempt}-{download.suggested_filename}"
                    download.save_as(saved)
                    if saved.suffix == ".csv":
                        rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
                        assert [r["Action"] for r in rows] == [ACTION]
                    else:
                        sheet = openpyxl.load_workbook(saved, read_only=True).worksheets[0]
                        values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
                        assert ACTION in values
            assert "not found" not in streamlit_server.log_path.read_text(errors="replace")
        except Exception as exc:
            with contextlib.suppress(Exception):
                page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            raise AssertionError(f"{exc}{streamlit_server.died_note()}") from exc
        finally:
            browser.close()
