"""One date reader for the survey's submitted column and the evidence tables: each file's slashed dates are read
day-first or month-first as its values show, the same way in both, and the validation report says which."""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings

import pytest

from alignment.ingest.cells import date_from_value, period_from_date
from alignment.ingest.dates import DAY_FIRST, MONTH_FIRST, Invalid, date_order, order_note, parse_date
from alignment.ingest.evidence import parse_date as evidence_parse_date
from alignment.ingest.load import load_files, load_survey


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue().encode()


def _upload(dates: list[str]) -> tuple[list[dt.date], list[dt.date], list[str]]:
    """The survey's submitted dates, the Engagements table's dates and the report's notes, for the same dates."""
    survey = _csv(
        ["respondent_id", "submitted", "function", "department", "REL-1", "REL-2"],
        [[f"R{i}", day, "IT" if i % 2 else "Business", "Sales", 4, 3] for i, day in enumerate(dates)],
    )
    evidence = _csv(["date", "department", "kind"], [[day, "Sales", "steering"] for day in dates])
    loaded = load_files([("responses.csv", survey), ("Engagements.csv", evidence)])
    submitted = sorted(loaded.survey.respondents["submitted"])
    engagements = sorted(d.date() for d in loaded.evidence["engagements"]["date"])
    return submitted, engagements, loaded.survey.report.notes


def test_03_04_and_13_04_read_day_first_by_survey_and_evidence_alike():
    submitted, engagements, notes = _upload(["03/04/2026", "13/04/2026"])
    assert submitted == engagements == [dt.date(2026, 4, 3), dt.date(2026, 4, 13)]
    stated = [note for note in notes if "day-first" in note]
    assert any("submitted column of 'responses.csv'" in note and "13/04/2026" in note for note in stated), notes
    assert any("'Engagements.csv'" in note and "13/04/2026" in note for note in stated), notes


def test_a_file_whose_dates_show_month_first_is_read_month_first_in_both():
    submitted, engagements, notes = _upload(["03/04/2026", "04/13/2026"])
    assert submitted == engagements == [dt.date(2026, 3, 4), dt.date(2026, 4, 13)]
    assert sum("month-first" in note and "04/13/2026" in note for note in notes) == 2, notes


def test_ambiguous_dates_default_to_day_first_and_say_so():
    submitted, engagements, notes = _upload(["03/04/2026", "05/06/2026"])
    assert submitted == engagements == [dt.date(2026, 4, 3), dt.date(2026, 6, 5)]
    assert sum("day-first" in note and "default" in note for note in notes) == 2, notes


def test_iso_dates_need_no_order_and_get_no_note():
    _, _, notes = _upload(["2026-04-03", "2026-04-13"])
    assert not any("day-first" in note or "month-first" in note for note in notes)


def test_the_order_is_chosen_from_the_values():
    assert date_order(["03/04/2026", "13/04/2026"]).order == DAY_FIRST
    assert date_order(["03/04/2026", "04/13/2026 09:30"]).order == MONTH_FIRST
    assert date_order(["03/04/2026"]).order == DAY_FIRST  # ambiguous: the default
    mixed = date_order(["13/04/2026", "04/13/2026"])
    assert mixed.order == DAY_FIRST and "both" in mixed.reason
    assert order_note("x", date_order(["2026-04-03", "3 Mar 2026"])) is None


@pytest.mark.parametrize(
    ("text", "day_first", "month_first"),
    [
        ("03/04/2026", dt.date(2026, 4, 3), dt.date(2026, 3, 4)),
        ("3-4-2026", dt.date(2026, 4, 3), dt.date(2026, 3, 4)),
        ("3/4/26 10:15", dt.date(2026, 4, 3), dt.date(2026, 3, 4)),
        ("2026-04-03", dt.date(2026, 4, 3), dt.date(2026, 4, 3)),
        ("03.04.2026", dt.date(2026, 4, 3), dt.date(2026, 4, 3)),  # dotted: day first in either
        ("3 Apr 2026", dt.date(2026, 4, 3), dt.date(2026, 4, 3)),
    ],
)
def test_survey_and_evidence_share_the_reader(text, day_first, month_first):
    assert parse_date(text) == evidence_parse_date(text) == date_from_value(text) == day_first
    assert parse_date(text, MONTH_FIRST) == date_from_value(text, MONTH_FIRST) == month_first
    assert period_from_date(text, MONTH_FIRST) == f"{month_first.year}-Q{(month_first.month - 1) // 3 + 1}"


def test_a_date_impossible_in_the_files_order_says_the_order():
    wrong = parse_date("04/13/2026", DAY_FIRST)
    assert isinstance(wrong, Invalid) and "day-first" in wrong.reason
    assert date_from_value("04/13/2026") is None


def test_ambiguous_dates_on_a_12_hour_clock_are_read_month_first_and_say_why():
    order = date_order(["03/02/2026 09:14:05 AM", "03/04/2026 04:45:10 PM"])  # SurveyMonkey's US export
    assert order.order == MONTH_FIRST and "12-hour" in order.reason
    assert parse_date("03/04/2026 04:45:10 PM", order.order) == dt.date(2026, 3, 4)
    assert date_order(["13/02/2026 09:14:05 AM"]).order == DAY_FIRST  # a day over 12 still decides


# ------------------------------------------------------------------------------ dotted dates

# dotted dates are day first (DD.MM.YYYY), read without pandas guessing (and warning on stderr)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05.04.2026", dt.date(2026, 4, 5)),
        ("5.4.2026", dt.date(2026, 4, 5)),
        ("01.04.2026 10:15:00", dt.date(2026, 4, 1)),
        ("28.04.2026 17:30", dt.date(2026, 4, 28)),
        ("31.12.2026", dt.date(2026, 12, 31)),
        ("05.04.26", dt.date(2026, 4, 5)),
    ],
)
def test_dotted_dates_are_day_first_in_survey_and_evidence_alike(text: str, day: dt.date) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pandas' "Parsing dates in %d.%m.%Y format when dayfirst=False" fails here
        assert date_from_value(text) == day
    assert evidence_parse_date(text) == day  # the evidence tables read them the same way


def test_a_dotted_date_that_is_no_date_is_none() -> None:
    assert date_from_value("32.01.2026") is None
    assert date_from_value("05.13.2026") is None


def test_german_google_forms_timestamps_of_one_month_are_one_period(capfd) -> None:
    statement = "IT and business leaders regularly discuss business imperatives together."  # REL-1
    header = ["Zeitstempel", "Arbeiten Sie in der IT oder im Fachbereich?", f"Wie sehr stimmen Sie zu? [{statement}]"]
    german = ["Stimme überhaupt nicht zu", "Stimme nicht zu", "Weder noch", "Stimme zu", "Stimme voll und ganz zu"]
    # 1 to 28 April 2026, which month-first reading spreads over January ... December
    rows = [
        [f"{day:02d}.04.2026 10:{day:02d}:00", "IT" if day % 2 else "Fachbereich", german[day % 5]] for day in range(1, 29, 3)
    ]
    tables = load_survey("Umfrage (Antworten).csv", _csv(header, rows))
    respondents = tables.respondents
    assert set(respondents["period"]) == {"2026-Q2"}
    assert sorted(respondents["submitted"].astype(str)) == [f"2026-04-{day:02d}" for day in range(1, 29, 3)]
    assert "dayfirst" not in capfd.readouterr().err
