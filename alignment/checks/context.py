"""What a check function gets: the data, the current filter, its thresholds and small helpers."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import Analysis, Dataset, TacticResult, department_function_scores, hidden_departments
from ..config import Settings


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
        from .registry import REGISTRY

        return self.settings.thresholds.get(check_id, {}).get(name, REGISTRY[check_id].threshold_defaults()[name])

    def query(self, sql: str, **params: object) -> pd.DataFrame:
        return self.dataset.query(sql, params)

    def tactic(self, code: str) -> TacticResult:
        return self.analysis.tactic(code)

    def department_scores(self, tactic: str) -> pd.DataFrame:
        """Mean tactic score per department that may be shown (anonymity and secondary suppression)."""
        scores = department_function_scores(self.dataset, tactic, self.period)
        hidden = hidden_departments(self.dataset, self.settings.min_group_size, self.period)
        return scores[~scores["department"].isin(hidden)].reset_index(drop=True)

    def agreement(self, item: str, function: str | None = None) -> tuple[int, float]:
        """Answers to one item in the current selection, and the share that agree (score 4 or 5)."""
        frame = self.query(
            """SELECT coalesce(sum(answers), 0) AS n, coalesce(sum(answers) FILTER (WHERE score > 3.5), 0) / sum(answers) AS agree
               FROM item_counts WHERE item = $item AND ($period IS NULL OR period = $period)
                 AND ($function IS NULL OR function = $function)""",
            item=item,
            period=self.period,
            function=function,
        )
        n = int(frame["n"][0])
        return n, (float(frame["agree"][0]) if n else 0.0)
