"""Load and isolation benchmark: many concurrent browser sessions against one `streamlit run app.py`.

    python -m bench.load [--sessions 20] [--respondents N] [--visits 5] [--out docs/PERFORMANCE.md]
    python -m bench.load --limit-one-core-2.7gb [--limit-mechanism auto|cgroup|rlimit-as|rlimit-data|monitor]

What it does:

1. Starts the app (``streamlit run app.py --server.headless true`` on a free local port) and waits for
   ``/_stcore/health``; one warm-up visit of Home (the sample data) makes the server import everything.
2. Writes one survey CSV per session into a temporary folder, each with a unique file name
   (``load_session_07.csv``), a unique department name (``Unit-Session-07``, replacing the first data row's
   department in every row) and a unique respondent count (session i drops the last i rows). The base
   survey is ``sample_data/responses.csv`` (240 respondents), or with ``--respondents N`` the synthetic
   survey of ``bench/synthetic.py`` (cached in ``bench/.data/``).
3. Opens one Chromium (the Debian one at /usr/bin/chromium, through Playwright) with one browser context,
   and so one Streamlit session, per survey. All sessions load Home, wait for each other, then upload
   their file at the same time and, ``--visits`` times, open Overview and the REL tactic page through the
   sidebar. A page's time runs in the browser from the click until the script run has finished
   (``stApp`` script state ``notRunning``), the page's title and data banner are there and, on Overview,
   the "Alignment index" metric.
4. After the upload and after every page it reads the page's visible text: the sidebar ("Data: <file>")
   and the banner ("Showing <file>: <n> respondents") must name the session's own file and respondent
   count, and no other session's file name or department name may appear anywhere; a respondent count
   that is another session's is reported as such; where a page lists all the departments (Overview's
   chart), the session's own must be among them. Every such finding is an isolation violation.
5. Samples the server's resident memory (VmRSS of the process and its children, every 100 ms; and its
   VmHWM at the end).
6. Writes the results into the report (``--out``) between ``<!-- load:start -->`` and
   ``<!-- load:end -->`` (appended when missing; ``bench/run.py`` keeps the block when it rewrites the
   file). A scenario not run this time keeps its previous row: each block carries its results as JSON.

``--limit-one-core-2.7gb`` is Streamlit Community Cloud's ceiling: the server on one core (CPU affinity,
the browser on the other cores) and 2.7 GB of memory, by default three sessions of 100k respondents. The
memory limit is enforced by the first mechanism that works here (``--limit-mechanism auto``): a cgroup v2
child with ``memory.max`` and ``cpu.max``; else ``RLIMIT_AS``, else ``RLIMIT_DATA``, each kept only if the app
starts and every session finishes under it (an rlimit counts reserved address space, so the app can break under
it far below 2.7 GB resident: then the next mechanism runs the scenario again, and the report says why each
was passed over); else nothing (monitoring only). In every case the peak resident memory is compared with 2.7 GB.

Exit code 0 when every session finished, with no isolation violation and (with the limit) within the
memory limit; 1 otherwise; 2 when the benchmark could not start (no Chromium, the app did not start).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import io
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "PERFORMANCE.md"
SAMPLE_CSV = ROOT / "sample_data" / "responses.csv"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCK_START, BLOCK_END = "<!-- load:start -->", "<!-- load:end -->"
RESULT_MARK = "<!-- load:result "
LIMIT_BYTES = 2_700_000_000  # Streamlit Community Cloud: "up to 2.7 GB"
LIMIT_MB = LIMIT_BYTES / 2**20
LIMITED_SESSIONS, LIMITED_RESPONDENTS = 3, 100_000
HEALTH_TIMEOUT_S = 90
SAMPLE_INTERVAL_S = 0.1
MECHANISMS = ("cgroup", "rlimit-as", "rlimit-data", "monitor")
MACHINE_KEYS = ("Platform", "CPU", "Cores", "RAM", "Python", "streamlit", "Load average (1 min) at start / end")
FATAL_LOG_PATTERNS = ("MemoryError", "can't start new thread", "Cannot allocate memory", "std::bad_alloc", "Out of Memory")

# The app's texts this benchmark relies on (pages/home.py, ui.view / ui.data_banner, pages/overview.py).
HOME_TITLE = "IT–business alignment"
LOADED_TEXT = "Showing {name}: "  # Home's status line once the upload is loaded
OVERVIEW = ("overview", "Overview", "Alignment index")  # url path, title prefix, text that must be present
TACTIC = ("rel", "REL ·", "Score")
BANNER_RE = re.compile(r"Showing (.+?): ([\d,]+) respondents")
SIDEBAR_RE = re.compile(r"Data: (.+)")

# In the page: click a sidebar link and resolve when the new page's run has finished (times in ms).
NAVIGATE_JS = """
async ([path, titlePrefix, mustText, timeoutMs]) => {
  const link = document.querySelector(`[data-testid="stSidebarNav"] a[href$="/${path}"]`);
  if (!link) return {error: `no sidebar link to /${path}`};
  const t0 = performance.now();
  link.click();
  return await new Promise((resolve) => {
    const check = () => {
      const ms = performance.now() - t0;
      const exception = document.querySelector('[data-testid="stException"]');
      if (exception) return resolve({ms, error: 'the app raised: ' + exception.innerText.slice(0, 500)});
      const app = document.querySelector('[data-testid="stApp"]');
      const h1 = document.querySelector('[data-testid="stMain"] h1');
      const done = app && app.getAttribute('data-test-script-state') === 'notRunning' && h1 &&
        h1.textContent.trim().startsWith(titlePrefix) && location.pathname.endsWith('/' + path);
      if (done) {
        const text = document.querySelector('[data-testid="stMain"]').innerText;
        if (text.includes('Showing ') && text.includes(mustText)) return resolve({ms});
      }
      if (ms > timeoutMs) {
        const state = app ? app.getAttribute('data-test-script-state') : 'no app';
        return resolve({ms, error: `timed out after ${Math.round(ms)} ms (script state ${state}, ` +
          `title ${h1 ? JSON.stringify(h1.textContent.trim().slice(0, 60)) : 'none'}, path ${location.pathname})`});
      }
      setTimeout(check, 25);
    };
    check();
  });
}
"""
# In the page, before the upload: note the time, then poll until Home confirms the file (window.__loadMs, ms).
UPLOAD_WATCH_JS = """
([titlePrefix, mustText, timeoutMs]) => {
  const t0 = performance.now();
  window.__loadMs = null;
  window.__loadError = null;
  const check = () => {
    const ms = performance.now() - t0;
    const exception = document.querySelector('[data-testid="stException"]');
    if (exception) { window.__loadError = 'the app raised: ' + exception.innerText.slice(0, 500); return; }
    const app = document.querySelector('[data-testid="stApp"]');
    const h1 = document.querySelector('[data-testid="stMain"] h1');
    if (app && app.getAttribute('data-test-script-state') === 'notRunning' && h1 &&
        h1.textContent.trim().startsWith(titlePrefix) &&
        document.querySelector('[data-testid="stMain"]').innerText.includes(mustText)) { window.__loadMs = ms; return; }
    if (ms > timeoutMs) { window.__loadError = `no "${mustText}" after ${Math.round(ms)} ms`; return; }
    setTimeout(check, 50);
  };
  setTimeout(check, 50);
}
"""
IDLE_JS = """
([titlePrefix, mustText]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  if (document.querySelector('[data-testid="stException"]')) return true;
  return !!(app && app.getAttribute('data-test-script-state') === 'notRunning' && h1 &&
    h1.textContent.trim().startsWith(titlePrefix) && (!mustText || document.body.innerText.includes(mustText)));
}
"""


# ------------------------------------------------------------------------------------------ data


@dataclass
class SessionFile:
    index: int
    name: str
    department: str
    respondents: int
    path: Path
    megabytes: float
    kept_departments: tuple[str, ...] = ()  # the base survey's other departments, present in every file


def base_survey(respondents: int | None, data_dir: Path) -> Path:
    if respondents is None:
        return SAMPLE_CSV
    from bench.synthetic import survey_path

    return survey_path(respondents, "csv", data_dir)


def make_session_files(base: Path, sessions: int, folder: Path) -> list[SessionFile]:
    """One survey per session: unique file name, department name and respondent count. The app opens on the latest
    survey round, so each session drops a different number of that round's respondents, and `respondents` is the
    count the default view shows (every respondent when the survey has one round)."""
    from alignment.periods import order_periods

    with base.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header, data = rows[0], rows[1:]
    if len(data) <= sessions:
        raise SystemExit(f"the base survey has {len(data)} respondents; it needs more than {sessions} (one fewer per session)")
    column = header.index("department")
    period_column = header.index("period") if "period" in header else None
    periods = order_periods({row[period_column] for row in data if row[period_column]})[0] if period_column is not None else []
    latest = periods[-1] if len(periods) > 1 else None
    in_latest = [i for i, row in enumerate(data) if latest is None or row[period_column] == latest]
    if len(in_latest) <= sessions:
        raise SystemExit(f"the base survey's latest round has {len(in_latest)} respondents; it needs more than {sessions}")
    renamed = data[0][column]
    kept_departments = tuple(sorted({row[column] for row in data if row[column]} - {renamed, ""}))
    width = max(2, len(str(sessions)))
    files = []
    for i in range(1, sessions + 1):
        name, department = f"load_session_{i:0{width}d}.csv", f"Unit-Session-{i:0{width}d}"
        dropped = set(in_latest[-i:])
        kept = [row for index, row in enumerate(data) if index not in dropped]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in kept:
            if row[column] == renamed:
                row = [*row[:column], department, *row[column + 1 :]]
            writer.writerow(row)
        path = folder / name
        path.write_text(out.getvalue(), encoding="utf-8")
        shown = len(in_latest) - i
        files.append(SessionFile(i, name, department, shown, path, path.stat().st_size / 2**20, kept_departments))
    return files


def upload_limit_mb() -> float:
    try:
        config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
        return float(config.get("server", {}).get("maxUploadSize", 200))
    except (OSError, tomllib.TOMLDecodeError, ValueError):
        return 200.0


# ------------------------------------------------------------------------------------------ server and limits


@dataclass
class Limit:
    mechanism: str  # "none", "cgroup", "rlimit-as", "rlimit-data", "monitor"
    server_cpus: list[int] | None = None
    memory_bytes: int | None = None
    detail: str = ""
    tried: list[str] = field(default_factory=list)
    cgroup: Path | None = None


def _cgroup2_root() -> Path | None:
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) > 2 and parts[2] == "cgroup2":
                return Path(parts[1])
    except OSError:
        pass
    return None


def make_cgroup(memory_bytes: int) -> tuple[Path | None, str]:
    """A cgroup v2 child of this process's own cgroup with memory.max and cpu.max (one core)."""
    mount = _cgroup2_root()
    if mount is None:
        return None, "no cgroup v2 hierarchy is mounted"
    own = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            if line.startswith("0::"):
                own = line[3:].strip().lstrip("/")
    parent = mount / own if own else mount
    try:
        controllers = (parent / "cgroup.controllers").read_text().split()
    except OSError as exc:
        return None, f"cgroup v2 controllers unreadable ({exc.strerror})"
    missing = [c for c in ("memory", "cpu") if c not in controllers]
    if missing:
        return (
            None,
            f"cgroup v2 offers no {' or '.join(missing)} controller here (controllers: {' '.join(controllers) or 'none'})",
        )
    child = parent / f"alignment-load-{os.getpid()}"
    try:
        enabled = (parent / "cgroup.subtree_control").read_text().split()
        wanted = [f"+{c}" for c in ("memory", "cpu") if c not in enabled]
        if wanted:
            (parent / "cgroup.subtree_control").write_text(" ".join(wanted))
        child.mkdir()
        (child / "memory.max").write_text(str(memory_bytes))
        with contextlib.suppress(OSError):
            (child / "memory.swap.max").write_text("0")
        (child / "cpu.max").write_text("100000 100000")
    except OSError as exc:
        with contextlib.suppress(OSError):
            child.rmdir()
        return None, f"cgroup v2 is not writable here ({exc.strerror})"
    return child, "cgroup v2 memory.max = 2.7 GB, memory.swap.max = 0, cpu.max = one core"


def _preexec(limit: Limit):
    def apply() -> None:
        if limit.server_cpus:
            os.sched_setaffinity(0, set(limit.server_cpus))
        if limit.mechanism == "cgroup" and limit.cgroup is not None:
            (limit.cgroup / "cgroup.procs").write_text(str(os.getpid()))
        elif limit.mechanism in {"rlimit-as", "rlimit-data"}:
            which = resource.RLIMIT_AS if limit.mechanism == "rlimit-as" else resource.RLIMIT_DATA
            resource.setrlimit(which, (limit.memory_bytes, limit.memory_bytes))

    return apply


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, limit: Limit, log_path: Path) -> None:
        self.limit = limit
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.sampler = MemorySampler()

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ]
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                command,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=_preexec(self.limit),
            )
        self.sampler.start(self.proc.pid)
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited at start with code {self.proc.returncode}:\n{self.log_tail()}")
            with (
                contextlib.suppress(urllib.error.URLError, OSError),
                urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as response,
            ):
                if response.status == 200 and response.read().decode().strip() == "ok":
                    return
            time.sleep(0.3)
        raise RuntimeError(f"streamlit was not healthy within {HEALTH_TIMEOUT_S} s:\n{self.log_tail()}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def fatal(self) -> str | None:
        """Why the server can no longer serve: it exited, or its log says memory or threads ran out."""
        if not self.alive():
            return f"the server exited with code {self.proc.returncode}"
        with contextlib.suppress(OSError):
            log = self.log_path.read_text(errors="replace")
            for pattern in FATAL_LOG_PATTERNS:
                if pattern in log:
                    return f"the server log says {pattern!r}"
        return None

    def log_tail(self, chars: int = 3000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-chars:]
        return ""

    def stop(self) -> None:
        self.sampler.stop()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=20)
        if self.limit.cgroup is not None:
            with contextlib.suppress(OSError):
                self.limit.cgroup.rmdir()


def _status_kb(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{current}/task").iterdir():
                with contextlib.suppress(OSError, ValueError):
                    todo += [int(c) for c in (task / "children").read_text().split()]
    return pids


class MemorySampler:
    """Polls the resident memory of a process and its children in a thread."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.peak_kb = 0
        self.hwm_kb = 0
        self.last_kb = 0
        self.last_wall = 0.0
        self.vm_kb = {"VmSize": 0, "VmData": 0}  # the main process's address space and data segment (what rlimits see)
        self.cpu_s = 0.0  # the main process's CPU time (user + system) so far
        self.mark: tuple[float, float] | None = None  # (wall clock, CPU time) when the sessions started
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, pid: int) -> None:
        self.pid = pid
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def sample(self) -> int:
        total = sum(_status_kb(p, "VmRSS") or 0 for p in _tree(self.pid))
        self.last_wall = time.monotonic()
        if total:
            self.last_kb = total
            self.peak_kb = max(self.peak_kb, total)
        self.hwm_kb = max(self.hwm_kb, _status_kb(self.pid, "VmHWM") or 0)
        for key, kb in self.vm_kb.items():
            self.vm_kb[key] = max(kb, _status_kb(self.pid, key) or 0)
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            self.cpu_s = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def start_sessions(self) -> float:
        """Mark the start of the sessions (for the CPU share); the resident memory now, in MiB."""
        rss = self.sample() / 1024
        self.mark = (time.monotonic(), self.cpu_s)
        return rss

    def session_cpu(self) -> tuple[float, float] | None:
        """CPU seconds the server used since the sessions started, and the wall-clock seconds since then."""
        return None if self.mark is None else (self.cpu_s - self.mark[1], self.last_wall - self.mark[0])

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(SAMPLE_INTERVAL_S)

    def stop(self) -> None:
        if self._thread is not None and not self._stop.is_set():
            self.sample()
            self._stop.set()
            self._thread.join(timeout=5)

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb, self.hwm_kb) / 1024


# ------------------------------------------------------------------------------------------ sessions


@dataclass
class SessionResult:
    index: int
    name: str
    respondents: int
    upload_s: float | None = None
    pages: list[tuple[str, int, float]] = field(default_factory=list)  # (page, visit, ms)
    violations: list[str] = field(default_factory=list)
    failure: str | None = None


def check_isolation(text: str, where: str, own: SessionFile, others: list[SessionFile], result: SessionResult, banner: bool):
    """Record every sign of another session's data, or of this session's data missing, in a page's text."""
    for other in others:
        for token in (Path(other.name).stem, other.department):
            if token in text:
                result.violations.append(f"{where}: shows session {other.index}'s {token!r}")
    # Where the page lists every department (Overview's departments × tactics chart, once drawn), it must list this
    # session's own. (A caption may name a few departments before the chart is drawn: that is not checked.)
    if own.kept_departments and all(d in text for d in own.kept_departments) and own.department not in text:
        result.violations.append(f"{where}: lists the departments but not this session's {own.department!r}")
    if not banner:
        return
    by_count = {o.respondents: o for o in others}
    sidebar = SIDEBAR_RE.search(text)
    if not sidebar or sidebar.group(1).strip() != own.name:
        result.violations.append(f"{where}: sidebar says {sidebar.group(0).strip() if sidebar else 'no Data: line'!r}")
    shown = BANNER_RE.search(text)
    if not shown:
        result.violations.append(f"{where}: no 'Showing <file>: <n> respondents' banner")
        return
    label, count = shown.group(1).strip(), int(shown.group(2).replace(",", ""))
    if label != own.name:
        result.violations.append(f"{where}: banner names {label!r}, not {own.name!r}")
    if count != own.respondents:
        whose = f" (session {by_count[count].index}'s count)" if count in by_count else ""
        result.violations.append(f"{where}: banner shows {count} respondents{whose}, not {own.respondents}")


class Gate:
    """All sessions wait here until every one has arrived or failed, so the uploads start together."""

    def __init__(self, parties: int) -> None:
        self.parties, self.arrived, self.event = parties, 0, asyncio.Event()

    def arrive(self) -> None:
        self.arrived += 1
        if self.arrived >= self.parties:
            self.event.set()

    async def wait(self, timeout: float) -> None:
        self.arrive()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.event.wait(), timeout)


async def _wait_idle(page, title: str, text: str | None, timeout_ms: int) -> None:
    await page.wait_for_function(IDLE_JS, arg=[title, text], polling=50, timeout=timeout_ms)
    exception = page.locator('[data-testid="stException"]')
    if await exception.count():
        raise RuntimeError("the app raised: " + (await exception.first.inner_text())[:500])


async def open_home(page, url: str, timeout_ms: int) -> None:
    """Open Home and wait until its first run is over."""
    await page.goto(url + "/", wait_until="domcontentloaded")
    await page.wait_for_selector("input[type=file]", state="attached")
    await _wait_idle(page, HOME_TITLE, None, timeout_ms)


async def upload(page, own: SessionFile, timeout_ms: int) -> float:
    """Hand the session's file to Home's file input; the seconds until Home says it is loaded."""
    await page.evaluate(UPLOAD_WATCH_JS, [HOME_TITLE, LOADED_TEXT.format(name=own.name), timeout_ms])
    await page.set_input_files("input[type=file]", str(own.path))
    await page.wait_for_function("() => window.__loadMs !== null || window.__loadError !== null", polling=100)
    error = await page.evaluate("window.__loadError")
    if error:
        raise RuntimeError(f"upload: {error}")
    return await page.evaluate("window.__loadMs") / 1000


async def run_session(browser, url, own, files, visits, timeout_s, gate, server) -> SessionResult:
    result = SessionResult(own.index, own.name, own.respondents)
    others = [f for f in files if f.index != own.index]
    timeout_ms = int(timeout_s * 1000)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    arrived = False
    try:
        page = await context.new_page()
        page.set_default_timeout(timeout_ms)
        await open_home(page, url, timeout_ms)
        arrived = True
        await gate.wait(timeout_s)

        result.upload_s = await upload(page, own, timeout_ms)
        check_isolation(await page.inner_text("body"), "Home after upload", own, others, result, banner=False)

        for visit in range(1, visits + 1):
            for path, title, must in (OVERVIEW, TACTIC):
                timed = await page.evaluate(NAVIGATE_JS, [path, title, must, timeout_ms])
                if timed.get("error"):
                    raise RuntimeError(f"/{path} visit {visit}: {timed['error']}")
                result.pages.append((path, visit, float(timed["ms"])))
                check_isolation(await page.inner_text("body"), f"/{path} visit {visit}", own, others, result, banner=True)
    except asyncio.CancelledError:
        result.failure = f"stopped: {server.fatal() or 'cancelled'}"
    except Exception as exc:
        fatal = server.fatal()
        note = f" ({fatal})" if fatal else ""
        result.failure = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ''}{note}"
    finally:
        if not arrived:
            gate.arrive()
        with contextlib.suppress(Exception):
            await context.close()
    return result


async def warm_up(browser, url: str, timeout_s: float) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = await context.new_page()
        await page.goto(url + "/", wait_until="domcontentloaded")
        await _wait_idle(page, HOME_TITLE, None, int(timeout_s * 1000))
    finally:
        await context.close()


async def drive(server: Server, files, args, client_cpus) -> tuple[list[SessionResult], str, float]:
    """Warm the server up, then run every session concurrently; stop them all early if the server breaks."""
    from playwright.async_api import async_playwright

    if client_cpus:
        os.sched_setaffinity(0, set(client_cpus))  # inherited by Playwright's driver and Chromium
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            await warm_up(browser, server.url, args.timeout)
            baseline = server.sampler.start_sessions()
            gate = Gate(len(files))
            tasks = [
                asyncio.create_task(run_session(browser, server.url, f, files, args.visits, args.timeout, gate, server))
                for f in files
            ]
            while not all(t.done() for t in tasks):
                await asyncio.wait(tasks, timeout=1.0)
                if server.fatal():
                    for task in tasks:
                        task.cancel()
                    break
            results = await asyncio.gather(*tasks)
            return list(results), browser.version, baseline
        finally:
            await browser.close()


def build_limit(mechanism: str, server_cpus: list[int]) -> Limit | str:
    """The limit for one mechanism, or why it is not available here."""
    limit = Limit(mechanism, server_cpus, LIMIT_BYTES)
    if mechanism == "cgroup":
        limit.cgroup, why = make_cgroup(LIMIT_BYTES)
        if limit.cgroup is None:
            return why
        limit.detail = why
    elif mechanism == "rlimit-as":
        limit.detail = "setrlimit(RLIMIT_AS) = 2.7 GB on the server process (its address space)"
    elif mechanism == "rlimit-data":
        limit.detail = "setrlimit(RLIMIT_DATA) = 2.7 GB on the server process (its heap and private writable mappings)"
    else:
        limit.detail = "not enforced; the server's peak resident memory is compared with 2.7 GB"
    return limit


def run_attempt(limit: Limit, files, args, folder: Path, log) -> tuple[Server, list[SessionResult], str, float]:
    server = Server(limit, folder / f"streamlit-{limit.mechanism}.log")
    try:
        server.start()
        log(f"server up on {server.url}; limit: {limit.mechanism} ({limit.detail or 'none'})")
        cpus = sorted(os.sched_getaffinity(0))
        client_cpus = [c for c in cpus if c not in limit.server_cpus] if limit.server_cpus else None
        results, chromium, baseline = asyncio.run(drive(server, files, args, client_cpus or None))
        return server, results, chromium, baseline
    finally:
        server.stop()


# ------------------------------------------------------------------------------------------ statistics and report


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def versions() -> dict[str, str]:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    from bench.run import machine

    info = machine()
    out = {k: info[k] for k in MACHINE_KEYS if k in info}
    out["playwright"] = version("playwright")
    return out


def shown_command(argv: list[str]) -> str:
    shown = []
    for raw in argv:
        flag, equals, value = raw.rpartition("=") if raw.startswith("--") and "=" in raw else ("", "", raw)
        path = Path(value)
        if path.is_absolute():
            value = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else "<path>"
        shown.append(flag + equals + value)
    return "python -m bench.load" + "".join(f" {a}" for a in shown)


def summarize(args, argv, files, results, limit, server, chromium, baseline_mb, seconds, code, machine) -> dict:
    pages = [ms for r in results for _, _, ms in r.pages]
    by_page = {}
    for path, *_ in (OVERVIEW, TACTIC):
        first = [ms for r in results for p, v, ms in r.pages if p == path and v == 1]
        later = [ms for r in results for p, v, ms in r.pages if p == path and v > 1]
        by_page[path] = {
            "first_p50": percentile(first, 0.5),
            "first_max": max(first, default=None),
            "later_p50": percentile(later, 0.5),
            "later_p95": percentile(later, 0.95),
            "n": len(first) + len(later),
        }
    violations = [f"session {r.index}: {v}" for r in results for v in r.violations]
    failures = [f"session {r.index}: {r.failure}" for r in results if r.failure]
    peak = server.sampler.peak_mb
    over = bool(args.limit) and peak * 2**20 > LIMIT_BYTES
    uploads = [r.upload_s for r in results if r.upload_s is not None]
    return {
        "key": "limited" if args.limit else "concurrent",
        "command": shown_command(argv),
        "code": code,
        "machine": machine | {"Chromium": chromium},
        "sessions": len(files),
        "respondents": [f.respondents for f in files],
        "base": "synthetic" if args.respondents else "sample",
        "file_mb": max(f.megabytes for f in files),
        "visits": args.visits,
        "pages": len(pages),
        "p50_ms": percentile(pages, 0.5),
        "p95_ms": percentile(pages, 0.95),
        "by_page": by_page,
        "upload_s": uploads,
        "per_session": [
            {
                "session": r.index,
                "name": r.name,
                "respondents": r.respondents,
                "upload_s": r.upload_s,
                "first_overview_ms": next((ms for p, v, ms in r.pages if p == OVERVIEW[0] and v == 1), None),
                "p50_ms": percentile([ms for *_, ms in r.pages], 0.5),
                "ok": not r.failure and not r.violations,
            }
            for r in results
        ],
        "baseline_mb": baseline_mb,
        "server_cpu": server.sampler.session_cpu(),  # [CPU s, wall s] during the sessions
        "peak_mb": peak,
        "vmsize_mb": server.sampler.vm_kb["VmSize"] / 1024,
        "vmdata_mb": server.sampler.vm_kb["VmData"] / 1024,
        "limit": {
            "mechanism": limit.mechanism,
            "detail": limit.detail,
            "tried": limit.tried,
            "server_cpus": len(limit.server_cpus) if limit.server_cpus else None,
            "memory_mb": LIMIT_MB if args.limit else None,
            "over": over,
        },
        "violations": violations,
        "failures": failures,
        "seconds": seconds,
        "result": "PASS" if not violations and not failures and not over else "FAIL",
    }


LIMIT_LABELS = {
    "none": "none",
    "cgroup": "cgroup v2: 1 core, 2.7 GB",
    "rlimit-as": "1 core (affinity), RLIMIT_AS 2.7 GB",
    "rlimit-data": "1 core (affinity), RLIMIT_DATA 2.7 GB",
    "monitor": "1 core (affinity); 2.7 GB checked, not enforced",
}


def _fmt(value: float | None, pattern: str = "{:.0f}") -> str:
    return "–" if value is None else pattern.format(value)


def _label(r: dict) -> str:
    return "one core, 2.7 GB" if r["key"] == "limited" else "concurrent sessions"


def _respondents(r: dict) -> str:
    counts = r["respondents"]
    return f"{min(counts):,}–{max(counts):,}" if len(counts) > 1 else f"{counts[0]:,}"


def _table(headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" if i < numeric_from else "---:" for i in range(len(headers))) + "|",
    ]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def _encode(result: dict) -> str:
    # "--" may not appear inside an HTML comment; outside JSON strings it never does.
    return RESULT_MARK + json.dumps(result, ensure_ascii=True, sort_keys=True).replace("--", "-\\u002d") + " -->"


def previous_results(text: str) -> dict[str, dict]:
    start, end = text.find(BLOCK_START), text.find(BLOCK_END)
    found = {}
    if 0 <= start < end:
        for line in text[start:end].splitlines():
            if line.startswith(RESULT_MARK) and line.endswith("-->"):
                with contextlib.suppress(ValueError):
                    result = json.loads(line[len(RESULT_MARK) : -3])
                    found[result["key"]] = result
    return found


def render(results: dict[str, dict]) -> str:
    ordered = [results[k] for k in ("concurrent", "limited") if k in results]
    parts = [
        BLOCK_START,
        "## Load and session isolation",
        "",
        "Generated by `bench/load.py`; do not edit by hand (`bench/run.py` keeps this block when it rewrites the file). "
        "Rerun with the command shown under each scenario.",
        "",
        "A real browser against a real server: `streamlit run app.py` on a local port and the Debian Chromium driven by "
        "Playwright, one browser context (so one Streamlit session) per user. Every session uploads its own survey CSV on "
        "Home: its own file name (`load_session_07.csv`), department name (`Unit-Session-07`) and respondent count (session "
        "*i* drops *i* rows of the base survey). All sessions upload at the same moment, then open Overview and the REL "
        "tactic page through the sidebar, a few times each, concurrently. A page's time is measured in the browser, from "
        "the click on the sidebar link until the script run has finished (Streamlit's script state back to `notRunning`) "
        "and the page's title and data banner (and on Overview the *Alignment index* metric) are there; the first visit "
        "of a page computes the analysis, later ones reuse it. The upload time runs from handing the file to the file "
        "input until Home says *Showing <file>: …*. After the upload and every page the visible text is checked: the sidebar "
        "(*Data: <file>*) and the banner (*Showing <file>: <n> respondents*) must name the session's own file and count, "
        "and no other session's file name or department name may appear; where a page lists all the departments (Overview's "
        "departments × tactics chart), the session's own must be among them. Each miss is an isolation violation. Before the "
        "sessions start, one visit of Home (the sample data) warms the server up. Server memory is the resident set "
        "(VmRSS) of the server process and its children, sampled every 100 ms, and its VmHWM; the browser's memory is not "
        "counted. The browser runs on the same machine: with 20 sessions on 2 cores its renderers take most of the CPU, so "
        "those page times include the browser waiting for a core; the server's own CPU use is given under each scenario. "
        "2.7 GB = 2,700,000,000 bytes = 2,575 MiB (Streamlit Community Cloud's ceiling).",
        "",
        "### Results",
        "",
    ]
    rows = []
    for r in ordered:
        limit = r["limit"]
        rows.append(
            [
                _label(r),
                str(r["sessions"]),
                _respondents(r),
                f"{r['file_mb']:.1f} MB",
                f"{_fmt(percentile(r['upload_s'], 0.5), '{:.1f}')} / {_fmt(max(r['upload_s'], default=None), '{:.1f}')} s",
                f"{_fmt(r['p50_ms'])} / {_fmt(r['p95_ms'])} ms ({r['pages']})",
                f"{_fmt(r['peak_mb'])} MiB",
                LIMIT_LABELS.get(limit["mechanism"], limit["mechanism"]),
                str(len(r["violations"])),
                str(len(r["failures"])),
                r["result"],
            ]
        )
    parts += [
        _table(
            [
                "scenario",
                "sessions",
                "respondents per file",
                "file size",
                "upload p50 / max",
                "page p50 / p95 (pages)",
                "server peak memory",
                "limit",
                "isolation violations",
                "failed sessions",
                "result",
            ],
            rows,
        ),
        "",
        "PASS: every session finished, no isolation violation, and (one core, 2.7 GB) the server's peak memory within 2.7 GB.",
        "",
    ]
    for r in ordered:
        limit = r["limit"]
        parts += [
            f"### {_label(r)[0].upper()}{_label(r)[1:]}",
            "",
            f"```bash\n{r['command']}\n```",
            "",
            f"Code measured: {r['code']}. {r['sessions']} sessions, {r['visits']} visit{'s' if r['visits'] != 1 else ''} of each page per session; base "
            + ("survey: `bench/synthetic.py`" if r["base"] == "synthetic" else "survey: `sample_data/responses.csv`")
            + f". Whole run {r['seconds']:.0f} s. Server memory after the warm-up {r['baseline_mb']:.0f} MiB, peak "
            f"{r['peak_mb']:.0f} MiB."
            + (
                f" The server process used {r['server_cpu'][0]:.0f} s of CPU in the {r['server_cpu'][1]:.0f} s of the sessions "
                f"({r['server_cpu'][0] / r['server_cpu'][1]:.2f} cores on average)."
                if r.get("server_cpu") and r["server_cpu"][1] > 0
                else ""
            ),
            "",
        ]
        if limit["mechanism"] != "none":
            parts += [
                f"Limit: the server pinned to {limit['server_cpus']} CPU (affinity; the browser and this script on the "
                f"other cores), memory: {limit['detail']}. "
                + ("Tried, in order: " + "; ".join(limit["tried"]) + ". " if limit["tried"] else "")
                + f"Peak resident memory {r['peak_mb']:.0f} MiB: {'over' if limit['over'] else 'within'} 2.7 GB. What an rlimit "
                f"counts peaked at {r['vmsize_mb']:.0f} MiB of address space (VmSize) and {r['vmdata_mb']:.0f} MiB of data "
                "segment (VmData) in the server process.",
                "",
            ]
        page_rows = [
            [
                f"/{path}",
                _fmt(d["first_p50"]),
                _fmt(d["first_max"]),
                _fmt(d["later_p50"]),
                _fmt(d["later_p95"]),
                str(d["n"]),
            ]
            for path, d in r["by_page"].items()
        ]
        parts += [
            _table(
                [
                    "page",
                    "first visit p50 (ms)",
                    "first visit max (ms)",
                    "later visits p50 (ms)",
                    "later visits p95 (ms)",
                    "pages",
                ],
                page_rows,
            ),
            "",
        ]
        if r["sessions"] <= 5:
            parts += [
                _table(
                    ["session", "respondents", "upload (s)", "first Overview (ms)", "page p50 (ms)", "correct and isolated"],
                    [
                        [
                            str(s["session"]),
                            f"{s['respondents']:,}",
                            _fmt(s["upload_s"], "{:.1f}"),
                            _fmt(s["first_overview_ms"]),
                            _fmt(s["p50_ms"]),
                            "yes" if s["ok"] else "no",
                        ]
                        for s in r["per_session"]
                    ],
                ),
                "",
            ]
        for title, items in (("Isolation violations", r["violations"]), ("Failed sessions", r["failures"])):
            if items:
                parts += [f"{title}:", "", *[f"- {item}" for item in items[:20]], ""]
                if len(items) > 20:
                    parts += [f"- … and {len(items) - 20} more", ""]
    machines = [r["machine"] for r in ordered]
    order = [*MACHINE_KEYS, "playwright", "Chromium"]
    keys = sorted(dict.fromkeys(k for m in machines for k in m), key=lambda k: order.index(k) if k in order else len(order))
    parts += [
        "### Machine",
        "",
        _table(["", *[_label(r) for r in ordered]], [[k, *[m.get(k, "–") for m in machines]] for k in keys], numeric_from=99),
        "",
        *[_encode(r) for r in ordered],
        BLOCK_END,
    ]
    return "\n".join(parts) + "\n"


def write_report(out: Path, result: dict) -> None:
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    results = previous_results(old)
    results[result["key"]] = result
    block = render(results)
    start, end = old.find(BLOCK_START), old.find(BLOCK_END)
    if 0 <= start < end:
        text = old[:start] + block + old[end + len(BLOCK_END) :].lstrip("\n")
    else:
        text = (old.rstrip("\n") + "\n\n" if old.strip() else "") + block
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------------------ memory after sessions close

MEMORY_START, MEMORY_END = "<!-- memory:start -->", "<!-- memory:end -->"
NEAR_BASELINE_MB = 150  # "back near the baseline": within this many MiB of the server's memory after the warm-up


async def _one_after_another(server: Server, files, timeout_s: float, log) -> list[dict]:
    """Each session in turn: open Home, upload its file, open Overview once, close the tab; the server's memory after."""
    from playwright.async_api import async_playwright

    steps = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            await warm_up(browser, server.url, timeout_s)
            time.sleep(2)
            steps.append({"baseline_mb": server.sampler.sample() / 1024})
            for own in files:
                context = await browser.new_context(viewport={"width": 1400, "height": 1000})
                page = await context.new_page()
                page.set_default_timeout(int(timeout_s * 1000))
                await page.goto(server.url + "/", wait_until="domcontentloaded")
                await page.wait_for_selector("input[type=file]", state="attached")
                await _wait_idle(page, HOME_TITLE, None, int(timeout_s * 1000))
                started = time.monotonic()
                await page.set_input_files("input[type=file]", str(own.path))
                await _wait_idle(page, HOME_TITLE, LOADED_TEXT.format(name=own.name), int(timeout_s * 1000))
                upload_s = time.monotonic() - started
                timed = await page.evaluate(NAVIGATE_JS, [OVERVIEW[0], OVERVIEW[1], OVERVIEW[2], int(timeout_s * 1000)])
                await context.close()
                step = {"session": own.index, "upload_s": upload_s, "overview_ms": timed.get("ms"), "error": timed.get("error")}
                step["rss_mb_after_close"] = server.sampler.sample() / 1024
                log(f"session {own.index}: upload {upload_s:.1f} s, closed; server {step['rss_mb_after_close']:.0f} MiB")
                steps.append(step)
        finally:
            await browser.close()
    return steps


def cli_peak_mb(path: Path) -> tuple[float, float, int]:
    """Peak resident memory (MiB), wall seconds and exit code of `python -m alignment analyze PATH --json`, whole process."""
    started = time.monotonic()
    with subprocess.Popen(
        [sys.executable, "-m", "alignment", "analyze", str(path), "--json"], cwd=ROOT, stdout=subprocess.DEVNULL
    ) as process:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, time.monotonic() - started, process.returncode


def run_after_close(args, files, log) -> dict:
    """Sessions one after another, then the server's memory watched until it is back near its baseline."""
    folder = files[0].path.parent
    server = Server(Limit("none"), folder / "streamlit-after-close.log")
    try:
        server.start()
        first, *steps = asyncio.run(_one_after_another(server, files, args.timeout, log))
        baseline = first["baseline_mb"]  # after the warm-up visit
        closed_at = time.monotonic()
        after: list[tuple[float, float]] = []
        back_s = None
        while time.monotonic() - closed_at < args.watch:
            time.sleep(5)
            rss = server.sampler.sample() / 1024
            after.append((time.monotonic() - closed_at, rss))
            if back_s is None and rss <= baseline + NEAR_BASELINE_MB:
                back_s = after[-1][0]
                log(f"back near the baseline after {back_s:.0f} s: {rss:.0f} MiB")
                break
        peak = server.sampler.peak_mb
        alive = server.alive()
    finally:
        server.stop()
    with files[0].path.open("rb") as handle:
        rows = sum(1 for _ in handle) - 1  # one respondent per line in these numeric surveys
    return {
        "sessions": len(files),
        "rows": rows,
        "respondents": [f.respondents for f in files],
        "file_mb": max(f.megabytes for f in files),
        "baseline_mb": baseline,
        "peak_mb": peak,
        "steps": steps,
        "after": after,
        "back_s": back_s,
        "watch_s": args.watch,
        "alive": alive,
    }


def render_after_close(result: dict, command: str, code: str) -> str:
    rows = [
        [str(s["session"]), f"{s['upload_s']:.1f}", _fmt(s["overview_ms"]), f"{s['rss_mb_after_close']:.0f}"]
        for s in result["steps"]
    ]
    final = result["after"][-1][1] if result["after"] else None
    back = "not within {:.0f} s".format(result["watch_s"]) if result["back_s"] is None else f"{result['back_s']:.0f} s"
    ok = (
        result["back_s"] is not None
        and result["alive"]
        and result["peak_mb"] < LIMIT_MB
        and not any(s["error"] for s in result["steps"])
    )
    return "\n".join(
        [
            MEMORY_START,
            "## Memory after sessions close",
            "",
            "Generated by `bench/load.py`; do not edit by hand. Rerun with:",
            "",
            "```bash",
            command,
            "```",
            "",
            f"Code measured: {code}. `streamlit run app.py` and Chromium (Playwright) as above; {result['sessions']} sessions "
            f"one after another, each uploading its own {result['file_mb']:.0f} MB CSV of about {result.get('rows', 0):,} "
            f"respondents over four rounds ({min(result['respondents']):,}–{max(result['respondents']):,} in the latest round, "
            "which the page shows first; numeric answers, "
            "`bench.synthetic.numbers_survey_path`), opening Overview once and closing its tab. Then the server's resident "
            f"memory (VmRSS of the process and its children) is read every 5 s until it is within {NEAR_BASELINE_MB} MiB of "
            "its value after the warm-up. Streamlit keeps a closed tab's session for `server.disconnectedSessionTTL` "
            "(120 s) in case it reconnects; then the session's data is dropped, and the dataset hands its memory back.",
            "",
            _table(["session", "upload (s)", "Overview (ms)", "server after its tab closed (MiB)"], rows),
            "",
            "Whole-process peak of the command line on a million respondents (`python -m alignment analyze FILE --json`, "
            "the peak resident set size from wait4; same run):",
            "",
            _table(
                ["file", "respondents", "size", "peak memory", "target", "seconds", "exit"],
                [
                    [
                        "`bench.synthetic.numbers_survey_path(1_000_000)`",
                        f"{result['cli']['respondents']:,}",
                        f"{result['cli']['file_mb']:.0f} MB",
                        f"{result['cli']['peak_mb']:.0f} MiB",
                        "≤ 1.2 GB (1,144 MiB)",
                        f"{result['cli']['seconds']:.1f}",
                        str(result["cli"]["exit"]),
                    ]
                ],
            ),
            "",
            _table(
                ["server after warm-up", "peak", "after the last tab closed", "back within baseline + 150 MiB", "result"],
                [
                    [
                        f"{result['baseline_mb']:.0f} MiB",
                        f"{result['peak_mb']:.0f} MiB",
                        _fmt(final, "{:.0f} MiB"),
                        back,
                        "PASS" if ok else "FAIL",
                    ]
                ],
                numeric_from=0,
            ),
            "",
            MEMORY_END,
        ]
    )


def write_memory_block(out: Path, block: str) -> None:
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    start, end = old.find(MEMORY_START), old.find(MEMORY_END)
    if 0 <= start < end:
        text = old[:start] + block + old[end + len(MEMORY_END) :]
    else:
        text = (old.rstrip("\n") + "\n\n" if old.strip() else "") + block + "\n"
    out.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------------------ main


def parse_args(argv: list[str]):
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, help="concurrent browser sessions (default 20; 3 with the limit)")
    parser.add_argument(
        "--respondents",
        type=int,
        help="base survey size from bench/synthetic.py (default: the 240-respondent sample; 100000 with the limit)",
    )
    parser.add_argument(
        "--visits", type=int, default=None, help="visits of Overview and of REL per session (default 5; 3 with the limit)"
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds one upload or page may take")
    parser.add_argument(
        "--limit-one-core-2.7gb", dest="limit", action="store_true", help="the server on one core and 2.7 GB (Community Cloud)"
    )
    parser.add_argument("--limit-mechanism", choices=("auto", *MECHANISMS), default="auto", help="how to enforce 2.7 GB")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the Markdown report to update ('-': none)")
    parser.add_argument("--data-dir", default=None, help="cache folder for synthetic surveys (default bench/.data/)")
    parser.add_argument(
        "--after-close",
        action="store_true",
        help="sessions one after another with large numeric CSVs (default 3 × 600k respondents), each tab closed; "
        "then the server's memory is watched until it is back near its baseline",
    )
    parser.add_argument("--watch", type=float, default=300.0, help="with --after-close: seconds to watch the memory")
    args = parser.parse_args(argv)
    if args.after_close:
        args.sessions = args.sessions or 3
        args.respondents = args.respondents or 600_000
    if args.sessions is None:
        args.sessions = LIMITED_SESSIONS if args.limit else 20
    if args.respondents is None and args.limit:
        args.respondents = LIMITED_RESPONDENTS
    if args.visits is None:
        args.visits = 3 if args.limit else 5
    if args.sessions < 2:
        parser.error("--sessions must be at least 2 (isolation needs another session)")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", flush=True)

    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found (install the Debian 'chromium' package)", file=sys.stderr)
        return 2
    try:
        import playwright.async_api  # noqa: F401
    except ImportError as exc:
        print(f"playwright is not importable ({exc}); pip install -r requirements-dev.txt", file=sys.stderr)
        return 2
    from bench.run import code_version

    code = code_version()
    machine = versions()  # before this process pins itself to the browser's cores
    data_dir = Path(args.data_dir).resolve() if args.data_dir else ROOT / "bench" / ".data"
    folder = Path(tempfile.mkdtemp(prefix="alignment-load-"))
    try:
        if args.after_close:
            from bench.synthetic import numbers_survey_path

            files = make_session_files(numbers_survey_path(args.respondents, data_dir), args.sessions, folder)
            log(f"{len(files)} survey files of up to {max(f.megabytes for f in files):.0f} MB")
            result = run_after_close(args, files, log)
            million = numbers_survey_path(1_000_000, data_dir)
            result["cli"] = {"respondents": 1_000_000, "file_mb": million.stat().st_size / 2**20}
            result["cli"]["peak_mb"], result["cli"]["seconds"], result["cli"]["exit"] = cli_peak_mb(million)
            log(f"analyze --json on 1M respondents: peak {result['cli']['peak_mb']:.0f} MiB")
            block = render_after_close(result, shown_command(argv), code)
            print(block)
            if args.out != "-":
                write_memory_block(Path(args.out), block)
            return 0 if "| PASS |" in block else 1
        base = base_survey(args.respondents, data_dir)
        files = make_session_files(base, args.sessions, folder)
        largest = max(f.megabytes for f in files)
        log(f"{len(files)} survey files, {files[-1].respondents:,}–{files[0].respondents:,} respondents, up to {largest:.1f} MB")
        if largest > upload_limit_mb():
            print(f"the files ({largest:.0f} MB) exceed Streamlit's upload limit of {upload_limit_mb():.0f} MB", file=sys.stderr)
            return 2
        if not args.limit:
            mechanisms = ["none"]
        elif args.limit_mechanism == "auto":
            mechanisms = list(MECHANISMS)
        else:
            mechanisms = [args.limit_mechanism]
        server_cpus = sorted(os.sched_getaffinity(0))[:1] if args.limit else None
        tried: list[str] = []
        for mechanism in mechanisms:
            limit = Limit("none") if mechanism == "none" else build_limit(mechanism, server_cpus)
            if isinstance(limit, str):
                tried.append(f"{mechanism}: {limit}")
                log(f"limit: {tried[-1]}")
                continue
            limit.tried = tried
            try:
                server, results, chromium, baseline = run_attempt(limit, files, args, folder, log)
            except Exception as exc:
                if not mechanism.startswith("rlimit"):
                    raise RuntimeError(str(exc)) from exc
                tried.append(f"{mechanism}: the app did not start or warm up under it ({str(exc).strip().splitlines()[0][:160]})")
                log(f"limit: {tried[-1]}")
                continue
            broken = [r.failure for r in results if r.failure]
            if broken and mechanism.startswith("rlimit") and mechanism != mechanisms[-1]:
                # An rlimit counts reserved address space (thread stacks, allocator arenas), not resident memory:
                # when the app breaks under it, retry with the next mechanism and say why.
                sampler = server.sampler
                tried.append(
                    f"{mechanism}: the sessions failed under it ({broken[0][:160]}) at {sampler.peak_mb:.0f} MiB resident, "
                    f"{sampler.vm_kb['VmSize'] / 1024:.0f} MiB address space, {sampler.vm_kb['VmData'] / 1024:.0f} MiB data"
                )
                log(f"limit: {tried[-1]}")
                continue
            break
        else:
            raise RuntimeError("no limit mechanism could be used: " + "; ".join(tried))
        seconds = time.perf_counter() - started
        load_key = MACHINE_KEYS[-1]
        if load_key in machine:
            from bench.run import load_average

            machine[load_key] = machine[load_key].split(" / ")[0] + " / " + load_average()
        summary = summarize(args, argv, files, results, limit, server, chromium, baseline, seconds, code, machine)
        log_tail = server.log_tail()
    except RuntimeError as exc:
        print(f"could not run the benchmark: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    for r in results:
        upload = _fmt(r.upload_s, "{:.1f}")
        pages = [ms for *_, ms in r.pages]
        state = "FAILED: " + r.failure if r.failure else f"{len(r.violations)} violation(s)"
        log(
            f"session {r.index:>2} {r.respondents:>7,} resp.: upload {upload:>5} s, {len(pages)} pages, p50 {_fmt(percentile(pages, 0.5))} ms: {state}"
        )
    for v in summary["violations"][:20]:
        log(f"VIOLATION {v}")
    if summary["failures"] and log_tail:
        print("--- end of the streamlit log ---\n" + log_tail, file=sys.stderr)
    log(
        f"{summary['sessions']} sessions: page p50 {_fmt(summary['p50_ms'])} ms, p95 {_fmt(summary['p95_ms'])} ms over "
        f"{summary['pages']} pages; server peak {summary['peak_mb']:.0f} MiB (after warm-up {baseline:.0f} MiB); "
        f"{len(summary['violations'])} isolation violation(s), {len(summary['failures'])} failed session(s): {summary['result']}"
    )
    if args.out != "-":
        out = Path(args.out)
        write_report(out, summary)
        log(f"wrote the load block of {out}")
    counts = {"violations": len(summary["violations"]), "failures": len(summary["failures"])}
    print("LOAD_RESULT " + json.dumps({k: summary[k] for k in ("result", "p50_ms", "p95_ms", "peak_mb", "pages")} | counts))
    return 0 if summary["result"] == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
