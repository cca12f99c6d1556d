"""One selection, one set of results: everything a view shows, decided once.

`results(dataset, settings, selection)` returns the selection's analysis, the whole organisation's findings
(the checks compare what people say with the organisation's evidence, which the filters do not split), each
tactic's gap level (the score check's own verdict, gap_levels.py) and the headline: where to start and what
is strong; and, computed the first time a view asks and then remembered with it, the selection's tables: a
tactic's statements, their comparisons, answers and comments, the department grid, the priorities, the comment
report, the change from the previous period and the trend. Pages, the meeting, the command line and the exports
render this bundle and never recompute it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .analysis import Analysis, TacticResult, analyze
from .checks import Finding, run_checks, top_findings
from .checks.registry import REGISTRY
from .comment_themes import CommentReport, comment_report
from .config import Settings
from .dataset import Dataset
from .gap_levels import MET, SCORE_CHECKS, SHORTFALLS, UNCERTAIN, GapLevel, distance_words
from .perception_gap import GAP_CHECKS
from .priorities import priorities, tactic_priorities
from .selection import Selection
from .tables import department_scores, item_distribution, item_scores, statement_comparisons, tactic_comments
from .tactics import TACTICS
from .trends import Change, Trends, change_from_previous, trends

TOPICS = {t.code: t.topic for t in TACTICS}  # "rotation between IT and the business": how a sentence names a tactic


@dataclass
class Headline:
    """Where to start (`focus`, most urgent first), what is strong, and one plain sentence saying so."""

    focus: list[str]
    strengths: list[str]
    sentence: str

    def to_json(self) -> dict:
        return {"focus": self.focus, "strengths": self.strengths, "sentence": self.sentence}


@dataclass
class Results:
    selection: Selection
    settings: Settings
    analysis: Analysis  # the selection's scores
    whole: Analysis  # the whole organisation in the selection's period: what the checks read
    findings: list[Finding]  # the whole organisation's findings, one per check
    headline: Headline
    dataset: Dataset = field(repr=False, compare=False)  # what the tables below are read from (never counted in a cache)
    _by_check: dict[str, Finding] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_check = {f.check: f for f in self.findings}

    # --------------------------------------------------------------------- the selection's tables, each made once

    def _table(self, name: str, compute, *key):
        """compute(), once per name, settings, selection and key, in the dataset's results cache (each table sized
        on its own there)."""
        return self.dataset.remember(("results", name, self.settings, self.selection, *key), compute)

    def statements(self, code: str) -> pd.DataFrame:
        """A tactic's statements: means, IT and Business, hidden ones with their reason (tables.item_scores)."""
        return self._table("statements", lambda: item_scores(self.dataset, code, self.settings, self.selection), code)

    def statement_comparisons(self, code: str) -> pd.DataFrame:
        """IT against the business on each of a tactic's statements, with each verdict (tables.statement_comparisons)."""
        return self._table("comparisons", lambda: statement_comparisons(self.dataset, code, self.settings, self.selection), code)

    def answers(self, code: str) -> pd.DataFrame:
        """How people answered each of a tactic's statements (tables.item_distribution)."""
        return self._table("answers", lambda: item_distribution(self.dataset, code, self.settings, self.selection), code)

    def comments(self, code: str) -> tuple[pd.DataFrame, bool]:
        """A tactic's comments that may be shown, and whether any were held back (tables.tactic_comments)."""
        return self._table("comments", lambda: tactic_comments(self.dataset, code, self.settings, self.selection), code)

    def comment_report(self) -> CommentReport:
        """Themes and tone of every shown comment, per tactic (comment_themes.comment_report)."""
        return self._table("comment_report", lambda: comment_report(self.dataset, self.settings, self.selection))

    def departments(self) -> pd.DataFrame:
        """The department x tactic grid (tables.department_scores)."""
        return self._table("departments", lambda: department_scores(self.dataset, self.settings, self.selection))

    def priorities(self, code: str | None = None, crosshairs: str = "mean") -> dict:
        """The importance-performance matrix of the tactics, or of one tactic's statements (priorities)."""

        def compute() -> dict:
            if code is None:
                return tactic_priorities(self.dataset, self.settings, self.selection, crosshairs)
            return priorities(self.dataset, code, self.settings, self.selection, crosshairs)

        return self._table("priorities", compute, code, crosshairs)

    def changes(self) -> dict[str, Change]:
        """Per tactic, the change from the previous shown period (trends.change_from_previous)."""
        return self._table("changes", lambda: change_from_previous(self.dataset, self.settings, self.selection))

    def trends(self) -> Trends:
        """The selection's department and function over every period (trends.trends)."""
        return trends(self.dataset, self.settings, self.selection)

    def level(self, code: str) -> GapLevel | None:
        """The tactic's gap level for the selection (None when its score is hidden)."""
        return self.analysis.tactic(code).level

    def score_finding(self, code: str) -> Finding | None:
        """The check of the tactic's score against target (on the whole organisation)."""
        return self._by_check.get(SCORE_CHECKS[code])

    def perception_finding(self, code: str) -> Finding | None:
        """The check of IT against the business on the tactic (on the whole organisation)."""
        return self._by_check.get(GAP_CHECKS[code])

    def top_findings(self, limit: int | None = None) -> list[Finding]:
        """Failures first, then warnings; within each, the headline's focus tactics first, then by severity."""
        return top_findings(self.findings, limit, self.headline.focus)

    def tactics_in_headline_order(self) -> list[TacticResult]:
        """The tactics as the headline ranks them: focus first, then by gap level and distance to target."""
        focus = {code: rank for rank, code in enumerate(self.headline.focus)}

        def key(result: TacticResult) -> tuple:
            level = result.level
            return (focus.get(result.code, len(focus)), level.rank if level else 9, -(result.gap or -99))

        return sorted(self.analysis.tactics, key=key)

    def to_json(self) -> dict:
        """The selection's analysis with each tactic's gap level and distance, the findings and the headline."""
        data = self.analysis.to_json()
        for tactic in data["tactics"]:
            tactic["distance"] = distance_words(tactic["gap"]) if tactic["gap"] is not None else None
        data["findings"] = [
            {key: f.to_json()[key] for key in ("check", "tactic", "status", "severity", "message", "value", "threshold")}
            for f in self.findings
        ]
        data["headline"] = self.headline.to_json()
        return data


def results(dataset: Dataset, settings: Settings | None = None, selection: Selection | None = None) -> Results:
    """The results of a selection, remembered on the dataset per settings and selection."""
    settings = settings or Settings()
    selection = selection or Selection()
    return dataset.remember(("results", settings, selection), lambda: _results(dataset, settings, selection))


def _results(dataset: Dataset, settings: Settings, selection: Selection) -> Results:
    analysis = analyze(dataset, settings, selection)
    whole = analyze(dataset, settings, selection.whole) if selection.narrowed else analysis
    findings = run_checks(dataset, settings, selection.period, analysis=whole)
    levels = {t.code: t.level for t in analysis.tactics}
    bundle = Results(selection, settings, analysis, whole, findings, Headline([], [], ""), dataset)
    bundle.headline = decide_headline(analysis, levels, lambda: _importance(bundle.priorities()))
    return bundle


def _importance(matrix: dict) -> dict[str, float]:
    return dict(zip(matrix["frame"]["item"], matrix["frame"]["importance"], strict=True)) if len(matrix["frame"]) else {}


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_step(fix: str) -> str:
    """A check's fix ('Start a shadowing programme ...') as the rest of a sentence."""
    return fix if fix[:2].isupper() else fix[:1].lower() + fix[1:]


FOCUS_MAX = 3  # a leader starts with a few tactics, not six


def decide_headline(analysis: Analysis, levels: dict[str, GapLevel | None], importance=lambda: {}) -> Headline:
    """Focus on the tactics at the most urgent level present among the shortfalls beyond the noise (far below
    target, else below target: the whole interval below target beyond the score check's tolerance), the largest
    shortfall first, at most FOCUS_MAX; importance (stated, or derived from the overall statement) only breaks
    ties of the gap to two decimals, so it never buries a clear shortfall. Strengths are the tactics on target."""
    scored = [t for t in analysis.tactics if t.score is not None and levels.get(t.code) is not None]
    if not scored:
        return Headline([], [], "No tactic can be shown for this selection: too few respondents, or no answers.")
    clear = [t for t in scored if levels[t.code] in SHORTFALLS]
    gaps = [round(t.gap, 2) for t in clear]
    weights = importance() if len(set(gaps)) < len(gaps) else {}
    clear.sort(key=lambda t: (levels[t.code].rank, -round(t.gap, 2), -(weights.get(t.code) or 0.0), t.code))
    focus = [t for t in clear if levels[t.code] is levels[clear[0].code]][:FOCUS_MAX] if clear else []
    strengths = sorted((t for t in scored if levels[t.code] is MET), key=lambda t: t.gap)
    uncertain = [t for t in scored if levels[t.code] is UNCERTAIN]
    if focus:
        first = focus[0]
        favourable = "" if first.favorable_pct is None else f", {first.favorable_pct:.0f} % favourable"
        sentence = (
            f"{_sentence_case(TOPICS[first.code])} is furthest from target: {first.score:.2f} against {first.target:.2f}"
            f"{favourable}. First step: {_first_step(REGISTRY[SCORE_CHECKS[first.code]].fix)}"
        )
        if len(focus) > 1:
            others = " and ".join(f"{TOPICS[t.code]} ({distance_words(t.gap)})" for t in focus[1:])
            sentence += f" Then {others}."
        rest = len(clear) - len(focus)
        if rest:
            sentence += f" {rest} more {'is' if rest == 1 else 'are'} below target."
    elif uncertain:
        names = " and ".join(TOPICS[t.code] for t in uncertain[:2])
        sentence = f"No tactic is clearly below its target; {names} may be short, but the data cannot tell yet."
    else:
        sentence = "Every tactic is on or close to its target."
    if strengths:
        best = strengths[0]
        sentence += f" Strongest: {TOPICS[best.code]}, {best.score:.2f} against {best.target:.2f}."
    elif focus:
        closest = min(scored, key=lambda t: t.gap)
        sentence += f" Closest to target: {TOPICS[closest.code]} ({distance_words(closest.gap)})."
    return Headline([t.code for t in focus], [t.code for t in strengths], sentence)
