"""Bring your own survey: raw exports of Microsoft Forms, Google Forms, SurveyMonkey, Qualtrics and LimeSurvey,
end to end through Dataset.from_files and analyze, with answer scales, encodings, saved column mappings, the
command line and the app.

The tool fixtures come from test_exports.py (rows as each tool writes them); here they are written back into
real CSV and .xlsx bytes, with identifier columns filled in, and uploaded as a user would.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest
from test_exports import (
    REL1,
    TRU1,
    google_forms,
    limesurvey_code_rows,
    limesurvey_full_rows,
    ms_forms,
    qualtrics_rows,
    surveymonkey_rows,
)

from alignment.__main__ import main as cli_main
from alignment.analysis import analyze
from alignment.checks import run_checks
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.ingest.load import load_files
from alignment.ingest.mapping import mapping_from_json
from alignment.items import ITEMS_BY_ID

ROOT = Path(__file__).resolve().parent.parent
SMALL = Settings(min_group_size=3)  # the fixtures have three respondents each
TEXT = {item_id: item.text for item_id, item in ITEMS_BY_ID.items()}


# ---------------------------------------------------------------------------------- file bytes


def _cell(value: object) -> object:
    """A cell as a spreadsheet saves it to CSV: 4.0 as 4, dates as 'YYYY-MM-DD hh:mm:ss', None as blank."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value


def csv_bytes(rows: list[list], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([[_cell(c) for c in row] for row in rows])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def scores(dataset: Dataset) -> dict[str, list[float | None]]:
    """Item -> scores of the respondents in sheet order (None = no answer)."""
    frame = dataset.query("SELECT s.* FROM scores s JOIN respondents r USING (respondent) ORDER BY r.source_row")
    return {
        column: [None if value != value else round(float(value), 3) for value in frame[column]]
        for column in frame.columns
        if column != "respondent"
    }


def messages(report) -> list[str]:
    """The report's warnings and its notes (what was recognised or done), wherever a message is filed."""
    return [*report.warnings, *getattr(report, "notes", [])]


def respondents(dataset: Dataset) -> list[dict]:
    return dataset.query("SELECT * FROM respondents ORDER BY source_row").to_dict("records")


def everything_shown(dataset: Dataset, files: list[tuple[str, bytes]], mapping: dict | None = None) -> str:
    """All a user or an export could ever see of a load: every table of the dataset, the long answers and
    comments, the validation report's rows, cells and mapping, and the analysis JSON with its findings."""
    survey = load_files(files, mapping).survey
    parts = [survey.respondents.to_csv(), survey.answers.to_csv(), survey.comments.to_csv()]
    for name in dataset.query("SHOW TABLES")["name"]:
        parts.append(dataset.query(f'SELECT * FROM "{name}"').to_csv())
    report = dataset.report
    parts.append(json.dumps([report.dropped_rows, report.cell_issues, report.mapped_columns, messages(report)], default=str))
    parts.append(json.dumps([dataclasses.asdict(choice) for choice in report.mapping]))
    result = analyze(dataset, SMALL)
    result.findings = [finding.to_json() for finding in run_checks(dataset, SMALL, analysis=result)]
    parts.append(json.dumps(result.to_json(), default=str))
    return "\n".join(parts)


# ------------------------------------------------------------------------------ the tool exports


@dataclass
class Export:
    rows: list[list]
    identifiers: set[str]  # headers of the direct-identifier columns
    secrets: list[str]  # identifier values that must never come out again
    expected: dict[str, list[float | None]]  # hand-computed scores per item, respondents in sheet order
    functions: list[str | None]
    formats: tuple[str, ...] = ("csv",)
    dropped_rows: list[tuple[int, str]] = field(default_factory=list)  # (spreadsheet row, words in the reason)


def _microsoft_forms() -> Export:
    rows = ms_forms()
    people = [
        ("dana.scully@contoso.com", "Dana Scully"),
        ("fox.mulder@contoso.com", "Fox Mulder"),
        ("w.skinner@contoso.com", "Walter Skinner"),
    ]
    for row, (email, name) in zip(rows[1:], people, strict=True):
        row[3], row[4] = email, name
    return Export(
        rows,
        {"Email", "Name"},
        [value for person in people for value in person],
        # REL-1 Agree / Disagree / Strongly agree; REL-2 Strongly agree / Agree / Agree; TRU-1 Neither / Agree / Disagree
        {"REL-1": [4, 2, 5], "REL-2": [5, 4, 4], "TRU-1": [3, 4, 2]},
        ["IT", "Business", "Business"],
        ("csv", "xlsx"),
    )


def _google_forms() -> Export:
    rows = google_forms()
    rows[0].append("How can we reach you for a follow-up?")  # not named like an identifier: found by its values
    follow_ups = ["ana.costa@example.org", "ben.okafor@example.org", "cleo.park@example.org"]
    for row, address in zip(rows[1:], follow_ups, strict=True):
        row.append(address)
    return Export(
        rows,
        {"Email Address", "How can we reach you for a follow-up?"},
        ["ana@example.com", "ben@example.com", "cleo@example.com", *follow_ups],
        # REL-1 Agree / Disagree / Agree; REL-2 Strongly agree / Neutral / Agree; TRU-1 Agree / Agree / Strongly disagree
        {"REL-1": [4, 2, 4], "REL-2": [5, 3, 4], "TRU-1": [4, 4, 1]},
        ["IT", "Business", "Business"],
    )


def _surveymonkey() -> Export:
    rows = surveymonkey_rows()
    people = [
        ("ines@example.net", "Ines", "Alvarez"),
        ("jon@example.net", "Jonathan", "Brightwater"),
        ("kim@example.net", "Kimberly", "Castellano"),
    ]
    for row, person in zip(rows[2:], people, strict=True):
        row[5:8] = person
    return Export(
        rows,
        {"IP Address", "Email Address", "First Name", "Last Name"},
        [value for person in people for value in person] + ["203.0.113.7", "203.0.113.8", "203.0.113.9"],
        # REL-1 Agree / Strongly disagree / Agree; REL-2 Agree / Neither / Disagree; TRU-1 Strongly agree / Agree / Agree
        {"REL-1": [4, 1, 4], "REL-2": [4, 3, 2], "TRU-1": [5, 4, 4]},
        ["IT", "Business", None],  # the third answered "Other (please specify): Procurement"
        ("csv", "xlsx"),
    )


def _qualtrics() -> Export:
    rows = qualtrics_rows()
    people = {
        3: ("Lindqvist", "Lena", "lena.lindqvist@example.com", "EMP-44817"),
        5: ("Moreau", "Marc", "marc.moreau@example.com", "EMP-52093"),
        7: ("Novak", "Nina", "nina.novak@example.com", "EMP-61120"),
    }
    for index, person in people.items():
        rows[index][9:13] = person
    return Export(
        rows,
        {
            "IP Address",
            "Recipient Last Name",
            "Recipient First Name",
            "Recipient Email",
            "External Data Reference",
            "Location Latitude",
            "Location Longitude",
        },
        [value for person in people.values() for value in person]
        + ["198.51.100.1", "198.51.100.3", "198.51.100.5", "39.7392", "-104.9903"],
        # REL-2 is on Qualtrics' 7-point agreement scale (it holds "Somewhat agree"):
        # Somewhat agree = 5 -> 1 + (5 - 1) * 4 / 6 = 3.667; Agree = 6 -> 1 + (6 - 1) * 4 / 6 = 4.333
        {"REL-2": [3.667, 4.333, 4.333]},
        ["IT", "Business", "Business"],
        dropped_rows=[(5, "Qualtrics preview response"), (7, "Qualtrics preview response")],
    )


def _limesurvey_codes() -> Export:
    return Export(
        limesurvey_code_rows(),
        {"ipaddr"},
        ["192.0.2.1", "192.0.2.2", "192.0.2.3"],
        # REL1 Agree / Disagree / Strongly agree; REL2 Agree / Agree / Neither; TRU1 Strongly agree / Agree / Disagree
        {"REL-1": [4, 2, 5], "REL-2": [4, 4, 3], "TRU-1": [5, 4, 2]},
        ["IT", "Business", "Business"],  # G01Q01 holds IT / Business: found by its values
    )


def _limesurvey_full() -> Export:
    return Export(
        limesurvey_full_rows(),
        {"IP address"},
        ["192.0.2.1", "192.0.2.2", "192.0.2.3"],
        {"REL-1": [4, 2, 5], "REL-2": [4, 4, 3], "TRU-1": [5, 4, 2]},
        ["IT", "Business", "Business"],
    )


EXPORTS = {
    "microsoft-forms": _microsoft_forms,
    "google-forms": _google_forms,
    "surveymonkey": _surveymonkey,
    "qualtrics": _qualtrics,
    "limesurvey-code": _limesurvey_codes,
    "limesurvey-full": _limesurvey_full,
}
CASES = [(tool, kind) for tool, build in EXPORTS.items() for kind in build().formats]


def upload(tool: str, kind: str) -> tuple[Export, list[tuple[str, bytes]]]:
    export = EXPORTS[tool]()
    data = xlsx_bytes(export.rows) if kind == "xlsx" else csv_bytes(export.rows)
    return export, [(f"{tool}-responses.{kind}", data)]


@pytest.mark.parametrize(("tool", "kind"), CASES, ids=[f"{tool}-{kind}" for tool, kind in CASES])
def test_tool_export_end_to_end(tool, kind):
    export, files = upload(tool, kind)
    dataset = Dataset.from_files(files)
    report = dataset.report
    result = analyze(dataset, SMALL)

    assert result.respondents == 3 == report.rows_kept
    assert [r["function"] for r in respondents(dataset)] == export.functions
    assert dataset.periods() == ["2026-Q1"]
    got = scores(dataset)
    for item_id, expected in export.expected.items():
        assert got[item_id] == pytest.approx(expected, abs=0.0051), item_id
    assert result.tactic("REL").n == 3

    found = [(r["row"], r["reason"]) for r in report.dropped_rows]
    assert len(found) == len(export.dropped_rows)
    for (row, reason), (want_row, words) in zip(found, export.dropped_rows, strict=True):
        assert row == want_row and words in reason

    privacy = {c["header"]: c["reason"] for c in report.dropped_columns if "dropped for privacy" in c["reason"]}
    assert set(privacy) == export.identifiers
    assert all(reason.startswith("direct identifier (") for reason in privacy.values())
    assert not {c["header"] for c in report.mapped_columns} & export.identifiers
    assert any(m.startswith("Direct identifiers dropped, never shown or exported:") for m in messages(report))

    shown = everything_shown(dataset, files)
    leaked = [secret for secret in export.secrets if secret in shown]
    assert not leaked, f"identifier values came out again: {leaked}"


def test_qualtrics_preview_rows_are_dropped_with_their_reason():
    _, files = upload("qualtrics", "csv")
    report = Dataset.from_files(files).report
    assert [(r["row"], r["reason"]) for r in report.dropped_rows] == [
        (5, "Qualtrics preview response (Status 'Survey Preview')"),
        (7, "Qualtrics preview response (Status 'Survey Preview')"),
    ]
    assert "Recognised a Qualtrics export: 3 header rows; 2 preview responses dropped." in messages(report)
    assert report.rows_read == 5  # every data row read: 3 kept + 2 previews dropped


def test_columns_of_one_matrix_share_its_scale():
    _, files = upload("qualtrics", "csv")
    dataset = Dataset.from_files(files)
    scales = {c["maps_to"]: c.get("scale") for c in dataset.report.mapped_columns}
    assert scales["REL-1"] == scales["REL-2"] == scales["TRU-1"] == "agreement-7"
    assert scores(dataset)["REL-1"][0] == pytest.approx(4.333, abs=0.0051)  # "Agree", 6 of 7


# ------------------------------------------------------------------------------------ answer scales


def test_mapped_columns_name_the_scale_and_non_5_point_scales_are_reported():
    _, files = upload("qualtrics", "csv")
    report = Dataset.from_files(files).report
    by_item = {c["maps_to"]: c for c in report.mapped_columns}
    assert by_item["REL-2"]["scale"] == "agreement-7"
    assert {by_item[i]["scale"] for i in ("REL-1", "TRU-1")} <= {"agreement-5", "agreement-7"}
    assert "scale" not in by_item["REL-O"]  # the open question has no scale
    assert "scale" not in by_item["function"]
    rescaled = [w for w in report.warnings if "agreement 7-point" in w]
    assert len(rescaled) == 1
    assert re.fullmatch(
        r"\d column\(s\) use the agreement 7-point scale \((.*, )?REL-2(, .*)?\); answers were rescaled linearly to 1-5\.",
        rescaled[0],
    )


def _google_with_other_scales() -> list[list]:
    """Google Forms with a 0-10 linear scale (MET-1) and a frequency grid (ASM-1, ASM-2) besides the agreement grid."""
    rows = google_forms(email=None)
    rows[0] += [TEXT["MET-1"], f"How often is this true? [{TEXT['ASM-1']}]", f"How often is this true? [{TEXT['ASM-2']}]"]
    extra = [["0", "Often", "Sometimes"], ["7", "Rarely", "Never"], ["10", "Always", "Often"]]
    for row, answers in zip(rows[1:], extra, strict=True):
        row += answers
    return rows


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_zero_to_ten_and_frequency_columns_are_rescaled(kind):
    rows = _google_with_other_scales()
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)
    dataset = Dataset.from_files([(f"google.{kind}", data)])
    report = dataset.report
    scales = {c["maps_to"]: c.get("scale") for c in report.mapped_columns}
    assert scales["MET-1"] == "numeric-0-10"
    assert scales["ASM-1"] == scales["ASM-2"] == "frequency-5"
    assert scales["REL-1"] == "agreement-5"
    got = scores(dataset)
    assert got["MET-1"] == pytest.approx([1.0, 1 + 7 * 4 / 10, 5.0])  # 0, 7, 10 on 0-10: 1 + x * 4 / 10
    assert got["ASM-1"] == [4.0, 2.0, 5.0]  # Often, Rarely, Always
    assert got["ASM-2"] == [3.0, 1.0, 4.0]  # Sometimes, Never, Often
    assert "1 column(s) use the 0-10 scale (MET-1); answers were rescaled linearly to 1-5." in report.warnings
    assert not any("frequency" in m for m in messages(report))  # 5 points: nothing rescaled
    result = analyze(dataset, SMALL)
    assert result.tactic("MET").score == pytest.approx((1.0 + 3.8 + 5.0) / 3, abs=0.0051)
    # respondent means over ASM-1 and ASM-2: (4 + 3) / 2, (2 + 1) / 2, (5 + 4) / 2
    assert result.tactic("ASM").score == pytest.approx((3.5 + 1.5 + 4.5) / 3, abs=0.0051)
    assert report.cell_issues == []


def _ms_forms_rating(answers: list[list[int]]) -> list[list]:
    """Microsoft Forms with Rating questions: numbers in the statement columns."""
    rows = ms_forms()
    for row, numbers in zip(rows[1:], answers, strict=True):
        row[7:10] = numbers
    return rows


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_column_holding_a_seven_is_seven_point_and_no_other_column_changes(kind):
    rows = _ms_forms_rating([[4, 5, 3], [2, 4, 7], [5, 4, 2]])
    data = xlsx_bytes(rows) if kind == "xlsx" else csv_bytes(rows)
    dataset = Dataset.from_files([(f"forms.{kind}", data)])
    report = dataset.report
    assert {c["maps_to"]: c.get("scale") for c in report.mapped_columns if c["maps_to"] in ("REL-1", "REL-2", "TRU-1")} == {
        "REL-1": "numeric-1-5",
        "REL-2": "numeric-1-5",
        "TRU-1": "numeric-1-7",  # one of its three answers is a 7: its own scale, nobody else's
    }
    seven = [round(1 + (x - 1) * 4 / 6, 3) for x in (3, 7, 2)]
    assert scores(dataset) == {"REL-1": [4.0, 2.0, 5.0], "REL-2": [5.0, 4.0, 4.0], "TRU-1": seven}
    assert report.cell_issues == []


def test_one_stray_seven_among_many_five_point_answers_is_reported_not_a_longer_scale():
    head = ["Department", "Function", TEXT["REL-1"], TEXT["TRU-1"]]
    answers = [1 + i % 5 for i in range(40)]
    rows = [head] + [["Ops", "IT", a, 7 if i == 20 else a] for i, a in enumerate(answers)]
    dataset = Dataset.from_files([("plain.csv", csv_bytes(rows))])
    report = dataset.report
    assert {c["maps_to"]: c.get("scale") for c in report.mapped_columns if "-" in c["maps_to"]} == dict.fromkeys(
        ("REL-1", "TRU-1"), "numeric-1-5"
    )
    assert [(i["row"], i["column"], i["value"], i["reason"]) for i in report.cell_issues] == [
        (22, "D", "7", "'7' is outside the 1-5 scale; treated as no answer")
    ]
    assert not any("rescaled" in m for m in messages(report))


def test_a_survey_answered_one_to_seven_throughout_is_seven_point():
    head = ["Department", "Function", TEXT["REL-1"], TEXT["REL-2"], TEXT["TRU-1"]]
    rows = [head, ["Sales", "IT", 1, 7, 3], ["Ops", "Business", 6, 4, 5], ["Ops", "Business", 7, 2, 7]]
    dataset = Dataset.from_files([("plain.csv", csv_bytes(rows))])
    report = dataset.report
    assert {c["maps_to"]: c.get("scale") for c in report.mapped_columns if "-" in c["maps_to"]} == dict.fromkeys(
        ("REL-1", "REL-2", "TRU-1"), "numeric-1-7"
    )

    def seven(x: int) -> float:
        return round(1 + (x - 1) * 4 / 6, 3)

    assert scores(dataset) == {
        "REL-1": [seven(1), seven(6), seven(7)],
        "REL-2": [seven(7), seven(4), seven(2)],
        "TRU-1": [seven(3), seven(5), seven(7)],
    }
    assert scores(dataset)["TRU-1"][1] == 3.667  # 5 of 7
    assert report.cell_issues == []
    assert "3 column(s) use the 1-7 scale (REL-1, REL-2, TRU-1); answers were rescaled linearly to 1-5." in report.warnings


# ---------------------------------------------------------------------------- encodings and delimiters


def _french_google_forms() -> list[list]:
    rows = google_forms(email=None)
    rows[0][0] = "Horodateur"
    question = "Dans quelle mesure êtes-vous d'accord ?"
    rows[0][2:5] = [f"{question} [{REL1}]", f"{question} [{ITEMS_BY_ID['REL-2'].text}]", f"{question} [{TRU1}]"]
    rows[0].append("Département")
    for row, department in zip(rows[1:], ["Ventes", "Opérations", "Opérations"], strict=True):
        row.append(department)
    return rows


ENCODINGS = [("utf-8-sig", ","), ("utf-16", "\t"), ("utf-16", ","), ("cp1252", ","), ("cp1252", ";"), ("utf-8", ";")]


@pytest.mark.parametrize(("encoding", "delimiter"), ENCODINGS, ids=[f"{e}-{'tab' if d == chr(9) else d}" for e, d in ENCODINGS])
def test_csv_encodings_and_delimiters(encoding, delimiter):
    data = csv_bytes(_french_google_forms(), encoding, delimiter)
    if encoding == "utf-8-sig":
        assert data.startswith(b"\xef\xbb\xbf")
    if encoding == "cp1252":
        assert "é".encode("cp1252") in data and "é".encode() not in data
    files = [("réponses.csv", data)]
    dataset = Dataset.from_files(files)
    report = dataset.report
    assert "Recognised a Google Forms export: 1 header row." in messages(report)
    assert [r["function"] for r in respondents(dataset)] == ["IT", "Business", "Business"]
    assert scores(dataset) == {"REL-1": [4.0, 2.0, 4.0], "REL-2": [5.0, 3.0, 4.0], "TRU-1": [4.0, 4.0, 1.0]}
    assert {c["maps_to"] for c in report.mapped_columns if c["header"] == "Département"} == {"department"}  # decoded
    assert [r["department"] for r in respondents(dataset)] == ["Ventes", "Opérations", "Opérations"]  # a unit header
    assert {c["header"] for c in report.mapped_columns} >= {"Horodateur", f"Dans quelle mesure êtes-vous d'accord ? [{REL1}]"}

    mapped = Dataset.from_files(
        files, mapping=mapping_from_json('{"columns": [{"header": "DÉPARTEMENT", "target": "department"}]}')
    )
    assert [r["department"] for r in respondents(mapped)] == ["Ventes", "Opérations", "Opérations"]


@pytest.mark.parametrize("delimiter", [";", ","])
def test_decimal_commas_in_numeric_answers(delimiter):
    head = ["Department", "Function", TEXT["REL-1"], TEXT["REL-2"], TEXT["TRU-1"]]
    rows = [head, ["Sales", "IT", "4,0", "2", "3,0"], ["Ops", "Business", "5", "4,0", "1,0"], ["Ops", "IT", "1,0", "3", "5,0"]]
    dataset = Dataset.from_files([("european.csv", csv_bytes(rows, "cp1252", delimiter))])
    assert scores(dataset) == {"REL-1": [4.0, 5.0, 1.0], "REL-2": [2.0, 4.0, 3.0], "TRU-1": [3.0, 1.0, 5.0]}
    assert dataset.report.cell_issues == []
    assert {c["maps_to"]: c.get("scale") for c in dataset.report.mapped_columns}["REL-1"] == "numeric-1-5"
    assert [r["department"] for r in respondents(dataset)] == ["Sales", "Ops", "Ops"]


def test_a_plain_table_with_paraphrased_headers_only_is_recognised():
    head = [
        "Which department do you work in?",
        "Are you in IT or the business?",
        "I trust that IT can deliver what the business needs",
    ]
    head += ["Business and IT leaders regularly discuss business imperatives together"]
    rows = [
        head,
        ["Sales", "IT", "Agree", "Agree"],
        ["Ops", "Business", "Disagree", "Strongly agree"],
        ["Ops", "IT", "Agree", "Neutral"],
    ]
    dataset = Dataset.from_files([("paraphrased.csv", csv_bytes(rows))])
    assert {c["maps_to"]: c["confidence"] for c in dataset.report.mapped_columns} == {
        "department": 0.9,
        "function": 0.9,
        "TRU-1": 0.86,
        "REL-1": 1.0,
    }
    assert scores(dataset) == {"TRU-1": [4.0, 2.0, 4.0], "REL-1": [4.0, 5.0, 3.0]}


def test_email_addresses_as_respondent_ids_are_dropped_from_csv_too():
    rows = [["Respondent", "Function", "REL-1", "REL-2"], ["ana@example.com", "IT", 4, 2], ["ben@example.com", "Business", 5, 4]]
    rows.append(["cleo@example.com", "Business", 3, 3])
    from_xlsx = Dataset.from_files([("plain.xlsx", xlsx_bytes(rows))])
    assert [c["header"] for c in from_xlsx.report.dropped_columns] == ["Respondent"]
    from_csv = Dataset.from_files([("plain.csv", csv_bytes(rows))])
    assert not any("@" in str(r["respondent"]) for r in respondents(from_csv))
    assert [c["header"] for c in from_csv.report.dropped_columns] == ["Respondent"]


# -------------------------------------------------------------------------------- a saved mapping

UNMAPPED = "Filling in these questionnaires never changes anything"  # an SRV statement, worded negatively
WRONG = "Our business relationship manager organises the team lunch"  # looks like REL-4, is not


def _google_with_extra_columns() -> list[list]:
    rows = google_forms()
    rows[0] += [UNMAPPED, WRONG]
    extra = [["Agree", "Strongly disagree"], ["Strongly agree", "Strongly disagree"], ["Disagree", "Strongly disagree"]]
    for row, answers in zip(rows[1:], extra, strict=True):
        row += answers
    return rows


MAPPING_JSON = json.dumps(
    {
        "version": 1,
        "columns": [
            {"header": UNMAPPED.upper(), "target": "custom:SRV", "reverse": True},
            {"header": f"  {WRONG}  ", "target": "ignore"},
        ],
    }
)
# REL without the lunch column: means of REL-1 and REL-2 per respondent (4 + 5) / 2, (2 + 3) / 2, (4 + 4) / 2
REL_CORRECTED = round((4.5 + 2.5 + 4.0) / 3, 2)
# REL with it (Strongly disagree = 1 for all): (4 + 5 + 1) / 3, (2 + 3 + 1) / 3, (4 + 4 + 1) / 3
REL_AUTOMATIC = round((10 / 3 + 6 / 3 + 9 / 3) / 3, 2)
# SRV: the custom statement reversed, 6 - x: Agree 4 -> 2, Strongly agree 5 -> 1, Disagree 2 -> 4
SRV_MAPPED = round((2 + 1 + 4) / 3, 2)


def test_saved_mapping_changes_the_result():
    files = [("google.csv", csv_bytes(_google_with_extra_columns()))]
    automatic = Dataset.from_files(files)
    by_header = {c.header: c for c in automatic.report.mapping}
    assert by_header[UNMAPPED].target == "ignore"
    assert by_header[WRONG].target == "REL-4"
    before = analyze(automatic, SMALL)
    assert before.tactic("REL").score == REL_AUTOMATIC
    assert before.tactic("SRV").score is None

    mapped = Dataset.from_files(files, mapping=mapping_from_json(MAPPING_JSON))
    by_header = {c.header: c for c in mapped.report.mapping}
    assert (by_header[UNMAPPED].target, by_header[UNMAPPED].reverse) == ("custom:SRV", True)
    assert by_header[WRONG].target == "ignore"
    assert {c["header"]: c["maps_to"] for c in mapped.report.mapped_columns}[UNMAPPED] == "SRV-C1"
    assert WRONG in {c["header"] for c in mapped.report.dropped_columns}
    assert scores(mapped)["SRV-C1"] == [2.0, 1.0, 4.0]  # stored after reversal
    assert "REL-4" not in scores(mapped)
    after = analyze(mapped, SMALL)
    assert after.tactic("SRV").score == SRV_MAPPED
    assert after.tactic("SRV").n == 3
    assert after.tactic("REL").score == REL_CORRECTED
    assert after.tactic("TRU").score == before.tactic("TRU").score
    items = mapped.query("SELECT id, tactic, text, reverse FROM items WHERE id = 'SRV-C1'").to_dict("records")
    assert items == [{"id": "SRV-C1", "tactic": "SRV", "text": UNMAPPED, "reverse": True}]
    assert "ana@example.com" not in everything_shown(mapped, files, mapping_from_json(MAPPING_JSON))


def test_saved_mapping_that_moves_an_item_does_not_keep_two_columns_on_it():
    files = [("google.csv", csv_bytes(_google_with_extra_columns()))]
    mapping = mapping_from_json(json.dumps({"columns": [{"header": WRONG, "target": "REL-1"}]}))
    report = Dataset.from_files(files, mapping=mapping).report
    assert [c["header"] for c in report.mapped_columns if c["maps_to"] == "REL-1"] == [WRONG]


# ---------------------------------------------------------------------------------- command line


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "alignment", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_cli_analyze_applies_a_mapping_file(tmp_path):
    survey = tmp_path / "google.csv"
    survey.write_bytes(csv_bytes(_google_with_extra_columns()))
    mapping = tmp_path / "mapping.json"
    mapping.write_text(MAPPING_JSON, encoding="utf-8")
    config = tmp_path / "alignment.toml"
    config.write_text("[privacy]\nmin_group_size = 3\n", encoding="utf-8")
    done = run_cli("analyze", str(survey), "--mapping", str(mapping), "--config", str(config), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["respondents"] == 3
    tactics = {t["code"]: t for t in result["tactics"]}
    assert tactics["SRV"]["score"] == SRV_MAPPED
    assert tactics["REL"]["score"] == REL_CORRECTED
    assert "ana@example.com" not in done.stdout


def test_cli_mapping_with_an_unknown_target_exits_2_with_one_error_line(tmp_path):
    survey = tmp_path / "google.csv"
    survey.write_bytes(csv_bytes(google_forms()))
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"columns": [{"header": "Timestamp", "target": "submitted"}, {"header": "x", "target": "XYZ-1"}]}')
    done = run_cli("analyze", str(survey), "--mapping", str(mapping))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: mapping.json: entry 2 ('x') maps to unknown target 'XYZ-1'.")
    assert "Traceback" not in done.stderr


def test_cli_mapping_file_that_is_not_utf8_exits_2(tmp_path, capsys):
    survey = tmp_path / "google.csv"
    survey.write_bytes(csv_bytes(google_forms()))
    mapping = tmp_path / "mapping.json"
    mapping.write_bytes('{"columns": [{"header": "Département", "target": "department"}]}'.encode("cp1252"))
    assert cli_main(["analyze", str(survey), "--mapping", str(mapping)]) == 2
    assert capsys.readouterr().err.startswith("error: ")


# ------------------------------------------------------------------------------------------ the app


def test_app_upload_of_a_google_forms_export():
    data = csv_bytes(google_forms())
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    at.file_uploader[0].set_value([("google_forms.csv", data, "text/csv")]).run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("google_forms.csv" in s.value for s in at.success), [s.value for s in at.success]
    assert any("mapping" in e.label.lower() for e in at.expander), [e.label for e in at.expander]
    assert any("Email Address" in str(df.value.to_dict()) for df in at.dataframe)  # named in the dropped columns
    assert not any("ana@example.com" in str(df.value.to_dict()) for df in at.dataframe)
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert next(m.value for m in at.metric if m.label == "Respondents") == "3"
