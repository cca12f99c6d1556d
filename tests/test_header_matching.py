"""Header matching at the width of real exports (issue 21 point 6, issue 19 point 3): every header is bounded
against every statement at once (rapidfuzz), difflib scores only the pairs that can still matter, columns a
mapping file names are not matched at all, and the choices are those of scoring every pair, as before.

The reference below is the matcher as it was, scoring every column against every statement with difflib; the
new one must choose exactly what it chose, on the item bank, the hand-written paraphrases, every tool export of
test_exports.py and a few hundred seeded variations of the statements.
"""

from __future__ import annotations

import difflib
import random
import re
import sys

import pytest
from test_exports import (
    google_forms,
    limesurvey_code_rows,
    limesurvey_full_rows,
    ms_forms,
    qualtrics_rows,
    surveymonkey_rows,
    template_rows,
)
from test_mapping import PARAPHRASES

from alignment.ingest import likeness as likeness_module
from alignment.ingest import mapping
from alignment.ingest.cells import match_header, normalise
from alignment.ingest.layouts import detect_layout
from alignment.ingest.likeness import LONGEST_SCORED, Likeness, similarity
from alignment.ingest.load import load_files
from alignment.ingest.mapping import (
    FUZZY_THRESHOLD,
    IDENTIFIER,
    IGNORE,
    KEYWORD_YIELDS_TO_ITEM,
    ColumnChoice,
    apply_mapping,
    auto_map,
    mapping_from_json,
    mapping_to_json,
)
from alignment.items import ITEMS, ITEMS_BY_ID

# ------------------------------------------------------------------------------ the reference


def reference_auto_map(headers, match_texts=None, samples=None) -> list[ColumnChoice]:
    """auto_map as it was before the bounds: similarity() of every column left to similar text with every item."""
    match_texts = match_texts or headers
    samples = samples or {}
    choices, taken, fuzzy = {}, set(), []
    exact_names = {c: named for c, h in enumerate(headers) if (named := mapping._meta_by_name(str(h or ""))) and named[1] == 1.0}
    reserved = {field: c for c, (field, _) in sorted(exact_names.items(), reverse=True)}
    for column, (header, text) in enumerate(zip(headers, match_texts, strict=True)):
        header = "" if header is None else str(header)
        if not normalise(header):
            choices[column] = ColumnChoice(column, header, IGNORE, 1.0, "no header")
            continue
        if kind := mapping.identifier_kind(header):
            choices[column] = ColumnChoice(column, header, IDENTIFIER, 1.0, f"direct identifier ({kind}): dropped")
            continue
        named = mapping._meta_by_name(header)
        if named == ("department", 0.9) and mapping._answers_a_question(samples.get(column, [])):
            named = None
        item_match = match_header(text)
        exact_item = bool(item_match and item_match[1] is not None)
        if named and named[1] < 1.0 and not exact_item and max(similarity(text, i) for i in ITEMS) >= KEYWORD_YIELDS_TO_ITEM:
            named = None
        if named and named[0] not in taken and reserved.get(named[0], column) == column and not exact_item:
            taken.add(named[0])
            choices[column] = ColumnChoice(column, header, named[0], named[1], "column name")
            continue
        exact = item_match or match_header(header)
        if exact and exact[1] is not None and exact[1].id not in taken:
            taken.add(exact[1].id)
            choices[column] = ColumnChoice(column, header, exact[1].id, 1.0, "item id or item text")
            continue
        for item in ITEMS:
            score = similarity(text, item)
            if score >= FUZZY_THRESHOLD:
                fuzzy.append((score, column, item))
    for score, column, item in sorted(fuzzy, key=lambda f: (-f[0], f[1])):
        if column in choices or item.id in taken:
            continue
        rivals = [s for s, c, i in fuzzy if c == column and i.id != item.id and s > score - 0.03]
        taken.add(item.id)
        confidence = round(score * (0.8 if rivals else 1.0), 2)
        choices[column] = ColumnChoice(column, headers[column], item.id, confidence, f"similar text ({score:.0%})")
    for column, header in enumerate(headers):
        if column in choices:
            continue
        found = mapping._meta_by_values(samples.get(column, []))
        if found and found[0] not in taken:
            taken.add(found[0])
            choices[column] = ColumnChoice(column, str(header), found[0], found[1], "values look like it")
            continue
        choices[column] = ColumnChoice(column, "" if header is None else str(header), IGNORE, 0.0, "no match")
    return [choices[c] for c in range(len(headers))]


# -------------------------------------------------------------------------------- the corpus

WORDS = [word for item in ITEMS for word in item.text.split()]


def _variation(text: str, rng: random.Random) -> str:
    """A statement as a survey author might retype it: words dropped, added, swapped or misspelt, cut short,
    numbered or prefixed."""
    words = text.split()
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.3 and len(words) > 2:
            del words[rng.randrange(len(words))]
        elif roll < 0.5:
            words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
        elif roll < 0.7 and len(words) > 1:
            a, b = rng.randrange(len(words)), rng.randrange(len(words))
            words[a], words[b] = words[b], words[a]
        elif roll < 0.85:
            k = rng.randrange(len(words))
            if len(words[k]) > 2:
                cut = rng.randrange(len(words[k]))
                words[k] = words[k][:cut] + words[k][cut + 1 :]
        else:
            words = words[: max(2, len(words) * 2 // 3)]
    varied = " ".join(words)
    if rng.random() < 0.2:
        varied = f"Q{rng.randint(1, 40)}. {varied}"
    if rng.random() < 0.2:
        varied = f"Please rate: {varied}"
    return varied


def _sheets(count: int, seed: int) -> list[list[str]]:
    """Header rows of 1-40 columns: mostly variations of statements, some runs of statement words."""
    rng = random.Random(seed)
    sheets = []
    for _ in range(count):
        sheets.append(
            [
                _variation(rng.choice(ITEMS).text, rng)
                if rng.random() < 0.8
                else " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))
                for _ in range(rng.randint(1, 40))
            ]
        )
    return sheets


EXPORTS = {
    "microsoft-forms": ms_forms,
    "google-forms": google_forms,
    "surveymonkey": surveymonkey_rows,
    "qualtrics": qualtrics_rows,
    "limesurvey-code": limesurvey_code_rows,
    "limesurvey-full": limesurvey_full_rows,
    "template": template_rows,
}


def _as_tuples(choices: list[ColumnChoice]) -> list[tuple]:
    return [(c.column, c.header, c.target, c.confidence, c.reason) for c in choices]


# ------------------------------------------------------------------------- the same choices


def test_the_item_bank_and_the_paraphrases_map_as_before():
    for headers in ([item.text for item in ITEMS], list(PARAPHRASES), [item.id for item in ITEMS]):
        assert auto_map(headers) == reference_auto_map(headers)


@pytest.mark.parametrize("tool", EXPORTS)
def test_every_tool_export_maps_as_before(tool):
    rows = EXPORTS[tool]()
    layout = detect_layout(rows)
    headers, texts = list(layout.headers), list(layout.match_texts)
    samples = {c: [row[c] for row in rows[len(layout.header_rows) :][:5] if c < len(row)] for c in range(len(headers))}
    assert auto_map(headers, texts, samples) == reference_auto_map(headers, texts, samples)
    first = [None if cell is None else str(cell) for cell in rows[0]]
    assert auto_map(first) == reference_auto_map(first)


def test_varied_statements_map_as_before():
    sheets = _sheets(30, seed=21)
    mapped = 0
    for headers in sheets:
        new = auto_map(headers)
        assert _as_tuples(new) == _as_tuples(reference_auto_map(headers)), headers
        mapped += sum(c.reason.startswith("similar text") for c in new)
    assert mapped > 100  # the corpus exercises the fuzzy path, near its threshold too, not only exact texts


def test_keyword_headers_yield_to_a_statement_as_before():
    headers = [
        "Time spent in the other function counts towards promotion.",  # names the function field, is ROT-5-like
        "Which department do you work in?",
        "Our team lunch is organised by the business relationship manager",
        "What is your role?",
        "Are you in IT or the business?",
    ]
    assert auto_map(headers) == reference_auto_map(headers)


def test_the_bound_is_never_below_the_score():
    texts = [text for sheet in _sheets(6, seed=5) for text in sheet] + [item.text for item in ITEMS] + list(PARAPHRASES)
    likeness = Likeness(dict(enumerate(texts)))
    for column, text in enumerate(texts):
        row = likeness.row[column]
        for j, item in enumerate(ITEMS):
            assert likeness.bound[row, j] >= similarity(text, item)


# ------------------------------------------------------------------------------ bounded work


class DifflibCount:
    """Counts the pairs difflib scores in the likeness module."""

    def __init__(self, monkeypatch) -> None:
        self.calls = 0
        counter = self

        class Counted(difflib.SequenceMatcher):
            def ratio(self) -> float:
                counter.calls += 1
                return super().ratio()

        monkeypatch.setattr(likeness_module.difflib, "SequenceMatcher", Counted)


def test_long_headers_are_bounded_without_difflib(monkeypatch):
    count = DifflibCount(monkeypatch)
    rng = random.Random(6)
    headers = [" ".join(rng.choice(WORDS) for _ in range(400)) for _ in range(200)]  # ~2,800 characters each
    choices = auto_map(headers)
    assert {c.target for c in choices} == {IGNORE}
    assert count.calls == 0  # was 8,600 difflib ratios (200 x 43)


def test_paragraphs_are_not_scored_however_many_statement_words_they_repeat(monkeypatch):
    count = DifflibCount(monkeypatch)
    paragraph = " ".join([ITEMS[0].text] * 20)  # one statement's words, and no other, 20 times over
    assert len(paragraph) > LONGEST_SCORED
    (choice,) = auto_map([paragraph])
    assert (choice.target, choice.reason) == (ITEMS[0].id, "item id or item text")  # it holds the text: exact
    reversed_words = " ".join(reversed(paragraph.split()))  # the same words, no statement inside: scored before,
    (choice,) = auto_map([reversed_words])  # as one word set equal to the statement's, it passed for it
    assert choice.target == IGNORE and count.calls == 0


def test_thirty_thousand_columns_take_one_cdist_and_a_few_difflib_calls(monkeypatch):
    from rapidfuzz import process

    count = DifflibCount(monkeypatch)
    cdists = []
    real = process.cdist

    def counted_cdist(*args, **kwargs):
        cdists.append(len(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(process, "cdist", counted_cdist)
    rng = random.Random(30)
    headers = [f"Q{k}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))) for k in range(30_000)]
    headers[12_345] = _variation(ITEMS[3].text, random.Random(1))
    choices = auto_map(headers)
    assert cdists == [30_000]  # every header against every statement, once
    assert count.calls <= 3 * len(ITEMS)  # was 1,290,000 (30,000 x 43)
    assert choices[12_345].target == ITEMS[3].id


def test_many_columns_of_one_text_are_scored_once(monkeypatch):
    text = _variation(ITEMS[5].text, random.Random(2))
    assert auto_map([text] * 50) == reference_auto_map([text] * 50)  # a few other statements pass the threshold too
    count = DifflibCount(monkeypatch)
    choices = auto_map([text] * 5_000)
    assert choices[:50] == auto_map([text] * 50) and {c.target for c in choices[50:]} == {IGNORE}
    assert count.calls <= len(ITEMS)  # one text: each statement scored once at most, not 5,000 times


def test_many_close_variations_stop_once_every_statement_is_taken(monkeypatch):
    count = DifflibCount(monkeypatch)
    rng = random.Random(3)
    headers = [_variation(item.text, rng) for _ in range(50) for item in ITEMS]  # 2,150 columns, 50 per statement
    choices = auto_map(headers)
    assert len({c.target for c in choices if c.is_item}) >= len(ITEMS) - 3  # nearly every statement found a column
    assert count.calls <= 3 * len(ITEMS)  # scoring every pair would be 92,450


# ------------------------------------------------------------------------- a mapping file's columns


def test_columns_a_mapping_file_names_are_not_matched(monkeypatch):
    rows = google_forms()
    layout = detect_layout(rows)
    headers, texts = list(layout.headers), list(layout.match_texts)
    automatic = auto_map(headers, texts)
    saved = mapping_from_json(mapping_to_json(automatic))

    def never_built(*args, **kwargs):
        raise AssertionError("a column the mapping file names was matched")

    monkeypatch.setattr(mapping, "Likeness", never_built)
    left = auto_map(headers, texts, named=saved)
    assert {c.reason for c in left if normalise(c.header)} == {"left to the mapping file"}
    loaded = load_files([("google.csv", _csv(rows))], saved).survey
    assert [c.target for c in loaded.report.mapping] == [c.target for c in automatic]
    assert {c.reason for c in loaded.report.mapping if normalise(c.header)} == {"from the mapping file"}


def test_a_mapping_that_names_some_columns_leaves_the_rest_to_matching():
    paraphrase = next(iter(PARAPHRASES))
    choices = auto_map(["Unrelated question", paraphrase, "Department"], named={normalise("Unrelated question")})
    assert choices[0].reason == "left to the mapping file"
    assert [c.target for c in choices[1:]] == [PARAPHRASES[paraphrase], "department"]


def test_an_item_a_mapping_file_moves_away_goes_to_the_column_that_matches_it():
    # the file sends the column holding TRU-1's text elsewhere; the paraphrase of TRU-1 is then TRU-1
    headers = [ITEMS_BY_ID["TRU-1"].text, "I trust that IT can deliver what the business needs"]
    saved = {normalise(headers[0]): ("ignore", False)}
    choices = apply_mapping(auto_map(headers, named=saved), saved)
    assert [c.target for c in choices] == [IGNORE, "TRU-1"]


def _csv(rows: list[list]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([["" if cell is None else cell for cell in row] for row in rows])
    return out.getvalue().encode()


# --------------------------------------------------------------------------------- normalise


def test_normalise_collapses_every_kind_of_whitespace_as_the_regex_did():
    spaces = re.findall(r"\s", "".join(map(chr, range(sys.maxunicode + 1))))
    text = "".join(f"{space}Word{space}{space}" for space in spaces) + "\u2019s \u2013 \u2014 MiXeD"
    before = re.sub(r"\s+", " ", text).strip().lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    assert normalise(text) == before
    assert normalise(None) == "" and normalise(4.0) == "4.0"
