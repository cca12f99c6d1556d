"""A tactic the survey did not ask (no statement of it in the upload) says so everywhere, instead of a score of
'–' with n = 0: the result carries asked=False once and the cards, tactic pages, checks, exports, meeting and JSON
read it; a survey without open questions says it asked none on the Comments page and in SRV005/SRV006."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from openpyxl import load_workbook
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from alignment.__main__ import main as cli_main
from alignment.analysis import NOT_ASKED, NOT_ASKED_SENTENCE, analyze
from alignment.checks import run_checks
from alignment.dataset import Dataset
from alignment.export import build_report
from alignment.items import ITEMS
from alignment.meeting import summary

ROOT = Path(__file__).resolve().parent.parent
ASKED = ("REL", "TRU")
NOT = ("MET", "ROT", "ASM", "SRV")


def two_tactic_survey(n: int = 30) -> bytes:
    """REL and TRU statements only, no open question; function and department given."""
    rng = random.Random(7)
    statements = [i for i in ITEMS if i.kind == "likert" and i.tactic in ASKED]
    rows = [["respondent_id", "period", "function", "department", *(f"{i.id} {i.text}" for i in statements)]]
    for k in range(n):
        rows.append([f"r{k}", "2026-Q1", "IT" if k % 2 else "Business", "Sales", *(rng.randint(1, 5) for _ in statements)])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def test_unasked_tactics_are_marked_once_on_the_result_and_read_by_the_checks() -> None:
    dataset = Dataset.from_file("two.csv", two_tactic_survey())
    assert dataset.asked_tactics == frozenset(ASKED) and not dataset.open_asked
    result = analyze(dataset)
    for code in ASKED:
        assert result.tactic(code).asked and result.tactic(code).score is not None
    for code in NOT:
        tactic = result.tactic(code)
        assert (tactic.asked, tactic.score, tactic.n, tactic.hidden_reason) == (False, None, 0, None)
        assert tactic.why_no_score == NOT_ASKED and tactic.no_score_sentence() == NOT_ASKED_SENTENCE
    findings = {f.check: f for f in run_checks(dataset, analysis=result)}
    for code in NOT:
        assert findings[f"{code}001"].status == "not_applicable" and "asked no statement" in findings[f"{code}001"].message
        assert findings[f"{code}002"].status == "not_applicable" and "asked no statement" in findings[f"{code}002"].message
    for check in ("SRV005", "SRV006"):
        assert findings[check].status == "not_applicable" and "asked no open question" in findings[check].message
    lines = {line.code: line for line in summary(result).scores}
    assert lines["MET"].hidden_reason == NOT_ASKED and lines["REL"].hidden_reason is None


def test_the_json_says_asked_false_and_the_text_says_not_asked(tmp_path, capsys) -> None:
    survey = tmp_path / "two.csv"
    survey.write_bytes(two_tactic_survey())
    assert cli_main(["analyze", str(survey), "--json"]) == 0
    tactics = {t["code"]: t for t in json.loads(capsys.readouterr().out)["tactics"]}
    assert {code: t["asked"] for code, t in tactics.items()} == {"REL": True, "TRU": True} | dict.fromkeys(NOT, False)
    assert all(tactics[code]["n"] == 0 and tactics[code]["score"] is None for code in NOT)
    assert cli_main(["analyze", str(survey)]) == 0
    text = capsys.readouterr().out
    assert f"    MET is {NOT_ASKED}" in text


def test_exports_say_not_asked() -> None:
    dataset = Dataset.from_file("two.csv", two_tactic_survey())
    page = build_report(dataset, None, fmt="html").decode("utf-8")
    assert page.count(NOT_ASKED_SENTENCE) == len(NOT)
    assert NOT_ASKED in page
    workbook = load_workbook(io.BytesIO(build_report(dataset, fmt="xlsx")))
    cells = {row[0]: row[2] for row in workbook["Scores"].iter_rows(min_row=2, max_row=7, values_only=True)}
    assert {code: cells[code] for code in NOT} == dict.fromkeys(NOT, NOT_ASKED)
    deck = Presentation(io.BytesIO(build_report(dataset, fmt="pptx")))
    text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert text.count(NOT_ASKED_SENTENCE) == len(NOT)


def _uploaded() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.file_uploader[0].set_value(("two.csv", two_tactic_survey(), "text/csv")).run()
    assert not at.exception
    return at


def test_cards_tactic_pages_and_comments_say_what_was_not_asked() -> None:
    at = _uploaded()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    scores = [m.value for m in at.metric if m.label == "Score"]
    assert scores.count("Not asked") == len(NOT)
    assert not any("n = 0" in c.value or "n = –" in c.value for c in at.caption)
    at.switch_page("pages/met.py").run()
    assert any(NOT_ASKED_SENTENCE in i.value for i in at.info)
    at.switch_page("pages/comments.py").run()
    assert any("The survey asked no open question" in i.value for i in at.info)
    assert not any("Pick another tactic" in i.value for i in at.info)
