"""Generate the bundled sample data (fixed seed, so the committed files are reproducible).

    python sample_data/generate.py

Writes sample_data/alignment_sample.xlsx (the full template workbook, filled in),
sample_data/responses.csv (its Responses sheet) and sample_data/evidence/*.csv (each
evidence sheet as a separate file, the other way to upload them). The story a leader
should recognise: the business rates trust and relationships lower than IT does; rotation
is the weakest tactic; scores improve quarter by quarter; Legal is too small to be shown
on its own.

The evidence covers 2025-10-01 to 2026-09-30 (the survey periods 2025-Q4 to 2026-Q3) and
tells the same story from the records: four of six business departments have a BRM;
Marketing stopped meeting IT in May and Legal met it once; few meetings are about plans;
deliveries are often late and their value rarely confirmed; high-risk bets stall; KPIs are
half hidden from the other side; rotations run almost only from IT into the business;
and the proactive share of IT work grows from about 18 % to about 28 %.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alignment.ingest.cells import AGREEMENT_CHOICES, NO_ANSWER_CHOICE  # noqa: E402
from alignment.ingest.evidence import EVIDENCE_TABLES  # noqa: E402
from alignment.items import ITEMS  # noqa: E402
from alignment.tactics import TACTIC_CODES  # noqa: E402
from alignment.template import RESPONSE_HEADERS, build_template  # noqa: E402

SEED = 20261127
OUT_DIR = Path(__file__).resolve().parent
PERIODS = ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")
PERIOD_STARTS = {p: dt.date(int(p[:4]), 3 * (int(p[-1]) - 1) + 1, 1) for p in PERIODS}
DEPARTMENTS = {  # department: (function, respondents over the four periods, offset)
    "IT Infrastructure": ("IT", 30, -0.05),
    "IT Applications": ("IT", 32, 0.10),
    "Sales": ("Business", 40, -0.15),
    "Marketing": ("Business", 30, 0.30),  # rates the relationship well, though its meetings with IT stopped in May
    "Finance": ("Business", 36, 0.05),
    "Operations": ("Business", 40, -0.20),
    "HR": ("Business", 28, 0.15),
    "Legal": ("Business", 4, 0.0),
}
BUSINESS_BASE = {"REL": 2.85, "TRU": 2.9, "MET": 3.15, "ROT": 2.2, "ASM": 3.0, "SRV": 3.3}
IT_UPLIFT = {"REL": 0.65, "TRU": 0.7, "MET": 0.15, "ROT": 0.1, "ASM": 0.2, "SRV": 0.05}
IMPROVEMENT_PER_QUARTER = 0.17
ROLES = ("Executive", "Manager", "Individual contributor", "Individual contributor")
COMMENTER_SHARE = 0.4  # share of respondents who write anything at all (decided once per respondent)
COMMENT_RATE = 0.5  # chance that a commenter answers a given open question
COMMENTS = {
    "REL": {
        "IT": [
            "We meet the business leads every month, but the agenda is mostly status updates.",
            "Our BRM is great at translating needs into requirements.",
            "We would like to hear about sales plans before they are announced, not after.",
            "Business units rarely tell us what is coming next quarter.",
            "Some departments have no named contact in IT, so their requests arrive as surprises.",
            "The monthly meeting with Finance works because their director actually comes.",
            "Some departments only invite us once their budget is already fixed.",
        ],
        "Business": [
            "IT only shows up when something is already decided.",
            "I don't know who our relationship manager is.",
            "Explanations from IT are full of jargon; we need plain language on what is and isn't possible.",
            "The quarterly planning session with IT was the most useful meeting we had this year.",
            "Put an IT person in our weekly leadership meeting.",
            "Our BRM listens, but decisions are still made somewhere else in IT.",
            "We used to meet IT every month; lately nobody has followed up.",
            "One named contact for all our requests would save us a lot of chasing.",
        ],
    },
    "TRU": {
        "IT": [
            "Approvals for anything risky take months.",
            "We deliver, but every estimate is second-guessed.",
            "Too much detailed planning before we may start experimenting.",
            "One project overran, and now every budget we propose is questioned.",
            "Give us a small budget to prove an idea before asking for a full business case.",
        ],
        "Business": [
            "The last two projects ran late, so people doubt the next plan.",
            "IT is capable, but we never know when things will land.",
            "Decisions on big bets drag on for too long.",
            "The new finance system went live on time - more of that, please.",
            "Tell us early when a date is going to slip, not on the day.",
            "Our proposal for a new customer service tool has waited months for a decision.",
            "Smaller releases more often would build more confidence than one big launch.",
        ],
    },
    "MET": {
        "IT": [
            "Our ticket KPIs say nothing about business value.",
            "We would love to see the revenue numbers our systems support.",
            "Nobody in IT can see the customer satisfaction figures.",
            "We report availability every month, but nobody in the business reads it.",
        ],
        "Business": [
            "I have no idea how IT measures success.",
            "A shared dashboard with cycle time and customer impact would help.",
            "Uptime is reported, but nobody tells us what outages cost us.",
            "Show how fast an order gets from the web shop to the customer, end to end.",
            "Measure IT by the hours it saves our teams, not by the number of tickets closed.",
            "I would like to see IT's project costs next to the benefits we agreed.",
        ],
    },
    "ROT": {
        "IT": [
            "I would love to spend a week with field sales.",
            "Shadowing the warehouse team taught me more than any requirements document.",
            "There is no budget or time for rotations.",
            "Two days in the finance team during month-end close would help me a lot.",
            "A mentor from the business would help me understand their priorities.",
        ],
        "Business": [
            "Let marketers join developer stand-ups now and then.",
            "A mentoring scheme across IT and the business would help new managers.",
            "I have never seen how IT plans its work.",
            "Rotations exist on paper but nobody I know has done one.",
            "I would gladly host someone from IT in our branch for a week.",
            "Sitting in on an incident review would show us why fixes take so long.",
        ],
    },
    "ASM": {
        "IT": [
            "We spend most of the week firefighting.",
            "Problem management is finally reducing repeat incidents.",
            "We now keep time for improvements each sprint, and it shows.",
            "Share the survey results with the teams, not only with management.",
        ],
        "Business": [
            "This survey should happen every quarter, with results shared.",
            "IT reacts quickly but rarely anticipates what we need.",
            "Last year's assessment led to nothing visible.",
            "Agree two or three actions after each round and report on them next time.",
            "The same incidents keep coming back; fix the causes.",
            "Things are better than a year ago, especially the service desk.",
        ],
    },
    "SRV": {
        "IT": [
            "The open comments are the most valuable part of this survey.",
            "Please share the results with the whole IT department.",
            "Ask the business what they would stop doing if IT fixed one thing.",
            "Keep the survey short, or people will stop answering it.",
        ],
        "Business": [
            "Tell us what changed because of the last survey.",
            "IT could support our expansion plans by building data skills with us.",
            "Ask us about the vision, not only about ticket satisfaction.",
            "Help us automate the manual reporting we still do in spreadsheets.",
            "Better data on our customers would do more for growth than another new tool.",
            "Involve us when IT picks new systems, not just at training time.",
        ],
    },
}


def _answer_label(value: int, numeric: bool) -> str | int:
    return value if numeric else AGREEMENT_CHOICES[value - 1]


def generate_responses(seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    respondent = 0
    for department, (function, count, offset) in DEPARTMENTS.items():
        for index in range(count):
            period_index = index % len(PERIODS)
            period = PERIODS[period_index]
            respondent += 1
            person = rng.normal(0, 0.35)
            numeric = rng.random() < 0.1
            commenter = rng.random() < COMMENTER_SHARE
            latent = {}
            for code in TACTIC_CODES:
                base = BUSINESS_BASE[code] + (IT_UPLIFT[code] if function == "IT" else 0.0)
                latent[code] = base + offset + person + IMPROVEMENT_PER_QUARTER * period_index + rng.normal(0, 0.3)
            row: dict[str, object] = {
                "respondent_id": f"R{respondent:03d}",
                "period": period,
                "submitted": PERIOD_STARTS[period] + dt.timedelta(days=int(rng.integers(10, 40))),
                "function": function,
                "department": department,
                "role": ROLES[int(rng.integers(0, len(ROLES)))],
            }
            for item in ITEMS:
                header = f"{item.id} {item.text}"
                if item.kind == "importance":
                    continue  # drawn afterwards, from a generator of their own, so the other answers stay as they were
                if item.kind == "open":
                    pool = COMMENTS[item.tactic][function]
                    answered = commenter and rng.random() < COMMENT_RATE
                    row[header] = pool[int(rng.integers(0, len(pool)))] if answered else None
                    continue
                mean = np.mean(list(latent.values())) if item.tactic == "OVR" else latent[item.tactic]
                draw = rng.random()
                if draw < 0.03:
                    row[header] = NO_ANSWER_CHOICE
                    continue
                if draw < 0.05:
                    row[header] = None
                    continue
                value = int(np.clip(np.rint(mean + rng.normal(0, 0.7)), 1, 5))
                row[header] = _answer_label(6 - value if item.reverse else value, numeric)
            rows.append(row)
    frame = pd.DataFrame(rows)
    _add_importance(frame, np.random.default_rng(seed + 1))
    frame = frame[list(RESPONSE_HEADERS)]
    return frame


# How important each tactic is to people (the optional -I questions): relationships and trust matter most to them,
# rotation least. About half of the respondents answer these optional questions.
IMPORTANCE_MEANS = {"REL": 4.4, "TRU": 4.5, "MET": 3.9, "ROT": 3.0, "ASM": 3.6, "SRV": 3.4}
IMPORTANCE_SHARE = 0.5


def _add_importance(frame: pd.DataFrame, rng: np.random.Generator) -> None:
    answers = rng.random(len(frame)) < IMPORTANCE_SHARE
    for item in ITEMS:
        if item.kind != "importance":
            continue
        values = np.clip(np.rint(IMPORTANCE_MEANS[item.tactic] + rng.normal(0, 0.8, len(frame))), 1, 5).astype(int)
        frame[f"{item.id} {item.text}"] = [int(v) if answered else None for v, answered in zip(values, answers, strict=True)]


# ------------------------------------------------------------------------------ evidence

EVIDENCE_SEED = SEED + 1  # a separate stream, so the evidence never changes the responses
EVIDENCE_START, EVIDENCE_END = dt.date(2025, 10, 1), dt.date(2026, 9, 30)
EVIDENCE_DIR = OUT_DIR / "evidence"
HEADCOUNT = {
    "IT Infrastructure": 28,
    "IT Applications": 35,
    "Sales": 90,
    "Marketing": 40,
    "Finance": 45,
    "Operations": 120,
    "HR": 25,
    "Legal": 9,
}
BRM = {"Sales": "Nadia Okafor", "Marketing": "Martin Holm", "Finance": "Claire Dubois", "Operations": "Ravi Menon"}
DIRECTOR = {
    "Sales": "Sales Director",
    "Marketing": "Marketing Director",
    "Finance": "CFO",
    "Operations": "COO",
    "HR": "HR Director",
    "Legal": "General Counsel",
}
MANAGER = {
    "Sales": "Head of Sales Operations",
    "Marketing": "Head of Digital Marketing",
    "Finance": "Financial Controller",
    "Operations": "Logistics Manager",
    "HR": "HR Operations Manager",
    "Legal": "Senior Legal Counsel",
}
YES_NO = {True: "yes", False: "no", None: None}


def _months() -> list[dt.date]:
    """The first day of each month covered by the evidence."""
    return [dt.date(2025 + (9 + m) // 12, (9 + m) % 12 + 1, 1) for m in range(12)]


def _weekday_in(rng: np.random.Generator, first: dt.date, last: dt.date) -> dt.date:
    """A random working day between first and last (inclusive)."""
    days = [first + dt.timedelta(days=d) for d in range((last - first).days + 1)]
    workdays = [d for d in days if d.weekday() < 5]
    return workdays[int(rng.integers(0, len(workdays)))]


def _working_day(day: dt.date) -> dt.date:
    """The day itself, or the Friday before when it falls on a weekend."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _frame(table_name: str, rows: list[tuple]) -> pd.DataFrame:
    """Rows in the table's column order, as Python objects (dates stay dates, whole numbers stay whole)."""
    table = next(t for t in EVIDENCE_TABLES if t.name == table_name)
    assert all(len(row) == len(table.columns) for row in rows), table_name
    assert tuple(table.example) not in rows, f"{table_name}: a row equals the template's example row and would be ignored"
    return pd.DataFrame(rows, columns=list(table.columns), dtype=object)


def generate_departments() -> pd.DataFrame:
    rows = [(name, DEPARTMENTS[name][0], HEADCOUNT[name], BRM.get(name)) for name in DEPARTMENTS]
    return _frame("Departments", rows)


def generate_engagements(rng: np.random.Generator) -> pd.DataFrame:
    """Sales and Finance monthly, Operations fortnightly, HR quarterly, Marketing until May, Legal once."""
    meetings: list[tuple[dt.date, str, str]] = []
    for month in _months():
        quarter_start, quarter_end = month.month in (1, 4, 7, 10), month.month in (3, 6, 9, 12)
        # Sales: quarterly planning, half-yearly steering, one-to-ones with the BRM in between
        sales_kind = "planning" if quarter_start else "steering" if month.month in (3, 9) else "one-to-one"
        meetings.append((_weekday_in(rng, month.replace(day=3), month.replace(day=24)), "Sales", sales_kind))
        # Finance: quarterly steering at quarter end, budget planning in October, one-to-ones otherwise
        finance_kind = "steering" if quarter_end else "planning" if month.month == 10 else "one-to-one"
        finance_day = (
            dt.date(2026, 9, 28)
            if month == dt.date(2026, 9, 1)
            else _weekday_in(rng, month.replace(day=5), month.replace(day=26))
        )
        meetings.append((finance_day, "Finance", finance_kind))
        # Marketing: monthly until May 2026, then nothing
        if month <= dt.date(2026, 5, 1):
            marketing_kind = "planning" if month.month == 1 else "workshop" if month.month == 3 else "one-to-one"
            meetings.append((_weekday_in(rng, month.replace(day=6), month.replace(day=22)), "Marketing", marketing_kind))
        # HR: one quarterly meeting with IT's service delivery manager
        if quarter_start:
            meetings.append((_weekday_in(rng, month.replace(day=10), month.replace(day=20)), "HR", "one-to-one"))
        # Legal: a single meeting, about the contract repository
        if month == dt.date(2025, 11, 1):
            meetings.append((_weekday_in(rng, month.replace(day=10), month.replace(day=20)), "Legal", "one-to-one"))
    # Operations: fortnightly one-to-ones on Thursdays, half-yearly steering, two process workshops
    thursday = dt.date(2025, 10, 2)
    while thursday <= dt.date(2026, 9, 24):
        meetings.append((thursday, "Operations", "one-to-one"))
        thursday += dt.timedelta(days=14)
    meetings += [
        (dt.date(2025, 12, 9), "Operations", "steering"),
        (dt.date(2026, 6, 16), "Operations", "steering"),
        (dt.date(2026, 2, 11), "Operations", "workshop"),
        (dt.date(2026, 8, 19), "Operations", "workshop"),
        (dt.date(2026, 4, 22), "Sales", "workshop"),
        (dt.date(2026, 7, 8), "Finance", "workshop"),
    ]
    attendees = {
        "steering": lambda d: ("CIO", DIRECTOR[d]),
        "planning": lambda d: ("Head of Applications", DIRECTOR[d]),
        "one-to-one": lambda d: ("Business relationship manager" if d in BRM else "Service delivery manager", MANAGER[d]),
        "workshop": lambda d: ("Solution architect", MANAGER[d]),
    }
    rows = [(day, department, kind, *attendees[kind](department)) for day, department, kind in sorted(meetings)]
    return _frame("Engagements", rows)


# initiative, sponsor, status, budget (thousand EUR), risk, on time, within budget (+10 %), value confirmed (None = not reviewed)
INITIATIVES = (
    ("Web shop checkout redesign", "Sales", "done", 420, "medium", True, True, True),
    ("Month-end close automation", "Finance", "done", 180, "medium", True, True, True),
    ("Warehouse scanner rollout", "Operations", "done", 310, "low", False, True, True),
    ("Payroll system upgrade", "HR", "done", 150, "low", True, True, False),
    ("Marketing automation platform", "Marketing", "done", 260, "medium", False, False, False),
    ("Sales forecasting dashboard", "Sales", "done", 90, "low", True, True, True),
    ("Supplier portal", "Operations", "done", 240, "medium", False, True, None),
    ("Expense management app", "Finance", "done", 70, "low", True, True, True),
    ("Contract repository", "Legal", "done", 60, "low", True, True, None),
    ("Customer data platform", "Marketing", "done", 680, "high", False, False, False),
    ("Delivery route optimisation", "Operations", "done", 210, "medium", True, True, True),
    ("Recruitment portal refresh", "HR", "done", 80, "low", False, True, False),
    ("Price management tool", "Sales", "done", 190, "medium", True, True, None),
    ("Invoice scanning (OCR)", "Finance", "done", 120, "low", True, True, True),
    ("Branch Wi-Fi replacement", "Operations", "done", 350, "low", False, True, False),
    ("Partner onboarding workflow", "Sales", "done", 110, "low", True, True, False),
    ("ERP migration to the cloud", "Finance", "in progress", 2400, "high", None, None, None),
    ("AI-assisted customer service", "Sales", "proposed", 950, "high", None, None, None),
    ("Predictive maintenance for the delivery fleet", "Operations", "on hold", 720, "high", None, None, None),
    ("Dynamic pricing engine", "Sales", "proposed", 540, "high", None, None, None),
    ("Mobile app for field sales", "Sales", "approved", 300, "medium", None, None, None),
    ("HR self-service portal", "HR", "in progress", 160, "low", None, None, None),
    ("Loyalty programme relaunch", "Marketing", "cancelled", 380, "medium", None, None, None),
    ("Demand forecasting", "Operations", "in progress", 450, "medium", None, None, None),
)


def generate_initiatives(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for name, sponsor, status, thousands, risk, on_time, on_budget, value in INITIATIVES:
        budget = thousands * 1000
        planned_end = actual_end = actual_cost = None
        if status == "done":
            actual_end = _weekday_in(rng, EVIDENCE_START + dt.timedelta(days=14), EVIDENCE_END - dt.timedelta(days=7))
            slip = int(rng.integers(12, 80)) if not on_time else -int(rng.integers(0, 15))
            planned_end = _working_day(actual_end - dt.timedelta(days=slip))
            factor = rng.uniform(0.86, 1.08) if on_budget else rng.uniform(1.15, 1.3)
            actual_cost = int(round(budget * factor, -2))
        elif status in ("in progress", "approved"):
            planned_end = _weekday_in(rng, dt.date(2026, 11, 1), dt.date(2027, 6, 30))
            actual_cost = int(round(budget * rng.uniform(0.2, 0.6), -2)) if status == "in progress" else None
        elif status == "on hold":
            planned_end = _weekday_in(rng, dt.date(2026, 6, 1), dt.date(2026, 12, 31))
            actual_cost = int(round(budget * rng.uniform(0.05, 0.15), -2))
        elif status == "cancelled":
            planned_end = _weekday_in(rng, dt.date(2026, 3, 1), dt.date(2026, 8, 31))
            actual_cost = int(round(budget * rng.uniform(0.1, 0.3), -2))
        rows.append((name, sponsor, status, planned_end, actual_end, budget, actual_cost, YES_NO[value], risk))
    return _frame("Initiatives", rows)


# kpi, owner, kind, unit, target, 2026-Q2 actual, 2026-Q3 actual, higher is better, visible to, business objective
KPIS = (
    ("Incident mean time to restore", "IT", "it_efficiency", "hours", 4, 5.6, 5.1, "no", "both", "Reliable operations"),
    ("Service desk first-contact resolution", "IT", "it_efficiency", "%", 70, 67, 72, "yes", "IT", None),
    ("Change success rate", "IT", "it_efficiency", "%", 95, 92.8, 93.5, "yes", "IT", None),
    ("Core systems availability", "IT", "it_efficiency", "%", 99.8, 99.71, 99.86, "yes", "both", "Reliable operations"),
    ("Release lead time", "IT", "it_efficiency", "days", 10, 12, 8, "no", "IT", "Grow online revenue"),
    ("IT cost per employee", "IT", "it_efficiency", "EUR", 5200, 5350, 5100, "no", "IT", "Lower cost to serve"),
    ("Open service requests backlog", "IT", "it_efficiency", "requests", None, 412, 365, "no", "IT", None),
    ("Online conversion rate", "Business", "business_outcome", "%", 2.8, 2.6, 2.9, "yes", "both", "Grow online revenue"),
    ("Days sales outstanding", "Business", "business_outcome", "days", 45, 51, 49, "no", "both", "Faster cash collection"),
    ("Order fill rate", "Business", "business_outcome", "%", 97, 96.1, 97.4, "yes", "both", "On-time delivery to customers"),
    ("Net promoter score", "Business", "business_outcome", "points", 40, 31, 34, "yes", "Business", "Happier customers"),
    ("Campaign lead-to-order rate", "Business", "business_outcome", "%", 6, 5.4, 6.1, "yes", "Business", "Grow online revenue"),
    ("Voluntary staff turnover", "Business", "business_outcome", "%", 12, 14.1, 13.4, "no", "Business", None),
    ("Self-service portal share of orders", "IT", "business_outcome", "%", None, 18, 23, None, "both", "Lower cost to serve"),
)


def generate_kpis() -> pd.DataFrame:
    """The same KPIs for 2026-Q2 and 2026-Q3; the checks read the latest period."""
    rows = []
    for period in ("2026-Q2", "2026-Q3"):
        for name, owner, kind, unit, target, q2, q3, higher, visible_to, objective in KPIS:
            actual = q3 if period == "2026-Q3" else q2
            to_business, to_it = YES_NO[visible_to != "IT"], YES_NO[visible_to != "Business"]
            rows.append((name, owner, objective, kind, unit, target, actual, higher, to_business, to_it, period))
    return _frame("KPIs", rows)


# home department, host department, kind, start month, length in days (None = still running)
ROTATIONS = (
    ("IT Applications", "Sales", "shadowing", dt.date(2025, 10, 1), 10),
    ("IT Infrastructure", "Operations", "shadowing", dt.date(2025, 11, 1), 5),
    ("IT Applications", "Finance", "rotation", dt.date(2025, 11, 1), 90),
    ("IT Applications", "Marketing", "mentoring", dt.date(2026, 1, 1), 150),
    ("IT Infrastructure", "Operations", "rotation", dt.date(2026, 2, 1), 91),
    ("Marketing", "IT Applications", "shadowing", dt.date(2026, 2, 1), 10),
    ("IT Applications", "Operations", "shadowing", dt.date(2026, 3, 1), 5),
    ("IT Applications", "Sales", "shadowing", dt.date(2026, 4, 1), 10),
    ("IT Infrastructure", "Finance", "shadowing", dt.date(2026, 5, 1), 4),
    ("IT Applications", "Marketing", "shadowing", dt.date(2026, 5, 1), 5),
    ("Operations", "IT Infrastructure", "rotation", dt.date(2026, 6, 1), None),
    ("IT Applications", "Sales", "mentoring", dt.date(2026, 7, 1), None),
    ("IT Infrastructure", "Sales", "shadowing", dt.date(2026, 8, 1), 5),
    ("IT Applications", "Finance", "mentoring", dt.date(2026, 9, 1), None),
)


def generate_rotations(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for number, (home, host, kind, month, days) in enumerate(ROTATIONS, start=1):
        start = _weekday_in(rng, month, month + dt.timedelta(days=20))
        end = None if days is None else _working_day(start + dt.timedelta(days=days - 1))
        rows.append((f"P-{number:04d}", DEPARTMENTS[home][0], home, host, start, end, kind))
    return _frame("Rotations", rows)


WORK_ITEMS_PER_QUARTER = 1500
# kind mix of IT work in the first and the last quarter; the quarters between are interpolated
WORK_MIX_FIRST = {"incident": 0.46, "request": 0.30, "change": 0.07, "problem": 0.05, "improvement": 0.08, "project": 0.04}
WORK_MIX_LAST = {"incident": 0.385, "request": 0.28, "change": 0.07, "problem": 0.07, "improvement": 0.125, "project": 0.07}
EXPLICIT_PROACTIVE_RATE = 0.08  # rows where the ticketing tool exports the flag; blank elsewhere (derived from kind)
PLANNED_CHANGE_RATE = 0.1  # changes flagged proactive explicitly: planned preventive maintenance


def generate_work_items(rng: np.random.Generator) -> pd.DataFrame:
    departments = list(HEADCOUNT)
    weights = np.array([HEADCOUNT[d] for d in departments], dtype=float)
    weights /= weights.sum()
    kinds = list(WORK_MIX_FIRST)
    items = []
    for index, period in enumerate(PERIODS):
        share = index / (len(PERIODS) - 1)
        mix = np.array([(1 - share) * WORK_MIX_FIRST[k] + share * WORK_MIX_LAST[k] for k in kinds])
        first = PERIOD_STARTS[period]
        last = (first + dt.timedelta(days=95)).replace(day=1) - dt.timedelta(days=1)
        for _ in range(int(rng.normal(WORK_ITEMS_PER_QUARTER, 40))):
            kind = kinds[int(rng.choice(len(kinds), p=mix))]
            department = departments[int(rng.choice(len(departments), p=weights))] if rng.random() > 0.03 else None
            if kind == "change" and rng.random() < PLANNED_CHANGE_RATE:
                proactive = "yes"
            elif rng.random() < EXPLICIT_PROACTIVE_RATE:
                proactive = YES_NO[kind in {"problem", "improvement", "project"}]
            else:
                proactive = None
            items.append((_weekday_in(rng, first, last), department, kind, proactive))
    items.sort(key=lambda item: item[0])
    rows = [(f"WI-{number:06d}", *item) for number, item in enumerate(items, start=1)]
    return _frame("WorkItems", rows)


def generate_evidence(seed: int = EVIDENCE_SEED) -> dict[str, pd.DataFrame]:
    """The six evidence tables, keyed by their template sheet name."""
    rng = np.random.default_rng(seed)
    return {
        "Departments": generate_departments(),
        "KPIs": generate_kpis(),
        "Engagements": generate_engagements(rng),
        "Rotations": generate_rotations(rng),
        "WorkItems": generate_work_items(rng),
        "Initiatives": generate_initiatives(rng),
    }


def main() -> None:
    responses = generate_responses()
    evidence = generate_evidence()
    build_template(OUT_DIR / "alignment_sample.xlsx", responses=responses, evidence=evidence)
    responses.to_csv(OUT_DIR / "responses.csv", index=False)
    EVIDENCE_DIR.mkdir(exist_ok=True)
    for table in EVIDENCE_TABLES:
        evidence[table.name].to_csv(EVIDENCE_DIR / f"{table.key}.csv", index=False)
    sizes = ", ".join(f"{len(frame)} {name}" for name, frame in evidence.items())
    print(f"wrote {len(responses)} respondents to {OUT_DIR.name}/alignment_sample.xlsx and responses.csv")
    print(f"wrote evidence ({sizes}) to the workbook and {OUT_DIR.name}/{EVIDENCE_DIR.name}/")


if __name__ == "__main__":
    main()
