"""Charts of the evidence tables on the tactic pages (engagements, KPIs, rotations, work items, response rates)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .style import BUSINESS_COLOUR, COUNT_AXIS, IT_COLOUR, OKABE_ITO, TARGET_COLOUR, function_colour, readable_chart


def _threshold_rule(value: float, axis: str, label: str) -> alt.LayerChart:
    frame = pd.DataFrame({"value": [value], "label": [label]})
    rule = alt.Chart(frame).mark_rule(color=TARGET_COLOUR, strokeDash=[6, 4], strokeWidth=2).encode(**{axis: "value:Q"})
    text_position = {"x": "value:Q", "y": alt.value(-6)} if axis == "x" else {"y": "value:Q", "x": alt.value(4)}
    text = alt.Chart(frame).mark_text(align="left", dy=-4).encode(text="label:N", **text_position)
    return rule + text


def _palette(domain: list[str], colours: list[str] | None = None) -> alt.Scale:
    return alt.Scale(domain=domain, range=(colours or OKABE_ITO)[: len(domain)])


@readable_chart
def engagement_recency_chart(frame: pd.DataFrame, max_days: float) -> alt.LayerChart:
    data = frame.assign(
        shown_days=frame["days_since"].fillna(frame["days_since"].max() if frame["days_since"].notna().any() else max_days),
        label=frame["days_since"].map(lambda d: "never met" if pd.isna(d) else f"{int(d)} days"),
    )
    bars = (
        alt.Chart(data)
        .mark_bar(height=20)
        .encode(
            y=alt.Y("department:N", title=None, sort="-x"),
            x=alt.X("shown_days:Q", title="Days since the last engagement with IT", axis=alt.Axis(**COUNT_AXIS)),
            color=alt.Color(
                "brm:N",
                title=None,
                scale=_palette(["has a BRM", "no BRM"], ["#009E73", "#D55E00"]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("department:N", title="Department"),
                alt.Tooltip("label:N", title="Last engagement"),
                alt.Tooltip("recent_engagements:Q", title="Engagements, last 90 days"),
                alt.Tooltip("engagements:Q", title="Engagements on record"),
                alt.Tooltip("brm:N", title="Relationship manager"),
            ],
        )
    )
    return (bars + _threshold_rule(max_days, "x", f"{max_days:.0f} days")).properties(height=alt.Step(30))


@readable_chart
def engagement_month_heatmap(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("month:O", title="Month", axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("department:N", title=None),
            color=alt.Color(
                "engagements:Q", title="Engagements", scale=alt.Scale(scheme="blues"), legend=alt.Legend(**COUNT_AXIS)
            ),
            tooltip=[
                alt.Tooltip("department:N", title="Department"),
                alt.Tooltip("month:O", title="Month"),
                alt.Tooltip("engagements:Q", title="Engagements"),
                alt.Tooltip("leadership:Q", title="Of which steering/planning"),
            ],
        )
        .properties(height=alt.Step(26))
    )


@readable_chart
def share_by_quarter_chart(
    frame: pd.DataFrame,
    value: str,
    series: str | None,
    title: str,
    threshold: float | None = None,
    count: tuple[str, str] | None = None,
    x_title: str = "Quarter",
) -> alt.LayerChart:
    """A percentage (0-100) over quarters, one line per series, with an optional dashed threshold; `count` is the
    column and title of what each point counts (work items, respondents), shown in its tooltip."""
    encoding = {
        "x": alt.X("quarter:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        "y": alt.Y(f"{value}:Q", title=title, scale=alt.Scale(domain=[0, 100])),
        "tooltip": [alt.Tooltip("quarter:O", title=x_title), alt.Tooltip(f"{value}:Q", title=title, format=".0f")]
        + ([alt.Tooltip(f"{count[0]}:Q", title=count[1])] if count else []),
    }
    if series:
        encoding["color"] = alt.Color(
            f"{series}:N", title=None, scale=_palette(sorted(frame[series].unique())), legend=alt.Legend(orient="top")
        )
        encoding["tooltip"].insert(0, alt.Tooltip(f"{series}:N", title="Measure"))
    chart = alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=70), strokeWidth=3).encode(**encoding)
    if threshold is not None:
        chart = chart + _threshold_rule(threshold, "y", f"threshold {threshold:.0f} %")
    return chart.properties(height=280)


@readable_chart
def stacked_count_chart(
    frame: pd.DataFrame,
    category: str,
    stack: str,
    count: str,
    stack_order: list[str],
    category_title: str,
    count_title: str,
    colours: list[str] | None = None,
) -> alt.Chart:
    """Horizontal stacked bars of counts (e.g. KPIs by kind and visibility)."""
    return (
        alt.Chart(frame)
        .mark_bar(height=24)
        .encode(
            y=alt.Y(f"{category}:N", title=category_title),
            x=alt.X(f"sum({count}):Q", title=count_title, axis=alt.Axis(**COUNT_AXIS)),
            color=alt.Color(
                f"{stack}:N", title=None, sort=stack_order, scale=_palette(stack_order, colours), legend=alt.Legend(orient="top")
            ),
            order=alt.Order(f"{stack}_rank:Q"),
            tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{stack}:N"), alt.Tooltip(f"{count}:Q", title=count_title)],
        )
        .transform_calculate(**{f"{stack}_rank": f"indexof({stack_order!r}, datum.{stack})"})
        .properties(height=alt.Step(36))
    )


@readable_chart
def rotations_chart(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("quarter:O", title="Quarter the rotation started", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(rotations):Q", title="Rotations, shadowing and mentoring", axis=alt.Axis(**COUNT_AXIS)),
            color=alt.Color(
                "direction:N",
                title=None,
                scale=_palette(["IT → Business", "Business → IT"], [IT_COLOUR, BUSINESS_COLOUR]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("quarter:O", title="Quarter"),
                alt.Tooltip("direction:N", title="Direction"),
                alt.Tooltip("kind:N", title="Kind"),
                alt.Tooltip("sum(rotations):Q", title="Count"),
            ],
        )
        .properties(height=280)
    )


@readable_chart
def response_rate_chart(frame: pd.DataFrame, warn_pct: float) -> alt.LayerChart:
    bars = (
        alt.Chart(frame)
        .mark_bar(height=20)
        .encode(
            y=alt.Y("department:N", title=None, sort="-x"),
            x=alt.X("response_rate:Q", title="Response rate per survey period (% of headcount)"),
            color=function_colour(),
            tooltip=[
                alt.Tooltip("department:N", title="Department"),
                alt.Tooltip("respondents:Q", title="Responses"),
                alt.Tooltip("headcount:Q", title="Headcount"),
                alt.Tooltip("response_rate:Q", title="Rate (%)", format=".0f"),
            ],
        )
    )
    return (bars + _threshold_rule(warn_pct, "x", f"{warn_pct:.0f} %")).properties(height=alt.Step(30))
