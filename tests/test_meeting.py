"""The meeting walkthrough's library: its steps, what each step shows, the quotes and the plan's summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from alignment import meeting
from alignment.actions import clean_actions
from alignment.analysis import analyze
from alignment.checks import REGISTRY, run_checks
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.tables import tactic_comments
from alignment.tactics import TACTIC_CODES

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "alignment_sample.xlsx"


@pytest.fixture(scope="module")
def sample():
    data = Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())
    settings = Settings()
    analysis = analyze(data, settings)
    return data, settings, analysis, run_checks(data, settings, None, analysis)


def test_the_steps_are_summary_the_six_tactics_in_order_and_closing():
    steps = meeting.meeting_steps()
    assert [s.key for s in steps] == ["summary", *TACTIC_CODES, "closing"]
    assert [s.kind for s in steps] == ["summary", *["tactic"] * 6, "closing"]
    assert steps[1].title == "REL · Shape close business relationships"
    assert meeting.step_label(2, len(steps)) == "Step 3 of 8"


def test_summary_carries_the_index_and_each_gap_with_its_traffic_light(sample):
    _, _, analysis, _ = sample
    summary = meeting.summary(analysis)
    assert summary.alignment_index == analysis.alignment_index
    assert summary.respondents == 240
    for line, result in zip(summary.scores, analysis.tactics, strict=True):
        assert line.code == result.code
        assert line.gap == pytest.approx(result.target - result.score, abs=0.006)
        # the level by hand, from the score's interval: far / below target when the whole interval is below the
        # target by more than 0.75 / 0.25 (every tactic of the sample is: its intervals are about ±0.08 wide)
        high = result.ci95[1]
        assert high < result.target
        expected = "far" if line.gap > 0.75 else "short" if line.gap > 0.25 else "close"
        assert line.level.key == expected


def test_a_tactic_step_has_the_numbers_the_verdict_of_its_gap_check_and_its_top_findings(sample):
    data, settings, analysis, findings = sample
    comments, _ = tactic_comments(data, "REL", settings)
    step = meeting.tactic_step(analysis, findings, comments, "REL")
    result = analysis.tactic("REL")
    assert step.result.score == result.score
    gap = result.it_score - result.business_score
    who = "IT" if gap > 0 else "The business"
    assert step.perception.startswith(f"{who} sees it more positively by {abs(result.perception_gap):.2f} points")
    by_check = {f.check: f for f in findings}
    assert step.perception_status == by_check["REL002"].status  # the same verdict as the check's
    assert step.perception_fix == REGISTRY["REL002"].fix  # the sample's REL gap is real: what to do about it
    # the gap check's verdict is the IT-versus-business line, so the findings are the tactic's others
    expected = [f for f in findings if f.tactic == "REL" and f.check != "REL002" and f.status in {"fail", "warn", "error"}]
    assert len(step.points) == min(len(expected), meeting.FINDINGS_PER_STEP) > 0
    assert step.more_points == len(expected) - len(step.points)
    assert {p.check for p in step.points} <= {f.check for f in expected}
    statuses = [p.status for p in step.points]
    assert statuses == sorted(statuses, key=["fail", "warn", "error"].index)  # failures first
    for point in step.points:
        assert point.fix == REGISTRY[point.check].fix
        assert point.message == by_check[point.check].message
    assert 1 <= len(step.quotes) <= 2
    assert {q.text for q in step.quotes} <= set(comments["text"])
    assert step.comments == len(comments)


def test_a_step_without_an_it_business_split_says_why():
    lines = ["respondent_id,period,department,REL-1,REL-2"]
    lines += [f"r{i},2026-Q1,Sales,{1 + i % 5},{1 + (i + 1) % 5}" for i in range(8)]
    data = Dataset.from_file("nofunction.csv", ("\n".join(lines) + "\n").encode())
    settings = Settings()
    analysis = analyze(data, settings)
    step = meeting.tactic_step(analysis, run_checks(data, settings, None, analysis), None, "REL")
    assert step.perception is None and step.perception_status is None
    assert step.no_comparison
    assert step.quotes == [] and step.comments == 0


def comments(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"department": ["Sales"] * len(texts), "text": list(texts)})


def test_quotes_are_the_most_written_critical_comment_then_the_most_written_positive_one():
    frame = comments(
        "The meeting is on Tuesday.",
        "The meeting is on Tuesday.",
        "The meeting is on Tuesday.",
        "IT is slow and the tickets are terrible.",
        "IT is slow and the tickets are terrible.",
        "Awful handover, a bad experience.",
        "Great service, I love working with the team.",
    )
    quotes = meeting.pick_quotes(frame)
    assert [(q.text, q.writers) for q in quotes] == [
        ("IT is slow and the tickets are terrible.", 2),
        ("Great service, I love working with the team.", 1),
    ]
    assert [q.text for q in meeting.pick_quotes(frame, limit=1)] == ["IT is slow and the tickets are terrible."]


def test_quotes_fall_back_to_the_most_written_when_a_side_has_none():
    frame = comments("The meeting is on Tuesday.", "The meeting is on Tuesday.", "Great service, I love it.", "  ")
    assert [q.text for q in meeting.pick_quotes(frame)] == ["Great service, I love it.", "The meeting is on Tuesday."]
    assert meeting.pick_quotes(comments()) == []
    assert meeting.pick_quotes(comments("   ")) == []


def plan(*rows: tuple) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["action", "owner", "due", "tactic", "status", "notes"])
    return clean_actions(frame)[0]


def test_plan_counts_and_the_table_read_aloud():
    actions = plan(
        ("Name a BRM for HR", "Ana", "2026-03-31", "REL", "done", ""),
        ("Publish the KPI dashboard", "Ben", "2026-02-28", "MET", "open", ""),
        ("Shadowing pilot", "Cy", "2026-01-31", "ROT", "in progress", ""),
        ("Quarterly survey", "Dee", "", "", "open", ""),
    )
    counts = meeting.plan_counts(actions)
    assert counts == {"open": 2, "in progress": 1, "done": 1, "dropped": 0}
    assert meeting.plan_counts_text(counts) == "4 actions: 2 open, 1 in progress, 1 done"
    assert meeting.plan_counts_text(meeting.plan_counts(None)) == "No actions yet"
    table = meeting.plan_table(actions)
    assert table["Action"].tolist() == ["Shadowing pilot", "Publish the KPI dashboard", "Quarterly survey", "Name a BRM for HR"]
    assert table["Due"].tolist() == ["2026-01-31", "2026-02-28", "", "2026-03-31"]
    assert meeting.still_open(actions)["Action"].tolist() == ["Shadowing pilot", "Publish the KPI dashboard", "Quarterly survey"]


def test_the_minutes_hold_the_scores_every_note_and_the_actions(sample):
    _, _, analysis, _ = sample
    actions = plan(("Fix | the #1 issue", "Ana", "2026-03-31", "REL", "open", ""))
    text = meeting.minutes_markdown(
        analysis, {"REL": "Agreed: BRMs for HR and Legal.\n\n# not a heading", "TRU": "  "}, actions, dt.date(2026, 1, 15)
    )
    assert text.startswith("# IT–business alignment: meeting of 2026-01-15")
    assert f"Alignment index: {analysis.alignment_index:.0f}" in text
    rel = analysis.tactic("REL")
    assert f"| REL · Shape close business relationships | {rel.score:.2f} | 4.00 | {rel.gap:.2f} below target |" in text
    assert "### REL · Shape close business relationships\n\nAgreed: BRMs for HR and Legal.\n\\# not a heading" in text
    assert "### TRU" not in text  # a blank note is left out
    assert "| Fix \\| the \\#1 issue | Ana | 2026-03-31 | REL | open |" in text
    assert "1 action: 1 open." in text


def test_a_difference_that_is_not_real_gets_no_fix(sample):
    _, _, analysis, findings = sample
    step = meeting.tactic_step(analysis, findings, None, "MET")  # IT and business within 0.11 in the sample
    assert step.perception_status == "pass" and step.perception.endswith("a small difference.")
    assert step.perception_fix is None
    assert all(p.check != "MET002" for p in step.points)


def test_the_download_leaves_out_rows_without_an_action_so_it_loads_again():
    from alignment.actions import actions_csv, read_actions

    actions = plan(("Publish the KPI dashboard", "Ben", "2026-02-28", "MET", "open", ""), ("", "Ana", "", "", "open", ""))
    assert len(actions) == 2  # the editor's half-filled row is kept on screen, with its problem
    kept, left_out = meeting.loadable_actions(actions)
    assert left_out == 1 and kept["action"].tolist() == ["Publish the KPI dashboard"]
    loaded = read_actions("plan.csv", actions_csv(kept))
    assert loaded["action"].tolist() == ["Publish the KPI dashboard"] and loaded["owner"].tolist() == ["Ben"]
