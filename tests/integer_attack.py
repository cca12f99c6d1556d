"""An insider with an integer programme reads everything published and bounds every small group.

The insider knows every group's size (respondents per period x function x department: an atom) and how many in it
answered each statement and each tactic (who skipped is taken as known: the published answer counts n, with the
sizes, can tell that in some cells, so the audit does not count on it), and reads the
published cells of `analyze --json` (`breakdowns`: n, the mean to 2 decimals, the answer distribution where one is
shown). Answers are whole numbers from 1 to 5 and counts are never negative,
so per statement the unknowns are, per atom, how many answered at each level; per tactic, the sum of the tactic means
of those counted (in m-ths, a whole number, where everyone counted answered all m statements; a real number where
a skipped statement was filled in). HiGHS (through SciPy) then finds the least and the most
each protected quantity can be:

- every group under k (an atom or any crossing of period, function and department with fewer than k answers,
  and some): the sum of its answers;
- the union of two small atoms under k together, and the difference of two small atoms.

The protection interval: the quantity can still lie anywhere in a range at least as wide as the group's answers
(its mean anywhere in a range one scale point wide; for a difference, as wide as the larger side's answers, so that
a member of either side who knows their own side still sees the other's mean range over a point).
A range is narrower only when no single published cell around the group (or the difference of two nested ones, a
union of at least k everyone can derive, or a crossing of at least k that the cells give exactly) already says as
much on its own: a cell in which everyone answered alike tells it about every group inside it, the limit of any threshold rule (the unanimous group).

Found solutions are kept: a quantity whose values over those already span its interval needs no programme."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from tests.test_attacker import (
    ITEM_TACTIC,
    TACTIC_ITEMS,
    Survey,
    cell_key,
    covers,
    long_answers,
    respondent_atoms,
    tactic_atoms,
)

LEVELS = (1, 2, 3, 4, 5)
HALF = 0.005 + 1e-9  # a mean published to 2 decimals lies within half a hundredth of it
EPSILON = 1e-6


@dataclass
class Model:
    """Unknowns over the atoms of one measure: `per` integer variables per atom, bounds, and equalities or ranges
    (each with the published cell it came from: None for what the group sizes say)."""

    atoms: list[tuple]
    per: int
    upper: np.ndarray
    scale: np.ndarray | int = 1  # a tactic's sums per atom are whole in 1/scale where integral
    rows: list[tuple[np.ndarray, float, float, object]] = field(default_factory=list)
    integral: np.ndarray | None = None  # per variable; all whole numbers when None

    @property
    def width(self) -> int:
        return len(self.atoms) * self.per

    def zero(self) -> np.ndarray:
        return np.zeros(self.width)

    def add(self, row: np.ndarray, low: float, high: float, source: object = None) -> None:
        self.rows.append((row, low, high, source))

    def solve(self, objective: np.ndarray, sources: set | None) -> tuple[float, np.ndarray] | None:
        """The least value of objective . x under the size rows and the rows of `sources` (all when None)."""
        rows = [(r, lo, hi) for r, lo, hi, s in self.rows if s is None or sources is None or s in sources]
        constraint = LinearConstraint(np.array([r for r, _, _ in rows]), [lo for _, lo, _ in rows], [hi for _, _, hi in rows])
        integrality = np.ones(self.width) if self.integral is None else self.integral
        result = milp(objective, constraints=constraint, integrality=integrality, bounds=Bounds(0, self.upper))
        if result.status != 0 or result.x is None:
            return None
        return float(result.fun), np.round(result.x)


def span(model: Model, vector: np.ndarray, sources: set | None = None, pool: list | None = None) -> float:
    """How far apart the least and the most of vector . x can be."""
    ends = []
    for sign in (1.0, -1.0):
        solved = model.solve(sign * vector, sources)
        if solved is None:
            return math.inf  # nothing fits: the rows contradict each other, not a narrowing
        ends.append(sign * solved[0])
        if pool is not None:
            pool.append(solved[1])
    return ends[1] - ends[0]


# --------------------------------------------------------------------------------------------- models


def item_model(survey: Survey, entries: list[dict], item: str) -> tuple[Model, dict[tuple, int]]:
    """Per atom: answers at each level 1-5 and the number who skipped (6 variables)."""
    sizes = respondent_atoms(survey)
    atoms = sorted(sizes)
    model = Model(atoms, 6, np.repeat([sizes[a] for a in atoms], 6).astype(float))
    answers = long_answers(survey)
    counts = answers[answers["item"] == item].groupby(["period", "function", "department"]).size().to_dict()
    answered = {atom: int(counts.get(atom, 0)) for atom in atoms}
    for i, atom in enumerate(atoms):
        for width, value in ((6, sizes[atom]), (5, answered[atom])):  # its size, and how many answered
            row = model.zero()
            row[i * 6 : i * 6 + width] = 1
            model.add(row, value, value)
    for e in entries:
        if e["measure"] != "item" or e["item"] != item or e["hidden"]:
            continue
        covered = [i for i, atom in enumerate(atoms) if covers(cell_key(e), atom)]
        count, total = model.zero(), model.zero()
        for i in covered:
            count[i * 6 : i * 6 + 5] = 1
            total[i * 6 : i * 6 + 5] = LEVELS
        key = cell_key(e)
        model.add(count, e["n"], e["n"], key)
        model.add(total, e["n"] * (e["score"] - HALF), e["n"] * (e["score"] + HALF), key)
        for level, answers in (e["distribution"] or {}).items():
            row = model.zero()
            row[[i * 6 + int(level) - 1 for i in covered]] = 1
            model.add(row, answers, answers, key)
    return model, answered


def item_value(model: Model, group: dict[int, float]) -> np.ndarray:
    row = model.zero()
    for i, sign in group.items():
        row[i * 6 : i * 6 + 5] = sign * np.array(LEVELS)
    return row


def tactic_model(survey: Survey, entries: list[dict], tactic: str) -> tuple[Model, dict[tuple, int]]:
    """Per atom: respondents counted for the tactic, and the sum of their tactic means (by the missing-answer rule):
    in m-ths, a whole number, where everyone counted answered all m statements; a real number otherwise (a skipped
    statement is filled in from the statement's mean, so the sum is not whole)."""
    m = len(TACTIC_ITEMS[tactic])
    sizes = respondent_atoms(survey)
    atoms = sorted(sizes)
    counted = tactic_atoms(survey)[tactic]
    answered = {atom: counted.get(atom, (0, 0.0))[0] for atom in atoms}
    answers = long_answers(survey)
    per_person = answers[answers["tactic"] == tactic].groupby(["period", "function", "department", "respondent"]).size()
    partial = {atom[:3] for atom, count in per_person.items() if count < m}
    complete = np.array([atom not in partial for atom in atoms])
    scale = np.where(complete, float(m), 1.0)
    model = Model(
        atoms, 2, np.array([v for a, s in zip(atoms, scale, strict=True) for v in (sizes[a], 5 * s * sizes[a])], dtype=float)
    )
    model.scale = scale
    model.integral = np.array([v for c in complete for v in (1, int(c))])
    for i, atom in enumerate(atoms):
        row = model.zero()
        row[i * 2] = 1
        model.add(row, answered[atom], answered[atom])
        row = model.zero()
        row[i * 2], row[i * 2 + 1] = -scale[i], 1  # each counted has a mean of at least 1 ...
        model.add(row, 0, np.inf)
        row = model.zero()
        row[i * 2], row[i * 2 + 1] = -5 * scale[i], 1  # ... and at most 5
        model.add(row, -np.inf, 0)
    for e in entries:
        if e["measure"] != "tactic" or e["tactic"] != tactic or e["hidden"]:
            continue
        covered = [i for i, atom in enumerate(atoms) if covers(cell_key(e), atom)]
        count, total = model.zero(), model.zero()
        count[[i * 2 for i in covered]] = 1
        total[[i * 2 + 1 for i in covered]] = 1 / scale[covered]
        key = cell_key(e)
        model.add(count, e["n"], e["n"], key)
        model.add(total, e["n"] * (e["score"] - HALF), e["n"] * (e["score"] + HALF), key)
    return model, answered


def tactic_value(model: Model, group: dict[int, float]) -> np.ndarray:
    row = model.zero()
    for i, sign in group.items():
        row[i * 2 + 1] = sign / model.scale[i]
    return row


# ------------------------------------------------------------------------------------------- attack


def small_groups(model: Model, answered: dict[tuple, int], k: int) -> list[tuple[int, ...]]:
    """Every crossing (period or all, function or all, department or all) under k answers that has someone in it,
    one per distinct set of atoms."""
    periods = sorted({a[0] for a in model.atoms})
    functions = [None, *sorted({a[1] for a in model.atoms})]
    departments = [None, *sorted({a[2] for a in model.atoms})]
    seen = set()
    for selector in itertools.product([None, *periods], functions, departments):
        members = tuple(i for i, atom in enumerate(model.atoms) if covers(selector, atom))
        if 0 < sum(answered[model.atoms[i]] for i in members) < k:
            seen.add(members)
    return sorted(seen)


def quantities(model: Model, answered: dict[tuple, int], k: int) -> list[tuple[str, dict[int, float], float]]:
    """(name, atoms with signs, required width) of every protected quantity."""
    groups = small_groups(model, answered, k)
    size = {g: sum(answered[model.atoms[i]] for i in g) for g in groups}
    found = [(f"group {[model.atoms[i] for i in g]}", dict.fromkeys(g, 1.0), max(size[g], 1)) for g in groups]
    atoms = [g for g in groups if len(g) == 1]
    for a, b in itertools.combinations(atoms, 2):
        first, second = model.atoms[a[0]], model.atoms[b[0]]
        if size[a] + size[b] < k:
            found.append((f"union of {first} and {second}", {a[0]: 1.0, b[0]: 1.0}, max(size[a] + size[b], 1)))
        found.append((f"{first} minus {second}", {a[0]: 1.0, b[0]: -1.0}, max(size[a], size[b], 1)))
    return found


def contains(outer: tuple, inner: tuple) -> bool:
    return all(x is None or x == y for x, y in zip(outer, inner, strict=True))


def nested_sources(model: Model) -> list[set]:
    """Each published cell on its own, and each pair of nested ones (their difference is a union everyone derives)."""
    cells = {s for *_, s in model.rows if s is not None}
    alone = [{c} for c in cells]
    pairs = [{a, b} for a, b in itertools.combinations(cells, 2) if contains(a, b) or contains(b, a)]
    return alone + pairs


def exact_crossings(model: Model, answered: dict[tuple, int], k: int) -> list[tuple]:
    """Crossings (a function may be "unknown") of at least k answers that no cell shows but the shown cells give
    exactly, as a combination: a round minus its IT and Business cells gives those without a function."""
    shown = sorted({s for *_, s in model.rows if s is not None}, key=str)
    if not shown:
        return []
    present = [i for i, atom in enumerate(model.atoms) if answered[atom] > 0]

    def indicator(selector: tuple) -> np.ndarray:
        return np.array([1.0 if covers(selector, model.atoms[i]) else 0.0 for i in present])

    matrix = np.array([indicator(c) for c in shown])
    rank = np.linalg.matrix_rank(matrix)
    periods = sorted({a[0] for a in model.atoms})
    functions = sorted({a[1] for a in model.atoms})
    departments = sorted({a[2] for a in model.atoms})
    found = []
    for selector in itertools.product([None, *periods], [None, *functions], [None, *departments]):
        members = [atom for atom in model.atoms if covers(selector, atom)]
        if selector in shown or sum(answered[a] for a in members) < k:
            continue
        if np.linalg.matrix_rank(np.vstack([matrix, indicator(selector)])) == rank:
            found.append(selector)
    return found


def exact_span(model: Model, vector: np.ndarray, selector: tuple, value, truth: np.ndarray) -> float:
    """How far apart vector . x can be when all that is known is one exact crossing's true value (and the sizes)."""
    group = {i: 1.0 for i, atom in enumerate(model.atoms) if covers(selector, atom)}
    row = value(model, group)
    known = float(row @ truth)
    sizes_only = [r for r in model.rows if r[3] is None]
    alone = Model(model.atoms, model.per, model.upper, model.scale, [*sizes_only, (row, known - EPSILON, known + EPSILON, None)])
    alone.integral = model.integral
    return span(alone, vector)


def narrowed(model: Model, answered: dict[tuple, int], k: int, value, truth: np.ndarray) -> list[str]:
    found = []
    pool = [truth]
    baselines = exact = None
    for name, group, width in quantities(model, answered, k):
        vector = value(model, group)
        values = [float(vector @ x) for x in pool]
        if max(values) - min(values) >= width - EPSILON:
            continue
        reach = span(model, vector, pool=pool)
        if reach >= width - EPSILON:
            continue
        baselines = baselines if baselines is not None else nested_sources(model)
        support = {model.atoms[i] for i in group}
        alone = [
            span(model, vector, sources)
            for sources in baselines
            if any(covers(cell, atom) for cell in sources for atom in support)
        ]
        if alone and reach >= min(alone) - EPSILON:
            continue  # one published cell (or two nested ones) says as much on its own
        exact = exact if exact is not None else exact_crossings(model, answered, k)
        derived = [
            exact_span(model, vector, selector, value, truth)
            for selector in exact
            if any(covers(selector, atom) for atom in support)
        ]
        if derived and reach >= min(derived) - EPSILON:
            continue  # so does a crossing of at least k that the cells give exactly
        found.append(f"{name}: can only span {reach:g}, needs {width:g}")
    return found


def truth_vector(model: Model, survey: Survey, kind: str, name: str | None) -> np.ndarray:
    """The real answers as a solution of the model (always feasible: the published cells are true)."""
    x = model.zero()
    index = {atom: i for i, atom in enumerate(model.atoms)}
    answers = long_answers(survey)
    sizes = respondent_atoms(survey)
    if kind == "item":
        rows = answers[answers["item"] == name]
        for atom, group in rows.groupby(["period", "function", "department"]):
            for level in LEVELS:
                x[index[atom] * 6 + level - 1] = int((group["answer"] == level).sum())
        for atom, i in index.items():
            x[i * 6 + 5] = sizes[atom] - x[i * 6 : i * 6 + 5].sum()
    else:
        for atom, (count, total) in tactic_atoms(survey)[name].items():
            i = index[atom]
            x[i * 2] = count
            scaled = model.scale[i] * total
            x[i * 2 + 1] = round(scaled) if model.integral[i * 2 + 1] else scaled
    return x


def integer_attack(survey: Survey, entries: list[dict]) -> list[str]:
    """Everything the insider narrows inside the protection interval, as readable lines (empty: nothing)."""
    found = []
    for item in ITEM_TACTIC:
        model, answered = item_model(survey, entries, item)
        truth = truth_vector(model, survey, "item", item)
        found += [f"{item} {line}" for line in narrowed(model, answered, survey.k, item_value, truth)]
    for tactic in TACTIC_ITEMS:
        model, answered = tactic_model(survey, entries, tactic)
        truth = truth_vector(model, survey, "tactic", tactic)
        found += [f"{tactic} {line}" for line in narrowed(model, answered, survey.k, tactic_value, truth)]
    return found
