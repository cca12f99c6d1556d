"""Which published cells some page of the app can show: the audit list (`analyze --json`) lists these and no
others, so it is exactly what the app can show.

A page shows a selection the sidebar offers (period, then department within it, then function within both).
Besides the selection's own cells, a page without a function shows the IT and Business split of its tactics
and statements, and the Overview's department grid shows every department's tactic cell of the chosen period and
function, hidden ones as their label. Cells of a period the filters never offer are shown nowhere."""

from __future__ import annotations

FUNCTIONS = ("IT", "Business")


def offered(published, measure: str, period: str | None, function: str | None, department: str | None) -> bool:
    """Whether a page shows this cell of `measure` ("tactic", "item" or "respondents") of a Disclosure."""
    if period is not None and period not in published.selectable_periods():
        return False

    def selection(department: str | None, function: str | None) -> bool:
        if department is not None and department not in published.selectable_departments(period):
            return False
        return function is None or function in published.selectable_functions(period, department)

    split = function in FUNCTIONS and selection(department, None)
    if measure == "tactic":
        grid = function is None or function in published.selectable_functions(period)
        return grid or split or selection(department, function)
    if measure == "item":
        return split or selection(department, function)
    return function is None or selection(department, function)  # a department's count, or its label in the grid
