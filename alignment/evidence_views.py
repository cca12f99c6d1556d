"""Aggregates of the evidence tables for the tactic pages' charts (small frames, never raw rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .dataset import Dataset
from .disclosure import disclosure
from .figure import Figure, hidden_words
from .ingest import NOT_GIVEN
from .periods import order_periods, quarter_sql
from .selection import Selection


def latest_kpi_period(dataset: Dataset) -> tuple[str | None, str]:
    """The KPIs' latest period by date (None when no KPI gives one), and order_periods' note."""
    periods = dataset.query("SELECT DISTINCT period FROM kpis WHERE period IS NOT NULL")["period"]
    ordered, note = order_periods(periods)
    return (ordered[-1] if ordered else None), note


# KPIs of the latest period (with $latest from latest_kpi_period) and those without a period
LATEST_KPIS = "SELECT * FROM kpis WHERE period IS NULL OR period = $latest"


# Dates of things that happened, for the assessment date when the survey has none (planned ends and rotation
# end dates may lie in the future, so they are left out).
EVIDENCE_DATES = (("engagements", "date"), ("rotations", "start_date"), ("work_items", "opened"), ("initiatives", "actual_end"))


@dataclass(frozen=True)
class AssessmentDate:
    """The date the recency checks count back from, and where it comes from."""

    date: dt.date | None
    source: str  # "setting", "survey", "evidence" or "none"

    def __str__(self) -> str:
        return self.date.isoformat() if self.date else "no date"

    @property
    def where(self) -> str:
        """Where the date comes from, in words."""
        return {
            "setting": "set as as_of",
            "survey": "the survey's latest submission",
            "evidence": "the latest date in the evidence",
        }.get(self.source, "no date")

    @property
    def said(self) -> str:
        """'as of 2026-03-31 (the latest date in the evidence)'."""
        return f"as of {self} ({self.where})"

    def window(self, days: float) -> str:
        """'the 365 days up to 2026-03-31 (the latest date in the evidence)'."""
        return f"the {days:.0f} days up to {self} ({self.where})"

    @property
    def opening(self) -> str:
        """'As of 2026-03-31 (the latest date in the evidence), ' to begin a message with."""
        return f"A{self.said[1:]}, "


def _latest_survey_date(dataset: Dataset) -> dt.date | None:
    """The latest submission date, when the respondents table carries one (a `submitted` column)."""
    columns = dataset.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'respondents'")
    if "submitted" not in set(columns["column_name"]):
        return None
    latest = dataset.query("SELECT max(TRY_CAST(submitted AS DATE)) AS d FROM respondents")["d"][0]
    return None if pd.isna(latest) else pd.Timestamp(latest).date()


def _latest_evidence_date(dataset: Dataset) -> dt.date | None:
    parts = [f"SELECT max({column}) AS d FROM {table}" for table, column in EVIDENCE_DATES if dataset.has_table(table)]
    if not parts:
        return None
    latest = dataset.query(f"SELECT max(d) AS d FROM ({' UNION ALL '.join(parts)})")["d"][0]
    return None if pd.isna(latest) else pd.Timestamp(latest).date()


def assessment_date(dataset: Dataset, as_of: dt.date | None = None) -> AssessmentDate:
    """as_of when set; else the survey's latest submission date; else, when the survey has no dates, the latest
    date in the evidence (engagement, rotation start, work item opened, initiative actual end)."""
    if as_of is not None:
        return AssessmentDate(as_of, "setting")

    def compute() -> AssessmentDate:
        survey = _latest_survey_date(dataset)
        if survey is not None:
            return AssessmentDate(survey, "survey")
        evidence = _latest_evidence_date(dataset)
        return AssessmentDate(evidence, "evidence" if evidence else "none")

    return dataset.remember(("assessment_date",), compute)


NO_ASSESSMENT_DATE = (
    "No date to count back from: set as_of in the settings, or give the survey's submission dates or the dates "
    "of engagements, rotations, work items or finished initiatives."
)


def dated_after(dataset: Dataset, source: str, column: str, when: AssessmentDate, noun: str) -> str:
    """' 2 engagements dated after 2026-03-31 are not counted.' for rows of source (a query) dated after
    the assessment date, or ''."""
    if when.date is None:
        return ""
    later = int(dataset.query(f"SELECT count(*) AS n FROM ({source}) WHERE {column} > $d", {"d": when.date})["n"][0])
    if not later:
        return ""
    return f" {later} {noun if later == 1 else noun + 's'} dated after {when} {'is' if later == 1 else 'are'} not counted."


# The engagements that count as meeting IT (REL004, REL006 and the REL chart); kind 'other' does not.
MEETING_KINDS = ("steering", "planning", "one-to-one", "workshop")
MEETINGS = "SELECT * FROM engagements WHERE kind IN (" + ", ".join(f"'{k}'" for k in MEETING_KINDS) + ")"
MEETING_WORDS = "steering, planning, one-to-one or workshop"


def engagement_recency(dataset: Dataset, as_of: dt.date | None = None) -> pd.DataFrame:
    """Per business department: days from the last meeting (steering, planning, one-to-one or workshop, as
    REL004 counts them) to the assessment date, such meetings in the 90 days up to it and on record up to it,
    BRM yes/no. as_of: the settings' as_of (None: the survey's or the evidence's latest date)."""
    return dataset.query(
        f"""
        SELECT dep.department,
               CASE WHEN dep.brm IS NULL OR trim(dep.brm) = '' THEN 'no BRM' ELSE 'has a BRM' END AS brm,
               date_diff('day', max(e.date), $as_of) AS days_since,
               count(e.date) FILTER (WHERE e.date > $as_of - INTERVAL 90 DAY) AS recent_engagements,
               count(e.date) AS engagements
        FROM departments dep LEFT JOIN ({MEETINGS} AND date <= $as_of) e USING (department)
        WHERE dep.function = 'Business'
        GROUP BY 1, 2 ORDER BY 1
        """,
        {"as_of": assessment_date(dataset, as_of).date},
    )


def engagements_by_month(dataset: Dataset) -> pd.DataFrame:
    return dataset.query(
        """SELECT department, strftime(date_trunc('month', date), '%Y-%m') AS month, count(*) AS engagements,
                  count(*) FILTER (WHERE kind IN ('steering', 'planning')) AS leadership
           FROM engagements GROUP BY 1, 2 ORDER BY 1, 2"""
    )


def delivery_by_quarter(dataset: Dataset) -> pd.DataFrame:
    """On-time, on-budget and value-confirmed shares of finished initiatives, by quarter of actual end."""
    frame = dataset.query(
        f"""SELECT {quarter_sql("actual_end")} AS quarter, count(*) AS finished,
                   100 * avg(CASE WHEN actual_end <= planned_end THEN 1.0 ELSE 0.0 END) FILTER (WHERE planned_end IS NOT NULL) AS on_time,
                   100 * avg(CASE WHEN actual_cost <= budget * 1.1 THEN 1.0 ELSE 0.0 END) FILTER (WHERE budget > 0) AS on_budget,
                   100 * avg(CASE WHEN value_confirmed THEN 1.0 ELSE 0.0 END) AS value_confirmed
            FROM initiatives WHERE status = 'done' AND actual_end IS NOT NULL GROUP BY 1 ORDER BY 1"""
    )
    long = frame.melt(id_vars=["quarter", "finished"], var_name="measure", value_name="pct")
    long["measure"] = long["measure"].map(
        {"on_time": "On time", "on_budget": "Within budget (+10 %)", "value_confirmed": "Value confirmed"}
    )
    return long


def kpi_visibility(dataset: Dataset) -> pd.DataFrame:
    """Latest-period KPIs (by date, as the MET checks choose it) by kind and by who can see them."""
    return dataset.query(
        f"""SELECT CASE kind WHEN 'it_efficiency' THEN 'IT efficiency' ELSE 'Business outcome' END AS kind,
                  CASE WHEN visible_to_business AND visible_to_it THEN 'Both'
                             WHEN visible_to_it THEN 'IT only'
                             WHEN visible_to_business THEN 'Business only' ELSE 'Neither' END AS visible_to,
                  count(*) AS kpis
           FROM ({LATEST_KPIS}) GROUP BY 1, 2 ORDER BY 1, 2""",
        {"latest": latest_kpi_period(dataset)[0]},
    )


def kpi_status(dataset: Dataset) -> pd.DataFrame:
    """Latest-period KPIs (by date, as the MET checks choose it) by owner and status."""
    return dataset.query(
        f"""SELECT owner_function,
                  CASE WHEN target IS NULL OR actual IS NULL THEN 'No target'
                       WHEN (coalesce(higher_is_better, true) AND actual >= target)
                         OR (NOT coalesce(higher_is_better, true) AND actual <= target) THEN 'On target'
                       ELSE 'Off target' END AS status,
                  count(*) AS kpis
           FROM ({LATEST_KPIS}) GROUP BY 1, 2 ORDER BY 1, 2""",
        {"latest": latest_kpi_period(dataset)[0]},
    )


def rotations_by_quarter(dataset: Dataset) -> pd.DataFrame:
    """Rotations per quarter, direction and kind. With a Departments sheet, only rotations across the IT-business
    line (host department of the other function), as the ROT checks count them; without one, all by home function."""
    if not dataset.has_table("departments"):
        crossing = "SELECT * FROM rotations"
    else:
        crossing = """SELECT r.* FROM rotations r
                      JOIN (SELECT department, min(function) AS function FROM departments GROUP BY 1) h
                        ON h.department = r.host_department AND h.function <> r.home_function"""
    return dataset.query(
        f"""SELECT {quarter_sql("start_date")} AS quarter,
                   CASE WHEN home_function = 'IT' THEN 'IT → Business' ELSE 'Business → IT' END AS direction,
                   kind, count(*) AS rotations
            FROM ({crossing}) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""
    )


def proactive_by_quarter(dataset: Dataset) -> pd.DataFrame:
    return dataset.query(
        f"""SELECT {quarter_sql("opened")} AS quarter, count(*) AS work_items,
                   100 * avg(CASE WHEN proactive THEN 1.0 ELSE 0.0 END) AS proactive_pct
            FROM work_items GROUP BY 1 ORDER BY 1"""
    )


def periods_in_scope(dataset: Dataset, period: str | None) -> int:
    """How many survey rounds a response rate is spread over: the chosen one, or every named period."""
    return 1 if period else max(1, len([p for p in dataset.periods() if p != NOT_GIVEN]))


def department_response_rates(dataset: Dataset, period: str | None) -> pd.DataFrame:
    """Per department: function, headcount, respondents, rounds and response_rate = respondents per round as a
    share of headcount (NaN without a headcount). Counts only: no answers.

    A department is judged over the rounds it was surveyed in, the named periods in which it has respondents
    (a department asked in one round of four is not spread over four); one that never answered, over every round.
    """
    frame = dataset.query(
        """SELECT d.department, d.function, d.headcount, count(r.respondent) AS respondents,
                  count(DISTINCT r.period) FILTER (WHERE r.period <> $not_given) AS rounds
           FROM departments d LEFT JOIN respondents r ON r.department = d.department AND ($period IS NULL OR r.period = $period)
           GROUP BY 1, 2, 3""",
        {"period": period, "not_given": NOT_GIVEN},
    )
    every_round = periods_in_scope(dataset, period)
    frame["rounds"] = frame["rounds"].where(frame["respondents"] > 0, every_round).clip(lower=1).astype(int)
    frame["response_rate"] = frame["respondents"] / frame["rounds"] / frame["headcount"].where(frame["headcount"] > 0)
    return frame.sort_values(["response_rate", "department"], na_position="first").reset_index(drop=True)


def respondent_departments(dataset: Dataset, period: str | None) -> list[str]:
    """The departments with respondents in the period (in every period when None), whether or not the Departments
    sheet lists them. Names only: no counts."""
    frame = dataset.query(
        "SELECT DISTINCT department FROM respondents WHERE $period IS NULL OR period = $period ORDER BY 1", {"period": period}
    )
    return frame["department"].tolist()


def response_rate_by_department(dataset: Dataset, period: str | None, min_group_size: int) -> pd.DataFrame:
    """The response rates as a chart shows them: in %, with `hidden` groups too small to show left blank."""
    frame = department_response_rates(dataset, period).sort_values("department").reset_index(drop=True)
    hidden = hidden_count_figures(dataset, frame["department"], period, min_group_size)
    frame["reason"] = [hidden_words(f.reason, f.k) if f else None for f in hidden]
    frame["why"] = [hidden_words(f.reason, f.k, "why") if f else None for f in hidden]
    frame["hidden"] = frame["reason"].notna()
    frame["response_rate"] = 100 * frame["response_rate"]
    frame.loc[frame["hidden"], ["respondents", "response_rate"]] = None
    return frame


def hidden_count_figures(dataset: Dataset, departments, period: str | None, min_group_size: int) -> list[Figure | None]:
    """Per department: its respondent count's figure when the disclosure layer hides it, else None."""
    published = disclosure(dataset, min_group_size)
    figures = [published.respondents(Selection(period, d)) for d in departments]
    return [f if f is not None and f.hidden else None for f in figures]


def hidden_reasons(dataset: Dataset, departments, period: str | None, min_group_size: int) -> list[str | None]:
    """Per department: why the disclosure layer hides its respondent count (a label), or None when it is shown."""
    return [
        hidden_words(f.reason, f.k) if f else None for f in hidden_count_figures(dataset, departments, period, min_group_size)
    ]


def comment_share_by_period(dataset: Dataset, min_group_size: int) -> pd.DataFrame:
    """Share of respondents who commented, per period whose respondents are published."""
    published = disclosure(dataset, min_group_size)
    rows = [
        (p, f.n, 100 * f.mean) for p in published.selectable_periods() if (f := published.respondents(Selection(p))) is not None
    ]
    return pd.DataFrame(rows, columns=["period", "respondents", "commented_pct"])
