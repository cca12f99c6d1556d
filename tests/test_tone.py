"""Comment tone (issue 17, point 10): measured against labelled workplace comments, the issue's cases, filler
in every language ingest reads, and the meeting's quotes.

tests/data/tone_labelled.csv holds comments written for this purpose, each with the tone a reader gives it
(positive, neutral, negative), its kind and its split:
- dev: the rules of alignment.tone were written looking at these;
- held1: first held out; the first rules agreed with 61 of its 78 clear comments (78 %), then it was looked at
  and the rules revised; with dev it fits the classifier's weights;
- held2: written after that and before any further change to the rules, kept out of every fit: the measure.
"Clear" = labelled positive or negative and not of the kind "mixed".
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment import comment_themes as ct
from alignment import meeting

DATA = Path(__file__).parent / "data" / "tone_labelled.csv"
TONES = {"positive", "neutral", "negative"}


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    return pd.read_csv(DATA)


def _agreement(frame: pd.DataFrame) -> tuple[int, int]:
    read = ct.sentiment(frame["text"].tolist())["sentiment"].to_numpy()
    return int((read == frame["label"].to_numpy()).sum()), len(frame)


def _clear(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["label"] != "neutral") & (frame["kind"] != "mixed")]


def test_the_labelled_set_is_large_varied_and_has_the_hard_cases(labelled: pd.DataFrame) -> None:
    assert len(labelled) >= 200 and not labelled["text"].duplicated().any()
    assert set(labelled["label"]) == TONES
    assert set(labelled["split"]) == {"dev", "held1", "held2"}
    kinds = labelled["kind"].value_counts()
    for kind in ("jargon", "neutral_words", "sarcasm", "negation", "mixed", "request", "fact", "question"):
        assert kinds[kind] >= 7, kind
    praise_in_jargon = labelled[(labelled["kind"] == "jargon") & (labelled["label"] == "positive")]["text"].str.lower()
    for word in ("problem", "critical", "ticket", "incident"):
        assert praise_in_jargon.str.contains(word).sum() >= 2, word
    held2 = labelled[labelled["split"] == "held2"]
    assert len(_clear(held2)) >= 70 and (held2["label"] == "neutral").sum() >= 20


def test_agrees_with_people_on_held_out_clear_comments(labelled: pd.DataFrame) -> None:
    """At least 80 % on the held-out clear positives and negatives (66 of 78 when this was written: 85 %);
    VADER alone agreed with 37 of them (47 %)."""
    agree, total = _agreement(_clear(labelled[labelled["split"] == "held2"]))
    assert agree / total >= 0.80, f"{agree} of {total}"


def test_neutral_and_mixed_handling_is_what_the_readme_reports(labelled: pd.DataFrame) -> None:
    """Reported, not a bar: held-out neutral comments are read neutral 10 times of 23 (most others negative),
    the mixed ones as labelled 6 times of 7. A change to the method must update the README's numbers."""
    held2 = labelled[labelled["split"] == "held2"]
    assert _agreement(held2[held2["label"] == "neutral"]) == (10, 23)
    assert _agreement(held2[held2["kind"] == "mixed"]) == (6, 7)


def test_shipped_weights_are_the_fit_of_the_development_rows(labelled: pd.DataFrame) -> None:
    """The classifier in the package is exactly what fitting dev + held1 gives: held2 never entered it."""
    from alignment import tone

    shipped = tone.shipped_weights()
    fitting = labelled[labelled["split"] != "held2"]
    refit = tone.fit(np.array([tone.features(t) for t in fitting["text"]]), fitting["label"].tolist(), shipped["c"])
    assert refit["features"] == shipped["features"] and refit["classes"] == shipped["classes"]
    assert np.allclose(refit["coef"], shipped["coef"], atol=1e-4)
    assert np.allclose(refit["intercept"], shipped["intercept"], atol=1e-4)
    assert "held2" not in json.dumps(shipped).replace("the dev and held1 rows", "")


@pytest.mark.parametrize(
    ("text", "tone"),
    [
        ("IT fixed the problem quickly.", "positive"),  # VADER: -0.40
        ("All critical tickets were closed on time", "positive"),  # VADER: -0.32
        ("Great, another reorganisation", "negative"),  # VADER: +0.63
        ("Thanks for nothing", "negative"),  # VADER: +0.44
        ("I have no idea how IT measures success.", "negative"),  # VADER: positive
        ("Problem management is finally reducing repeat incidents.", "positive"),  # VADER: negative
    ],
)
def test_the_issues_comments(text: str, tone: str) -> None:
    assert ct.sentiment([text])["sentiment"].iloc[0] == tone


@pytest.mark.parametrize(
    "filler",
    [
        "none", "N/A", "No comment.", "nothing to add!", "  No  ", "--",  # English
        "Keine Angabe", "nichts hinzuzufügen",  # German
        "Rien à ajouter", "sans commentaire",  # French
        "Sin comentarios", "nada que añadir",  # Spanish
        "Geen opmerkingen", "niets toe te voegen",  # Dutch
        "Sem comentários", "nada a acrescentar",  # Portuguese
    ],
)  # fmt: skip
def test_filler_has_no_tone_in_any_language_ingest_reads(filler: str) -> None:
    from alignment.ingest.cells import is_comment_filler

    assert is_comment_filler(filler)
    frame = ct.sentiment([filler, "The service desk is excellent."])
    assert frame["sentiment"].tolist() == [None, "positive"] and np.isnan(frame["compound"].iloc[0])


def test_portuguese_filler_is_not_open_input_on_ingest() -> None:
    """The one filler list serves ingest too: 'Sem comentários' is no comment (SRV005's count, themes, tone)."""
    from alignment.dataset import Dataset

    rows = ["respondent_id,function,department,REL-1,REL-O"]
    rows += [f"r{i},IT,Ops,4,Sem comentários" for i in range(6)] + ["r9,IT,Ops,4,Our BRM listens well."]
    dataset = Dataset.from_file("pt.csv", "\n".join(rows).encode())
    assert dataset.query("SELECT text FROM comments")["text"].tolist() == ["Our BRM listens well."]


def test_the_meeting_quotes_the_critical_comment_and_the_praise_the_issue_names() -> None:
    """The issue: the meeting quoted 'Problem management is finally reducing repeat incidents' as the critical
    comment and 'I have no idea how IT measures success' as praise. Now the other way round."""
    praise, critical = "Problem management is finally reducing repeat incidents.", "I have no idea how IT measures success."
    frame = pd.DataFrame({"department": ["Ops"] * 5, "text": [praise, praise, critical, critical, critical]})
    assert [q.text for q in meeting.pick_quotes(frame)] == [critical, praise]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120))
def test_any_text_gets_a_bounded_score_and_a_tone_or_none(text: str) -> None:
    frame = ct.sentiment([text, text])
    score, tone = frame["compound"].iloc[0], frame["sentiment"].iloc[0]
    assert frame["sentiment"].iloc[1] == tone
    if tone is None:
        assert np.isnan(score)
    else:
        assert tone in TONES and -1.0 <= score <= 1.0
