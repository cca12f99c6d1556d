"""How numbers, gaps, check statuses and tables are written on every page."""

from __future__ import annotations

import pandas as pd

from .text import html_text

VERDICT_HELP = (
    "Judged by the score, its 95 % interval and the target, as the score check judges it: below target only when "
    "the whole interval lies below the target; 'may be short' when the interval covers it."
)
MAX_FITTED_ROWS = 25  # a table up to this many rows is shown whole; a longer one scrolls inside its box


def fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "–" if value is None else pattern.format(value)


def gap_badge(result, level_only: bool = False) -> str:
    """A tactic's verdict against its target as an HTML badge in its colour (alignment.gap_levels), e.g. "far
    below target" ("Verdict: far below target" with level_only); the words carry the level, so the colour is never
    the only cue, and the card's caption gives the distance. Empty without a score."""
    level = result.level
    if level is None:
        return ""
    style = (
        f"background:{level.fill};border-left:6px solid {level.colour};color:#1A1A1A;"
        "padding:2px 8px;border-radius:4px;font-weight:600;white-space:nowrap"
    )
    text = f"Verdict: {html_text(level.label)}" if level_only else html_text(level.label)
    return f'<span class="gap-badge gap-{level.key}" style="{style}">{text}</span>'


def fitted_height(frame: pd.DataFrame) -> str:
    """st.dataframe's height for a table: all its rows when it is short (no scrolling inside a box)."""
    return "content" if len(frame) <= MAX_FITTED_ROWS else "auto"


STATUS_ICONS = {
    "fail": ":material/cancel:",
    "warn": ":material/warning:",
    "error": ":material/bug_report:",
    "pass": ":material/check_circle:",
    "not_applicable": ":material/remove_circle_outline:",
}
STATUS_LABELS = {"fail": "FAIL", "warn": "WARN", "error": "ERROR", "pass": "PASS", "not_applicable": "N/A"}
