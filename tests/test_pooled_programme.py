"""The integer audit's pooled programme: groups shown on their own are pooled per round, and a solution counts only
once it splits back into its groups. Its least and most must be the real programme's, its solutions real ones, and it
must cost the audit's budget less, so that a survey spread thin is audited instead of coarsened."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment.integer_audit import (
    AuditTooLarge,
    Budget,
    Shown,
    _objective,
    _programme,
    _rows,
    _span,
    narrowed,
    statement_unknowns,
)
from alignment.pooled_programme import PooledProgramme, _split_exactly, _spread


def levels(answers: list[list[int]]) -> np.ndarray:
    return np.array([[row.count(level) for level in range(1, 6)] for row in answers], dtype=float)


def shown(atoms: tuple[int, ...], truth: np.ndarray, distribution: bool = False) -> Shown:
    counts = truth[list(atoms)].sum(axis=0)
    n = int(counts.sum())
    return Shown(atoms, n, round(float(counts @ np.arange(1, 6)) / n, 2), tuple(int(c) for c in counts) if distribution else None)


def survey(answers: list[list[int]], rounds: int, k: int) -> tuple[np.ndarray, list[Shown]]:
    """Atoms laid out round by round (atom = round * departments + department), published as the pages do: each
    group of at least k on its own, each round whole with its answer distribution, each department over the rounds."""
    truth = levels(answers)
    departments = len(answers) // rounds
    cells = [shown((a,), truth) for a in range(len(answers)) if truth[a].sum() >= k]
    cells += [shown(tuple(range(r * departments, (r + 1) * departments)), truth, True) for r in range(rounds)]
    cells += [shown(tuple(d + r * departments for r in range(rounds)), truth) for d in range(departments)]
    return truth, cells


@st.composite
def surveys(draw):
    """2 rounds of 4-5 departments, each group 1-8 answers, a few groups under k = 3."""
    departments = draw(st.integers(4, 5))
    answers = [
        draw(st.lists(st.integers(1, 5), min_size=1, max_size=draw(st.sampled_from((2, 6, 8))))) for _ in range(2 * departments)
    ]
    return answers


@settings(max_examples=25, deadline=None)
@given(surveys())
def test_the_pooled_programme_finds_the_real_programmes_least_and_most(answers):
    truth, cells = survey(answers, rounds=2, k=3)
    unknowns = statement_unknowns(truth)
    rows = _rows(unknowns, cells)
    every_row = unknowns.fixed() + rows
    pooled = PooledProgramme(unknowns, every_row)
    small = [a for a in range(len(truth)) if truth[a].sum() < 3]
    for group in [{a: 1.0} for a in small] + [{a: 1.0, b: -1.0} for a in small for b in small if a < b]:
        objective = _objective(unknowns, group)
        ends = pooled.solutions(objective)
        if ends is None:
            continue  # it did not split back: the audit asks the real programme
        for x in ends:  # a real solution: whole, within the sizes, every shown figure unchanged
            assert np.allclose(x, np.rint(x)) and (x >= 0).all() and (x <= unknowns.upper).all()
            for vector, low, high in every_row:
                assert low - 1e-6 <= vector @ x <= high + 1e-6
        reach = abs(float(objective @ ends[1] - objective @ ends[0]))
        assert reach == pytest.approx(_span(unknowns, _programme(unknowns, rows), objective), abs=1e-6), group


def test_groups_shown_alone_with_their_mean_fixing_their_sum_are_pooled_per_round():
    # round 0: groups 0-3, round 1: groups 4-7; groups 1 and 6 have 2 answers (under k = 3), the rest 4 each
    answers = [[3, 4, 5, 2], [1, 5], [2, 2, 3, 4], [5, 5, 4, 4], [1, 2, 3, 4], [4, 4, 4, 3], [2, 3], [5, 1, 5, 1]]
    truth, cells = survey(answers, rounds=2, k=3)
    unknowns = statement_unknowns(truth)
    pooled = PooledProgramme(unknowns, unknowns.fixed() + _rows(unknowns, cells))
    assert sorted(map(sorted, pooled.pools)) == [[0, 2, 3], [4, 5, 7]]
    assert list(pooled.kept) == [1, 6]
    assert pooled.size == 5 * (2 + 2) < len(unknowns.truth)


def test_a_pool_change_no_split_can_make_is_refused():
    # two groups of one answer each, a 1 and a 5: together they could be two 3s, but neither can change alone
    counts = {0: np.array([1.0, 0, 0, 0, 0]), 1: np.array([0, 0, 0, 0, 1.0])}
    change = np.array([-1.0, 0, 2, 0, -1])
    steps = [change[0], change[1] + 2 * change[0], change[4]]
    assert all(_spread(counts, steps, order) is None for order in [(0, 1, 2), (2, 1, 0), (1, 0, 2)])
    # a group of answers 2, 3 and 4 can become 3, 3, 3 (the same count and sum)
    spread = _spread({0: np.array([0, 1.0, 1, 1, 0])}, [0.0, -1.0, 0.0], (0, 1, 2))
    assert spread is not None and list(spread[0]) == [0, 0, 3, 0, 0]


def test_a_split_the_steps_miss_is_found_by_the_small_programme_and_an_impossible_one_is_not():
    # two groups that each answered 2 and 4: the pool can become a 1, two 3s and a 5 (one group 1 and 5, the other 3
    # and 3), but each step needs two answers at one level in one group, which neither has
    counts = {0: np.array([0, 1.0, 0, 1, 0]), 1: np.array([0, 1.0, 0, 1, 0])}
    target = np.array([1.0, 0, 2, 0, 1])
    change = target - sum(counts.values())
    steps = [change[0], change[1] + 2 * change[0], change[4]]
    assert all(_spread(counts, steps, order) is None for order in itertools.permutations(range(3)))
    split = _split_exactly(counts, target)
    assert split is not None
    assert np.allclose(sum(split.values()), target)
    for group in split.values():
        assert group.sum() == 2 and group @ np.arange(1, 6) == 6 and (group >= 0).all()
    assert _split_exactly({0: np.array([1.0, 0, 0, 0, 0]), 1: np.array([0, 0, 0, 0, 1.0])}, np.array([0, 0, 2.0, 0, 0])) is None


def test_the_pooled_programme_lets_the_audit_settle_a_survey_within_a_budget_the_real_one_exceeds(monkeypatch):
    rng = np.random.default_rng(7)
    departments, rounds, k = 12, 2, 3
    sizes = [2 if d in (1, 5, 9) else 6 for _ in range(rounds) for d in range(departments)]
    answers = [list(rng.integers(1, 6, size=n)) for n in sizes]
    truth, cells = survey(answers, rounds, k)
    unknowns = statement_unknowns(truth)
    groups = [(a,) for a in range(len(sizes)) if sizes[a] < k]
    allowance = 2.5 * 2 * (len(unknowns.truth) / 100) ** 2  # two and a half of the real programme's spans

    def budget() -> Budget:
        fresh = Budget(total=allowance)
        fresh.measure_left = allowance
        return fresh

    assert narrowed(unknowns, cells, groups, [], k, budget()) == []  # nothing narrowed, within the allowance
    monkeypatch.setattr(PooledProgramme, "solutions", lambda self, objective: None)  # the real programme only
    with pytest.raises(AuditTooLarge):
        narrowed(unknowns, cells, groups, [], k, budget())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 4), min_size=5, max_size=5), min_size=1, max_size=5),
    st.lists(st.integers(-6, 6), min_size=3, max_size=3),
    st.permutations(range(3)),
)
def test_steps_spread_over_the_groups_keep_each_groups_count_and_sum(rows, steps, order):
    # each step moves one answer down a level and one up (or back) around level j: a group's count and sum stay
    counts = {a: np.array(row, dtype=float) for a, row in enumerate(rows)}
    spread = _spread(counts, [float(s) for s in steps], tuple(order))
    moves = np.zeros(5)
    for j, s in enumerate(steps):
        moves[[j, j + 1, j + 2]] += s * np.array([1.0, -2.0, 1.0])
    if spread is None:  # refused only when, taken in this order, some step finds no group able to take it
        return
    for a, before in counts.items():
        assert np.all(spread[a] >= 0)
        assert spread[a].sum() == before.sum() and spread[a] @ np.arange(1, 6) == before @ np.arange(1, 6)
    assert np.array_equal(sum(spread.values()) - sum(counts.values()), moves)  # the pool changes by the steps, no more
