"""The disclosure layer as a gate: rows only of published selections, hidden cells as a reason code and k (words made
by one function at the edge), and one results cache keyed by the settings and selection values."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from alignment import charts
from alignment.__main__ import main
from alignment.analysis import analyze
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import disclosure
from alignment.figure import FEWER_THAN_K, PROTECTS_SMALL_GROUP, hidden_words
from alignment.results import results
from alignment.selection import EVERYONE, Selection
from alignment.tables import department_scores, hidden_departments

K = 5


def survey() -> bytes:
    """Ops: 8 IT people answering REL-1 = 4, REL-2 = 2; Sales: 6 Business people answering 5 and 3; Legal: 2 Business
    people answering 1 and 1 (a small group: hidden)."""
    lines = ["respondent_id,period,function,department,REL-1,REL-2"]
    groups = [("Ops", "IT", 8, 4, 2), ("Sales", "Business", 6, 5, 3), ("Legal", "Business", 2, 1, 1)]
    number = 0
    for department, function, count, first, second in groups:
        for _ in range(count):
            number += 1
            lines.append(f"r{number},2026-Q1,{function},{department},{first},{second}")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(scope="module")
def data() -> Dataset:
    return Dataset.from_file("survey.csv", survey())


def test_the_gate_hands_out_rows_of_a_published_selection_only(data: Dataset) -> None:
    gate = disclosure(data, K)
    ops = Selection("2026-Q1", "Ops")
    rows = gate.answers(data, ops, ["REL-1", "REL-2"])
    assert len(rows) == 8 == gate.tactic("REL", ops).n  # the published cell's respondents, and only them
    assert rows["REL-1"].tolist() == [4.0] * 8
    legal = Selection("2026-Q1", "Legal")
    assert gate.tactic("REL", legal).hidden
    with pytest.raises(ValueError, match="not published"):
        gate.answers(data, legal, ["REL-1"])


def test_a_hidden_cell_carries_a_reason_code_and_k_not_words(data: Dataset) -> None:
    figure = disclosure(data, K).tactic("REL", Selection("2026-Q1", "Legal"))
    assert (figure.n, figure.mean, figure.reason, figure.k) == (None, None, FEWER_THAN_K, K)
    assert hidden_words(figure.reason, figure.k) == "hidden: fewer than 5 responses"
    assert hidden_words(figure.reason, figure.k, "why") == "fewer than 5 responses"
    assert hidden_words(PROTECTS_SMALL_GROUP, K, "why") == "hidden so that a small group cannot be worked out"
    assert hidden_words(None, K) is None


def test_the_grid_keeps_the_code_and_k_and_every_edge_words_them_alike(data: Dataset) -> None:
    grid = department_scores(data, Settings(min_group_size=K), Selection("2026-Q1"))
    legal = grid[(grid["department"] == "Legal") & (grid["tactic"] == "REL")].iloc[0]
    assert (legal["hidden"], legal["reason"], legal["k"], legal["label"]) == (
        True,
        FEWER_THAN_K,
        K,
        "hidden: fewer than 5 responses",
    )
    # Sales (6) is hidden too: with the Business total shown, Business - Sales would give Legal away
    assert hidden_departments(grid) == {
        "Legal": "fewer than 5 responses",
        "Sales": "hidden so that a small group cannot be worked out",
    }
    spec = json.dumps(charts.department_heatmap(grid).to_dict(validate=False))
    assert "hidden:\\n< 5 answers" in spec  # the heatmap's cell text from the code and k, not from the label


def test_the_json_words_a_hidden_cell_from_its_code(tmp_path, capsys) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes(survey())
    assert main(["analyze", str(path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["breakdowns"]
    legal = [e for e in listed if e["measure"] == "tactic" and e["department"] == "Legal" and e["function"] is None]
    assert legal and all(e["hidden"] and e["reason"] == "hidden: fewer than 5 responses" for e in legal)


def test_a_selection_is_one_value_from_the_flags_to_the_results(data: Dataset) -> None:
    chosen = Selection("2026-Q1", "Ops", "IT")
    analysis = analyze(data, Settings(), chosen)
    assert analysis.selection == Selection("2026-Q1", "Ops", "IT")
    assert analysis.tactic("REL").score == 3.0 and analysis.tactic("REL").n == 8  # (4 + 2) / 2 for eight people
    assert analyze(data).respondents == 16 and Selection() == EVERYONE


def test_equal_settings_and_selections_share_one_cached_result() -> None:
    data = Dataset.from_file("survey.csv", survey())
    first = results(data, Settings(), Selection("2026-Q1"))
    again = results(data, Settings(), Selection("2026-Q1"))  # equal values, other objects: the same entry
    assert again is first
    other = results(data, Settings(min_group_size=3), Selection("2026-Q1"))
    assert other is not first and other.analysis.min_group_size == 3
    assert results(data, Settings(), Selection("2026-Q1", "Ops")) is not first


def test_a_heatmap_without_hidden_cells_has_no_reason_in_its_data() -> None:
    grid = pd.DataFrame(
        [["Ops", "IT", "REL", "Relationships", 3.5, 8, False, "3.50", None, None]],
        columns=["department", "function", "tactic", "tactic_name", "score", "n", "hidden", "label", "reason", "k"],
    ).assign(department_hidden=False)
    values = charts.department_heatmap(grid).to_dict(validate=False)["datasets"]
    rows = next(iter(values.values()))
    assert "reason" not in rows[0] and "k" not in rows[0] and rows[0]["why_hidden"] == ""
