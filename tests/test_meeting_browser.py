"""A meeting in a real browser: walk from the summary to the closing step with Next, add an action, download
the action plan (CSV and Excel) and open the workbook again in a new session (the next round's meeting),
where the action is listed with its status; mark it done in the plan's grid, and the plan on screen and its
download follow. Drives Debian's Chromium through Playwright, as tests/test_browser.py does (same server
fixture; skipped locally without Chromium or Playwright, a failure with CI=true).
"""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

from browser_stack import CHROMIUM, CHROMIUM_ARGS
from script_runs import APP, FRAGMENT, ScriptRuns
from test_browser import UI_TIMEOUT_MS, Server, _wait_script_idle, streamlit_server  # noqa: F401 (a fixture)

ACTION = "Pilot two-week shadowing between IT and Sales"
OWNER = "Dana Ortiz"
DUE = "2026-03-31"
NOTE = "HR and Legal still have no relationship manager"
STEPS = 8
STATUS_COLUMN = 4  # action, owner, due, tactic, status, notes
NOTES_COLUMN = 5
ROW_HEIGHT = 35  # Streamlit's data grid: header and rows


def _step(page, number: int) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_text(f"Meeting · Step {number} of {STEPS}", exact=True)).to_be_visible(timeout=UI_TIMEOUT_MS)
    _wait_script_idle(page)


def _choose(page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by its label."""
    page.get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def _edit_cell(page, grid, column: int, text: str, row: int = 0) -> None:
    """Type into a cell of Streamlit's data grid: click the row's first cell, move right, Enter opens the
    cell's editor, type, Enter commits; then until the app has rerun."""
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 80, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)
    page.wait_for_timeout(300)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    page.keyboard.type(text)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    _wait_script_idle(page)


def _open_meeting(browser, url: str, runs: list | None = None):
    """A new session on the meeting's first step; with `runs`, a ScriptRuns of the page is appended to it."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    if runs is not None:
        runs.append(ScriptRuns(page))
    page.set_default_timeout(UI_TIMEOUT_MS)
    page.goto(url + "/meeting", wait_until="domcontentloaded")
    _step(page, 1)
    return context, page


def _failed(page, tmp_path: Path, server: Server, exc: Exception) -> None:
    """Fail with a screenshot of the page (when there is one) and the server's state."""
    if page is not None:
        with contextlib.suppress(Exception):
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            print(f"failure screenshot: {tmp_path / 'failure.png'}")
    raise AssertionError(f"{exc}{server.died_note()}") from exc


def test_a_meeting_from_summary_to_closing_leaves_with_a_plan_that_opens_again(streamlit_server: Server, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = None
        try:
            context, page = _open_meeting(browser, streamlit_server.url)
            expect(page.locator(".meeting-title")).to_have_text("Where we stand")
            titles = ["REL · Shape close business relationships", "TRU · Get trust", "MET · Measure with metrics"]
            titles += ["ROT · Rotate IT and business employees", "ASM · Conduct ongoing assessments", "SRV · Learn from surveys"]
            for number, title in enumerate([*titles, "Actions and next steps"], start=2):
                page.get_by_role("button", name="Next").click()
                _step(page, number)
                expect(page.locator(".meeting-title")).to_have_text(title)
                if number <= 7:  # a tactic step: its numbers and what the checks found
                    expect(page.get_by_text("Distance to target", exact=True)).to_be_visible()
                    expect(page.get_by_text("What the checks found, and what to do")).to_be_visible()
                if number == 2:  # a note typed, then straight on to the next step
                    page.get_by_role("textbox", name="Notes on this step").click()
                    page.keyboard.type(NOTE)
            expect(page.get_by_role("button", name="Next")).to_be_disabled()

            # Closing: the action plan is open; add an action with the form.
            page.get_by_label("Action", exact=True).fill(ACTION)
            page.get_by_label("Owner", exact=True).fill(OWNER)
            due = page.locator('[data-testid="stDateInput"]').filter(has=page.get_by_text("Due", exact=True)).locator("input")
            due.fill(DUE)
            due.press("Enter")
            _choose(page, "Tactic", "ROT · Rotate IT and business employees")
            _choose(page, "Status", "in progress")
            page.get_by_role("button", name="Add the action").click()
            expect(page.get_by_text(f"Added: {ACTION}")).to_be_visible()
            _wait_script_idle(page)
            plan = page.locator("table.meeting-table")
            expect(plan).to_contain_text(ACTION)
            expect(plan).to_contain_text("in progress")
            expect(page.get_by_text("Action plan (1)")).to_be_visible()

            # The note typed on the REL step just before Next is in the meeting notes.
            with page.expect_download() as download_info:
                page.get_by_role("button", name="Meeting notes (Markdown)").click()
            minutes = tmp_path / "notes.md"
            download_info.value.save_as(minutes)
            assert f"### REL · Shape close business relationships\n\n{NOTE}\n" in minutes.read_text(encoding="utf-8")

            # Download it.
            with page.expect_download() as download_info:
                page.get_by_role("button", name="Plan as CSV").click()
            download = download_info.value
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
            assert saved.suffix == ".csv"
            rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
            assert rows == [{"Action": ACTION, "Owner": OWNER, "Due": DUE, "Tactic": "ROT", "Status": "in progress", "Notes": ""}]
            with page.expect_download() as download_info:  # and as a workbook, which the next round opens
                page.get_by_role("button", name="Plan as Excel").click()
            workbook = tmp_path / download_info.value.suggested_filename
            download_info.value.save_as(workbook)
            assert workbook.suffix == ".xlsx"
            context.close()

            # The next round: a new session opens the plan at the summary step.
            context, page = _open_meeting(browser, streamlit_server.url)
            expect(page.get_by_text("No actions yet.")).to_be_visible()
            bad = tmp_path / "not-a-plan.csv"
            bad.write_text("name,score\nAda,3\n", encoding="utf-8")
            page.set_input_files("input[type=file]", str(bad))
            expect(page.get_by_text("has no 'Action' column")).to_be_visible()
            page.set_input_files("input[type=file]", str(workbook))
            expect(page.get_by_text(f"Opened {workbook.name} (1 action).")).to_be_visible()
            _wait_script_idle(page)
            expect(page.get_by_text("1 action: 1 in progress.", exact=True)).to_be_visible()
            expect(page.get_by_text("Action plan (1)")).to_be_visible()
            page.get_by_label("Meeting agenda").get_by_text("Actions and next steps").click()
            _step(page, STEPS)
            plan = page.locator("table.meeting-table")
            row = plan.locator("tr").filter(has_text=ACTION)
            expect(row).to_contain_text("in progress")
            expect(row).to_contain_text(OWNER)
            expect(row).to_contain_text(DUE)
            expect(row).to_contain_text("ROT")

            # The room marks it done in the plan's grid (a canvas: keyboard from its first cell) and looks at
            # another page; back in the meeting, the plan on screen and its download have it done.
            grid = page.locator('[data-testid="stDataFrame"]').first
            _edit_cell(page, grid, column=STATUS_COLUMN, text="done")
            page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Overview", exact=True).click()
            page.wait_for_url("**/overview*")
            _wait_script_idle(page)
            page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Meeting", exact=True).click()
            _step(page, STEPS)
            expect(grid.locator("td").nth(STATUS_COLUMN)).to_have_text("done")  # the grid's accessible copy
            expect(row).to_contain_text("done")
            expect(page.locator(".meeting-figure").filter(has_text="Done")).to_contain_text("1")
            with page.expect_download() as download_info:
                page.get_by_role("button", name="Plan as CSV").click()
            again = tmp_path / "again.csv"
            download_info.value.save_as(again)
            assert [r["Status"] for r in csv.DictReader(io.StringIO(again.read_text(encoding="utf-8-sig")))] == ["done"]
            context.close()
        except Exception as exc:
            _failed(page, tmp_path, streamlit_server, exc)
        finally:
            browser.close()


def test_an_edit_in_the_plan_grid_reruns_the_grid_alone_unless_the_page_shows_what_changed(
    streamlit_server: Server,  # noqa: F811
    tmp_path: Path,
) -> None:
    """On a tactic step the page shows only the plan's count: a note typed into the grid reruns the grid's fragment
    and nothing else. The closing step shows the plan as a table: an edit there reruns the whole page, which shows
    it at once."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = None
        try:
            watched: list[ScriptRuns] = []
            _, page = _open_meeting(browser, streamlit_server.url, watched)
            runs = watched[0]
            page.get_by_role("button", name="Next").click()
            _step(page, 2)
            page.get_by_text("Action plan (0)").click()
            page.get_by_label("Action", exact=True).fill(ACTION)
            page.get_by_role("button", name="Add the action").click()
            expect(page.get_by_text("Action plan (1)")).to_be_visible()
            _wait_script_idle(page)
            grid = page.locator('[data-testid="stDataFrame"]').first
            ends = runs.after(lambda: _edit_cell(page, grid, column=NOTES_COLUMN, text="pilot first"), page)
            assert ends == [FRAGMENT], ends
            expect(grid.locator("td").nth(NOTES_COLUMN)).to_have_text("pilot first")

            page.get_by_label("Meeting agenda").get_by_text("Actions and next steps").click()
            _step(page, STEPS)
            row = page.locator("table.meeting-table").locator("tr").filter(has_text=ACTION)
            expect(row).to_contain_text("open")
            grid = page.locator('[data-testid="stDataFrame"]').first
            expect(grid.locator("td").nth(NOTES_COLUMN)).to_have_text("pilot first")  # the note was kept
            ends = runs.after(lambda: _edit_cell(page, grid, column=STATUS_COLUMN, text="done"), page)
            assert ends and ends[-1] == APP, ends
            expect(row).to_contain_text("done")  # without leaving the page
        except Exception as exc:
            _failed(page, tmp_path, streamlit_server, exc)
        finally:
            browser.close()
