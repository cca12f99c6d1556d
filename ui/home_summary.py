"""What Home says about the loaded data: one status line for what is shown, the headline results right after
an upload (alignment index, the six scores with their gap colours, the top three findings), and what to do
when an upload fails. The tactic scorecard is the Overview's too."""

from __future__ import annotations

import streamlit as st

from alignment.analysis import NOT_ASKED_SENTENCE, TacticResult
from alignment.dataset import Dataset
from alignment.errors import InputError
from alignment.gap_levels import distance_words

from .findings import render_findings
from .formatting import VERDICT_HELP, fmt, gap_badge
from .headline import focus_label, render_headline
from .mapping_editor import UnloadedSurvey, mapping_editor
from .page_links import page_link
from .state import UPLOAD_KEY
from .text import md_text
from .validation_view import show_error
from .view import View

TOP_FINDINGS = 3
# upload errors a column mapping fixes: the survey was read, but no column was recognised as an item, or no answer
# was on a scale (labels in a language no scale knows, answer codes): choose the scales or order the answers
MAPPING_ERRORS = ("no recognisable item column", "answers could be read")


def needs_mapping(error: InputError) -> bool:
    return any(words in error.message for words in MAPPING_ERRORS)


def data_status(data: Dataset, is_sample: bool, error: InputError | None) -> None:
    """The one line at the top of Home saying what every page shows (or why the upload was not loaded)."""
    if error is not None:
        shown = "the sample data" if is_sample else f"{md_text(data.label)} with its previous column mapping"
        show_error(error)
        st.caption(f"Nothing from that upload is shown: every page shows {shown} until a file loads.")
    elif is_sample:
        st.info(
            f"You are looking at the **sample data**: {data.report.rows_kept} respondents of a fictional company. "
            "Upload your own survey below to see your results on every page."
        )
    else:
        st.success(
            f"Showing **{md_text(data.label)}**: {data.report.rows_kept:,} respondents. Every page now shows them; "
            "the headline results and what was read are below."
        )


def tactic_scorecard(
    result: TacticResult, score_extra: dict | None = None, mark: str | None = None, whole: TacticResult | None = None
) -> None:
    """One tactic's card: name, score, the verdict against target as a coloured badge, target, favourable share, n.
    `score_extra`: more st.metric arguments for the score (the Overview's change from the previous period);
    `mark`: a word over the name, e.g. 'Start here' on the headline's focus tactics; `whole`: the whole
    organisation's result, shown beside a department's or function's, each labelled."""
    if mark:
        st.markdown(f":blue-badge[:material/flag: {mark}]")
    st.markdown(f"**{result.code} · {result.name}**")
    if not result.asked:
        st.metric("Score", "Not asked", help=NOT_ASKED_SENTENCE)
        st.caption("Not asked in this survey: the upload has none of its statements.")
        return
    st.metric("Score", fmt(result.score), **({"help": "Mean of respondents' tactic means, 1–5."} | (score_extra or {})))
    if result.hidden_reason is None:
        st.markdown(gap_badge(result), unsafe_allow_html=True, help=VERDICT_HELP)
        st.caption(
            f"Target {fmt(result.target)}, {distance_words(result.gap)} · {fmt(result.favorable_pct, '{:.0f} %')} favourable · "
            f"n = {fmt(result.n, '{:,}')}"
            + (f" · whole organisation: {fmt(whole.score)}" if whole is not None and whole.score is not None else "")
        )
    else:
        st.caption(f"Score {md_text(result.hidden_reason)}.")


def tactic_scorecards(current: View, score_extras: dict[str, dict] | None = None) -> None:
    """The six tactics' cards in two rows of three, in the headline's order: where to start first."""
    tactics = current.results.tactics_in_headline_order()
    for row in (tactics[:3], tactics[3:]):
        for column, result in zip(st.columns(3), row, strict=True):
            with column.container(border=True):
                whole = current.results.whole.tactic(result.code) if current.filters.narrowed else None
                tactic_scorecard(result, (score_extras or {}).get(result.code), focus_label(current, result.code), whole)


def headline_results(current: View) -> None:
    """Right after an upload: the alignment index, the six scores with their gaps and the top three findings."""
    analysis = current.analysis
    st.subheader("Your results at a glance")
    render_headline(current)
    index, level, people = st.columns(3)
    index.metric("Alignment index", fmt(analysis.alignment_index, "{:.0f}"), help="Mean over tactics of (score − 1) / 4 × 100.")
    level.metric("Maturity level", f"{analysis.maturity_level} · {analysis.maturity_name}" if analysis.maturity_level else "–")
    people.metric("Respondents", f"{analysis.respondents:,}")
    tactic_scorecards(current)
    top = current.results.top_findings(limit=TOP_FINDINGS)
    if top:
        st.markdown(f"**The {len(top)} most pressing findings** (open one for why and how to fix it)")
        render_findings(top)
    else:
        st.success("No check fails or warns on this data.")
    page_link("overview", "All results: Overview")


def upload_failure(error: InputError, data: Dataset, is_sample: bool) -> None:
    """Under the uploader after a failed upload, when a mapping is the fix: the column mapping, open — of the
    file still loaded with its previous mapping (a mapping that found no statement), or else of the upload's own
    columns (none of which was matched), so that mapping them by hand loads it."""
    if not needs_mapping(error):
        return
    if not is_sample and data.report.mapping:
        st.subheader("Guided import")
        with st.expander("Which column asks which statement: change the mapping so that the statements are found", expanded=True):
            mapping_editor(data)
        return
    if error.report is not None and error.report.mapping:
        st.subheader("Guided import")
        st.caption("Assign the answer columns to the statements they ask, then load: the file loads with them.")
        unloaded = UnloadedSurvey(error.report, f"unloaded-{st.session_state.get(UPLOAD_KEY)}")
        with st.expander("Which column asks which statement: map the columns so that the statements are found", expanded=True):
            mapping_editor(unloaded)
        return
    st.caption(
        "None of the file's columns could be matched to a statement. Rename the answer columns to start with "
        "the item id (e.g. 'REL-1') or the statement's text, as in the template, and upload again."
    )
