"""Scoring exactly as the design says, computed in DuckDB, with anonymity applied to every breakdown.

- Reverse-coded items were already turned into 6 - x on ingest (answers.score).
- A respondent's tactic mean is the mean of their answered items of that tactic.
- Tactic score = mean of respondent means; 95 % CI = t-interval over them (n >= 2).
- Gap = target - score; perception gap = IT mean - Business mean.
- Favourable % = share of answers scored 4 or 5; alignment index = mean of (score - 1) / 4 * 100.
"""

from __future__ import annotations

import copy
import math
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd
from scipy.stats import t as student_t

from . import db
from .config import Settings
from .errors import InputError
from .ingest import NOT_GIVEN, SurveyTables, ValidationReport
from .items import ITEMS, OVERALL_ITEM_ID
from .loading import load_files
from .tactics import TACTIC_CODES, TACTICS, TACTICS_BY_CODE, maturity

ALL_PERIODS = None
_TACTIC_LIST = ", ".join(f"'{code}'" for code in TACTIC_CODES)


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
    n: int
    favorable_pct: float | None
    maturity_level: int | None = None


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
    findings: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def tactic(self, code: str) -> TacticResult:
        return next(t for t in self.tactics if t.code == code)

    def to_json(self) -> dict:
        data = asdict(self)
        data["tactics"] = [asdict(t) for t in self.tactics]
        return data


class Dataset:
    """One loaded survey and its evidence tables, in a private, locked-down DuckDB connection."""

    def __init__(
        self,
        tables: SurveyTables,
        label: str,
        evidence: dict[str, pd.DataFrame] | None = None,
        evidence_sources: list[dict] | None = None,
    ) -> None:
        self.label = label
        self.token = uuid.uuid4().hex  # identifies this load in caches
        self.analyses: dict[tuple, Analysis] = {}
        self._period_sizes: dict[str, int] | None = None
        self.report: ValidationReport = tables.report
        self.evidence_sources = evidence_sources or []
        self.con = db.connect()
        db.load_table(self.con, "respondents", tables.respondents_arrow)
        db.load_table(self.con, "scores", tables.scores_arrow)
        db.load_table(self.con, "comments", tables.comments_arrow)
        db.load_table(self.con, "tactic_groups", tables.tactic_groups_arrow)
        db.load_table(self.con, "item_counts", tables.item_counts_arrow)
        items = pd.DataFrame([i.as_dict() for i in (*ITEMS, *tables.custom_items)])
        db.load_table(self.con, "items", items)
        self.tables = {"responses"}
        for key, frame in (evidence or {}).items():
            db.load_table(self.con, key, frame)
            self.tables.add(key)

    @classmethod
    def from_file(cls, filename: str, data: bytes, label: str | None = None) -> Dataset:
        return cls.from_files([(filename, data)], label or filename)

    @classmethod
    def from_files(cls, files: list[tuple[str, bytes]], label: str | None = None, mapping: dict | None = None) -> Dataset:
        loaded = load_files(files, mapping)
        return cls(loaded.survey, label or ", ".join(name for name, _ in files), loaded.evidence, loaded.evidence_sources)

    def has_table(self, name: str) -> bool:
        return name in self.tables

    def query(self, sql: str, params: dict | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or {}).df()

    def periods(self) -> list[str]:
        return list(self.period_sizes())

    def period_sizes(self) -> dict[str, int]:
        """Respondents per period, in period order; the data never changes, so it is read once."""
        if self._period_sizes is None:
            frame = self.query("SELECT period, count(*) AS n FROM respondents GROUP BY period ORDER BY period")
            self._period_sizes = dict(zip(frame["period"], frame["n"].astype(int), strict=True))
        return dict(self._period_sizes)

    def selectable_periods(self, min_group_size: int) -> list[str]:
        """Periods a user may filter on: those whose respondents cannot be singled out."""
        hidden = suppressed_groups(self.period_sizes(), min_group_size)
        return [p for p in self.periods() if p not in hidden]


# ------------------------------------------------------------------------------- anonymity


def suppressed_groups(sizes: dict[str, int], min_group_size: int, prefer: set | frozenset = frozenset()) -> set[str]:
    """Groups to hide: those under the threshold, plus the smallest others while the hidden
    total is still under it, so that no hidden group can be recovered by subtraction. Groups in
    `prefer` (already hidden in a wider view) are taken first, so views hide the same groups."""
    hidden = {group for group, n in sizes.items() if n < min_group_size}
    while hidden and 0 < sum(sizes[g] for g in hidden) < min_group_size:
        visible = sorted((g not in prefer, n, str(g)) for g, n in sizes.items() if g not in hidden)
        visible = [(n, name) for _, n, name in visible]
        if not visible:
            break
        smallest = visible[0][1]
        hidden.add(next(g for g in sizes if str(g) == smallest))
    return hidden


def hidden_departments(dataset: Dataset, min_group_size: int, period: str | None = ALL_PERIODS) -> set[str]:
    """Departments no view may show, consistently across the period filter, so that no group is recovered
    by subtracting one filtered view from another: a department hidden in the all-periods view stays
    hidden in every period, and one shown in some periods but hidden in others is hidden in the
    all-periods view (its total minus the shown periods would give the hidden ones away)."""
    frame = dataset.query("SELECT period, department, count(*) AS n FROM respondents GROUP BY 1, 2")
    overall = suppressed_groups(frame.groupby("department")["n"].sum().astype(int).to_dict(), min_group_size)
    per_period = {
        p: suppressed_groups(group.set_index("department")["n"].astype(int).to_dict(), min_group_size, prefer=overall)
        for p, group in frame.groupby("period")
    }
    if period is None:
        present = frame.groupby("department")["period"].apply(set).to_dict()
        partly = {d for d, periods in present.items() if 0 < sum(d in per_period[p] for p in periods) < len(periods)}
        return overall | partly
    return overall | per_period.get(period, set())


def hidden_label(min_group_size: int) -> str:
    return f"hidden: fewer than {min_group_size} responses"


PROTECTED_LABEL = "hidden: would reveal a smaller group"


# --------------------------------------------------------------------------------- scoring

# Respondents' tactic means summed per tactic, period, function and department (survey_columns._tactic_groups):
# a mean over respondents is sum(mean_sum) / sum(respondents); the spread comes from the sum of squares.
_TACTIC_GROUPS = f"""
    SELECT * FROM tactic_groups WHERE ($period IS NULL OR period = $period) AND tactic IN ({_TACTIC_LIST})
"""


def _sample_sd(n: str, total: str, squares: str) -> str:
    """SQL for the sample standard deviation of values given their count, sum and sum of squares."""
    return f"CASE WHEN {n} > 1 THEN sqrt(greatest(0, ({squares} - {total} * {total} / {n}) / ({n} - 1))) END"


def _round(value: float | None, digits: int = 3) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits)


def ci95(mean: float, sd: float | None, n: int) -> list[float] | None:
    if n < 2 or sd is None or math.isnan(sd):
        return None
    half = float(student_t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
    return [mean - half, mean + half]


def analyze(dataset: Dataset, settings: Settings | None = None, period: str | None = ALL_PERIODS) -> Analysis:
    """The scores of a selection; remembered on the dataset per settings and period (checks ask again)."""
    settings = settings or Settings()
    key = (repr(settings), period)
    if key not in dataset.analyses:
        dataset.analyses[key] = _analyze(dataset, settings, period)
    return copy.deepcopy(dataset.analyses[key])


def _analyze(dataset: Dataset, settings: Settings, period: str | None) -> Analysis:
    k = settings.min_group_size
    params = {"period": period}
    respondents = int(
        dataset.query("SELECT count(*) AS n FROM respondents WHERE $period IS NULL OR period = $period", params)["n"][0]
    )

    function_sizes = dataset.query(
        "SELECT coalesce(function, 'unknown') AS function, count(*) AS n FROM respondents "
        "WHERE $period IS NULL OR period = $period GROUP BY 1",
        params,
    )
    sizes = dict(zip(function_sizes["function"], function_sizes["n"].astype(int), strict=True))
    hidden_functions = suppressed_groups(sizes, k)
    split_note = None
    if hidden_functions & {"IT", "Business"}:
        unknown = sizes.get("unknown", 0)
        split_note = (
            f"IT-versus-business results are hidden: a function group has fewer than {k} respondents"
            + (f", or showing both would reveal the {unknown} respondents without a valid function" if 0 < unknown < k else "")
            + "."
        )

    stats = dataset.query(
        f"""
        SELECT tactic, sum(respondents) AS n, sum(mean_sum) / sum(respondents) AS score,
               {_sample_sd("sum(respondents)", "sum(mean_sum)", "sum(mean_square_sum)")} AS sd,
               100.0 * sum(favourable) / sum(answers) AS favorable_pct,
               sum(mean_sum) FILTER (WHERE function = 'IT') / sum(respondents) FILTER (WHERE function = 'IT') AS it_score,
               sum(mean_sum) FILTER (WHERE function = 'Business')
                   / sum(respondents) FILTER (WHERE function = 'Business') AS business_score,
               coalesce(sum(respondents) FILTER (WHERE function = 'IT'), 0) AS it_n,
               coalesce(sum(respondents) FILTER (WHERE function = 'Business'), 0) AS business_n
        FROM ({_TACTIC_GROUPS}) GROUP BY tactic
        """,
        params,
    ).set_index("tactic")
    results = []
    unrounded_scores: list[float] = []
    for tactic in TACTICS:
        target = settings.targets[tactic.code]
        if tactic.code not in stats.index or respondents < k:
            results.append(TacticResult(tactic.code, tactic.name, None, None, target, None, None, None, None, 0, None))
            continue
        row = stats.loc[tactic.code]
        n = int(row["n"])
        score = float(row["score"])
        interval = ci95(score, row["sd"], n)
        it_n, business_n = int(row["it_n"]), int(row["business_n"])
        answered = {"IT": it_n, "Business": business_n, "unknown": n - it_n - business_n}
        hidden_here = hidden_functions | suppressed_groups({g: v for g, v in answered.items() if v}, k)
        it_score = None if "IT" in hidden_here else _round(row["it_score"])
        business_score = None if "Business" in hidden_here else _round(row["business_score"])
        unrounded_scores.append(score)
        gap_it_business = None if it_score is None or business_score is None else row["it_score"] - row["business_score"]
        results.append(
            TacticResult(
                code=tactic.code,
                name=tactic.name,
                score=_round(score),
                ci95=[_round(v) for v in interval] if interval else None,
                target=target,
                gap=_round(target - score),
                it_score=it_score,
                business_score=business_score,
                perception_gap=_round(gap_it_business),
                n=n,
                favorable_pct=_round(row["favorable_pct"], 1),
                maturity_level=maturity(score)[0],
            )
        )

    scored = unrounded_scores
    mean_score = sum(scored) / len(scored) if scored else None
    index = None if mean_score is None else sum((s - 1) / 4 * 100 for s in scored) / len(scored)
    level = maturity(mean_score)
    overall = dataset.query(
        """
        SELECT coalesce(sum(answers), 0) AS n, sum(score * answers) / sum(answers) AS mean,
               100.0 * sum(answers) FILTER (WHERE score > 3.5) / sum(answers) AS favorable_pct
        FROM item_counts WHERE ($period IS NULL OR period = $period) AND item = $item
        """,
        {**params, "item": OVERALL_ITEM_ID},
    ).iloc[0]
    overall_n = int(overall["n"])
    visible = overall_n >= k
    warnings = list(dataset.report.warnings)
    if respondents < k:
        warnings.append(f"Only {respondents} respondents in this selection: results are {hidden_label(k)}.")
    return Analysis(
        source=dataset.label,
        period=period,
        respondents=respondents,
        periods=dataset.periods(),
        alignment_index=_round(index, 1),
        maturity_level=level[0] if level else None,
        maturity_name=level[1] if level else None,
        tactics=results,
        overall_statement={
            "item": OVERALL_ITEM_ID,
            "n": overall_n,
            "mean": _round(overall["mean"]) if visible else None,
            "favorable_pct": _round(overall["favorable_pct"], 1) if visible else None,
        },
        min_group_size=k,
        split_note=split_note,
        warnings=warnings,
    )


# ------------------------------------------------------------------------------ breakdowns


def department_scores(dataset: Dataset, settings: Settings, period: str | None = ALL_PERIODS) -> pd.DataFrame:
    """Department x tactic mean scores; departments that could identify people are hidden."""
    k = settings.min_group_size
    sizes_frame = dataset.query(
        "SELECT department, any_value(function) AS function, count(*) AS respondents FROM respondents "
        "WHERE $period IS NULL OR period = $period GROUP BY department",
        {"period": period},
    )
    sizes = dict(zip(sizes_frame["department"], sizes_frame["respondents"].astype(int), strict=True))
    hidden = hidden_departments(dataset, k, period)
    cells = dataset.query(
        f"SELECT department, tactic, sum(mean_sum) / sum(respondents) AS score, CAST(sum(respondents) AS BIGINT) AS n "
        f"FROM ({_TACTIC_GROUPS}) GROUP BY 1, 2",
        {"period": period},
    )
    grid = sizes_frame.merge(pd.DataFrame({"tactic": list(TACTIC_CODES)}), how="cross")
    grid = grid.merge(cells, on=["department", "tactic"], how="left")
    grid["n"] = grid["n"].fillna(0).astype(int)
    grid["hidden"] = grid["department"].isin(hidden) | (grid["n"] < k)
    for tactic_code, column in grid[~grid["department"].isin(hidden)].groupby("tactic"):
        cells_hidden = suppressed_groups({d: c for d, c in zip(column["department"], column["n"], strict=True) if c > 0}, k)
        grid.loc[(grid["tactic"] == tactic_code) & grid["department"].isin(cells_hidden), "hidden"] = True
    grid.loc[grid["hidden"], "score"] = None
    grid["tactic_name"] = grid["tactic"].map(lambda c: TACTICS_BY_CODE[c].name)
    small = {d for d, n in sizes.items() if n < k}
    grid["label"] = [
        (hidden_label(k) if (d in small or n < k) else PROTECTED_LABEL) if h else f"{sc:.2f}"
        for d, n, h, sc in zip(grid["department"], grid["n"], grid["hidden"], grid["score"], strict=True)
    ]
    grid["department_hidden"] = grid["department"].isin(hidden)
    return grid.sort_values(["function", "department", "tactic"]).reset_index(drop=True)


def item_distribution(dataset: Dataset, tactic: str, period: str | None = ALL_PERIODS) -> pd.DataFrame:
    """Per item of a tactic: count and share of each scored level 1-5 (after reversal)."""
    frame = dataset.query(
        """
        WITH counts AS (
            SELECT item, CAST(round(score) AS INTEGER) AS level, sum(answers) AS answers FROM item_counts
            WHERE tactic = $tactic AND ($period IS NULL OR period = $period)
            GROUP BY 1, 2
        )
        SELECT c.item, i.text, i.reverse, c.level, c.answers,
               100.0 * c.answers / sum(c.answers) OVER (PARTITION BY c.item) AS pct
        FROM counts c JOIN items i ON i.id = c.item
        ORDER BY c.item, c.level
        """,
        {"tactic": tactic, "period": period},
    )
    return frame


def item_scores(dataset: Dataset, tactic: str, settings: Settings, period: str | None = ALL_PERIODS) -> pd.DataFrame:
    """Per item of a tactic: mean score and answers, plus IT and Business means when the split may be shown."""
    show_split = analyze(dataset, settings, period).split_note is None
    frame = dataset.query(
        """
        SELECT c.item, i.text, i.reverse, sum(c.score * c.answers) / sum(c.answers) AS item_mean, sum(c.answers) AS item_n,
               sum(c.score * c.answers) FILTER (WHERE c.function = 'IT') / sum(c.answers) FILTER (WHERE c.function = 'IT') AS it_mean,
               sum(c.score * c.answers) FILTER (WHERE c.function = 'Business')
                   / sum(c.answers) FILTER (WHERE c.function = 'Business') AS business_mean,
               coalesce(sum(c.answers) FILTER (WHERE c.function = 'IT'), 0) AS it_n,
               coalesce(sum(c.answers) FILTER (WHERE c.function = 'Business'), 0) AS business_n
        FROM item_counts c JOIN items i ON i.id = c.item
        WHERE c.tactic = $tactic AND ($period IS NULL OR c.period = $period)
        GROUP BY 1, 2, 3 ORDER BY 1
        """,
        {"tactic": tactic, "period": period},
    )
    k = settings.min_group_size
    for index, row in frame.iterrows():
        groups = {"IT": int(row["it_n"]), "Business": int(row["business_n"])}
        groups["unknown"] = int(row["item_n"]) - groups["IT"] - groups["Business"]
        if not show_split or suppressed_groups({g: n for g, n in groups.items() if n}, k) & {"IT", "Business"}:
            frame.loc[index, ["it_mean", "business_mean"]] = None
    return frame.drop(columns=["it_n", "business_n"])


def tactic_comments(
    dataset: Dataset, tactic: str, settings: Settings, period: str | None = ALL_PERIODS
) -> tuple[pd.DataFrame, int]:
    """Comments on a tactic's open question, without those from departments that are hidden."""
    k = settings.min_group_size
    hidden = hidden_departments(dataset, k, period)
    comments = dataset.query(
        """
        SELECT r.department, r.function, r.period, c.text
        FROM comments c JOIN respondents r USING (respondent)
        WHERE c.tactic = $tactic AND ($period IS NULL OR r.period = $period)
        ORDER BY r.period DESC, r.department
        """,
        {"tactic": tactic, "period": period},
    )
    shown = comments[~comments["department"].isin(hidden)].reset_index(drop=True)
    if period is None:  # department x period could narrow a comment to fewer than k people
        shown = shown.drop(columns=["period"])
    shown["department"] = shown["department"].replace({NOT_GIVEN: "—"})
    return shown, len(comments) - len(shown)


def load_dataset(paths: list[str], mapping: dict | None = None) -> Dataset:
    """Load a survey and any evidence files from disk (the command line's entry point)."""
    files = []
    for name in paths:
        path = Path(name)
        if not path.is_file():
            raise InputError(f"File not found: '{path}'.", "Check the path and try again.")
        files.append((path.name, path.read_bytes()))
    return Dataset.from_files(files, mapping=mapping)


def department_function_scores(dataset: Dataset, tactic: str, period: str | None = ALL_PERIODS) -> pd.DataFrame:
    """One tactic's mean score and respondents per department and function (hidden departments included)."""
    return dataset.query(
        f"""
        SELECT department, function, sum(mean_sum) / sum(respondents) AS score, CAST(sum(respondents) AS BIGINT) AS respondents
        FROM ({_TACTIC_GROUPS}) WHERE tactic = $tactic GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST
        """,
        {"period": period, "tactic": tactic},
    )


def tactic_results_frame(analysis: Analysis) -> pd.DataFrame:
    frame = pd.DataFrame([asdict(t) for t in analysis.tactics])
    frame["ci_low"] = frame["ci95"].map(lambda v: v[0] if v else None)
    frame["ci_high"] = frame["ci95"].map(lambda v: v[1] if v else None)
    return frame.drop(columns=["ci95"])
