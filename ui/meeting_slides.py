"""The meeting's steps in large type, for a shared screen or a projector: figures, verdicts, findings, quotes.

Rendered as small blocks of HTML with the page's own CSS (injected by `style()` on the meeting page only);
every text from the data or the user is escaped.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from alignment.analysis import NOT_ASKED_SENTENCE
from alignment.gap_levels import GAP_LEVELS, GapLevel, distance_words
from alignment.meeting import Summary, TacticStep, plan_counts_text

from .formatting import STATUS_LABELS, fmt
from .text import html_text, md_text

STATUS_COLOURS = {  # Okabe-Ito, as the gap levels: vermillion, orange, bluish green, grey
    "fail": ("#D55E00", "#F5C9AD"),
    "warn": ("#E69F00", "#FBE3B3"),
    "error": ("#7F7F7F", "#E5E5E5"),
    "pass": ("#009E73", "#C7EBDD"),
    "not_applicable": ("#7F7F7F", "#E5E5E5"),
}
TEXT = "#1a1a1a"
WRAPPED_COLUMNS = {"Action", "Owner"}

CSS = f"""
<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 1.5rem; padding-bottom: 2rem; }}
.meeting-title {{ font-size: 1.9rem; font-weight: 700; color: {TEXT}; line-height: 1.15; margin: 0; }}
.meeting-step {{ font-size: 1.05rem; color: #333; margin: 0; }}
.meeting-lead {{ font-size: 1.15rem; color: #333; margin: 0 0 .4rem 0; }}
.meeting-figures {{ display: flex; flex-wrap: wrap; gap: .6rem 2.2rem; align-items: flex-end; margin: .2rem 0 .5rem 0; }}
.meeting-figure .label {{ font-size: 1.05rem; color: #333; }}
.meeting-figure .value {{ font-size: 2.6rem; font-weight: 700; color: {TEXT}; line-height: 1.05; }}
.meeting-figure .value.small {{ font-size: 1.8rem; }}
.meeting-figure .note {{ font-size: 1rem; color: #333; }}
.meeting-chip {{ display: inline-block; padding: 0 .45rem; border-radius: .35rem; border-left: .4rem solid; color: {TEXT}; }}
.meeting-section {{ font-size: 1.3rem; font-weight: 700; color: {TEXT}; margin: .5rem 0 .2rem 0; }}
.meeting-section .scope, .meeting-point .scope {{ font-weight: 400; font-size: 1.05rem; color: #333; }}
.meeting-text {{ font-size: 1.2rem; color: {TEXT}; line-height: 1.4; margin: 0 0 .3rem 0; }}
.meeting-point {{ font-size: 1.15rem; color: {TEXT}; line-height: 1.35; margin: 0 0 .55rem 0; }}
.meeting-point .fix {{ display: block; margin-top: .1rem; }}
.meeting-point .fix.inline {{ display: inline; }}
.meeting-quote {{ font-size: 1.15rem; font-style: italic; color: {TEXT}; line-height: 1.4;
  border-left: .35rem solid #0072B2; padding: .1rem 0 .1rem .8rem; margin: 0 0 .5rem 0; }}
.meeting-quote .who {{ display: block; font-style: normal; font-size: 1rem; color: #333; }}
table.meeting-table {{ border-collapse: collapse; width: 100%; font-size: 1.15rem; line-height: 1.3; color: {TEXT}; }}
table.meeting-table th {{ text-align: left; font-weight: 700; border-bottom: 2px solid #333; padding: .2rem .5rem; }}
table.meeting-table td {{ border-bottom: 1px solid #ccc; padding: .2rem .5rem; vertical-align: top; }}
table.meeting-table td.nowrap {{ white-space: nowrap; }}
table.meeting-table td.number {{ text-align: right; font-variant-numeric: tabular-nums; }}
.meeting-legend {{ font-size: 1rem; color: #333; margin: .4rem 0; }}
.meeting-legend .meeting-chip {{ margin-right: .3rem; }}
[data-testid="stTextArea"] textarea {{ font-size: 1.1rem; }}
</style>
"""


def style() -> None:
    st.markdown(CSS, unsafe_allow_html=True)


def _html(markup: str) -> None:
    st.markdown(markup, unsafe_allow_html=True)


def _chip(text: str, colour: str, fill: str) -> str:
    return f'<span class="meeting-chip" style="background:{fill};border-left-color:{colour}">{html_text(text)}</span>'


def gap_legend() -> str:
    return " ".join(_chip(level.label, level.colour, level.fill) for level in GAP_LEVELS)


def gap_chip(gap: float | None, level: GapLevel | None) -> str:
    if gap is None or level is None:
        return "–"
    return _chip(distance_words(gap).removesuffix(" target"), level.colour, level.fill)


def status_chip(status: str) -> str:
    colour, fill = STATUS_COLOURS.get(status, STATUS_COLOURS["not_applicable"])
    return _chip(STATUS_LABELS.get(status, status), colour, fill)


def _figure(label: str, value: str, note: str = "", small: bool = False) -> str:
    return (
        f'<div class="meeting-figure"><div class="label">{html_text(label)}</div>'
        f'<div class="value{" small" if small else ""}">{value}</div>'
        + (f'<div class="note">{html_text(note)}</div>' if note else "")
        + "</div>"
    )


def header(title: str, step_text: str) -> None:
    _html(f'<div class="meeting-step">{html_text(step_text)}</div><div class="meeting-title">{html_text(title)}</div>')


# ----------------------------------------------------------------------------- summary


def summary_figures(data: Summary, where: str) -> None:
    _html(
        '<div class="meeting-figures">'
        + _figure("Alignment index", fmt(data.alignment_index, "{:.0f}"), "0–100")
        + _figure("Maturity level", html_text(data.maturity or "–"), small=True)
        + _figure("Respondents", f"{data.respondents:,}", where)
        + "</div>"
    )


def headline(sentence: str) -> None:
    """Where to start, in one sentence (alignment.results), above the summary's figures."""
    _html(f'<div class="meeting-point"><b>Where to start.</b> {html_text(sentence)}</div>')


def summary_table(data: Summary, focus: list[str] | None = None) -> None:
    """The six tactics' scores and verdicts; the headline's focus tactics marked 'Start here'."""
    rows = []
    for line in data.scores:
        score = fmt(line.score) if line.hidden_reason is None else html_text(line.hidden_reason)
        mark = f" {_chip('Start here', '#0072B2', '#DCEBF7')}" if line.code in (focus or []) else ""
        rows.append(
            f"<tr><td>{html_text(line.code)} · {html_text(line.name)}{mark}</td><td class='number'>{score}</td>"
            f"<td class='number'>{line.target:.2f}</td><td class='number'>{gap_chip(line.gap, line.level)}</td></tr>"
        )
    _html(
        "<table class='meeting-table'><tr><th>Tactic</th><th style='text-align:right'>Score</th>"
        "<th style='text-align:right'>Target</th><th style='text-align:right'>Distance to target</th></tr>"
        + "".join(rows)
        + "</table>"
    )
    _html(f'<div class="meeting-legend">Verdict by score, 95 % interval and target: {gap_legend()}</div>')
    for warning in data.warnings:
        st.warning(md_text(warning))


# ----------------------------------------------------------------------------- one tactic


def tactic_figures(step: TacticStep) -> None:
    result = step.result
    if result.score is None:
        reason = result.why_no_score or "without answers in this selection"
        sentence = html_text(NOT_ASKED_SENTENCE) if not result.asked else f"This tactic's score is {html_text(reason)}."
        _html(f'<div class="meeting-text">{sentence}</div>')
        return
    it_business = (
        _figure("IT · Business", f"{fmt(result.it_score)} · {fmt(result.business_score)}", small=True) if step.perception else ""
    )
    level = step.level.label if step.level else ""
    _html(
        '<div class="meeting-figures">'
        + _figure("Score", fmt(result.score), f"n = {result.n:,}" if result.n else "")
        + _figure("Target", fmt(result.target))
        + _figure("Distance to target", gap_chip(result.gap, step.level), level)
        + it_business
        + "</div>"
    )
    if step.perception:
        fix = f'<span class="fix inline"> <b>Do:</b> {html_text(step.perception_fix)}</span>' if step.perception_fix else ""
        _html(
            f'<div class="meeting-point">{status_chip(step.perception_status or "pass")} {html_text(step.perception)}{fix}</div>'
        )
    elif step.no_comparison:
        _html(f'<div class="meeting-text">{html_text(step.no_comparison)}</div>')


def tactic_points(step: TacticStep, whole_organisation: bool = False) -> None:
    """The top findings with their fixes; `whole_organisation` when the figures above are a department's or a
    function's (the checks read the whole organisation's evidence)."""
    scope = ' <span class="scope">(whole organisation)</span>' if whole_organisation else ""
    _html(f'<div class="meeting-section">What the checks found, and what to do{scope}</div>')
    if not step.points:
        _html('<div class="meeting-text">No check fails or warns on this tactic.</div>')
        return
    _html(
        "".join(
            f'<div class="meeting-point">{status_chip(p.status)} {html_text(p.message)}'
            f'<span class="fix"><b>Do:</b> {html_text(p.fix)}</span></div>'
            for p in step.points
        )
    )
    if step.more_points:
        st.caption(
            f"{step.more_points} more finding{'s fail or warn' if step.more_points > 1 else ' fails or warns'}: "
            f"all of them, with their fixes, on the {step.code} page."
        )


def tactic_quotes(step: TacticStep) -> None:
    """One or two comments; the heading says how many there are (all of them on the Comments page)."""
    of = f' <span class="scope">({len(step.quotes)} of {step.comments:,})</span>' if step.comments > len(step.quotes) else ""
    _html(f'<div class="meeting-section" title="All of them on the Comments page">What people wrote{of}</div>')
    if not step.quotes:
        _html('<div class="meeting-text">No comments on this tactic that may be shown in this selection.</div>')
        return
    _html(
        "".join(
            f'<div class="meeting-quote">“{html_text(q.text)}”'
            f'<span class="who">{"written by " + str(q.writers) + " respondents" if q.writers > 1 else "one respondent"}</span></div>'
            for q in step.quotes
        )
    )


# ----------------------------------------------------------------------------- the action plan


def counts_figures(counts: dict[str, int]) -> None:
    _html(
        '<div class="meeting-figures">'
        + "".join(_figure(status.capitalize(), f"{n:,}") for status, n in counts.items())
        + "</div>"
    )


def plan_table(table: pd.DataFrame) -> None:
    if table.empty:
        _html('<div class="meeting-text">No actions yet: add them with the form below, on any step.</div>')
        return
    short = [c not in WRAPPED_COLUMNS for c in table.columns]  # dates, codes and statuses on one line
    head = "".join(f"<th>{html_text(c)}</th>" for c in table.columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=nowrap' if one_line else ''}>{html_text(str(v))}</td>" for v, one_line in zip(row, short, strict=True)
        )
        + "</tr>"
        for row in table.itertuples(index=False)
    )
    _html(f"<table class='meeting-table'><tr>{head}</tr>{body}</table>")


def section(title: str) -> None:
    _html(f'<div class="meeting-section">{html_text(title)}</div>')


def counts_line(counts: dict[str, int]) -> None:
    _html(f'<div class="meeting-text">{html_text(plan_counts_text(counts))}.</div>')


def open_actions(table: pd.DataFrame, limit: int = 3) -> None:
    """The plan's unfinished actions, one line each (the first `limit`), for the summary step."""
    if table.empty:
        return
    section("Still to do from the plan")
    lines = []
    for row in table.head(limit).itertuples(index=False):
        details = ", ".join(v for v in (row.Owner, f"due {row.Due}" if row.Due else "", row.Tactic) if v)
        lines.append(
            f'<div class="meeting-point">{_chip(row.Status, *STATUS_COLOURS["warn" if row.Status == "in progress" else "not_applicable"])} '
            f"{html_text(row.Action)}" + (f' <span class="scope">({html_text(details)})</span>' if details else "") + "</div>"
        )
    _html("".join(lines))
    if len(table) > limit:
        st.caption(f"{len(table) - limit} more on the closing step.")
