"""ROT: rotate IT and business employees."""

from __future__ import annotations

from .registry import Outcome, Threshold, graded, register

_RECENT = """
    SELECT * FROM rotations
    WHERE start_date > (SELECT max(start_date) FROM rotations) - to_days(CAST($window_days AS INTEGER))
"""


@register(
    "ROT003",
    "rotation-participation",
    kind="evidence",
    severity="high",
    what="Enough people take part in shadowing, mentoring or rotations across IT and the business.",
    why="Mutual understanding grows person by person; a handful of rotations does not change how functions work together.",
    fix="Set a yearly goal for shadowing days and rotations per department and make time for them.",
    needs=("rotations", "departments"),
    thresholds=(
        Threshold("window_days", 365, "count rotations that started within this many days of the latest one"),
        Threshold("warn_below", 3.0, "warn when participants per 100 employees are below this"),
        Threshold("fail_below", 1.0, "fail when participants per 100 employees are below this"),
    ),
)
def rotation_participation(ctx) -> Outcome:
    headcount = ctx.query("SELECT sum(headcount) AS people FROM departments")["people"][0]
    if not headcount:
        return Outcome("not_applicable", "The Departments sheet has no headcount.")
    recent = ctx.query(
        f"SELECT home_department, count(DISTINCT person) AS people FROM ({_RECENT}) GROUP BY 1 ORDER BY 2 DESC",
        window_days=ctx.t("window_days"),
    )
    people = int(recent["people"].sum()) if len(recent) else 0
    rate = 100 * people / float(headcount)
    message = f"{people} {'person' if people == 1 else 'people'} took part in the last {ctx.t('window_days'):.0f} days: {rate:.1f} per 100 employees."
    return graded(rate, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=recent)


@register(
    "ROT004",
    "rotation-both-directions",
    kind="evidence",
    severity="medium",
    what="Rotations run in both directions: business people into IT as well as IT people into the business.",
    why="A marketer in developer huddles teaches as much as an engineer with field sales; one-way rotation is half the value.",
    fix="Invite business staff to IT stand-ups, planning and incident reviews, not only IT staff to the business.",
    needs=("rotations",),
    thresholds=(
        Threshold("window_days", 365, "count rotations that started within this many days of the latest one"),
        Threshold("warn_below", 0.3, "warn when the smaller direction's share is below this"),
        Threshold("fail_below", 0.1, "fail when it is below this"),
    ),
)
def rotation_both_directions(ctx) -> Outcome:
    directions = ctx.query(
        f"SELECT home_function, count(*) AS rotations FROM ({_RECENT}) GROUP BY 1 ORDER BY 1", window_days=ctx.t("window_days")
    )
    total = int(directions["rotations"].sum()) if len(directions) else 0
    if total == 0:
        return Outcome("not_applicable", "No rotation on record.")
    counts = dict(zip(directions["home_function"], directions["rotations"], strict=True))
    from_it, from_business = int(counts.get("IT", 0)), int(counts.get("Business", 0))
    share = min(from_it, from_business) / total
    message = f"{from_it} rotations from IT into the business, {from_business} from the business into IT."
    return graded(share, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=directions)


@register(
    "ROT005",
    "departments-without-rotation",
    kind="evidence",
    severity="low",
    what="Every department sends or hosts someone across the IT-business line.",
    why="Departments that never exchange people keep their silos, whatever the rest of the organisation does.",
    fix="Pair each department listed with a counterpart and plan one shadowing exchange this quarter.",
    needs=("rotations", "departments"),
    thresholds=(
        Threshold("window_days", 365, "count rotations that started within this many days of the latest one"),
        Threshold("warn_above", 0.2, "warn when the share of departments without any exchange is above this"),
        Threshold("fail_above", 0.5, "fail when it is above this"),
    ),
)
def departments_without_rotation(ctx) -> Outcome:
    missing = ctx.query(
        f"""SELECT d.department, d.function FROM departments d
            WHERE d.department NOT IN (SELECT home_department FROM ({_RECENT}) UNION SELECT host_department FROM ({_RECENT}))
            ORDER BY 1""",
        window_days=ctx.t("window_days"),
    )
    total = int(ctx.query("SELECT count(*) AS n FROM departments")["n"][0])
    if total == 0:
        return Outcome("not_applicable", "The Departments sheet has no rows.")
    share = len(missing) / total
    message = f"{len(missing)} of {total} departments neither sent nor hosted anyone"
    message += f": {', '.join(missing['department'])}." if len(missing) else "."
    return graded(share, ctx.t("warn_above"), ctx.t("fail_above"), higher_is_better=False, message=message, evidence=missing)


@register(
    "ROT006",
    "rotation-experience-says-vs-does",
    kind="say-vs-do",
    severity="medium",
    what="The share of people who say they have worked alongside the other function (ROT-1) is in line with the rotations on record.",
    why="If far more people report cross-function experience than the records show, rotations happen informally and are not "
    "recognised; if far fewer, the programme exists on paper only.",
    fix="Record informal shadowing so it counts in careers, or ask participants why the programme did not feel real.",
    needs=("responses", "rotations", "departments"),
    thresholds=(
        Threshold("window_days", 365, "count rotations that started within this many days of the latest one"),
        Threshold(
            "max_ratio",
            4.0,
            "warn when the agreeing share is more than this multiple of the recorded share (or less than its inverse)",
        ),
    ),
)
def rotation_experience_says_vs_does(ctx) -> Outcome:
    said_n, said_agree = ctx.agreement("ROT-1")
    headcount = ctx.query("SELECT sum(headcount) AS people FROM departments")["people"][0]
    if said_n < ctx.settings.min_group_size or not headcount:
        return Outcome("not_applicable", "Needs answers to ROT-1 (enough to be shown) and department headcounts.")
    people = ctx.query(f"SELECT count(DISTINCT person) AS n FROM ({_RECENT})", window_days=ctx.t("window_days"))["n"][0]
    recorded = int(people) / float(headcount)
    agree = said_agree
    if recorded == 0 and agree == 0:
        return Outcome(
            "pass", "Nobody reports working alongside the other function, and no rotation is on record.", 0.0, ctx.t("max_ratio")
        )
    ratio = agree / recorded if recorded else float("inf")
    message = f"{agree:.0%} of respondents say they have worked alongside the other function; rotations on record cover {recorded:.1%} of staff."
    if ratio > ctx.t("max_ratio"):
        return Outcome("warn", message + " Most cross-function experience is not on record.", ratio, ctx.t("max_ratio"))
    if ratio < 1 / ctx.t("max_ratio"):
        return Outcome("warn", message + " The rotations on record are not felt by staff.", ratio, 1 / ctx.t("max_ratio"))
    return Outcome("pass", message, ratio, ctx.t("max_ratio"))
