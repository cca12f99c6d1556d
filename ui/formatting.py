"""How numbers, gaps, check statuses and tables are written on every page."""

from __future__ import annotations

import pandas as pd

from alignment.gap_levels import gap_level

from .text import html_text

MAX_FITTED_ROWS = 25  # a table up to this many rows is shown whole; a longer one scrolls inside its box


def fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "–" if value is None else pattern.format(value)


def gap_badge(gap: float | None, level_only: bool = False) -> str:
    """A gap to target as an HTML badge in its traffic-light colour (alignment.gap_levels), e.g. "gap +1.55 ·
    large shortfall" (or "large shortfall" with level_only, under a metric that shows the number); the words
    carry the level too, so the colour is never the only cue. Empty without a gap."""
    level = gap_level(gap)
    if level is None:
        return ""
    style = (
        f"background:{level.fill};border-left:6px solid {level.colour};color:#1A1A1A;"
        "padding:2px 8px;border-radius:4px;font-weight:600;white-space:nowrap"
    )
    text = html_text(level.label) if level_only else f"gap {gap:+.2f} · {html_text(level.label)}"
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
