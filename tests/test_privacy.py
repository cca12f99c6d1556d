"""Privacy: anonymity consistent across filters, identifiers never reach the tables, safe downloads."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from alignment.analysis import Dataset, department_scores, hidden_departments, tactic_comments
from alignment.checks import run_checks
from alignment.config import Settings
from alignment.exports_safe import csv_bytes, findings_frame, neutralise, xlsx_bytes

K3 = Settings(min_group_size=3)


def survey(groups: list[tuple[str, str, str, int]]) -> Dataset:
    """groups: (department, function, period, respondents); everyone answers REL-1 = 4 and comments."""
    lines = ["respondent_id,function,department,period,REL-1,REL-O,Email"]
    number = 0
    for department, function, period, count in groups:
        for _ in range(count):
            number += 1
            lines.append(f"r{number},{function},{department},{period},4,comment {number},person{number}@example.com")
    return Dataset.from_file("survey.csv", ("\n".join(lines) + "\n").encode())


def test_a_department_hidden_in_one_period_is_hidden_in_the_all_periods_view():
    # D: 3 + 3 + 2 respondents. In Q3 it has 2 (< 3) and is hidden; if the all-periods view showed D (8),
    # D's Q3 value would be all-periods minus Q1 and Q2. So the all-periods view hides D as well.
    data = survey(
        [("D", "Business", "Q1", 3), ("D", "Business", "Q2", 3), ("D", "Business", "Q3", 2)]
        + [("E", "IT", p, 5) for p in ("Q1", "Q2", "Q3")]
        + [("F", "IT", p, 5) for p in ("Q1", "Q2", "Q3")]
    )
    assert hidden_departments(data, 3, "Q1") == set()
    assert hidden_departments(data, 3, "Q3") >= {"D"}
    assert "D" in hidden_departments(data, 3, None)
    # In Q3, E (5, the smallest other) is hidden too, so that D's 2 cannot be worked out from the Q3 total;
    # E is then shown in Q1 and Q2 only, so the all-periods view hides E as well. F is never hidden.
    assert hidden_departments(data, 3, "Q3") == {"D", "E"}
    assert hidden_departments(data, 3, None) == {"D", "E"}
    grid = department_scores(data, K3).set_index(["department", "tactic"])
    assert grid.loc[("D", "REL"), "hidden"] and grid.loc[("E", "REL"), "hidden"]
    assert grid.loc[("F", "REL"), "score"] == 4.0


def test_a_department_hidden_overall_is_hidden_in_every_period():
    # G has 1 respondent per period (hidden everywhere); H is the next smallest overall and is hidden in the
    # all-periods view to protect G, so H must stay hidden in each period too (summing periods would give it).
    data = survey(
        [("G", "Business", p, 1) for p in ("Q1", "Q2")]
        + [("H", "Business", p, 3) for p in ("Q1", "Q2")]
        + [("J", "IT", p, 6) for p in ("Q1", "Q2")]
    )
    overall = hidden_departments(data, 3, None)
    assert overall == {"G", "H"}
    for period in ("Q1", "Q2"):
        assert hidden_departments(data, 3, period) >= {"G", "H"}
        grid = department_scores(data, K3, period)
        assert grid.loc[grid["department"].isin(["G", "H"]), "score"].isna().all()


def test_all_period_department_that_is_hidden_in_every_period_stays_visible_overall():
    # A department hidden in every period but large enough overall gives nothing away by subtraction.
    data = survey([("A", "IT", p, 2) for p in ("Q1", "Q2")] + [("B", "Business", p, 5) for p in ("Q1", "Q2")])
    assert "A" not in hidden_departments(data, 3, None)
    assert "A" in hidden_departments(data, 3, "Q1")


def test_comments_of_hidden_departments_are_not_shown():
    data = survey([("G", "Business", "Q1", 1), ("H", "Business", "Q1", 3), ("J", "IT", "Q1", 6)])
    shown, hidden = tactic_comments(data, "REL", K3)
    assert hidden == 4
    assert set(shown["department"]) == {"J"}


def test_direct_identifiers_never_reach_the_tables_or_the_findings():
    data = survey([("J", "IT", "Q1", 6)])
    dropped = {d["header"]: d["reason"] for d in data.report.dropped_columns}
    assert "Email" in dropped and "identifier" in dropped["Email"]
    everything = " ".join(
        frame.to_csv() for frame in (data.query("SELECT * FROM respondents"), data.query("SELECT * FROM comments"))
    )
    everything += findings_frame(run_checks(data, K3)).to_csv()
    assert "@example.com" not in everything


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "\nx", '=HYPERLINK("http://x","y")'])
def test_formula_like_text_is_neutralised(text):
    assert neutralise(text) == "'" + text
    assert neutralise("plain") == "plain" and neutralise(-5) == -5 and neutralise(None) is None


def test_csv_and_xlsx_downloads_carry_no_formulas():
    import pandas as pd

    frame = pd.DataFrame({"=header": ["=1+1", "ok", "@x"], "n": [1, -2, 3]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert "'=header" in text and "'=1+1" in text and "'@x" in text and ",-2" in text
    workbook = load_workbook(io.BytesIO(xlsx_bytes({"Findings": frame})))
    sheet = workbook["Findings"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["'=header", "n"]
    assert values[1] == ["'=1+1", 1] and values[3] == ["'@x", 3]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
