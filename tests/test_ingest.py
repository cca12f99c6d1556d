"""Reading survey files: answer values, header matching, the validation report and bad input."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import pytest
from openpyxl import Workbook

from alignment.errors import InputError
from alignment.ingest.cells import period_from_date
from alignment.ingest.load import load_survey
from alignment.ingest.survey import SurveyTables
from alignment.items import ITEMS_BY_ID, header_for


def load_csv(text: str, name: str = "survey.csv", encoding: str = "utf-8") -> SurveyTables:
    return load_survey(name, text.encode(encoding))


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def answers_of(tables: SurveyTables, item: str) -> dict[str, tuple[int, int]]:
    frame = tables.answers[tables.answers["item"] == item]
    return {r.respondent: (int(r.answer), int(r.score)) for r in frame.itertuples()}


# ------------------------------------------------------------------------------ answer values


def test_labels_numbers_and_reverse_coding_in_a_file() -> None:
    # REL-5 is reverse-coded: score = 6 - answer
    tables = load_csv(
        "respondent_id,function,REL-1,REL-5\n"
        "a,IT,Strongly agree,Agree\n"
        "b,IT,4.0,1\n"
        "c,Business,5 - Strongly agree,N/A\n"
        "d,Business,2,Don't know\n"
        "e,Business,,Strongly disagree\n"
    )
    assert answers_of(tables, "REL-1") == {"a": (5, 5), "b": (4, 4), "c": (5, 5), "d": (2, 2)}
    assert answers_of(tables, "REL-5") == {"a": (4, 2), "b": (1, 5), "e": (1, 5)}
    assert tables.report.cell_issues == []
    assert tables.report.rows_kept == 5


def test_numeric_cells_in_a_workbook() -> None:
    data = xlsx_bytes({"Responses": [["function", "REL-1", "REL-2"], ["IT", 4, 4.0], ["Business", 1.0, "3"], ["IT", 4.5, 5]]})
    tables = load_survey("survey.xlsx", data)
    by_row = dict(zip(tables.respondents["respondent"], tables.respondents["source_row"], strict=True))
    assert by_row == {"Responses-row2": 2, "Responses-row3": 3, "Responses-row4": 4}
    assert answers_of(tables, "REL-1") == {"Responses-row2": (4, 4), "Responses-row3": (1, 1)}
    assert answers_of(tables, "REL-2") == {"Responses-row2": (4, 4), "Responses-row3": (3, 3), "Responses-row4": (5, 5)}
    [issue] = tables.report.cell_issues
    assert (issue["row"], issue["column"], issue["value"]) == (4, "B", "4.5")


def test_invalid_values_are_reported_and_treated_as_no_answer() -> None:
    tables = load_csv(
        "respondent_id,REL-1,REL-2,TRU-1\n"  # row 1
        "r1,4,17,3\n"  # row 2: C2 = 17 is off every scale
        "r2,maybe,2,5\n"  # row 3: B3 = maybe is not an answer
    )
    issues = {(i["row"], i["column"]): i for i in tables.report.cell_issues}
    assert set(issues) == {(2, "C"), (3, "B")}
    assert issues[(2, "C")]["value"] == "17"
    assert issues[(3, "B")]["value"] == "maybe"
    assert all("no answer" in i["reason"] for i in issues.values())
    assert all(i["file"] == "survey.csv" for i in issues.values())
    assert answers_of(tables, "REL-1") == {"r1": (4, 4)}
    assert answers_of(tables, "REL-2") == {"r2": (2, 2)}
    assert tables.report.rows_kept == 2  # both still have other answers


# ------------------------------------------------------------------------------------ headers


def test_headers_matched_by_id_and_by_text() -> None:
    tru1 = ITEMS_BY_ID["TRU-1"].text  # exact text, with its full stop
    met2 = ITEMS_BY_ID["MET-2"].text.rstrip(".").upper()  # text, other case, without the full stop
    rel5 = header_for(ITEMS_BY_ID["REL-5"])  # the template's "id text" header
    tables = load_csv(f'Respondent ID,Dept,rel_1,"{tru1}",{met2},{rel5},REL-O\nx,Sales,4,5,2,Agree,Talk more\n')
    mapped = {m["header"]: m["maps_to"] for m in tables.report.mapped_columns}
    assert mapped == {
        "Respondent ID": "respondent_id",
        "Dept": "department",
        "rel_1": "REL-1",
        tru1: "TRU-1",
        met2: "MET-2",
        rel5: "REL-5",
        "REL-O": "REL-O",
    }
    assert answers_of(tables, "TRU-1") == {"x": (5, 5)}
    assert answers_of(tables, "MET-2") == {"x": (2, 2)}
    assert answers_of(tables, "REL-5") == {"x": (4, 2)}
    assert tables.comments.to_dict("records") == [{"respondent": "x", "item": "REL-O", "tactic": "REL", "text": "Talk more"}]
    assert tables.respondents.loc[0, "department"] == "Sales"


def test_unrecognised_columns_are_dropped_and_reported() -> None:
    tables = load_csv("respondent_id,Email,REL-1,Favourite colour,REL-99,,TRU-1\nr1,ann@example.com,4,blue,3,stray value,5\n")
    dropped = {d["column"]: d for d in tables.report.dropped_columns}
    assert set(dropped) == {"B", "D", "E", "F"}
    assert dropped["B"]["header"] == "Email"
    assert dropped["D"]["header"] == "Favourite colour"
    assert dropped["E"]["header"] == "REL-99"  # looks like an id, but no such item
    assert dropped["F"]["reason"] == "no header"
    # the dropped values reach none of the tables
    everything = " ".join(frame.astype(str).to_csv() for frame in (tables.respondents, tables.answers, tables.comments))
    assert "ann@example.com" not in everything and "blue" not in everything and "stray" not in everything
    assert answers_of(tables, "REL-1") == {"r1": (4, 4)}


def test_duplicate_item_columns_are_reported() -> None:
    rel1_text = ITEMS_BY_ID["REL-1"].text
    tables = load_csv(f"respondent_id,REL-1,{rel1_text},REL 1\nr1,4,2,1\n")
    dropped = {d["column"]: d["reason"] for d in tables.report.dropped_columns}
    assert set(dropped) == {"C", "D"}
    assert all("duplicate" in reason and "REL-1" in reason and "column B" in reason for reason in dropped.values())
    assert answers_of(tables, "REL-1") == {"r1": (4, 4)}  # the first column wins


# --------------------------------------------------------------------------------------- rows


def test_rows_without_answers_and_duplicate_ids_are_reported() -> None:
    tables = load_csv(
        "Survey export 2026-03-01\n"  # row 1: a title line above the header
        "respondent_id,function,department,REL-1,REL-2,REL-O\n"  # row 2: header
        "r1,IT,Infra,4,5,\n"  # row 3
        "r2,Business,Sales,N/A,,\n"  # row 4: no answer at all
        ",,,,,\n"  # row 5: blank spacer, not data
        "r1,Business,Sales,2,2,\n"  # row 6: duplicate id
        "r3,Business,Sales,,,Only a comment\n"  # row 7: a comment counts as an answer
        "r4,Business,Sales,Agree,Don't know,\n"  # row 8
    )
    report = tables.report
    dropped = {(d["row"], d["reason"]) for d in report.dropped_rows}
    assert dropped == {(1, "above the header row"), (4, "no item answered"), (6, "duplicate respondent id 'r1'")}
    assert tables.respondents["respondent"].tolist() == ["r1", "r3", "r4"]
    assert tables.respondents["source_row"].tolist() == [3, 7, 8]
    assert tables.respondents.set_index("respondent").loc["r1", "function"] == "IT"  # the first r1 is kept
    # nothing silently lost: 5 non-blank data rows (3, 4, 6, 7, 8) = 3 kept + 2 dropped
    assert report.rows_read == 5
    assert report.rows_kept == 3
    data_rows_dropped = [d for d in report.dropped_rows if d["row"] > 2]
    assert report.rows_read == report.rows_kept + len(data_rows_dropped)
    assert "3 of 5 rows kept" in report.summary()


def test_function_values() -> None:
    tables = load_csv(
        "respondent_id,function,REL-1\n"
        "a,it,4\n"  # row 2
        "b,BUSINESS,4\n"  # row 3
        "c,Finance,4\n"  # row 4: an unknown value, counted overall and reported (a value mapping brings it into the split)
        "d,,4\n"  # row 5
    )
    functions = dict(zip(tables.respondents["respondent"], tables.respondents["function"], strict=True))
    assert functions == {"a": "IT", "b": "Business", "c": None, "d": None}
    issues = {i["row"]: i for i in tables.report.cell_issues}
    assert set(issues) == {4, 5}
    assert "missing" in issues[5]["reason"]
    assert issues[4]["reason"].startswith("'Finance' is not IT or Business (map the value to IT, Business or ignore)")
    assert tables.report.dropped_rows == []
    assert tables.report.rows_kept == 4  # the unknown and the blank function are still counted in the overall scores


def test_missing_meta_columns_give_warnings() -> None:
    tables = load_csv("REL-1\n4\n5\n")
    warnings = " ".join(tables.report.warnings)
    assert "function" in warnings and "department" in warnings and "period" in warnings
    assert set(tables.respondents["period"]) == {"(not given)"}
    assert tables.respondents["respondent"].tolist() == ["survey-row2", "survey-row3"]


# ------------------------------------------------------------------------------------ periods


@pytest.mark.parametrize(
    "value, period",
    [
        ("2026-02-10", "2026-Q1"),
        ("2025-12-31", "2025-Q4"),
        ("2026-07-01T09:30:00", "2026-Q3"),
        (dt.date(2026, 4, 1), "2026-Q2"),
        (dt.datetime(2026, 3, 31, 23, 59), "2026-Q1"),
        (46063, "2026-Q1"),  # Excel serial for 2026-02-10 (days since 1899-12-30)
        (46063.75, "2026-Q1"),
        ("46063", "2026-Q1"),  # the same serial, saved as text in a CSV
        (45657, "2024-Q4"),  # 2024-12-31
        ("", None),
        (None, None),
        ("not a date", None),
    ],
)
def test_period_from_date(value: object, period: str | None) -> None:
    assert period_from_date(value) == period


def test_period_derived_from_submitted_column() -> None:
    tables = load_csv("respondent_id,submitted,REL-1\na,2026-02-10,4\nb,2025-11-03,3\nc,,2\n")
    periods = dict(zip(tables.respondents["respondent"], tables.respondents["period"], strict=True))
    assert periods == {"a": "2026-Q1", "b": "2025-Q4", "c": "(not given)"}


def test_period_column_wins_over_submitted() -> None:
    tables = load_csv("period,submitted,REL-1\nWave 3,2026-02-10,4\n,2026-05-02,4\n")
    assert tables.respondents["period"].tolist() == ["Wave 3", "2026-Q2"]


def test_period_from_excel_dates_and_serials() -> None:
    data = xlsx_bytes(
        {
            "Responses": [
                ["respondent_id", "submitted", "REL-1"],
                ["a", dt.date(2026, 2, 10), 4],
                ["b", 46063, 4],  # a serial number without date formatting
                ["c", dt.datetime(2025, 10, 1, 8, 0), 4],
            ]
        }
    )
    tables = load_survey("survey.xlsx", data)
    assert tables.respondents["period"].tolist() == ["2026-Q1", "2026-Q1", "2025-Q4"]


# -------------------------------------------------------------------------- CSV dialects


CSV_ROWS = [
    ["respondent_id", "function", "department", "REL-1", "REL-5", "REL-O"],
    ["r1", "IT", "Bücher", "Agree", "Don\u2019t know", "Café talks, weekly"],
    ["r2", "Business", "Straße", "2", "Strongly disagree", ""],
]


def _expect_csv_rows(tables: SurveyTables) -> None:
    assert tables.respondents["department"].tolist() == ["Bücher", "Straße"]
    assert answers_of(tables, "REL-1") == {"r1": (4, 4), "r2": (2, 2)}
    assert answers_of(tables, "REL-5") == {"r2": (1, 5)}
    assert tables.comments["text"].tolist() == ["Café talks, weekly"]
    assert tables.report.cell_issues == []
    assert tables.report.dropped_columns == []


def _csv_text(delimiter: str) -> str:
    lines = []
    for row in CSV_ROWS:
        lines.append(delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in row))
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters(delimiter: str) -> None:
    _expect_csv_rows(load_csv(_csv_text(delimiter)))


def test_csv_with_utf8_bom() -> None:
    data = _csv_text(";").encode("utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")
    tables = load_survey("survey.csv", data)
    _expect_csv_rows(tables)
    assert tables.report.mapped_columns[0]["header"] == "respondent_id"  # the BOM is not part of the header


def test_csv_in_cp1252() -> None:
    data = _csv_text(";").encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    _expect_csv_rows(load_survey("survey.csv", data))


def test_csv_in_utf16() -> None:
    _expect_csv_rows(load_survey("survey.csv", _csv_text("\t").encode("utf-16")))


def _large_csv(last_department: str, filler_department: str = "Ops", pad: int = 0) -> str:
    """Over 200 kB: the encoding first shows (or breaks) far below the first bytes the header is read from."""
    lines = ["respondent_id;function;department;REL-1" + " " * pad]
    lines += [f"f{i:05d};IT;{filler_department};Agree" for i in range(10000)]
    lines.append(f"last;Business;{last_department};Disagree")
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_large_csv_whose_special_characters_come_late(encoding: str) -> None:
    data = _large_csv("Straße Café").encode(encoding)
    assert len(data) > 200_000 and data[:200_000].removeprefix(b"\xef\xbb\xbf").isascii()
    tables = load_survey("survey.csv", data)
    assert tables.report.rows_kept == 10001
    assert tables.respondents["department"].tolist()[-1] == "Straße Café"
    assert answers_of(tables, "REL-1")["last"] == (2, 2)


def test_large_utf8_csv_with_a_character_across_the_first_bytes() -> None:
    cut = 200_000
    first_after = _large_csv("Straße", filler_department="Bücher").encode("utf-8").index("ü".encode(), cut - 40)
    data = _large_csv("Straße", filler_department="Bücher", pad=cut - 1 - first_after).encode("utf-8")
    assert data[cut - 1 : cut + 1] == "ü".encode()  # the first bytes end inside ü
    tables = load_survey("survey.csv", data)
    assert set(tables.respondents["department"]) == {"Bücher", "Straße"}
    assert tables.report.rows_kept == 10001


# ---------------------------------------------------------------------------------- bad input


def _raises(filename: str, data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        load_survey(filename, data)
    return str(caught.value)


def test_empty_file() -> None:
    message = _raises("survey.xlsx", b"")
    assert "'survey.xlsx' is empty" in message and "0 bytes" in message


def test_blank_text_file() -> None:
    assert "no data" in _raises("survey.csv", b" \r\n\r\n  ")


def test_text_renamed_xlsx() -> None:
    message = _raises("survey.xlsx", b"respondent_id,REL-1\nr1,4\n")
    assert "named like an Excel workbook" in message and "not a spreadsheet" in message


def test_random_bytes_renamed_xlsx() -> None:
    noise = bytes(random.Random(7).randrange(256) for _ in range(4096))
    assert "not a spreadsheet" in _raises("survey.xlsx", noise)


def test_binary_renamed_csv() -> None:
    assert "neither a spreadsheet nor a text" in _raises("survey.csv", b"\x00\x01\x02binary\x00" * 50)


def test_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    assert "is a zip archive but not a spreadsheet" in _raises("survey.xlsx", buffer.getvalue())


def test_workbook_without_responses_sheet() -> None:
    data = xlsx_bytes(
        {
            "Summary": [["Quarter", "Notes"], ["2026-Q1", "kick-off"]],
            "Departments": [["department", "function"], ["Sales", "Business"]],
            "Raw": [["a", "b"], [1, 2]],
        }
    )
    message = _raises("survey.xlsx", data)
    assert "no 'Responses' sheet" in message
    assert "Summary" in message and "Departments" in message and "Raw" in message


def test_workbook_responses_found_on_another_sheet_by_its_headers() -> None:
    data = xlsx_bytes({"Notes": [["read me"]], "Form1": [["function", "REL-1"], ["IT", 4]]})
    tables = load_survey("forms.xlsx", data)
    assert answers_of(tables, "REL-1") == {"Form1-row2": (4, 4)}


def test_responses_sheet_without_item_columns() -> None:
    data = xlsx_bytes({"Responses": [["Name", "Score", "Comment"], ["Ann", 4, "ok"]], "Other": [["x"]]})
    message = _raises("survey.xlsx", data)
    assert "no recognisable item column" in message
    assert "'Name'" in message and "'Score'" in message
    assert "REL-1" in message  # the hint names an example id


def test_csv_without_item_columns() -> None:
    assert "no recognisable item column" in _raises("survey.csv", b"name,score\nAnn,4\n")


def test_empty_responses_sheet() -> None:
    message = _raises("survey.xlsx", xlsx_bytes({"Responses": [], "KPIs": [["kpi"], ["uptime"]]}))
    assert "'Responses' sheet" in message and "empty" in message


def test_header_without_answers() -> None:
    assert "no row with an answer" in _raises("survey.csv", b"respondent_id,REL-1,REL-2\nr1,N/A,\n")


def test_malformed_csv() -> None:
    # a field longer than the csv module's limit used to escape as a raw csv.Error, then refused the whole file; it is
    # read now, cut to MAX_CELL_CHARS (test_csv_reading), and here the one answer it holds is not on a scale
    message = _raises("survey.csv", ('REL-1,function\n"' + "x" * 200_000 + '",IT\n').encode())
    assert "not a well-formed CSV" not in message and "none of the 1 answers could be read" in message


# ------------------------------------------------------------------------------ the sample


def test_sample_workbook_loses_nothing(sample_xlsx_bytes: bytes) -> None:
    tables = load_survey("alignment_sample.xlsx", sample_xlsx_bytes)
    report = tables.report
    assert report.rows_read == report.rows_kept == 240
    assert report.dropped_rows == [] and report.dropped_columns == [] and report.cell_issues == []
    assert len(report.mapped_columns) == 6 + len(ITEMS_BY_ID)


# ------------------------------------------------- a workbook's Responses sheet: fast path = row by row


def _awkward_workbook() -> bytes:
    """A Responses sheet with everything that could shift a row or column number or change a cell's text:
    a title above a blank row, the table starting in column B, numbers, dates, serials, bad answers, blank,
    duplicate and unanswered rows, a direct identifier and a column of data without a header."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Responses"
    sheet["C1"] = "Q3 alignment survey"
    header = ["respondent_id", "submitted", "function", "department", "Email", "REL-1", "REL-2", "TRU-1", "REL-O", None]
    body = [
        ["r1", dt.date(2026, 2, 1), "IT", "Finance", "a@x.org", 4, "Agree", 4.0, "More demos", "x"],
        ["r2", dt.datetime(2026, 5, 3, 9, 30), "business", "Sales", "b@x.org", "5 - Strongly agree", 2.0, "N/A", None, None],
        [None] * 10,
        ["r3", 46100, "IT", " Finance ", None, 17, "maybe", 3, "  ", None],
        ["r4", "2026-08-09", "Other", "Sales", None, None, None, None, None, None],
        ["r1", "2026-03-10", "IT", "Finance", None, 1, 1, 1, "dup", None],  # same quarter as r1: a duplicate
        ["r5", "2026-11-11", None, None, None, 4.5, "Strongly disagree", "3.0", "Fine", 12.0],
    ]
    for row_number, row in enumerate([header, *body], start=3):
        for column, value in enumerate(row, start=2):
            sheet.cell(row=row_number, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_responses_sheet_fast_path_matches_the_row_by_row_parser() -> None:
    from alignment.ingest.read import WorkbookSheet, read_sheets
    from alignment.ingest.survey import parse_responses, parse_source_responses

    data = _awkward_workbook()
    fast = parse_source_responses("awkward.xlsx", "Responses", WorkbookSheet("awkward.xlsx", "Responses", data))
    slow = parse_responses("awkward.xlsx", "Responses", read_sheets("awkward.xlsx", data)["Responses"])
    for name in ("respondents", "answers", "comments"):
        assert getattr(fast, name).to_dict("records") == getattr(slow, name).to_dict("records"), name
    for part in ("dropped_rows", "dropped_columns", "cell_issues", "mapped_columns", "warnings"):
        assert getattr(fast.report, part) == getattr(slow.report, part), part
    assert (fast.report.rows_read, fast.report.rows_kept) == (slow.report.rows_read, slow.report.rows_kept)


def test_responses_sheet_rows_and_columns_keep_their_excel_numbers() -> None:
    tables = load_survey("awkward.xlsx", _awkward_workbook())
    report = tables.report
    assert tables.respondents["respondent"].tolist() == ["r1", "r2", "r3", "r5"]
    assert tables.respondents["source_row"].tolist() == [4, 5, 7, 10]  # header in row 3, blank row 6
    assert tables.respondents["period"].tolist() == ["2026-Q1", "2026-Q2", "2026-Q1", "2026-Q4"]  # 46100 = 2026-03-18
    issues = {(i["row"], i["column"]): i["value"] for i in report.cell_issues}
    assert issues == {(7, "G"): "17", (7, "H"): "maybe", (10, "G"): "4.5", (10, "D"): ""}  # row 8 is dropped, not checked
    dropped = {(r["row"], r["reason"]) for r in report.dropped_rows}
    assert dropped == {(1, "above the header row"), (8, "no item answered"), (9, "duplicate respondent id 'r1'")}
    columns = {(c["column"], c["reason"].split(";")[0]) for c in report.dropped_columns}
    assert columns == {("F", "direct identifier (email address)"), ("K", "no header")}
    assert answers_of(tables, "TRU-1") == {"r1": (4, 4), "r3": (3, 3), "r5": (3, 3)}


def test_blank_and_no_answer_comments_are_not_comments() -> None:
    cells = [" n/a ", "N.A.", "\u00a0", "\u3000Prefer NOT to say ", "na.", " Great ", "n/a please", "-", "--", "n/a\x1f"]
    text = "respondent_id,REL-1,REL-O\n" + "".join(f'r{i},4,"{cell}"\n' for i, cell in enumerate(cells))
    tables = load_csv(text)
    # "na." and "--" are filler (COMMENT_FILLER: "n/a" and "-" with their punctuation), not open input
    assert tables.comments["text"].tolist() == ["Great", "n/a please"]
    assert tables.comments["respondent"].tolist() == ["r5", "r6"]
    assert tables.respondents["commented"].tolist() == [i in (5, 6) for i in range(len(cells))]


def test_typed_cells_on_a_responses_sheet_read_as_the_row_by_row_parser_reads_them() -> None:
    """Dates, times and booleans in a workbook: the column-wise reader must give the typed cells' text."""
    from alignment.ingest.read import WorkbookSheet, read_sheets
    from alignment.ingest.survey import parse_responses, parse_source_responses

    rows = [
        ["respondent_id", "period", "role", "REL-1", "REL-2"],
        ["a", dt.date(2026, 3, 31), dt.time(12, 30), 4, True],
        ["b", dt.datetime(2026, 6, 30), "Lead", "Agree", False],
        ["c", dt.datetime(2026, 6, 30, 10, 15), "Analyst", 2, 3],
    ]
    data = xlsx_bytes({"Responses": rows})
    fast = parse_source_responses("typed.xlsx", "Responses", WorkbookSheet("typed.xlsx", "Responses", data))
    slow = parse_responses("typed.xlsx", "Responses", read_sheets("typed.xlsx", data)["Responses"])
    assert fast.respondents.to_dict("records") == slow.respondents.to_dict("records")
    assert fast.report.cell_issues == slow.report.cell_issues
    assert fast.respondents["period"].tolist() == ["2026-03-31", "2026-06-30", "2026-06-30 10:15:00"]
    assert fast.respondents["role"].tolist() == ["12:30:00", "Lead", "Analyst"]
    assert [issue["value"] for issue in fast.report.cell_issues] == ["TRUE", "FALSE"]


def test_a_column_of_dates_is_not_taken_for_the_department() -> None:
    day = [dt.date(2024, 3, 1), dt.date(2024, 3, 2), dt.date(2024, 3, 3)]
    rows = [["respondent_id", "function", "Erfasst", "REL-1", "REL-2"]]
    rows += [[f"r{i}", "IT" if i % 2 else "Business", day[i % 3], 4, 3] for i in range(12)]
    tables = load_survey("dates.xlsx", xlsx_bytes({"Responses": rows}))
    assert set(tables.respondents["department"]) == {"(not given)"}
    assert [c["header"] for c in tables.report.dropped_columns] == ["Erfasst"]


def test_column_letters_match_openpyxl() -> None:
    from openpyxl.utils import get_column_letter

    from alignment.ingest.cells import column_letter

    assert [column_letter(i) for i in (0, 25, 26, 701, 702, 16383)] == ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
    assert all(column_letter(i) == get_column_letter(i + 1) for i in range(0, 18278, 7))
