"""The template workbook: headers, dropdowns, evidence sheets, and a filled template read back."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from alignment.errors import InputError
from alignment.ingest.evidence import EVIDENCE_TABLES
from alignment.ingest.load import load_survey
from alignment.items import ITEMS
from alignment.template import RESPONSE_HEADERS, build_template, template_bytes

META = ["respondent_id", "period", "submitted", "function", "department", "role"]
ANSWER_CHOICES = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree", "N/A"]


@pytest.fixture(scope="module")
def workbook():
    return load_workbook(io.BytesIO(template_bytes()))


def _validation_cells(sheet, formula: str) -> set[str]:
    """Column letters covered by the list validation with this formula, from row 2 on."""
    columns = set()
    for validation in sheet.data_validations.dataValidation:
        if validation.type == "list" and validation.formula1 == formula:
            for cell_range in validation.sqref.ranges:
                assert cell_range.min_row == 2 and cell_range.max_row >= 1000
                columns.update(get_column_letter(c) for c in range(cell_range.min_col, cell_range.max_col + 1))
    return columns


def test_sheets(workbook) -> None:
    assert workbook.sheetnames == ["Instructions", "Responses", *[t.name for t in EVIDENCE_TABLES]]
    assert [t.name for t in EVIDENCE_TABLES] == ["Departments", "KPIs", "Engagements", "Rotations", "WorkItems", "Initiatives"]


def test_instructions_list_every_item(workbook) -> None:
    text = "\n".join(str(c.value) for c in workbook["Instructions"]["A"] if c.value)
    for item in ITEMS:
        assert item.id in text and item.text in text
    assert text.count("reverse-coded") >= sum(item.reverse for item in ITEMS)


def test_responses_headers_carry_id_and_text(workbook) -> None:
    header = [c.value for c in workbook["Responses"][1]]
    assert header[: len(META)] == META
    assert header[len(META) :] == [f"{item.id} {item.text}" for item in ITEMS]
    assert tuple(header) == RESPONSE_HEADERS
    assert workbook["Responses"].max_row == 1  # blank: no example respondents to delete


def test_responses_dropdowns(workbook) -> None:
    sheet = workbook["Responses"]
    header = [c.value for c in sheet[1]]
    letter = {h.split(" ", 1)[0]: get_column_letter(i) for i, h in enumerate(header, start=1)}
    answers = _validation_cells(sheet, '"' + ",".join(ANSWER_CHOICES) + '"')
    likert = {letter[item.id] for item in ITEMS if item.kind == "likert"}
    open_ = {letter[item.id] for item in ITEMS if item.kind == "open"}
    assert answers == likert
    assert not answers & open_  # open questions take free text
    assert _validation_cells(sheet, '"IT,Business"') == {letter["function"]} == {"D"}


def test_evidence_sheets_have_headers_and_one_example(workbook) -> None:
    for table in EVIDENCE_TABLES:
        sheet = workbook[table.name]
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == list(table.columns), table.name
        assert len(rows) == 2, table.name
        example = [v.date() if isinstance(v, dt.datetime) else v for v in rows[1]]
        assert example == list(table.example), table.name


def test_blank_template_is_recognised_but_has_no_answers() -> None:
    with pytest.raises(InputError) as caught:
        load_survey("template.xlsx", template_bytes())
    assert "'Responses' sheet" in str(caught.value) and "no row with an answer" in str(caught.value)


def _filled_responses() -> pd.DataFrame:
    rows = []
    answers = ["Strongly agree", "Agree", 3, "Disagree", "N/A", None]
    for n in range(6):
        row = dict.fromkeys(RESPONSE_HEADERS)
        row.update(
            {
                "respondent_id": f"T{n + 1:02d}",
                "period": "" if n == 5 else "2026-Q2",
                "submitted": dt.date(2026, 11, 3),
                "function": "IT" if n % 2 == 0 else "Business",
                "department": f"Dept {n % 3}",
                "role": "Manager",
            }
        )
        for i, item in enumerate(ITEMS):
            header = f"{item.id} {item.text}"
            row[header] = f"Comment {n} on {item.id}" if item.kind == "open" else answers[(n + i) % len(answers)]
        rows.append(row)
    return pd.DataFrame(rows, columns=list(RESPONSE_HEADERS))


def test_filled_template_loads_back() -> None:
    responses = _filled_responses()
    buffer = io.BytesIO()
    build_template(buffer, responses=responses)
    tables = load_survey("filled.xlsx", buffer.getvalue())
    report = tables.report
    assert report.rows_read == report.rows_kept == 6
    assert report.dropped_rows == [] and report.dropped_columns == [] and report.cell_issues == []

    got = tables.respondents.set_index("respondent")
    assert got.index.tolist() == responses["respondent_id"].tolist()
    assert got["function"].tolist() == responses["function"].tolist()
    assert got["department"].tolist() == responses["department"].tolist()
    # the last respondent has no period: it comes from the submitted date 2026-11-03
    assert got["period"].tolist() == ["2026-Q2"] * 5 + ["2026-Q4"]

    levels = {"Strongly agree": 5, "Agree": 4, 3: 3, "Disagree": 2}
    expected_answers = set()
    for _, row in responses.iterrows():
        for item in ITEMS:
            value = row[f"{item.id} {item.text}"]
            if item.kind in {"likert", "importance"} and value in levels:
                expected_answers.add((row["respondent_id"], item.id, levels[value]))
    got_answers = set(tables.answers[["respondent", "item", "answer"]].itertuples(index=False, name=None))
    assert got_answers == expected_answers
    assert len(tables.comments) == 6 * sum(item.kind == "open" for item in ITEMS)
    assert "Comment 0 on REL-O" in tables.comments["text"].tolist()


def test_filled_template_with_evidence_rows(tmp_path) -> None:
    departments = pd.DataFrame(
        [["Sales", "Business", 120, "Dana"], ["Legal", "Business", 6, None]],
        columns=["department", "function", "headcount", "brm"],
    )
    path = tmp_path / "filled.xlsx"
    build_template(path, responses=_filled_responses(), evidence={"Departments": departments})
    sheet = load_workbook(path)["Departments"]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("department", "function", "headcount", "brm"),
        ("Sales", "Business", 120, "Dana"),
        ("Legal", "Business", 6, None),
    ]
    # sheets without data keep their example row
    assert load_workbook(path)["KPIs"].max_row == 2
