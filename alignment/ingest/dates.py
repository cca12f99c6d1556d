"""One date reader for the survey's submitted column and the evidence tables.

A date written with slashes or dashes, such as 03/04/2026, is 3 April day first and 4 March month first. Each
file (each date column of a survey, each evidence sheet) is read in one order, chosen from the values it holds:
a value whose first part is over 12 (13/04/2026) can only be day-first, one whose second part is over 12
(04/13/2026) only month-first. A file with no such value, or with both, is read day-first, as the README says,
except that times on a 12-hour clock (03/02/2026 09:14:05 AM, as SurveyMonkey writes) make it month-first;
`DateOrder.note` says which order was chosen and why, for the validation report. ISO dates (2026-04-03) and
dotted dates (03.04.2026, always day-first) are read the same in both orders, as are Excel dates and serial
numbers and dates with month names (3 Mar 2026, March 3, 2026).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Invalid:
    """A cell value that cannot be used, and why."""

    reason: str


DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
EXCEL_EPOCH = dt.date(1899, 12, 30)
# a time after the date: 09:30, 9:14:05 AM, 10:15:00.123Z, 09:30+02:00, 9:14:05 AM GMT, 17:30 UTC+1
_TIME = re.compile(
    r",?[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*([AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$"
)
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$")
_SLASHED = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})$")  # 03/04/2026, 03-04-2026, 3/4/26: the order matters
_NAMED = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%b %d, %Y", "%B %d, %Y", "%a, %d %b %Y")


@dataclass(frozen=True)
class DateOrder:
    order: str  # DAY_FIRST or MONTH_FIRST
    reason: str  # why, in words: "13/04/2026 has a day over 12", "no date shows the order"
    ambiguous: int = 0  # distinct values that read differently in the two orders (03/04/2026)

    @property
    def day_first(self) -> bool:
        return self.order == DAY_FIRST

    def note(self, where: str) -> str:
        return (
            f"Dates in {where} were read {self.order} (DD/MM/YYYY)."
            if self.day_first
            else (f"Dates in {where} were read {self.order} (MM/DD/YYYY).")
        )


def _slashed(text: str) -> tuple[int, int, bool] | None:
    """The first and second parts of a slashed date, and whether its time is on a 12-hour clock (AM/PM)."""
    clock = _TIME.search(text.strip())
    found = _SLASHED.match(_TIME.sub("", text.strip(), count=1))
    return (int(found[1]), int(found[3]), bool(clock and clock[1])) if found else None


def date_order(values: Iterable[object]) -> DateOrder:
    """The order to read a file's slashed dates in, from its values (each distinct value is enough once)."""
    day_first = month_first = twelve_hour = None
    ambiguous = 0
    for value in values:
        if not isinstance(value, str) or (parts := _slashed(value)) is None:
            continue
        first, second, am_pm = parts
        twelve_hour = twelve_hour or (value.strip() if am_pm else None)
        if first > 12 and second <= 12:
            day_first = day_first or value.strip()
        elif second > 12 and first <= 12:
            month_first = month_first or value.strip()
        elif first != second and first <= 12 and second <= 12:
            ambiguous += 1
    if month_first and not day_first:
        return DateOrder(MONTH_FIRST, f"{month_first} can only be month-first", ambiguous)
    if day_first and not month_first:
        return DateOrder(DAY_FIRST, f"{day_first} can only be day-first", ambiguous)
    if day_first and month_first:
        return DateOrder(DAY_FIRST, f"both {day_first} and {month_first} occur; day-first is the default", ambiguous)
    if twelve_hour:  # 03/02/2026 09:14:05 AM: SurveyMonkey and other US exports write month-first with AM/PM
        return DateOrder(
            MONTH_FIRST, f"no date shows the order and {twelve_hour} has a 12-hour (AM/PM) clock, as US exports write", ambiguous
        )
    return DateOrder(DAY_FIRST, "no date shows the order; day-first is the default", ambiguous)


def order_note(where: str, order: DateOrder) -> str | None:
    """The validation report's line on the order chosen, when the file has a date it matters for."""
    if order.ambiguous == 0 and "default" in order.reason:
        return None  # ISO, dotted or named-month dates only: nothing was chosen
    return f"{order.note(where)[:-1]}: {order.reason}."


# LimeSurvey writes this as the submit date of every response of a survey with 'anonymized responses' on
ANONYMISED_DATE = dt.date(1980, 1, 1)
ANONYMISING_TOOL = "LimeSurvey"


def anonymised_placeholder(dates: Iterable[dt.date | None], tool: str = "") -> bool:
    """Whether 1980-01-01 among a submitted column's (distinct) dates is LimeSurvey's placeholder for an anonymised
    response rather than a date: when it is the only date the column holds, or the file is a LimeSurvey export."""
    given = {date for date in dates if date is not None}
    return ANONYMISED_DATE in given and (tool == ANONYMISING_TOOL or given == {ANONYMISED_DATE})


def placeholder_note(where: str, responses: int) -> str:
    """The validation report's line on submit dates read as LimeSurvey's placeholder (no period, no date)."""
    counted = f"{responses:,} response{'s' if responses != 1 else ''}"
    return (
        f"The submit dates of {counted} in {where} are LimeSurvey's anonymised placeholder "
        f"{ANONYMISED_DATE.isoformat()}; no period taken from them (nor the assessment date)."
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, float) and value != value)


def parse_date(value: object, order: str = DAY_FIRST) -> dt.date | Invalid | None:
    """The calendar date of a cell: a date or datetime, an Excel serial number (also as text), ISO text
    (YYYY-MM-DD, with or without a time), DD.MM.YYYY, DD/MM/YYYY or MM/DD/YYYY as `order` says, or a date with
    the month's name. None for a blank cell, Invalid with the reason for anything else."""
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= float(value) < 200000:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        return Invalid(f"{value!r} is not a date")
    text = str(value).strip()
    if re.fullmatch(r"\d{5}(\.\d+)?", text):  # an Excel serial date saved as text in a CSV
        return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    bare = _TIME.sub("", text, count=1).strip()
    try:
        if found := _ISO.match(bare):
            return dt.date(int(found[1]), int(found[2]), int(found[3]))
        if found := _DOTTED.match(bare):  # 05.04.2026 is 5 April: dotted dates are day first, as in Europe
            year = int(found[3])
            return dt.date(year + 2000 if year < 100 else year, int(found[2]), int(found[1]))
        if found := _SLASHED.match(bare):
            first, second, year = int(found[1]), int(found[3]), int(found[4])
            year = year + 2000 if year < 100 else year
            day, month = (first, second) if order == DAY_FIRST else (second, first)
            return dt.date(year, month, day)
    except ValueError:
        written = "DD/MM/YYYY" if order == DAY_FIRST else "MM/DD/YYYY"
        hint = f"; this file's dates are read {order}, {written}" if _SLASHED.match(bare) else ""
        return Invalid(f"'{value}' is not a date{hint} (use YYYY-MM-DD)")
    for pattern in _NAMED:
        try:
            return dt.datetime.strptime(bare, pattern).date()
        except ValueError:
            continue
    return Invalid(f"'{value}' is not a date (use YYYY-MM-DD)")
