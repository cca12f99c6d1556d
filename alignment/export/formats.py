"""One entry point for every report format: build_report(dataset, settings, ..., fmt) -> the file's bytes."""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass

import pandas as pd

from ..config import Settings
from ..dataset import Dataset
from ..errors import InputError
from ..selection import EVERYONE, Selection
from .content import build_content


@dataclass(frozen=True)
class ReportFormat:
    """One kind of report file: its extension, its name in words, its media type, its icon on the page and the
    module and function that render it (imported only when such a file is made: python-pptx and vl-convert load
    slowly)."""

    extension: str
    label: str
    media_type: str
    icon: str
    renderer: str  # "module:function" within this package

    def render(self, content) -> bytes:
        module, function = self.renderer.split(":")
        return getattr(importlib.import_module(f".{module}", __package__), function)(content)


REPORT_FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat(
        "xlsx",
        "Excel workbook",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ":material/table_view:",
        "xlsx:render_xlsx",
    ),
    ReportFormat(
        "pptx",
        "PowerPoint deck",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ":material/slideshow:",
        "pptx:render_pptx",
    ),
    ReportFormat("html", "web page", "text/html", ":material/public:", "html:render_html"),  # self-contained: opens offline
)
FORMATS: dict[str, ReportFormat] = {f.extension: f for f in REPORT_FORMATS}


def build_report(
    dataset: Dataset,
    settings: Settings | None = None,
    selection: Selection = EVERYONE,
    actions: pd.DataFrame | None = None,
    fmt: str = "xlsx",
    created: dt.date | None = None,
) -> bytes:
    """The report of a selection (the same filters and anonymity as the screen) as an xlsx, pptx or html file."""
    if fmt not in FORMATS:
        raise InputError(f"There is no report format '{fmt}'.", f"Use one of: {', '.join(FORMATS)}.")
    content = build_content(dataset, settings, selection, actions, created)
    return FORMATS[fmt].render(content)


def report_filename(fmt: str, selection: Selection = EVERYONE) -> str:
    """A download name such as alignment-report-2026-Q1-Sales-IT-only.xlsx (only letters, digits, - and _): every
    choice of the selection, the function marked as one, so that an IT-only report is never saved over the whole
    organisation's nor over a department named IT."""
    function = [f"{selection.function}-only"] if selection.function else []
    parts = ["alignment-report", *(p for p in (selection.period, selection.department) if p), *function]
    stem = "-".join("".join(c if c.isalnum() or c in "-_" else "_" for c in part) for part in parts)
    return f"{stem}.{fmt}"
