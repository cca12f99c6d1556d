"""Answer scales: detection from realistic exports, conversion to 1–5 worked out by hand, no-answer spellings,
the reasons given for answers off a scale, and the registry behind the README's table.

One test per family of scales or per rule, each going through its hand-worked examples and comparing the whole
table at once, so that a failure lists every example that differs; hypothesis checks the rules that hold for
every scale (the conversion formula, spellings in any case and punctuation, no-answer spellings).
"""

from __future__ import annotations

import csv
import dataclasses
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment.ingest.answer_text import NO_ANSWER
from alignment.ingest.cells import NO_ANSWER as INGEST_NO_ANSWER
from alignment.ingest.load import load_survey
from alignment.ingest.scales import (
    LABELLED,
    NUMERIC,
    SCALES,
    SCALES_BY_NAME,
    UNKNOWN,
    detect_scale,
    scale_named,
    scale_table,
)

AGREE_7 = [
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
]
FIVE_POINT = [s for s in SCALES if s.points == 5]
INVALID = str  # an expected conversion: the answer is refused with a reason


def _differences(expected: dict, got: dict) -> dict:
    """{example: (expected, got)} for every example whose result differs."""
    return {key: (want, got[key]) for key, want in expected.items() if got[key] != want}


# ------------------------------------------------------------------------------------------ detection

DETECTION: dict[str, list[tuple[list, str]]] = {
    "numbers": [
        # Google Forms linear scale: numbers as text in CSV, as floats from the Excel download
        (["1", "2", "3", "4", "5"], "numeric-1-5"),
        (["4", "5"], "numeric-1-5"),
        ([1.0, 3.0, 4.0, 5.0], "numeric-1-5"),
        ([2, 3, 5], "numeric-1-5"),
        (["4.0", "5.0", "2.0"], "numeric-1-5"),
        (["1", "4", "6", "7"], "numeric-1-7"),
        (["2", "6"], "numeric-1-6"),
        ([7.0, 3.0], "numeric-1-7"),
        # the highest answer decides
        (["1", "2", "6"], "numeric-1-6"),
        (["1", "3", "9"], "numeric-1-9"),
        # NPS-style 0-10
        (["0", "6", "9", "10"], "numeric-0-10"),
        (["8"], "numeric-1-9"),
        (["0", "3"], "numeric-0-10"),
        ([9.0, 10.0], "numeric-0-10"),
    ],
    "labelled numbers": [
        # labelled numbers count as their numbers
        (["1 - Strongly disagree", "2 - Disagree", "3 - Neutral", "4 - Agree", "5 - Strongly agree"], "numeric-1-5"),
        (["5 \u2013 Strongly agree", "4 \u2013 Agree"], "numeric-1-5"),
        (["(1) Strongly disagree", "(4) Agree"], "numeric-1-5"),
        (["Strongly agree (5)", "Agree (4)"], "numeric-1-5"),
        (["1 = Strongly disagree", "4 = Neither agree nor disagree", "7 = Strongly agree"], "numeric-1-7"),
        (["0 - Not at all likely", "10 - Extremely likely", "7"], "numeric-0-10"),
        # ... and a known label says how long the scale is at least
        (["5 - Somewhat agree", "2 - Disagree"], "numeric-1-7"),  # Somewhat agree is 5 only on 7 points
        (["4 - Neither agree nor disagree", "5 - Strongly agree"], "numeric-1-7"),  # the midpoint is 4 only on 7 points
        (["3 = Somewhat disagree"], "numeric-1-7"),
        (["4 - Somewhat agree", "5 - Strongly agree"], "numeric-1-5"),  # Qualtrics' 5-point codes
        (["1 - Strongly disagree", "2", "3", "4", "5 - Strongly agree"], "numeric-1-5"),
        # a labelled end says where the scale ends: a 4-point scale written as numbers with its ends labelled is 1-4
        (["1", "4 - Strongly agree", "2"], "numeric-1-4"),
        (["1 - Strongly disagree", "2", "3", "4 - Strongly agree"], "numeric-1-4"),
        (["1 - Strongly disagree", "2 - Disagree", "3 - Agree", "4 - Strongly agree"], "numeric-1-4"),
        (["(1) Strongly disagree", "(2) Disagree", "(3) Agree", "(4) Strongly agree"], "numeric-1-4"),
        (["Strongly disagree (1)", "2", "3", "Strongly agree (4)"], "numeric-1-4"),
        (["1 = Strongly disagree", "2", "3", "4 = Strongly agree"], "numeric-1-4"),
        (["1 - Strongly disagree", "6 - Strongly agree", "3"], "numeric-1-6"),
        (["1 - Not at all likely", "10 - Extremely likely", "4"], "numeric-1-10"),
        (["10 - Extremely likely", "4"], "numeric-0-10"),
        (["9 - Strongly agree", "1", "5"], "numeric-1-9"),
    ],
    "recoded answers and answer codes": [
        # recoded answers: codes with an offset
        (["11", "12", "15", "13"], "numeric-11-15"),
        ([11.0, 14.0], "numeric-11-15"),
        (["101", "107", "104"], "numeric-101-107"),
        # LimeSurvey's answer codes
        (["A1", "A2", "A5", "A4"], "numeric-1-5"),
        (["AO01", "AO03", "AO05"], "numeric-1-5"),
        (["A1", "A7"], "numeric-1-7"),
    ],
    "agreement": [
        # Microsoft Forms Likert default options
        (["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"], "agreement-5"),
        # SurveyMonkey agreement matrix
        (["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"], "agreement-5"),
        (["Agree", "Strongly agree"], "agreement-5"),
        (["Neutral"], "agreement-5"),
        # Qualtrics 7-point agreement
        (AGREE_7, "agreement-7"),
        (["Somewhat agree", "Strongly agree"], "agreement-7"),
        (["Slightly agree", "Agree", "Slightly disagree"], "agreement-7"),
        (["Moderately agree", "Strongly agree", "Neutral"], "agreement-7"),
    ],
    "frequency": [
        # in the usual wordings
        (["Never", "Rarely", "Sometimes", "Often", "Always"], "frequency-5"),
        (["Never", "Rarely", "Sometimes", "Very often", "Always"], "frequency-5"),
        (["Always", "Usually", "Sometimes", "Rarely", "Never"], "frequency-5"),
        (["Never", "Almost never", "Occasionally", "Almost always", "Always"], "frequency-5"),
        (["Sometimes", "Often"], "frequency-5"),
        (["Never", "Sometimes", "Always"], "frequency-5"),
        # Qualtrics frequency: "About half the time" / "Most of the time" give it away
        (["Never", "Sometimes", "About half the time", "Most of the time", "Always"], "frequency-5-half"),
        (["Sometimes", "Most of the time", "Always"], "frequency-5-half"),
        # by period
        (["Daily", "Weekly", "Monthly", "Rarely", "Never"], "frequency-5-period"),
        (["Every day", "Once a week", "Less than monthly"], "frequency-5-period"),
        (["Never", "Daily", "Weekly", "Monthly"], "frequency-5-period"),
    ],
    "satisfaction, importance, quality and likelihood": [
        (
            ["Very satisfied", "Satisfied", "Neither satisfied nor dissatisfied", "Dissatisfied", "Very dissatisfied"],
            "satisfaction-5",
        ),
        (["Extremely satisfied", "Somewhat satisfied", "Somewhat dissatisfied"], "satisfaction-5"),
        (["Satisfied", "Neutral"], "satisfaction-5"),
        (["Very satisfied", "Satisfied", "Somewhat satisfied", "Dissatisfied"], "satisfaction-7"),
        (["Extremely dissatisfied", "Moderately satisfied", "Slightly satisfied"], "satisfaction-7"),
        (["Not important", "Somewhat important", "Important", "Very important", "Critical"], "importance-5-critical"),
        (["Not at all important", "Moderately important", "Extremely important"], "importance-5"),
        (["Poor", "Fair", "Good", "Very good", "Excellent"], "quality-5"),
        (["Horrible", "Poor", "Average", "Good", "Excellent"], "quality-5-horrible"),
        (["Very unlikely", "Likely", "Extremely likely", "Neither likely nor unlikely"], "likelihood-5"),
    ],
    "other languages": [
        (["Stimme zu", "Stimme voll und ganz zu", "Stimme nicht zu", "Teils/teils"], "agreement-5-de"),
        (["Trifft eher zu", "Trifft voll zu", "Trifft gar nicht zu"], "agreement-5-de"),
        (["D\u2019accord", "Tout \u00e0 fait d'accord", "Pas d'accord"], "agreement-5-fr"),
        (["De acuerdo", "Totalmente de acuerdo", "En desacuerdo"], "agreement-5-es"),
        (["Mee eens", "Helemaal mee eens", "Neutraal", "Mee oneens"], "agreement-5-nl"),
        (["Concordo", "Concordo totalmente", "N\u00e3o concordo nem discordo", "Discordo"], "agreement-5-pt"),
        (["Nao concordo nem discordo", "Concordo"], "agreement-5-pt"),  # without the tilde
        (["Nie", "Selten", "Manchmal", "Oft", "Immer"], "frequency-5-de"),
        (["Jamais", "Parfois", "Toujours"], "frequency-5-fr"),
        (["Nunca", "A veces", "Siempre"], "frequency-5-es"),
        (["Nooit", "Soms", "Altijd"], "frequency-5-nl"),
        (["Nunca", "\u00c0s vezes", "Sempre"], "frequency-5-pt"),
    ],
    "mixed labels and numbers": [
        # the labels decide, numbers 1-5 are accepted as well
        (["Agree", "4", "5", "Strongly agree"], "agreement-5"),
        ([4.0, "Agree", 1.0], "agreement-5"),
        (["Agree", "5 - Strongly agree"], "agreement-5"),
        (["Agree", "6"], "agreement-7"),  # labels fit both agreement scales; only 7 points hold the 6
        (["Very satisfied", "3"], "satisfaction-5"),
        (["Often", "2"], "frequency-5"),
    ],
    "spelling, typos, no answers and invalid values": [
        # stray case, spaces, quotes and punctuation
        (["  STRONGLY AGREE ", "agree.", "\u201cNeutral\u201d", "Disagree!", "strongly\u00a0disagree"], "agreement-5"),
        # typos count for their scale
        (["Agre", "Stongly agree", "Agree"], "agreement-5"),
        (["Nevr", "Allways", "Sometimes"], "frequency-5"),
        # no-answer values and a few invalid values do not change the verdict
        (["Agree", "maybe", "N/A", "Don't know"], "agreement-5"),
        (["Agree", "maybe"], "agreement-5"),  # half known: still agreement, 'maybe' is reported
        (["1", "5", "n/a", "Don't know", "-"], "numeric-1-5"),
        (["1", "5", "12", "4.5", "lots"], "numeric-1-5"),
        (["0", "7", "12"], "numeric-0-10"),
    ],
    "nothing recognisable, nothing to judge": [
        (["yes", "no"], "unknown"),
        (["Great team", "Needs more meetings", "N/A"], "unknown"),
        ([True, False], "unknown"),
        # a label column whose answers are mostly on no scale is not the scale of its one known label
        (["Never", "Every sprint", "When I am stuck", "Before a release"], "unknown"),
        # nothing to judge: the template's agreement scale
        ([], "agreement-5"),
        (["", "N/A", None, "Don't know"], "agreement-5"),
    ],
}


@pytest.mark.parametrize("family", DETECTION)
def test_detect_scale(family: str) -> None:
    expected = {repr(values): name for values, name in DETECTION[family]}
    got = {repr(values): detect_scale(values).name for values, _ in DETECTION[family]}
    assert not _differences(expected, got)


POINTS_HINT = [
    (["1", "2", "3"], 7, "numeric-1-7"),  # only low numbers answered on a 7-point survey
    (["1", "2", "3"], 11, "numeric-0-10"),
    (["1", "2", "3"], 5, "numeric-1-5"),
    (["1", "6", "7"], 5, "numeric-1-5"),  # the hint wins: 6 and 7 are then invalid
    (["5 - Strongly agree", "4 - Agree"], 7, "numeric-1-7"),
    (["Agree", "Strongly agree"], 7, "agreement-7"),  # labels on both agreement scales: the hint breaks the tie
    (["Agree", "Strongly agree"], 5, "agreement-5"),
    (["Somewhat agree", "Strongly agree", "Neutral"], 5, "agreement-5-somewhat"),  # Qualtrics' 5-point wording
    (["Somewhat agree", "Strongly agree", "Neutral"], None, "agreement-7"),
    (["Somewhat agree", "Agree"], 5, "agreement-7"),  # the labels decide: only 7 points hold both
    (["Very satisfied", "Satisfied"], 7, "satisfaction-7"),
    (["Very satisfied", "Satisfied"], None, "satisfaction-5"),
    (["yes", "no"], 5, "unknown"),
]


def test_points_hint_picks_the_scale() -> None:
    expected = {(repr(values), points): name for values, points, name in POINTS_HINT}
    got = {(repr(values), points): detect_scale(values, points=points).name for values, points, _ in POINTS_HINT}
    assert not _differences(expected, got)


def test_points_hint_rescales_and_rejects() -> None:
    seven = detect_scale(["1", "2", "3"], points=7)
    assert seven.convert("3") == pytest.approx(7 / 3)  # 1 + 2 * 4/6 = 2.333, not 3
    five = detect_scale(["1", "6", "7"], points=5)
    assert five.convert("6") == "'6' is outside the 1-5 scale"
    somewhat = detect_scale(["Somewhat agree", "Strongly agree"], points=5)
    assert somewhat.convert("Somewhat agree") == 4.0


def test_points_hint_must_be_a_supported_length() -> None:
    for points in (0, 3, 8, 12):
        with pytest.raises(ValueError, match="4, 5, 6, 7, 9, 10, 11"):
            detect_scale(["1"], points=points)


# ------------------------------------------------------------------------------------------ conversion by hand

# per scale: answer -> score. 5-point scales: score = 1 + (x - 1) * 4 / 4 = x; 7 points: 1 + (x - 1) * 4 / 6;
# 0-10: 1 + x * 4 / 10; 1-4: 1 + (x - 1) * 4 / 3; 1-6: 1 + (x - 1) * 4 / 5; 1-9: 1 + (x - 1) * 4 / 8; 1-10: 1 + (x - 1) * 4 / 9
CONVERSIONS: dict[str, list[tuple[object, float]]] = {
    "agreement-5": [
        ("Strongly disagree", 1.0),
        ("Disagree", 2.0),
        ("Neither agree nor disagree", 3.0),
        ("Neither agree or disagree", 3.0),
        ("Neutral", 3.0),
        ("Agree", 4.0),
        ("Strongly agree", 5.0),
        ("  strongly   AGREE ", 5.0),
        ("AGREE", 4.0),
        ("agree", 4.0),
        ("Strongly Disagree", 1.0),
        ("Agree.", 4.0),  # trailing punctuation is ignored
        ("\u201cAgree\u201d", 4.0),  # so are surrounding quotes
        ("(4) Agree", 4.0),  # a code in brackets, before or after the label
        ("Agree (4)", 4.0),
        ("3", 3.0),
        (2.0, 2.0),
    ],
    "agreement-5-somewhat": [
        ("Strongly disagree", 1.0),
        ("Somewhat disagree", 2.0),
        ("Neither agree nor disagree", 3.0),
        ("Somewhat agree", 4.0),
        ("Strongly agree", 5.0),
    ],
    "frequency-5": [
        ("Never", 1.0),
        ("Rarely", 2.0),
        ("Seldom", 2.0),
        ("Almost never", 2.0),
        ("Sometimes", 3.0),
        ("Occasionally", 3.0),
        ("Often", 4.0),
        ("Very often", 4.0),
        ("Frequently", 4.0),
        ("Usually", 4.0),
        ("Almost always", 4.0),
        ("Always", 5.0),
        ("4", 4.0),
    ],
    "frequency-5-half": [
        ("Never", 1.0),
        ("Sometimes", 2.0),
        ("About half the time", 3.0),
        ("Most of the time", 4.0),
        ("Always", 5.0),
    ],
    "frequency-5-period": [("Daily", 5.0), ("Weekly", 4.0), ("Monthly", 3.0), ("Rarely", 2.0), ("Never", 1.0)],
    "satisfaction-5": [
        ("Very dissatisfied", 1.0),
        ("Extremely dissatisfied", 1.0),
        ("Dissatisfied", 2.0),
        ("Somewhat dissatisfied", 2.0),
        ("Neither satisfied nor dissatisfied", 3.0),
        ("Neutral", 3.0),
        ("Satisfied", 4.0),
        ("Somewhat satisfied", 4.0),
        ("Very satisfied", 5.0),
        ("Extremely satisfied", 5.0),
        (1, 1.0),
    ],
    "satisfaction-7": [("Satisfied", 13 / 3), ("Somewhat satisfied", 11 / 3), ("Very satisfied", 5.0)],
    "importance-5-critical": [("Critical", 5.0), ("Important", 3.0)],
    "importance-5": [("Very important", 4.0)],
    "quality-5": [("Fair", 2.0)],
    "quality-5-horrible": [("Poor", 2.0)],
    "likelihood-5": [("Not at all likely", 1.0)],
    "agreement-5-de": [("Stimme zu", 4.0), ("stimme VOLLIG zu", 5.0)],
    "agreement-5-fr": [("Plut\u00f4t d'accord", 4.0)],
    "agreement-5-es": [("Ni de acuerdo ni en desacuerdo", 3.0)],
    "agreement-5-nl": [("Helemaal mee oneens", 1.0)],
    "agreement-5-pt": [("Discordo totalmente", 1.0)],
    "frequency-5-de": [("H\u00e4ufig", 4.0)],
    "numeric-1-5": [
        ("1", 1.0),
        ("4.0", 4.0),
        ("4,0", 4.0),
        (4.0, 4.0),
        (np.float64(4.0), 4.0),
        (np.int64(2), 2.0),
        ("5 - Strongly agree", 5.0),
        ("5 \u2013 Strongly agree", 5.0),
        ("2) Disagree", 2.0),
        ("(4) Agree", 4.0),
        ("Agree (4)", 4.0),
        ("3.", 3.0),
        ("A4", 4.0),  # LimeSurvey's answer codes
        ("ao02", 2.0),
    ],
    "agreement-7": [
        ("Strongly disagree", 1.0),  # 1 + 0 * 4/6 = 1
        ("Disagree", 5 / 3),  # 1 + 1 * 4/6 = 1 + 2/3 = 1.667
        ("Moderately disagree", 5 / 3),
        ("Somewhat disagree", 7 / 3),  # 1 + 2 * 4/6 = 1 + 4/3 = 2.333
        ("Slightly disagree", 7 / 3),
        ("Neither agree nor disagree", 3.0),  # 1 + 3 * 4/6 = 1 + 2 = 3
        ("Neutral", 3.0),
        ("Somewhat agree", 11 / 3),  # 1 + 4 * 4/6 = 1 + 8/3 = 3.667
        ("Slightly agree", 11 / 3),
        ("Agree", 13 / 3),  # 1 + 5 * 4/6 = 1 + 10/3 = 4.333
        ("Moderately agree", 13 / 3),
        ("Strongly agree", 5.0),  # 1 + 6 * 4/6 = 5
        ("6", 13 / 3),
    ],
    "numeric-1-7": [
        ("1", 1.0),
        ("2", 5 / 3),
        ("3", 7 / 3),
        ("4", 3.0),  # 1 + 3 * 4/6 = 3
        (5.0, 11 / 3),
        ("6", 13 / 3),  # 1 + 5 * 4/6 = 4.333
        ("7 = Strongly agree", 5.0),
    ],
    "numeric-0-10": [
        ("0", 1.0),
        ("1", 1.4),  # 1 + 0.4
        ("5", 3.0),  # 1 + 2.0
        ("7", 3.8),  # 1 + 2.8
        (8.0, 4.2),  # 1 + 3.2
        ("9", 4.6),  # 1 + 3.6
        ("10 - Extremely likely", 5.0),  # 1 + 4.0
    ],
    "numeric-1-4": [("1", 1.0), ("2", 1 + 1 * 4 / 3), ("4 - Strongly agree", 5.0)],  # 2 -> 2.333
    "numeric-1-6": [("6", 5.0), ("3", 1 + 2 * 4 / 5)],  # 3 -> 2.6
    "numeric-1-9": [("5", 3.0), ("8", 1 + 7 * 4 / 8)],  # 5 -> 1 + 4 * 4/8 = 3; 8 -> 4.5
    "numeric-1-10": [("1", 1.0), ("10", 5.0), ("4", 1 + 3 * 4 / 9)],
}


@pytest.mark.parametrize("name", CONVERSIONS)
def test_convert(name: str) -> None:
    examples = CONVERSIONS[name]
    got = {repr(raw): scale_named(name).convert(raw) for raw, _ in examples}
    assert all(isinstance(score, float) for score in got.values()), got
    assert got == pytest.approx({repr(raw): score for raw, score in examples}, abs=1e-12)


@settings(deadline=None)  # these test values, not timing
@given(st.sampled_from(NUMERIC), st.data())
def test_numbers_on_a_numeric_scale_follow_the_formula_and_off_it_are_refused(numeric, data) -> None:
    x = data.draw(st.integers(numeric.low, numeric.high), label="on the scale")
    expected = 1 + (x - numeric.low) * 4 / (numeric.high - numeric.low)
    assert numeric.convert(str(x)) == pytest.approx(expected, abs=1e-12)
    assert numeric.convert(float(x)) == pytest.approx(expected, abs=1e-12)
    off = data.draw(
        st.integers(0, numeric.low - 1) | st.integers(numeric.high + 1, 1000)
        if numeric.low
        else st.integers(numeric.high + 1, 1000)
    )
    assert numeric.convert(str(off)) == f"'{off}' is outside the {numeric.low}-{numeric.high} scale"


# ------------------------------------------------------------------------------------------ labels and their spellings


@pytest.mark.parametrize("spelling_scale", LABELLED, ids=lambda s: s.name)
def test_every_registered_spelling_is_detected_and_placed(spelling_scale) -> None:
    spellings = [label for group in spelling_scale.labels for label in group]
    assert detect_scale(spellings, points=spelling_scale.points) is spelling_scale
    for position, group in enumerate(spelling_scale.labels, start=1):
        for label in group:
            assert spelling_scale.convert(label) == spelling_scale.score(position)
            assert spelling_scale.convert(label.upper() + ".") == spelling_scale.score(position)


def _dressed(text: str, case, padding: str, quotes: tuple[str, str], punctuation: str) -> str:
    return f"{padding}{quotes[0]}{case(text)}{punctuation}{quotes[1]}{padding}"


CASES = st.sampled_from([str, str.upper, str.lower, str.title])
PADDING = st.sampled_from(["", " ", "  ", "\t"])
QUOTES = st.sampled_from([("", ""), ('"', '"'), ("'", "'"), ("\u201c", "\u201d")])
PUNCTUATION = st.sampled_from(["", ".", "!", "?", " .", "..."])


@settings(deadline=None)  # these test values, not timing
@given(st.sampled_from(LABELLED), st.data(), CASES, PADDING, QUOTES, PUNCTUATION)
def test_a_label_in_any_case_quotes_and_punctuation_is_the_label(labelled, data, case, padding, quotes, punctuation) -> None:
    position = data.draw(st.integers(1, labelled.points), label="position")
    label = data.draw(st.sampled_from(labelled.labels[position - 1]), label="label")
    assert labelled.convert(_dressed(label, case, padding, quotes, punctuation)) == labelled.score(position)


def test_five_point_scales_read_numbers_as_themselves() -> None:
    """On every 5-point scale a number 1-5, however written, is its own score; other numbers are refused."""
    numbers = [
        *((raw, 1.0) for raw in ["1", 1, "1 = Strongly disagree"]),
        ("2) Disagree", 2.0),
        *((raw, 3.0) for raw in ["3", "3: Neutral", 3.0]),
        *((raw, 4.0) for raw in ["4", " 4 ", "4.0", "4,0", "4.", 4.0]),
        *((raw, 5.0) for raw in ["5", "5.00", "5)", "5 - Strongly agree", "5 \u2013 Strongly agree", "5 - anything at all", 5]),
        *((raw, INVALID) for raw in ["0", "6", "7", "10", "4.5", "2,5", "4-5", "-1", "1e0", "5 Strongly agree"]),
        *((raw, INVALID) for raw in [0, 6, 4.5, 0.0, True, False]),
    ]
    expected = {repr(raw): want for raw, want in numbers}
    assert len(expected) == len(numbers)
    for five_point in FIVE_POINT:
        got = {repr(raw): five_point.convert(raw) for raw, _ in numbers}
        shown = {key: INVALID if isinstance(score, str) else score for key, score in got.items()}
        assert not _differences(expected, shown), five_point.name
        assert [five_point.convert(label) for label, *_ in five_point.labels] == [1.0, 2.0, 3.0, 4.0, 5.0][
            : len(five_point.labels)
        ]


def test_detected_columns_convert_end_to_end() -> None:
    # A Qualtrics 7-point column: Agree is 1 + 5 * 4/6 = 13/3, Somewhat agree 1 + 4 * 4/6 = 11/3
    column = ["Agree", "Somewhat agree", "Strongly agree", "Don't know"]
    seven = detect_scale(column)
    assert [seven.convert(v) for v in column] == pytest.approx([13 / 3, 11 / 3, 5.0, None])
    # An NPS column: 7 -> 1 + 7 * 0.4 = 3.8; 10 -> 5; 0 -> 1
    nps = detect_scale(["7", "10", "0"])
    assert [nps.convert(v) for v in ["7", "10", "0"]] == pytest.approx([3.8, 5.0, 1.0])


def test_recoded_answers_are_rescaled_from_their_own_range() -> None:
    codes = detect_scale(["11", "12", "13", "14", "15"])
    assert [codes.convert(v) for v in ("11", "12", "13", "14", "15")] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert codes.convert("16") == "'16' is outside the 11-15 scale"
    assert codes.convert("3") == "'3' is outside the 11-15 scale"
    assert scale_named("numeric-11-15") is codes


# ------------------------------------------------------------------------------------------ no answer

NO_ANSWER_SPELLINGS = [
    *("", "   ", "N/A", "n/a", "NA", "n.a.", "-", "\u2013", "\u2014"),
    *("Don't know", "Don\u2019t know", "Do not know", "Dont know", "DON'T KNOW."),
    *("Not applicable", "No answer", "Prefer not to say", "No opinion", "Can't say", "Unsure"),
    *("?", "6 - Don't know", "99 = N/A", "3 - N/A"),  # punctuation alone, or a number labelled as no answer
]


def test_no_answer_on_every_scale() -> None:
    answered = [
        (s.name, raw)
        for s in [*SCALES, UNKNOWN]
        for raw in [*NO_ANSWER_SPELLINGS, None, float("nan")]
        if s.convert(raw) is not None
    ]
    assert not answered


@settings(deadline=None)  # these test values, not timing
@given(st.sampled_from([*SCALES, UNKNOWN]), st.sampled_from(NO_ANSWER_SPELLINGS), CASES, PADDING, QUOTES, PUNCTUATION)
def test_a_no_answer_in_any_case_quotes_and_punctuation_is_no_answer(
    any_scale, spelling, case, padding, quotes, punctuation
) -> None:
    assert any_scale.convert(_dressed(spelling, case, padding, quotes, punctuation)) is None


def test_a_quoted_no_answer_ending_in_a_full_stop_then_punctuated_again_is_no_answer() -> None:
    """Found by the property above when it put punctuation outside the quotes: quotes and punctuation are stripped
    until none is left, so '"n.a.".' reads as "n.a" (one pass left "n.a." with its own full stop)."""
    assert SCALES_BY_NAME["agreement-5"].convert('"n.a.".') is None


def test_ingest_no_answer_values_are_no_answer_on_every_scale() -> None:
    """The no-answer values ingest matches whole cells with (alignment.ingest.cells) are no answer on every scale."""
    assert not [(s.name, raw) for raw in INGEST_NO_ANSWER for s in SCALES if s.convert(raw) is not None]
    assert {"no opinion", "can't say", "unsure"} <= NO_ANSWER


# ------------------------------------------------------------------------------------------ invalid values

INVALID_REASONS = [
    ("agreement-5", "maybe", "'maybe' is not an answer on the agreement 5-point scale"),
    ("agreement-5", "Somewhat agree", "'Somewhat agree' is not an answer on the agreement 5-point scale"),
    ("agreement-5", "Very satisfied", "'Very satisfied' is not an answer on the agreement 5-point scale"),
    ("agreement-5", "9", "'9' is outside the agreement 5-point scale (1-5)"),
    ("agreement-5", "7 = Strongly agree", "'7 = Strongly agree' is outside the agreement 5-point scale (1-5)"),
    ("agreement-5", "4 - 5", "'4 - 5' is not an answer on the agreement 5-point scale"),  # a range is not an answer
    ("agreement-7", "8", "'8' is outside the agreement 7-point scale (1-7)"),
    ("agreement-7", "Always", "'Always' is not an answer on the agreement 7-point scale"),
    ("frequency-5", "Agree", "'Agree' is not an answer on the frequency 5-point scale"),
    ("frequency-5", "Most of the time", "'Most of the time' is not an answer on the frequency 5-point scale"),
    ("satisfaction-5", "0", "'0' is outside the satisfaction 5-point scale (1-5)"),
    ("numeric-1-5", "4.5", "'4.5' is not a whole number on the 1-5 scale"),
    ("numeric-1-5", 4.5, "'4.5' is not a whole number on the 1-5 scale"),
    ("numeric-1-5", "2,5", "'2,5' is not a whole number on the 1-5 scale"),
    ("numeric-1-5", "4-5", "'4-5' is not an answer on the 1-5 scale"),
    ("numeric-1-5", "4 - 5", "'4 - 5' is not an answer on the 1-5 scale"),
    ("numeric-1-5", "6", "'6' is outside the 1-5 scale"),
    ("numeric-1-5", 6.0, "'6' is outside the 1-5 scale"),
    ("numeric-1-5", 0, "'0' is outside the 1-5 scale"),
    ("numeric-1-5", "-1", "'-1' is not an answer on the 1-5 scale"),
    ("numeric-1-5", "Agree", "'Agree' is not an answer on the 1-5 scale"),
    ("numeric-1-5", True, "'True' is not an answer on the 1-5 scale"),
    ("numeric-1-5", "  maybe ", "'maybe' is not an answer on the 1-5 scale"),
    ("numeric-1-7", "8", "'8' is outside the 1-7 scale"),
    ("numeric-1-7", "0", "'0' is outside the 1-7 scale"),
    ("numeric-0-10", "12", "'12' is outside the 0-10 scale"),
    ("numeric-0-10", 11.0, "'11' is outside the 0-10 scale"),
    ("numeric-0-10", "7.5", "'7.5' is not a whole number on the 0-10 scale"),
]


def test_invalid_values_have_reasons() -> None:
    expected = {(name, repr(raw)): reason for name, raw, reason in INVALID_REASONS}
    got = {(name, repr(raw)): scale_named(name).convert(raw) for name, raw, _ in INVALID_REASONS}
    assert not _differences(expected, got)


def test_unknown_scale_rejects_every_answer() -> None:
    unknown = detect_scale(["yes", "no", "lots of meetings"])
    assert (unknown.name, unknown.points) == ("unknown", 0)
    for raw in ["yes", "Agree", "3", 4.0, "5 - Strongly agree", "lots of meetings"]:
        reason = unknown.convert(raw)
        assert isinstance(reason, str) and "is not an answer on any supported scale" in reason, raw
        assert "agreement" in reason and "0-10" in reason


def test_an_answer_off_the_column_scale_is_reported_never_guessed() -> None:
    period = detect_scale(["Daily", "Weekly", "Monthly", "Never"])
    assert period.convert("Fortnightly") == "'Fortnightly' is not an answer on the frequency 5-point (daily ... never) scale"
    unknown = detect_scale(["Never", "Every sprint", "When I am stuck"])
    assert [isinstance(unknown.convert(v), str) for v in ("Never", "Every sprint")] == [True, True]


# ------------------------------------------------------------------------------------------ did you mean

TYPOS = [
    ("agreement-5", "Agre", "Agree"),
    ("agreement-5", "Stongly agree", "Strongly agree"),
    ("agreement-5", "strongly  agre.", "Strongly agree"),
    ("agreement-5", "Disagre", "Disagree"),
    ("agreement-5", "Nuetral", "Neutral"),
    ("agreement-5", "5 Strongly agree", "Strongly agree"),  # a number without a separator is no labelled number
    ("agreement-7", "Somwhat agree", "Somewhat agree"),
    ("frequency-5", "Nevr", "Never"),
    ("frequency-5-period", "Weekley", "Weekly"),
    ("satisfaction-5", "Very satisfed", "Very satisfied"),
    ("agreement-5-de", "Stime zu", "Stimme zu"),
]


def test_a_typo_of_a_label_is_reported_with_a_suggestion_not_accepted() -> None:
    for name, raw, suggestion in TYPOS:
        reason = scale_named(name).convert(raw)
        assert isinstance(reason, str), raw  # never silently read as the label
        assert reason == f"'{raw.strip()}' is not an answer on the {scale_named(name).title} scale (did you mean '{suggestion}'?)"


def test_answers_far_from_every_label_get_no_suggestion() -> None:
    agreement = SCALES_BY_NAME["agreement-5"]
    for raw in ["maybe", "Somewhat agree", "Very satisfied", "Agreed strongly", "agree strongly?", "no", "yes", "Always"]:
        reason = agreement.convert(raw)
        assert isinstance(reason, str) and "did you mean" not in reason, raw


# ------------------------------------------------------------------------------------------ registry and README table


def test_registry() -> None:
    names = [s.name for s in SCALES]
    assert names == [
        *("agreement-5", "agreement-7", "agreement-5-somewhat", "frequency-5", "frequency-5-half", "frequency-5-period"),
        *("satisfaction-5", "satisfaction-7", "importance-5", "importance-5-critical", "quality-5", "quality-5-horrible"),
        "likelihood-5",
        *(f"agreement-5-{language}" for language in ("de", "fr", "es", "nl", "pt")),
        *(f"frequency-5-{language}" for language in ("de", "fr", "es", "nl", "pt")),
        *("numeric-1-4", "numeric-1-5", "numeric-1-6", "numeric-1-7", "numeric-1-9", "numeric-0-10", "numeric-1-10"),
    ]
    assert len(set(names)) == len(names)
    assert [(s.low, s.high, s.points) for s in NUMERIC] == [
        (1, 4, 4),
        (1, 5, 5),
        (1, 6, 6),
        (1, 7, 7),
        (1, 9, 9),
        (0, 10, 11),
        (1, 10, 10),
    ]
    for labelled in LABELLED:
        assert (labelled.low, labelled.high) == (1, labelled.points)
        assert len(labelled.labels) == labelled.points
        spellings = [label.casefold() for group in labelled.labels for label in group]
        assert len(spellings) == len(set(spellings)), labelled.name  # no spelling on two positions
    with pytest.raises(dataclasses.FrozenInstanceError):
        SCALES[0].name = "other"  # type: ignore[misc]
    assert len({*SCALES}) == len(SCALES)  # hashable


def test_scale_table() -> None:
    table = scale_table()
    assert [row["name"] for row in table] == [s.name for s in SCALES]
    rows = {row["name"]: row for row in table}
    assert all({"name", "points", "labels", "numbers", "formula", "scores"} <= row.keys() for row in table)
    assert rows["agreement-5"]["formula"] == "score = x"
    assert rows["agreement-5"]["labels"].startswith("1 Strongly disagree; 2 Disagree; 3 Neither agree nor disagree / ")
    assert rows["agreement-7"]["formula"] == "score = 1 + (x − 1) × 4 / 6"
    assert rows["agreement-7"]["scores"] == "1 → 1, 2 → 1.67, 3 → 2.33, 4 → 3, 5 → 3.67, 6 → 4.33, 7 → 5"
    assert rows["numeric-0-10"] == {
        "name": "numeric-0-10",
        "points": 11,
        "labels": "",
        "numbers": "0–10",
        "formula": "score = 1 + x × 4 / 10",
        "scores": "0 → 1, 1 → 1.4, 2 → 1.8, 3 → 2.2, 4 → 2.6, 5 → 3, 6 → 3.4, 7 → 3.8, 8 → 4.2, 9 → 4.6, 10 → 5",
    }


def test_readme_scale_table_is_up_to_date() -> None:
    from pathlib import Path

    from alignment.ingest.scales import scale_table_markdown

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert scale_table_markdown() in readme, "regenerate the README's scale table from scale_table_markdown()"


# ------------------------------------------------------------------------------------------ a 4-point export


def test_a_four_point_export_with_end_labels_scores_on_one_to_four() -> None:
    header = ["respondent_id", "function", "TRU-1 I am confident that IT can deliver what the business needs."]
    answers = ["1 - Strongly disagree", "2", "3", "4 - Strongly agree", "4 - Strongly agree", "3"]
    rows = [[f"r{i + 1}", "IT" if i < 3 else "Business", answer] for i, answer in enumerate(answers)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    tables = load_survey("four_point.csv", buffer.getvalue().encode())
    # by hand: positions 1,2,3,4,4,3 on 1-4 -> 1 + (x - 1) * 4 / 3 = 1, 2.33, 3.67, 5, 5, 3.67; mean 20.67 / 6
    by_hand = [1.0, 1 + 4 / 3, 1 + 8 / 3, 5.0, 5.0, 1 + 8 / 3]
    scores = tables.scores_arrow.to_pandas()["TRU-1"]
    assert [float(v) for v in scores if v == v] == pytest.approx(by_hand)
    assert sum(by_hand) / 6 == pytest.approx(3.444, abs=0.001)
    scale = next(c for c in tables.report.column_scales if c.get("item") == "TRU-1")
    assert (scale["scale"], scale["points"]) == ("numeric-1-4", 4)
