"""What every report shows, gathered once from the analysis and the checks (the disclosure layer decides what
may be shown; nothing here computes a group statistic): the selection, the six tactics, the findings and the
action plan. Each format (xlsx, pptx, html) only lays this out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from .. import charts
from ..actions import clean_actions, empty_actions
from ..analysis import Analysis, TacticResult
from ..checks import REGISTRY, Finding
from ..config import Settings
from ..dataset import Dataset
from ..gap_levels import GapLevel
from ..results import Headline, Results, results
from ..selection import EVERYONE, Selection
from ..tactics import TACTICS_BY_CODE
from ..trends import Trends, target_index

REPORT_TITLE = "IT–business alignment report"
STATUS_LABELS = {"fail": "Fail", "warn": "Warning", "error": "Error", "pass": "Pass", "not_applicable": "Not applicable"}
TOP_FINDINGS = 3
NO_ANSWERS = "no answers in this selection"
HIDDEN_COUNT = "hidden (too few to show)"
WHOLE_ORGANISATION_CHECKS = "The findings are the whole organisation's: the checks compare with its evidence, as on the screen."


@dataclass(frozen=True)
class FindingLine:
    check: str
    tactic: str
    status: str
    severity: str
    title: str
    message: str
    fix: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @classmethod
    def of(cls, finding: Finding) -> FindingLine:
        return cls(
            finding.check,
            finding.tactic,
            finding.status,
            finding.severity,
            finding.title,
            finding.message,
            REGISTRY[finding.check].fix,
        )


@dataclass
class TacticView:
    """One tactic as published: numbers when shown, else the reason they are not."""

    result: TacticResult
    findings: list[FindingLine]  # the tactic's failures and warnings, most important first
    chart: object | None  # an Altair chart of the tactic's statements or score, None when nothing can be drawn
    items: pd.DataFrame | None = None  # the published statements the chart draws (a slide draws them its own size)

    @property
    def code(self) -> str:
        return self.result.code

    @property
    def name(self) -> str:
        return self.result.name

    @property
    def shown(self) -> bool:
        return self.result.score is not None

    @property
    def hidden_reason(self) -> str:
        return self.result.why_no_score or NO_ANSWERS

    @property
    def missing_sentence(self) -> str:
        return self.result.no_score_sentence(NO_ANSWERS)

    @property
    def split_shown(self) -> bool:
        return self.result.it_score is not None and self.result.business_score is not None

    @property
    def split_reason(self) -> str:
        return self.result.split_reason or "no IT/Business split in this selection"

    @property
    def level(self) -> GapLevel | None:
        return self.result.level

    @property
    def good_looks_like(self) -> str:
        return TACTICS_BY_CODE[self.code].good_looks_like


@dataclass
class ReportContent:
    title: str
    data_label: str
    created: dt.date
    filters: list[tuple[str, str]]  # (what, chosen), e.g. ("Period", "2026-Q1"), ("Department", "all")
    analysis: Analysis
    tactics: list[TacticView]
    findings: list[FindingLine]  # every finding: actionable ones first (as top_findings orders them), then the rest
    top: list[FindingLine]
    actions: pd.DataFrame
    headline: Headline | None = None  # where to start and what is strong, as the screen leads with it
    notes: list[str] = field(default_factory=list)
    filtered: bool = False  # a department or function is chosen (a period alone keeps the survey's own counts)
    departments: pd.DataFrame | None = None  # department × tactic scores as the Overview shows them (hidden cells say why)
    trend: Trends | None = None  # the alignment index per period for the selection's department and function
    target_index: float = 0.0  # the index the targets would give, the trend's dashed line
    settings_targets: dict[str, float] = field(default_factory=dict)  # per tactic, for the heatmap's colours

    @property
    def heatmap(self):
        """The Overview's department heatmap, None when no department's cell can be shown."""
        if self.departments is None or self.departments.empty or self.departments["score"].isna().all():
            return None
        return charts.department_heatmap(self.departments, self.settings_targets)

    @property
    def trend_chart(self):
        """The Trends page's index chart, None with fewer than two periods (trend_message says why)."""
        if self.trend is None or not self.trend.enough_periods:
            return None
        return charts.index_trend_chart(self.trend.index, self.trend.periods, self.target_index)

    @property
    def trend_message(self) -> str:
        if self.trend is None:
            return "No trend for this selection."
        return self.trend.message or ""

    @property
    def selection(self) -> str:
        return " · ".join(f"{what}: {chosen}" for what, chosen in self.filters)

    @property
    def respondents(self) -> int | str:
        """The selection's respondents; 'hidden' when a filtered selection's count is not published."""
        if self.filtered and self.analysis.respondents == 0:
            return HIDDEN_COUNT
        return self.analysis.respondents

    @property
    def respondents_text(self) -> str:
        count = self.respondents
        return count if isinstance(count, str) else f"{count:,}"

    @property
    def index_text(self) -> str:
        index = self.analysis.alignment_index
        return "–" if index is None else f"{index:.0f} / 100"

    @property
    def maturity_text(self) -> str:
        if self.analysis.maturity_level is None:
            return "–"
        return f"level {self.analysis.maturity_level}, {self.analysis.maturity_name}"


def _tactic_items(bundle: Results, result: TacticResult):
    """The tactic's published statements, as on its page (None when none can be shown)."""
    if result.score is None:
        return None
    items = bundle.statements(result.code)
    items = items[~items["hidden"]]
    return None if items.empty else items


def _ordered_findings(actionable: list[Finding], findings: list[Finding]) -> list[FindingLine]:
    rest = [f for f in findings if f not in actionable]
    rest.sort(key=lambda f: (f.status != "pass", f.check))
    return [FindingLine.of(f) for f in (*actionable, *rest)]


def build_content(
    dataset: Dataset,
    settings: Settings | None = None,
    selection: Selection = EVERYONE,
    actions: pd.DataFrame | None = None,
    created: dt.date | None = None,
) -> ReportContent:
    settings = settings or Settings()
    bundle = results(dataset, settings, selection)  # what the screen showed
    analysis, findings = bundle.analysis, bundle.findings
    top = bundle.top_findings()
    tactics = []
    for result in analysis.tactics:
        own = [FindingLine.of(f) for f in top if f.tactic == result.code]
        items = _tactic_items(bundle, result)
        chart = None if items is None else charts.item_score_chart(items, result.target)
        tactics.append(TacticView(result, own, chart, items))
    plan, _ = clean_actions(actions if actions is not None else empty_actions())
    notes = [*analysis.warnings]
    if analysis.split_note:
        notes.append(analysis.split_note)
    if selection.narrowed:
        notes.append(WHOLE_ORGANISATION_CHECKS)
    return ReportContent(
        title=REPORT_TITLE,
        data_label=dataset.label,
        created=created or dt.date.today(),
        filters=selection.labelled(),
        analysis=analysis,
        tactics=tactics,
        findings=_ordered_findings(top, findings),
        top=[FindingLine.of(f) for f in top[:TOP_FINDINGS]],
        actions=plan,
        headline=bundle.headline,
        notes=notes,
        filtered=selection.narrowed,
        departments=bundle.departments(),
        trend=bundle.trends(),
        target_index=target_index(settings),
        settings_targets=dict(settings.targets),
    )
