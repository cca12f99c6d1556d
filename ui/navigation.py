"""Page set-up and navigation."""

from __future__ import annotations

import threading

import streamlit as st

from alignment.memory import keep_releasing
from alignment.tactics import TACTICS

from .sessions import end_expired_sessions

# the tactics' names in the sidebar, short enough not to be cut (each page's title has the full name)
NAV_NAMES = {"REL": "Relationships", "TRU": "Trust", "MET": "Metrics", "ROT": "Rotation", "ASM": "Assessment", "SRV": "Surveys"}
_ROUTING = threading.local()  # whether this script run is inside the app's navigation


# Streamlit leaves about 6rem above a page's title; on a shared screen the first view is worth more than that.
# The sidebar shows the page's own content (the filters) above the list of pages, so the filters are on the
# first screen at 1280 x 720 instead of under thirteen links.
FIRST_SCREEN_CSS = (
    "<style>[data-testid='stMainBlockContainer']{padding-top:2.5rem}"
    "[data-testid='stSidebarContent']{display:flex;flex-direction:column}"
    "[data-testid='stSidebarHeader']{order:-2}[data-testid='stSidebarUserContent']{order:-1;padding-top:0}"
    "</style>"
)


def run_app() -> None:
    """The whole app: page set-up and navigation (app.py runs this)."""
    st.set_page_config(page_title="IT–business alignment", page_icon=":material/handshake:", layout="wide")
    keep_releasing(also=end_expired_sessions)  # a closed session's memory goes back even when no one else uses the app
    st.html(FIRST_SCREEN_CSS)
    home = st.Page("pages/home.py", title="Home: your data", icon=":material/upload_file:", default=True)
    overview = st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview")
    tactic_pages = [
        st.Page(f"pages/{t.code.lower()}.py", title=f"{t.code} · {NAV_NAMES[t.code]}", url_path=t.code.lower()) for t in TACTICS
    ]
    checks = st.Page("pages/checks.py", title="Checks", icon=":material/checklist:", url_path="checks")
    comments = st.Page("pages/comments.py", title="Comments", icon=":material/forum:", url_path="comments")
    meeting = st.Page("pages/meeting.py", title="Meeting", icon=":material/co_present:", url_path="meeting")
    trends = st.Page("pages/trends.py", title="Trends", icon=":material/timeline:", url_path="trends")
    settings_page = st.Page("pages/settings.py", title="Settings", icon=":material/tune:", url_path="settings")
    navigation = st.navigation(
        {
            "Start": [home],
            "Results": [overview, trends, comments, checks, meeting],
            "Tactics": tactic_pages,
            "Configure": [settings_page],
        },
        expanded=True,  # every page listed: no "View 3 more" hiding tactics
    )
    _ROUTING.active = True
    try:
        navigation.run()
    finally:
        _ROUTING.active = False


def page() -> None:
    """First call of every page: make sure it runs inside the app's navigation. A deep link (say
    /overview) opened before the freshly started server has run app.py once is served from the pages/
    folder, running the page on its own (narrow layout, file names as navigation); such a run is handed
    to the app, which shows the same page, and then stopped."""
    if not getattr(_ROUTING, "active", False):
        run_app()
        st.stop()
