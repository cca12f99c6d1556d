"""Charts of the Comments page: the recurring themes and the tone of the comments, per selection."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import altair as alt
import pandas as pd

from ..comment_themes import SENTIMENT_COLOURS, SENTIMENTS, Theme
from .style import FONT_SIZE, SCORE_COLOUR, TEXT_COLOUR, layered, readable

BAR_COLOUR = SCORE_COLOUR


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [text]


def theme_chart(themes: Sequence[Theme], total: int, wrap: int = 26) -> alt.TopLevelMixin:
    """Comments mentioning each theme, most first, each bar labelled with its count."""
    data = pd.DataFrame(
        {
            "theme": [t.phrase for t in themes],
            "lines": ["\n".join(_wrap(t.phrase, wrap)) for t in themes],
            "comments": [t.comments for t in themes],
            "share": [100.0 * t.comments / total if total else 0.0 for t in themes],
            "also": [", ".join(t.also) for t in themes],
        }
    )
    order = data["lines"].tolist()
    y = alt.Y("lines:N", sort=order, title=None, axis=alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=400))
    tooltip = [
        alt.Tooltip("theme:N", title="Theme"),
        alt.Tooltip("comments:Q", title="Comments"),
        alt.Tooltip("share:Q", title="Share of comments %", format=".0f"),
        alt.Tooltip("also:N", title="Same comments also say"),
    ]
    top = int(data["comments"].max()) if len(data) else 1
    x = alt.X(
        "comments:Q",
        title="Comments mentioning it",
        scale=alt.Scale(domain=[0, top * 1.15]),
        axis=alt.Axis(tickMinStep=1, tickCount=5, format="d", grid=False),
    )
    base = alt.Chart().encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(color=BAR_COLOUR, height=20).encode(x=x)
    labels = base.mark_text(align="left", dx=5, fontSize=FONT_SIZE, color=TEXT_COLOUR).encode(x="comments:Q", text="comments:Q")
    return readable(layered(data, bars, labels).properties(height=alt.Step(34)))


def sentiment_chart(summary: pd.DataFrame, wrap: int = 24) -> alt.TopLevelMixin:
    """Share of positive, neutral and negative comments per selection (100 % bars), shares labelled inside."""
    rows = []
    for row in summary.itertuples(index=False):
        lines = "\n".join([*_wrap(row.label, wrap), f"{row.comments:,} comments · mean {row.mean_compound:+.2f}"])
        start = 0.0
        for name in SENTIMENTS:
            share = getattr(row, f"{name}_pct")
            rows.append(
                {
                    "lines": lines,
                    "selection": row.label,
                    "sentiment": name,
                    "order": SENTIMENTS.index(name),
                    "count": getattr(row, name),
                    "share": share,
                    "start": start,
                    "end": start + share,
                    "middle": start + share / 2,
                    "text": f"{share:.0f} %" if share >= 6 else "",  # narrower segments: the tooltip
                    "comments": row.comments,
                }
            )
            start += share
    data = pd.DataFrame(rows)
    order = list(dict.fromkeys(data["lines"])) if len(data) else []
    y = alt.Y("lines:N", sort=order, title=None, axis=alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=400))
    colour = alt.Color(
        "sentiment:N",
        title="Sentiment",
        scale=alt.Scale(domain=list(SENTIMENTS), range=list(SENTIMENT_COLOURS)),
        sort=list(SENTIMENTS),
        legend=alt.Legend(orient="top"),
    )
    tooltip = [
        alt.Tooltip("selection:N", title="Comments on"),
        alt.Tooltip("sentiment:N", title="Sentiment"),
        alt.Tooltip("count:Q", title="Comments"),
        alt.Tooltip("share:Q", title="Share %", format=".0f"),
    ]
    base = alt.Chart().encode(y=y)
    bars = base.mark_bar(height=26).encode(
        x=alt.X(
            "start:Q", title="Share of comments (%)", scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(values=[0, 25, 50, 75, 100])
        ),
        x2="end:Q",
        color=colour,
        tooltip=tooltip,
    )
    text_colour = alt.condition(alt.datum.sentiment == "neutral", alt.value(TEXT_COLOUR), alt.value("#ffffff"))
    labels = base.mark_text(fontSize=FONT_SIZE, fontWeight="bold").encode(
        x="middle:Q", text="text:N", color=text_colour, tooltip=tooltip
    )
    return readable(layered(data, bars, labels).properties(height=alt.Step(58)))
