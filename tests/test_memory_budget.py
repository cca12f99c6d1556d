"""The memory budget: per-file limits checked before parsing, the process-wide parse gate, byte-bounded caches."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from alignment.cache import ByteBoundedCache, size_of
from alignment.errors import InputError
from alignment.ingest import limits, load
from alignment.ingest.admission import admitted, in_use
from alignment.ingest.load import load_files

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CSV = ROOT / "sample_data" / "responses.csv"


def test_a_csv_over_the_cell_limit_is_refused_before_it_is_parsed(monkeypatch, sample_csv_bytes) -> None:
    monkeypatch.setattr(limits, "MAX_UPLOAD_CELLS", 10_000)
    monkeypatch.setattr(load, "_load_files", lambda *_: pytest.fail("parsed a file over the limit"))
    with pytest.raises(InputError) as caught:
        load_files([("big.csv", sample_csv_bytes)])
    error = caught.value
    rows = len(sample_csv_bytes.splitlines())  # every line, the header too
    assert "'big.csv'" in error.message
    assert f"{rows:,} rows × 49 columns = {rows * 49:,} cells" in error.message
    assert "10,000 cells" in error.message
    assert "ALIGNMENT_MAX_UPLOAD_CELLS" in error.hint and "Split" in error.hint


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r", b"mixed"])
def test_the_cell_limit_counts_every_line_whatever_its_line_breaks(monkeypatch, sample_csv_bytes, ending) -> None:
    lines = sample_csv_bytes.splitlines()
    if ending == b"mixed":  # a file edited on two systems: CRLF, CR alone and LF in turn
        data = b"".join(line + (b"\r\n", b"\r", b"\n")[i % 3] for i, line in enumerate(lines))
    else:
        data = ending.join(lines) + ending
    monkeypatch.setattr(limits, "MAX_UPLOAD_CELLS", 10_000)
    with pytest.raises(InputError) as caught:
        limits.check_upload_size("big.csv", data, is_csv=True)
    assert f"about {len(lines):,} rows × 49 columns" in caught.value.message
    assert limits.physical_lines(data) == len(data.splitlines())  # the reader's own check counts the same lines


def test_the_header_width_counts_quoted_commas_once(sample_csv_bytes) -> None:
    assert limits._header_width(sample_csv_bytes) == 49  # the sample's headers hold commas inside quotes
    assert limits._header_width(b"a;b;c\r1;2;3\r") == 3  # CR-only line endings, semicolons
    assert limits._header_width("a\tb\n".encode("utf-16")) == 2


def test_a_file_over_the_byte_limit_is_refused_whatever_its_kind(monkeypatch, sample_xlsx_bytes) -> None:
    monkeypatch.setattr(limits, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(InputError) as caught:
        load_files([("survey.xlsx", sample_xlsx_bytes)])
    assert caught.value.message == "'survey.xlsx' is 189 KB; this server reads files of up to 1 KB."
    assert "ALIGNMENT_MAX_UPLOAD_MB" in caught.value.hint


def test_the_limits_come_from_the_environment() -> None:
    code = "from alignment.ingest import limits; print(limits.MAX_UPLOAD_CELLS, limits.LOAD_BUDGET_BYTES >> 20)"
    env = {**os.environ, "ALIGNMENT_MAX_UPLOAD_CELLS": "2_000_000", "ALIGNMENT_LOAD_BUDGET_MB": "700"}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2000000", "700"]


def test_the_cli_refuses_a_csv_over_the_limit_with_exit_2() -> None:
    env = {**os.environ, "ALIGNMENT_MAX_UPLOAD_CELLS": "10000"}
    run = subprocess.run(
        [sys.executable, "-m", "alignment", "analyze", str(SAMPLE_CSV), "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert "too large for this server" in run.stderr and "Traceback" not in run.stderr


def test_a_parse_waits_while_others_hold_the_budget_and_then_runs() -> None:
    order = []
    first_in = threading.Event()

    def first() -> None:
        with admitted(800, budget=1000, wait=5):
            first_in.set()
            time.sleep(0.3)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with admitted(800, budget=1000, wait=5):  # does not fit beside the first: waits for it
        order.append("second in")
    thread.join()
    assert order == ["first done", "second in"]
    assert in_use() == (0, 0)


def test_a_parse_that_cannot_get_in_is_told_the_server_is_busy() -> None:
    with admitted(800, budget=1000, wait=5):
        with pytest.raises(InputError) as caught, admitted(800, budget=1000, wait=0.1):
            pass
        assert "busy" in caught.value.message and "again" in caught.value.hint
        with admitted(150, budget=1000, wait=0):  # a small one fits beside it
            assert in_use() == (2, 950)
    assert in_use() == (0, 0)


def test_one_parse_larger_than_the_budget_runs_alone() -> None:
    with admitted(5000, budget=1000, wait=0):
        assert in_use() == (1, 5000)


def test_load_files_goes_through_the_gate(monkeypatch, sample_csv_bytes) -> None:
    monkeypatch.setattr(limits, "LOAD_BUDGET_BYTES", 10 * limits.MB)
    monkeypatch.setattr(limits, "LOAD_WAIT_SECONDS", 0)
    with admitted(9 * limits.MB), pytest.raises(InputError, match="busy"):  # another session's parse holds the budget
        load_files([("responses.csv", sample_csv_bytes)])
    assert load_files([("responses.csv", sample_csv_bytes)]).survey.respondents_arrow.num_rows == 240
    assert in_use() == (0, 0)


def test_sizes_of_what_the_caches_hold() -> None:
    frame = pd.DataFrame({"x": range(100_000), "name": ["some text"] * 100_000})
    assert 800_000 <= size_of(frame) <= 20_000_000
    assert size_of({"spec": [frame, frame.copy()]}) >= 2 * size_of(frame)
    assert size_of([frame, frame]) < 2 * size_of(frame)  # one frame held twice is counted once
    assert size_of("abc") < 100


def test_a_byte_bounded_cache_drops_the_least_recently_used_beyond_its_budget() -> None:
    cache = ByteBoundedCache(max_bytes=3_100_000)
    block = b"x" * 1_000_000
    for key in "abc":
        cache.get_or_compute(key, lambda: block)
    cache.get_or_compute("a", lambda: pytest.fail("recomputed"))  # a is now the most recent
    cache.get_or_compute("d", lambda: block)  # over budget: b, the least recent, goes
    assert "b" not in cache and {"a", "c", "d"} <= set(cache)
    assert cache.nbytes <= 3_100_000
    huge = cache.get_or_compute("huge", lambda: b"y" * 5_000_000)  # larger than the budget: returned, not kept
    assert len(huge) == 5_000_000 and "huge" not in cache and "a" in cache


def test_a_long_container_is_estimated_from_a_sample_of_its_items() -> None:
    """Measuring every item of a long list or dict took seconds on a large survey's cached results; a sample of
    evenly spaced items, scaled, lands within 10 % of the exact sum (a budget, not an invoice)."""
    import sys

    texts = [f"comment {i} " + "x" * (50 + i % 100) for i in range(20_000)]
    exact = sys.getsizeof(texts) + sum(sys.getsizeof(t) for t in texts)
    assert abs(size_of(texts) - exact) <= 0.10 * exact
    mapping = {f"k{i}": t for i, t in enumerate(texts)}
    exact = sys.getsizeof(mapping) + sum(sys.getsizeof(k) + sys.getsizeof(t) for k, t in mapping.items())
    assert abs(size_of(mapping) - exact) <= 0.10 * exact


def test_a_utf16_csv_is_counted_by_its_lines_not_twice(monkeypatch) -> None:
    """UTF-16 writes a line break as two bytes apart (CR 00 LF 00): the size check bounds the lines by the larger
    count of either, where counting CR and LF as two breaks would refuse the file at half its size."""
    text = "respondent_id,period,function,department,REL-1\r\n" + "".join(f"R{i},2026-Q1,IT,Ops,4\r\n" for i in range(99))
    data = text.encode("utf-16")
    assert limits.physical_lines(data) == len(text.splitlines()) + 1  # a bound: one more than the 100 lines
    monkeypatch.setattr(limits, "MAX_UPLOAD_CELLS", 101 * 5)
    limits.check_upload_size("survey.csv", data, is_csv=True)  # 505 cells: within the limit
