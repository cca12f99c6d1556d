"""Periods in one grammar: spelled one way, read as dates, ordered the same way everywhere (the sidebar, Trends,
the checks): 'Wave 9' before 'Wave 10', 2025-Q4 before 2026-Q1."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment.__main__ import main
from alignment.dataset import Dataset
from alignment.ingest import NOT_GIVEN
from alignment.items import LIKERT_ITEMS
from alignment.periods import normalise_period, order_periods, period_span, quarter_of, quarter_sql


@pytest.mark.parametrize("written", ["2026-q2", "2026 Q2", "Q2 2026", "q2-2026", "2026Q2", " 2026 / Q2 "])
def test_quarters_are_spelled_one_way(written):
    assert normalise_period(written) == "2026-Q2"


def test_other_labels_are_kept_as_written():
    assert normalise_period("H1  2026") == "2026-H1"
    assert normalise_period("  Wave   3 ") == "Wave 3"
    assert normalise_period("2026-03") == "2026-03"
    assert normalise_period("   ") is None


def test_spans_and_quarters():
    assert period_span("2026-Q1") == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert period_span("2026-H2") == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert period_span("2026/2") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert period_span("Wave 2") is None
    assert quarter_of(dt.date(2026, 12, 31)) == "2026-Q4"


def _survey(periods: list[str]) -> bytes:
    header = ["respondent_id", "period", "function", "department"] + [item.id for item in LIKERT_ITEMS]
    rows = [",".join(header)]
    for i, period in enumerate(periods):
        function = "IT" if i % 2 else "Business"
        rows.append(",".join([f"R{i}", period, function, "Sales", *(["3"] * len(LIKERT_ITEMS))]))
    return ("\n".join(rows) + "\n").encode()


def test_the_dataset_lists_waves_by_number_and_quarters_by_date():
    waves = Dataset.from_file("waves.csv", _survey(["Wave 10"] * 6 + ["Wave 9"] * 6 + ["Wave 1"] * 6))
    assert waves.periods() == ["Wave 1", "Wave 9", "Wave 10"]  # text order would put 'Wave 10' before 'Wave 9'
    quarters = Dataset.from_file("q.csv", _survey(["2026-Q1"] * 6 + ["2025-Q4"] * 6 + ["Q2 2025"] * 6 + [""] * 6))
    assert quarters.periods() == ["2025-Q2", "2025-Q4", "2026-Q1", NOT_GIVEN]
    assert order_periods(quarters.periods()[:-1])[0] == quarters.periods()[:-1]


# ------------------------------------------------------------------------------ the command line's --period


@pytest.mark.parametrize("spelling", ["2026-q2", "Q2 2026", "2026 Q2", "2026-Q2"])
def test_period_option_takes_the_spellings_the_data_takes(tmp_path, capsys, spelling: str) -> None:
    survey = tmp_path / "waves.csv"
    survey.write_bytes(_survey(["2026-q1"] * 6 + ["2026 q2"] * 6))
    code = main(["analyze", str(survey), "--period", spelling])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("6 respondents in period 2026-Q2, periods: 2026-Q1, 2026-Q2")
    code = main(["analyze", str(survey), "--period", "2026-Q3"])
    _, err = capsys.readouterr()
    assert code == 2 and "There is no survey period '2026-Q3'" in err


def test_report_period_option_is_normalised_too(tmp_path, capsys) -> None:
    survey = tmp_path / "waves.csv"
    survey.write_bytes(_survey(["2026-q1"] * 6 + ["2026 q2"] * 6))
    code = main(["report", str(survey), "--period", "q2 2026", "--out", str(tmp_path / "report.html")])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert (tmp_path / "report.html").stat().st_size > 0


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_the_evidence_queries_label_a_date_with_the_quarter_the_survey_periods_use(day):
    """The SQL every evidence query groups by gives the label quarter_of gives, so a quarter of work items and a
    survey period of the same quarter are the same label."""
    import duckdb

    query = f"SELECT {quarter_sql('d')} FROM (SELECT DATE '{day.isoformat()}' AS d)"
    assert duckdb.execute(query).fetchone()[0] == quarter_of(day)
