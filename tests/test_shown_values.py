"""Only the values a page shows leave the library: means to 2 decimals, percentages whole.

A chart's data travels to the browser whole, so a tooltip showing 2.88 over data carrying 2.875 publishes
more than the page does; a heatmap score of 2.4750000000000005 tells the exact sum of a group's answers."""

from __future__ import annotations

import pytest

from alignment import charts
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import disclosure
from alignment.selection import Selection
from alignment.tables import department_scores, item_distribution, item_scores
from alignment.tactics import TACTIC_CODES

K5 = Settings(min_group_size=5)


@pytest.fixture(scope="module")
def sample(sample_csv_bytes) -> Dataset:
    return Dataset.from_file("responses.csv", sample_csv_bytes)


def as_shown(value, digits: int) -> bool:
    return value is None or value != value or float(value) == round(float(value), digits)


def chart_rows(chart) -> list[dict]:
    return [row for values in chart.to_dict()["datasets"].values() for row in values]


def selections(data: Dataset) -> list[tuple]:
    """The whole organisation, one period, one department and one function (period, department, function)."""
    published = disclosure(data, K5.min_group_size)
    period = published.selectable_periods()[0]
    return [(None, None, None), (period, None, None), (None, published.selectable_departments()[0], None), (None, None, "IT")]


def test_the_heatmap_grid_and_its_chart_carry_scores_to_two_decimals(sample):
    for period, _, function in selections(sample):
        grid = department_scores(sample, K5, Selection(period, None, function))
        assert all(as_shown(v, 2) for v in grid["score"]), grid["score"].tolist()
        for row in chart_rows(charts.department_heatmap(grid)):
            assert as_shown(row["score"], 2) and as_shown(row["versus_target"], 2), row


def test_statement_tables_and_charts_carry_means_to_two_decimals(sample):
    for selection in selections(sample):
        for code in TACTIC_CODES:
            items = item_scores(sample, code, K5, Selection(*selection))
            for column in ("item_mean", "it_mean", "business_mean"):
                assert all(as_shown(v, 2) for v in items[column]), (code, selection, column, items[column].tolist())
            shown = items[~items["hidden"]]
            if not shown.empty:
                for row in chart_rows(charts.item_score_chart(shown, 4.0)):
                    for field in ("item_mean", "mean", "gap"):
                        assert as_shown(row.get(field), 2), (field, row)


def test_answer_distributions_carry_whole_percentages(sample):
    for selection in selections(sample):
        for code in TACTIC_CODES:
            distribution = item_distribution(sample, code, K5, Selection(*selection))
            assert all(as_shown(v, 0) for v in distribution["pct"]), (code, selection)
            if not distribution.empty:
                for row in chart_rows(charts.item_diverging_chart(distribution)):
                    assert as_shown(row.get("pct"), 0) and as_shown(row.get("start", 0) * 2, 0), row
