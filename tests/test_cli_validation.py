"""The command line says what it read and dropped (issue 10): the validation summary in analyze's text output
and as "validation" in --json, with examples that carry their own values, rows read counted whether kept or
dropped, the same warnings in text and JSON, hints that name the fix, and never a success on nothing (exit 2 with
why and what to do)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from alignment.__main__ import main

TRU1_PARAPHRASE = "I trust that IT can deliver what the business needs"
SURVEY = (
    f"respondent_id,function,Favourite colour,REL-1,REL-2,{TRU1_PARAPHRASE}\n"
    "r1,IT,blue,Agree,Agre,Agree\n"  # row 2: a typo
    "r2,Business,red,Disagree,Agree,Agree\n"  # row 3
    "r3,Business,green,Strongly agree,Agre,Disagree\n"  # row 4: the same typo
    "r1,IT,blue,Agree,Agree,Agree\n"  # row 5: a duplicate
    "r4,IT,red,Agree,Neutral,Strongly agree\n"  # row 6
    "r5,Business,red,Agree,Agree,Agree\n"  # row 7
    "r6,IT,red,Agree,Agree,Strongly disagree\n"  # row 8
)


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "survey.csv"
    path.write_text(text, encoding="utf-8")
    code = main(["analyze", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_text_reports_the_validation_summary(tmp_path, capsys) -> None:
    code, out, _ = _run(tmp_path, capsys, SURVEY)
    assert code == 0
    summary = out[out.index("\nvalidation:\n") :]
    assert "layout: the app's template (survey.csv)" in summary  # item ids as headers
    assert "rows: 6 of 7 kept" in summary
    assert "dropped 1: duplicate respondent id '…' (e.g. row 5: 'r1')" in summary
    assert "cells: 16 answers read, 2 unread (11.1%)" in summary  # 18 answers given, 2 typos: 2 / 18
    assert (
        "unread 2: '…' is not an answer on the agreement 5-point scale (did you mean '…'?); treated as no answer "
        "(e.g. 'Agre' (row 2, column E): did you mean 'Agree'?; 'Agre' (row 4, column E): did you mean 'Agree'?)"
    ) in summary
    assert "columns: 5 mapped (1 guessed), 1 dropped" in summary
    assert f"guessed F '{TRU1_PARAPHRASE}' -> TRU-1" in summary
    assert "dropped C 'Favourite colour': not an item id or item text, nor a known field" in summary
    assert "agreement 5-point, ascending, detected: REL-1, REL-2, TRU-1" in summary
    # 2 of 18 answers unread is more than 5 %: a warning says so
    assert "warning: 11% of the answers (2 of 18) could not be read" in out


def test_analyze_json_carries_the_validation_summary(tmp_path, capsys) -> None:
    code, out, _ = _run(tmp_path, capsys, SURVEY, "--json")
    assert code == 0
    validation = json.loads(out)["validation"]
    assert validation["layout"] == "the app's template"
    assert validation["rows"] == {
        "read": 7,
        "kept": 6,
        "dropped": [{"reason": "duplicate respondent id '…'", "count": 1, "examples": ["row 5: 'r1'"]}],
    }
    cells = validation["cells"]
    assert (cells["answers_read"], cells["unread_answers"], cells["unread_share"]) == (16, 2, round(2 / 18, 4))
    assert (
        cells["unread"][0]["count"] == 2
        and cells["unread"][0]["examples"][0] == "'Agre' (row 2, column E): did you mean 'Agree'?"
    )
    assert [c["maps_to"] for c in validation["columns"]["mapped"]] == ["respondent_id", "function", "REL-1", "REL-2", "TRU-1"]
    assert [c["maps_to"] for c in validation["columns"]["guessed"]] == ["TRU-1"]
    assert [c["header"] for c in validation["columns"]["dropped"]] == ["Favourite colour"]
    assert [(s["item"], s["scale"], s["chosen_by"]) for s in validation["scales"]] == [
        ("REL-1", "agreement-5", "detected"),
        ("REL-2", "agreement-5", "detected"),
        ("TRU-1", "agreement-5", "detected"),
    ]


def test_nothing_scored_exits_2_saying_why_and_what_to_do(tmp_path, capsys) -> None:
    # a column in a language no scale knows: every answer is unread, so no tactic can be scored
    text = "respondent_id,REL-1,REL-2\n" + "".join(f"r{i},Sehr gut,Schlecht\n" for i in range(6))
    code, out, err = _run(tmp_path, capsys, text)
    assert code == 2 and out == ""
    assert "none of the 12 answers could be read" in err and "REL-1" in err
    assert "order its answers from least to most favourable" in err


def test_only_comments_exits_2_saying_no_tactic_can_be_scored(tmp_path, capsys) -> None:
    text = "respondent_id,REL-O,REL-1\n" + "".join(f"r{i},comment {i},\n" for i in range(6))
    code, out, err = _run(tmp_path, capsys, text)
    assert code == 2 and out == ""
    assert err.startswith("error: No tactic can be scored: no tactic has a scored answer (6 respondents kept, 0 answers read)")


def csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


# ------------------------------------------------------------------------------ a Qualtrics export: examples, rows, warnings

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


# ------------------------------------------------------------------------------ no item column

# the "no recognisable item column" hint names both fixes: the app's guided import and, on the command line only,
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
