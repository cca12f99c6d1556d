"""Comments: recurring themes, sentiment and a search over what respondents wrote (only comments that may be shown)."""

import streamlit as st

import ui
from alignment import charts
from alignment import comment_themes as ct
from alignment.tactics import TACTIC_CODES

current = ui.view()
st.title("Comments")
ui.data_banner(current)
with st.spinner("Reading the comments…"):
    report = current.results.comment_report()

left, _ = st.columns([2, 3])
tactic = left.selectbox("Tactic", [ct.ALL_TACTICS, *TACTIC_CODES], format_func=ct.selection_label)
st.caption(  # always, so that it never tells whether a small group commented
    f"Comments from groups with fewer than {current.settings.min_group_size} respondents, or hidden so that a smaller "
    "group cannot be worked out, are not shown (groups are period × function × department), nor counted in the "
    "themes and sentiment below."
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
        column.metric(name.capitalize(), f"{summary[f'{name}_pct']:.0f} %", help=f"Share of comments whose tone reads {name}.")
    columns[4].metric(
        "Mean sentiment",
        f"{summary['mean_compound']:+.2f}",
        help="Mean tone score, −1 to +1: the chance a comment reads positive minus the chance it reads negative.",
    )

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
            ui.chart(f"comments-themes-{tactic}", lambda: charts.theme_chart(themes, len(comments)))
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
        "Each comment's tone: VADER read with a workplace lexicon (a problem fixed or a critical ticket closed is good news), "
        "rules for complaints in plain words, negation and sarcasm, and a small classifier over them. On comments written and "
        "labelled for the purpose and kept out of its making, it agrees with the label on 85 % of the clearly positive or "
        "negative ones, but reads only 43 % of the neutral ones (facts, questions) as neutral, most of the rest as negative: "
        "the negative share is an upper bound. It reads English only; read the comments themselves before acting."
        f"{sampled}"
    )
    rows = (
        report.sentiment
        if tactic == ct.ALL_TACTICS
        else report.sentiment[report.sentiment["tactic"].isin([tactic, ct.ALL_TACTICS])]
    )
    ui.chart(f"comments-sentiment-{tactic}", lambda: charts.sentiment_chart(rows))

    st.subheader("The comments")
    ui.comment_list(comments)
