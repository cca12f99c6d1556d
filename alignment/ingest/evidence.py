"""The operational evidence tables: their typed columns, how they are recognised and parsed.

A table is recognised by its sheet or file name (Departments, KPIs, Engagements, Rotations,
WorkItems, Initiatives, in any case and spacing) or, failing that, by carrying all of its
required columns. Every row that cannot be used is reported with file, sheet, row and reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..periods import normalise_period
from .cells import column_letter, is_blank, normalise, text_value
from .dates import DAY_FIRST, Invalid, date_order, order_note, parse_date

TRUE_VALUES = {"yes", "y", "true", "1", "x", "ja", "oui"}
FALSE_VALUES = {"no", "n", "false", "0", "-", "nein", "non"}
HEADER_LOOKAHEAD = 20
SMALL_TABLE = 500


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, int, number, date, bool, function, or enum
    required: bool = True
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceTable:
    name: str  # sheet name in the template
    key: str  # table name in DuckDB
    purpose: str
    spec: tuple[Column, ...]
    example: tuple

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.spec)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.spec if c.required)


WORK_KINDS = ("incident", "request", "problem", "change", "improvement", "project")
PROACTIVE_KINDS = {"problem", "improvement", "project"}
ENGAGEMENT_KINDS = ("steering", "planning", "one-to-one", "workshop", "other")
ROTATION_KINDS = ("shadowing", "mentoring", "rotation")
INITIATIVE_STATUSES = ("proposed", "approved", "in progress", "on hold", "done", "cancelled")
RISKS = ("low", "medium", "high")
KPI_KINDS = ("it_efficiency", "business_outcome")

EVIDENCE_TABLES: tuple[EvidenceTable, ...] = (
    EvidenceTable(
        "Departments",
        "departments",
        "Every department, its function, headcount and business relationship manager (blank brm = none).",
        (
            Column("department", "text"),
            Column("function", "function"),
            Column("headcount", "int"),
            Column("brm", "text", required=False, aliases=("business relationship manager",)),
        ),
        ("Sales", "Business", 120, "Dana Whitfield"),
    ),
    EvidenceTable(
        "KPIs",
        "kpis",
        "Metrics, who owns them, which business objective they serve and who can see them.",
        (
            Column("kpi", "text"),
            Column("owner_function", "function"),
            Column("business_objective", "text", required=False),
            Column("kind", "enum", choices=KPI_KINDS),
            Column("unit", "text", required=False),
            Column("target", "number", required=False),
            Column("actual", "number", required=False),
            Column("higher_is_better", "bool", required=False),
            Column("visible_to_business", "bool"),
            Column("visible_to_it", "bool"),
            Column("period", "text", required=False),
        ),
        (
            "Order-to-cash cycle time",
            "Business",
            "Faster cash collection",
            "business_outcome",
            "days",
            30,
            34,
            "no",
            "yes",
            "yes",
            "2026-Q3",
        ),
    ),
    EvidenceTable(
        "Engagements",
        "engagements",
        "Meetings between IT and a business unit (steering, planning, one-to-one, workshop, other).",
        (
            Column("date", "date"),
            Column("department", "text"),
            Column("kind", "enum", choices=ENGAGEMENT_KINDS, aliases=("type",)),
            Column("it_attendee", "text", required=False),
            Column("business_attendee", "text", required=False),
        ),
        (dt.date(2026, 9, 14), "Sales", "planning", "Head of Applications", "Sales Director"),
    ),
    EvidenceTable(
        "Rotations",
        "rotations",
        "Shadowing, mentoring and rotations across IT and the business.",
        (
            Column("person", "text"),
            Column("home_function", "function"),
            Column("home_department", "text"),
            Column("host_department", "text"),
            Column("start_date", "date"),
            Column("end_date", "date", required=False),
            Column("kind", "enum", choices=ROTATION_KINDS),
        ),
        ("P-0001", "IT", "IT Applications", "Sales", dt.date(2026, 4, 1), dt.date(2026, 4, 30), "shadowing"),
    ),
    EvidenceTable(
        "WorkItems",
        "work_items",
        "IT work by kind (incident, request, problem, change, improvement, project); blank proactive = from kind.",
        (
            Column("id", "text"),
            Column("opened", "date"),
            Column("department", "text", required=False),
            Column("kind", "enum", choices=WORK_KINDS),
            Column("proactive", "bool", required=False),
        ),
        ("WI-000001", dt.date(2026, 7, 2), "Finance", "incident", "no"),
    ),
    EvidenceTable(
        "Initiatives",
        "initiatives",
        "IT initiatives with plan, cost, confirmed value and risk (low, medium, high).",
        (
            Column("initiative", "text"),
            Column("sponsor_department", "text"),
            Column("status", "enum", choices=INITIATIVE_STATUSES),
            Column("planned_end", "date", required=False),
            Column("actual_end", "date", required=False),
            Column("budget", "number", required=False),
            Column("actual_cost", "number", required=False),
            Column("value_confirmed", "bool", required=False),
            Column("risk", "enum", choices=RISKS, required=False),
        ),
        ("CRM replacement", "Sales", "done", dt.date(2026, 6, 30), dt.date(2026, 7, 21), 450000, 470000, "yes", "high"),
    ),
)
EVIDENCE_BY_KEY = {t.key: t for t in EVIDENCE_TABLES}
_NAME_TO_TABLE = {re.sub(r"[^a-z]", "", t.name.lower()): t for t in EVIDENCE_TABLES} | {
    "workitem": EVIDENCE_BY_KEY["work_items"],
    "department": EVIDENCE_BY_KEY["departments"],
    "kpi": EVIDENCE_BY_KEY["kpis"],
    "engagement": EVIDENCE_BY_KEY["engagements"],
    "rotation": EVIDENCE_BY_KEY["rotations"],
    "initiative": EVIDENCE_BY_KEY["initiatives"],
}


@dataclass
class EvidenceResult:
    table: EvidenceTable
    frame: pd.DataFrame
    problems: list[dict] = field(default_factory=list)  # file, sheet, row, reason
    dropped_columns: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the validation report: the order its dates were read in


def _header_key(value: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise(value)).strip("_")


def recognise(sheet_name: str, header: list) -> EvidenceTable | None:
    """The evidence table a sheet holds, by its name or else by its columns."""
    key = re.sub(r"[^a-z]", "", sheet_name.lower())
    if key in _NAME_TO_TABLE:
        return _NAME_TO_TABLE[key]
    names = {_header_key(h) for h in header}
    candidates = [
        t for t in EVIDENCE_TABLES if all(({c.name} | {_header_key(a) for a in c.aliases}) & names for c in t.spec if c.required)
    ]
    return max(candidates, key=lambda t: len(t.required)) if candidates else None


def parse_bool(value: object) -> bool | Invalid | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = normalise(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if text in TRUE_VALUES:
        return True
    if text in FALSE_VALUES:
        return False
    return Invalid(f"'{value}' is not yes/no")


def _number_text(value: str) -> float:
    """A number written with thousands separators or a decimal comma: 1,234.5 / 1.234,5 / 99,5."""
    text = value.strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+,\d+|-?\d+,\d{1,2}", text):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", ""))


def parse_cell(column: Column, value: object, order: str = DAY_FIRST) -> object:
    """The typed value, None for blank, or Invalid with the reason; dates with slashes read in `order`."""
    if is_blank(value):
        return None
    if column.kind == "text":
        return text_value(value)
    if column.kind in {"int", "number"}:
        if isinstance(value, bool):
            return Invalid(f"'{value}' is not a number")
        try:
            number = _number_text(value) if isinstance(value, str) else float(value)
        except ValueError:
            return Invalid(f"'{value}' is not a number")
        if column.kind == "int":
            if not number.is_integer() or number < 0:
                return Invalid(f"'{value}' is not a whole number")
            return int(number)
        return number
    if column.kind == "date":
        return parse_date(value, order)
    if column.kind == "bool":
        return parse_bool(value)
    if column.kind == "function":
        found = {"it": "IT", "business": "Business"}.get(normalise(value))
        return found or Invalid(f"'{value}' is not IT or Business")
    if column.kind == "enum":
        text = re.sub(r"[\s_-]+", " ", normalise(value))
        for choice in column.choices:
            if text == re.sub(r"[\s_-]+", " ", choice):
                return choice
        return Invalid(f"'{value}' is not one of {', '.join(column.choices)}")
    raise AssertionError(column.kind)


def _parsed_column(column: Column, raw: pd.Series | pa.Array, order: str = DAY_FIRST) -> tuple[np.ndarray, np.ndarray]:
    """Typed values (None where blank or unreadable) and the reason per unreadable cell (or None).

    raw is a Series of cell values, or an Arrow text column (CSV). Each distinct raw value is parsed
    once, so a million-row table costs a few thousand parses."""
    if isinstance(raw, pa.Array):
        if column.kind == "text":
            trimmed = pc.utf8_trim_whitespace(raw)
            values = pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)
            return values.to_numpy(zero_copy_only=False), np.full(len(raw), None, dtype=object)
        encoded = pc.dictionary_encode(raw)
        uniques = encoded.dictionary.to_pylist()
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    elif len(raw) < SMALL_TABLE:  # a few rows: parsing each cell is quicker than grouping them
        parsed = [parse_cell(column, None if value is None or value != value else value, order) for value in raw]
        reasons = np.array([p.reason if isinstance(p, Invalid) else None for p in parsed], dtype=object)
        return np.array([None if isinstance(p, Invalid) else p for p in parsed], dtype=object), reasons
    elif column.kind == "text" and raw.map(type).isin([str, type(None)]).all():
        stripped = raw.str.strip()
        return stripped.where(stripped.notna() & (stripped != ""), None).to_numpy(dtype=object), np.full(len(raw), None)
    else:
        codes, uniques = pd.factorize(raw.astype(object).where(raw.notna(), None), use_na_sentinel=True)
    parsed = [parse_cell(column, value, order) for value in uniques] + [None]  # code -1 (an empty cell) takes the last
    reasons = np.array([p.reason if isinstance(p, Invalid) else None for p in parsed], dtype=object)[codes]
    values = np.array([None if isinstance(p, Invalid) else p for p in parsed], dtype=object)[codes]
    return values, reasons


def _data_columns(source, header_index: int, width: int) -> tuple[dict[int, pd.Series | pa.Array], np.ndarray]:
    """The cells below the header, one Series (or, for a CSV, one Arrow text column) per column, and the
    spreadsheet row numbers; rows with nothing in them are left out."""
    arrow = source.arrow(header_index + 1, width) if hasattr(source, "arrow") else None
    if arrow is not None:
        columns = {i: arrow.column(f"c{i}").combine_chunks() for i in range(width)}
        count = arrow.num_rows
        blank = np.ones(count, dtype=bool)
        for array in columns.values():
            empty = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(array), ""), True)
            blank &= empty.to_numpy(zero_copy_only=False)
        keep = pa.array(~blank)
        numbers = np.arange(header_index + 2, header_index + 2 + count)[~blank]
        return ({i: array.filter(keep) for i, array in columns.items()} if blank.any() else columns), numbers
    rows = (source.rows if hasattr(source, "rows") else source)[header_index + 1 :]
    count = len(rows)
    series = {i: pd.Series([row[i] if i < len(row) else None for row in rows], dtype=object) for i in range(width)}
    blank = np.ones(count, dtype=bool)
    for values in series.values():
        blank &= values.map(is_blank).to_numpy(dtype=bool)
    numbers = np.arange(header_index + 2, header_index + 2 + count)
    return {i: values[~blank].reset_index(drop=True) for i, values in series.items()}, numbers[~blank]


def _distinct_texts(column: pd.Series | pa.Array) -> list:
    """A column's distinct text values (dates typed as dates need no order)."""
    if isinstance(column, pa.Array):
        return pc.unique(column).to_pylist()
    return [value for value in pd.unique(column.astype(object)) if isinstance(value, str)]


def _raw_cell(column: pd.Series | pa.Array, index: int) -> object:
    return column[index].as_py() if isinstance(column, pa.Array) else column.iloc[index]


def _example_candidates(table: EvidenceTable, first_raw: pd.Series | pa.Array | None, first_values: np.ndarray, example: str):
    """Rows whose first cell reads like the template's example row's (compared in full afterwards)."""
    if isinstance(first_raw, pa.Array) and table.spec[0].kind == "text":  # a CSV's text column: compared in Arrow
        lowered = pc.utf8_lower(pc.utf8_trim_whitespace(first_raw))
        return np.flatnonzero(pc.fill_null(pc.equal(lowered, example), False).to_numpy(zero_copy_only=False))
    return np.flatnonzero((pd.Series(first_values, dtype=object).astype(str).str.strip().str.lower() == example).to_numpy())


def parse_evidence(filename: str, sheet: str, source, table: EvidenceTable) -> EvidenceResult:
    """source: rows (list of lists) or a CsvSource; its first non-blank row is the header."""
    result = EvidenceResult(table, pd.DataFrame(columns=list(table.columns)))
    head = source.head() if hasattr(source, "head") else source[:HEADER_LOOKAHEAD]
    header_index = next((i for i, row in enumerate(head) if not all(is_blank(c) for c in row)), None)
    if header_index is None:
        return result
    header = head[header_index]
    positions: dict[str, int] = {}
    by_alias = {alias: c.name for c in table.spec for alias in (c.name, *(_header_key(a) for a in c.aliases))}
    for col, head_cell in enumerate(header):
        key = _header_key(head_cell)
        name = by_alias.get(key)
        where = {"file": filename, "sheet": sheet, "column": column_letter(col), "header": text_value(head_cell)}
        if name is None:
            if key:
                result.dropped_columns.append({**where, "reason": f"not a column of {table.name}"})
        elif name in positions:
            result.dropped_columns.append({**where, "reason": f"duplicate column '{name}'"})
        else:
            positions[name] = col
    missing = [c for c in table.required if c not in positions]
    if missing:
        result.problems.append(
            {
                "file": filename,
                "sheet": sheet,
                "row": header_index + 1,
                "reason": f"{table.name} is missing required column(s) {', '.join(missing)}; the sheet was not used",
            }
        )
        return result
    columns, row_numbers = _data_columns(source, header_index, len(header))
    count = len(row_numbers)
    values: dict[str, np.ndarray] = {}
    reasons: dict[str, np.ndarray] = {}
    dated = [columns[positions[c.name]] for c in table.spec if c.kind == "date" and c.name in positions]
    order = date_order(value for column in dated for value in _distinct_texts(column))
    if note := order_note(f"'{filename}'" if filename.lower().endswith(".csv") else f"sheet '{sheet}' of '{filename}'", order):
        result.notes.append(note)
    for column in table.spec:
        raw = columns[positions[column.name]] if column.name in positions else pd.Series([None] * count, dtype=object)
        values[column.name], reasons[column.name] = _parsed_column(column, raw, order.order)
    example = tuple(_example_cell(v) for v in table.example)
    first = table.columns[0]
    first_raw = columns.get(positions.get(first, -1))
    candidates = _example_candidates(table, first_raw, values[first], example[0]) if count else []
    is_example = np.zeros(count, dtype=bool)
    for index in candidates:
        raw_row = tuple(_example_cell(_raw_cell(columns[positions[c]], index) if c in positions else None) for c in table.columns)
        is_example[index] = raw_row == example
    unusable = np.zeros(count, dtype=bool)
    for column in table.spec:
        if column.required:
            unusable |= pd.isna(values[column.name])
    flagged = np.zeros(count, dtype=bool)
    for column in table.spec:
        flagged |= pd.notna(reasons[column.name])
    flagged |= unusable
    for index in np.flatnonzero(flagged | is_example):
        where = {"file": filename, "sheet": sheet, "row": int(row_numbers[index])}
        if is_example[index]:
            result.problems.append({**where, "reason": "the template's example row; ignored"})
            continue
        notes = []
        for column in table.spec:
            reason = reasons[column.name][index]
            if reason is not None:
                notes.append(f"{column.name}: {reason}")
            elif column.required and values[column.name][index] is None:
                notes.append(f"{column.name} is missing")
        outcome = "row not used" if unusable[index] else "value left blank"
        result.problems.append({**where, "reason": "; ".join(notes) + f"; {outcome}"})
    keep = ~(unusable | is_example)
    frame = pd.DataFrame({name: array[keep] for name, array in values.items()}, columns=list(table.columns))
    if table.key == "work_items":
        derived = frame["kind"].isin(PROACTIVE_KINDS)
        frame["proactive"] = frame["proactive"].where(frame["proactive"].notna(), derived)
    result.frame = typed_frame(frame, table)
    if "period" in result.frame and len(result.frame):  # in the survey's spelling: '2026 q2' is 2026-Q2 there too
        result.frame["period"] = result.frame["period"].map(lambda v: normalise_period(v) if isinstance(v, str) else v)
    return result


def typed_frame(frame: pd.DataFrame, table: EvidenceTable) -> pd.DataFrame:
    """Columns with explicit dtypes, so DuckDB sees DATE, BOOLEAN and numbers, not objects."""
    typed = {}
    for column in table.spec:
        values = frame[column.name]
        if column.kind == "date":
            typed[column.name] = pd.to_datetime(values, errors="coerce")
        elif column.kind == "bool":
            typed[column.name] = values.astype("boolean")
        elif column.kind == "int":
            typed[column.name] = values.astype("Int64")
        elif column.kind == "number":
            typed[column.name] = pd.to_numeric(values, errors="coerce").astype("Float64")
        else:
            typed[column.name] = values.astype("string")
    return pd.DataFrame(typed, columns=list(table.columns))


def _example_cell(value: object) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalise(value)
