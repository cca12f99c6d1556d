"""Deterministic synthetic data at the sizes a real organisation has, cached on disk.

- ``survey_frame(n)``: n respondents with the full item bank in the template's Responses layout
  (``alignment.template.RESPONSE_HEADERS``): mostly agreement labels, about one respondent in ten
  answering with numbers 1-5, ~3 % "N/A" and ~2 % blank answers, 20 departments (5 IT, 15 business),
  4 quarterly periods, and comments on the open questions from ~40 % of respondents.
- ``work_items_frame(n)``: the WorkItems evidence table (id, opened over the same 4 quarters,
  department, kind, proactive blank for most rows).

Files are written once to a cache folder (default ``bench/.data/``) as CSV (pandas ``to_csv``)
and, for the survey, as the template workbook (``alignment.template.build_template``); reruns
reuse them. The file names carry ``GENERATOR_VERSION``, so a change here never reuses stale data.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import pandas as pd

from alignment.ingest.cells import AGREEMENT_CHOICES, NO_ANSWER_CHOICE
from alignment.ingest.evidence import EVIDENCE_BY_KEY, PROACTIVE_KINDS, WORK_KINDS
from alignment.items import ITEMS, header_for
from alignment.tactics import TACTIC_CODES
from alignment.template import RESPONSE_HEADERS, build_template

GENERATOR_VERSION = 1
SEED = 20260501
WORK_ITEMS_SEED = SEED + 1
DEFAULT_DATA_DIR = Path(__file__).resolve().parent / ".data"

PERIODS = ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")
PERIOD_STARTS = tuple(dt.date(int(p[:4]), 3 * (int(p[-1]) - 1) + 1, 1) for p in PERIODS)
EVIDENCE_START, EVIDENCE_END = dt.date(2025, 10, 1), dt.date(2026, 9, 30)
DEPARTMENTS: tuple[tuple[str, str, float], ...] = (  # name, function, relative size
    ("IT Infrastructure", "IT", 3),
    ("IT Applications", "IT", 4),
    ("IT Service Desk", "IT", 2),
    ("IT Security", "IT", 1),
    ("IT Data & Analytics", "IT", 2),
    ("Sales", "Business", 8),
    ("Marketing", "Business", 4),
    ("Finance", "Business", 4),
    ("Operations", "Business", 10),
    ("HR", "Business", 2),
    ("Legal", "Business", 1),
    ("Procurement", "Business", 2),
    ("Customer Service", "Business", 7),
    ("Logistics", "Business", 6),
    ("Manufacturing", "Business", 9),
    ("Research & Development", "Business", 4),
    ("Product Management", "Business", 2),
    ("Facilities", "Business", 1),
    ("Risk & Compliance", "Business", 1),
    ("Strategy", "Business", 0.5),
)
ROLES = ("Executive", "Manager", "Individual contributor", "Individual contributor", "Individual contributor")
BUSINESS_BASE = {"REL": 2.85, "TRU": 2.9, "MET": 3.15, "ROT": 2.2, "ASM": 3.0, "SRV": 3.3}
IT_UPLIFT = {"REL": 0.65, "TRU": 0.7, "MET": 0.15, "ROT": 0.1, "ASM": 0.2, "SRV": 0.05}
IMPROVEMENT_PER_QUARTER = 0.15
NUMERIC_SHARE = 0.1  # respondents who answer with numbers 1-5 instead of labels
NO_ANSWER_SHARE = 0.03
BLANK_SHARE = 0.02
COMMENTER_SHARE = 0.4
COMMENT_RATE = 0.5  # chance that a commenter answers a given open question
COMMENT_POOL = (
    "We need to talk earlier about plans.",
    "IT is helpful but often too late.",
    "Decisions take far too long.",
    "Share the metrics with everyone.",
    "A rotation with the other side would help.",
    "Nothing changed after the last survey.",
    "Our relationship manager is great.",
    "Less jargon, more plain language.",
    "Fix the causes, not only the incidents.",
    "Keep the survey short.",
    "Show us what IT costs and what it brings.",
    "Invite IT to our planning meetings.",
)
COMMENT_SUFFIXES = (
    "Seen again in week {n}.",
    "Ticket {n} is one example.",
    "Raised in team meeting {n}.",
    "Same as last quarter ({n}).",
    "Noted in review {n}.",
)
WORK_KIND_WEIGHTS = (0.45, 0.30, 0.06, 0.10, 0.06, 0.03)  # incident, request, problem, change, improvement, project
PROACTIVE_GIVEN_SHARE = 0.1


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def survey_frame(n: int, seed: int = SEED) -> pd.DataFrame:
    """n respondents in the Responses layout; the same n and seed always give the same frame."""
    rng = np.random.default_rng([seed, n])
    names = np.array([d[0] for d in DEPARTMENTS], dtype=object)
    is_it = np.array([d[1] == "IT" for d in DEPARTMENTS])
    weights = np.array([d[2] for d in DEPARTMENTS], dtype=float)
    department = rng.choice(len(DEPARTMENTS), size=n, p=weights / weights.sum())
    dept_offset = rng.normal(0, 0.15, len(DEPARTMENTS))[department]
    it = is_it[department]
    period = rng.integers(0, len(PERIODS), size=n)
    person = rng.normal(0, 0.35, size=n)
    numeric = rng.random(n) < NUMERIC_SHARE
    commenter = rng.random(n) < COMMENTER_SHARE

    starts = np.array(PERIOD_STARTS, dtype="datetime64[D]")[period] + rng.integers(10, 40, size=n).astype("timedelta64[D]")
    frame: dict[str, object] = {
        "respondent_id": np.char.add("R", np.char.zfill(np.arange(1, n + 1).astype(str), 7)).astype(object),
        "period": np.array(PERIODS, dtype=object)[period],
        "submitted": pd.Series(starts).dt.date.to_numpy(dtype=object),
        "function": np.where(it, "IT", "Business").astype(object),
        "department": names[department],
        "role": np.array(ROLES, dtype=object)[rng.integers(0, len(ROLES), size=n)],
    }
    latent = {
        code: BUSINESS_BASE[code] + np.where(it, IT_UPLIFT[code], 0.0) + dept_offset + person
        + IMPROVEMENT_PER_QUARTER * period + rng.normal(0, 0.3, size=n)
        for code in TACTIC_CODES
    }  # fmt: skip
    latent["OVR"] = np.mean([latent[c] for c in TACTIC_CODES], axis=0)
    labels = np.array(AGREEMENT_CHOICES, dtype=object)
    numbers = np.arange(1, 6).astype(object)
    pool = np.array(COMMENT_POOL, dtype=object)
    suffixes = np.array(COMMENT_SUFFIXES, dtype=object)
    for item in ITEMS:
        header = header_for(item)
        if item.kind == "open":
            answered = commenter & (rng.random(n) < COMMENT_RATE)
            sentence = pool[rng.integers(0, len(pool), size=n)]
            suffix = suffixes[rng.integers(0, len(suffixes), size=n)]
            tag = rng.integers(1, 10000, size=n)
            column = np.full(n, None, dtype=object)
            for i in np.flatnonzero(answered):
                column[i] = f"{sentence[i]} {suffix[i].format(n=tag[i])}"
            frame[header] = column
            continue
        value = np.clip(np.rint(latent[item.tactic] + rng.normal(0, 0.7, size=n)), 1, 5).astype(int)
        if item.reverse:
            value = 6 - value
        column = np.where(numeric, numbers[value - 1], labels[value - 1])
        draw = rng.random(n)
        column[draw < NO_ANSWER_SHARE + BLANK_SHARE] = None
        column[draw < NO_ANSWER_SHARE] = NO_ANSWER_CHOICE
        frame[header] = column
    result = pd.DataFrame(frame)
    assert tuple(result.columns) == RESPONSE_HEADERS
    return result


def work_items_frame(n: int, seed: int = WORK_ITEMS_SEED) -> pd.DataFrame:
    """n WorkItems rows over the four survey quarters; proactive is blank for most rows (derived from kind)."""
    rng = np.random.default_rng([seed, n])
    days = (EVIDENCE_END - EVIDENCE_START).days + 1
    opened = np.datetime64(EVIDENCE_START.isoformat(), "D") + rng.integers(0, days, size=n).astype("timedelta64[D]")
    weights = np.array([d[2] for d in DEPARTMENTS], dtype=float)
    kind = np.array(WORK_KINDS, dtype=object)[rng.choice(len(WORK_KINDS), size=n, p=WORK_KIND_WEIGHTS)]
    department = np.array([d[0] for d in DEPARTMENTS], dtype=object)[
        rng.choice(len(DEPARTMENTS), size=n, p=weights / weights.sum())
    ]
    department[rng.random(n) < 0.02] = None  # some items have no department
    by_kind = np.isin(kind, list(PROACTIVE_KINDS))
    flipped = rng.random(n) < 0.1  # where given, proactive occasionally disagrees with the kind
    proactive = np.where(by_kind ^ flipped, "yes", "no").astype(object)
    proactive[rng.random(n) >= PROACTIVE_GIVEN_SHARE] = None
    frame = pd.DataFrame(
        {
            "id": np.char.add("WI-", np.char.zfill(np.arange(1, n + 1).astype(str), 7)),
            "opened": np.datetime_as_string(opened, unit="D"),
            "department": department,
            "kind": kind,
            "proactive": proactive,
        }
    )
    assert tuple(frame.columns) == EVIDENCE_BY_KEY["work_items"].columns
    return frame


def survey_path(n: int, fmt: str, data_dir: Path = DEFAULT_DATA_DIR) -> Path:
    """The survey of n respondents as .csv or .xlsx, generated on first use."""
    if fmt not in {"csv", "xlsx"}:
        raise ValueError(fmt)
    path = Path(data_dir) / f"survey_{n}_v{GENERATOR_VERSION}.{fmt}"
    if not path.exists():
        frame = survey_frame(n)
        if fmt == "csv":
            _atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))
        else:
            _atomic_write(path, lambda tmp: build_template(str(tmp), responses=frame))
    return path


def numbers_survey_frame(n: int, seed: int = SEED) -> pd.DataFrame:
    """survey_frame(n) as a survey tool exports it with numeric coding: every answer a number 1-5 (N/A and
    blanks kept) and no comments; about 120 bytes a respondent, so 1M respondents make a ~120 MB CSV."""
    frame = survey_frame(n, seed)
    number = {label: str(i) for i, label in enumerate(AGREEMENT_CHOICES, start=1)}
    for item in ITEMS:
        header = header_for(item)
        frame[header] = None if item.kind == "open" else frame[header].map(lambda v: number.get(v, v))
    return frame


def numbers_survey_path(n: int, data_dir: Path = DEFAULT_DATA_DIR) -> Path:
    """numbers_survey_frame(n) as CSV, generated on first use."""
    path = Path(data_dir) / f"survey_numbers_{n}_v{GENERATOR_VERSION}.csv"
    if not path.exists():
        frame = numbers_survey_frame(n)
        _atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))
    return path


def work_items_path(n: int = 1_000_000, data_dir: Path = DEFAULT_DATA_DIR) -> Path:
    """The WorkItems table of n rows as CSV, generated on first use."""
    path = Path(data_dir) / f"work_items_{n}_v{GENERATOR_VERSION}.csv"
    if not path.exists():
        frame = work_items_frame(n)
        _atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))
    return path
