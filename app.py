"""Entry point: declares the pages; everything else lives in pages/, ui.py and alignment/."""

import streamlit as st

from alignment.tactics import TACTICS

st.set_page_config(page_title="IT–business alignment", page_icon=":material/handshake:", layout="wide")

home = st.Page("pages/home.py", title="Home: your data", icon=":material/upload_file:", default=True)
overview = st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview")
tactic_pages = [
    st.Page(f"pages/tactic_{t.code.lower()}.py", title=f"{t.code} · {t.name}", url_path=t.code.lower()) for t in TACTICS
]
checks = st.Page("pages/checks.py", title="Checks", icon=":material/checklist:", url_path="checks")
settings = st.Page("pages/settings.py", title="Settings", icon=":material/tune:", url_path="settings")
st.navigation({"Start": [home], "Results": [overview, checks], "Tactics": tactic_pages, "Configure": [settings]}).run()
