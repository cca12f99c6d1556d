"""Comments: recurring themes, sentiment and a search over what respondents wrote (only comments that may be shown)."""

import streamlit as st

import ui
from alignment import comment_themes as ct
from alignment.tactics import TACTIC_CODES

ui.page()

current = ui.view()
st.title("Comments")
ui.data_banner(current)
with st.spinner("Reading the comments…"):
    report = ui.memo(ct.comment_report, current.dataset, current.settings, *ui.where(current))

left, right = st.columns([2, 3])
tactic = left.selectbox("Tactic", [ct.ALL_TACTICS, *TACTIC_CODES], format_func=ct.selection_label)
query = right.text_input(
    "Search the comments",
    placeholder="A word or phrase, e.g. budget",
    help="Case-insensitive. Narrows the list of comments at the bottom of the page.",
)
st.caption(  # always, so that it never tells whether a small group commented
    f"Comments from groups with fewer than {current.settings.min_group_size} respondents are not shown "
    "(groups are period × function × department), nor counted in the themes and sentiment below."
)
comments = report.selection(tactic)
summary = report.summary(tactic)
if not current.dataset.open_asked:
    st.info("The survey asked no open question, so there are no comments to show.")
elif comments.empty or summary is None:
    st.info("No comments that can be shown in this selection. Pick another tactic or period.")
else:
    columns = st.columns(5)
    columns[0].metric("Comments", f"{len(comments):,}")
    for column, name in zip(columns[1:4], ("positive", "neutral", "negative"), strict=True):
        column.metric(name.capitalize(), f"{summary[f'{name}_pct']:.0f} %", help=f"Share of comments VADER scores {name}.")
    columns[4].metric("Mean sentiment", f"{summary['mean_compound']:+.2f}", help="Mean VADER compound score, −1 to +1.")

    st.subheader("Recurring themes")
    themes = report.themes.get(tactic, [])
    st.caption(
        f"Phrases of one to three words that at least {report.min_comments} comments use, the most used first; "
        "common words are left out and plurals count with the singular. Open a theme for examples."
    )
    if not themes:
        st.info(f"No phrase comes up in {report.min_comments} or more comments here.")
    else:
        chart_column, examples_column = st.columns([3, 2])
        with chart_column:
            ui.chart(f"comments-themes-{tactic}", lambda: ct.theme_chart(themes, len(comments)))
        with examples_column:
            for theme in themes:
                with st.expander(f"**{ui.md_text(theme.phrase)}** · {theme.comments:,} comments"):
                    st.markdown("\n".join(f"- “{ui.md_text(example)}”" for example in theme.examples))
                    if theme.also:
                        st.caption("The same comments also mention: " + ui.md_text(", ".join(theme.also[:6])) + ".")

    st.subheader("Sentiment")
    sampled = (
        f" With {report.distinct_texts:,} different comments, the shares are estimated from a random sample of "
        f"{report.scored_texts:,} of them; the comments listed below are each scored."
        if report.sampled
        else ""
    )
    st.caption(
        "Each comment's tone, scored by VADER from −1 (negative) to +1 (positive): positive from +0.05, negative up to "
        "−0.05, neutral between. It reads the words, not the intent — a request such as “I have no idea how IT measures "
        f"success” can score positive — so read the comments themselves before acting.{sampled}"
    )
    rows = (
        report.sentiment
        if tactic == ct.ALL_TACTICS
        else report.sentiment[report.sentiment["tactic"].isin([tactic, ct.ALL_TACTICS])]
    )
    ui.chart(f"comments-sentiment-{tactic}", lambda: ct.sentiment_chart(rows))

    st.subheader("The comments")
    found = ct.search(comments, query)
    if query.strip():
        counted = ct.sentiment_summary(ct.with_sentiment(found)).iloc[0] if len(found) <= ui.MAX_COMMENTS_SHOWN else None
        tone = (
            f": {counted['positive']:,} positive, {counted['neutral']:,} neutral, {counted['negative']:,} negative"
            if counted is not None
            else ""
        )
        st.caption(f"{len(found):,} of {len(comments):,} comments contain “{ui.md_text(query.strip())}”{tone}.")
    if found.empty:
        st.info(f"No comment here contains “{ui.md_text(query.strip())}”.")
    else:
        if len(found) > ui.MAX_COMMENTS_SHOWN:
            st.caption(
                f"Showing the first {ui.MAX_COMMENTS_SHOWN:,} of {len(found):,} comments; search, or pick a tactic or period, "
                "to narrow them down."
            )
        shown = ct.with_sentiment(found.head(ui.MAX_COMMENTS_SHOWN))
        st.dataframe(
            ct.table(shown),
            hide_index=True,
            width="stretch",
            column_config={
                "Department": st.column_config.TextColumn(width=130),
                "Tactic": st.column_config.TextColumn(width=60),
                "Sentiment": st.column_config.TextColumn(width=85),
                "Score": st.column_config.NumberColumn(format="%+.2f", help="VADER compound score, −1 to +1.", width=60),
                "Comment": st.column_config.TextColumn(width=1000),
            },
        )
