"""Generate the bundled sample data (fixed seed, so the committed files are reproducible).

    python sample_data/generate.py

Writes sample_data/alignment_sample.xlsx (the full template workbook, filled in) and
sample_data/responses.csv (its Responses sheet). The story a leader should recognise:
the business rates trust and relationships lower than IT does; rotation is the weakest
tactic; scores improve quarter by quarter; Legal is too small to be shown on its own.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alignment.ingest import AGREEMENT_CHOICES, NO_ANSWER_CHOICE  # noqa: E402
from alignment.items import ITEMS  # noqa: E402
from alignment.tactics import TACTIC_CODES  # noqa: E402
from alignment.template import META_HEADERS, RESPONSE_HEADERS, build_template  # noqa: E402

SEED = 20261127
OUT_DIR = Path(__file__).resolve().parent
PERIODS = ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")
PERIOD_STARTS = {p: dt.date(int(p[:4]), 3 * (int(p[-1]) - 1) + 1, 1) for p in PERIODS}
DEPARTMENTS = {  # department: (function, respondents over the four periods, offset)
    "IT Infrastructure": ("IT", 30, -0.05),
    "IT Applications": ("IT", 32, 0.10),
    "Sales": ("Business", 40, -0.15),
    "Marketing": ("Business", 30, 0.10),
    "Finance": ("Business", 36, 0.05),
    "Operations": ("Business", 40, -0.20),
    "HR": ("Business", 28, 0.15),
    "Legal": ("Business", 4, 0.0),
}
BUSINESS_BASE = {"REL": 2.85, "TRU": 2.9, "MET": 3.15, "ROT": 2.2, "ASM": 3.0, "SRV": 3.3}
IT_UPLIFT = {"REL": 0.65, "TRU": 0.7, "MET": 0.15, "ROT": 0.1, "ASM": 0.2, "SRV": 0.05}
IMPROVEMENT_PER_QUARTER = 0.17
ROLES = ("Executive", "Manager", "Individual contributor", "Individual contributor")
COMMENT_RATE = 0.3
COMMENTS = {
    "REL": {
        "IT": [
            "We meet the business leads every month, but the agenda is mostly status updates.",
            "Our BRM is great at translating needs into requirements.",
            "We would like to hear about sales plans before they are announced, not after.",
            "Business units rarely tell us what is coming next quarter.",
        ],
        "Business": [
            "IT only shows up when something is already decided.",
            "I don't know who our relationship manager is.",
            "Explanations from IT are full of jargon; we need plain language on what is and isn't possible.",
            "The quarterly planning session with IT was the most useful meeting we had this year.",
            "Put an IT person in our weekly leadership meeting.",
        ],
    },
    "TRU": {
        "IT": [
            "Approvals for anything risky take months.",
            "We deliver, but every estimate is second-guessed.",
            "Too much detailed planning before we may start experimenting.",
        ],
        "Business": [
            "The last two projects ran late, so people doubt the next plan.",
            "IT is capable, but we never know when things will land.",
            "Decisions on big bets drag on for too long.",
            "The new finance system went live on time - more of that, please.",
        ],
    },
    "MET": {
        "IT": [
            "Our ticket KPIs say nothing about business value.",
            "We would love to see the revenue numbers our systems support.",
        ],
        "Business": [
            "I have no idea how IT measures success.",
            "A shared dashboard with cycle time and customer impact would help.",
            "Uptime is reported, but nobody tells us what outages cost us.",
        ],
    },
    "ROT": {
        "IT": [
            "I would love to spend a week with field sales.",
            "Shadowing the warehouse team taught me more than any requirements document.",
            "There is no budget or time for rotations.",
        ],
        "Business": [
            "Let marketers join developer stand-ups now and then.",
            "A mentoring scheme across IT and the business would help new managers.",
            "I have never seen how IT plans its work.",
            "Rotations exist on paper but nobody I know has done one.",
        ],
    },
    "ASM": {
        "IT": ["We spend most of the week firefighting.", "Problem management is finally reducing repeat incidents."],
        "Business": [
            "This survey should happen every quarter, with results shared.",
            "IT reacts quickly but rarely anticipates what we need.",
            "Last year's assessment led to nothing visible.",
        ],
    },
    "SRV": {
        "IT": [
            "The open comments are the most valuable part of this survey.",
            "Please share the results with the whole IT department.",
        ],
        "Business": [
            "Tell us what changed because of the last survey.",
            "IT could support our expansion plans by building data skills with us.",
            "Ask us about the vision, not only about ticket satisfaction.",
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
                if item.kind == "open":
                    pool = COMMENTS[item.tactic][function]
                    row[header] = pool[int(rng.integers(0, len(pool)))] if rng.random() < COMMENT_RATE else None
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
    assert tuple(frame.columns) == RESPONSE_HEADERS[: len(META_HEADERS)] + RESPONSE_HEADERS[len(META_HEADERS) :]
    return frame


def main() -> None:
    responses = generate_responses()
    build_template(OUT_DIR / "alignment_sample.xlsx", responses=responses)
    responses.to_csv(OUT_DIR / "responses.csv", index=False)
    print(f"wrote {len(responses)} respondents to {OUT_DIR.name}/alignment_sample.xlsx and responses.csv")


if __name__ == "__main__":
    main()
