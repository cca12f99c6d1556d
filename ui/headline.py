"""The answer first: where to start and what is strong, decided once in the library (alignment.results), shown
at the top of Home after an upload, the Overview and the meeting's summary."""

from __future__ import annotations

import streamlit as st

from .text import md_text
from .view import View

FOCUS_MARK = "Start here"


def render_headline(current: View) -> None:
    """The headline sentence in a box; for a filtered view, whose scores it speaks of."""
    whose = "" if not current.filters.narrowed else f" ({md_text(current.filters.describe())})"
    with st.container(border=True):
        st.markdown(f"**Where to start{whose}.** {md_text(current.headline.sentence)}")


def focus_label(current: View, code: str) -> str | None:
    """'Start here' on the headline's focus tactics (None on the others)."""
    return FOCUS_MARK if code in current.headline.focus else None
