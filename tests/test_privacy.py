"""Privacy: anonymity consistent across filters, identifiers never reach the tables, safe downloads."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from alignment import charts
from alignment.analysis import analyze, selectable_departments, selectable_functions, selectable_periods
from alignment.checks import run_checks
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import breakdowns
from alignment.selection import Selection
from alignment.spreadsheet_safe import csv_bytes, findings_frame, neutralise, xlsx_bytes
from alignment.suppression import _small, derivable
from alignment.tables import department_scores, tactic_comments

K3 = Settings(min_group_size=3)
K5 = Settings()
TACTIC_ITEMS = {"REL": ["REL-1", "REL-2"], "TRU": ["TRU-1"]}


def survey(groups: list[tuple], comment: bool = True) -> Dataset:
    """groups: (department, function, period, respondents[, REL answer[, TRU answer]]); '' = no answer.
    Every respondent comments (REL-O) and gives an e-mail address."""
    lines = ["respondent_id,function,department,period,REL-1,REL-2,TRU-1,REL-O,Email"]
    number = 0
    for department, function, period, count, *answers in groups:
        rel, tru = [*answers, 4, 4][:2]
        for _ in range(count):
            number += 1
            note = f"comment {number}" if comment else ""
            lines.append(f"r{number},{function},{department},{period},{rel},{rel},{tru},{note},person{number}@example.com")
    return Dataset.from_file("survey.csv", ("\n".join(lines) + "\n").encode())


# ------------------------------------------------------------------- what an attacker can read off the views


def atoms_of(data: Dataset) -> pd.DataFrame:
    """The true atomic groups (period x function x department) per tactic: respondents and sum of their means."""
    frame = data.query(
        """SELECT tactic, period, coalesce(function, '?') AS function, department, sum(respondents) AS n, sum(mean_sum) AS total
           FROM tactic_groups GROUP BY ALL ORDER BY ALL"""
    )
    return frame


def views_published(data: Dataset, settings: Settings) -> list[tuple[str, dict, float]]:
    """Every tactic mean the screens show, read from the page-level results (not from the breakdowns): the
    scorecards and IT/Business means under every filter the sidebar offers (period, department, function and
    their combinations), and the department grid per period and function."""
    shown = []
    for period in [None, *selectable_periods(data, settings)]:
        for department in [None, *selectable_departments(data, settings, period)]:
            for chosen in [None, *selectable_functions(data, settings, period, department)]:
                analysis = analyze(data, settings, Selection(period, department, chosen))
                for result in analysis.tactics:
                    values = ((chosen, result.score), ("IT", result.it_score), ("Business", result.business_score))
                    for function, value in values:
                        if value is not None:
                            shown.append((result.code, {"period": period, "function": function, "department": department}, value))
                if department is None:
                    grid = department_scores(data, settings, Selection(period, None, chosen))
                    for row in grid[grid["score"].notna()].itertuples():
                        where = {"period": period, "function": chosen, "department": row.department}
                        shown.append((row.tactic, where, row.score))
    return shown


def covers(selector: dict, atom) -> bool:
    if selector["period"] is not None and atom.period != selector["period"]:
        return False
    if selector["function"] is not None and atom.function != selector["function"]:
        return False
    return selector["department"] is None or atom.department == selector["department"]


def recoverable(data: Dataset, settings: Settings, tactic: str, group: dict) -> bool:
    """Whether `group` (a selector) is a linear combination of the cells the views show for `tactic`."""
    atoms = atoms_of(data)
    atoms = atoms[atoms["tactic"] == tactic].reset_index(drop=True)
    rows = [
        [float(covers(sel, a)) for a in atoms.itertuples()] for code, sel, _ in views_published(data, settings) if code == tactic
    ]
    target = np.array([float(covers(group, a)) for a in atoms.itertuples()])
    assert 0 < atoms.loc[target > 0, "n"].sum() < settings.min_group_size, "the group must be a small one that has answers"
    return derivable(np.array(rows).reshape(len(rows), len(atoms)), target)


def recovered_mean(data: Dataset, settings: Settings, tactic: str, plus: list[dict], minus: list[dict]) -> float | None:
    """The attack of the bug report: (sum of score x n over `plus`) - (same over `minus`), divided by the n
    left over, using only what the views show (n is known to the attacker as the group sizes)."""
    atoms = atoms_of(data)
    atoms = atoms[atoms["tactic"] == tactic]
    shown = {(c, tuple(sel.values())): v for c, sel, v in views_published(data, settings)}
    total, people = 0.0, 0
    for sign, selectors in ((1, plus), (-1, minus)):
        for sel in selectors:
            value = shown.get((tactic, tuple(sel.values())))
            if value is None:
                return None
            n = int(atoms[[covers(sel, a) for a in atoms.itertuples()]]["n"].sum())
            total += sign * value * n
            people += sign * n
    return total / people if people else None


def cell(period=None, function=None, department=None) -> dict:
    return {"period": period, "function": function, "department": department}


BUSINESS_UNITS = [("B1", "Business", "P1", 10, 3), ("B2", "Business", "P1", 8, 3), ("B3", "Business", "P1", 6, 3)]


def test_business_minus_the_visible_business_departments_does_not_give_a_hidden_one():
    # Bug report: Business in one period x n minus the visible Business departments x n gave a hidden 2-person
    # department's mean (1.796 against 1.800); IT minus the one visible IT department gave a 3-person group's.
    data = survey([*BUSINESS_UNITS, ("Tiny", "Business", "P1", 2, 2), ("I1", "IT", "P1", 12, 4), ("I2", "IT", "P1", 3, 5)])
    for tactic in ("REL", "TRU"):
        assert not recoverable(data, K5, tactic, cell("P1", None, "Tiny"))
        assert not recoverable(data, K5, tactic, cell("P1", None, "I2"))
        assert not recoverable(data, K5, tactic, cell(None, None, "Tiny"))
    grid = department_scores(data, K5).set_index(["department", "tactic"])
    assert grid.loc[("Tiny", "REL"), "label"] == "hidden: fewer than 5 responses"
    assert grid.loc[("I2", "REL"), "label"] == "hidden: fewer than 5 responses"
    # the smallest complementary cells are the ones hidden: B3 (6) among the business units, and IT's only other unit
    assert grid.loc[("B3", "REL"), "label"] == "hidden so that a small group cannot be worked out"
    assert not grid.loc[("B1", "REL"), "hidden"] and not grid.loc[("B2", "REL"), "hidden"]
    business = [cell("P1", None, d) for d in ("B1", "B2", "B3")]
    assert recovered_mean(data, K5, "REL", [cell("P1", "Business")], business) is None  # B3 is not shown


def test_it_over_all_periods_minus_the_visible_period_does_not_give_a_small_wave():
    # Bug report: IT over all periods minus IT in the one visible period gave a 2-person wave (3.602 vs 3.600).
    data = survey(
        [("I1", "IT", "P1", 12, 4), ("I1", "IT", "P2", 2, 3), ("B1", "Business", "P1", 9, 3), ("B1", "Business", "P2", 9, 3)]
    )
    for tactic in ("REL", "TRU"):
        assert not recoverable(data, K5, tactic, cell("P2", "IT"))
        assert not recoverable(data, K5, tactic, cell("P2", None, "I1"))
    assert recovered_mean(data, K5, "REL", [cell(None, "IT")], [cell("P1", "IT")]) is None


def test_a_hidden_department_that_skipped_a_tactic_is_not_given_away_by_that_tactics_n():
    # Bug report: a hidden department that skipped one tactic changes that tactic's n, and the overall score
    # minus the visible cells gave it away (1.904 vs 1.900). Tiny answers REL but not TRU.
    data = survey([*BUSINESS_UNITS, ("Tiny", "Business", "P1", 2, 2, ""), ("I1", "IT", "P1", 12, 4, 4)])
    assert not recoverable(data, K5, "REL", cell("P1", None, "Tiny"))
    assert not recoverable(data, K5, "REL", cell(None, None, "Tiny"))
    everyone_else = [cell("P1", None, d) for d in ("B1", "B2", "B3", "I1")]
    assert recovered_mean(data, K5, "REL", [cell("P1")], everyone_else) is None


def test_it_people_in_a_business_department_get_no_row_and_cannot_be_worked_out():
    # Bug report: respondents whose function differs from their department's got a row of their own.
    data = survey(
        [
            ("Sales", "Business", "P1", 12, 3),
            ("Sales", "IT", "P1", 2, 5),
            ("Ops", "Business", "P1", 9, 3),
            ("Dev", "IT", "P1", 10, 4),
        ]
    )
    grid = department_scores(data, K5)
    assert not grid.duplicated(["department", "tactic"]).any()
    assert set(grid.loc[grid["department"] == "Sales", "function"]) == {"Business"}
    for tactic in ("REL", "TRU"):
        assert not recoverable(data, K5, tactic, cell("P1", "IT", "Sales"))
    assert recovered_mean(data, K5, "REL", [cell("P1", "IT")], [cell("P1", None, "Dev")]) is None


def test_a_say_vs_do_finding_never_prints_a_hidden_departments_score():
    # Bug report: "... no engagement in 90 days: ITOps (REL 4.20)" for a 2-respondent department.
    data = Dataset.from_files(
        [
            ("responses.csv", survey_text([*BUSINESS_UNITS, ("ITOps", "Business", "P1", 2, 4), ("I1", "IT", "P1", 12, 4)])),
            (
                "departments.csv",
                b"department,function,headcount,brm\nB1,Business,20,Ann\nB2,Business,20,Bo\nB3,Business,20,Cy\nITOps,Business,5,Di\n",
            ),
            ("engagements.csv", b"date,department,kind\n2026-03-01,B1,steering\n2025-01-01,ITOps,planning\n"),
        ]
    )
    messages = " ".join(f.message + str(f.evidence) for f in run_checks(data, K5))
    assert "ITOps (REL" not in messages


def survey_text(groups) -> bytes:
    lines = ["respondent_id,function,department,period,REL-1,REL-2,TRU-1"]
    number = 0
    for department, function, period, count, *answers in groups:
        rel, tru = [*answers, 4, 4][:2]
        for _ in range(count):
            number += 1
            lines.append(f"r{number},{function},{department},{period},{rel},{rel},{tru}")
    return ("\n".join(lines) + "\n").encode()


def test_the_heatmaps_chart_data_carries_nothing_of_a_hidden_cell():
    # Bug report: the heatmap's data carried respondent counts even for hidden cells.
    data = survey([*BUSINESS_UNITS, ("Tiny", "Business", "P1", 2, 2), ("I1", "IT", "P1", 12, 4)])
    spec = charts.department_heatmap(department_scores(data, K5)).to_dict()
    rows = [row for values in spec["datasets"].values() for row in values]
    hidden = [row for row in rows if row["hidden"]]
    assert {row["department"] for row in hidden} >= {"Tiny", "B3"}
    for row in hidden:
        assert row["n"] is None and row["score"] is None and row["shown"] == ""
        assert row["label"] in {"hidden: fewer than 5 responses", "hidden so that a small group cannot be worked out"}


def test_every_number_the_views_show_is_in_the_breakdowns():
    # The audit list is complete: a view never shows a tactic mean the CLI's breakdowns do not list as published.
    data = survey([*BUSINESS_UNITS, ("Tiny", "Business", "P1", 2, 2), ("I1", "IT", "P1", 12, 4), ("I1", "IT", "P2", 7, 3)])
    listed = {
        (b["tactic"], b["period"], b["function"], b["department"]): b["score"]
        for b in breakdowns(data, K5)
        if b["measure"] == "tactic" and not b["hidden"]
    }
    for tactic, sel, value in views_published(data, K5):
        assert listed[(tactic, sel["period"], sel["function"], sel["department"])] == pytest.approx(
            value, abs=0.0051
        )  # views round to 2 decimals


def test_comments_of_small_groups_are_not_shown():
    data = survey([("G", "Business", "Q1", 1), ("H", "Business", "Q1", 3), ("J", "IT", "Q1", 6)])
    shown, hidden = tactic_comments(data, "REL", K3)
    assert hidden
    # H (3) is hidden with G (1), else Business less H is G: its comments are held back too, since with the Business
    # share who commented they would tell whether G did
    assert set(shown["department"]) == {"J"} and len(shown) == 6
    # 2 IT people inside Sales: their comments would carry the department, so they are held back; and Dev's, whose
    # 6 IT people are hidden with them (else IT less Dev is the two): with the IT share who commented, Dev's comments
    # would tell how many of the two did
    data = survey([("Sales", "Business", "Q1", 6), ("Sales", "IT", "Q1", 2), ("Dev", "IT", "Q1", 6)])
    shown, hidden = tactic_comments(data, "REL", K5)
    assert hidden and len(shown) == 6 and set(shown["department"]) == {"Sales"} and "function" not in shown.columns


def test_a_period_shown_in_one_view_is_consistent_with_the_all_periods_view():
    # D: 3 + 3 + 2 respondents; in Q3 it has 2 (< 3). If the all-periods view and Q1, Q2 showed D,
    # D's Q3 value would be all-periods minus Q1 and Q2.
    data = survey(
        [("D", "Business", "Q1", 3), ("D", "Business", "Q2", 3), ("D", "Business", "Q3", 2)]
        + [("E", "IT", p, 5) for p in ("Q1", "Q2", "Q3")]
        + [("F", "IT", p, 5) for p in ("Q1", "Q2", "Q3")]
    )
    for group in (cell("Q3", None, "D"), cell("Q3", "Business")):
        assert not recoverable(data, K3, "REL", group)
    assert recovered_mean(data, K3, "REL", [cell(None, None, "D")], [cell("Q1", None, "D"), cell("Q2", None, "D")]) is None
    assert department_scores(data, K3, Selection("Q1")).set_index(["department", "tactic"]).loc[("F", "REL"), "score"] == 4.0


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


@given(
    st.lists(st.integers(0, 6), max_size=10).flatmap(
        lambda sizes: st.tuples(
            st.just(sizes),
            st.lists(st.booleans(), min_size=len(sizes), max_size=len(sizes)),
            st.lists(st.frozensets(st.integers(0, max(len(sizes) - 1, 0)), max_size=len(sizes)), max_size=8),
            st.integers(1, 8),
        )
    )
)
def test_small_groups_are_found_all_at_once_as_one_by_one(case):
    """The cells of a measure are judged small together (one NumPy pass); each verdict is the rule's own: fewer than
    k answers, and someone in the group (who answered, or a silent respondent)."""
    sizes, silent, groups, k = case
    sizes = np.array(sizes, dtype=np.int64)
    present = sizes + np.array(silent, dtype=np.int64)  # a group of 0 answers may still have someone who skipped
    groups = [tuple(sorted(g)) if len(sizes) else () for g in groups]
    one_by_one = [int(sizes[list(g)].sum()) < k and bool(present[list(g)].any()) for g in groups]
    assert _small(groups, sizes, present, k) == one_by_one
