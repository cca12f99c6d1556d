"""Real exports read the way their respondents meant them (issue 10): panel surveys keep every wave, periods
written several ways are one period, the department comes only from a unit column, unknown function values
are reported without killing the IT/Business split, and a saved mapping applies to every file.

Every fixture is written here, as the tools and users write them; expected numbers are computed by hand.
"""

from __future__ import annotations

from alignment.analysis import analyze
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.ingest.load import load_files
from alignment.items import ITEMS_BY_ID
from alignment.selection import Selection

SMALL = Settings(min_group_size=3)


def load_csv(text: str, mapping: dict | None = None, name: str = "survey.csv"):
    return load_files([(name, text.encode("utf-8"))], mapping).survey


# ------------------------------------------------------------------------- 6: duplicates per period


PANEL = (
    "respondent_id,period,function,REL-1,REL-2\n"
    "p1,2026-Q1,IT,4,4\n"  # row 2
    "p2,2026-Q1,Business,2,3\n"  # row 3
    "p3,2026-Q1,Business,3,3\n"  # row 4
    "p1,2026-Q1,IT,1,1\n"  # row 5: p1 again in the same wave, a real duplicate
    "p1,2026-Q2,IT,5,5\n"  # row 6: p1 in the next wave of the panel, kept
    "p2,2026-Q2,Business,3,3\n"  # row 7
    "p3,2026-Q2,Business,4,5\n"  # row 8
)


def test_a_panel_keeps_each_respondent_once_per_period() -> None:
    tables = load_csv(PANEL)
    dropped = {(d["row"], d["reason"]) for d in tables.report.dropped_rows}
    assert dropped == {(5, "duplicate respondent id 'p1'")}
    assert tables.respondents["source_row"].tolist() == [2, 3, 4, 6, 7, 8]
    assert tables.respondents["period"].tolist() == ["2026-Q1"] * 3 + ["2026-Q2"] * 3
    assert tables.respondents["respondent"].is_unique  # the join key of scores, comments and respondents


def test_panel_waves_score_apart_and_together() -> None:
    dataset = Dataset.from_files([("panel.csv", PANEL.encode())])
    # REL means by hand: Q1 p1 4, p2 2.5, p3 3 -> 9.5 / 3; Q2 p1 5, p2 3, p3 4.5 -> 12.5 / 3; all six -> 22 / 6
    q1, q2 = (next(t for t in analyze(dataset, SMALL, Selection(p)).tactics if t.code == "REL") for p in ("2026-Q1", "2026-Q2"))
    assert (q1.n, q2.n) == (3, 3)
    assert abs(q1.score - 9.5 / 3) < 0.01 and abs(q2.score - 12.5 / 3) < 0.01
    overall = next(t for t in analyze(dataset, SMALL).tactics if t.code == "REL")
    assert overall.n == 6 and abs(overall.score - 22 / 6) < 0.01
    answers = dataset.query("SELECT count(*) AS n FROM scores s JOIN respondents r USING (respondent)")
    assert int(answers["n"][0]) == 6  # every score row joins exactly one respondent


def test_panel_with_dates_only_keeps_the_later_quarter() -> None:
    tables = load_csv(
        "respondent_id,submitted,REL-1\n"
        "p1,2026-02-10,4\n"
        "p1,2026-02-20,2\n"  # same quarter: duplicate
        "p1,2026-05-03,5\n"  # next quarter: kept
    )
    assert {(d["row"], d["reason"]) for d in tables.report.dropped_rows} == {(3, "duplicate respondent id 'p1'")}
    assert tables.respondents["period"].tolist() == ["2026-Q1", "2026-Q2"]


# ------------------------------------------------------------------------- 5: periods normalised


def test_periods_written_four_ways_are_one_period() -> None:
    tables = load_csv(
        "respondent_id,period,REL-1\n"
        "a,2026-q2,4\n"
        "b,2026-Q2,4\n"
        "c,Q2 2026,4\n"
        "d,2026 Q2,4\n"
        "e, q2-2026 ,4\n"
        "f,2026Q1,3\n"
        "g,Wave 3,3\n"  # not a quarter: kept as written
    )
    assert tables.respondents["period"].tolist() == ["2026-Q2"] * 5 + ["2026-Q1", "Wave 3"]


def test_a_respondent_in_two_spellings_of_one_period_is_a_duplicate() -> None:
    tables = load_csv("respondent_id,period,REL-1\np1,2026-q2,4\np1,Q2 2026,2\n")
    assert [d["reason"] for d in tables.report.dropped_rows] == ["duplicate respondent id 'p1'"]


# ------------------------------------------------------------------------- 3: function values


def _functions_survey(n: int = 20, odd: dict[int, str] | None = None) -> str:
    """n respondents alternating Business / IT (REL-1 = 2 for Business, 4 for IT), some with an odd function."""
    lines = ["respondent_id,function,REL-1"]
    for i in range(n):
        function = (odd or {}).get(i) or ("IT" if i % 2 else "Business")
        lines.append(f"r{i},{function},{4 if i % 2 else 2}")
    return "\n".join(lines) + "\n"


def test_one_unknown_function_value_counts_in_the_whole_and_is_left_out_of_the_split() -> None:
    # issue 17 (15): the 'Biz' respondent was once left out entirely; now counted in the whole organisation
    data = _functions_survey(odd={7: "Biz"})  # row 9: r7 would be IT
    dataset = Dataset.from_files([("s.csv", data.encode())])
    assert dataset.report.dropped_rows == []
    assert [(i["row"], i["value"]) for i in dataset.report.cell_issues] == [(9, "Biz")]
    note = next(n for n in dataset.report.notes if "neither IT nor Business" in n)
    assert note.startswith("1 respondent whose function 'Biz' is neither IT nor Business is counted in the whole organisation")
    rel = next(t for t in analyze(dataset, Settings()).tactics if t.code == "REL")
    # by hand: 10 Business at 2, 9 IT at 4 and r7 at 4: (20 + 36 + 4) / 20 = 3.0 over 20 respondents
    assert (rel.score, rel.n) == (3.0, 20)
    # one respondent outside the split: IT, Business and the whole together would give r7 away
    assert None in (rel.it_score, rel.business_score)
    three = Dataset.from_files([("s.csv", _functions_survey(odd=dict.fromkeys((7, 9, 11), "Biz")).encode())])
    rel = next(t for t in analyze(three, SMALL).tactics if t.code == "REL")
    assert (rel.n, rel.it_score, rel.business_score) == (20, 4.0, 2.0)  # 3 'Biz' (k = 3) are in neither side


def test_known_spellings_of_it_and_business_in_other_languages_are_read() -> None:
    data = _functions_survey(6, odd={0: "Fachbereich", 1: "Informatique", 2: "Negocio", 3: "Information technology"})
    tables = load_csv(data)
    assert tables.respondents["function"].tolist() == ["Business", "IT", "Business", "IT", "Business", "IT"]
    assert tables.report.dropped_rows == []


def test_a_blank_or_no_answer_function_stays_counted_overall() -> None:
    tables = load_csv("respondent_id,function,REL-1\na,IT,4\nb,,3\nc,Prefer not to say,5\n")
    assert tables.respondents["respondent"].tolist() == ["a", "b", "c"]
    assert [i["reason"].split(";")[0] for i in tables.report.cell_issues] == ["function missing", "function missing"]


# ------------------------------------------------------------------------- 1: a mapping applies to every file


PLAIN = (
    "Collector,Resp,Unit,Side,How do you rate the partnership?,Do you trust delivery?\n"
    "Web Link 1,1001,Sales,Business,4,5\n"
    "Web Link 1,1002,Ops,IT,2,3\n"
    "Web Link 1,1003,Ops,Business,5,4\n"
)
PLAIN_MAPPING = {
    "columns": [
        {"header": "Resp", "target": "respondent_id"},
        {"header": "Side", "target": "function"},
        {"header": "How do you rate the partnership?", "target": "REL-1"},
        {"header": "Do you trust delivery?", "target": "TRU-1"},
    ]
}


def test_a_mapping_applies_to_a_plain_table_no_tool_wrote(tmp_path) -> None:
    import json

    from alignment.__main__ import main
    from alignment.ingest.mapping import mapping_from_json

    mapping = mapping_from_json(json.dumps(PLAIN_MAPPING))
    tables = load_csv(PLAIN, mapping)
    assert tables.respondents["respondent"].tolist() == ["1001", "1002", "1003"]
    assert tables.respondents["function"].tolist() == ["Business", "IT", "Business"]
    assert tables.respondents["department"].tolist() == ["Sales", "Ops", "Ops"]  # 'Unit' names a unit
    answers = tables.answers.pivot(index="respondent", columns="item", values="score")
    assert answers["REL-1"].tolist() == [4, 2, 5] and answers["TRU-1"].tolist() == [5, 3, 4]
    # the command line too: before, a plain table exited 2 even with a valid mapping
    (tmp_path / "plain.csv").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "mapping.json").write_text(json.dumps(PLAIN_MAPPING), encoding="utf-8")
    assert main(["analyze", str(tmp_path / "plain.csv"), "--mapping", str(tmp_path / "mapping.json")]) == 0


def test_a_mapping_applies_to_a_plain_sheet_of_a_workbook() -> None:
    import io
    import json

    from openpyxl import Workbook

    from alignment.ingest.mapping import mapping_from_json

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Export"
    for line in PLAIN.splitlines():
        sheet.append([int(c) if c.isdigit() else c for c in line.split(",")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    tables = load_files([("plain.xlsx", buffer.getvalue())], mapping_from_json(json.dumps(PLAIN_MAPPING))).survey
    assert tables.respondents["respondent"].tolist() == ["1001", "1002", "1003"]
    assert sorted(tables.answers["item"].unique()) == ["REL-1", "TRU-1"]


# ------------------------------------------------------------------------- 2: the mapping model and its file


def _mapping(*entries: dict):
    import json

    from alignment.ingest.mapping import mapping_from_json

    return mapping_from_json(json.dumps({"version": 1, "columns": list(entries)}))


def _scores(tables, item: str) -> list[float]:
    by_respondent = tables.answers[tables.answers["item"] == item].set_index("respondent")["score"]
    return [round(float(by_respondent[r]), 4) if r in by_respondent else None for r in tables.respondents["respondent"]]


def test_a_chosen_scale_overrides_detection() -> None:
    data = "respondent_id,REL-1,REL-2\na,1,1\nb,3,3\nc,5,5\n"  # detected as 1-5; the survey's scale was 1-7
    tables = load_csv(data, _mapping({"header": "REL-1", "target": "REL-1", "scale": "numeric-1-7"}))
    assert _scores(tables, "REL-1") == [1.0, round(1 + 2 * 4 / 6, 4), round(1 + 4 * 4 / 6, 4)]  # 1 + (x - 1) * 4 / 6
    assert _scores(tables, "REL-2") == [1.0, 3.0, 5.0]  # the other column keeps its detected scale
    scales = {c["item"]: (c["scale"], c["chosen_by"]) for c in tables.report.column_scales}
    assert scales == {"REL-1": ("numeric-1-7", "the mapping"), "REL-2": ("numeric-1-5", "detected")}


def test_a_descending_direction_scores_the_low_end_as_favourable() -> None:
    data = "respondent_id,REL-1,REL-5\na,1,1\nb,2,2\nc,5,5\n"  # 1 = Strongly agree in this export
    mapping = _mapping(
        {"header": "REL-1", "target": "REL-1", "direction": "descending"},
        {"header": "REL-5", "target": "REL-5", "direction": "descending"},  # REL-5 is reverse-coded in the bank
    )
    tables = load_csv(data, mapping)
    assert _scores(tables, "REL-1") == [5.0, 4.0, 1.0]
    assert _scores(tables, "REL-5") == [1.0, 2.0, 5.0]  # descending, then reverse coded: 6 - (6 - x)
    directions = {c["item"]: c["direction"] for c in tables.report.column_scales}
    assert directions == {"REL-1": "descending", "REL-5": "descending, reversed"}


def test_answers_ordered_by_hand_score_by_their_place() -> None:
    data = "respondent_id,REL-1,REL-2\na,Sehr gut,A5\nb,Gut,A1\nc,Schlecht,A3\nd,Mittel,A9\n"
    mapping = _mapping(
        {"header": "REL-1", "target": "REL-1", "order": ["Schlecht", "Mittel", "Gut", "Sehr gut"]},
        {"header": "REL-2", "target": "REL-2", "order": ["A5", "A4", "A3", "A2", "A1"]},  # A1 is the best here
    )
    tables = load_csv(data, mapping)
    assert _scores(tables, "REL-1") == [5.0, round(1 + 2 * 4 / 3, 4), 1.0, round(1 + 4 / 3, 4)]  # 1 + (place - 1) * 4 / 3
    assert _scores(tables, "REL-2") == [1.0, 5.0, 3.0, None]
    issue = next(i for i in tables.report.cell_issues if i["value"] == "A9")
    assert issue["reason"] == "'A9' is not one of the answers ordered in the mapping; treated as no answer"
    assert {c["item"]: c["scale"] for c in tables.report.column_scales} == {"REL-1": "ordered", "REL-2": "ordered"}


def test_function_values_mapped_value_by_value() -> None:
    data = _functions_survey(6, odd={0: "Biz", 1: "Tech-Team", 2: "Contractor"})
    mapping = _mapping(
        {
            "header": "function",
            "target": "function",
            "values": {"biz": "Business", "Tech-Team": "IT", "Contractor": "ignore"},
        }
    )
    tables = load_csv(data, mapping)
    assert tables.respondents["function"].tolist() == ["Business", "IT", None, "IT", "Business", "IT"]
    assert tables.report.dropped_rows == []  # ignore: counted overall, not in the split
    assert [i["reason"] for i in tables.report.cell_issues] == [
        "'Contractor' is not IT or Business (mapped to ignore); counted in overall scores, not in the IT/Business split"
    ]


def test_the_mapping_file_keeps_scale_direction_order_and_values_and_reads_old_files() -> None:
    import json

    from alignment.ingest.mapping import ColumnChoice, ColumnSetting, apply_mapping, mapping_from_json, mapping_to_json

    choices = [
        ColumnChoice(0, "Q1", "REL-1", 1.0, "x", scale="numeric-1-7", descending=True),
        ColumnChoice(1, "Q2", "TRU-1", 1.0, "x", order=("A1", "A2", "A3")),
        ColumnChoice(2, "Side", "function", 1.0, "x", values=(("Biz", "Business"), ("Ext", "ignore"))),
        ColumnChoice(3, "Q3", "custom:SRV", 1.0, "x", reverse=True),
    ]
    text = mapping_to_json(choices)
    entries = json.loads(text)["columns"]
    assert entries[0] == {"header": "Q1", "target": "REL-1", "reverse": False, "scale": "numeric-1-7", "direction": "descending"}
    assert entries[1]["order"] == ["A1", "A2", "A3"] and entries[2]["values"] == {"Biz": "Business", "Ext": "ignore"}
    assert entries[3] == {"header": "Q3", "target": "custom:SRV", "reverse": True}  # a first-version entry, as before
    loaded = mapping_from_json(text)
    assert loaded["q1"] == ColumnSetting("REL-1", False, "numeric-1-7", True)
    again = apply_mapping([ColumnChoice(c.column, c.header, "ignore", 0.0, "no match") for c in choices], loaded)
    assert mapping_to_json(again) == text
    old = mapping_from_json('{"columns": [{"header": "REL 1", "target": "REL-1", "reverse": false}]}')
    assert old == {"rel 1": ColumnSetting("REL-1")}
    # a (target, reverse) pair, as the app kept mappings before, still applies
    assert apply_mapping(again, {"q1": ("TRU-2", False)})[0].target == "TRU-2"


def test_bad_scale_settings_in_a_mapping_file_are_specific_input_errors() -> None:
    import pytest

    from alignment.errors import InputError

    cases = {
        '{"header": "Q", "target": "REL-1", "scale": "agreement-12"}': "there is no scale 'agreement-12'",
        '{"header": "Q", "target": "REL-1", "direction": "up"}': "'direction' must be 'ascending' or 'descending'",
        '{"header": "Q", "target": "REL-1", "order": ["A1"]}': "'order' needs 2 to 11 distinct answers",
        '{"header": "Q", "target": "REL-1", "order": ["A1", "a1"]}': "'order' needs 2 to 11 distinct answers",
        '{"header": "Q", "target": "REL-1", "order": ["A1", "A2"], "scale": "agreement-5"}': "not both",
        '{"header": "Q", "target": "function", "values": {"Biz": "Sales"}}': "must be one of IT, Business, ignore",
        '{"header": "Q", "target": "REL-1", "values": {"Biz": "IT"}}': "only for the function column",
    }
    from alignment.ingest.mapping import mapping_from_json

    for entry, words in cases.items():
        with pytest.raises(InputError) as caught:
            mapping_from_json('{"columns": [' + entry + "]}", "my.json")
        assert words in caught.value.message and caught.value.message.startswith("my.json: entry 1 ('Q')")


def test_the_command_line_honours_scale_order_and_function_values(tmp_path, capsys) -> None:
    import json

    from alignment.__main__ import main

    lines = ["respondent_id,function,REL-1,TRU-1"]
    codes = ["A1", "A2", "A3", "A4", "A5"]
    for i in range(6):
        lines.append(f"r{i},{'Tech' if i % 2 else 'Biz'},{codes[i % 5]},{1 + i % 5}")
    (tmp_path / "codes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    mapping = {
        "columns": [
            {"header": "function", "target": "function", "values": {"Biz": "Business"}},  # 'Tech' is known already
            {"header": "REL-1", "target": "REL-1", "order": codes},
            {"header": "TRU-1", "target": "TRU-1", "direction": "descending"},
        ]
    }
    (tmp_path / "mapping.json").write_text(json.dumps(mapping), encoding="utf-8")
    (tmp_path / "k3.toml").write_text("[privacy]\nmin_group_size = 3\n", encoding="utf-8")
    files = [str(tmp_path / "codes.csv"), "--mapping", str(tmp_path / "mapping.json"), "--config", str(tmp_path / "k3.toml")]
    assert main(["analyze", *files, "--json"]) == 0
    tactics = {t["code"]: t for t in json.loads(capsys.readouterr().out)["tactics"]}
    # by hand: REL-1 codes A1 A2 A3 A4 A5 A1 -> 1 2 3 4 5 1, mean 16 / 6; TRU-1 1 2 3 4 5 1 descending -> 5 4 3 2 1 5
    assert abs(tactics["REL"]["score"] - 16 / 6) < 0.006 and tactics["REL"]["n"] == 6
    assert abs(tactics["TRU"]["score"] - 20 / 6) < 0.006
    # Business r0 r2 r4: REL 1, 3, 5 -> 3.0; IT r1 r3 r5: 2, 4, 1 -> 7 / 3
    assert tactics["REL"]["business_score"] == 3.0 and abs(tactics["REL"]["it_score"] - 7 / 3) < 0.006


# ------------------------------------------------------------------------- 7: layouts


REL1_TEXT, REL2_TEXT, TRU1_TEXT = (ITEMS_BY_ID[i].text for i in ("REL-1", "REL-2", "TRU-1"))
GRID_Q = "How much do you agree with each statement?"


def _csv(rows: list[list]) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _loaded(rows: list[list], name: str = "export.csv"):
    return load_files([(name, _csv(rows))]).survey


def _item_scores(tables) -> dict[str, list[float]]:
    answers = tables.answers.sort_values(["item", "respondent"])
    return {item: group["score"].tolist() for item, group in answers.groupby("item")}


def test_surveymonkey_with_edited_bookkeeping_columns() -> None:
    top = ["Respondent ID", "Collector", "End Date", "Do you work in IT or in the business?", GRID_Q, "", ""]
    second = ["", "", "", "Response", REL1_TEXT, REL2_TEXT, TRU1_TEXT]
    rows = [
        top,
        second,
        ["114152301234", "431234567", "03/02/2026 09:19:44 AM", "IT", "Agree", "Agree", "Strongly agree"],
        ["114152305678", "431234567", "03/03/2026 09:19:44 AM", "Business", "Disagree", "Agree", "Agree"],
    ]
    tables = _loaded(rows)
    assert tables.report.notes[0].startswith("Recognised a SurveyMonkey export: 2 header rows")
    assert sorted(tables.respondents["respondent"]) == ["114152301234", "114152305678"]
    assert _item_scores(tables) == {"REL-1": [4.0, 2.0], "REL-2": [4.0, 4.0], "TRU-1": [5.0, 4.0]}
    dropped = {c["header"]: c["reason"] for c in tables.report.dropped_columns}
    assert dropped == {"Collector": "bookkeeping column added by SurveyMonkey"}
    assert tables.respondents["period"].tolist() == ["2026-Q1", "2026-Q1"]  # from End Date


def test_surveymonkey_with_every_bookkeeping_column_deleted_but_its_second_header_row() -> None:
    rows = [
        ["Respondent ID", "Do you work in IT or in the business?", GRID_Q, ""],
        ["", "Response", REL1_TEXT, TRU1_TEXT],
        ["114152301234", "IT", "Agree", "Strongly agree"],
    ]
    tables = _loaded(rows)
    assert tables.report.notes[0].startswith("Recognised a SurveyMonkey export: 2 header rows")
    assert _item_scores(tables) == {"REL-1": [4.0], "TRU-1": [5.0]}


LEGACY_TAGS = ["V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10", "Q1", "Q2_1", "Q2_2", "Q2_3"]
LEGACY_NAMES = [
    *("ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress", "IPAddress", "Status"),
    *("StartDate", "EndDate", "Finished", "Do you work in IT or in the business?"),
    *(f"{GRID_Q}-{text}" for text in (REL1_TEXT, REL2_TEXT, TRU1_TEXT)),
]


def test_legacy_qualtrics_export() -> None:
    def legacy(rid: str, email: str, ip: str, status: int, day: str, *answers: str) -> list:
        return [
            rid,
            "Default Response Set",
            "Anonymous",
            "",
            email,
            ip,
            status,
            f"{day} 09:14:05",
            f"{day} 09:19:44",
            1,
            *answers,
        ]

    body = [
        legacy("R_1aBcD", "ann@example.org", "198.51.100.7", 0, "2026-05-04", "IT", "Agree", "Agree", "Strongly agree"),
        legacy("R_2eFgH", "", "", 1, "2026-05-04", "IT", "Agree", "Agree", "Agree"),  # a survey preview
        legacy("R_3iJkL", "bo@example.org", "198.51.100.9", 0, "2026-05-05", "Business", "Disagree", "Agree", "Agree"),
        legacy("R_4mNoP", "", "203.0.113.5", 8, "2026-05-05", "IT", *["Strongly agree"] * 3),  # flagged as spam
    ]
    tables = _loaded([LEGACY_TAGS, LEGACY_NAMES, *body])
    notes = " ".join(tables.report.notes)
    assert "Recognised a legacy Qualtrics export: 2 header rows; 1 preview response dropped; 1 spam response dropped." in notes
    assert tables.respondents["respondent"].tolist() == ["R_1aBcD", "R_3iJkL"]
    assert tables.respondents["period"].tolist() == ["2026-Q2", "2026-Q2"]  # from EndDate
    assert _item_scores(tables) == {"REL-1": [4.0, 2.0], "REL-2": [4.0, 4.0], "TRU-1": [5.0, 4.0]}
    dropped = {c["header"]: c["reason"] for c in tables.report.dropped_columns}
    assert dropped["EmailAddress"].startswith("direct identifier") and dropped["IPAddress"].startswith("direct identifier")
    assert dropped["Name"].startswith("direct identifier")
    everything = " ".join(f.astype(str).to_csv() for f in (tables.respondents, tables.answers, tables.comments))
    assert "example.org" not in everything
    reasons = sorted(d["reason"] for d in tables.report.dropped_rows if d["row"] > 2)
    assert reasons == ["legacy Qualtrics preview response (Status '1')", "legacy Qualtrics spam response (Status '8')"]


def test_qualtrics_spam_duplicate_and_bot_flags_drop_responses_and_count_them() -> None:
    tags = ["StartDate", "EndDate", "Status", "Progress", "Finished", "RecordedDate", "ResponseId"]
    tags += ["DistributionChannel", "Q_RecaptchaScore", "Q_RelevantIDDuplicate", "Q_RelevantIDFraudScore", "Q1", "Q2_1"]
    labels = ["Start Date", "End Date", "Response Type", "Progress", "Finished", "Recorded Date", "Response ID"]
    labels += ["Distribution Channel", "Q_RecaptchaScore", "Q_RelevantIDDuplicate", "Q_RelevantIDFraudScore"]
    labels += ["Do you work in IT or in the business?", f"{GRID_Q} - {REL1_TEXT}"]

    def response(n, status="IP Address", channel="anonymous", captcha="0.9", duplicate="", fraud="0"):
        day = f"2026-03-0{n}"
        bookkeeping = [f"{day} 09:00:00", f"{day} 09:05:00", status, 100, "True", f"{day} 09:05:00", f"R_{n}x"]
        return [*bookkeeping, channel, captcha, duplicate, fraud, "IT", "Agree"]

    rows = [
        tags,
        labels,
        response(1),
        response(2, status="Spam"),
        response(3, channel="preview"),
        response(4, duplicate="true"),
        response(5, captcha="0.1"),
        response(6, fraud="45"),
        response(7),
    ]
    tables = _loaded(rows)
    assert tables.respondents["respondent"].tolist() == ["R_1x", "R_7x"]
    reasons = {d["row"]: d["reason"] for d in tables.report.dropped_rows}
    assert reasons == {
        4: "Qualtrics spam response (Status 'Spam')",
        5: "Qualtrics preview response (DistributionChannel 'preview')",
        6: "Qualtrics duplicate response (Q_RelevantIDDuplicate 'true')",
        7: "Qualtrics likely bot (Q_RecaptchaScore '0.1')",
        8: "Qualtrics likely fraud (Q_RelevantIDFraudScore '45')",
    }
    summary = tables.report.notes[0]
    for counted in ("1 spam response dropped", "1 preview response dropped", "1 duplicate response dropped"):
        assert counted in summary
    assert "1 likely bot dropped" in summary and "1 likely fraud dropped" in summary


def test_limesurvey_code_and_text_headings() -> None:
    head = ["id. Response ID", "submitdate. Date submitted", "lastpage. Last page", "startlanguage. Start language"]
    head += ["seed. Seed", "FUNC. Do you work in IT or in the business?", f"REL1. {REL1_TEXT}"]
    head += [f"G01Q02[SQ001]. {GRID_Q} [{REL2_TEXT}]", f"G01Q02[SQ002]. {GRID_Q} [{TRU1_TEXT}]"]
    rows = [
        head,
        ["1", "2026-03-02 09:18:44", "3", "en", "1234568", "IT", "Agree", "Strongly agree", "Disagree"],
        ["2", "2026-03-03 09:18:44", "3", "en", "1234569", "Business", "Disagree", "Agree", "Agree"],
    ]
    tables = _loaded(rows)
    assert tables.report.notes[0].startswith("Recognised a LimeSurvey export")
    grid_notes = [n for n in tables.report.notes if "grid or multi-part" in n]
    assert grid_notes == ["2 columns of grid or multi-part questions matched on the row text, not the question title."]
    assert tables.respondents["respondent"].tolist() == ["1", "2"]
    assert tables.respondents["function"].tolist() == ["IT", "Business"]
    assert _item_scores(tables) == {"REL-1": [4.0, 2.0], "REL-2": [5.0, 4.0], "TRU-1": [2.0, 4.0]}
    dropped = {c["header"]: c["reason"] for c in tables.report.dropped_columns}
    assert dropped == {
        "lastpage. Last page": "bookkeeping column added by LimeSurvey",
        "startlanguage. Start language": "bookkeeping column added by LimeSurvey",
        "seed. Seed": "bookkeeping column added by LimeSurvey",
    }


# ------------------------------------------------------------------------- 11: what the mapping screen lists


def test_the_report_lists_each_answer_columns_distinct_answers_and_the_function_values() -> None:
    tables = load_csv("respondent_id,function,REL-1\na,IT,A1\nb,Biz,A3\nc,IT,A3\nd,,N/A\ne,Business, A3 \n")
    assert tables.report.answer_values == {"C": [("A3", 3), ("A1", 1)]}  # " A3 " is A3; N/A is no answer
    assert tables.report.function_values == [("IT", 2), ("Biz", 1), ("Business", 1)]


def test_a_function_column_of_unknown_codes_keeps_everyone_and_says_so() -> None:
    # A1 / A2 for every respondent: not a few odd values, so nobody is left out (overall scores stay)
    tables = load_csv("respondent_id,function,REL-1\na,A1,4\nb,A2,2\nc,A1,5\nd,A2,3\n")
    assert tables.respondents["respondent"].tolist() == ["a", "b", "c", "d"]
    assert tables.respondents["function"].isna().all()
    assert tables.report.cell_issues[0]["reason"] == (
        "'A1' is not IT or Business (map the value to IT, Business or ignore); counted in overall scores, "
        "not in the IT/Business split"
    )
    warning = next(w for w in tables.report.warnings if "neither IT nor Business" in w)
    assert warning.startswith("4 respondents give a function that is neither IT nor Business ('A1' (2), 'A2' (2))")


def test_kpi_periods_are_in_the_surveys_spelling() -> None:
    kpis = (
        "kpi,owner_function,kind,visible_to_business,visible_to_it,period\n"
        "Cycle time,Business,business_outcome,yes,yes,2026 q2\n"
        "Uptime,IT,it_efficiency,yes,yes,Q1 2026\n"
    )
    loaded = load_files([("survey.csv", b"respondent_id,period,REL-1\na,2026-q2,4\n"), ("kpis.csv", kpis.encode())])
    assert loaded.survey.respondents["period"].tolist() == ["2026-Q2"]
    assert loaded.evidence["kpis"]["period"].tolist() == ["2026-Q2", "2026-Q1"]
