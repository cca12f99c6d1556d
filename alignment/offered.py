"""Which published cells some page of the app can show: the audit list (`analyze --json`) lists these and no
others, so it is exactly what the app can show.

A page shows a selection the sidebar offers (period, then department within it, then function within both).
Besides the selection's own cells, a page without a function shows the IT and Business split of its tactics
and statements, and the Overview's department grid shows every department's tactic cell of the chosen period and
function, hidden ones as their label. Cells of a period the filters never offer are shown nowhere. A statement outside
the tactics is shown for the selection only, without a split: the overall statement's mean on the Overview, the
importance questions' means in the priorities chart, and those only where the chart uses stated importance."""

from __future__ import annotations

from dataclasses import replace

from .figure import hidden_words
from .items import IMPORTANCE_ITEMS
from .selection import Selection
from .tactics import TACTIC_CODES

FUNCTIONS = ("IT", "Business")
STATED_IMPORTANCE_MIN_N = 10  # answers to a tactic's importance question before its stated importance is used
IMPORTANCE_IDS = {item.id for item in IMPORTANCE_ITEMS.values()}


def stated_importance(published, selection: Selection) -> dict | None:
    """The published importance questions' cells of the tactics scored in a selection, when every one of them has at
    least STATED_IMPORTANCE_MIN_N answers (the priorities chart then uses them); otherwise None."""
    scored = [t for t in TACTIC_CODES if _shown(published.tactic(t, selection))]
    stated = {t: published.item(IMPORTANCE_ITEMS[t].id, selection) for t in scored if t in IMPORTANCE_ITEMS}
    if scored and len(stated) == len(scored) and all(_shown(f) and f.n >= STATED_IMPORTANCE_MIN_N for f in stated.values()):
        return stated
    return None


def _shown(figure) -> bool:
    return figure is not None and not figure.hidden


def offered(published, measure: str, cell: Selection, item: str | None = None, tactic: str | None = None) -> bool:
    """Whether a page shows this cell (`cell`: its period, department and function) of `measure` ("tactic", "item" or
    "respondents") of a Disclosure (for a statement, `item` names it; for a tactic, `tactic`)."""
    period, department, function = cell.period, cell.department, cell.function
    if period is not None and period not in published.selectable_periods():
        return False

    def selection(department: str | None, function: str | None) -> bool:
        if department is not None and department not in published.selectable_departments(period):
            return False
        return function is None or function in published.selectable_functions(period, department)

    def whole_shown() -> bool:  # a page shows the IT and Business split only beside the selection's own shown cell
        whole = replace(cell, function=None)
        figure = published.tactic(tactic, whole) if measure == "tactic" else None
        if measure == "item":
            figure = published.item(item, whole)
        return _shown(figure)

    split = function in FUNCTIONS and selection(department, None) and whole_shown()
    if measure == "tactic":
        grid = function is None or function in published.selectable_functions(period)
        return grid or split or selection(department, function)
    if measure == "item" and published.item_tactic.get(item) not in TACTIC_CODES:  # overall or importance
        if not selection(department, function):
            return False
        return item not in IMPORTANCE_IDS or stated_importance(published, cell) is not None
    if measure == "item":
        return split or selection(department, function)
    return function is None or selection(department, function)  # a department's count, or its label in the grid


def audit_list(published) -> list[dict]:
    """Every cell of a Disclosure (its `listed` cells) that some page can show, hidden ones included without numbers,
    in a stable order: what `analyze --json` lists as `breakdowns`."""
    listed = []
    for entry in published.listed:
        cell = Selection(entry["period"], entry["department"], entry["function"])
        if not offered(published, entry["measure"], cell, entry["item"], entry["tactic"]):
            continue
        figure = entry["figure"]
        listed.append(
            {
                "measure": entry["measure"],
                "period": entry["period"],
                "function": entry["function"],
                "department": entry["department"],
                "tactic": entry["tactic"],
                "item": entry["item"],
                "n": figure.n,
                "score": None if figure.hidden or entry["measure"] == "respondents" else round(float(figure.mean), 2),
                "hidden": figure.hidden,
                "reason": hidden_words(figure.reason, figure.k),
                "reason_code": figure.reason,
                "k": figure.k,
                "distribution": {str(level): count for level, count in enumerate(figure.distribution, 1)}
                if figure.distribution
                else None,
            }
        )
    measures = {"tactic": 0, "item": 1, "respondents": 2}
    tactics = {code: i for i, code in enumerate(TACTIC_CODES)}

    def order(entry: dict) -> tuple:
        optional = [(v is not None, str(v)) for v in (entry["period"], entry["function"], entry["department"])]
        return (measures[entry["measure"]], tactics.get(entry["tactic"], 9), str(entry["item"]), *optional)

    return sorted(listed, key=order)
