"""CSV downloads (findings, the action plan) stay text whatever list separator a spreadsheet splits them on,
and the app loads its own action-plan download back exactly."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from alignment.actions import actions_csv, clean_actions, read_actions
from alignment.checks.registry import Finding
from alignment.spreadsheet_safe import csv_bytes, csv_text, findings_frame

FORMULA_CHARS = ("=", "+", "-", "@")
# Text a respondent, a check message or a meeting could hold that turns into a formula once a spreadsheet
# splits the line on a semicolon, a comma, a tab or a pipe, or on a line break inside a cell.
ATTACKS = [
    "ok;=cmd|' /C calc'!A0",
    "ok,=cmd|' /C calc'!A0",
    "ok\t@SUM(1+1)*cmd|' /C calc'!A0",
    "ok;+1+cmd|' /C calc'!A0",
    "a;b;-2+3+cmd|' /C calc'!A0",
    'ok;"=HYPERLINK(""http://x"",""y"")"',
    'ok; "=1+1',
    "line one\n=1+1",
    "line one\r@cmd",
    "pipe|=cmd",
    "=start;=middle",
    "'=already quoted",
    "a;'=quoted inside",
    "\t=tab first",
    "plain text, with a comma; and a semicolon",
]
DELIMITERS = [",", ";", "\t", "|"]


def _is_number(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True


def _formula_cells(data: bytes) -> list[tuple[str, str]]:
    """Every cell that starts (after blanks and quotes a spreadsheet may strip) with a formula character, when
    the file is read with each separator; numbers (-2) are numbers, not formulas."""
    text = data.decode("utf-8-sig")
    found = []
    for delimiter in DELIMITERS:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            for cell in row:
                for part in (cell, *cell.splitlines()):
                    shown = part.lstrip(' "')
                    if shown.startswith(FORMULA_CHARS) and not _is_number(shown):
                        found.append((repr(delimiter), part))
    return found


def test_findings_csv_has_no_formula_cell_whatever_the_separator():
    findings = [Finding("C1", text, "REL", "data", "high", "fail", text, value=-2.5, threshold=0.5) for text in ATTACKS]
    data = csv_bytes(findings_frame(findings))
    assert _formula_cells(data) == []
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(ATTACKS) + 1  # every line break stays inside its (quoted) cell
    assert rows[1][7:] == ["-2.5", "0.5"]  # numbers stay numbers
    assert rows[-1][1] == "plain text, with a comma; and a semicolon"  # plain text untouched


def test_every_text_field_is_quoted():
    data = csv_bytes(pd.DataFrame({"text": ["a;b", "tab\there", "plain"], "n": [1, 2, 3]}))
    assert data.decode("utf-8-sig").splitlines() == ['"text","n"', '"a;b",1', '"tab\there",2', '"plain",3']


def plan_with(texts: list[str]) -> pd.DataFrame:
    edited = pd.DataFrame(
        {
            "action": texts,
            "owner": [t[::-1] for t in texts],
            "due": [dt.date(2026, 3, 31)] * len(texts),
            "tactic": ["REL"] * len(texts),
            "status": ["open"] * len(texts),
            "notes": texts[1:] + texts[:1],
        }
    )
    clean, problems = clean_actions(edited)
    assert problems == []
    return clean


def test_action_plan_csv_has_no_formula_cell_and_loads_back_exactly():
    saved = plan_with([f"Action {i}: {text}" for i, text in enumerate(ATTACKS)] + ATTACKS[10:14])
    data = actions_csv(saved)
    assert _formula_cells(data) == []
    pd.testing.assert_frame_equal(read_actions("plan.csv", data), saved)


def test_a_lone_carriage_return_in_a_note_loads_back():
    saved = plan_with(["Review\rthe KPIs", "Second\r\nline", "Third\nline"])
    pd.testing.assert_frame_equal(read_actions("plan.csv", actions_csv(saved)), saved)


@pytest.mark.parametrize("text", ATTACKS)
def test_csv_text_is_what_the_app_reads_back(text):
    from alignment.spreadsheet_safe import csv_untext

    assert csv_untext(csv_text(text)) == text
    assert csv_text("plain") == "plain" and csv_text("2026-03-31") == "2026-03-31"
