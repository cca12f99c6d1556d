"""Survey periods, in one grammar: how a label is spelled, which dates it covers and how labels are ordered.

Labels read as dates: quarters (2026-Q1, 2026 Q1, Q1 2026, Q1-2026, 2026Q1), halves (2026-H1, H1 2026), months
(2026-03, 2026/3) and years (2026). Quarters and halves are written one way (2026-Q1, 2026-H1) wherever they come
from; any other label is kept as written and ordered as text, numbers by value ('Wave 9' before 'Wave 10')."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_SEP = r"\s*[-/ ]?\s*"
# (pattern, months per period, the letter of the one spelling for quarters and halves)
_FORMS = (
    (re.compile(rf"^(?P<y>\d{{4}}){_SEP}Q(?P<n>[1-4])$", re.I), 3, "Q"),
    (re.compile(rf"^Q(?P<n>[1-4]){_SEP}(?P<y>\d{{4}})$", re.I), 3, "Q"),
    (re.compile(rf"^(?P<y>\d{{4}}){_SEP}H(?P<n>[12])$", re.I), 6, "H"),
    (re.compile(rf"^H(?P<n>[12]){_SEP}(?P<y>\d{{4}})$", re.I), 6, "H"),
    (re.compile(r"^(?P<y>\d{4})\s*[-/.]\s*(?P<n>0?[1-9]|1[0-2])$"), 1, ""),
    (re.compile(r"^(?P<y>\d{4})$"), 12, ""),
)
PERIOD_FORMS_SAID = "2026-Q1, Q1 2026, 2026 Q1, 2026-H1, 2026-03 or 2026"


def quarter_of(date: dt.date) -> str:
    """The period label of the quarter a date falls in: '2026-Q2'."""
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


def quarter_sql(column: str) -> str:
    """quarter_of in DuckDB SQL, for a date column: the quarter label every evidence query groups by."""
    return f"strftime({column}, '%Y') || '-Q' || CAST(quarter({column}) AS VARCHAR)"


def normalise_period(value: str | None) -> str | None:
    """A period label in one spelling: '2026-q2', '2026 Q2', 'Q2 2026', 'q2-2026' and '2026Q2' are all '2026-Q2'
    (halves likewise '2026-H1'); any other label is kept as written, spaces collapsed; None when empty."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    for pattern, _, letter in _FORMS:
        if letter and (found := pattern.match(text)):
            return f"{found['y']}-{letter}{found['n']}"
    return text or None


def period_span(label: object) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a period label such as 2026-Q1, Q1 2026, 2026-03 or 2026; None when unreadable."""
    text = str(label).strip() if label is not None else ""
    for pattern, months, _ in _FORMS:
        found = pattern.match(text)
        if found:
            year, number = int(found["y"]), int(found.groupdict().get("n") or 1)
            first_month = (number - 1) * months + 1
            start = dt.date(year, first_month, 1)
            after = dt.date(year + (first_month + months - 1) // 12, (first_month + months - 1) % 12 + 1, 1)
            return start, after - dt.timedelta(days=1)
    return None


def _text_order(label: str) -> tuple:
    """Text order with the numbers in a label compared by value: 'Wave 9' before 'Wave 10'."""
    return tuple(int(part) if i % 2 else part for i, part in enumerate(re.split(r"(\d+)", label)))


def order_periods(labels: Iterable[str]) -> tuple[list[str], str]:
    """Distinct period labels from the earliest to the latest by date (by end, then start); when a label cannot be
    read as a date, all of them in text order (numbers by value). The second value says so (a sentence starting
    with a space) or is ''."""
    distinct = sorted({label for label in labels if label is not None}, key=lambda label: (_text_order(label), label))
    spans = {label: period_span(label) for label in distinct}
    unread = [label for label, span in spans.items() if span is None]
    if unread:
        named = ", ".join(f"'{label}'" for label in unread[:3]) + (" ..." if len(unread) > 3 else "")
        return distinct, (
            f" Periods are ordered as text (numbers by value): {named} cannot be read as a date "
            f"(write periods as {PERIOD_FORMS_SAID})."
        )
    return sorted(distinct, key=lambda label: (spans[label][1], spans[label][0], label)), ""
