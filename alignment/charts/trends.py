"""Altair charts of the Trends page, built from the per-period aggregates of alignment.trends (never raw rows):
a tactic's score per period with its 95 % interval and the target, the alignment index over time and the
proactive share of IT work over time. Text is at least 14 px and dark, for a projector (charts.readable, the
shared projector config).
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from .style import FONT_SIZE, OKABE_ITO, SCORE_COLOUR, TARGET_COLOUR, TEXT_COLOUR, readable

RISE_COLOUR = "#009E73"  # Okabe-Ito bluish green
FALL_COLOUR = "#D55E00"  # Okabe-Ito vermillion
HEIGHT = 260
CHANGE_MARKS = {"rise": "▲", "fall": "▼"}


def score_domain(scores: pd.DataFrame, targets: list[float]) -> list[float]:
    """One y range for every tactic's chart (so they compare at a glance): the shown intervals, scores and
    targets, widened to whole half points and kept inside the 1-5 scale."""
    values = [*scores["ci_low"].dropna(), *scores["ci_high"].dropna(), *scores["score"].dropna(), *targets]
    if not values:
        return [1.0, 5.0]
    low = max(1.0, math.floor(2 * (min(values) - 0.1)) / 2)
    high = min(5.0, math.ceil(2 * (max(values) + 0.1)) / 2)
    return [low, high]


LABEL_GAP = 8  # px between an interval's end and its score label
LABEL_HEIGHT = FONT_SIZE + 6  # px a label takes up, with room for the dashed target line


def label_below(shown: pd.DataFrame, target: float, domain: list[float]) -> pd.Series:
    """Whether each score label goes below its interval rather than above: when above it would sit on the dashed
    target line and below it fits inside the chart."""
    per_px = (domain[1] - domain[0]) / HEIGHT
    above_low, above_high = shown["ci_high"] + (LABEL_GAP - 4) * per_px, shown["ci_high"] + (LABEL_GAP + LABEL_HEIGHT) * per_px
    on_target = (above_low <= target) & (target <= above_high)
    fits_below = shown["ci_low"] - (LABEL_GAP + LABEL_HEIGHT) * per_px >= domain[0]
    return (on_target & fits_below).fillna(False)


def _x(periods: list[str], title: str | None = "Survey period") -> alt.X:
    return alt.X(
        "period:O", title=title, sort=periods, scale=alt.Scale(domain=periods), axis=alt.Axis(labelAngle=0, labelFlush=False)
    )


def _target_rule(value: float, label: str) -> alt.LayerChart:
    frame = pd.DataFrame({"value": [value], "label": [label]})
    rule = alt.Chart(frame).mark_rule(color=TARGET_COLOUR, strokeDash=[6, 4], strokeWidth=2).encode(y="value:Q")
    text = (
        alt.Chart(frame)
        .mark_text(align="right", baseline="bottom", dy=-4, fontSize=FONT_SIZE, color=TEXT_COLOUR)
        .encode(y="value:Q", x=alt.value("width"), text="label:N")
    )
    return rule + text


def tactic_trend_chart(frame: pd.DataFrame, periods: list[str], domain: list[float]) -> alt.LayerChart:
    """One tactic over the periods: score (points and line, labelled above the interval), 95 % interval (error
    bars) and the target (dashed). A period whose change from the previous one is larger than the noise has its
    point and label in green (a rise, ▲) or red (a fall, ▼). A hidden period has no point, only 'hidden' and its
    reason in the tooltip.

    `frame`: period, score, ci_low, ci_high, n, target, hidden_reason, verdict, phrase (one row per period)."""
    data = frame.assign(
        interval=frame.apply(
            lambda r: "" if pd.isna(r["ci_low"]) else f"{r['ci_low']:.2f} – {r['ci_high']:.2f}",
            axis=1,
        ),
        label=frame.apply(
            lambda r: "" if pd.isna(r["score"]) else f"{r['score']:.2f} {CHANGE_MARKS.get(r['verdict'], '')}".strip(),
            axis=1,
        ),
        trend=frame["verdict"].where(frame["verdict"].isin(list(CHANGE_MARKS)), "none"),
        phrase=frame["phrase"].fillna(""),
    )
    shown, hidden = data[data["hidden_reason"].isna()], data[data["hidden_reason"].notna()]
    x = _x(periods, title=None)
    y = alt.Y(
        "score:Q",
        title="Score (1–5)",
        scale=alt.Scale(domain=domain, nice=False, zero=False),
        axis=alt.Axis(format=".1f", tickMinStep=0.5),
    )
    colour = alt.Color(
        "trend:N",
        scale=alt.Scale(domain=[*CHANGE_MARKS, "none"], range=[RISE_COLOUR, FALL_COLOUR, SCORE_COLOUR]),
        legend=None,
    )
    tooltip = [
        alt.Tooltip("period:O", title="Period"),
        alt.Tooltip("score:Q", title="Score", format=".2f"),
        alt.Tooltip("interval:N", title="95 % interval"),
        alt.Tooltip("n:Q", title="Respondents", format=",d"),
        alt.Tooltip("phrase:N", title="Change from the previous period"),
    ]
    base = alt.Chart(shown).encode(x=x)
    line = base.mark_line(color=SCORE_COLOUR, strokeWidth=3).encode(y=y)
    bars = base.mark_rule(color=SCORE_COLOUR, strokeWidth=2, opacity=0.6).encode(y="ci_low:Q", y2="ci_high:Q", tooltip=tooltip)
    caps = [
        base.mark_tick(color=SCORE_COLOUR, thickness=2, size=14, opacity=0.6).encode(y=f"{end}:Q", tooltip=tooltip)
        for end in ("ci_low", "ci_high")
    ]
    points = base.mark_point(filled=True, size=150, opacity=1).encode(y=y, color=colour, tooltip=tooltip)
    target_value = float(data["target"].iloc[0])
    below = label_below(shown, target_value, domain)
    label_colour = alt.condition("datum.trend == 'none'", alt.value(TEXT_COLOUR), colour)
    labels = [
        alt.Chart(shown[below == side])
        .mark_text(baseline=baseline, dy=dy, fontSize=FONT_SIZE, fontWeight="bold")
        .encode(x=x, y=f"{end}:Q", text="label:N", color=label_colour)
        for side, end, baseline, dy in ((False, "ci_high", "bottom", -LABEL_GAP), (True, "ci_low", "top", LABEL_GAP))
    ]
    target = pd.DataFrame({"target": [target_value]})
    target_rule = alt.Chart(target).mark_rule(color=TARGET_COLOUR, strokeDash=[6, 4], strokeWidth=2).encode(y="target:Q")
    layers = [target_rule, line, bars, *caps, points, *labels]
    if len(hidden):
        layers.append(
            alt.Chart(hidden[["period", "hidden_reason"]])
            .mark_text(baseline="middle", fontSize=FONT_SIZE, color="#444444")
            .encode(
                x=x,
                y=alt.datum((domain[0] + domain[1]) / 2),
                text=alt.value("hidden"),
                tooltip=[alt.Tooltip("period:O", title="Period"), alt.Tooltip("hidden_reason:N", title="Why")],
            )
        )
    return readable(alt.layer(*layers).properties(height=HEIGHT))


def index_domain(values: list[float]) -> list[float]:
    """Whole tens around the values, inside 0-100."""
    return [max(0.0, math.floor((min(values) - 5) / 10) * 10), min(100.0, math.ceil((max(values) + 5) / 10) * 10)]


def index_trend_chart(index: pd.DataFrame, periods: list[str], target_index: float) -> alt.LayerChart:
    """The alignment index (0-100) per period, with the index the targets would give (dashed).

    `index`: period, alignment_index, tactics_scored, respondents."""
    data = index.dropna(subset=["alignment_index"])
    domain = index_domain([*data["alignment_index"], target_index])
    x = _x(periods)
    y = alt.Y(
        "alignment_index:Q",
        title="Alignment index (0–100)",
        scale=alt.Scale(domain=domain, nice=False),
        axis=alt.Axis(format="d", tickMinStep=5),
    )
    tooltip = [
        alt.Tooltip("period:O", title="Period"),
        alt.Tooltip("alignment_index:Q", title="Alignment index", format=".0f"),
        alt.Tooltip("tactics_scored:Q", title="Tactics with a score", format="d"),
        alt.Tooltip("respondents:Q", title="Respondents", format=",d"),
    ]
    base = alt.Chart(data).encode(x=x, y=y)
    line = base.mark_line(color=SCORE_COLOUR, strokeWidth=3)
    points = base.mark_point(filled=True, size=120, color=SCORE_COLOUR, opacity=1).encode(tooltip=tooltip)
    labels = base.mark_text(baseline="bottom", dy=-10, fontSize=FONT_SIZE, color=TEXT_COLOUR).encode(
        text=alt.Text("alignment_index:Q", format=".0f")
    )
    rule = _target_rule(target_index, f"at target: {target_index:.0f}")
    return readable(alt.layer(line, points, labels, rule).properties(height=HEIGHT))


def share_domain(values: list[float]) -> list[float]:
    """0 to whole tens above the values, at most 100."""
    return [0.0, min(100.0, math.ceil((max(values) + 5) / 10) * 10)]


def proactive_trend_chart(frame: pd.DataFrame, threshold: float) -> alt.LayerChart:
    """The proactive share of IT work items (%) per quarter opened, with ASM004's threshold (dashed); quarters
    with too few work items to judge are left out.

    `frame`: quarter, work_items, proactive_pct, enough_items."""
    data = frame[frame["enough_items"]].assign(label=lambda f: f["proactive_pct"].map(lambda v: f"{v:.0f} %"))
    quarters = data["quarter"].tolist()
    x = alt.X("quarter:O", title="Quarter the work item was opened", sort=quarters, axis=alt.Axis(labelAngle=0, labelFlush=False))
    y = alt.Y(
        "proactive_pct:Q",
        title="Proactive work items (%)",
        scale=alt.Scale(domain=share_domain([*data["proactive_pct"], threshold]), nice=False),
        axis=alt.Axis(format="d", tickMinStep=5),
    )
    tooltip = [
        alt.Tooltip("quarter:O", title="Quarter"),
        alt.Tooltip("proactive_pct:Q", title="Proactive (%)", format=".0f"),
        alt.Tooltip("work_items:Q", title="Work items", format=",d"),
    ]
    base = alt.Chart(data).encode(x=x, y=y)
    colour = OKABE_ITO[2]
    line = base.mark_line(color=colour, strokeWidth=3)
    points = base.mark_point(filled=True, size=120, color=colour, opacity=1).encode(tooltip=tooltip)
    labels = base.mark_text(baseline="bottom", dy=-10, fontSize=FONT_SIZE, color=TEXT_COLOUR).encode(text="label:N")
    rule = _target_rule(threshold, f"threshold {threshold:.0f} %")
    return readable(alt.layer(line, points, labels, rule).properties(height=HEIGHT))
