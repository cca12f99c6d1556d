"""A column mapping file is size-, encoding- and nesting-checked before it is parsed, every entry is typed, and a
scale name must be a real scale; the command line answers a bad mapping with exit 2 and one error line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alignment.__main__ import main
from alignment.errors import InputError
from alignment.ingest.mapping import MAX_MAPPING_BYTES, ColumnSetting, mapping_from_json
from alignment.ingest.scales import scale_named

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CSV = ROOT / "sample_data" / "responses.csv"


def refused(text: str | bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        mapping_from_json(text, "my.json")
    assert caught.value.message.startswith("my.json")
    assert caught.value.hint
    return caught.value


def entry(**fields: object) -> str:
    return json.dumps({"version": 1, "columns": [{"header": "Q", "target": "REL-1", **fields}]})


@pytest.mark.parametrize(
    "scale, words",
    [
        ("numeric-3-3", "'numeric-3-3' is not a scale: numeric-LOW-HIGH needs LOW below HIGH and 2 to 11 whole numbers"),
        ("numeric-5-1", "'numeric-5-1' is not a scale: numeric-LOW-HIGH needs LOW below HIGH"),
        ("numeric-1-12", "'numeric-1-12' is not a scale"),
        ("numeric-0-100000", "'numeric-0-100000' is not a scale"),
        ("numeric-1-" + "9" * 5000, "there is no scale 'numeric-1-999"),
    ],
    ids=["one-point", "reversed", "twelve-points", "huge", "five-thousand-digits"],
)
def test_a_degenerate_numeric_scale_is_refused(scale: str, words: str) -> None:
    error = refused(entry(scale=scale))
    assert words in error.message
    assert len(error.message) < 300  # a huge name is shortened, not echoed
    with pytest.raises(KeyError):
        scale_named(scale)


@pytest.mark.parametrize("scale", ["numeric-1-2", "numeric-1-5", "numeric-0-10", "numeric-11-15"])
def test_a_real_numeric_scale_is_read(scale: str) -> None:
    assert mapping_from_json(entry(scale=scale)) == {"q": ColumnSetting("REL-1", scale=scale)}


def test_an_unknown_key_in_an_entry_is_refused_naming_it() -> None:
    error = refused(entry(scael="numeric-1-5"))
    assert "entry 1 ('Q') has an unknown key 'scael'" in error.message
    assert "header, target, reverse, scale, direction, order, values" in error.message


def test_a_newer_mapping_version_is_refused() -> None:
    error = refused(json.dumps({"version": 7, "columns": []}))
    assert "version 7;" in error.message and "version 1" in error.message


def test_deeply_nested_json_is_refused_without_a_traceback_or_server_path() -> None:
    for text in ("[" * 100_000 + "]" * 100_000, '{"columns": ' + '{"a": ' * 20_000 + "1" + "}" * 20_001):
        error = refused(text)
        assert "nested deeper than 8 levels" in error.message
        assert "Recursion" not in str(error) and "/" not in str(error)


def test_brackets_inside_headers_do_not_count_as_nesting() -> None:
    text = json.dumps({"columns": [{"header": "[[[[[[[[[[ Q1 {{{{{{{{{{", "target": "REL-1"}]})
    assert list(mapping_from_json(text)) == ["[[[[[[[[[[ q1 {{{{{{{{{{"]


def test_a_mapping_over_the_size_limit_is_refused() -> None:
    columns = [{"header": f"Q{i} " + "x" * 200, "target": "ignore"} for i in range(MAX_MAPPING_BYTES // 200)]
    error = refused(json.dumps({"columns": columns}))
    assert "at most 4 MB" in error.message


def test_a_mapping_that_is_not_utf8_is_refused() -> None:
    error = refused('{"columns": [{"header": "Caf\xe9", "target": "REL-1"}]}'.encode("latin-1"))
    assert "is not UTF-8 text" in error.message


@pytest.mark.parametrize(
    "content, words",
    [
        (entry(scale="numeric-3-3").encode(), "'numeric-3-3' is not a scale"),
        (b"[" * 100_000 + b"]" * 100_000, "nested deeper than 8 levels"),
        ('{"columns": [{"header": "Caf\xe9", "target": "REL-1"}]}'.encode("latin-1"), "is not UTF-8 text"),
        (json.dumps({"columns": [{"header": "two\nlines", "target": "XYZ"}]}).encode(), "unknown target 'XYZ'"),
    ],
    ids=["scale", "deep", "latin-1", "header-with-a-newline"],
)
def test_cli_bad_mapping_exits_2_with_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    mapping = tmp_path / "my.json"
    mapping.write_bytes(content)
    assert main(["analyze", str(SAMPLE_CSV), "--json", "--mapping", str(mapping)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("error: my.json") and words in err
    assert "Traceback" not in err and str(tmp_path) not in err
