import pandas as pd
import streamlit as st

import ui
from alignment.catalogue import catalogue_frame
from alignment.checks import KINDS, STATUSES
from alignment.spreadsheet_safe import csv_bytes, findings_frame
from alignment.tactics import TACTIC_CODES

current = ui.view()
st.title("Checks")
ui.data_banner(current)
st.markdown(
    "Each check compares one aspect of a tactic against the survey (**perception**), the operational tables "
    "(**evidence**) or both (**say-vs-do**: the survey and the evidence disagree). Thresholds can be changed on "
    "the Settings page. A check whose table is missing says which sheet to upload."
)

left, middle, right = st.columns(3)
tactics = left.multiselect("Tactic", TACTIC_CODES, placeholder="All tactics")
kinds = middle.multiselect("Kind", KINDS, placeholder="All kinds")
statuses = right.multiselect("Status", STATUSES, format_func=ui.STATUS_LABELS.get, placeholder="All statuses")


def wanted(finding) -> bool:
    return (
        (not tactics or finding.tactic in tactics)
        and (not kinds or finding.kind in kinds)
        and (not statuses or finding.status in statuses)
    )


actionable = [f for f in current.results.top_findings() if wanted(f)]  # failures, then warnings; where to start first
settled = [f for f in current.findings if wanted(f) and f not in actionable]
shown = actionable + settled
left, right = st.columns([2, 1])
left.caption(
    f"{len(shown)} of {len(current.findings)} checks: {len(actionable)} fail or warn, listed first (failures of the "
    "tactics to start with leading, then by severity); the others are folded below."
)
right.download_button(
    "Download findings (.csv)",
    csv_bytes(findings_frame(shown)),
    file_name="alignment_findings.csv",
    mime="text/csv",
    on_click="ignore",
)
if actionable:
    ui.render_findings(actionable)
else:
    st.success("No check in this selection fails or warns.")
if settled and st.toggle(f"Show the {len(settled)} checks that pass or do not apply", key="checks_show_settled"):
    ui.render_findings(settled)

st.subheader("Catalogue")
st.caption("Generated from the check registry; the same list is in docs/CHECKS.md and `python -m alignment checks`.")
catalogue = catalogue_frame()
status_by_id = {f.check: ui.STATUS_LABELS[f.status] for f in current.findings}
table = pd.DataFrame(
    {
        "Check": catalogue["title"],
        "Id": catalogue["id"],
        "Now": catalogue["id"].map(status_by_id),
        "Kind": catalogue["kind"],
        "Severity": catalogue["severity"],
        "What it checks": catalogue["what it checks"],
        "Needs": catalogue["needs"].replace("", "the survey"),
    }
)
st.table(table.set_index("Check"))  # a static table: long texts wrap, the page scrolls, not a box inside it
