"""MET: measure with metrics.

The KPI checks read the latest period's KPIs, the latest by date (2026-Q1, Q1 2026, 2026-03, 2026, ...;
see evidence_views.order_periods), and KPIs without a period.
"""

from __future__ import annotations

from ..evidence_views import LATEST_KPIS, latest_kpi_period
from .common import MIN_ROWS, minimum, too_few
from .registry import Outcome, Threshold, graded, register


def latest_kpis(ctx, sql: str):
    """sql over LATEST_KPIS, and a sentence naming the latest period (and how periods were ordered)."""
    latest, note = latest_kpi_period(ctx.dataset)
    said = f" Latest period: {latest}." if latest is not None else ""
    return ctx.query(sql, latest=latest), said + note


@register(
    "MET003",
    "kpis-tied-to-objectives",
    title="KPIs tied to objectives",
    kind="evidence",
    severity="high",
    what="The latest period's KPIs name the business objective they serve, and a fair share measure business outcomes.",
    why="KPIs that tie IT to business outcomes are how both sides see whether IT furthers the business.",
    fix="For each KPI listed, name the business objective it serves, or retire it; add outcome KPIs owned jointly.",
    needs=("kpis",),
    thresholds=(
        Threshold("warn_below", 0.8, "warn when the share of KPIs with a business objective is below this"),
        Threshold("fail_below", 0.5, "fail when it is below this"),
        Threshold("min_outcome_share", 0.3, "warn when fewer than this share of KPIs are business outcomes"),
        minimum("min_items", MIN_ROWS, "KPIs in the latest period"),
    ),
)
def kpis_tied_to_objectives(ctx) -> Outcome:
    kpis, period = latest_kpis(ctx, f"SELECT kpi, owner_function, kind, business_objective FROM ({LATEST_KPIS}) ORDER BY kpi")
    if kpis.empty:
        return Outcome("not_applicable", "The KPIs sheet has no rows.")
    if len(kpis) < ctx.t("min_items"):
        return too_few("KPIs in the latest period", len(kpis), ctx.t("min_items"))
    untied = kpis[kpis["business_objective"].isna() | (kpis["business_objective"].str.strip() == "")]
    share = 1 - len(untied) / len(kpis)
    outcome_share = float((kpis["kind"] == "business_outcome").mean())
    message = (
        f"{len(kpis) - len(untied)} of {len(kpis)} KPIs name a business objective ({share:.0%}); "
        f"{outcome_share:.0%} measure business outcomes."
    ) + period
    result = graded(share, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=untied)
    if result.status == "pass" and outcome_share < ctx.t("min_outcome_share"):
        return Outcome("warn", message + " Too few measure business outcomes.", outcome_share, ctx.t("min_outcome_share"), untied)
    return result


@register(
    "MET004",
    "kpi-visibility",
    title="KPI visibility",
    kind="evidence",
    severity="high",
    what="The latest period's KPIs are visible to both IT and the business, with equal transparency.",
    why="Metrics only align the two sides when both see them; one-sided dashboards breed suspicion.",
    fix="Publish the KPIs listed to the other function, on the same dashboard.",
    needs=("kpis",),
    thresholds=(
        Threshold("warn_below", 0.8, "warn when the share of KPIs visible to both is below this"),
        Threshold("fail_below", 0.5, "fail when it is below this"),
        minimum("min_items", MIN_ROWS, "KPIs in the latest period"),
    ),
)
def kpi_visibility(ctx) -> Outcome:
    kpis, period = latest_kpis(
        ctx, f"SELECT kpi, owner_function, kind, visible_to_business, visible_to_it FROM ({LATEST_KPIS}) ORDER BY kpi"
    )
    if kpis.empty:
        return Outcome("not_applicable", "The KPIs sheet has no rows.")
    if len(kpis) < ctx.t("min_items"):
        return too_few("KPIs in the latest period", len(kpis), ctx.t("min_items"))
    both = kpis["visible_to_business"].fillna(False) & kpis["visible_to_it"].fillna(False)
    share = float(both.mean())
    hidden_side = kpis[~both]
    message = f"{int(both.sum())} of {len(kpis)} KPIs are visible to both IT and the business ({share:.0%})." + period
    return graded(share, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=hidden_side)


@register(
    "MET005",
    "kpis-off-target",
    title="KPIs off target",
    kind="evidence",
    severity="medium",
    what="Most KPIs with a target are on target in the latest period.",
    why="Shared metrics matter when someone acts on them; many KPIs off target with no change means they are not steering.",
    fix="Review the KPIs listed in the next steering meeting, with an owner and an action each.",
    needs=("kpis",),
    thresholds=(
        Threshold("warn_above", 0.3, "warn when the share of KPIs off target is above this"),
        Threshold("fail_above", 0.5, "fail when it is above this"),
        minimum("min_items", MIN_ROWS, "KPIs with a target and an actual value in the latest period"),
    ),
)
def kpis_off_target(ctx) -> Outcome:
    kpis, period = latest_kpis(
        ctx,
        f"""SELECT kpi, unit, target, actual, coalesce(higher_is_better, true) AS higher_is_better,
                   CASE WHEN coalesce(higher_is_better, true) THEN actual < target ELSE actual > target END AS off_target
            FROM ({LATEST_KPIS}) WHERE target IS NOT NULL AND actual IS NOT NULL ORDER BY kpi""",
    )
    if kpis.empty:
        return Outcome("not_applicable", "No KPI has both a target and an actual value.")
    if len(kpis) < ctx.t("min_items"):
        return too_few("KPIs with a target and an actual value in the latest period", len(kpis), ctx.t("min_items"))
    off = kpis[kpis["off_target"]]
    share = len(off) / len(kpis)
    message = f"{len(off)} of {len(kpis)} KPIs are off target ({share:.0%})." + period
    return graded(share, ctx.t("warn_above"), ctx.t("fail_above"), higher_is_better=False, message=message, evidence=off)


@register(
    "MET006",
    "metric-visibility-says-vs-does",
    title="Metric visibility: what people say against what happens",
    kind="say-vs-do",
    severity="medium",
    what="What people say about seeing IT's metrics (MET-3) matches what is actually published to the business.",
    why="Published metrics nobody knows about do not build alignment; metrics people believe they see but cannot are worse.",
    fix="If KPIs are published but unknown, show them in business meetings; if they are not published, publish them.",
    needs=("responses", "kpis"),
    thresholds=(
        Threshold("agree_share", 0.5, "people 'say they see IT metrics' when at least this share agree with MET-3"),
        Threshold(
            "published_share", 0.5, "IT-efficiency KPIs 'are published' when at least this share are visible to the business"
        ),
        minimum("min_items", MIN_ROWS, "IT-efficiency KPIs in the latest period"),
    ),
)
def metric_visibility_says_vs_does(ctx) -> Outcome:
    said_n, said_agree = ctx.agreement("MET-3", "Business")
    published, period = latest_kpis(
        ctx,
        f"SELECT count(*) AS n, avg(CASE WHEN visible_to_business THEN 1.0 ELSE 0.0 END) AS share "
        f"FROM ({LATEST_KPIS}) WHERE kind = 'it_efficiency'",
    )
    if said_n < ctx.settings.min_group_size or int(published["n"][0]) == 0:
        return Outcome("not_applicable", "Needs business answers to MET-3 (enough to be shown) and IT-efficiency KPIs.")
    if int(published["n"][0]) < ctx.t("min_items"):
        return too_few("IT-efficiency KPIs in the latest period", int(published["n"][0]), ctx.t("min_items"))
    agree, share = said_agree, float(published["share"][0])
    message = (
        f"{agree:.0%} of business respondents say they see IT's efficiency metrics; {share:.0%} of those KPIs are "
        "visible to the business." + period
    )
    if share >= ctx.t("published_share") and agree < ctx.t("agree_share"):
        return Outcome("warn", message + " Published, but not seen.", agree, ctx.t("agree_share"))
    if share < ctx.t("published_share") and agree >= ctx.t("agree_share"):
        return Outcome(
            "fail", message + " People believe they see metrics that are not published to them.", share, ctx.t("published_share")
        )
    return Outcome("pass", message, agree, ctx.t("agree_share"))
