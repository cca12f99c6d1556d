"""The guided import in a real browser: a raw Google Forms export whose questions are not the item bank's is
uploaded on Home; the app says which tool it recognised and lists only the columns with answers on a scale; two
columns are assigned in a few clicks (one to a statement, one to a tactic as a custom statement), the file loads,
and Home's cards show the scores a hand computation gives. Assigning reruns the mapping editor alone (a fragment);
loading reruns the app. Uses Debian's Chromium through Playwright (see
test_browser.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from browser_stack import CHROMIUM, CHROMIUM_ARGS
from script_runs import APP, FRAGMENT, ScriptRuns
from test_browser import UI_TIMEOUT_MS, Server, _wait_script_idle, streamlit_server  # noqa: F401 (a fixture)

UPLOAD = "Team survey (Responses) - Form Responses 1.csv"
FREQUENCY = ["Never", "Rarely", "Sometimes", "Often", "Always"]
AGREEMENT = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
PLANNING = "How often do you and IT plan your work together?"
DESK = "My requests to the service desk are handled well"
# 12 people: (planning together, service desk) as positions 1-5 on each column's scale
ANSWERS = [(4, 2), (5, 3), (3, 3), (4, 4), (2, 1), (5, 5), (4, 3), (3, 2), (1, 2), (4, 4), (5, 4), (3, 5)]


def raw_export() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Timestamp", "Email Address", "Which team are you in?", PLANNING, DESK, "Anything else?"])
    for n, (planning, desk) in enumerate(ANSWERS, start=1):
        stamp = f"2026/03/{n:02d} 10:{n:02d}:00 AM GMT+1"
        writer.writerow(
            [stamp, f"p{n}@example.com", ("Sales", "Finance")[n % 2], FREQUENCY[planning - 1], AGREEMENT[desk - 1], ""]
        )
    return buffer.getvalue().encode("utf-8")


def by_hand() -> tuple[str, str]:
    """REL: the mean of the planning answers (one statement per person); TRU: the mean of the service desk's."""
    rel = sum(p for p, _ in ANSWERS) / len(ANSWERS)
    tru = sum(d for _, d in ANSWERS) / len(ANSWERS)
    return f"{rel:.2f}", f"{tru:.2f}"


def _pick(page, label: str, typed: str, option_text: str) -> None:
    """Choose in a selectbox by typing part of the option, then wait for the rerun (a new column brings its own
    'Asks' picker)."""
    page.get_by_role("combobox", name=label, exact=True).click()
    page.keyboard.type(typed)
    page.get_by_role("option").filter(has_text=option_text).first.click()
    _wait_script_idle(page)


def test_two_columns_assigned_in_the_guided_import_give_the_scores_a_hand_computation_gives(
    streamlit_server: Server,  # noqa: F811
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    upload = tmp_path / UPLOAD
    upload.write_bytes(raw_export())
    rel, tru = by_hand()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(UI_TIMEOUT_MS)
        runs = ScriptRuns(page)
        try:
            page.goto(streamlit_server.url + "/", wait_until="domcontentloaded")
            page.wait_for_selector("input[type=file]", state="attached")
            page.locator("input[type=file]").first.set_input_files(str(upload))
            expect(page.get_by_text("Recognised a Google Forms export.")).to_be_visible()
            _wait_script_idle(page)
            body = page.locator('[data-testid="stMain"]').inner_text()
            assert "nothing matched yet" in body
            assert "--mapping" not in body and "sheet of" not in body
            grid = page.locator('[data-testid="stDataFrame"]').first
            expect(grid).to_be_visible()
            assert grid.bounding_box()["height"] < 300  # two candidate columns, not a window onto every column

            _pick(page, "Column", PLANNING[:12], PLANNING)
            _pick(page, "Asks", "REL-1", "REL-1 · ")
            assert runs.after(page.get_by_role("button", name="Assign", exact=True).click, page) == [FRAGMENT]
            expect(page.get_by_text("1 assignment not loaded yet.")).to_be_visible()
            _pick(page, "Column", DESK[:12], DESK)
            _pick(page, "Asks", "TRU · your", "TRU · your own statement")
            page.get_by_role("button", name="Assign", exact=True).click()
            _wait_script_idle(page)
            expect(page.get_by_text("2 assignments not loaded yet.")).to_be_visible()
            assert APP in runs.after(page.get_by_role("button", name="Load with these columns").click, page)

            cards = page.locator('[data-testid="stMetric"]').filter(
                has=page.locator('[data-testid="stMetricLabel"]', has_text="Score")
            )
            expect(cards.filter(has_text=rel).first).to_be_visible()
            scores = [card.locator('[data-testid="stMetricValue"]').inner_text().strip() for card in cards.all()]
            assert sorted(scores) == sorted([rel, tru, *["Not asked"] * 4])
            page.screenshot(path=str(tmp_path / "guided.png"), full_page=True)
        except Exception as exc:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            print(f"failure screenshot: {tmp_path / 'failure.png'}")
            raise AssertionError(f"{exc}{streamlit_server.died_note()}") from exc
        finally:
            browser.close()
