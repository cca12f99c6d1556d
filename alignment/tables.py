"""The tables a page shows of a selection, from the disclosure layer's published cells: the department × tactic
grid, a tactic's statements (means, IT and Business, their comparison and the answers' distribution) and its
comments. Hidden cells keep their reason code and k beside the label a table shows (figure.hidden_words)."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd

from .analysis import compare
from .config import Settings
from .dataset import Dataset
from .deciding import LEVELS
from .disclosure import disclosure
from .figure import FEWER_THAN_K, hidden_words, published
from .ingest import NOT_GIVEN
from .offered import FUNCTIONS
from .perception_gap import PerceptionLimits, perception_verdict
from .selection import EVERYONE, Selection
from .stats import holm
from .tactics import TACTIC_CODES, TACTICS_BY_CODE

_GRID_COLUMNS = ["department", "function", "tactic", "tactic_name", "score", "n", "hidden", "label", "reason", "k"]


def _count_range(figure, k: int) -> tuple[float, float]:
    """What a respondents figure says of its count: exactly n when shown; 1 to k - 1 when hidden for having fewer
    than k; at least 1 when hidden to protect another group."""
    if not figure.hidden:
        return figure.n, figure.n
    return (1, k - 1) if figure.reason == FEWER_THAN_K else (1, math.inf)


def department_functions(dataset: Dataset, k: int) -> dict[str, str | None]:
    """Per department, the function most of its respondents give (the grid's grouping; a tie: Business), as the
    published cells tell it over all periods: a function with no cell has nobody; a hidden count lies in the range
    its reason gives, narrowed by the department's shown total when everyone gave IT or Business. Where the ranges
    overlap, the Departments sheet's function if it gives one, else None: a label read from the respondents
    themselves would tell which of two hidden counts is larger."""

    def compute() -> dict[str, str | None]:
        gate = disclosure(dataset, k)
        listed = {}
        if dataset.has_table("departments"):
            sheet = dataset.query("SELECT department, function FROM departments WHERE function IN ('IT', 'Business')")
            listed = dict(zip(sheet["department"], sheet["function"], strict=True))
        chosen: dict[str, str | None] = {}
        for department in gate.departments:
            figures = {f: gate.respondents(Selection(department=department, function=f)) for f in FUNCTIONS}
            present = {f: figure for f, figure in figures.items() if figure is not None}
            if len(present) < 2:
                chosen[department] = next(iter(present), listed.get(department))
                continue
            low, high = zip(*(_count_range(present[f], k) for f in FUNCTIONS), strict=True)
            total = gate.respondents(Selection(department=department))
            if total is not None and not total.hidden and not gate.has_unknown_function(None):
                low, high = (
                    (max(low[0], total.n - high[1]), max(low[1], total.n - high[0])),
                    (min(high[0], total.n - low[1]), min(high[1], total.n - low[0])),
                )
            if low[0] > high[1] or (low[0] == high[0] == low[1] == high[1]):  # IT larger; or equal: Business
                chosen[department] = "IT" if low[0] > high[1] else "Business"
            elif low[1] > high[0]:
                chosen[department] = "Business"
            else:
                chosen[department] = listed.get(department)
        return chosen

    return dataset.remember(("department_functions", k), compute)


def department_grid(dataset: Dataset, settings: Settings, within: Selection = EVERYONE) -> pd.DataFrame:
    """Department × tactic, every department in the period and of the function `within` gives (its department plays
    no part): score and n where published, else why not (`label` in words; `reason` and `k` as the hidden figure
    carries them)."""
    gate = disclosure(dataset, settings.min_group_size)
    main_function = department_functions(dataset, settings.min_group_size)
    rows = []
    for department in gate.departments:
        selection = replace(within, department=department)
        for code in TACTIC_CODES:
            figure = gate.tactic(code, selection)
            if figure is None and gate.respondents(selection) is None:
                continue
            rows.append(
                {
                    "department": department,
                    "function": main_function.get(department),
                    "tactic": code,
                    "tactic_name": TACTICS_BY_CODE[code].name,
                    "score": None if figure is None or figure.hidden else round(figure.mean, 2),
                    "n": None if figure is None or figure.hidden else figure.n,
                    "hidden": figure is not None and figure.hidden,
                    "label": "no answers"
                    if figure is None
                    else (hidden_words(figure.reason, figure.k) if figure.hidden else f"{figure.mean:.2f}"),
                    "reason": None if figure is None else figure.reason,
                    "k": None if figure is None else figure.k,
                }
            )
    grid = pd.DataFrame(rows, columns=_GRID_COLUMNS).astype({"score": "float64", "n": "Int64", "k": "Int64"})
    by_department = grid.groupby("department")
    grid["department_hidden"] = by_department["hidden"].transform("any") & by_department["score"].transform(
        lambda s: s.isna().all()
    )
    return grid.sort_values(["function", "department", "tactic"]).reset_index(drop=True)


def department_scores(dataset: Dataset, settings: Settings, selection: Selection = EVERYONE) -> pd.DataFrame:
    """Department × tactic mean scores as published (hidden cells say why); one department's row when one is
    chosen, each department's respondents of one function when a function is chosen."""
    grid = department_grid(dataset, settings, selection)
    return grid if selection.department is None else grid[grid["department"] == selection.department].reset_index(drop=True)


def hidden_departments(grid: pd.DataFrame) -> dict[str, str]:
    """Per department with hidden cells in a department grid: why, in words ('fewer than 5 responses / ...')."""
    hidden = grid[grid["hidden"]]
    why = {
        department: " / ".join(sorted({hidden_words(r, int(k), "why") for r, k in zip(rows["reason"], rows["k"], strict=True)}))
        for department, rows in hidden.groupby("department", sort=True)
    }
    return why


def item_scores(dataset: Dataset, tactic: str, settings: Settings, selection: Selection = EVERYONE) -> pd.DataFrame:
    """Per statement of a tactic: mean and answers, IT and Business means (when no function is chosen), each
    only where published; `reason` (a code) and `k` say why a hidden one is (figure.hidden_words makes the words)."""
    gate = disclosure(dataset, settings.min_group_size)
    rows = []
    for item in gate.statements(tactic):
        total = gate.item(item, selection)
        if total is None:
            continue
        split = {f: gate.item(item, replace(selection, function=f)) if selection.function is None else None for f in FUNCTIONS}
        rows.append(
            {
                "item": item,
                "text": gate.item_text[item][0],
                "reverse": gate.item_text[item][1],
                "item_mean": None if total.hidden else round(total.mean, 2),
                "item_n": total.n,
                "it_mean": round(split["IT"].mean, 2) if published(split["IT"]) else None,
                "business_mean": round(split["Business"].mean, 2) if published(split["Business"]) else None,
                "hidden": total.hidden,
                "reason": total.reason,
                "k": total.k,
            }
        )
    columns = ["item", "text", "reverse", "item_mean", "item_n", "it_mean", "business_mean", "hidden", "reason", "k"]
    return pd.DataFrame(rows, columns=columns).astype({"item_mean": "float64", "it_mean": "float64", "business_mean": "float64"})


def item_distribution(dataset: Dataset, tactic: str, settings: Settings, selection: Selection = EVERYONE) -> pd.DataFrame:
    """Per statement of a tactic whose distribution is published: answers and whole percentage at each scored
    level 1-5 (after reversal) that has answers."""
    gate = disclosure(dataset, settings.min_group_size)
    rows = []
    for item in gate.statements(tactic):
        figure = gate.item(item, selection)
        if figure is None or figure.distribution is None:
            continue
        text, reverse = gate.item_text[item]
        for level, answers in zip(LEVELS, figure.distribution, strict=True):
            if answers:
                rows.append((item, text, reverse, level, answers, float(round(100 * answers / figure.n))))
    return pd.DataFrame(rows, columns=["item", "text", "reverse", "level", "answers", "pct"])


def statement_comparisons(dataset: Dataset, tactic: str, settings: Settings, selection: Selection = EVERYONE) -> pd.DataFrame:
    """Per statement of a tactic shown with both sides: IT and Business answers compared (Welch's t on the
    answers), p-values adjusted with Holm across the tactic's statements, and each difference's verdict and phrase
    with the tactic's perception-gap limits (perception_gap.perception_verdict), decided here once."""
    gate = disclosure(dataset, settings.min_group_size)
    limits = PerceptionLimits.configured(settings.thresholds, tactic)
    rows = []
    for item in item_scores(dataset, tactic, settings, selection)["item"]:
        if selection.function is not None:
            break
        it, business = (gate.item(item, replace(selection, function=f)) for f in FUNCTIONS)
        it, business = (f if published(f) else None for f in (it, business))
        comparison = compare(it, business)
        if comparison is not None:
            rows.append({"item": item, "it_n": it.n, "business_n": business.n, "comparison": comparison})
    adjusted = holm([r["comparison"].p for r in rows])
    table = pd.DataFrame(
        [
            {
                "item": r["item"],
                "it_n": r["it_n"],
                "business_n": r["business_n"],
                "difference": r["comparison"].difference,
                "p": r["comparison"].p,
                "p_adjusted": p,
                "effect_size": r["comparison"].effect_size,
            }
            for r, p in zip(rows, adjusted, strict=True)
        ],
        columns=["item", "it_n", "business_n", "difference", "p", "p_adjusted", "effect_size"],
    )
    verdicts = [
        perception_verdict(*row, limits)
        for row in table[["difference", "p_adjusted", "it_n", "business_n"]].itertuples(index=False)
    ]
    return table.assign(verdict=[v for v, _ in verdicts], phrase=[p for _, p in verdicts])


def tactic_comments(
    dataset: Dataset, tactic: str, settings: Settings, selection: Selection = EVERYONE
) -> tuple[pd.DataFrame, bool]:
    """Comments on a tactic's open question from groups large enough to be shown (department, text; a department
    not given as '—'); and whether any were held back."""
    shown, held_back = disclosure(dataset, settings.min_group_size).comments(dataset, tactic, selection)
    shown["department"] = shown["department"].replace({NOT_GIVEN: "—"})
    return shown, held_back
