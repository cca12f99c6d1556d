"""The workspace in a real browser (issue 20, "Done when"): the owner creates a workspace on Home; a team, in a
second browser context, contributes through the round's link and sees its own upload only; the owner closes the
round, opens the next, keeps an action in the meeting; the team contributes to the second round; the owner closes
it; a fresh owner session opens the workspace with the passphrase and sees the trend over the two rounds and last
round's plan in the meeting, marks the action done, and the workspace keeps the change.

A real `streamlit run` server on a free port (tests/test_browser.py's fixture) with the workspace's DuckDB file in
a temporary data folder (ALIGNMENT_DATA_DIR); Debian's Chromium through Playwright (skipped locally without them,
a failure with CI=true)."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from browser_stack import CHROMIUM, CHROMIUM_ARGS
from test_browser import UI_TIMEOUT_MS, Server, _wait_script_idle, streamlit_server  # noqa: F401 (a fixture)
from test_meeting_browser import STATUS_COLUMN, _edit_cell
from test_workspace_app import FIRST, PASSPHRASE, SECOND

from alignment.analysis import analyze
from alignment.dataset import Dataset
from alignment.workspace import DuckDBStore, Workspace

ACTION = "Pilot two-week shadowing between IT and Sales"
NOTE = "Sales asked for the rotation calendar first"


@pytest.fixture
def workspace_server(tmp_path: Path, monkeypatch, request) -> tuple[Server, Path]:
    """The app's server, its workspace in tmp_path/data (the server inherits the environment)."""
    data = tmp_path / "data"
    monkeypatch.setenv("ALIGNMENT_DATA_DIR", str(data))
    monkeypatch.delenv("ALIGNMENT_DATABASE_URL", raising=False)
    return request.getfixturevalue("streamlit_server"), data


def _go(page, name: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name, exact=True).click()
    _wait_script_idle(page)


def _workspace_panel(page, url: str) -> None:
    from playwright.sync_api import expect

    page.goto(url + "/", wait_until="domcontentloaded")
    panel = page.get_by_text("Work in a workspace: rounds that remember")
    expect(panel).to_be_visible(timeout=UI_TIMEOUT_MS)
    _wait_script_idle(page)
    panel.click()


def _round_link(page, round_name: str) -> str:
    """The contribution link of an open round, read from the Rounds page."""
    from playwright.sync_api import expect

    code = page.locator('[data-testid="stCode"]').filter(has_text="contribute=")
    card = page.locator('[data-testid="stVerticalBlock"]').filter(has_text=f"{round_name} · open").filter(has=code).last
    link = card.locator('[data-testid="stCode"]').filter(has_text="contribute=")
    expect(link).to_be_visible(timeout=UI_TIMEOUT_MS)
    return link.inner_text().strip()


def _close_round(page, round_name: str) -> None:
    from playwright.sync_api import expect

    _go(page, "Rounds")
    expect(page.get_by_text(f"{round_name} · open · period {round_name} · 1 contribution")).to_be_visible()
    page.get_by_role("button", name=f"Close round {round_name}…").click()
    page.get_by_role("button", name=f"Close round {round_name} now").click()
    expect(page.get_by_text(f"Round {round_name} is closed and frozen")).to_be_visible()
    _wait_script_idle(page)


def _contribute(browser, link: str, round_name: str, file: Path, respondents: int) -> None:
    """A team's session: the link, its files, the seal, and its own results (not the whole)."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    page.goto(link, wait_until="domcontentloaded")
    expect(page.get_by_text(f"Adding to round {round_name}.")).to_be_visible()
    _wait_script_idle(page)
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Your team's survey and evidence files")
    uploader.locator("input[type=file]").set_input_files(str(file))
    seal = page.get_by_role("button", name=f"Seal and add to round {round_name}")
    expect(seal).to_be_enabled()
    seal.click()
    expect(page.get_by_text(f"Added to round {round_name} and sealed")).to_be_visible()
    people = page.locator('[data-testid="stMetric"]').filter(has_text="Respondents").locator('[data-testid="stMetricValue"]')
    expect(people.first).to_have_text(f"{respondents:,}")
    expect(page.get_by_text("Open a workspace", exact=True)).to_be_visible()  # no owner here: the owner's tabs
    context.close()


def test_rounds_that_remember_in_the_browser(workspace_server, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, data = workspace_server
    files = []
    for name, content in (FIRST, SECOND):
        (tmp_path / name).write_bytes(content)
        files.append(tmp_path / name)
    own = [analyze(Dataset.from_files([f])).respondents for f in (FIRST, SECOND)]
    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = None
        try:
            owner_context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = owner_context.new_page()
            page.set_default_timeout(UI_TIMEOUT_MS)

            # The owner creates the workspace, with its first round; the recovery key is shown once.
            _workspace_panel(page, server.url)
            page.get_by_role("tab", name="Create one").click()
            page.get_by_role("textbox", name="Passphrase (at least 10 characters)").fill(PASSPHRASE)
            page.get_by_role("textbox", name="The passphrase again").fill(PASSPHRASE)
            page.get_by_role("textbox", name="First round").fill("2026-Q2")
            page.get_by_text("I understand: without the passphrase and the recovery key").click()
            page.get_by_role("button", name="Create the workspace").click()
            expect(page.get_by_text("Write the recovery key down now: it is shown only this once.")).to_be_visible()
            recovery = page.locator('[data-testid="stCode"]').first.inner_text().strip()
            assert re.fullmatch(r"([A-Z2-7]{4}-){12}[A-Z2-7]{4}", recovery), recovery
            page.get_by_role("button", name="I have written it down").click()
            expect(page.get_by_text("The workspace is open: 1 round.")).to_be_visible()
            _wait_script_idle(page)

            # The Rounds page hands out the round's link; a team contributes through it, in its own browser context.
            _go(page, "Rounds")
            link = _round_link(page, "2026-Q2")
            assert link.startswith(server.url + "/?contribute=")
            _contribute(browser, link, "2026-Q2", files[0], own[0])

            # The owner closes the round, opens the next, and keeps an action and a note in the meeting.
            _close_round(page, "2026-Q2")
            page.get_by_role("textbox", name="Name", exact=True).fill("2026-Q3")
            page.get_by_role("button", name="Open the round").click()
            expect(page.get_by_text("Round 2026-Q3 is open")).to_be_visible()
            _wait_script_idle(page)
            second_link = _round_link(page, "2026-Q3")
            _go(page, "Meeting")
            expect(page.get_by_text("kept in the workspace under round 2026-Q2")).to_be_visible()
            page.get_by_text("Action plan (0)").click()
            page.get_by_label("Action", exact=True).fill(ACTION)
            page.get_by_role("button", name="Add the action").click()
            expect(page.get_by_text(f"Added: {ACTION}")).to_be_visible()
            _wait_script_idle(page)
            notes = page.get_by_role("textbox", name="Notes on this step")
            notes.fill(NOTE)
            expect(notes).to_have_value(NOTE)  # the text is in the field (not lost to a rerun that took the focus)
            _go(page, "Trends")  # straight on to another page: the note is kept all the same

            _contribute(browser, second_link, "2026-Q3", files[1], own[1])
            _close_round(page, "2026-Q3")
            owner_context.close()

            # Another day, a fresh owner session: the passphrase opens it; two rounds in the trend, last round's plan.
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.set_default_timeout(UI_TIMEOUT_MS)
            _workspace_panel(page, server.url)
            page.get_by_role("textbox", name="Passphrase", exact=True).fill(PASSPHRASE)
            page.get_by_role("button", name="Open the workspace").click()
            expect(page.get_by_text("The workspace is open: 2 rounds.")).to_be_visible()
            _wait_script_idle(page)
            _go(page, "Trends")
            expect(page.get_by_text("2 survey periods (2026-Q2 to 2026-Q3)")).to_be_visible()
            expect(page.get_by_text("From 2026-Q2 to 2026-Q3")).to_be_visible()
            _go(page, "Meeting")
            expect(page.get_by_text("The plan opened is round 2026-Q2's")).to_be_visible()
            expect(page.get_by_text(ACTION).first).to_be_visible()
            page.get_by_label("Meeting agenda").get_by_text("Actions and next steps").click()
            _wait_script_idle(page)
            expect(page.locator("table.meeting-table").locator("tr").filter(has_text=ACTION)).to_contain_text("open")
            _edit_cell(page, page.locator('[data-testid="stDataFrame"]').first, column=STATUS_COLUMN, text="done")
            _go(page, "Overview")  # the status change is kept although the next page is another
            context.close()

            owner = Workspace(DuckDBStore(data / "workspace.duckdb")).unlock(PASSPHRASE)
            assert owner.notes("2026-Q2") == {"summary": NOTE}
            assert owner.plan("2026-Q2")["action"].tolist() == [ACTION]
            history = [(h["action"], h["status"]) for h in owner.status_history("2026-Q3")]
            assert history == [(ACTION, "done")]  # the second meeting's plan, kept under the round it discussed
            assert [c.files for c in owner.contributions()] == [[FIRST[0]], [SECOND[0]]]
        except Exception as exc:
            if page is not None:
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
                    print(f"failure screenshot: {tmp_path / 'failure.png'}")
            raise AssertionError(f"{exc}{server.died_note()}") from exc
        finally:
            browser.close()
