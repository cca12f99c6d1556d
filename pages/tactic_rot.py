import streamlit as st

import ui
from alignment import charts, evidence_views


def evidence(current: ui.View) -> None:
    if not ui.has_tables(current, "rotations"):
        return
    st.markdown("**Rotations, shadowing and mentoring by direction over time**")
    st.altair_chart(charts.rotations_chart(ui.memo(evidence_views.rotations_by_quarter, current.dataset)), width="stretch")


ui.render_tactic_page("ROT", evidence)
