"""The check catalogue, generated from the registry: JSON, a table, and docs/CHECKS.md."""

from __future__ import annotations

import pandas as pd

from .checks import TABLE_LABELS, Check, checks_for
from .tactics import TACTICS, TACTICS_BY_CODE


def check_to_json(check: Check) -> dict:
    return {
        "id": check.id,
        "name": check.name,
        "tactic": check.tactic,
        "kind": check.kind,
        "severity": check.severity,
        "what": check.what,
        "why": check.why,
        "fix": check.fix,
        "needs": [TABLE_LABELS[t] for t in check.needs],
        "thresholds": [
            {
                "name": t.name,
                "default": t.default,
                "description": t.description,
                "low": t.allowed.low,
                "high": t.allowed.high,
                "allowed": t.allowed.text,
            }
            for t in check.thresholds
        ],
    }


def catalogue_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": c.id,
                "name": c.name,
                "title": c.title,
                "tactic": f"{c.tactic} · {TACTICS_BY_CODE[c.tactic].name}",
                "kind": c.kind,
                "severity": c.severity,
                "what it checks": c.what,
                "needs": ", ".join(TABLE_LABELS[t] for t in c.needs),
            }
            for c in checks_for()
        ]
    )


def catalogue_markdown() -> str:
    checks = checks_for()
    lines = [
        "# Checks",
        "",
        "<!-- Generated from the check registry by `python -m alignment checks --markdown > docs/CHECKS.md`; do not edit. -->",
        "",
        f"{len(checks)} checks compare what people say (the survey) and what the organisation does (the evidence "
        "tables) against the six tactics. Each run gives one finding per check: `fail`, `warn`, `pass`, "
        "`not_applicable` (a table is missing or there is too little data) or `error` (the check itself broke; "
        "the others still run). Kinds: **perception** (survey scores and IT-versus-business gaps), **evidence** "
        "(operational tables) and **say-vs-do** (the survey and the evidence disagree). Thresholds can be changed "
        "in `alignment.toml` or on the Settings page.",
        "",
    ]
    for tactic in TACTICS:
        lines += [f"## {tactic.code} · {tactic.name}", ""]
        for check in (c for c in checks if c.tactic == tactic.code):
            lines += [
                f"### {check.id} `{check.name}`",
                "",
                f"*{check.kind}, severity {check.severity}; needs {', '.join(TABLE_LABELS[t] for t in check.needs)}*",
                "",
                f"**What it checks.** {check.what}",
                "",
                f"**Why it matters.** {check.why}",
                "",
                f"**How to fix it.** {check.fix}",
                "",
            ]
            if check.thresholds:
                lines += ["| threshold | default | meaning |", "|---|---|---|"]
                lines += [f"| `{t.name}` | {t.default:g} | {t.description} |" for t in check.thresholds]
                lines.append("")
    return "\n".join(lines)
