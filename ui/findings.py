"""Check findings as expanders: status and message, then what, why, fix and the evidence rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from alignment.checks import REGISTRY, Finding
from alignment.checks.registry import configured_threshold

from .formatting import STATUS_ICONS, STATUS_LABELS, fitted_height
from .state import settings
from .text import md_text


def threshold(check_id: str, name: str) -> float:
    """A check's threshold as the session's settings configure it (checks.registry.configured_threshold)."""
    return configured_threshold(settings(), check_id, name)


def finding_title(finding: Finding) -> str:
    """The line a finding leads with: its status, a plain-language title and the message (the id is a detail)."""
    return f"**{STATUS_LABELS[finding.status]}** · **{finding.title}** — {md_text(finding.message)}"


def render_findings(findings: list[Finding], expanded: bool = False) -> None:
    """Each finding as an expander: status and message, then what / why / fix and the evidence rows."""
    for finding in findings:
        check = REGISTRY[finding.check]
        with st.expander(finding_title(finding), icon=STATUS_ICONS[finding.status], expanded=expanded):
            st.markdown(f"**What it checks.** {check.what}\n\n**Why it matters.** {check.why}\n\n**How to fix it.** {check.fix}")
            details = [f"{check.id} {check.name}", f"{check.kind}, severity {check.severity}"]
            if finding.value is not None:
                details.append(f"value {finding.value:g}")
            if finding.threshold is not None:
                details.append(f"threshold {finding.threshold:g}")
            st.caption(" · ".join(details))
            if finding.evidence:
                more = (
                    f" (first {len(finding.evidence)} of {finding.evidence_total})"
                    if finding.evidence_total > len(finding.evidence)
                    else ""
                )
                st.caption(f"Evidence behind this finding{more}:")
                evidence = pd.DataFrame(finding.evidence)
                st.dataframe(evidence, hide_index=True, width="stretch", height=fitted_height(evidence))
