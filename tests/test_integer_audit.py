"""The integer audit's shortcut (trading answers between twin groups) never claims more room than there is.

`traded_range` settles most groups without an integer programme: groups that lie in exactly the same shown cells can
swap answers without changing anything shown. If it ever claimed a wider range than the insider's integer programme
allows, the guard would publish a narrowed group, so it is checked here against HiGHS on generated cases, and on
cases small enough to work out by hand."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment.integer_audit import Shown, _programme, _rows, _span, statement_unknowns, sum_unknowns, traded_range, twin_classes


def levels(*answers: list[int]) -> np.ndarray:
    """Per atom, its answers as counts at levels 1-5."""
    return np.array([[row.count(level) for level in range(1, 6)] for row in answers], dtype=float)


def shown(atoms: tuple[int, ...], truth: np.ndarray, distribution: bool = False) -> Shown:
    """A shown cell over these atoms (statement counts `truth`: atoms x 5), its mean rounded as a page shows it."""
    counts = truth[list(atoms)].sum(axis=0)
    n = int(counts.sum())
    return Shown(atoms, n, round(float(counts @ np.arange(1, 6)) / n, 2), tuple(int(c) for c in counts) if distribution else None)


def test_a_lone_answer_can_take_any_answer_of_its_twin_by_hand():
    # Atom 0 answered 5; atom 1 (its twin: both lie only in the one shown cell) answered 5 and 1. Swapping, atom 0's
    # answer can be 5 or 1: a range of 4. Atom 2 lies in a cell of its own: it is pinned (range 0).
    truth = levels([5], [5, 1], [3])
    unknowns = statement_unknowns(truth)
    cells = [shown((0, 1), truth), shown((2,), truth)]
    twins = twin_classes(cells, unknowns.answered)
    assert twins[0] == twins[1] == (0, 1) and twins[2] == (2,)
    assert traded_range(unknowns, twins, {0: 1.0}) == 4
    assert traded_range(unknowns, twins, {2: 1.0}) == 0
    assert traded_range(unknowns, twins, {0: 1.0, 2: -1.0}) == 4  # the classes' ranges add up


def test_a_tactic_sum_can_move_as_far_as_its_twin_allows_by_hand():
    # Two respondents' sums of tactic means, 4.5 (atom 0, one person) and 6.0 (atom 1, two people), sum to 10.5 in
    # their one shown cell. Atom 0 can be as low as 1 (atom 1 then 9.5, within 2 to 10) and as high as 5 (atom 1 5.5):
    # a range of 4, in real numbers (skipped statements filled in: not whole).
    unknowns = sum_unknowns(np.array([1, 2]), np.array([4.5, 6.0]), np.array([False, False]))
    twins = twin_classes([Shown((0, 1), 3, 3.5)], unknowns.answered)
    assert traded_range(unknowns, twins, {0: 1.0}) == 4
    # with atom 1 at its top (10 of 10) and atom 0 at 4.5, their 14.5 leaves atom 0 between 4.5 and 5 only
    near = sum_unknowns(np.array([1, 2]), np.array([4.5, 10.0]), np.array([False, False]))
    assert traded_range(near, twin_classes([Shown((0, 1), 3, 3.5)], near.answered), {0: 1.0}) == 0.5


@st.composite
def cases(draw):
    """3-5 atoms of 1-3 answers each, and 2-4 shown cells (random unions of atoms), some with their distribution."""
    count = draw(st.integers(3, 5))
    answers = [draw(st.lists(st.integers(1, 5), min_size=1, max_size=3)) for _ in range(count)]
    truth = levels(*answers)
    subsets = [s for size in range(1, count + 1) for s in itertools.combinations(range(count), size)]
    chosen = draw(st.lists(st.sampled_from(subsets), min_size=2, max_size=4, unique=True))
    cells = [shown(atoms, truth, draw(st.booleans())) for atoms in chosen]
    return truth, cells


@settings(max_examples=60, deadline=None)
@given(cases())
def test_trading_never_claims_more_room_than_the_integer_programme_finds(case):
    truth, cells = case
    unknowns = statement_unknowns(truth)
    twins = twin_classes(cells, unknowns.answered)
    rows = _rows(unknowns, cells)
    atoms = range(len(truth))
    groups = [{a: 1.0} for a in atoms] + [{a: 1.0, b: s} for a, b in itertools.combinations(atoms, 2) for s in (1.0, -1.0)]
    for group in groups:
        objective = np.zeros(len(unknowns.truth))
        for a, sign in group.items():
            objective[a * 5 : a * 5 + 5] = sign * np.arange(1, 6)
        assert traded_range(unknowns, twins, group) <= _span(unknowns, _programme(unknowns, rows), objective) + 1e-6, group


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.floats(0, 1)), min_size=3, max_size=5), st.data())
def test_trading_tactic_sums_never_claims_more_room_than_the_programme_finds(atoms, data):
    answered = np.array([n for n, _ in atoms], dtype=float)
    sums = np.array([n * (1 + 4 * share) for n, share in atoms])  # each between 1 and 5 per respondent
    unknowns = sum_unknowns(answered, sums, np.zeros(len(atoms), bool))
    subsets = [s for size in range(1, len(atoms) + 1) for s in itertools.combinations(range(len(atoms)), size)]
    chosen = data.draw(st.lists(st.sampled_from(subsets), min_size=1, max_size=3, unique=True))
    cells = [
        Shown(s, int(answered[list(s)].sum()), round(float(sums[list(s)].sum() / answered[list(s)].sum()), 2)) for s in chosen
    ]
    twins = twin_classes(cells, unknowns.answered)
    rows = _rows(unknowns, cells)
    for a, b in itertools.combinations(range(len(atoms)), 2):
        for group in ({a: 1.0}, {a: 1.0, b: 1.0}, {a: 1.0, b: -1.0}):
            objective = np.zeros(len(atoms))
            for atom, sign in group.items():
                objective[atom] = sign
            assert traded_range(unknowns, twins, group) <= _span(unknowns, _programme(unknowns, rows), objective) + 1e-6, group
