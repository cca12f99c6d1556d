"""REL: shape close business relationships."""

from __future__ import annotations

from ..evidence_views import MEETING_WORDS, MEETINGS, NO_ASSESSMENT_DATE, assessment_date, dated_after
from .common import MIN_ROWS, minimum, too_few
from .registry import DAYS, DEPARTMENTS, SCORE, Outcome, Threshold, graded, register


@register(
    "REL003",
    "brm-coverage",
    title="BRM coverage",
    kind="evidence",
    severity="high",
    what="Every business department has a named business relationship manager (BRM).",
    why="BRMs are the conduit between IT and a business unit: without one, needs and plans reach IT late or not at all.",
    fix="Name a BRM for each department listed, with time set aside for the role.",
    needs=("departments",),
    thresholds=(
        Threshold("warn_below", 1.0, "warn when the covered share of business departments is below this"),
        Threshold("fail_below", 0.5, "fail when the covered share is below this"),
    ),
)
def brm_coverage(ctx) -> Outcome:
    departments = ctx.query("SELECT department, brm FROM departments WHERE function = 'Business' ORDER BY department")
    if departments.empty:
        return Outcome("not_applicable", "The Departments sheet lists no business department.")
    missing = departments[departments["brm"].isna() | (departments["brm"].str.strip() == "")]
    share = 1 - len(missing) / len(departments)
    message = f"{len(departments) - len(missing)} of {len(departments)} business departments have a BRM ({share:.0%})."
    if len(missing):
        message += f" Without one: {', '.join(missing['department'])}."
    return graded(
        share, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=missing[["department"]]
    )


def last_meetings(ctx, when):
    """Per department: its last meeting with IT on or before the assessment date, how many, and the days between."""
    return ctx.query(
        f"""SELECT department, max(date) AS last_engagement, count(*) AS engagements,
                   date_diff('day', max(date), $as_of) AS days_since
            FROM ({MEETINGS} AND date <= $as_of) GROUP BY 1""",
        as_of=when.date,
    )


def _days_since_engagement(ctx, when):
    return ctx.query(
        f"""
        WITH last_seen AS (SELECT department, max(date) AS last_engagement, count(*) AS engagements
                           FROM ({MEETINGS} AND date <= $as_of) GROUP BY 1)
        SELECT d.department, l.last_engagement, coalesce(l.engagements, 0) AS engagements,
               date_diff('day', l.last_engagement, $as_of) AS days_since
        FROM departments d LEFT JOIN last_seen l USING (department)
        WHERE d.function = 'Business'
        ORDER BY days_since DESC NULLS FIRST, d.department
        """,
        as_of=when.date,
    )


@register(
    "REL004",
    "engagement-cadence",
    title="Engagement cadence",
    kind="evidence",
    severity="high",
    what="Every business department met IT recently in a steering, planning, one-to-one or workshop meeting "
    "(engagements of kind other do not count).",
    why="Relationships are built in regular conversations about business imperatives, not in escalations.",
    fix="Put a recurring meeting between IT and each department listed in the calendar, at least quarterly.",
    needs=("departments", "engagements"),
    thresholds=(
        Threshold(
            "max_days",
            90,
            "a department is overdue when its last meeting is more than this many days before the assessment date",
            DAYS,
        ),
        Threshold("warn_above", 0.0, "warn when the overdue share of business departments is above this"),
        Threshold("fail_above", 0.34, "fail when the overdue share is above this"),
    ),
)
def engagement_cadence(ctx) -> Outcome:
    when = assessment_date(ctx.dataset, ctx.settings.as_of)
    if when.date is None:
        return Outcome("not_applicable", NO_ASSESSMENT_DATE)
    frame = _days_since_engagement(ctx, when)
    if frame.empty:
        return Outcome("not_applicable", "The Departments sheet lists no business department.")
    overdue = frame[frame["days_since"].isna() | (frame["days_since"] > ctx.t("max_days"))]
    share = len(overdue) / len(frame)
    message = (
        f"{when.opening}{len(overdue)} of {len(frame)} business departments had no {MEETING_WORDS} meeting with IT "
        f"in the last {ctx.t('max_days'):.0f} days"
    )
    message += f": {', '.join(overdue['department'])}." if len(overdue) else "."
    message += dated_after(ctx.dataset, MEETINGS, "date", when, "meeting")
    return graded(share, ctx.t("warn_above"), ctx.t("fail_above"), higher_is_better=False, message=message, evidence=overdue)


@register(
    "REL005",
    "leadership-engagement",
    title="Leadership engagement",
    kind="evidence",
    severity="medium",
    what="A fair share of IT-business meetings are steering or planning meetings, where imperatives are discussed.",
    why="Alignment needs IT and business leaders discussing imperatives and plans, not only operational one-to-ones.",
    fix="Turn some status meetings into planning sessions with the business unit's leadership and IT's leaders.",
    needs=("engagements",),
    thresholds=(
        Threshold("warn_below", 0.3, "warn when the steering/planning share of engagements is below this"),
        Threshold("fail_below", 0.15, "fail when it is below this"),
        minimum("min_items", MIN_ROWS, "engagements"),
    ),
)
def leadership_engagement(ctx) -> Outcome:
    kinds = ctx.query("SELECT kind, count(*) AS engagements FROM engagements GROUP BY 1 ORDER BY 2 DESC")
    total = int(kinds["engagements"].sum())
    if total == 0:
        return Outcome("not_applicable", "The Engagements sheet has no rows.")
    if total < ctx.t("min_items"):
        return too_few("Engagements", total, ctx.t("min_items"))
    leading = int(kinds.loc[kinds["kind"].isin(["steering", "planning"]), "engagements"].sum())
    share = leading / total
    message = f"{leading} of {total} engagements ({share:.0%}) were steering or planning meetings."
    return graded(share, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=kinds)


@register(
    "REL006",
    "rated-close-but-no-meetings",
    title="Rated close but no meetings",
    kind="say-vs-do",
    severity="high",
    what="Departments that rate their relationship with IT well actually met IT recently (steering, planning, "
    "one-to-one or workshop).",
    why="A good score without meetings is goodwill that is not being used; it fades when the next problem hits.",
    fix="Ask the departments listed what works, and turn it into a regular meeting before the goodwill fades.",
    needs=("responses", "engagements"),
    thresholds=(
        Threshold("rated_at_least", 3.2, "a department 'rates the relationship well' at or above this REL score", SCORE),
        Threshold(
            "max_days",
            90,
            "and is contradicted when its last meeting is more than this many days before the assessment date",
            DAYS,
        ),
        Threshold("warn_above", 0, "warn when more departments than this are contradicted", DEPARTMENTS),
        Threshold("fail_above", 1, "fail when more departments than this are contradicted", DEPARTMENTS),
    ),
)
def rated_close_but_no_meetings(ctx) -> Outcome:
    scores = ctx.department_scores("REL")
    scores = scores[scores["function"] == "Business"]
    if scores.empty:
        return Outcome("not_applicable", "No business department has enough respondents to be shown.")
    when = assessment_date(ctx.dataset, ctx.settings.as_of)
    if when.date is None:
        return Outcome("not_applicable", NO_ASSESSMENT_DATE)
    merged = scores.merge(last_meetings(ctx, when), on="department", how="left")
    contradicted = merged[
        (merged["score"] >= ctx.t("rated_at_least")) & (merged["days_since"].isna() | (merged["days_since"] > ctx.t("max_days")))
    ]
    days = f"{ctx.t('max_days'):.0f} days"
    if contradicted.empty:
        message = (
            f"{when.opening}every business department shown that rates the relationship well also met IT in the last {days}."
        )
    else:
        names = ", ".join(f"{r.department} (REL {r.score:.2f})" for r in contradicted.itertuples())
        message = (
            f"{when.opening}business departments that rate the relationship well had no {MEETING_WORDS} meeting "
            f"with IT in the last {days}: {names}."
        )
    message += dated_after(ctx.dataset, MEETINGS, "date", when, "meeting")
    evidence = contradicted[["department", "score", "respondents", "last_engagement", "days_since"]]
    return graded(
        len(contradicted), ctx.t("warn_above"), ctx.t("fail_above"), higher_is_better=False, message=message, evidence=evidence
    )
