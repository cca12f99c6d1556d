"""The mapping screen: the column mapping of the loaded survey (or of an upload none of whose columns was matched),
editable on the Home page; a fragment, so an edit redraws the screen and not the page around it.

Per column its target (item, custom statement, field, identifier or ignore) and, for an answer column, its scale
(detected, or chosen), its direction, or its answers ordered by hand; for the function column, each value mapped
to IT, Business or ignore. Everything is kept in the mapping JSON (download / upload) that `--mapping` reads too.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from alignment.dataset import Dataset
from alignment.errors import InputError
from alignment.ingest.cells import FUNCTION_CHOICES, FUNCTIONS, NO_ANSWER, column_letter, normalise
from alignment.ingest.mapping import (
    ColumnChoice,
    ColumnSetting,
    mapping_from_json,
    mapping_to_json,
    target_label,
    targets,
)
from alignment.ingest.scales import SCALES, ordered_scale
from alignment.ingest.validation import ValidationReport

from .guided_import import guided_import
from .state import CONFIDENT, MAPPING_FILE_KEY, use_mapping
from .text import md_text
from .validation_view import show_error

DETECTED = "detected"
ORDERED = "ordered by hand"
LEFT_OUT = "not mapped"
DIRECTIONS = ("ascending", "descending")
ORDERS_KEY = "mapping_editor.orders"  # (data token, per normalised header the answers ordered by hand, until applied)
ORDER_ERROR_KEY = "mapping_editor.order_error"  # an order just refused, to say so once
SCALE_TITLES = {scale.name: scale.title for scale in SCALES}


def _scale_label(name: str) -> str:
    if name in ("", DETECTED, ORDERED):
        return name
    return f"{SCALE_TITLES.get(name, name)} ({name})"


@dataclass(frozen=True)
class UnloadedSurvey:
    """An upload that did not load because none of its columns was matched to a statement, or none of its answers
    was on a scale: its columns, their automatic choices, scales and distinct answers (the error's report), to map,
    give a scale or order the answers by hand."""

    report: ValidationReport
    token: str


def _orders(data: Dataset | UnloadedSurvey) -> dict[str, tuple[str, ...]]:
    """The hand orders being edited for this load of the data, starting from the applied mapping's (a new load, as
    after applying or uploading a mapping, starts again from its own)."""
    token, orders = st.session_state.get(ORDERS_KEY, (None, {}))
    if token != data.token:
        orders = {normalise(c.header): c.order for c in data.report.mapping if c.order}
        st.session_state[ORDERS_KEY] = (data.token, orders)
    return orders


def _column_table(data: Dataset, choices: list[ColumnChoice], orders: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    scales = {entry["column"]: entry for entry in data.report.column_scales}
    detected = []
    for choice in choices:
        entry = scales.get(column_letter(choice.column))
        shown = "" if entry is None else entry["title"]
        if entry is not None and entry["chosen_by"] != DETECTED:
            shown += " (your mapping)"
        detected.append(shown)
    return pd.DataFrame(
        {
            "column": [column_letter(c.column) for c in choices],
            "header": [c.header for c in choices],
            "maps to": [c.target for c in choices],
            "scale now": detected,
            "scale": [
                (ORDERED if normalise(c.header) in orders else (c.scale or DETECTED)) if c.is_item else "" for c in choices
            ],
            "direction": [DIRECTIONS[c.descending] if c.is_item else "" for c in choices],
            "reverse-coded": [c.reverse for c in choices],
            "confidence": [c.confidence for c in choices],
            "why": [c.reason for c in choices],
        }
    )


def _use_order(orders: dict[str, tuple[str, ...]], header: str, letter: str) -> None:
    """Keep the answers picked for a column as its order (a callback, so the editor redraws with it at once)."""
    picked = tuple(st.session_state.get(f"mapping_order_{letter}") or ())
    try:
        ordered_scale(picked)
    except ValueError:
        st.session_state[ORDER_ERROR_KEY] = True
        return
    orders[header] = picked


def _order_answers(data: Dataset, choices: list[ColumnChoice], orders: dict[str, tuple[str, ...]]) -> None:
    """Pick one answer column and put its distinct answers in order, least favourable first."""
    by_letter = {column_letter(c.column): c for c in choices}
    columns = [letter for letter in data.report.answer_values if letter in by_letter]
    if not columns:
        return
    unread = {issue["column"] for issue in data.report.cell_issues if issue["reason"].endswith("treated as no answer")}
    first = next((letter for letter in columns if letter in unread), columns[0])
    letter = st.selectbox(
        "Order the answers of a column by hand",
        columns,
        index=columns.index(first),
        format_func=lambda c: f"{c}: {by_letter[c].header}" + (" (has unread answers)" if c in unread else ""),
        help="For answer codes such as A1 … A5, or labels in a language no scale knows: the first answer you pick "
        "scores lowest, the last highest.",
        key="mapping_order_column",
    )
    header = normalise(by_letter[letter].header)
    answers = [value for value, _ in data.report.answer_values[letter] if normalise(value) not in NO_ANSWER]
    current = [a for a in orders.get(header, ()) if a in answers]
    picked = st.multiselect(
        f"Answers of column {letter}, from the least to the most favourable",
        answers + [a for a in orders.get(header, ()) if a not in answers],
        default=current,
        key=f"mapping_order_{letter}",
        placeholder="Click the answers in order: least favourable first",
    )
    left, right = st.columns(2)
    left.button(
        "Use this order",
        key=f"mapping_order_use_{letter}",
        disabled=len(picked) < 2,
        on_click=_use_order,
        args=(orders, header, letter),
    )
    if st.session_state.pop(ORDER_ERROR_KEY, None):
        st.error("Pick 2 to 11 distinct answers.")
    if header in orders:
        right.button("Clear this order", key=f"mapping_order_clear_{letter}", on_click=orders.pop, args=(header, None))
        st.caption("Order kept for this column (apply the mapping to use it): " + " < ".join(map(md_text, orders[header])))


def _function_values(data: Dataset, choices: list[ColumnChoice], edited: pd.DataFrame) -> dict[str, str]:
    """The function column's values, each mapped to IT, Business or ignore; returns the values the user set."""
    function = next((c for c, t in zip(choices, edited["maps to"], strict=True) if t == "function"), None)
    if function is None or not data.report.function_values:
        return {}
    saved = dict(function.values)
    rows = []
    for value, count in data.report.function_values:
        automatic = FUNCTIONS.get(normalise(value), LEFT_OUT)
        rows.append({"value": value, "respondents": count, "maps to": saved.get(value, automatic)})
    st.markdown(f"**Function values** of column {column_letter(function.column)} ('{md_text(function.header)}')")
    table = st.data_editor(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        disabled=["value", "respondents"],
        column_config={"maps to": st.column_config.SelectboxColumn(options=[*FUNCTION_CHOICES, LEFT_OUT], required=True)},
        key="mapping_function_values",
    )
    st.caption(
        "IT and Business are known in several languages. A value not mapped is neither: while such respondents are a "
        "minority they are left out, so that the IT/Business split stays available; when they are most, they count "
        "in the overall scores only. 'ignore' counts them in the overall scores only."
    )
    return {
        value: chosen
        for value, chosen in zip(table["value"], table["maps to"], strict=True)
        if chosen != LEFT_OUT and chosen != FUNCTIONS.get(normalise(value))
    }


def _edited_choices(
    choices: list[ColumnChoice], edited: pd.DataFrame, orders: dict[str, tuple[str, ...]], values: dict[str, str]
) -> list[ColumnChoice]:
    """The choices as edited on the screen, each with its settings."""
    made = []
    for choice, row in zip(choices, edited.to_dict("records"), strict=True):
        key = normalise(row["header"])
        order = orders.get(key, ()) if row["scale"] == ORDERED or key in orders else ()
        scale = None if order or row["scale"] in (None, "", DETECTED, ORDERED) else row["scale"]
        setting = ColumnSetting(
            row["maps to"],
            bool(row["reverse-coded"]),
            scale,
            row["direction"] == "descending",
            tuple(order),
            tuple(values.items()) if row["maps to"] == "function" else (),
        )
        made.append(choice.with_setting(setting, choice.confidence, choice.reason))
    return made


def _needs_every_column(report: ValidationReport) -> bool:
    """Whether the fix is beyond assigning statements: answers no scale reads, or function values to map."""
    unknown_function = any("neither IT nor Business" in str(row.get("reason")) for row in report.dropped_rows)
    return (
        bool(report.unread_answers)
        or unknown_function
        or any("is not IT or Business" in str(i.get("reason")) for i in report.cell_issues)
    )


@st.fragment
def mapping_editor(data: Dataset | UnloadedSurvey) -> None:
    """The guided import (which tool, the candidate question columns, assigning them to statements), then every
    column's mapping, editable: each column's target, scale, direction or hand order, and the function values.

    A fragment: editing the grid, ordering answers or assigning columns redraws the editor alone, not the page it is
    on (the results and the validation report above and below it stay as they are). Applying a mapping, going back
    to the automatic one, loading a mapping file or loading the assigned columns reloads the data that every page
    shows, so those rerun the whole app (st.rerun, whose scope is the app)."""
    choices = data.report.mapping
    if not choices:
        return
    guided_import(data)
    _mapping_file()
    if not st.toggle(
        "Every column: fields, scales and the order of answers",
        value=_needs_every_column(data.report),
        key="mapping_every_column",
        help="Each column's target, the scale its answers are read on, their direction or order, and the function values.",
    ):
        return
    orders = _orders(data)
    unsure = sum(c.confidence < CONFIDENT and c.is_item for c in choices)
    matched = sum(c.is_item for c in choices)
    found = (
        "nothing matched yet"
        if not matched
        else f"{unsure} statement match{'es' if unsure != 1 else ''} below {CONFIDENT:.0%} confidence"
        if unsure
        else f"{matched} matched to statements"
    )
    st.caption(
        f"{len(choices)} columns; {found}. "
        "Change 'maps to' where it is wrong (an item, a custom statement of a tactic, a field, identifier or ignore). "
        "'Scale now' is each answer column's scale as read; choose another 'scale' to override it, 'descending' when "
        "the answers run from the favourable end (1 = Strongly agree), or order the answers by hand below. Then apply."
    )
    edited = st.data_editor(
        _column_table(data, choices, orders),
        hide_index=True,
        width="stretch",
        disabled=["column", "header", "scale now", "confidence", "why"],
        column_config={
            "maps to": st.column_config.SelectboxColumn(
                options=targets(), format_func=target_label, required=True, width="medium"
            ),
            "scale now": st.column_config.TextColumn(width="small", help="The column's answer scale as read now"),
            "scale": st.column_config.SelectboxColumn(
                options=["", DETECTED, *SCALE_TITLES, ORDERED],
                format_func=_scale_label,
                width="small",
                help="'detected', a scale to use instead, or 'ordered by hand' (order the answers below)",
            ),
            "direction": st.column_config.SelectboxColumn(
                options=["", *DIRECTIONS],
                width="small",
                help="descending: the answers run from the favourable end (1 = Strongly agree)",
            ),
            "reverse-coded": st.column_config.CheckboxColumn(width="small"),
            "confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent", width="small"),
            "header": st.column_config.TextColumn(width="medium"),
            "column": st.column_config.TextColumn(width=40),
        },
        key="mapping_editor_widget",
    )
    _order_answers(data, choices, orders)
    values = _function_values(data, choices, edited)
    made = _edited_choices(choices, edited, orders, values)
    left, middle, right = st.columns(3)
    if left.button("Apply this mapping", type="primary"):
        use_mapping({normalise(c.header): c.setting for c in made if normalise(c.header)})
        st.rerun()
    if middle.button("Back to the automatic mapping"):
        use_mapping(None)
        st.rerun()
    right.download_button(
        "Download the mapping (.json)",
        mapping_to_json(made),
        file_name="alignment_mapping.json",
        mime="application/json",
        on_click="ignore",
    )


def _mapping_file() -> None:
    """Load a mapping file saved from this screen (or written by hand): applied at once."""
    uploaded = st.file_uploader("Load a saved mapping (.json)", type=["json"], key="mapping_file_widget")
    if uploaded is not None and st.session_state.get(MAPPING_FILE_KEY) != uploaded.file_id:
        st.session_state[MAPPING_FILE_KEY] = uploaded.file_id
        try:
            use_mapping(mapping_from_json(uploaded.getvalue(), uploaded.name))
            st.rerun()
        except InputError as exc:
            show_error(exc)
