"""The command line says what it read and dropped (issue 10): the validation summary in analyze's text output
and as "validation" in --json, and never a success on nothing (exit 2 with why and what to do)."""

from __future__ import annotations

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
