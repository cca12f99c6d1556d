import streamlit as st

import ui
from alignment import charts, evidence_views

VISIBILITY = ["Both", "IT only", "Business only", "Neither"]
STATUS = ["On target", "Off target", "No target"]


def evidence(current: ui.View) -> None:
    if not ui.has_tables(current, "kpis"):
        return
    left, right = st.columns(2)
    with left:
        st.markdown("**Who can see each KPI (latest period)**")
        frame = ui.memo(evidence_views.kpi_visibility, current.dataset)
        chart = charts.stacked_count_chart(
            frame, "kind", "visible_to", "kpis", VISIBILITY, "KPI kind", "KPIs", ["#009E73", "#0072B2", "#E69F00", "#D55E00"]
        )
        ui.chart("MET-evidence-1", lambda: chart)
    with right:
        st.markdown("**On or off target, by owner (latest period)**")
        frame = ui.memo(evidence_views.kpi_status, current.dataset)
        chart = charts.stacked_count_chart(
            frame, "owner_function", "status", "kpis", STATUS, "Owner", "KPIs", ["#009E73", "#D55E00", "#BBBBBB"]
        )
        ui.chart("MET-evidence-2", lambda: chart)


ui.render_tactic_page("MET", evidence)
