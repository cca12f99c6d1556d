"""What a results page shows: the dataset, settings and sidebar filter, with the analysis and findings."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from alignment.analysis import Analysis
from alignment.checks import Finding
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.results import Headline, Results, results
from alignment.selection import Selection

from .filters import selection
from .state import VIEW_KEY, dataset, decide, is_sample, settings
from .text import md_text
from .validation_view import unread_answers_warning


@dataclass
class View:
    """The page's dataset and settings, with the results of the sidebar's selection (alignment.results)."""

    dataset: Dataset
    settings: Settings
    results: Results

    @property
    def filters(self) -> Selection:
        return self.results.selection

    @property
    def analysis(self) -> Analysis:
        return self.results.analysis

    @property
    def findings(self) -> list[Finding]:
        return self.results.findings

    @property
    def headline(self) -> Headline:
        return self.results.headline

    @property
    def period(self) -> str | None:
        return self.filters.period

    @property
    def department(self) -> str | None:
        return self.filters.department

    @property
    def function(self) -> str | None:
        return self.filters.function


def view() -> View:
    """Everything a results page needs, with the selection of the sidebar filters the entry point drew."""
    data = dataset()
    current = settings()
    chosen = selection(data, current)
    decide(data, current.min_group_size)  # (the filters made them already, unless the cache let them go)
    unread_answers_warning(data)
    bundle = results(data, current, chosen)  # remembered in the dataset's results cache
    st.session_state[VIEW_KEY] = (chosen, current)  # what a chart's spec is remembered by, besides its name
    return View(data, current, bundle)


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
