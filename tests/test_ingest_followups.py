"""Follow-ups to issue 10 found by an independent test of real-looking exports: each case failed before its fix."""

from __future__ import annotations

import csv
import io

import pytest

from alignment.ingest.load import load_survey
from alignment.ingest.scales import detect_scale
from alignment.ingest.survey import SurveyTables


def csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def item_scores(tables: SurveyTables, item: str) -> list[float]:
    frame = tables.scores_arrow.to_pandas()
    return [float(v) for v in frame[item] if v == v]


# 1. a 4-point scale written as numbers with its ends labelled is 1-4, not 1-5


@pytest.mark.parametrize(
    "values",
    [
        ["1 - Strongly disagree", "2", "3", "4 - Strongly agree"],
        ["1 - Strongly disagree", "2 - Disagree", "3 - Agree", "4 - Strongly agree"],
        ["(1) Strongly disagree", "(2) Disagree", "(3) Agree", "(4) Strongly agree"],
        ["Strongly disagree (1)", "2", "3", "Strongly agree (4)"],
        ["1 = Strongly disagree", "2", "3", "4 = Strongly agree"],
    ],
)
def test_numbers_whose_labelled_top_is_4_are_a_four_point_scale(values: list[str]) -> None:
    assert detect_scale(values).name == "numeric-1-4"


def test_a_labelled_midpoint_still_says_the_scale_is_longer() -> None:
    # "4 - Neither agree nor disagree" is the middle of seven points, whatever "5 - Strongly agree" says
    assert detect_scale(["4 - Neither agree nor disagree", "5 - Strongly agree"]).name == "numeric-1-7"
    assert detect_scale(["1 - Strongly disagree", "2", "3", "4", "5 - Strongly agree"]).name == "numeric-1-5"


def test_a_four_point_export_with_end_labels_scores_on_one_to_four() -> None:
    header = ["respondent_id", "function", "TRU-1 I am confident that IT can deliver what the business needs."]
    answers = ["1 - Strongly disagree", "2", "3", "4 - Strongly agree", "4 - Strongly agree", "3"]
    rows = [[f"r{i + 1}", "IT" if i < 3 else "Business", answer] for i, answer in enumerate(answers)]
    tables = load_survey("four_point.csv", csv_bytes(header, rows))
    # by hand: positions 1,2,3,4,4,3 on 1-4 -> 1 + (x - 1) * 4 / 3 = 1, 2.33, 3.67, 5, 5, 3.67; mean 20.67 / 6
    by_hand = [1.0, 1 + 4 / 3, 1 + 8 / 3, 5.0, 5.0, 1 + 8 / 3]
    assert item_scores(tables, "TRU-1") == pytest.approx(by_hand)
    assert sum(by_hand) / 6 == pytest.approx(3.444, abs=0.001)
    scale = next(c for c in tables.report.column_scales if c.get("item") == "TRU-1")
    assert (scale["scale"], scale["points"]) == ("numeric-1-4", 4)
