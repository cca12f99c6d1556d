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


@dataclass(frozen=True)
class Threshold:
    name: str
    default: float
    description: str


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

    def to_json(self) -> dict:
        return {
            "check": self.check,
            "name": self.name,
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
    kind: str,
    severity: str,
    what: str,
    why: str,
    fix: str,
    needs: tuple[str, ...] = ("responses",),
    thresholds: tuple[Threshold, ...] = (),
) -> Callable[[Callable], Callable]:
    """Declare a check; ids, names, kinds and tables are validated here, at import time."""

    def decorate(function: Callable) -> Callable:
        if not CHECK_ID.match(id):
            raise ValueError(f"check id {id!r} must be a tactic code and three digits, like REL001")
        if id in REGISTRY or id in RETIRED_IDS:
            raise ValueError(f"check id {id} is already used or retired")
        if not KEBAB.match(name) or any(c.name == name for c in REGISTRY.values()):
            raise ValueError(f"check name {name!r} must be unique kebab-case")
        if kind not in KINDS or severity not in SEVERITIES:
            raise ValueError(f"{id}: kind must be one of {KINDS}, severity one of {SEVERITIES}")
        unknown = set(needs) - set(TABLE_LABELS)
        if unknown:
            raise ValueError(f"{id}: unknown tables {unknown}")
        REGISTRY[id] = Check(id, name, id[:3], kind, severity, what, why, fix, tuple(needs), tuple(thresholds), function)
        return function

    return decorate


def checks_for(tactic: str | None = None) -> list[Check]:
    ordered = sorted(REGISTRY.values(), key=lambda c: (TACTIC_CODES.index(c.tactic), c.id))
    return [c for c in ordered if tactic is None or c.tactic == tactic]


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


def configured_threshold(settings, check_id: str, name: str) -> float:
    """A check's threshold as the settings configure it, else its default."""
    return settings.thresholds.get(check_id, {}).get(name, REGISTRY[check_id].threshold_defaults()[name])
