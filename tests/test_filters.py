"""Filters (period, department, function and their crossings): each view is a published cell of the
disclosure layer, its numbers equal a plain pandas computation, and small crossings stay hidden."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from alignment.analysis import analyze, selectable_departments, selectable_functions
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import breakdowns
from alignment.selection import Selection
from alignment.tables import department_scores, item_scores, tactic_comments

K5 = Settings()

# department, function, period, people, REL-1 answer, REL-2 answer
GROUPS = [
    ("Ops", "Business", "P1", 8, 4, 2),
    ("Ops", "IT", "P1", 6, 2, 2),
    ("Ops", "Business", "P2", 7, 5, 3),
    ("Finance", "Business", "P1", 9, 3, 3),
    ("Finance", "Business", "P2", 6, 4, 4),
    ("Apps", "IT", "P1", 10, 5, 5),
    ("Apps", "IT", "P2", 8, 3, 4),
]
SMALL = [("Apps", "Business", "P1", 2, 1, 1), ("Tiny", "Business", "P1", 3, 2, 2)]  # two business people in an IT unit


def build(groups=GROUPS) -> tuple[Dataset, pd.DataFrame]:
    """The survey as a CSV upload, and the same answers as a plain frame for the independent computation.
    Answers vary around the group's value (+1, 0, -1 in turn) so that spreads and means are not trivial."""
    rows = []
    for department, function, period, people, rel1, rel2 in groups:
        for i in range(people):
            wobble = (i % 3) - 1
            rows.append(
                {
                    "respondent_id": f"r{len(rows) + 1}",
                    "period": period,
                    "function": function,
                    "department": department,
                    "REL-1": min(5, max(1, rel1 + wobble)),
                    "REL-2": min(5, max(1, rel2 - wobble)),
                    "REL-O": f"{department} {function} note {i}",
                }
            )
    frame = pd.DataFrame(rows)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return Dataset.from_file("survey.csv", buffer.getvalue().encode()), frame


def pandas_score(frame: pd.DataFrame, **where) -> float:
    """Mean over respondents of their REL mean, for the rows matching `where` (REL-1 and REL-2 are not reverse-coded)."""
    chosen = frame
    for column, value in where.items():
        chosen = chosen[chosen[column] == value]
    return round(float(chosen[["REL-1", "REL-2"]].mean(axis=1).mean()), 2)


def test_a_department_filter_gives_that_departments_scores():
    data, frame = build()
    for department in ("Ops", "Finance", "Apps"):
        result = analyze(data, K5, Selection(None, department)).tactic("REL")
        assert result.score == pandas_score(frame, department=department)
        assert result.n == int((frame["department"] == department).sum())
    period_and_department = analyze(data, K5, Selection("P1", "Ops")).tactic("REL")
    assert period_and_department.score == pandas_score(frame, department="Ops", period="P1")


def test_a_department_filter_splits_it_and_business_within_the_department():
    data, frame = build()
    result = analyze(data, K5, Selection(None, "Ops")).tactic("REL")
    assert result.it_score == pandas_score(frame, department="Ops", function="IT")
    assert result.business_score == pandas_score(frame, department="Ops", function="Business")
    assert result.it_n == 6 and result.business_n == 15


def test_a_function_filter_has_no_split_and_says_why():
    data, frame = build()
    analysis = analyze(data, K5, Selection(None, None, "IT"))
    result = analysis.tactic("REL")
    assert result.score == pandas_score(frame, function="IT")
    assert result.it_score is None and result.business_score is None
    assert "Only IT respondents" in analysis.split_note
    assert analysis.respondents == int((frame["function"] == "IT").sum())


def test_a_crossing_of_department_and_function_is_published_when_large_enough():
    data, frame = build()
    result = analyze(data, K5, Selection(None, "Ops", "IT")).tactic("REL")
    assert result.score == pandas_score(frame, department="Ops", function="IT")
    assert result.n == 6


def test_a_small_crossing_is_neither_offered_nor_shown():
    data, _ = build(GROUPS + SMALL)
    # neither function is offered in Apps: Business has two people, and IT in Apps is Apps minus those two
    assert selectable_functions(data, K5, None, "Apps") == []
    assert selectable_functions(build()[0], K5, None, "Ops") == ["IT", "Business"]
    apps = analyze(data, K5, Selection(None, "Apps")).tactic("REL")
    assert apps.business_score is None and apps.split_reason is not None
    assert apps.it_score is None  # IT in Apps would give the two by subtraction from Apps' total
    cells = [c for c in breakdowns(data, K5) if c["department"] == "Apps" and c["function"] == "Business" and c["n"] is not None]
    assert cells == []


def test_only_departments_with_a_published_count_are_offered():
    data, _ = build(GROUPS + SMALL)
    assert "Tiny" not in selectable_departments(data, K5)
    assert {"Ops", "Apps"} <= set(selectable_departments(data, K5))
    assert "Finance" in selectable_departments(data, K5, "P2")
    assert selectable_departments(build()[0], K5) == ["Apps", "Finance", "Ops"]


def test_statements_follow_the_department_filter():
    data, frame = build()
    items = item_scores(data, "REL", K5, Selection(None, "Finance")).set_index("item")
    finance = frame[frame["department"] == "Finance"]
    assert items.loc["REL-1", "item_mean"] == pytest.approx(finance["REL-1"].mean())
    assert items.loc["REL-2", "item_n"] == len(finance)


def test_comments_follow_the_filter_and_keep_the_writers_group_rule():
    data, _ = build(GROUPS + SMALL)
    # P1's Ops groups are hidden with the two small business groups; P2's are shown: only P2's writers are listed
    ops_business, held_back = tactic_comments(data, "REL", K5, Selection(None, "Ops", "Business"))
    assert len(ops_business) == 7 and ops_business["text"].str.startswith("Ops Business").all() and held_back
    ops_it, _ = tactic_comments(data, "REL", K5, Selection(None, "Ops", "IT"))
    assert ops_it.empty  # six IT people in P1, hidden to protect the small groups: their comments would count them
    apps, held_back = tactic_comments(data, "REL", K5, Selection(None, "Apps"))
    assert not apps["text"].str.contains("Business").any() and held_back  # the two business people's notes stay out


def test_a_function_filter_shows_each_departments_people_of_that_function():
    data, frame = build()
    grid = department_scores(data, K5, Selection(None, None, "Business")).set_index(["department", "tactic"])
    assert grid.loc[("Finance", "REL"), "score"] == pytest.approx(
        frame[frame["department"] == "Finance"][["REL-1", "REL-2"]].mean(axis=1).mean()
    )
    ops = frame[(frame["department"] == "Ops") & (frame["function"] == "Business")]
    assert grid.loc[("Ops", "REL"), "score"] == pytest.approx(ops[["REL-1", "REL-2"]].mean(axis=1).mean())
    assert ("Apps", "REL") not in grid.index  # no business people in Apps
    small = department_scores(build(GROUPS + SMALL)[0], K5, Selection(None, None, "Business")).set_index(["department", "tactic"])
    assert small.loc[("Apps", "REL"), "label"] == "hidden: fewer than 5 responses"
