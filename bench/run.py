"""Benchmark: ingest + analysis against the bare parse, a plain pandas baseline, page reruns and memory.

    python -m bench.run [--sizes 1000,10000,100000] [--xlsx-max 20000] [--quick] [--out docs/PERFORMANCE.md]

Every measurement runs in a fresh subprocess (``python -m bench.run --worker ...``), so peak memory is
per case and one case's caches never help the next. Timings are the median of ``--repeat`` runs, each in
its own subprocess, the runs of (a) and (b) taken in turn so their ratio survives drifts in the machine's
speed; a case whose first run takes longer than ``--slow`` seconds runs once. The script
prints PASS/FAIL per target and writes the report (``--out``); it never asserts a timing. It exits 1
only when a measurement could not be taken (a worker crashed or timed out).

What is measured, per case (a survey of N respondents as CSV or as the template workbook, and the
largest CSV together with a WorkItems table of ``--work-items`` rows):

(a) ``Dataset.from_files`` + ``analyze`` + ``run_checks`` from bytes in memory (file read excluded);
(b) the bare parse floor of the same file(s): DuckDB's CSV reader into an Arrow table, or
    python-calamine's ``to_python()`` of the Responses sheet;
(c) a plain pandas baseline: read (``read_csv`` / ``read_excel(engine="openpyxl")``), map labels
    to numbers, reverse-code, mean per respondent and tactic, mean per function;
(d) the Streamlit page rerun with the data already loaded (``AppTest``, in-process), and the rows
    every chart sends to the browser;
(e) the peak resident memory of the process for (a);
(f) whole processes: ``python -m alignment items``, and ``analyze FILE.xlsx --json`` against bench/bare_xlsx.py,
    with the command's floor beside them (bench/analyze_floor.py: its imports and its reading, no analysis);
(g) the first Overview after an upload of the largest survey CSV, as a user waits for it: a real server on one
    core and Chromium, from the click to the rendered page (bench/first_page.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "PERFORMANCE.md"
RESULT_PREFIX = "BENCH_RESULT "
WORKER_TIMEOUT = 1800
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAMPLE_CSV = ROOT / "sample_data" / "responses.csv"
SAMPLE_XLSX = ROOT / "sample_data" / "alignment_sample.xlsx"
RERUN_PAGES = ("pages/overview.py", "pages/rel.py")
CHART_PAGES = (
    "pages/overview.py",
    *(f"pages/{c}.py" for c in ("rel", "tru", "met", "rot", "asm", "srv")),
    "pages/checks.py",
)

# Targets (from the issue). Ratios are "time of the app / time of the reference".
CSV_PARSE_RATIO_MAX = 2.0
XLSX_PARSE_RATIO_MAX = 1.5
OPENPYXL_SPEEDUP_MIN = 8.0
RERUN_MS_MAX = 150.0
PEAK_MB_MAX = 1536.0  # 1.5 GB
ITEMS_SECONDS_MAX = 0.5  # whole process: python -m alignment items
WHOLE_PROCESS_RATIO_MAX = 1.3  # python -m alignment analyze FILE.xlsx --json against bench/bare_xlsx.py
FIRST_OVERVIEW_MS_MAX = 2000.0  # the first Overview after an upload, on one core (bench/first_page.py)
BARE_XLSX = ROOT / "bench" / "bare_xlsx.py"
CHART_ROWS_MAX = 5000
SLOW_RUNS = 3  # runs of a kind slower than --slow seconds: enough for a median and a spread
APP_PATHS = ("alignment", "pages", "ui", "app.py")  # the code whose speed is measured
ARROW_METHOD = "to_arrow_table"  # DuckDB 1.5's name for fetch_arrow_table (deprecated there); older versions fall back


# ---------------------------------------------------------------------------------- workers
# Each runs in its own process and returns a JSON-able dict; the parent reads it from stdout.


def _peak_rss_mb() -> float:
    """This process's peak resident set size in MB.

    VmHWM, not ``ru_maxrss``: on Linux ``ru_maxrss`` of a freshly exec'd child starts at the
    parent's peak (it is carried over exec), which would charge the runner's memory to every case.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _read_files(files: list[list[str]]) -> list[tuple[str, bytes]]:
    return [(name, Path(path).read_bytes()) for name, path in files]


def _ingest(files: list[tuple[str, bytes]]) -> tuple[object, object, list]:
    from alignment.analysis import analyze
    from alignment.checks import run_checks
    from alignment.dataset import Dataset

    dataset = Dataset.from_files(files)
    analysis = analyze(dataset)
    return dataset, analysis, run_checks(dataset, analysis=analysis)


def worker_ingest(files: list[list[str]]) -> dict:
    """(a) + (e): ingest, analysis and checks from bytes in memory, after a warm-up on the sample CSV."""
    from alignment.blas_threads import one_blas_thread

    one_blas_thread()  # as the app and the command line do
    _ingest([(SAMPLE_CSV.name, SAMPLE_CSV.read_bytes())])  # imports, DuckDB and SciPy set-up: not timed
    data = _read_files(files)
    start, cpu = time.perf_counter(), time.process_time()
    dataset, analysis, findings = _ingest(data)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "respondents": analysis.respondents,
        "tables": sorted(dataset.tables),
        "findings": len(findings),
        "errors": sum(f.status == "error" for f in findings),
        "peak_mb": _peak_rss_mb(),
    }


def _parse_floor(path: str) -> int:
    if path.endswith(".xlsx"):
        from python_calamine import CalamineWorkbook

        return len(CalamineWorkbook.from_path(path).get_sheet_by_name("Responses").to_python())
    import duckdb

    escaped = path.replace("'", "''")
    relation = duckdb.sql(f"SELECT * FROM read_csv('{escaped}', all_varchar=true)")
    to_arrow = getattr(relation, ARROW_METHOD, None) or relation.fetch_arrow_table
    return to_arrow().num_rows


def worker_parse(files: list[list[str]]) -> dict:
    """(b): the bare parse of every file of the case, one after the other."""
    for sample in {str(SAMPLE_XLSX) if path.endswith(".xlsx") else str(SAMPLE_CSV) for _, path in files}:
        _parse_floor(sample)  # warm-up
    start = time.perf_counter()
    rows = sum(_parse_floor(path) for _, path in files)
    return {"seconds": time.perf_counter() - start, "rows": rows, "peak_mb": _peak_rss_mb()}


def pandas_baseline(path: str):
    """(c): what a straightforward pandas script does with the survey: function mean per tactic.

    Uses the item bank (which column is which tactic, which items are reverse-coded), none of
    alignment's ingest or scoring.
    """
    import pandas as pd

    from alignment.items import LIKERT_ITEMS, header_for

    xlsx = path.endswith(".xlsx")
    frame = pd.read_excel(path, sheet_name="Responses", engine="openpyxl") if xlsx else pd.read_csv(path)
    labels = ("strongly disagree", "disagree", "neither agree nor disagree", "agree", "strongly agree")
    scale = {label: float(i) for i, label in enumerate(labels, start=1)}
    scale |= {str(i): float(i) for i in range(1, 6)} | {f"{i}.0": float(i) for i in range(1, 6)}
    tactic_columns: dict[str, list[pd.Series]] = {}
    for item in LIKERT_ITEMS:
        if item.tactic == "OVR":
            continue
        values = frame[header_for(item)].astype(str).str.strip().str.lower().map(scale)
        tactic_columns.setdefault(item.tactic, []).append(6 - values if item.reverse else values)
    means = pd.DataFrame({tactic: pd.concat(cols, axis=1).mean(axis=1) for tactic, cols in tactic_columns.items()})
    means["function"] = frame["function"]
    return means.groupby("function").mean()


def worker_pandas(files: list[list[str]]) -> dict:
    path = files[0][1]
    pandas_baseline(str(SAMPLE_XLSX) if path.endswith(".xlsx") else str(SAMPLE_CSV))  # warm-up
    start = time.perf_counter()
    result = pandas_baseline(path)
    return {"seconds": time.perf_counter() - start, "functions": len(result), "peak_mb": _peak_rss_mb()}


def _arrow_rows(data: bytes) -> int:
    if not data:
        return 0
    import pyarrow as pa

    return pa.ipc.open_stream(data).read_all().num_rows


def _inline_rows(spec: object) -> int:
    """Rows given inline in a Vega-Lite spec (data.values, datasets), at any depth."""
    if isinstance(spec, dict):
        rows = 0
        for key, value in spec.items():
            if key == "values" and isinstance(value, list):
                rows += len(value)
            elif key == "datasets" and isinstance(value, dict):
                rows += sum(len(v) for v in value.values() if isinstance(v, list))
            else:
                rows += _inline_rows(value)
        return rows
    if isinstance(spec, list):
        return sum(_inline_rows(v) for v in spec)
    return 0


def chart_rows(at) -> list[dict]:
    """Every Vega-Lite (Altair) chart on the current page and the rows it sends to the browser."""
    found = []
    for node in at.get("vega_lite_chart"):
        proto = node.proto
        spec = json.loads(proto.spec) if proto.spec else {}
        rows = _arrow_rows(proto.data.data) + sum(_arrow_rows(d.data.data) for d in proto.datasets) + _inline_rows(spec)
        title = spec.get("title")
        found.append({"rows": rows, "title": title.get("text") if isinstance(title, dict) else title})
    return found


def worker_streamlit(files: list[list[str]], reruns: int) -> dict:
    """(d): upload on Home, warm up each page once, then time `reruns` reruns of the Overview and of a tactic page."""
    from streamlit.testing.v1 import AppTest

    uploads = [(name, Path(path).read_bytes(), XLSX_MIME if name.endswith(".xlsx") else CSV_MIME) for name, path in files]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=WORKER_TIMEOUT)
    at.run()
    start = time.perf_counter()
    at.file_uploader[0].set_value(uploads).run()
    upload_seconds = time.perf_counter() - start
    problems = [str(e.value) for e in at.exception] + [e.value for e in at.error]
    result: dict = {"upload_seconds": upload_seconds, "rerun_ms": {}, "problems": problems}
    for page in RERUN_PAGES:
        at.switch_page(page).run()  # warm-up
        times = []
        for _ in range(reruns):
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
        result["rerun_ms"][page] = times
        result["problems"] += [f"{page}: {e.value}" for e in at.exception]
    charts = []
    for page in CHART_PAGES:
        at.switch_page(page).run()
        result["problems"] += [f"{page}: {e.value}" for e in at.exception]
        charts += [{**c, "page": page} for c in chart_rows(at)]
    result["respondents"] = next((m.value for m in at.metric if m.label == "Respondents"), None)
    result["charts"] = charts
    result["peak_mb"] = _peak_rss_mb()
    return result


WORKERS = {"ingest": worker_ingest, "parse": worker_parse, "pandas": worker_pandas, "streamlit": worker_streamlit}


def run_worker(spec: str) -> int:
    request = json.loads(spec)
    kind = request.pop("kind")
    result = WORKERS[kind](**request)
    print(RESULT_PREFIX + json.dumps(result), flush=True)
    return 0


# ------------------------------------------------------------------------------ the parent


@dataclass
class Case:
    key: str  # e.g. "csv-100000", "csv-100000+wi"
    label: str  # e.g. "CSV 100k"
    fmt: str  # csv or xlsx
    respondents: int
    files: list[list[str]]  # [upload name, path]
    work_items: int = 0

    @property
    def megabytes(self) -> float:
        return sum(Path(p).stat().st_size for _, p in self.files) / 1e6


@dataclass
class Measurement:
    runs: list[dict] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.runs)

    @property
    def seconds(self) -> float | None:
        return statistics.median(r["seconds"] for r in self.runs) if self.ok else None

    @property
    def peak_mb(self) -> float | None:
        return max(r["peak_mb"] for r in self.runs) if self.ok else None

    @property
    def cpu_seconds(self) -> float | None:
        """The median CPU time of the process over the timed part (every thread's, so above `seconds` when more than
        one core works); None where the worker does not report it."""
        timed = [r["cpu_seconds"] for r in self.runs if "cpu_seconds" in r]
        return statistics.median(timed) if self.ok and timed else None


def short(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def spawn(kind: str, **request) -> dict:
    """Run one worker in a fresh interpreter; its result, or raise RuntimeError with the tail of its stderr."""
    command = [sys.executable, "-m", "bench.run", "--worker", json.dumps({"kind": kind, **request})]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=WORKER_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"timed out after {WORKER_TIMEOUT} s") from None
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if done.returncode != 0 or not lines:
        tail = " | ".join(done.stderr.strip().splitlines()[-3:])
        raise RuntimeError(f"exit {done.returncode}: {tail}")
    return json.loads(lines[-1][len(RESULT_PREFIX) :])


def measure_interleaved(kinds: tuple[str, ...], case: Case, repeat: int, slow: float, log) -> list[Measurement]:
    """Fresh-process runs of several kinds, taken in turn (a, b, c, a, b, c, ...), so that a ratio of two of them
    is not skewed when the machine's speed drifts during the run (see paired): `repeat` runs of each, or SLOW_RUNS
    of a kind whose first run takes longer than `slow` seconds."""
    results = {kind: Measurement() for kind in kinds}
    for index in range(repeat):
        for kind in kinds:
            result = results[kind]
            if result.error is not None or (index >= SLOW_RUNS and result.runs[0]["seconds"] > slow):
                continue
            try:
                result.runs.append(spawn(kind, files=case.files))
            except RuntimeError as exc:
                result.error = str(exc)
    for kind, result in results.items():
        if result.ok:
            log(
                f"  {kind:<8} {case.label:<24} {result.seconds:8.3f} s  ({len(result.runs)} run(s), peak {result.peak_mb:.0f} MB)"
            )
        else:
            log(f"  {kind:<8} {case.label:<24} ERROR {result.error}")
    return [results[kind] for kind in kinds]


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True, timeout=WORKER_TIMEOUT)
    return time.perf_counter() - start


def measure_startup(xlsx: Path | None, repeat: int, log) -> dict:
    """(f): whole processes, start-up included: `python -m alignment items`, and `analyze` of the largest workbook
    against bench/bare_xlsx.py on the same file, with the command's floor (bench/analyze_floor.py) beside them, runs
    taken in turn; medians, and the medians of the pair ratios."""
    python = sys.executable
    _wall([python, "-m", "alignment", "items"])  # warm the file cache
    items = statistics.median(_wall([python, "-m", "alignment", "items"]) for _ in range(repeat))
    log(f"  start-up python -m alignment items {items:8.3f} s")
    result = {"items": items, "analyze": None, "bare": None, "ratio": None, "floor": None, "floor_ratio": None}
    if xlsx is not None:
        analyze, bare, floor = [], [], []
        for _ in range(repeat):
            analyze.append(_wall([python, "-m", "alignment", "analyze", str(xlsx), "--json"]))
            bare.append(_wall([python, str(BARE_XLSX), str(xlsx)]))
            floor.append(_wall([python, "-m", "bench.analyze_floor", str(xlsx)]))
        result.update(
            analyze=statistics.median(analyze),
            bare=statistics.median(bare),
            ratio=statistics.median(a / b for a, b in zip(analyze, bare, strict=True)),
            floor=statistics.median(floor),
            floor_ratio=statistics.median(f / b for f, b in zip(floor, bare, strict=True)),
        )
        log(
            f"  start-up analyze {result['analyze']:.3f} s, bare calamine + pandas {result['bare']:.3f} s: {result['ratio']:.2f}×"
            f" (the command's floor {result['floor']:.3f} s: {result['floor_ratio']:.2f}×)"
        )
    return result


def measure_first_page(case: Case | None, runs: int, data_dir: str, log) -> dict | None:
    """(g): bench/first_page.py in its own process on the case's survey; None when there is no CSV case, a dict with
    the reason when it could not run (no Chromium, no Playwright, the app failed)."""
    if case is None:
        return None
    command = [sys.executable, "-m", "bench.first_page", "--json", "--respondents", str(case.respondents)]
    command += ["--runs", str(runs), "--data-dir", data_dir]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=WORKER_TIMEOUT)
    line = next((x for x in done.stdout.splitlines() if x.startswith("FIRST_PAGE_RESULT ")), None)
    if done.returncode != 0 or line is None:
        why = (done.stderr.strip().splitlines() or ["no result"])[-1][:300]
        log(f"  first Overview {case.label}: not measured ({why})")
        return {"case": case.label, "error": why}
    result = json.loads(line.removeprefix("FIRST_PAGE_RESULT ")) | {"case": case.label}
    log(f"  first Overview {case.label}: median {result['median_ms']:.0f} ms, max {result['max_ms']:.0f} ms (one core)")
    return result


def build_cases(args, log) -> tuple[list[Case], float]:
    from bench import synthetic

    start = time.perf_counter()
    data_dir = Path(args.data_dir)
    cases = []
    for n in args.sizes:
        path = synthetic.survey_path(n, "csv", data_dir)
        cases.append(Case(f"csv-{n}", f"CSV {short(n)}", "csv", n, [["responses.csv", str(path)]]))
    for n in args.xlsx_sizes:
        path = synthetic.survey_path(n, "xlsx", data_dir)
        cases.append(Case(f"xlsx-{n}", f"xlsx {short(n)}", "xlsx", n, [["responses.xlsx", str(path)]]))
    if args.work_items:
        n = max(args.sizes)
        survey = synthetic.survey_path(n, "csv", data_dir)
        items = synthetic.work_items_path(args.work_items, data_dir)
        cases.append(
            Case(
                f"csv-{n}+wi",
                f"CSV {short(n)} + WorkItems {short(args.work_items)}",
                "csv",
                n,
                [["responses.csv", str(survey)], ["work_items.csv", str(items)]],
                args.work_items,
            )
        )
    seconds = time.perf_counter() - start
    log(f"data ready in {seconds:.1f} s ({data_dir.relative_to(ROOT) if data_dir.is_relative_to(ROOT) else data_dir})")
    return cases, seconds


# ---------------------------------------------------------------------------------- report


def load_average() -> str:
    """Other work on the machine slows every number here; the report says how busy it was."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "unknown"


LOAD_AT_START = load_average()


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "Platform": f"{platform.system()} ({platform.machine()})",
        "CPU": cpu,
        "Cores": f"{usable} usable ({os.cpu_count()} online)",
        "RAM": ram,
        "Python": platform.python_version(),
        "duckdb": version("duckdb"),
        "streamlit": version("streamlit"),
        "python-calamine": version("python-calamine"),
        "fastexcel": version("fastexcel"),
        "pyarrow": version("pyarrow"),
        "pandas": version("pandas"),
        "openpyxl": version("openpyxl"),
        "Load average (1 min) at start / end": LOAD_AT_START + " / " + load_average(),
    }


def code_version() -> str:
    """The commit measured, and whether the app's code had uncommitted changes."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", *APP_PATHS],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    changed = len(dirty.stdout.splitlines())
    if not changed:
        return commit.stdout.strip()
    diff = subprocess.run(["git", "diff", "HEAD", "--", *APP_PATHS], cwd=ROOT, capture_output=True, text=True).stdout
    digest = hashlib.sha256((dirty.stdout + diff).encode()).hexdigest()[:8]
    return f"{commit.stdout.strip()} with uncommitted changes to {changed} app file(s) (diff {digest})"


def fmt(value: float | None, pattern: str = "{:.3f}") -> str:
    return "error" if value is None else pattern.format(value)


@dataclass
class Ratio:
    """A ratio of two kinds measured in turn: the median of the ratios of their runs taken side by side (run i of
    one over run i of the other), so that a drift in the machine's speed during the measurement cancels out; and
    the least and the most of those ratios, how far one pair can be from another on this machine."""

    median: float
    low: float
    high: float
    pairs: int

    def text(self, pattern: str = "{:.1f}×") -> str:
        spread = f" ({pattern.format(self.low)}–{pattern.format(self.high)} over {self.pairs} pairs)" if self.pairs > 1 else ""
        return pattern.format(self.median) + spread


def paired(numerator: Measurement | None, denominator: Measurement | None) -> Ratio | None:
    """The Ratio of two measurements taken in turn (measure_interleaved); None when either failed."""
    if numerator is None or denominator is None or not (numerator.ok and denominator.ok):
        return None
    ratios = [a["seconds"] / b["seconds"] for a, b in zip(numerator.runs, denominator.runs, strict=False) if b["seconds"]]
    if not ratios:
        return None
    return Ratio(statistics.median(ratios), min(ratios), max(ratios), len(ratios))


def table(headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    """A Markdown table; columns from `numeric_from` on are right-aligned."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" if i < numeric_from else "---:" for i in range(len(headers))) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


@dataclass
class Target:
    name: str
    case: str
    value: str
    limit: str
    passed: bool | None  # None: not measured

    @property
    def result(self) -> str:
        return "not measured" if self.passed is None else "PASS" if self.passed else "FAIL"


def target_table(targets: list[Target]) -> str:
    return table(
        ["target", "case", "measured", "target value", "result"],
        [[t.name, t.case, t.value, t.limit, t.result] for t in targets],
        2,
    )


def median_rerun(d: dict | None) -> tuple[float | None, float | None]:
    if not d:
        return None, None
    overview, tactic = (statistics.median(d["rerun_ms"][p]) for p in RERUN_PAGES)
    return overview, tactic


def evaluate(cases: list[Case], results: dict, args) -> list[Target]:
    survey_csv = [c for c in cases if c.fmt == "csv" and not c.work_items]
    xlsx = [c for c in cases if c.fmt == "xlsx"]
    targets = []
    smoke = " (smoke run: not the target size)" if args.quick else ""

    if survey_csv:
        case = survey_csv[-1]
        value = paired(results[case.key]["ingest"], results[case.key]["parse"])
        targets.append(
            Target(
                "CSV: analysis within 2× the bare DuckDB parse (100k respondents)" + smoke,
                case.label,
                "error" if value is None else value.text(),
                f"≤ {CSV_PARSE_RATIO_MAX:g}×",
                None if value is None else value.median <= CSV_PARSE_RATIO_MAX,
            )
        )
    if xlsx:
        case = xlsx[-1]
        value = paired(results[case.key]["ingest"], results[case.key]["parse"])
        targets.append(
            Target(
                "xlsx: analysis within 1.5× the bare calamine parse (20k respondents)" + smoke,
                case.label,
                "error" if value is None else value.text(),
                f"≤ {XLSX_PARSE_RATIO_MAX:g}×",
                None if value is None else value.median <= XLSX_PARSE_RATIO_MAX,
            )
        )
        value = paired(results[case.key]["pandas"], results[case.key]["ingest"])
        targets.append(
            Target(
                "xlsx: ≥ 8× faster than the openpyxl + pandas baseline (20k respondents)" + smoke,
                case.label,
                "error" if value is None else value.text(),
                f"≥ {OPENPYXL_SPEEDUP_MIN:g}×",
                None if value is None else value.median >= OPENPYXL_SPEEDUP_MIN,
            )
        )
    if survey_csv:
        case = survey_csv[-1]
        overview, tactic = median_rerun(results[case.key].get("streamlit"))
        worst = None if overview is None else max(overview, tactic)
        targets.append(
            Target(
                "Median page rerun under 150 ms (100k respondents loaded; Overview and REL page)" + smoke,
                case.label,
                "error" if worst is None else f"{overview:.0f} ms / {tactic:.0f} ms",
                f"< {RERUN_MS_MAX:g} ms",
                None if worst is None else worst < RERUN_MS_MAX,
            )
        )
    startup = results.get("startup")
    if startup:
        targets.append(
            Target(
                "Start-up: `python -m alignment items` under 0.5 s (whole process)",
                "item bank",
                fmt(startup["items"], "{:.2f} s"),
                f"< {ITEMS_SECONDS_MAX:g} s",
                startup["items"] < ITEMS_SECONDS_MAX,
            )
        )
        ratio_value = startup["ratio"]
        targets.append(
            Target(
                "Whole-process `analyze --json` within 1.3× a bare calamine + pandas script (20k-respondent xlsx)" + smoke,
                startup["case"] or "no workbook case",
                fmt(ratio_value, "{:.2f}×"),
                f"≤ {WHOLE_PROCESS_RATIO_MAX:g}×",
                None if ratio_value is None else ratio_value <= WHOLE_PROCESS_RATIO_MAX,
            )
        )
    first = results.get("first_page")
    if first is not None:
        median_ms = first.get("median_ms")
        targets.append(
            Target(
                "First Overview within 2 s on one core (real server, fresh session, from the click to the rendered page)" + smoke,
                first["case"],
                "error" if median_ms is None else f"{median_ms:.0f} ms (max {first['max_ms']:.0f})",
                f"≤ {FIRST_OVERVIEW_MS_MAX:.0f} ms",
                None if median_ms is None else median_ms <= FIRST_OVERVIEW_MS_MAX,
            )
        )
    largest = max(cases, key=lambda c: c.megabytes)
    peak = results[largest.key]["ingest"].peak_mb
    targets.append(
        Target(
            "Peak memory of ingest + analysis under 1.5 GB (largest case)" + smoke,
            largest.label,
            fmt(peak, "{:.0f} MB"),
            f"< {PEAK_MB_MAX:g} MB",
            None if peak is None else peak < PEAK_MB_MAX,
        )
    )
    seen = [c for r in results.values() if r.get("streamlit") for c in r["streamlit"]["charts"]]
    most = max((c["rows"] for c in seen), default=None)
    measured = [r for r in results.values() if "streamlit" in r]
    complete = bool(measured) and all(r["streamlit"] for r in measured)
    targets.append(
        Target(
            "No chart sends more than 5,000 rows to the browser",
            f"{len(seen)} charts: {len(CHART_PAGES)} pages × {len(measured)} app run(s)",
            "error" if most is None else f"{most:,} rows",
            f"≤ {CHART_ROWS_MAX:,} rows",
            None if most is None or not complete else most <= CHART_ROWS_MAX,
        )
    )
    return targets


def render(args, cases, results, targets, timings) -> str:
    command = "python -m bench.run" + "".join(f" {a}" for a in args.shown_args)
    parts = [
        "# Performance",
        "",
        "Generated by `bench/run.py`; do not edit by hand. Rerun it after a change that could affect speed:",
        "",
        f"```bash\n{command}\n```",
        "",
        f"Code measured: {timings['code']}. Whole run: {timings['total']:.0f} s, of which {timings['data']:.0f} s "
        "preparing the synthetic data (cached in `bench/.data/` after the first run).",
        "",
        "## Machine",
        "",
        table(["", ""], [[k, v] for k, v in machine().items()], numeric_from=2),
        "",
        "## Data",
        "",
        "Synthetic, deterministic (`bench/synthetic.py`, fixed seed): the full item bank (37 items, 31 Likert and "
        "6 open) in the template's Responses layout; mostly agreement labels, one respondent in ten answering with "
        "numbers 1–5, ~3 % N/A and ~2 % blank answers, 20 departments, 4 periods, comments on the open questions "
        "from ~40 % of respondents. The workbook is the template written by `alignment.template.build_template`. "
        "WorkItems: id, opened (over the same 4 quarters), department, kind, proactive blank for 90 % of rows.",
        "",
        table(
            ["case", "files", "size"],
            [[c.label, ", ".join(n for n, _ in c.files), f"{c.megabytes:.1f} MB"] for c in cases],
            numeric_from=2,
        ),
        "",
        "## Targets",
        "",
        target_table(targets),
        "",
    ]

    def rows(kind: str, reader) -> list[list[str]]:
        out = []
        for case in cases:
            m = results[case.key].get(kind)
            if m is None:
                continue
            out.append([case.label, reader(case), fmt(m.seconds), str(len(m.runs)) if m.ok else m.error or "error"])
        return out

    parts += [
        "## (a) Ingest + analysis",
        "",
        "`Dataset.from_files` + `analyze` + `run_checks` on the file bytes already in memory (reading the file "
        "is not timed), after an untimed warm-up on the bundled sample CSV in the same process. CPU seconds are the "
        "process's, all its threads together: above the wall-clock seconds where two cores worked at once.",
        "",
        table(
            ["case", "what", "seconds (median)", "runs", "CPU seconds (median)"],
            [
                [*row, fmt(results[case.key]["ingest"].cpu_seconds)]
                for case, row in zip(cases, rows("ingest", lambda c: "all checks, all periods"), strict=True)
            ],
            2,
        ),
        "",
        "## (b) Bare parse floor",
        "",
        f"CSV: `duckdb.sql(\"SELECT * FROM read_csv('<path>', all_varchar=true)\").{ARROW_METHOD}()` (an Arrow "
        "table, so no pandas conversion is counted; `to_arrow_table` is DuckDB 1.5's name for `fetch_arrow_table`); "
        "for the WorkItems case both files are parsed, one after the other. xlsx: "
        '`CalamineWorkbook.from_path(p).get_sheet_by_name("Responses").to_python()`. The app itself reads a '
        "workbook's Responses and evidence sheets with fastexcel (the same calamine parser, handing the cells to "
        "Arrow as text instead of one Python object per cell) and any other sheet with python-calamine; a CSV with "
        "Arrow's CSV reader. Both yardsticks are other projects' readers and move with their versions (listed under "
        "Machine): DuckDB 2.0's CSV reader parses the 100k file in about two thirds of the time 1.5's took, with the "
        "app's own time unchanged, so a CSV ratio compares only with runs at the same DuckDB version.",
        "",
        table(
            ["case", "reader", "seconds (median)", "runs"],
            rows("parse", lambda c: "python-calamine" if c.fmt == "xlsx" else "DuckDB read_csv → Arrow"),
            2,
        ),
        "",
        "## (c) Plain pandas baseline",
        "",
        '`pd.read_csv(path)` or `pd.read_excel(path, sheet_name="Responses", engine="openpyxl")`, labels and '
        "numbers mapped to 1–5, reverse-coded items flipped, mean per respondent and tactic, then mean per function "
        "(`pandas_baseline` in `bench/run.py`; no alignment code except the item bank).",
        "",
        table(
            ["case", "reader", "seconds (median)", "runs"],
            rows("pandas", lambda c: "pandas + openpyxl" if c.fmt == "xlsx" else "pandas read_csv"),
            2,
        ),
        "",
        "## Ratios",
        "",
        "(a)/(b): how far the app is from the bare parse (1× = as fast as just reading the file). "
        "(c)/(a): how many times faster the app is than the plain pandas script.",
        "",
    ]
    ratio_rows = []
    for case in cases:
        r = results[case.key]
        parse_ratio, pandas_ratio = paired(r["ingest"], r["parse"]), paired(r.get("pandas"), r["ingest"])
        ratio_rows.append(
            [
                case.label,
                "error" if parse_ratio is None else parse_ratio.text(),
                "–" if "pandas" not in r else "error" if pandas_ratio is None else pandas_ratio.text(),
            ]
        )
    parts += [table(["case", "(a)/(b)", "(c)/(a)"], ratio_rows), ""]

    parts += [
        "## (d) Streamlit page rerun",
        "",
        '`AppTest.from_file("app.py")`: upload the file(s) on Home, switch to the page and run once (warm-up), '
        f"then {args.reruns} timed `at.run()` calls on the Overview and {args.reruns} on the REL tactic page; the "
        "median is shown. AppTest runs the script in-process, so this is the script's own time (no browser, no "
        "websocket). Then every results page is visited once and each chart's datasets are counted.",
        "",
    ]
    page_rows = []
    for case in cases:
        d = results[case.key].get("streamlit")
        if d is None and "streamlit" not in results[case.key]:
            continue
        if not d:
            page_rows.append([case.label, "error", "error", "error", "error", "error"])
            continue
        overview, tactic = median_rerun(d)
        biggest = max(d["charts"], key=lambda c: c["rows"], default=None)
        where = f"{biggest['rows']:,} ({Path(biggest['page']).stem})" if biggest else "no chart"
        page_rows.append(
            [case.label, f"{d['upload_seconds']:.1f}", f"{overview:.0f}", f"{tactic:.0f}", str(len(d["charts"])), where]
        )
    parts += [
        table(
            ["case", "upload run (s)", "Overview rerun (ms)", "REL page rerun (ms)", "charts", "most rows in one chart"],
            page_rows,
        ),
        "",
    ]
    problems = [f"{case.label}: {p}" for case in cases for p in (results[case.key].get("streamlit") or {}).get("problems", [])]
    if problems:
        parts += ["Problems seen in the app run:", "", *[f"- {p}" for p in problems], ""]

    startup = results.get("startup") or {}
    parts += [
        "## (f) Start-up and whole process",
        "",
        "Wall time of whole processes, the interpreter's start and every import included (the command line's "
        "everyday cost): `python -m alignment items`, and `python -m alignment analyze FILE.xlsx --json` against "
        "`bench/bare_xlsx.py`, a script that only imports pandas and python-calamine and reads the Responses sheet "
        "into a DataFrame; and beside them the command's floor, `python -m bench.analyze_floor FILE.xlsx` "
        "(bench/analyze_floor.py): the imports the command makes for an analysis, the file's safety checks and "
        "sizing, and the reading of its sheets as the app reads them, and no analysis. "
        f"{args.repeat} runs each, the three in turn, medians and the medians of the pair ratios.",
        "",
        table(
            ["measure", "case", "seconds"],
            [
                ["python -m alignment items", "item bank", fmt(startup.get("items"), "{:.2f}")],
                ["python -m alignment analyze --json", startup.get("case") or "–", fmt(startup.get("analyze"), "{:.2f}")],
                ["bench/bare_xlsx.py (calamine + pandas)", startup.get("case") or "–", fmt(startup.get("bare"), "{:.2f}")],
                ["ratio analyze / bare (median of pairs)", startup.get("case") or "–", fmt(startup.get("ratio"), "{:.2f}×")],
                ["the command's floor (bench/analyze_floor.py)", startup.get("case") or "–", fmt(startup.get("floor"), "{:.2f}")],
                ["ratio floor / bare (median of pairs)", startup.get("case") or "–", fmt(startup.get("floor_ratio"), "{:.2f}×")],
            ],
            numeric_from=2,
        ),
        "",
        *_floor_words(startup),
        *_first_page_section(results.get("first_page"), args),
        "## (e) Peak memory",
        "",
        "Peak resident set size (VmHWM) of the fresh process that ran (a), including the interpreter, the "
        "libraries and the file bytes; the largest of its runs.",
        "",
        table(["case", "peak RSS (MB)"], [[c.label, fmt(results[c.key]["ingest"].peak_mb, "{:.0f}")] for c in cases]),
        "",
        "## How to read this",
        "",
        "Absolute seconds depend on the machine; the targets are stated as ratios to work done on the same "
        "machine in the same run, so they travel. (a)/(b) near 1 means the app costs little more than reading "
        "the file at all; a large (a)/(b) says time goes into our own Python, not into I/O. (c)/(a) compares "
        "with what a user would do by hand with pandas and openpyxl. The rerun times are what every click "
        "costs once the data is loaded: anything not cached is recomputed on each rerun. Streamlit Community "
        "Cloud gives an app as little as a fraction of one core, so treat every number here as a best case. "
        "Each measurement is a fresh process (so one case's caches and memory never help the next); timings "
        f"are the median of {args.repeat} run{'s' if args.repeat > 1 else ''}, or of {SLOW_RUNS} where the first took "
        f"longer than {args.slow:g} s (the runs column says which). The runs of (a), (b) and (c) alternate (a, b, c, "
        "a, b, c, ...), and each ratio is the median of the ratios of runs taken side by side, shown with the least "
        "and the most of them: a drift in the machine's speed during the run cancels out of a pair, and the range "
        "says how far apart single pairs were (on a shared 2-core machine single runs vary by ±20 % and more). "
        "`python -m bench.run --quick` is the smoke version (1k respondents, one run each) that CI runs; its "
        "numbers are not the targets' sizes.",
        "",
    ]
    return "\n".join(parts)


def _floor_words(startup: dict) -> list[str]:
    """What the floor leaves for the analysis under the whole-process target, in the report's words."""
    if startup.get("floor") is None or startup.get("bare") is None:
        return []
    allowed = WHOLE_PROCESS_RATIO_MAX * startup["bare"]
    return [
        f"Within {WHOLE_PROCESS_RATIO_MAX:g}× the bare script the command may take {allowed:.2f} s; its floor takes "
        f"{startup['floor']:.2f} s of that, which leaves {max(allowed - startup['floor'], 0):.2f} s for everything "
        f"the command does after reading (the analysis takes {startup['analyze'] - startup['floor']:.2f} s: parse "
        "into tables, disclosure decisions, statistics and checks, comment tones and themes, breakdowns, JSON).",
        "",
    ]


def _first_page_section(first: dict | None, args) -> list[str]:
    if first is None:
        return []
    lines = [
        "## (g) First Overview on one core",
        "",
        "`python -m bench.first_page` (bench/first_page.py): `streamlit run app.py` pinned to one core (CPU affinity, as "
        "`taskset -c 0`), Chromium (Playwright) on the other core. After one warm-up visit of Home (the sample data), "
        f"{args.repeat} fresh sessions one after another (a new browser context each): open Home, upload the survey "
        "(each session its own file, one respondent fewer than the one before, so nothing computed for one session "
        "serves the next), wait until Home says it is loaded and its run is over, then click Overview in the sidebar. "
        "Timed in the browser from that click until Overview's script run has finished, its title and data banner are "
        "there and the Alignment index is shown: the server computes everything the Overview shows that Home did not "
        "(the changes from the previous round, the charts, the priorities), sends it, and the browser draws it.",
        "",
    ]
    if first.get("error"):
        return [*lines, f"Not measured: {first['error']}", ""]
    rows = [
        [str(i), f"{n:,}", f"{upload:.1f}", f"{ms:.0f}"]
        for i, (n, upload, ms) in enumerate(zip(first["respondents"], first["upload_s"], first["overview_ms"], strict=True), 1)
    ]
    return [
        *lines,
        table(["session", "respondents shown", "upload (s)", "first Overview (ms)"], rows),
        "",
        f"Median {first['median_ms']:.0f} ms, slowest {first['max_ms']:.0f} ms ({first['case']}, {first['file_mb']:.1f} MB; "
        f"the Overview shows the latest round). The server used {first['server_cpu_seconds']:.1f} s of CPU over the "
        f"sessions, uploads included; Chromium {first['chromium']}.",
        "",
    ]


def parse_args(argv: list[str] | None):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="respondents per CSV case, comma-separated")
    parser.add_argument("--xlsx-max", type=int, default=20000, help="largest workbook case (sizes above it are CSV only)")
    parser.add_argument(
        "--work-items", type=int, default=1_000_000, help="WorkItems rows uploaded with the largest CSV (0: none)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--slow", type=float, default=10.0, help=f"seconds after which a case runs {SLOW_RUNS} times only")
    parser.add_argument("--reruns", type=int, default=10, help="timed page reruns per page")
    parser.add_argument("--quick", action="store_true", help="smoke run: a 1k CSV and a 1k xlsx only, one run each")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the Markdown report to write")
    parser.add_argument("--data-dir", default=None, help="cache folder for the generated files (default bench/.data/)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.shown_args = []
    for raw in argv if argv is not None else sys.argv[1:]:
        flag, equals, value = raw.rpartition("=") if raw.startswith("--") and "=" in raw else ("", "", raw)
        path = Path(value)
        if path.is_absolute():
            value = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else "<path>"
        args.shown_args.append(flag + equals + value)
    if args.worker:
        return args
    if args.quick:
        args.sizes, args.xlsx_sizes, args.work_items, args.repeat, args.reruns = [1000], [1000], 0, 1, 5
    else:
        args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
        args.xlsx_sizes = sorted({s for s in args.sizes if s <= args.xlsx_max} | {args.xlsx_max})
    if args.data_dir is None:
        from bench.synthetic import DEFAULT_DATA_DIR

        args.data_dir = str(DEFAULT_DATA_DIR)
    args.data_dir = str(Path(args.data_dir).resolve())
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return run_worker(args.worker)
    started = time.perf_counter()
    code = code_version()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", flush=True)

    cases, data_seconds = build_cases(args, log)
    largest_csv = max((c for c in cases if c.fmt == "csv"), key=lambda c: (c.respondents, c.work_items))
    page_cases = {c.key for c in cases if c.fmt == "csv"} | {largest_csv.key}
    results: dict[str, dict] = {}
    for case in cases:
        log(f"{case.label} ({case.megabytes:.1f} MB)")
        r = results[case.key] = {}
        kinds = ("ingest", "parse") if case.work_items else ("ingest", "parse", "pandas")
        r.update(zip(kinds, measure_interleaved(kinds, case, args.repeat, args.slow, log), strict=True))
        if case.key in page_cases:
            try:
                d = spawn("streamlit", files=case.files, reruns=args.reruns)
                overview, tactic = median_rerun(d)
                most = max((c["rows"] for c in d["charts"]), default=0)
                log(f"  pages    {case.label:<24} {overview:8.0f} ms Overview, {tactic:.0f} ms REL; most chart rows {most}")
                for problem in d["problems"]:
                    log(f"  pages    problem: {problem}")
            except RuntimeError as exc:
                d = None
                log(f"  pages    {case.label:<24} ERROR {exc}")
            r["streamlit"] = d

    xlsx = max((c for c in cases if c.fmt == "xlsx"), key=lambda c: c.respondents, default=None)
    log("start-up and whole process")
    results["startup"] = measure_startup(Path(xlsx.files[0][1]) if xlsx else None, args.repeat, log)
    results["startup"]["case"] = xlsx.label if xlsx else None
    log("first Overview on one core")
    survey_csv = [c for c in cases if c.fmt == "csv" and not c.work_items]
    results["first_page"] = measure_first_page(survey_csv[-1] if survey_csv else None, args.repeat, args.data_dir, log)
    targets = evaluate(cases, results, args)
    total = time.perf_counter() - started
    code_end = code_version()
    if code_end != code:
        code = f"{code} at the start, {code_end} at the end (the code changed during the run)"
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    report = render(args, cases, results, targets, {"total": total, "data": data_seconds, "code": code})
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    blocks = (
        "load",
        "memory",
        "workspace",
        "raw-export",
    )  # written by bench/load.py, bench/workspace_load.py and bench/raw_export.py
    for first, last in ((f"<!-- {name}:start -->", f"<!-- {name}:end -->") for name in blocks):
        start, end = old.find(first), old.find(last)
        if 0 <= start < end:  # keep the blocks that bench/load.py and bench/raw_export.py write
            report += "\n" + old[start : end + len(last)] + "\n"
    out.write_text(report, encoding="utf-8")
    print()
    print(target_table(targets))
    print(f"\nwrote {out} in {total:.0f} s")
    failed = [
        case.label for case in cases for key, m in results[case.key].items() if (m is None if key == "streamlit" else not m.ok)
    ]
    if failed:
        print(f"measurements failed for: {', '.join(sorted(set(failed)))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
