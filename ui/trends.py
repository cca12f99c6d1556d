"""The Trends page's renderers: what it shows, the alignment index, the six tactics and the proactive share over
the survey periods, each change from one period to the next called out only when it is larger than the noise."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from alignment import charts
from alignment.tactics import TACTICS
from alignment.trends import Change, Trends, change_in_words, p_text, period_changes, target_index

from .formatting import fitted_height, fmt
from .state import chart, memo
from .text import md_text
from .view import View, source_label


def banner(current: View, result: Trends) -> None:
    source = source_label(current)
    if not result.periods:
        st.caption(f"Showing {source}.")
        return
    first, last = md_text(result.periods[0]), md_text(result.periods[-1])
    span = first if len(result.periods) == 1 else f"{first} to {last}"
    count = len(result.periods)
    text = f"Showing {source}: {count} survey period{'s' if count != 1 else ''} ({span})"
    who = result.selection.who()
    text += f", {md_text(who)}." if who else "."
    if current.period is not None:
        text += " The sidebar's period filter does not narrow this page: a trend needs every period."
    st.caption(text)


def first_to_latest(current: View, result: Trends) -> None:
    """The page's answer: each tactic from the first to the latest round, in words, with the same tested comparison
    as every other change (a paired test when the same people answered both rounds)."""
    first, latest = result.periods[0], result.periods[-1]
    changes = memo(period_changes, current.dataset, current.settings, replace(current.filters, period=latest), first)
    lines = []
    for tactic in TACTICS:
        change = changes[tactic.code]
        scores = (
            f"{change.previous_score:.2f} → {change.score:.2f}"
            if change.score is not None and change.previous_score is not None
            else "–"
        )
        lines.append(f"- **{tactic.code} · {tactic.name}**: {scores}, {md_text(change_in_words(change))}")
    with st.container(border=True):
        st.markdown(f"**From {md_text(first)} to {md_text(latest)}**\n" + "\n".join(lines))


def method_caption(result: Trends) -> None:
    notes = [result.method]
    if result.hidden_periods:
        notes.append(f"Not shown, too small or protected: {md_text(', '.join(result.hidden_periods))}.")
    if result.order_note:
        notes.append(md_text(result.order_note.strip()))
    st.caption(" ".join(notes))


def real_changes(result: Trends) -> None:
    """The changes larger than the noise, in one list, or that there are none."""
    real = result.changes[result.changes["verdict"].isin(["rise", "fall"])]
    if real.empty:
        st.info("No tactic changed by more than the noise between two consecutive periods.", icon=":material/info:")
        return
    lines = [
        f"- **{row.code}** {'rose' if row.verdict == 'rise' else 'fell'} by {abs(row.difference):.2f} from {md_text(row.previous)} "
        f"to {md_text(row.period)} (adjusted p {p_text(row.p_adjusted)})"
        for row in real.itertuples()
    ]
    st.markdown("**Changes larger than the noise**\n" + "\n".join(lines))


def index_trend(result: Trends, current: View) -> None:
    st.subheader("Alignment index over time")
    target = target_index(current.settings)
    partial = result.index[result.index["tactics_scored"] < len(TACTICS)]
    fewer = "".join(
        f" In {md_text(r.period)} it is over {r.tactics_scored} of the six tactics "
        f"({'the other is' if r.tactics_scored == len(TACTICS) - 1 else 'the others are'} hidden), "
        "so it compares less well."
        for r in partial.itertuples()
    )
    st.caption(
        f"Mean over the tactics with a score of (score − 1) / 4 × 100, per period; dashed: the index at the targets "
        f"({target:.0f}).{fewer}"
    )
    chart("trends-index", lambda: charts.index_trend_chart(result.index, result.periods, target))


def _change_line(row) -> str:
    phrase = row.phrase if isinstance(row.phrase, str) and row.phrase else "not compared"
    text = md_text(f"{row.period} vs {row.previous}: {phrase}")
    return f"- **{text}**" if row.verdict in ("rise", "fall") else f"- {text}"


def tactic_trends(result: Trends) -> None:
    st.subheader("Six tactics per period")
    st.caption(
        "Points: score per period with its 95 % interval (bars) and n in the tooltip; dashed: the target; "
        "green ▲ / red ▼: a rise or fall from the period before that is larger than the noise."
    )
    domain = charts.score_domain(result.scores, result.scores["target"].dropna().tolist())
    for row in (TACTICS[:2], TACTICS[2:4], TACTICS[4:]):
        for column, tactic in zip(st.columns(2), row, strict=True):
            frame = result.tactic(tactic.code)
            with column.container(border=True):
                st.markdown(f"**{tactic.code} · {tactic.name}** · target {frame['target'].iloc[0]:.2f}")
                chart(
                    f"trends-{tactic.code}",
                    lambda frame=frame: charts.tactic_trend_chart(frame, result.periods, domain),
                )
                changes = frame.dropna(subset=["previous"])
                st.markdown("\n".join(_change_line(r) for r in changes.itertuples()))


def score_table(result: Trends) -> pd.DataFrame:
    """Tactic × period: 'score (interval, n)' as shown, or why the cell is hidden."""

    def cell(row) -> str:
        if row.hidden_reason is not None and not pd.isna(row.hidden_reason):
            return row.hidden_reason
        interval = "" if pd.isna(row.ci_low) else f"{row.ci_low:.2f}–{row.ci_high:.2f}, "
        return f"{row.score:.2f} ({interval}n = {int(row.n):,})"

    frame = result.scores.assign(shown=[cell(r) for r in result.scores.itertuples()])
    table = frame.pivot(index="code", columns="period", values="shown").reindex(index=[t.code for t in TACTICS])
    return table[result.periods].rename_axis(index="Tactic", columns=None).reset_index()


def numbers(result: Trends) -> None:
    with st.expander("The numbers: score (95 % interval, n) per tactic and period"):
        table = score_table(result)
        st.dataframe(table, hide_index=True, width="stretch", height=fitted_height(table))
        index = result.index.assign(alignment_index=result.index["alignment_index"].map(lambda v: fmt(v, "{:.0f}")))
        st.dataframe(
            index.rename(
                columns={
                    "period": "Period",
                    "alignment_index": "Alignment index",
                    "tactics_scored": "Tactics with a score",
                    "respondents": "Respondents",
                }
            ),
            hide_index=True,
            width="stretch",
            height=fitted_height(index),
        )


def proactive_trend(result: Trends) -> None:
    st.subheader("Proactive share of IT work over time")
    if result.proactive is None:
        st.info(
            "No WorkItems table in this data: upload one (id, opened, kind) to see the share of IT work that is proactive.",
            icon=":material/info:",
        )
        return
    enough = result.proactive[result.proactive["enough_items"]]
    small = result.proactive[~result.proactive["enough_items"]]
    left_out = (
        f" Left out, with fewer than {result.proactive_min_items:.0f} work items: "
        + ", ".join(f"{md_text(r.quarter)} ({int(r.work_items)})" for r in small.itertuples())
        + "."
        if len(small)
        else ""
    )
    if enough.empty:
        st.info("No quarter has enough work items to judge its proactive share." + left_out, icon=":material/info:")
        return
    counts = " · ".join(f"{md_text(r.quarter)}: {int(r.work_items):,}" for r in enough.itertuples())
    whole = (
        " The work items are the whole organisation's: the WorkItems table is not split by the department and function filters."
        if result.selection.narrowed
        else ""
    )
    st.caption(
        "Share of IT work items that are proactive (problems, improvements and projects, or marked proactive), by the "
        "quarter they were opened, from the WorkItems table; dashed: the share below which the proactive-work check "
        f"(ASM004) warns. n = work items (records, not respondents): {counts}.{left_out}{whole}"
    )
    chart("trends-proactive", lambda: charts.proactive_trend_chart(result.proactive, result.proactive_threshold))


VERDICT_WORDS = {"rise": "a real rise", "fall": "a real fall", "no change": "within the noise"}


def score_delta(change: Change | None) -> dict:
    """The Overview scorecard's delta from the previous period: `delta`, `delta_color` and `help` for st.metric.
    An increase is good (green), a fall red; a change within the noise is grey and says so; the test is in the help."""
    if change is None:
        return {}
    method = "Holm's adjustment across every change the Trends page compares."
    if change.difference is None:
        return {"help": md_text(f"Change from {change.previous}: {change.phrase}.")}
    return {
        # st.metric renders the delta as Markdown and reads its direction from a leading "-": only the period is escaped
        "delta": f"{change.delta_text.removesuffix(change.previous)}{md_text(change.previous)} · "
        f"{VERDICT_WORDS.get(change.verdict, 'not tested')}",
        "delta_color": "normal" if change.is_real else "off",
        "help": md_text(f"Change from {change.previous} ({change.previous_score:.2f}): {change.phrase}. {method}"),
    }
