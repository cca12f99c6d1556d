"""An attacker who knows every group's size tries to work out a small group from the published breakdowns.

Every published cell is a sum over atomic groups: period x function x department for tactic cells, period x
function for item cells, where a blank function is its own atom ("unknown") that only the all-functions cells
cover. A published mean times its n is the sum of the atoms' tactic means (or answers), so the attacker can
add and subtract cells; a small group (0 < n < k) is given away when its indicator vector over the atoms is
a linear combination of the published cells' indicator vectors. The attacker is taken to know which atoms
have nobody counted for a tactic or item (those contribute nothing, so they are left out of the columns):
that is what "knows every group's size" means for a tactic's n, and for function-given atoms it can be read
off the list anyway, which has no entry for a cell without respondents.

The ground truth is computed here, independently of the library, from the rows the survey was written from.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
from dataclasses import dataclass

import by_hand
import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from alignment.__main__ import main
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import breakdowns

TACTIC_ITEMS: dict[str, tuple[str, ...]] = {
    "REL": ("REL-1", "REL-2"),
    "TRU": ("TRU-1", "TRU-2"),
    "MET": ("MET-1", "MET-2"),
}
OVERALL_ITEM = "OVR-1"
ITEM_TACTIC = {item: tactic for tactic, items in TACTIC_ITEMS.items() for item in items} | {OVERALL_ITEM: None}
ITEMS = tuple(ITEM_TACTIC)
FUNCTIONS = ("IT", "Business")
UNKNOWN = "unknown"  # the atom of respondents with a blank function; no published cell names it
PERIODS = ("2026-Q1", "2026-Q2", "2026-Q3")
DEPARTMENTS = ("Finance", "Infra", "Legal", "Ops", "Sales")
RANK_TOLERANCE = 1e-8
SCORE_TOLERANCE = 0.005 + 1e-9  # scores are published to 2 decimals


# ------------------------------------------------------------------------------------------- surveys


@dataclass
class Respondent:
    period: str
    function: str | None  # None: blank cell
    department: str
    answers: dict[str, int | None]  # item -> 1..5 or None (blank)


class Survey:
    """Respondents and the threshold k; printed (for a falsifying example) as the CSV file it uploads."""

    def __init__(self, respondents: list[Respondent], k: int = 5) -> None:
        self.respondents = respondents
        self.k = k
        self._csv: bytes | None = None

    def csv(self) -> bytes:
        if self._csv is None:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["respondent_id", "period", "function", "department", *ITEMS])
            for number, person in enumerate(self.respondents, 1):
                answers = ["" if person.answers.get(item) is None else person.answers[item] for item in ITEMS]
                writer.writerow([f"r{number}", person.period, person.function or "", person.department, *answers])
            self._csv = out.getvalue().encode()
        return self._csv

    def __repr__(self) -> str:  # what Hypothesis prints for a falsifying example: the file itself
        return f"Survey(k={self.k}, csv=\n{self.csv().decode()})"


def load(survey: Survey) -> Dataset:
    return Dataset.from_file("survey.csv", survey.csv())


def published_breakdowns(survey: Survey) -> list[dict]:
    return breakdowns(load(survey), Settings(min_group_size=survey.k))


def person(rng: random.Random, period: str, function: str | None, department: str) -> Respondent:
    """Random answers: sometimes every item of one tactic skipped, some blanks, never a row with no answer."""
    skipped = rng.choice(list(TACTIC_ITEMS)) if rng.random() < 0.25 else None
    answers: dict[str, int | None] = {}
    for tactic, items in TACTIC_ITEMS.items():
        for item in items:
            answers[item] = None if tactic == skipped or rng.random() < 0.15 else rng.randint(1, 5)
    answers[OVERALL_ITEM] = None if rng.random() < 0.3 else rng.randint(1, 5)
    if all(value is None for value in answers.values()):
        answers[next(iter(ITEMS))] = rng.randint(1, 5)  # a row without answers would be dropped on load
    return Respondent(period, function, department, answers)


@st.composite
def surveys(draw: st.DrawFn) -> Survey:
    """1-3 periods, 2-5 departments; each department has a home function with 0-12 people per period (often
    1-4), a few people of the other function (0-3) and a few with a blank function (0-2)."""
    periods = PERIODS[: draw(st.integers(1, 3))]
    departments = DEPARTMENTS[: draw(st.integers(2, 5))]
    home = {department: draw(st.sampled_from(FUNCTIONS)) for department in departments}
    rng = draw(st.randoms(use_true_random=False))
    respondents = []
    for period, department in itertools.product(periods, departments):
        for function in (*FUNCTIONS, None):
            if function == home[department]:
                size = draw(st.one_of(st.integers(0, 4), st.integers(0, 12)))
            elif function is None:
                size = draw(st.integers(0, 2))
            else:
                size = draw(st.integers(0, 3))
            respondents.extend(person(rng, period, function, department) for _ in range(size))
    assume(respondents)
    return Survey(respondents, k=draw(st.sampled_from([3, 5])))


def people(
    count: int, period: str, function: str | None, department: str, skip: tuple[str, ...] = (), seed: int = 0
) -> list[Respondent]:
    """`count` respondents answering every item except those of the tactics in `skip`."""
    rng = random.Random(f"{seed}/{period}/{function}/{department}")
    return [
        Respondent(
            period,
            function,
            department,
            {item: None if ITEM_TACTIC[item] in skip else rng.randint(1, 5) for item in ITEMS},
        )
        for _ in range(count)
    ]


# -------------------------------------------------------------------------------------- ground truth


def long_answers(survey: Survey) -> pd.DataFrame:
    records = [
        {
            "respondent": number,
            "period": p.period,
            "function": p.function or UNKNOWN,
            "department": p.department,
            "item": item,
            "tactic": ITEM_TACTIC[item],
            "answer": float(value),
        }
        for number, p in enumerate(survey.respondents)
        for item, value in p.answers.items()
        if value is not None
    ]
    columns = ["respondent", "period", "function", "department", "item", "tactic", "answer"]
    return pd.DataFrame.from_records(records, columns=columns)


def tactic_atoms(survey: Survey) -> dict[str, dict[tuple, tuple[int, float]]]:
    """Per tactic: (period, function, department) -> (respondents counted, sum of their tactic means), each
    respondent's tactic mean by the documented missing-answer rule (tests/by_hand.tactic_means)."""
    answers = long_answers(survey).dropna(subset=["tactic"])
    people = pd.DataFrame(
        [(p.period, p.function or UNKNOWN, p.department) for p in survey.respondents],
        columns=["period", "function", "department"],
    )
    truth: dict[str, dict[tuple, tuple[int, float]]] = {tactic: {} for tactic in TACTIC_ITEMS}
    for tactic, items in TACTIC_ITEMS.items():
        wide = answers[answers["tactic"] == tactic].pivot_table(index="respondent", columns="item", values="answer")
        if wide.empty:
            continue
        wide = wide.reindex(range(len(survey.respondents)))
        means = by_hand.tactic_means(wide, [i for i in items if i in wide.columns])
        atoms = people.assign(mean=means).dropna(subset=["mean"]).groupby(["period", "function", "department"])["mean"]
        for atom, row in atoms.agg(["count", "sum"]).iterrows():
            truth[tactic][tuple(atom)] = (int(row["count"]), float(row["sum"]))
    return truth


def item_atoms(survey: Survey) -> dict[str, dict[tuple, tuple[int, float]]]:
    """Per item: (period, function, department) -> (answers, sum of answers)."""
    atoms = long_answers(survey).groupby(["item", "period", "function", "department"])["answer"].agg(["count", "sum"])
    truth: dict[str, dict[tuple, tuple[int, float]]] = {item: {} for item in ITEMS}
    for (item, *atom), row in atoms.iterrows():
        truth[item][tuple(atom)] = (int(row["count"]), float(row["sum"]))
    return truth


def respondent_atoms(survey: Survey) -> dict[tuple, int]:
    sizes: dict[tuple, int] = {}
    for p in survey.respondents:
        atom = (p.period, p.function or UNKNOWN, p.department)
        sizes[atom] = sizes.get(atom, 0) + 1
    return sizes


def covers(selector: tuple, atom: tuple) -> bool:
    """A cell or group (None = all) covers an atom; a None function covers IT, Business and unknown."""
    return all(wanted is None or wanted == value for wanted, value in zip(selector, atom, strict=True))


def total(atoms: dict[tuple, tuple[int, float]], selector: tuple) -> tuple[int, float]:
    n = sum(count for atom, (count, _) in atoms.items() if covers(selector, atom))
    s = sum(value for atom, (_, value) in atoms.items() if covers(selector, atom))
    return n, s


def cell_key(entry: dict) -> tuple:
    return (entry["period"], entry["function"], entry["department"])


def describe(selector: tuple) -> str:
    names = ("period", "function", "department")[: len(selector)]
    return ", ".join(f"{name}={'all' if value is None else value}" for name, value in zip(names, selector, strict=True))


# ------------------------------------------------------------------------------------------ attacker


@dataclass
class Recovery:
    measure: str
    name: str  # tactic or item
    group: tuple
    n: int
    true_mean: float
    recovered_mean: float | None
    combination: list[tuple[float, tuple]]  # coefficient, published cell

    def __str__(self) -> str:
        terms = " ".join(f"{c:+.3g}*[{describe(cell)}]" for c, cell in self.combination)
        recovered = "n/a" if self.recovered_mean is None else f"{self.recovered_mean:.3f}"
        return (
            f"{self.measure} {self.name}: group ({describe(self.group)}) with n={self.n} is derivable: "
            f"true mean {self.true_mean:.3f}, recovered {recovered} = ({terms}) applied to n*score"
        )


class Attacker:
    """The published (not hidden) cells of one tactic or item, as rows of an indicator matrix over the atoms
    that have someone counted (the attacker knows the others contribute nothing)."""

    def __init__(self, measure: str, name: str, atoms: dict[tuple, tuple[int, float]], entries: list[dict]) -> None:
        self.measure, self.name, self.truth = measure, name, atoms
        self.atoms = [atom for atom, (n, _) in atoms.items() if n > 0]
        field_name = "tactic" if measure == "tactic" else "item"
        self.cells = [
            (cell_key(e), e["n"], e["score"])
            for e in entries
            if e["measure"] == measure and e[field_name] == name and not e["hidden"]
        ]
        self.matrix = np.array([[covers(key, atom) for atom in self.atoms] for key, _, _ in self.cells], dtype=float).reshape(
            len(self.cells), len(self.atoms)
        )
        self.rank = np.linalg.matrix_rank(self.matrix, tol=RANK_TOLERANCE) if self.matrix.size else 0

    def vector(self, group: tuple) -> np.ndarray:
        return np.array([covers(group, atom) for atom in self.atoms], dtype=float)

    def spans(self, rows: list[int], target: np.ndarray) -> bool:
        if not rows:
            return not target.any()
        matrix = self.matrix[rows]
        rank = np.linalg.matrix_rank(matrix, tol=RANK_TOLERANCE)
        return np.linalg.matrix_rank(np.vstack([matrix, target]), tol=RANK_TOLERANCE) == rank

    def fewest_cells(self, target: np.ndarray) -> list[int]:
        """A small set of published cells whose combination gives `target`, for a readable failure message:
        drop cells, widest first, while the rest still give it."""
        used = list(range(len(self.cells)))
        for i in sorted(used, key=lambda i: -self.matrix[i].sum()):
            rest = [j for j in used if j != i]
            if self.spans(rest, target):
                used = rest
        return used

    def recover(self, group: tuple) -> Recovery | None:
        """How the attacker works out `group`, or None when its indicator is outside the published row space."""
        target = self.vector(group)
        if not target.any() or not self.cells:
            return None
        if np.linalg.matrix_rank(np.vstack([self.matrix, target]), tol=RANK_TOLERANCE) > self.rank:
            return None
        used = self.fewest_cells(target)
        rows = self.matrix[used]
        coefficients, *_ = np.linalg.lstsq(rows.T, target, rcond=None)
        ns = np.array([self.cells[i][1] for i in used], dtype=float)
        sums = np.array([self.cells[i][1] * self.cells[i][2] for i in used], dtype=float)
        n_recovered = float(coefficients @ ns)
        recovered = float(coefficients @ sums) / n_recovered if abs(n_recovered) > 1e-9 else None
        n, s = total(self.truth, group)
        combination = [(float(c), self.cells[i][0]) for c, i in zip(coefficients, used, strict=True) if abs(c) > 1e-9]
        return Recovery(self.measure, self.name, group, n, s / n, recovered, combination)


def attacker(survey: Survey, entries: list[dict], measure: str, name: str) -> Attacker:
    atoms = tactic_atoms(survey)[name] if measure == "tactic" else item_atoms(survey)[name]
    return Attacker(measure, name, atoms, entries)


def derivable(survey: Survey, entries: list[dict], measure: str, name: str, group: tuple) -> Recovery | None:
    """The shared question: can this group (None = all, function may be "unknown") be worked out of the
    published cells of this tactic or item? Returns how, or None."""
    return attacker(survey, entries, measure, name).recover(group)


def small_groups(survey: Survey, atoms: dict[tuple, tuple[int, float]], measure: str) -> list[tuple]:
    """Every atom and crossing (period or all) x (function or all, unknown included) x (department or all)
    with 0 < n < k, one per distinct set of atoms (the filters show every crossing of the three)."""
    periods = sorted({p.period for p in survey.respondents})
    departments = sorted({p.department for p in survey.respondents})
    functions = [None, *FUNCTIONS, UNKNOWN]
    axes = [[None, *periods], functions, [None, *departments]]
    seen: set[frozenset] = set()
    groups = []
    for group in itertools.product(*axes):
        covered = members(atoms, group)
        n = sum(atoms[atom][0] for atom in covered)
        if 0 < n < survey.k and covered not in seen:
            seen.add(covered)
            groups.append(group)
    return groups


def attack(survey: Survey, entries: list[dict]) -> list[Recovery | str]:
    """Every small group of every tactic and item that the published cells give away."""
    found = []
    for measure, truth in (("tactic", tactic_atoms(survey)), ("item", item_atoms(survey))):
        for name, atoms in truth.items():
            if not atoms:
                continue
            spy = Attacker(measure, name, atoms, entries)
            found.extend(r for group in small_groups(survey, atoms, measure) if (r := spy.recover(group)))
            found.extend(small_unions(spy, survey.k))
    return found


def small_unions(spy: Attacker, k: int) -> list[str]:
    """Sets of small atoms, fewer than k people together, whose sum the published cells give (e.g. two hidden
    departments of one person each, when the total and every other department are shown)."""
    small = [i for i, atom in enumerate(spy.atoms) if 0 < spy.truth[atom][0] < k]
    found = []
    for count in range(2, k):
        for union in itertools.combinations(small, count):
            if sum(spy.truth[spy.atoms[i]][0] for i in union) >= k or not spy.cells:
                continue
            target = np.zeros(len(spy.atoms))
            target[list(union)] = 1.0
            if np.linalg.matrix_rank(np.vstack([spy.matrix, target]), tol=RANK_TOLERANCE) == spy.rank:
                found.append(f"{spy.measure} {spy.name}: the union of {[spy.atoms[i] for i in union]} is derivable")
    return found


def assert_not_attackable(survey: Survey, entries: list[dict]) -> None:
    found = attack(survey, entries)
    assert not found, f"{len(found)} small group(s) derivable:\n" + "\n".join(map(str, found))


# ------------------------------------------------------------------------------------ property test


def check_entries(survey: Survey, entries: list[dict]) -> None:
    """The list itself: hidden cells carry nothing, published cells are true and not small, totals exist."""
    k = survey.k
    tactics, items, sizes = tactic_atoms(survey), item_atoms(survey), respondent_atoms(survey)
    keys = [(e["measure"], cell_key(e), e["tactic"], e["item"]) for e in entries]
    assert len(keys) == len(set(keys)), "a cell is listed twice"
    for e in entries:
        where = f"{e['measure']} {e['tactic'] or ''} {e['item'] or ''} ({describe(cell_key(e))})"
        if e["hidden"]:
            assert e["n"] is None and e["score"] is None, f"hidden {where} shows n={e['n']}, score={e['score']}"
            # a hidden cell is a group that exists: it has respondents, whether or not they answered (a small group
            # that skipped a question is hidden like one that answered it)
            people_there = total({atom: (n, 0.0) for atom, n in sizes.items()}, cell_key(e))[0]
            assert people_there > 0, f"hidden {where} is listed but has nobody in it"
            continue
        assert e["n"] is not None and not (0 < e["n"] < k), f"published {where} has n={e['n']} < k={k}"
        if e["measure"] == "respondents":
            assert e["score"] is None, f"{where} has a score"
            atoms = {atom: (n, 0.0) for atom, n in sizes.items()}
            truth_n, _ = total(atoms, cell_key(e))
            assert e["n"] == truth_n, f"{where}: n={e['n']}, truth {truth_n}"
            continue
        if e["measure"] == "tactic":
            truth_n, truth_sum = total(tactics[e["tactic"]], cell_key(e))
        else:
            assert e["tactic"] == ITEM_TACTIC[e["item"]], f"{where}: tactic {e['tactic']}"
            truth_n, truth_sum = total(items[e["item"]], cell_key(e))
        assert truth_n > 0, f"{where} is listed but has nobody counted"
        assert e["n"] == truth_n, f"{where}: n={e['n']}, truth {truth_n}"
        assert abs(e["score"] - truth_sum / truth_n) <= SCORE_TOLERANCE, (
            f"{where}: score {e['score']}, truth {truth_sum / truth_n:.4f}"
        )
    listed = {(e["measure"], e["tactic"], cell_key(e)) for e in entries}
    for tactic, atoms in tactics.items():
        if atoms:
            assert ("tactic", tactic, (None, None, None)) in listed, f"no overall {tactic} cell"


@hypothesis_settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(surveys())
def test_no_small_group_can_be_worked_out_of_the_breakdowns(survey: Survey) -> None:
    entries = published_breakdowns(survey)
    check_entries(survey, entries)
    assert_not_attackable(survey, entries)


# ------------------------------------------------------------------------------- regression cases

K = 5


def members(atoms: dict[tuple, tuple[int, float]], selector: tuple) -> frozenset:
    """The atoms with someone counted that a cell or group covers: two cells with the same members are the
    same figure, whatever their keys (a Business-only department's all-functions cell is its Business cell)."""
    return frozenset(atom for atom, (n, _) in atoms.items() if n > 0 and covers(selector, atom))


def hidden_groups(survey: Survey, entries: list[dict], tactic: str) -> set[frozenset]:
    atoms = tactic_atoms(survey)[tactic]
    return {members(atoms, cell_key(e)) for e in entries if e["measure"] == "tactic" and e["tactic"] == tactic and e["hidden"]}


def test_business_total_minus_visible_departments_does_not_give_the_small_one():
    q1, q2 = PERIODS[:2]
    survey = Survey(
        [
            *people(8, q1, "Business", "Sales"),
            *people(7, q1, "Business", "Ops"),
            *people(6, q1, "Business", "Finance"),
            *people(2, q1, "Business", "Legal"),
            *people(9, q1, "IT", "Infra"),
            *people(8, q2, "Business", "Sales"),
            *people(6, q2, "Business", "Legal"),
            *people(9, q2, "IT", "Infra"),
        ],
        k=K,
    )
    entries = published_breakdowns(survey)
    check_entries(survey, entries)
    for tactic in TACTIC_ITEMS:
        recovery = derivable(survey, entries, "tactic", tactic, (q1, "Business", "Legal"))
        assert recovery is None, str(recovery)
        atoms = tactic_atoms(survey)[tactic]
        family = {members(atoms, (q1, "Business", d)) for d in (None, "Sales", "Ops", "Finance", "Legal")}
        assert len(hidden_groups(survey, entries, tactic) & family) >= 2, (
            f"{tactic}: only the 2-person department is hidden among Business {q1} and its departments"
        )
    assert_not_attackable(survey, entries)


def test_it_all_periods_minus_the_visible_period_does_not_give_the_small_wave():
    q1, q2 = PERIODS[:2]
    survey = Survey(
        [
            *people(12, q1, "IT", "Infra"),
            *people(2, q2, "IT", "Infra"),
            *people(10, q1, "Business", "Sales"),
            *people(9, q2, "Business", "Sales"),
            *people(7, q1, "Business", "Ops"),
            *people(8, q2, "Business", "Ops"),
        ],
        k=K,
    )
    entries = published_breakdowns(survey)
    check_entries(survey, entries)
    for tactic in TACTIC_ITEMS:
        for group in ((q2, "IT", "Infra"), (q2, "IT", None)):
            recovery = derivable(survey, entries, "tactic", tactic, group)
            assert recovery is None, str(recovery)
    for item in ITEMS:
        recovery = derivable(survey, entries, "item", item, (q2, "IT", None))
        assert recovery is None, str(recovery)
    assert_not_attackable(survey, entries)


def test_overall_minus_visible_departments_does_not_give_a_department_that_skipped_a_tactic():
    q1 = PERIODS[0]
    survey = Survey(
        [
            *people(8, q1, "Business", "Sales"),
            *people(7, q1, "Business", "Ops"),
            *people(6, q1, "IT", "Infra"),
            *people(2, q1, "Business", "Legal", skip=("MET",)),
        ],
        k=K,
    )
    entries = published_breakdowns(survey)
    check_entries(survey, entries)
    for tactic in ("REL", "TRU"):  # the tactics Legal answered
        for group in ((q1, "Business", "Legal"), (q1, None, "Legal")):
            recovery = derivable(survey, entries, "tactic", tactic, group)
            assert recovery is None, str(recovery)
    assert_not_attackable(survey, entries)


def test_a_department_that_skipped_a_tactic_does_not_cover_a_small_one_for_that_tactic():
    # Legal (2) and Finance (3) are both small; hidden together they make 5 respondents, but Finance answered
    # no REL item and Legal no MET item, so for REL the two hidden cells hold Legal's answers alone and for
    # MET Finance's: overall minus the visible departments would give each away.
    q1 = PERIODS[0]
    survey = Survey(
        [
            *people(8, q1, "Business", "Sales"),
            *people(7, q1, "Business", "Ops"),
            *people(6, q1, "IT", "Infra"),
            *people(2, q1, "Business", "Legal", skip=("MET",)),
            *people(3, q1, "Business", "Finance", skip=("REL",)),
        ],
        k=K,
    )
    entries = published_breakdowns(survey)
    check_entries(survey, entries)
    for tactic, department in (("REL", "Legal"), ("TRU", "Legal"), ("TRU", "Finance"), ("MET", "Finance")):
        recovery = derivable(survey, entries, "tactic", tactic, (q1, None, department))
        assert recovery is None, str(recovery)
    assert_not_attackable(survey, entries)


def test_two_it_people_in_a_business_department_cannot_be_worked_out():
    q1, q2 = PERIODS[:2]
    survey = Survey(
        [
            *people(12, q1, "Business", "Sales"),
            *people(2, q1, "IT", "Sales"),
            *people(10, q1, "IT", "Infra"),
            *people(8, q1, "Business", "Finance"),
            *people(9, q2, "Business", "Sales"),
            *people(10, q2, "IT", "Infra"),
        ],
        k=K,
    )
    entries = published_breakdowns(survey)
    check_entries(survey, entries)
    for tactic in TACTIC_ITEMS:
        for group in ((q1, "IT", "Sales"), (None, "IT", "Sales")):
            recovery = derivable(survey, entries, "tactic", tactic, group)
            assert recovery is None, str(recovery)
    assert_not_attackable(survey, entries)


def test_the_attacker_finds_a_naive_subtraction():
    """The attacker itself: with only primary suppression, total minus the visible department gives the
    hidden one, and a blank function is covered only by all-functions cells."""
    q1 = PERIODS[0]
    survey = Survey([*people(8, q1, "IT", "Infra"), *people(2, q1, "Business", "Legal"), *people(1, q1, None, "Legal")])
    naive = [
        {"measure": "tactic", "period": None, "function": None, "department": None, "tactic": "REL", "item": None},
        {"measure": "tactic", "period": None, "function": None, "department": "Infra", "tactic": "REL", "item": None},
        {"measure": "tactic", "period": None, "function": "IT", "department": None, "tactic": "REL", "item": None},
    ]
    truth = tactic_atoms(survey)["REL"]
    for e in naive:
        n, s = total(truth, cell_key(e))
        e.update(n=n, score=round(s / n, 3), hidden=False, reason=None)
    legal = derivable(survey, naive, "tactic", "REL", (None, None, "Legal"))
    assert legal is not None and legal.n == 3
    assert abs(legal.recovered_mean - legal.true_mean) < 0.01
    assert derivable(survey, naive, "tactic", "REL", (None, "Business", "Legal")) is None
    assert derivable(survey, naive, "tactic", "REL", (None, UNKNOWN, None)) is None
    assert derivable(survey, naive, "tactic", "TRU", (None, None, "Legal")) is None  # nothing published for TRU


def test_the_command_line_json_publishes_the_same_safe_cells(tmp_path, capsys):
    """`python -m alignment analyze FILE --json` lists the same breakdowns, with the threshold of its config."""
    q1 = PERIODS[0]
    survey = Survey(
        [
            *people(12, q1, "Business", "Sales"),
            *people(2, q1, "IT", "Sales"),
            *people(1, q1, None, "Sales"),
            *people(6, q1, "IT", "Infra"),
            *people(2, q1, "Business", "Legal", skip=("MET",)),
        ],
        k=3,
    )
    path = tmp_path / "survey.csv"
    path.write_bytes(survey.csv())
    config = tmp_path / "alignment.toml"
    config.write_text("[privacy]\nmin_group_size = 3\n")
    assert main(["analyze", str(path), "--config", str(config), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["breakdowns"]
    assert listed == published_breakdowns(survey)
    check_entries(survey, listed)
    assert_not_attackable(survey, listed)


SILENT_GROUPS_CASE = """r1,2026-Q1,IT,Finance,,,4,,,2,2
r2,2026-Q1,IT,Finance,,,2,4,,,3
r3,2026-Q1,IT,Finance,,,5,,,4,4
r4,2026-Q1,IT,Finance,,1,,1,,,1
r5,2026-Q1,IT,Finance,,4,,,4,5,
r6,2026-Q1,IT,Finance,,,3,4,4,1,
r7,2026-Q1,IT,Finance,,1,,5,1,,5
r8,2026-Q1,Business,Finance,,2,,,3,2,3
r9,2026-Q1,Business,Finance,1,5,3,4,,1,2
r10,2026-Q1,,Finance,5,,,2,1,,2
r11,2026-Q1,IT,Infra,1,4,5,,,3,
r12,2026-Q1,IT,Infra,,1,,,5,4,
r13,2026-Q1,IT,Infra,,1,,,1,2,2
r14,2026-Q1,Business,Infra,,5,3,3,,1,
r15,2026-Q1,,Infra,,,4,2,4,,
r16,2026-Q1,Business,Legal,,,,,3,,
r17,2026-Q1,Business,Legal,,,,,1,,
r18,2026-Q2,IT,Finance,,,,5,1,4,5
r19,2026-Q2,IT,Finance,,,,2,2,3,
r20,2026-Q2,IT,Infra,,,,3,,3,4
r21,2026-Q2,Business,Infra,,,1,,1,4,
r22,2026-Q2,Business,Infra,5,3,5,3,,4,2
r23,2026-Q2,Business,Infra,2,,,,,4,3
r24,2026-Q2,Business,Infra,,,5,3,3,1,4
r25,2026-Q2,,Ops,1,,,,,,
"""


def survey_from_rows(text: str, k: int) -> Survey:
    """A survey written as the rows of its CSV file (without the header)."""
    return Survey(
        [
            Respondent(p, f or None, d, {item: int(v) if v else None for item, v in zip(ITEMS, answers, strict=True)})
            for _, p, f, d, *answers in (row.split(",") for row in text.strip().splitlines())
        ],
        k=k,
    )


def test_an_insider_who_knows_who_skipped_cannot_work_out_a_small_group():
    # Found by hypothesis when silent groups were decided as if they had answered, and only so: the REL cells of
    # all periods x Finance, all periods x IT, 2026-Q1 and 2026-Q1 x IT x Finance combine into the one Business
    # person in Infra in 2026-Q1 plus groups that answered no REL statement, which an insider knows add nothing.
    survey = survey_from_rows(SILENT_GROUPS_CASE, k=3)
    entries = published_breakdowns(survey)
    check_entries(survey, entries)
    assert derivable(survey, entries, "tactic", "REL", (PERIODS[0], "Business", "Infra")) is None
    assert_not_attackable(survey, entries)
