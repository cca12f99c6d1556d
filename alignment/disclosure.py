"""The one disclosure-control layer: every aggregate the app, the command line or an export shows comes
from here, already suppressed. Pages and checks never compute a group statistic on their own.

Three measures are published, each as cells over atomic groups (period × function × department):

- tactic: per tactic, (period | all) × (function | all) × (department | all): respondents who answered the
  tactic, the mean of their tactic means, its spread, favourable answers;
- item: per statement, the same cells: answers, their mean, favourable share, distribution;
- respondents: the same cells, counting everyone (the filters, response rates, comment share).

Every filter the app offers (period, department, function, and any combination) is one of these cells.

For each measure the suppression is decided once, over every period, "all periods", every function and
department together (suppression.suppress): a cell with fewer than k respondents is hidden, and further
cells are hidden until no small group — a hidden cell, an atom such as two IT people in a Business
department, or any crossing no view shows — is a linear combination of the published cells.
An item cell is published only where its tactic's cell of the same period and function is, so the means
of the statements can never be combined into a hidden tactic mean. A comment is shown only when its
writer's atomic group has at least k respondents, the same in every view, so comparing the comments of
two views never narrows one down to a small group.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, replace
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .dataset import Dataset
from .db import quote_identifier
from .drivers import Drivers, driver_analysis
from .history import against, atom_ids, by_measure, published_entries
from .ingest import NOT_GIVEN
from .integer_audit import AuditTooLarge, Budget, Shown, Unknowns, exact_groups, narrowed, statement_unknowns, sum_unknowns
from .offered import FUNCTIONS, IMPORTANCE_IDS, STATED_IMPORTANCE_MIN_N, audit_list
from .protection import distribution_shown
from .stats import Reliability, reliability
from .suppression import PRIMARY, SECONDARY, Cell, suppress
from .tactic_means import adjusted_means
from .tactics import TACTIC_CODES, TACTICS_BY_CODE

ALL = None
UNKNOWN_FUNCTION = "(unknown)"  # respondents whose function is neither IT nor Business
PROTECTED_TEXT = "hidden so that a small group cannot be worked out"
_DIMENSIONS = ("period", "function", "department")
_FAVOURABLE_ABOVE = 3.5
_LEVELS = range(1, 6)
_LEVEL_SUMS = tuple(f"level{v}" for v in _LEVELS)
AUDIT_ROUNDS = 4  # rounds of hiding what the integer audit names before a measure is published for whole periods only
RELIABILITY_MIN_N = 30  # respondents who answered each pair of a tactic's statements, for Cronbach's alpha


def hidden_label(min_group_size: int) -> str:
    return f"hidden: fewer than {min_group_size} responses"


@dataclass(frozen=True)
class Figure:
    """One published cell. A hidden cell carries no numbers, only why it is hidden."""

    n: int | None
    mean: float | None = None
    sd: float | None = None
    favourable_pct: float | None = None
    reason: str | None = None  # set when hidden
    distribution: tuple[int, ...] | None = None  # a statement's answers at levels 1-5, where the page shows them

    @property
    def hidden(self) -> bool:
        return self.reason is not None


@functools.lru_cache(maxsize=64)
def _structure(keys: tuple[tuple, ...]) -> tuple[list[tuple], list[tuple[int, ...]], list[int], tuple]:
    """The crossings of atoms with these keys (each dimension given or all = None): each cell's key, its atoms,
    how many dimensions it gives, and the cells' atoms flattened with each cell's offset (for np.add.reduceat).
    The same for every measure whose atoms are the same groups (most statements of a survey), so it is built once."""
    cell_keys, members, given = [], [], []
    width = len(keys[0]) if keys else 0
    for keep in itertools.product((True, False), repeat=width):
        groups: dict[tuple, list[int]] = {}
        for index, key in enumerate(keys):
            groups.setdefault(tuple(v if k else None for v, k in zip(key, keep, strict=True)), []).append(index)
        for key, atoms in groups.items():
            cell_keys.append(key)
            members.append(tuple(atoms))
            given.append(sum(keep))
    flat = np.fromiter((a for m in members for a in m), dtype=np.int64, count=sum(len(m) for m in members))
    offsets = np.cumsum([0, *(len(m) for m in members[:-1])]).astype(np.int64)
    return cell_keys, members, given, (flat, offsets)


def _crossings(atoms: pd.DataFrame, dims: tuple[str, ...], sums: tuple[str, ...]) -> list[SimpleNamespace]:
    """Every crossing of `dims` (each one given or all = None) with its summed statistics, its atoms and `key`."""
    keys = tuple(zip(*(atoms[d].tolist() for d in dims), strict=True))
    cell_keys, members, given, (flat, offsets) = _structure(keys)
    totals = np.add.reduceat(atoms[list(sums)].to_numpy(dtype=float)[flat], offsets, axis=0) if keys else []
    return [
        SimpleNamespace(
            key=key,
            atoms=atoms_of,
            given=count,
            **dict(zip(dims, key, strict=True)),
            **dict(zip(sums, map(float, total), strict=True)),
        )
        for key, atoms_of, count, total in zip(cell_keys, members, given, totals, strict=True)
    ]


def _decide(
    cells: list[SimpleNamespace],
    atoms: pd.DataFrame,
    k: int,
    published,
    withheld: set = frozenset(),
    memo: dict | None = None,
    earlier: list | None = None,
) -> list:
    """Set each cell's `published_shape` (a view shows this cell) and `status` (None, PRIMARY or SECONDARY).
    The decision depends only on the cells' atoms, the atoms' sizes and what is withheld, so with `memo` a
    measure with the same groups as one decided before (statements everyone answered) takes that decision.
    `earlier`: the cells of this measure published before (history.py), which count as published."""
    for cell in cells:
        cell.published_shape = published(cell.key)
    sizes = atoms["n"].to_numpy()
    present = atoms["people"].to_numpy() if "people" in atoms else sizes
    key = (tuple(c.key for c in cells), tuple(int(n) for n in sizes), tuple(int(n) for n in present), frozenset(withheld), k)
    if memo is not None and not earlier and key in memo:
        status = memo[key]
    else:
        # Groups are taken whole, the largest over all periods first, so the same small group is hidden in every period.
        overall = {cell.key[1:]: cell.n for cell in cells if cell.key[0] is None}
        candidates = [
            Cell(c.key, c.atoms, (_late(c.key), -overall.get(c.key[1:], 0), c.given)) for c in cells if c.published_shape
        ]
        columns, before = sizes, {}
        if earlier:  # what was published before counts as published; ghost columns for what changed since
            columns, known, guard = against(earlier, atom_ids(atoms), sizes, k)
            before = {"known": known, "guard": guard}
        # a ghost column (an earlier version of a group) has someone in it: its size, at least 1
        present = np.concatenate([np.asarray(present, dtype=np.int64), np.asarray(columns[len(sizes) :], dtype=np.int64)])
        status = suppress(
            candidates, np.asarray(columns), k, protect=[c.atoms for c in cells], withheld=withheld, present=present, **before
        )
        if memo is not None and not earlier:
            memo[key] = status
    for cell in cells:
        cell.status = status.get(cell.key)
    return cells


def _shown_shape(row) -> bool:
    """Views show every crossing of period, function and department, but never "function unknown" on its own."""
    return row[1] != UNKNOWN_FUNCTION


def _whole_periods(key: tuple) -> bool:
    """A period or all periods, for everyone: what a measure publishes when its small groups are too many and too
    tangled to audit. Every group inside a period can then trade answers with every other, and a small group's range
    is narrower than the protection interval only when the period answered alike (the unanimous-group limit)."""
    return key[1] is None and key[2] is None


def _late(key: tuple) -> bool:
    """Function × department cells (the filters' crossings) are decided after every per-period, per-function and
    per-department cell, so they never take a place from one of those: they are published only where that is safe."""
    return key[1] is not None and key[2] is not None


class Disclosure:
    """What may be published of one dataset at anonymity threshold k, decided once for every view."""

    def __init__(self, dataset: Dataset, k: int) -> None:
        self.k = k
        self.periods = dataset.periods()
        self._tactics: dict[tuple, Figure] = {}
        self._items: dict[tuple, Figure] = {}
        self._respondents: dict[tuple, Figure] = {}
        self.listed: list[dict] = []
        self._earlier = by_measure(getattr(dataset, "history", None) or [])  # a workspace's publication history
        self.new_publications: list[dict] = []
        self._recording = getattr(dataset, "on_publish", None) is not None
        self._budget = Budget()  # integer programmes the audit may run for this dataset
        self._decide_respondents(dataset)
        tactic_status = self._decide_tactics(dataset)
        self._decide_items(dataset, tactic_status)
        functions = dataset.query(
            "SELECT department, coalesce(function, $unknown) AS function, count(*) AS n FROM respondents GROUP BY 1, 2",
            {"unknown": UNKNOWN_FUNCTION},
        ).sort_values(["department", "n", "function"], ascending=[True, False, True])
        self.department_function = functions.drop_duplicates("department").set_index("department")["function"].to_dict()
        self.departments = sorted(self.department_function)
        self.item_text = dataset.query("SELECT id, text, reverse FROM items").set_index("id")
        if self.new_publications and self._recording:
            dataset.on_publish(self.new_publications)  # appended to the workspace's history, never changed

    def _decided(
        self, measure: str, key: str | None, cells: list, atoms: pd.DataFrame, withheld=frozenset(), memo=None, audit=None
    ):
        """_decide against what was published before, and what it publishes now remembered for the history. With
        `audit` (cells -> the keys of cells to hide), cells are hidden until it finds nothing; after AUDIT_ROUNDS
        rounds, or when the audit is too large, the measure is published for whole periods only."""
        earlier = self._earlier.get((measure, key), [])
        withheld = set(withheld)
        for round_ in itertools.count(1):
            cells = _decide(cells, atoms, self.k, _shown_shape, withheld, memo, earlier)
            self._budget.start_measure()
            try:
                extra = audit(cells) if audit is not None else set()
                if extra and round_ == AUDIT_ROUNDS:
                    raise AuditTooLarge(f"still narrowing after {round_} rounds")
            except AuditTooLarge:  # groups too many and too tangled to audit: whole periods only, which need no audit
                cells = _decide(cells, atoms, self.k, _whole_periods, withheld, None, earlier)
                for cell in cells:
                    if _shown_shape(cell.key) and not cell.published_shape:
                        cell.published_shape, cell.status = True, cell.status or SECONDARY
                break
            if not extra:
                break
            withheld |= extra
        if self._recording:
            self.new_publications += published_entries(measure, key, cells, atom_ids(atoms), earlier)
        return cells

    # ---------------------------------------------------------------------------- deciding

    def _reason(self, status: str | None) -> str | None:
        if status is None:
            return None
        return hidden_label(self.k) if status == PRIMARY else PROTECTED_TEXT

    def _every_group(self, answered: pd.DataFrame, sums: tuple[str, ...]) -> pd.DataFrame | None:
        """A measure's atoms: every period x function x department group with respondents, with its sums over those
        who answered (zero where nobody did) and its respondents (`people`), so that a small group that skipped the
        question is protected exactly as one that answered it. None when nobody answered at all."""
        if answered.empty:
            return None
        atoms = self._groups.merge(answered[[*_DIMENSIONS, *sums]], on=list(_DIMENSIONS), how="left")
        atoms[list(sums)] = atoms[list(sums)].fillna(0)
        return atoms.sort_values(list(_DIMENSIONS)).reset_index(drop=True)

    def _decide_respondents(self, dataset: Dataset) -> None:
        atoms = dataset.query(
            """SELECT period, coalesce(function, $unknown) AS function, department, count(*) AS n,
                      count(*) FILTER (WHERE commented) AS commented
               FROM respondents GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
            {"unknown": UNKNOWN_FUNCTION},
        )
        self.comment_atoms = {
            (p, f, d)
            for p, f, d, n in atoms[["period", "function", "department", "n"]].itertuples(index=False, name=None)
            if n >= self.k
        }
        self._groups = atoms[[*_DIMENSIONS, "n"]].rename(columns={"n": "people"})
        cells = self._decided("respondents", None, _crossings(atoms, _DIMENSIONS, ("n", "commented")), atoms)
        self.unknown_function_periods = {c.period for c in cells if c.function == UNKNOWN_FUNCTION and c.department is None}
        for row in (c for c in cells if c.published_shape):
            key = (row.period, row.function, row.department)
            reason = self._reason(row.status)
            figure = Figure(None, reason=reason) if reason else Figure(int(row.n), mean=row.commented / row.n)
            self._respondents[key] = figure
            self.listed.append(
                {
                    "measure": "respondents",
                    "tactic": None,
                    "item": None,
                    **dict(zip(_DIMENSIONS, key, strict=True)),
                    "figure": figure,
                }
            )

    def _decide_tactics(self, dataset: Dataset) -> dict[tuple, str | None]:
        groups = dataset.query(
            """SELECT tactic, period, coalesce(function, $unknown) AS function, department, respondents AS n,
                      mean_sum, mean_square_sum, answers, favourable
               FROM tactic_groups ORDER BY 1, 2, 3, 4""",
            {"unknown": UNKNOWN_FUNCTION},
        )
        status_of: dict[tuple, str | None] = {}
        sums = ("n", "mean_sum", "mean_square_sum", "answers", "favourable")
        counted = dataset.query("SELECT tactic, count(DISTINCT item) AS m FROM item_counts GROUP BY 1")
        statements = dict(zip(counted["tactic"], counted["m"].astype(int), strict=True))
        for tactic in TACTIC_CODES:
            atoms = self._every_group(groups[groups["tactic"] == tactic], sums)
            if atoms is None:
                continue
            complete = atoms["answers"].to_numpy() == atoms["n"].to_numpy() * statements.get(tactic, 0)
            unknowns = sum_unknowns(atoms["n"].to_numpy(), atoms["mean_sum"].to_numpy(), complete, statements.get(tactic, 1))
            audit = functools.partial(_narrowing, unknowns=unknowns, k=self.k, shown=_shown_tactic, budget=self._budget)
            cells = self._decided("tactic", tactic, _crossings(atoms, _DIMENSIONS, sums), atoms, audit=audit)
            for row in cells:
                key = (row.period, row.function, row.department)
                status_of[(tactic, *key)] = row.status
                if not row.published_shape or _empty(row):
                    continue
                reason = self._reason(row.status)
                figure = (
                    Figure(None, reason=reason)
                    if reason
                    else _figure(row.n, row.mean_sum, row.mean_square_sum, row.favourable, row.answers)
                )
                self._tactics[(tactic, *key)] = figure
                self.listed.append(
                    {
                        "measure": "tactic",
                        "tactic": tactic,
                        "item": None,
                        **dict(zip(_DIMENSIONS, key, strict=True)),
                        "figure": figure,
                    }
                )
        return status_of

    def _decide_items(self, dataset: Dataset, tactic_status: dict[tuple, str | None]) -> None:
        counts = dataset.query(
            f"""SELECT item, tactic, period, coalesce(function, $unknown) AS function, department, sum(answers) AS n,
                      sum(score * answers) AS score_sum, sum(score * score * answers) AS square_sum,
                      sum(answers) FILTER (WHERE score > $favourable) AS favourable,
                      {", ".join(f"coalesce(sum(answers) FILTER (WHERE round(score) = {v}), 0) AS level{v}" for v in _LEVELS)}
               FROM item_counts GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5""",
            {"unknown": UNKNOWN_FUNCTION, "favourable": _FAVOURABLE_ABOVE},
        )
        counts["favourable"] = counts["favourable"].fillna(0)
        self.item_tactic = dict(zip(counts["item"], counts["tactic"], strict=False))
        overall = counts.groupby("item")[["score_sum", "n"]].sum()
        self.item_means = (overall["score_sum"] / overall["n"]).to_dict()  # over the whole file, as ingest adjusts with
        decided: dict = {}  # statements answered by the same groups share one decision
        sums = ("n", "score_sum", "square_sum", "favourable", *_LEVEL_SUMS)
        for item, answered in counts.groupby("item", sort=True):
            tactic = answered["tactic"].iloc[0]
            atoms = self._every_group(answered, sums)
            cells = _crossings(atoms, _DIMENSIONS, sums)
            withheld = set()
            if tactic in TACTICS_BY_CODE:  # a statement of a tactic: never publish where the tactic is hidden
                withheld = {c.key for c in cells if tactic_status.get((tactic, *c.key))}
            levels = atoms[list(_LEVEL_SUMS)].to_numpy()
            audit = None
            if np.allclose(levels.sum(axis=1), atoms["n"]) and np.allclose(levels @ np.arange(1, 6), atoms["score_sum"]):
                least = STATED_IMPORTANCE_MIN_N if item in IMPORTANCE_IDS else 1  # shown only from that n on
                shown = functools.partial(_shown_item, distributed=tactic in TACTICS_BY_CODE, least=least)
                unknowns = (  # answers at each level where a distribution is shown; without one, sums say as much
                    statement_unknowns(levels)
                    if tactic in TACTICS_BY_CODE
                    else sum_unknowns(atoms["n"].to_numpy(), atoms["score_sum"].to_numpy(), np.ones(len(atoms), bool))
                )
                audit = functools.partial(_narrowing, unknowns=unknowns, k=self.k, shown=shown, budget=self._budget)
            cells = self._decided("item", item, cells, atoms, withheld, decided, audit)
            for row in (c for c in cells if c.published_shape and not _empty(c)):
                key = (row.period, row.function, row.department)
                reason = None
                if row.status is not None:
                    inherited = tactic_status.get((tactic, *key)) if key in withheld else None
                    reason = self._reason(inherited or row.status)
                figure = (
                    Figure(None, reason=reason)
                    if reason
                    else _figure(row.n, row.score_sum, row.square_sum, row.favourable, row.n)
                )
                if not reason and tactic in TACTICS_BY_CODE and distribution_shown(key):  # charted on tactic pages only
                    figure = replace(figure, distribution=tuple(int(getattr(row, s)) for s in _LEVEL_SUMS))
                self._items[(item, *key)] = figure
                tactic_code = tactic if tactic in TACTICS_BY_CODE else None
                self.listed.append(
                    {
                        "measure": "item",
                        "tactic": tactic_code,
                        "item": item,
                        **dict(zip(_DIMENSIONS, key, strict=True)),
                        "figure": figure,
                    }
                )

    # --------------------------------------------------------------------------- publishing

    def tactic(
        self, code: str, period: str | None = ALL, function: str | None = ALL, department: str | None = ALL
    ) -> Figure | None:
        """A tactic's cell, or None when nobody in it answered the tactic."""
        return self._tactics.get((code, period, function, department))

    def item(
        self, item: str, period: str | None = ALL, function: str | None = ALL, department: str | None = ALL
    ) -> Figure | None:
        return self._items.get((item, period, function, department))

    def respondents(self, period: str | None = ALL, function: str | None = ALL, department: str | None = ALL) -> Figure | None:
        return self._respondents.get((period, function, department))

    def respondent_means(
        self, dataset: Dataset, period: str, function: str | None = ALL, department: str | None = ALL
    ) -> pd.DataFrame:
        """One row per respondent of a published period (and function and department when chosen), indexed by the
        respondent id as given (the same person in another period has the same index), one column per tactic
        whose cell is published: the respondent's tactic mean as the published cells count it (tactic_means: adjusted
        for the statements answered; blank below half of them). For tests between periods only: the rows themselves are never shown. Empty when the
        selection's respondent count is not published."""
        shown = [t for t in TACTIC_CODES if _published(self.tactic(t, period, function, department))]
        if not _published(self.respondents(period, function, department)) or not shown:
            return pd.DataFrame(columns=shown)
        columns = {t: sorted(i for i, of in self.item_tactic.items() if of == t) for t in shown}
        wanted = [c for t in shown for c in columns[t]]
        selected = ", ".join(f"s.{quote_identifier(c)}" for c in wanted)
        answers = dataset.query(
            f"""SELECT r.respondent, {selected} FROM scores s JOIN respondents r USING (respondent)
                WHERE r.period = $period AND ($function IS NULL OR r.function = $function)
                  AND ($department IS NULL OR r.department = $department)""",
            {"period": period, "function": function, "department": department},
        )
        # a respondent answering in several periods is keyed "id (period)" (ingest): the id as given joins the rounds
        suffix = f" ({period})"
        ids = [key[: -len(suffix)] if key.endswith(suffix) else key for key in answers["respondent"]]
        means = pd.DataFrame(
            {
                t: adjusted_means(answers[columns[t]].to_numpy(dtype=float), [self.item_means[i] for i in columns[t]])
                for t in shown
            }
        )
        means.index = pd.Index(ids, name="respondent")
        return means

    def has_unknown_function(self, period: str | None = ALL) -> bool:
        """Whether some respondents of the selection have neither IT nor Business as their function."""
        return period in self.unknown_function_periods

    def selectable_periods(self) -> list[str]:
        """Periods a user may filter on: those whose respondent count is published."""
        return [p for p in self.periods if _published(self.respondents(p))]

    def selectable_departments(self, period: str | None = ALL) -> list[str]:
        """Departments a user may filter on within a period: those whose respondent count is published there."""
        return [d for d in self.departments if d != NOT_GIVEN and _published(self.respondents(period, ALL, d))]

    def selectable_functions(self, period: str | None = ALL, department: str | None = ALL) -> list[str]:
        """IT and/or Business, where the selection's respondent count of that function is published."""
        return [f for f in FUNCTIONS if _published(self.respondents(period, f, department))]

    def department_grid(self, period: str | None = ALL, function: str | None = ALL) -> pd.DataFrame:
        """Department × tactic (of one function, when given): score and n where published, else why not (label)."""
        rows = []
        for department in self.departments:
            for code in TACTIC_CODES:
                figure = self.tactic(code, period, function, department)
                if figure is None and self.respondents(period, function, department) is None:
                    continue
                rows.append(
                    {
                        "department": department,
                        "function": self.department_function[department],
                        "tactic": code,
                        "tactic_name": TACTICS_BY_CODE[code].name,
                        "score": None if figure is None or figure.hidden else round(figure.mean, 2),
                        "n": None if figure is None or figure.hidden else figure.n,
                        "hidden": figure is not None and figure.hidden,
                        "label": "no answers" if figure is None else (figure.reason or f"{figure.mean:.2f}"),
                    }
                )
        grid = pd.DataFrame(
            rows, columns=["department", "function", "tactic", "tactic_name", "score", "n", "hidden", "label"]
        ).astype({"score": "float64", "n": "Int64"})
        by_department = grid.groupby("department")
        grid["department_hidden"] = by_department["hidden"].transform("any") & by_department["score"].transform(
            lambda s: s.isna().all()
        )
        return grid.sort_values(["function", "department", "tactic"]).reset_index(drop=True)

    def item_table(
        self, tactic: str, period: str | None = ALL, function: str | None = ALL, department: str | None = ALL
    ) -> pd.DataFrame:
        """Per statement of a tactic: mean and answers, IT and Business means (when no function is chosen), each
        only where published."""
        rows = []
        for item in sorted(i for i, t in self.item_tactic.items() if t == tactic):
            total = self.item(item, period, function, department)
            if total is None:
                continue
            split = {f: self.item(item, period, f, department) if function is ALL else None for f in FUNCTIONS}
            rows.append(
                {
                    "item": item,
                    "text": self.item_text.loc[item, "text"],
                    "reverse": bool(self.item_text.loc[item, "reverse"]),
                    "item_mean": None if total.hidden else round(total.mean, 2),
                    "item_n": total.n,
                    "it_mean": round(split["IT"].mean, 2) if _published(split["IT"]) else None,
                    "business_mean": round(split["Business"].mean, 2) if _published(split["Business"]) else None,
                    "hidden": total.hidden,
                    "reason": total.reason,
                }
            )
        columns = ["item", "text", "reverse", "item_mean", "item_n", "it_mean", "business_mean", "hidden", "reason"]
        return pd.DataFrame(rows, columns=columns).astype(
            {"item_mean": "float64", "it_mean": "float64", "business_mean": "float64"}
        )

    def item_distribution(
        self, tactic: str, period: str | None = ALL, function: str | None = ALL, department: str | None = ALL
    ) -> pd.DataFrame:
        """Per statement of a tactic whose distribution is published: answers and whole percentage at each scored
        level 1-5 (after reversal) that has answers."""
        rows = []
        for item in sorted(i for i, t in self.item_tactic.items() if t == tactic):
            figure = self.item(item, period, function, department)
            if figure is None or figure.distribution is None:
                continue
            text, reverse = self.item_text.loc[item, "text"], bool(self.item_text.loc[item, "reverse"])
            for level, answers in zip(_LEVELS, figure.distribution, strict=True):
                if answers:
                    rows.append((item, text, reverse, level, answers, float(round(100 * answers / figure.n))))
        return pd.DataFrame(rows, columns=["item", "text", "reverse", "level", "answers", "pct"])

    def reliability(
        self, dataset: Dataset, period: str | None = ALL, function: str | None = ALL, department: str | None = ALL
    ) -> dict[str, Reliability | str | None]:
        """Per tactic: stats.reliability of its statements over the respondents of a published selection (pairwise
        complete), or why it is not computed (a note); None when the tactic's cell is hidden or empty. Not computed
        when fewer than RELIABILITY_MIN_N respondents answered some pair of the statements. How many did is not in
        the note (a count that differs between selections would tell who skipped): the note is the same whatever
        the count."""
        shown = [t for t in TACTIC_CODES if _published(self.tactic(t, period, function, department))]
        columns = {t: sorted(i for i, of in self.item_tactic.items() if of == t) for t in shown}
        result: dict[str, Reliability | str | None] = dict.fromkeys(TACTIC_CODES)
        for tactic in shown:
            if len(columns[tactic]) < 2:
                result[tactic] = "needs at least two statements"
                continue
            # one tactic's answers at a time: a million respondents' every statement at once is a quarter of a GB
            computed = reliability(_answers(dataset, columns[tactic], period, function, department))
            if len(computed.item_total) < 2:
                result[tactic] = "not computed: fewer than two of its statements have any spread"
                continue
            if computed.n < RELIABILITY_MIN_N:
                result[tactic] = (
                    f"not computed: at least {RELIABILITY_MIN_N} respondents who answered every pair of its statements are needed"
                )
                continue
            result[tactic] = computed
        return result

    def derived_importance(
        self,
        dataset: Dataset,
        tactic: str,
        overall_item: str,
        period: str | None = ALL,
        function: str | None = ALL,
        department: str | None = ALL,
    ) -> Drivers | None:
        """The driver analysis of the overall statement on a tactic's published statements (relative weights with
        bootstrap intervals, alignment.drivers) over the respondents who answered all of them, at least
        DRIVER_MIN_N; None when the overall statement is not published, or too few answered."""
        selection = (period, function, department)
        if not _published(self.item(overall_item, *selection)):
            return None
        statements = [
            i for i in sorted(self.item_tactic) if self.item_tactic[i] == tactic and _published(self.item(i, *selection))
        ]
        if not statements:
            return None
        answers = _answers(dataset, [overall_item, *statements], *selection)
        return driver_analysis(answers[statements].to_numpy(dtype=float), answers[overall_item].to_numpy(dtype=float), statements)

    def derived_tactic_importance(
        self,
        dataset: Dataset,
        overall_item: str,
        period: str | None = ALL,
        function: str | None = ALL,
        department: str | None = ALL,
    ) -> Drivers | None:
        """The driver analysis of the overall statement on the published tactics' respondent means (relative
        weights with bootstrap intervals, alignment.drivers) over the respondents with every mean and the overall
        answer, at least DRIVER_MIN_N; None otherwise."""
        selection = (period, function, department)
        shown = [t for t in TACTIC_CODES if _published(self.tactic(t, *selection))]
        if not _published(self.item(overall_item, *selection)) or not shown:
            return None
        columns = {t: sorted(i for i, of in self.item_tactic.items() if of == t) for t in shown}
        wanted = [overall_item, *(c for t in shown for c in columns[t])]
        answers = _answers(dataset, wanted, *selection)
        means = np.column_stack([answers[columns[t]].mean(axis=1).to_numpy(dtype=float) for t in shown])
        return driver_analysis(means, answers[overall_item].to_numpy(dtype=float), shown)

    def comments(
        self, dataset: Dataset, tactic: str, period: str | None = ALL, function: str | None = ALL, department: str | None = ALL
    ) -> tuple[pd.DataFrame, bool]:
        """Comments on a tactic's open question whose writer's group is large enough, by department (and period
        only when one is chosen); and whether any were held back. The rule is per writer's atomic group, so a
        filter only narrows which comments are listed, never which may be."""
        comments = dataset.query(
            """
            SELECT r.period, coalesce(r.function, $unknown) AS function, r.department, c.text
            FROM comments c JOIN respondents r USING (respondent)
            WHERE c.tactic = $tactic AND ($period IS NULL OR r.period = $period)
              AND ($function IS NULL OR r.function = $function) AND ($department IS NULL OR r.department = $department)
            ORDER BY r.department, c.text
            """,
            {"tactic": tactic, "period": period, "function": function, "department": department, "unknown": UNKNOWN_FUNCTION},
        )
        atoms = comments[["period", "function", "department"]].itertuples(index=False, name=None)
        keep = np.array([key in self.comment_atoms for key in atoms], dtype=bool)
        shown = comments[keep].drop(columns=["function", "period"]).reset_index(drop=True)
        shown["department"] = shown["department"].replace({NOT_GIVEN: "—"})
        return shown, not all(keep)

    def breakdowns(self) -> list[dict]:
        """Every cell some page can show, hidden ones included (without numbers), for audit."""
        return audit_list(self)


def _answers(
    dataset: Dataset, columns: list[str], period: str | None, function: str | None = ALL, department: str | None = ALL
) -> pd.DataFrame:
    """The scored answers to the given items of the selection's respondents, one row per respondent."""
    selected = ", ".join(f"s.{quote_identifier(c)}" for c in columns)
    return dataset.query(
        f"""SELECT {selected} FROM scores s JOIN respondents r USING (respondent)
            WHERE ($period IS NULL OR r.period = $period) AND ($function IS NULL OR r.function = $function)
              AND ($department IS NULL OR r.department = $department)""",
        {"period": period, "function": function, "department": department},
    )


def _shown_tactic(cell) -> Shown | None:
    """What a page shows of a tactic cell, for the integer audit: its n and its mean to 2 decimals."""
    if not cell.published_shape or cell.status is not None or cell.n == 0:
        return None
    return Shown(cell.atoms, int(cell.n), round(cell.mean_sum / cell.n, 2))


def _shown_item(cell, distributed: bool, least: int = 1) -> Shown | None:
    """What a page can show of a statement cell: n, the mean to 2 decimals, and the distribution where it is charted
    (an importance question's cell only from `least` answers on, where the priorities chart uses it)."""
    if not cell.published_shape or cell.status is not None or cell.n < least:
        return None
    distribution = None
    if distributed and distribution_shown(cell.key):
        distribution = tuple(int(getattr(cell, s)) for s in _LEVEL_SUMS)
    return Shown(cell.atoms, int(cell.n), round(cell.score_sum / cell.n, 2), distribution)


def _narrowing(cells: list, unknowns: Unknowns, k: int, shown, budget: Budget) -> set:
    """The keys of shown cells to hide because the integer audit narrows small groups inside their protection
    interval: per group it narrows, the smallest shown cell around it. Empty when it narrows nothing."""
    published = [(cell, figure) for cell in cells if (figure := shown(cell)) is not None]
    answered = unknowns.answered
    groups = sorted({g for c in cells if 0 < c.n < k and (g := tuple(a for a in c.atoms if answered[a] > 0))})
    if not groups or not published:
        return set()
    found = narrowed(unknowns, [f for _, f in published], groups, exact_groups(cells, published, answered, k), k, budget)
    hide = set()
    for group, *_ in found:
        around = [cell for cell, _ in published if set(group) & set(cell.atoms)]
        hide.add(min(around, key=lambda cell: (cell.n, str(cell.key))).key)
    return hide


def _empty(cell) -> bool:
    """A cell nobody in it answered, of a group large enough to say so: published as no figure at all ("no answers")."""
    return cell.n == 0 and cell.status is None


def _published(figure: Figure | None) -> bool:
    return figure is not None and not figure.hidden


def _figure(n, total, squares, favourable, answers) -> Figure:
    n = int(n)
    mean = float(total) / n
    sd = float(np.sqrt(max(0.0, (float(squares) - float(total) ** 2 / n) / (n - 1)))) if n > 1 else None
    share = 100.0 * float(favourable) / float(answers) if answers else None
    return Figure(n, mean, sd, share)


def disclosure(dataset: Dataset, min_group_size: int) -> Disclosure:
    """The dataset's disclosure decisions at this threshold, made once."""
    return dataset.remember(("disclosure", int(min_group_size)), lambda: Disclosure(dataset, int(min_group_size)))


def breakdowns(dataset: Dataset, settings) -> list[dict]:
    """Every published cell of the dataset under these settings (the CLI's `breakdowns`)."""
    return disclosure(dataset, settings.min_group_size).breakdowns()
