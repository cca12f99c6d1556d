"""The app and the command line run NumPy's and SciPy's BLAS on one thread: their matrices are small, and a pool's
threads spin on the cores other sessions need (alignment/blas_threads.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = "import json\nfrom threadpoolctl import threadpool_info\nprint('BLAS', json.dumps([i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas']))\n"


def blas_threads_after(script: str) -> list[int]:
    """The thread count of every BLAS library loaded in a fresh Python process once `script` has run."""
    done = subprocess.run([sys.executable, "-c", script + REPORT], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("BLAS "))
    return json.loads(line.removeprefix("BLAS "))


def test_without_the_limit_the_pool_has_more_threads_here() -> None:
    """The baseline the other tests are read against: on this machine a pool has a thread per core (more than one),
    so a count of one below is the limit's doing."""
    counts = blas_threads_after("import numpy, scipy.optimize\n")
    assert len(counts) >= 1
    if (os.cpu_count() or 1) > 1:
        assert max(counts) > 1


def test_the_limit_reaches_numpy_and_scipy_also_what_loads_later() -> None:
    counts = blas_threads_after(
        "from alignment.blas_threads import one_blas_thread\none_blas_thread()\nimport scipy.optimize, scipy.linalg\n"
    )
    assert len(counts) >= 2 and set(counts) == {1}  # NumPy's and SciPy's


def test_the_command_line_analyses_with_one_blas_thread() -> None:
    script = (
        "import contextlib, io\nfrom alignment.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['analyze', 'sample_data/responses.csv', '--json'])\n"
    )
    assert set(blas_threads_after(script)) == {1}


def test_the_app_runs_with_one_blas_thread() -> None:
    script = "from streamlit.testing.v1 import AppTest\nAppTest.from_file('app.py', default_timeout=120).run()\n"
    assert set(blas_threads_after(script)) == {1}
