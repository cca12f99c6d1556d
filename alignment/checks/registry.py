"""The check registry: declarations (like a linter's rules), findings, and the runner.

A check is declared once with its id, name, tactic, kind, severity, what / why / fix texts,
the tables it needs and its named thresholds. Running yields exactly one finding per check;
a missing table gives `not_applicable`, a crash gives `error`, and the run goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..config import Range
from ..errors import InputError
from ..tactics import TACTIC_CODES

CHECK_ID = re.compile(r"^(REL|TRU|MET|ROT|ASM|SRV)\d{3}$")
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KINDS = ("perception", "evidence", "say-vs-do")
SEVERITIES = ("high", "medium", "low")
STATUSES = ("fail", "warn", "error", "pass", "not_applicable")
MAX_EVIDENCE_ROWS = 50
RETIRED_IDS: frozenset[str] = frozenset()  # ids of removed checks; never reuse them

TABLE_LABELS = {
    "responses": "Responses",
    "departments": "Departments",
    "kpis": "KPIs",
    "engagements": "Engagements",
    "rotations": "Rotations",
    "work_items": "WorkItems",
    "initiatives": "Initiatives",
}


# What a threshold may be, by what it measures: a value outside its range is refused when settings are made
# (a share of 1.5, a window of 0 or 1e20 days, a ratio of 0 that the check would divide by)
SHARE = Range(0, 1, "a share", note="0.3 = 30 %")
SHARE_CHANGE = Range(-1, 1, "a change in share", note="0.05 = 5 points")
INDEX_CHANGE = Range(-100, 100, "alignment index points")
SCORE = Range(1, 5, "a score")
SCORE_GAP = Range(0, 4, "score points", note="the length of the 1-5 scale")
P_VALUE = Range(0.001, 0.5, "a p-value")
DAYS = Range(1, 3650, "days", whole=True, note="up to ten years")
GRACE_DAYS = Range(0, 365, "days", whole=True)
MINIMUM = Range(1, 100_000, whole=True)  # rows, KPIs or employees a share or rate needs
PER_SIDE = Range(2, 100_000, "respondents", whole=True)  # a t-test needs two answers a side
DEPARTMENTS = Range(0, 1000, "departments", whole=True)
PERIODS = Range(1, 100, "survey periods", whole=True)
PER_100 = Range(0, 100, "people per 100 employees")
RATIO = Range(1, 100, "a ratio", note="its inverse is the lower bound")


@dataclass(frozen=True)
class Threshold:
    name: str
    default: float
    description: str
    allowed: Range = SHARE


@dataclass(frozen=True)
class Check:
    id: str
    name: str
    tactic: str
    kind: str
    severity: str
    what: str
    why: str
    fix: str
    needs: tuple[str, ...]
    thresholds: tuple[Threshold, ...]
    run: Callable[[Any], Outcome]
    title: str  # what a finding leads with, in words (the id and the name are the reference)

    def threshold_defaults(self) -> dict[str, float]:
        return {t.name: t.default for t in self.thresholds}


@dataclass
class Outcome:
    """What a check function returns."""

    status: str
    message: str
    value: float | None = None
    threshold: float | None = None
    evidence: pd.DataFrame | None = None


@dataclass
class Finding:
    check: str
    name: str
    tactic: str
    kind: str
    severity: str
    status: str
    message: str
    value: float | None = None
    threshold: float | None = None
    evidence: list[dict] = field(default_factory=list)
    evidence_total: int = 0

    @property
    def title(self) -> str:
        """The check's title in words, as declared in the registry."""
        check = REGISTRY.get(self.check)
        return check.title if check is not None else self.name

    def to_json(self) -> dict:
        return {
            "check": self.check,
            "name": self.name,
            "title": self.title,
            "tactic": self.tactic,
            "kind": self.kind,
            "status": self.status,
            "severity": self.severity,
            "message": self.message,
            "value": self.value,
            "threshold": self.threshold,
            "evidence": self.evidence,
            "evidence_total": self.evidence_total,
        }


REGISTRY: dict[str, Check] = {}


def register(
    id: str,
    name: str,
    title: str,
    kind: str,
    severity: str,
    what: str,
    why: str,
    fix: str,
    needs: tuple[str, ...] = ("responses",),
    thresholds: tuple[Threshold, ...] = (),
) -> Callable[[Callable], Callable]:
    """Declare a check: its id and kebab-case name (the reference), its title in words (what a finding leads
    with), what it checks, why it matters, how to fix it, the tables it needs and its thresholds, in one place.
    Ids, names, titles, kinds and tables are validated here, at import time."""

    def decorate(function: Callable) -> Callable:
        if not CHECK_ID.match(id):
            raise ValueError(f"check id {id!r} must be a tactic code and three digits, like REL001")
        if id in REGISTRY or id in RETIRED_IDS:
            raise ValueError(f"check id {id} is already used or retired")
        if not KEBAB.match(name) or any(c.name == name for c in REGISTRY.values()):
            raise ValueError(f"check name {name!r} must be unique kebab-case")
        if not title[:1].isupper() or name in title or id in title:
            raise ValueError(f"{id}: the title {title!r} must be words starting with a capital, without the id or name")
        if kind not in KINDS or severity not in SEVERITIES:
            raise ValueError(f"{id}: kind must be one of {KINDS}, severity one of {SEVERITIES}")
        unknown = set(needs) - set(TABLE_LABELS)
        if unknown:
            raise ValueError(f"{id}: unknown tables {unknown}")
        for t in thresholds:
            if not t.allowed.low <= t.default <= t.allowed.high:
                raise ValueError(f"{id}: the default of {t.name}, {t.default}, is outside its range ({t.allowed.text})")
        REGISTRY[id] = Check(id, name, id[:3], kind, severity, what, why, fix, tuple(needs), tuple(thresholds), function, title)
        return function

    return decorate


def checks_for(tactic: str | None = None) -> list[Check]:
    ordered = sorted(REGISTRY.values(), key=lambda c: (TACTIC_CODES.index(c.tactic), c.id))
    return [c for c in ordered if tactic is None or c.tactic == tactic]


def checked_thresholds(chosen: object) -> dict[str, dict[str, float]]:
    """Thresholds as settings keep them (check id -> name -> value), each checked against its check's declaration:
    a known check, a known name, a number in the threshold's range; else an InputError naming checks.ID.NAME."""
    if not isinstance(chosen, dict):
        raise InputError("checks must map check ids to their thresholds.", "Write them as [checks.REL004] tables.")
    checked: dict[str, dict[str, float]] = {}
    for check_id, values in chosen.items():
        check = REGISTRY.get(check_id)
        if check is None:
            raise InputError(f"there is no check {str(check_id)[:40]}.", "See `python -m alignment checks` for the ids.")
        if not isinstance(values, dict):
            raise InputError(f"checks.{check_id} must be a table [checks.{check_id}].", "Put its thresholds below it.")
        declared = {t.name: t for t in check.thresholds}
        for name, value in values.items():
            if name not in declared:
                raise InputError(
                    f"check {check_id} has no threshold '{str(name)[:40]}'.",
                    f"Its thresholds are: {', '.join(sorted(declared))}.",
                )
            threshold = declared[name]
            checked.setdefault(check_id, {})[name] = float(
                threshold.allowed.check(value, f"checks.{check_id}.{name}", threshold.default)
            )
    return checked


def graded(
    value: float,
    warn: float,
    fail: float,
    *,
    higher_is_better: bool,
    message: str,
    evidence: pd.DataFrame | None = None,
) -> Outcome:
    """pass / warn / fail for a value against two thresholds; the threshold reported is the one crossed."""
    worse = (lambda v, t: v < t) if higher_is_better else (lambda v, t: v > t)
    if worse(value, fail):
        return Outcome("fail", message, value, fail, evidence)
    if worse(value, warn):
        return Outcome("warn", message, value, warn, evidence)
    return Outcome("pass", message, value, warn, evidence)


def configured_thresholds(settings, check_id: str) -> dict[str, float]:
    """A check's thresholds as the settings configure them, else its defaults: the one place they are resolved."""
    return REGISTRY[check_id].threshold_defaults() | settings.thresholds.get(check_id, {})


def configured_threshold(settings, check_id: str, name: str) -> float:
    """One of a check's thresholds as the settings configure it, else its default."""
    return configured_thresholds(settings, check_id)[name]
