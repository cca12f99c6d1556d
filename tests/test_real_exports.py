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
    q1, q2 = (next(t for t in analyze(dataset, SMALL, p).tactics if t.code == "REL") for p in ("2026-Q1", "2026-Q2"))
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


def test_one_unknown_function_value_is_reported_and_keeps_the_split_for_everyone() -> None:
    data = _functions_survey(odd={7: "Biz"})  # row 9: r7 would be IT
    dataset = Dataset.from_files([("s.csv", data.encode())])
    assert [(d["row"], d["reason"]) for d in dataset.report.dropped_rows] == [
        (9, "function 'Biz' is neither IT nor Business (map the value to IT, Business or ignore)")
    ]
    warning = next(w for w in dataset.report.warnings if "neither IT nor Business" in w)
    assert warning.startswith("1 respondent left out") and "'Biz' (1)" in warning
    rel = next(t for t in analyze(dataset, Settings()).tactics if t.code == "REL")
    # by hand: 10 Business at 2, 9 IT at 4 (r7 left out)
    assert (rel.it_score, rel.business_score, rel.n) == (4.0, 2.0, 19)


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
