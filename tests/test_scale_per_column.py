"""Each answer column has its own scale: adding, removing or changing one column never changes another's scores.

The regression cases are the ones users found (a file-wide guess read 1-5 columns as 1-7 or 0-10 once a
longer column was mapped); the property test adds a random column of any kind to a random survey.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alignment.errors import InputError
from alignment.ingest.grids import grid_question
from alignment.ingest.load import load_files, load_survey
from alignment.ingest.mapping import mapping_from_json
from alignment.ingest.scales import LABELLED, detect_scale, scale_named
from alignment.ingest.survey import SurveyTables
from alignment.ingest.validation import COLUMN_SCALE_FIELDS

BASE = ("REL-1", "REL-2")
EXTRA = ("TRU-1", "TRU-2", "ASM-1")


def survey(columns: dict[str, list[object]]) -> SurveyTables:
    """A plain CSV survey: respondent_id, then one column per item id, loaded as an upload is."""
    rows = max(len(values) for values in columns.values())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["respondent_id", *columns])
    for index in range(rows):
        writer.writerow([f"r{index + 1}", *(values[index] if index < len(values) else "" for values in columns.values())])
    return load_survey("survey.csv", buffer.getvalue().encode())


def item_scores(tables: SurveyTables, items: tuple[str, ...] = BASE) -> dict[str, dict[str, float]]:
    """Per item: respondent -> score (answered cells only)."""
    frame = tables.scores_arrow.to_pandas().set_index("respondent")
    return {item: {r: float(v) for r, v in frame[item].items() if v == v} for item in items if item in frame}


def issues_of(tables: SurveyTables, columns: set[str]) -> list[tuple]:
    return [(i["row"], i["column"], i["value"], i["reason"]) for i in tables.report.cell_issues if i["column"] in columns]


def scale_of(tables: SurveyTables) -> dict[str, str]:
    return {c["maps_to"]: c.get("scale") for c in tables.report.mapped_columns if "scale" in c}


FIVE = [1, 2, 3, 4, 5, 4, 3, 2, 4, 5, 3, 4, 2, 1, 5, 4, 3, 4, 2, 3]
FIVE_B = [4, 4, 3, 2, 5, 1, 3, 3, 4, 2, 5, 4, 3, 3, 2, 4, 4, 3, 1, 4]


def test_two_five_point_items_keep_their_scores_when_six_point_items_are_mapped() -> None:
    alone = survey({"REL-1": FIVE, "REL-2": FIVE_B})
    six = [1 + i % 6 for i in range(20)]
    more = survey({"REL-1": FIVE, "REL-2": FIVE_B, "TRU-1": six, "TRU-2": six[::-1]})
    assert item_scores(more) == item_scores(alone)
    assert item_scores(alone)["REL-1"]["r5"] == 5.0
    assert scale_of(more)["REL-1"] == scale_of(more)["REL-2"] == "numeric-1-5"


def test_a_column_of_recode_values_changes_no_other_column() -> None:
    alone = survey({"REL-1": FIVE, "REL-2": FIVE_B})
    six = [1 + i % 6 for i in range(20)]
    recoded = survey({"REL-1": FIVE, "REL-2": FIVE_B, "TRU-1": six, "TRU-2": six[::-1], "ASM-1": [10 + x for x in FIVE]})
    assert item_scores(recoded) == item_scores(alone)
    assert scale_of(recoded)["REL-1"] == scale_of(recoded)["REL-2"] == "numeric-1-5"


def test_a_zero_to_ten_question_leaves_five_point_columns_on_five_points() -> None:
    nps = [i % 11 for i in range(20)]
    tables = survey({"REL-1": FIVE, "REL-2": FIVE_B, "TRU-1": nps})
    assert scale_of(tables) == {"REL-1": "numeric-1-5", "REL-2": "numeric-1-5", "TRU-1": "numeric-0-10"}
    assert item_scores(tables)["REL-1"]["r5"] == 5.0  # "5" is 5, not 1 + 5 * 4 / 10 = 3.0
    assert item_scores(tables, ("TRU-1",))["TRU-1"]["r6"] == pytest.approx(3.0)  # 5 of 0-10 is 3.0


def test_a_five_point_label_column_in_a_mostly_seven_point_file_stays_five_point() -> None:
    seven = [1 + i % 7 for i in range(20)]
    labels = ["Agree", "Strongly agree", "Disagree", "Neutral", "Agree"] * 4
    tables = survey({"REL-1": seven, "REL-2": seven[::-1], "TRU-1": seven[3:] + seven[:3], "TRU-2": labels})
    assert scale_of(tables)["TRU-2"] == "agreement-5"
    assert item_scores(tables, ("TRU-2",))["TRU-2"]["r1"] == 4.0  # "Agree", not 4.33 of 7 points


# ------------------------------------------------------------------------------------ the property


def _numbers() -> st.SearchStrategy[list[object]]:
    def column(bounds: tuple[int, int], draw_values: list[int], as_text: bool) -> list[object]:
        low, high = bounds
        return [str(low + v % (high - low + 1)) if as_text else low + v % (high - low + 1) for v in draw_values]

    bounds = st.sampled_from([(1, 4), (1, 5), (1, 6), (1, 7), (1, 9), (0, 10), (1, 10), (11, 15), (0, 100)])
    return st.builds(column, bounds, st.lists(st.integers(0, 100), min_size=1, max_size=12), st.booleans())


_SPELLINGS = sorted({label for scale in LABELLED for group in scale.labels for label in group})
_JUNK = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x24F, exclude_characters='"'), max_size=12)
CELL = st.one_of(st.sampled_from(_SPELLINGS), _JUNK, st.integers(-3, 20).map(str), st.just(""), st.just("N/A"))
COLUMN = st.one_of(_numbers(), st.lists(st.sampled_from(_SPELLINGS), min_size=1, max_size=12), st.lists(CELL, max_size=12))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.tuples(COLUMN, COLUMN), extra=st.lists(COLUMN, min_size=1, max_size=len(EXTRA)))
def test_adding_a_column_never_changes_another_columns_scores(base, extra) -> None:
    columns = dict(zip(BASE, base, strict=True))
    try:
        before = survey(columns)
    except InputError:
        assume(False)
    after = survey(columns | dict(zip(EXTRA, extra, strict=False)))
    kept = set(before.respondents["respondent"])
    got = {item: {r: s for r, s in scores.items() if r in kept} for item, scores in item_scores(after).items()}
    assert got == item_scores(before)
    assert {k: v for k, v in scale_of(after).items() if k in BASE} == scale_of(before)
    assert issues_of(after, {"B", "C"}) == issues_of(before, {"B", "C"})


# ------------------------------------------------------------------------------------ scales end to end


def test_a_how_often_question_answered_daily_to_never_is_scored() -> None:
    answers = ["Daily", "Weekly", "Monthly", "Rarely", "Never", "Weekly"]
    tables = survey({"REL-1": FIVE[:6], "ASM-1": answers})
    assert scale_of(tables)["ASM-1"] == "frequency-5-period"
    assert list(item_scores(tables, ("ASM-1",))["ASM-1"].values()) == [5.0, 4.0, 3.0, 2.0, 1.0, 4.0]
    assert tables.report.cell_issues == []


def test_a_how_often_question_in_words_no_scale_knows_is_not_scored_from_its_nevers() -> None:
    answers = ["Never", "Every sprint", "When I am stuck", "Before a release", "Never", "Never"]
    tables = survey({"REL-1": FIVE[:6], "ASM-1": answers})
    assert scale_of(tables)["ASM-1"] == "unknown"
    assert item_scores(tables, ("ASM-1",))["ASM-1"] == {}  # not a score of 1.00 from the three Nevers
    assert [(i["row"], i["column"], i["value"]) for i in tables.report.cell_issues] == [
        (row, "C", value) for row, value in enumerate(answers, start=2)
    ]


def test_answers_in_german_are_scored() -> None:
    answers = ["Stimme zu", "Stimme voll und ganz zu", "Stimme nicht zu", "Teils/teils", "Stimme überhaupt nicht zu"]
    tables = survey({"REL-1": answers, "REL-2": ["Immer", "Oft", "Manchmal", "Selten", "Nie"]})
    assert scale_of(tables) == {"REL-1": "agreement-5-de", "REL-2": "frequency-5-de"}
    assert list(item_scores(tables)["REL-1"].values()) == [4.0, 5.0, 2.0, 3.0, 1.0]
    assert list(item_scores(tables)["REL-2"].values()) == [5.0, 4.0, 3.0, 2.0, 1.0]


def test_recoded_and_limesurvey_code_columns_are_five_point() -> None:
    tables = survey({"REL-1": [11, 15, 13, 12], "REL-2": ["A1", "A5", "A3", "A2"]})
    assert scale_of(tables) == {"REL-1": "numeric-11-15", "REL-2": "numeric-1-5"}
    assert item_scores(tables) == {"REL-1": dict(zip(["r1", "r2", "r3", "r4"], [1.0, 5.0, 3.0, 2.0], strict=True))} | {
        "REL-2": dict(zip(["r1", "r2", "r3", "r4"], [1.0, 5.0, 3.0, 2.0], strict=True))
    }
    assert "1 column(s) use the 11-15 scale (REL-1); answers were rescaled linearly to 1-5." in tables.report.warnings


def test_a_typo_in_an_upload_is_a_cell_issue_that_suggests_the_label() -> None:
    tables = survey({"REL-1": ["Agree", "Agre", "Strongly agree", "Stongly agree", "Disagree"], "REL-2": FIVE[:5]})
    assert scale_of(tables)["REL-1"] == "agreement-5"
    assert item_scores(tables)["REL-1"] == {"r1": 4.0, "r3": 5.0, "r5": 2.0}  # the typos are not guessed
    assert issues_of(tables, {"B"}) == [
        (3, "B", "Agre", "'Agre' is not an answer on the agreement 5-point scale (did you mean 'Agree'?); treated as no answer"),
        (
            5,
            "B",
            "Stongly agree",
            "'Stongly agree' is not an answer on the agreement 5-point scale (did you mean 'Strongly agree'?); "
            "treated as no answer",
        ),
    ]


# ------------------------------------------------------------------------------------ the report


def test_the_report_carries_each_columns_scale() -> None:
    tables = survey({"REL-1": FIVE[:5], "REL-2": ["Daily", "Weekly", "Never", "Monthly", "Rarely"], "REL-5": [1, 7, 3, 6, 2]})
    report = tables.report
    assert report.column_scales == [
        {"file": "survey.csv", "sheet": "survey", "column": "B", "header": "REL-1", "item": "REL-1"}
        | {"scale": "numeric-1-5", "title": "1-5", "points": 5, "low": 1, "high": 5, "direction": "ascending"}
        | {"chosen_by": "detected"},
        {"file": "survey.csv", "sheet": "survey", "column": "C", "header": "REL-2", "item": "REL-2"}
        | {"scale": "frequency-5-period", "title": "frequency 5-point (daily ... never)", "points": 5, "low": 1, "high": 5}
        | {"direction": "ascending", "chosen_by": "detected"},
        {"file": "survey.csv", "sheet": "survey", "column": "D", "header": "REL-5", "item": "REL-5"}
        | {"scale": "numeric-1-7", "title": "1-7", "points": 7, "low": 1, "high": 7, "direction": "reversed"}
        | {"chosen_by": "detected"},
    ]
    frame = report.frames()["column scales"]
    assert tuple(frame.columns) == COLUMN_SCALE_FIELDS
    assert COLUMN_SCALE_FIELDS[-4:] == ("low", "high", "direction", "chosen_by")
    assert frame["scale"].tolist() == ["numeric-1-5", "frequency-5-period", "numeric-1-7"]


# ------------------------------------------------------------------------------------ a grid shares its scale
# issue 17 (15): a 1-7 grid column where nobody ticked 7 was read as 1-6 beside its 1-7 siblings


def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue().encode()


ITEMS = ["REL-1", "REL-2", "REL-3", "REL-4", "TRU-1", "TRU-2"]
SEVEN = [[1 + (i * (c + 2) + c) % 7 for i in range(21)] for c in range(5)]  # every column ticks 1 ... 7
NO_SEVEN = [1 + i % 6 for i in range(21)]  # 1 ... 6: nobody ticked 7


def grid_survey(headers: list[str], columns: list[list[int]]) -> tuple[bytes, dict]:
    """A plain table: respondent, function, department, then the grid's columns; and a mapping of each to an item."""
    rows = [[f"r{i}", "IT" if i % 2 else "Business", "Ops", *(column[i] for column in columns)] for i in range(len(columns[0]))]
    data = _csv_bytes(["respondent_id", "function", "department", *headers], rows)
    mapping = {"version": 1, "columns": [{"header": h, "target": t} for h, t in zip(headers, ITEMS, strict=False)]}
    return data, mapping_from_json(json.dumps(mapping))


def scales_and_scores(headers: list[str], columns: list[list[int]]):
    data, mapping = grid_survey(headers, columns)
    survey = load_files([("grid.csv", data)], mapping).survey
    scales = {c["item"]: c["scale"] for c in survey.report.column_scales}
    scores = survey.scores_arrow.to_pandas().set_index("respondent")
    return scales, scores, survey


@pytest.mark.parametrize(
    "headers",
    [
        [f"Q5_{n}" for n in range(1, 7)],
        [f"Q5 [{item} statement]" for item in ITEMS],
        [f"Q5 - {item} statement" for item in ITEMS],
        [f"How far do you agree? [{item} statement]" for item in ITEMS],
    ],
    ids=["Q5_n", "brackets", "dash", "question text"],
)
def test_a_grid_column_where_nobody_ticked_7_shares_the_grids_1_to_7(headers: list[str]) -> None:
    scales, scores, survey = scales_and_scores(headers, [*SEVEN, NO_SEVEN])
    assert set(scales.values()) == {"numeric-1-7"}, scales
    # a 6 of 1-7 is 1 + 5 * 4 / 6; on 1-6 it would have been 1 + 5 * 4 / 5 = 5.0
    sixes = [f"r{i}" for i, answer in enumerate(NO_SEVEN) if answer == 6]
    assert sixes and all(scores.loc[r, "TRU-2"] == pytest.approx(1 + 5 * 4 / 6) for r in sixes)
    assert survey.report.cell_issues == []


def test_columns_of_different_questions_keep_their_own_scale() -> None:
    headers = [f"Q5_{n}" for n in range(1, 6)] + ["Q6_1"]
    scales, _, _ = scales_and_scores(headers, [*SEVEN, NO_SEVEN])
    assert scales["TRU-2"] == "numeric-1-6"
    assert {scales[i] for i in ITEMS[:5]} == {"numeric-1-7"}


def test_a_grid_of_five_point_columns_stays_on_five_points() -> None:
    five = [[1 + (i + c) % 5 for i in range(21)] for c in range(6)]
    scales, scores, _ = scales_and_scores([f"Q5_{n}" for n in range(1, 7)], five)
    assert set(scales.values()) == {"numeric-1-5"}
    assert scores.loc["r4", "REL-1"] == 5.0


def test_a_grid_shares_the_widest_scale_one_of_its_columns_shows() -> None:
    """Five columns on 1-5 and one whose answers reach 7 four times in 21 (19 %, no stray typo on its own): pooled,
    the four are under 5 % of the grid's answers, but the grid's scale is the widest one a column shows."""
    five = [[1 + (i + c) % 5 for i in range(21)] for c in range(5)]
    reaching = [1 + i % 5 for i in range(17)] + [6, 7, 7, 6]
    scales, scores, survey = scales_and_scores([f"Q5_{n}" for n in range(1, 7)], [*five, reaching])
    assert set(scales.values()) == {"numeric-1-7"}
    assert scores.loc["r4", "REL-1"] == pytest.approx(1 + 4 * 4 / 6)  # a 5 of 1-7
    assert survey.report.cell_issues == []


def test_a_grid_of_labels_is_not_moved_onto_a_numeric_scale_one_column_shows() -> None:
    """One column of numbers 1-9 in a grid of agreement labels: its own scale (1-9) is wider, but it reads none of
    the labels, so the grid keeps the scale all its answers show together and every label is read."""
    labels = [["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"][i % 5] for i in range(21)]
    columns = [[["Disagree", "Agree", "Strongly agree"][(i + c) % 3] for i in range(21)] for c in range(3)]
    numbers = [1 + i % 9 for i in range(21)]
    scales, scores, survey = scales_and_scores([f"Q5_{n}" for n in range(1, 6)], [labels, *columns, numbers])
    assert set(scales.values()) == {"agreement-5"}
    assert scores.loc["r0", "REL-1"] == 1.0 and scores.loc["r2", "REL-2"] == 5.0
    assert {issue["column"] for issue in survey.report.cell_issues} == {"H"}  # only the numbers off the labels' 1-5


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(4, 7), st.lists(st.integers(0, 1000), min_size=8, max_size=25)),
        min_size=2,
        max_size=5,
    )
)
def test_a_numeric_grid_shares_the_widest_of_its_columns_scales(spec) -> None:
    length = min(len(draws) for _, draws in spec)
    columns = [[1 + d % high for d in draws[:length]] for high, draws in spec]
    scales, _, _ = scales_and_scores([f"Q5_{n}" for n in range(1, len(columns) + 1)], columns)
    assert len(set(scales.values())) == 1  # one scale for the grid
    shared = scale_named(next(iter(scales.values())))
    own = [detect_scale(sorted(set(c)), counts=[c.count(v) for v in sorted(set(c))]) for c in columns]
    assert shared.points >= max(scale.points for scale in own)  # never narrower than a column shows on its own
    assert shared.low == 1 and shared.name.startswith("numeric-")


@pytest.mark.parametrize(
    ("header", "statement", "question"),
    [
        ("Q5_1", "", "q5"),
        ("G01Q02_SQ001", "", "g01q02"),
        ("Q5 [IT explains options]", "", "q5"),
        ("G01Q02[SQ001]", "SQ001", "g01q02"),
        ("Q5 - IT explains options", "", "q5"),
        ("How far do you agree? - IT explains options", "IT explains options", "how far do you agree?"),
        ("REL-1", "", None),  # an item id names one statement
        ("REL_1", "", None),
        ("TRU2", "", None),
        ("REL-1 IT and business leaders regularly discuss business imperatives together.", "", None),
        ("", "", None),
    ],
)
def test_the_grid_question_a_header_names(header: str, statement: str, question: str | None) -> None:
    assert grid_question(header, statement) == question
