"""Scores of a selection, read from the disclosure layer's published cells (never computed per group here).

- Reverse-coded items were already turned into 6 - x on ingest.
- A respondent's tactic mean is the mean of their answered items of that tactic.
- Tactic score = mean of respondent means; 95 % interval as stats.mean_interval (n >= 2), inside 1-5.
- Gap = target - score; perception gap = IT mean - Business mean, with Welch's test (stats.welch),
  Benjamini-Hochberg-adjusted over the six tactics (or the statements of one tactic).
- Favourable % = share of answers scored 4 or 5; alignment index = mean of (score - 1) / 4 * 100.
- Precision: scores and gaps to 2 decimals, percentages and the index whole.
"""

from __future__ import annotations

import copy
import math
from dataclasses import asdict, dataclass, field

import pandas as pd

from .config import Settings
from .dataset import Dataset
from .disclosure import ALL, FUNCTIONS, Figure, disclosure
from .gap_levels import configured_gaps, level_of
from .items import OVERALL_ITEM_ID
from .offered import stated_importance
from .stats import CI_METHOD, TEST_METHOD, Comparison, benjamini_hochberg, mean_interval, welch
from .tactics import TACTICS, maturity

ALL_PERIODS = ALL


@dataclass
class TacticResult:
    code: str
    name: str
    score: float | None
    ci95: list[float] | None
    target: float
    gap: float | None
    it_score: float | None
    business_score: float | None
    perception_gap: float | None
    n: int | None
    favorable_pct: float | None
    maturity_level: int | None = None
    gap_level: str | None = None  # gap_levels' verdict on score, interval and target; the score check reads it
    hidden_reason: str | None = None  # why the score is not shown, when it is not
    split_reason: str | None = None  # why IT versus Business is not shown, when it is not
    it_n: int | None = None
    business_n: int | None = None
    perception_test: dict | None = None  # Welch's t on respondent means: statistic, df, p, p_adjusted, effect_size
    reliability: dict | None = None  # Cronbach's alpha, corrected item-total correlations, a plain-language note


@dataclass
class Analysis:
    source: str
    period: str | None
    respondents: int
    periods: list[str]
    alignment_index: float | None
    maturity_level: int | None
    maturity_name: str | None
    tactics: list[TacticResult]
    overall_statement: dict
    min_group_size: int
    split_note: str | None = None
    ci_method: str = CI_METHOD
    test_method: str = TEST_METHOD
    findings: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    department: str | None = None  # the department filter, when one is chosen
    function: str | None = None  # the function filter (IT or Business), when one is chosen

    def tactic(self, code: str) -> TacticResult:
        return next(t for t in self.tactics if t.code == code)

    def to_json(self) -> dict:
        data = asdict(self)
        data["tactics"] = [asdict(t) for t in self.tactics]
        return data


def _round(value: float | None, digits: int = 2) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits)


def interval(figure: Figure) -> list[float] | None:
    """95 % interval of a published mean (stats.mean_interval), from its n, mean and SD."""
    if figure.n is None or figure.n < 2:
        return None
    total = figure.mean * figure.n
    squares = (figure.sd or 0.0) ** 2 * (figure.n - 1) + total * total / figure.n
    return mean_interval(figure.n, total, squares)


def compare(it: Figure | None, business: Figure | None) -> Comparison | None:
    """Welch's test of IT against Business for two published cells (None when either is missing)."""
    if it is None or business is None or it.sd is None or business.sd is None:
        return None
    return welch(it.n, it.mean, it.sd, business.n, business.mean, business.sd)


def comparison_json(comparison: Comparison | None, p_adjusted: float | None) -> dict | None:
    if comparison is None:
        return None
    return {
        "statistic": _round(comparison.statistic, 3) if math.isfinite(comparison.statistic) else None,
        "df": _round(comparison.df, 1),
        "p": float(f"{comparison.p:.3g}"),
        "p_adjusted": None if p_adjusted is None else float(f"{p_adjusted:.3g}"),
        "effect_size": _round(comparison.effect_size),
    }


def analyze(
    dataset: Dataset,
    settings: Settings | None = None,
    period: str | None = ALL_PERIODS,
    department: str | None = ALL,
    function: str | None = ALL,
) -> Analysis:
    """The scores of a selection (a period, department and function, each optional); remembered on the dataset per
    settings and selection (checks ask again)."""
    settings = settings or Settings()
    selection = Selection(period, function, department)
    result = dataset.remember(("analysis", repr(settings), selection), lambda: _analyze(dataset, settings, selection))
    return copy.deepcopy(result)


@dataclass(frozen=True)
class Selection:
    """Which respondents a view shows, in the disclosure layer's order of dimensions (None = all)."""

    period: str | None = ALL
    function: str | None = ALL
    department: str | None = ALL


def _shown(figure: Figure | None) -> Figure | None:
    return None if figure is None or figure.hidden else figure


def _tactic_result(
    published, tactic, target: float, selection: Selection, gaps: tuple[float, float]
) -> tuple[TacticResult, float | None, Comparison | None]:
    period, function, department = selection.period, selection.function, selection.department
    total = published.tactic(tactic.code, period, function, department)
    if total is None or total.hidden:
        reason, n = (total.reason, None) if total is not None else (None, 0)
        return (
            TacticResult(tactic.code, tactic.name, None, None, target, None, None, None, None, n, None, None, None, reason),
            None,
            None,
        )
    split = {f: published.tactic(tactic.code, period, f, department) for f in FUNCTIONS} if function is ALL else {}
    split.setdefault("IT", None)
    split.setdefault("Business", None)
    it, business = _shown(split["IT"]), _shown(split["Business"])
    split_reason = next((f.reason for f in split.values() if f is not None and f.hidden), None)
    bounds = interval(total)
    ci95 = [_round(v) for v in bounds] if bounds else None
    gap = it.mean - business.mean if it and business else None
    result = TacticResult(
        code=tactic.code,
        name=tactic.name,
        score=_round(total.mean),
        ci95=ci95,
        target=target,
        gap=_round(target - total.mean),
        it_score=_round(it.mean) if it else None,
        business_score=_round(business.mean) if business else None,
        perception_gap=_round(gap),
        n=total.n,
        favorable_pct=_round(total.favourable_pct, 0),
        maturity_level=maturity(total.mean)[0],
        gap_level=level_of(_round(total.mean), ci95, target, *gaps).key,  # as the score check sees the result
        split_reason=split_reason,
        it_n=it.n if it else None,
        business_n=business.n if business else None,
    )
    return result, total.mean, compare(it, business)


ALPHA_LOW, ALPHA_HIGH, ITEM_TOTAL_LOW = 0.7, 0.95, 0.3


def reliability_summary(result: dict | None) -> dict | None:
    """Alpha and item-total correlations to 2 decimals, with what they mean in plain words."""
    if result is None:
        return None
    alpha = _round(result["alpha"])
    item_total = {item: _round(r) for item, r in result["item_total"].items()}
    notes = [result["note"]] if result["note"] else []
    if alpha is not None and alpha < ALPHA_LOW:
        notes.append(
            f"The statements do not hang together well (alpha {alpha:.2f}, below {ALPHA_LOW}): "
            "read them one by one rather than relying on the tactic score alone."
        )
    elif alpha is not None and alpha > ALPHA_HIGH:
        notes.append(f"The statements are almost redundant (alpha {alpha:.2f}, above {ALPHA_HIGH}): they may ask the same thing.")
    weak = [f"{item} (r = {r:.2f})" for item, r in item_total.items() if r is not None and r < ITEM_TOTAL_LOW]
    if weak:
        notes.append(
            f"{', '.join(weak)} {'goes' if len(weak) == 1 else 'go'} less with the other statements "
            f"(corrected item-total correlation below {ITEM_TOTAL_LOW}): check the wording, and whether it is reverse-coded."
        )
    return {"alpha": alpha, "item_total": item_total, "note": " ".join(notes) or None}


def _analyze(dataset: Dataset, settings: Settings, selection: Selection) -> Analysis:
    k = settings.min_group_size
    published = disclosure(dataset, k)
    period, function, department = selection.period, selection.function, selection.department
    sizes = dataset.period_sizes()
    if function is ALL and department is ALL:
        respondents = sum(sizes.values()) if period is None else sizes.get(period, 0)
    else:
        count = _shown(published.respondents(period, function, department))
        respondents = count.n if count else 0
    results, scores, comparisons = [], [], []
    for tactic in TACTICS:
        gaps = configured_gaps(settings.thresholds, tactic.code)
        result, score, comparison = _tactic_result(published, tactic, settings.targets[tactic.code], selection, gaps)
        results.append(result)
        comparisons.append(comparison)
        if score is not None:
            scores.append(score)
    tested = [i for i, c in enumerate(comparisons) if c is not None]
    for i, p_adjusted in zip(tested, benjamini_hochberg([comparisons[i].p for i in tested]), strict=True):
        results[i].perception_test = comparison_json(comparisons[i], p_adjusted)
    reliability = published.reliability(dataset, period, function, department)
    for result in results:
        result.reliability = reliability_summary(reliability[result.code])
    split_reasons = [r.split_reason for r in results if r.score is not None]
    split_note = None
    if function is not ALL:
        split_note = f"Only {function} respondents are selected, so there is no IT-versus-business comparison."
    elif split_reasons and all(split_reasons):
        unknown = published.has_unknown_function(period)
        why = ", as showing both would reveal the respondents without a valid function" if unknown else ""
        split_note = f"IT-versus-business results are hidden in this selection ({split_reasons[0]}{why})."
    mean_score = sum(scores) / len(scores) if scores else None
    index = None if mean_score is None else sum((s - 1) / 4 * 100 for s in scores) / len(scores)
    level = maturity(mean_score)
    overall = _shown(published.item(OVERALL_ITEM_ID, period, function, department))
    warnings = list(dataset.report.warnings)
    if respondents < k:
        warnings.append(f"This selection has fewer than {k} respondents: every result is hidden.")
    return Analysis(
        source=dataset.label,
        period=period,
        respondents=respondents,
        periods=dataset.periods(),
        alignment_index=_round(index, 0),
        maturity_level=level[0] if level else None,
        maturity_name=level[1] if level else None,
        tactics=results,
        overall_statement={
            "item": OVERALL_ITEM_ID,
            "n": overall.n if overall else None,
            "mean": _round(overall.mean) if overall else None,
            "favorable_pct": _round(overall.favourable_pct, 0) if overall else None,
        },
        min_group_size=k,
        split_note=split_note,
        warnings=warnings,
        department=department,
        function=function,
    )


# ------------------------------------------------------------------------------ breakdowns


def department_scores(
    dataset: Dataset,
    settings: Settings,
    period: str | None = ALL_PERIODS,
    department: str | None = ALL,
    function: str | None = ALL,
) -> pd.DataFrame:
    """Department × tactic mean scores as published (hidden cells say why); one department's row when one is
    chosen, each department's respondents of one function when a function is chosen."""
    grid = disclosure(dataset, settings.min_group_size).department_grid(period, function)
    return grid if department is ALL else grid[grid["department"] == department].reset_index(drop=True)


def item_distribution(
    dataset: Dataset,
    tactic: str,
    settings: Settings,
    period: str | None = ALL_PERIODS,
    department: str | None = ALL,
    function: str | None = ALL,
) -> pd.DataFrame:
    """Per published statement of a tactic: count and share of each scored level 1-5 (after reversal)."""
    return disclosure(dataset, settings.min_group_size).item_distribution(tactic, period, function, department)


def item_scores(
    dataset: Dataset,
    tactic: str,
    settings: Settings,
    period: str | None = ALL_PERIODS,
    department: str | None = ALL,
    function: str | None = ALL,
) -> pd.DataFrame:
    """Per statement of a tactic: mean score and answers, plus IT and Business means, where published."""
    return disclosure(dataset, settings.min_group_size).item_table(tactic, period, function, department)


def statement_comparisons(
    dataset: Dataset,
    tactic: str,
    settings: Settings,
    period: str | None = ALL_PERIODS,
    department: str | None = ALL,
    function: str | None = ALL,
) -> pd.DataFrame:
    """Per statement of a tactic shown with both sides: IT and Business answers compared (Welch's t on the
    answers), p-values adjusted with Benjamini-Hochberg across the tactic's statements."""
    published = disclosure(dataset, settings.min_group_size)
    rows = []
    for item in published.item_table(tactic, period, function, department)["item"]:
        if function is not ALL:
            break
        it, business = (_shown(published.item(item, period, f, department)) for f in FUNCTIONS)
        comparison = compare(it, business)
        if comparison is not None:
            rows.append({"item": item, "it_n": it.n, "business_n": business.n, "comparison": comparison})
    adjusted = benjamini_hochberg([r["comparison"].p for r in rows])
    frame = pd.DataFrame(
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
    return frame


QUADRANTS = {
    (True, False): "Concentrate here",  # important, performing below the crosshair
    (True, True): "Keep up the good work",
    (False, False): "Low priority",
    (False, True): "Possible overkill",
}
SCALE_MIDPOINT = 3.0


def priorities(
    dataset: Dataset,
    tactic: str,
    settings: Settings,
    period: str | None = ALL_PERIODS,
    crosshairs: str = "mean",
    department: str | None = ALL,
    function: str | None = ALL,
) -> dict:
    """An importance-performance matrix for a tactic's statements: performance = the statement's mean, importance
    = how strongly it goes with the overall statement (derived importance, Pearson's r). Crosshairs at the data
    means ("mean") or at the scale midpoint and r = 0.5 ("midpoint"); each statement gets its quadrant."""
    published = disclosure(dataset, settings.min_group_size)
    items = published.item_table(tactic, period, function, department)
    items = items[~items["hidden"]][["item", "text", "item_mean", "item_n"]]
    importance = published.derived_importance(dataset, tactic, OVERALL_ITEM_ID, period, function, department)
    frame = items.merge(importance, on="item", how="inner").dropna(subset=["importance"]).reset_index(drop=True)
    return _matrix(frame, "derived", crosshairs)


def _matrix(frame: pd.DataFrame, method: str, crosshairs: str) -> dict:
    """An importance-performance matrix of `frame` (importance, item_mean): its crosshairs, at the data means or
    at the scale midpoints (3, or r = 0.5 for derived importance), and each point's quadrant."""
    if frame.empty:
        return {"frame": frame, "importance_cross": None, "performance_cross": None, "method": method}
    if crosshairs == "midpoint":
        importance_cross, performance_cross = (SCALE_MIDPOINT if method == "stated" else 0.5), SCALE_MIDPOINT
    else:
        importance_cross, performance_cross = float(frame["importance"].mean()), float(frame["item_mean"].mean())
    frame["quadrant"] = [
        QUADRANTS[(i >= importance_cross, p >= performance_cross)]
        for i, p in zip(frame["importance"], frame["item_mean"], strict=True)
    ]
    return {"frame": frame, "importance_cross": importance_cross, "performance_cross": performance_cross, "method": method}


def tactic_priorities(
    dataset: Dataset,
    settings: Settings,
    period: str | None = ALL_PERIODS,
    crosshairs: str = "mean",
    department: str | None = ALL,
    function: str | None = ALL,
) -> dict:
    """The six tactics in an importance-performance matrix: performance = the tactic's score; importance =
    stated (the mean answer to the tactic's optional importance question, 1-5) when every scored tactic has at
    least STATED_IMPORTANCE_MIN_N published answers to it, otherwise derived (Pearson's r of respondents' tactic
    means with the overall statement). Crosshairs at the data means, or at the scale midpoint (3 for stated
    importance, r = 0.5 for derived)."""
    published = disclosure(dataset, settings.min_group_size)
    analysis = analyze(dataset, settings, period, department, function)
    scored = [t for t in analysis.tactics if t.score is not None]
    stated = stated_importance(published, period, function, department)
    if stated is not None:
        method = "stated"
        importance = {code: (_round(f.mean), f.n) for code, f in stated.items()}  # as the chart shows it
    else:
        method = "derived"
        importance = published.derived_tactic_importance(dataset, OVERALL_ITEM_ID, period, function, department)
    rows = [
        {"item": t.code, "text": t.name, "item_mean": t.score, "item_n": t.n, "importance": importance[t.code][0]}
        for t in scored
        if t.code in importance and importance[t.code][0] is not None
    ]
    frame = pd.DataFrame(rows, columns=["item", "text", "item_mean", "item_n", "importance"])
    return _matrix(frame, method, crosshairs)


def tactic_comments(
    dataset: Dataset,
    tactic: str,
    settings: Settings,
    period: str | None = ALL_PERIODS,
    department: str | None = ALL,
    function: str | None = ALL,
) -> tuple[pd.DataFrame, bool]:
    """Comments on a tactic's open question from groups large enough to be shown; and whether any were held back."""
    return disclosure(dataset, settings.min_group_size).comments(dataset, tactic, period, function, department)


def selectable_periods(dataset: Dataset, settings: Settings) -> list[str]:
    return disclosure(dataset, settings.min_group_size).selectable_periods()


def selectable_departments(dataset: Dataset, settings: Settings, period: str | None = ALL_PERIODS) -> list[str]:
    """Departments one may filter on in a period (their respondent count is published there)."""
    return disclosure(dataset, settings.min_group_size).selectable_departments(period)


def selectable_functions(
    dataset: Dataset, settings: Settings, period: str | None = ALL_PERIODS, department: str | None = ALL
) -> list[str]:
    """IT and/or Business, where that function's respondent count is published in the selection."""
    return disclosure(dataset, settings.min_group_size).selectable_functions(period, department)


def tactic_results_frame(analysis: Analysis) -> pd.DataFrame:
    frame = pd.DataFrame([asdict(t) for t in analysis.tactics])
    frame["ci_low"] = frame["ci95"].map(lambda v: v[0] if v else None)
    frame["ci_high"] = frame["ci95"].map(lambda v: v[1] if v else None)
    return frame.drop(columns=["ci95"])
