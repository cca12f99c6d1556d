"""Statistics over the respondents of a published selection: the reliability of a tactic's statements, the
importance driver analysis derives, and each respondent's tactic means for the tests between rounds.

Each asks the disclosure layer (the gate) first: it computes only where the cells it stands on are published, and
takes its rows from the gate (Disclosure.answers), which hands out no row of a selection it hides."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dataset import Dataset
from .disclosure import Disclosure
from .drivers import Drivers, driver_analysis
from .figure import published
from .selection import Selection
from .stats import Reliability, reliability
from .tactic_means import adjusted_means
from .tactics import TACTIC_CODES

RELIABILITY_MIN_N = 30  # respondents who answered each pair of a tactic's statements, for Cronbach's alpha


def _shown_tactics(gate: Disclosure, selection: Selection) -> list[str]:
    return [t for t in TACTIC_CODES if published(gate.tactic(t, selection))]


def reliability_of(gate: Disclosure, dataset: Dataset, selection: Selection) -> dict[str, Reliability | str | None]:
    """Per tactic: stats.reliability of its statements over the respondents of a published selection (pairwise
    complete), or why it is not computed (a note); None when the tactic's cell is hidden or empty. Not computed
    when fewer than RELIABILITY_MIN_N respondents answered some pair of the statements. How many did is not in
    the note (a count that differs between selections would tell who skipped): the note is the same whatever
    the count."""
    result: dict[str, Reliability | str | None] = dict.fromkeys(TACTIC_CODES)
    for tactic in _shown_tactics(gate, selection):
        columns = gate.statements(tactic)
        if len(columns) < 2:
            result[tactic] = "needs at least two statements"
            continue
        # one tactic's answers at a time: a million respondents' every statement at once is a quarter of a GB
        computed = reliability(gate.answers(dataset, selection, columns))
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
    gate: Disclosure, dataset: Dataset, tactic: str, overall_item: str, selection: Selection
) -> Drivers | None:
    """The driver analysis of the overall statement on a tactic's published statements (relative weights with
    bootstrap intervals, alignment.drivers) over the respondents who answered all of them, at least
    DRIVER_MIN_N; None when the overall statement is not published, or too few answered."""
    if not published(gate.item(overall_item, selection)):
        return None
    statements = [i for i in gate.statements(tactic) if published(gate.item(i, selection))]
    if not statements:
        return None
    answers = gate.answers(dataset, selection, [overall_item, *statements])
    return driver_analysis(answers[statements].to_numpy(dtype=float), answers[overall_item].to_numpy(dtype=float), statements)


def derived_tactic_importance(gate: Disclosure, dataset: Dataset, overall_item: str, selection: Selection) -> Drivers | None:
    """The driver analysis of the overall statement on the published tactics' respondent means (relative
    weights with bootstrap intervals, alignment.drivers) over the respondents with every mean and the overall
    answer, at least DRIVER_MIN_N; None otherwise."""
    shown = _shown_tactics(gate, selection)
    if not published(gate.item(overall_item, selection)) or not shown:
        return None
    columns = {t: gate.statements(t) for t in shown}
    answers = gate.answers(dataset, selection, [overall_item, *(c for t in shown for c in columns[t])])
    means = np.column_stack([answers[columns[t]].mean(axis=1).to_numpy(dtype=float) for t in shown])
    return driver_analysis(means, answers[overall_item].to_numpy(dtype=float), shown)


def statement_means(dataset: Dataset) -> dict[str, float]:
    """Each statement's mean over the whole file: what ingest adjusts a respondent's tactic mean with (tactic_means),
    so respondent_means counts a skipped statement as the published cells do."""

    def compute() -> dict[str, float]:
        overall = dataset.query(
            "SELECT item, sum(score * answers) AS score_sum, sum(answers) AS n FROM item_counts GROUP BY item"
        )
        return dict(zip(overall["item"], overall["score_sum"] / overall["n"], strict=True))

    return dataset.remember(("statement_means",), compute)


def respondent_means(gate: Disclosure, dataset: Dataset, selection: Selection) -> pd.DataFrame:
    """One row per respondent of a published period (and function and department when chosen), indexed by the
    respondent id as given (the same person in another period has the same index), one column per tactic
    whose cell is published: the respondent's tactic mean as the published cells count it (tactic_means: adjusted
    for the statements answered; blank below half of them). For tests between periods only: the rows themselves
    are never shown. Empty when the selection's respondent count is not published."""
    if selection.period is None:
        raise ValueError("respondent means are of one period")
    shown = _shown_tactics(gate, selection)
    if not published(gate.respondents(selection)) or not shown:
        return pd.DataFrame(columns=shown)
    columns = {t: gate.statements(t) for t in shown}
    answers = gate.answers(dataset, selection, [c for t in shown for c in columns[t]], ids=True)
    # a respondent answering in several periods is keyed "id (period)" (ingest): the id as given joins the rounds
    suffix = f" ({selection.period})"
    ids = [key[: -len(suffix)] if key.endswith(suffix) else key for key in answers["respondent"]]
    overall = statement_means(dataset)
    means = pd.DataFrame(
        {t: adjusted_means(answers[columns[t]].to_numpy(dtype=float), [overall[i] for i in columns[t]]) for t in shown}
    )
    means.index = pd.Index(ids, name="respondent")
    return means
