"""The sidebar filters (survey period, department, function): kept in session state, so they survive page
switches, and offered only where the disclosure layer publishes the selection's respondent count."""

from __future__ import annotations

import streamlit as st

from alignment.analysis import selectable_departments, selectable_functions, selectable_periods
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import PROTECTED_TEXT, hidden_label
from alignment.ingest import NOT_GIVEN
from alignment.periods import order_periods
from alignment.selection import Selection

from .state import ALL_PERIODS_OPTION, DEPARTMENT_KEY, FUNCTION_KEY, PERIOD_KEY, memo
from .text import md_text

ALL_DEPARTMENTS_OPTION = "All departments"
ALL_FUNCTIONS_OPTION = "IT and business"


Filters = Selection  # the sidebar's choice is the library's one selection value


def choose(key: str, label: str, everything: str, options: list[str], help_text: str, default: str | None = None) -> str | None:
    """One sidebar select box whose choice lives in session state (None there: nothing chosen yet, so `default`,
    else everything); a choice no longer offered falls back to all. Returns None for everything."""
    choices = [everything, *options]
    stored = st.session_state.get(key)
    chosen = stored if stored in choices else (default if stored is None and default in choices else everything)
    value = st.sidebar.selectbox(label, choices, index=choices.index(chosen), help=help_text)
    st.session_state[key] = value  # the label, "All periods" too: an explicit choice of everything stays chosen
    return None if value == everything else value


def latest_round(periods: list[str]) -> str | None:
    """The most recent of the offered survey rounds, when there are several (the default view)."""
    dated = [p for p in periods if p != NOT_GIVEN]
    return order_periods(dated)[0][-1] if len(dated) > 1 else None


def set_filters(department: str | None = None, function: str | None = None) -> None:
    """Set the department and/or function filter (a click on a chart); the next run offers and applies it."""
    if department is not None:
        st.session_state[DEPARTMENT_KEY] = department
    if function is not None:
        st.session_state[FUNCTION_KEY] = function


def pick_from_chart(event, selection: str, current: Filters) -> None:
    """A click on a chart's point or cell (its selection `selection` carries department and/or function):
    set those filters and show the page again with them."""
    picked = (event or {}).get("selection", {}).get(selection) or []
    if not picked:
        return
    department, function = picked[0].get("department"), picked[0].get("function")
    if (department or current.department) != current.department or (function or current.function) != current.function:
        set_filters(department, function)
        st.rerun()


def clear_filters() -> None:
    for key in (PERIOD_KEY, DEPARTMENT_KEY, FUNCTION_KEY):
        st.session_state[key] = None


def sidebar_filters(data: Dataset, current: Settings) -> Filters:
    """Period, then department within it, then function within both: each lists only published selections."""
    offered = memo(selectable_periods, data, current)
    periods = order_periods(p for p in offered if p != NOT_GIVEN)[0] + [p for p in offered if p == NOT_GIVEN]  # by date
    period = choose(
        PERIOD_KEY,
        "Survey period",
        ALL_PERIODS_OPTION,
        periods,
        "The latest survey round is shown first, with its change from the round before; or choose another round, or all.",
        latest_round(periods),
    )
    departments = memo(selectable_departments, data, current, period)
    department = choose(
        DEPARTMENT_KEY,
        "Department",
        ALL_DEPARTMENTS_OPTION,
        departments,
        "Results for one department, or all. Clicking a department in the Overview's heatmap sets it too.",
    )
    functions = memo(selectable_functions, data, current, period, department)
    function = choose(FUNCTION_KEY, "Function", ALL_FUNCTIONS_OPTION, functions, "IT respondents, business respondents, or both.")
    chosen = Filters(period, department, function)
    if chosen != Filters(latest_round(periods)):
        st.sidebar.button("Clear the filters", on_click=clear_filters, icon=":material/filter_alt_off:")
    hidden = [p for p in data.periods() if p not in set(periods)]  # in period order
    if hidden:
        st.sidebar.caption(
            f"Periods not offered ({hidden_label(current.min_group_size)}, or {PROTECTED_TEXT}): {md_text(', '.join(hidden))}"
        )
    st.sidebar.caption(
        f"Only selections of at least {current.min_group_size} respondents that cannot be combined with other views "
        "to single out a smaller group are offered."
    )
    return chosen
