"""The benchmark's smoke run (1k respondents): it runs end to end and writes its report. No timing is asserted."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = (
    "CSV: analysis within 2× the bare DuckDB parse",
    "xlsx: analysis within 1.5× the bare calamine parse",
    "xlsx: ≥ 8× faster than the openpyxl + pandas baseline",
    "Median page rerun under 150 ms",
    "Peak memory of ingest + analysis under 1.5 GB",
    "No chart sends more than 5,000 rows to the browser",
    "Start-up: `python -m alignment items` under 0.5 s (whole process)",
    "Whole-process `analyze --json` within 1.3× a bare calamine + pandas script",
    "First Overview within 2 s on one core",
)


def test_quick_benchmark_writes_the_report(tmp_path):
    out = tmp_path / "PERFORMANCE.md"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--out", str(out), "--data-dir", str(tmp_path / "data")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = out.read_text(encoding="utf-8")

    assert "| target | case | measured | target value | result |" in report
    for target in TARGETS:
        row = next((line for line in report.splitlines() if line.startswith(f"| {target}")), None)
        assert row is not None, target
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[-1] in {"PASS", "FAIL"}, row  # measured, whichever way it went
        assert re.search(r"\d", cells[2]), row  # a number, not "error"
    for section in (
        "## (a) Ingest + analysis",
        "## (b) Bare parse floor",
        "## (c) Plain pandas baseline",
        "## (d) Streamlit",
        "## (f) Start-up and whole process",
        "## (g) First Overview on one core",
    ):
        assert section in report
    assert re.search(r"\| CSV 1k \| all checks, all periods \| \d+\.\d{3} \| 1 \|", report)
    assert re.search(r"\| xlsx 1k \| python-calamine \| \d+\.\d{3} \| 1 \|", report)
    assert re.search(r"\| CSV 1k \| [\d.]+ \| \d+ \| \d+ \| \d+ \|", report)  # page reruns and chart count
    # the whole-process section holds the command's floor beside the command and the bare script, and says what it leaves
    assert re.search(r"\| the command's floor \(bench/analyze_floor.py\) \| xlsx 1k \| \d+\.\d{2} \|", report)
    assert re.search(r"its floor takes \d+\.\d{2} s of that, which leaves \d+\.\d{2} s", report)
    assert "python -m bench.run --quick" in report
    assert str(Path.home()) not in report and str(tmp_path) not in report  # no user paths


def test_ratios_pair_runs_taken_side_by_side():
    """A target's ratio is the median of run-by-run ratios (a drift of the machine's speed cancels out of a pair),
    shown with the least and the most of them; a kind with fewer runs pairs as far as it goes."""
    from bench.run import Measurement, paired

    def runs(*seconds: float) -> Measurement:
        return Measurement(runs=[{"seconds": s, "peak_mb": 1.0} for s in seconds])

    # the machine slows down threefold halfway: the medians' ratio would say 3.0, each pair says 2.0 or so
    app, floor = runs(2.0, 2.2, 6.0, 6.3, 6.6), runs(1.0, 1.0, 3.0, 3.0, 3.0)
    ratio = paired(app, floor)
    assert (ratio.median, ratio.low, ratio.high, ratio.pairs) == (2.1, 2.0, 2.2, 5)
    assert ratio.text() == "2.1× (2.0×–2.2× over 5 pairs)"
    assert paired(runs(30.0, 33.0, 36.0), app).pairs == 3  # a slow baseline ran three times
    assert paired(runs(4.0), runs(2.0)).text() == "2.0×"  # one pair: no range to show
    assert paired(Measurement(error="exit 1"), floor) is None


def test_a_slow_kind_runs_three_times_in_turn_with_the_others(monkeypatch):
    import bench.run as bench

    order = []

    def spawn(kind, files):
        order.append(kind)
        return {"seconds": 20.0 if kind == "pandas" else 1.0, "peak_mb": 1.0}

    monkeypatch.setattr(bench, "spawn", spawn)
    case = bench.Case("x", "x", "xlsx", 1, [])
    measured = bench.measure_interleaved(("ingest", "parse", "pandas"), case, 5, 10.0, lambda message: None)
    assert [len(m.runs) for m in measured] == [5, 5, 3]
    assert order[:6] == ["ingest", "parse", "pandas", "ingest", "parse", "pandas"]
