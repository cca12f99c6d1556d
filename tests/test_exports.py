"""Recognising raw survey-tool exports (Microsoft Forms, Google Forms, SurveyMonkey, Qualtrics, LimeSurvey).

Each fixture is built the way the tool writes it (real column names, header rows, value formats) and read
back through the app's own file reader, so cells have the types detect_layout sees on upload.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook

from alignment.ingest.cells import match_header
from alignment.ingest.header_text import bracket_part
from alignment.ingest.layouts import Layout, detect_layout
from alignment.ingest.read import read_sheets
from alignment.items import ITEMS_BY_ID
from alignment.template import RESPONSE_HEADERS

REL1, REL2, TRU1, RELO = (ITEMS_BY_ID[i].text for i in ("REL-1", "REL-2", "TRU-1", "REL-O"))
FUNCTION_Q = "Do you work in IT or in the business?"
GRID = "How much do you agree with each statement?"


# ----------------------------------------------------------------------------- fixture builders


def via_csv(rows: list[list], bom: bool = False, name: str = "upload.csv") -> list[list]:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")
    (sheet,) = read_sheets(name, data).values()
    return sheet


def via_xlsx(rows: list[list], name: str = "upload.xlsx") -> list[list]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return read_sheets(name, buffer.getvalue())["Sheet1"]


def ms_forms(last_modified: bool = False) -> list[list]:
    """Microsoft Forms 'Open in Excel': one header row; Likert statements are columns of their own."""
    extra = ["Last modified time"] if last_modified else []
    head = ["ID", "Start time", "Completion time", "Email", "Name", *extra, FUNCTION_Q, "Department", REL1, REL2, TRU1, RELO]
    answers = [
        (
            "anonymous",
            None,
            "IT",
            "Infrastructure",
            "Agree",
            "Strongly agree",
            "Neither agree nor disagree",
            "More joint planning.",
        ),
        ("anonymous", None, "Business", "Sales", "Disagree", "Agree", "Agree", ""),
        ("anonymous", None, "Business", "Finance", "Strongly agree", "Agree", "Disagree", "Explain costs earlier."),
    ]
    rows = [head]
    for n, (email, name, *rest) in enumerate(answers, start=1):
        started = dt.datetime(2026, 3, 2, 9, 10 + n, 5)
        modified = [None] if last_modified else []
        rows.append([n, started, started + dt.timedelta(minutes=4), email, name, *modified, *rest])
    return via_xlsx(rows)


def google_forms(email: str | None = "Email Address") -> list[list]:
    """Google Forms 'Download responses (.csv)': Timestamp first, grid rows as 'Title [Row]'."""
    head = [
        "Timestamp",
        *([email] if email else []),
        FUNCTION_Q,
        f"{GRID} [{REL1}]",
        f"{GRID} [{REL2}]",
        f"{GRID} [{TRU1}]",
        RELO,
    ]
    people = [
        ("2026/03/02 9:14:05 AM GMT", "ana@example.com", "IT", "Agree", "Strongly agree", "Agree", "Shared roadmaps."),
        ("2026/03/02 10:02:51 AM GMT", "ben@example.com", "Business", "Disagree", "Neutral", "Agree", ""),
        ("2026/03/03 4:45:10 PM GMT", "cleo@example.com", "Business", "Agree", "Agree", "Strongly disagree", "Fewer handovers."),
    ]
    rows = [head] + [[stamp, *([mail] if email else []), *rest] for stamp, mail, *rest in people]
    return via_csv(rows)


SURVEYMONKEY_META = [
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
]


def surveymonkey_rows() -> list[list]:
    """SurveyMonkey 'All responses data', expanded: the question in row 1 (once per question), the answer
    option or matrix row in row 2."""
    top = [*SURVEYMONKEY_META, FUNCTION_Q, "", GRID, "", "", RELO]
    second = [""] * len(SURVEYMONKEY_META) + ["Response", "Other (please specify)", REL1, REL2, TRU1, "Open-Ended Response"]
    people = [
        (114152301234, "IT", "", "Agree", "Agree", "Strongly agree", "Sit together more often."),
        (114152305678, "Business", "", "Strongly disagree", "Neither agree nor disagree", "Agree", ""),
        (114152309012, "", "Procurement", "Agree", "Disagree", "Agree", "Publish the roadmap."),
    ]
    rows = [top, second]
    for n, (rid, function, other, *rest) in enumerate(people):
        day = f"03/0{2 + n}/2026"
        rows.append(
            [
                rid,
                431234567,
                f"{day} 09:14:05 AM",
                f"{day} 09:19:44 AM",
                f"203.0.113.{7 + n}",
                "",
                "",
                "",
                "",
                function,
                other,
                *rest,
            ]
        )
    return rows


QUALTRICS_TAGS = [
    "StartDate",
    "EndDate",
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "RecipientLastName",
    "RecipientFirstName",
    "RecipientEmail",
    "ExternalReference",
    "LocationLatitude",
    "LocationLongitude",
    "DistributionChannel",
    "UserLanguage",
    "Q1",
    "Q2_1",
    "Q2_2",
    "Q2_3",
    "Q3",
]
QUALTRICS_LABELS = [
    "Start Date",
    "End Date",
    "Response Type",
    "IP Address",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "Recorded Date",
    "Response ID",
    "Recipient Last Name",
    "Recipient First Name",
    "Recipient Email",
    "External Data Reference",
    "Location Latitude",
    "Location Longitude",
    "Distribution Channel",
    "User Language",
    FUNCTION_Q,
    f"{GRID} - {REL1}",
    f"{GRID} - {REL2}",
    f"{GRID} - {TRU1}",
    RELO,
]
QUALTRICS_IMPORT_IDS = [
    '{"ImportId":"startDate","timeZone":"America/Denver"}',
    '{"ImportId":"endDate","timeZone":"America/Denver"}',
    '{"ImportId":"status"}',
    '{"ImportId":"ipAddress"}',
    '{"ImportId":"progress"}',
    '{"ImportId":"duration"}',
    '{"ImportId":"finished"}',
    '{"ImportId":"recordedDate","timeZone":"America/Denver"}',
    '{"ImportId":"_recordId"}',
    '{"ImportId":"recipientLastName"}',
    '{"ImportId":"recipientFirstName"}',
    '{"ImportId":"recipientEmail"}',
    '{"ImportId":"externalDataReference"}',
    '{"ImportId":"locationLatitude"}',
    '{"ImportId":"locationLongitude"}',
    '{"ImportId":"distributionChannel"}',
    '{"ImportId":"userLanguage"}',
    '{"ImportId":"QID1"}',
    '{"ImportId":"QID2_1"}',
    '{"ImportId":"QID2_2"}',
    '{"ImportId":"QID2_3"}',
    '{"ImportId":"QID3_TEXT"}',
]


def qualtrics_response(n: int, status: object = "IP Address", channel: str = "anonymous", answers=None) -> list:
    start = f"2026-03-0{2 + n % 7} 09:14:05"
    end = f"2026-03-0{2 + n % 7} 09:19:44"
    ip = "" if status in ("Survey Preview", 1) else f"198.51.100.{n}"
    answers = answers or ["IT", "Agree", "Somewhat agree", "Strongly agree", "Meet monthly."]
    return [
        start,
        end,
        status,
        ip,
        100,
        339,
        True,
        end,
        f"R_{n:02d}xYz8AbCdEfGhI",
        "",
        "",
        "",
        "",
        "39.7392",
        "-104.9903",
        channel,
        "EN",
        *answers,
    ]


def qualtrics_rows(previews: bool = True) -> list[list]:
    """Qualtrics 'Export data' CSV with choice text: export tags, question texts, ImportIds, then responses."""
    responses = [
        qualtrics_response(1),
        *([qualtrics_response(2, "Survey Preview", "preview")] if previews else []),
        qualtrics_response(3, answers=["Business", "Disagree", "Agree", "Agree", ""]),
        *([qualtrics_response(4, "Survey Preview", "preview")] if previews else []),
        qualtrics_response(5, answers=["Business", "Strongly disagree", "Agree", "Neither agree nor disagree", "Share plans."]),
    ]
    return [QUALTRICS_TAGS, QUALTRICS_LABELS, QUALTRICS_IMPORT_IDS, *responses]


LIMESURVEY_ANSWERS = [
    ["IT", "Agree", "Agree", "Strongly agree", "Joint planning."],
    ["Business", "Disagree", "Agree", "Agree", ""],
    ["Business", "Strongly agree", "Neither agree nor disagree", "Disagree", "Clear costs."],
]


def limesurvey_code_rows(subquestions=("REL1", "REL2", "TRU1")) -> list[list]:
    """LimeSurvey 'Export responses' with 'Question code' headings; array subquestions as CODE[SUB]."""
    head = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "G01Q01"]
    head += [f"G01Q02[{sub}]" for sub in subquestions] + ["G01Q03"]
    rows = [head]
    for n, answers in enumerate(LIMESURVEY_ANSWERS, start=1):
        stamp = f"2026-03-0{n + 1} 09:18:44"
        rows.append([n, stamp, 3, "en", 1234567 + n, f"2026-03-0{n + 1} 09:14:05", stamp, f"192.0.2.{n}", *answers])
    return via_csv(rows)


def limesurvey_full_rows() -> list[list]:
    """LimeSurvey with 'Full question text' headings: arrays as 'Question text [Subquestion text]'."""
    head = ["Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started", "Date last action"]
    head += ["IP address", FUNCTION_Q, f"{GRID} [{REL1}]", f"{GRID} [{REL2}]", f"{GRID} [{TRU1}]", RELO]
    rows = [head]
    for n, answers in enumerate(LIMESURVEY_ANSWERS, start=1):
        stamp = f"2026-03-0{n + 1} 09:18:44"
        rows.append([n, stamp, 3, "en", 1234567 + n, f"2026-03-0{n + 1} 09:14:05", stamp, f"192.0.2.{n}", *answers])
    return via_csv(rows)


def template_rows() -> list[list]:
    width = len(RESPONSE_HEADERS) - 6
    return via_xlsx(
        [
            list(RESPONSE_HEADERS),
            ["R001", "2026-Q1", dt.date(2026, 3, 2), "IT", "Infrastructure", "Manager", *(["Agree"] * width)],
            ["R002", "2026-Q1", dt.date(2026, 3, 3), "Business", "Sales", "", *([4] * width)],
            ["R003", "2026-Q1", dt.date(2026, 3, 4), "Business", "Finance", "", *(["N/A"] * width)],
        ]
    )


def items_matched(layout: Layout) -> dict[int, str]:
    """Column -> item id, as the column mapping would see match_texts."""
    found = {}
    for col, text in enumerate(layout.match_texts):
        match = match_header(text)
        if match and match[1] is not None:
            found[col] = match[1].id
    return found


def assert_layout(layout: Layout, **expected) -> None:
    for name, value in expected.items():
        assert getattr(layout, name) == value, name


# ----------------------------------------------------------------------------- Microsoft Forms


def test_microsoft_forms():
    layout = detect_layout(ms_forms())
    head = ("ID", "Start time", "Completion time", "Email", "Name", FUNCTION_Q, "Department", REL1, REL2, TRU1, RELO)
    assert_layout(
        layout,
        tool="microsoft-forms",
        header_rows=(0,),
        data_start=1,
        headers=head,
        match_texts=head,
        drop_rows=(),
        identifier_columns=((3, "email address"), (4, "name")),
        meta={"respondent_id": 0, "submitted": 2},
        system_columns=((1, "bookkeeping column added by Microsoft Forms"),),
        notes=(
            "Recognised a Microsoft Forms export: 1 header row.",
            "Direct identifiers dropped, never shown or exported: Email (column D, email address), Name (column E, name).",
        ),
    )
    assert items_matched(layout) == {7: "REL-1", 8: "REL-2", 9: "TRU-1", 10: "REL-O"}


def test_microsoft_forms_with_last_modified_time():
    layout = detect_layout(ms_forms(last_modified=True))
    assert layout.tool == "microsoft-forms"
    assert layout.headers[5] == "Last modified time"
    assert layout.system_columns == (
        (1, "bookkeeping column added by Microsoft Forms"),
        (5, "bookkeeping column added by Microsoft Forms"),
    )
    assert layout.identifier_columns == ((3, "email address"), (4, "name"))
    assert layout.meta == {"respondent_id": 0, "submitted": 2}
    assert items_matched(layout) == {8: "REL-1", 9: "REL-2", 10: "TRU-1", 11: "REL-O"}


# -------------------------------------------------------------------------------- Google Forms


def test_google_forms():
    layout = detect_layout(google_forms())
    assert_layout(
        layout,
        tool="google-forms",
        header_rows=(0,),
        data_start=1,
        headers=("Timestamp", "Email Address", FUNCTION_Q, f"{GRID} [{REL1}]", f"{GRID} [{REL2}]", f"{GRID} [{TRU1}]", RELO),
        match_texts=("Timestamp", "Email Address", FUNCTION_Q, REL1, REL2, TRU1, RELO),
        drop_rows=(),
        identifier_columns=((1, "email address"),),
        meta={"submitted": 0},
        system_columns=(),
        notes=(
            "Recognised a Google Forms export: 1 header row.",
            "Direct identifiers dropped, never shown or exported: Email Address (column B, email address).",
            "3 columns of grid or multi-part questions matched on the row text, not the question title.",
        ),
    )
    assert items_matched(layout) == {3: "REL-1", 4: "REL-2", 5: "TRU-1", 6: "REL-O"}


def test_google_forms_without_email():
    layout = detect_layout(google_forms(email=None))
    assert layout.tool == "google-forms"
    assert layout.identifier_columns == ()
    assert layout.match_texts == ("Timestamp", FUNCTION_Q, REL1, REL2, TRU1, RELO)
    assert layout.notes == (
        "Recognised a Google Forms export: 1 header row.",
        "3 columns of grid or multi-part questions matched on the row text, not the question title.",
    )


@pytest.mark.parametrize("column", ["Email address", "Username"])
def test_google_forms_collected_address_is_an_identifier(column):
    layout = detect_layout(google_forms(email=column))
    assert layout.tool == "google-forms"
    assert [col for col, _ in layout.identifier_columns] == [1]


def test_google_forms_in_the_form_language():
    rows = google_forms(email=None)
    rows[0][0] = "Marca temporal"
    layout = detect_layout(rows)
    assert (layout.tool, layout.meta) == ("google-forms", {"submitted": 0})


def test_google_forms_rebuilt_from_the_item_bank_is_still_google_forms():
    """A team that titled its questions 'REL-1 <statement>' (python -m alignment items) still has a tool export."""
    rows = google_forms(email=None)
    rows[0][2:5] = [f"REL-1 {REL1}", f"REL-2 {REL2}", f"TRU-1 {TRU1}"]
    layout = detect_layout(rows)
    assert (layout.tool, layout.meta) == ("google-forms", {"submitted": 0})
    assert items_matched(layout) == {2: "REL-1", 3: "REL-2", 4: "TRU-1", 5: "REL-O"}


# --------------------------------------------------------------------------------- SurveyMonkey

SURVEYMONKEY_HEADERS = (
    *SURVEYMONKEY_META,
    FUNCTION_Q,
    f"{FUNCTION_Q} [Other (please specify)]",
    f"{GRID} [{REL1}]",
    f"{GRID} [{REL2}]",
    f"{GRID} [{TRU1}]",
    RELO,
)


@pytest.mark.parametrize(
    "read",
    [via_xlsx, via_csv, lambda rows: via_csv(rows, bom=True)],
    ids=["xlsx", "csv", "csv-with-bom"],
)
def test_surveymonkey(read):
    layout = detect_layout(read(surveymonkey_rows()))
    own = "bookkeeping column added by SurveyMonkey"
    assert_layout(
        layout,
        tool="surveymonkey",
        header_rows=(0, 1),
        data_start=2,
        headers=SURVEYMONKEY_HEADERS,
        match_texts=(*SURVEYMONKEY_META, FUNCTION_Q, "Other (please specify)", REL1, REL2, TRU1, RELO),
        drop_rows=((1, "SurveyMonkey second header row (answer options and matrix rows)"),),
        identifier_columns=((4, "IP address"), (5, "email address"), (6, "first name"), (7, "last name")),
        meta={"respondent_id": 0, "submitted": 3},
        system_columns=((1, own), (2, own), (8, own)),
        notes=(
            "Recognised a SurveyMonkey export: 2 header rows.",
            "Direct identifiers dropped, never shown or exported: IP Address (column E, IP address), "
            "Email Address (column F, email address), First Name (column G, first name), Last Name (column H, last name).",
            "4 columns of grid or multi-part questions matched on the row text, not the question title.",
        ),
    )
    assert items_matched(layout) == {11: "REL-1", 12: "REL-2", 13: "TRU-1", 14: "REL-O"}


def test_surveymonkey_byte_order_mark_left_in_the_first_cell():
    rows = surveymonkey_rows()
    rows[0][0] = "\ufeffRespondent ID"  # read by a tool that keeps the BOM
    layout = detect_layout(rows)
    assert layout.tool == "surveymonkey"
    assert layout.headers == SURVEYMONKEY_HEADERS


def test_surveymonkey_without_its_second_header_row():
    rows = surveymonkey_rows()
    del rows[1]
    layout = detect_layout(rows)
    assert (layout.tool, layout.header_rows, layout.data_start, layout.drop_rows) == ("surveymonkey", (0,), 1, ())
    assert layout.meta == {"respondent_id": 0, "submitted": 3}


# ------------------------------------------------------------------------------------ Qualtrics

QUALTRICS_IDENTIFIERS = (
    (3, "IP address"),
    (9, "recipient last name"),
    (10, "recipient first name"),
    (11, "recipient email"),
    (12, "external reference"),
    (13, "location"),
    (14, "location"),
)


def test_qualtrics_with_preview_responses():
    layout = detect_layout(via_csv(qualtrics_rows()))
    own = "bookkeeping column added by Qualtrics"
    assert_layout(
        layout,
        tool="qualtrics",
        header_rows=(0, 1, 2),
        data_start=3,
        headers=tuple(QUALTRICS_LABELS),
        match_texts=(*QUALTRICS_LABELS[:18], REL1, REL2, TRU1, RELO),
        drop_rows=(
            (1, "Qualtrics question-text header row"),
            (2, "Qualtrics ImportId row"),
            (4, "Qualtrics preview response (Status 'Survey Preview')"),
            (6, "Qualtrics preview response (Status 'Survey Preview')"),
        ),
        identifier_columns=QUALTRICS_IDENTIFIERS,
        meta={"respondent_id": 8, "submitted": 1},
        system_columns=tuple((col, own) for col in (0, 2, 4, 5, 6, 7, 15, 16)),
    )
    assert layout.notes[0] == "Recognised a Qualtrics export: 3 header rows; 2 preview responses dropped."
    assert layout.notes[1].startswith("Direct identifiers dropped, never shown or exported: IP Address (column D, IP address), ")
    assert layout.notes[2] == "3 columns of grid or multi-part questions matched on the row text, not the question title."
    assert items_matched(layout) == {18: "REL-1", 19: "REL-2", 20: "TRU-1", 21: "REL-O"}


def test_qualtrics_without_preview_responses():
    layout = detect_layout(via_csv(qualtrics_rows(previews=False)))
    assert layout.tool == "qualtrics"
    assert layout.drop_rows == ((1, "Qualtrics question-text header row"), (2, "Qualtrics ImportId row"))
    assert layout.notes[0] == "Recognised a Qualtrics export: 3 header rows."


def test_qualtrics_numeric_values_preview_and_test_responses():
    """'Use numeric values': Status 1 is a survey preview, 2 a generated test response."""
    rows = [
        QUALTRICS_TAGS,
        QUALTRICS_LABELS,
        QUALTRICS_IMPORT_IDS,
        qualtrics_response(1, 0, answers=[1, 4, 4, 5, "Meet monthly."]),
        qualtrics_response(2, 1, "anonymous", answers=[1, 5, 5, 5, ""]),
        qualtrics_response(3, 2, "test", answers=[2, 3, 3, 3, "lorem ipsum"]),
        qualtrics_response(4, 0, answers=[2, 2, 4, 3, ""]),
        qualtrics_response(5, 0, "preview", answers=[2, 2, 4, 3, ""]),
    ]
    layout = detect_layout(via_xlsx(rows))
    assert layout.drop_rows[2:] == (
        (4, "Qualtrics preview response (Status '1')"),
        (5, "Qualtrics test response (Status '2')"),
        (7, "Qualtrics preview response (DistributionChannel 'preview')"),
    )
    assert (
        layout.notes[0] == "Recognised a Qualtrics export: 3 header rows; 2 preview responses dropped; 1 test response dropped."
    )


def test_qualtrics_trimmed_to_its_export_tags():
    """Analysts often delete the question-text and ImportId rows; the tags then are the header."""
    rows = [QUALTRICS_TAGS, qualtrics_response(1), qualtrics_response(2, "Survey Preview", "preview")]
    layout = detect_layout(via_csv(rows))
    assert (layout.tool, layout.header_rows, layout.data_start) == ("qualtrics", (0,), 1)
    assert layout.headers == tuple(QUALTRICS_TAGS)
    assert layout.drop_rows == ((2, "Qualtrics preview response (Status 'Survey Preview')"),)


def test_qualtrics_statement_after_a_question_text_with_dashes():
    stem = "Relationships - how far do you agree? - "
    labels = [*QUALTRICS_LABELS[:18], stem + REL1, stem + REL2, stem + TRU1, RELO]
    layout = detect_layout([QUALTRICS_TAGS, labels, QUALTRICS_IMPORT_IDS, qualtrics_response(1)])
    assert layout.match_texts[18:21] == (REL1, REL2, TRU1)


# ----------------------------------------------------------------------------------- LimeSurvey


def test_limesurvey_question_codes():
    layout = detect_layout(limesurvey_code_rows())
    own = "bookkeeping column added by LimeSurvey"
    head = ("id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "G01Q01")
    assert_layout(
        layout,
        tool="limesurvey-code",
        header_rows=(0,),
        data_start=1,
        headers=(*head, "G01Q02[REL1]", "G01Q02[REL2]", "G01Q02[TRU1]", "G01Q03"),
        match_texts=(*head, "REL1", "REL2", "TRU1", "G01Q03"),
        drop_rows=(),
        identifier_columns=((7, "IP address"),),
        meta={"respondent_id": 0, "submitted": 1},
        system_columns=tuple((col, own) for col in (2, 3, 4, 5, 6)),
        notes=(
            "Recognised a LimeSurvey export: 1 header row.",
            "Direct identifiers dropped, never shown or exported: ipaddr (column H, IP address).",
            "3 columns of grid or multi-part questions matched on the row text, not the question title.",
        ),
    )
    assert items_matched(layout) == {9: "REL-1", 10: "REL-2", 11: "TRU-1"}


def test_limesurvey_codes_that_are_not_item_ids_get_a_hint():
    layout = detect_layout(limesurvey_code_rows(subquestions=("SQ001", "SQ002", "SQ003")))
    assert layout.tool == "limesurvey-code"
    assert "Full question text" in layout.notes[-1]
    assert items_matched(layout) == {}


def test_limesurvey_full_question_texts():
    layout = detect_layout(limesurvey_full_rows())
    own = "bookkeeping column added by LimeSurvey"
    head = ("Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started", "Date last action")
    assert_layout(
        layout,
        tool="limesurvey-full",
        header_rows=(0,),
        data_start=1,
        headers=(*head, "IP address", FUNCTION_Q, f"{GRID} [{REL1}]", f"{GRID} [{REL2}]", f"{GRID} [{TRU1}]", RELO),
        match_texts=(*head, "IP address", FUNCTION_Q, REL1, REL2, TRU1, RELO),
        drop_rows=(),
        identifier_columns=((7, "IP address"),),
        meta={"respondent_id": 0, "submitted": 1},
        system_columns=tuple((col, own) for col in (2, 3, 4, 5, 6)),
        notes=(
            "Recognised a LimeSurvey export: 1 header row.",
            "Direct identifiers dropped, never shown or exported: IP address (column H, IP address).",
            "3 columns of grid or multi-part questions matched on the row text, not the question title.",
        ),
    )
    assert items_matched(layout) == {9: "REL-1", 10: "REL-2", 11: "TRU-1", 12: "REL-O"}


# ------------------------------------------------------------------------ template and generic


def test_template():
    layout = detect_layout(template_rows())
    assert_layout(
        layout,
        tool="template",
        header_rows=(0,),
        data_start=1,
        headers=RESPONSE_HEADERS,
        match_texts=RESPONSE_HEADERS,
        drop_rows=(),
        identifier_columns=(),
        meta={"respondent_id": 0, "period": 1, "submitted": 2, "function": 3, "department": 4, "role": 5},
        system_columns=(),
        notes=("Recognised the app's template: 1 header row.",),
    )


def test_sample_files_are_the_template(sample_xlsx_bytes, sample_csv_bytes):
    sheets = read_sheets("alignment_sample.xlsx", sample_xlsx_bytes)
    assert detect_layout(sheets["Responses"]).tool == "template"
    assert {detect_layout(rows).tool for name, rows in sheets.items() if name != "Responses"} == {"generic"}
    (csv_rows,) = read_sheets("responses.csv", sample_csv_bytes).values()
    assert detect_layout(csv_rows).tool == "template"


def test_generic_sheet_with_a_title_above_the_header():
    rows = via_xlsx(
        [
            ["IT alignment pulse - Finance, March 2026"],
            [],
            ["Team", "IT or business?", "REL-1", TRU1, "Comments"],
            ["Payroll", "Business", 4, 3, "Good"],
            ["Treasury", "Business", 2, 5, ""],
            ["Service desk", "IT", 5, 4, "Fine"],
        ]
    )
    layout = detect_layout(rows)
    head = ("Team", "IT or business?", "REL-1", TRU1, "Comments")
    assert_layout(
        layout,
        tool="generic",
        header_rows=(2,),
        data_start=3,
        headers=head,
        match_texts=head,
        drop_rows=((0, "above the header row"),),
        identifier_columns=(),
        meta={},
        notes=(
            "No survey tool recognised: read as a plain table with its header in row 3.",
            "1 row above the header (a title or notes) not read as answers.",
        ),
    )
    assert items_matched(layout) == {2: "REL-1", 3: "TRU-1"}


def test_generic_column_of_email_addresses_is_an_identifier():
    rows = [["Department", "Contact", REL1], ["Sales", "ana@example.com", 4], ["IT", "ben@example.org", 5], ["HR", "", 3]]
    layout = detect_layout(rows)
    assert layout.tool == "generic"
    assert layout.identifier_columns == ((1, "e-mail addresses in the answers"),)


@pytest.mark.parametrize(
    "rows, tool",
    [
        ([list(RESPONSE_HEADERS), ["R1", "2026-Q1", "", "IT", "Sales", "", *(["Agree"] * 37)]], "template"),
        ([["ID", "Name", "Email", "Department", REL1], [1, "Ana", "ana@example.com", "Sales", 4]], "generic"),
        ([["ID", "Start time", "Department", REL1], [1, "09:00", "Sales", 4]], "generic"),
        ([["Respondent ID", "Department", "End Date", REL1], [7, "Sales", "2026-03-02", 4]], "generic"),
        ([["Timestamp", "Team", REL1], ["2026-Q1", "Sales", 4]], "generic"),
        ([["Department", "Timestamp", REL1], ["Sales", "2026/03/02 9:14:05", 4]], "generic"),
        ([["id", "submitdate", "department", REL1], [1, "2026-03-02", "Sales", 4]], "generic"),
        ([["StartDate", "EndDate", "Status", REL1], ["2026-03-02", "2026-03-02", "IP Address", 4]], "generic"),
        ([["respondent_id", "function", "department", "REL-1 " + REL1], ["R1", "IT", "Sales", 4]], "template"),
    ],
    ids=[
        "template",
        "user-sheet-with-name-and-email",
        "start-time-without-completion-time",
        "respondent-id-without-collector-id",
        "timestamp-column-without-dates",
        "timestamp-not-first",
        "limesurvey-names-incomplete",
        "qualtrics-names-incomplete",
        "template-subset",
    ],
)
def test_template_and_plain_sheets_are_never_mistaken_for_a_tool(rows, tool):
    assert detect_layout(rows).tool == tool
    assert detect_layout(via_csv(rows)).tool == tool


# -------------------------------------------------------------------------------------- edges


@pytest.mark.parametrize("rows", [[], [[None, None], ["", "  "]], [[]]], ids=["no-rows", "blank-cells", "empty-row"])
def test_empty_sheet(rows):
    layout = detect_layout(rows)
    assert_layout(
        layout,
        tool="generic",
        header_rows=(),
        data_start=0,
        headers=(),
        match_texts=(),
        drop_rows=(),
        identifier_columns=(),
        meta={},
        notes=("The sheet is empty.",),
    )
    assert layout.header_row is None


def test_sheet_without_a_header_row():
    layout = detect_layout([["Alignment survey"], [1, 2, 3], ["2026-Q1", 4, 5]])
    assert (layout.tool, layout.header_rows, layout.headers) == ("generic", (), ())
    assert layout.notes[0].startswith("No header row found in the first 10 rows")


def test_header_only_sheets():
    google = detect_layout(via_csv([google_forms()[0]]))
    assert (google.tool, google.header_rows, google.data_start) == ("google-forms", (0,), 1)
    assert google.notes[-1] == "No responses below the header."

    qualtrics = detect_layout(via_csv([QUALTRICS_TAGS, QUALTRICS_LABELS, QUALTRICS_IMPORT_IDS]))
    assert (qualtrics.tool, qualtrics.header_rows, qualtrics.data_start) == ("qualtrics", (0, 1, 2), 3)
    assert qualtrics.notes[-1] == "No responses below the header."

    plain = detect_layout([["Department", REL1, REL2]])
    assert (plain.tool, plain.header_rows, plain.data_start, plain.headers) == ("generic", (0,), 1, ("Department", REL1, REL2))


def test_ragged_rows_are_padded_to_the_widest_row():
    layout = detect_layout([["Department", REL1], ["Sales", 4, "stray note"]])
    assert layout.headers == ("Department", REL1, "")


@pytest.mark.parametrize(
    "text, part",
    [
        (f"Please rate: [{REL1}]", REL1),
        ("Rate [each] item [IT [and] business]", "IT [and] business"),
        ("No grid here", ""),
        ("G01Q02[SQ001]", "SQ001"),
    ],
)
def test_bracket_part(text, part):
    assert bracket_part(text) == part
