"""Text from a file is text, in a real browser: a workbook whose comments, department names, period labels,
function values, a column header, evidence rows, file name and a loaded action plan hold Markdown links, images,
autolinks, bare addresses, HTML and $maths$ is uploaded, and every page is visited (Home, Overview, the six
tactics, Comments, Checks, Trends, the Meeting's steps), unfiltered and filtered to a planted department and
period. No link to the planted address, no image of it, no maths and no planted bold is rendered, and the small
HTTP server the planted images point at receives no request. Drives Debian's Chromium through Playwright with
tests/test_browser.py's server fixture.
"""

from __future__ import annotations

import contextlib
import io
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from browser_stack import CHROMIUM, CHROMIUM_ARGS
from test_browser import UI_TIMEOUT_MS, Server, _wait_script_idle, streamlit_server  # noqa: F401 (a fixture)

from alignment.tactics import TACTICS
from ui.page_list import NAV_NAMES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "alignment_sample.xlsx"
EVIL = "evil.example"
LINK = f"[Reset your password](http://{EVIL}/x)"
BOLD = "planted-bold"


class PixelServer:
    """A local HTTP server that logs every request: a planted image that renders fetches from it."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        log = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                log.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/gif")
                self.end_headers()
                self.wfile.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def image(self, name: str) -> str:
        return f"![{name}](http://127.0.0.1:{self.port}/{name}.png)"


@pytest.fixture
def pixel_server() -> Iterator[PixelServer]:
    server = PixelServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()


def payload(pixels: PixelServer, name: str) -> str:
    """Every kind of live Markdown at once."""
    return (
        f"{name}: {LINK} {pixels.image(name)} <http://{EVIL}/auto> http://{EVIL}/bare www.{EVIL} "
        f"<b>{BOLD}</b> <img src=http://127.0.0.1:{pixels.port}/{name}-html.png> $x^2$ budget"
    )


def planted_workbook(pixels: PixelServer) -> bytes:
    """The sample workbook with planted text in every kind of field a page shows."""
    sheets = pd.read_excel(SAMPLE, sheet_name=None, dtype=object)
    departments = {
        "Sales": f"Sales {LINK}",  # big enough to be chosen in the filter
        "Legal": f"Legal {pixels.image('department')}",  # too small: named in the 'hidden' notes
        "Marketing": f"Marketing <http://{EVIL}/m> <b>{BOLD}</b> $x^2$",
        "HR": f"HR http://{EVIL}/hr {pixels.image('hr')}",
    }
    periods = {"2025-Q4": "2025-Q4 $x^2$", "2026-Q1": f"2026-Q1 {LINK}"}
    responses = sheets["Responses"]
    responses["department"] = responses["department"].replace(departments)
    responses["period"] = responses["period"].replace(periods)
    responses.loc[responses.index[:8], "function"] = LINK  # an unknown function value, a minority: a warning
    for column in [c for c in responses.columns if str(c)[:5].endswith("-O")]:  # every open question
        responses.loc[responses.index[::2], column] = payload(pixels, f"comment-{column[:3]}")
    responses[f"Notes {pixels.image('header')} {LINK}"] = "x"  # a column no statement matches
    for name, column in (("Departments", "department"), ("Engagements", "department"), ("WorkItems", "department")):
        sheets[name][column] = sheets[name][column].replace(departments)
    sheets["KPIs"].loc[0, "kpi"] = payload(pixels, "kpi")
    sheets["Initiatives"]["sponsor_department"] = sheets["Initiatives"]["sponsor_department"].replace(departments)
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return out.getvalue()


def planted_plan(pixels: PixelServer, status: str = "open") -> str:
    return (
        "Action,Owner,Due,Tactic,Status,Notes\n"
        f'"{payload(pixels, "action")}","<b>{BOLD}</b> {LINK}",2026-03-31,REL,"{status}","{pixels.image("notes")}"\n'
    )


def assert_nothing_rendered(page, pixels: PixelServer, where: str) -> None:
    page.wait_for_timeout(500)  # images would be requested by now
    found = {
        "links to the planted address": page.locator(f'a[href*="{EVIL}"]').count(),
        "planted images": page.locator(f'img[src*="127.0.0.1:{pixels.port}"]').count(),
        "maths": page.locator(".katex").count(),
        "planted bold": page.locator("b, strong").filter(has_text=re.compile(f"^{BOLD}$")).count(),
    }
    rendered = {what: n for what, n in found.items() if n}
    assert not rendered, f"{where}: {rendered}"
    assert not pixels.requests, f"{where}: the planted images were fetched: {pixels.requests}"


def assert_shown_as_text(page, text: str, where: str) -> None:
    """The planted text is on the page, as text (so the page did show it, escaped)."""
    from playwright.sync_api import expect

    shown = page.locator('[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]').filter(has_text=text)
    expect(shown.first, where).to_be_attached()


def visit(page, name: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name, exact=True).click()
    page.wait_for_timeout(300)
    _wait_script_idle(page)


def choose(page, label: str, option: str) -> None:
    """Pick a sidebar filter's option. The sidebar keeps its scroll from page to page (the filters stay drawn), and a
    select box closes its list when the sidebar scrolls under the click: bring the box into view first."""
    box = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name=label, exact=True)
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    _wait_script_idle(page)


def test_planted_links_images_html_and_maths_render_as_text_on_every_page(
    streamlit_server: Server,  # noqa: F811
    pixel_server: PixelServer,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    workbook = tmp_path / "survey $x^2$ [Reset your password](evil.example) <b>planted-bold<b>.xlsx"
    workbook.write_bytes(planted_workbook(pixel_server))
    bad_plan, plan = tmp_path / "bad-plan.csv", tmp_path / "plan.csv"
    bad_plan.write_text(planted_plan(pixel_server, status=f"$x^2$ {LINK}"), encoding="utf-8")
    plan.write_text(planted_plan(pixel_server), encoding="utf-8")
    pages = ["Overview", *(f"{t.code} · {NAV_NAMES[t.code]}" for t in TACTICS), "Comments", "Checks", "Trends"]

    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(UI_TIMEOUT_MS)
        try:
            page.goto(streamlit_server.url + "/", wait_until="domcontentloaded")
            page.wait_for_selector("input[type=file]", state="attached")
            page.locator("input[type=file]").first.set_input_files(str(workbook))
            expect(page.get_by_text("3. Check what was read")).to_be_visible()
            expect(page.locator('[data-testid="stAlert"]').filter(has_text="Reset your password").first).to_be_visible()
            _wait_script_idle(page)
            assert_nothing_rendered(page, pixel_server, "Home")
            assert_shown_as_text(page, "survey $x^2$ [Reset your password](evil.example)", "Home")

            visit(page, "Overview")
            choose(page, "Survey period", "All periods")  # every round's planted text (the app opens on the latest)
            for name in pages:
                visit(page, name)
                assert_nothing_rendered(page, pixel_server, name)
            assert_shown_as_text(page, "2026-Q1 [Reset your password](http:", "Trends")

            visit(page, "Comments")
            page.locator('[data-testid="stExpander"] summary').first.click()  # a theme's examples
            assert_shown_as_text(page, "comment-", "Comments")
            assert_nothing_rendered(page, pixel_server, "Comments, a theme open")

            visit(page, "Overview")  # (the unknown function value is a note on Home: counted in the whole, not split)
            choose(page, "Survey period", "2026-Q1 [Reset your password](http://evil.example/x)")
            choose(page, "Department", "Sales [Reset your password](http://evil.example/x)")
            assert_shown_as_text(page, "department Sales [Reset your password](http:", "Overview, filtered")
            assert_nothing_rendered(page, pixel_server, "Overview, filtered")
            for name in ("REL · Relationships", "Checks", "Trends"):
                visit(page, name)
                assert_nothing_rendered(page, pixel_server, f"{name}, filtered")
            page.get_by_role("button", name="Clear the filters").click()
            _wait_script_idle(page)
            choose(page, "Survey period", "All periods")

            visit(page, "Meeting")
            page.locator("input[type=file]").first.set_input_files(str(bad_plan))
            expect(page.locator('[data-testid="stAlert"]').filter(has_text="status").first).to_be_visible()
            _wait_script_idle(page)
            assert_nothing_rendered(page, pixel_server, "Meeting, a bad plan")
            page.locator("input[type=file]").first.set_input_files(str(plan))
            expect(page.get_by_text("Opened plan.csv (1 action).")).to_be_visible()
            _wait_script_idle(page)
            assert_shown_as_text(page, "action: [Reset your password]", "Meeting's open actions")
            assert_nothing_rendered(page, pixel_server, "Meeting, summary")
            for step in range(len(TACTICS) + 1):
                page.get_by_role("button", name="Next").click()
                expect(page.get_by_text(f"Step {step + 2} of {len(TACTICS) + 2}")).to_be_visible()
                _wait_script_idle(page)
                assert_nothing_rendered(page, pixel_server, f"Meeting, step {step + 2}")
            assert_shown_as_text(page, f"<b>{BOLD}</b>", "Meeting's plan table")
        except Exception as exc:
            with contextlib.suppress(Exception):
                page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
                print(f"failure screenshot: {tmp_path / 'failure.png'}")
            raise AssertionError(f"{exc}{streamlit_server.died_note()}") from exc
        finally:
            browser.close()
