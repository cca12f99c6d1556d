"""ASM: conduct ongoing assessments."""

from __future__ import annotations

from ..analysis import scores
from ..evidence_views import assessment_date, dated_after
from ..ingest import NOT_GIVEN
from ..perception_gap import p_text
from ..periods import order_periods, quarter_sql
from ..selection import Selection
from ..selection_stats import respondent_means
from ..stats import FISHER, compare_rounds, fisher_exact, test_said
from .common import MIN_WORK_ITEMS, minimum, too_few
from .registry import INDEX_CHANGE, P_VALUE, PERIODS, SHARE_CHANGE, Outcome, Threshold, graded, register

_QUARTERLY_PROACTIVE = f"""
    SELECT {quarter_sql("opened")} AS quarter,
           count(*) AS work_items, avg(CASE WHEN proactive THEN 1.0 ELSE 0.0 END) AS proactive_share
    FROM work_items WHERE opened <= $as_of GROUP BY 1 ORDER BY 1
"""


def quarterly_proactive(ctx):
    """Work items and their proactive share per quarter (in date order), up to the assessment date, and whether
    the quarter has enough work items (this check's min_items) to judge its share."""
    frame = ctx.query(_QUARTERLY_PROACTIVE, as_of=assessment_date(ctx.dataset, ctx.settings.as_of).date)
    order = {quarter: i for i, quarter in enumerate(order_periods(frame["quarter"])[0])}
    frame = frame.sort_values("quarter", key=lambda q: q.map(order)).reset_index(drop=True)
    return frame.assign(enough_items=frame["work_items"] >= ctx.t("min_items"))


def latest_quarter_too_few(ctx, quarters) -> Outcome | None:
    """Not applicable when the latest quarter has too few work items; the message names the latest one with enough."""
    latest = quarters.iloc[-1]
    if latest["enough_items"]:
        return None
    outcome = too_few(f"IT work items in {latest['quarter']}", int(latest["work_items"]), ctx.t("min_items"))
    enough = quarters[quarters["enough_items"]]
    if len(enough):
        last = enough.iloc[-1]
        outcome.message += (
            f" The latest quarter with enough, {last['quarter']}, had {last['proactive_share']:.0%} of "
            f"{int(last['work_items'])} proactive."
        )
    outcome.message += as_of_note(ctx)
    outcome.evidence = quarters
    return outcome


def left_out(ctx, quarters) -> str:
    """' Left out, with fewer than 10 work items: 2026-Q2 (1).' or ''."""
    small = quarters[~quarters["enough_items"]]
    if small.empty:
        return ""
    named = ", ".join(f"{r.quarter} ({int(r.work_items)})" for r in small.itertuples())
    return f" Left out, with fewer than {ctx.t('min_items'):.0f} work items: {named}."


def alpha_threshold() -> Threshold:
    return Threshold(
        "alpha", 0.05, "a change counts only when its test's p-value is below this (else: no change beyond the noise)", P_VALUE
    )


def tested_change(ctx, change: float, p: float, test: str, message: str, evidence=None) -> Outcome:
    """No change beyond the noise (pass) unless the test's p is below alpha; a real change is graded by its size."""
    p_said = p_text(p)
    if p >= ctx.t("alpha"):
        return Outcome("pass", f"{message} No change beyond the noise ({test}, p {p_said}).", change, None, evidence)
    verdict = "rise" if change > 0 else "fall"
    said = f"{message} A real {verdict} ({test}, p {p_said}, below alpha {ctx.t('alpha'):g})."
    return graded(change, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=said, evidence=evidence)


def as_of_note(ctx) -> str:
    """' Counted as of 2026-03-31 (set as as_of).' and how many work items are dated after it."""
    when = assessment_date(ctx.dataset, ctx.settings.as_of)
    return f" Counted {when.said}." + dated_after(ctx.dataset, "SELECT * FROM work_items", "opened", when, "work item")


@register(
    "ASM003",
    "assessment-cadence",
    title="Assessment cadence",
    kind="evidence",
    severity="medium",
    what="Alignment is assessed regularly: the survey has several rounds (periods).",
    why="Alignment is open-ended; a one-off assessment cannot show whether actions worked.",
    fix="Repeat the survey every quarter or half-year with the same items, and compare rounds on the Overview.",
    needs=("responses",),
    thresholds=(
        Threshold("warn_below", 3, "warn when the data holds fewer survey periods than this", PERIODS),
        Threshold("fail_below", 2, "fail when it holds fewer than this", PERIODS),
    ),
)
def assessment_cadence(ctx) -> Outcome:
    periods, note = order_periods(p for p in ctx.dataset.periods() if p != NOT_GIVEN)
    if not periods:
        return Outcome("not_applicable", "The survey gives no period (no period column, and no submit date to take one from).")
    count = len(periods)
    message = f"The survey data holds {count} period{'s' if count != 1 else ''}: {', '.join(periods)}." + note
    return graded(count, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message)


@register(
    "ASM004",
    "proactive-work-share",
    title="Proactive work share",
    kind="evidence",
    severity="high",
    what="A good share of IT's work is proactive (problems, improvements, projects) rather than break/fix.",
    why="Moving from reactive break/fix to proactive work is what ongoing alignment is meant to achieve.",
    fix="Reserve capacity for problem management and improvements agreed with the business; track the share monthly.",
    needs=("work_items",),
    thresholds=(
        Threshold("warn_below", 0.35, "warn when the proactive share in the latest quarter is below this"),
        Threshold("fail_below", 0.2, "fail when it is below this"),
        minimum("min_items", MIN_WORK_ITEMS, "work items in the latest quarter"),
    ),
)
def proactive_work_share(ctx) -> Outcome:
    quarters = quarterly_proactive(ctx)
    if quarters.empty:
        return Outcome("not_applicable", "The WorkItems sheet has no rows up to the assessment date." + as_of_note(ctx))
    if too_few_latest := latest_quarter_too_few(ctx, quarters):
        return too_few_latest
    latest = quarters.iloc[-1]
    message = (
        f"In {latest['quarter']}, {latest['proactive_share']:.0%} of {int(latest['work_items'])} IT work items were proactive."
    ) + as_of_note(ctx)
    return graded(
        float(latest["proactive_share"]),
        ctx.t("warn_below"),
        ctx.t("fail_below"),
        higher_is_better=True,
        message=message,
        evidence=quarters,
    )


@register(
    "ASM005",
    "proactive-trend",
    title="Proactive trend",
    kind="evidence",
    severity="medium",
    what="The proactive share of IT work is growing from the first to the latest quarter (quarters with too few work "
    "items left out; a change counts only when Fisher's exact test says it is beyond the noise).",
    why="A stable or falling proactive share means assessments are not changing how IT works.",
    fix="Agree a target for the proactive share and review it in each assessment round.",
    needs=("work_items",),
    thresholds=(
        Threshold(
            "warn_below", 0.05, "warn when the share grew by less than this (in share points, 0.05 = 5 points)", SHARE_CHANGE
        ),
        Threshold("fail_below", 0.0, "fail when it fell", SHARE_CHANGE),
        minimum("min_items", MIN_WORK_ITEMS, "work items in a quarter (such quarters are left out of the comparison)"),
        alpha_threshold(),
    ),
)
def proactive_trend(ctx) -> Outcome:
    quarters = quarterly_proactive(ctx)
    enough = quarters[quarters["enough_items"]]
    if len(enough) < 2:
        message = (
            f"Needs at least two quarters with {ctx.t('min_items'):.0f} or more work items; "
            f"{len(enough)} {'has' if len(enough) == 1 else 'have'} that many."
        )
        return Outcome("not_applicable", message + left_out(ctx, quarters) + as_of_note(ctx), evidence=quarters)
    first, last = enough.iloc[0], enough.iloc[-1]
    change = float(last["proactive_share"] - first["proactive_share"])
    counts = [round(float(q["proactive_share"]) * int(q["work_items"])) for q in (last, first)]
    p = fisher_exact(counts[0], int(last["work_items"]), counts[1], int(first["work_items"]))
    message = (
        f"The proactive share went from {first['proactive_share']:.0%} ({counts[1]} of {int(first['work_items'])}) in "
        f"{first['quarter']} to {last['proactive_share']:.0%} ({counts[0]} of {int(last['work_items'])}) in {last['quarter']} "
        f"({100 * change:+.0f} points)."
    )
    return tested_change(ctx, change, p, FISHER, message + left_out(ctx, quarters) + as_of_note(ctx), quarters)


@register(
    "ASM006",
    "alignment-trend",
    title="Alignment trend",
    kind="perception",
    severity="medium",
    what="The alignment index improves from the first survey period to the latest (periods in date order; a change "
    "counts only when a test on respondent means says it is beyond the noise: Welch's t-test, or a paired t-test "
    "when the same people answered both).",
    why="Ongoing assessment is worth it when results move; a flat or falling index means actions are not landing.",
    fix="Pick the two tactics with the largest gaps, agree actions with owners, and check them at the next round.",
    needs=("responses",),
    thresholds=(
        Threshold("warn_below", 1.0, "warn when the index rose by fewer points than this", INDEX_CHANGE),
        Threshold("fail_below", -2.0, "fail when it fell by more than this many points", INDEX_CHANGE),
        alpha_threshold(),
    ),
)
def alignment_trend(ctx) -> Outcome:
    periods, note = order_periods(p for p in ctx.published.selectable_periods() if p != NOT_GIVEN)
    if len(periods) < 2:
        return Outcome("not_applicable", "Needs at least two survey periods large enough to be shown.")
    first = scores(ctx.dataset, ctx.settings, Selection(periods[0])).alignment_index
    last = scores(ctx.dataset, ctx.settings, Selection(periods[-1])).alignment_index
    if first is None or last is None:
        return Outcome("not_applicable", "The first or latest period has no scores.")
    change = last - first
    message = f"The alignment index went from {first:.0f} in {periods[0]} to {last:.0f} in {periods[-1]} ({change:+.0f} points)."
    # each respondent's own index: their mean over the tactics they answered, on the index's 0-100 scale
    now, before = (
        (respondent_means(ctx.published, ctx.dataset, Selection(period)).mean(axis=1) - 1) / 4 * 100
        for period in (periods[-1], periods[0])
    )
    test, comparison, _ = compare_rounds(now, before, ctx.settings.min_group_size)
    if comparison is None:
        return Outcome("not_applicable", message + " Too few respondents to test the change." + note)
    return tested_change(ctx, change, comparison.p, test_said(test), message + note)


@register(
    "ASM007",
    "proactive-says-vs-does",
    title="Proactive: what people say against what happens",
    kind="say-vs-do",
    severity="medium",
    what="What people say about IT anticipating needs (ASM-2) matches the proactive share of IT's work.",
    why="Believing IT is proactive while most work is break/fix hides the problem; the reverse hides IT's progress.",
    fix="Share the proactive-work trend with the business, or rebalance IT's capacity towards improvements.",
    needs=("responses", "work_items"),
    thresholds=(
        Threshold("agree_share", 0.5, "people 'say IT is proactive' when at least this share agree with ASM-2"),
        Threshold("proactive_share", 0.35, "work 'is proactive' when at least this share of the latest quarter is"),
        minimum("min_items", MIN_WORK_ITEMS, "work items in the latest quarter"),
    ),
)
def proactive_says_vs_does(ctx) -> Outcome:
    said_n, said_agree = ctx.agreement("ASM-2")
    quarters = quarterly_proactive(ctx)
    if said_n < ctx.settings.min_group_size or quarters.empty:
        return Outcome("not_applicable", "Needs answers to ASM-2 (enough to be shown) and work items.")
    if too_few_latest := latest_quarter_too_few(ctx, quarters):
        return too_few_latest
    agree, share = said_agree, float(quarters.iloc[-1]["proactive_share"])
    message = (
        f"{agree:.0%} agree that IT anticipates business needs; {share:.0%} of IT's work in "
        f"{quarters.iloc[-1]['quarter']} was proactive." + as_of_note(ctx)
    )
    if agree >= ctx.t("agree_share") and share < ctx.t("proactive_share"):
        return Outcome("fail", message + " People believe IT is more proactive than its work shows.", agree, ctx.t("agree_share"))
    if agree < ctx.t("agree_share") and share >= ctx.t("proactive_share"):
        return Outcome("warn", message + " IT's proactive work is not yet felt by the business.", agree, ctx.t("agree_share"))
    return Outcome("pass", message, agree, ctx.t("agree_share"))
