"""The one disclosure-control layer, the gate: it decides once what may be published of a dataset, and looks up
the published cells (Figures) and the rows of published selections. Every aggregate the app, the command line or
an export shows comes from here, already suppressed; statistics over rows (reliability, importance, respondents'
means: selection_stats.py) and the tables pages show (tables.py) ask the gate, and compute nothing per group it
has not published. Hidden cells carry a reason code and k (figure.py); words are made at the edge.

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
writer's atomic group is shown itself (at least k respondents, not hidden to protect another), the same in every view, so comparing the comments of
two views never narrows one down to a small group.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np
import pandas as pd

from .atoms import DIMENSIONS, Atoms, Groups, rows_by_measure
from .dataset import Dataset
from .db import quote_identifier
from .deciding import LEVEL_SUMS, LEVELS, UNKNOWN_FUNCTION, Decider, empty, reason_code, shown_item, shown_tactic
from .figure import Figure, figure_of, hidden_figure, published
from .ingest import NOT_GIVEN
from .integer_audit import statement_unknowns, sum_unknowns
from .offered import FUNCTIONS, IMPORTANCE_IDS, STATED_IMPORTANCE_MIN_N, audit_list
from .protection import distribution_shown
from .selection import EVERYONE, Selection
from .tactics import TACTIC_CODES, TACTICS_BY_CODE

_FAVOURABLE_ABOVE = 3.5


def _key(selection: Selection) -> tuple:
    """A selection as the cells are keyed: (period, function, department)."""
    return (selection.period, selection.function, selection.department)


class Disclosure:
    """What may be published of one dataset at anonymity threshold k, decided once for every view."""

    def __init__(self, dataset: Dataset, k: int) -> None:
        self.k = k
        self.periods = dataset.periods()
        self._tactics: dict[tuple, Figure] = {}
        self._items: dict[tuple, Figure] = {}
        self._respondents: dict[tuple, Figure] = {}
        self._options: dict[tuple, tuple[str, ...]] = {}
        log = dataset.publications  # a workspace's publication log, when the dataset is a workspace's
        decider = Decider(k, dataset.history, recording=log is not None)
        self._decide_respondents(dataset, decider)
        tactic_status = self._decide_tactics(dataset, decider)
        self._decide_items(dataset, decider, tactic_status)
        self.departments = sorted(dataset.query("SELECT DISTINCT department FROM respondents")["department"])
        items = dataset.query("SELECT id, text, reverse FROM items")
        # each statement's (text, reverse-coded): plain values, read-only, so sessions sharing these decisions may
        # look them up at once (a frame's index builds its look-up table on first use)
        self.item_text = {i: (t, bool(r)) for i, t, r in items.itertuples(index=False, name=None)}
        self.new_publications = decider.new_publications
        if self.new_publications and log is not None:
            log.record_publications(self.new_publications)  # appended to the workspace's history, never changed

    # ---------------------------------------------------------------------------- deciding

    def _figure(self, status: str | None, shown) -> Figure:
        """The hidden figure of a cell with this status (its reason code and k), else the shown one (shown())."""
        reason = reason_code(status)
        return hidden_figure(reason, self.k) if reason else shown()

    def _decide_respondents(self, dataset: Dataset, decider: Decider) -> None:
        atoms = dataset.query(
            """SELECT period, coalesce(function, $unknown) AS function, department, count(*) AS n,
                      count(*) FILTER (WHERE commented) AS commented
               FROM respondents GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
            {"unknown": UNKNOWN_FUNCTION},
        )
        self._groups = Groups(atoms[[*DIMENSIONS, "n"]].rename(columns={"n": "people"}))
        atoms = Atoms.of(atoms)
        cells = decider.decided("respondents", None, decider.crossings(atoms, ("n", "commented")), atoms)
        self.unknown_function_periods = {c.period for c in cells if c.function == UNKNOWN_FUNCTION and c.department is None}
        for row in (c for c in cells if c.published_shape):
            key = (row.period, row.function, row.department)
            figure = self._figure(row.status, lambda row=row: Figure(int(row.n), mean=row.commented / row.n))
            self._respondents[key] = figure
        # a writer's comments are listed only where the writer's group is shown as it is: a group hidden to protect
        # another would give away how many of it commented, and with the shown share, how many of the small one did.
        # Writers without IT or Business (never a view of their own): where their department's period is shown and so
        # is every other group in it, so that what they wrote is that cell less shown cells
        shown = {key for key, f in self._respondents.items() if not f.hidden}
        keys = self._groups.row.keys()  # every atom's (period, function, department)
        others_hidden = {(p, d) for p, f, d in keys if f != UNKNOWN_FUNCTION and (p, f, d) not in shown}
        self.comment_atoms = {key for key in keys if key in shown} | {
            (p, f, d) for p, f, d in keys if f == UNKNOWN_FUNCTION and (p, None, d) in shown and (p, d) not in others_hidden
        }

    def _decide_tactics(self, dataset: Dataset, decider: Decider) -> dict[tuple, str | None]:
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
        by_tactic = rows_by_measure(groups, "tactic")
        for tactic in TACTIC_CODES:
            atoms = self._groups.atoms(by_tactic.get(tactic), sums)
            if atoms is None:
                continue
            complete = atoms["answers"] == atoms["n"] * statements.get(tactic, 0)
            unknowns = sum_unknowns(atoms["n"], atoms["mean_sum"], complete, statements.get(tactic, 1))
            audit = decider.audit(unknowns, shown_tactic)
            cells = decider.decided("tactic", tactic, decider.crossings(atoms, sums), atoms, audit=audit)
            for row in cells:
                key = (row.period, row.function, row.department)
                status_of[(tactic, *key)] = row.status
                if not row.published_shape or empty(row):
                    continue
                figure = self._figure(
                    row.status, lambda r=row: figure_of(r.n, r.mean_sum, r.mean_square_sum, r.favourable, r.answers)
                )
                self._tactics[(tactic, *key)] = figure
        return status_of

    def _decide_items(self, dataset: Dataset, decider: Decider, tactic_status: dict[tuple, str | None]) -> None:
        counts = dataset.query(
            f"""SELECT item, tactic, period, coalesce(function, $unknown) AS function, department, sum(answers) AS n,
                      sum(score * answers) AS score_sum, sum(score * score * answers) AS square_sum,
                      sum(answers) FILTER (WHERE score > $favourable) AS favourable,
                      {", ".join(f"coalesce(sum(answers) FILTER (WHERE round(score) = {v}), 0) AS level{v}" for v in LEVELS)}
               FROM item_counts GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5""",
            {"unknown": UNKNOWN_FUNCTION, "favourable": _FAVOURABLE_ABOVE},
        )
        counts["favourable"] = counts["favourable"].fillna(0)
        self.item_tactic = dict(zip(counts["item"], counts["tactic"], strict=False))
        decided: dict = {}  # statements answered by the same groups share one decision
        sums = ("n", "score_sum", "square_sum", "favourable", *LEVEL_SUMS)
        by_item = rows_by_measure(counts, "item")
        for item in sorted(by_item):
            answered = by_item[item]
            tactic = answered["tactic"][0]
            atoms = self._groups.atoms(answered, sums)
            cells = decider.crossings(atoms, sums)
            withheld = set()
            if tactic in TACTICS_BY_CODE:  # a statement of a tactic: never publish where the tactic is hidden
                withheld = {c.key for c in cells if tactic_status.get((tactic, *c.key))}
            levels = atoms.matrix(LEVEL_SUMS)
            audit = None
            if np.allclose(levels.sum(axis=1), atoms["n"]) and np.allclose(levels @ np.arange(1, 6), atoms["score_sum"]):
                least = STATED_IMPORTANCE_MIN_N if item in IMPORTANCE_IDS else 1  # shown only from that n on
                unknowns = (  # answers at each level where a distribution is shown; without one, sums say as much
                    statement_unknowns(levels)
                    if tactic in TACTICS_BY_CODE
                    else sum_unknowns(atoms["n"], atoms["score_sum"], np.ones(len(atoms), bool))
                )
                shown = functools.partial(shown_item, distributed=tactic in TACTICS_BY_CODE, least=least)
                audit = decider.audit(unknowns, shown)
            cells = decider.decided("item", item, cells, atoms, withheld, decided, audit)
            for row in (c for c in cells if c.published_shape and not empty(c)):
                key = (row.period, row.function, row.department)
                status = row.status
                if status is not None and key in withheld:  # hidden with its tactic's cell: the tactic's reason
                    status = tactic_status.get((tactic, *key)) or status
                figure = self._figure(status, lambda r=row: figure_of(r.n, r.score_sum, r.square_sum, r.favourable, r.n))
                if not figure.hidden and tactic in TACTICS_BY_CODE and distribution_shown(key):  # charted on tactic pages
                    figure = replace(figure, distribution=tuple(int(getattr(row, s)) for s in LEVEL_SUMS))
                self._items[(item, *key)] = figure

    # --------------------------------------------------------------------------- looking up

    @property
    def listed(self) -> list[dict]:
        """Every decided cell a view can take, hidden ones included: measure, tactic (a statement's, when it belongs
        to one), item, period, function, department and its figure."""

        def entry(measure: str, tactic: str | None, item: str | None, key: tuple, figure: Figure) -> dict:
            return {
                "measure": measure,
                "tactic": tactic,
                "item": item,
                **dict(zip(DIMENSIONS, key, strict=True)),
                "figure": figure,
            }

        return [
            *(entry("respondents", None, None, key, figure) for key, figure in self._respondents.items()),
            *(entry("tactic", key[0], None, key[1:], figure) for key, figure in self._tactics.items()),
            *(
                entry(
                    "item", tactic if (tactic := self.item_tactic[key[0]]) in TACTICS_BY_CODE else None, key[0], key[1:], figure
                )
                for key, figure in self._items.items()
            ),
        ]

    def tactic(self, code: str, selection: Selection = EVERYONE) -> Figure | None:
        """A tactic's cell, or None when nobody in it answered the tactic."""
        return self._tactics.get((code, *_key(selection)))

    def item(self, item: str, selection: Selection = EVERYONE) -> Figure | None:
        """A statement's cell, or None when nobody in it answered the statement."""
        return self._items.get((item, *_key(selection)))

    def respondents(self, selection: Selection = EVERYONE) -> Figure | None:
        """How many respondents the selection has (n) and the share who commented (mean)."""
        return self._respondents.get(_key(selection))

    def statements(self, tactic: str) -> list[str]:
        """A tactic's statements (their item ids, in order)."""
        return sorted(i for i, of in self.item_tactic.items() if of == tactic)

    def has_unknown_function(self, period: str | None = None) -> bool:
        """Whether some respondents of the selection have neither IT nor Business as their function."""
        return period in self.unknown_function_periods

    def selectable_periods(self) -> list[str]:
        """Periods a user may filter on: those whose respondent count is published."""
        return self._selectable(("periods",), lambda: [p for p in self.periods if published(self.respondents(Selection(p)))])

    def selectable_departments(self, period: str | None = None) -> list[str]:
        """Departments a user may filter on within a period: those whose respondent count is published there."""
        return self._selectable(
            ("departments", period),
            lambda: [d for d in self.departments if d != NOT_GIVEN and published(self.respondents(Selection(period, d)))],
        )

    def selectable_functions(self, period: str | None = None, department: str | None = None) -> list[str]:
        """IT and/or Business, where the selection's respondent count of that function is published."""
        return self._selectable(
            ("functions", period, department),
            lambda: [f for f in FUNCTIONS if published(self.respondents(Selection(period, department, f)))],
        )

    def _selectable(self, key: tuple, options) -> list[str]:
        """The options once per key (the decision never changes; the audit list asks thousands of times); a copy."""
        if key not in self._options:
            self._options[key] = tuple(options())
        return list(self._options[key])

    def breakdowns(self) -> list[dict]:
        """Every cell some page can show, hidden ones included (without numbers), for audit."""
        return audit_list(self)

    # --------------------------------------------------------------------------- the rows of a published selection

    def answers(self, dataset: Dataset, selection: Selection, items: list[str], ids: bool = False) -> pd.DataFrame:
        """The scored answers of the selection's respondents to `items`, one row per respondent (with `ids`, a first
        column `respondent`). Each item must be published in the selection, or be a statement of a tactic whose cell
        is published there: the rows of anything else are not handed out (ValueError), so a statistic over rows
        never reaches a selection the gate hides."""
        closed = [
            i
            for i in items
            if not published(self.item(i, selection)) and not published(self.tactic(self.item_tactic.get(i), selection))
        ]
        if closed:
            raise ValueError(f"not published in {selection.describe()}: {', '.join(closed)}")
        selected = ", ".join([*(["r.respondent"] if ids else []), *(f"s.{quote_identifier(c)}" for c in items)])
        if selection == EVERYONE and not ids:  # every respondent: no join needed (each row of scores is one)
            return dataset.query(f"SELECT {selected} FROM scores s")
        return dataset.query(
            f"""SELECT {selected} FROM scores s JOIN respondents r USING (respondent)
                WHERE ($period IS NULL OR r.period = $period) AND ($function IS NULL OR r.function = $function)
                  AND ($department IS NULL OR r.department = $department)""",
            {"period": selection.period, "function": selection.function, "department": selection.department},
        )

    def comments(self, dataset: Dataset, tactic: str, selection: Selection) -> tuple[pd.DataFrame, bool]:
        """The selection's comments on a tactic's open question whose writer's atomic group is shown (comment_atoms)
        (department, text), by department; and whether any were held back. The rule is per writer's group, so a
        filter only narrows which comments are listed, never which may be."""
        comments = dataset.query(
            """
            SELECT r.period, coalesce(r.function, $unknown) AS function, r.department, c.text
            FROM comments c JOIN respondents r USING (respondent)
            WHERE c.tactic = $tactic AND ($period IS NULL OR r.period = $period)
              AND ($function IS NULL OR r.function = $function) AND ($department IS NULL OR r.department = $department)
            ORDER BY r.department, c.text
            """,
            {"tactic": tactic, **{d: getattr(selection, d) for d in DIMENSIONS}, "unknown": UNKNOWN_FUNCTION},
        )
        atoms = comments[list(DIMENSIONS)].itertuples(index=False, name=None)
        keep = np.array([key in self.comment_atoms for key in atoms], dtype=bool)
        return comments[keep].drop(columns=["function", "period"]).reset_index(drop=True), not all(keep)


def disclosure(dataset: Dataset, min_group_size: int) -> Disclosure:
    """The dataset's disclosure decisions at this threshold, made once."""
    return dataset.remember(("disclosure", int(min_group_size)), lambda: Disclosure(dataset, int(min_group_size)))


def decided(dataset: Dataset, min_group_size: int) -> bool:
    """Whether the dataset's decisions at this threshold are made (and still remembered)."""
    return ("disclosure", int(min_group_size)) in dataset.cache


def adopt_disclosure(dataset: Dataset, decided: Disclosure) -> None:
    """Take decisions made at decided.k on another load of the same files with the same mapping (the app shares
    them between the sessions that open the same small files) instead of deciding again. Not for a workspace's
    data: what it may publish depends on what it published before."""
    if dataset.publications is not None:
        raise ValueError("a workspace's data decides against its own history")
    dataset.remember(("disclosure", decided.k), lambda: decided)


def breakdowns(dataset: Dataset, settings) -> list[dict]:
    """Every published cell of the dataset under these settings (the CLI's `breakdowns`)."""
    return disclosure(dataset, settings.min_group_size).breakdowns()
