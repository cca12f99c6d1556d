"""Scores of a selection, read from the disclosure layer's published cells (never computed per group here).

- Reverse-coded items were already turned into 6 - x on ingest.
- A respondent's tactic mean: tactic_means (at least half its statements answered, adjusted for which).
- Tactic score = mean of respondent means; 95 % interval as stats.mean_interval (n >= 2), inside 1-5.
- Gap = target - score; perception gap = IT mean - Business mean, with Welch's test (stats.welch),
  Holm-adjusted over the six tactics (or the statements of one tactic): family-wise error per view.
- Favourable % = share of answers scored 4 or 5; alignment index = mean of (score - 1) / 4 * 100.
- Precision: scores and gaps to 2 decimals, percentages and the index whole.
"""

from __future__ import annotations

import copy
import math
from dataclasses import asdict, dataclass, field, replace

import pandas as pd

from .config import Settings
from .dataset import Dataset
from .disclosure import disclosure
from .figure import Figure, Hidden
from .gap_levels import GapLevel, configured_gaps, gap_level, level_of
from .items import OVERALL_ITEM_ID
from .offered import FUNCTIONS
from .perception_gap import PerceptionLimits, perception_verdict
from .selection import EVERYONE, Selection
from .selection_stats import reliability_of
from .stats import ALPHA_LINE, CI_METHOD, TEST_METHOD, Comparison, Reliability, holm, mean_interval, welch
from .tactics import TACTICS, maturity

NOT_ASKED = "not asked in this survey"  # a tactic without any statement in the upload
NOT_ASKED_SENTENCE = "This tactic was not asked in this survey: the upload has none of its statements."


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
    hidden_because: Hidden | None = None  # why the score is not shown (reason code and k), when it is not
    split_hidden_because: Hidden | None = None  # why IT versus Business is not shown, when it is not
    it_n: int | None = None
    business_n: int | None = None
    # Welch's t on respondent means (statistic, df, p, p_adjusted, effect_size) and its verdict, decided here once
    # (perception_gap.perception_verdict with the tactic's configured limits: verdict, phrase); the perception-gap check reads it
    perception_test: dict | None = None
    # Cronbach's alpha, Feldt interval, n (only when it cannot tell who skipped), item-total correlations, left out, a note
    reliability: dict | None = None
    asked: bool = True  # False when the survey has no statement of this tactic: nothing to score, not a missing score

    @property
    def level(self) -> GapLevel | None:
        """The gap level decided with the score (gap_level's key as its GapLevel); None when the score is hidden."""
        return gap_level(self.gap_level)

    @property
    def hidden_reason(self) -> str | None:
        """Why the score is not shown, in words ('hidden: fewer than 5 responses'); None when it is shown."""
        return self.hidden_because.words() if self.hidden_because else None

    @property
    def split_reason(self) -> str | None:
        """Why IT versus Business is not shown, in words; None when it is shown or not asked for."""
        return self.split_hidden_because.words() if self.split_hidden_because else None

    def to_json(self) -> dict:
        """As `analyze --json` gives a tactic: its fields, with why it or its split is hidden also in words."""
        return {**asdict(self), "hidden_reason": self.hidden_reason, "split_reason": self.split_reason}

    @property
    def why_no_score(self) -> str | None:
        """Why there is no score, as a table cell says it: not asked, or hidden (and why); None when not hidden."""
        return NOT_ASKED if not self.asked else self.hidden_reason

    def no_score_sentence(self, no_answers: str = "no answers in this selection") -> str:
        """The sentence a page, slide or report shows in place of a tactic's missing score."""
        if not self.asked:
            return NOT_ASKED_SENTENCE
        return f"This tactic's score is {self.hidden_reason or no_answers}."


@dataclass
class Analysis:
    source: str
    selection: Selection  # whose scores these are: a period, department and function (None = all)
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

    def tactic(self, code: str) -> TacticResult:
        return next(t for t in self.tactics if t.code == code)

    def to_json(self) -> dict:
        """As `analyze --json` gives it: the selection's period, department and function at the top level."""
        data = asdict(self)
        data.update(data.pop("selection"))
        data["tactics"] = [t.to_json() for t in self.tactics]
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


def analyze(dataset: Dataset, settings: Settings | None = None, selection: Selection = EVERYONE) -> Analysis:
    """The scores of a selection (a period, department and function, each optional); remembered on the dataset per
    settings and selection (checks ask again)."""
    settings = settings or Settings()
    result = dataset.remember(("analysis", settings, selection), lambda: _with_reliability(dataset, settings, selection))
    return copy.deepcopy(result)


def scores(dataset: Dataset, settings: Settings | None = None, selection: Selection = EVERYONE) -> Analysis:
    """The analysis of a selection without the reliability of each tactic's statements (`reliability` is None):
    everything else as analyze gives it, for what reads only the scores (trends, the checks over periods) at a
    fraction of the cost. analyze builds on it, so a selection's scores are computed once."""
    settings = settings or Settings()
    return copy.deepcopy(_scores(dataset, settings, selection))


def _scores(dataset: Dataset, settings: Settings, selection: Selection) -> Analysis:
    return dataset.remember(("scores", settings, selection), lambda: _analyze(dataset, settings, selection))


def _with_reliability(dataset: Dataset, settings: Settings, selection: Selection) -> Analysis:
    """The selection's scores with each tactic's reliability (Cronbach's alpha and its notes)."""
    result = copy.deepcopy(_scores(dataset, settings, selection))
    published = disclosure(dataset, settings.min_group_size)
    reliability = reliability_of(published, dataset, selection)
    for tactic in result.tactics:
        tactic.reliability = reliability_summary(reliability[tactic.code], _everyone_answered(published, tactic, selection))
    return result


def _shown(figure: Figure | None) -> Figure | None:
    return None if figure is None or figure.hidden else figure


def _tactic_result(
    published, tactic, target: float, selection: Selection, gaps: tuple[float, float], asked: bool = True
) -> tuple[TacticResult, float | None, Comparison | None]:
    if not asked:
        result = TacticResult(tactic.code, tactic.name, None, None, target, None, None, None, None, 0, None, asked=False)
        return result, None, None
    total = published.tactic(tactic.code, selection)
    if total is None or total.hidden:
        n = None if total is not None else 0
        return (
            TacticResult(
                tactic.code, tactic.name, None, None, target, None, None, None, None, n, None, hidden_because=Hidden.of(total)
            ),
            None,
            None,
        )
    split = (
        {f: published.tactic(tactic.code, replace(selection, function=f)) for f in FUNCTIONS}
        if selection.function is None
        else {}
    )
    split.setdefault("IT", None)
    split.setdefault("Business", None)
    it, business = _shown(split["IT"]), _shown(split["Business"])
    split_hidden_because = next((Hidden.of(f) for f in split.values() if f is not None and f.hidden), None)
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
        split_hidden_because=split_hidden_because,
        it_n=it.n if it else None,
        business_n=business.n if business else None,
    )
    return result, total.mean, compare(it, business)


ALPHA_HIGH, ITEM_TOTAL_LOW = 0.95, 0.3


def _everyone_answered(published, result: TacticResult, selection: Selection) -> int | None:
    """The tactic cell's n when every statement's cell of the selection is published with that same n: then
    everyone in the cell answered every statement, which the published cells already tell. Otherwise None."""
    if result.n is None:
        return None
    for item in published.statements(result.code):
        figure = _shown(published.item(item, selection))
        if figure is None or figure.n != result.n:
            return None
    return result.n


def reliability_summary(result: Reliability | str | None, respondents: int | None = None) -> dict | None:
    """Alpha, its Feldt interval and item-total correlations to 2 decimals, with what they mean in plain words:
    notes, not a hard cut at 0.7 (an interval that includes 0.7 says the reliability is unclear). The interval is
    computed from the pairwise n; n itself is given only when it equals `respondents` (the tactic cell's n, when
    the published statement cells show everyone answered every statement), since a count of those who answered
    every pair that differs between selections pins who skipped."""
    if result is None:
        return None
    if isinstance(result, str):
        return {"alpha": None, "ci95": None, "item_total": {}, "left_out": [], "note": result}
    alpha = _round(result.alpha)
    ci95 = [_round(v) for v in result.ci95] if result.ci95 else None
    item_total = {item: _round(r) for item, r in result.item_total.items()}
    notes = []
    if result.left_out:
        notes.append(f"Left out: {', '.join(result.left_out)}, everyone answered the same.")
    if alpha is not None and ci95 is not None:
        said = f"alpha {alpha:.2f}, 95 % interval {ci95[0]:.2f} to {ci95[1]:.2f}"
        if ci95[1] < ALPHA_LINE:
            notes.append(
                f"The statements do not hang together well ({said}, below {ALPHA_LINE}): "
                "read them one by one rather than relying on the tactic score alone."
            )
        elif ci95[0] < ALPHA_LINE:
            notes.append(f"Reliability unclear ({said}, which includes {ALPHA_LINE}): more respondents would tell.")
    if alpha is not None and alpha > ALPHA_HIGH:
        notes.append(f"The statements are almost redundant (alpha {alpha:.2f}, above {ALPHA_HIGH}): they may ask the same thing.")
    weak = [f"{item} (r = {r:.2f})" for item, r in item_total.items() if r is not None and r < ITEM_TOTAL_LOW]
    if weak:
        notes.append(
            f"{', '.join(weak)} {'goes' if len(weak) == 1 else 'go'} less with the other statements "
            f"(corrected item-total correlation below {ITEM_TOTAL_LOW}): check the wording, and whether it is reverse-coded."
        )
    summary = {
        "alpha": alpha,
        "ci95": ci95,
        "n": result.n,
        "item_total": item_total,
        "left_out": list(result.left_out),
        "note": " ".join(notes) or None,
    }
    if result.n != respondents:  # fewer answered some pair than are in the cell: the count would tell who skipped
        del summary["n"]
    return summary


def _analyze(dataset: Dataset, settings: Settings, selection: Selection) -> Analysis:
    k = settings.min_group_size
    published = disclosure(dataset, k)
    period, function = selection.period, selection.function
    sizes = dataset.period_sizes()
    if not selection.narrowed:
        respondents = sum(sizes.values()) if period is None else sizes.get(period, 0)
    else:
        count = _shown(published.respondents(selection))
        respondents = count.n if count else 0
    results, scores, comparisons = [], [], []
    for tactic in TACTICS:
        gaps = configured_gaps(settings.thresholds, tactic.code)
        asked = tactic.code in dataset.asked_tactics
        result, score, comparison = _tactic_result(published, tactic, settings.targets[tactic.code], selection, gaps, asked)
        results.append(result)
        comparisons.append(comparison)
        if score is not None:
            scores.append(score)
    tested = [i for i, c in enumerate(comparisons) if c is not None]
    for i, p_adjusted in zip(tested, holm([comparisons[i].p for i in tested]), strict=True):
        result, test = results[i], comparison_json(comparisons[i], p_adjusted)
        limits = PerceptionLimits.configured(settings.thresholds, result.code)
        verdict, phrase = perception_verdict(result.perception_gap, test["p_adjusted"], result.it_n, result.business_n, limits)
        result.perception_test = {**test, "verdict": verdict, "phrase": phrase}
    split_reasons = [r.split_reason for r in results if r.score is not None]
    split_note = None
    if function is not None:
        split_note = f"Only {function} respondents are selected, so there is no IT-versus-business comparison."
    elif split_reasons and all(split_reasons):
        unknown = published.has_unknown_function(period)
        why = ", as showing both would reveal the respondents without a valid function" if unknown else ""
        split_note = f"IT-versus-business results are hidden in this selection ({split_reasons[0]}{why})."
    mean_score = sum(scores) / len(scores) if scores else None
    index = None if mean_score is None else sum((s - 1) / 4 * 100 for s in scores) / len(scores)
    level = maturity(mean_score)
    overall = _shown(published.item(OVERALL_ITEM_ID, selection))
    warnings = list(dataset.report.warnings)
    if respondents < k:
        warnings.append(f"This selection has fewer than {k} respondents: every result is hidden.")
    return Analysis(
        source=dataset.label,
        selection=selection,
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
    )


# ------------------------------------------------------------------------------ filters


def selectable_periods(dataset: Dataset, settings: Settings) -> list[str]:
    return disclosure(dataset, settings.min_group_size).selectable_periods()


def selectable_departments(dataset: Dataset, settings: Settings, period: str | None = None) -> list[str]:
    """Departments one may filter on in a period (their respondent count is published there)."""
    return disclosure(dataset, settings.min_group_size).selectable_departments(period)


def selectable_functions(
    dataset: Dataset, settings: Settings, period: str | None = None, department: str | None = None
) -> list[str]:
    """IT and/or Business, where that function's respondent count is published in the selection."""
    return disclosure(dataset, settings.min_group_size).selectable_functions(period, department)


def tactic_results_frame(analysis: Analysis) -> pd.DataFrame:
    frame = pd.DataFrame([asdict(t) for t in analysis.tactics])
    frame["ci_low"] = frame["ci95"].map(lambda v: v[0] if v else None)
    frame["ci_high"] = frame["ci95"].map(lambda v: v[1] if v else None)
    return frame.drop(columns=["ci95"])
