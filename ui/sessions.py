"""Closed sessions end on time and let go of their data, also on an idle server.

Streamlit keeps a closed tab's session for server.disconnectedSessionTTL (120 s) in case the tab reconnects, in a
cache that drops expired sessions only when another session is saved or looked up: on a server nobody else is using,
a closed session (its uploaded files, its dataset) would stay in memory indefinitely. And an ended session can stay
referenced after its end: the server's message loop keeps the last session it flushed in a loop variable until
another session sends something, so that session's state (its dataset, hundreds of MB after a large upload) would
outlive it. The app registers each session it serves (`serve_session`); the memory janitor
(alignment.memory.keep_releasing) calls `end_closed_sessions` every round, which ends the expired sessions and
empties the state of every registered session that Streamlit no longer knows."""

from __future__ import annotations

import threading
import weakref

_served: dict[str, weakref.ref] = {}  # session id -> the AppSession, for sessions this app has drawn pages for
_served_lock = threading.Lock()


def _manager():
    """Streamlit's session manager, or None outside a running server (tests, the command line)."""
    from streamlit.runtime import Runtime

    return Runtime.instance()._session_mgr if Runtime.exists() else None


def serve_session() -> None:
    """Remember the session this script run draws for, so that its state can be emptied once it has ended."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    context = get_script_run_ctx(suppress_warning=True)
    if context is None or context.session_id in _served:
        return
    try:
        info = _manager().get_active_session_info(context.session_id)
    except Exception:  # no server (AppTest) or another layout of Streamlit's internals
        return
    if info is not None:
        with _served_lock:
            _served[context.session_id] = weakref.ref(info.session)


def end_expired_sessions() -> int:
    """Remove the disconnected sessions whose reconnect time has passed and shut them down; how many there were.
    Reads Streamlit's session manager, which has no public API for this; any other layout is left to Streamlit."""
    try:
        manager = _manager()
        if manager is None:
            return 0
        lock, stored = manager._storage_lock, manager._session_storage._cache
        with lock:
            removed = stored.expire()
    except Exception:
        return 0
    for _, info in removed:
        info.session.shutdown()
    return len(removed)


def forget_ended_sessions() -> int:
    """Empty the state of every served session that is neither connected nor kept for a reconnect; how many."""
    try:
        manager = _manager()
        if manager is None:
            return 0
        with manager._storage_lock:
            known = {info.session.id for info in manager.list_active_sessions()}
            known |= {info.session.id for info in manager._session_storage.list()}
    except Exception:
        return 0
    emptied = 0
    with _served_lock:
        ended = [(session_id, ref) for session_id, ref in _served.items() if session_id not in known]
        for session_id, _ in ended:
            del _served[session_id]
    for _, ref in ended:
        session = ref()
        if session is not None:
            _empty(session)
            emptied += 1
    return emptied


def _empty(session) -> None:
    """Let go of everything an ended session's state holds: its values (dataset, uploaded bytes, memo) and its
    widgets' metadata, whose callbacks and format functions keep a page's globals (and so its View and dataset)
    alive; SessionState.clear() leaves the metadata. The session gets a fresh, empty state."""
    state = session._session_state
    state.clear()
    metadata = getattr(getattr(state, "_new_widget_state", None), "widget_metadata", None)
    if metadata is not None:
        metadata.clear()
    session._session_state = type(state)()


def end_closed_sessions() -> None:
    """The janitor's round: end the expired sessions, then let go of every ended session's state."""
    end_expired_sessions()
    forget_ended_sessions()
