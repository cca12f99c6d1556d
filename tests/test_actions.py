"""The action plan: cleaning what a data editor returns, download and load again, bad files, formula-like text."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from alignment.actions import (
    ACTION_COLUMNS,
    STATUSES,
    actions_csv,
    actions_xlsx,
    clean_actions,
    empty_actions,
    read_actions,
)
from alignment.errors import InputError


def plan() -> pd.DataFrame:
    edited = pd.DataFrame(
        {
            "action": ["Monthly joint KPI review", '=HYPERLINK("http://x","click")', "Shadow a sales rep for a day"],
            "owner": ["Ana Müller", "+Bob", "@ops"],
            "due": [dt.date(2026, 3, 31), None, "2026-06-30"],
            "tactic": ["MET", "", "ROT"],
            "status": ["in progress", "open", "done"],
            "notes": ["starts after Q1 close", "-dash note", None],
        }
    )
    clean, problems = clean_actions(edited)
    assert problems == []
    return clean


def workbook_bytes(rows: list[list], title: str = "Sheet1") -> bytes:
    workbook = Workbook()
    workbook.active.title = title
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_empty_plan_has_the_columns_and_types():
    frame = empty_actions()
    assert tuple(frame.columns) == ACTION_COLUMNS == ("action", "owner", "due", "tactic", "status", "notes")
    assert str(frame["due"].dtype) == "datetime64[ns]"
    assert all(str(frame[c].dtype) == "string" for c in ACTION_COLUMNS if c != "due")
    assert STATUSES == ("open", "in progress", "done", "dropped")


def test_clean_strips_drops_empty_rows_reads_dates_and_normalises_values():
    edited = pd.DataFrame(
        {
            "action": ["  Joint roadmap session ", None, "", "Fix the ticket backlog"],
            "owner": [" CIO ", None, "  ", None],
            "due": ["2026-05-01", None, None, pd.Timestamp("2026-07-15 13:30")],
            "tactic": ["rel", None, None, "Get trust"],
            "status": ["In Progress", "open", None, None],
        }
    )
    clean, problems = clean_actions(edited)
    assert problems == []
    assert list(clean["action"]) == ["Joint roadmap session", "Fix the ticket backlog"]
    assert list(clean["owner"]) == ["CIO", ""]
    assert list(clean["due"]) == [pd.Timestamp("2026-05-01"), pd.Timestamp("2026-07-15")]
    assert list(clean["tactic"]) == ["REL", "TRU"]
    assert list(clean["status"]) == ["in progress", "open"]  # blank status is the default, open
    assert list(clean["notes"]) == ["", ""]  # optional column added


def test_clean_reports_each_bad_value_with_its_row_and_fix():
    edited = pd.DataFrame(
        {
            "action": ["Good one", "", "Third", "Fourth"],
            "owner": ["A", "Somebody", "C", "D"],
            "due": ["2026-01-01", None, "next week", None],
            "tactic": ["REL", "", "XYZ", ""],
            "status": ["open", "open", "open", "finished"],
        }
    )
    clean, problems = clean_actions(edited)
    assert len(clean) == 4  # nothing the user typed is dropped
    assert problems == [
        "Row 2: the action is empty. Write what will be done, or delete the row.",
        "Row 3: due 'next week' is not a date. Write it as YYYY-MM-DD (e.g. 2026-03-31), or leave it blank.",
        "Row 3: tactic 'XYZ' is not one of REL, TRU, MET, ROT, ASM, SRV. Pick one of them, or leave it blank for a general action.",
        "Row 4: status 'finished' is not one of 'open', 'in progress', 'done', 'dropped'. Pick one of them.",
    ]
    assert clean.loc[2, "tactic"] == "" and pd.isna(clean.loc[2, "due"]) and clean.loc[3, "status"] == "open"


def test_csv_round_trip_equals_the_saved_plan():
    saved = plan()
    loaded = read_actions("plan.csv", actions_csv(saved))
    pd.testing.assert_frame_equal(loaded, saved)
    assert loaded.loc[1, "action"] == '=HYPERLINK("http://x","click")'


def test_xlsx_round_trip_equals_the_saved_plan():
    saved = plan()
    data = actions_xlsx(saved)
    pd.testing.assert_frame_equal(read_actions("plan.xlsx", data), saved)
    sheet = load_workbook(io.BytesIO(data))["Actions"]
    assert [c.value for c in sheet[1]] == ["Action", "Owner", "Due", "Tactic", "Status", "Notes"]
    assert sheet["C2"].value == dt.datetime(2026, 3, 31) and sheet["C2"].number_format == "yyyy-mm-dd"


def test_formula_like_text_is_neutralised_in_both_files():
    saved = plan()
    rows = list(csv.reader(io.StringIO(actions_csv(saved).decode("utf-8-sig"))))
    assert rows[2][0] == '\'=HYPERLINK("http://x","click")'
    assert rows[2][1] == "'+Bob" and rows[3][1] == "'@ops" and rows[2][5] == "'-dash note"
    assert rows[1][0] == "Monthly joint KPI review"  # plain text untouched
    sheet = load_workbook(io.BytesIO(actions_xlsx(saved)))["Actions"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert sheet["A3"].value.startswith("'=")


def test_a_semicolon_csv_and_extra_columns_load():
    text = "Action;Owner;Due date;Tactic;Status;Priority\nWeekly stand-up;IT lead;2026-02-01;rel;Done;high\n"
    loaded = read_actions("plan.csv", text.encode("cp1252"))
    assert loaded.loc[0, ["action", "owner", "tactic", "status"]].tolist() == ["Weekly stand-up", "IT lead", "REL", "done"]
    assert loaded.loc[0, "due"] == pd.Timestamp("2026-02-01")


def test_the_report_workbooks_actions_sheet_loads_below_a_title_row():
    rows = [
        ["Action plan, 2026-Q1"],
        [],
        ["Action", "Owner", "Due", "Tactic", "Status"],
        ["Rotate one engineer", "HR", dt.datetime(2026, 9, 1), "ROT", "open"],
    ]
    data = workbook_bytes([["Summary"]], "Summary")
    workbook = load_workbook(io.BytesIO(data))
    actions = workbook.create_sheet("Actions")
    for row in rows:
        actions.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    loaded = read_actions("report.xlsx", buffer.getvalue())
    assert loaded["action"].tolist() == ["Rotate one engineer"] and loaded.loc[0, "due"] == pd.Timestamp("2026-09-01")


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("plan.csv", b"", "'plan.csv' is empty (0 bytes)."),
        ("plan.csv", b"\x00\x01\x02binary", "'plan.csv' is neither a CSV file nor an Excel workbook."),
        ("plan.csv", b"name,score\nREL,3.2\n", "'plan.csv' has no 'Action' column in its first 10 rows"),
        ("plan.xlsx", b"PK\x03\x04 not really a zip", "'plan.xlsx' looks like a workbook (zip archive) but is damaged"),
        ("plan.xlsx", b"just text", "'plan.xlsx' is named like an Excel workbook but its content is not a spreadsheet."),
        ("plan.csv", b"Action,Owner\n", "The action plan in 'plan.csv' has its columns but no actions."),
        (
            "plan.csv",
            b"Action,Due,Status\nKick-off,soon,open\n",
            "The action plan in 'plan.csv' has 1 problem: Row 2 of 'plan.csv': due 'soon' is not a date.",
        ),
        (
            "plan.csv",
            b"Action,Tactic\nA,REL\nB,FOO\n",
            "Row 3 of 'plan.csv': tactic 'FOO' is not one of REL, TRU, MET, ROT, ASM, SRV.",
        ),
    ],
)
def test_bad_files_give_a_specific_input_error(filename, data, expected):
    with pytest.raises(InputError) as caught:
        read_actions(filename, data)
    assert expected in caught.value.message
    assert caught.value.hint


def test_a_workbook_without_an_actions_sheet_names_its_sheets():
    data = workbook_bytes([["x"]], "Scores")
    workbook = load_workbook(io.BytesIO(data))
    workbook.create_sheet("Findings")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(InputError, match=r"has no sheet named 'Actions' \(its sheets: Scores, Findings\)"):
        read_actions("report.xlsx", buffer.getvalue())


@pytest.mark.parametrize(
    ("dues", "expected"),
    [
        (["31/03/2026", "4/5/2026"], ["2026-03-31", "2026-05-04"]),  # a day above 12 first: day first for all
        (["3/31/2026", "4/5/2026"], ["2026-03-31", "2026-04-05"]),  # month first
        (["31.03.2026", "04.05.26"], ["2026-03-31", "2026-05-04"]),  # dotted dates are day first
    ],
)
def test_dates_a_spreadsheet_rewrote_when_saving_the_csv_load(dues, expected):
    text = "Action,Due\n" + "".join(f"Step {i},{due}\n" for i, due in enumerate(dues))
    loaded = read_actions("plan.csv", text.encode())
    assert [d.date().isoformat() for d in loaded["due"]] == expected


def test_a_local_date_that_could_be_either_way_round_is_a_problem():
    with pytest.raises(InputError) as caught:
        read_actions("plan.csv", b"Action,Due\nStep,4/5/2026\n")
    assert "Row 2 of 'plan.csv': due '4/5/2026' is not a date (day and month could be either way round)." in caught.value.message
