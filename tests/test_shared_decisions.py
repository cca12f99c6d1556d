"""Small files (the bundled sample above all) are decided once for every session that opens them: a new visitor's
first page does not wait for the disclosure decisions again. Another file, another mapping or another k is decided
on its own, and a session still sees exactly what deciding by itself would show."""

from __future__ import annotations

import contextlib

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from test_app import ROOT, small_survey

import alignment.disclosure as disclosure_module
import ui.state
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import Disclosure, adopt_disclosure, disclosure
from ui.state import DATASET_KEY, SAMPLE_PATH, SETTINGS_KEY


@pytest.fixture
def decisions(monkeypatch) -> list[int]:
    """The k of every Disclosure made from now on, with the shared decisions forgotten first."""
    st.cache_resource.clear()
    made: list[int] = []
    original = Disclosure.__init__

    def counted(self, dataset, k):
        made.append(k)
        original(self, dataset, k)

    monkeypatch.setattr(disclosure_module.Disclosure, "__init__", counted)
    return made


def _session(settings: Settings | None = None) -> AppTest:
    """A new visitor: Home on the sample (which decides nothing), then the Overview."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if settings is not None:
        at.session_state[SETTINGS_KEY] = settings
    at.run()
    assert not at.exception
    at.switch_page(str(ROOT / "pages" / "overview.py")).run()
    assert not at.exception and at.metric
    return at


def test_two_sessions_on_the_sample_share_one_decision(decisions):
    first, second = _session(), _session()
    assert decisions == [Settings().min_group_size]  # decided once, for both sessions
    mine, theirs = first.session_state[DATASET_KEY], second.session_state[DATASET_KEY]
    assert mine is not theirs  # each session has its own dataset (its own tables and caches) ...
    k = Settings().min_group_size
    assert disclosure(mine, k) is disclosure(theirs, k)  # ... and the same decisions
    assert [m.value for m in first.metric] == [m.value for m in second.metric]


def test_another_k_or_another_file_is_decided_on_its_own(decisions):
    _session()
    _session(Settings(min_group_size=7))
    assert decisions == [Settings().min_group_size, 7]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.file_uploader[0].set_value(("mine.csv", small_survey(), "text/csv")).run()  # Home shows the upload's results
    assert not at.exception
    assert decisions[2:] == [Settings().min_group_size]  # the upload's own decision: Home shows its results


def test_shared_decisions_are_the_decisions_a_session_would_make():
    files = [(SAMPLE_PATH.name, SAMPLE_PATH.read_bytes())]
    alone, sharing = Dataset.from_files(files), Dataset.from_files(files)
    k = Settings().min_group_size
    adopt_disclosure(sharing, Disclosure(Dataset.from_files(files), k))  # made on a third load of the same files
    own = disclosure(alone, k)
    assert disclosure(sharing, k).listed == own.listed  # every cell, shown or hidden, with its numbers and reason


class _Log:
    """A publication log with nothing published yet (history.PublicationLog)."""

    def publication_history(self) -> list[dict]:
        return []

    def record_publications(self, entries: list[dict]) -> None:
        pass


def test_a_workspace_never_adopts_decisions():
    files = [(SAMPLE_PATH.name, SAMPLE_PATH.read_bytes())]
    data = Dataset.from_files(files, publications=_Log())
    with pytest.raises(ValueError, match="history"):
        adopt_disclosure(data, Disclosure(Dataset.from_files(files), 5))


def test_the_wait_for_decisions_says_what_it_is_for(decisions, monkeypatch):
    """The decisions are made first in a run, under a spinner that names them; once made, no run shows it again."""
    said: list[str] = []

    @contextlib.contextmanager
    def spinner(text: str = "", **_):
        said.append(text)
        yield

    monkeypatch.setattr(ui.state.st, "spinner", spinner)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.file_uploader[0].set_value(("mine.csv", small_survey(), "text/csv")).run()
    assert not at.exception and decisions == [Settings().min_group_size]
    assert said.count(ui.state.DECIDING) == 1
    at.switch_page(str(ROOT / "pages" / "overview.py")).run()
    assert not at.exception and said.count(ui.state.DECIDING) == 1  # decided already: no wait, no spinner
