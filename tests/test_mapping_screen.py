"""The mapping screen on the Home page (issue 10): each column's scale as read, a hand order of a column's answers,
the function values, and a saved mapping file loaded back, through Streamlit's AppTest."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from alignment.items import ITEMS_BY_ID

ROOT = Path(__file__).resolve().parent.parent
REL1, TRU1 = ITEMS_BY_ID["REL-1"].text, ITEMS_BY_ID["TRU-1"].text
# LimeSurvey 'code. text' headings with answer codes: A1 = Strongly agree here, so read as numbers they run backwards;
# TRU-1 was asked in Swedish, a language no scale knows
HEAD = f"id. Response ID,submitdate. Date submitted,lastpage. Last page,FUNC. Are you in IT or the business?,REL1. {REL1},TRU1. {TRU1}"
ROWS = [
    ("A1", "A1", "Instämmer helt"),
    ("A1", "A2", "Instämmer"),
    ("A2", "A4", "Tar avstånd"),
    ("A2", "A5", "Tar helt avstånd"),
    ("Biz", "A2", "Instämmer"),
    ("A1", "A1", "Instämmer"),
]
FUNCTION = {"A1": "IT", "A2": "Business"}


def _export() -> bytes:
    lines = [HEAD] + [f"{n},2026-03-0{n} 10:00:00,3,{f},{r},{t}" for n, (f, r, t) in enumerate(ROWS, start=1)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _start_with_export() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.file_uploader[0].set_value([("limesurvey.csv", _export(), "text/csv")]).run()
    assert not at.exception
    return at


def _frame(at: AppTest, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def test_the_screen_shows_each_columns_scale_and_the_function_values() -> None:
    at = _start_with_export()
    table = _frame(at, "scale now").set_index("column")
    assert table.loc["E", "scale now"] == "1-5" and table.loc["F", "scale now"] == "unknown"
    values = _frame(at, "respondents")
    assert values.set_index("value")["maps to"].to_dict() == {"A1": "not mapped", "A2": "not mapped", "Biz": "not mapped"}
    order_column = next(s for s in at.selectbox if s.label == "Order the answers of a column by hand")
    assert order_column.value == "F"  # the column with unread answers comes first


def test_ordering_answers_by_hand_and_applying_rescores_the_column() -> None:
    at = _start_with_export()
    order = ["Tar helt avstånd", "Tar avstånd", "Instämmer", "Instämmer helt"]
    next(m for m in at.multiselect if m.label.startswith("Answers of column F")).set_value(order).run()
    next(b for b in at.button if b.label == "Use this order").click().run()
    assert any("Tar helt avstånd < Tar avstånd < Instämmer < Instämmer helt" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Apply this mapping").click().run()
    assert not at.exception
    scales = _frame(at, "chosen_by").set_index("column")
    assert scales.loc["F", "scale"] == "ordered" and scales.loc["F", "chosen_by"] == "the mapping"
    issues = _frame(at, "value") if any("value" in df.value.columns for df in at.dataframe) else None
    assert issues is None or not any("Instämmer" in str(v) for v in issues["value"])


def test_a_saved_mapping_with_orders_and_function_values_loads_on_the_screen() -> None:
    at = _start_with_export()
    mapping = {
        "version": 1,
        "columns": [
            {"header": "FUNC. Are you in IT or the business?", "target": "function", "values": FUNCTION},
            {"header": f"REL1. {REL1}", "target": "REL-1", "order": ["A5", "A4", "A3", "A2", "A1"]},
            {
                "header": f"TRU1. {TRU1}",
                "target": "TRU-1",
                "order": ["Tar helt avstånd", "Tar avstånd", "Instämmer", "Instämmer helt"],
            },
        ],
    }
    at.file_uploader[1].set_value([("alignment_mapping.json", json.dumps(mapping).encode(), "application/json")]).run()
    assert not at.exception
    values = _frame(at, "respondents").set_index("value")["maps to"].to_dict()
    assert values == {"A1": "IT", "A2": "Business", "Biz": "not mapped"}
    table = _frame(at, "scale now").set_index("column")
    assert table.loc["E", "scale"] == "ordered by hand" and table.loc["F", "scale"] == "ordered by hand"
    assert table.loc["E", "scale now"].endswith("(your mapping)")
    # by hand: REL-1 A1 A2 A4 A5 A2 A1 on A5 < ... < A1 -> 5 4 2 1 4 5 (row 5, 'Biz', counts in the whole)
    at.switch_page("pages/rel.py").run()
    assert not at.exception
    assert next(m.value for m in at.metric if m.label == "Respondents") == "6"
