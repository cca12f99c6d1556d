"""Several survey files uploaded together (one round's export each) as one survey.

Each file is parsed on its own, by the same rules as a single upload (its columns' scales decided on its own
answers); the parts are then joined: respondents, scores and comments stacked, the answer counts added up group by
group, and the tactic sums made again from the stacked scores (a skipped statement is filled from its mean over
the whole survey), as a single file holding every row would have given them.

A respondent id stands for one person across the files as it does within one file: an id answering in several
periods is a panel member, keyed "id (period)"; the same id twice in one period is refused, naming both files,
never silently dropped.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import InputError
from ..items import IMPORTANCE_SUFFIX, ITEMS_BY_ID
from .group_sums import respondent_groups, tactic_groups_table
from .survey import SurveyTables
from .validation import ValidationReport

_GROUP_KEYS = ("period", "function", "department")


def _raw_ids(respondents: pa.Table) -> list[str]:
    """Each respondent's id as given: a panel member's key "id (period)" without its period."""
    keys = respondents.column("respondent").to_pylist()
    periods = respondents.column("period").to_pylist()
    raw = []
    for key, period in zip(keys, periods, strict=True):
        suffix = f" ({period})"
        raw.append(key[: -len(suffix)] if period is not None and key.endswith(suffix) else key)
    return raw


def _renamed(table: pa.Table, mapping: dict[str, str]) -> pa.Table:
    """The table with its respondent column's keys replaced."""
    column = table.column("respondent").to_pylist()
    index = table.schema.get_field_index("respondent")
    return table.set_column(index, "respondent", pa.array([mapping.get(k, k) for k in column], pa.string()))


def _keys(parts: list[SurveyTables], names: list[str]) -> list[dict[str, str]]:
    """Per part: its respondent keys -> the combined survey's keys. Raises on an id answering twice in a period."""
    seen: dict[tuple[str, str | None], str] = {}
    waves: dict[str, set] = {}
    raws = []
    for part, name in zip(parts, names, strict=True):
        raw = _raw_ids(part.respondents_arrow)
        periods = part.respondents_arrow.column("period").to_pylist()
        for rid, period in zip(raw, periods, strict=True):
            where = seen.setdefault((rid, period), name)
            if where != name:
                raise InputError(
                    f"Both '{where}' and '{name}' hold survey answers of respondent '{rid}' in period {period or '(none)'}.",
                    "Upload each respondent's answers once: remove the repeated rows from one of the files, or give "
                    "each file its own survey period.",
                )
            waves.setdefault(rid, set()).add(period)
        raws.append((raw, periods))
    mappings = []
    for part, (raw, periods) in zip(parts, raws, strict=True):
        keys = part.respondents_arrow.column("respondent").to_pylist()
        mappings.append(
            {
                key: (f"{rid} ({period})" if len(waves[rid]) > 1 else rid)
                for key, rid, period in zip(keys, raw, periods, strict=True)
            }
        )
    return mappings


def _plain(table: pa.Table) -> pa.Table:
    """Dictionary columns as plain strings, so that tables from different files stack."""
    columns = [pc.cast(c, c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in table.columns]
    return pa.table(columns, names=table.column_names)


def _summed(tables: list[pa.Table], keys: list[str], sums: list[str]) -> pa.Table:
    """The tables stacked and their `sums` added up per `keys` (a group present in one file only stays as it is)."""
    schema = tables[0].schema
    stacked = pa.concat_tables([_plain(t) for t in tables])
    grouped = stacked.group_by(keys, use_threads=False).aggregate([(s, "sum") for s in sums])
    columns = {name: grouped.column(f"{name}_sum" if name in sums else name) for name in schema.names}
    order = [(k, "ascending") for k in keys]
    return pa.table(columns).sort_by(order).cast(pa.schema([pa.field(f.name, _value_type(f.type)) for f in schema]))


def _value_type(kind: pa.DataType) -> pa.DataType:
    return kind.value_type if pa.types.is_dictionary(kind) else kind


def _scores(tables: list[pa.Table]) -> pa.Table:
    """Scores stacked; an item one file did not ask is no answer (NaN, as within a file) for its respondents."""
    names: list[str] = []
    for table in tables:
        names.extend(n for n in table.column_names if n not in names)
    filled = []
    for table in tables:
        columns = {}
        for name in names:
            if name in table.column_names:
                columns[name] = table.column(name)
            else:
                columns[name] = pa.array(np.full(table.num_rows, np.nan, dtype=np.float32), pa.float32())
        filled.append(pa.table(columns))
    return pa.concat_tables(filled)


def _report(reports: list[ValidationReport]) -> ValidationReport:
    merged = ValidationReport()
    for report in reports:
        merged.files.extend(report.files)
        merged.rows_read += report.rows_read
        merged.answers_read += report.answers_read
        merged.rows_kept += report.rows_kept
        merged.dropped_rows.extend(report.dropped_rows)
        merged.dropped_columns.extend(report.dropped_columns)
        merged.cell_issues.extend(report.cell_issues)
        merged.mapped_columns.extend(report.mapped_columns)
        merged.mapping.extend(report.mapping)
        merged.column_scales.extend(report.column_scales)
        for letter, values in report.answer_values.items():
            counts = dict(merged.answer_values.get(letter, []))
            for value, count in values:
                counts[value] = counts.get(value, 0) + count
            merged.answer_values[letter] = sorted(counts.items(), key=lambda vc: -vc[1])
        counts = dict(merged.function_values)
        for value, count in report.function_values:
            counts[value] = counts.get(value, 0) + count
        merged.function_values = sorted(counts.items(), key=lambda vc: -vc[1])
        merged.warnings.extend(w for w in report.warnings if w not in merged.warnings)
        merged.notes.extend(n for n in report.notes if n not in merged.notes)
    merged.layout = " and ".join(dict.fromkeys(r.layout for r in reports if r.layout))
    return merged


def combine_surveys(parts: list[SurveyTables], names: list[str]) -> SurveyTables:
    """One survey of the parts (each parsed from the file or sheet named in `names`, in upload order)."""
    if len(parts) == 1:
        return parts[0]
    mappings = _keys(parts, names)
    respondents = pa.concat_tables(
        [_plain(_renamed(p.respondents_arrow, m)) for p, m in zip(parts, mappings, strict=True)], promote_options="default"
    )
    scores = _scores([_renamed(p.scores_arrow, m) for p, m in zip(parts, mappings, strict=True)])
    comments = pa.concat_tables(
        [_plain(_renamed(p.comments_arrow, m)) for p, m in zip(parts, mappings, strict=True)], promote_options="default"
    )
    item_counts = _summed([p.item_counts_arrow for p in parts], ["item", "tactic", *_GROUP_KEYS, "score"], ["answers"])
    custom = {}
    for part in parts:
        custom.update({item.id: item for item in part.custom_items if item.id not in custom})
    # A tactic mean fills a skipped statement from the statement's mean over the whole survey (tactic_means), so the
    # tactic sums are made again from the stacked scores: each file's own sums used each file's own statement means.
    known = {**ITEMS_BY_ID, **custom}
    tactic_of = {
        item: known[item].tactic + (IMPORTANCE_SUFFIX if known[item].kind == "importance" else "")
        for item in scores.column_names[1:]
    }
    tactic_groups, _ = tactic_groups_table(scores, respondent_groups(respondents), tactic_of)
    report = _report([p.report for p in parts])
    return SurveyTables(respondents, scores, comments, report, tactic_groups, item_counts, list(custom.values()))
