import streamlit as st

import ui
from ui import trends as trends_view

current = ui.view()
st.title("Trends")
result = current.results.trends()
trends_view.banner(current, result)
if result.message:
    st.info(ui.md_text(result.message), icon=":material/timeline:")
    st.stop()

trends_view.first_to_latest(current, result)
trends_view.method_caption(result)
trends_view.real_changes(result)
trends_view.index_trend(result, current)
trends_view.tactic_trends(result)
trends_view.proactive_trend(result)
trends_view.numbers(result)
