"""The deep-link guard (ui.navigation.route_through_entry_point) leans on a flag inside Streamlit, which
requirements.txt lets move with any 1.x release: without it, the app must still import and run."""

from __future__ import annotations

import sys

import pytest
from streamlit.runtime import pages_manager

from ui.navigation import route_through_entry_point


def test_without_streamlits_pages_module_the_guard_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "streamlit.runtime.pages_manager", None)  # importing it raises ImportError
    route_through_entry_point()


def test_without_the_flag_the_guard_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(pages_manager.PagesManager, "uses_pages_directory")
    route_through_entry_point()
    assert not hasattr(pages_manager.PagesManager, "uses_pages_directory")


def test_with_the_flag_the_guard_turns_folder_mode_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages_manager.PagesManager, "uses_pages_directory", True)
    route_through_entry_point()  # outside a script run: no rerun to ask for
    assert pages_manager.PagesManager.uses_pages_directory is False
