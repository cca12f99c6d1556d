"""Meeting mode: walk through the results step by step on a shared screen, and leave with an action plan."""

import streamlit as st

import ui
from alignment import charts, meeting
from ui import meeting_slides as slides
from ui import meeting_state as session
from ui.workspace_session import meeting_caption

current = ui.view()
slides.style()
steps = meeting.meeting_steps()
session.agenda(steps)
index = session.step_index(len(steps))
step = steps[index]

back, title, forward = st.columns([1, 5, 1], vertical_alignment="center")
session.step_buttons(len(steps), (back, forward))
with title:
    slides.header(step.title, f"Meeting · {meeting.step_label(index, len(steps))}")

if step.kind == meeting.SUMMARY:
    overview = meeting.summary(current.analysis)
    slides.headline(current.headline.sentence)
    slides.summary_figures(overview, current.filters.describe())
    left, right = st.columns([5, 2], gap="medium")
    with left:
        slides.summary_table(overview, current.headline.focus)
        slides.open_actions(meeting.still_open(session.plan()))
    with right:
        slides.section("Last round's actions")
        slides.counts_line(meeting.plan_counts(session.plan()))
        session.plan_uploader()
        session.notes_field(step, height=110)
elif step.kind == meeting.TACTIC:
    comments, _ = current.results.comments(step.key)
    content = meeting.tactic_step(current.analysis, current.findings, comments, step.key)
    slides.tactic_figures(content)
    statements = current.results.statements(step.key)
    statements = statements[~statements["hidden"]]
    left, right = st.columns([3, 2], gap="large")
    with left:
        slides.tactic_points(content, whole_organisation=current.filters.narrowed)
    with right:
        if not statements.empty:
            slides.section("Each statement against the target")
            ui.chart(f"meeting-{step.key}", lambda: charts.item_score_chart(statements, content.result.target, short_labels=True))
        slides.tactic_quotes(content)
        session.notes_field(step, height=72)
else:
    plan = session.plan()
    counts, files = st.columns([3, 2], gap="large", vertical_alignment="bottom")
    with counts:
        slides.counts_figures(meeting.plan_counts(plan))
    with files:
        session.downloads(key="closing")
        session.minutes_download(current.analysis)
    slides.plan_table(meeting.plan_table(plan))
    session.notes_field(step, height=90)
    with st.expander("The report, with this plan, for those who were not there", icon=":material/download:"):
        ui.report_downloads(current, "meeting", plan)

plan = session.plan()
whole = step.kind != meeting.TACTIC or ui.workspace_open()  # the page shows more of the plan than its count
with session.plan_panel(len(plan), opened=step.kind == meeting.CLOSING):
    session.add_form(step)
    session.plan_grid(session.plan_shown(plan, whole), whole, None if step.kind == meeting.CLOSING else "editor")
meeting_caption()  # with a workspace open: where the plan and notes are kept
