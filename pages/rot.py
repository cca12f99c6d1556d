import streamlit as st

import ui
from alignment import charts, evidence_views


def evidence(current: ui.View) -> None:
    if not ui.has_tables(current, "rotations"):
        return
    st.markdown("**Rotations, shadowing and mentoring by direction over time**")
    ui.chart("ROT-evidence-1", lambda: charts.rotations_chart(ui.memo(evidence_views.rotations_by_quarter, current.dataset)))


ui.render_tactic_page("ROT", evidence)
