"""The guided import: which tool wrote the upload, its candidate question columns (answers on a known scale) with
short labels, and each assigned to a statement, or to a tactic as a custom statement, in a few clicks.

Assignments wait in the session until 'Load with these columns' applies them as a column mapping on top of the one
in use (the automatic mapping, or one applied or loaded before); every other column keeps its automatic choice.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from alignment.ingest.cells import column_letter, normalise
from alignment.ingest.mapping import CUSTOM_PREFIX, IGNORE, ColumnChoice, ColumnSetting
from alignment.items import ITEMS
from alignment.tactics import TACTICS

from .state import MAPPING_KEY, use_mapping
from .text import md_text

PENDING_KEY = "guided_import.pending"  # (data token, {normalised header: target}) until applied
GRID_ROWS = 12  # the grid shows this many rows before it scrolls
NOT_A_STATEMENT = IGNORE
ASSIGNABLE = [
    *(item.id for item in ITEMS),
    *(f"{CUSTOM_PREFIX}{tactic.code}" for tactic in TACTICS),
    NOT_A_STATEMENT,
]
_ITEMS = {item.id: item for item in ITEMS}
_TACTICS = {tactic.code: tactic for tactic in TACTICS}


def assignment_label(target: str) -> str:
    """A target as the picker and the grid name it: 'REL-1 · IT and business leaders …', 'REL · your own statement'."""
    if target in _ITEMS:
        return f"{target} · {_ITEMS[target].text}"
    if target.startswith(CUSTOM_PREFIX):
        code = target[len(CUSTOM_PREFIX) :]
        return f"{code} · your own statement of {_TACTICS[code].name.lower()}"
    return "not a statement"


def _pending(token: str) -> dict[str, str]:
    saved_token, pending = st.session_state.get(PENDING_KEY, (None, {}))
    if saved_token != token:
        pending = {}
        st.session_state[PENDING_KEY] = (token, pending)
    return pending


def _assigned(choice: ColumnChoice, pending: dict[str, str]) -> str | None:
    target = pending.get(normalise(choice.header), choice.target)
    return target if target in _ITEMS or target.startswith(CUSTOM_PREFIX) else None


def candidate_table(choices: list[ColumnChoice], labels: dict[int, str], scales: dict[int, str], pending) -> pd.DataFrame:
    """One row per candidate column (answers on a known scale, or already a statement): letter, short label, the
    answers' scale and what it is assigned to."""
    rows = []
    for choice in choices:
        if choice.column not in scales and not choice.is_item:
            continue
        target = _assigned(choice, pending)
        rows.append(
            {
                "column": column_letter(choice.column),
                "question": labels.get(choice.column) or choice.header,
                "answers": scales.get(choice.column, ""),
                "statement": assignment_label(target) if target else "",
            }
        )
    return pd.DataFrame(rows, columns=["column", "question", "answers", "statement"])


def _assign(pending: dict[str, str], by_letter: dict[str, ColumnChoice]) -> None:
    """Assign the picked column to the picked statement (a callback: the mapping editor's fragment then redraws
    with it, and nothing else of the page reruns)."""
    letter = st.session_state["guided_import_column"]
    pending[normalise(by_letter[letter].header)] = st.session_state[f"guided_import_target_{letter}"]


def guided_import(data) -> None:
    """The guided import of a loaded survey or of an upload that did not load (mapping_editor.UnloadedSurvey).
    Assigning waits in the session and redraws only the mapping editor; loading reloads the data, so the whole app
    reruns."""
    report = data.report
    choices = [c for c in report.mapping if normalise(c.header)]
    labels, scales = report.column_labels, report.candidates
    pending = _pending(data.token)
    st.markdown(f"**{md_text(report.recognised())}**")
    table = candidate_table(choices, labels, scales, pending)
    assigned = int((table["statement"] != "").sum())
    if table.empty:
        st.caption(
            f"None of the {len(choices):,} columns holds answers on a known scale in its first rows. Open 'Every "
            "column' below to map a column anyway, choose its scale or order its answers."
        )
        return
    st.caption(
        f"{len(table):,} of {len(choices):,} columns hold answers on a scale; "
        + (f"{assigned:,} {'is' if assigned == 1 else 'are'} assigned to a statement." if assigned else "nothing matched yet.")
        + " Pick a column and the statement it asks (or a tactic, for a question of your own), then load."
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=38 + 35 * min(len(table), GRID_ROWS),  # the header and up to GRID_ROWS rows, then it scrolls
        column_config={
            "column": st.column_config.TextColumn(width="small"),
            "question": st.column_config.TextColumn(width="large"),
            "answers": st.column_config.TextColumn(width="medium"),
            "statement": st.column_config.TextColumn("assigned to", width="large"),
        },
        key="guided_import_grid",
    )
    by_letter = {column_letter(c.column): c for c in choices}
    letters = table["column"].tolist()
    question, statement, button = st.columns([3, 3, 1], vertical_alignment="bottom")
    letter = question.selectbox(
        "Column",
        letters,
        format_func=lambda c: f"{c} · {labels.get(by_letter[c].column) or by_letter[c].header}",
        key="guided_import_column",
    )
    current = _assigned(by_letter[letter], pending) or NOT_A_STATEMENT
    statement.selectbox(
        "Asks",
        ASSIGNABLE,
        index=ASSIGNABLE.index(current),
        format_func=assignment_label,
        key=f"guided_import_target_{letter}",
    )
    button.button("Assign", key="guided_import_assign", on_click=_assign, args=(pending, by_letter))
    load, clear = st.columns([1, 1])
    if load.button("Load with these columns", type="primary", disabled=not pending, key="guided_import_load"):
        saved = dict(st.session_state.get(MAPPING_KEY) or {})
        saved.update({header: ColumnSetting(target) for header, target in pending.items()})
        pending.clear()
        use_mapping(saved)
        st.rerun()
    if pending:
        clear.button("Forget these assignments", key="guided_import_clear", on_click=pending.clear)
    if pending:
        st.caption(f"{len(pending):,} assignment{'s' if len(pending) != 1 else ''} not loaded yet.")
