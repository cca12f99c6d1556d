"""Ingest artefacts that must not become verdicts (issue 17, point 15).

- LimeSurvey writes 1980-01-01 00:00:00 as every submit date of an anonymised survey: that is no date, so it gives
  no period ("1 period: 1980-Q1") and no assessment date.
- A respondent whose function is an unknown minority value ('Biz' among IT and Business) counts in the whole
  organisation and is left out of the IT/Business split only; a small group of them is never recoverable.

Every expected number is computed here from the answers written in the test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from alignment.__main__ import main
from alignment.analysis import analyze, selectable_functions, selectable_periods
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import disclosure
from alignment.ingest.cells import NOT_GIVEN
from alignment.ingest.load import load_files
from alignment.selection import Selection
from alignment.suppression import derivable

PLACEHOLDER_NOTE = "are LimeSurvey's anonymised placeholder 1980-01-01; no period taken from them"


def csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue().encode()


# ------------------------------------------------------------------ (a) LimeSurvey's anonymised submit date

LIME_HEAD = ["Response ID", "Date submitted", "Last page", "Start language", "Seed", "Function", "Department"]
LIME_HEAD += ["REL-1", "REL-2", "TRU-1"]


def limesurvey(dates: list[str]) -> bytes:
    """A LimeSurvey 'Full question text' export (its own bookkeeping columns), one respondent per date."""
    rows = []
    for n, date in enumerate(dates, start=1):
        function = "IT" if n % 2 else "Business"
        rows.append([n, date, 3, "en", 1000 + n, function, "Sales", 1 + n % 5, 1 + (n + 1) % 5, 1 + (n + 2) % 5])
    return csv_bytes(LIME_HEAD, rows)


def plain(dates: list[str]) -> bytes:
    """The same answers as a plain table (no survey tool recognised), with a 'submitted' column."""
    header = ["respondent_id", "submitted", "function", "department", "REL-1", "REL-2", "TRU-1"]
    rows = [
        [f"r{n}", date, "IT" if n % 2 else "Business", "Sales", 1 + n % 5, 1 + (n + 1) % 5, 1 + (n + 2) % 5]
        for n, date in enumerate(dates, start=1)
    ]
    return csv_bytes(header, rows)


@pytest.mark.parametrize("stamp", ["1980-01-01 00:00:00", "1980-01-01", "01/01/1980 00:00"])
def test_limesurveys_anonymised_submit_date_gives_no_period_and_no_date(stamp: str) -> None:
    loaded = load_files([("results-survey123.csv", limesurvey([stamp] * 12))])
    survey = loaded.survey
    assert survey.report.layout == "LimeSurvey"
    respondents = survey.respondents
    assert len(respondents) == 12
    assert set(respondents["period"]) == {NOT_GIVEN}  # not 1980-Q1
    assert respondents["submitted"].isna().all()  # no assessment date of 1980 either
    notes = [note for note in survey.report.notes if PLACEHOLDER_NOTE in note]
    assert len(notes) == 1 and "12 responses" in notes[0], survey.report.notes


def test_every_submit_date_1980_01_01_is_the_placeholder_in_any_file() -> None:
    survey = load_files([("responses.csv", plain(["1980-01-01 00:00:00"] * 8))]).survey
    assert survey.report.layout != "LimeSurvey"
    assert set(survey.respondents["period"]) == {NOT_GIVEN}
    assert survey.respondents["submitted"].isna().all()
    assert any(PLACEHOLDER_NOTE in note for note in survey.report.notes)


def test_in_a_plain_table_with_real_dates_1980_01_01_stays_a_date() -> None:
    """Only every date being 1980-01-01 (or LimeSurvey's export) says it is the placeholder."""
    survey = load_files([("responses.csv", plain(["1980-01-01", *["2026-03-05"] * 7]))]).survey
    assert sorted(set(survey.respondents["period"])) == ["1980-Q1", "2026-Q1"]
    assert not any(PLACEHOLDER_NOTE in note for note in survey.report.notes)


def test_in_a_limesurvey_export_only_the_placeholder_rows_lose_their_date() -> None:
    dates = ["1980-01-01 00:00:00"] * 3 + ["2026-03-05 10:00:00"] * 9
    survey = load_files([("results-survey123.csv", limesurvey(dates))]).survey
    periods = survey.respondents["period"].tolist()
    assert periods == [NOT_GIVEN] * 3 + ["2026-Q1"] * 9
    assert survey.respondents["submitted"].tolist()[3:] == [dt.date(2026, 3, 5)] * 9
    assert any(PLACEHOLDER_NOTE in note and "3 responses" in note for note in survey.report.notes)


def test_the_command_line_shows_the_note_and_no_1980_period(tmp_path, capsys) -> None:
    path = tmp_path / "results-survey123.csv"
    path.write_bytes(limesurvey(["1980-01-01 00:00:00"] * 12))
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1980-Q1" not in out
    assert any(line.startswith("note: ") and PLACEHOLDER_NOTE in line for line in out.splitlines()), out
    asm003 = next(line for line in out.splitlines() if line.startswith("ASM003"))
    assert "not_applicable" in asm003, asm003


def test_the_data_gives_no_1980_period_to_choose() -> None:
    data = Dataset.from_file("results-survey123.csv", limesurvey(["1980-01-01 00:00:00"] * 12))
    assert data.periods() == [NOT_GIVEN]
    assert "1980-Q1" not in selectable_periods(data, Settings())


# ------------------------------------------------------------------ (b) an unknown minority function value

K5 = Settings()


def functions_survey(groups: list[tuple[str, int, int]]) -> bytes:
    """groups: (function as written, respondents, REL answer); every respondent in one department and period.
    REL-1 and REL-2 both get the answer, TRU-1 gets 6 - answer."""
    rows, n = [], 0
    for function, count, answer in groups:
        for _ in range(count):
            n += 1
            rows.append([f"r{n}", function, "Ops", "2026-Q1", answer, answer, 6 - answer])
    return csv_bytes(["respondent_id", "function", "department", "period", "REL-1", "REL-2", "TRU-1"], rows)


def test_a_minority_function_value_counts_in_the_whole_and_not_in_the_split() -> None:
    # 20 IT answering 4, 20 Business answering 2, 6 'Biz' answering 5 (6 of 46: a minority, once dropped)
    data = Dataset.from_file("survey.csv", functions_survey([("IT", 20, 4), ("Business", 20, 2), ("Biz", 6, 5)]))
    report = data.report
    assert report.rows_kept == 46
    assert not any("function" in row["reason"] for row in report.dropped_rows)
    note = (
        "6 respondents whose function 'Biz' is neither IT nor Business are counted in the whole organisation and left "
        "out of the IT/Business comparison; map the value on the Home page's mapping to include them"
    )
    assert any(n.startswith(note) for n in report.notes), report.notes
    rel = next(t for t in analyze(data, K5).tactics if t.code == "REL")
    assert rel.n == 46
    assert rel.score == pytest.approx((20 * 4 + 20 * 2 + 6 * 5) / 46, abs=0.006)
    assert rel.it_score == pytest.approx(4.0) and rel.business_score == pytest.approx(2.0)
    assert selectable_functions(data, K5) == ["IT", "Business"]  # 'Biz' is no function to choose


def test_several_unknown_values_are_counted_together_in_one_note() -> None:
    data = Dataset.from_file(
        "survey.csv", functions_survey([("IT", 20, 4), ("Business", 20, 2), ("Biz", 4, 5), ("Ops team", 2, 5)])
    )
    assert data.report.rows_kept == 46
    note = next(n for n in data.report.notes if "neither IT nor Business" in n)
    assert note.startswith("6 respondents whose function is neither IT nor Business ('Biz' (4), 'Ops team' (2))")
    assert "map the values on the Home page's mapping to include them" in note


def _atoms(data: Dataset, tactic: str):
    return data.query(
        "SELECT coalesce(function, '?') AS function, sum(respondents) AS n FROM tactic_groups WHERE tactic = $t "
        "GROUP BY 1 ORDER BY 1",
        {"t": tactic},
    )


def test_a_small_group_of_unknown_function_values_cannot_be_worked_out() -> None:
    """3 'Biz' among 20 IT and 20 Business: the whole, IT and Business must never all be shown, else whole minus IT
    minus Business is the three; and 'Biz' (or 'unknown') is never a function to choose."""
    data = Dataset.from_file("survey.csv", functions_survey([("IT", 20, 4), ("Business", 20, 2), ("Biz", 3, 5)]))
    assert data.report.rows_kept == 43
    assert selectable_functions(data, K5) in ([], ["IT"], ["Business"], ["IT", "Business"])
    published = disclosure(data, K5.min_group_size)
    atoms = _atoms(data, "REL")
    assert atoms.set_index("function")["n"].to_dict() == {"?": 3, "Business": 20, "IT": 20}
    rows = []
    for function in (None, "IT", "Business"):
        figure = published.tactic("REL", Selection(function=function))
        if figure is not None and not figure.hidden:
            rows.append([float(function is None or function == f) for f in atoms["function"]])
    target = np.array([float(f == "?") for f in atoms["function"]])
    assert not derivable(np.array(rows).reshape(len(rows), len(atoms)), target)
    rel = next(t for t in analyze(data, K5).tactics if t.code == "REL")
    assert rel.n == 43  # the whole organisation still counts them
    shown = [rel.score, rel.it_score, rel.business_score]
    assert None in shown  # one of the three is held back


def test_the_command_line_reports_the_note(tmp_path, capsys) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes(functions_survey([("IT", 20, 4), ("Business", 20, 2), ("Biz", 6, 5)]))
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("note: 6 respondents whose function 'Biz'") for line in out.splitlines()), out


# ------------------------------------------------------------------ on screen


def test_home_shows_both_notes_after_an_upload() -> None:
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=90)
    at.run()
    at.file_uploader[0].set_value(("results-survey123.csv", limesurvey(["1980-01-01 00:00:00"] * 12), "text/csv")).run()
    assert not at.exception
    assert any(PLACEHOLDER_NOTE in box.value for box in at.info), [box.value for box in at.info]
    survey = functions_survey([("IT", 20, 4), ("Business", 20, 2), ("Biz", 6, 5)])
    at.file_uploader[0].set_value(("survey.csv", survey, "text/csv")).run()
    assert not at.exception
    assert any("6 respondents whose function 'Biz' is neither IT nor Business" in box.value for box in at.info)
