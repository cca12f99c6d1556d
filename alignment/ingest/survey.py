"""A Responses sheet to tidy survey tables, with a report of everything dropped.

The sheet arrives as rows of typed cells (a survey tool's export, a sheet without a header row, a
ragged CSV) or as Arrow text columns (the template's layout, a plain table). Its layout and column
mapping say which column is which item or field; the wide table (one row per respondent) is then
parsed column by column into respondents, scores and comments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute

from ..errors import InputError
from ..items import ITEMS_BY_ID, Item
from .cells import MAP_FUNCTION_VALUE, NO_ANSWER, column_letter, is_blank, match_header, normalise, text_value
from .columns import parse_wide
from .columns_shown import MAPPING_FLAG, candidates, capital, no_item_column, short_label, statement_label, where
from .dates import order_note, placeholder_note
from .grids import grid_groups
from .group_sums import long_answers
from .layouts import ABOVE_HEADER, detect_layout
from .mapping import IDENTIFIER, IGNORE, ColumnChoice, apply_mapping, auto_map, custom_items
from .read import HEADER_SEARCH_ROWS, RESPONSES_SHEET, CsvSource, WorkbookSheet, wide_from_rows
from .scales import Scale, chosen_scale
from .validation import ValidationReport


@dataclass
class SurveyTables:
    """The parsed survey as Arrow tables (compact, and DuckDB reads them without copying)."""

    respondents_arrow: pa.Table  # respondent, function, department, period, role, source_row
    scores_arrow: pa.Table  # respondent, then one int8 column per answered Likert item: score after reversal, 0 = no answer
    comments_arrow: pa.Table  # respondent, item, tactic, text
    report: ValidationReport
    tactic_groups_arrow: pa.Table  # tactic, period, function, department, respondents, mean sums, answers, favourable
    item_counts_arrow: pa.Table  # item, tactic, period, function, department, score, answers
    custom_items: list[Item] = field(default_factory=list)  # statements mapped to a tactic that are not in the item bank

    @property
    def items(self) -> dict[str, Item]:
        return {**ITEMS_BY_ID, **{item.id: item for item in self.custom_items}}

    @property
    def respondents(self) -> pd.DataFrame:
        return self.respondents_arrow.to_pandas()

    @property
    def answers(self) -> pd.DataFrame:
        """One row per answer: respondent, item, tactic, answer (as given, 1-5), score (after reversal)."""
        return long_answers(self.scores_arrow, self.items)

    @property
    def comments(self) -> pd.DataFrame:
        return self.comments_arrow.to_pandas()


# ------------------------------------------------------------------------ the Responses sheet


def find_responses_sheet(filename: str, sheets: dict[str, list[list]], mapping: dict | None = None) -> tuple[str, list[list]]:
    for name, rows in sheets.items():
        if normalise(name) == normalise(RESPONSES_SHEET):
            return name, rows
    for name, rows in sheets.items():
        if _find_header_row(rows) is not None or (mapping and looks_like_survey(rows[: HEADER_SEARCH_ROWS + 1], mapping)):
            return name, rows
    raise InputError(
        f"'{filename}' has no '{RESPONSES_SHEET}' sheet (sheets found: {', '.join(sheets) or 'none'}).",
        f"Put the survey answers on a sheet named '{RESPONSES_SHEET}', as in the template workbook.",
    )


def _find_header_row(rows: list[list]) -> int | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if any((m := match_header(cell)) and m[0] == "item" for cell in row):
            return index
    return None


def looks_like_survey(head: list[list], mapping: dict | None = None) -> bool:
    """Whether the first rows of a sheet are survey answers: item headers, or a survey tool's export,
    or a plain table with at least one column that maps to an item (automatically or by the user's mapping)."""
    if _find_header_row(head) is not None:
        return True
    layout = detect_layout(head)
    if layout.tool not in ("template", "generic"):
        return True
    if not layout.header_rows:
        return False
    choices = auto_map(list(layout.headers), list(layout.match_texts), named=mapping or ())
    return any(choice.is_item for choice in (apply_mapping(choices, mapping) if mapping else choices))


def parse_responses(filename: str, sheet: str, rows: list[list], mapping: dict | None = None) -> SurveyTables:
    """A Responses sheet as rows: the template, a survey tool's export, or a plain table."""
    report = ValidationReport(files=[filename])
    if not rows or all(all(is_blank(c) for c in row) for row in rows):
        raise InputError(
            f"{capital(where(filename, sheet))} is empty.", "Paste the survey answers below the header row and upload again."
        )
    layout = detect_layout(rows)
    report.layout = layout.label
    exact_header = _find_header_row(rows)
    if layout.tool in ("template", "generic") and exact_header is not None:
        header_rows, data_start = (exact_header,), exact_header + 1
        headers = [text_value(c) for c in rows[exact_header]]
        match_texts = headers
        skipped = _rows_above_header(rows[:exact_header])
    elif layout.header_rows:
        header_rows, data_start = layout.header_rows, layout.data_start
        headers, match_texts = list(layout.headers), list(layout.match_texts)
        skipped = dict(layout.drop_rows)
    else:
        raise no_item_column(filename, sheet, rows)
    width = max(len(row) for row in rows)
    headers = headers + [""] * (width - len(headers))
    match_texts = list(match_texts) + [""] * (width - len(match_texts))
    for index, reason in sorted(skipped.items()):
        if index not in header_rows:  # extra header rows are the header, not dropped data
            report.dropped_rows.append({"file": filename, "sheet": sheet, "row": index + 1, "reason": reason})
    kept = [i for i in range(data_start, len(rows)) if i not in skipped]
    data_rows = [rows[i] for i in kept]
    if layout.tool not in ("template", "generic"):
        report.notes.extend(layout.notes)
    forced = {c: ("identifier", label) for c, label in layout.identifier_columns}
    forced |= {c: ("meta", field) for field, c in layout.meta.items()}
    forced |= {c: ("system", label) for c, label in layout.system_columns}

    def has_data(col: int) -> bool:
        return any(col < len(r) and not is_blank(r[col]) for r in data_rows)

    samples = {c: [row[c] for row in data_rows[:200] if c < len(row)] for c in range(width)}
    codes = list(layout.codes) if header_rows == layout.header_rows else []
    meta_columns, item_columns, items = _map_columns(
        filename, sheet, headers, has_data, report, samples, mapping, match_texts, forced, codes
    )
    if not item_columns:
        error = no_item_column(filename, sheet, [rows[i] for i in header_rows] or rows)
        error.report = report  # its columns and their automatic choices, for the mapping screen
        raise error
    wide = [wide_from_rows(data_rows, [i + 1 for i in kept], {**meta_columns, **item_columns})]
    groups = grid_groups({item_id: (headers[col], match_texts[col]) for item_id, col in item_columns.items()})
    return _finish(filename, sheet, report, wide, meta_columns, item_columns, items, groups)


def parse_source_responses(
    filename: str, sheet: str, source: CsvSource | WorkbookSheet, mapping: dict | None = None
) -> SurveyTables:
    """The fast path for a CSV file or a workbook's Responses sheet in the template's (or a plain) layout:
    the body arrives as Arrow text columns and is parsed column by column. A survey tool's export, a
    sheet without a header row and a ragged CSV go row by row (parse_responses)."""
    head = source.head()
    header_index = _find_header_row(head)
    layout = detect_layout(head)
    tool_export = layout.tool not in ("template", "generic")
    wide_all = None if header_index is None or tool_export else source.arrow(header_index + 1, len(head[header_index]))
    if wide_all is None:
        return parse_responses(filename, sheet, source.rows, mapping)
    report = ValidationReport(files=[filename], layout=layout.label)
    header = head[header_index]
    for index, reason in _rows_above_header(head[:header_index]).items():
        report.dropped_rows.append({"file": filename, "sheet": sheet, "row": index + 1, "reason": reason})

    def has_data(col: int) -> bool:
        column = wide_all.column(f"c{col}")
        return column.null_count < len(column) and bool(
            pa.compute.any(pa.compute.not_equal(pa.compute.utf8_trim_whitespace(column), "")).as_py()
        )

    samples = {c: wide_all.column(f"c{c}").slice(0, 200).to_pylist() for c in range(len(header))}
    forced = {c: ("identifier", label) for c, label in layout.identifier_columns}
    meta_columns, item_columns, items = _map_columns(filename, sheet, header, has_data, report, samples, mapping, None, forced)
    keep = sorted(set(meta_columns.values()) | set(item_columns.values()))
    rows = pa.array(range(header_index + 2, header_index + 2 + wide_all.num_rows), pa.int64())
    wide = [pa.table({"_row": rows, **{f"c{col}": wide_all.column(f"c{col}") for col in keep}})]
    wide_all = None  # parse_wide is handed the only reference to the cells, to release them as it goes
    if not item_columns:
        error = no_item_column(filename, sheet, head)
        error.report = report
        raise error
    groups = grid_groups({item_id: (text_value(header[col]), "") for item_id, col in item_columns.items()})
    return _finish(filename, sheet, report, wide, meta_columns, item_columns, items, groups)


def _counted(values: dict[str, int]) -> tuple[int, str]:
    """How many in all, and the most frequent values with their counts ('Biz' (3), 'Ops' (1), …)."""
    ranked = sorted(values.items(), key=lambda entry: -entry[1])
    examples = ", ".join(f"'{v}' ({n})" for v, n in ranked[:5]) + (", …" if len(ranked) > 5 else "")
    return sum(values.values()), examples


def _rows_above_header(rows: list[list]) -> dict[int, str]:
    """The non-blank rows above the header (a title, a note), which are not data."""
    return {index: ABOVE_HEADER for index, row in enumerate(rows) if not all(is_blank(c) for c in row)}


def _map_columns(
    filename: str,
    sheet: str,
    header: list,
    has_data: Callable[[int], bool],
    report: ValidationReport,
    samples: dict[int, list] | None = None,
    saved: dict | None = None,
    match_texts: list[str] | None = None,
    forced: dict[int, tuple[str, str]] | None = None,
    codes: list[str] | None = None,
) -> tuple[dict[str, int], dict[str, int], dict[str, Item]]:
    """Which column holds which meta field and which item (automatic, or from a saved mapping);
    every other column is reported, direct identifiers by what they are. `forced` holds what a
    recognised export layout already knows: identifier, meta field or tool bookkeeping columns."""
    headers = ["" if h is None else text_value(h) for h in header]
    choices = _choices(headers, samples, saved, match_texts, forced, codes)
    report.mapping = choices
    statements = match_texts or headers
    labels = {c: statement_label(h, statements[c] if c < len(statements) else "") for c, h in enumerate(headers)}
    report.column_labels = {c: short_label(label, limit=90) for c, label in labels.items()}
    fields = {c.column for c in choices if c.target == IDENTIFIER or (not c.is_item and c.target != IGNORE)}
    report.candidates = candidates(samples or {}, set(forced or {}) | fields)
    customs = custom_items(choices, labels)
    meta_columns: dict[str, int] = {}
    item_columns: dict[str, int] = {}
    items: dict[str, Item] = {}
    for choice in choices:
        col = choice.column
        where = {"file": filename, "sheet": sheet, "column": column_letter(col), "header": headers[col]}
        if choice.target == IDENTIFIER:
            report.dropped_columns.append({**where, "reason": choice.reason.replace(": dropped", "; dropped for privacy")})
            continue
        if choice.target == IGNORE:
            seen = match_header(headers[col])
            key = None if seen is None else (seen[1].id if seen[1] else seen[0])
            first = item_columns.get(key, meta_columns.get(key)) if key else None
            if first is not None:
                reason = f"duplicate column for {key} (first in column {column_letter(first)})"
            elif not headers[col].strip():
                if not has_data(col):
                    continue
                reason = "no header"
            elif choice.reason == "from the mapping file":
                reason = "ignored in the mapping"
            elif choice.confidence == 1.0 and choice.reason not in ("no header", "no match"):
                reason = choice.reason  # e.g. a survey tool's bookkeeping column
            else:
                reason = "not an item id or item text, nor a known field"
            report.dropped_columns.append({**where, "reason": reason})
            continue
        item = customs.get(col) or ITEMS_BY_ID.get(choice.target)
        key = item.id if item is not None else choice.target
        taken = item_columns.get(key, meta_columns.get(key))
        if taken is not None:
            report.dropped_columns.append(
                {**where, "reason": f"duplicate column for {key} (first in column {column_letter(taken)})"}
            )
            continue
        if item is not None:
            item_columns[item.id] = col
            items[item.id] = item
        else:
            meta_columns[choice.target] = col
        maps_to = item.id if item is not None else choice.target
        report.mapped_columns.append({**where, "maps_to": maps_to, "confidence": choice.confidence})
    return meta_columns, item_columns, items


def _choices(
    headers: list[str],
    samples: dict[int, list] | None,
    saved: dict | None,
    match_texts: list[str] | None,
    forced: dict[int, tuple[str, str]] | None,
    codes: list[str] | None = None,
) -> list[ColumnChoice]:
    """The automatic mapping of the columns a saved mapping does not name, overridden by what the export layout
    knows (`forced`), then by the saved mapping."""
    choices = auto_map(headers, match_texts, samples, named=saved or (), codes=codes or ())
    for col, (kind, value) in (forced or {}).items():
        if col >= len(choices):
            continue
        if kind == "identifier":
            choices[col] = ColumnChoice(col, headers[col], IDENTIFIER, 1.0, f"direct identifier ({value}): dropped")
        elif kind == "meta":
            choices = [
                c if c.target != value or c.column == col else ColumnChoice(c.column, c.header, IGNORE, 0.0, "no match")
                for c in choices
            ]
            choices[col] = ColumnChoice(col, headers[col], value, 1.0, "the survey tool's own column")
        elif choices[col].target == IGNORE:
            choices[col] = ColumnChoice(col, headers[col], IGNORE, 1.0, value)
    if saved:
        choices = apply_mapping(choices, saved)
    return choices


def _finish(
    filename: str,
    sheet: str,
    report: ValidationReport,
    wide: list[pa.Table],
    meta_columns: dict[str, int],
    item_columns: dict[str, int],
    items: dict[str, Item],
    scale_groups: list[list[str]] | None = None,
) -> SurveyTables:
    """The mapped columns parsed column by column into the survey tables, and what was dropped reported. The wide
    table comes in a one-item list that parse_wide empties (so its columns can be released as they are read)."""
    by_column = {choice.column: choice for choice in report.mapping}
    chosen: dict[str, Scale] = {}
    for item_id, col in item_columns.items():
        choice = by_column.get(col)
        scale = None if choice is None else chosen_scale(choice.scale, choice.order)
        if scale is not None:
            chosen[item_id] = scale
    descending = {item_id for item_id, col in item_columns.items() if col in by_column and by_column[col].descending}
    function_choice = by_column.get(meta_columns.get("function", -1))
    parsed = parse_wide(
        scale_groups=scale_groups or [],
        handed=wide,
        sheet=sheet,
        item_columns={items[item]: f"c{col}" for item, col in item_columns.items()},
        meta_columns={field: f"c{col}" for field, col in meta_columns.items()},
        function_values={normalise(v): t for v, t in function_choice.values} if function_choice else {},
        chosen_scales=chosen,
        descending=descending,
        tool=report.layout,
    )
    # every data row read: those parsed, and those a survey tool's layout dropped before (previews, spam), so that
    # kept + dropped = read; a title above the header is not data
    report.rows_read = parsed["rows_read"] + sum(r["reason"] != ABOVE_HEADER for r in report.dropped_rows)
    _report_scales(report, parsed["scales"], items, set(chosen), descending)
    _report_rows_and_cells(report, {"file": filename, "sheet": sheet}, parsed, meta_columns.get("function"))
    letters = {item_id: column_letter(col) for item_id, col in item_columns.items()}
    report.answer_values = {letters[item_id]: values for item_id, values in parsed["answer_values"].items()}
    report.function_values = parsed["function_values"]
    if parsed["date_order"] and (note := order_note(f"the submitted column of '{filename}'", parsed["date_order"])):
        report.notes.append(note)
    if parsed["anonymised_dates"]:
        report.notes.append(placeholder_note(f"the submitted column of '{filename}'", parsed["anonymised_dates"]))
    respondents = parsed["respondents"]
    report.rows_kept = respondents.num_rows
    scores = parsed["scores"]
    report.answers_read = sum(int(np.count_nonzero(~np.isnan(scores.column(n).to_numpy()))) for n in scores.column_names[1:])
    if not respondents.num_rows:
        if report.unread_answers:
            why, fix = report.why_nothing_scored()
            error = InputError(f"{capital(where(filename, sheet))}: {why}", fix, MAPPING_FLAG)
            error.report = report  # its columns, their scales and distinct answers: the mapping screen orders them
            raise error
        raise InputError(
            f"{capital(where(filename, sheet))} has item columns but no row with an answer.",
            "Fill in at least one answer per respondent row (1-5 or an agreement label) and upload again.",
        )
    report.warnings += parsed["missing_answers"]
    if "function" not in meta_columns:
        report.warnings.append("No 'function' column: the IT-versus-business comparison is not available.")
    if "department" not in meta_columns:
        report.warnings.append("No 'department' column: the department breakdown is not available.")
    if "period" not in meta_columns and "submitted" not in meta_columns:
        report.warnings.append("No 'period' or 'submitted' column: all answers are treated as one period.")
    custom = [item for item in items.values() if item.id not in ITEMS_BY_ID]
    return SurveyTables(
        respondents, parsed["scores"], parsed["comments"], report, parsed["tactic_groups"], parsed["item_counts"], custom
    )


def _report_scales(
    report: ValidationReport, scales: dict[str, Scale], items: dict[str, Item], chosen: set[str], descending: set[str]
) -> None:
    """Each recognised column's answer scale (in mapped_columns, and in full in column_scales: detected, or chosen
    in the mapping), and a warning per scale that was rescaled to 1-5."""
    for entry in report.mapped_columns:
        scale = scales.get(entry["maps_to"])
        if scale is not None:
            entry["scale"] = scale.name
            item_id = entry["maps_to"]
            where = {key: entry[key] for key in ("file", "sheet", "column", "header")}
            direction = ["descending"] if item_id in descending else []
            direction += ["reversed"] if items[item_id].reverse else []
            report.column_scales.append(
                {
                    **where,
                    "item": item_id,
                    "scale": scale.name,
                    "title": scale.title,
                    "points": scale.points,
                    "low": scale.low,
                    "high": scale.high,
                    "direction": ", ".join(direction) or "ascending",
                    "chosen_by": "the mapping" if item_id in chosen else "detected",
                }
            )
    rescaled: dict[str, list[str]] = {}
    for item_id, scale in scales.items():
        if scale.name not in ("unknown", "ordered") and (scale.low, scale.high) != (1, 5):
            rescaled.setdefault(scale.title, []).append(item_id)
    for title, columns in sorted(rescaled.items()):
        report.warnings.append(
            f"{len(columns)} column(s) use the {title} scale ({', '.join(columns)}); answers were rescaled linearly to 1-5."
        )


def _report_rows_and_cells(report: ValidationReport, where: dict, parsed: dict, function_column: int | None) -> None:
    """The rows dropped (duplicates, nothing answered) and the cells not read (no answer on the scale,
    a function that is neither IT nor Business), in sheet order."""
    for row, status, value in parsed["dropped_rows"]:
        reason = f"duplicate respondent id '{value}'" if status == "duplicate" else "no item answered"
        report.dropped_rows.append({**where, "row": row, "reason": reason})
    for row, col, raw, problem in parsed["cell_issues"]:
        report.cell_issues.append(
            {
                **where,
                "row": row,
                "column": column_letter(int(col[1:])),
                "value": raw,
                "reason": f"{problem}; treated as no answer",
            }
        )
    kept_unknown: dict[str, int] = {}
    if function_column is not None:
        for row, raw, unknown in parsed["function_issues"]:
            missing = raw is None or normalise(raw) in NO_ANSWER
            if unknown:
                kept_unknown[raw] = kept_unknown.get(raw, 0) + 1
                reason = f"'{raw}' is not IT or Business ({MAP_FUNCTION_VALUE})"
            else:
                reason = "function missing" if missing else f"'{raw}' is not IT or Business (mapped to ignore)"
            report.cell_issues.append(
                {
                    **where,
                    "row": row,
                    "column": column_letter(function_column),
                    "value": raw or "",
                    "reason": f"{reason}; counted in overall scores, not in the IT/Business split",
                }
            )
    if kept_unknown and parsed["unknown_function_minority"]:
        report.notes.append(_unknown_function_note(kept_unknown))
    elif kept_unknown:
        count, examples = _counted(kept_unknown)
        report.warnings.append(
            f"{count} respondent{'s' if count != 1 else ''} give a function that is neither IT nor Business "
            f"({examples}): counted in the overall scores, not in the "
            "IT/Business split. Map these values to IT, Business or ignore on the mapping screen or in the mapping "
            "file's 'values' for the function column."
        )
    report.dropped_rows.sort(key=lambda r: (r["file"], r["sheet"], r["row"]))
    report.cell_issues.sort(key=lambda r: (r["row"], len(r["column"]), r["column"]))


def _unknown_function_note(values: dict[str, int]) -> str:
    """The note on a minority of respondents whose function is neither IT nor Business: counted in the whole, left
    out of the split, and how to put them in."""
    count, examples = _counted(values)
    several = len(values) > 1
    whose = (
        f"whose function is neither IT nor Business ({examples})"
        if several
        else (f"whose function '{next(iter(values))}' is neither IT nor Business")
    )
    who = f"{count} respondents {whose} are" if count != 1 else f"1 respondent {whose} is"
    return (
        f"{who} counted in the whole organisation and left out of the IT/Business comparison; map the "
        f"value{'s' if several else ''} on the Home page's mapping to include them (or in the mapping file's 'values' "
        "for the function column). While they are fewer than the anonymity threshold, the IT/Business comparison "
        "may be hidden so that they cannot be worked out."
    )
