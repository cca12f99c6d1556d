"""Files named by path (the command line's input): checked before any reader is imported, so a wrong path is
reported at once, not after pandas, DuckDB and SciPy have loaded."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def existing_files(paths: list[str]) -> list[Path]:
    """Each path as a Path, or an InputError naming the first that is not a file."""
    files = [Path(name) for name in paths]
    for path in files:
        if not path.is_file():
            raise InputError(f"File not found: '{path}'.", "Check the path and try again.")
    return files
