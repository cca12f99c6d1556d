"""bench/raw_export.py: its export is a raw Qualtrics export that loads with no mapping file (every statement of
the bank found in the matrices, the 300 other questions left out), and its report block replaces itself."""

from __future__ import annotations

from alignment.dataset import Dataset
from alignment.items import ITEMS_BY_ID, LIKERT_ITEMS
from bench import raw_export


def test_the_benchmarks_raw_export_loads_with_no_mapping(tmp_path) -> None:
    path = raw_export.build(respondents=40, folder=tmp_path)
    dataset = Dataset.from_file(path.name, path.read_bytes())
    assert dataset.report.layout == "Qualtrics"
    mapped = {entry["maps_to"] for entry in dataset.report.mapped_columns}
    assert {item.id for item in LIKERT_ITEMS if item.tactic != "OVR"} <= mapped
    statements = [e for e in dataset.report.mapped_columns if e["maps_to"] in ITEMS_BY_ID]
    assert len(statements) == 36  # 30 statements and 6 open questions; none of the 300 other columns
    assert dataset.report.rows_kept == 40


def test_the_report_block_is_replaced_not_repeated(tmp_path) -> None:
    out = tmp_path / "PERFORMANCE.md"
    out.write_text("# Performance\n\nother sections\n", encoding="utf-8")
    result = {"export_mb": 1.0, "sample_mb": 0.2, "raw": 3.0, "sample": 4.0, "ratio": 0.75, "repeat": 5, "load": [1.0, 2.0]}
    raw_export.write(out, raw_export.block(result, 356, 600))
    raw_export.write(out, raw_export.block({**result, "ratio": 1.6}, 356, 600))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n\nother sections\n")
    assert text.count(raw_export.START) == 1 and "1.60×" in text and "**FAIL**" in text and "0.75×" not in text
