"""The selection's report to take away: an Excel workbook, a PowerPoint deck or an offline web page, with the
filters of the page (so the same anonymity as the screen) and the session's action plan."""

from __future__ import annotations

import streamlit as st

from alignment.export import REPORT_FORMATS, build_report, report_filename
from alignment.meeting import loadable_actions

from .meeting_state import plan_as_last_seen
from .text import md_text
from .view import View


def report_downloads(current: View, key: str, actions=None) -> None:
    """One download button per format; each file is built when its button is clicked, not on every rerun. The
    action plan is the meeting's as last seen (or `actions`, the meeting page's own plan of this run)."""
    actions, _ = loadable_actions(plan_as_last_seen() if actions is None else actions)
    columns = st.columns(len(REPORT_FORMATS))
    for column, kind in zip(columns, REPORT_FORMATS, strict=True):
        fmt = kind.extension
        column.download_button(
            f"{kind.label[0].upper()}{kind.label[1:]} (.{fmt})",
            lambda fmt=fmt: build_report(current.dataset, current.settings, current.filters, actions, fmt=fmt),
            report_filename(fmt, current.filters),
            kind.media_type,
            icon=kind.icon,
            key=f"report_{fmt}_{key}",
            width="stretch",
            on_click="ignore",
        )
    plan_size = f"the action plan's {len(actions)} action{'s' if len(actions) != 1 else ''}" if len(actions) else "no actions yet"
    st.caption(
        f"Scores, gaps, findings and {plan_size} for {md_text(current.filters.describe())}; hidden cells stay hidden in every file. "
        "The deck has a slide per tactic with its chart, the web page opens without a network."
    )
