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
