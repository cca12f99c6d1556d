"""Plain language first, statistics on demand: Trends opens with each tactic from the first to the latest round
in words, a tactic page says its verdict in a sentence and keeps the interval method and reliability in an
'Analyst details' expander."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.results import results
from alignment.selection import Selection
from alignment.trends import Change, change_in_words, period_changes, trend_periods

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "alignment_sample.xlsx"


def test_changes_in_words_say_whether_they_are_beyond_the_noise() -> None:
    assert change_in_words(Change("REL", "Q2", "Q1", 3.5, 3.2, 0.3, verdict="rise")) == "up 0.30, beyond the noise"
    assert change_in_words(Change("REL", "Q2", "Q1", 3.1, 3.2, -0.1, verdict="no change")) == (
        "down 0.10, within the noise: no real change"
    )
    hidden = Change("REL", "Q2", "Q1", None, 3.2, None, phrase="not compared: Q2 is hidden: fewer than 5 responses")
    assert change_in_words(hidden) == "not compared: Q2 is hidden: fewer than 5 responses"


def test_trends_opens_with_each_tactic_from_the_first_to_the_latest_round() -> None:
    sample = Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())
    periods, _ = trend_periods(sample, Settings())
    changes = period_changes(sample, Settings(), Selection(periods[-1]), periods[0])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/trends.py").run()
    assert not at.exception
    opening = next(m.value for m in at.markdown if m.value.startswith(f"**From {periods[0]} to {periods[-1]}**"))
    rot = changes["ROT"]
    assert (
        f"**ROT · Rotate IT and business employees**: {rot.previous_score:.2f} → {rot.score:.2f}, {change_in_words(rot)}"
        in opening
    )
    assert "p =" not in opening and "Welch" not in opening  # the tests are named in the method caption, not here


def test_a_tactic_page_says_its_verdict_and_folds_the_statistics_away() -> None:
    sample = Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())
    latest = sorted(sample.periods())[-1]
    result = results(sample, None, Selection(latest)).analysis.tactic("REL")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/rel.py").run()
    assert not at.exception
    sentence = f"**{result.score:.2f} against a target of {result.target:.2f}: below target** (the data allow"
    assert any(sentence in m.value for m in at.markdown)
    details = next(e for e in at.expander if e.label.startswith("Analyst details"))
    assert any("t-interval" in c.value for c in details.caption)  # the method named inside, not on the page's face
