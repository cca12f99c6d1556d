"""Evidence ingest: recognising the six tables, typing their cells, reporting what cannot be used,
and loading them together with the survey from one workbook or from several files."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from alignment.dataset import Dataset
from alignment.errors import InputError
from alignment.ingest.evidence import (
    EVIDENCE_BY_KEY,
    EVIDENCE_TABLES,
    Invalid,
    parse_bool,
    parse_cell,
    parse_date,
    parse_evidence,
    recognise,
)
from alignment.items import LIKERT_ITEMS, header_for
from alignment.template import RESPONSE_HEADERS, build_template

SURVEY_CSV = "respondent_id,period,function,department,REL-1,TRU-1\n" + "".join(
    f"R{i},2026-Q1,{'IT' if i % 2 else 'Business'},{'IT Ops' if i % 2 else 'Sales'},4,3\n" for i in range(10)
)
DEPARTMENTS_CSV = "department,function,headcount,brm\nSales,Business,40,Dana\nIT Ops,IT,25,\n"
ENGAGEMENTS_CSV = "date,department,kind\n2026-03-03,Sales,Steering\n14/02/2026,Sales,ONE-TO-ONE\n"
WORK_ITEMS_CSV = "id,opened,kind,proactive\nW1,2026-01-05,incident,\nW2,2026-01-06,improvement,\nW3,2026-02-01,incident,yes\n"


def csv_file(name: str, text: str) -> tuple[str, bytes]:
    return name, text.encode()


def spec(key: str, column: str):
    return next(c for c in EVIDENCE_BY_KEY[key].spec if c.name == column)


def responses_frame(n: int = 10) -> pd.DataFrame:
    rows = []
    for i in range(n):
        row = dict.fromkeys(RESPONSE_HEADERS)
        row |= {"respondent_id": f"R{i}", "period": "2026-Q1", "function": "IT" if i % 2 else "Business"}
        row["department"] = "IT Ops" if i % 2 else "Sales"
        row |= {header_for(item): "Agree" for item in LIKERT_ITEMS}
        rows.append(row)
    return pd.DataFrame(rows, columns=list(RESPONSE_HEADERS))


def workbook_bytes(evidence: dict[str, list[dict]] | None = None) -> bytes:
    frames = {
        name: pd.DataFrame(rows, columns=list(next(t for t in EVIDENCE_TABLES if t.name == name).columns))
        for name, rows in (evidence or {}).items()
    }
    buffer = io.BytesIO()
    build_template(buffer, responses=responses_frame(), evidence=frames)
    return buffer.getvalue()


# ------------------------------------------------------------------------------- recognition


@pytest.mark.parametrize(
    "sheet, key",
    [
        ("Departments", "departments"),
        ("departments", "departments"),
        ("DEPARTMENTS", "departments"),
        (" Departments ", "departments"),
        ("Department", "departments"),
        ("KPIs", "kpis"),
        ("kpi", "kpis"),
        ("Engagements", "engagements"),
        ("Rotations", "rotations"),
        ("WorkItems", "work_items"),
        ("Work items", "work_items"),
        ("work_items", "work_items"),
        ("WORK-ITEMS", "work_items"),
        ("Initiatives", "initiatives"),
    ],
)
def test_recognised_by_sheet_name(sheet: str, key: str) -> None:
    assert recognise(sheet, ["anything"]).key == key


@pytest.mark.parametrize(
    "header, key",
    [
        (["Department", "Function", "Headcount", "BRM"], "departments"),
        (["kpi", "owner_function", "kind", "visible_to_business", "visible_to_it"], "kpis"),
        (["Date", "Department", "Kind", "IT attendee"], "engagements"),
        (["person", "home_function", "home_department", "host_department", "start_date", "kind"], "rotations"),
        (["ID", "Opened", "Kind"], "work_items"),
        (["Initiative", "Sponsor Department", "Status", "Budget"], "initiatives"),
    ],
)
def test_recognised_by_columns_when_the_name_is_unknown(header: list[str], key: str) -> None:
    assert recognise("Sheet1", header).key == key


def test_not_recognised_without_a_known_name_or_the_required_columns() -> None:
    assert recognise("Budget", ["line", "amount"]) is None
    assert recognise("Sheet1", ["department", "function"]) is None  # headcount is required


def test_recognised_by_column_aliases() -> None:
    assert recognise("meetings", ["date", "department", "type"]).key == "engagements"


@pytest.mark.parametrize("filename", ["workitems.csv", "Work items.csv", "WORK_ITEMS.CSV", "work-items.csv"])
def test_recognised_by_file_name(filename: str) -> None:
    dataset = Dataset.from_files([csv_file("survey.csv", SURVEY_CSV), csv_file(filename, WORK_ITEMS_CSV)])
    assert dataset.has_table("work_items")
    assert dataset.evidence_sources == [{"table": "WorkItems", "file": filename, "sheet": filename.rsplit(".", 1)[0], "rows": 3}]


def test_csv_with_an_unknown_name_recognised_by_its_columns() -> None:
    dataset = Dataset.from_files([csv_file("survey.csv", SURVEY_CSV), csv_file("export (3).csv", DEPARTMENTS_CSV)])
    assert dataset.has_table("departments")
    assert dataset.query("SELECT count(*) AS n FROM departments")["n"][0] == 2


# ------------------------------------------------------------------------------- cell values


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-03-14", dt.date(2026, 3, 14)),
        ("2026/03/14", dt.date(2026, 3, 14)),
        ("14/03/2026", dt.date(2026, 3, 14)),
        ("03/04/2026", dt.date(2026, 4, 3)),  # day first
        ("14.03.2026", dt.date(2026, 3, 14)),
        ("14-03-2026", dt.date(2026, 3, 14)),
        ("3 Mar 2026", dt.date(2026, 3, 3)),
        ("3 March 2026", dt.date(2026, 3, 3)),
        ("March 3, 2026", dt.date(2026, 3, 3)),
        (" 2026-03-14 ", dt.date(2026, 3, 14)),
        ("2026-03-14T09:30:00", dt.date(2026, 3, 14)),
        ("2026-03-14 09:30", dt.date(2026, 3, 14)),
        ("2026-03-14T09:30:00Z", dt.date(2026, 3, 14)),
        (dt.datetime(2026, 3, 14, 23, 59), dt.date(2026, 3, 14)),
        (pd.Timestamp("2026-03-14 08:00"), dt.date(2026, 3, 14)),
        (dt.date(2026, 3, 14), dt.date(2026, 3, 14)),
        (45658, dt.date(2025, 1, 1)),
        (45658.0, dt.date(2025, 1, 1)),
        (45658.75, dt.date(2025, 1, 1)),
        ("45658", dt.date(2025, 1, 1)),
    ],
)
def test_dates(value: object, expected: dt.date) -> None:
    assert parse_date(value) == expected
    assert parse_cell(spec("engagements", "date"), value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", float("nan")])
def test_blank_dates_are_missing(value: object) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize("value", ["next week", "31/02/2026", "03/14/2026", "2026-13-01", -5])
def test_invalid_dates(value: object) -> None:
    assert isinstance(parse_date(value), Invalid)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("yes", True),
        ("Yes", True),
        (" YES ", True),
        ("y", True),
        ("true", True),
        ("TRUE", True),
        ("1", True),
        (1, True),
        (1.0, True),
        ("x", True),
        ("X", True),
        (True, True),
        ("no", False),
        ("No", False),
        ("n", False),
        ("false", False),
        ("False", False),
        ("0", False),
        (0, False),
        (0.0, False),
        (False, False),
    ],
)
def test_booleans(value: object, expected: bool) -> None:
    assert parse_bool(value) is expected
    assert parse_cell(spec("kpis", "visible_to_business"), value) is expected


@pytest.mark.parametrize("value", [None, "", "  "])
def test_blank_booleans_are_missing(value: object) -> None:
    assert parse_bool(value) is None


@pytest.mark.parametrize("value", ["maybe", "2", "ok"])
def test_invalid_booleans(value: object) -> None:
    assert isinstance(parse_bool(value), Invalid)


@pytest.mark.parametrize(
    "key, column, value, expected",
    [
        ("engagements", "kind", "Steering", "steering"),
        ("engagements", "kind", "ONE-TO-ONE", "one-to-one"),
        ("engagements", "kind", "one to one", "one-to-one"),
        ("engagements", "kind", "One_to_One", "one-to-one"),
        ("initiatives", "status", "In Progress", "in progress"),
        ("initiatives", "status", "in-progress", "in progress"),
        ("initiatives", "status", "ON HOLD", "on hold"),
        ("initiatives", "risk", "High", "high"),
        ("kpis", "kind", "IT efficiency", "it_efficiency"),
        ("kpis", "kind", "Business Outcome", "business_outcome"),
        ("work_items", "kind", " Incident ", "incident"),
        ("rotations", "kind", "Shadowing", "shadowing"),
        ("departments", "function", "it", "IT"),
        ("departments", "function", "BUSINESS", "Business"),
        ("departments", "headcount", "1,200", 1200),
        ("departments", "headcount", 12.0, 12),
        ("initiatives", "budget", "450 000", 450000.0),
        ("initiatives", "budget", 12.5, 12.5),
        ("departments", "brm", "  Dana  ", "Dana"),
    ],
)
def test_enumerations_and_numbers(key: str, column: str, value: object, expected: object) -> None:
    assert parse_cell(spec(key, column), value) == expected


@pytest.mark.parametrize(
    "key, column, value",
    [
        ("engagements", "kind", "weekly sync"),
        ("initiatives", "status", "finished"),
        ("departments", "function", "Ops"),
        ("departments", "headcount", "12.5"),
        ("departments", "headcount", "-3"),
        ("initiatives", "budget", "lots"),
    ],
)
def test_invalid_enumerations_and_numbers(key: str, column: str, value: object) -> None:
    assert isinstance(parse_cell(spec(key, column), value), Invalid)


@pytest.mark.parametrize("value, expected", [("99,5", 99.5), ("0,25", 0.25), ("1.234,5", 1234.5)])
def test_decimal_commas(value: str, expected: float) -> None:
    assert parse_cell(spec("kpis", "target"), value) == expected


def test_work_items_proactive_derived_from_kind_when_blank_and_kept_when_given() -> None:
    rows = [
        ["id", "opened", "kind", "proactive"],
        ["W1", "2026-01-05", "incident", ""],
        ["W2", "2026-01-05", "improvement", None],
        ["W3", "2026-01-05", "problem", ""],
        ["W4", "2026-01-05", "incident", "yes"],
        ["W5", "2026-01-05", "project", "no"],
    ]
    result = parse_evidence("items.csv", "items", rows, EVIDENCE_BY_KEY["work_items"])
    assert result.problems == []
    assert result.frame["proactive"].tolist() == [False, True, True, True, False]
    assert str(result.frame["proactive"].dtype) == "boolean"


def test_work_items_without_a_proactive_column() -> None:
    rows = [["id", "opened", "kind"], ["W1", "2026-01-05", "change"], ["W2", "2026-01-05", "project"]]
    result = parse_evidence("items.csv", "items", rows, EVIDENCE_BY_KEY["work_items"])
    assert result.frame["proactive"].tolist() == [False, True]


# --------------------------------------------------------------------------- problems reported


def test_problem_rows_are_reported_with_file_sheet_row_and_reason() -> None:
    header = ["initiative", "sponsor_department", "status", "planned_end", "actual_end", "budget", "risk"]
    rows = [
        [None] * 7,  # row 1: blank, so the header is on row 2
        header,
        ["CRM", "Sales", "done", "2026-01-31", "2026-02-10", 100, "high"],  # row 3: fine
        ["ERP", "Finance", "done", "soon", "2026-02-10", 100, "low"],  # row 4: bad optional date
        ["BI", "Sales", "finished", None, None, None, None],  # row 5: bad status (required)
        [None] * 7,  # row 6: blank, skipped
        ["Web", None, "done", None, None, None, None],  # row 7: no sponsor (required)
        ["App", "Sales", "approved", None, None, "lots", "extreme"],  # row 8: two bad optional values
        ["Data", "Sales", "approved", "31/02/2026"],  # row 9: short row; bad optional date
    ]
    result = parse_evidence("plans.xlsx", "Initiatives", rows, EVIDENCE_BY_KEY["initiatives"])
    problems = {p["row"]: p for p in result.problems}
    assert set(problems) == {4, 5, 7, 8, 9}
    assert all(p["file"] == "plans.xlsx" and p["sheet"] == "Initiatives" for p in result.problems)
    assert "planned_end" in problems[4]["reason"] and "'soon' is not a date" in problems[4]["reason"]
    assert problems[4]["reason"].endswith("value left blank")
    assert "status" in problems[5]["reason"] and "'finished'" in problems[5]["reason"]
    assert problems[5]["reason"].endswith("row not used")
    assert "sponsor_department is missing" in problems[7]["reason"] and problems[7]["reason"].endswith("row not used")
    assert "budget" in problems[8]["reason"] and "risk" in problems[8]["reason"]
    assert problems[8]["reason"].endswith("value left blank")
    assert problems[9]["reason"].endswith("value left blank")
    frame = result.frame
    assert frame["initiative"].tolist() == ["CRM", "ERP", "App", "Data"]
    assert frame["planned_end"].isna().tolist() == [False, True, True, True]
    assert frame["budget"].isna().tolist() == [False, False, True, True]
    assert frame["risk"].isna().tolist() == [False, False, True, True]


def test_a_bad_required_date_drops_the_row() -> None:
    rows = [["date", "department", "kind"], ["soon", "Sales", "planning"], ["2026-03-03", "Sales", "planning"]]
    result = parse_evidence("e.csv", "e", rows, EVIDENCE_BY_KEY["engagements"])
    assert [(p["row"], p["reason"]) for p in result.problems] == [
        (2, "date: 'soon' is not a date (use YYYY-MM-DD); row not used")
    ]
    assert len(result.frame) == 1


def test_a_sheet_missing_a_required_column_is_reported_and_not_used() -> None:
    rows = [["department", "function", "brm"], ["Sales", "Business", "Dana"]]
    result = parse_evidence("org.xlsx", "Departments", rows, EVIDENCE_BY_KEY["departments"])
    assert result.frame.empty
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem["file"], problem["sheet"], problem["row"]) == ("org.xlsx", "Departments", 1)
    assert "missing required column(s) headcount" in problem["reason"] and "not used" in problem["reason"]

    dataset = Dataset.from_files(
        [csv_file("survey.csv", SURVEY_CSV), csv_file("departments.csv", "department,function\nSales,Business\n")]
    )
    assert not dataset.has_table("departments")
    assert dataset.evidence_sources == [{"table": "Departments", "file": "departments.csv", "sheet": "departments", "rows": 0}]
    assert any("missing required column(s) headcount" in p["reason"] for p in dataset.report.dropped_rows)


def test_unknown_and_duplicate_columns_are_reported() -> None:
    rows = [
        ["department", "function", "headcount", "cost centre", "department", ""],
        ["Sales", "Business", 10, "CC-1", "Other", None],
    ]
    result = parse_evidence("org.csv", "org", rows, EVIDENCE_BY_KEY["departments"])
    dropped = {(d["column"], d["header"]): d["reason"] for d in result.dropped_columns}
    assert dropped == {("D", "cost centre"): "not a column of Departments", ("E", "department"): "duplicate column 'department'"}
    assert result.frame["department"].tolist() == ["Sales"]

    dataset = Dataset.from_files(
        [
            csv_file("survey.csv", SURVEY_CSV),
            csv_file("departments.csv", "department,function,headcount,notes\nSales,Business,10,x\n"),
        ]
    )
    assert {
        "file": "departments.csv",
        "sheet": "departments",
        "column": "D",
        "header": "notes",
        "reason": "not a column of Departments",
    } in (dataset.report.dropped_columns)


def test_column_headers_match_in_any_case_and_spacing_and_by_alias() -> None:
    rows = [["Department", " FUNCTION ", "Headcount", "Business Relationship Manager"], ["Sales", "Business", "12", "Dana"]]
    result = parse_evidence("org.csv", "org", rows, EVIDENCE_BY_KEY["departments"])
    assert result.dropped_columns == [] and result.problems == []
    assert result.frame.iloc[0].tolist() == ["Sales", "Business", 12, "Dana"]


def test_the_template_example_rows_are_ignored_and_reported() -> None:
    dataset = Dataset.from_file("template.xlsx", workbook_bytes())
    examples = [p for p in dataset.report.dropped_rows if p["reason"] == "the template's example row; ignored"]
    assert sorted(p["sheet"] for p in examples) == sorted(t.name for t in EVIDENCE_TABLES)
    assert all(p["file"] == "template.xlsx" and p["row"] == 2 for p in examples)
    assert not any(dataset.has_table(t.key) for t in EVIDENCE_TABLES)


def test_the_example_row_in_a_csv_is_ignored_too() -> None:
    text = "department,function,headcount,brm\nSales,Business,120,Dana Whitfield\nFinance,Business,30,\n"
    dataset = Dataset.from_files([csv_file("survey.csv", SURVEY_CSV), csv_file("departments.csv", text)])
    assert dataset.query("SELECT department FROM departments")["department"].tolist() == ["Finance"]
    assert {"file": "departments.csv", "sheet": "departments", "row": 2, "reason": "the template's example row; ignored"} in (
        dataset.report.dropped_rows
    )


# ------------------------------------------------------------------------------- loading files


def test_a_workbook_with_evidence_sheets_loads_typed_tables() -> None:
    data = workbook_bytes(
        {
            "Departments": [
                {"department": "Sales", "function": "Business", "headcount": 40, "brm": "Dana"},
                {"department": "IT Ops", "function": "IT", "headcount": 25, "brm": None},
            ],
            "Engagements": [{"date": dt.date(2026, 3, 3), "department": "Sales", "kind": "Steering"}],
            "WorkItems": [
                {"id": "W1", "opened": dt.date(2026, 1, 5), "kind": "incident", "proactive": None},
                {"id": "W2", "opened": dt.date(2026, 1, 6), "kind": "incident", "proactive": True},
                {"id": "W3", "opened": dt.date(2026, 1, 7), "kind": "project", "proactive": "no"},
            ],
        }
    )
    dataset = Dataset.from_file("assessment.xlsx", data)
    assert dataset.has_table("departments") and dataset.has_table("engagements") and dataset.has_table("work_items")
    assert not dataset.has_table("kpis")  # only the template's example row
    sources = {s["table"]: s for s in dataset.evidence_sources}
    assert sources["Departments"] == {"table": "Departments", "file": "assessment.xlsx", "sheet": "Departments", "rows": 2}
    assert sources["Engagements"]["rows"] == 1 and sources["WorkItems"]["rows"] == 3
    assert sources["KPIs"]["rows"] == 0
    engagement = dataset.query("SELECT typeof(date) AS type, CAST(date AS DATE) AS day, kind FROM engagements").iloc[0]
    assert engagement["type"].startswith(("DATE", "TIMESTAMP"))
    assert pd.Timestamp(engagement["day"]).date() == dt.date(2026, 3, 3) and engagement["kind"] == "steering"
    assert dataset.query("SELECT typeof(headcount) AS t FROM departments")["t"][0] in {"BIGINT", "INTEGER"}
    proactive = dataset.query("SELECT id, proactive, typeof(proactive) AS t FROM work_items ORDER BY id")
    assert proactive["proactive"].tolist() == [False, True, False] and set(proactive["t"]) == {"BOOLEAN"}
    assert dataset.query("SELECT brm FROM departments ORDER BY department")["brm"].isna().tolist() == [True, False]


def test_several_files_load_together() -> None:
    files = [
        csv_file("responses.csv", SURVEY_CSV),
        csv_file("departments.csv", DEPARTMENTS_CSV),
        csv_file("engagements.csv", ENGAGEMENTS_CSV),
        csv_file("engagements_2025.csv", "date,department,kind\n3 Dec 2025,Sales,planning\n"),
        csv_file("work_items.csv", WORK_ITEMS_CSV),
    ]
    dataset = Dataset.from_files(files)
    assert dataset.label == "responses.csv, departments.csv, engagements.csv, engagements_2025.csv, work_items.csv"
    assert dataset.report.files == [name for name, _ in files]
    assert [(s["table"], s["file"], s["rows"]) for s in dataset.evidence_sources] == [
        ("Departments", "departments.csv", 2),
        ("Engagements", "engagements.csv", 2),
        ("Engagements", "engagements_2025.csv", 1),
        ("WorkItems", "work_items.csv", 3),
    ]
    dates = dataset.query("SELECT CAST(date AS DATE) AS d FROM engagements ORDER BY d")["d"].map(lambda d: pd.Timestamp(d).date())
    assert dates.tolist() == [dt.date(2025, 12, 3), dt.date(2026, 2, 14), dt.date(2026, 3, 3)]
    assert dataset.query("SELECT count(*) AS n FROM respondents")["n"][0] == 10
    assert dataset.report.dropped_rows == []


def test_two_survey_files_of_the_same_respondents_are_refused() -> None:
    with pytest.raises(InputError, match="hold survey answers"):
        Dataset.from_files([csv_file("a.csv", SURVEY_CSV), csv_file("b.csv", SURVEY_CSV)])


def test_two_survey_sheets_in_one_workbook_are_named() -> None:
    workbook = load_workbook(io.BytesIO(workbook_bytes()))
    workbook.create_sheet("Survey 2025").append(["respondent_id", "REL-1"])
    workbook["Survey 2025"].append(["X1", 4])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(InputError, match="hold survey answers") as caught:
        Dataset.from_file("a.xlsx", buffer.getvalue())
    assert "'Responses'" in caught.value.message and "'Survey 2025'" in caught.value.message


def test_evidence_files_without_a_survey_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        Dataset.from_files([csv_file("departments.csv", DEPARTMENTS_CSV), csv_file("engagements.csv", ENGAGEMENTS_CSV)])
    assert caught.value.message == "None of the 2 files holds survey answers."
    assert "Responses" in caught.value.hint


def test_a_single_evidence_file_is_refused() -> None:
    with pytest.raises(InputError, match="no recognisable item column"):
        Dataset.from_files([csv_file("departments.csv", DEPARTMENTS_CSV)])


def test_a_csv_that_is_neither_survey_nor_evidence_is_mentioned_in_the_warnings() -> None:
    dataset = Dataset.from_files([csv_file("survey.csv", SURVEY_CSV), csv_file("budget.csv", "line,amount\nLicences,1200\n")])
    assert any(
        "'budget'" in w and "'budget.csv'" in w and "neither survey answers nor an evidence table" in w
        for w in dataset.report.warnings
    )
    assert dataset.evidence_sources == []


def test_a_workbook_sheet_that_is_neither_survey_nor_evidence_is_mentioned_in_the_warnings() -> None:
    workbook = load_workbook(io.BytesIO(workbook_bytes()))
    workbook.create_sheet("Budget").append(["line", "amount"])
    workbook["Budget"].append(["Licences", 1200])
    buffer = io.BytesIO()
    workbook.save(buffer)
    dataset = Dataset.from_file("assessment.xlsx", buffer.getvalue())
    mentioned = [w for w in dataset.report.warnings if "neither survey answers nor an evidence table" in w]
    assert len(mentioned) == 1 and "'Budget'" in mentioned[0] and "'assessment.xlsx'" in mentioned[0]
    assert not any("Instructions" in w for w in dataset.report.warnings)


def test_a_large_csv_table_parses_as_its_rows_do() -> None:
    """Over SMALL_TABLE rows a CSV table is parsed as Arrow columns: the result must equal the row-by-row parser's."""
    import csv

    from alignment.ingest.evidence import SMALL_TABLE
    from alignment.ingest.read import read_csv_source

    header = list(EVIDENCE_BY_KEY["initiatives"].columns)  # initiative, sponsor, status, ends, budget, cost, value, risk
    pattern = [
        ["CRM {i}", " Sales ", "done", "2026-01-31", "2026-02-10", "100", "", "Yes", "high"],
        ["ERP {i}", "Finance", "DONE", "soon", "10/02/2026", "1,234.5", "99,5", "maybe", "low"],
        ["BI {i}", "Sales", "finished", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", ""],
        ["Web {i}", "   ", "done", "", "", "", "", "", ""],
        ["App {i}", "Sales", "approved", "", "", "lots", "-", "0", "extreme"],
    ]
    rows = [header] + [[cell.format(i=i) for cell in row] for i in range(SMALL_TABLE // 3) for row in pattern]
    rows.insert(1, ["CRM replacement", "Sales", "done", "2026-06-30", "2026-07-21", "450000", "470000", "yes", "high"])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    table = EVIDENCE_BY_KEY["initiatives"]
    source = read_csv_source("initiatives.csv", buffer.getvalue().encode())
    as_rows = [[cell or None for cell in row] for row in rows]
    fast = parse_evidence("initiatives.csv", "initiatives", source, table)
    slow = parse_evidence("initiatives.csv", "initiatives", as_rows, table)
    assert len(rows) - 1 - SMALL_TABLE // 3 >= SMALL_TABLE  # non-blank data rows: the grouped, not the per-cell path
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    assert fast.problems == slow.problems
    assert fast.problems[0] == {
        "file": "initiatives.csv",
        "sheet": "initiatives",
        "row": 2,
        "reason": "the template's example row; ignored",
    }
    assert fast.frame["sponsor_department"].iloc[0] == "Sales"  # trimmed
    assert sum("sponsor_department is missing" in p["reason"] for p in fast.problems) == SMALL_TABLE // 3


def test_a_workbook_evidence_sheet_parses_as_its_typed_rows_do() -> None:
    """A workbook's evidence sheet named like the template's is read as text columns: dates, numbers and
    booleans typed in Excel must come out exactly as the row-by-row parser reads the typed cells."""
    from openpyxl import Workbook

    from alignment.ingest.evidence import SMALL_TABLE
    from alignment.ingest.read import WorkbookSheet, read_sheets

    table = EVIDENCE_BY_KEY["initiatives"]
    pattern = [
        ["CRM {i}", " Sales ", "done", dt.date(2026, 1, 31), dt.datetime(2026, 2, 10, 15, 30), 100, 99.5, True, "high"],
        ["ERP {i}", "Finance", "DONE", "soon", "10/02/2026", "1,234.5", 46000, "yes", "low"],
        ["BI {i}", "Sales", "finished", None, None, None, None, None, None],
        [None] * 9,
        ["Web {i}", "   ", "done", None, None, None, None, False, None],
        ["App {i}", "Sales", "approved", None, None, "lots", None, "maybe", "extreme"],
    ]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Initiatives"
    sheet.append(list(table.columns))
    sheet.append(["CRM replacement", "Sales", "done", dt.date(2026, 6, 30), dt.date(2026, 7, 21), 450000, 470000, "yes", "high"])
    for i in range(SMALL_TABLE // 3):
        for row in pattern:
            sheet.append([cell.format(i=i) if isinstance(cell, str) else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    fast = parse_evidence("plans.xlsx", "Initiatives", WorkbookSheet("plans.xlsx", "Initiatives", data), table)
    slow = parse_evidence("plans.xlsx", "Initiatives", read_sheets("plans.xlsx", data)["Initiatives"], table)
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    assert fast.problems == slow.problems
    assert fast.problems[0]["reason"] == "the template's example row; ignored"
    first = fast.frame.iloc[0]
    assert (first["sponsor_department"], first["planned_end"], first["actual_end"]) == (
        "Sales",
        pd.Timestamp(2026, 1, 31),
        pd.Timestamp(2026, 2, 10),
    )
    assert (first["budget"], first["actual_cost"], bool(first["value_confirmed"])) == (100, 99.5, True)
    assert fast.frame.iloc[1]["actual_cost"] == 46000  # a number, not a date, in a number column
