import streamlit as st

import ui
from alignment import charts
from alignment.analysis import tactic_results_frame
from alignment.tables import hidden_departments
from ui import trends as trends_view

current = ui.view()
analysis = current.analysis
title, downloads = st.columns([3, 1], vertical_alignment="bottom")
title.title("Overview")
with downloads.popover("Take the results away", icon=":material/download:", use_container_width=True):
    ui.report_downloads(current, "overview")
ui.data_banner(current)
ui.render_headline(current)

index, level, people, overall = st.columns([1, 1.5, 1, 1])
index.metric("Alignment index", ui.fmt(analysis.alignment_index, "{:.0f}"), help="Mean over tactics of (score − 1) / 4 × 100.")
level.metric("Maturity level", f"{analysis.maturity_level} · {analysis.maturity_name}" if analysis.maturity_level else "–")
people.metric("Respondents", f"{analysis.respondents:,}")
statement = analysis.overall_statement
overall.metric(
    "“One team” statement",
    ui.fmt(statement["mean"]),
    help="Overall, IT and the business work as one team toward the business goals (OVR-1), kept outside the tactic scores.",
)
ui.data_notes(analysis.warnings)

st.subheader("Six tactics, where to start first")
changes = current.results.changes()
ui.tactic_scorecards(current, {code: trends_view.score_delta(change) for code, change in changes.items()})

st.subheader("Top findings")
top = current.results.top_findings(limit=5)
counts = {status: sum(f.status == status for f in current.findings) for status in ui.STATUS_LABELS}
st.caption(
    f"{len(current.findings)} checks compare what people say with what the organisation does: "
    + ", ".join(f"{n} {ui.STATUS_LABELS[s].lower()}" for s, n in counts.items() if n)
    + ". Failures first (where to start leading), then warnings, each by severity."
)
if top:
    ui.render_findings(top)
else:
    st.success("No check fails or warns on this data.")
ui.page_link("checks", "All checks and what they need")

tactics = tactic_results_frame(analysis)
left, right = st.columns(2)
with left:
    st.subheader("Current versus target")
    st.caption("Bars: score with 95 % confidence interval; black tick: target.")
    ui.chart("overview-gap", lambda: charts.tactic_gap_chart(tactics))
with right:
    st.subheader("How IT and the business see it")
    if analysis.split_note or tactics["perception_gap"].isna().all():
        st.info(ui.md_text(analysis.split_note) or "No IT/Business split in this data (no function column).")
    else:
        st.caption("The longer the line, the more IT and the business disagree. Click a dot to see only IT or only business.")
        ui.chart("overview-perception", lambda: charts.perception_chart(tactics), charts.FUNCTION_PICK, ui.pick_from_chart)

st.subheader("Departments × tactics")
grid = current.results.departments()
hidden = hidden_departments(grid)
if hidden:
    st.caption(
        "Grey cells are hidden — "
        + "; ".join(f"{ui.md_text(department)}: {ui.md_text(reason)}" for department, reason in hidden.items())
        + ". No view shows a group of fewer than "
        f"{current.settings.min_group_size} respondents, nor anything from which one could be worked out by combining views."
    )
st.caption("Click a department's cell to show every page for that department.")
ui.chart(
    "overview-heatmap",
    lambda: charts.department_heatmap(grid, current.settings.targets),
    charts.HEATMAP_PICK,
    ui.pick_from_chart,
)

ui.tactic_priorities_matrix(current)
