"""ROT: rotate IT and business employees.

A rotation counts when it crosses the IT-business line: its host department's function (from the
Departments sheet) differs from the home function. A host department that the Departments sheet does
not list cannot be placed on either side of the line; such rotations are not counted, and the findings
say how many there are and where they went, as they do for rotations within one function.
"""

from __future__ import annotations

from ..evidence_views import NO_ASSESSMENT_DATE, assessment_date, dated_after
from .common import MIN_HEADCOUNT, MIN_ROWS, minimum, too_few
from .registry import DAYS, PER_100, RATIO, Outcome, Threshold, graded, register

# rotations that started in the window_days up to the assessment date, with the host department's function
_RECENT = """
    SELECT r.*, h.function AS host_function
    FROM rotations r LEFT JOIN (SELECT department, min(function) AS function FROM departments GROUP BY 1) h
         ON h.department = r.host_department
    WHERE r.start_date <= $as_of AND r.start_date > $as_of - to_days(CAST($window_days AS INTEGER))
"""
# every rotation that started by the assessment date, whenever: what "have you ever..." is compared with
_EVER = """
    SELECT r.*, h.function AS host_function
    FROM rotations r LEFT JOIN (SELECT department, min(function) AS function FROM departments GROUP BY 1) h
         ON h.department = r.host_department
    WHERE r.start_date <= $as_of
"""
WINDOW = "count rotations that started in this many days up to the assessment date"


def recent(ctx, sql: str):
    """sql over _RECENT / _CROSSING, for this check's window up to the assessment date."""
    when = assessment_date(ctx.dataset, ctx.settings.as_of)
    return ctx.query(sql, window_days=ctx.t("window_days"), as_of=when.date)


def window(ctx) -> str:
    """'in the 365 days up to 2026-03-31 (the latest date in the evidence)', and the rotations after it."""
    when = assessment_date(ctx.dataset, ctx.settings.as_of)
    return f"in {when.window(ctx.t('window_days'))}"


def later(ctx) -> str:
    when = assessment_date(ctx.dataset, ctx.settings.as_of)
    return dated_after(ctx.dataset, "SELECT * FROM rotations", "start_date", when, "rotation")


def no_date(ctx) -> Outcome | None:
    if assessment_date(ctx.dataset, ctx.settings.as_of).date is None:
        return Outcome("not_applicable", NO_ASSESSMENT_DATE)
    return None


_CROSSING = f"SELECT * FROM ({_RECENT}) WHERE host_function <> home_function"
_DIRECTION = """CASE WHEN host_function IS NULL THEN 'host not on the Departments sheet'
                     WHEN host_function = home_function THEN 'within ' || home_function
                     WHEN home_function = 'IT' THEN 'IT → Business' ELSE 'Business → IT' END"""


def rotation_directions(ctx):
    """Recent rotations per direction: IT → Business and Business → IT (counted), within one function or to a
    host department that is not listed (not counted), with the unlisted hosts named."""
    return recent(
        ctx,
        f"""SELECT {_DIRECTION} AS direction, coalesce(host_function <> home_function, false) AS counted,
                   count(*) AS rotations,
                   string_agg(DISTINCT host_department, ', ' ORDER BY host_department)
                       FILTER (WHERE host_function IS NULL) AS hosts_not_listed
            FROM ({_RECENT}) GROUP BY 1, 2 ORDER BY 2 DESC, 1""",
    )


def not_counted(directions) -> str:
    """' Not counted: 3 rotations within IT, 2 to a department not on the Departments sheet (Legal).' or ''."""
    parts = []
    for row in directions[~directions["counted"]].itertuples():
        count = f"{int(row.rotations)} rotation{'s' if row.rotations != 1 else ''}"
        if row.hosts_not_listed is None:
            parts.append(f"{count} {row.direction}")
        else:
            parts.append(f"{count} to a department not on the Departments sheet ({row.hosts_not_listed})")
    return f" Not counted: {', '.join(parts)}." if parts else ""


@register(
    "ROT003",
    "rotation-participation",
    title="Rotation participation",
    kind="evidence",
    severity="high",
    what="Enough people take part in shadowing, mentoring or rotations across IT and the business (into a "
    "department of the other function).",
    why="Mutual understanding grows person by person; a handful of rotations does not change how functions work together.",
    fix="Set a yearly goal for shadowing days and rotations per department and make time for them.",
    needs=("rotations", "departments"),
    thresholds=(
        Threshold("window_days", 365, WINDOW, DAYS),
        Threshold("warn_below", 3.0, "warn when participants per 100 employees are below this", PER_100),
        Threshold("fail_below", 1.0, "fail when participants per 100 employees are below this", PER_100),
        minimum("min_headcount", MIN_HEADCOUNT, "employees on the Departments sheet"),
    ),
)
def rotation_participation(ctx) -> Outcome:
    headcount = ctx.query("SELECT sum(headcount) AS people FROM departments")["people"][0]
    if not headcount:
        return Outcome("not_applicable", "The Departments sheet has no headcount.")
    if headcount < ctx.t("min_headcount"):
        return too_few("Employees on the Departments sheet", int(headcount), ctx.t("min_headcount"))
    if no_date(ctx):
        return no_date(ctx)
    people_per_home = recent(
        ctx, f"SELECT home_department, count(DISTINCT person) AS people FROM ({_CROSSING}) GROUP BY 1 ORDER BY 2 DESC"
    )
    people = int(people_per_home["people"].sum()) if len(people_per_home) else 0
    rate = 100 * people / float(headcount)
    message = (
        f"{people} {'person' if people == 1 else 'people'} took part across the IT-business line {window(ctx)}: "
        f"{rate:.1f} per 100 employees." + not_counted(rotation_directions(ctx)) + later(ctx)
    )
    return graded(
        rate, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=people_per_home
    )


@register(
    "ROT004",
    "rotation-both-directions",
    title="Rotation in both directions",
    kind="evidence",
    severity="medium",
    what="Rotations across the IT-business line run in both directions: business people into IT as well as IT "
    "people into the business.",
    why="A marketer in developer huddles teaches as much as an engineer with field sales; one-way rotation is half the value.",
    fix="Invite business staff to IT stand-ups, planning and incident reviews, not only IT staff to the business.",
    needs=("rotations", "departments"),
    thresholds=(
        Threshold("window_days", 365, WINDOW, DAYS),
        Threshold("warn_below", 0.3, "warn when the smaller direction's share of rotations across the line is below this"),
        Threshold("fail_below", 0.1, "fail when it is below this"),
        minimum("min_items", MIN_ROWS, "rotations across the line in the window"),
    ),
)
def rotation_both_directions(ctx) -> Outcome:
    if no_date(ctx):
        return no_date(ctx)
    directions = rotation_directions(ctx)
    counts = dict(zip(directions["direction"], directions["rotations"], strict=True))
    from_it, from_business = int(counts.get("IT → Business", 0)), int(counts.get("Business → IT", 0))
    total = from_it + from_business
    if total == 0:
        return Outcome(
            "not_applicable",
            f"No rotation across the IT-business line {window(ctx)}." + not_counted(directions) + later(ctx),
        )
    if total < ctx.t("min_items"):
        outcome = too_few(f"Rotations across the IT-business line {window(ctx)}", total, ctx.t("min_items"))
        outcome.message += not_counted(directions) + later(ctx)
        return outcome
    share = min(from_it, from_business) / total
    message = (
        f"{from_it} rotations from IT into the business, {from_business} from the business into IT {window(ctx)}."
        + not_counted(directions)
        + later(ctx)
    )
    evidence = directions[["direction", "counted", "rotations", "hosts_not_listed"]]
    return graded(share, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=evidence)


@register(
    "ROT005",
    "departments-without-rotation",
    title="Departments without rotation",
    kind="evidence",
    severity="low",
    what="Every department sends or hosts someone across the IT-business line (exchanges within IT or within the "
    "business do not count).",
    why="Departments that never exchange people keep their silos, whatever the rest of the organisation does.",
    fix="Pair each department listed with a counterpart and plan one shadowing exchange this quarter.",
    needs=("rotations", "departments"),
    thresholds=(
        Threshold("window_days", 365, WINDOW, DAYS),
        Threshold("warn_above", 0.2, "warn when the share of departments without an exchange across the line is above this"),
        Threshold("fail_above", 0.5, "fail when it is above this"),
    ),
)
def departments_without_rotation(ctx) -> Outcome:
    if no_date(ctx):
        return no_date(ctx)
    missing = recent(
        ctx,
        f"""SELECT d.department, d.function,
                   (SELECT count(*) FROM ({_RECENT}) r WHERE r.host_function = r.home_function
                      AND d.department IN (r.home_department, r.host_department)) AS rotations_within_function
            FROM departments d
            WHERE d.department NOT IN (SELECT home_department FROM ({_CROSSING}) UNION SELECT host_department FROM ({_CROSSING}))
            ORDER BY 1""",
    )
    total = int(ctx.query("SELECT count(*) AS n FROM departments")["n"][0])
    if total == 0:
        return Outcome("not_applicable", "The Departments sheet has no rows.")
    share = len(missing) / total
    message = f"{len(missing)} of {total} departments neither sent nor hosted anyone across the IT-business line {window(ctx)}"
    message += f": {', '.join(missing['department'])}." if len(missing) else "."
    message += not_counted(rotation_directions(ctx)) + later(ctx)
    return graded(share, ctx.t("warn_above"), ctx.t("fail_above"), higher_is_better=False, message=message, evidence=missing)


@register(
    "ROT006",
    "rotation-experience-says-vs-does",
    title="Rotation experience: what people say against what happens",
    kind="say-vs-do",
    severity="medium",
    what="The share of people who say they have ever worked alongside the other function (ROT-1) is in line with the "
    "rotations on record (all of them, up to the assessment date).",
    why="If far more people report cross-function experience than the records show, rotations happen informally and are not "
    "recognised; if far fewer, the programme exists on paper only.",
    fix="Record informal shadowing so it counts in careers, or ask participants why the programme did not feel real.",
    needs=("responses", "rotations", "departments"),
    thresholds=(
        Threshold(
            "max_ratio",
            4.0,
            "warn when the agreeing share is more than this multiple of the recorded share (or less than its inverse)",
            RATIO,
        ),
        minimum("min_headcount", MIN_HEADCOUNT, "employees on the Departments sheet"),
    ),
)
def rotation_experience_says_vs_does(ctx) -> Outcome:
    said_n, said_agree = ctx.agreement("ROT-1")
    headcount = ctx.query("SELECT sum(headcount) AS people FROM departments")["people"][0]
    if said_n < ctx.settings.min_group_size or not headcount:
        return Outcome("not_applicable", "Needs answers to ROT-1 (enough to be shown) and department headcounts.")
    if headcount < ctx.t("min_headcount"):
        return too_few("Employees on the Departments sheet", int(headcount), ctx.t("min_headcount"))
    if no_date(ctx):
        return no_date(ctx)
    when = assessment_date(ctx.dataset, ctx.settings.as_of)
    # ROT-1 asks whether people have ever shadowed the other function: every crossing rotation up to the date counts
    people = ctx.query(
        f"SELECT count(DISTINCT person) AS n FROM ({_EVER}) WHERE host_function <> home_function", as_of=when.date
    )["n"][0]
    recorded = int(people) / float(headcount)
    agree = said_agree
    on_record = f"on record up to {when} ({when.where})"
    if recorded == 0 and agree == 0:
        message = f"Nobody reports working alongside the other function, and no rotation across the line is {on_record}."
        return Outcome("pass", message + later(ctx), 0.0, ctx.t("max_ratio"))
    if recorded == 0:  # no ratio to give: the agreeing share is the value, against nothing on record
        message = (
            f"{agree:.0%} of respondents say they have worked alongside the other function; no rotation across the "
            f"IT-business line is {on_record}."
        )
        return Outcome("warn", message + " None of that experience is on record." + later(ctx), agree, 0.0)
    ratio = agree / recorded
    message = (
        f"{agree:.0%} of respondents say they have worked alongside the other function; the {int(people)} people who "
        f"ever rotated across the IT-business line, {on_record}, are {recorded:.1%} of staff."
    )
    if ratio > ctx.t("max_ratio"):
        message += " Most cross-function experience is not on record."
        return Outcome("warn", message + later(ctx), ratio, ctx.t("max_ratio"))
    if ratio < 1 / ctx.t("max_ratio"):
        message += " The rotations on record are not felt by staff."
        return Outcome("warn", message + later(ctx), ratio, 1 / ctx.t("max_ratio"))
    return Outcome("pass", message + later(ctx), ratio, ctx.t("max_ratio"))
