"""Honest CSV files read as they are: any line-ending convention, a stray quote reported with its row (never a
silent merge of two rows), cells over the csv module's 131,072-character limit read and cut with a note. The
Arrow fast path and the row-by-row reader give the same result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from alignment.actions import actions_csv, clean_actions, read_actions
from alignment.errors import InputError
from alignment.ingest import load_files
from alignment.ingest.read import MAX_CELL_CHARS, CsvSource

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"
SURVEY = (SAMPLE / "responses.csv").read_text(encoding="utf-8")
KPIS = (SAMPLE / "evidence" / "kpis.csv").read_text(encoding="utf-8")
COMMENT = "Our ticket KPIs say nothing about business value."  # R002's unquoted TRU-O comment, column X


def endings(text: str, style: str) -> bytes:
    """The text with its line breaks written the way a spreadsheet or an editor might save them."""
    lines = text.replace("\r\n", "\n").split("\n")
    if style == "mixed":
        return "".join(line + ("\n", "\r", "\r\n")[i % 3] for i, line in enumerate(lines[:-1])).encode()
    return {"lf": "\n", "cr": "\r", "crlf": "\r\n"}[style].join(lines).encode()


@pytest.fixture(params=["arrow", "rows"])
def path(request, monkeypatch):
    """Each test runs on the Arrow fast path and on the row-by-row reader (as for a ragged file)."""
    if request.param == "rows":
        monkeypatch.setattr(CsvSource, "arrow", lambda self, skip_rows, width: None)
    return request.param


def tables(loaded) -> dict[str, pd.DataFrame]:
    survey = loaded.survey
    return {
        "respondents": survey.respondents_arrow.to_pandas(),
        "scores": survey.scores_arrow.to_pandas(),
        "comments": survey.comments_arrow.to_pandas(),
    }


def assert_same_load(loaded, expected) -> None:
    for name, frame in tables(expected).items():
        pd.testing.assert_frame_equal(tables(loaded)[name], frame, obj=name)
    assert loaded.survey.report.summary() == expected.survey.report.summary()
    for key, frame in expected.evidence.items():
        pd.testing.assert_frame_equal(loaded.evidence[key], frame, obj=key)


@pytest.mark.parametrize("style", ["cr", "crlf", "mixed"])
def test_any_line_ending_reads_like_unix_line_endings(style, path):
    expected = load_files([("responses.csv", endings(SURVEY, "lf")), ("kpis.csv", endings(KPIS, "lf"))])
    loaded = load_files([("responses.csv", endings(SURVEY, style)), ("kpis.csv", endings(KPIS, style))])
    assert_same_load(loaded, expected)
    assert loaded.survey.report.rows_kept == 240 and len(loaded.evidence["kpis"]) == len(KPIS.strip().splitlines()) - 1


def test_a_carriage_return_inside_a_quoted_comment_is_kept(path):
    data = endings(SURVEY, "cr").replace(COMMENT.encode(), f'"{COMMENT}\rSecond line\r\nThird line"'.encode(), 1)
    loaded = load_files([("responses.csv", data)])
    comments = tables(loaded)["comments"]
    assert f"{COMMENT}\rSecond line\r\nThird line" in set(comments["text"])
    assert loaded.survey.report.rows_kept == 240 and not [w for w in loaded.survey.report.warnings if "quote" in w]


def plan() -> pd.DataFrame:
    clean, problems = clean_actions(
        pd.DataFrame(
            {
                "action": ["Monthly joint KPI review", "Shadow a sales rep"],
                "owner": ["CIO", "Sales lead"],
                "due": [dt.date(2026, 3, 31), None],
                "tactic": ["MET", "ROT"],
                "status": ["open", "done"],
                "notes": ["first\nsecond", "one, two"],
            }
        )
    )
    assert problems == []
    return clean


@pytest.mark.parametrize("style", ["cr", "mixed"])
def test_an_action_plan_with_any_line_ending_loads(style):
    saved = plan()
    text = actions_csv(saved).decode("utf-8-sig").replace('"first\nsecond"', '"first\rsecond"')
    loaded = read_actions("plan.csv", endings(text, style))
    saved.loc[0, "notes"] = "first\rsecond"
    pd.testing.assert_frame_equal(loaded, saved)


def stray_quote_survey() -> str:
    """R002's comment opens with a quote it never closes: a spreadsheet takes R003's line into that cell."""
    assert f",{COMMENT}," in SURVEY
    return SURVEY.replace(f",{COMMENT},", f',"{COMMENT},', 1)


def test_a_stray_quote_is_reported_with_its_row_not_merged_silently(path):
    loaded = load_files([("responses.csv", stray_quote_survey().encode())])
    report = loaded.survey.report
    stray = [w for w in report.warnings if "quote" in w]
    assert len(stray) == 1, report.warnings
    assert "row 3, column X" in stray[0] and "'responses.csv'" in stray[0] and "Remove the stray quote" in stray[0]


def test_a_stray_quote_warning_is_the_same_on_both_paths(monkeypatch):
    data = stray_quote_survey().encode()
    fast = load_files([("responses.csv", data)]).survey.report.warnings
    monkeypatch.setattr(CsvSource, "arrow", lambda self, skip_rows, width: None)
    assert load_files([("responses.csv", data)]).survey.report.warnings == fast


def test_honest_quoted_comments_with_line_breaks_raise_no_stray_quote_warning(path):
    text = SURVEY.replace(COMMENT, f'"{COMMENT}\nIt is, in short, a mess.\n- one, two, three"', 1)
    loaded = load_files([("responses.csv", text.encode())])
    assert not [w for w in loaded.survey.report.warnings if "quote" in w]
    assert loaded.survey.report.rows_kept == 240


def test_a_stray_quote_in_an_action_plan_is_an_error_naming_the_row():
    text = actions_csv(plan()).decode("utf-8-sig").replace('"Monthly joint KPI review"', '"Monthly joint KPI review', 1)
    text = text.replace('"', "")  # a plan typed by hand, no quotes but the stray one
    text = text.replace("Monthly joint KPI review", '"Monthly joint KPI review', 1).replace("first\nsecond", "first")
    with pytest.raises(InputError) as error:
        read_actions("plan.csv", text.encode())
    assert "row 2, column A" in str(error.value) and "quote" in str(error.value)


def long_comment_survey(length: int) -> str:
    return SURVEY.replace(COMMENT, "x" * length, 1)


def test_a_cell_over_the_csv_modules_limit_is_read_and_cut_with_a_note(path):
    loaded = load_files([("responses.csv", long_comment_survey(200_000).encode())])
    report = loaded.survey.report
    assert report.rows_kept == 240
    comments = tables(loaded)["comments"]
    assert "x" * MAX_CELL_CHARS in set(comments["text"]) and comments["text"].str.len().max() == MAX_CELL_CHARS
    cut = [n for n in report.notes if "cut" in n]
    assert len(cut) == 1 and "1 cell" in cut[0] and "row 3, column X" in cut[0] and f"{MAX_CELL_CHARS:,}" in cut[0]


def test_long_evidence_cells_are_cut_with_a_note(path):
    lines = KPIS.strip().splitlines()
    cells = lines[1].split(",")
    cells[0] = "y" * (MAX_CELL_CHARS + 5)
    kpis = "\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n"
    loaded = load_files([("responses.csv", SURVEY.encode()), ("kpis.csv", kpis.encode())])
    assert "y" * MAX_CELL_CHARS in set(loaded.evidence["kpis"]["kpi"])
    cut = [n for n in loaded.survey.report.notes if "cut" in n]
    assert len(cut) == 1 and "'kpis.csv'" in cut[0] and "row 2, column A" in cut[0]


def test_a_cell_at_the_limit_is_kept_whole(path):
    loaded = load_files([("responses.csv", long_comment_survey(MAX_CELL_CHARS).encode())])
    assert "x" * MAX_CELL_CHARS in set(tables(loaded)["comments"]["text"])
    assert not [n for n in loaded.survey.report.notes if "cut" in n]


def test_a_stray_quote_among_honest_line_breaks_and_a_two_line_header(path):
    """Honest line breaks in a header cell and in another row's comment are not stray quotes; the stray one is
    found among them, at the same row on both paths."""
    text = stray_quote_survey()
    header, body = text.split("\n", 1)
    header = header.replace("respondent_id", '"respondent\nid"', 1)
    honest = "R008,2026-Q3"  # a later row: its comment runs over three lines
    before, after = body.split(honest, 1)
    after = after.replace("We deliver, but every estimate is second-guessed.", "We deliver,\nbut every estimate\nis late.", 1)
    body = before + honest + after
    loaded = load_files([("responses.csv", f"{header}\n{body}".encode())])
    stray = [w for w in loaded.survey.report.warnings if "quote" in w]
    assert len(stray) == 1 and "row 3, column X" in stray[0], stray
    assert "the next 3 lines" in stray[0]
