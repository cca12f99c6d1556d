"""The sidebar filters (survey period, department, function), drawn once per run by the app's entry point above
whichever page runs (ui.navigation), offered only where the disclosure layer publishes the selection's respondent
count. Pages read the one frozen Selection they make from selection() (through ui.view).

The filters are keyed widgets whose state Streamlit keeps for the session (persist_state="session"), also across
pages that do not draw them (Settings, Rounds, Home on the sample data), so nothing copies their values by hand.
A choice belongs to the data it was made on: when another dataset is shown, the filters start again from the
default view (the latest round).
"""

from __future__ import annotations

import streamlit as st

from alignment.analysis import selectable_departments, selectable_functions, selectable_periods
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.figure import not_offered_words
from alignment.ingest import NOT_GIVEN
from alignment.periods import order_periods
from alignment.selection import Selection

from .page_list import ALWAYS, WITH_UPLOAD
from .state import (
    ALL_PERIODS_OPTION,
    DATASET_KEY,
    DEPARTMENT_KEY,
    FUNCTION_KEY,
    PERIOD_KEY,
    dataset,
    decide,
    memo,
    settings,
    upload_results_shown,
)
from .text import md_text

FILTER_KEYS = (PERIOD_KEY, DEPARTMENT_KEY, FUNCTION_KEY)
SELECTION_KEY = "alignment.selection"  # (data token, Selection): what the filters drawn on this run chose
CHOSEN_ON_KEY = "alignment.filters_data"  # the token of the data the filters' choices were made on
REDRAWN_KEY = "alignment.filters_redrawn"  # the data a rerun was asked for, because no filter was drawn for it
ALL_DEPARTMENTS_OPTION = "All departments"
ALL_FUNCTIONS_OPTION = "IT and business"


def choose(key: str, label: str, everything: str, options: list[str], help_text: str, default: str | None = None) -> str | None:
    """One sidebar select box, its choice kept by Streamlit under `key` (nothing chosen yet: `default`, else
    everything); a choice no longer offered falls back to everything. Returns None for everything."""
    choices = [everything, *options]
    if key not in st.session_state:
        st.session_state[key] = default if default in choices else everything
    elif st.session_state[key] not in choices:
        st.session_state[key] = everything
    value = st.sidebar.selectbox(label, choices, key=key, help=help_text, persist_state="session")
    return None if value == everything else value


def latest_round(periods: list[str]) -> str | None:
    """The most recent of the offered survey rounds, when there are several (the default view)."""
    dated = [p for p in periods if p != NOT_GIVEN]
    return order_periods(dated)[0][-1] if len(dated) > 1 else None


def pick_from_chart(event: dict | None, selection: str) -> None:
    """A chart's on_select callback (ui.chart): a click on a point or cell, whose selection `selection` carries a
    department and/or a function, sets those filters; the rerun that follows shows every page with them."""
    picked = (event or {}).get("selection", {}).get(selection) or []
    if not picked:
        return
    for key, value in ((DEPARTMENT_KEY, picked[0].get("department")), (FUNCTION_KEY, picked[0].get("function"))):
        if value is not None:
            st.session_state[key] = value


def clear_filters() -> None:
    """Back to the default view (a callback: the filters are drawn again from their defaults)."""
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


def _forget_choices_of_other_data() -> None:
    """The filters' choices belong to the data they were made on: another dataset (an upload, a workspace's rounds,
    the sample again) starts from the default view. Nothing is forgotten before a dataset has been seen, so a choice
    set before the first page (as tests do) stands."""
    data = st.session_state.get(DATASET_KEY)
    if data is None:
        return
    if st.session_state.get(CHOSEN_ON_KEY, data.token) != data.token:
        clear_filters()
    st.session_state[CHOSEN_ON_KEY] = data.token


def draw_filters(when: str) -> None:
    """The entry point's part, on every run before the page: the filters in the sidebar when the page shows them
    (`when`: ALWAYS, NEVER, or WITH_UPLOAD for Home, which shows an upload's results), their Selection kept for
    this run's page."""
    st.session_state.pop(SELECTION_KEY, None)
    _forget_choices_of_other_data()
    if when == ALWAYS or (when == WITH_UPLOAD and upload_results_shown()):
        data = dataset()
        st.session_state[SELECTION_KEY] = (data.token, sidebar_filters(data, settings()))


def selection(data: Dataset, current: Settings) -> Selection:
    """The Selection the sidebar's filters froze on this run for `data`. When they were drawn for other data or not
    at all (the data changed during the run, after the entry point drew them), the app runs again so that they are
    drawn for it; should they still be missing then, they are drawn here (still once in the run)."""
    drawn = st.session_state.get(SELECTION_KEY)
    if drawn is not None and drawn[0] == data.token:
        st.session_state.pop(REDRAWN_KEY, None)
        return drawn[1]
    if st.session_state.pop(REDRAWN_KEY, None) != data.token:
        st.session_state[REDRAWN_KEY] = data.token
        st.rerun()
    chosen = sidebar_filters(data, current)
    st.session_state[SELECTION_KEY] = (data.token, chosen)
    return chosen


def sidebar_filters(data: Dataset, current: Settings) -> Selection:
    """Period, then department within it, then function within both: each lists only published selections."""
    decide(data, current.min_group_size)  # first, under a spinner that says what a wait is for
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
    chosen = Selection(period, department, function)
    if chosen != Selection(latest_round(periods)):
        st.sidebar.button("Clear the filters", on_click=clear_filters, icon=":material/filter_alt_off:")
    hidden = [p for p in data.periods() if p not in set(periods)]  # in period order
    if hidden:
        st.sidebar.caption(
            f"Periods not offered ({not_offered_words(current.min_group_size, 'label')}): {md_text(', '.join(hidden))}"
        )
    st.sidebar.caption(
        f"Only selections of at least {current.min_group_size} respondents that cannot be combined with other views "
        "to single out a smaller group are offered."
    )
    st.sidebar.caption(f"Data: **{md_text(data.label)}**")  # under the filters, drawn with them once a run
    return chosen
