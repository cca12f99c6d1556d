"""The check registry and runner. Importing this package registers every check."""

from __future__ import annotations

import pandas as pd

from ..analysis import Analysis, analyze
from ..config import Settings
from ..dataset import Dataset
from ..selection import Selection
from . import asm, met, perception, rel, rot, srv, tru  # noqa: F401 (registers the checks)
from .context import CheckContext
from .registry import (
    KINDS,
    MAX_EVIDENCE_ROWS,
    REGISTRY,
    SEVERITIES,
    STATUSES,
    TABLE_LABELS,
    Check,
    Finding,
    Outcome,
    checked_thresholds,
    checks_for,
    configured_thresholds,
)

__all__ = [
    "KINDS",
    "REGISTRY",
    "SEVERITIES",
    "STATUSES",
    "Check",
    "Finding",
    "checks_for",
    "run_check",
    "run_checks",
    "top_findings",
]


def _clean(value: object) -> object:
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if hasattr(value, "item"):
        return value.item()
    return value


def _evidence_rows(frame: pd.DataFrame | None) -> tuple[list[dict], int]:
    if frame is None or frame.empty:
        return [], 0
    rows = [{k: _clean(v) for k, v in row.items()} for row in frame.head(MAX_EVIDENCE_ROWS).to_dict("records")]
    return rows, len(frame)


def missing_tables_message(check: Check, dataset: Dataset) -> str | None:
    missing = [TABLE_LABELS[t] for t in check.needs if not dataset.has_table(t)]
    if not missing:
        return None
    return f"Upload the {' and '.join(missing)} sheet{'s' if len(missing) > 1 else ''} to run this check."


def run_check(check: Check, dataset: Dataset, settings: Settings, period: str | None, analysis: Analysis) -> Finding:
    base = {"check": check.id, "name": check.name, "tactic": check.tactic, "kind": check.kind, "severity": check.severity}
    missing = missing_tables_message(check, dataset)
    if missing:
        return Finding(**base, status="not_applicable", message=missing)
    thresholds = configured_thresholds(settings, check.id)
    context = CheckContext(dataset, settings, period, analysis, thresholds)
    try:
        outcome: Outcome = check.run(context)
    except Exception as exc:  # a broken check must not stop the others
        return Finding(**base, status="error", message=f"The check could not run: {type(exc).__name__}: {exc}")
    rows, total = _evidence_rows(outcome.evidence)
    value = None if outcome.value is None else round(float(outcome.value), 4)
    threshold = None if outcome.threshold is None else float(outcome.threshold)
    return Finding(
        **base,
        status=outcome.status,
        message=outcome.message,
        value=value,
        threshold=threshold,
        evidence=rows,
        evidence_total=total,
    )


def run_checks(
    dataset: Dataset, settings: Settings | None = None, period: str | None = None, analysis: Analysis | None = None
) -> list[Finding]:
    settings = settings or Settings()
    checked_thresholds(settings.thresholds)  # each in its declared range, however the settings were made
    analysis = analysis or analyze(dataset, settings, Selection(period))
    return [run_check(check, dataset, settings, period, analysis) for check in checks_for()]


_STATUS_RANK = {"fail": 0, "warn": 1, "error": 2, "pass": 3, "not_applicable": 4}
_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


def top_findings(findings: list[Finding], limit: int | None = None, focus: list[str] = ()) -> list[Finding]:
    """Failures first, then warnings; within each, the `focus` tactics first (in its order), then by severity;
    passes and not-applicable left out. The one order of findings: the Overview, the meeting and the reports."""
    rank = {code: i for i, code in enumerate(focus)}
    actionable = [f for f in findings if f.status in {"fail", "warn", "error"}]
    ordered = sorted(
        actionable,
        key=lambda f: (_STATUS_RANK[f.status], rank.get(f.tactic, len(rank)), _SEVERITY_RANK[f.severity], f.check),
    )
    return ordered[:limit] if limit else ordered
