"""`analyze --json` lists every number the pages show, with the distributions they chart, and nothing else.

The pages' numbers are read here from the page-level functions (scorecards and IT/Business split, statement table
and chart, answer distributions, the department heatmap, respondent counts) for every selection the sidebar offers
(period, then department, then function); they must equal the cells of `breakdowns` one for one: every shown number
is listed with the same n and value, and every listed cell with a number is one some page shows."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from alignment.__main__ import main
from alignment.analysis import analyze, department_scores, item_distribution, item_scores
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import disclosure
from alignment.items import IMPORTANCE_ITEMS
from alignment.priorities import tactic_priorities
from alignment.selection import Selection
from alignment.tactics import TACTIC_CODES
from tests.conftest import SAMPLE_CSV
from tests.test_attacker import Survey, load, surveys
from tests.test_integer_attacker import offered_selections


def shown_numbers(data: Dataset, k: int) -> dict[tuple, tuple]:
    """(measure, tactic, item, period, function, department) -> (n, value, distribution) of every number a page shows."""
    settings = Settings(min_group_size=k)
    published = disclosure(data, k)
    shown: dict[tuple, tuple] = {}

    def put(key: tuple, value: tuple) -> None:
        """Record a shown number; n None where the page shows the value without its n (the IT/Business split)."""
        before = shown.get(key)
        if before is not None:
            same_n = before[0] is None or value[0] is None or before[0] == value[0]
            assert same_n and before[1:] == value[1:], f"{key} is shown as {value} and as {before}"
            if before[0] is not None:
                return
        shown[key] = value

    for period, department, function in offered_selections(published):
        analysis = analyze(data, settings, period, department, function)
        if function is not None or department is not None:
            put(("respondents", None, None, period, function, department), (analysis.respondents, None, None))
        for result in analysis.tactics:
            if result.score is not None:
                put(("tactic", result.code, None, period, function, department), (result.n, result.score, None))
            for side, score, n in (("IT", result.it_score, result.it_n), ("Business", result.business_score, result.business_n)):
                if score is not None:
                    put(("tactic", result.code, None, period, side, department), (n, score, None))
        overall = analysis.overall_statement  # the Overview's "one team" metric: its mean
        if overall["mean"] is not None:
            put(("item", None, overall["item"], period, function, department), (None, overall["mean"], None))
        matrix = tactic_priorities(data, settings, Selection(period, department, function), "mean")
        if matrix["method"] == "stated":  # the priorities chart: each tactic's mean stated importance
            for row in matrix["frame"].itertuples():
                put(("item", None, IMPORTANCE_ITEMS[row.item].id, period, function, department), (None, row.importance, None))
        for code in TACTIC_CODES:
            table = item_scores(data, code, settings, period, department, function)
            charts = item_distribution(data, code, settings, period, department, function)
            for row in table[~table["hidden"]].itertuples():
                levels = charts[charts["item"] == row.item]
                distribution = {str(v): int(a) for v, a in zip(levels["level"], levels["answers"], strict=True)} or None
                put(("item", code, row.item, period, function, department), (row.item_n, row.item_mean, distribution))
                for side, mean in (("IT", row.it_mean), ("Business", row.business_mean)):
                    if mean == mean and mean is not None:  # NaN: not shown
                        put(("item", code, row.item, period, side, department), (None, mean, None))
        if department is None:
            grid = department_scores(data, settings, period, None, function)
            for row in grid[grid["score"].notna()].itertuples():
                put(("tactic", row.tactic, None, period, function, row.department), (row.n, row.score, None))
    return shown


def listed_numbers(listed: list[dict]) -> dict[tuple, tuple]:
    numbers = {}
    for e in listed:
        if e["n"] is None:
            continue
        distribution = {level: count for level, count in (e["distribution"] or {}).items() if count} or None
        key = (e["measure"], e["tactic"], e["item"], e["period"], e["function"], e["department"])
        numbers[key] = (e["n"], e["score"], distribution)
    return numbers


def compare(shown: dict[tuple, tuple], listed: dict[tuple, tuple]) -> None:
    overall = {key for key in listed if key[0] == "respondents" and key[4] is None and key[5] is None}
    missing = [key for key in shown if key not in listed]
    assert not missing, f"shown but not listed: {missing[:5]}"
    for key, (n, value, distribution) in shown.items():
        listed_n, listed_value, listed_distribution = listed[key]
        assert listed_value == value and (n is None or listed_n == n), (key, listed[key], shown[key])
        assert listed_distribution == distribution, (key, listed_distribution, distribution)
    # a period's and all periods' respondent counts are shown in the banner and the period filter's label
    extra = [key for key in listed if key not in shown and key not in overall]
    assert not extra, f"listed but shown on no page: {extra[:5]}"


def test_the_sample_json_is_what_the_pages_show(tmp_path, capsys):
    assert main(["analyze", str(SAMPLE_CSV), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["breakdowns"]
    data = Dataset.from_file("responses.csv", SAMPLE_CSV.read_bytes())
    compare(shown_numbers(data, 5), listed_numbers(listed))
    with_distribution = [e for e in listed if e["distribution"]]
    assert with_distribution and all(sum(e["distribution"].values()) == e["n"] for e in with_distribution)


@hypothesis_settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(surveys())
def test_the_json_is_what_the_pages_show_on_generated_surveys(survey: Survey) -> None:
    data = load(survey)
    compare(shown_numbers(data, survey.k), listed_numbers(disclosure(data, survey.k).breakdowns()))
