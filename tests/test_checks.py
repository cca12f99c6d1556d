"""The check registry: one test per case in the case files beside the checks (alignment/checks/cases/, read by
check_cases.py), then meta-tests over the registry itself.

Each case becomes a Dataset the way a user's upload does: the survey as a Responses CSV and each
evidence table as its own CSV (departments.csv, work_items.csv, ...), loaded with Dataset.from_files,
so recognition by file name and the typing in alignment.evidence are exercised too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from check_cases import CASES, CASES_DIR, DEFAULT_SURVEY, DEPARTMENTS, FIVE_ROTATIONS, expand_rows

from alignment.analysis import analyze
from alignment.catalogue import catalogue_markdown
from alignment.checks import REGISTRY, STATUSES, Check, Finding, checks_for, run_check, run_checks, top_findings
from alignment.checks.registry import KINDS, SEVERITIES, TABLE_LABELS, Outcome, register
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.db import load_table
from alignment.evidence_views import (
    assessment_date,
    engagement_recency,
    kpi_status,
    kpi_visibility,
    rotations_by_quarter,
)
from alignment.ingest.evidence import EVIDENCE_BY_KEY
from alignment.items import ITEMS, ITEMS_BY_ID, LIKERT_ITEMS
from alignment.periods import order_periods
from alignment.tactics import TACTIC_CODES

ROOT = Path(__file__).resolve().parents[1]
SURVEY_HEADERS = ["respondent_id", "submitted", "period", "function", "department", *(item.id for item in ITEMS)]
COMMENT = "Invite IT to our quarterly planning."
CASE_KEYS = {"name", "expect", "survey", "evidence", "settings", "evidence_total", "xfail"}
GROUP_KEYS = {"n", "function", "department", "period", "submitted", "ids", "scores", "items", "comment"}
NO_FAIL_OUTCOME = {"ROT006", "SRV006"}  # say-vs-do checks that can only warn
CHECK_ID = re.compile(r"^(REL|TRU|MET|ROT|ASM|SRV)\d{3}$")
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# ------------------------------------------------------------------------------ building a case


def survey_csv(groups: list[dict]) -> bytes:
    """A Responses CSV: one row per respondent; reverse-coded items are written as 6 - score."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(SURVEY_HEADERS)
    for number, group in enumerate(groups):
        scores, items = group.get("scores", {}), group.get("items", {})
        for index in range(group["n"]):
            row = {
                "respondent_id": f"{group.get('ids', f'G{number}')}-{index}",
                "submitted": group.get("submitted", ""),
                "period": group.get("period", ""),
                "function": group.get("function", ""),
                "department": group.get("department", ""),
            }
            for item in LIKERT_ITEMS:
                score = items.get(item.id, scores.get(item.tactic, scores.get("*")))
                if score is not None:
                    row[item.id] = 6 - score if item.reverse else score
            if group.get("comment"):
                row["SRV-O"] = group["comment"] if isinstance(group["comment"], str) else COMMENT
            writer.writerow([row.get(header, "") for header in SURVEY_HEADERS])
    return buffer.getvalue().encode()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def evidence_csv(key: str, rows: list[dict]) -> bytes:
    columns = EVIDENCE_BY_KEY[key].columns
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue().encode()


def build_dataset(survey: list[dict] | None = None, evidence: dict[str, list[dict]] | None = None) -> Dataset:
    files = [("responses.csv", survey_csv(survey or DEFAULT_SURVEY))]
    files += [(f"{key}.csv", evidence_csv(key, rows)) for key, rows in (evidence or {}).items()]
    dataset = Dataset.from_files(files)
    loaded = {}
    for source in dataset.evidence_sources:
        loaded[source["file"]] = loaded.get(source["file"], 0) + source["rows"]
    expected = {f"{key}.csv": len(rows) for key, rows in (evidence or {}).items()}
    assert loaded == expected, f"evidence rows lost on load: {dataset.report.dropped_rows}"
    return dataset


def settings_for(check_id: str, case: dict) -> Settings:
    chosen = case.get("settings", {})
    return Settings(
        targets=dict(chosen.get("targets", {})),
        min_group_size=chosen.get("min_group_size", Settings().min_group_size),
        thresholds={check_id: dict(chosen["thresholds"])} if "thresholds" in chosen else {},
        as_of=chosen.get("as_of"),
    )


class LazyAnalysis:
    """analyze() on first use: most checks never read the analysis, and the cases run faster without it."""

    def __init__(self, dataset: Dataset, settings: Settings) -> None:
        self._arguments = (dataset, settings)
        self._analysis = None

    def __getattr__(self, name: str) -> object:
        if self._analysis is None:
            self._analysis = analyze(*self._arguments)
        return getattr(self._analysis, name)


def run_case(check_id: str, case: dict) -> Finding:
    dataset = build_dataset(case.get("survey"), case.get("evidence"))
    settings = settings_for(check_id, case)
    return run_check(REGISTRY[check_id], dataset, settings, None, LazyAnalysis(dataset, settings))


def case_named(check_id: str, name: str) -> dict:
    return next(case for case in CASES[check_id] if case["name"] == name)


def _case_params() -> list:
    params = []
    for check_id, cases in CASES.items():
        for case in cases:
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
            params.append(pytest.param(check_id, case, id=f"{check_id}-{case['name']}", marks=marks))
    return params


# ---------------------------------------------------------------------------------- the cases


@pytest.mark.parametrize("check_id, case", _case_params())
def test_case(check_id: str, case: dict) -> None:
    finding = run_case(check_id, case)
    shown = f"{finding.status}: {finding.message} (value {finding.value}, threshold {finding.threshold})"
    assert finding.status == case["expect"], shown
    assert finding.message.strip()
    assert isinstance(finding.evidence, list)
    if finding.status in {"fail", "warn"}:
        assert finding.value is not None and math.isfinite(finding.value), shown
        assert finding.threshold is not None, shown
    if "evidence_total" in case:
        assert finding.evidence_total == case["evidence_total"], finding.evidence
        assert len(finding.evidence) == case["evidence_total"]


@pytest.mark.parametrize("check_id, name", [("REL004", "one-of-three-overdue"), ("REL006", "two-rated-well-never-met")])
def test_missing_dates_in_evidence_rows_are_blank(check_id: str, name: str) -> None:
    finding = run_case(check_id, case_named(check_id, name))
    assert finding.evidence
    assert all(row["last_engagement"] is None for row in finding.evidence), finding.evidence


@pytest.mark.parametrize("name", [case["name"] for case in CASES["REL004"] if "engagements" in case.get("evidence", {})])
def test_the_rel_chart_counts_the_meetings_rel004_counts(name: str) -> None:
    case = case_named("REL004", name)
    finding = run_case("REL004", case)
    chart = engagement_recency(build_dataset(case.get("survey"), case.get("evidence")), settings_for("REL004", case).as_of)
    max_days = case.get("settings", {}).get("thresholds", {}).get("max_days", 90)
    overdue = chart[chart["days_since"].isna() | (chart["days_since"] > max_days)]
    assert sorted(overdue["department"]) == sorted(row["department"] for row in finding.evidence)


@pytest.mark.parametrize(
    "name",
    [
        c["name"]
        for c in CASES["ROT004"]
        if len(c.get("evidence", {})) == 2 and "as_of" not in c.get("settings", {}) and c["expect"] != "not_applicable"
    ],
)
def test_the_rot_chart_counts_the_rotations_rot004_counts(name: str) -> None:
    """Every rotation of these cases lies in ROT004's window; the chart shows all quarters."""
    case = case_named("ROT004", name)
    finding = run_case("ROT004", case)
    chart = rotations_by_quarter(build_dataset(case.get("survey"), case.get("evidence")))
    assert chart.groupby("direction")["rotations"].sum().to_dict() == {
        row["direction"]: row["rotations"] for row in finding.evidence if row["counted"]
    }


def test_the_assessment_date_is_as_of_else_the_survey_else_the_evidence() -> None:
    evidence = {"work_items": [{"id": "W1", "opened": "2026-02-10", "kind": "incident"}]}
    dataset = build_dataset(evidence=evidence)
    assert (assessment_date(dataset).date, assessment_date(dataset).source) == (dt.date(2026, 2, 10), "evidence")
    assert assessment_date(dataset, dt.date(2026, 1, 1)).said == "as of 2026-01-01 (set as as_of)"
    assert assessment_date(build_dataset()).date is None  # neither survey dates nor evidence
    # a respondents table with submission dates (as an ingest that keeps them would give): the latest one
    dated = build_dataset(evidence=evidence)
    respondents = dated.query("SELECT * FROM respondents")
    respondents["submitted"] = ["2026-03-30"] * (len(respondents) - 1) + ["2026-03-31"]
    dated.con.unregister("respondents")
    load_table(dated.con, "respondents", respondents)
    assert (assessment_date(dated).date, assessment_date(dated).source) == (dt.date(2026, 3, 31), "survey")
    assert assessment_date(dated).said == "as of 2026-03-31 (the survey's latest submission)"


@pytest.mark.parametrize(
    "labels, ordered, as_text",
    [
        (["Q1 2027", "Q4 2026", "Q3 2026"], ["Q3 2026", "Q4 2026", "Q1 2027"], False),
        (["2026-Q1", "2026 Q3", "2026Q2", "Q4-2026"], ["2026-Q1", "2026Q2", "2026 Q3", "Q4-2026"], False),
        (["2026-12", "2026-9", "2026/03"], ["2026/03", "2026-9", "2026-12"], False),
        (["2027", "2026-H2", "H1 2026"], ["H1 2026", "2026-H2", "2027"], False),
        (["2026", "2026-Q4"], ["2026", "2026-Q4"], False),  # both end on 31 December: the later start is the latest
        (["2026-Q10", "2026-Q9"], ["2026-Q9", "2026-Q10"], True),  # no such quarter: text, numbers by value
        (["Spring", "Autumn", "2026-Q1"], ["2026-Q1", "Autumn", "Spring"], True),
    ],
)
def test_periods_are_ordered_by_date_else_as_text(labels: list[str], ordered: list[str], as_text: bool) -> None:
    got, note = order_periods(labels)
    assert got == ordered
    assert bool(note) == as_text
    assert not note or note.startswith(" Periods are ordered as text")


@pytest.mark.parametrize("check_id", ["MET004", "MET005"])
def test_the_met_charts_show_the_kpis_of_the_latest_period_the_checks_judge(check_id: str) -> None:
    case = case_named(check_id, "latest-period-by-date")
    finding = run_case(check_id, case)
    dataset = build_dataset(case.get("survey"), case.get("evidence"))
    assert "Latest period: " in finding.message
    latest = finding.message.split("Latest period: ")[1].split(".")[0]
    shown = kpi_visibility(dataset) if check_id == "MET004" else kpi_status(dataset)
    expected = [row for row in case["evidence"]["kpis"] if row["period"] == latest]
    assert int(shown["kpis"].sum()) == len(expected) == 5


# ----------------------------------------------------------------------------- the cases' data


def test_every_check_has_pass_fail_and_not_applicable_cases() -> None:
    for check_id in REGISTRY:
        statuses = {case["expect"] for case in CASES.get(check_id, [])}
        assert "pass" in statuses, f"{check_id} has no pass case"
        assert "not_applicable" in statuses, f"{check_id} has no not_applicable case"
        if check_id in NO_FAIL_OUTCOME:
            assert "warn" in statuses, f"{check_id} has no warn case"
        else:
            assert "fail" in statuses, f"{check_id} has no fail case"


def test_case_keys_are_registered_checks() -> None:
    assert set(CASES) <= set(REGISTRY), set(CASES) - set(REGISTRY)


def test_the_perception_cases_are_the_same_for_every_tactic() -> None:
    """perception.toml is written once; every tactic's score and gap checks run all of its cases, on that tactic."""
    template = tomllib.loads((CASES_DIR / "perception.toml").read_text(encoding="utf-8"))
    for code in TACTIC_CODES:
        for section, written in template.items():
            (check,) = [c for c in REGISTRY.values() if c.name == f"{code.lower()}-{section}"]
            generated = CASES[check.id][: len(written)]
            assert [(c["name"], c["expect"]) for c in generated] == [(c["name"], c["expect"]) for c in written], check.id
            others = set(TACTIC_CODES) - {code}
            for case in generated:
                for group in case.get("survey", []):
                    tactics = {key.split("-")[0] for key in [*group.get("scores", {}), *group.get("items", {})]}
                    assert "THIS" not in tactics and "OTHER" not in tactics, (check.id, case["name"])
                    assert tactics == {code} or (case["name"] == "no-answers" and tactics < others), (check.id, case["name"])


def test_case_rows_expand_groups_fragments_repeats_and_shared_lists() -> None:
    sales_to_it = {"home_function": "Business", "home_department": "Sales", "host_department": "IT Ops"}
    written = [
        "five-rotations",
        {"repeat": 2, "first": 6, "person": "P{i}", "with": "sales-to-it", "start_date": "2026-02-0{i}", "kind": "rotation"},
    ]
    expanded = expand_rows(written, "a test")
    assert len(expanded) == 7 and expanded[:5] == FIVE_ROTATIONS
    assert expanded[5:] == [{**sales_to_it, "person": f"P{i}", "start_date": f"2026-02-0{i}", "kind": "rotation"} for i in (6, 7)]
    it_group = {"n": 5, "function": "IT", "department": "IT Ops", "period": "2026-Q1"}
    assert expand_rows([{"group": "IT", "n": 7, "period": ""}], "a test") == [{**it_group, "n": 7, "period": ""}]
    business_group = {**it_group, "function": "Business", "department": "Sales"}
    assert expand_rows("default-survey", "a test") == [{**it_group, "scores": {"*": 3}}, {**business_group, "scores": {"*": 3}}]
    # a fragment may start from others ("kpi": an IT-efficiency KPI seen by both); later ones and the row win
    (kpi,) = expand_rows([{"kpi": "K", "with": ["kpi", "business-kpi"], "business_objective": ""}], "a test")
    seen_by_both = {"visible_to_business": True, "visible_to_it": True}
    assert kpi == {"kpi": "K", "owner_function": "Business", "kind": "business_outcome", **seen_by_both, "business_objective": ""}
    with pytest.raises(ValueError, match=re.escape("no 'nine-rotations' in common.toml's [lists]")):
        expand_rows("nine-rotations", "a test")


def test_cases_are_well_formed() -> None:
    for check_id, cases in CASES.items():
        names = [case["name"] for case in cases]
        assert len(names) == len(set(names)), f"{check_id}: duplicate case names"
        for case in cases:
            where = f"{check_id}-{case['name']}"
            assert KEBAB.match(case["name"]), where
            assert set(case) <= CASE_KEYS, where
            assert case["expect"] in {"pass", "warn", "fail", "not_applicable"}, where
            assert set(case.get("settings", {})) <= {"thresholds", "targets", "min_group_size", "as_of"}, where
            known = set(REGISTRY[check_id].threshold_defaults())
            assert set(case.get("settings", {}).get("thresholds", {})) <= known, where
            for group in case.get("survey", []):
                assert set(group) <= GROUP_KEYS and group["n"] >= 1, where
                assert set(group.get("items", {})) <= set(ITEMS_BY_ID), where
                assert set(group.get("scores", {})) <= {*TACTIC_CODES, "OVR", "*"}, where
                assert all(1 <= s <= 5 for s in [*group.get("scores", {}).values(), *group.get("items", {}).values()]), where
            for key, rows in case.get("evidence", {}).items():
                assert key in EVIDENCE_BY_KEY, where
                assert rows, f"{where}: an empty {key} table is the same as none"
                for row in rows:
                    assert set(row) <= set(EVIDENCE_BY_KEY[key].columns), (
                        f"{where}: {set(row) - set(EVIDENCE_BY_KEY[key].columns)}"
                    )


# ------------------------------------------------------------------------------- the registry


def test_ids_match_their_tactic() -> None:
    for check_id, check in REGISTRY.items():
        assert CHECK_ID.match(check_id), check_id
        assert check.id == check_id
        assert check.tactic == check_id[:3] and check.tactic in TACTIC_CODES


def test_names_are_unique_kebab_case() -> None:
    names = [check.name for check in REGISTRY.values()]
    assert len(names) == len(set(names))
    assert all(KEBAB.match(name) for name in names), names


@pytest.mark.parametrize("field", ["what", "why", "fix"])
def test_texts_are_sentences(field: str) -> None:
    for check in REGISTRY.values():
        text = getattr(check, field)
        assert text == text.strip() and len(text) > 20, (check.id, field)
        assert text[0].isupper() and text.endswith("."), (check.id, field, text)


def test_every_tactic_has_four_checks_of_every_kind() -> None:
    for code in TACTIC_CODES:
        mine = checks_for(code)
        assert len(mine) >= 4, code
        assert {check.kind for check in mine} == set(KINDS), code


def test_checks_declare_known_severities_and_tables() -> None:
    for check in REGISTRY.values():
        assert check.severity in SEVERITIES
        assert check.needs and set(check.needs) <= set(TABLE_LABELS), check.id


def test_thresholds_have_descriptions_and_numeric_defaults() -> None:
    for check in REGISTRY.values():
        names = [t.name for t in check.thresholds]
        assert len(names) == len(set(names)), check.id
        for threshold in check.thresholds:
            assert threshold.name.isidentifier() and threshold.name == threshold.name.lower(), (check.id, threshold.name)
            assert isinstance(threshold.description, str) and threshold.description.strip(), (check.id, threshold.name)
            assert isinstance(threshold.default, int | float) and not isinstance(threshold.default, bool)
            assert math.isfinite(threshold.default), (check.id, threshold.name)


def _noop(ctx) -> Outcome:
    return Outcome("pass", "fine")


@pytest.mark.parametrize(
    "arguments, words",
    [
        ({"id": "XYZ001", "name": "tmp-bad-tactic"}, "tactic code and three digits"),
        ({"id": "REL01", "name": "tmp-short-id"}, "tactic code and three digits"),
        ({"id": "rel901", "name": "tmp-lower-case-id"}, "tactic code and three digits"),
        ({"id": "REL001", "name": "tmp-duplicate-id"}, "already used"),
        ({"id": "REL901", "name": "brm-coverage"}, "unique kebab-case"),
        ({"id": "REL901", "name": "Not_Kebab"}, "unique kebab-case"),
        ({"id": "REL901", "name": "tmp-bad-kind", "kind": "opinion"}, "kind must be one of"),
        ({"id": "REL901", "name": "tmp-bad-severity", "severity": "critical"}, "severity one of"),
        ({"id": "REL901", "name": "tmp-bad-table", "needs": ("budgets",)}, "unknown tables"),
        ({"id": "REL901", "name": "tmp-lower-title", "title": "a title in lower case"}, "starting with a capital"),
        ({"id": "REL901", "name": "tmp-slug-title", "title": "About tmp-slug-title"}, "without the id or name"),
    ],
)
def test_register_rejects_bad_declarations(arguments: dict, words: str) -> None:
    before = dict(REGISTRY)
    declaration = {"title": "A title", "kind": "evidence", "severity": "low", "what": "W.", "why": "Y.", "fix": "F.", **arguments}
    try:
        with pytest.raises(ValueError, match=words):
            register(**declaration)(_noop)
    finally:
        for added in set(REGISTRY) - set(before):
            del REGISTRY[added]
    assert before == REGISTRY


def _crash(ctx) -> Outcome:
    return Outcome("pass", f"{1 / 0}")


def test_a_crashing_check_becomes_an_error_finding_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    crashing = Check(
        "TRU999", "always-crashes", "TRU", "evidence", "high", "W.", "Y.", "F.", ("responses",), (), _crash, "Always crashes"
    )
    monkeypatch.setitem(REGISTRY, "TRU999", crashing)
    findings = run_checks(build_dataset())
    assert len(findings) == len(REGISTRY)
    by_id = {f.check: f for f in findings}
    assert by_id["TRU999"].status == "error"
    assert "ZeroDivisionError" in by_id["TRU999"].message
    others = [f for f in findings if f.check != "TRU999"]
    assert {f.check for f in others} == set(REGISTRY) - {"TRU999"}
    assert all(f.status in STATUSES and f.status != "error" for f in others)
    assert by_id["TRU999"] in top_findings(findings)


# a small table of every kind, so that no check lacks a table
FULL_EVIDENCE = {
    "departments": DEPARTMENTS,
    "engagements": case_named("REL005", "leaders-meet")["evidence"]["engagements"],
    "initiatives": case_named("TRU006", "few-stalled")["evidence"]["initiatives"]
    + case_named("TRU003", "one-of-four-late")["evidence"]["initiatives"],
    "kpis": case_named("MET005", "on-target")["evidence"]["kpis"],
    "rotations": FIVE_ROTATIONS,
    "work_items": case_named("ASM005", "growing")["evidence"]["work_items"],
}


def test_run_checks_gives_one_finding_per_check() -> None:
    findings = run_checks(build_dataset(evidence=FULL_EVIDENCE))
    assert [f.check for f in findings] == [c.id for c in checks_for()]
    assert len(findings) == len(REGISTRY)
    assert all(f.status in STATUSES and f.status != "error" for f in findings), [(f.check, f.message) for f in findings]
    assert not [f.check for f in findings if f.message.startswith("Upload the")]
    json.dumps([f.to_json() for f in findings], allow_nan=False)


def test_without_evidence_tables_the_evidence_checks_are_not_applicable() -> None:
    for finding in run_checks(build_dataset()):
        needs = REGISTRY[finding.check].needs
        if set(needs) != {"responses"}:
            assert finding.status == "not_applicable", finding.check
            missing = [TABLE_LABELS[t] for t in needs if t != "responses"]
            assert all(label in finding.message for label in missing), finding.message


def _finding(check: str, status: str, severity: str) -> Finding:
    return Finding(check, "x", check[:3], "evidence", severity, status, "m")


def test_top_findings_puts_failures_first_then_warnings_by_severity() -> None:
    findings = [
        _finding("REL001", "pass", "high"),
        _finding("REL002", "warn", "low"),
        _finding("REL003", "fail", "low"),
        _finding("REL004", "not_applicable", "high"),
        _finding("REL005", "warn", "high"),
        _finding("REL006", "fail", "medium"),
        _finding("TRU001", "fail", "high"),
        _finding("TRU002", "warn", "medium"),
    ]
    ordered = top_findings(findings)
    assert [f.check for f in ordered] == ["TRU001", "REL006", "REL003", "REL005", "TRU002", "REL002"]
    assert [f.check for f in top_findings(findings, limit=2)] == ["TRU001", "REL006"]
    assert top_findings([_finding("REL001", "pass", "high"), _finding("REL002", "not_applicable", "high")]) == []


# ------------------------------------------------------------------------- docs and command line


@pytest.fixture(scope="module")
def cli() -> dict[str, subprocess.CompletedProcess]:
    """Both commands start at once (each pays the imports), then the tests read their output."""
    commands = {
        "checks": ["checks", "--json"],
        "analyze": ["analyze", "sample_data/alignment_sample.xlsx", "--json"],
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
        results[key] = subprocess.CompletedProcess(commands[key], process.returncode, stdout, stderr)
    return results


def test_checks_md_is_up_to_date() -> None:
    assert (ROOT / "docs" / "CHECKS.md").read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/CHECKS.md is out of date: run `python -m alignment checks --markdown > docs/CHECKS.md`"
    )


def test_every_check_is_in_checks_md() -> None:
    text = (ROOT / "docs" / "CHECKS.md").read_text(encoding="utf-8")
    for check in REGISTRY.values():
        assert f"### {check.id} `{check.name}`" in text, check.id


def test_checks_json_lists_every_check(cli: dict[str, subprocess.CompletedProcess]) -> None:
    run = cli["checks"]
    assert run.returncode == 0, run.stderr
    listed = json.loads(run.stdout)
    assert [c["id"] for c in listed] == [c.id for c in checks_for()]
    for entry in listed:
        check = REGISTRY[entry["id"]]
        assert (entry["name"], entry["tactic"], entry["kind"], entry["severity"]) == (
            check.name,
            check.tactic,
            check.kind,
            check.severity,
        )
        assert entry["what"] and entry["why"] and entry["fix"]
        assert [t["name"] for t in entry["thresholds"]] == [t.name for t in check.thresholds]


def test_analyze_json_has_one_finding_per_check(cli: dict[str, subprocess.CompletedProcess]) -> None:
    run = cli["analyze"]
    assert run.returncode == 0, run.stderr
    findings = json.loads(run.stdout)["findings"]
    assert isinstance(findings, list)
    assert [f["check"] for f in findings] == [c.id for c in checks_for()]
    for finding in findings:
        assert set(finding) == {"check", "tactic", "status", "severity", "message", "value", "threshold"}
        assert finding["tactic"] == finding["check"][:3]
        assert finding["severity"] == REGISTRY[finding["check"]].severity
        assert finding["status"] in STATUSES and finding["status"] != "error", finding
        assert finding["message"]
        if finding["status"] in {"fail", "warn"}:
            assert isinstance(finding["value"], int | float) and isinstance(finding["threshold"], int | float), finding
