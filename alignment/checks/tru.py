"""TRU: get trust."""

from __future__ import annotations

from ..analysis import interval
from ..evidence_views import assessment_date, dated_after
from ..selection import Selection
from .common import MIN_ROWS, minimum, too_few
from .registry import GRACE_DAYS, SCORE, Outcome, Threshold, graded, register

# Finished by the assessment date: status done and an actual end on or before it (a done initiative without an
# actual end counts where the check does not need the date). Later ends are not counted, as with all evidence.
_DONE_BY = "status = 'done' AND ($as_of IS NULL OR actual_end IS NULL OR actual_end <= $as_of)"
_FINISHED = f"{_DONE_BY} AND planned_end IS NOT NULL AND actual_end IS NOT NULL"


def _as_of(ctx):
    return assessment_date(ctx.dataset, ctx.settings.as_of)


def _later(ctx, where: str) -> str:
    """' 5 finished initiatives dated after 2026-03-15 are not counted.' for those the check would otherwise count."""
    return dated_after(ctx.dataset, f"SELECT * FROM initiatives WHERE {where}", "actual_end", _as_of(ctx), "finished initiative")


def _on_time_share(ctx) -> tuple[float | None, int]:
    frame = ctx.query(
        f"SELECT count(*) AS n, avg(CASE WHEN actual_end <= planned_end + to_days(CAST($grace AS INTEGER)) THEN 1.0 ELSE 0.0 END) AS share "
        f"FROM initiatives WHERE {_FINISHED}",
        grace=ctx.threshold_of("TRU003", "grace_days"),
        as_of=_as_of(ctx).date,
    )
    n = int(frame["n"][0])
    return (None if n == 0 else float(frame["share"][0])), n


@register(
    "TRU003",
    "on-time-delivery",
    title="On-time delivery",
    kind="evidence",
    severity="high",
    what="Finished initiatives ended on or before their planned end date.",
    why="Confidence in IT's capability is earned by delivering what was promised when it was promised.",
    fix="Plan in smaller increments with dates IT can keep, and report slips early with a new date.",
    needs=("initiatives",),
    thresholds=(
        Threshold("grace_days", 0, "days after the planned end that still count as on time", GRACE_DAYS),
        Threshold("warn_below", 0.8, "warn when the on-time share is below this"),
        Threshold("fail_below", 0.6, "fail when the on-time share is below this"),
        minimum("min_items", MIN_ROWS, "finished initiatives with both end dates"),
    ),
)
def on_time_delivery(ctx) -> Outcome:
    share, n = _on_time_share(ctx)
    if share is None:
        return Outcome(
            "not_applicable",
            "No finished initiative (status done) has both planned and actual end dates."
            + _later(ctx, "status = 'done' AND planned_end IS NOT NULL"),
        )
    if n < ctx.t("min_items"):
        return too_few("Finished initiatives with planned and actual end dates", n, ctx.t("min_items"))
    late = ctx.query(
        f"SELECT initiative, sponsor_department, planned_end, actual_end, date_diff('day', planned_end, actual_end) AS days_late "
        f"FROM initiatives WHERE {_FINISHED} AND actual_end > planned_end + to_days(CAST($grace AS INTEGER)) ORDER BY days_late DESC",
        grace=ctx.t("grace_days"),
        as_of=_as_of(ctx).date,
    )
    message = f"{n - len(late)} of {n} finished initiatives ended on time ({share:.0%})."
    message += _later(ctx, "status = 'done' AND planned_end IS NOT NULL")
    return graded(share, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=late)


def _on_budget_share(ctx) -> tuple[float | None, int]:
    frame = ctx.query(
        "SELECT count(*) AS n, avg(CASE WHEN actual_cost <= budget * (1 + $tolerance) THEN 1.0 ELSE 0.0 END) AS share "
        f"FROM initiatives WHERE {_DONE_BY} AND budget > 0 AND actual_cost IS NOT NULL",
        tolerance=ctx.threshold_of("TRU004", "tolerance"),
        as_of=_as_of(ctx).date,
    )
    n = int(frame["n"][0])
    return (None if n == 0 else float(frame["share"][0])), n


@register(
    "TRU004",
    "on-budget-delivery",
    title="On-budget delivery",
    kind="evidence",
    severity="medium",
    what="Finished initiatives stayed within budget (plus a tolerance).",
    why="Overruns feed the scepticism and over-detailed planning that slow decisions down.",
    fix="Review estimates of the initiatives listed, and agree a contingency up front instead of after the fact.",
    needs=("initiatives",),
    thresholds=(
        Threshold("tolerance", 0.1, "share over budget that still counts as on budget"),
        Threshold("warn_below", 0.8, "warn when the on-budget share is below this"),
        Threshold("fail_below", 0.6, "fail when the on-budget share is below this"),
        minimum("min_items", MIN_ROWS, "finished initiatives with a budget and an actual cost"),
    ),
)
def on_budget_delivery(ctx) -> Outcome:
    share, n = _on_budget_share(ctx)
    if share is None:
        return Outcome(
            "not_applicable",
            "No finished initiative has both a budget and an actual cost."
            + _later(ctx, "status = 'done' AND budget > 0 AND actual_cost IS NOT NULL"),
        )
    if n < ctx.t("min_items"):
        return too_few("Finished initiatives with a budget and an actual cost", n, ctx.t("min_items"))
    over = ctx.query(
        "SELECT initiative, sponsor_department, budget, actual_cost, round(100 * (actual_cost / budget - 1), 1) AS pct_over "
        f"FROM initiatives WHERE {_DONE_BY} AND budget > 0 AND actual_cost > budget * (1 + $tolerance) ORDER BY pct_over DESC",
        tolerance=ctx.t("tolerance"),
        as_of=_as_of(ctx).date,
    )
    message = f"{n - len(over)} of {n} finished initiatives stayed within budget + {ctx.t('tolerance'):.0%} ({share:.0%})."
    message += _later(ctx, "status = 'done' AND budget > 0 AND actual_cost IS NOT NULL")
    return graded(share, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=over)


@register(
    "TRU005",
    "value-confirmed",
    title="Value confirmed",
    kind="evidence",
    severity="medium",
    what="The sponsoring business unit confirmed the value of finished initiatives.",
    why="Trust grows when the business itself says an initiative delivered; unconfirmed value stays IT's claim.",
    fix="Hold a short value review with the sponsor a few weeks after go-live and record the outcome.",
    needs=("initiatives",),
    thresholds=(
        Threshold("warn_below", 0.7, "warn when the confirmed share of finished initiatives is below this"),
        Threshold("fail_below", 0.5, "fail when it is below this"),
        minimum("min_items", MIN_ROWS, "finished initiatives"),
    ),
)
def value_confirmed(ctx) -> Outcome:
    done = ctx.query(
        f"SELECT initiative, sponsor_department, value_confirmed FROM initiatives WHERE {_DONE_BY} ORDER BY 1",
        as_of=_as_of(ctx).date,
    )
    if done.empty:
        return Outcome("not_applicable", "No initiative has status done." + _later(ctx, "status = 'done'"))
    if len(done) < ctx.t("min_items"):
        return too_few("Finished initiatives", len(done), ctx.t("min_items"))
    confirmed = int((done["value_confirmed"] == True).sum())  # noqa: E712 (nullable booleans)
    share = confirmed / len(done)
    unconfirmed = done[done["value_confirmed"].ne(True).fillna(True)]
    message = f"The sponsor confirmed the value of {confirmed} of {len(done)} finished initiatives ({share:.0%})."
    message += _later(ctx, "status = 'done'")
    return graded(share, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=unconfirmed)


@register(
    "TRU006",
    "high-risk-decisions-stalled",
    title="High-risk decisions stalled",
    kind="evidence",
    severity="medium",
    what="High-risk initiatives get decided: few sit proposed or on hold.",
    why="Trust shows in crisp decisions, including high-risk ones; stalled bets signal scepticism or impatience.",
    fix="Give each stalled high-risk initiative a decision date and a small, time-boxed first step.",
    needs=("initiatives",),
    thresholds=(
        Threshold("warn_above", 0.25, "warn when the stalled share of high-risk initiatives is above this"),
        Threshold("fail_above", 0.5, "fail when it is above this"),
        minimum("min_items", MIN_ROWS, "high-risk initiatives"),
    ),
)
def high_risk_decisions_stalled(ctx) -> Outcome:
    high = ctx.query("SELECT initiative, sponsor_department, status FROM initiatives WHERE risk = 'high' ORDER BY 1")
    if high.empty:
        return Outcome("not_applicable", "No initiative is marked high risk.")
    if len(high) < ctx.t("min_items"):
        return too_few("High-risk initiatives", len(high), ctx.t("min_items"))
    stalled = high[high["status"].isin(["proposed", "on hold"])]
    share = len(stalled) / len(high)
    message = f"{len(stalled)} of {len(high)} high-risk initiatives are proposed or on hold ({share:.0%})."
    return graded(share, ctx.t("warn_above"), ctx.t("fail_above"), higher_is_better=False, message=message, evidence=stalled)


@register(
    "TRU007",
    "trust-versus-delivery",
    title="Trust versus delivery",
    kind="say-vs-do",
    severity="high",
    what="The business's trust in IT matches IT's delivery record (a mismatch is called only when the business score's "
    "95 % interval lies wholly on its side of the trust line; otherwise too few to judge).",
    why="Low trust despite good delivery means wins are invisible; high trust despite poor delivery will not last.",
    fix="If delivery is good, make it visible (publish on-time and value results); if it is poor, fix delivery first.",
    needs=("responses", "initiatives"),
    thresholds=(
        Threshold("low_trust", 3.0, "business TRU score below this counts as low trust", SCORE),
        Threshold("high_trust", 3.5, "business TRU score at or above this counts as high trust", SCORE),
        Threshold("good_delivery", 0.8, "an on-time share at or above this counts as good delivery"),
        Threshold("poor_delivery", 0.6, "an on-time share below this counts as poor delivery"),
        minimum("min_items", MIN_ROWS, "finished initiatives with both end dates"),
    ),
)
def trust_versus_delivery(ctx) -> Outcome:
    business = ctx.tactic("TRU").business_score
    share, n = _on_time_share(ctx)
    if business is None or share is None:
        return Outcome("not_applicable", "Needs a business TRU score that may be shown and finished initiatives with dates.")
    if n < ctx.t("min_items"):
        return too_few("Finished initiatives with planned and actual end dates", n, ctx.t("min_items"))
    said = f"The business rates trust {business:.2f}; {share:.0%} of {n} finished initiatives ended on time."
    low = business < ctx.t("low_trust") and share >= ctx.t("good_delivery")
    high = business >= ctx.t("high_trust") and share < ctx.t("poor_delivery")
    line = ctx.t("low_trust") if low else ctx.t("high_trust")
    bounds = interval(ctx.published.tactic("TRU", Selection(ctx.period, function="Business"))) if low or high else None
    if (low or high) and (bounds is None or bounds[0] <= line <= bounds[1]):
        # a contradiction needs the business's 95 % interval wholly on its side of the line, not a few people's mean
        shown = f"its 95 % interval {bounds[0]:.2f}-{bounds[1]:.2f}" if bounds else "with no interval"
        return Outcome(
            "not_applicable",
            f"{said} Too few to judge: the business score ({shown}) may be on either side of {line:.1f}.",
            business,
            line,
        )
    if low:
        return Outcome(
            "warn", said + " Delivery is better than its reputation: make the record visible.", business, ctx.t("low_trust")
        )
    if high:
        return Outcome(
            "fail", said + " Trust is ahead of delivery: it will not survive the next slip.", business, ctx.t("high_trust")
        )
    return Outcome("pass", said + " What the business says and what IT delivers agree.", business, ctx.t("low_trust"))
