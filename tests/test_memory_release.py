"""A closed session's data is freed and its memory handed back even when the server is otherwise idle."""

from __future__ import annotations

import threading
import weakref
from pathlib import Path

from alignment import memory
from alignment.dataset import Dataset

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "alignment_sample.xlsx"


def test_a_dataset_in_a_reference_cycle_is_freed_by_the_janitors_step() -> None:
    dataset = Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())
    dataset.self_reference = dataset  # a cycle, as a session's state holds one: plain reference counting cannot free it
    gone = weakref.ref(dataset)
    del dataset
    assert gone() is not None
    memory.collect_and_release()
    assert gone() is None


def test_the_janitor_runs_once_per_process() -> None:
    memory.keep_releasing()
    memory.keep_releasing()
    janitors = [t for t in threading.enumerate() if t.name == "alignment-memory-release"]
    assert len(janitors) == 1 and janitors[0].daemon


def test_expired_disconnected_sessions_are_ended_by_the_janitor(monkeypatch) -> None:
    """Streamlit's store of disconnected sessions drops an expired one only when touched; the janitor expires them
    and shuts them down (their state and uploaded files go)."""
    import streamlit.runtime as streamlit_runtime
    from streamlit.runtime.caching.ttl_cache import TTLCache

    from ui.sessions import end_expired_sessions

    clock = [0.0]
    ended: list[str] = []

    class Session:
        def __init__(self, name: str) -> None:
            self.name = name

        def shutdown(self) -> None:
            ended.append(self.name)

    class Info:
        def __init__(self, name: str) -> None:
            self.session = Session(name)

    stored = TTLCache(maxsize=10, ttl=120, timer=lambda: clock[0])
    stored["closed-early"] = Info("closed-early")
    clock[0] = 100.0
    stored["closed-late"] = Info("closed-late")

    class Manager:
        _storage_lock = threading.Lock()
        _session_storage = type("Storage", (), {"_cache": stored})()

    class Runtime:
        @staticmethod
        def exists() -> bool:
            return True

        @staticmethod
        def instance():
            return type("Instance", (), {"_session_mgr": Manager()})()

    monkeypatch.setattr(streamlit_runtime, "Runtime", Runtime)
    clock[0] = 150.0  # the first is past its 120 s, the second is not
    assert end_expired_sessions() == 1 and ended == ["closed-early"]
    assert list(stored) == ["closed-late"]


def test_an_ended_session_still_referenced_elsewhere_lets_go_of_its_data(monkeypatch) -> None:
    """Streamlit's message loop keeps the last session it flushed in a loop variable after the session has ended;
    the janitor empties the state of every session the app served that Streamlit no longer knows, so the dataset
    goes even though the session object lives on. Sessions still connected or kept for a reconnect are untouched."""
    import streamlit.runtime as streamlit_runtime
    import streamlit.runtime.scriptrunner_utils.script_run_context as script_run_context
    from streamlit.runtime.state.session_state import SessionState

    from ui import sessions

    class Session:
        def __init__(self, name: str) -> None:
            self.id = name
            self._session_state = SessionState()
            self._session_state["alignment.dataset"] = Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())

    class Info:
        def __init__(self, session: Session) -> None:
            self.session = session

    live, kept, ended = Session("live"), Session("kept"), Session("ended")
    active = {"live": Info(live), "ended": Info(ended)}

    class Manager:
        _storage_lock = threading.Lock()
        _session_storage = type("Storage", (), {"list": staticmethod(lambda: [Info(kept)])})()

        @staticmethod
        def get_active_session_info(session_id: str):
            return active.get(session_id)

        @staticmethod
        def list_active_sessions():
            return list(active.values())

    class Runtime:
        exists = staticmethod(lambda: True)
        instance = staticmethod(lambda: type("Instance", (), {"_session_mgr": Manager()})())

    monkeypatch.setattr(streamlit_runtime, "Runtime", Runtime)
    monkeypatch.setattr(sessions, "_served", {})
    for name in ("live", "ended"):
        monkeypatch.setattr(
            script_run_context, "get_script_run_ctx", lambda suppress_warning, name=name: type("C", (), {"session_id": name})
        )
        sessions.serve_session()
    active["kept"] = Info(kept)  # drawn for while connected, then kept for a reconnect
    monkeypatch.setattr(script_run_context, "get_script_run_ctx", lambda suppress_warning: type("C", (), {"session_id": "kept"}))
    sessions.serve_session()
    del active["kept"], active["ended"]  # "ended" is over, yet this test (as Streamlit's loop) still holds it

    held = ended._session_state["alignment.dataset"]
    # a widget's metadata keeps its callbacks, and a callback defined in a page keeps the page's globals
    ended._session_state._new_widget_state.widget_metadata["a-selectbox"] = lambda page_globals={"data": held}: page_globals
    dataset = weakref.ref(held)
    del held
    assert sessions.forget_ended_sessions() == 1
    memory.collect_and_release()
    assert dataset() is None and "alignment.dataset" not in ended._session_state
    assert "alignment.dataset" in live._session_state and "alignment.dataset" in kept._session_state
    assert sessions.forget_ended_sessions() == 0  # forgotten once


def test_malloc_arenas_are_limited_once_per_process() -> None:
    """glibc's mallopt accepts the limit (1 = done); the call is made once per process (cached)."""
    import ctypes.util

    assert memory.limit_malloc_arenas() is memory.limit_malloc_arenas()
    if ctypes.util.find_library("c"):  # glibc: the limit is in force
        assert memory.limit_malloc_arenas() is True
