"""Shared, small fixtures for the library tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_XLSX = ROOT / "sample_data" / "alignment_sample.xlsx"
SAMPLE_CSV = ROOT / "sample_data" / "responses.csv"


@pytest.fixture(scope="session")
def sample_xlsx_bytes() -> bytes:
    return SAMPLE_XLSX.read_bytes()


@pytest.fixture(scope="session")
def sample_csv_bytes() -> bytes:
    return SAMPLE_CSV.read_bytes()


@pytest.fixture(autouse=True)
def _app_runs_go_through_the_entry_point(monkeypatch):
    """Every AppTest run goes through app.py, as every run in the browser does. AppTest resets Streamlit's
    folder-of-pages flag before each run, so a page switched to would run alone, without the entry point (its page
    set-up, navigation and sidebar filters); the server turns that mode off for good when the ui package is first
    imported (ui.navigation.route_through_entry_point). Tests that never import Streamlit are left alone."""
    import sys

    if "streamlit.runtime.pages_manager" not in sys.modules:
        return
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def without_folder_mode(self, *args, **kwargs):
        PagesManager.uses_pages_directory = False
        original(self, *args, **kwargs)

    monkeypatch.setattr(PagesManager, "__init__", without_folder_mode)
