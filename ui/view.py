"""What a results page shows: the dataset, settings and sidebar filter, with the analysis and findings."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from alignment.analysis import (
    Analysis,
    analyze,
    selectable_periods,
)
from alignment.checks import Finding, run_checks
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import PROTECTED_TEXT, hidden_label
from alignment.settings_file import settings_to_toml

from .state import ALL_PERIODS_OPTION, PERIOD_KEY, VIEW_KEY, dataset, is_sample, memo, settings


@dataclass
class View:
    dataset: Dataset
    settings: Settings
    period: str | None
    analysis: Analysis
    findings: list[Finding]


def period_filter(data: Dataset, current: Settings) -> str | None:
    options = [ALL_PERIODS_OPTION, *memo(selectable_periods, data, current)]
    chosen = st.session_state.get(PERIOD_KEY) or ALL_PERIODS_OPTION
    if chosen not in options:
        chosen = ALL_PERIODS_OPTION
    value = st.sidebar.selectbox(
        "Survey period", options, index=options.index(chosen), help="Results for one survey round, or all."
    )
    st.session_state[PERIOD_KEY] = None if value == ALL_PERIODS_OPTION else value
    hidden = sorted(set(data.periods()) - set(options))
    if hidden:
        st.sidebar.caption(f"Not selectable ({hidden_label(current.min_group_size)}, or {PROTECTED_TEXT}): {', '.join(hidden)}")
    return st.session_state[PERIOD_KEY]


def _analysis_and_findings(data: Dataset, current: Settings, period: str | None) -> tuple[Analysis, list[Finding]]:
    analysis = analyze(data, current, period)
    return analysis, run_checks(data, current, period, analysis)


def view() -> View:
    """Everything a results page needs, with the sidebar filter applied."""
    data = dataset()
    current = settings()
    period = period_filter(data, current)
    st.sidebar.caption(f"Data: **{data.label}**")
    analysis, findings = memo(_analysis_and_findings, data, current, period)
    st.session_state[VIEW_KEY] = (data.token, period, settings_to_toml(current))
    return View(data, current, period, analysis, findings)


def data_banner(current: View) -> None:
    where = "all periods" if current.period is None else f"period {current.period}"
    source = "the bundled **sample data**" if is_sample() else f"**{current.dataset.label}**"
    st.caption(f"Showing {source}: {current.analysis.respondents:,} respondents, {where}.")
