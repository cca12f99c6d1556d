import streamlit as st

import ui
from alignment import charts, evidence_views


def evidence(current: ui.View) -> None:
    if not ui.has_tables(current, "initiatives"):
        return
    st.markdown("**Finished initiatives: on time, within budget and with value confirmed, by quarter of completion**")
    delivery = ui.memo(evidence_views.delivery_by_quarter, current.dataset)
    chart = charts.share_by_quarter_chart(delivery, "pct", "measure", "% of finished initiatives", count=("finished", "Finished"))
    ui.chart("TRU-evidence-1", lambda: chart)


ui.render_tactic_page("TRU", evidence)
