"""`analyze --json` lists exactly what the app can show: no cell of a selection the filters never offer, and
each statement cell with the answer distribution the page shows."""

from __future__ import annotations

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from alignment.disclosure import FUNCTIONS, disclosure
from tests.test_attacker import PERIODS, Survey, load, people, surveys


def reachable(published, measure: str, period, function, department) -> bool:
    """Whether some page of the app shows this cell: the filters offer its period; a tactic cell is on a selection's
    page, in the IT/Business split of a department's page or in the Overview's department grid (per offered
    function); a statement cell on its selection's page or in that page's IT/Business split; a respondent count for
    an offered selection, or a department's label in the Overview."""
    if period is not None and period not in published.selectable_periods():
        return False
    departments = published.selectable_departments(period)

    def selection(department, function) -> bool:
        if department is not None and department not in departments:
            return False
        return function is None or function in published.selectable_functions(period, department)

    if measure == "tactic":
        grid = function is None or function in published.selectable_functions(period)
        return grid or selection(department, function) or (function in FUNCTIONS and selection(department, None))
    if measure == "item":
        return selection(department, function) or (function in FUNCTIONS and selection(department, None))
    return selection(department, function) or function is None


def unreachable(survey: Survey) -> list[dict]:
    data = load(survey)
    published = disclosure(data, survey.k)
    listed = published.breakdowns()
    return [
        e
        for e in listed
        if e["n"] is not None and not reachable(published, e["measure"], e["period"], e["function"], e["department"])
    ]


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(surveys())
def test_the_breakdowns_list_only_cells_some_page_shows(survey: Survey) -> None:
    assert unreachable(survey) == []


def test_a_period_the_filters_never_offer_has_no_cells_with_numbers():
    # Q2's respondent count is hidden (so the filters never offer Q2), yet its Finance tactic cell was listed.
    survey = Survey(
        [
            *people(1, PERIODS[0], "Business", "Finance"),
            *people(1, PERIODS[0], "Business", "Infra"),
            *people(1, PERIODS[1], "Business", "Finance"),
            *people(2, PERIODS[1], None, "Finance"),
            *people(1, PERIODS[1], None, "Infra"),
        ],
        k=3,
    )
    published = disclosure(load(survey), survey.k)
    assert PERIODS[1] not in published.selectable_periods()
    assert unreachable(survey) == []
    assert not [e for e in published.breakdowns() if e["period"] == PERIODS[1] and e["n"] is not None]
