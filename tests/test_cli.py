"""`python -m alignment` as a user runs it: a real subprocess from the repository root.

Every command is started at once in a module fixture (each one pays ~2 s of imports), then
the tests read their results. The plain-text outputs are checked in-process through main().
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from alignment.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
TACTIC_ORDER = ["REL", "TRU", "MET", "ROT", "ASM", "SRV"]
TACTIC_KEYS = {
    "code",
    "name",
    "score",
    "ci95",
    "target",
    "gap",
    "it_score",
    "business_score",
    "perception_gap",
    "n",
    "favorable_pct",
}
BAD_INPUTS = ["empty.xlsx", "text.xlsx", "no_responses.xlsx", "no_items.xlsx", "missing.csv"]


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str


def _bad_inputs(folder: Path) -> dict[str, Path]:
    files = {name: folder / name for name in BAD_INPUTS}
    files["empty.xlsx"].write_bytes(b"")
    files["text.xlsx"].write_text("respondent_id,REL-1\nr1,4\n")
    workbook = Workbook()
    workbook.active.title = "Summary"
    workbook.active.append(["quarter", "notes"])
    workbook.create_sheet("Departments").append(["department", "function"])
    workbook.save(files["no_responses.xlsx"])
    workbook = Workbook()
    workbook.active.title = "Responses"
    workbook.active.append(["name", "score"])
    workbook.active.append(["Ann", 4])
    workbook.save(files["no_items.xlsx"])
    # missing.csv is never written
    return files


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    folder = tmp_path_factory.mktemp("cli")
    bad = _bad_inputs(folder)
    commands = {
        "items": ["items", "--json"],
        "template": ["template", str(folder / "template.xlsx")],
        "analyze_xlsx": ["analyze", "sample_data/alignment_sample.xlsx", "--json"],
        "analyze_csv": ["analyze", "sample_data/responses.csv", "--json"],
        **{f"bad:{name}": ["analyze", str(path), "--json"] for name, path in bad.items()},
    }
    started = {
        key: subprocess.Popen(
            [sys.executable, "-m", "alignment", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for key, args in commands.items()
    }
    results = {}
    for key, process in started.items():
        stdout, stderr = process.communicate(timeout=120)
        results[key] = Run(commands[key], process.returncode, stdout, stderr)
    return results


def _ok(run: Run) -> Run:
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    return run


def test_items_json(runs: dict[str, Run]) -> None:
    items = json.loads(_ok(runs["items"]).stdout)
    assert all(set(item) == {"id", "tactic", "text", "kind", "reverse"} for item in items)
    assert len({item["id"] for item in items}) == len(items)
    assert all(item["kind"] in {"likert", "open", "importance"} and isinstance(item["reverse"], bool) for item in items)
    for code in TACTIC_ORDER:
        mine = [item for item in items if item["tactic"] == code]
        likert = [item for item in mine if item["kind"] == "likert"]
        assert 5 <= len(likert) <= 6, code
        assert any(item["reverse"] for item in likert), f"{code} has no reverse-coded item"
        assert len([item for item in mine if item["kind"] == "open"]) == 1, code
        assert [item["id"] for item in mine if item["kind"] == "importance"] == [f"{code}-I"], code  # optional
        assert all(item["id"].startswith(code + "-") for item in mine)
    assert not any(item["reverse"] for item in items if item["kind"] == "open")


def test_items_text(runs: dict[str, Run], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["items"]) == 0
    lines = capsys.readouterr().out.splitlines()
    items = json.loads(runs["items"].stdout)
    assert len(lines) == len(items)
    assert lines[0].startswith("REL-1") and items[0]["text"] in lines[0]
    assert sum("(reverse-coded)" in line for line in lines) == sum(item["reverse"] for item in items)


def test_template(runs: dict[str, Run]) -> None:
    run = _ok(runs["template"])
    path = Path(run.args[1])
    assert run.stdout.strip() == f"wrote {path}"
    assert zipfile.is_zipfile(path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Instructions",
        "Responses",
        "Departments",
        "KPIs",
        "Engagements",
        "Rotations",
        "WorkItems",
        "Initiatives",
    ]


def test_analyze_json_shape(runs: dict[str, Run]) -> None:
    result = json.loads(_ok(runs["analyze_xlsx"]).stdout)
    for key in ("respondents", "periods", "alignment_index", "maturity_level", "tactics", "findings", "warnings"):
        assert key in result
    assert result["respondents"] == 240
    assert result["periods"] == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    assert 0 <= result["alignment_index"] <= 100
    assert result["maturity_level"] in {1, 2, 3, 4, 5}
    assert isinstance(result["findings"], list) and isinstance(result["warnings"], list)
    assert [t["code"] for t in result["tactics"]] == TACTIC_ORDER
    for tactic in result["tactics"]:
        assert set(tactic) >= TACTIC_KEYS
        assert tactic["n"] == (239 if tactic["code"] in ("TRU", "MET") else 240)  # one answered too few statements
        assert 1 <= tactic["score"] <= 5
        low, high = tactic["ci95"]
        assert low < tactic["score"] < high
        assert tactic["target"] == 4.0
        assert tactic["gap"] == pytest.approx(4.0 - tactic["score"], abs=0.0051)
        # each of the three is rounded to 2 decimals on its own, so they may differ by 0.01
        assert tactic["perception_gap"] == pytest.approx(tactic["it_score"] - tactic["business_score"], abs=0.0101)
        assert 0 <= tactic["favorable_pct"] <= 100


def test_xlsx_and_csv_give_identical_numbers(runs: dict[str, Run]) -> None:
    from_xlsx = json.loads(_ok(runs["analyze_xlsx"]).stdout)
    from_csv = json.loads(_ok(runs["analyze_csv"]).stdout)
    assert from_xlsx.pop("source") == "alignment_sample.xlsx"
    assert from_csv.pop("source") == "responses.csv"
    # the workbook also carries the evidence sheets, so only the findings may differ
    xlsx_findings, csv_findings = from_xlsx.pop("findings"), from_csv.pop("findings")
    xlsx_validation, csv_validation = from_xlsx.pop("validation"), from_csv.pop("validation")
    assert (xlsx_validation.pop("files"), csv_validation.pop("files")) == (["alignment_sample.xlsx"], ["responses.csv"])
    assert xlsx_validation == csv_validation
    assert from_xlsx == from_csv
    assert [f["check"] for f in xlsx_findings] == [f["check"] for f in csv_findings]


def test_findings_shape(runs: dict[str, Run]) -> None:
    for key in ("analyze_xlsx", "analyze_csv"):
        findings = json.loads(_ok(runs[key]).stdout)["findings"]
        assert findings, key
        checks = [f["check"] for f in findings]
        assert len(checks) == len(set(checks))  # one finding per check
        for finding in findings:
            assert {"check", "tactic", "status", "severity", "message", "value", "threshold"} <= set(finding)
            assert finding["tactic"] in TACTIC_ORDER
            assert finding["check"].startswith(finding["tactic"]) and finding["check"][3:].isdigit()
            assert finding["message"]
    # without the evidence sheets, evidence checks say so instead of disappearing
    csv_status = {f["check"]: f["status"] for f in json.loads(runs["analyze_csv"].stdout)["findings"]}
    xlsx_status = {f["check"]: f["status"] for f in json.loads(runs["analyze_xlsx"].stdout)["findings"]}
    not_applicable = {check for check, status in csv_status.items() if status == "not_applicable"}
    assert not_applicable
    assert any(xlsx_status[check] != "not_applicable" for check in not_applicable)


def test_analyze_text(runs: dict[str, Run], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(ROOT / "sample_data" / "responses.csv")]) == 0
    out = capsys.readouterr().out
    result = json.loads(runs["analyze_csv"].stdout)
    assert out.startswith("240 respondents, periods: 2025-Q4, 2026-Q1, 2026-Q2, 2026-Q3")
    assert f"Alignment index {result['alignment_index']:.0f} / 100" in out
    for tactic in result["tactics"]:
        line = next(line for line in out.splitlines() if line.startswith(tactic["code"] + " "))
        assert f"{tactic['score']:.2f}" in line and f"{tactic['favorable_pct']:.0f}" in line


@pytest.mark.parametrize(
    "name, words",
    [
        ("empty.xlsx", ["empty", "0 bytes"]),
        ("text.xlsx", ["not a spreadsheet"]),
        ("no_responses.xlsx", ["no 'Responses' sheet", "Summary", "Departments"]),
        ("no_items.xlsx", ["no recognisable item column"]),
        ("missing.csv", ["not found", "missing.csv"]),
    ],
)
def test_bad_input_exits_2_with_one_error_line(runs: dict[str, Run], name: str, words: list[str]) -> None:
    run = runs[f"bad:{name}"]
    assert run.returncode == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(
    "data, words",
    [
        (b"\x00\x9f\x00binary" * 100, ["neither a spreadsheet nor a text"]),
        (b"name,score\nAnn,4\n", ["no recognisable item column", "'name'"]),
        (b"REL-1\nN/A\n", ["no row with an answer"]),
    ],
)
def test_bad_input_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, words: list[str]) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes(data)
    assert main(["analyze", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith("error: ")
    for word in words:
        assert word in line


def test_template_to_unwritable_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", str(tmp_path / "no" / "such" / "folder" / "t.xlsx")]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: ") and "No such file" in line


def _analyze_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["analyze", str(ROOT / "sample_data" / "responses.csv"), "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_analyze_json_lists_every_published_cell(capsys: pytest.CaptureFixture[str]) -> None:
    data = _analyze_json(capsys)
    cells = data["breakdowns"]
    keys = {"measure", "period", "function", "department", "tactic", "item", "n", "score", "hidden", "reason", "reason_code", "k"}
    keys.add("distribution")
    assert all(set(cell) == keys for cell in cells)
    tactic_cells = {(c["tactic"], c["period"], c["function"], c["department"]): c for c in cells if c["measure"] == "tactic"}
    # the scorecards are the all-periods cells, the same numbers
    for tactic in data["tactics"]:
        cell = tactic_cells[(tactic["code"], None, None, None)]
        assert (cell["n"], cell["score"]) == (tactic["n"], tactic["score"])
        assert tactic_cells[(tactic["code"], None, "IT", None)]["score"] == tactic["it_score"]
    # every period and All periods, every department; Legal (1 respondent a quarter) hidden with its reason
    assert {c["period"] for c in cells} == {None, "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"}
    legal = [c for c in cells if c["department"] == "Legal"]
    assert legal and all(c["hidden"] and c["n"] is None and c["score"] is None for c in legal)
    assert {c["reason"] for c in legal} == {"hidden: fewer than 5 responses"}
    assert {(c["reason_code"], c["k"]) for c in legal} == {("fewer_than_k", 5)}  # the same, as data
    assert all(c["reason_code"] is None and c["k"] is None for c in cells if not c["hidden"])
    assert all(c["n"] >= 5 for c in cells if not c["hidden"])


def test_analyze_one_period(capsys: pytest.CaptureFixture[str]) -> None:
    whole = _analyze_json(capsys)
    one = _analyze_json(capsys, "--period", "2026-Q1")
    assert one["period"] == "2026-Q1" and one["respondents"] == 61
    rel = next(
        c
        for c in one["breakdowns"]
        if (c["measure"], c["tactic"], c["period"], c["function"], c["department"]) == ("tactic", "REL", "2026-Q1", None, None)
    )
    assert one["tactics"][0]["score"] == rel["score"] and one["tactics"][0]["n"] == rel["n"] == 61
    assert one["breakdowns"] == whole["breakdowns"]  # the audit list always covers every period


def test_analyze_one_department_and_function(capsys: pytest.CaptureFixture[str]) -> None:
    one = _analyze_json(capsys, "--department", "Operations", "--function", "Business")
    assert (one["department"], one["function"]) == ("Operations", "Business")
    cell = next(
        c
        for c in one["breakdowns"]
        if (c["measure"], c["tactic"], c["period"], c["function"], c["department"])
        == ("tactic", "REL", None, "Business", "Operations")
    )
    assert one["tactics"][0]["score"] == cell["score"] and one["tactics"][0]["n"] == cell["n"] == 40
    assert one["tactics"][0]["it_score"] is None  # one function chosen: no split


@pytest.mark.parametrize("flags", [["--department", "Legal"], ["--department", "Sales", "--function", "IT"]])
def test_analyze_a_department_or_function_that_cannot_be_shown_exits_2(capsys: pytest.CaptureFixture[str], flags) -> None:
    assert main(["analyze", str(ROOT / "sample_data" / "responses.csv"), *flags]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: ") and "cannot be reported" in line


@pytest.mark.parametrize("period, words", [("2031-Q1", ["no survey period '2031-Q1'", "2026-Q1"])])
def test_analyze_unknown_period_exits_2(capsys: pytest.CaptureFixture[str], period: str, words: list[str]) -> None:
    assert main(["analyze", str(ROOT / "sample_data" / "responses.csv"), "--period", period]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: ") and all(w in line for w in words)


def test_analyze_a_period_too_small_to_show_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = ["respondent_id,function,department,period,REL-1"] + [f"r{i},IT,Dev,2026-Q1,4" for i in range(8)]
    rows += ["x1,IT,Dev,2026-Q2,2", "x2,IT,Dev,2026-Q2,3"]
    path = tmp_path / "small.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["analyze", str(path), "--period", "2026-Q2"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "cannot be shown" in line and "fewer than 5 responses" in line


def test_analyze_json_carries_the_trends(runs: dict[str, Run]) -> None:
    result = json.loads(_ok(runs["analyze_xlsx"]).stdout)
    pairs = {(r["from"], r["to"]) for r in result["trends"]}
    assert pairs == {("2025-Q4", "2026-Q1"), ("2026-Q1", "2026-Q2"), ("2026-Q2", "2026-Q3")}
    assert len(result["trends"]) == 3 * 6
    for row in result["trends"]:
        assert row["verdict"] in {"rise", "fall", "no change"}
        assert row["verdict"] == "no change" or row["p_adjusted"] < 0.05


def test_a_hidden_tactic_says_why_as_data_and_in_words(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    """REL answered by 3 of 8 respondents (k = 5): hidden, its reason a code and k for a program, and the same in words."""
    lines = ["respondent_id,period,department,REL-1,TRU-1"]
    lines += [f"r{i},2026-Q1,Sales,{4 if i < 3 else ''},{1 + i % 5}" for i in range(8)]
    path = tmp_path / "few.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["analyze", str(path), "--json"]) == 0
    tactics = {t["code"]: t for t in json.loads(capsys.readouterr().out)["tactics"]}
    assert tactics["REL"]["score"] is None
    assert tactics["REL"]["hidden_because"] == {"reason": "fewer_than_k", "k": 5}
    assert tactics["REL"]["hidden_reason"] == "hidden: fewer than 5 responses"
    assert (
        tactics["TRU"]["hidden_because"] is None
        and tactics["TRU"]["hidden_reason"] is None
        and tactics["TRU"]["score"] is not None
    )
