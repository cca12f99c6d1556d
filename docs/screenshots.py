"""README screenshots: drive the app in Chromium and save each main page at 1280 × 720 as PNG.

    python docs/screenshots.py                 # starts the app headless on a free port (sample data)
    python docs/screenshots.py --url URL       # or uses a running app
    python docs/screenshots.py --out DIR       # default: docs/screenshots/

Uses Debian's Chromium (/usr/bin/chromium) through Playwright, with the flags the browser tests use.
Each page is opened by its address in a fresh session, so every shot shows the bundled sample data.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

DEFAULT_OUT = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 720}
HEALTH_TIMEOUT_S = 90
PAGE_TIMEOUT_MS = 120_000
SETTLE_MS = 1_000  # after the charts are drawn, for their transitions
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .every(chart => chart.querySelector('canvas, svg'))"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def app_server() -> Iterator[str]:
    """`streamlit run app.py` on a free local port, headless; stopped afterwards."""
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + HEALTH_TIMEOUT_S
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    raise SystemExit(f"the app exited with code {process.returncode}:\n{log.read().decode(errors='replace')}")
                with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
                if time.monotonic() > deadline:
                    raise SystemExit(f"the app was not up within {HEALTH_TIMEOUT_S} s")
                time.sleep(0.5)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_idle(page) -> None:
    """Until Streamlit's 'Running…' indicator has been gone for a second, then a moment for the charts."""
    status = page.locator('[data-testid="stStatusWidget"]')
    deadline = time.monotonic() + PAGE_TIMEOUT_MS / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        if status.count() == 0 or not status.first.is_visible():
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= 1.0:
                break
        else:
            quiet_since = None
        page.wait_for_timeout(200)
    page.wait_for_function(CHARTS_DRAWN, timeout=PAGE_TIMEOUT_MS)
    page.wait_for_timeout(SETTLE_MS)


def _click(name: str, times: int = 1) -> Callable:
    def act(page) -> None:
        for _ in range(times):
            page.get_by_role("button", name=name).first.click()
            wait_idle(page)

    return act


EXAMPLE_PLAN = [  # (action, owner, due, tactic option, status) typed into the closing step's form
    (
        "Name a relationship manager for HR and Legal",
        "CIO",
        "2026-10-31",
        "REL · Shape close business relationships",
        "in progress",
    ),
    ("Pilot two-week shadowing between IT and Sales", "HR lead", "2026-11-30", "ROT · Rotate IT and business employees", "open"),
    ("Publish the KPI dashboard to both functions", "PMO", "2026-09-30", "MET · Measure with metrics", "done"),
]


def _closing_with_a_plan(page) -> None:
    """Walk to the closing step and add the example actions with the form, as a meeting would."""
    _click("Next", 7)(page)
    for action, owner, due, tactic, status in EXAMPLE_PLAN:
        page.get_by_label("Action", exact=True).fill(action)
        page.get_by_label("Owner", exact=True).fill(owner)
        date = page.locator('[data-testid="stDateInput"]').filter(has=page.get_by_text("Due", exact=True)).locator("input")
        date.fill(due)
        date.press("Enter")
        for label, option in (("Tactic", tactic), ("Status", status)):
            page.get_by_role("combobox", name=label, exact=True).click()
            page.get_by_role("option", name=option, exact=True).click()
        page.get_by_role("button", name="Add the action").click()
        page.get_by_text(f"Added: {action}").wait_for()
        wait_idle(page)
    page.mouse.wheel(0, -10_000)  # back to the top of the step
    page.wait_for_timeout(500)


def _summary_with_last_rounds_plan(page) -> None:
    """Open the example plan (as last round's download) on the summary step, as the next round would."""
    import pandas as pd

    from alignment.actions import actions_csv, clean_actions

    rows = [{"action": a, "owner": o, "due": d, "tactic": t[:3], "status": st} for a, o, d, t, st in EXAMPLE_PLAN]
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "action-plan-last-round.csv"
        plan.write_bytes(actions_csv(clean_actions(pd.DataFrame(rows))[0]))
        page.set_input_files("input[type=file]", str(plan))
        page.get_by_text(f"Opened {plan.name}").wait_for()
    wait_idle(page)


# (file name, address, heading that must show, what to do before the shot)
SHOTS: list[tuple[str, str, str, Callable | None]] = [
    ("home", "/", "IT–business alignment", None),
    ("overview", "/overview", "Overview", None),
    ("tactic-rel", "/rel", "REL · Shape close business relationships", None),
    ("trends", "/trends", "Trends", None),
    ("comments", "/comments", "Comments", None),
    ("checks", "/checks", "Checks", None),
    ("meeting-summary", "/meeting", "Where we stand", _summary_with_last_rounds_plan),
    ("meeting-tactic", "/meeting", "ROT · Rotate IT and business employees", _click("Next", 4)),
    ("meeting-closing", "/meeting", "Actions and next steps", _closing_with_a_plan),
]


def take(url: str, out: Path, only: set[str] | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for name, path, heading, act in SHOTS:
                if only and name not in only:
                    continue
                context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
                page = context.new_page()
                page.set_default_timeout(PAGE_TIMEOUT_MS)
                page.goto(url + path, wait_until="domcontentloaded")
                page.wait_for_selector('[data-testid="stSidebarNav"]')
                wait_idle(page)
                if page.get_by_text("Page not found").count():
                    print(f"skipped {name}: {path} is not a page of this app")
                    context.close()
                    continue
                if act is not None:
                    act(page)
                main = page.locator('[data-testid="stMainBlockContainer"]')
                main.get_by_text(heading, exact=False).first.wait_for()
                wait_idle(page)
                if name == "home":
                    main.locator('[data-testid="stFileUploaderDropzone"]').first.wait_for()
                page.mouse.move(0, VIEWPORT["height"] - 1)  # no hover effects in the shot
                target = out / f"{name}.png"
                page.screenshot(path=str(target))
                written.append(target)
                print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running app (default: start one on a free port)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNGs (default: docs/screenshots)")
    parser.add_argument("--only", nargs="*", help="only these shots, by file name without .png")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"error: {CHROMIUM} not found (install the Debian 'chromium' package)", file=sys.stderr)
        return 2
    only = set(args.only) if args.only else None
    if args.url:
        take(args.url.rstrip("/"), args.out, only)
    else:
        with app_server() as url:
            take(url, args.out, only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
