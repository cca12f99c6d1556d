"""The list of comments under the Comments page, with its search: a fragment, so typing a search redraws the list
and nothing else of the page (themes, tone and charts stay as they are)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from alignment import comment_themes as ct

from .state import MAX_COMMENTS_SHOWN
from .text import md_text


@st.fragment
def comment_list(comments: pd.DataFrame) -> None:
    """The selection's comments that may be shown, narrowed by a search, each with its tone."""
    query = st.text_input(
        "Search the comments",
        placeholder="A word or phrase, e.g. budget",
        help="Case-insensitive. Narrows the list below.",
    )
    found = ct.search(comments, query)
    if query.strip():
        counted = ct.sentiment_summary(ct.with_sentiment(found)).iloc[0] if len(found) <= MAX_COMMENTS_SHOWN else None
        tone = (
            f": {counted['positive']:,} positive, {counted['neutral']:,} neutral, {counted['negative']:,} negative"
            if counted is not None
            else ""
        )
        st.caption(f"{len(found):,} of {len(comments):,} comments contain “{md_text(query.strip())}”{tone}.")
    if found.empty:
        st.info(f"No comment here contains “{md_text(query.strip())}”.")
        return
    if len(found) > MAX_COMMENTS_SHOWN:
        st.caption(
            f"Showing the first {MAX_COMMENTS_SHOWN:,} of {len(found):,} comments; search, or pick a tactic or period, "
            "to narrow them down."
        )
    st.dataframe(
        ct.table(ct.with_sentiment(found.head(MAX_COMMENTS_SHOWN))),
        hide_index=True,
        width="stretch",
        column_config={
            "Department": st.column_config.TextColumn(width=130),
            "Tactic": st.column_config.TextColumn(width=60),
            "Sentiment": st.column_config.TextColumn(width=85),
            "Score": st.column_config.NumberColumn(format="%+.2f", help="Tone score, −1 to +1.", width=60),
            "Comment": st.column_config.TextColumn(width=1000),
        },
    )
