"""IT against the business is judged once: the analysis decides each tactic's verdict with its scores (and the
statement comparisons each statement's), with the thresholds the settings give the perception-gap check; the check,
the meeting, the tactic page and `analyze --json` all read that verdict, so a changed threshold changes every one of
them and none can say otherwise."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest

from alignment import meeting
from alignment.__main__ import main
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.items import LIKERT_ITEMS
from alignment.results import results
from alignment.selection import Selection
from alignment.tables import statement_comparisons

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "alignment_sample.xlsx"
# the sample's REL gap (IT 0.75 above the business, adjusted p ~1e-13) is a real difference at the defaults (0.3 / 0.6)
WIDE = Settings(thresholds={"REL002": {"warn_gap": 1.0, "fail_gap": 2.0}})


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())


def by_hand(gap: float, p_adjusted: float, it_n: int, business_n: int, warn: float, fail: float) -> str:
    """The rule as the README states it: not enough below 5 a side; warn / fail beyond warn_gap / fail_gap only
    when the adjusted p is below 0.05; pass otherwise."""
    if min(it_n, business_n) < 5:
        return "not_applicable"
    if abs(gap) > warn and p_adjusted < 0.05:
        return "fail" if abs(gap) > fail else "warn"
    return "pass"


@pytest.mark.parametrize(("settings", "expected"), [(Settings(), "fail"), (WIDE, "pass")])
def test_the_check_the_meeting_and_the_json_read_one_verdict(sample: Dataset, capsys, tmp_path, settings, expected) -> None:
    bundle = results(sample, settings)
    rel = bundle.analysis.tactic("REL")
    test = rel.perception_test
    assert (
        test["verdict"]
        == expected
        == by_hand(
            rel.perception_gap,
            test["p_adjusted"],
            rel.it_n,
            rel.business_n,
            *((0.3, 0.6) if settings is not WIDE else (1.0, 2.0)),
        )
    )
    assert bundle.perception_finding("REL").status == expected
    step = meeting.tactic_step(bundle.analysis, bundle.findings, None, "REL")
    assert step.perception_status == expected
    assert (step.perception_fix is not None) == (expected in {"warn", "fail"})
    config = tmp_path / "alignment.toml"
    config.write_text("[checks.REL002]\nwarn_gap = 1.0\nfail_gap = 2.0\n" if settings is WIDE else "", encoding="utf-8")
    assert main(["analyze", str(SAMPLE), "--json", "--config", str(config)]) in (0, None)
    data = json.loads(capsys.readouterr().out)
    tactic = next(t for t in data["tactics"] if t["code"] == "REL")
    assert tactic["perception_test"]["verdict"] == expected
    assert next(f for f in data["findings"] if f["check"] == "REL002")["status"] == expected


@pytest.mark.parametrize(("settings", "warn", "fail"), [(Settings(), 0.3, 0.6), (WIDE, 1.0, 2.0)])
def test_each_statement_is_judged_with_its_tactics_thresholds(sample: Dataset, settings, warn, fail) -> None:
    compared = statement_comparisons(sample, "REL", settings)
    assert len(compared) == 5  # every REL statement has both sides in the sample
    for row in compared.itertuples():
        assert row.verdict == by_hand(row.difference, row.p_adjusted, row.it_n, row.business_n, warn, fail), row.item
    # the sample's statement differences lie between 0.67 and 0.83: beyond fail_gap at the defaults, inside the wide limits
    assert set(compared["verdict"]) == ({"fail"} if settings is not WIDE else {"pass"})


def mixed_departments() -> bytes:
    """Two departments with IT and business people in each: in Sales IT rates every REL statement 2 points above
    the business, in Operations both sides answer alike."""
    rng = random.Random(3)
    rows = []
    for department in ("Sales", "Operations"):
        for index in range(24):
            it = index % 2 == 0
            row = {"respondent_id": f"{department[0]}{index}", "department": department, "function": "IT" if it else "Business"}
            base = 4 if (it and department == "Sales") else 2 if department == "Sales" else 3
            for item in LIKERT_ITEMS:
                answer = min(5, max(1, base + rng.choice((-1, 0, 0, 1)))) if item.tactic == "REL" else rng.randint(2, 4)
                row[item.id] = 6 - answer if item.reverse else answer
            rows.append(row)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, ["respondent_id", "department", "function", *(i.id for i in LIKERT_ITEMS)])
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def test_a_department_carries_its_own_verdict_while_the_checks_read_the_whole_organisation(tmp_path, capsys) -> None:
    data = mixed_departments()
    dataset = Dataset.from_file("mixed.csv", data)
    sales = results(dataset, Settings(), Selection(department="Sales"))
    operations = results(dataset, Settings(), Selection(department="Operations"))
    for bundle, expected in ((sales, "fail"), (operations, "pass")):
        rel = bundle.analysis.tactic("REL")
        test = rel.perception_test
        assert test["verdict"] == expected == by_hand(rel.perception_gap, test["p_adjusted"], rel.it_n, rel.business_n, 0.3, 0.6)
        assert meeting.tactic_step(bundle.analysis, bundle.findings, None, "REL").perception_status == expected
    # the check reads the whole organisation: one verdict for both departments, its own numbers
    whole = results(dataset).analysis.tactic("REL")
    assert (
        sales.perception_finding("REL").status == operations.perception_finding("REL").status == whole.perception_test["verdict"]
    )
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    assert main(["analyze", str(path), "--json", "--department", "Sales"]) in (0, None)
    shown = next(t for t in json.loads(capsys.readouterr().out)["tactics"] if t["code"] == "REL")
    assert shown["perception_test"]["verdict"] == "fail"  # the department's own, not the organisation's
