"""Pass / fail / not-applicable cases for every check, as data (like sqlfluff's std_rule_cases).

tests/test_checks.py turns each case into one test. A case is a dict:

- "name": kebab-case, unique within the check; the test id is "<check id>-<name>".
- "expect": the finding's status: "pass", "warn", "fail" or "not_applicable".
- "survey" (optional, else DEFAULT_SURVEY): a list of respondent groups. A group is
  {"n": 5, "function": "IT", "department": "IT Ops", "period": "2026-Q1", "scores": {"REL": 4},
  "items": {"MET-3": 5}, "comment": True}: n respondents whose every Likert item of REL scores 4
  after reverse-coding ("*" = every Likert item), whose item MET-3 scores 5, and who each wrote a
  comment ("comment": "none" writes that text instead). Items not given are left blank; a blank period is "(not given)". "submitted":
  "YYYY-MM-DD" gives the group's submission date (else none); "ids": "P" names its respondents P-0,
  P-1, ... (else after the group's position), so that the same people can answer several periods.
- "evidence" (optional): table key (as in alignment.evidence.EVIDENCE_TABLES) -> rows; dates are
  "YYYY-MM-DD" strings, booleans True / False, None = blank cell.
- "settings" (optional): {"thresholds": {name: value} for this check, "targets": {tactic: value},
  "min_group_size": k, "as_of": "YYYY-MM-DD"}. Without as_of the assessment date is the survey's latest
  submission date, or without one the latest date in the case's evidence.
- "evidence_total" (optional): how many evidence rows the finding should list.
- "xfail" (optional): the reason the case is expected to fail today (a known bug).

Unless a case says otherwise the default thresholds apply; the arithmetic is in the comments.
"""

IT = {"n": 5, "function": "IT", "department": "IT Ops", "period": "2026-Q1"}
BUSINESS = {"n": 5, "function": "Business", "department": "Sales", "period": "2026-Q1"}
MARKETING = {"n": 5, "function": "Business", "department": "Marketing", "period": "2026-Q1"}

# 10 respondents (5 IT, 5 Business), 3 on every Likert item, one period, no comments.
DEFAULT_SURVEY = [{**IT, "scores": {"*": 3}}, {**BUSINESS, "scores": {"*": 3}}]

DEPARTMENTS = [
    {"department": "IT Ops", "function": "IT", "headcount": 10, "brm": None},
    {"department": "Sales", "function": "Business", "headcount": 10, "brm": "Dana"},
]

# parts of evidence rows that many cases share
IT_TO_SALES = {"home_function": "IT", "home_department": "IT Ops", "host_department": "Sales"}
SALES_TO_IT = {"home_function": "Business", "home_department": "Sales", "host_department": "IT Ops"}
IT_KPI = {"owner_function": "IT", "kind": "it_efficiency"}
BUSINESS_KPI = {"owner_function": "Business", "kind": "business_outcome"}
SEEN_BY_BOTH = {"visible_to_business": True, "visible_to_it": True}
DONE = {"sponsor_department": "Sales", "status": "done"}

# departments for the rotation cases: two on each side of the IT-business line
CROSSING_DEPARTMENTS = [
    {"department": "IT Ops", "function": "IT", "headcount": 10},
    {"department": "IT Dev", "function": "IT", "headcount": 10},
    {"department": "Sales", "function": "Business", "headcount": 10},
    {"department": "Marketing", "function": "Business", "headcount": 10},
]
IT_OPS_TO_IT_DEV = {"home_function": "IT", "home_department": "IT Ops", "host_department": "IT Dev"}
SALES_TO_MARKETING = {"home_function": "Business", "home_department": "Sales", "host_department": "Marketing"}
SALES_TO_LEGAL = {"home_function": "Business", "home_department": "Sales", "host_department": "Legal"}  # Legal: not listed


def initiatives(n: int, name: str = "I", **columns: object) -> list[dict]:
    """n finished initiatives sponsored by Sales (I1, I2, ...), with the columns given."""
    return [{"initiative": f"{name}{i + 1}", **DONE, **columns} for i in range(n)]


ON_TIME = {"planned_end": "2026-01-31", "actual_end": "2026-01-31"}
LATE = {"planned_end": "2026-01-31", "actual_end": "2026-02-20"}  # 20 days late
FINISHED_IN_JULY = {"planned_end": "2026-06-30", "actual_end": "2026-07-20"}  # 20 days late, after the survey below
# the default survey, submitted on 2026-03-15: the assessment date
SURVEY_OF_MARCH = [{**group, "submitted": "2026-03-15"} for group in DEFAULT_SURVEY]


def kpis(period: str | None, n: int, name: str = "K", **columns: object) -> list[dict]:
    """n IT-efficiency KPIs of one period, tied to an objective and seen by both, unless columns say otherwise."""
    base = {**IT_KPI, "business_objective": "Faster launches", **SEEN_BY_BOTH, "period": period}
    return [{"kpi": f"{name}{i + 1} {period or ''}".strip(), **base, **columns} for i in range(n)]


def work_items(opened: str, proactive: int, reactive: int) -> list[dict]:
    """proactive improvements and reactive incidents, all opened on one day (the ids are unique per day)."""
    kinds = ["improvement"] * proactive + ["incident"] * reactive
    return [{"id": f"W{opened}-{i}", "opened": opened, "kind": kind} for i, kind in enumerate(kinds)]


# five people from IT Ops shadowing Sales, recently
FIVE_ROTATIONS = [
    {"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"},
    {"person": "P2", **IT_TO_SALES, "start_date": "2026-01-11", "kind": "shadowing"},
    {"person": "P3", **IT_TO_SALES, "start_date": "2026-01-12", "kind": "shadowing"},
    {"person": "P4", **IT_TO_SALES, "start_date": "2026-01-13", "kind": "shadowing"},
    {"person": "P5", **IT_TO_SALES, "start_date": "2026-01-14", "kind": "shadowing"},
]


# IT Ops (10 people) answered in four rounds, 5 each time; Sales (25 people) was surveyed in one round only, 8 answering
FOUR_ROUNDS = ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
SALES_IN_ONE_ROUND_OF_FOUR = [
    *({**IT, "period": period, "scores": {"*": 3}} for period in FOUR_ROUNDS),
    {**BUSINESS, "n": 8, "period": "2025-Q3", "scores": {"*": 3}},
]
SALES_OF_25 = [
    {"department": "IT Ops", "function": "IT", "headcount": 10},
    {"department": "Sales", "function": "Business", "headcount": 25},
]


CASES = {
    # ------------------------------------------------------------------------------------------ REL
    "REL001": [
        # score 4.0 against target 4.0: gap 0 <= 0.25
        {"name": "on-target", "expect": "pass", "survey": [{**IT, "scores": {"REL": 4}}, {**BUSINESS, "scores": {"REL": 4}}]},
        # score (5 x 4 + 5 x 3) / 10 = 3.5, gap 0.5: above warn_gap 0.25, not above fail_gap 0.75
        {
            "name": "slightly-below-target",
            "expect": "warn",
            "survey": [{**IT, "scores": {"REL": 4}}, {**BUSINESS, "scores": {"REL": 3}}],
        },
        # default survey: score 3.0, gap 1.0 > 0.75
        {"name": "far-below-target", "expect": "fail"},
        {"name": "lower-target", "expect": "pass", "settings": {"targets": {"REL": 3.0}}},
        # gap 0.5 > a stricter fail_gap of 0.4, with 30 + 30 respondents: interval 3.37-3.63, wholly below 4
        {
            "name": "stricter-fail-gap",
            "expect": "fail",
            "settings": {"thresholds": {"fail_gap": 0.4}},
            "survey": [{**IT, "n": 30, "scores": {"REL": 4}}, {**BUSINESS, "n": 30, "scores": {"REL": 3}}],
        },
        # the same gap with 5 + 5 far apart (5 x 5, 5 x 2): interval 2.37-4.63 covers the target, so it only may be below it
        {
            "name": "may-be-below-target",
            "expect": "warn",
            "settings": {"thresholds": {"fail_gap": 0.4}},
            "survey": [{**IT, "scores": {"REL": 5}}, {**BUSINESS, "scores": {"REL": 2}}],
        },
        # close to target (3.9) from 5 x 5, 3 x 4 and 2 x 1: the interval 2.76-5.00 reaches below 4 - fail_gap, too
        # wide to tell
        {
            "name": "on-target-but-too-few-to-tell",
            "expect": "warn",
            "survey": [
                {**IT, "scores": {"REL": 5}},
                {**BUSINESS, "n": 3, "scores": {"REL": 4}},
                {**BUSINESS, "n": 2, "scores": {"REL": 1}},
            ],
        },
        # the same spread from 15 + 15 respondents: interval about 3.6-4.4, a pass
        {
            "name": "on-target-with-spread",
            "expect": "pass",
            "survey": [{**IT, "n": 15, "scores": {"REL": 5}}, {**BUSINESS, "n": 15, "scores": {"REL": 3}}],
        },
        # 4 respondents < min_group_size 5: every score is hidden
        {"name": "too-few-respondents", "expect": "not_applicable", "survey": [{**IT, "n": 4, "scores": {"REL": 2}}]},
        # k = 3 shows 4 respondents; 2 x 5 and 2 x 3 on target, but the interval 2.16-5.00 is too wide to tell
        {
            "name": "smaller-groups-allowed",
            "expect": "warn",
            "settings": {"min_group_size": 3},
            "survey": [{**IT, "n": 2, "scores": {"REL": 5}}, {**IT, "n": 2, "scores": {"REL": 3}}],
        },
    ],
    "REL002": [
        {"name": "same-view", "expect": "pass"},
        # IT means: 2 x 4 and 3 x 3 -> 3.4; Business 3.0; gap 0.4 (> 0.3, not > 0.6), but at 5 vs 5 Welch's
        # p = 0.18 (adjusted over the six tactics): it could be noise
        {
            "name": "moderate-gap-could-be-noise",
            "expect": "pass",
            "survey": [
                {**IT, "n": 2, "scores": {"REL": 4}},
                {**IT, "n": 3, "scores": {"REL": 3}},
                {**BUSINESS, "scores": {"REL": 3}},
            ],
        },
        # the same gap 0.4 with 20 per side: IT sd 0.503, Welch t = 0.4 / (0.503 / sqrt 20) = 3.56, adjusted p < 0.05
        {
            "name": "moderate-gap",
            "expect": "warn",
            "survey": [
                {**IT, "n": 8, "scores": {"REL": 4}},
                {**IT, "n": 12, "scores": {"REL": 3}},
                {**BUSINESS, "n": 20, "scores": {"REL": 3}},
            ],
        },
        {
            "name": "it-sees-it-rosier",
            "expect": "fail",
            "survey": [{**IT, "scores": {"REL": 4}}, {**BUSINESS, "scores": {"REL": 3}}],
        },
        # |2 - 4| = 2: the size of the gap counts, not its sign
        {
            "name": "business-sees-it-rosier",
            "expect": "fail",
            "survey": [{**IT, "scores": {"REL": 2}}, {**BUSINESS, "scores": {"REL": 4}}],
        },
        {"name": "only-it-answered", "expect": "not_applicable", "survey": [{**IT, "n": 10, "scores": {"REL": 3}}]},
        # 2 Business respondents are hidden, and then IT too (else Business = all - IT)
        {
            "name": "business-group-too-small",
            "expect": "not_applicable",
            "survey": [{**IT, "n": 8, "scores": {"REL": 4}}, {**BUSINESS, "n": 2, "scores": {"REL": 2}}],
        },
    ],
    "REL003": [
        {
            "name": "every-business-department-has-a-brm",
            "expect": "pass",
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10, "brm": "Dana"},
                    {"department": "Marketing", "function": "Business", "headcount": 8, "brm": "Lee"},
                    {"department": "IT Ops", "function": "IT", "headcount": 12, "brm": None},  # IT needs no BRM
                ]
            },
        },
        # 1 of 2 covered: 0.5 is below warn_below 1.0 but not below fail_below 0.5
        {
            "name": "half-covered",
            "expect": "warn",
            "evidence_total": 1,
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10, "brm": "Dana"},
                    {"department": "Marketing", "function": "Business", "headcount": 8, "brm": None},
                ]
            },
        },
        # 1 of 3 covered: 0.33 < 0.5
        {
            "name": "most-without-brm",
            "expect": "fail",
            "evidence_total": 2,
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10, "brm": "Dana"},
                    {"department": "Marketing", "function": "Business", "headcount": 8, "brm": None},
                    {"department": "Finance", "function": "Business", "headcount": 6, "brm": " "},
                ]
            },
        },
        {"name": "no-departments-table", "expect": "not_applicable"},
        {
            "name": "only-it-departments",
            "expect": "not_applicable",
            "evidence": {"departments": [{"department": "IT Ops", "function": "IT", "headcount": 12}]},
        },
    ],
    "REL004": [
        # days are counted back from the assessment date: here the latest date in the evidence (2026-03-31)
        {
            "name": "all-met-recently",
            "expect": "pass",
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10},
                    {"department": "Marketing", "function": "Business", "headcount": 8},
                    {"department": "IT Ops", "function": "IT", "headcount": 12},  # IT departments are not counted
                ],
                "engagements": [
                    {"date": "2026-03-31", "department": "Sales", "kind": "steering"},
                    {"date": "2026-01-01", "department": "Marketing", "kind": "one-to-one"},  # 89 days before
                ],
            },
        },
        # Finance never met IT: 1 of 3 overdue = 0.33, above warn_above 0 but not above fail_above 0.34
        {
            "name": "one-of-three-overdue",
            "expect": "warn",
            "evidence_total": 1,
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10},
                    {"department": "Marketing", "function": "Business", "headcount": 8},
                    {"department": "Finance", "function": "Business", "headcount": 6},
                ],
                "engagements": [
                    {"date": "2026-03-31", "department": "Sales", "kind": "steering"},
                    {"date": "2026-03-01", "department": "Marketing", "kind": "planning"},
                ],
            },
        },
        # Marketing last met 2025-12-01, 120 days before 2026-03-31 (> 90): 1 of 2 = 0.5 > 0.34
        {
            "name": "overdue-department",
            "expect": "fail",
            "evidence_total": 1,
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10},
                    {"department": "Marketing", "function": "Business", "headcount": 8},
                ],
                "engagements": [
                    {"date": "2026-03-31", "department": "Sales", "kind": "steering"},
                    {"date": "2025-12-01", "department": "Marketing", "kind": "planning"},
                ],
            },
        },
        # the same data passes when 150 days still count as recent
        {
            "name": "longer-max-days",
            "expect": "pass",
            "settings": {"thresholds": {"max_days": 150}},
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10},
                    {"department": "Marketing", "function": "Business", "headcount": 8},
                ],
                "engagements": [
                    {"date": "2026-03-31", "department": "Sales", "kind": "steering"},
                    {"date": "2025-12-01", "department": "Marketing", "kind": "planning"},
                ],
            },
        },
        # Marketing's only meeting is of kind "other", which is none of steering, planning, one-to-one or
        # workshop: Marketing is overdue, 1 of 2 = 0.5 > 0.34
        {
            "name": "other-meetings-do-not-count",
            "expect": "fail",
            "evidence_total": 1,
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10},
                    {"department": "Marketing", "function": "Business", "headcount": 8},
                ],
                "engagements": [
                    {"date": "2026-03-31", "department": "Sales", "kind": "steering"},
                    {"date": "2026-03-30", "department": "Marketing", "kind": "other"},
                ],
            },
        },
        # assessed on 2026-06-30: Sales last met 91 days before, Marketing 107 days: both overdue
        # (counted from the latest engagement, 2026-03-31, both would be recent)
        {
            "name": "counted-from-the-assessment-date",
            "expect": "fail",
            "evidence_total": 2,
            "settings": {"as_of": "2026-06-30"},
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10},
                    {"department": "Marketing", "function": "Business", "headcount": 8},
                ],
                "engagements": [
                    {"date": "2026-03-31", "department": "Sales", "kind": "steering"},
                    {"date": "2026-03-15", "department": "Marketing", "kind": "planning"},
                ],
            },
        },
        # without as_of, the latest date in any evidence table is the assessment date: a work item opened on
        # 2026-07-15 puts both meetings (2026-03-31) 106 days back
        {
            "name": "latest-evidence-date-is-the-assessment-date",
            "expect": "fail",
            "evidence_total": 2,
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10},
                    {"department": "Marketing", "function": "Business", "headcount": 8},
                ],
                "engagements": [
                    {"date": "2026-03-31", "department": "Sales", "kind": "steering"},
                    {"date": "2026-03-31", "department": "Marketing", "kind": "planning"},
                ],
                "work_items": [{"id": "W1", "opened": "2026-07-15", "kind": "incident"}],
            },
        },
        # assessed on 2026-03-31: Marketing's meeting on 2026-04-10 came after it and does not count; its last
        # meeting before was 2025-12-01, 120 days back: 1 of 2 overdue
        {
            "name": "meetings-after-the-assessment-date-do-not-count",
            "expect": "fail",
            "evidence_total": 1,
            "settings": {"as_of": "2026-03-31"},
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10},
                    {"department": "Marketing", "function": "Business", "headcount": 8},
                ],
                "engagements": [
                    {"date": "2026-03-31", "department": "Sales", "kind": "steering"},
                    {"date": "2025-12-01", "department": "Marketing", "kind": "planning"},
                    {"date": "2026-04-10", "department": "Marketing", "kind": "planning"},
                ],
            },
        },
        {"name": "no-engagements-table", "expect": "not_applicable", "evidence": {"departments": DEPARTMENTS}},
    ],
    "REL005": [
        # 2 of 5 are steering or planning: 0.4 >= 0.3
        {
            "name": "leaders-meet",
            "expect": "pass",
            "evidence": {
                "engagements": [
                    {"date": "2026-03-01", "department": "Sales", "kind": "steering"},
                    {"date": "2026-03-02", "department": "Sales", "kind": "planning"},
                    {"date": "2026-03-03", "department": "Sales", "kind": "one-to-one"},
                    {"date": "2026-03-04", "department": "Sales", "kind": "workshop"},
                    {"date": "2026-03-05", "department": "Sales", "kind": "workshop"},
                ]
            },
        },
        # 1 of 5: 0.2 < 0.3 but not < 0.15
        {
            "name": "few-planning-meetings",
            "expect": "warn",
            "evidence": {
                "engagements": [
                    {"date": "2026-03-01", "department": "Sales", "kind": "planning"},
                    {"date": "2026-03-02", "department": "Sales", "kind": "one-to-one"},
                    {"date": "2026-03-03", "department": "Sales", "kind": "one-to-one"},
                    {"date": "2026-03-04", "department": "Sales", "kind": "workshop"},
                    {"date": "2026-03-05", "department": "Sales", "kind": "other"},
                ]
            },
        },
        {
            "name": "only-one-to-ones",
            "expect": "fail",
            "evidence": {
                "engagements": [
                    {"date": f"2026-03-0{day}", "department": "Sales" if day % 2 else "Marketing", "kind": "one-to-one"}
                    for day in range(1, 6)
                ]
            },
        },
        {"name": "no-engagements-table", "expect": "not_applicable"},
        # 2 of 2 are steering: 100 %, but 2 engagements say too little (min_items 5)
        {
            "name": "too-few-engagements",
            "expect": "not_applicable",
            "evidence": {
                "engagements": [
                    {"date": "2026-03-01", "department": "Sales", "kind": "steering"},
                    {"date": "2026-03-02", "department": "Sales", "kind": "steering"},
                ]
            },
        },
    ],
    "REL006": [
        # Sales rates REL 4 (>= 3.2) and met IT 0 days before the latest engagement
        {
            "name": "rated-well-and-met",
            "expect": "pass",
            "survey": [{**IT, "scores": {"REL": 3}}, {**BUSINESS, "scores": {"REL": 4}}],
            "evidence": {
                "departments": DEPARTMENTS,
                "engagements": [{"date": "2026-03-01", "department": "Sales", "kind": "steering"}],
            },
        },
        # Sales rates REL 4 but last met 2025-11-01, 120 days before 2026-03-01: 1 department > warn_above 0
        {
            "name": "rated-well-but-no-recent-meeting",
            "expect": "warn",
            "evidence_total": 1,
            "survey": [{**IT, "scores": {"REL": 3}}, {**BUSINESS, "scores": {"REL": 4}}],
            "evidence": {
                "departments": DEPARTMENTS,
                "engagements": [
                    {"date": "2025-11-01", "department": "Sales", "kind": "steering"},
                    {"date": "2026-03-01", "department": "Marketing", "kind": "planning"},
                ],
            },
        },
        # Sales and Marketing rate REL 4 and never met IT: 2 > fail_above 1
        {
            "name": "two-rated-well-never-met",
            "expect": "fail",
            "evidence_total": 2,
            "survey": [{**IT, "scores": {"REL": 3}}, {**BUSINESS, "scores": {"REL": 4}}, {**MARKETING, "scores": {"REL": 4}}],
            "evidence": {
                "departments": DEPARTMENTS,
                "engagements": [{"date": "2026-03-01", "department": "Finance", "kind": "planning"}],
            },
        },
        # REL 3 < 3.2: a low score without meetings is not a contradiction
        {
            "name": "rated-low-without-meetings",
            "expect": "pass",
            "evidence": {
                "departments": DEPARTMENTS,
                "engagements": [{"date": "2026-03-01", "department": "Finance", "kind": "planning"}],
            },
        },
        {
            "name": "higher-bar-for-rated-well",
            "expect": "pass",
            "settings": {"thresholds": {"rated_at_least": 4.5}},
            "survey": [{**IT, "scores": {"REL": 3}}, {**BUSINESS, "scores": {"REL": 4}}],
            "evidence": {
                "departments": DEPARTMENTS,
                "engagements": [{"date": "2026-03-01", "department": "Finance", "kind": "planning"}],
            },
        },
        # Sales rates REL 4 and its only meeting is of kind "other": no steering, planning, one-to-one or workshop
        {
            "name": "other-meeting-is-no-meeting",
            "expect": "warn",
            "evidence_total": 1,
            "survey": [{**IT, "scores": {"REL": 3}}, {**BUSINESS, "scores": {"REL": 4}}],
            "evidence": {
                "departments": DEPARTMENTS,
                "engagements": [{"date": "2026-03-01", "department": "Sales", "kind": "other"}],
            },
        },
        # assessed on 2026-06-30: Sales (REL 4) last met on 2026-03-01, 121 days before
        {
            "name": "counted-from-the-assessment-date",
            "expect": "warn",
            "evidence_total": 1,
            "settings": {"as_of": "2026-06-30"},
            "survey": [{**IT, "scores": {"REL": 3}}, {**BUSINESS, "scores": {"REL": 4}}],
            "evidence": {
                "departments": DEPARTMENTS,
                "engagements": [{"date": "2026-03-01", "department": "Sales", "kind": "steering"}],
            },
        },
        {"name": "no-engagements-table", "expect": "not_applicable", "evidence": {"departments": DEPARTMENTS}},
        # Sales (4 respondents) is hidden, and IT Ops with it (else Sales = all - IT Ops): no department to judge
        {
            "name": "business-department-too-small",
            "expect": "not_applicable",
            "survey": [{**IT, "n": 6, "scores": {"REL": 3}}, {**BUSINESS, "n": 4, "scores": {"REL": 4}}],
            "evidence": {
                "departments": DEPARTMENTS,
                "engagements": [{"date": "2026-03-01", "department": "Finance", "kind": "planning"}],
            },
        },
    ],
    # ------------------------------------------------------------------------------------------ TRU
    "TRU001": [
        # TRU-4 and TRU-5 are reverse-coded: the builder writes 2 so that they score 4
        {
            "name": "on-target-with-reverse-items",
            "expect": "pass",
            "survey": [{**IT, "scores": {"TRU": 4}}, {**BUSINESS, "scores": {"TRU": 4}}],
        },
        # 3.5: gap 0.5
        {
            "name": "slightly-below-target",
            "expect": "warn",
            "survey": [{**IT, "scores": {"TRU": 3}}, {**BUSINESS, "scores": {"TRU": 4}}],
        },
        # 2.0: gap 2.0
        {
            "name": "far-below-target",
            "expect": "fail",
            "survey": [{**IT, "scores": {"TRU": 2}}, {**BUSINESS, "scores": {"TRU": 2}}],
        },
        # gap 0.5 is within a looser warn_gap of 0.6 (30 + 30 respondents, so the interval is narrow)
        {
            "name": "looser-warn-gap",
            "expect": "pass",
            "settings": {"thresholds": {"warn_gap": 0.6}},
            "survey": [{**IT, "n": 30, "scores": {"TRU": 3}}, {**BUSINESS, "n": 30, "scores": {"TRU": 4}}],
        },
        {
            "name": "no-trust-answers",
            "expect": "not_applicable",
            "survey": [{**IT, "scores": {"REL": 3}}, {**BUSINESS, "scores": {"REL": 3}}],
        },
    ],
    "TRU002": [
        {"name": "same-view", "expect": "pass"},
        # IT 3.0; Business 2 x 4 and 3 x 3 -> 3.4; |gap| 0.4
        {
            "name": "moderate-gap-could-be-noise",
            "expect": "pass",
            "survey": [
                {**IT, "scores": {"TRU": 3}},
                {**BUSINESS, "n": 2, "scores": {"TRU": 4}},
                {**BUSINESS, "n": 3, "scores": {"TRU": 3}},
            ],
        },
        # the same gap 0.4 with 20 per side: Business sd 0.503, Welch t = 3.56, adjusted p < 0.05
        {
            "name": "moderate-gap",
            "expect": "warn",
            "survey": [
                {**IT, "n": 20, "scores": {"TRU": 3}},
                {**BUSINESS, "n": 8, "scores": {"TRU": 4}},
                {**BUSINESS, "n": 12, "scores": {"TRU": 3}},
            ],
        },
        {"name": "wide-gap", "expect": "fail", "survey": [{**IT, "scores": {"TRU": 5}}, {**BUSINESS, "scores": {"TRU": 2}}]},
        {"name": "only-business-answered", "expect": "not_applicable", "survey": [{**BUSINESS, "n": 10, "scores": {"TRU": 3}}]},
    ],
    "TRU003": [
        # 5 of 5 on time (one early); a finished initiative without an actual end is not counted
        {
            "name": "all-on-time",
            "expect": "pass",
            "evidence": {
                "initiatives": [
                    *initiatives(4, **ON_TIME),
                    {"initiative": "B", **DONE, "planned_end": "2026-02-28", "actual_end": "2026-02-10"},
                    {"initiative": "C", **DONE, "planned_end": "2026-02-28"},
                ]
            },
        },
        # 6 of 8 on time: 0.75 < 0.8, not < 0.6
        {
            "name": "one-of-four-late",
            "expect": "warn",
            "evidence_total": 2,
            "evidence": {"initiatives": [*initiatives(6, **ON_TIME), *initiatives(2, "L", **LATE)]},
        },
        # 3 of 6: 0.5 < 0.6
        {
            "name": "half-late",
            "expect": "fail",
            "evidence_total": 3,
            "evidence": {"initiatives": [*initiatives(3, **ON_TIME), *initiatives(3, "L", **LATE)]},
        },
        # 5 days late is on time with grace_days 7
        {
            "name": "late-within-grace",
            "expect": "pass",
            "evidence_total": 0,
            "settings": {"thresholds": {"grace_days": 7}},
            "evidence": {"initiatives": initiatives(5, planned_end="2026-01-31", actual_end="2026-02-05")},
        },
        {
            "name": "nothing-finished",
            "expect": "not_applicable",
            "evidence": {
                "initiatives": [
                    {"initiative": "A", "sponsor_department": "Sales", "status": "in progress", "planned_end": "2026-01-31"},
                ]
            },
        },
        {"name": "no-initiatives-table", "expect": "not_applicable"},
        # 1 of 1 on time: 100 % of one initiative says too little (min_items 5)
        {
            "name": "too-few-initiatives",
            "expect": "not_applicable",
            "evidence": {"initiatives": [{"initiative": "A", **DONE, "planned_end": "2026-01-31", "actual_end": "2026-01-31"}]},
        },
        # 5 on time by the survey of 2026-03-15, 5 late ones finished in July: those are not counted, 5 of 5 (was 5 of 10)
        {
            "name": "finished-after-the-survey-not-counted",
            "expect": "pass",
            "evidence_total": 0,
            "survey": SURVEY_OF_MARCH,
            "evidence": {"initiatives": [*initiatives(5, **ON_TIME), *initiatives(5, "J", **FINISHED_IN_JULY)]},
        },
        # the same with as_of set and no submission dates
        {
            "name": "finished-after-as-of-not-counted",
            "expect": "pass",
            "settings": {"as_of": "2026-03-15"},
            "evidence": {"initiatives": [*initiatives(5, **ON_TIME), *initiatives(5, "J", **FINISHED_IN_JULY)]},
        },
    ],
    "TRU004": [
        # 105 <= 100 x 1.1, 5 times
        {
            "name": "within-tolerance",
            "expect": "pass",
            "evidence": {"initiatives": initiatives(5, budget=100, actual_cost=105)},
        },
        # 6 of 8 on budget: 0.75 (110 is within 100 x 1.1; 150 and 120 are not)
        {
            "name": "one-of-four-over",
            "expect": "warn",
            "evidence_total": 2,
            "evidence": {
                "initiatives": [
                    *initiatives(3, budget=100, actual_cost=100),
                    *initiatives(2, "U", budget=100, actual_cost=90),
                    {"initiative": "C", **DONE, "budget": 100, "actual_cost": 110},
                    {"initiative": "D", **DONE, "budget": 100, "actual_cost": 150},
                    {"initiative": "E", **DONE, "budget": 100, "actual_cost": 120},
                ]
            },
        },
        # 120 > 110: 3 of 6 = 0.5 < 0.6
        {
            "name": "half-over",
            "expect": "fail",
            "evidence": {
                "initiatives": [*initiatives(3, "O", budget=100, actual_cost=120), *initiatives(3, budget=100, actual_cost=90)]
            },
        },
        # 120 <= 100 x 1.25
        {
            "name": "larger-tolerance",
            "expect": "pass",
            "settings": {"thresholds": {"tolerance": 0.25}},
            "evidence": {
                "initiatives": [*initiatives(3, "O", budget=100, actual_cost=120), *initiatives(3, budget=100, actual_cost=90)]
            },
        },
        {
            "name": "no-budget-given",
            "expect": "not_applicable",
            "evidence": {"initiatives": [{"initiative": "A", **DONE, "actual_cost": 90}]},
        },
        # 1 of 2 over budget would fail; 2 initiatives are too few (min_items 5)
        {
            "name": "too-few-initiatives",
            "expect": "not_applicable",
            "evidence": {
                "initiatives": [
                    {"initiative": "A", **DONE, "budget": 100, "actual_cost": 150},
                    {"initiative": "B", **DONE, "budget": 100, "actual_cost": 90},
                ]
            },
        },
        # 5 within budget by the survey of 2026-03-15; 5 over budget finished in July are not counted: 5 of 5
        {
            "name": "finished-after-the-survey-not-counted",
            "expect": "pass",
            "survey": SURVEY_OF_MARCH,
            "evidence": {
                "initiatives": [
                    *initiatives(5, budget=100, actual_cost=100, **ON_TIME),
                    *initiatives(5, "J", budget=100, actual_cost=150, **FINISHED_IN_JULY),
                ]
            },
        },
    ],
    "TRU005": [
        {
            "name": "all-confirmed",
            "expect": "pass",
            "evidence": {
                "initiatives": [
                    *initiatives(5, value_confirmed=True),
                    {
                        "initiative": "C",
                        "sponsor_department": "Sales",
                        "status": "in progress",
                        "value_confirmed": False,
                    },  # not done
                ]
            },
        },
        # 4 of 6: 0.67 < 0.7, not < 0.5
        {
            "name": "two-of-three-confirmed",
            "expect": "warn",
            "evidence_total": 2,
            "evidence": {"initiatives": [*initiatives(4, value_confirmed=True), *initiatives(2, "N", value_confirmed=False)]},
        },
        # 2 of 6: 0.33 < 0.5
        {
            "name": "mostly-unconfirmed",
            "expect": "fail",
            "evidence_total": 4,
            "evidence": {"initiatives": [*initiatives(2, value_confirmed=True), *initiatives(4, "N", value_confirmed=False)]},
        },
        # 3 of 5 confirmed (0.6: warn); the 2 blank ones count as unconfirmed and are listed
        {
            "name": "blank-is-listed-as-unconfirmed",
            "expect": "warn",
            "evidence_total": 2,
            "evidence": {"initiatives": [*initiatives(3, value_confirmed=True), *initiatives(2, "B", value_confirmed=None)]},
        },
        {
            "name": "nothing-done",
            "expect": "not_applicable",
            "evidence": {"initiatives": [{"initiative": "A", "sponsor_department": "Sales", "status": "approved"}]},
        },
        # 0 of 2 confirmed would fail; 2 finished initiatives are too few (min_items 5)
        {
            "name": "too-few-initiatives",
            "expect": "not_applicable",
            "evidence": {
                "initiatives": [
                    {"initiative": "A", **DONE, "value_confirmed": False},
                    {"initiative": "B", **DONE, "value_confirmed": False},
                ]
            },
        },
        # 5 confirmed by the survey of 2026-03-15; 5 unconfirmed finished in July are not counted: 5 of 5
        {
            "name": "finished-after-as-of-not-counted",
            "expect": "pass",
            "settings": {"as_of": "2026-03-15"},
            "evidence": {
                "initiatives": [
                    *initiatives(5, value_confirmed=True, **ON_TIME),
                    *initiatives(5, "J", value_confirmed=False, **FINISHED_IN_JULY),
                ]
            },
        },
    ],
    "TRU006": [
        # 1 of 5 stalled: 0.2 is not above warn_above 0.25
        {
            "name": "few-stalled",
            "expect": "pass",
            "evidence": {
                "initiatives": [
                    {"initiative": "A", "sponsor_department": "Sales", "status": "proposed", "risk": "high"},
                    {"initiative": "B", "sponsor_department": "Sales", "status": "approved", "risk": "high"},
                    {"initiative": "C", "sponsor_department": "Sales", "status": "in progress", "risk": "high"},
                    {"initiative": "D", **DONE, "risk": "high"},
                    {"initiative": "F", "sponsor_department": "Sales", "status": "approved", "risk": "high"},
                    {"initiative": "E", "sponsor_department": "Sales", "status": "on hold", "risk": "low"},  # not high risk
                ]
            },
        },
        # 2 of 6: 0.33 > 0.25, not > 0.5
        {
            "name": "one-of-three-on-hold",
            "expect": "warn",
            "evidence": {
                "initiatives": [
                    *initiatives(2, "H", status="on hold", risk="high"),
                    *initiatives(2, "A", status="approved", risk="high"),
                    *initiatives(2, risk="high"),
                ]
            },
        },
        # 4 of 6: 0.67 > 0.5
        {
            "name": "most-stalled",
            "expect": "fail",
            "evidence_total": 4,
            "evidence": {
                "initiatives": [
                    *initiatives(2, "H", status="on hold", risk="high"),
                    *initiatives(2, "P", status="proposed", risk="high"),
                    *initiatives(2, risk="high"),
                ]
            },
        },
        {
            "name": "no-high-risk",
            "expect": "not_applicable",
            "evidence": {
                "initiatives": [{"initiative": "A", "sponsor_department": "Sales", "status": "proposed", "risk": "medium"}]
            },
        },
        # the one high-risk initiative is on hold (100 %): too few to judge (min_items 5)
        {
            "name": "too-few-high-risk",
            "expect": "not_applicable",
            "evidence": {
                "initiatives": [{"initiative": "A", "sponsor_department": "Sales", "status": "on hold", "risk": "high"}]
            },
        },
    ],
    "TRU007": [
        # Business TRU 4 (>= high_trust 3.5), on-time share 1.0: agree
        {
            "name": "trusted-and-delivering",
            "expect": "pass",
            "survey": [{**IT, "scores": {"TRU": 3}}, {**BUSINESS, "scores": {"TRU": 4}}],
            "evidence": {"initiatives": initiatives(5, **ON_TIME)},
        },
        # Business TRU 2 from 10 people (< low_trust 3.0; interval 1.62-2.56) but share 1.0 (>= good_delivery 0.8)
        {
            "name": "delivery-better-than-reputation",
            "expect": "warn",
            "survey": [{**IT, "scores": {"TRU": 3}}, {**BUSINESS, "n": 10, "scores": {"TRU": 2}}],
            "evidence": {"initiatives": initiatives(5, **ON_TIME)},
        },
        # Business TRU 5 from 10 people (interval 4.94-5.00, above high_trust 3.5) but share 0.0 (< poor_delivery 0.6)
        {
            "name": "trust-ahead-of-delivery",
            "expect": "fail",
            "survey": [{**IT, "scores": {"TRU": 3}}, {**BUSINESS, "n": 10, "scores": {"TRU": 5}}],
            "evidence": {"initiatives": initiatives(5, **LATE)},
        },
        # 5 business people rate trust 2.8 (2, 2, 3, 3, 4), below low_trust 3.0, and delivery is good; but the
        # interval 1.76-3.84 covers 3.0: too few to judge (it warned "delivery is better than its reputation")
        {
            "name": "low-trust-within-the-noise",
            "expect": "not_applicable",
            "survey": [
                {**IT, "scores": {"TRU": 3}},
                {**BUSINESS, "n": 2, "scores": {"TRU": 2}},
                {**BUSINESS, "n": 2, "scores": {"TRU": 3}},
                {**BUSINESS, "n": 1, "scores": {"TRU": 4}},
            ],
            "evidence": {"initiatives": initiatives(5, **ON_TIME)},
        },
        # 5 business people at 4 on average (5, 5, 4, 3, 3: interval 2.76-5.00 covers high_trust 3.5) and nothing on
        # time: too few to judge
        {
            "name": "high-trust-within-the-noise",
            "expect": "not_applicable",
            "survey": [
                {**IT, "scores": {"TRU": 3}},
                {**BUSINESS, "n": 2, "scores": {"TRU": 5}},
                {**BUSINESS, "n": 1, "scores": {"TRU": 4}},
                {**BUSINESS, "n": 2, "scores": {"TRU": 3}},
            ],
            "evidence": {"initiatives": initiatives(5, **LATE)},
        },
        # middling trust (3.0) and poor delivery: neither rule applies
        {
            "name": "middling-trust",
            "expect": "pass",
            "evidence": {"initiatives": initiatives(5, **LATE)},
        },
        # 3 Business respondents: the Business score is hidden
        {
            "name": "business-group-too-small",
            "expect": "not_applicable",
            "survey": [{**IT, "scores": {"TRU": 3}}, {**BUSINESS, "n": 3, "scores": {"TRU": 4}}],
            "evidence": {"initiatives": [{"initiative": "A", **DONE, "planned_end": "2026-01-31", "actual_end": "2026-02-20"}]},
        },
        {"name": "no-initiatives-table", "expect": "not_applicable"},
        # Business TRU 4 and 0 of 2 on time would fail; 2 finished initiatives are too few (min_items 5)
        {
            "name": "too-few-initiatives",
            "expect": "not_applicable",
            "survey": [{**IT, "scores": {"TRU": 3}}, {**BUSINESS, "scores": {"TRU": 4}}],
            "evidence": {
                "initiatives": [
                    {"initiative": "A", **DONE, "planned_end": "2026-01-31", "actual_end": "2026-02-20"},
                    {"initiative": "B", **DONE, "planned_end": "2026-01-31", "actual_end": "2026-03-20"},
                ]
            },
        },
    ],
    # ------------------------------------------------------------------------------------------ MET
    "MET001": [
        # MET-5 is reverse-coded
        {"name": "on-target", "expect": "pass", "survey": [{**IT, "scores": {"MET": 4}}, {**BUSINESS, "scores": {"MET": 5}}]},
        # IT 3 x 5 items, Business MET-1 = 5 and the rest 3 -> 3.4; score (3 + 3.4) / 2 = 3.2, gap 0.8 > 0.75
        {
            "name": "below-target",
            "expect": "fail",
            "survey": [{**IT, "scores": {"MET": 3}}, {**BUSINESS, "scores": {"MET": 3}, "items": {"MET-1": 5}}],
        },
        # score 3.5 (IT 4, Business 3), gap 0.5
        {
            "name": "slightly-below",
            "expect": "warn",
            "survey": [{**IT, "scores": {"MET": 4}}, {**BUSINESS, "scores": {"MET": 3}}],
        },
        {"name": "too-few-respondents", "expect": "not_applicable", "survey": [{**BUSINESS, "n": 3, "scores": {"MET": 5}}]},
    ],
    "MET002": [
        {"name": "same-view", "expect": "pass"},
        # IT 4, Business 3: 1.0 > 0.6, but not above a looser fail_gap of 1.5
        {
            "name": "looser-fail-gap",
            "expect": "warn",
            "settings": {"thresholds": {"fail_gap": 1.5}},
            "survey": [{**IT, "scores": {"MET": 4}}, {**BUSINESS, "scores": {"MET": 3}}],
        },
        {"name": "wide-gap", "expect": "fail", "survey": [{**IT, "scores": {"MET": 4}}, {**BUSINESS, "scores": {"MET": 3}}]},
        # no function given for anyone
        {
            "name": "no-function",
            "expect": "not_applicable",
            "survey": [{"n": 10, "department": "Sales", "period": "2026-Q1", "scores": {"MET": 3}}],
        },
    ],
    "MET003": [
        # 5 of 5 tied; 2 of 5 (0.4 >= 0.3) business outcomes
        {
            "name": "tied-with-outcomes",
            "expect": "pass",
            "evidence": {"kpis": [*kpis(None, 3), *kpis(None, 2, "Outcome", **BUSINESS_KPI)]},
        },
        # 6 of 8 tied: 0.75 < 0.8; 3 of 8 business outcomes
        {
            "name": "one-untied",
            "expect": "warn",
            "evidence_total": 2,
            "evidence": {
                "kpis": [
                    *kpis(None, 3),
                    *kpis(None, 3, "Outcome", **BUSINESS_KPI),
                    {"kpi": "Tickets", **IT_KPI, **SEEN_BY_BOTH},
                    {"kpi": "Backlog", **IT_KPI, "business_objective": " ", **SEEN_BY_BOTH},
                ]
            },
        },
        # all tied, but 0 of 5 are business outcomes (< min_outcome_share 0.3)
        {"name": "no-outcome-kpis", "expect": "warn", "evidence": {"kpis": kpis(None, 5)}},
        # 2 of 6 tied: 0.33 < 0.5
        {
            "name": "mostly-untied",
            "expect": "fail",
            "evidence_total": 4,
            "evidence": {"kpis": [*kpis(None, 2, "Outcome", **BUSINESS_KPI), *kpis(None, 4, business_objective=None)]},
        },
        # only the latest period counts: the untied 2026-Q1 KPIs are history
        {
            "name": "older-periods-ignored",
            "expect": "pass",
            "evidence": {
                "kpis": [
                    *kpis("2026-Q1", 5, business_objective=None),
                    *kpis("2026-Q2", 3),
                    *kpis("2026-Q2", 2, "Outcome", **BUSINESS_KPI),
                ]
            },
        },
        # Q1 2027 comes after Q4 2026 (as text it sorts first): its KPIs are all tied, 2 of 5 outcomes
        {
            "name": "latest-period-by-date",
            "expect": "pass",
            "evidence": {
                "kpis": [
                    *kpis("Q4 2026", 5, business_objective=None),
                    *kpis("Q1 2027", 3),
                    *kpis("Q1 2027", 2, "Outcome", **BUSINESS_KPI),
                ]
            },
        },
        {"name": "no-kpis-table", "expect": "not_applicable"},
        # 0 of 2 tied would fail; 2 KPIs are too few (min_items 5)
        {"name": "too-few-kpis", "expect": "not_applicable", "evidence": {"kpis": kpis(None, 2, business_objective=None)}},
    ],
    "MET004": [
        {
            "name": "visible-to-both",
            "expect": "pass",
            "evidence": {"kpis": [*kpis(None, 3), *kpis(None, 2, "O", **BUSINESS_KPI)]},
        },
        # 6 of 8 visible to both: 0.75 < 0.8
        {
            "name": "one-hidden-from-it",
            "expect": "warn",
            "evidence_total": 2,
            "evidence": {
                "kpis": [*kpis(None, 6), *kpis(None, 2, "Churn", **BUSINESS_KPI, visible_to_business=True, visible_to_it=False)]
            },
        },
        # 2 of 6: 0.33 < 0.5
        {
            "name": "one-sided-dashboards",
            "expect": "fail",
            "evidence_total": 4,
            "evidence": {
                "kpis": [
                    *kpis(None, 2, "Lead time", visible_to_business=False, visible_to_it=True),
                    *kpis(None, 2),
                    *kpis(None, 2, "Churn", **BUSINESS_KPI, visible_to_business=True, visible_to_it=False),
                ]
            },
        },
        # 2026-12 comes after 2026-9 (as text it sorts first): its 5 KPIs are all visible to both
        {
            "name": "latest-period-by-date",
            "expect": "pass",
            "evidence": {"kpis": [*kpis("2026-9", 5, visible_to_business=False), *kpis("2026-12", 5)]},
        },
        # 'Spring' and 'Autumn' cannot be read as dates: ordered as text, Spring is the latest (all hidden from
        # the business), and the message says so
        {
            "name": "unreadable-periods-ordered-as-text",
            "expect": "fail",
            "evidence": {"kpis": [*kpis("Autumn", 5), *kpis("Spring", 5, visible_to_business=False)]},
        },
        {"name": "no-kpis-table", "expect": "not_applicable"},
        # 0 of 2 visible to both would fail; 2 KPIs are too few (min_items 5)
        {"name": "too-few-kpis", "expect": "not_applicable", "evidence": {"kpis": kpis(None, 2, visible_to_it=False)}},
    ],
    "MET005": [
        # higher is better: 95 >= 90; lower is better: 25 <= 30; blank higher_is_better = higher: 8 >= 5
        {
            "name": "on-target",
            "expect": "pass",
            "evidence": {
                "kpis": [
                    {"kpi": "Uptime", **IT_KPI, "target": 90, "actual": 95, "higher_is_better": True, **SEEN_BY_BOTH},
                    {"kpi": "Lead time", **IT_KPI, "target": 30, "actual": 25, "higher_is_better": False, **SEEN_BY_BOTH},
                    {"kpi": "Launches", **BUSINESS_KPI, "target": 5, "actual": 8, **SEEN_BY_BOTH},
                    {"kpi": "Releases", **IT_KPI, "target": 12, "actual": 12, **SEEN_BY_BOTH},
                    {"kpi": "Churn", **BUSINESS_KPI, "target": 5, "actual": 4, "higher_is_better": False, **SEEN_BY_BOTH},
                ]
            },
        },
        # 2 of 6 off: 0.33 > 0.3, not > 0.5
        {
            "name": "one-of-three-off",
            "expect": "warn",
            "evidence_total": 2,
            "evidence": {
                "kpis": [
                    {"kpi": "Uptime", **IT_KPI, "target": 90, "actual": 95, "higher_is_better": True, **SEEN_BY_BOTH},
                    {"kpi": "Lead time", **IT_KPI, "target": 30, "actual": 34, "higher_is_better": False, **SEEN_BY_BOTH},
                    {"kpi": "Launches", **BUSINESS_KPI, "target": 5, "actual": 5, **SEEN_BY_BOTH},
                    *kpis(None, 2, target=90, actual=95),
                    {"kpi": "Churn", **BUSINESS_KPI, "target": 5, "actual": 6, "higher_is_better": False, **SEEN_BY_BOTH},
                ]
            },
        },
        # 80 < 90 (higher is better) and 34 > 30 (lower is better): 5 of 5
        {
            "name": "all-off",
            "expect": "fail",
            "evidence_total": 5,
            "evidence": {
                "kpis": [
                    *kpis(None, 3, "Uptime", target=90, actual=80),
                    *kpis(None, 2, "Lead time", target=30, actual=34, higher_is_better=False),
                ]
            },
        },
        {
            "name": "no-targets",
            "expect": "not_applicable",
            "evidence": {"kpis": [{"kpi": "Uptime", **IT_KPI, "actual": 80, **SEEN_BY_BOTH}]},
        },
        # 2027 comes after Q4 2026 (as text it sorts first): its 5 KPIs are all on target
        {
            "name": "latest-period-by-date",
            "expect": "pass",
            "evidence": {"kpis": [*kpis("Q4 2026", 5, target=90, actual=80), *kpis("2027", 5, target=90, actual=95)]},
        },
        # 1 of 1 off target would fail; 1 KPI with a target is too few (min_items 5)
        {"name": "too-few-kpis", "expect": "not_applicable", "evidence": {"kpis": kpis(None, 1, target=90, actual=80)}},
    ],
    "MET006": [
        # Business agrees with MET-3 (share 1.0 >= 0.5) and the 5 IT-efficiency KPIs are published to them (1.0 >= 0.5)
        {
            "name": "published-and-seen",
            "expect": "pass",
            "survey": [{**IT, "scores": {"*": 3}}, {**BUSINESS, "scores": {"*": 3}, "items": {"MET-3": 4}}],
            "evidence": {"kpis": kpis(None, 5)},
        },
        # published, but Business disagrees (MET-3 = 2: share 0.0)
        {
            "name": "published-but-not-seen",
            "expect": "warn",
            "survey": [{**IT, "scores": {"*": 3}}, {**BUSINESS, "scores": {"*": 3}, "items": {"MET-3": 2}}],
            "evidence": {"kpis": kpis(None, 5)},
        },
        # Business agrees (MET-3 = 5) with metrics that are not visible to it (share 0.0 < 0.5)
        {
            "name": "believed-but-not-published",
            "expect": "fail",
            "survey": [{**IT, "scores": {"*": 3}}, {**BUSINESS, "scores": {"*": 3}, "items": {"MET-3": 5}}],
            "evidence": {
                "kpis": [
                    *kpis(None, 5, visible_to_business=False),
                    # business outcomes do not count here
                    {"kpi": "Churn", **BUSINESS_KPI, **SEEN_BY_BOTH},
                ]
            },
        },
        # only Business answers count: IT agreeing does not make the unpublished KPIs 'seen'
        {
            "name": "it-answers-do-not-count",
            "expect": "pass",
            "survey": [
                {**IT, "scores": {"*": 3}, "items": {"MET-3": 5}},
                {**BUSINESS, "scores": {"*": 3}, "items": {"MET-3": 2}},
            ],
            "evidence": {"kpis": kpis(None, 5, visible_to_business=False)},
        },
        # 4 Business answers to MET-3 < min_group_size 5
        {
            "name": "too-few-business-answers",
            "expect": "not_applicable",
            "survey": [{**IT, "n": 6, "scores": {"*": 3}}, {**BUSINESS, "n": 4, "scores": {"*": 3}, "items": {"MET-3": 5}}],
            "evidence": {"kpis": [{"kpi": "Uptime", **IT_KPI, "visible_to_business": False, "visible_to_it": True}]},
        },
        {
            "name": "no-it-efficiency-kpis",
            "expect": "not_applicable",
            "evidence": {"kpis": [{"kpi": "Churn", **BUSINESS_KPI, **SEEN_BY_BOTH}]},
        },
        # Business agrees (MET-3 = 4); Q1 2027, the latest by date, publishes its 5 IT-efficiency KPIs to the
        # business (Q4 2026, which sorts last as text, did not)
        {
            "name": "latest-period-by-date",
            "expect": "pass",
            "survey": [{**IT, "scores": {"*": 3}}, {**BUSINESS, "scores": {"*": 3}, "items": {"MET-3": 4}}],
            "evidence": {"kpis": [*kpis("Q4 2026", 5, visible_to_business=False), *kpis("Q1 2027", 5)]},
        },
        # Business agrees (MET-3 = 5) and neither IT-efficiency KPI is published (would fail); 2 are too few
        {
            "name": "too-few-kpis",
            "expect": "not_applicable",
            "survey": [{**IT, "scores": {"*": 3}}, {**BUSINESS, "scores": {"*": 3}, "items": {"MET-3": 5}}],
            "evidence": {"kpis": kpis(None, 2, visible_to_business=False)},
        },
    ],
    # ------------------------------------------------------------------------------------------ ROT
    "ROT001": [
        # ROT-5 is reverse-coded
        {"name": "on-target", "expect": "pass", "survey": [{**IT, "scores": {"ROT": 4}}, {**BUSINESS, "scores": {"ROT": 4}}]},
        {
            "name": "slightly-below",
            "expect": "warn",
            "survey": [{**IT, "scores": {"ROT": 4}}, {**BUSINESS, "scores": {"ROT": 3}}],
        },
        {"name": "far-below", "expect": "fail", "survey": [{**IT, "scores": {"ROT": 1}}, {**BUSINESS, "scores": {"ROT": 2}}]},
        {
            "name": "no-rotation-answers",
            "expect": "not_applicable",
            "survey": [{**IT, "scores": {"REL": 4}}, {**BUSINESS, "scores": {"REL": 4}}],
        },
    ],
    "ROT002": [
        {"name": "same-view", "expect": "pass"},
        {"name": "wide-gap", "expect": "fail", "survey": [{**IT, "scores": {"ROT": 2}}, {**BUSINESS, "scores": {"ROT": 3}}]},
        # IT 2 x 4 + 3 x 3 = 3.4 against Business 3.0
        {
            "name": "moderate-gap-could-be-noise",
            "expect": "pass",
            "survey": [
                {**IT, "n": 2, "scores": {"ROT": 4}},
                {**IT, "n": 3, "scores": {"ROT": 3}},
                {**BUSINESS, "scores": {"ROT": 3}},
            ],
        },
        # the same gap 0.4 with 20 per side: IT sd 0.503, Welch t = 0.4 / (0.503 / sqrt 20) = 3.56, adjusted p < 0.05
        {
            "name": "moderate-gap",
            "expect": "warn",
            "survey": [
                {**IT, "n": 8, "scores": {"ROT": 4}},
                {**IT, "n": 12, "scores": {"ROT": 3}},
                {**BUSINESS, "n": 20, "scores": {"ROT": 3}},
            ],
        },
        {
            "name": "too-few-respondents",
            "expect": "not_applicable",
            "survey": [{**IT, "n": 2, "scores": {"ROT": 4}}, {**BUSINESS, "n": 2, "scores": {"ROT": 2}}],
        },
    ],
    "ROT003": [
        # 4 people / 100 employees = 4.0 per 100 >= 3
        {
            "name": "enough-participants",
            "expect": "pass",
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 60},
                    {"department": "IT Ops", "function": "IT", "headcount": 40},
                ],
                "rotations": [
                    {"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"},
                    {"person": "P2", **IT_TO_SALES, "start_date": "2026-02-10", "kind": "rotation"},
                    {"person": "P3", **SALES_TO_IT, "start_date": "2026-03-10", "kind": "mentoring"},
                    {"person": "P4", **SALES_TO_IT, "start_date": "2026-03-20", "kind": "shadowing"},
                    # the same person twice counts once
                    {"person": "P4", **SALES_TO_IT, "start_date": "2026-03-25", "kind": "shadowing"},
                ],
            },
        },
        # 2 people / 100 = 2.0 < 3, not < 1
        {
            "name": "few-participants",
            "expect": "warn",
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 60},
                    {"department": "IT Ops", "function": "IT", "headcount": 40},
                ],
                "rotations": [
                    {"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"},
                    {"person": "P2", **SALES_TO_IT, "start_date": "2026-02-10", "kind": "shadowing"},
                ],
            },
        },
        # 365-day window back from 2026-03-01: P2 (2024-12-01) and P3 (2025-01-15) are too old; 1 / 200 = 0.5 per 100 < 1
        {
            "name": "old-rotations-do-not-count",
            "expect": "fail",
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 150},
                    {"department": "IT Ops", "function": "IT", "headcount": 50},
                ],
                "rotations": [
                    {"person": "P1", **IT_TO_SALES, "start_date": "2026-03-01", "kind": "shadowing"},
                    {"person": "P2", **IT_TO_SALES, "start_date": "2024-12-01", "kind": "shadowing"},
                    {"person": "P3", **SALES_TO_IT, "start_date": "2025-01-15", "kind": "shadowing"},
                ],
            },
        },
        # an 800-day window counts all 3: 1.5 per 100 (warn)
        {
            "name": "longer-window",
            "expect": "warn",
            "settings": {"thresholds": {"window_days": 800}},
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 150},
                    {"department": "IT Ops", "function": "IT", "headcount": 50},
                ],
                "rotations": [
                    {"person": "P1", **IT_TO_SALES, "start_date": "2026-03-01", "kind": "shadowing"},
                    {"person": "P2", **IT_TO_SALES, "start_date": "2024-12-01", "kind": "shadowing"},
                    {"person": "P3", **SALES_TO_IT, "start_date": "2025-01-15", "kind": "shadowing"},
                ],
            },
        },
        # P3 and P4 went from IT Ops to IT Dev, within IT: only P1 crossed the line, 1 / 40 = 2.5 per 100 < 3
        # (counting P3 and P4 would give 7.5, a pass)
        {
            "name": "only-crossing-participants-count",
            "expect": "warn",
            "evidence": {
                "departments": CROSSING_DEPARTMENTS,
                "rotations": [
                    {"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"},
                    {"person": "P3", **IT_OPS_TO_IT_DEV, "start_date": "2026-02-11", "kind": "rotation"},
                    {"person": "P4", **IT_OPS_TO_IT_DEV, "start_date": "2026-02-12", "kind": "rotation"},
                ],
            },
        },
        # assessed on 2027-06-01: the rotations of January 2026 are more than 365 days back; 0 per 100
        {
            "name": "window-ends-at-the-assessment-date",
            "expect": "fail",
            "settings": {"as_of": "2027-06-01"},
            "evidence": {"departments": DEPARTMENTS, "rotations": FIVE_ROTATIONS},
        },
        {"name": "no-rotations-table", "expect": "not_applicable", "evidence": {"departments": DEPARTMENTS}},
        {
            "name": "no-headcount",
            "expect": "not_applicable",
            "evidence": {
                "departments": [{"department": "Sales", "function": "Business", "headcount": 0}],
                "rotations": [{"person": "P1", **IT_TO_SALES, "start_date": "2026-03-01", "kind": "shadowing"}],
            },
        },
        # 1 person of 5 employees is 20 per 100, but 5 employees are too few to judge a rate (min_headcount 10)
        {
            "name": "too-few-employees",
            "expect": "not_applicable",
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 3},
                    {"department": "IT Ops", "function": "IT", "headcount": 2},
                ],
                "rotations": [{"person": "P1", **IT_TO_SALES, "start_date": "2026-03-01", "kind": "shadowing"}],
            },
        },
    ],
    "ROT004": [
        # 3 each way: the smaller direction is 0.5 of 6
        {
            "name": "both-directions",
            "expect": "pass",
            "evidence": {
                "departments": DEPARTMENTS,
                "rotations": [
                    {"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"},
                    {"person": "P2", **IT_TO_SALES, "start_date": "2026-01-11", "kind": "shadowing"},
                    {"person": "P3", **IT_TO_SALES, "start_date": "2026-01-12", "kind": "mentoring"},
                    {"person": "P4", **SALES_TO_IT, "start_date": "2026-01-13", "kind": "shadowing"},
                    {"person": "P5", **SALES_TO_IT, "start_date": "2026-01-14", "kind": "shadowing"},
                    {"person": "P6", **SALES_TO_IT, "start_date": "2026-01-15", "kind": "rotation"},
                ],
            },
        },
        # 4 from IT, 1 from the business: 1 / 5 = 0.2 < 0.3, not < 0.1
        {
            "name": "mostly-one-way",
            "expect": "warn",
            "evidence": {
                "departments": DEPARTMENTS,
                "rotations": [
                    {"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"},
                    {"person": "P2", **IT_TO_SALES, "start_date": "2026-01-11", "kind": "shadowing"},
                    {"person": "P3", **IT_TO_SALES, "start_date": "2026-01-12", "kind": "shadowing"},
                    {"person": "P4", **IT_TO_SALES, "start_date": "2026-01-13", "kind": "shadowing"},
                    {"person": "P5", **SALES_TO_IT, "start_date": "2026-01-14", "kind": "shadowing"},
                ],
            },
        },
        {"name": "only-it-rotates", "expect": "fail", "evidence": {"departments": DEPARTMENTS, "rotations": FIVE_ROTATIONS}},
        # 5 from IT into Sales; the 3 from Sales into Marketing stay within the business: 0 of 5 from the
        # business into IT (counting them as 'from the business' would give 3 / 8 = 0.375, a pass)
        {
            "name": "business-to-business-is-not-a-crossing",
            "expect": "fail",
            "evidence": {
                "departments": CROSSING_DEPARTMENTS,
                "rotations": [
                    *FIVE_ROTATIONS,
                    {"person": "P6", **SALES_TO_MARKETING, "start_date": "2026-01-15", "kind": "shadowing"},
                    {"person": "P7", **SALES_TO_MARKETING, "start_date": "2026-01-16", "kind": "shadowing"},
                    {"person": "P8", **SALES_TO_MARKETING, "start_date": "2026-01-17", "kind": "shadowing"},
                ],
            },
        },
        # 3 each way across the line: 0.5. The 5 from Sales into Legal, which the Departments sheet does not
        # list, cannot be placed on either side: not counted, and listed (counted, 3 / 11 = 0.27 would warn)
        {
            "name": "host-not-listed-is-not-counted",
            "expect": "pass",
            "evidence_total": 3,
            "evidence": {
                "departments": CROSSING_DEPARTMENTS,
                "rotations": [
                    *[{"person": f"I{i}", **IT_TO_SALES, "start_date": f"2026-01-1{i}", "kind": "shadowing"} for i in range(3)],
                    *[{"person": f"B{i}", **SALES_TO_IT, "start_date": f"2026-01-2{i}", "kind": "shadowing"} for i in range(3)],
                    *[
                        {"person": f"L{i}", **SALES_TO_LEGAL, "start_date": f"2026-02-0{i + 1}", "kind": "shadowing"}
                        for i in range(5)
                    ],
                ],
            },
        },
        # assessed on 2026-12-31: the 5 from Sales into IT Ops started in November 2025, more than 365 days
        # back (within 365 days of the latest rotation, though): 5 from IT, 0 from the business
        {
            "name": "window-ends-at-the-assessment-date",
            "expect": "fail",
            "settings": {"as_of": "2026-12-31"},
            "evidence": {
                "departments": DEPARTMENTS,
                "rotations": [
                    *[{**rotation, "start_date": f"2026-06-1{i}"} for i, rotation in enumerate(FIVE_ROTATIONS)],
                    *[{"person": f"B{i}", **SALES_TO_IT, "start_date": f"2025-11-1{i}", "kind": "shadowing"} for i in range(5)],
                ],
            },
        },
        {"name": "no-rotations-table", "expect": "not_applicable", "evidence": {"departments": DEPARTMENTS}},
        {"name": "no-departments-table", "expect": "not_applicable", "evidence": {"rotations": FIVE_ROTATIONS}},
        # one each way (0.5) would pass; 2 rotations across the line are too few (min_items 5)
        {
            "name": "too-few-rotations",
            "expect": "not_applicable",
            "evidence": {
                "departments": DEPARTMENTS,
                "rotations": [
                    {"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"},
                    {"person": "P2", **SALES_TO_IT, "start_date": "2026-01-11", "kind": "shadowing"},
                ],
            },
        },
    ],
    "ROT005": [
        {
            "name": "every-department-exchanges",
            "expect": "pass",
            "evidence": {
                "departments": DEPARTMENTS,
                "rotations": [{"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"}],
            },
        },
        # Marketing neither sends nor hosts: 1 of 4 = 0.25 > 0.2, not > 0.5
        {
            "name": "one-of-four-without",
            "expect": "warn",
            "evidence_total": 1,
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10},
                    {"department": "Marketing", "function": "Business", "headcount": 10},
                    {"department": "Finance", "function": "Business", "headcount": 10},
                    {"department": "IT Ops", "function": "IT", "headcount": 10},
                ],
                "rotations": [
                    {"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"},
                    {
                        "person": "P2",
                        "home_function": "Business",
                        "home_department": "Finance",
                        "host_department": "IT Ops",
                        "start_date": "2026-01-11",
                        "kind": "shadowing",
                    },
                ],
            },
        },
        # 3 of 5 without: 0.6 > 0.5
        {
            "name": "most-without",
            "expect": "fail",
            "evidence_total": 3,
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 10},
                    {"department": "Marketing", "function": "Business", "headcount": 10},
                    {"department": "Finance", "function": "Business", "headcount": 10},
                    {"department": "Legal", "function": "Business", "headcount": 10},
                    {"department": "IT Ops", "function": "IT", "headcount": 10},
                ],
                "rotations": [{"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"}],
            },
        },
        # IT Ops sent someone to Sales across the line; IT Dev and Marketing only exchanged within their own
        # function (IT Ops -> IT Dev, Sales -> Marketing): 2 of 4 = 0.5 > 0.2, not > 0.5
        {
            "name": "within-function-exchange-does-not-count",
            "expect": "warn",
            "evidence_total": 2,
            "evidence": {
                "departments": CROSSING_DEPARTMENTS,
                "rotations": [
                    {"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"},
                    {"person": "P2", **IT_OPS_TO_IT_DEV, "start_date": "2026-01-11", "kind": "shadowing"},
                    {"person": "P3", **SALES_TO_MARKETING, "start_date": "2026-01-12", "kind": "shadowing"},
                ],
            },
        },
        # assessed on 2027-06-01: the one exchange (January 2026) is more than 365 days back; 2 of 2 without
        {
            "name": "window-ends-at-the-assessment-date",
            "expect": "fail",
            "evidence_total": 2,
            "settings": {"as_of": "2027-06-01"},
            "evidence": {
                "departments": DEPARTMENTS,
                "rotations": [{"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"}],
            },
        },
        {"name": "no-rotations-table", "expect": "not_applicable", "evidence": {"departments": DEPARTMENTS}},
    ],
    "ROT006": [
        # ROT-1 agree: 5 of 10 = 0.5; on record: 5 people / 20 employees = 0.25; ratio 2 is within 1/4 .. 4
        {
            "name": "in-line-with-records",
            "expect": "pass",
            "survey": [{**IT, "scores": {"*": 3}, "items": {"ROT-1": 4}}, {**BUSINESS, "scores": {"*": 3}}],
            "evidence": {
                "departments": DEPARTMENTS,
                "rotations": FIVE_ROTATIONS,
            },
        },
        # all agree (1.0); 1 person / 100 employees = 0.01 on record; ratio 100 > 4
        {
            "name": "experience-not-on-record",
            "expect": "warn",
            "survey": [
                {**IT, "scores": {"*": 3}, "items": {"ROT-1": 5}},
                {**BUSINESS, "scores": {"*": 3}, "items": {"ROT-1": 4}},
            ],
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 60},
                    {"department": "IT Ops", "function": "IT", "headcount": 40},
                ],
                "rotations": [{"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"}],
            },
        },
        # nobody agrees (ROT-1 = 3): ratio 0 / 0.25 = 0 < 1/4
        {
            "name": "rotations-not-felt",
            "expect": "warn",
            "evidence": {
                "departments": DEPARTMENTS,
                "rotations": FIVE_ROTATIONS,
            },
        },
        # half agree (0.5), but the 5 rotations on record went from IT Ops to IT Dev, within IT: none crossed the
        # line, so the experience people report is not on record (counting them: 5 / 20 = 0.25, ratio 2, a pass)
        {
            "name": "within-function-rotations-are-not-on-record",
            "expect": "warn",
            "survey": [{**IT, "scores": {"*": 3}, "items": {"ROT-1": 4}}, {**BUSINESS, "scores": {"*": 3}}],
            "evidence": {
                "departments": [*DEPARTMENTS, {"department": "IT Dev", "function": "IT", "headcount": 0}],
                "rotations": [{**rotation, **IT_OPS_TO_IT_DEV} for rotation in FIVE_ROTATIONS],
            },
        },
        # "I have shadowed..." is about ever: 30 people crossed the line in 2024 and 2 in the last 365 days; 30 + 2 = 32
        # of 100 employees on record against 10 of 25 = 0.4 agreeing, ratio 1.25 (the 365 days gave 2 / 100, ratio 20)
        {
            "name": "experience-is-compared-with-every-rotation-on-record",
            "expect": "pass",
            "survey": [{**IT, "n": 10, "scores": {"*": 3}, "items": {"ROT-1": 4}}, {**BUSINESS, "n": 15, "scores": {"*": 3}}],
            "evidence": {
                "departments": [
                    {"department": "Sales", "function": "Business", "headcount": 60},
                    {"department": "IT Ops", "function": "IT", "headcount": 40},
                ],
                "rotations": [
                    *({"person": f"E{i}", **IT_TO_SALES, "start_date": "2024-05-01", "kind": "shadowing"} for i in range(30)),
                    {"person": "R1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"},
                    {"person": "R2", **IT_TO_SALES, "start_date": "2026-01-12", "kind": "shadowing"},
                ],
            },
        },
        # assessed on 2025-12-31: the five rotations of January 2026 had not started, so half the respondents
        # report experience that is not on record
        {
            "name": "rotations-after-the-assessment-date-are-not-on-record",
            "expect": "warn",
            "settings": {"as_of": "2025-12-31"},
            "survey": [{**IT, "scores": {"*": 3}, "items": {"ROT-1": 4}}, {**BUSINESS, "scores": {"*": 3}}],
            "evidence": {"departments": DEPARTMENTS, "rotations": FIVE_ROTATIONS},
        },
        # 4 answers to ROT-1 < min_group_size 5
        {
            "name": "too-few-answers",
            "expect": "not_applicable",
            "survey": [{**IT, "n": 4, "scores": {"*": 3}}],
            "evidence": {
                "departments": DEPARTMENTS,
                "rotations": [{"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"}],
            },
        },
        {"name": "no-rotations-table", "expect": "not_applicable", "evidence": {"departments": DEPARTMENTS}},
        # half agree, 1 of 6 employees on record (ratio 3, a pass); 6 employees are too few (min_headcount 10)
        {
            "name": "too-few-employees",
            "expect": "not_applicable",
            "survey": [{**IT, "scores": {"*": 3}, "items": {"ROT-1": 4}}, {**BUSINESS, "scores": {"*": 3}}],
            "evidence": {
                "departments": [
                    {"department": "IT Ops", "function": "IT", "headcount": 3},
                    {"department": "Sales", "function": "Business", "headcount": 3},
                ],
                "rotations": [{"person": "P1", **IT_TO_SALES, "start_date": "2026-01-10", "kind": "shadowing"}],
            },
        },
    ],
    # ------------------------------------------------------------------------------------------ ASM
    "ASM001": [
        # ASM-4 is reverse-coded
        {"name": "on-target", "expect": "pass", "survey": [{**IT, "scores": {"ASM": 4}}, {**BUSINESS, "scores": {"ASM": 4}}]},
        {
            "name": "slightly-below",
            "expect": "warn",
            "survey": [{**IT, "scores": {"ASM": 3}}, {**BUSINESS, "scores": {"ASM": 4}}],
        },
        {"name": "far-below", "expect": "fail"},
        {"name": "too-few-respondents", "expect": "not_applicable", "survey": [{**IT, "n": 1, "scores": {"ASM": 4}}]},
    ],
    "ASM002": [
        {"name": "same-view", "expect": "pass", "survey": [{**IT, "scores": {"ASM": 4}}, {**BUSINESS, "scores": {"ASM": 4}}]},
        {"name": "wide-gap", "expect": "fail", "survey": [{**IT, "scores": {"ASM": 5}}, {**BUSINESS, "scores": {"ASM": 3}}]},
        # gap 1.0 is not above a looser fail_gap of 1.0
        {
            "name": "looser-thresholds",
            "expect": "warn",
            "settings": {"thresholds": {"fail_gap": 1.0}},
            "survey": [{**IT, "scores": {"ASM": 4}}, {**BUSINESS, "scores": {"ASM": 3}}],
        },
        {"name": "only-business-answered", "expect": "not_applicable", "survey": [{**BUSINESS, "n": 6, "scores": {"ASM": 4}}]},
    ],
    "ASM003": [
        {
            "name": "three-rounds",
            "expect": "pass",
            "survey": [
                {**IT, "period": "2025-Q3", "scores": {"*": 3}},
                {**IT, "period": "2025-Q4", "scores": {"*": 3}},
                {**IT, "period": "2026-Q1", "scores": {"*": 3}},
            ],
        },
        # 2 periods < warn_below 3, not < fail_below 2
        {
            "name": "two-rounds",
            "expect": "warn",
            "survey": [{**IT, "period": "2025-Q4", "scores": {"*": 3}}, {**BUSINESS, "period": "2026-Q1", "scores": {"*": 3}}],
        },
        {
            "name": "two-rounds-are-enough",
            "expect": "pass",
            "settings": {"thresholds": {"warn_below": 2}},
            "survey": [{**IT, "period": "2025-Q4", "scores": {"*": 3}}, {**BUSINESS, "period": "2026-Q1", "scores": {"*": 3}}],
        },
        # the default survey holds one period
        {"name": "one-round", "expect": "fail"},
        {
            "name": "no-period-given",
            "expect": "not_applicable",
            "survey": [{**IT, "period": "", "scores": {"*": 3}}, {**BUSINESS, "period": "", "scores": {"*": 3}}],
        },
    ],
    "ASM004": [
        # 2026-Q1: 5 of 10 proactive (improvements) = 0.5 >= 0.35
        {"name": "balanced-work", "expect": "pass", "evidence": {"work_items": work_items("2026-02-05", 5, 5)}},
        # 3 of 12 proactive = 0.25 < 0.35, not < 0.2
        {"name": "mostly-reactive", "expect": "warn", "evidence": {"work_items": work_items("2026-01-05", 3, 9)}},
        # the latest quarter (2026-Q1) is all break/fix, whatever 2025-Q4 was
        {
            "name": "latest-quarter-reactive",
            "expect": "fail",
            "evidence": {"work_items": [*work_items("2025-11-05", 10, 0), *work_items("2026-03-31", 0, 10)]},
        },
        # an explicit proactive column wins over the kind
        {
            "name": "proactive-column-overrides-kind",
            "expect": "pass",
            "evidence": {
                "work_items": [
                    {"id": f"W{i}", "opened": "2026-01-05", "kind": "incident" if i % 2 else "change", "proactive": True}
                    for i in range(10)
                ]
            },
        },
        {
            "name": "improvements-marked-reactive",
            "expect": "fail",
            "evidence": {
                "work_items": [
                    {"id": f"W{i}", "opened": "2026-01-05", "kind": "improvement" if i % 2 else "project", "proactive": False}
                    for i in range(10)
                ]
            },
        },
        # assessed on 2026-03-31: 2026-Q1 is 5 of 10 proactive; the all-reactive work opened in April comes
        # after the assessment date and does not count
        {
            "name": "work-after-the-assessment-date-does-not-count",
            "expect": "pass",
            "settings": {"as_of": "2026-03-31"},
            "evidence": {"work_items": [*work_items("2026-02-01", 5, 5), *work_items("2026-04-02", 0, 10)]},
        },
        {"name": "no-work-items-table", "expect": "not_applicable"},
        # 2026-Q1 is judged (1 of 10 proactive would fail) until a new quarter begins: 2026-Q2's one improvement
        # (100 %) is too few to judge (min_items 10), and the message names 2026-Q1 as the latest with enough
        {
            "name": "one-item-in-a-new-quarter",
            "expect": "not_applicable",
            "evidence": {"work_items": [*work_items("2026-02-01", 1, 9), *work_items("2026-04-01", 1, 0)]},
        },
    ],
    "ASM005": [
        # 2025-Q4: 0 of 10 proactive; 2026-Q1: 5 of 10 -> +0.5
        {
            "name": "growing",
            "expect": "pass",
            "evidence": {"work_items": [*work_items("2025-10-05", 0, 10), *work_items("2026-02-05", 5, 5)]},
        },
        # 0.5 -> 0.5: no change beyond the noise (Fisher's exact p = 1)
        {
            "name": "flat",
            "expect": "pass",
            "evidence": {"work_items": [*work_items("2025-10-05", 5, 5), *work_items("2026-01-05", 5, 5)]},
        },
        # 4 of 10 -> 3 of 10 (-10 points): Fisher's exact p = 1.0, no change beyond the noise (was a fail)
        {
            "name": "noise-is-no-fall",
            "expect": "pass",
            "evidence": {"work_items": [*work_items("2025-10-05", 4, 6), *work_items("2026-01-05", 3, 7)]},
        },
        # 10 of 20 -> 2 of 20 (-40 points): Fisher's exact p = 0.014 < alpha 0.05, a real fall
        {
            "name": "real-fall",
            "expect": "fail",
            "evidence": {"work_items": [*work_items("2025-10-05", 10, 10), *work_items("2026-01-05", 2, 18)]},
        },
        # the same fall with a stricter alpha of 0.01: not beyond the noise
        {
            "name": "stricter-alpha",
            "expect": "pass",
            "settings": {"thresholds": {"alpha": 0.01}},
            "evidence": {"work_items": [*work_items("2025-10-05", 10, 10), *work_items("2026-01-05", 2, 18)]},
        },
        # first quarter (2025-Q3) 1.0 -> latest (2026-Q1) 0.0; the quarter in between does not matter
        {
            "name": "falling",
            "expect": "fail",
            "evidence": {
                "work_items": [
                    *work_items("2025-08-05", 10, 0),
                    *work_items("2025-11-05", 10, 0),
                    *work_items("2026-01-05", 0, 10),
                ]
            },
        },
        {
            "name": "one-quarter-only",
            "expect": "not_applicable",
            "evidence": {"work_items": [{"id": "W1", "opened": "2026-01-05", "kind": "incident"}]},
        },
        # assessed on 2026-03-31: 2025-Q4 8 of 10 -> 2026-Q1 9 of 10, no change beyond the noise; 2026-Q2 (0 of 10,
        # a real fall from 2025-Q4: Fisher's exact p < 0.001) comes after it
        {
            "name": "work-after-the-assessment-date-does-not-count",
            "expect": "pass",
            "settings": {"as_of": "2026-03-31"},
            "evidence": {
                "work_items": [
                    *work_items("2025-11-01", 8, 2),
                    *work_items("2026-02-01", 9, 1),
                    *work_items("2026-04-02", 0, 10),
                ]
            },
        },
        {"name": "no-work-items-table", "expect": "not_applicable"},
        # 2025-Q4 10 of 20 (0.5) -> 2026-Q1 2 of 20 (0.1): a real fall (Fisher's exact p = 0.014); the one
        # improvement of 2026-Q2 (1.0, +50 points from 2025-Q4) is too few to count (min_items 10) and is left out
        {
            "name": "small-quarter-left-out",
            "expect": "fail",
            "evidence": {
                "work_items": [
                    *work_items("2025-11-01", 10, 10),
                    *work_items("2026-02-01", 2, 18),
                    *work_items("2026-04-01", 1, 0),
                ]
            },
        },
        # only 2026-Q1 has 10 work items; 2025-Q4's 3 are too few: no two quarters to compare
        {
            "name": "one-quarter-with-enough-items",
            "expect": "not_applicable",
            "evidence": {"work_items": [*work_items("2025-11-01", 0, 3), *work_items("2026-02-01", 5, 5)]},
        },
    ],
    "ASM006": [
        # index = (score - 1) / 4 x 100: 2025-Q4 at 3 -> 50, 2026-Q1 at 4 -> 75; +25 points
        {
            "name": "improving",
            "expect": "pass",
            "survey": [{**IT, "period": "2025-Q4", "scores": {"*": 3}}, {**BUSINESS, "period": "2026-Q1", "scores": {"*": 4}}],
        },
        # 50 -> 50: no change beyond the noise
        {
            "name": "flat",
            "expect": "pass",
            "survey": [{**IT, "period": "2025-Q4", "scores": {"*": 3}}, {**BUSINESS, "period": "2026-Q1", "scores": {"*": 3}}],
        },
        # 50 -> 25: -25 points
        {
            "name": "falling",
            "expect": "fail",
            "survey": [{**IT, "period": "2025-Q4", "scores": {"*": 3}}, {**BUSINESS, "period": "2026-Q1", "scores": {"*": 2}}],
        },
        # Q4 2025 (index 50) comes before Q1 2026 (75), though as text it sorts after it: improving
        {
            "name": "periods-ordered-by-date",
            "expect": "pass",
            "survey": [{**IT, "period": "Q4 2025", "scores": {"*": 3}}, {**BUSINESS, "period": "Q1 2026", "scores": {"*": 4}}],
        },
        # the default survey holds one period
        {"name": "one-period", "expect": "not_applicable"},
        # 2026-Q1 has 3 respondents: hidden, and 2025-Q4 with it (else 2026-Q1 = all - 2025-Q4)
        {
            "name": "second-period-too-small",
            "expect": "not_applicable",
            "survey": [
                {**IT, "period": "2025-Q4", "scores": {"*": 3}},
                {**BUSINESS, "n": 3, "period": "2026-Q1", "scores": {"*": 4}},
            ],
        },
        # 2025-Q4 and 2026-Q1 both at 3 (flat, no change beyond the noise); respondents without a period are no
        # survey round (with them as the first round, 25 -> 50 would be a real rise)
        {
            "name": "rows-without-period-are-not-a-round",
            "expect": "pass",
            "survey": [
                {**IT, "period": "", "scores": {"*": 2}},
                {**IT, "period": "2025-Q4", "scores": {"*": 3}},
                {**BUSINESS, "period": "2026-Q1", "scores": {"*": 3}},
            ],
        },
        # 2025-Q4: 5 at 2, 5 at 3, 5 at 4 (index 50); 2026-Q1: 6 at 2, 5 at 3, 4 at 4 (46.7): -3 points would fail
        # (below fail_below -2), but Welch's t-test on the respondents' index (SD about 20.6 a side) gives p = 0.67:
        # no change beyond the noise
        {
            "name": "noise-is-no-fall",
            "expect": "pass",
            "survey": [
                {**IT, "period": "2025-Q4", "scores": {"*": 2}},
                {**IT, "period": "2025-Q4", "scores": {"*": 3}},
                {**BUSINESS, "period": "2025-Q4", "scores": {"*": 4}},
                {**IT, "n": 6, "period": "2026-Q1", "scores": {"*": 2}},
                {**IT, "period": "2026-Q1", "scores": {"*": 3}},
                {**BUSINESS, "n": 4, "period": "2026-Q1", "scores": {"*": 4}},
            ],
        },
        # a panel: the same 15 people (ids a-, b-, c-) in both rounds; the five at 4 drop to 3, everyone else
        # stays: 50 -> 41.7. Welch's t-test would say p = 0.20 (no change); the paired t-test on each person's
        # change (5 x -25, 10 x 0: mean -8.3, SD 12.2) gives p = 0.019: a real fall of -8 points < fail_below -2
        {
            "name": "panel-tested-as-a-panel",
            "expect": "fail",
            "survey": [
                {**IT, "ids": "a", "period": "2025-Q4", "scores": {"*": 2}},
                {**IT, "ids": "b", "period": "2025-Q4", "scores": {"*": 3}},
                {**BUSINESS, "ids": "c", "period": "2025-Q4", "scores": {"*": 4}},
                {**IT, "ids": "a", "period": "2026-Q1", "scores": {"*": 2}},
                {**IT, "ids": "b", "period": "2026-Q1", "scores": {"*": 3}},
                {**BUSINESS, "ids": "c", "period": "2026-Q1", "scores": {"*": 3}},
            ],
        },
    ],
    "ASM007": [
        # ASM-2 agree 1.0, latest quarter 0.5 proactive: both high
        {
            "name": "proactive-and-felt",
            "expect": "pass",
            "survey": [
                {**IT, "scores": {"*": 3}, "items": {"ASM-2": 4}},
                {**BUSINESS, "scores": {"*": 3}, "items": {"ASM-2": 5}},
            ],
            "evidence": {"work_items": work_items("2026-01-05", 5, 5)},
        },
        # agree 1.0 but 0 of 10 proactive (< 0.35)
        {
            "name": "believed-proactive-but-reactive",
            "expect": "fail",
            "survey": [
                {**IT, "scores": {"*": 3}, "items": {"ASM-2": 4}},
                {**BUSINESS, "scores": {"*": 3}, "items": {"ASM-2": 5}},
            ],
            "evidence": {"work_items": work_items("2026-01-05", 0, 10)},
        },
        # agree 0.0 (ASM-2 = 3 in the default survey) but 1.0 proactive
        {"name": "proactive-but-not-felt", "expect": "warn", "evidence": {"work_items": work_items("2026-01-05", 10, 0)}},
        # agree 0.0 and 0.0 proactive: what people say and what IT does agree
        {"name": "reactive-and-known", "expect": "pass", "evidence": {"work_items": work_items("2026-01-05", 0, 10)}},
        {
            "name": "too-few-answers",
            "expect": "not_applicable",
            "survey": [{**IT, "n": 4, "scores": {"*": 3}, "items": {"ASM-2": 5}}],
            "evidence": {"work_items": [{"id": "W1", "opened": "2026-01-05", "kind": "incident"}]},
        },
        # assessed on 2026-03-31: ASM-2 agree 1.0 and 2026-Q1 is 5 of 10 proactive; the reactive April work
        # comes after it
        {
            "name": "work-after-the-assessment-date-does-not-count",
            "expect": "pass",
            "settings": {"as_of": "2026-03-31"},
            "survey": [
                {**IT, "scores": {"*": 3}, "items": {"ASM-2": 4}},
                {**BUSINESS, "scores": {"*": 3}, "items": {"ASM-2": 5}},
            ],
            "evidence": {"work_items": [*work_items("2026-02-01", 5, 5), *work_items("2026-04-02", 0, 10)]},
        },
        {"name": "no-work-items-table", "expect": "not_applicable"},
        # ASM-2 agree 1.0; the latest quarter has one incident (0 %, would fail): too few to judge (min_items 10)
        {
            "name": "too-few-work-items",
            "expect": "not_applicable",
            "survey": [
                {**IT, "scores": {"*": 3}, "items": {"ASM-2": 4}},
                {**BUSINESS, "scores": {"*": 3}, "items": {"ASM-2": 5}},
            ],
            "evidence": {"work_items": work_items("2026-01-05", 0, 1)},
        },
    ],
    # ------------------------------------------------------------------------------------------ SRV
    "SRV001": [
        # SRV-4 is reverse-coded
        {"name": "on-target", "expect": "pass", "survey": [{**IT, "scores": {"SRV": 5}}, {**BUSINESS, "scores": {"SRV": 4}}]},
        {
            "name": "slightly-below",
            "expect": "warn",
            "survey": [{**IT, "scores": {"SRV": 3}}, {**BUSINESS, "scores": {"SRV": 4}}],
        },
        {"name": "far-below", "expect": "fail", "survey": [{**IT, "scores": {"SRV": 2}}, {**BUSINESS, "scores": {"SRV": 3}}]},
        {
            "name": "no-survey-answers",
            "expect": "not_applicable",
            "survey": [{**IT, "scores": {"REL": 3}}, {**BUSINESS, "scores": {"REL": 3}}],
        },
    ],
    "SRV002": [
        {"name": "same-view", "expect": "pass"},
        {"name": "wide-gap", "expect": "fail", "survey": [{**IT, "scores": {"SRV": 2}}, {**BUSINESS, "scores": {"SRV": 4}}]},
        # IT 3.0; Business 2 x 4 + 3 x 3 = 3.4; |gap| 0.4
        {
            "name": "moderate-gap-could-be-noise",
            "expect": "pass",
            "survey": [
                {**IT, "scores": {"SRV": 3}},
                {**BUSINESS, "n": 2, "scores": {"SRV": 4}},
                {**BUSINESS, "n": 3, "scores": {"SRV": 3}},
            ],
        },
        # the same gap 0.4 with 20 per side: Business sd 0.503, Welch t = 3.56, adjusted p < 0.05
        {
            "name": "moderate-gap",
            "expect": "warn",
            "survey": [
                {**IT, "n": 20, "scores": {"SRV": 3}},
                {**BUSINESS, "n": 8, "scores": {"SRV": 4}},
                {**BUSINESS, "n": 12, "scores": {"SRV": 3}},
            ],
        },
        # 6 IT and 4 Business: Business is hidden
        {
            "name": "business-group-too-small",
            "expect": "not_applicable",
            "survey": [{**IT, "n": 6, "scores": {"SRV": 3}}, {**BUSINESS, "n": 4, "scores": {"SRV": 3}}],
        },
    ],
    "SRV003": [
        # 10 respondents / 20 employees / 1 period = 0.5 >= 0.3
        {"name": "half-answered", "expect": "pass", "evidence": {"departments": DEPARTMENTS}},
        # 10 / 40 = 0.25 < 0.3, not < 0.15
        {
            "name": "quarter-answered",
            "expect": "warn",
            "evidence": {
                "departments": [
                    {"department": "IT Ops", "function": "IT", "headcount": 20},
                    {"department": "Sales", "function": "Business", "headcount": 20},
                ]
            },
        },
        # 10 / 100 = 0.1 < 0.15
        {
            "name": "few-answered",
            "expect": "fail",
            "evidence_total": 2,
            "evidence": {
                "departments": [
                    {"department": "IT Ops", "function": "IT", "headcount": 50},
                    {"department": "Sales", "function": "Business", "headcount": 50},
                ]
            },
        },
        # 20 respondents over 2 periods / 40 employees = 0.25 per period (0.5 if the periods were added up)
        {
            "name": "rate-is-per-period",
            "expect": "warn",
            "survey": [
                {**IT, "period": "2025-Q4", "scores": {"*": 3}},
                {**BUSINESS, "period": "2025-Q4", "scores": {"*": 3}},
                {**IT, "period": "2026-Q1", "scores": {"*": 3}},
                {**BUSINESS, "period": "2026-Q1", "scores": {"*": 3}},
            ],
            "evidence": {
                "departments": [
                    {"department": "IT Ops", "function": "IT", "headcount": 20},
                    {"department": "Sales", "function": "Business", "headcount": 20},
                ]
            },
        },
        # Sales lists a headcount of 0: its 5 respondents cannot count towards a rate; 5 / 20 = 0.25 < 0.3
        # (counting them against IT Ops' headcount would give 10 / 20 = 0.5, a pass)
        {
            "name": "respondents-without-headcount-do-not-lift-the-rate",
            "expect": "warn",
            "evidence": {
                "departments": [
                    {"department": "IT Ops", "function": "IT", "headcount": 20},
                    {"department": "Sales", "function": "Business", "headcount": 0},
                ]
            },
        },
        # Legal has no headcount and 3 respondents, too few to show: the rate of the others, against the
        # survey's total, would reveal them
        {
            "name": "hidden-department-without-headcount",
            "expect": "not_applicable",
            "survey": [*DEFAULT_SURVEY, {**BUSINESS, "n": 3, "department": "Legal", "scores": {"*": 3}}],
            "evidence": {"departments": [*DEPARTMENTS, {"department": "Legal", "function": "Business", "headcount": 0}]},
        },
        # each department over the rounds it answered in: IT Ops 20 / 4 = 5 a round, Sales 8 in its one round;
        # (5 + 8) / 35 = 0.37 >= 0.3 (spread over all four rounds it was 28 / 4 / 35 = 0.2, a warn)
        {
            "name": "department-judged-in-the-rounds-it-was-surveyed",
            "expect": "pass",
            "survey": SALES_IN_ONE_ROUND_OF_FOUR,
            "evidence": {"departments": SALES_OF_25},
        },
        {"name": "no-departments-table", "expect": "not_applicable"},
        {
            "name": "no-headcount",
            "expect": "not_applicable",
            "evidence": {
                "departments": [
                    {"department": "IT Ops", "function": "IT", "headcount": 0},
                    {"department": "Sales", "function": "Business", "headcount": 0},
                ]
            },
        },
        # 10 respondents from 8 employees would pass; 8 employees are too few to judge a rate (min_headcount 10)
        {
            "name": "too-few-employees",
            "expect": "not_applicable",
            "evidence": {
                "departments": [
                    {"department": "IT Ops", "function": "IT", "headcount": 4},
                    {"department": "Sales", "function": "Business", "headcount": 4},
                ]
            },
        },
    ],
    "SRV004": [
        # IT Ops and Sales: 5 / 10 = 0.5 each
        {"name": "everyone-answers", "expect": "pass", "evidence": {"departments": DEPARTMENTS}},
        # Finance: 0 / 30 < 0.1; 1 silent department > warn_above 0, not > fail_above 2
        {
            "name": "one-silent-department",
            "expect": "warn",
            "evidence_total": 1,
            "evidence": {"departments": [*DEPARTMENTS, {"department": "Finance", "function": "Business", "headcount": 30}]},
        },
        # Sales: 5 / 100 = 0.05 < 0.1 ...
        {
            "name": "low-rate-is-silent",
            "expect": "warn",
            "evidence": {
                "departments": [
                    {"department": "IT Ops", "function": "IT", "headcount": 10},
                    {"department": "Sales", "function": "Business", "headcount": 100},
                ]
            },
        },
        # ... but not below a silent_below of 0.04
        {
            "name": "lower-silent-threshold",
            "expect": "pass",
            "settings": {"thresholds": {"silent_below": 0.04}},
            "evidence": {
                "departments": [
                    {"department": "IT Ops", "function": "IT", "headcount": 10},
                    {"department": "Sales", "function": "Business", "headcount": 100},
                ]
            },
        },
        # 3 silent departments > 2
        {
            "name": "three-silent-departments",
            "expect": "fail",
            "evidence_total": 3,
            "evidence": {
                "departments": [
                    *DEPARTMENTS,
                    {"department": "Finance", "function": "Business", "headcount": 30},
                    {"department": "Legal", "function": "Business", "headcount": 8},
                    {"department": "HR", "function": "Business", "headcount": 12},
                ]
            },
        },
        # Legal lists a headcount of 0 and 6 people answered: it has no response rate, so it is not silent,
        # but listed as having no headcount; IT Ops and Sales answer at 0.5
        {
            "name": "no-headcount-is-not-silent",
            "expect": "pass",
            "evidence_total": 1,
            "survey": [*DEFAULT_SURVEY, {**BUSINESS, "n": 6, "department": "Legal", "scores": {"*": 3}}],
            "evidence": {"departments": [*DEPARTMENTS, {"department": "Legal", "function": "Business", "headcount": 0}]},
        },
        # Sales answered in one round of four: 8 / 25 = 0.32 in that round, not silent
        # (8 / 4 rounds / 25 = 0.08 < 0.1 called it silent)
        {
            "name": "surveyed-in-one-round-is-not-silent",
            "expect": "pass",
            "survey": SALES_IN_ONE_ROUND_OF_FOUR,
            "evidence": {"departments": SALES_OF_25},
        },
        {"name": "no-departments-table", "expect": "not_applicable"},
    ],
    "SRV005": [
        {
            "name": "everyone-commented",
            "expect": "pass",
            "survey": [{**IT, "scores": {"*": 3}, "comment": True}, {**BUSINESS, "scores": {"*": 3}, "comment": True}],
        },
        # 3 of 10 commented: 0.3 < 0.5, not < 0.2
        {
            "name": "few-commented",
            "expect": "warn",
            "survey": [
                {**IT, "n": 3, "scores": {"*": 3}, "comment": True},
                {**IT, "n": 2, "scores": {"*": 3}},
                {**BUSINESS, "scores": {"*": 3}},
            ],
        },
        # the default survey has no comments
        {"name": "nobody-commented", "expect": "fail"},
        # 4 real comments and 24 fillers among 40: 4 / 40 = 0.1 < 0.2 (the fillers made it 70 %, a pass)
        {
            "name": "filler-is-not-open-input",
            "expect": "fail",
            "survey": [
                {**IT, "n": 4, "scores": {"*": 3}, "comment": True},
                {**IT, "n": 6, "scores": {"*": 3}, "comment": "none"},
                {**IT, "n": 12, "scores": {"*": 3}},
                {**BUSINESS, "n": 6, "scores": {"*": 3}, "comment": "No comment."},
                {**BUSINESS, "n": 6, "scores": {"*": 3}, "comment": "nothing to add"},
                {**BUSINESS, "n": 6, "scores": {"*": 3}, "comment": " no "},
            ],
        },
        # the same in German, French, Spanish, Dutch and Swedish: 4 / 40 commented
        {
            "name": "filler-in-other-languages",
            "expect": "fail",
            "survey": [
                {**IT, "n": 4, "scores": {"*": 3}, "comment": True},
                {**IT, "n": 6, "scores": {"*": 3}, "comment": "Keine Kommentare"},
                {**IT, "n": 6, "scores": {"*": 3}, "comment": "Rien à ajouter!"},
                {**IT, "n": 6, "scores": {"*": 3}},
                {**BUSINESS, "n": 6, "scores": {"*": 3}, "comment": "Nada"},
                {**BUSINESS, "n": 6, "scores": {"*": 3}, "comment": "Geen opmerkingen"},
                {**BUSINESS, "n": 6, "scores": {"*": 3}, "comment": "Inget att tillägga"},
            ],
        },
        {
            "name": "too-few-respondents",
            "expect": "not_applicable",
            "survey": [{**IT, "n": 3, "scores": {"*": 3}}],
        },
    ],
    "SRV006": [
        # SRV-1 agree 1.0 and everyone commented
        {
            "name": "asked-and-answering",
            "expect": "pass",
            "survey": [
                {**IT, "scores": {"*": 3}, "items": {"SRV-1": 4}, "comment": True},
                {**BUSINESS, "scores": {"*": 3}, "items": {"SRV-1": 5}, "comment": True},
            ],
        },
        # agree 1.0 but nobody commented (0.0 < 0.3)
        {
            "name": "asked-but-silent",
            "expect": "warn",
            "survey": [
                {**IT, "scores": {"*": 3}, "items": {"SRV-1": 4}},
                {**BUSINESS, "scores": {"*": 3}, "items": {"SRV-1": 5}},
            ],
        },
        # nobody says they are asked (SRV-1 = 3): no comments is no contradiction
        {"name": "not-asked-and-silent", "expect": "pass"},
        {
            "name": "too-few-answers",
            "expect": "not_applicable",
            "survey": [{**IT, "n": 4, "scores": {"*": 3}, "items": {"SRV-1": 5}}],
        },
    ],
}
