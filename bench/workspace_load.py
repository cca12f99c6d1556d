"""Workspace load: 20 contributors and 5 owner sessions at once against PostgreSQL (issue 20, point 8).

One process, one thread per session, as Streamlit serves its sessions: each contributor uploads its own team's
survey to the open round with the round's code (checked, sealed, stored in one transaction); each owner opens
the workspace with the passphrase, analyses every closed round (the sample, closed before) and saves the action
plan and notes. Afterwards every contribution must be there and whole.

    python -m bench.workspace_load [--db postgresql://...] [--contributors 20] [--owners 5]

Without --db a throwaway PostgreSQL cluster is started (tests/pg_cluster.py: Debian's postgresql package).
Prints the timings as a Markdown section for docs/PERFORMANCE.md (kept there between <!-- workspace:start --> and
<!-- workspace:end -->, which bench/run.py keeps when it rewrites the file).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import threading
import time
from pathlib import Path

import pandas as pd

from alignment.config import Settings
from alignment.results import results
from alignment.selection import Selection
from alignment.workspace import Workspace, open_store

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "load test passphrase, not a secret"


def team_file(team: int) -> tuple[str, bytes]:
    header = "respondent_id,period,function,department,REL-1,TRU-1,MET-1,ROT-1,ASM-1,SRV-1,REL-O\n"
    rows = "".join(
        f"T{team}-{i},2026-Q4,{'IT' if i % 3 == 0 else 'Business'},Team {team},{1 + (i + team) % 5},{1 + i % 5},4,2,3,"
        f"{1 + (i * 7) % 5},Comment {i} of team {team}\n"
        for i in range(30)
    )
    return f"team{team}.csv", (header + rows).encode()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(url: str, contributors: int, owners: int) -> dict:
    store = open_store(url)
    owner, _ = Workspace.create(store, PASSPHRASE)
    owner.add("2026 H1", [("responses.csv", (ROOT / "sample_data" / "responses.csv").read_bytes())], create=True)
    owner.close("2026 H1")
    owner.workspace.open_round("2026-Q4", period="2026-Q4")
    code = owner.code("2026-Q4")
    timings: dict[str, list[float]] = {"contribute": [], "open": [], "analyse": [], "save plan and notes": []}
    errors: list[str] = []
    start = threading.Barrier(contributors + owners)
    guard = threading.Lock()

    def timed(name: str, action):
        began = time.perf_counter()
        value = action()
        with guard:
            timings[name].append(time.perf_counter() - began)
        return value

    def contributor(team: int) -> None:
        try:
            start.wait()
            timed("contribute", lambda: Workspace(store).contribute(code, [team_file(team)]))
        except Exception as exc:  # counted, reported
            errors.append(f"team {team}: {exc}")

    def owner_session(number: int) -> None:
        try:
            start.wait()
            session = timed("open", lambda: Workspace(store).unlock(PASSPHRASE))
            dataset = timed("analyse", session.dataset)
            timed("analyse", lambda: results(dataset, Settings(), Selection(None, None, None)))
            plan = pd.DataFrame([{"action": f"Action of session {number}", "status": "open"}])
            timed(
                "save plan and notes",
                lambda: (session.save_plan("2026 H1", plan), session.save_notes("2026 H1", {"summary": "x"})),
            )
        except Exception as exc:
            errors.append(f"owner {number}: {exc}")

    threads = [threading.Thread(target=contributor, args=(t,)) for t in range(contributors)]
    threads += [threading.Thread(target=owner_session, args=(o,)) for o in range(owners)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    check = Workspace(store).unlock(PASSPHRASE)
    landed = [c for c in check.contributions("2026-Q4")]
    whole = all(check.files(c.id)[0][0] == c.files[0] for c in landed)
    store.dispose()
    return {
        "timings": timings,
        "errors": errors,
        "wall": wall,
        "landed": len(landed),
        "whole": whole,
        "plans": len(check.plan_versions("2026 H1")),
    }


def markdown(outcome: dict, contributors: int, owners: int) -> str:
    lines = [
        "## Workspace load (issue 20)",
        "",
        f"`python -m bench.workspace_load`: {contributors} contributors and {owners} owner sessions at once, one thread each in "
        f"one process (as Streamlit serves sessions), against PostgreSQL (a local throwaway cluster, unix socket) on "
        f"{os.cpu_count()} cores ({platform.machine()}, Python {platform.python_version()}). Each contributor checks, seals "
        "and stores its team's 30-respondent survey with the round's code; each owner opens the workspace (Argon2id), "
        "analyses the closed round (the sample, 240 respondents) and saves a plan version and notes.",
        "",
        f"- contributions landed: {outcome['landed']} of {contributors}, every one whole: {outcome['whole']}; "
        f"plan versions saved: {outcome['plans']} of {owners}; errors: {len(outcome['errors'])}",
        f"- wall time for all sessions: {outcome['wall']:.1f} s",
        "",
        "| operation | n | p50 | p95 | max |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, values in outcome["timings"].items():
        if values:
            lines.append(
                f"| {name} | {len(values)} | {statistics.median(values):.2f} s | {percentile(values, 0.95):.2f} s | {max(values):.2f} s |"
            )
    lines += ["", *(f"- error: {e}" for e in outcome["errors"])]
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty PostgreSQL database's URL (default: a throwaway local cluster)")
    parser.add_argument("--contributors", type=int, default=20)
    parser.add_argument("--owners", type=int, default=5)
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        url = args.db
        if url is None:
            from tests.pg_cluster import postgres_cluster

            url = stack.enter_context(postgres_cluster()).url
        outcome = run(url, args.contributors, args.owners)
    print(markdown(outcome, args.contributors, args.owners))


if __name__ == "__main__":
    main()
