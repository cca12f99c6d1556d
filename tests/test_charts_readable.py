"""Charts readable on a projector: text at least 14 px and dark, labels wrapped and never cut, gap colours,
a heatmap centred on the target, distribution axes fitted to the data, whole-number count axes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from alignment import charts, evidence_views
from alignment.analysis import analyze, tactic_results_frame
from alignment.charts.scores import STATEMENT_LABEL_WIDTH
from alignment.checks.perception import target_verdict
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.gap_levels import CLOSE, FAR, GAP_LEVELS, MET, SHORT, TOO_FEW, UNCERTAIN, level_of
from alignment.tables import department_scores, item_distribution, item_scores

SAMPLE_XLSX = Path(__file__).resolve().parents[1] / "sample_data" / "alignment_sample.xlsx"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return Dataset.from_file(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes())


def _every_chart(data: Dataset) -> dict[str, dict]:
    settings = Settings()
    tactics = tactic_results_frame(analyze(data, settings))
    items = item_scores(data, "REL", settings)
    built = {
        "gap": charts.tactic_gap_chart(tactics),
        "perception": charts.perception_chart(tactics),
        "heatmap": charts.department_heatmap(department_scores(data, settings), settings.targets),
        "answers": charts.item_diverging_chart(item_distribution(data, "REL", settings)),
        "statements": charts.item_score_chart(items[~items["hidden"]], 4.0),
        "recency": charts.engagement_recency_chart(evidence_views.engagement_recency(data), 90),
        "months": charts.engagement_month_heatmap(evidence_views.engagements_by_month(data)),
        "kpis": charts.stacked_count_chart(
            evidence_views.kpi_visibility(data),
            "kind",
            "visible_to",
            "kpis",
            sorted(evidence_views.kpi_visibility(data)["visible_to"].unique()),
            "KPI kind",
            "KPIs",
        ),
        "rotations": charts.rotations_chart(evidence_views.rotations_by_quarter(data)),
        "proactive": charts.share_by_quarter_chart(
            evidence_views.proactive_by_quarter(data), "proactive_pct", None, "% proactive", threshold=40
        ),
    }
    return {name: chart.to_dict() for name, chart in built.items()}


def _walk(node, path=()):
    """Every (path, key, value) in a nested spec."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value, path)


def _luminance(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.fixture(scope="module")
def specs(sample) -> dict[str, dict]:
    return _every_chart(sample)


def test_every_chart_has_large_dark_text(specs):
    for name, spec in specs.items():
        config = spec["config"]
        for part in ("axis", "legend"):
            assert config[part]["labelFontSize"] >= 14, (name, part)
            assert config[part]["titleFontSize"] >= 14, (name, part)
            assert _luminance(config[part]["labelColor"]) < 0.2, (name, part)
            assert _luminance(config[part]["titleColor"]) < 0.2, (name, part)
        assert config["text"]["fontSize"] >= 14 and _luminance(config["text"]["color"]) < 0.2, name
        small = [(path, value) for path, key, value in _walk(spec) if key.endswith("ontSize") and value < 14]
        assert not small, (name, small)  # no mark or axis sets a smaller size of its own


def test_no_label_is_cut(specs):
    for name, spec in specs.items():
        assert "…" not in json.dumps(spec, ensure_ascii=False), name
        limits = [(path, value) for path, key, value in _walk(spec) if key == "labelLimit" and value != 0]
        assert not limits, (name, limits)  # 0 = no limit


def test_statement_labels_are_wrapped_lines_of_the_full_text(sample, specs):
    items = item_scores(sample, "REL", Settings())
    spec = specs["statements"]
    labels = {row["label"] for rows in spec["datasets"].values() for row in rows if "label" in row}
    for item, text in zip(items["item"], items["text"], strict=True):
        label = next(label for label in labels if label.startswith(f"{item}:"))
        lines = label.split("\n")
        assert all(len(line) <= STATEMENT_LABEL_WIDTH for line in lines)
        assert " ".join(lines) == f"{item}: {text}"  # every word kept
    y_axes = [value for path, key, value in _walk(spec) if key == "axis" and path[-1:] == ("y",) and value]
    assert any(axis.get("labelExpr") == "split(datum.label, '\\n')" for axis in y_axes)


def test_count_axes_have_whole_number_ticks(specs):
    for name, channel in (("kpis", "x"), ("rotations", "y"), ("recency", "x")):
        axes = [value for path, key, value in _walk(specs[name]) if key == "axis" and path[-1:] == (channel,) and value]
        assert any(axis.get("tickMinStep") == 1 and axis.get("format") == "d" for axis in axes), name


def _scale(spec: dict, field: str) -> dict:
    return next(
        value["scale"]
        for path, key, value in _walk(spec)
        if key == "color" and isinstance(value, dict) and value.get("field") == field and "scale" in value
    )


def test_heatmap_scale_is_centred_on_the_target(sample):
    grid = department_scores(sample, Settings())
    scale = _scale(charts.department_heatmap(grid, Settings().targets).to_dict(), "score")
    assert scale["domainMid"] == 4.0
    assert scale["domain"][0] == 2.0  # lowest shown score 2.31, down to the half point below
    assert scale["domain"][1] == 5
    custom = Settings(targets=dict.fromkeys(["REL", "TRU", "MET", "ROT", "ASM", "SRV"], 3.5))
    assert _scale(charts.department_heatmap(grid, custom.targets).to_dict(), "score")["domainMid"] == 3.5
    mixed = Settings(targets={"REL": 3.0, "TRU": 4.0, "MET": 4.0, "ROT": 4.0, "ASM": 4.0, "SRV": 4.0})
    assert _scale(charts.department_heatmap(grid, mixed.targets).to_dict(), "versus_target")["domainMid"] == 0.0


def test_heatmap_hidden_cells_say_why(sample):
    spec = charts.department_heatmap(department_scores(sample, Settings()), Settings().targets).to_dict()
    rows = [row for rows in spec["datasets"].values() for row in rows]
    legal = {row["why_hidden"] for row in rows if row["department"] == "Legal"}
    assert legal == {"hidden:\n< 5 answers"}  # Legal has fewer than 5 respondents in the sample
    hr = {row["why_hidden"] for row in rows if row["department"] == "HR"}
    assert hr == {"hidden:\nprotected"}  # hidden so that a small group cannot be worked out


def test_distribution_axis_fits_the_data():
    # one statement, 10/20/20/30/20 %: unfavourable side 10 + 20 + 20 / 2 = 40 %, favourable end 100 - 40 = 60 %
    distribution = pd.DataFrame(
        {
            "item": ["REL-1"] * 5,
            "text": ["IT and business leaders meet."] * 5,
            "reverse": [False] * 5,
            "level": [1, 2, 3, 4, 5],
            "answers": [1, 2, 2, 3, 2],
            "pct": [10.0, 20.0, 20.0, 30.0, 20.0],
        }
    )
    x = charts.item_diverging_chart(distribution).to_dict()["layer"][0]["encoding"]["x"]
    assert x["scale"]["domain"] == [-60, 60]
    assert x["axis"]["values"] == [-60, -40, -20, 0, 20, 40, 60]
    assert charts.percent_extent(pd.Series([-15.0]), pd.Series([85.0])) == 90
    assert charts.percent_extent(pd.Series([-3.0]), pd.Series([4.0])) == 10


@pytest.mark.parametrize(
    ("score", "interval", "level"),
    [
        (4.3, [4.1, 4.5], MET),
        (3.9, [3.7, 4.1], CLOSE),  # 0.1 short, within the 0.25 tolerance
        (3.6, [3.3, 4.2], UNCERTAIN),  # 0.4 short, but the interval covers the target
        (3.6, [3.5, 3.7], SHORT),  # the whole interval below target, 0.4 short
        (3.2, [3.1, 3.3], FAR),  # the whole interval below target, 0.8 short
        (3.0, None, TOO_FEW),
    ],
)
def test_gap_levels_follow_the_score_check(score, interval, level):
    assert level_of(score, interval, 4.0, 0.25, 0.75) is level
    assert charts.gap_band(level.key) == level.label
    if interval is not None:  # the score check's status for the same inputs
        assert target_verdict(score, *interval, 4.0, 0.25, 0.75)[0] == level.status


def test_gap_chart_colours_each_tactic_by_its_band(sample, specs):
    rows = [row for rows in specs["gap"]["datasets"].values() for row in rows if "band" in row]
    bands = {row["code"]: row["band"] for row in rows}
    assert bands["ROT"] == FAR.label  # 2.45, interval 2.37-2.53, against 4.00 in the sample
    assert bands["SRV"] == SHORT.label  # 3.59, interval 3.52-3.66
    scale = _scale(specs["gap"], "band")
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {level.label: level.colour for level in GAP_LEVELS}


def test_layers_given_their_table_once_make_the_spec_of_layers_that_share_it():
    """charts.style.layered passes the table to the layer instead of to each chart: the spec Altair makes when
    every layer has the same table (which it hoists to the layer), view names aside."""
    import re

    import altair as alt

    from alignment.charts.style import layered

    data = pd.DataFrame({"name": ["a", "b"], "score": [3.2, 4.1]})

    def pair(chart: alt.Chart) -> list[alt.Chart]:
        base = chart.encode(y="name:N")
        return [base.mark_bar().encode(x="score:Q"), base.mark_text(dx=6).encode(x="score:Q", text="score:Q")]

    each_with_its_table = alt.layer(*pair(alt.Chart(data)))
    given_once = layered(data, *pair(alt.Chart()))
    specs = [
        re.sub(r"view_[0-9a-f]+", "view", json.dumps(c.to_dict(), sort_keys=True)) for c in (each_with_its_table, given_once)
    ]
    assert specs[0] == specs[1]
    assert '"values"' not in specs[1] and specs[1].count('"data"') == 1  # the table once, as a named dataset
