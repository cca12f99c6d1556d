"""What a hidden group did cannot be read off anything else the app publishes: each test builds two surveys whose
every published cell is the same (the disclosure layer's `listed` cells: numbers where shown, reasons where hidden)
and which differ only inside hidden groups, and asserts a view says the same of both. Each of these views said
something different before: the comments listed against the share who commented, a department's function label,
the count of a paired test's people, the count of a driver analysis's complete answers, and the notes on skipped
statements."""

from __future__ import annotations

import numpy as np

from alignment.config import Settings
from alignment.disclosure import disclosure
from alignment.items import LIKERT_ITEMS
from alignment.priorities import priorities_json
from alignment.results import results
from alignment.selection import Selection
from alignment.trends import trends_json
from tests.test_checks import build_dataset

K = 5
SETTINGS = Settings(min_group_size=K)
ITEM_IDS = [item.id for item in LIKERT_ITEMS]
REL = [item.id for item in LIKERT_ITEMS if item.tactic == "REL"]


def group(n: int, function: str, department: str, period: str = "2026-Q1", **more) -> dict:
    return {"n": n, "function": function, "department": department, "period": period, "scores": {"*": 3}, **more}


def published_cells(dataset) -> dict:
    """Every cell the disclosure layer lists: its numbers (to two decimals) where shown, its reason where hidden."""
    cells = {}
    for entry in disclosure(dataset, K).listed:
        figure = entry["figure"]
        key = (entry["measure"], entry["tactic"], entry["item"], entry["period"], entry["function"], entry["department"])
        shown = (figure.n, None if figure.mean is None else round(figure.mean, 2))
        cells[key] = ("hidden", figure.reason) if figure.hidden else shown
    return cells


def twins(first: list[dict], second: list[dict]):
    """The two datasets, after checking that they publish the same cells (so only hidden groups differ)."""
    one, two = build_dataset(first), build_dataset(second)
    assert published_cells(one) == published_cells(two)
    return one, two


def test_comments_of_a_group_hidden_to_protect_another_are_not_listed() -> None:
    """Legal (4) is hidden, and Sales (10) with it so that Legal cannot be worked out. Listing Sales's comments beside
    the published share of respondents who commented would tell how many of Legal commented."""

    def survey(legal_commenters: int) -> list[dict]:
        legal = [group(legal_commenters, "Business", "Legal", comment="Legal says hi")] if legal_commenters else []
        quiet = [group(4 - legal_commenters, "Business", "Legal")] if legal_commenters < 4 else []
        return [
            group(10, "IT", "Ops", comment="Ops says hi"),
            group(12, "IT", "Dev"),
            group(10, "Business", "Sales", comment="Sales says hi"),
            group(14, "Business", "Finance", comment="Finance says hi"),
            *legal,
            *quiet,
        ]

    dataset = build_dataset(survey(1))
    gate = disclosure(dataset, K)
    assert gate.respondents(Selection(department="Sales")).hidden  # the case: Sales hidden to protect Legal
    listed = {n: results(build_dataset(survey(n)), SETTINGS).comments("SRV")[0] for n in range(4)}
    for frame in listed.values():
        assert set(frame["department"]) == {"Ops", "Finance"}  # never Sales nor Legal
        assert len(frame) == 24
    # the organisation's share is published and differs, but the listing is the same: the share less the listed
    # comments is Sales and Legal together (14 people), never Legal alone
    shares = {n: disclosure(build_dataset(survey(n)), K).respondents(Selection()).mean for n in range(4)}
    assert len(set(shares.values())) == 4


def test_a_departments_function_comes_only_from_what_is_published() -> None:
    """Mixed has 2 IT and 4 Business people in one survey, 4 and 2 in the other (Ops and Sales make up the totals):
    the label 'the function most of its people give' told which of two hidden counts is larger."""
    first = [group(10, "IT", "Ops"), group(12, "IT", "Dev"), group(10, "Business", "Sales"), group(14, "Business", "Finance")]
    second = [group(8, "IT", "Ops"), group(12, "IT", "Dev"), group(12, "Business", "Sales"), group(14, "Business", "Finance")]
    one, two = twins(
        [*first, group(2, "IT", "Mixed"), group(4, "Business", "Mixed")],
        [*second, group(4, "IT", "Mixed"), group(2, "Business", "Mixed")],
    )
    grids = [results(d, SETTINGS).departments()[["department", "function", "tactic", "label"]] for d in (one, two)]
    assert grids[0].equals(grids[1])
    labels = dict(zip(grids[0]["department"], grids[0]["function"], strict=False))
    assert labels["Dev"] == "IT" and labels["Finance"] == "Business"  # shown counts still label their departments
    assert labels["Mixed"] is None


def test_a_department_whose_other_function_must_be_smaller_keeps_its_label() -> None:
    """Sales: 12 Business people shown, IT hidden for having fewer than 5: at most 4 < 12, so Business is the larger
    whatever the hidden count, and the label says so."""
    base = [group(10, "IT", "Ops"), group(12, "IT", "Dev"), group(12, "Business", "Sales"), group(14, "Business", "Finance")]
    dataset = build_dataset([*base, group(1, "IT", "Sales")])
    gate = disclosure(dataset, K)
    it_in_sales = gate.respondents(Selection(department="Sales", function="IT"))
    assert it_in_sales.hidden and it_in_sales.reason == "fewer_than_k"
    assert not gate.respondents(Selection(department="Sales", function="Business")).hidden
    grid = results(dataset, SETTINGS).departments()
    assert dict(zip(grid["department"], grid["function"], strict=False))["Sales"] == "Business"


def _panel(people: int, function: str, department: str, tag: str, later_tag: str | None = None) -> list[dict]:
    """`people` respondents who answer both rounds (ids tag0, tag1 ...; the later round's ids from `later_tag`)."""
    rows = []
    for period, prefix in (("2026-Q1", tag), ("2026-Q2", later_tag or tag)):
        for j in range(people):
            answers = {i: 2 + (j + (period == "2026-Q2")) % 3 for i in ITEM_IDS}
            rows.append(group(1, function, department, period=period, ids=f"{prefix}{j}", items=answers))
    return rows


def test_a_paired_test_does_not_say_how_many_came_back() -> None:
    """Legal (4, hidden in both rounds) answers the later round as the same people or as new ones: the count of
    'people who answered both' told which."""
    base = [
        *_panel(12, "IT", "Ops", "ops"),
        *_panel(12, "IT", "Dev", "dev"),
        *_panel(10, "Business", "Sales", "sal"),
        *_panel(14, "Business", "Finance", "fin"),
    ]
    one, two = twins([*base, *_panel(4, "Business", "Legal", "leg")], [*base, *_panel(4, "Business", "Legal", "leg", "new")])
    said = [sorted({row["test"] for row in trends_json(results(d, SETTINGS).trends()) if row["test"]}) for d in (one, two)]
    assert said[0] == said[1] == ["paired t-test on the people who answered both"]


def test_a_driver_analysis_does_not_say_how_many_answered_everything() -> None:
    """Two Legal people each skip one REL statement, or one of them skips both: every statement's count is the same,
    the number who answered them all is not."""
    rng = np.random.default_rng(1)

    def people(n: int, function: str, department: str) -> list[dict]:
        rows = []
        for _ in range(n):
            base = int(rng.integers(2, 5))
            answers = {i: int(np.clip(base + rng.integers(-1, 2), 1, 5)) for i in ITEM_IDS}
            rows.append(group(1, function, department, items=answers))
        return rows

    base = [
        *people(12, "IT", "Ops"),
        *people(12, "IT", "Dev"),
        *people(10, "Business", "Sales"),
        *people(14, "Business", "Finance"),
    ]

    def legal(skips: list[tuple[str, ...]]) -> list[dict]:
        return [group(1, "Business", "Legal", items={**dict.fromkeys(ITEM_IDS, 3), **dict.fromkeys(s)}) for s in skips]

    one, two = twins([*base, *legal([("REL-1",), ("REL-2",), (), ()])], [*base, *legal([("REL-1", "REL-2"), (), (), ()])])
    bundles = [results(d, SETTINGS) for d in (one, two)]
    statements = [b.priorities("REL") for b in bundles]
    assert not statements[0]["frame"].empty  # derived importance is shown ...
    assert statements[0]["n"] is None and statements[1]["n"] is None  # ... without its count
    tactics = [priorities_json(b.priorities()) for b in bundles]
    assert tactics[0]["n"] == tactics[1]["n"]


def test_the_notes_on_skipped_statements_count_only_what_is_published() -> None:
    """Two Legal people answer one REL statement each, or one answers two and the other none: the statements' counts
    and the tactic's count are the same, and so is the note on who does not count in the score."""
    base = [
        group(12, "IT", "Ops"),
        group(12, "IT", "Dev"),
        group(10, "Business", "Sales"),
        group(14, "Business", "Finance"),
        group(2, "Business", "Legal"),
    ]

    def legal(answered: set[str]) -> dict:
        return group(1, "Business", "Legal", items=dict.fromkeys((i for i in REL if i not in answered), None))

    one, two = twins([*base, legal({"REL-1"}), legal({"REL-2"})], [*base, legal({"REL-1", "REL-2"}), legal(set())])
    tactic = "REL"
    notes = [[w for w in results(d, SETTINGS).analysis.warnings if w.startswith(f"{tactic}:")] for d in (one, two)]
    assert notes[0] == notes[1] and notes[0]
    respondents = 12 + 12 + 10 + 14 + 2 + 2
    counted = disclosure(one, K).tactic(tactic, Selection()).n
    assert notes[0][0].startswith(f"{tactic}: {respondents - counted} respondents answered fewer than")


# ------------------------------------------------------------------ what the rules above must still show


def test_comments_of_people_without_a_function_are_listed_where_their_group_is_known() -> None:
    """Ten people of Finance give no function: their group is Finance less its shown IT and Business groups (none
    hidden), so their comments say nothing new; with no function column at all, a department's writers are its
    whole cell."""
    dataset = build_dataset(
        [
            group(10, "IT", "Ops", comment="Ops"),
            group(12, "IT", "Dev"),
            group(10, "Business", "Sales", comment="Sales"),
            group(14, "Business", "Finance"),
            group(10, "", "Finance", comment="No function"),
        ]
    )
    listed, _ = disclosure(dataset, K).comments(dataset, "SRV", Selection())
    assert listed["text"].value_counts().to_dict() == {"No function": 10, "Ops": 10, "Sales": 10}
    dataset = build_dataset([group(10, "", "Ops", comment="Ops"), group(12, "", "Dev", comment="Dev")])
    listed, held_back = disclosure(dataset, K).comments(dataset, "SRV", Selection())
    assert listed["text"].value_counts().to_dict() == {"Dev": 12, "Ops": 10} and not held_back


def test_a_department_is_labelled_where_the_published_cells_tell_its_function() -> None:
    """Ops and Sales have one function each (the other has no cell: nobody); Mixed's total of 10 is shown with its
    2 IT people hidden for being fewer than 5, so its Business people are at least 6 of 10."""
    dataset = build_dataset(
        [
            group(10, "IT", "Ops"),
            group(12, "IT", "Dev"),
            group(10, "Business", "Sales"),
            group(14, "Business", "Finance"),
            group(8, "Business", "Mixed"),
            group(2, "IT", "Mixed"),
        ]
    )
    gate = disclosure(dataset, K)
    assert gate.respondents(Selection(department="Mixed", function="IT")).reason == "fewer_than_k"
    assert not gate.respondents(Selection(department="Mixed")).hidden
    grid = results(dataset, SETTINGS).departments()
    labels = dict(zip(grid["department"], grid["function"], strict=False))
    assert labels == {"Ops": "IT", "Dev": "IT", "Sales": "Business", "Finance": "Business", "Mixed": "Business"}


def test_the_skip_notes_read_only_the_rounds_that_were_asked_and_skip_single_statements() -> None:
    """REL is asked in the second round only, where 15 of 100 skip REL-3: the first round's 100 are not 'left out',
    and the single statements (the overall statement, the importance questions) get no note."""
    first = [group(100, "IT", "Ops", period="2026-Q1", items=dict.fromkeys(REL, None))]
    second = [
        group(15, "IT", "Ops", period="2026-Q2", items={"REL-3": None}),
        group(85, "IT", "Ops", period="2026-Q2"),
    ]
    dataset = build_dataset([*first, *second])
    notes = dataset.report.warnings
    assert [n for n in notes if "REL-3 was skipped by 15 of the 100 respondents" in n]
    assert not [n for n in notes if n.startswith("REL:") and "do not count" in n]
    assert not [n for n in notes if "of its 1 statements" in n]
