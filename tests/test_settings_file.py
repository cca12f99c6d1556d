"""alignment.toml: written with every default documented, read back strictly, and applied by the CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from alignment.__main__ import main
from alignment.checks import REGISTRY, checks_for, run_checks
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.errors import InputError
from alignment.settings_file import settings_from_toml, settings_to_toml
from alignment.tactics import TACTIC_CODES

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CSV = "sample_data/responses.csv"
REGENERATE = (
    'python -c "from alignment.config import Settings; from alignment.settings_file import settings_to_toml; '
    "print(settings_to_toml(Settings()), end='')\" > alignment.toml"
)


def effective(settings: Settings) -> dict:
    return {
        "targets": settings.targets,
        "min_group_size": settings.min_group_size,
        "thresholds": {c.id: c.threshold_defaults() | settings.thresholds.get(c.id, {}) for c in checks_for()},
        "as_of": settings.as_of,
    }


# ------------------------------------------------------------------------------- round trips


def test_defaults_round_trip() -> None:
    assert effective(settings_from_toml(settings_to_toml(Settings()))) == effective(Settings())


def test_changed_settings_round_trip_exactly() -> None:
    thresholds = {c.id: c.threshold_defaults() for c in checks_for()}
    thresholds["REL004"]["max_days"] = 60
    thresholds["TRU004"]["tolerance"] = 0.05
    thresholds["ASM006"]["fail_below"] = -2.5
    thresholds["SRV003"]["warn_below"] = 1 / 3
    changed = Settings(targets={"REL": 3.5, "SRV": 4.25}, min_group_size=7, thresholds=thresholds, as_of=dt.date(2026, 3, 31))
    assert settings_from_toml(settings_to_toml(changed)) == changed
    assert 'as_of = "2026-03-31"' in settings_to_toml(changed).splitlines()


@pytest.mark.parametrize("line", ['as_of = "2026-03-31"', "as_of = 2026-03-31", "as_of = 2026-03-31T08:30:00"])
def test_as_of_is_read_as_a_date(line: str) -> None:
    assert settings_from_toml(f"[assessment]\n{line}\n").as_of == dt.date(2026, 3, 31)


def test_as_of_in_settings_takes_a_date_or_iso_text() -> None:
    assert Settings(as_of="2026-03-31").as_of == dt.date(2026, 3, 31)
    assert Settings(as_of=dt.date(2026, 3, 31)).as_of == dt.date(2026, 3, 31)
    assert Settings().as_of is None
    with pytest.raises(InputError, match="The assessment date \\(as_of\\) is '31/03/2026', not a date"):
        Settings(as_of="31/03/2026")


def test_a_few_changed_thresholds_round_trip() -> None:
    changed = Settings(thresholds={"REL004": {"max_days": 45}, "MET003": {"min_outcome_share": 0.4}})
    assert effective(settings_from_toml(settings_to_toml(changed))) == effective(changed)


def test_the_file_documents_every_threshold() -> None:
    text = settings_to_toml(Settings())
    data = tomllib.loads(text)
    assert data["targets"] == dict.fromkeys(TACTIC_CODES, 4.0)
    assert data["privacy"] == {"min_group_size": 5}
    assert data["assessment"] == {}  # as_of is documented, commented out: the default is the data's latest date
    assert '# as_of = "2026-03-31"' in text.splitlines()
    with_thresholds = [c for c in checks_for() if c.thresholds]
    assert list(data["checks"]) == [c.id for c in with_thresholds]
    sections = {}
    for section in text.split("\n[")[1:]:
        header, *lines = section.strip().splitlines()
        sections[header.split("]")[0]] = (header, lines)
    for check in with_thresholds:
        header, lines = sections[f"checks.{check.id}"]
        assert header == f"checks.{check.id}]  # {check.name}: {check.what}"
        assert data["checks"][check.id] == check.threshold_defaults()
        assert len(lines) == len(check.thresholds)
        for threshold, line in zip(check.thresholds, lines, strict=True):
            assert line.startswith(f"{threshold.name} = "), line
            assert line.endswith(f"  # {threshold.description} (default {threshold.default:g})"), line


def test_committed_alignment_toml_lists_the_defaults() -> None:
    committed = (ROOT / "alignment.toml").read_text(encoding="utf-8")
    assert effective(settings_from_toml(committed)) == effective(Settings())


def test_committed_alignment_toml_is_up_to_date() -> None:
    committed = (ROOT / "alignment.toml").read_text(encoding="utf-8")
    assert committed == settings_to_toml(Settings()), f"alignment.toml is out of date: regenerate it with {REGENERATE}"


# ------------------------------------------------------------------------ thresholds take effect

SURVEY = "respondent_id,period,function,department,REL-1,TRU-1\n" + "".join(
    f"R{i},2026-Q1,{'IT' if i % 2 else 'Business'},{'IT Ops' if i % 2 else 'Sales'},3,3\n" for i in range(10)
)
DEPARTMENTS = "department,function,headcount,brm\nSales,Business,20,Dana\nMarketing,Business,10,Lee\nIT Ops,IT,20,\n"
# Marketing last met IT 120 days before the latest engagement
ENGAGEMENTS = "date,department,kind\n2026-03-31,Sales,steering\n2025-12-01,Marketing,planning\n"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    files = [("responses.csv", SURVEY), ("departments.csv", DEPARTMENTS), ("engagements.csv", ENGAGEMENTS)]
    return Dataset.from_files([(name, text.encode()) for name, text in files])


def test_a_changed_threshold_changes_only_its_check(dataset: Dataset) -> None:
    default = {f.check: f for f in run_checks(dataset, Settings())}
    relaxed = {f.check: f for f in run_checks(dataset, settings_from_toml("[checks.REL004]\nmax_days = 150\n"))}
    assert (default["REL004"].status, relaxed["REL004"].status) == ("fail", "pass")
    assert "in the last 150 days" in relaxed["REL004"].message
    assert [c for c in REGISTRY if default[c].status != relaxed[c].status] == ["REL004"]


def test_as_of_moves_the_assessment_date(dataset: Dataset) -> None:
    default = {f.check: f for f in run_checks(dataset, Settings())}
    earlier = {f.check: f for f in run_checks(dataset, settings_from_toml('[assessment]\nas_of = "2026-01-15"\n'))}
    # by default counted from the latest engagement (2026-03-31): Marketing (2025-12-01) is 120 days back;
    # as of 2026-01-15 it is 45 days back, and Sales' meeting of 2026-03-31 comes after the assessment date
    assert default["REL004"].message.startswith("As of 2026-03-31 (the latest date in the evidence), 1 of 2 ")
    assert earlier["REL004"].message.startswith("As of 2026-01-15 (set as as_of), 1 of 2 ")
    assert "Sales" in earlier["REL004"].message and "1 meeting dated after 2026-01-15 is not counted" in earlier["REL004"].message
    assert [c for c in REGISTRY if default[c].message != earlier[c].message] == ["REL004", "REL006"]


def test_a_stricter_threshold_and_a_lower_target(dataset: Dataset) -> None:
    default = {f.check: f for f in run_checks(dataset, Settings())}
    chosen = settings_from_toml("[targets]\nTRU = 3.0\n\n[checks.REL003]\nwarn_below = 1.0\nfail_below = 1.0\n")
    changed = {f.check: f for f in run_checks(dataset, chosen)}
    assert (default["TRU001"].status, changed["TRU001"].status) == ("fail", "pass")  # score 3.0, gap 1.0 then 0.0
    assert (default["REL003"].status, changed["REL003"].status) == ("pass", "pass")  # every business unit has a BRM
    # 1 of 2 business departments overdue (0.5): above fail_above 0.34 by default, only above warn_above 0 at 0.6
    looser = {f.check: f for f in run_checks(dataset, settings_from_toml("[checks.REL004]\nfail_above = 0.6\n"))}
    assert (default["REL004"].status, default["REL004"].threshold) == ("fail", 0.34)
    assert (looser["REL004"].status, looser["REL004"].threshold) == ("warn", 0.0)


# ---------------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    "text, words",
    [
        ("[targets\nREL = 3.0\n", "is not valid TOML"),
        ("REL = = 3\n", "is not valid TOML"),
        ("[colours]\nREL = 3.0\n", "unknown section(s): colours"),
        ("[checks.REL999]\nwarn_gap = 0.5\n", "there is no check REL999"),
        ("[checks.rel001]\nwarn_gap = 0.5\n", "there is no check rel001"),
        ("[checks.REL004]\nmax_weeks = 12\n", "check REL004 has no threshold 'max_weeks'"),
        ('[checks.REL004]\nmax_days = "90"\n', "checks.REL004.max_days must be a number, not '90'"),
        ("[checks.REL004]\nmax_days = true\n", "checks.REL004.max_days must be a number"),
        ("[checks.REL004]\nmax_days = nan\n", "checks.REL004.max_days is nan; it must be a whole number of days"),
        ('[targets]\nREL = "high"\n', "targets.REL must be a number"),
        ("[privacy]\nmin_group_size = 5.5\n", "must be a whole number"),
        ("[privacy]\nk = 5\n", "[privacy] only takes min_group_size"),
        ('[assessment]\nas_of = "31/03/2026"\n', "The assessment date (as_of) is '31/03/2026', not a date"),
        ('[assessment]\nas_of = "2026-02-30"\n', "The assessment date (as_of) is '2026-02-30', not a date"),
        ('[assessment]\nas_of = ""\n', "The assessment date (as_of) is '', not a date"),
        ("[assessment]\nas_of = 20260331\n", "assessment.as_of must be a date, not 20260331"),
        ("[assessment]\nas_of = 08:30:00\n", "assessment.as_of must be a date"),
        ('[assessment]\ndate = "2026-03-31"\n', "[assessment] only takes as_of"),
        ('as_of = "2026-03-31"\n', "unknown section(s): as_of"),
    ],
)
def test_bad_files_are_refused_with_a_specific_message(text: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        settings_from_toml(text, "team.toml")
    assert words in str(caught.value)
    assert str(caught.value).startswith("team.toml")


@pytest.mark.parametrize(
    "text, words",
    [
        ("[privacy]\nmin_group_size = 2\n", "privacy.min_group_size is 2; it must be a whole number from 3 to 50"),
        ("[privacy]\nmin_group_size = 0\n", "privacy.min_group_size is 0; it must be a whole number from 3 to 50"),
        ("[targets]\nREL = 5.5\n", "targets.REL is 5.5; it must be a score from 1 to 5"),
        ("[targets]\nSRV = 0\n", "targets.SRV is 0; it must be a score from 1 to 5"),
        ("[targets]\nXYZ = 3.0\n", "Unknown tactic 'XYZ'"),
    ],
)
def test_out_of_range_values_are_refused(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words.replace(".", r"\.")):
        settings_from_toml(text)


@pytest.mark.parametrize("text", ["[checks]\nREL003 = 0.5\n", "targets = 4.0\n", "privacy = 5\n", "checks = 3\n"])
def test_a_value_where_a_table_belongs_is_refused(text: str) -> None:
    with pytest.raises(InputError, match=r"alignment\.toml"):
        settings_from_toml(text)


# ------------------------------------------------------------------------------ command line


@pytest.fixture(scope="module")
def configs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("config")
    (folder / "lower.toml").write_text("[targets]\nREL = 3.0\n\n[checks.SRV005]\nwarn_below = 0.9\nfail_below = 0.05\n")
    (folder / "bad.toml").write_text("[checks.REL004]\nmax_weeks = 12\n")
    (folder / "broken.toml").write_text("[targets\n")
    return folder


def test_cli_config_changes_targets_and_thresholds(configs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "alignment", "analyze", SAMPLE_CSV, "--json", "--config", str(configs / "lower.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    lower = json.loads(run.stdout)
    assert main(["analyze", str(ROOT / SAMPLE_CSV), "--json"]) == 0
    default = json.loads(capsys.readouterr().out)
    rel_default, rel_lower = default["tactics"][0], lower["tactics"][0]
    assert rel_default["code"] == rel_lower["code"] == "REL"
    assert (rel_default["target"], rel_lower["target"]) == (4.0, 3.0)
    assert rel_lower["score"] == rel_default["score"]
    assert rel_lower["gap"] == pytest.approx(3.0 - rel_lower["score"], abs=0.0051)
    assert rel_default["gap"] - rel_lower["gap"] == pytest.approx(1.0, abs=0.0051)
    assert [t["target"] for t in lower["tactics"][1:]] == [4.0] * 5
    assert next(f for f in lower["findings"] if f["check"] == "SRV005")["threshold"] in (0.9, 0.05)
    assert next(f for f in default["findings"] if f["check"] == "SRV005")["threshold"] in (0.5, 0.2)


@pytest.mark.parametrize(
    "name, words",
    [
        ("bad.toml", "check REL004 has no threshold 'max_weeks'"),
        ("broken.toml", "is not valid TOML"),
        ("missing.toml", "Config file not found"),
    ],
)
def test_cli_bad_config_exits_2_with_one_error_line(
    configs: Path, capsys: pytest.CaptureFixture[str], name: str, words: str
) -> None:
    assert main(["analyze", str(ROOT / SAMPLE_CSV), "--json", "--config", str(configs / name)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and words in lines[0]
    assert "Traceback" not in err
