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
