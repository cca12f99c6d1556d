"""What a check function gets: the data, the current filter, its thresholds and small helpers."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import Analysis, TacticResult
from ..config import Settings
from ..dataset import Dataset
from ..disclosure import Disclosure, disclosure
from ..selection import Selection
from ..tables import department_grid


@dataclass
class CheckContext:
    dataset: Dataset
    settings: Settings
    period: str | None
    analysis: Analysis
    thresholds: dict[str, float]

    def t(self, name: str) -> float:
        return self.thresholds[name]

    def threshold_of(self, check_id: str, name: str) -> float:
        """Another check's threshold as configured, so related checks measure the same way."""
        from .registry import configured_threshold

        return configured_threshold(self.settings, check_id, name)

    def query(self, sql: str, **params: object) -> pd.DataFrame:
        return self.dataset.query(sql, params)

    def tactic(self, code: str) -> TacticResult:
        return self.analysis.tactic(code)

    @property
    def published(self) -> Disclosure:
        """What may be shown of the survey: every group statistic a check uses comes from here."""
        return disclosure(self.dataset, self.settings.min_group_size)

    def department_scores(self, tactic: str) -> pd.DataFrame:
        """Published tactic score per department (department, function, score, respondents); hidden ones left out."""
        grid = department_grid(self.dataset, self.settings, Selection(self.period))
        shown = grid[(grid["tactic"] == tactic) & grid["score"].notna()]
        return shown[["department", "function", "score", "n"]].rename(columns={"n": "respondents"}).reset_index(drop=True)

    def agreement(self, item: str, function: str | None = None) -> tuple[int, float]:
        """Answers to one item in the current selection, and the share that agree (score 4 or 5); (0, 0.0)
        when there are none or they are hidden."""
        figure = self.published.item(item, Selection(self.period, function=function))
        if figure is None or figure.hidden:
            return 0, 0.0
        return figure.n, figure.favourable_pct / 100
