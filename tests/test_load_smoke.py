"""Smoke run of the load and isolation benchmark (bench/load.py): three concurrent browser sessions, sample-sized files.

Starts `streamlit run app.py` and the Debian Chromium through Playwright, like tests/test_browser.py. Outside CI the
test is skipped when Chromium or Playwright is missing; with CI=true that is a failure instead. No timing is asserted.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from browser_stack import require_browser_stack

from bench import load

ROOT = Path(__file__).resolve().parents[1]
SESSIONS = 3


def test_three_concurrent_sessions_stay_isolated_and_the_report_block_is_written(tmp_path: Path) -> None:
    require_browser_stack("playwright.async_api")
    out = tmp_path / "PERFORMANCE.md"
    out.write_text("# Performance\n\nWritten by bench/run.py.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bench.load", "--sessions", str(SESSIONS), "--visits", "2", "--timeout", "120", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout[-4000:] + done.stderr[-4000:]
    assert done.returncode == 0, output
    line = next((x for x in done.stdout.splitlines() if x.startswith("LOAD_RESULT ")), None)
    assert line is not None, output
    result = json.loads(line.removeprefix("LOAD_RESULT "))
    assert result["violations"] == 0 and result["failures"] == 0, output
    assert result["result"] == "PASS"
    assert result["pages"] == SESSIONS * 2 * 2  # 2 visits of Overview and of REL per session
    assert result["p50_ms"] > 0 and result["p95_ms"] >= result["p50_ms"] and result["peak_mb"] > 0

    report = out.read_text(encoding="utf-8")
    assert report.startswith("# Performance\n\nWritten by bench/run.py.\n")  # what was there is kept
    assert report.count(load.BLOCK_START) == 1 and report.count(load.BLOCK_END) == 1
    block = report[report.index(load.BLOCK_START) : report.index(load.BLOCK_END)]
    row = next((x for x in block.splitlines() if x.startswith("| concurrent sessions |")), None)
    assert row is not None, block
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == str(SESSIONS)
    assert cells[2] == "56–58"  # the sample latest round's 59 respondents (what the app opens on) minus 1, 2, 3
    assert re.fullmatch(r"\d+\.\d / \d+\.\d s", cells[4]), row  # upload p50 / max
    assert re.fullmatch(r"\d+ / \d+ ms \(12\)", cells[5]), row  # page p50 / p95 (pages)
    assert re.fullmatch(r"\d+ MiB", cells[6]), row
    assert cells[8:] == ["0", "0", "PASS"], row
    assert "python -m bench.load --sessions 3 --visits 2 --timeout 120 --out <path>" in block
    assert str(tmp_path) not in report and str(Path.home()) not in report and "/tmp" not in report

    # Rewriting keeps the text around the block and replaces the block in place.
    previous = load.previous_results(report)
    assert set(previous) == {"concurrent"}
    out.write_text(report + "\nAfter the block.\n", encoding="utf-8")
    load.write_report(out, previous["concurrent"])
    again = out.read_text(encoding="utf-8")
    assert again.count(load.BLOCK_START) == 1 and again.endswith("\nAfter the block.\n")
    assert load.previous_results(again) == previous


def test_results_survive_the_html_comment_they_are_kept_in() -> None:
    """The JSON of a result may hold '--' (the command's flags), which an HTML comment must not contain."""
    result = {"key": "limited", "command": "python -m bench.load --limit-one-core-2.7gb", "failures": ["a -- b"]}
    line = load._encode(result)
    assert "--" not in line[len("<!--") : -len("-->")]
    assert load.previous_results(f"{load.BLOCK_START}\n{line}\n{load.BLOCK_END}\n") == {"limited": result}


def test_session_files_differ_in_name_department_and_respondents(tmp_path: Path) -> None:
    files = load.make_session_files(load.SAMPLE_CSV, 12, tmp_path)
    assert len({f.name for f in files}) == len({f.department for f in files}) == len({f.respondents for f in files}) == 12
    assert [f.respondents for f in files] == list(range(58, 46, -1))  # the latest round, 59, minus 1 ... 12
    first = files[6].path.read_text(encoding="utf-8").splitlines()
    assert first[0] == load.SAMPLE_CSV.read_text(encoding="utf-8").splitlines()[0]  # same header
    assert sum("Unit-Session-07" in x for x in first) > 0 and not any("Unit-Session-08" in x for x in first)
