"""Charts of the survey's scores: each tactic against its target, IT against the business, the department heatmap,
how people answered each statement and each statement against the target."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from ..config import DEFAULT_TARGET
from ..figure import hidden_words
from ..gap_levels import distance_words
from ..tactics import TACTIC_CODES
from .style import (
    DARK_CELL_FROM,
    HEATMAP_SCHEME,
    HIDDEN_COLOUR,
    LEVEL_COLOURS,
    LEVEL_NAMES,
    LINE_HEIGHT,
    SCALE_AXIS,
    SCALE_DOMAIN,
    TACTIC_ORDER,
    TARGET_COLOUR,
    TEXT_COLOUR,
    function_colour,
    gap_band,
    gap_colour,
    layered,
    readable_chart,
    row_step,
    wrap,
    wrapped_axis,
)

TACTIC_LABEL_WIDTH = 22  # characters per line of a tactic's name on the half-width Overview charts


def _tactic_y() -> alt.Y:
    order = [wrap(name, TACTIC_LABEL_WIDTH) for name in TACTIC_ORDER]
    return alt.Y("label:N", sort=order, title=None, axis=wrapped_axis())


@readable_chart
def tactic_gap_chart(tactics: pd.DataFrame) -> alt.Chart:
    """Score per tactic with its 95 % CI against the target (black tick); bars in the gap's traffic-light colour."""
    data = tactics.dropna(subset=["score"]).assign(
        ci=lambda f: f.apply(
            lambda r: "n < 2" if pd.isna(r["ci_low"]) else f"{r['ci_low']:.2f} – {r['ci_high']:.2f}",
            axis=1,
        ),
        gap_label=lambda f: f["gap"].map(distance_words),
        band=lambda f: f["gap_level"].map(gap_band),
        label=lambda f: f["name"].map(lambda n: wrap(n, TACTIC_LABEL_WIDTH)),
    )
    tooltip = [
        alt.Tooltip("name:N", title="Tactic"),
        alt.Tooltip("score:Q", title="Score", format=".2f"),
        alt.Tooltip("ci:N", title="95 % CI"),
        alt.Tooltip("target:Q", title="Target", format=".2f"),
        alt.Tooltip("gap_label:N", title="Distance to target"),
        alt.Tooltip("band:N", title="Verdict (score, 95 % interval, target)"),
        alt.Tooltip("n:Q", title="Respondents"),
        alt.Tooltip("favorable_pct:Q", title="Favourable %", format=".0f"),
    ]
    base = alt.Chart().encode(y=_tactic_y(), tooltip=tooltip)
    bars = base.mark_bar(height=22).encode(
        x=alt.X(
            "score:Q",
            title="Score (1 = strongly disagree, 5 = strongly agree)",
            scale=alt.Scale(domain=SCALE_DOMAIN),
            axis=SCALE_AXIS,
        ),
        x2=alt.datum(1),
        color=gap_colour(),
    )
    errors = base.mark_rule(color="#333333", strokeWidth=2).encode(x="ci_low:Q", x2="ci_high:Q")
    target = base.mark_tick(color=TARGET_COLOUR, thickness=3, size=32).encode(x="target:Q")
    labels = base.mark_text(align="left", dx=6).encode(x=alt.datum(5), text="gap_label:N")
    return layered(data, bars, errors, target, labels).properties(height=row_step(data["label"], 40))


@readable_chart
def perception_chart(tactics: pd.DataFrame) -> alt.Chart:
    """IT and Business mean score per tactic, joined by a line: the longer the line, the bigger the gap."""
    data = tactics.dropna(subset=["it_score", "business_score"])
    long = data.melt(
        id_vars=["name", "perception_gap"],
        value_vars=["it_score", "business_score"],
        var_name="function",
        value_name="mean",
    ).assign(
        function=lambda f: f["function"].map({"it_score": "IT", "business_score": "Business"}),
        label=lambda f: f["name"].map(lambda n: wrap(n, TACTIC_LABEL_WIDTH)),
    )
    y = _tactic_y()
    x = alt.X("mean:Q", title="Mean score", scale=alt.Scale(domain=SCALE_DOMAIN), axis=SCALE_AXIS)
    tooltip = [
        alt.Tooltip("name:N", title="Tactic"),
        alt.Tooltip("function:N", title="Function"),
        alt.Tooltip("mean:Q", title="Mean score", format=".2f"),
        alt.Tooltip("perception_gap:Q", title="IT − Business", format="+.2f"),
    ]
    line = alt.Chart().mark_line(color="#777777", strokeWidth=2).encode(x=x, y=y, detail="name:N")
    dots = (
        alt.Chart()
        .mark_circle(size=160, opacity=1, cursor="pointer")
        .encode(x=x, y=y, color=function_colour(), tooltip=tooltip)
        .add_params(alt.selection_point(name=FUNCTION_PICK, fields=["function"], on="click"))
    )
    return layered(long, line, dots).properties(height=row_step(long["label"], 40))


def _dark_cell(value: float, domain: list[float], mid: float) -> bool:
    """Whether a heatmap cell's colour is dark enough to need white text: far from the pale midpoint."""
    if pd.isna(value):
        return False
    span = (mid - domain[0]) if value < mid else (domain[1] - mid)
    return span > 0 and abs(value - mid) / span > DARK_CELL_FROM


HEATMAP_PICK = "department_pick"  # the heatmap's click selection: a department (the page sets its filter)


FUNCTION_PICK = "function_pick"  # the IT-versus-business chart's click selection: a function


@readable_chart
def department_heatmap(grid: pd.DataFrame, targets: dict[str, float] | None = None) -> alt.Chart:
    """Department x tactic mean scores on a diverging scale centred on the target (below: orange, above: blue);
    hidden cells are grey and say why. With different targets per tactic the colour is the score minus the
    tactic's target, centred on 0."""
    targets = targets or dict.fromkeys(TACTIC_CODES, DEFAULT_TARGET)
    one_target = len({targets.get(code, DEFAULT_TARGET) for code in TACTIC_CODES}) == 1
    target = targets.get(TACTIC_CODES[0], DEFAULT_TARGET)
    data = grid.drop(columns=["reason", "k"], errors="ignore").assign(
        tactic_label=grid["tactic"],
        shown=grid["score"].map(lambda score: "" if pd.isna(score) else f"{score:.2f}"),
        why_hidden=grid.apply(lambda r: hidden_words(r["reason"], r["k"], "cell") if r["hidden"] else "", axis=1),
        department_label=grid.apply(lambda r: f"{r['department']} ({r['function'] or '?'})", axis=1),
        versus_target=grid.apply(lambda r: round(r["score"] - targets.get(r["tactic"], DEFAULT_TARGET), 2), axis=1),
    )
    shown_offsets = data["versus_target"].dropna()
    if one_target:  # colour by the score, the target pale; the low end reaches as far down as the data does
        field, title, mid = "score", f"Score (target {target:.1f})", target
        lowest = math.floor(2 * data["score"].min()) / 2 if len(shown_offsets) else SCALE_DOMAIN[0]
        domain = [max(SCALE_DOMAIN[0], min(target - 1, lowest)), SCALE_DOMAIN[1]]
    else:  # colour by the score minus its tactic's target, 0 pale
        field, title, mid = "versus_target", "Score − target", 0.0
        reach = max(1.0, math.ceil(2 * shown_offsets.abs().max()) / 2) if len(shown_offsets) else 1.0
        domain = [-reach, reach]
    data["white_text"] = [_dark_cell(value, domain, mid) for value in data[field]]
    order = data.drop_duplicates("department_label")["department_label"].tolist()
    base = alt.Chart().encode(
        x=alt.X("tactic_label:N", sort=list(TACTIC_CODES), title="Tactic", axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("department_label:N", sort=order, title=None),
        tooltip=[
            alt.Tooltip("department:N", title="Department"),
            alt.Tooltip("tactic_name:N", title="Tactic"),
            alt.Tooltip("label:N", title="Score"),
            alt.Tooltip("n:Q", title="Respondents"),
        ],
    )
    cells = (
        base.transform_filter("!datum.hidden")
        .mark_rect(stroke="white", strokeWidth=2, cursor="pointer")
        .add_params(alt.selection_point(name=HEATMAP_PICK, fields=["department"], on="click"))
        .encode(
            color=alt.Color(
                f"{field}:Q",
                title=title,
                scale=alt.Scale(scheme=HEATMAP_SCHEME, reverse=True, domain=domain, domainMid=mid, clamp=True),
                legend=alt.Legend(orient="right", gradientLength=220),
            )
        )
    )
    hidden_cells = base.transform_filter("datum.hidden").mark_rect(stroke="white", strokeWidth=2, color=HIDDEN_COLOUR)
    text = (
        base.transform_filter("!datum.hidden")
        .mark_text()
        .encode(
            text=alt.Text("shown:N"),
            color=alt.condition("datum.white_text", alt.value("white"), alt.value(TEXT_COLOUR)),
        )
    )
    hidden_text = base.transform_filter("datum.hidden").mark_text(lineBreak="\n").encode(text=alt.Text("why_hidden:N"))
    return layered(data, cells, hidden_cells, text, hidden_text).properties(height=alt.Step(2 * LINE_HEIGHT + 14))


STATEMENT_LABEL_WIDTH = 46  # characters per line of a statement's label


def _statement_label(item: str, text: str, reverse: bool = False) -> str:
    return wrap(f"{item}{' (R)' if reverse else ''}: {text}", STATEMENT_LABEL_WIDTH)


def percent_extent(starts: pd.Series, ends: pd.Series) -> int:
    """The half-width of a diverging % axis: the data's furthest reach either side, up to the next 10 %."""
    reach = max(abs(starts.min()), abs(ends.max()), 10.0)
    return min(100, math.ceil(reach / 10.0 - 1e-9) * 10)


def percent_ticks(extent: int) -> list[int]:
    """Ticks of a diverging % axis: every 10 % up to ±40 %, else every 20 %; zero always."""
    step = 10 if extent <= 40 else 20
    return list(range(-(extent // step) * step, extent + 1, step))


@readable_chart
def item_diverging_chart(distribution: pd.DataFrame) -> alt.Chart:
    """Diverging stacked bars per item: unfavourable to the left of zero, favourable to the right,
    neutral split across it. Reverse-coded items are flipped so right is always favourable. The axis reaches
    as far as the data does (symmetrically, so zero stays in the middle)."""
    frame = distribution.copy()
    frame["level_name"] = frame["level"].map(lambda v: LEVEL_NAMES[int(v) - 1])
    frame["label"] = frame.apply(lambda r: _statement_label(r["item"], r["text"], bool(r["reverse"])), axis=1)
    pieces = []
    for _, group in frame.groupby("item", sort=True):
        group = group.set_index("level").reindex(range(1, 6))
        left = -(group.loc[[1, 2], "pct"].fillna(0).sum() + (group.loc[3, "pct"] if pd.notna(group.loc[3, "pct"]) else 0) / 2)
        start = left
        for level, row in group.iterrows():
            if pd.isna(row["pct"]):
                continue
            pieces.append({**row.to_dict(), "level": level, "start": start, "end": start + row["pct"]})
            start += row["pct"]
    data = pd.DataFrame(pieces)
    order = sorted(data["label"].unique())
    extent = percent_extent(data["start"], data["end"])
    return (
        alt.Chart(data)
        .mark_bar(height=24)
        .encode(
            x=alt.X(
                "start:Q",
                title="% of answers (left: unfavourable, right: favourable)",
                scale=alt.Scale(domain=[-extent, extent], nice=False),
                axis=alt.Axis(values=percent_ticks(extent), labelExpr="abs(datum.value) + ' %'"),
            ),
            x2="end:Q",
            y=alt.Y("label:N", sort=order, title=None, axis=wrapped_axis()),
            color=alt.Color(
                "level_name:N",
                title=None,
                sort=list(LEVEL_NAMES),
                scale=alt.Scale(domain=list(LEVEL_NAMES), range=list(LEVEL_COLOURS)),
                legend=alt.Legend(orient="top", columns=3),
            ),
            tooltip=[
                alt.Tooltip("item:N", title="Item"),
                alt.Tooltip("text:N", title="Statement"),
                alt.Tooltip("level_name:N", title="Answer"),
                alt.Tooltip("answers:Q", title="Answers"),
                alt.Tooltip("pct:Q", title="% of answers", format=".0f"),
            ],
        )
        .properties(height=row_step(data["label"], 40))
    ) + alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#333333").encode(x="x:Q")


@readable_chart
def item_score_chart(items: pd.DataFrame, target: float, short_labels: bool = False) -> alt.Chart:
    """Per statement: mean score (bar), IT and Business means (dots) and the target (black tick).

    `items` has item, text, item_mean, item_n and, when the split may be shown, it_mean and business_mean.
    `short_labels`: the statements' ids only (the text in the tooltip), for a narrow column on a projector.
    """
    data = items.assign(
        label=items["item"] if short_labels else items.apply(lambda r: _statement_label(r["item"], r["text"]), axis=1),
        gap=(target - items["item_mean"]).round(2),
        target=target,
    )
    data["gap_label"] = data["gap"].map(lambda g: distance_words(g).removesuffix(" target"))
    order = sorted(data["label"].unique())
    y = alt.Y("label:N", sort=order, title=None, axis=wrapped_axis())
    x_scale = alt.Scale(domain=SCALE_DOMAIN)
    tooltip = [
        alt.Tooltip("item:N", title="Item"),
        alt.Tooltip("text:N", title="Statement"),
        alt.Tooltip("item_mean:Q", title="Mean (all)", format=".2f"),
        alt.Tooltip("target:Q", title="Target", format=".2f"),
        alt.Tooltip("gap:Q", title="Gap to target", format="+.2f"),
        alt.Tooltip("item_n:Q", title="Answers"),
    ]
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(color="#BBBBBB", height=24).encode(
        x=alt.X("item_mean:Q", title="Mean score (after reverse-coding)", scale=x_scale, axis=SCALE_AXIS),
        x2=alt.datum(1),
        tooltip=tooltip,
    )
    target_tick = base.mark_tick(color=TARGET_COLOUR, thickness=3, size=32).encode(x="target:Q", tooltip=tooltip)
    labels = base.mark_text(align="left", dx=6).encode(x=alt.datum(5), text="gap_label:N")
    layers = [bars, target_tick]
    if {"it_mean", "business_mean"} <= set(data.columns) and data[["it_mean", "business_mean"]].notna().all().all():
        long = data.melt(id_vars=["label", "item", "text"], value_vars=["it_mean", "business_mean"], value_name="mean")
        long["function"] = long["variable"].map({"it_mean": "IT", "business_mean": "Business"})
        dot_tooltip = [
            alt.Tooltip("item:N", title="Item"),
            alt.Tooltip("function:N", title="Function"),
            alt.Tooltip("mean:Q", title="Mean", format=".2f"),
        ]
        dots = (
            alt.Chart(long)
            .mark_circle(size=130, opacity=1, stroke="white", strokeWidth=1)
            .encode(x=alt.X("mean:Q", scale=x_scale), y=y, color=function_colour(), tooltip=dot_tooltip)
        )
        layers.append(dots)
    return alt.layer(*layers, labels).properties(height=row_step(data["label"], 44))
