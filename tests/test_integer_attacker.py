"""An attacker who knows every group's size solves integer programmes over what the app publishes.

Answers are whole numbers from 1 to 5 and counts are never negative: with the answers at each level of every
statement chart the app offers, an integer programme (HiGHS through SciPy) pins how each small group answered,
even where no linear combination of the cells gives the group. The attacker here reads the charts' distributions
for every selection the filters offer and asks, for every group of fewer than k respondents (an atom: period x
function x department) and every level, the least and the most answers it can hold there. A group is narrowed when
that range is tighter than what a single published cell around it says (a cell where everyone answered alike
pins everyone in it: the limit of any threshold rule)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from scipy.optimize import Bounds, LinearConstraint, milp

from alignment.config import Settings
from alignment.disclosure import disclosure
from alignment.selection import Selection
from alignment.tables import item_distribution
from tests.test_attacker import ITEM_TACTIC, PERIODS, Survey, load, long_answers, people, surveys

LEVELS = range(1, 6)


def offered_selections(published) -> list[tuple]:
    """(period, department, function) for every selection the sidebar offers."""
    chosen = []
    for period in [None, *published.selectable_periods()]:
        for department in [None, *published.selectable_departments(period)]:
            chosen += [(period, department, f) for f in [None, *published.selectable_functions(period, department)]]
    return chosen


def narrowed_by_distributions(survey: Survey) -> list[str]:
    data = load(survey)
    published = disclosure(data, survey.k)
    answers = long_answers(survey)
    found = []
    charts = {
        selection: {
            tactic: item_distribution(data, tactic, Settings(min_group_size=survey.k), Selection(*selection))
            for tactic in {t for t in ITEM_TACTIC.values() if t}
        }
        for selection in offered_selections(published)
    }
    for item, tactic in ITEM_TACTIC.items():
        if tactic is None:
            continue
        rows = answers[answers["item"] == item]
        atoms = rows.groupby(["period", "function", "department"])["answer"].apply(list).to_dict()
        keys = list(atoms)
        cells = []  # (atoms covered, answers at each level)
        for (period, department, function), frames in charts.items():
            frame = frames[tactic]
            shown = frame[frame["item"] == item]
            if shown.empty:
                continue
            counts = dict(zip(shown["level"], shown["answers"], strict=True))
            covered = [
                i
                for i, (p, f, d) in enumerate(keys)
                if (period is None or p == period)
                and (department is None or d == department)
                and (function is None or f == function)
            ]
            cells.append((covered, [int(counts.get(level, 0)) for level in LEVELS]))
        if not cells:
            continue
        width = len(keys) * len(LEVELS)
        equalities = []
        for i, key in enumerate(keys):  # each atom's answers add up to its size
            row = np.zeros(width)
            row[i * 5 : i * 5 + 5] = 1
            equalities.append((row, len(atoms[key])))
        for covered, counts in cells:
            for level_index, count in enumerate(counts):
                row = np.zeros(width)
                row[[i * 5 + level_index for i in covered]] = 1
                equalities.append((row, count))
        matrix = np.array([r for r, _ in equalities])
        target = np.array([v for _, v in equalities], dtype=float)
        levels = np.tile(np.array(LEVELS, dtype=float), len(keys))

        def answer_range(i: int, rows: np.ndarray, values: np.ndarray, width=width, levels=levels) -> float:
            """How far apart the least and the most this atom's answers can add up to, given these equalities."""
            objective = np.zeros(width)
            objective[i * 5 : i * 5 + 5] = levels[i * 5 : i * 5 + 5]
            constraint = LinearConstraint(rows, values, values)
            ends = [
                milp(sign * objective, constraints=constraint, integrality=np.ones(width), bounds=Bounds(0, np.inf)).fun
                for sign in (1, -1)
            ]
            return -ends[1] - ends[0]

        for i, key in enumerate(keys):
            size = len(atoms[key])
            if not 0 < size < survey.k:
                continue
            spread = answer_range(i, matrix, target)
            if spread >= size - 1e-6:  # its mean can still lie anywhere in a range one point wide
                continue
            # what one published cell around it says on its own, or the difference of two nested ones (a union of
            # at least k respondents that everyone can derive): the range of this group's answers given that cell
            # and the groups' sizes alone. A cell whose answers span one or two adjacent levels says as much about
            # every group inside it (the limit of any threshold rule); only a tighter range is a narrowing.
            around = [(list(c), counts) for c, counts in cells if i in c]
            around += [
                (sorted(set(a) - set(b)), [x - y for x, y in zip(ca, cb, strict=True)])
                for (a, ca), (b, cb) in itertools.permutations(cells, 2)
                if set(b) < set(a) and i in set(a) - set(b)
            ]
            sizes = [(row, value) for row, value in equalities[: len(keys)]]
            alone = []
            for covered, counts in around:
                rows = list(sizes)
                for level_index, count in enumerate(counts):
                    row = np.zeros(width)
                    row[[j * 5 + level_index for j in covered]] = 1
                    rows.append((row, count))
                alone.append(answer_range(i, np.array([r for r, _ in rows]), np.array([v for _, v in rows], dtype=float)))
            if alone and spread >= min(alone) - 1e-6:
                continue
            found.append(f"{item} {key}: the answers of {size} add up to a range of {spread:g} only")
    return found


@hypothesis_settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(surveys())
def test_answer_distributions_never_pin_a_small_group(survey: Survey) -> None:
    assert narrowed_by_distributions(survey) == []


def test_a_lone_respondent_is_not_pinned_by_the_department_charts():
    # The charts of Ops, Finance and each period left the one blank-function respondent of Finance in 2026-Q2
    # with exactly one possible answer: the others' levels and sizes fix it.
    survey = Survey(
        [
            *people(1, PERIODS[0], "Business", "Ops"),
            *people(1, PERIODS[0], None, "Ops"),
            *people(1, PERIODS[1], None, "Finance"),
            *people(1, PERIODS[2], "IT", "Legal"),
            *people(1, PERIODS[2], "Business", "Legal"),
            *people(1, PERIODS[2], None, "Ops"),
        ],
        k=3,
    )
    assert narrowed_by_distributions(survey) == []
