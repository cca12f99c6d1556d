"""A wrong path on the command line is reported at once (issue 19 point 3): before pandas, DuckDB or SciPy is
imported, with the same message and exit code as before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CSV = ROOT / "sample_data" / "responses.csv"
HEAVY = ("pandas", "duckdb", "scipy", "pyarrow", "numpy")
PROBE = """
import sys
from alignment.__main__ import main
code = main(sys.argv[1:])
print("exit", code)
print("imported", sorted(m for m in {heavy!r} if m in sys.modules))
"""


def run(*args: str) -> subprocess.CompletedProcess:
    probe = PROBE.format(heavy=HEAVY)
    return subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize(
    "args",
    [
        ("analyze", "missing.xlsx"),
        ("analyze", "missing.xlsx", "--json", "--mapping", "missing.json"),
        ("analyze", str(SAMPLE_CSV), "missing_evidence.xlsx"),
        ("report", "missing.xlsx", "--out", "report.html"),
    ],
)
def test_a_missing_file_is_reported_before_any_reader_is_imported(args):
    done = run(*args)
    missing = next(a for a in args if a.startswith("missing") and not a.endswith(".json"))
    assert f"error: File not found: '{missing}'. Check the path and try again." in done.stderr
    assert "exit 2" in done.stdout
    assert "imported []" in done.stdout  # none of pandas, DuckDB, SciPy, Arrow, NumPy
