import streamlit as st

import ui
from alignment import charts, evidence_views


def evidence(current: ui.View) -> None:
    if not ui.has_tables(current, "departments", "engagements"):
        return
    left, right = st.columns(2)
    with left:
        st.markdown("**Engagement cadence and BRM coverage per business unit**")
        recency = ui.memo(evidence_views.engagement_recency, current.dataset, current.settings.as_of)
        ui.chart("REL-evidence-1", lambda: charts.engagement_recency_chart(recency, ui.threshold("REL004", "max_days")))
    with right:
        st.markdown("**Engagements per month**")
        ui.chart(
            "REL-evidence-2",
            lambda: charts.engagement_month_heatmap(ui.memo(evidence_views.engagements_by_month, current.dataset)),
        )


ui.render_tactic_page("REL", evidence)
