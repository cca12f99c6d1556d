"""What a results page shows: the dataset, settings and sidebar filter, with the analysis and findings."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from alignment.analysis import (
    Analysis,
    analyze,
)
from alignment.checks import Finding, run_checks
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.settings_file import settings_to_toml

from .data_report import unread_answers_warning
from .filters import Filters, sidebar_filters
from .state import VIEW_KEY, dataset, is_sample, memo, settings
from .text import md_text


@dataclass
class View:
    dataset: Dataset
    settings: Settings
    period: str | None
    analysis: Analysis
    findings: list[Finding]
    department: str | None = None
    function: str | None = None

    @property
    def filters(self) -> Filters:
        return Filters(self.period, self.department, self.function)


def _analysis_and_findings(
    data: Dataset, current: Settings, period: str | None, department: str | None, function: str | None
) -> tuple[Analysis, list[Finding]]:
    """The selection's analysis; the checks compare what people say with the organisation's evidence, so they
    read the whole organisation in the period (the evidence tables are not split by the filters)."""
    analysis = analyze(data, current, period, department, function)
    whole = analysis if department is None and function is None else analyze(data, current, period)
    return analysis, run_checks(data, current, period, whole)


def view() -> View:
    """Everything a results page needs, with the sidebar filters applied."""
    data = dataset()
    current = settings()
    chosen = sidebar_filters(data, current)
    st.sidebar.caption(f"Data: **{md_text(data.label)}**")
    unread_answers_warning(data)
    analysis, findings = memo(_analysis_and_findings, data, current, chosen.period, chosen.department, chosen.function)
    st.session_state[VIEW_KEY] = (data.token, chosen.period, chosen.department, chosen.function, settings_to_toml(current))
    return View(data, current, chosen.period, analysis, findings, chosen.department, chosen.function)


def where(current: View) -> tuple[str | None, str | None, str | None]:
    """The selection as the library's per-selection functions take it: period, department, function."""
    return current.period, current.department, current.function


def source_label(current: View) -> str:
    """What the page shows, as Markdown: the sample data, or the uploaded files' names (as text)."""
    return "the bundled **sample data**" if is_sample() else f"**{md_text(current.dataset.label)}**"


def data_banner(current: View) -> None:
    text = (
        f"Showing {source_label(current)}: {current.analysis.respondents:,} respondents, {md_text(current.filters.describe())}."
    )
    if current.filters.narrowed:
        text += " The checks compare with the whole organisation's evidence."
    st.caption(text)
