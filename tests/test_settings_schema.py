"""Every setting is typed and in a range that follows from what it means; files are size-, encoding- and
nesting-checked before a parser reads them; the command line answers a bad file with exit 2 and one error line."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from alignment.__main__ import main
from alignment.checks import checks_for, run_checks
from alignment.config import MAX_ALLOWED_GROUP_SIZE, MIN_ALLOWED_GROUP_SIZE, Settings
from alignment.dataset import Dataset
from alignment.errors import InputError
from alignment.settings_file import MAX_SETTINGS_BYTES, settings_from_toml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_XLSX = ROOT / "sample_data" / "alignment_sample.xlsx"
SAMPLE_CSV = ROOT / "sample_data" / "responses.csv"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return Dataset.from_file(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes())


def refused(text: str | bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        settings_from_toml(text, "team.toml")
    assert caught.value.message.startswith("team.toml: ") or caught.value.message.startswith("team.toml ")
    return caught.value


# ---------------------------------------------------------------------------- the anonymity threshold


@pytest.mark.parametrize("size", [51, 1000, 2, 0, -5])
def test_min_group_size_outside_3_to_50_is_refused_naming_the_key_and_range(size: int) -> None:
    error = refused(f"[privacy]\nmin_group_size = {size}\n")
    assert f"privacy.min_group_size is {size}" in error.message
    assert f"a whole number from {MIN_ALLOWED_GROUP_SIZE} to {MAX_ALLOWED_GROUP_SIZE}" in error.message


@pytest.mark.parametrize("size", [MIN_ALLOWED_GROUP_SIZE, 5, MAX_ALLOWED_GROUP_SIZE])
def test_min_group_size_within_the_range_is_read(size: int) -> None:
    assert settings_from_toml(f"[privacy]\nmin_group_size = {size}\n").min_group_size == size


def test_settings_built_in_code_are_checked_the_same_way() -> None:
    with pytest.raises(InputError, match=r"privacy\.min_group_size is 51"):
        Settings(min_group_size=51)
    with pytest.raises(InputError, match=r"privacy\.min_group_size is 5\.5; it must be a whole number"):
        Settings(min_group_size=5.5)
    with pytest.raises(InputError, match=r"targets\.REL is inf"):
        Settings(targets={"REL": float("inf")})


# ------------------------------------------------------------------------------------ thresholds


@pytest.mark.parametrize(
    "check, name, value, allowed",
    [
        ("ROT003", "window_days", "0", "a whole number of days from 1 to 3650"),
        ("ROT003", "window_days", "-1", "a whole number of days from 1 to 3650"),
        ("ROT003", "window_days", "1e20", "a whole number of days from 1 to 3650"),
        ("ROT003", "window_days", "1e308", "a whole number of days from 1 to 3650"),
        ("REL004", "max_days", "-1", "a whole number of days from 1 to 3650"),
        ("REL004", "max_days", "90.5", "a whole number of days from 1 to 3650"),
        ("TRU003", "grace_days", "1e20", "a whole number of days from 0 to 365"),
        ("SRV004", "silent_below", "1e308", "a share from 0 to 1"),
        ("REL003", "warn_below", "-1", "a share from 0 to 1"),
        ("MET005", "fail_above", "1.5", "a share from 0 to 1"),
        ("ROT006", "max_ratio", "0", "a ratio from 1 to 100"),
        ("REL002", "alpha", "0", "a p-value from 0.001 to 0.5"),
        ("REL002", "min_per_side", "1", "a whole number of respondents from 2 to 100000"),
        ("REL001", "warn_gap", "1e20", "score points from 0 to 4"),
        ("REL006", "rated_at_least", "0", "a score from 1 to 5"),
        ("ASM003", "warn_below", "1e308", "a whole number of survey periods from 1 to 100"),
        ("ASM006", "fail_below", "-1e308", "alignment index points from -100 to 100"),
        ("MET003", "min_items", "0", "a whole number from 1 to 100000"),
    ],
)
def test_a_threshold_out_of_its_range_is_refused_naming_key_value_and_range(
    check: str, name: str, value: str, allowed: str
) -> None:
    error = refused(f"[checks.{check}]\n{name} = {value}\n")
    assert f"checks.{check}.{name} is {float(value):g}; it must be {allowed}" in error.message
    assert "default" in error.hint


def test_every_threshold_declares_a_range_that_holds_its_default() -> None:
    for check in checks_for():
        for threshold in check.thresholds:
            assert threshold.allowed.low <= threshold.default <= threshold.allowed.high, (check.id, threshold.name)


def test_the_check_catalogue_lists_each_thresholds_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checks", "--json"]) == 0
    rot003 = next(c for c in json.loads(capsys.readouterr().out) if c["id"] == "ROT003")
    window = next(t for t in rot003["thresholds"] if t["name"] == "window_days")
    assert (window["low"], window["high"], window["allowed"]) == (
        1,
        3650,
        "a whole number of days from 1 to 3650 (up to ten years)",
    )


@pytest.mark.parametrize("end", ["low", "high"])
def test_every_threshold_at_either_end_of_its_range_runs_every_check_without_error(sample: Dataset, end: str) -> None:
    thresholds = {c.id: {t.name: getattr(t.allowed, end) for t in c.thresholds} for c in checks_for() if c.thresholds}
    findings = run_checks(sample, Settings(thresholds=thresholds))
    errors = [(f.check, f.message) for f in findings if f.status == "error"]
    assert errors == []
    assert not any("inf%" in f.message or "-1 days" in f.message for f in findings)


# --------------------------------------------------------------------------------- the assessment date


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1989-12-31", "2101-01-01"])
def test_as_of_outside_1990_to_2100_is_refused(day: str) -> None:
    error = refused(f'[assessment]\nas_of = "{day}"\n')
    assert f"assessment.as_of is {day}; it must be a date from 1990-01-01 to 2100-12-31" in error.message
    with pytest.raises(InputError, match="from 1990-01-01 to 2100-12-31"):
        Settings(as_of=dt.date.fromisoformat(day))


@pytest.mark.parametrize("day", ["1990-01-01", "2100-12-31"])
def test_as_of_at_either_end_of_the_window_runs_every_check_without_error(sample: Dataset, day: str) -> None:
    findings = run_checks(sample, settings_from_toml(f'[assessment]\nas_of = "{day}"\n'))
    assert [(f.check, f.message) for f in findings if f.status == "error"] == []


# ------------------------------------------------------------------------------- size, encoding, nesting


def test_deeply_nested_toml_is_refused_before_parsing() -> None:
    error = refused("a = " + "[" * 20_000 + "]" * 20_000 + "\n")
    assert "nested" in error.message and "8" in error.message
    error = refused("x = " + "{a = " * 5_000 + "1" + "}" * 5_000 + "\n")
    assert "nested" in error.message


def test_a_long_dotted_key_is_refused_quickly() -> None:
    # tomllib's cost grows with the square of a dotted key's length: 30,000 parts would take minutes and gigabytes
    started = time.perf_counter()
    error = refused("x" + ".x" * 30_000 + " = 1\n")
    assert "nested" in error.message
    assert time.perf_counter() - started < 5


def test_brackets_inside_strings_and_comments_do_not_count_as_nesting() -> None:
    text = '# [[[[[[[[[[[[[[[[[[ a comment\n[assessment]\nas_of = "2026-03-31"  # {{{{{{{{{{{{{{{{{{{{\n'
    assert settings_from_toml(text).as_of == dt.date(2026, 3, 31)


def test_a_settings_file_over_the_size_limit_is_refused() -> None:
    error = refused("# padding\n" * (MAX_SETTINGS_BYTES // 10 + 1))
    assert "at most 64 KB" in error.message


def test_a_settings_file_that_is_not_utf8_is_refused() -> None:
    error = refused("[privacy]\n# caf\xe9\nmin_group_size = 5\n".encode("latin-1"))
    assert "is not UTF-8 text" in error.message and "line 2" in error.message


def test_a_utf8_settings_file_with_a_byte_order_mark_is_read() -> None:
    assert settings_from_toml("[privacy]\nmin_group_size = 7\n".encode("utf-8-sig")).min_group_size == 7


# --------------------------------------------------------------------------------------- command line


@pytest.mark.parametrize(
    "content, words",
    [
        (b"[privacy]\nmin_group_size = 51\n", "privacy.min_group_size is 51"),
        (b"[checks.ROT003]\nwindow_days = 1e20\n", "checks.ROT003.window_days is 1e+20"),
        (b'[assessment]\nas_of = "0001-01-01"\n', "assessment.as_of is 0001-01-01"),
        (b"a = " + b"[" * 20_000 + b"]" * 20_000, "nested"),
        (b"[privacy]\n# caf\xe9\nmin_group_size = 5\n", "is not UTF-8 text"),
        (b"#" * (MAX_SETTINGS_BYTES + 1), "at most 64 KB"),
    ],
    ids=["group-size", "window", "as-of", "deep", "latin-1", "large"],
)
def test_cli_bad_config_exits_2_with_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    config = tmp_path / "team.toml"
    config.write_bytes(content)
    assert main(["analyze", str(SAMPLE_CSV), "--json", "--config", str(config)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("error: team.toml") and words in err
    assert "Traceback" not in err and str(tmp_path) not in err
