"""Closed sessions end on time, also on an idle server.

Streamlit keeps a closed tab's session for server.disconnectedSessionTTL (120 s) in case the tab reconnects, in a
cache that drops expired sessions only when another session is saved or looked up: on a server nobody else is using,
a closed session (its uploaded files, its dataset) would stay in memory indefinitely. The app's memory janitor
(alignment.memory.keep_releasing) calls this every round."""

from __future__ import annotations


def end_expired_sessions() -> int:
    """Remove the disconnected sessions whose reconnect time has passed and shut them down; how many there were.
    Reads Streamlit's session manager, which has no public API for this; any other layout is left to Streamlit."""
    try:
        from streamlit.runtime import Runtime

        if not Runtime.exists():
            return 0
        manager = Runtime.instance()._session_mgr
        lock, stored = manager._storage_lock, manager._session_storage._cache
        with lock:
            removed = stored.expire()
    except Exception:
        return 0
    for _, info in removed:
        info.session.shutdown()
    return len(removed)
