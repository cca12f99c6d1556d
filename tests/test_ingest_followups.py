"""Follow-ups to issue 10 found by an independent test of real-looking exports: each case failed before its fix."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import warnings

import pytest

from alignment.ingest.cells import date_from_value
from alignment.ingest.evidence import parse_date
from alignment.ingest.load import load_survey
from alignment.ingest.scales import detect_scale
from alignment.ingest.survey import SurveyTables


def csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def item_scores(tables: SurveyTables, item: str) -> list[float]:
    frame = tables.scores_arrow.to_pandas()
    return [float(v) for v in frame[item] if v == v]


# 1. a 4-point scale written as numbers with its ends labelled is 1-4, not 1-5


@pytest.mark.parametrize(
    "values",
    [
        ["1 - Strongly disagree", "2", "3", "4 - Strongly agree"],
        ["1 - Strongly disagree", "2 - Disagree", "3 - Agree", "4 - Strongly agree"],
        ["(1) Strongly disagree", "(2) Disagree", "(3) Agree", "(4) Strongly agree"],
        ["Strongly disagree (1)", "2", "3", "Strongly agree (4)"],
        ["1 = Strongly disagree", "2", "3", "4 = Strongly agree"],
    ],
)
def test_numbers_whose_labelled_top_is_4_are_a_four_point_scale(values: list[str]) -> None:
    assert detect_scale(values).name == "numeric-1-4"


def test_a_labelled_midpoint_still_says_the_scale_is_longer() -> None:
    # "4 - Neither agree nor disagree" is the middle of seven points, whatever "5 - Strongly agree" says
    assert detect_scale(["4 - Neither agree nor disagree", "5 - Strongly agree"]).name == "numeric-1-7"
    assert detect_scale(["1 - Strongly disagree", "2", "3", "4", "5 - Strongly agree"]).name == "numeric-1-5"


def test_a_four_point_export_with_end_labels_scores_on_one_to_four() -> None:
    header = ["respondent_id", "function", "TRU-1 I am confident that IT can deliver what the business needs."]
    answers = ["1 - Strongly disagree", "2", "3", "4 - Strongly agree", "4 - Strongly agree", "3"]
    rows = [[f"r{i + 1}", "IT" if i < 3 else "Business", answer] for i, answer in enumerate(answers)]
    tables = load_survey("four_point.csv", csv_bytes(header, rows))
    # by hand: positions 1,2,3,4,4,3 on 1-4 -> 1 + (x - 1) * 4 / 3 = 1, 2.33, 3.67, 5, 5, 3.67; mean 20.67 / 6
    by_hand = [1.0, 1 + 4 / 3, 1 + 8 / 3, 5.0, 5.0, 1 + 8 / 3]
    assert item_scores(tables, "TRU-1") == pytest.approx(by_hand)
    assert sum(by_hand) / 6 == pytest.approx(3.444, abs=0.001)
    scale = next(c for c in tables.report.column_scales if c.get("item") == "TRU-1")
    assert (scale["scale"], scale["points"]) == ("numeric-1-4", 4)


# 2-5. the command line's validation summary, row counts, warnings and --period

REL = {
    "REL-1": "IT and business leaders regularly discuss business imperatives together.",
    "REL-2": "IT explains technical options, pitfalls and limits in plain language.",
    "REL-3": "The business shares its needs and plans with IT early and openly.",
}
BOOKKEEPING = ["StartDate", "EndDate", "Status", "Progress", "Finished", "RecordedDate", "ResponseId", "UserLanguage"]
BOOKKEEPING_TEXT = ["Start Date", "End Date", "Response Type", "Progress", "Finished", "Recorded Date", "Response ID"]
BOOKKEEPING_TEXT += ["User Language"]
IMPORT_IDS = ["startDate", "endDate", "status", "progress", "finished", "recordedDate", "_recordId", "userLanguage"]
AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


def qualtrics_export() -> tuple[bytes, list[list[int]]]:
    """A Qualtrics CSV export (3 header rows) of a REL matrix with 12 responses, then 2 previews and a spam
    response at the end; respondent 5 answers function 'Biz' (kept), respondent 3 types 'Agre' for REL-2. Returns the
    file and, per kept respondent, the positions 1-5 answered (0 for the unread typo)."""
    header = [*BOOKKEEPING, "QF", "Q1_1", "Q1_2", "Q1_3"]
    texts = [*BOOKKEEPING_TEXT, "Do you work in IT or in the business?"]
    texts += [f"How much do you agree with the following statements? - {text}" for text in REL.values()]
    imports = [f'{{"ImportId":"{i}"}}' for i in [*IMPORT_IDS, "QID5", "QID1_1", "QID1_2", "QID1_3"]]
    rows, kept = [], []
    for index in range(15):
        status = "Survey Preview" if index in (12, 13) else "Spam" if index == 14 else "IP Address"
        function = "Biz" if index == 4 else ("IT" if index % 2 else "Business")
        positions = [1 + (index + k) % 5 for k in range(3)]
        answers = [AGREE[p - 1] for p in positions]
        if index == 2:
            answers[1], positions[1] = "Agre", 0
        day = f"2026-05-{index + 1:02d}"
        rows.append([f"{day} 09:00:00", f"{day} 09:07:00", status, "100", "True", f"{day} 09:07:00", f"R_{index:03d}xYz", "EN"])
        rows[-1] += [function, *answers]
        if status == "IP Address":
            kept.append(positions)
    return csv_bytes(header, [texts, imports, *rows]), kept


def run_analyze(tmp_path, capsys, name: str, data: bytes, *args: str) -> tuple[int, str, str]:
    from alignment.__main__ import main

    path = tmp_path / name
    path.write_bytes(data)
    code = main(["analyze", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_validation_examples_carry_their_own_values_and_suggestions(tmp_path, capsys) -> None:
    data, _ = qualtrics_export()
    code, out, err = run_analyze(tmp_path, capsys, "qualtrics.csv", data)
    assert code == 0, err
    summary = out[out.index("\nvalidation:\n") :]
    # grouped by the reason's kind, each example with the value its reason named
    assert (
        "dropped 2: Qualtrics preview response (Status '…') (e.g. row 16: 'Survey Preview'; row 17: 'Survey Preview')" in summary
    )
    assert "dropped 1: Qualtrics spam response (Status '…') (e.g. row 18: 'Spam')" in summary
    # the 'Biz' respondent is kept (counted in the whole organisation), its function cell reported (issue 17, 15)
    assert (
        "unread 1: '…' is not IT or Business (map the value to IT, Business or ignore); counted in overall scores, "
        "not in the IT/Business split (e.g. 'Biz' (row 8, column I))" in summary
    )
    assert "(e.g. 'Agre' (row 6, column K): did you mean 'Agree'?)" in summary
    code, out, _ = run_analyze(tmp_path, capsys, "qualtrics.csv", data, "--json")
    validation = json.loads(out)["validation"]
    unread = validation["cells"]["unread"]
    by_reason = {u["reason"]: (u["count"], u["examples"]) for u in unread}
    typo = next(reason for reason in by_reason if reason.startswith("'…' is not an answer on the agreement 5-point scale"))
    assert "(did you mean '…'?)" in typo
    assert by_reason[typo] == (1, ["'Agre' (row 6, column K): did you mean 'Agree'?"])
    assert validation["cells"]["unread_answers"] == 1  # the function cell is no answer left unread
    dropped = {d["reason"]: d["examples"] for d in validation["rows"]["dropped"]}
    assert dropped["Qualtrics spam response (Status '…')"] == ["row 18: 'Spam'"]


def test_a_duplicate_id_example_names_the_id(tmp_path, capsys) -> None:
    rows = [["r1", "IT", "Agree"], ["r2", "Business", "Agree"], ["r1", "IT", "Disagree"]]
    code, out, _ = run_analyze(tmp_path, capsys, "dupes.csv", csv_bytes(["respondent_id", "function", "REL-1"], rows))
    assert code == 0
    assert "dropped 1: duplicate respondent id '…' (e.g. row 4: 'r1')" in out


def test_rows_read_counts_every_data_row_kept_or_dropped(tmp_path, capsys) -> None:
    data, kept = qualtrics_export()
    assert len(kept) == 12  # 15 responses: 2 previews and 1 spam dropped; the 'Biz' one counts in the whole
    code, out, _ = run_analyze(tmp_path, capsys, "qualtrics.csv", data)
    assert code == 0
    assert "rows: 12 of 15 kept" in out
    code, out, _ = run_analyze(tmp_path, capsys, "qualtrics.csv", data, "--json")
    assert code == 0
    rows = json.loads(out)["validation"]["rows"]
    assert (rows["read"], rows["kept"], sum(d["count"] for d in rows["dropped"])) == (15, 12, 3)
    from alignment.ingest.load import load_files

    report = load_files([("qualtrics.csv", data)]).survey.report  # as Home's status line says it
    assert report.summary().startswith("12 of 15 rows kept; 3 rows and")


def test_the_unread_warning_is_in_the_json_warnings_as_in_the_text(tmp_path, capsys) -> None:
    # 3 of 18 answers are typos (17 %): more than 5 % unread
    rows = [[f"r{i}", "IT" if i % 2 else "Business", AGREE[i % 5], "Agre" if i < 3 else AGREE[(i + 1) % 5]] for i in range(9)]
    data = csv_bytes(["respondent_id", "function", "REL-1", "REL-2"], rows)
    code, out, _ = run_analyze(tmp_path, capsys, "typos.csv", data)
    text_warnings = [line[len("warning: ") :] for line in out.splitlines() if line.startswith("warning: ")]
    unread = [w for w in text_warnings if w.startswith("17% of the answers (3 of 18) could not be read")]
    assert len(unread) == 1
    code, out, _ = run_analyze(tmp_path, capsys, "typos.csv", data, "--json")
    assert code == 0
    assert json.loads(out)["warnings"] == text_warnings


@pytest.mark.parametrize("spelling", ["2026-q2", "Q2 2026", "2026 Q2", "2026-Q2"])
def test_period_option_takes_the_spellings_the_data_takes(tmp_path, capsys, spelling: str) -> None:
    rows = [[f"r{i}", "2026-q1" if i < 6 else "2026 q2", "IT" if i % 2 else "Business", AGREE[i % 5]] for i in range(12)]
    data = csv_bytes(["respondent_id", "period", "function", "REL-1"], rows)
    code, out, err = run_analyze(tmp_path, capsys, "waves.csv", data, "--period", spelling)
    assert code == 0, err
    assert out.startswith("6 respondents in period 2026-Q2, periods: 2026-Q1, 2026-Q2")
    code, out, err = run_analyze(tmp_path, capsys, "waves.csv", data, "--period", "2026-Q3")
    assert code == 2 and "There is no survey period '2026-Q3'" in err


def test_report_period_option_is_normalised_too(tmp_path, capsys) -> None:
    from alignment.__main__ import main

    rows = [[f"r{i}", "2026-q1" if i < 6 else "2026 q2", "IT" if i % 2 else "Business", AGREE[i % 5]] for i in range(12)]
    survey = tmp_path / "waves.csv"
    survey.write_bytes(csv_bytes(["respondent_id", "period", "function", "REL-1"], rows))
    code = main(["report", str(survey), "--period", "q2 2026", "--out", str(tmp_path / "report.html")])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert (tmp_path / "report.html").stat().st_size > 0


# 6. dotted dates are day first (DD.MM.YYYY), read without pandas guessing (and warning on stderr)


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
    assert parse_date(text) == day  # the evidence tables read them the same way


def test_a_dotted_date_that_is_no_date_is_none() -> None:
    assert date_from_value("32.01.2026") is None
    assert date_from_value("05.13.2026") is None


def test_german_google_forms_timestamps_of_one_month_are_one_period(capfd) -> None:
    header = ["Zeitstempel", "Arbeiten Sie in der IT oder im Fachbereich?", f"Wie sehr stimmen Sie zu? [{REL['REL-1']}]"]
    german = ["Stimme überhaupt nicht zu", "Stimme nicht zu", "Weder noch", "Stimme zu", "Stimme voll und ganz zu"]
    # 1 to 28 April 2026, which month-first reading spreads over January ... December
    rows = [
        [f"{day:02d}.04.2026 10:{day:02d}:00", "IT" if day % 2 else "Fachbereich", german[day % 5]] for day in range(1, 29, 3)
    ]
    tables = load_survey("Umfrage (Antworten).csv", csv_bytes(header, rows))
    respondents = tables.respondents
    assert set(respondents["period"]) == {"2026-Q2"}
    assert sorted(respondents["submitted"].astype(str)) == [f"2026-04-{day:02d}" for day in range(1, 29, 3)]
    assert "dayfirst" not in capfd.readouterr().err


# 8. the "no recognisable item column" hint names both fixes: the app's guided import and, on the command line only,
# --mapping


def test_no_item_column_says_how_to_map_in_the_app_and_on_the_command_line(tmp_path, capsys) -> None:
    rows = [[f"p{i}", 1 + i % 5, 1 + (i + 2) % 5] for i in range(6)]
    code, out, err = run_analyze(tmp_path, capsys, "export.csv", csv_bytes(["id", "Q1", "Q2"], rows))
    assert code == 2 and not out
    assert "has no recognisable item column (headers seen: 'id', 'Q1', 'Q2')" in err
    assert "Assign its answer columns to statements in the guided import" in err
    assert "On the command line, pass a mapping file with --mapping" in err
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"columns": [{"header": "Q1", "target": "REL-1"}, {"header": "Q2", "target": "REL-2"}]}))
    code, out, err = run_analyze(tmp_path, capsys, "export.csv", csv_bytes(["id", "Q1", "Q2"], rows), "--mapping", str(mapping))
    assert code == 0, err  # the fix the hint names works
    score = sum((a + b) / 2 for _, a, b in rows) / len(rows)  # by hand: mean of each respondent's REL mean
    scores = json.loads(
        run_analyze(tmp_path, capsys, "export.csv", csv_bytes(["id", "Q1", "Q2"], rows), "--mapping", str(mapping), "--json")[1]
    )
    assert next(t["score"] for t in scores["tactics"] if t["code"] == "REL") == pytest.approx(score, abs=0.005)


def test_the_unread_warning_names_the_mapping_file_too(tmp_path, capsys) -> None:
    rows = [[f"r{i}", "IT" if i % 2 else "Business", AGREE[i % 5], "Agre" if i < 3 else AGREE[(i + 1) % 5]] for i in range(9)]
    code, out, _ = run_analyze(tmp_path, capsys, "typos.csv", csv_bytes(["respondent_id", "function", "REL-1", "REL-2"], rows))
    assert code == 0
    assert "or in a saved mapping file ('scale' / 'order')" in out
