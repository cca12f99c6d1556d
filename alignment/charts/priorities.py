"""The importance-performance matrix of statements or tactics, in four named quadrants."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .style import readable_chart

QUADRANT_COLOURS = {
    "Concentrate here": "#D55E00",
    "Keep up the good work": "#009E73",
    "Low priority": "#777777",
    "Possible overkill": "#0072B2",
    "not distinguishable": "#BBBBBB",  # its importance interval crosses the importance crosshair
}


@readable_chart
def importance_performance_chart(
    frame: pd.DataFrame,
    importance_cross: float,
    performance_cross: float,
    importance_title: str = "Importance: relative weight in the overall statement",
) -> alt.LayerChart:
    """Statements (or tactics) by importance (x, with its interval) and performance (y), crosshairs splitting them
    into the four named quadrants; a point whose interval crosses the importance crosshair is grey."""
    x_values = [*frame["importance"], *frame.get("importance_low", []), *frame.get("importance_high", []), importance_cross]
    y_values = [*frame["item_mean"], performance_cross]
    x_domain = [min(x_values) - 0.05, max(x_values) + 0.05]
    y_domain = [max(1.0, min(y_values) - 0.2), min(5.0, max(y_values) + 0.2)]
    x = alt.X(
        "importance:Q",
        title=importance_title,
        scale=alt.Scale(domain=x_domain, zero=False, nice=False),
        axis=alt.Axis(format=".2f"),
    )
    y = alt.Y(
        "item_mean:Q",
        title="Performance: mean score",
        scale=alt.Scale(domain=y_domain, zero=False, nice=False),
        axis=alt.Axis(format=".1f"),
    )
    quadrants = list(QUADRANT_COLOURS)
    points = (
        alt.Chart(frame)
        .mark_circle(size=220, opacity=1, stroke="white", strokeWidth=1.5)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "quadrant:N",
                title=None,
                scale=alt.Scale(domain=quadrants, range=list(QUADRANT_COLOURS.values())),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("item:N", title="Statement"),
                alt.Tooltip("text:N", title="Text"),
                alt.Tooltip("item_mean:Q", title="Mean score", format=".2f"),
                alt.Tooltip("item_n:Q", title="Answers"),
                alt.Tooltip("importance:Q", title="Importance", format=".2f"),
                alt.Tooltip("importance_low:Q", title="Interval from", format=".2f"),
                alt.Tooltip("importance_high:Q", title="Interval to", format=".2f"),
                alt.Tooltip("quadrant:N", title="Quadrant"),
            ],
        )
    )
    labels = alt.Chart(frame).mark_text(align="left", dx=10).encode(x=x, y=y, text="item:N")
    whiskers = (
        alt.Chart(frame).mark_rule(color="#444444", strokeWidth=2).encode(x="importance_low:Q", x2="importance_high:Q", y=y)
    )
    crosshairs = pd.DataFrame({"x": [importance_cross], "y": [performance_cross]})
    vertical = alt.Chart(crosshairs).mark_rule(color="#444444", strokeDash=[6, 4]).encode(x="x:Q")
    horizontal = alt.Chart(crosshairs).mark_rule(color="#444444", strokeDash=[6, 4]).encode(y="y:Q")
    corners = pd.DataFrame(
        {
            "x": [x_domain[1], x_domain[1], x_domain[0], x_domain[0]],
            "y": [y_domain[0], y_domain[1], y_domain[0], y_domain[1]],
            "label": quadrants[:4],
            "align": ["right", "right", "left", "left"],
            "baseline": ["bottom", "top", "bottom", "top"],
        }
    )
    corner_text = [
        alt.Chart(corners[(corners["align"] == side) & (corners["baseline"] == baseline)])
        .mark_text(
            align=side,
            baseline=baseline,
            dx=-6 if side == "right" else 6,
            dy=4 if baseline == "top" else -4,
            fontWeight="bold",
        )
        .encode(
            x="x:Q",
            y="y:Q",
            text="label:N",
            color=alt.Color("label:N", scale=alt.Scale(domain=quadrants, range=list(QUADRANT_COLOURS.values())), legend=None),
        )
        for side in ("right", "left")
        for baseline in ("top", "bottom")
    ]
    return alt.layer(vertical, horizontal, whiskers, points, labels, *corner_text).properties(height=380)
