"""One selection, one set of results: everything a view shows, decided once.

`results(dataset, settings, selection)` returns the selection's analysis, the whole organisation's findings
(the checks compare what people say with the organisation's evidence, which the filters do not split), each
tactic's gap level (the score check's own verdict, gap_levels.py) and the headline: where to start and what
is strong. Pages, the meeting, the command line and the exports render this bundle and never recompute it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import Analysis, TacticResult, analyze
from .checks import Finding, run_checks
from .checks.registry import REGISTRY
from .config import Settings
from .dataset import Dataset
from .gap_levels import MET, SCORE_CHECKS, SHORTFALLS, UNCERTAIN, GapLevel, distance_words, gap_level
from .perception_gap import GAP_CHECKS
from .priorities import tactic_priorities
from .selection import Selection
from .tactics import TACTICS

TOPICS = {t.code: t.topic for t in TACTICS}  # "rotation between IT and the business": how a sentence names a tactic

_STATUS_RANK = {"fail": 0, "warn": 1, "error": 2, "pass": 3, "not_applicable": 4}
_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


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
    levels: dict[str, GapLevel | None]  # per tactic, the selection's gap level (None when its score is hidden)
    headline: Headline
    _by_check: dict[str, Finding] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_check = {f.check: f for f in self.findings}

    def level(self, code: str) -> GapLevel | None:
        return self.levels.get(code)

    def score_finding(self, code: str) -> Finding | None:
        """The check of the tactic's score against target (on the whole organisation)."""
        return self._by_check.get(SCORE_CHECKS[code])

    def perception_finding(self, code: str) -> Finding | None:
        """The check of IT against the business on the tactic (on the whole organisation)."""
        return self._by_check.get(GAP_CHECKS[code])

    def top_findings(self, limit: int | None = None) -> list[Finding]:
        """Failures first, then warnings; within each, the headline's focus tactics first, then by severity."""
        focus = {code: rank for rank, code in enumerate(self.headline.focus)}
        actionable = [f for f in self.findings if f.status in {"fail", "warn", "error"}]
        ordered = sorted(
            actionable,
            key=lambda f: (_STATUS_RANK[f.status], focus.get(f.tactic, len(focus)), _SEVERITY_RANK[f.severity], f.check),
        )
        return ordered[:limit] if limit else ordered

    def tactics_in_headline_order(self) -> list[TacticResult]:
        """The tactics as the headline ranks them: focus first, then by gap level and distance to target."""
        focus = {code: rank for rank, code in enumerate(self.headline.focus)}

        def key(result: TacticResult) -> tuple:
            level = self.levels.get(result.code)
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
    levels = {t.code: gap_level(t.gap_level) for t in analysis.tactics}
    headline = decide_headline(analysis, levels, lambda: _importance(dataset, settings, selection))
    return Results(selection, settings, analysis, whole, findings, levels, headline)


def _importance(dataset: Dataset, settings: Settings, selection: Selection) -> dict[str, float]:
    matrix = tactic_priorities(dataset, settings, selection)
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
