"""One entry point for every report format: build_report(dataset, settings, ..., fmt) -> the file's bytes."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..config import Settings
from ..dataset import Dataset
from ..errors import InputError
from .content import build_content

FORMATS: dict[str, str] = {
    "xlsx": "Excel workbook",
    "pptx": "PowerPoint deck",
    "html": "web page",  # self-contained: opens offline
}
MEDIA_TYPES: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "html": "text/html",
}


def build_report(
    dataset: Dataset,
    settings: Settings | None = None,
    period: str | None = None,
    department: str | None = None,
    function: str | None = None,
    actions: pd.DataFrame | None = None,
    fmt: str = "xlsx",
    created: dt.date | None = None,
) -> bytes:
    """The report of a selection (the same filters and anonymity as the screen) as an xlsx, pptx or html file."""
    if fmt not in FORMATS:
        raise InputError(f"There is no report format '{fmt}'.", f"Use one of: {', '.join(FORMATS)}.")
    content = build_content(dataset, settings, period, department, function, actions, created)
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(content)
    if fmt == "pptx":
        from .pptx import render_pptx

        return render_pptx(content)
    from .html import render_html

    return render_html(content)


def report_filename(fmt: str, period: str | None = None, department: str | None = None) -> str:
    """A download name such as alignment-report-2026-Q1-Sales.xlsx (only letters, digits, - and _)."""
    parts = ["alignment-report", *(p for p in (period, department) if p)]
    stem = "-".join("".join(c if c.isalnum() or c in "-_" else "_" for c in part) for part in parts)
    return f"{stem}.{fmt}"
