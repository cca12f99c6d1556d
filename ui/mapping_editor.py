"""The column mapping of the loaded survey, editable on the Home page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from alignment.dataset import Dataset
from alignment.errors import InputError
from alignment.ingest.cells import column_letter, normalise
from alignment.ingest.mapping import ColumnChoice, mapping_from_json, mapping_to_json, target_label, targets

from .data_report import show_error
from .state import CONFIDENT, MAPPING_FILE_KEY, use_mapping


def mapping_editor(data: Dataset) -> None:
    """The column mapping of the loaded survey, editable: each column's item, field, identifier or ignore."""
    choices = data.report.mapping
    if not choices:
        return
    frame = pd.DataFrame(
        {
            "column": [column_letter(c.column) for c in choices],
            "header": [c.header for c in choices],
            "maps to": [c.target for c in choices],
            "reverse-coded": [c.reverse for c in choices],
            "confidence": [c.confidence for c in choices],
            "why": [c.reason for c in choices],
        }
    )
    unsure = sum(c.confidence < CONFIDENT and c.is_item for c in choices)
    st.caption(
        f"{len(choices)} columns; {unsure} item match{'es' if unsure != 1 else ''} below {CONFIDENT:.0%} confidence. "
        "Change 'maps to' where it is wrong (an item, a custom statement of a tactic, a field, identifier or ignore), "
        "tick 'reverse-coded' for negatively worded custom statements, then apply."
    )
    edited = st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        disabled=["column", "header", "confidence", "why"],
        column_config={
            "maps to": st.column_config.SelectboxColumn(
                options=targets(), format_func=target_label, required=True, width="large"
            ),
            "confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent", width="small"),
            "header": st.column_config.TextColumn(width="medium"),
            "column": st.column_config.TextColumn(width="small"),
        },
        key="mapping_editor_widget",
    )
    left, middle, right = st.columns(3)
    if left.button("Apply this mapping", type="primary"):
        use_mapping(
            {
                normalise(h): (t, bool(r))
                for h, t, r in zip(edited["header"], edited["maps to"], edited["reverse-coded"], strict=True)
                if h
            }
        )
        st.rerun()
    if middle.button("Back to the automatic mapping"):
        use_mapping(None)
        st.rerun()
    right.download_button(
        "Download the mapping (.json)",
        mapping_to_json(
            [
                ColumnChoice(c.column, h, t, c.confidence, c.reason, bool(r))
                for c, h, t, r in zip(choices, edited["header"], edited["maps to"], edited["reverse-coded"], strict=True)
            ]
        ),
        file_name="alignment_mapping.json",
        mime="application/json",
    )
    uploaded = st.file_uploader("Load a saved mapping (.json)", type=["json"], key="mapping_file_widget")
    if uploaded is not None and st.session_state.get(MAPPING_FILE_KEY) != uploaded.file_id:
        st.session_state[MAPPING_FILE_KEY] = uploaded.file_id
        try:
            use_mapping(mapping_from_json(uploaded.getvalue().decode("utf-8", errors="replace"), uploaded.name))
            st.rerun()
        except InputError as exc:
            show_error(exc)
