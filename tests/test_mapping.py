"""The column mapping (alignment.mapping): automatic matching of headers to items, fields and identifiers,
the saved mapping file, and custom statements of a tactic."""

from __future__ import annotations

import json

import pytest

from alignment.errors import InputError
from alignment.ingest.mapping import (
    IDENTIFIER,
    IGNORE,
    META_FIELDS,
    ColumnChoice,
    ColumnSetting,
    apply_mapping,
    auto_map,
    custom_items,
    mapping_from_json,
    mapping_to_json,
    target_label,
    targets,
)
from alignment.items import ITEMS, ITEMS_BY_ID
from alignment.tactics import TACTIC_CODES

TEXT = {item.id: item.text for item in ITEMS}

# Paraphrases written by hand from the item bank: words reordered, articles dropped, synonyms.
PARAPHRASES = {
    "I trust that IT can deliver what the business needs": "TRU-1",  # "I am confident that IT can deliver …"
    "Business and IT leaders regularly discuss business imperatives together": "REL-1",  # reordered
    "Business shares its needs and plans with IT early and openly": "REL-3",  # "The business shares …"
    "IT's KPIs are tied clearly to business outcomes": "MET-1",  # "clearly tied" reordered
    "Written comments are taken as seriously as scores": "SRV-2",  # "as the scores"
    "I am asked for my views on how IT can further the business vision": "SRV-1",  # "my own views"
    "Most of the effort of IT goes into fixing things that broke": "ASM-4",  # "Most of IT's effort"
    "IT and business review shared metrics together on a regular basis": "MET-4",  # "regularly"
    "Rotations between IT and business are offered by our organisation": "ROT-2",  # passive voice
    "What would most improve the relationship between IT and business?": "REL-O",  # the open question, shortened
}


def choice_for(header: str, samples: list | None = None) -> ColumnChoice:
    (choice,) = auto_map([header], samples={0: samples} if samples is not None else None)
    return choice


# ------------------------------------------------------------------------------- item matching


@pytest.mark.parametrize(("header", "item_id"), PARAPHRASES.items(), ids=PARAPHRASES.values())
def test_paraphrased_header_maps_to_its_item(header, item_id):
    choice = choice_for(header)
    assert choice.target == item_id
    assert 0.6 < choice.confidence <= 1.0
    assert choice.is_item


def test_paraphrases_together_each_find_their_own_item():
    choices = auto_map(list(PARAPHRASES))
    assert [c.target for c in choices] == list(PARAPHRASES.values())
    assert all(0.6 < c.confidence <= 1.0 for c in choices)
    assert [c.column for c in choices] == list(range(len(PARAPHRASES)))
    assert [c.header for c in choices] == list(PARAPHRASES)


def test_a_close_paraphrase_scores_lower_than_an_exact_text():
    trust = choice_for("I trust that IT can deliver what the business needs")
    assert trust.target == "TRU-1"
    assert trust.confidence < 1.0
    assert trust.reason.startswith("similar text")


@pytest.mark.parametrize(
    ("header", "item_id"),
    [
        ("REL-1", "REL-1"),
        ("TRU 2", "TRU-2"),
        ("met_3", "MET-3"),
        ("[ASM-4]", "ASM-4"),
        ("SRV-O", "SRV-O"),
        (f"REL-2 {TEXT['REL-2']}", "REL-2"),
        (TEXT["ROT-3"], "ROT-3"),
        (TEXT["MET-5"].rstrip(".").upper(), "MET-5"),
        (f"  {TEXT['OVR-1']}  ", "OVR-1"),
        (f"Please rate: {TEXT['ASM-2']}", "ASM-2"),
    ],
)
def test_exact_id_or_text_has_full_confidence(header, item_id):
    choice = choice_for(header)
    assert (choice.target, choice.confidence, choice.reason) == (item_id, 1.0, "item id or item text")


def test_every_item_text_maps_to_itself():
    choices = auto_map([item.text for item in ITEMS])
    assert [c.target for c in choices] == [item.id for item in ITEMS]
    assert {c.confidence for c in choices} == {1.0}


@pytest.mark.parametrize("header", ["How was lunch?", "Favourite colour", "Q7", "Any other comments on the canteen?"])
def test_unrelated_question_is_ignored(header):
    choice = choice_for(header)
    assert (choice.target, choice.confidence, choice.reason) == (IGNORE, 0.0, "no match")
    assert not choice.is_item


def test_blank_header_is_ignored():
    assert [(c.target, c.reason) for c in auto_map(["", None, "   "])] == [(IGNORE, "no header")] * 3


# --------------------------------------------------------------------------------- identifiers


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Email", "e-mail address"),
        ("E-mail address", "e-mail address"),
        ("Email Address", "e-mail address"),
        ("Name", "name"),
        ("First name", "name"),
        ("Last Name", "name"),
        ("Full name", "name"),
        ("IP Address", "IP address"),
        ("ipaddr", "IP address"),
        ("RecipientEmail", "e-mail address"),
        ("RecipientFirstName", "recipient field"),
        ("ExternalReference", "external reference"),
        ("Location Latitude", "location"),
        ("LocationLongitude", "location"),
        ("Phone number", "phone number"),
    ],
)
def test_direct_identifiers_are_recognised_by_name(header, kind):
    choice = choice_for(header, samples=["x"])
    assert choice.target == IDENTIFIER
    assert choice.confidence == 1.0
    assert choice.reason == f"direct identifier ({kind}): dropped"
    assert not choice.is_item


def test_identifier_wins_over_values_that_look_like_a_field():
    """A 'Name' column is dropped even when its values happen to be IT / Business."""
    assert choice_for("Name", samples=["IT", "Business", "IT"]).target == IDENTIFIER


# --------------------------------------------------------------------------------- meta fields


@pytest.mark.parametrize(
    ("header", "field", "confidence"),
    [
        ("Timestamp", "submitted", 1.0),
        ("Completion time", "submitted", 1.0),
        ("EndDate", "submitted", 1.0),
        ("Date submitted", "submitted", 1.0),
        ("Respondent ID", "respondent_id", 1.0),
        ("Period", "period", 1.0),
        ("Survey round", "period", 1.0),
        ("Department", "department", 1.0),
        ("Which department do you work in?", "department", 0.9),
        ("Which business unit are you part of?", "department", 0.9),
        ("Are you in IT or the business?", "function", 0.9),
        ("Do you work in IT or in the business?", "function", 0.9),
        ("function", "function", 1.0),
        ("What is your job role?", "role", 0.9),
    ],
)
def test_meta_field_by_name(header, field, confidence):
    choice = choice_for(header)
    assert (choice.target, choice.confidence, choice.reason) == (field, confidence, "column name")
    assert not choice.is_item


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (["IT", "Business", "business", "IT", "", "N/A"], "function"),
        (["Information technology", "The business", "IT"], "function"),
        (["2026-Q1", "2026-Q2", "2026-q2", "2026-Q1"], "period"),
        (["Q3 2025", "Q4-2025", "2026 Q1"], "period"),
    ],
)
def test_meta_field_by_values_under_an_unhelpful_header(values, field):
    choice = choice_for("Q3", samples=values)
    assert (choice.target, choice.confidence, choice.reason) == (field, 0.8, "values look like it")


def test_values_that_only_partly_look_like_a_field_are_ignored():
    assert choice_for("Q3", samples=["IT", "Sales", "Finance", "HR", "Legal"]).target == IGNORE
    assert choice_for("Q3", samples=["", "N/A"]).target == IGNORE


def test_exact_alias_wins_over_a_keyword_match_elsewhere():
    headers = ["Are you in IT or the business?", "Which department do you work in?", "function", "Department", "REL-1"]
    choices = auto_map(headers, samples={0: ["IT", "Business"], 1: ["Sales", "Finance"]})
    assert [c.target for c in choices] == [IGNORE, IGNORE, "function", "department", "REL-1"]
    assert choices[2].confidence == choices[3].confidence == 1.0


def test_exact_alias_wins_whichever_comes_first():
    choices = auto_map(["function", "Are you in IT or the business?"], samples={1: ["IT", "Business"]})
    assert [c.target for c in choices] == ["function", IGNORE]


def test_a_field_is_given_to_one_column_only():
    choices = auto_map(["Q1", "Q2"], samples={0: ["IT", "Business"], 1: ["Business", "IT"]})
    assert [c.target for c in choices] == ["function", IGNORE]
    choices = auto_map(["Department", "Dept"])
    assert [c.target for c in choices] == ["department", IGNORE]


def test_an_item_header_is_never_a_field_even_if_it_mentions_one():
    """ROT-5 and ROT-1 say 'the other function': their exact texts stay items."""
    choices = auto_map([TEXT["ROT-5"], TEXT["ROT-1"], "Are you in IT or the business?"])
    assert [c.target for c in choices] == ["ROT-5", "ROT-1", "function"]


def test_a_paraphrased_statement_mentioning_function_or_role_is_still_its_item():
    headers = [
        "Time spent in the other function counts towards career progression",  # ROT-4, 99 % similar
        "Do you work in IT or in the business?",
        "Mentoring across IT and business is available to anyone in any role",  # ROT-3, 86 % similar
        "I have no real idea how the other function does its daily work",  # ROT-5, 91 % similar
    ]
    choices = auto_map(headers, samples={1: ["IT", "Business"]})
    assert [c.target for c in choices] == ["ROT-4", "function", "ROT-3", "ROT-5"]


# ----------------------------------------------------------------------------- one item, one column


def test_each_item_is_assigned_at_most_once():
    headers = [
        "Business and IT leaders regularly discuss business imperatives together",  # a paraphrase of REL-1
        "REL-1",  # the exact id, later in the sheet: it wins
        TEXT["REL-1"],  # the exact text again: a duplicate
        "Leaders from IT and the business regularly discuss business imperatives together",
        *PARAPHRASES,
    ]
    choices = auto_map(headers)
    items = [c.target for c in choices if c.is_item]
    assert len(items) == len(set(items))
    assert [c.column for c in choices if c.target == "REL-1"] == [1]
    assert choices[0].target != "REL-1"
    assert choices[2].target != "REL-1"


def test_duplicate_exact_headers_map_the_first_only():
    choices = auto_map(["TRU-3", "TRU-3", TEXT["TRU-3"]])
    assert [c.target for c in choices] == ["TRU-3", IGNORE, IGNORE]


def test_match_texts_are_used_for_grid_columns():
    """Grid columns are matched on the statement part (the row), the header is kept for display."""
    headers = [f"How much do you agree? [{TEXT['MET-2']}]", "Which department are you in?"]
    choices = auto_map(headers, [TEXT["MET-2"], headers[1]])
    assert [(c.header, c.target) for c in choices] == [(headers[0], "MET-2"), (headers[1], "department")]


# --------------------------------------------------------------------------- targets and labels


def test_targets_offer_every_field_item_custom_tactic_identifier_and_ignore():
    offered = targets()
    assert offered[: len(META_FIELDS)] == list(META_FIELDS)
    assert {item.id for item in ITEMS} <= set(offered)
    assert [t for t in offered if t.startswith("custom:")] == [f"custom:{code}" for code in TACTIC_CODES]
    assert offered[-2:] == [IDENTIFIER, IGNORE]
    assert len(offered) == len(set(offered))


def test_target_labels():
    assert target_label("REL-1") == f"REL-1: {TEXT['REL-1']}"
    assert target_label("custom:SRV") == "custom statement of SRV"
    assert target_label(IDENTIFIER) == "identifier (drop)"
    assert target_label(IGNORE) == "ignore"
    assert target_label("department") == "field: department"


# ------------------------------------------------------------------------------ custom statements


def test_custom_items_are_numbered_per_tactic_and_keep_the_reverse_flag():
    choices = [
        ColumnChoice(0, "Timestamp", "submitted", 1.0, "column name"),
        ColumnChoice(1, "  We meet the IT team at least monthly ", "custom:REL", 1.0, "from the mapping file"),
        ColumnChoice(2, "IT hides bad news from us", "custom:TRU", 1.0, "from the mapping file", reverse=True),
        ColumnChoice(3, TEXT["REL-2"], "REL-2", 1.0, "item id or item text"),
        ColumnChoice(4, "Silos between IT and us are getting worse", "custom:REL", 1.0, "from the mapping file", reverse=True),
    ]
    made = custom_items(choices)
    assert sorted(made) == [1, 2, 4]
    assert (made[1].id, made[1].tactic, made[1].text, made[1].kind, made[1].reverse) == (
        "REL-C1",
        "REL",
        "We meet the IT team at least monthly",
        "likert",
        False,
    )
    assert (made[2].id, made[2].tactic, made[2].reverse) == ("TRU-C1", "TRU", True)
    assert (made[4].id, made[4].tactic, made[4].text, made[4].reverse) == (
        "REL-C2",
        "REL",
        "Silos between IT and us are getting worse",
        True,
    )
    assert all(item.id not in ITEMS_BY_ID for item in made.values())
    assert all(choices[c].is_item for c in made)


def test_no_custom_items_without_custom_targets():
    assert custom_items(auto_map(list(PARAPHRASES))) == {}


# ---------------------------------------------------------------------------------- mapping files


def sample_choices() -> list[ColumnChoice]:
    return [
        ColumnChoice(0, "Timestamp", "submitted", 1.0, "column name"),
        ColumnChoice(1, "Email Address", IDENTIFIER, 1.0, "direct identifier (e-mail address): dropped"),
        ColumnChoice(2, "Our BRM organises lunch", IGNORE, 0.0, "no match"),
        ColumnChoice(3, "Surveys here are pointless", "custom:SRV", 1.0, "from the mapping file", reverse=True),
        ColumnChoice(4, "I trust that IT can deliver what the business needs", "TRU-1", 0.86, "similar text (86%)"),
        ColumnChoice(5, "", IGNORE, 1.0, "no header"),
        ColumnChoice(6, "Département « Ops »", "department", 1.0, "from the mapping file"),
    ]


def test_mapping_file_round_trip():
    choices = sample_choices()
    text = mapping_to_json(choices)
    data = json.loads(text)
    assert data["version"] == 1
    assert [entry["header"] for entry in data["columns"]] == [c.header for c in choices if c.header]  # blank headers left out
    assert "Département « Ops »" in text  # written as text, not \u escapes
    loaded = mapping_from_json(text)
    assert {header: (setting.target, setting.reverse) for header, setting in loaded.items()} == {
        "timestamp": ("submitted", False),
        "email address": (IDENTIFIER, False),
        "our brm organises lunch": (IGNORE, False),
        "surveys here are pointless": ("custom:SRV", True),
        "i trust that it can deliver what the business needs": ("TRU-1", False),
        "département « ops »": ("department", False),
    }
    again = apply_mapping(auto_map([c.header for c in choices]), loaded)
    assert [(c.target, c.reverse) for c in again] == [(c.target, c.reverse) for c in choices]
    assert mapping_to_json(again) == text


def test_mapping_file_reverse_defaults_to_false():
    assert mapping_from_json('{"columns": [{"header": "X", "target": "custom:ROT"}]}') == {"x": ColumnSetting("custom:ROT")}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"columns": [', "my.json is not valid JSON (Expecting value at line 1)."),
        ("not json at all", "my.json is not valid JSON (Expecting value at line 1)."),
        ('{"version": 1}', "my.json is not a column mapping: it needs a 'columns' list."),
        ('{"columns": {"REL-1": "REL-1"}}', "my.json is not a column mapping: it needs a 'columns' list."),
        ('[{"header": "x", "target": "REL-1"}]', "my.json is not a column mapping: it needs a 'columns' list."),
        (
            '{"columns": [{"header": "a", "target": "REL-1"}, {"header": "Lunch", "target": "XYZ-9"}]}',
            "my.json: entry 2 ('Lunch') maps to unknown target 'XYZ-9'.",
        ),
        ('{"columns": [{"header": "a", "target": "custom:ABC"}]}', "my.json: entry 1 ('a') maps to unknown target 'custom:ABC'."),
        ('{"columns": [{"target": "REL-1"}]}', "my.json: entry 1 needs 'header' and 'target'."),
        ('{"columns": [{"header": "a", "target": "REL-1"}, {"header": "b"}]}', "my.json: entry 2 needs 'header' and 'target'."),
        ('{"columns": ["REL-1"]}', "my.json: entry 1 needs 'header' and 'target'."),
    ],
    ids=[
        "truncated",
        "not-json",
        "no-columns",
        "columns-not-a-list",
        "top-level-list",
        "unknown-target",
        "unknown-tactic",
        "no-header",
        "no-target",
        "entry-not-an-object",
    ],
)
def test_bad_mapping_file_raises_a_specific_input_error(text, message):
    with pytest.raises(InputError) as caught:
        mapping_from_json(text, "my.json")
    assert caught.value.message == message
    assert caught.value.hint


def test_mapping_file_with_a_non_text_target_is_an_input_error():
    with pytest.raises(InputError, match="entry 1"):
        mapping_from_json('{"columns": [{"header": "a", "target": ["REL-1"]}]}', "my.json")


def test_mapping_file_reverse_must_be_true_or_false():
    with pytest.raises(InputError, match="reverse"):
        mapping_from_json('{"columns": [{"header": "a", "target": "custom:REL", "reverse": "false"}]}', "my.json")


# ------------------------------------------------------------------------------- applying a mapping


def test_apply_mapping_overrides_by_header_ignoring_case_and_spaces():
    headers = ["Timestamp", "Our business relationship manager organises the team lunch", "Surveys  here are POINTLESS", "REL-2"]
    auto = auto_map(headers)
    assert auto[1].target == "REL-4"  # a wrong automatic match
    assert auto[2].target == IGNORE
    saved = mapping_from_json(
        json.dumps(
            {
                "columns": [
                    {"header": "  OUR business relationship manager   organises the team lunch ", "target": "ignore"},
                    {"header": "surveys here are pointless", "target": "custom:SRV", "reverse": True},
                    {"header": "A column this export does not have", "target": "REL-5"},
                ]
            }
        )
    )
    applied = apply_mapping(auto, saved)
    assert [(c.column, c.header) for c in applied] == list(enumerate(headers))
    assert [(c.target, c.reverse) for c in applied] == [
        ("submitted", False),
        (IGNORE, False),
        ("custom:SRV", True),
        ("REL-2", False),
    ]
    assert [c.confidence for c in applied] == [1.0, 1.0, 1.0, 1.0]
    assert [c.reason for c in applied] == [
        "column name",
        "from the mapping file",
        "from the mapping file",
        "item id or item text",
    ]
    assert applied[0] is auto[0] and applied[3] is auto[3]  # untouched where the file says nothing
    assert "REL-5" not in [c.target for c in applied]


def test_apply_empty_mapping_changes_nothing():
    auto = auto_map(list(PARAPHRASES))
    assert apply_mapping(auto, {}) == auto


def test_department_comes_from_a_header_naming_a_unit_never_from_repeating_values():
    headers = ["Timestamp", "Your unit", "How do you feel?", "Anything else?"]
    samples = {
        1: ["Sales", "Sales", "Finance", "HR", "Finance", "Sales"],
        2: ["Somewhat agree", "Agree", "Somewhat agree", "Agree"],  # answers on a scale: a question
        3: ["great", "more meetings please", "n/a", "we need more data", "ok", "thanks"],  # free text
    }
    targets = {c.header: (c.target, c.confidence) for c in auto_map(headers, None, samples)}
    assert targets["Your unit"] == ("department", 1.0)  # its header names a unit
    assert targets["How do you feel?"][0] == "ignore"
    assert targets["Anything else?"][0] == "ignore"


@pytest.mark.parametrize(
    ("header", "values"),
    [
        ("Gender", ["Female", "Male", "Female", "Male", "Female", "Prefer to self-describe"]),
        ("What kind of user are you?", ["Power user", "Casual", "Casual", "Power user", "Casual", "Admin"]),
        ("Years of experience", ["0-2", "3-5", "3-5", "6-10", "0-2", "10+"]),
        ("Q7", ["Sales", "Sales", "Finance", "HR", "Finance", "Sales"]),  # unit-like values, but no unit named
    ],
)
def test_a_demographic_or_unnamed_column_is_never_the_department(header, values):
    assert choice_for(header, samples=values).target == IGNORE


@pytest.mark.parametrize(
    "header",
    [
        "Department",
        "Team",
        "Division",
        "Business unit",
        "Abteilung",
        "Bereich",
        "Service",
        "Département",
        "Departamento",
        "Afdeling",
        "Which team are you in?",
        "In welcher Abteilung arbeiten Sie?",
    ],
)
def test_a_header_naming_a_unit_in_any_language_is_the_department(header):
    assert choice_for(header, samples=["Sales", "Finance", "Sales"]).target == "department"


def test_a_question_about_a_team_answered_on_a_scale_is_not_the_department():
    assert choice_for("How often does your team meet IT?", samples=["Never", "Often", "Always"]).target != "department"
    assert choice_for("How many people are in your team?", samples=["4", "12", "7"]).target != "department"
