"""The page every tactic shares: score, checks, evidence, statements, priorities and comments."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from alignment import charts
from alignment.checks import TABLE_LABELS
from alignment.figure import hidden_words
from alignment.gap_levels import distance_words
from alignment.perception_gap import PerceptionLimits
from alignment.protection import DISTRIBUTION_NOTE
from alignment.stats import ALPHA_LINE
from alignment.tactics import TACTICS_BY_CODE

from .findings import render_findings
from .formatting import STATUS_LABELS, VERDICT_HELP, fmt, gap_badge
from .priorities import priorities_matrix
from .state import MAX_COMMENTS_SHOWN, chart
from .text import md_text
from .view import View, data_banner, view


def tactic_metrics(result, columns: list) -> None:
    columns[0].metric("Score", fmt(result.score), help="Mean of respondents' tactic means, 1–5.")
    columns[1].metric("Target", fmt(result.target))
    below = result.gap is not None and result.gap > 0
    label = (
        "Below target by" if below else "Above target by" if result.gap is not None and result.gap < 0 else "Distance to target"
    )
    columns[2].metric(label, fmt(abs(result.gap)) if result.gap else distance_words(result.gap), help=VERDICT_HELP)
    columns[2].markdown(gap_badge(result, level_only=True), unsafe_allow_html=True)
    columns[3].metric("Favourable", fmt(result.favorable_pct, "{:.0f} %"), help="Share of answers 4 or 5 after reverse-coding.")
    columns[4].metric("IT − Business", fmt(result.perception_gap, "{:+.2f}"), help="Mean of IT respondents − mean of Business.")
    columns[5].metric("Respondents", fmt(result.n, "{:,}"))


def statement_differences(current: View, code: str, items: pd.DataFrame) -> None:
    """Which statements IT and the business really see differently: Welch's t on the answers, adjusted across
    the tactic's statements, flagged with the tactic's own perception-gap thresholds."""
    tests = current.results.statement_comparisons(code)
    if tests.empty:
        return
    warn_gap = PerceptionLimits.configured(current.settings.thresholds, code).warn_gap
    means = items.set_index("item")
    flagged, unclear = [], 0
    for row in tests.itertuples():
        status, phrase = row.verdict, row.phrase  # decided with the comparisons (perception_gap.perception_verdict)
        if status in {"warn", "fail"}:
            effect = f", d = {row.effect_size:.1f}" if row.effect_size is not None else ""
            flagged.append(
                f"**{md_text(row.item)}**: IT {means.loc[row.item, 'it_mean']:.2f} (n = {row.it_n:,}) vs Business "
                f"{means.loc[row.item, 'business_mean']:.2f} (n = {row.business_n:,}), {row.difference:+.2f}{effect} — {md_text(phrase)}"
            )
        else:
            unclear += 1
    intro = "IT and the business see these statements differently (Welch's t-test, adjusted across the statements):"
    if flagged:
        st.markdown(intro + "\n" + "\n".join(f"- {line}" for line in flagged))
    st.caption(
        f"{unclear} statement{'s' if unclear != 1 else ''} without a difference that is both larger than "
        f"{warn_gap:.2f} and unlikely to be noise."
        if unclear
        else "Every statement differs between IT and the business."
    )


def reliability_caption(reliability: dict | None) -> None:
    """Cronbach's alpha under a tactic's score with its Feldt interval, and the plain-language notes (a warning only
    when the whole interval is below 0.7)."""
    if reliability is None:
        return
    if reliability["alpha"] is None:
        st.caption(f"Reliability (Cronbach's alpha): {md_text(reliability['note'])}.")
        return
    low, high = reliability["ci95"]
    # n only when everyone in the cell answered every pair: otherwise the count would tell who skipped
    counted = f"n = {reliability['n']:,}, " if "n" in reliability else ""
    text = (
        f"Reliability: Cronbach's alpha {reliability['alpha']:.2f}, 95 % interval {low:.2f} to {high:.2f} (Feldt; "
        f"{counted}over the respondents who answered each pair of its statements)."
    )
    if reliability["note"] and high < ALPHA_LINE:
        st.warning(f"{text} {md_text(reliability['note'])}", icon=":material/info:")
    elif reliability["note"]:
        st.caption(f"{text} {md_text(reliability['note'])}")
    else:
        st.caption(f"{text} The statements hang together well.")


def verdict_sentence(result) -> str:
    """The tactic against its target in plain words: the verdict, and the range the data allows."""
    level = result.level
    if level is None:
        return ""
    where = f" (the data allow {result.ci95[0]:.2f} to {result.ci95[1]:.2f})" if result.ci95 else " (too few answers for a range)"
    return f"**{result.score:.2f} against a target of {result.target:.2f}: {level.label}**{where}."


def has_tables(current: View, *tables: str) -> bool:
    """True when the evidence tables are loaded; otherwise says which sheets to upload."""
    missing = [TABLE_LABELS[t] for t in tables if not current.dataset.has_table(t)]
    if missing:
        st.info(
            f"Upload the {' and '.join(missing)} sheet{'s' if len(missing) > 1 else ''} (template workbook or CSV) to see this evidence."
        )
    return not missing


def render_tactic_page(code: str, evidence: Callable[[View], None] | None = None) -> None:
    tactic = TACTICS_BY_CODE[code]
    current = view()
    result = current.analysis.tactic(code)
    st.title(f"{tactic.code} · {tactic.name}")
    data_banner(current)
    st.markdown(f"**What good looks like:** {tactic.good_looks_like}")
    if result.score is None:
        st.info(md_text(result.no_score_sentence()) if result.why_no_score else "No answers for this tactic in this selection.")
        return
    tactic_metrics(result, st.columns(6))
    whole = current.results.whole.tactic(code) if current.filters.narrowed else None
    beside = f" The whole organisation: {whole.score:.2f}." if whole is not None and whole.score is not None else ""
    st.markdown(verdict_sentence(result) + beside)
    with st.expander("Analyst details: interval, method, reliability", icon=":material/analytics:"):
        ci = (
            f"95 % interval {result.ci95[0]:.2f}–{result.ci95[1]:.2f}"
            if result.ci95
            else "The interval needs at least 2 respondents"
        )
        split = (
            f"IT versus Business {md_text(result.split_reason)}"
            if result.split_reason
            else f"IT {fmt(result.it_score)} · Business {fmt(result.business_score)}"
        )
        st.caption(f"{ci} ({current.analysis.ci_method}). {split}. Maturity level {result.maturity_level}.")
        reliability_caption(result.reliability)

    st.subheader("Checks")
    findings = [f for f in current.findings if f.tactic == code]
    counts = {status: sum(f.status == status for f in findings) for status in STATUS_LABELS}
    st.caption(
        " · ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in counts.items() if n) + ". Open a check for why and how to fix."
    )
    render_findings(findings)
    if evidence is not None:
        st.subheader("What the evidence shows")
        evidence(current)

    distribution = current.results.answers(code)
    st.subheader("How people answered each statement")
    st.caption("Reverse-coded statements (R) are flipped, so the right-hand side is always the favourable answer.")
    if distribution.empty:
        st.info(DISTRIBUTION_NOTE if current.filters.narrowed else "No statement of this tactic can be shown in this selection.")
    else:
        chart(f"{code}-answers", lambda: charts.item_diverging_chart(distribution))

    st.subheader("Each statement against the target, IT versus Business")
    items = current.results.statements(code)
    for row in items[items["hidden"]].itertuples():
        st.caption(f"{md_text(row.item)} is {md_text(hidden_words(row.reason, int(row.k)))}.")
    items = items[~items["hidden"]]
    split_shown = items["it_mean"].notna().all()
    st.caption(
        "Grey bar: mean of all answers; black tick: target; dots: IT and Business means."
        if split_shown
        else f"Grey bar: mean of all answers; black tick: target. {md_text(current.analysis.split_note or 'No IT/Business split in this data.')}"
    )
    if not items.empty:
        chart(f"{code}-statements", lambda: charts.item_score_chart(items, result.target))
    if split_shown and not items.empty:
        statement_differences(current, code, items)

    priorities_matrix(current, code)

    st.subheader("What people wrote")
    comments, _ = current.results.comments(code)
    st.caption(  # always, so that it never tells whether a small group wrote on this tactic
        f"Comments from groups (period × function × department) with fewer than {current.settings.min_group_size} "
        "respondents, or hidden so that a smaller group cannot be worked out, are not shown."
    )
    if comments.empty:
        st.info("No comments on this tactic's open question in this selection.")
    else:
        if len(comments) > MAX_COMMENTS_SHOWN:
            st.caption(
                f"Showing the first {MAX_COMMENTS_SHOWN:,} of {len(comments):,} comments; pick a period to narrow them down."
            )
            comments = comments.head(MAX_COMMENTS_SHOWN)
        st.dataframe(
            comments.rename(columns=str.capitalize).rename(columns={"Text": "Comment"}),
            hide_index=True,
            width="stretch",
            column_config={"Comment": st.column_config.TextColumn(width="large")},
        )
