"""Trends over survey periods: each tactic's score per period with its interval, the alignment index, the
proactive share of IT work, and which changes between consecutive periods are larger than the noise.

- Periods: those the disclosure layer lets a user select (analysis.selectable_periods), without "(not given)",
  from the earliest to the latest by date (evidence_views.order_periods); with a department or function chosen,
  only the periods in which that selection can be chosen too.
- Every number (scores, intervals, n, the index) comes from analysis.scores for one period, and the department
  and function when chosen; a hidden cell stays hidden and carries its reason instead of a number.
- A change from one period to the next is tested with Welch's t on the two periods' published cells (n, mean,
  SD, the cells analyze reads); when the two periods are a panel (at least min_group_size respondent ids, and
  at least half of the smaller period, answer both), with a paired t-test on the changes of the people who
  answered both (stats.compare_rounds). p-values are adjusted with Holm's method across every comparison the view
  makes (each consecutive pair of periods, and the first against the latest), so the chance that a page calls any
  change real when nothing changed stays at most ALPHA; each change names its test. It is called a rise or a fall
  only when the adjusted p is below ALPHA; otherwise it is "no change beyond the noise".
- The proactive share is the share of work items (WorkItems evidence table) that are proactive, per quarter
  the item was opened (evidence_views.proactive_by_quarter, as on the ASM page); its n is work items, not
  respondents. Quarters with fewer work items than ASM004's min_items are marked too few to judge. Work items
  are not split by the department and function filters.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import pandas as pd

from .analysis import NOT_ASKED, scores, selectable_departments, selectable_functions, selectable_periods
from .checks.registry import configured_threshold
from .config import Settings
from .dataset import Dataset
from .disclosure import disclosure
from .evidence_views import proactive_by_quarter
from .ingest import NOT_GIVEN
from .perception_gap import p_text
from .periods import order_periods
from .selection import EVERYONE, Selection
from .selection_stats import respondent_means
from .stats import WELCH, Comparison, compare_rounds, holm, panel_ids, test_said, welch
from .tactics import TACTICS

ALPHA = 0.05  # a change is larger than the noise when its adjusted p-value is below this
MIN_PERIODS = 2
METHOD = (
    "A change from one period to the next is called out only when it is larger than the noise: Welch's t-test on "
    "the two periods' respondent means (from the published n, mean and SD), or, when the same people answered "
    "both periods (a panel: the same respondent ids), a paired t-test on each person's change; p-values adjusted "
    "with Holm's method across every change this page compares (all tactics and all pairs of periods), adjusted p "
    f"below {ALPHA:g}. Otherwise: no change beyond the noise. Each change names its test."
)
ONE_PERIOD_MESSAGE = (
    "Trends need at least two survey periods that can be shown. {found} Give each round of the survey its period "
    "(a period column such as 2026-Q1, or the submitted date) and upload the rounds together."
)
SCORE_COLUMNS = ["period", "code", "name", "score", "ci_low", "ci_high", "n", "target", "hidden_reason"]
INDEX_COLUMNS = ["period", "alignment_index", "tactics_scored", "respondents"]
CHANGE_COLUMNS = [
    "period",
    "previous",
    "code",
    "name",
    "score",
    "previous_score",
    "difference",
    "p",
    "p_adjusted",
    "effect_size",
    "test",
    "verdict",
    "phrase",
]


@dataclass(frozen=True)
class Change:
    """One tactic's change from the previous shown period."""

    code: str
    period: str
    previous: str
    score: float | None
    previous_score: float | None
    difference: float | None  # score − previous score, as shown (both rounded to 2 decimals)
    p: float | None = None
    p_adjusted: float | None = None
    effect_size: float | None = None  # Cohen's d (Welch) or d_z (paired)
    test: str | None = None  # WELCH or PAIRED (how many people a paired test rests on is kept nowhere: hidden groups'
    # members count in it, so that a view of it would tell how many of them came back)
    verdict: str = "not compared"  # "rise", "fall", "no change" or "not compared"
    phrase: str = ""

    @property
    def is_real(self) -> bool:
        return self.verdict in ("rise", "fall")

    @property
    def delta_text(self) -> str | None:
        """'+0.12 vs 2026-Q1' for a scorecard, or None when there is nothing to compare."""
        return None if self.difference is None else f"{signed(self.difference)} vs {self.previous}"


@dataclass
class Trends:
    periods: list[str]  # shown periods, earliest first
    order_note: str  # order_periods' note ('' when every label reads as a date)
    scores: pd.DataFrame  # SCORE_COLUMNS, one row per period and tactic
    index: pd.DataFrame  # INDEX_COLUMNS, one row per period
    changes: pd.DataFrame  # CHANGE_COLUMNS, one row per tactic and period after the first
    proactive: pd.DataFrame | None  # quarter, work_items, proactive_pct, enough_items; None without WorkItems
    proactive_min_items: float
    proactive_threshold: float  # ASM004's warn_below, in %
    hidden_periods: list[str] = field(default_factory=list)  # periods with data that cannot be shown
    method: str = METHOD
    selection: Selection = EVERYONE  # whose trend this is: a department and function (or everyone), over every period

    @property
    def enough_periods(self) -> bool:
        return len(self.periods) >= MIN_PERIODS

    def tactic(self, code: str) -> pd.DataFrame:
        """One tactic's rows, earliest period first, with the verdict and phrase of its change from the period
        before (none for the first period)."""
        rows = self.scores[self.scores["code"] == code]
        changes = self.changes[self.changes["code"] == code][["period", "previous", "difference", "verdict", "phrase"]]
        return rows.merge(changes, on="period", how="left").reset_index(drop=True)

    @property
    def message(self) -> str | None:
        """Why there is no trend to show, or None."""
        if self.enough_periods:
            return None
        narrowed = self.selection.who()
        what = f"This selection ({narrowed})" if narrowed else "This data"
        found = f"{what} has one: {self.periods[0]}." if self.periods else f"{what} has none."
        if self.hidden_periods:
            found += f" Not shown, too small or protected: {', '.join(self.hidden_periods)}."
        if narrowed:
            return (
                f"Trends need at least two survey periods that can be shown. {found} Clear the department or function "
                "filter to see the trend of the whole organisation."
            )
        return ONE_PERIOD_MESSAGE.format(found=found)


def target_index(settings: Settings) -> float:
    """The alignment index the targets would give: mean over the tactics of (target - 1) / 4 * 100."""
    targets = [settings.targets[t.code] for t in TACTICS]
    return sum((t - 1) / 4 * 100 for t in targets) / len(targets)


def trend_periods(dataset: Dataset, settings: Settings, selection: Selection = EVERYONE) -> tuple[list[str], str]:
    """The periods a trend shows, earliest first, and the order's note: the selectable ones (without '(not given)')
    in which the selection's department and function, when chosen, can be selected too (their respondent count is
    published). The selection's period plays no part: a trend follows it over every period."""
    department, function = selection.department, selection.function

    def offered(period: str) -> bool:
        if department is not None and department not in selectable_departments(dataset, settings, period):
            return False
        return function is None or function in selectable_functions(dataset, settings, period, department)

    return order_periods(p for p in selectable_periods(dataset, settings) if p != NOT_GIVEN and offered(p))


def signed(difference: float) -> str:
    """'+0.12', '-0.05', or '0.00' for no difference."""
    return "0.00" if round(difference, 2) == 0 else f"{difference:+.2f}"


def change_verdict(difference: float, p_adjusted: float, alpha: float = ALPHA, test: str = WELCH) -> tuple[str, str]:
    """(verdict, phrase) for a change between two periods: a rise or a fall only when the adjusted p is below alpha.
    The phrase names the test."""
    how = f"{test_said(test)}, adjusted p {p_text(p_adjusted)}"
    if p_adjusted < alpha and difference != 0:
        verdict = "rise" if difference > 0 else "fall"
        return verdict, f"a real {verdict} of {signed(difference)} ({how})"
    return "no change", f"no change beyond the noise ({signed(difference)}, {how})"


# Each respondent's id as given: ingest keys a respondent who answers in several periods "id (period)".
_SHARED_IDS = """
    WITH ids AS (
        SELECT period, CASE WHEN ends_with(respondent, ' (' || period || ')')
                            THEN left(respondent, length(respondent) - length(period) - 3) ELSE respondent END AS id
        FROM respondents WHERE period IS NOT NULL
    )
    SELECT a.period AS one, b.period AS other, count(DISTINCT a.id) AS shared
    FROM ids a JOIN ids b ON a.id = b.id AND a.period <> b.period
    GROUP BY 1, 2
"""


def shared_ids(dataset: Dataset) -> dict[tuple[str, str], int]:
    """Per ordered pair of periods that share any respondent id (as given), how many: read once from the ids alone.
    A selection's rounds share at most as many, so a pair below panel_ids' minimum can never be a panel."""

    def compute() -> dict[tuple[str, str], int]:
        frame = dataset.query(_SHARED_IDS)
        return {(a, b): int(n) for a, b, n in zip(frame["one"], frame["other"], frame["shared"], strict=True)}

    return dataset.remember(("shared_ids",), compute)


def _may_be_panel(dataset: Dataset, previous: str, period: str, minimum: int) -> bool:
    """Whether two periods share enough respondent ids for panel_ids to find a panel in some selection of them."""
    return shared_ids(dataset).get((previous, period), 0) >= max(2, minimum)


def _untested_changes(
    dataset: Dataset, settings: Settings, selection: Selection, previous: str
) -> tuple[dict[str, Change], list[tuple[str, Comparison]]]:
    """Each tactic's change from `previous` to the selection's period with its test and raw p-value, not yet adjusted or decided:
    Welch's t on the two published cells, or a paired t-test when the two periods are a panel (panel_ids). A tactic
    hidden in either period is not compared, and says why. The respondents' own means are read only when the two
    periods share enough ids to be a panel (_may_be_panel); otherwise Welch's t needs only the published cells."""
    published = disclosure(dataset, settings.min_group_size)
    period, earlier_selection = selection.period, replace(selection, period=previous)
    now = scores(dataset, settings, selection)
    before = scores(dataset, settings, earlier_selection)
    panel = now_means = before_means = None
    if _may_be_panel(dataset, previous, period, settings.min_group_size):
        now_means = respondent_means(published, dataset, selection)
        before_means = respondent_means(published, dataset, earlier_selection)
        panel = panel_ids(now_means.index, before_means.index, settings.min_group_size)
    changes: dict[str, Change] = {}
    tested: list[tuple[str, Comparison]] = []
    for tactic in TACTICS:
        current, earlier = now.tactic(tactic.code), before.tactic(tactic.code)
        if current.score is None or earlier.score is None:
            where, hidden = (period, current) if current.score is None else (previous, earlier)
            why = hidden.hidden_reason or "no answers"
            phrase = f"not compared: {where} is {why}" if current.asked else f"not compared: {NOT_ASKED}"
            changes[tactic.code] = Change(tactic.code, period, previous, current.score, earlier.score, None, phrase=phrase)
            continue
        a = published.tactic(tactic.code, selection)
        b = published.tactic(tactic.code, earlier_selection)
        if panel is not None and tactic.code in now_means and tactic.code in before_means:
            test, comparison, _ = compare_rounds(now_means[tactic.code], before_means[tactic.code], settings.min_group_size)
        else:
            test = WELCH
            comparison = welch(a.n, a.mean, a.sd, b.n, b.mean, b.sd) if a.sd is not None and b.sd is not None else None
        changes[tactic.code] = Change(
            tactic.code,
            period,
            previous,
            current.score,
            earlier.score,
            round(current.score - earlier.score, 2),
            p=comparison.p if comparison else None,
            effect_size=comparison.effect_size if comparison else None,
            test=test if comparison else None,
            phrase="" if comparison else "not compared: too few respondents",
        )
        if comparison is not None:
            tested.append((tactic.code, comparison))
    return changes, tested


def _decided(groups: dict[tuple[str, str], tuple[dict[str, Change], list[tuple[str, Comparison]]]]) -> dict:
    """Every change of one view decided together: Holm's adjustment across all the comparisons of all the pairs of
    periods, so the chance that the view calls any change real when nothing changed stays at most ALPHA."""
    family = [(pair, code) for pair, (_, tested) in groups.items() for code, _ in tested]
    adjusted = holm([groups[pair][0][code].p for pair, code in family])
    decided = {pair: dict(changes) for pair, (changes, _) in groups.items()}
    for (pair, code), p_adjusted in zip(family, adjusted, strict=True):
        change = decided[pair][code]
        verdict, phrase = change_verdict(change.difference, p_adjusted, test=change.test)
        decided[pair][code] = replace(change, p_adjusted=p_adjusted, verdict=verdict, phrase=phrase)
    return decided


def view_pairs(periods: list[str]) -> list[tuple[str, str]]:
    """The (previous, period) pairs one trend view compares: each period with the one before, and the first with
    the latest (its summary) when they are not neighbours."""
    pairs = list(itertools.pairwise(periods))
    return [*pairs, (periods[0], periods[-1])] if len(periods) > 2 else pairs


def view_changes(
    dataset: Dataset, settings: Settings, selection: Selection = EVERYONE
) -> dict[tuple[str, str], dict[str, Change]]:
    """Per (previous, period) of view_pairs of the selection's trend periods, each tactic's change, decided once for
    the whole view (_decided): the Trends page, its first-to-latest summary and the Overview's scorecards read these.
    The selection's period plays no part."""
    followed = selection.over_periods

    def compute() -> dict:
        periods, _ = trend_periods(dataset, settings, followed)
        pairs = view_pairs(periods)
        return _decided(
            {pair: _untested_changes(dataset, settings, replace(followed, period=pair[1]), pair[0]) for pair in pairs}
        )

    return dataset.remember(("view_changes", settings, followed), compute)


def period_changes(dataset: Dataset, settings: Settings, selection: Selection, previous: str) -> dict[str, Change]:
    """Each tactic's change from `previous` to the selection's period: as the selection's trend view decided it when it
    compares that pair (view_changes), else decided on its own (Holm across the tactics compared)."""
    decided = view_changes(dataset, settings, selection)
    pair = (previous, selection.period)
    if pair in decided:
        return decided[pair]
    return _decided({pair: _untested_changes(dataset, settings, selection, previous)})[pair]


def change_in_words(change: Change) -> str:
    """A change from one round to another as a leader reads it: 'up 0.31, beyond the noise', 'down 0.05, within
    the noise' (the test and its p-value are in the method caption), or why it was not compared."""
    if change.difference is None or change.verdict == "not compared":
        return change.phrase or "not compared"
    size = f"{abs(change.difference):.2f}"
    if change.verdict in ("rise", "fall"):
        return f"{'up' if change.verdict == 'rise' else 'down'} {size}, beyond the noise"
    if change.difference == 0:
        return "the same"
    return f"{'up' if change.difference > 0 else 'down'} {size}, within the noise: no real change"


def previous_period(dataset: Dataset, settings: Settings, selection: Selection) -> str | None:
    """The shown period just before the selection's, or None (all periods, the first period, or a period not shown)."""
    periods, _ = trend_periods(dataset, settings, selection)
    if selection.period not in periods:
        return None
    position = periods.index(selection.period)
    return periods[position - 1] if position else None


def change_from_previous(dataset: Dataset, settings: Settings, selection: Selection) -> dict[str, Change]:
    """Per tactic code, the change of the selection from the previous shown period; {} when there is none."""
    previous = previous_period(dataset, settings, selection)
    if previous is None:
        return {}
    return period_changes(dataset, settings, selection, previous)


def _score_rows(dataset: Dataset, settings: Settings, selection: Selection) -> tuple[list[dict], dict]:
    period = selection.period
    analysis = scores(dataset, settings, selection)
    rows = []
    for result in analysis.tactics:
        shown = result.score is not None
        rows.append(
            {
                "period": period,
                "code": result.code,
                "name": result.name,
                "score": result.score,
                "ci_low": result.ci95[0] if shown and result.ci95 else None,
                "ci_high": result.ci95[1] if shown and result.ci95 else None,
                "n": result.n if shown else None,
                "target": result.target,
                "hidden_reason": None if shown else (result.why_no_score or "no answers"),
            }
        )
    index = {
        "period": period,
        "alignment_index": analysis.alignment_index,
        "tactics_scored": sum(r.score is not None for r in analysis.tactics),
        "respondents": analysis.respondents,
    }
    return rows, index


def proactive_share(dataset: Dataset, settings: Settings) -> pd.DataFrame | None:
    """The proactive share of IT work per quarter (as on the ASM page), with whether each quarter has enough work
    items to judge (ASM004's min_items); None without a WorkItems table."""
    if not dataset.has_table("work_items"):
        return None
    frame = proactive_by_quarter(dataset)
    order = {quarter: i for i, quarter in enumerate(order_periods(frame["quarter"])[0])}
    frame = frame.sort_values("quarter", key=lambda q: q.map(order)).reset_index(drop=True)
    return frame.assign(enough_items=frame["work_items"] >= configured_threshold(settings, "ASM004", "min_items"))


def trends(dataset: Dataset, settings: Settings, selection: Selection = EVERYONE) -> Trends:
    """Everything the Trends page shows, from the scores per shown period, for the selection's department and
    function when chosen (its period plays no part: a trend shows every period)."""
    followed = selection.over_periods
    return dataset.remember(("trends", settings, followed), lambda: _trends(dataset, settings, followed))


def _trends(dataset: Dataset, settings: Settings, followed: Selection) -> Trends:
    periods, note = trend_periods(dataset, settings, followed)
    score_rows, index_rows, change_rows = [], [], []
    for period in periods:
        rows, index = _score_rows(dataset, settings, replace(followed, period=period))
        score_rows += rows
        index_rows.append(index)
    names = {t.code: t.name for t in TACTICS}
    decided = view_changes(dataset, settings, followed)
    for previous, period in itertools.pairwise(periods):
        for change in decided[(previous, period)].values():
            change_rows.append(
                {
                    "period": change.period,
                    "previous": change.previous,
                    "code": change.code,
                    "name": names[change.code],
                    "score": change.score,
                    "previous_score": change.previous_score,
                    "difference": change.difference,
                    "p": change.p,
                    "p_adjusted": change.p_adjusted,
                    "effect_size": change.effect_size,
                    "test": change.test,
                    "verdict": change.verdict,
                    "phrase": change.phrase,
                }
            )
    shown = set(periods)
    hidden = [p for p in order_periods(p for p in dataset.periods() if p != NOT_GIVEN)[0] if p not in shown]
    return Trends(
        periods=periods,
        order_note=note,
        scores=pd.DataFrame(score_rows, columns=SCORE_COLUMNS),
        index=pd.DataFrame(index_rows, columns=INDEX_COLUMNS),
        changes=pd.DataFrame(change_rows, columns=CHANGE_COLUMNS),
        proactive=proactive_share(dataset, settings),
        proactive_min_items=configured_threshold(settings, "ASM004", "min_items"),
        proactive_threshold=100 * configured_threshold(settings, "ASM004", "warn_below"),
        hidden_periods=hidden,
        selection=followed,
    )


def trends_json(trend: Trends) -> list[dict]:
    """The Trends page's changes for `analyze --json`: per tactic and pair of consecutive shown periods, the change as
    the page decided it (Holm across the page). A tactic hidden in either period carries why, and no numbers."""
    rows = []
    for row in trend.changes.itertuples():
        compared = row.verdict != "not compared"
        rows.append(
            {
                "tactic": row.code,
                "from": row.previous,
                "to": row.period,
                "difference": float(row.difference) if compared else None,
                "test": test_said(row.test) if compared else None,
                "p_adjusted": float(f"{row.p_adjusted:.3g}") if compared else None,
                "verdict": row.verdict,
                "reason": None if compared else row.phrase,
            }
        )
    return rows
