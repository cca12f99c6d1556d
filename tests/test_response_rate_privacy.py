"""The response-rate checks (SRV003, SRV004) tell nothing of a hidden respondent count: an attacker who knows the
Departments sheet, k and everything else the app shows learns the same from them whatever the hidden count is.

Each test builds surveys that differ only inside a hidden department and asserts the checks' findings are the same
for all of them (before, a department of 30 with 2 respondents was listed as silent and one with 4 was not, at
k = 5: the list told which side of 3 the hidden count lay)."""

from __future__ import annotations

import pytest

from alignment.checks import REGISTRY, run_check
from alignment.config import Settings
from tests.test_checks import build_dataset

K = 5
SHOWN = [
    {"n": 10, "function": "IT", "department": "IT Ops", "period": "2026-Q1", "scores": {"*": 3}},
    {"n": 10, "function": "Business", "department": "Sales", "period": "2026-Q1", "scores": {"*": 3}},
    {"n": 10, "function": "Business", "department": "Finance", "period": "2026-Q1", "scores": {"*": 3}},
]
SHEET = [
    {"department": "IT Ops", "function": "IT", "headcount": 20},
    {"department": "Sales", "function": "Business", "headcount": 40},
    {"department": "Finance", "function": "Business", "headcount": 40},
]


def _finding(check_id: str, survey: list[dict], sheet: list[dict], period: str | None = None) -> tuple:
    dataset = build_dataset(survey, {"departments": sheet})
    settings = Settings(min_group_size=K)
    finding = run_check(REGISTRY[check_id], dataset, settings, period, None)
    assert finding.status != "error", finding.message
    return finding.status, finding.message, finding.value, finding.evidence


def _not_judged(message: str) -> list[str]:
    """The departments a finding's message names as not judged (their counts hidden)."""
    said = "Not judged, their respondent counts hidden: "
    return message.split(said, 1)[1].split(".", 1)[0].split(", ") if said in message else []


def _legal(n: int, period: str = "2026-Q1") -> dict:
    return {"n": n, "function": "Business", "department": "Legal", "period": period, "scores": {"*": 3}}


@pytest.mark.parametrize("period", [None, "2026-Q1"])
def test_silent_departments_says_the_same_whatever_a_hidden_count_is(period) -> None:
    sheet = [*SHEET, {"department": "Legal", "function": "Business", "headcount": 30}]
    findings = {n: _finding("SRV004", [*SHOWN, _legal(n)], sheet, period) for n in range(1, K)}
    assert len(set(map(repr, findings.values()))) == 1, findings
    _, message, _, evidence = findings[1]
    assert "Legal" in _not_judged(message)  # 4 of 30 is not below 10 %, 2 of 30 is
    legal = [row for row in evidence if row["department"] == "Legal"]
    assert legal and legal[0]["note"] == "respondent count hidden: not judged"
    assert not str(legal[0]["respondents"]).isdigit()


def test_a_hidden_department_that_must_be_silent_is_still_named() -> None:
    """At most 4 of 50 is below 10 % whatever the count: the hiding says it already, so the check says it."""
    sheet = [*SHEET, {"department": "Legal", "function": "Business", "headcount": 50}]
    findings = {n: _finding("SRV004", [*SHOWN, _legal(n)], sheet) for n in range(1, K)}
    assert len(set(map(repr, findings.values()))) == 1, findings
    status, message, value, evidence = findings[2]
    assert status == "warn" and value == 1  # one silent department: more than warn_above (0)
    assert "below 10%: Legal." in message
    assert [row["department"] for row in evidence if row["note"].startswith("response rate below")] == ["Legal"]


def test_the_response_rate_lists_no_hidden_department_as_low_by_its_count() -> None:
    """Legal has 8 people: 1 or 2 respondents would be below 30 %, 3 or 4 would not."""
    sheet = [*SHEET, {"department": "Legal", "function": "Business", "headcount": 8}]
    evidence = {n: _finding("SRV003", [*SHOWN, _legal(n)], sheet)[3] for n in range(1, K)}
    assert len(set(map(repr, evidence.values()))) == 1, evidence
    assert "Legal" not in [row["department"] for row in evidence[1]]
    assert "Legal" in _not_judged(_finding("SRV003", [*SHOWN, _legal(2)], sheet)[1])


def test_over_all_periods_hidden_departments_of_different_rounds_are_not_weighed_apart() -> None:
    """Legal answered in one round and HR in two, both hidden: n / rounds would weigh their counts apart, and with
    their total (the survey's total less the shown departments') the rate would tell each."""
    periods = ("2025-Q4", "2026-Q1")
    shown = [{**group, "n": 5, "period": p} for group in SHOWN for p in periods]
    sheet = [
        *SHEET,
        {"department": "Legal", "function": "Business", "headcount": 10},
        {"department": "HR", "function": "Business", "headcount": 10},
    ]

    def survey(legal: int, hr: int) -> list[dict]:
        hr_groups = [
            {"n": 1, "function": "Business", "department": "HR", "period": periods[0], "scores": {"*": 3}},
            {"n": hr - 1, "function": "Business", "department": "HR", "period": periods[1], "scores": {"*": 3}},
        ]
        return [*shown, _legal(legal, periods[1]), *hr_groups]

    findings = {(a, 5 - a): _finding("SRV003", survey(a, 5 - a), sheet) for a in range(1, 4)}
    assert len(set(map(repr, findings.values()))) == 1, findings
    status, message, _, _ = findings[(1, 4)]
    assert status == "not_applicable" and "Choose a survey period" in message
    # one period at a time, every department is spread over one round: the rate is the plain share, as before
    status, message, value, _ = _finding("SRV003", survey(2, 3), sheet, periods[1])
    assert status in {"pass", "warn", "fail"} and value == pytest.approx((5 * 3 + 2 + 2) / 120, abs=1e-4)


def test_a_hidden_department_missing_from_the_sheet_stops_the_rate() -> None:
    """Ops answered but is not on the Departments sheet, and its count is hidden: the responses from the sheet's
    departments would split its count from Legal's."""
    sheet = [*SHEET, {"department": "Legal", "function": "Business", "headcount": 30}]
    ops = {"n": 2, "function": "IT", "department": "Ops", "period": "2026-Q1", "scores": {"*": 3}}
    status, message, _, _ = _finding("SRV003", [*SHOWN, _legal(3), ops], sheet)
    assert status == "not_applicable" and message.startswith("Ops is not on the Departments sheet")


def test_silent_departments_judges_nothing_when_every_rated_count_is_hidden() -> None:
    sheet = [{"department": "Legal", "function": "Business", "headcount": 30}]
    findings = {n: _finding("SRV004", [*SHOWN, _legal(n)], sheet) for n in range(1, K)}
    assert len(set(map(repr, findings.values()))) == 1, findings
    status, message, _, _ = findings[1]
    assert status == "not_applicable" and "none can be judged" in message and _not_judged(message) == ["Legal"]
