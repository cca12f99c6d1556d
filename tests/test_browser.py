"""End-to-end test in a real browser: upload a survey on Home, read the alignment index on Overview.

Runs `streamlit run app.py` on a free local port and drives the Debian Chromium at /usr/bin/chromium
through Playwright (no Playwright-downloaded browser is ever needed). Outside CI the test is skipped
when Chromium or Playwright is missing; with CI=true that is a failure instead.
"""

from __future__ import annotations

import contextlib
import csv
import io
import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from browser_stack import CHROMIUM, CHROMIUM_ARGS, require_browser_stack

from alignment.analysis import analyze
from alignment.dataset import Dataset
from alignment.items import LIKERT_ITEMS

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_FILE = REPO_ROOT / "sample_data" / "responses.csv"
UPLOAD_NAME = "browser_e2e_survey.csv"
HEALTH_TIMEOUT_S = 60
UI_TIMEOUT_MS = 60_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _survey_csv() -> bytes:
    """12 respondents (6 IT, 6 Business), one period, every Likert item answered with a number.

    Answers lean favourable, so the alignment index is well away from the bundled sample's."""
    rng = random.Random(20240611)
    item_ids = [item.id for item in LIKERT_ITEMS]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["respondent_id", "period", "function", "department", *item_ids])
    for n in range(1, 13):
        function = "IT" if n <= 6 else "Business"
        department = ("Infrastructure", "Applications")[n % 2] if function == "IT" else ("Finance", "Sales")[n % 2]
        answers = []
        for item in LIKERT_ITEMS:
            favourable = rng.choice((4, 4, 5, 5, 5, 3))
            answers.append(6 - favourable if item.reverse else favourable)
        writer.writerow([f"E2E-{n:02d}", "2026-Q1", function, department, *answers])
    return out.getvalue().encode("utf-8")


def _expected_index(name: str, data: bytes) -> str:
    analysis = analyze(Dataset.from_file(name, data))
    assert analysis.alignment_index is not None, "the test survey should produce an alignment index"
    return f"{analysis.alignment_index:.0f}"


def _wait_healthy(proc: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited early with code {proc.returncode}:\n{log_path.read_text(errors='replace')}")
        with contextlib.suppress(urllib.error.URLError, OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200 and response.read().decode().strip() == "ok":
                return
        time.sleep(0.5)
    pytest.fail(f"streamlit was not healthy at {url} within {HEALTH_TIMEOUT_S}s:\n{log_path.read_text(errors='replace')}")


class Server(NamedTuple):
    url: str
    proc: subprocess.Popen
    log_path: Path

    def died_note(self) -> str:
        """Explain a failure caused by the server going away (e.g. killed by another process)."""
        if self.proc.poll() is None:
            return ""
        log = self.log_path.read_text(errors="replace")
        return f"\nNOTE: the streamlit server exited during the test (code {self.proc.returncode}); its log:\n{log}"


@pytest.fixture
def streamlit_server(tmp_path: Path) -> Iterator[Server]:
    require_browser_stack()
    port = _free_port()
    log_path = tmp_path / "streamlit.log"
    log = log_path.open("wb")
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_healthy(proc, f"http://127.0.0.1:{port}/_stcore/health", log_path)
        yield Server(f"http://127.0.0.1:{port}", proc, log_path)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)
        log.close()
        print(f"streamlit log: {log_path}")


def test_upload_on_home_shows_alignment_index_on_overview(streamlit_server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    data = _survey_csv()
    upload_path = tmp_path / UPLOAD_NAME
    upload_path.write_bytes(data)
    expected = _expected_index(UPLOAD_NAME, data)
    if SAMPLE_FILE.exists():
        sample = _expected_index(SAMPLE_FILE.name, SAMPLE_FILE.read_bytes())
        assert expected != sample, f"test survey must differ from the sample data (both give {expected})"
    else:
        sample = None

    screenshot = tmp_path / "failure.png"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(UI_TIMEOUT_MS)
            try:
                page.goto(streamlit_server.url + "/", wait_until="domcontentloaded")

                # Home: upload the survey and wait until the app has taken it in.
                page.wait_for_selector("input[type=file]", state="attached")
                page.set_input_files("input[type=file]", str(upload_path))
                # The uploader widget itself lists the file name at once, so look for the app's own text
                # (st.success / st.markdown / st.caption ...) naming the file: that appears only after the rerun.
                confirmation = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text=UPLOAD_NAME)
                expect(confirmation.first).to_be_visible(timeout=UI_TIMEOUT_MS)
                _wait_script_idle(page)

                # Overview via in-app navigation: a full reload would start a new session and lose the upload.
                sidebar_link = page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Overview", exact=True)
                link = sidebar_link if sidebar_link.count() else page.get_by_role("link", name="Overview", exact=True)
                link.first.click()
                page.wait_for_url("**/overview*")

                metric = page.locator('[data-testid="stMetric"]').filter(
                    has=page.locator('[data-testid="stMetricLabel"]', has_text="Alignment index")
                )
                value = metric.first.locator('[data-testid="stMetricValue"]')
                expect(value).to_have_text(expected, timeout=UI_TIMEOUT_MS)
                shown = value.inner_text().strip()
                assert shown == expected
                if sample is not None:
                    assert shown != sample, "Overview still shows the sample data's alignment index"
            except Exception as exc:
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(screenshot), full_page=True)
                    print(f"failure screenshot: {screenshot}")
                note = streamlit_server.died_note()
                if note:
                    raise AssertionError(f"{exc}{note}") from exc
                raise
        finally:
            browser.close()


def test_a_deep_link_as_the_first_request_gets_the_app_not_a_bare_page(streamlit_server: Server) -> None:
    """On a freshly started server, /rot must open inside the app (its navigation, the wide layout), not as a
    lone script from pages/ with file names for navigation, and without a 'Page not found' dialog."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(UI_TIMEOUT_MS)
            page.goto(streamlit_server.url + "/rot", wait_until="domcontentloaded")
            heading = page.get_by_role("heading", name="ROT · Rotate IT and business employees")
            expect(heading.first).to_be_visible(timeout=UI_TIMEOUT_MS)
            _wait_script_idle(page)
            navigation = page.locator('[data-testid="stSidebarNav"]')
            expect(navigation.get_by_role("link", name="Overview", exact=True)).to_be_visible()
            assert navigation.get_by_role("link", name="app", exact=True).count() == 0
            assert page.get_by_text("Page not found").count() == 0
            width = page.locator('[data-testid="stMainBlockContainer"]').first.bounding_box()["width"]
            assert width > 900, f"main column is {width:.0f} px wide: the wide layout was not applied"
        except Exception as exc:
            raise AssertionError(f"{exc}{streamlit_server.died_note()}") from exc
        finally:
            browser.close()


def _wait_script_idle(page) -> None:
    """Wait until Streamlit's 'Running...' status widget is gone (the script rerun finished)."""
    status = page.locator('[data-testid="stStatusWidget"]')
    deadline = time.monotonic() + UI_TIMEOUT_MS / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        if status.count() == 0 or not status.first.is_visible():
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= 1.0:
                return
        else:
            quiet_since = None
        page.wait_for_timeout(200)


def test_helpers_produce_distinct_survey() -> None:
    """Cheap sanity check of the generated survey, independent of the browser stack."""
    data = _survey_csv()
    assert data.splitlines()[0].decode().startswith("respondent_id,period,function,department,REL-1")
    analysis = analyze(Dataset.from_file(UPLOAD_NAME, data))
    assert analysis.respondents == 12
    assert analysis.alignment_index is not None
