"""The server's limits on what one upload may cost, decided before any reader builds anything.

A deployer sets them in the environment (on Community Cloud, as top-level secrets, which Streamlit
exports as environment variables); users cannot raise them from the app. Each has a default that keeps
three concurrent large uploads inside Community Cloud's 2.7 GB.
"""

from __future__ import annotations

import os

MB = 1024 * 1024


def _env_int(name: str, default: int, lowest: int) -> int:
    """A whole number from the environment, or the default when it is unset or not a number at or above `lowest`."""
    text = os.environ.get(name, "").strip().replace("_", "")
    try:
        value = int(text)
    except ValueError:
        return default
    return value if value >= lowest else default


# A workbook's readers build a dense grid of every sheet they read, from A1 to its last cell holding a value:
# ~32 bytes a cell in the reader, ~77 bytes a cell once a sheet is handed over as Python rows (10 million
# cells: ~320 MB as text columns, ~770 MB as rows). The template's 49 columns fit 200,000 respondents.
MAX_SHEET_CELLS = _env_int("ALIGNMENT_MAX_SHEET_CELLS", 10_000_000, 10_000)
# Every sheet of one workbook together; a workbook may hold the survey and six evidence tables.
MAX_WORKBOOK_CELLS = _env_int("ALIGNMENT_MAX_WORKBOOK_CELLS", 15_000_000, 10_000)
# Distinct texts a workbook keeps in its shared-string table (each held in memory while it is read).
MAX_SHARED_STRINGS = _env_int("ALIGNMENT_MAX_SHARED_STRINGS", 5_000_000, 1_000)
# A worksheet written without cell references is sized by an XML parse, which takes about a second per 30 MB.
MAX_UNREFERENCED_SHEET_BYTES = 64 * MB
