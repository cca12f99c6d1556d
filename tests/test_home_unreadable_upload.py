"""Home: an upload none of whose answers can be read (labels in a language no scale knows) opens the mapping
screen on the upload's own columns, where ordering the answers by hand loads it with the score a hand
computation gives."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from alignment.errors import InputError
from alignment.ingest.load import load_files

ROOT = Path(__file__).resolve().parent.parent
REL_1 = "IT and business leaders regularly discuss business imperatives together."
REL_2 = "IT explains technical options, pitfalls and limits in plain language."
# Swedish agreement, least favourable first: no scale knows it
SWEDISH = ["Instämmer inte alls", "Instämmer inte", "Varken eller", "Instämmer", "Instämmer helt"]
POSITIONS = [(1, 3), (2, 4), (5, 5), (4, 3), (3, 2), (4, 4), (2, 1), (5, 4)]  # per respondent: REL-1, REL-2


def swedish_survey() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["respondent_id", "function", REL_1, REL_2])
    for index, (first, second) in enumerate(POSITIONS):
        writer.writerow([f"s{index}", "IT" if index % 2 else "Business", SWEDISH[first - 1], SWEDISH[second - 1]])
    return buffer.getvalue().encode()


def test_the_nothing_readable_error_carries_the_columns_scales_and_answers() -> None:
    try:
        load_files([("svar.csv", swedish_survey())])
    except InputError as error:
        assert "none of the 16 answers could be read" in error.message
        report = error.report
    else:
        raise AssertionError("a survey none of whose answers is on a scale must not load")
    assert report is not None
    assert [c.header for c in report.mapping if c.is_item] == [REL_1, REL_2]
    assert {c["column"]: c["scale"] for c in report.column_scales} == {"C": "unknown", "D": "unknown"}
    assert {value for value, _ in report.answer_values["C"]} == set(SWEDISH)


def test_an_unreadable_upload_opens_the_mapping_screen_and_a_hand_order_loads_it() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.file_uploader[0].set_value(("svar.csv", swedish_survey(), "text/csv")).run()
    assert not at.exception
    assert any("none of the 16 answers could be read" in e.value for e in at.error)
    editor = next(e for e in at.expander if "map the columns so that the statements are found" in e.label)
    assert editor.proto.expanded
    assert any(d.key == "mapping_editor_widget" for d in at.dataframe)  # the upload's own columns
    order_column = next(s for s in at.selectbox if s.key == "mapping_order_column")
    assert order_column.value == "C"  # the first column with unread answers, to order
    mapping = {
        "version": 1,
        "columns": [
            {"header": "respondent_id", "target": "respondent_id", "reverse": False},
            {"header": "function", "target": "function", "reverse": False},
            {"header": REL_1, "target": "REL-1", "reverse": False, "order": SWEDISH},
            {"header": REL_2, "target": "REL-2", "reverse": False, "order": SWEDISH},
        ],
    }
    mapping_file = next(u for u in at.file_uploader if u.key == "mapping_file_widget")
    mapping_file.set_value(("mapping.json", json.dumps(mapping).encode(), "application/json")).run()
    assert not at.exception
    assert not at.error
    assert any("Showing **svar.csv**: 8 respondents" in s.value for s in at.success)
    at.switch_page("pages/rel.py").run()
    # by hand: 5 points ordered by hand score as positions 1-5; REL is the mean of each respondent's mean
    score = sum((first + second) / 2 for first, second in POSITIONS) / len(POSITIONS)
    assert next(m.value for m in at.metric if m.label == "Score") == f"{score:.2f}"
