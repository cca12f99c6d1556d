"""Page set-up and navigation."""

from __future__ import annotations

import streamlit as st

from alignment.blas_threads import one_blas_thread
from alignment.memory import keep_releasing, limit_malloc_arenas

from .filters import draw_filters
from .page_list import PageSpec, sections
from .sessions import end_closed_sessions, serve_session
from .workspace_session import keep_meeting

# Streamlit leaves about 6rem above a page's title; on a shared screen the first view is worth more than that.
# The sidebar shows its content (the filters, drawn by run_app) above the list of pages, so the filters are on the
# first screen at 1280 x 720 instead of under thirteen links.
FIRST_SCREEN_CSS = (
    "<style>[data-testid='stMainBlockContainer']{padding-top:2.5rem}"
    "[data-testid='stSidebarContent']{display:flex;flex-direction:column}"
    "[data-testid='stSidebarHeader']{order:-2}[data-testid='stSidebarUserContent']{order:-1;padding-top:0}"
    "</style>"
)


def _page(spec: PageSpec):
    return st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default)


def run_app() -> None:
    """The whole app: page set-up and navigation (app.py runs this)."""
    st.set_page_config(page_title="IT–business alignment", page_icon=":material/handshake:", layout="wide")
    limit_malloc_arenas()  # sessions' threads share two malloc arenas, so freed memory is reused and returned
    one_blas_thread()  # small matrices: a BLAS thread pool would only spin on the cores other sessions need
    keep_releasing(also=end_closed_sessions)  # a closed session's memory goes back even when no one else uses the app
    serve_session()
    st.html(FIRST_SCREEN_CSS)
    pages = {section: [(spec, _page(spec)) for spec in specs] for section, specs in sections().items()}
    navigation = st.navigation(
        {section: [page for _, page in listed] for section, listed in pages.items()},
        expanded=True,  # every page listed: no "View 3 more" hiding tactics
    )
    draw_filters(next(spec for listed in pages.values() for spec, page in listed if page is navigation).filters)
    keep_meeting()  # an open workspace keeps the meeting's plan and notes as they change (a no-op otherwise)
    navigation.run()


def route_through_entry_point() -> None:
    """Make every script run go through app.py's navigation, also the first one.

    A project with a pages/ folder starts in Streamlit's folder-of-pages mode: until app.py has called
    st.navigation once in this process, a deep link (say /overview, the first request a freshly started server
    gets) runs that page's script on its own, without the page set-up and the app's list of pages. Every page
    imports this package first, so on that first import the mode is switched off for the whole process and a run
    already under way starts again, through app.py.

    The flag is Streamlit's own, not a public API, and requirements.txt allows any 1.x: should a later version
    move or rename it, the app still starts (a deep link opened first on a fresh server then runs its page alone,
    as it did before this guard), instead of every page failing on import."""
    try:
        from streamlit.runtime.pages_manager import PagesManager
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    except ImportError:
        return
    folder_mode = getattr(PagesManager, "uses_pages_directory", False)
    if folder_mode is False:
        return
    PagesManager.uses_pages_directory = False
    if folder_mode and get_script_run_ctx(suppress_warning=True) is not None:
        st.rerun()
