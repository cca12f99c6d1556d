"""What was read: evidence tables, validation tables and input errors."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from alignment.dataset import Dataset
from alignment.errors import InputError

from .formatting import fitted_height
from .text import md_text


def evidence_summary(data: Dataset) -> pd.DataFrame:
    frame = pd.DataFrame(data.evidence_sources).rename(columns={"rows": "rows used"})
    return frame[["table", "file", "sheet", "rows used"]]


def report_tables(frames: dict[str, pd.DataFrame]) -> None:
    for title, frame in frames.items():
        with st.expander(
            f"{title.capitalize()} ({len(frame)})",
            expanded=bool(len(frame)) and title not in {"recognised columns", "column scales"},
        ):
            if frame.empty:
                st.caption("None.")
            else:
                st.dataframe(frame, hide_index=True, width="stretch", height=fitted_height(frame))


def show_error(exc: InputError) -> None:
    """An input error, its message in bold: both may quote a file's content (a header, a cell, a key), shown as text."""
    st.error(f"**{md_text(exc.message)}**\n\n{md_text(exc.hint)}")


def unread_answers_warning(data: Dataset) -> None:
    """A warning, on every results page, when more than 5 % of the survey's answers could not be read."""
    if text := data.report.unread_warning():
        st.warning(md_text(text), icon=":material/warning:")


def nothing_scored(data: Dataset, tactics: list) -> InputError | None:
    """Why no tactic can be scored (an error to show instead of 'Loaded'), or None when some tactic is."""
    if any(t.score is not None or t.hidden_reason for t in tactics):
        return None
    why, fix = data.report.why_nothing_scored()
    return InputError(f"{data.label} loaded, but no tactic can be scored: {why}", fix)


def data_notes(warnings: list[str]) -> None:
    """The analysis's warnings under a results page's key figures: one is shown as it is; several are folded into
    one labelled box, so that notes on a few respondents do not push the tactics off a shared screen."""
    if len(warnings) == 1:
        st.warning(md_text(warnings[0]))
    elif warnings:
        with st.expander(f"{len(warnings)} notes on the data", icon=":material/warning:"):
            st.markdown("\n".join(f"- {md_text(warning)}" for warning in warnings))
