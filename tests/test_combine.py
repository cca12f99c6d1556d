"""Several survey files uploaded together analyse as one file holding all their rows (issue 20: each round's
export kept apart, analysed together)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import breakdowns
from alignment.errors import InputError
from alignment.results import results
from alignment.selection import Selection
from tests.conftest import ROOT

SAMPLE = ROOT / "sample_data" / "responses.csv"


def _analysis(dataset: Dataset) -> str:
    settings = Settings()
    bundle = results(dataset, settings, Selection(None, None, None))
    data = {**bundle.to_json(), "breakdowns": breakdowns(dataset, settings)}
    data.pop("source")  # the files' names: the only thing allowed to differ
    return json.dumps(data, sort_keys=True, default=str)


def _csv(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode()


def split_sample() -> tuple[tuple[str, bytes], tuple[str, bytes]]:
    """The sample's responses in two files: its first two periods, then its last two."""
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    periods = sorted(frame["period"].unique())
    first = frame[frame["period"].isin(periods[:2])]
    second = frame[frame["period"].isin(periods[2:])]
    assert len(first) + len(second) == len(frame) and len(first) and len(second)
    return ("round1.csv", _csv(first)), ("round2.csv", _csv(second))


def test_two_rounds_uploaded_together_analyse_as_the_whole_file() -> None:
    whole = Dataset.from_files([("responses.csv", SAMPLE.read_bytes())])
    together = Dataset.from_files(list(split_sample()))
    assert together.periods() == whole.periods() == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    assert _analysis(together) == _analysis(whole)
    assert together.report.files == ["round1.csv", "round2.csv"]
    assert together.report.rows_kept == whole.report.rows_kept == 240


def test_a_panel_across_files_is_keyed_as_within_one_file() -> None:
    header = "respondent_id,period,function,department,REL-1,TRU-1\n"
    first = header + "".join(f"P{i},2026-Q1,IT,Ops,4,3\n" for i in range(6)) + "X1,2026-Q1,IT,Ops,2,2\n"
    second = header + "".join(f"P{i},2026-Q2,IT,Ops,5,4\n" for i in range(6))
    together = Dataset.from_files([("a.csv", first.encode()), ("b.csv", second.encode())])
    whole = Dataset.from_files([("ab.csv", (first + second[len(header) :]).encode())])
    keys = sorted(together.query("SELECT respondent FROM respondents")["respondent"])
    assert keys == sorted(whole.query("SELECT respondent FROM respondents")["respondent"])
    assert "P0 (2026-Q1)" in keys and "P0 (2026-Q2)" in keys and "X1" in keys


def test_the_same_respondent_twice_in_one_period_is_refused_naming_both_files() -> None:
    text = "respondent_id,period,function,department,REL-1\nR1,2026-Q1,IT,Ops,4\n"
    with pytest.raises(InputError) as caught:
        Dataset.from_files([("a.csv", text.encode()), ("b.csv", text.encode())])
    assert "'a.csv'" in caught.value.message and "'b.csv'" in caught.value.message and "'R1'" in caught.value.message


def test_scores_of_an_item_only_one_file_asked_are_no_answer_for_the_other() -> None:
    first = "respondent_id,period,function,department,REL-1\n" + "".join(f"A{i},2026-Q1,IT,Ops,4\n" for i in range(5))
    second = "respondent_id,period,function,department,REL-1,TRU-1\n" + "".join(f"B{i},2026-Q2,IT,Ops,2,5\n" for i in range(5))
    together = Dataset.from_files([("a.csv", first.encode()), ("b.csv", second.encode())])
    counts = together.query('SELECT count("TRU-1") AS n, count(*) FILTER (WHERE isnan("TRU-1")) AS nan FROM scores')
    assert int(counts["n"][0]) == 10 and int(counts["nan"][0]) == 5  # no answer is NaN, as within one file
    rel = together.query("SELECT sum(respondents) AS n, sum(mean_sum) AS s FROM tactic_groups WHERE tactic = 'REL'")
    assert int(rel["n"][0]) == 10 and float(rel["s"][0]) == 5 * 4 + 5 * 2
