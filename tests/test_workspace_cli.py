"""`python -m alignment workspace ...` as a user runs it, in real processes: the command line's round trip,
analyze --workspace, a process killed with SIGKILL in the middle of an add, and six adds at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from alignment.workspace import DuckDBStore, Workspace, open_store
from tests.conftest import ROOT, SAMPLE_CSV
from tests.pg_cluster import postgres_cluster
from tests.test_combine import split_sample

PASSPHRASE = "correct horse battery staple"


def cli(*args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    environment = {**os.environ, "ALIGNMENT_PASSPHRASE": PASSPHRASE, **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "alignment", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def start(*args: str) -> subprocess.Popen:
    environment = {**os.environ, "ALIGNMENT_PASSPHRASE": PASSPHRASE}
    return subprocess.Popen(
        [sys.executable, "-m", "alignment", *args],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def rounds_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("rounds")
    paths = []
    for name, data in split_sample():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def _without_source(text: str) -> dict:
    data = json.loads(text)
    data.pop("source")
    return data


def test_the_command_line_round_trip(tmp_path, rounds_files) -> None:
    db = str(tmp_path / "ws.duckdb")
    init = cli("workspace", "init", "--db", db)
    assert "recovery key: " in init.stdout and "shown only this once" in init.stdout
    for path, name in zip(rounds_files, ["2026 H1", "2026 H2"], strict=True):
        added = cli("workspace", "add", "--db", db, "--round", name, str(path))
        assert f"to round '{name}': {path.name} (responses 122 rows)" in added.stdout or "responses 118 rows" in added.stdout
    listed = json.loads(cli("workspace", "rounds", "--db", db, "--json").stdout)
    assert [(r["name"], r["status"], [c["files"] for c in r["contributions"]]) for r in listed] == [
        ("2026 H1", "open", [["round1.csv"]]),
        ("2026 H2", "open", [["round2.csv"]]),
    ]
    assert all(len(r["code"]) == 19 for r in listed)
    # nothing is closed: nothing to analyse
    refused = cli("analyze", "--workspace", db, check=False)
    assert refused.returncode == 2 and refused.stderr.startswith("error: No round is closed yet")
    cli("workspace", "close", "--db", db, "--round", "2026 H1")
    cli("workspace", "close", "--db", db, "--round", "2026 H2")
    from_workspace = cli("analyze", "--workspace", db, "--json").stdout
    together = cli("analyze", *map(str, rounds_files), "--json").stdout
    assert _without_source(from_workspace) == _without_source(together)
    assert json.loads(from_workspace)["respondents"] == len(pd.read_csv(SAMPLE_CSV))
    report = tmp_path / "report.xlsx"
    assert "wrote" in cli("report", "--workspace", db, "--out", str(report)).stdout and report.stat().st_size > 10_000
    # the wrong passphrase: one line, exit 2
    wrong = cli("workspace", "rounds", "--db", db, env={"ALIGNMENT_PASSPHRASE": "not the passphrase"}, check=False)
    assert wrong.returncode == 2
    assert wrong.stderr.strip().splitlines() == [
        "error: Wrong passphrase: the workspace was not opened. Check the passphrase, or use the recovery key."
    ]
    frozen = cli("workspace", "add", "--db", db, "--round", "2026 H1", str(rounds_files[0]), check=False)
    assert frozen.returncode == 2 and "closed: it is frozen" in frozen.stderr
    archive = tmp_path / "ws.archive"
    cli("workspace", "export", "--db", db, "--out", str(archive))
    cli("workspace", "import", "--db", str(tmp_path / "copy.duckdb"), str(archive))
    copy = cli("analyze", "--workspace", str(tmp_path / "copy.duckdb"), "--json").stdout
    assert json.loads(copy) == json.loads(from_workspace)
    missing = cli("workspace", "rounds", check=False, env={"ALIGNMENT_DATABASE_URL": ""})
    assert missing.returncode == 2 and "No workspace given" in missing.stderr


def _check_whole(store) -> int:
    """Every stored contribution opens whole, and the round's count agrees with them; how many there are."""
    owner = Workspace(store).unlock(PASSPHRASE)
    contributions = owner.contributions()
    for contribution in contributions:
        files = owner.files(contribution.id)
        assert [name for name, _ in files] == contribution.files
        assert sum(len(data) for _, data in files) == contribution.size
    counted = sum(r.contributions for r in owner.workspace.rounds())
    assert counted == len(contributions)
    return len(contributions)


def test_a_process_killed_mid_add_leaves_no_partial_contribution(tmp_path) -> None:
    db = tmp_path / "ws.duckdb"
    cli("workspace", "init", "--db", str(db))
    # a contribution large enough that storing it takes a while: the survey and a big WorkItems table
    survey = tmp_path / "responses.csv"
    survey.write_bytes(SAMPLE_CSV.read_bytes())
    rng = __import__("numpy").random.default_rng(7)
    items = pd.DataFrame(
        {
            "id": [f"W{i}" for i in range(150_000)],
            "opened": pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 180, 150_000), unit="D"),
            "kind": rng.choice(["incident", "request", "improvement"], 150_000),
            "department": rng.choice(["Sales", "Finance"], 150_000),
            "note": [rng.bytes(24).hex() for _ in range(150_000)],  # does not compress: the payload stays large
        }
    )
    work_items = tmp_path / "work_items.csv"
    items.to_csv(work_items, index=False)
    store = DuckDBStore(db)
    killed = 0
    for delay in (0.0, 0.01, 0.03, 0.06, 0.1, 0.2):
        process = start("workspace", "add", "--db", str(db), "--round", "R1", str(survey), str(work_items))
        while "storing the contribution" not in (line := process.stderr.readline()):
            assert line, process.stderr.read()  # the process ended before storing
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            killed += 1
        process.wait(timeout=60)
        process.stdout.close()
        process.stderr.close()
        before = _check_whole(store)
        assert before <= 6
    assert killed >= 3  # most kills landed while the contribution was being written
    stored = _check_whole(store)
    cli("workspace", "add", "--db", str(db), "--round", "R1", str(survey))  # the file still takes writes
    assert _check_whole(store) == stored + 1


@pytest.fixture(scope="module")
def cluster():
    with postgres_cluster() as running:
        yield running


@pytest.mark.parametrize("backend", ["duckdb", "postgresql"])
def test_six_concurrent_adds_all_land(backend, tmp_path, request) -> None:
    if backend == "duckdb":
        target = str(tmp_path / "ws.duckdb")
    else:
        target = request.getfixturevalue("cluster").fresh_database("concurrent")
    cli("workspace", "init", "--db", target)
    header = "respondent_id,period,function,department,REL-1,TRU-1\n"
    paths = []
    for team in range(6):
        path = tmp_path / f"team{team}.csv"
        path.write_text(header + "".join(f"T{team}-{i},2026-Q1,IT,Team {team},4,3\n" for i in range(5)))
        paths.append(path)
    processes = [start("workspace", "add", "--db", target, "--round", "2026-Q1", str(p)) for p in paths]
    outcomes = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    assert [code for code, _, _ in outcomes] == [0] * 6, outcomes
    listed = json.loads(cli("workspace", "rounds", "--db", target, "--json").stdout)
    assert len(listed) == 1  # one round, opened by whichever came first
    assert sorted(c["files"][0] for c in listed[0]["contributions"]) == [p.name for p in paths]
    assert all(c["rows"] == {"responses": 5} for c in listed[0]["contributions"])
    store = open_store(target)
    assert _check_whole(store) == 6
    store.dispose()


def test_the_workspace_load_bench_runs_small(cluster) -> None:
    """bench.workspace_load at a small size: every contribution lands whole, every owner's plan is saved (no timing)."""
    from bench.workspace_load import markdown, run

    outcome = run(cluster.fresh_database("load"), contributors=3, owners=2)
    assert outcome["errors"] == [] and outcome["landed"] == 3 and outcome["whole"] and outcome["plans"] == 2
    assert "| contribute | 3 |" in markdown(outcome, 3, 2)
