import streamlit as st

import ui
from alignment import charts, evidence_views


def evidence(current: ui.View) -> None:
    if not ui.has_tables(current, "work_items"):
        return
    st.markdown("**Proactive share of IT work (problems, improvements, projects) by quarter**")
    frame = ui.memo(evidence_views.proactive_by_quarter, current.dataset)
    chart = charts.share_by_quarter_chart(
        frame,
        "proactive_pct",
        None,
        "% of IT work items that are proactive",
        threshold=100 * ui.threshold("ASM004", "warn_below"),
        count=("work_items", "Work items"),
    )
    ui.chart("ASM-evidence-1", lambda: chart)


ui.render_tactic_page("ASM", evidence)
