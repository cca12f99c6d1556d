"""Altair charts, built from aggregated frames only (never raw answer rows).

Colours are Okabe-Ito and PuOr, both safe for the common forms of colour blindness. Every chart leaves
through `readable`, the one place chart text is styled for a projector: at least 14 px and dark, long
labels wrapped onto lines (never cut with "…").
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Callable

import altair as alt
import pandas as pd

from .config import DEFAULT_TARGET
from .gap_levels import GAP_LEVELS, distance_words, gap_level
from .tactics import TACTIC_CODES, TACTICS_BY_CODE

IT_COLOUR = "#0072B2"
BUSINESS_COLOUR = "#E69F00"
SCORE_COLOUR = "#0072B2"
TARGET_COLOUR = "#000000"
HIDDEN_COLOUR = "#D0D0D0"
TEXT_COLOUR = "#1A1A1A"
FONT_SIZE = 14  # the smallest text on any chart
TITLE_FONT_SIZE = 16
LINE_HEIGHT = 18  # one line of a wrapped label
LEVEL_NAMES = ("Strongly unfavourable", "Unfavourable", "Neutral", "Favourable", "Strongly favourable")
LEVEL_COLOURS = ("#b35806", "#f1a340", "#d9d9d9", "#998ec3", "#542788")
SCALE_DOMAIN = (1, 5)
SCALE_AXIS = alt.Axis(values=[1, 2, 3, 4, 5], format="d")
COUNT_AXIS = {"tickMinStep": 1, "format": "d"}  # counts: whole-number ticks only
TACTIC_ORDER = [TACTICS_BY_CODE[c].name for c in TACTIC_CODES]
DARK_CELL_FROM = 0.7  # share of the way from the heatmap's pale midpoint to its end where text turns white
HEATMAP_SCHEME = "blueorange"  # reversed: below target orange, above target blue, the target itself pale
WRAPPED_LABELS = "split(datum.label, '\\n')"  # an axis label holding line breaks, drawn as lines

READABLE_CONFIG = {
    "axis": {
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
        "labelColor": TEXT_COLOUR,
        "titleColor": TEXT_COLOUR,
        "titleFontWeight": "normal",
        "labelLimit": 0,  # 0 = no limit: labels are wrapped, never cut
        "labelLineHeight": LINE_HEIGHT,
    },
    "legend": {
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
        "labelColor": TEXT_COLOUR,
        "titleColor": TEXT_COLOUR,
        "labelLimit": 0,
    },
    "title": {"fontSize": TITLE_FONT_SIZE, "color": TEXT_COLOUR},
    "text": {"fontSize": FONT_SIZE, "color": TEXT_COLOUR},
    "view": {"strokeWidth": 0},
}


def readable(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """A copy of the chart with the projector text settings (READABLE_CONFIG) as its config."""
    styled = chart.copy()
    styled.config = alt.Config(**READABLE_CONFIG)
    return styled


def _readable_chart(build: Callable[..., alt.TopLevelMixin]) -> Callable[..., alt.TopLevelMixin]:
    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        return readable(build(*args, **kwargs))

    return wrapper


def wrap(text: str, width: int) -> str:
    """A long label on lines of at most `width` characters (a word longer than that keeps its own line)."""
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)) or str(text)


def _step(labels: pd.Series, minimum: int) -> alt.Step:
    """Row height for wrapped labels: every line of the tallest label fits."""
    lines = max((str(label).count("\n") + 1 for label in labels), default=1)
    return alt.Step(max(minimum, lines * LINE_HEIGHT + 12))


def _wrapped_axis(**kwargs) -> alt.Axis:
    return alt.Axis(labelExpr=WRAPPED_LABELS, **kwargs)


def gap_band(key: str | None) -> str:
    """A tactic's gap level (TacticResult.gap_level, decided with the scores) as its words."""
    level = gap_level(key)
    return "no score" if level is None else level.label


def _gap_colour() -> alt.Color:
    return alt.Color(
        "band:N",
        title=None,
        scale=alt.Scale(domain=[level.label for level in GAP_LEVELS], range=[level.colour for level in GAP_LEVELS]),
        legend=alt.Legend(orient="top", columns=2),
    )


def _function_colour() -> alt.Color:
    return alt.Color(
        "function:N",
        title="Function",
        scale=alt.Scale(domain=["IT", "Business"], range=[IT_COLOUR, BUSINESS_COLOUR]),
        legend=alt.Legend(orient="top"),
    )


TACTIC_LABEL_WIDTH = 22  # characters per line of a tactic's name on the half-width Overview charts


def _tactic_y() -> alt.Y:
    order = [wrap(name, TACTIC_LABEL_WIDTH) for name in TACTIC_ORDER]
    return alt.Y("label:N", sort=order, title=None, axis=_wrapped_axis())


@_readable_chart
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
    base = alt.Chart(data).encode(y=_tactic_y(), tooltip=tooltip)
    bars = base.mark_bar(height=22).encode(
        x=alt.X(
            "score:Q",
            title="Score (1 = strongly disagree, 5 = strongly agree)",
            scale=alt.Scale(domain=SCALE_DOMAIN),
            axis=SCALE_AXIS,
        ),
        x2=alt.datum(1),
        color=_gap_colour(),
    )
    errors = base.mark_rule(color="#333333", strokeWidth=2).encode(x="ci_low:Q", x2="ci_high:Q")
    target = base.mark_tick(color=TARGET_COLOUR, thickness=3, size=32).encode(x="target:Q")
    labels = base.mark_text(align="left", dx=6).encode(x=alt.datum(5), text="gap_label:N")
    return (bars + errors + target + labels).properties(height=_step(data["label"], 40))


@_readable_chart
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
    line = alt.Chart(long).mark_line(color="#777777", strokeWidth=2).encode(x=x, y=y, detail="name:N")
    dots = (
        alt.Chart(long)
        .mark_circle(size=160, opacity=1, cursor="pointer")
        .encode(x=x, y=y, color=_function_colour(), tooltip=tooltip)
        .add_params(alt.selection_point(name=FUNCTION_PICK, fields=["function"], on="click"))
    )
    return (line + dots).properties(height=_step(long["label"], 40))


def _hidden_cell_text(label: str) -> str:
    """A hidden heatmap cell's reason, short enough for the cell, on two lines."""
    if label.startswith("hidden: fewer than"):
        count = label.removeprefix("hidden: fewer than ").removesuffix(" responses")
        return f"hidden:\n< {count} answers"
    if label.startswith("hidden so that"):
        return "hidden:\nprotected"
    return wrap(label, 14)


def _dark_cell(value: float, domain: list[float], mid: float) -> bool:
    """Whether a heatmap cell's colour is dark enough to need white text: far from the pale midpoint."""
    if pd.isna(value):
        return False
    span = (mid - domain[0]) if value < mid else (domain[1] - mid)
    return span > 0 and abs(value - mid) / span > DARK_CELL_FROM


HEATMAP_PICK = "department_pick"  # the heatmap's click selection: a department (the page sets its filter)
FUNCTION_PICK = "function_pick"  # the IT-versus-business chart's click selection: a function


@_readable_chart
def department_heatmap(grid: pd.DataFrame, targets: dict[str, float] | None = None) -> alt.Chart:
    """Department x tactic mean scores on a diverging scale centred on the target (below: orange, above: blue);
    hidden cells are grey and say why. With different targets per tactic the colour is the score minus the
    tactic's target, centred on 0."""
    targets = targets or dict.fromkeys(TACTIC_CODES, DEFAULT_TARGET)
    one_target = len({targets.get(code, DEFAULT_TARGET) for code in TACTIC_CODES}) == 1
    target = targets.get(TACTIC_CODES[0], DEFAULT_TARGET)
    data = grid.assign(
        tactic_label=grid["tactic"],
        shown=grid["score"].map(lambda score: "" if pd.isna(score) else f"{score:.2f}"),
        why_hidden=grid.apply(lambda r: _hidden_cell_text(str(r["label"])) if r["hidden"] else "", axis=1),
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
    base = alt.Chart(data).encode(
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
    return (cells + hidden_cells + text + hidden_text).properties(height=alt.Step(2 * LINE_HEIGHT + 14))


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


@_readable_chart
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
            y=alt.Y("label:N", sort=order, title=None, axis=_wrapped_axis()),
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
        .properties(height=_step(data["label"], 40))
    ) + alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#333333").encode(x="x:Q")


@_readable_chart
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
    y = alt.Y("label:N", sort=order, title=None, axis=_wrapped_axis())
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
            .encode(x=alt.X("mean:Q", scale=x_scale), y=y, color=_function_colour(), tooltip=dot_tooltip)
        )
        layers.append(dots)
    return alt.layer(*layers, labels).properties(height=_step(data["label"], 44))


# ------------------------------------------------------------------------ evidence charts

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def _threshold_rule(value: float, axis: str, label: str) -> alt.LayerChart:
    frame = pd.DataFrame({"value": [value], "label": [label]})
    rule = alt.Chart(frame).mark_rule(color=TARGET_COLOUR, strokeDash=[6, 4], strokeWidth=2).encode(**{axis: "value:Q"})
    text_position = {"x": "value:Q", "y": alt.value(-6)} if axis == "x" else {"y": "value:Q", "x": alt.value(4)}
    text = alt.Chart(frame).mark_text(align="left", dy=-4).encode(text="label:N", **text_position)
    return rule + text


def _palette(domain: list[str], colours: list[str] | None = None) -> alt.Scale:
    return alt.Scale(domain=domain, range=(colours or OKABE_ITO)[: len(domain)])


@_readable_chart
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


@_readable_chart
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


@_readable_chart
def share_by_quarter_chart(
    frame: pd.DataFrame,
    value: str,
    series: str | None,
    title: str,
    threshold: float | None = None,
    tooltip_extra: list[alt.Tooltip] | None = None,
    x_title: str = "Quarter",
) -> alt.LayerChart:
    """A percentage (0-100) over quarters, one line per series, with an optional dashed threshold."""
    encoding = {
        "x": alt.X("quarter:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        "y": alt.Y(f"{value}:Q", title=title, scale=alt.Scale(domain=[0, 100])),
        "tooltip": [alt.Tooltip("quarter:O", title=x_title), alt.Tooltip(f"{value}:Q", title=title, format=".0f")]
        + (tooltip_extra or []),
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


@_readable_chart
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


@_readable_chart
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


@_readable_chart
def response_rate_chart(frame: pd.DataFrame, warn_pct: float) -> alt.LayerChart:
    bars = (
        alt.Chart(frame)
        .mark_bar(height=20)
        .encode(
            y=alt.Y("department:N", title=None, sort="-x"),
            x=alt.X("response_rate:Q", title="Response rate per survey period (% of headcount)"),
            color=_function_colour(),
            tooltip=[
                alt.Tooltip("department:N", title="Department"),
                alt.Tooltip("respondents:Q", title="Responses"),
                alt.Tooltip("headcount:Q", title="Headcount"),
                alt.Tooltip("response_rate:Q", title="Rate (%)", format=".0f"),
            ],
        )
    )
    return (bars + _threshold_rule(warn_pct, "x", f"{warn_pct:.0f} %")).properties(height=alt.Step(30))


QUADRANT_COLOURS = {
    "Concentrate here": "#D55E00",
    "Keep up the good work": "#009E73",
    "Low priority": "#777777",
    "Possible overkill": "#0072B2",
    "not distinguishable": "#BBBBBB",  # its importance interval crosses the importance crosshair
}


@_readable_chart
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
