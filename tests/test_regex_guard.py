"""The guard in front of a regular expression never changes what it finds: a text without any of the pattern's
required strings has no match, and the tone rules read every comment exactly as the plain patterns do."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment import regex_guard, tone
from alignment.regex_guard import Vocabulary, required_strings

LABELLED = Path(__file__).parent / "data" / "tone_labelled.csv"
TONE_PATTERNS = [
    *(p for p, _ in tone._REWRITES),
    *tone._COMPLAINTS,
    *tone._SARCASM,
    tone._SARCASTIC_OPENER,
    tone._REQUEST,
    tone._CONTRAST,
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bnever\b", {"never"}),
        (r"\b(?:rarely|hardly ever)\b", {"rarely", "hardly ever"}),
        (r"\b(?:takes?|took) (?:\w+ ){0,2}(?:weeks|months)\b", {"weeks", "months"}),  # the longest words win
        (r"\bpity\b|\bshame\b", {"pity", "shame"}),
        (r"(?:ab)+c", {"ab"}),  # a repeat of at least one keeps its text
        (r"x?", None),  # may match nothing
        (r"\w+", None),
        (r"(?:abc|\d)", None),  # one alternative has no fixed text
        (r"(?i)never", None),  # a flag changes what the text may look like
        (r"[;,]", {";", ","}),  # a class of single characters
        (r"(?<!than )ago", {"ago"}),  # a look-behind consumes nothing: not required
    ],
)
def test_required_strings_of_a_pattern(pattern: str, expected: set[str] | None) -> None:
    found = required_strings(re.compile(pattern))
    assert (None if found is None else set(found)) == expected


def _words(patterns) -> list[str]:
    """The literal words of the tone rules, so that random texts often match them, and some filler."""
    words = set()
    for pattern in patterns:
        words.update(re.findall(r"[a-z']+", pattern.pattern.pattern))
    return [*sorted(words), "it", "team", "we", "the", ",", ";", ".", "?", "  ", "2024", "5th"]


WORDS = _words(TONE_PATTERNS)
texts = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join) | st.text(max_size=40)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_every_tone_rule_finds_with_its_guard_what_it_finds_without(text: str) -> None:
    present = Vocabulary(TONE_PATTERNS).present(text)
    for guarded in TONE_PATTERNS:
        plain = guarded.pattern
        expected = [(m.start(), m.group()) for m in plain.finditer(text)]
        assert [(m.start(), m.group()) for m in guarded.finditer(text)] == expected
        assert [(m.start(), m.group()) for m in guarded.finditer(text, present)] == expected
        assert (guarded.search(text, present) is None) == (plain.search(text) is None)
        assert guarded.sub("X", text, present) == plain.sub("X", text)
        if expected:  # a match holds one of the required strings
            assert guarded.strings is None or any(s in text for s in guarded.strings)


def test_the_labelled_comments_read_the_same_with_and_without_the_guards(monkeypatch) -> None:
    comments = pd.read_csv(LABELLED)["text"].tolist()
    guarded = np.array([tone.features(text) for text in comments])
    monkeypatch.setattr(regex_guard.Guarded, "may_match", lambda self, text, present=None: True)
    unguarded = np.array([tone.features(text) for text in comments])
    assert len(comments) > 100
    np.testing.assert_array_equal(guarded, unguarded)
