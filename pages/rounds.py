"""Rounds: the workspace's rounds and contributions with their counts; close a round, open the next one."""

import streamlit as st

import ui
from ui import workspace_rounds as rounds

st.title("Rounds")
owner = ui.workspace_owner()
if owner is None:
    rounds.how_to_open()
    st.stop()
rounds.rounds_page(owner)
