"""The guided import (AppTest): a wide raw export not built from the item bank shows which tool was recognised and
only its candidate question columns, each with the statement of its grid row as a short label; assigning two
columns (a statement, and a tactic's own statement) and loading scores them as a hand computation does."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from streamlit.testing.v1 import AppTest

from alignment.dataset import Dataset
from alignment.ingest.cells import normalise
from alignment.ingest.mapping import ColumnSetting

ROOT = Path(__file__).resolve().parent.parent
INSTRUCTION = (
    "Please read each of the following statements about how your unit works with the central IT department and "
    "indicate, for each of them, how far it matches your own experience over the past twelve months"
)
ROWS = ["We plan the year with IT", "IT staff visit our floor", "Our requests are answered within a day"]
AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
ANSWERS = [(4, 2, 5), (5, 3, 4), (3, 3, 3), (4, 4, 2), (2, 1, 5), (5, 5, 4), (4, 3, 1), (3, 2, 2)]


def limesurvey_full_text_export() -> bytes:
    """LimeSurvey's 'full question text' export: bookkeeping columns, forty unanswered timing columns, a grid
    whose headings are the instruction with the row in brackets, and an open question."""
    timings = [f"Question time: G{n}" for n in range(40)]
    head = ["Response ID", "Date submitted", "Last page", "Start language", "Seed", *timings]
    head += [f"{INSTRUCTION} [{row}]" for row in ROWS] + ["Anything else you want to tell us?"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(head)
    for n, answers in enumerate(ANSWERS, start=1):
        writer.writerow([n, f"2026-03-0{n} 10:00:00", 3, "en", 100 + n, *[""] * 40, *(AGREE[a - 1] for a in answers), ""])
    return buffer.getvalue().encode("utf-8")


def test_only_candidate_columns_with_short_labels_and_two_assignments_load() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.file_uploader[0].set_value(("results-survey.csv", limesurvey_full_text_export(), "text/csv")).run()
    assert not at.exception
    assert any(m.value == "**Recognised a LimeSurvey export.**" for m in at.markdown)
    error = next(e.value for e in at.error)
    assert "'results-survey.csv' has no recognisable item column" in error and "and 43 more" in error
    assert "--mapping" not in error and "sheet of" not in error
    grid = next(frame.value for frame in at.dataframe if "question" in frame.value.columns)
    assert grid["question"].tolist() == ROWS  # the grid rows' statements, not the 200-character instruction
    assert grid["column"].tolist() == ["AT", "AU", "AV"] and set(grid["answers"]) == {"agreement 5-point"}
    assert any("3 of 49 columns hold answers on a scale; nothing matched yet." in c.value for c in at.caption)
    assert not at.toggle(key="mapping_every_column").value  # the whole mapping only on demand

    at.selectbox(key="guided_import_column").set_value("AT").run()
    at.selectbox(key="guided_import_target_AT").set_value("REL-1").run()
    at.button(key="guided_import_assign").click().run()
    at.selectbox(key="guided_import_column").set_value("AV").run()
    at.selectbox(key="guided_import_target_AV").set_value("custom:ASM").run()
    at.button(key="guided_import_assign").click().run()
    grid = next(frame.value for frame in at.dataframe if "question" in frame.value.columns)
    assert grid["statement"].tolist()[0].startswith("REL-1 · ") and grid["statement"].tolist()[2].startswith("ASM · ")
    at.button(key="guided_import_load").click().run()
    assert not at.exception and not at.error
    scores = {m.value for m in at.metric if m.label == "Score"}
    rel = sum(a for a, _, _ in ANSWERS) / len(ANSWERS)
    asm = sum(c for _, _, c in ANSWERS) / len(ANSWERS)
    assert {f"{rel:.2f}", f"{asm:.2f}", "Not asked"} == scores


def test_a_custom_statement_is_named_by_its_grid_row_not_the_instruction() -> None:
    header = f"{INSTRUCTION} [{ROWS[2]}]"
    files = [("results-survey.csv", limesurvey_full_text_export())]
    dataset = Dataset.from_files(files, mapping={normalise(header): ColumnSetting("custom:ASM")})
    assert dataset.query("SELECT text FROM items WHERE id = 'ASM-C1'")["text"].tolist() == [ROWS[2]]
