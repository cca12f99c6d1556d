"""Vectorised parsing of a wide Responses table with Arrow compute.

The wide table arrives as Arrow, every cell as text (or null), with a `_row` column holding the
spreadsheet row number. Each distinct answer text is judged once by the same rules as a single
cell (cells.parse_likert); the verdicts are then mapped onto whole columns, so a
100,000-respondent survey is parsed in about the time it takes to read it. Scores stay wide
(one row per respondent, one column per item): every aggregate the app needs is a column
operation on that table.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..items import IMPORTANCE_SUFFIX
from ..memory import release
from ..periods import normalise_period
from ..tactic_means import adjusted_means, item_means, missing_answer_notes
from .cells import COMMENT_FILLER, FUNCTIONS, NO_ANSWER, NOT_GIVEN, date_from_value, normalise, period_from_date
from .dates import ANONYMISED_DATE, DateOrder, anonymised_placeholder, date_order
from .grids import shared_scales
from .scales import Scale, detect_scale

_SPACE = r"[\s\x{0B}\x{1C}-\x{1F}\x{85}\p{Z}]"  # what pc.utf8_trim_whitespace trims (as str.strip), in RE2 syntax
FAVOURABLE_ABOVE = 3.5  # a favourable answer scores above the midpoint band: 4 or 5 on a 5-point scale


def _combined(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def _encode(column: pa.Array | pa.ChunkedArray) -> pa.DictionaryArray:
    """The column dictionary-encoded (a workbook's columns arrive encoded already)."""
    column = _combined(column)
    return column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)


def _strings(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The column as plain text."""
    column = _combined(column)
    return column.cast(pa.string()) if pa.types.is_dictionary(column.type) else column


def _small_int(count: int) -> np.dtype:
    """The narrowest signed integer type holding -1 .. count (so that code + 1 still fits)."""
    return np.dtype(np.int8 if count < 2**7 - 1 else np.int16 if count < 2**15 - 1 else np.int32)


def _codes(encoded: pa.DictionaryArray) -> np.ndarray:
    """The dictionary index of every cell, -1 for an empty (null) cell: indexing a lookup table one longer
    than the dictionary with these codes gives empty cells the table's last entry. The codes are as narrow
    as the dictionary allows (one byte a cell for an answer column, not four)."""
    indices = encoded.indices.cast(pa.from_numpy_dtype(_small_int(len(encoded.dictionary))))
    indices = indices.fill_null(-1) if indices.null_count else indices
    return indices.to_numpy(zero_copy_only=False)


def _present(column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """True where a cell holds anything (a row of blank-space cells is reported as unanswered, not skipped)."""
    column = _combined(column)
    if pa.types.is_dictionary(column.type):
        return _present_codes(column.dictionary.to_pylist(), _codes(column))
    return pc.fill_null(pc.not_equal(column, ""), False).to_numpy(zero_copy_only=False)


def _present_codes(distinct: list, codes: np.ndarray) -> np.ndarray:
    """_present() of a dictionary-encoded column given as its distinct values and codes."""
    return np.array([value != "" for value in distinct] + [False])[codes]


def _map_distinct(column: pa.Array, judge, value_type: pa.DataType) -> pa.Array:
    """Apply judge() to each distinct value once and spread the results over the column."""
    encoded = _encode(column)
    dictionary = encoded.dictionary.to_pylist()
    mapped = pa.array([judge(v) for v in dictionary], value_type)
    return pc.take(mapped, encoded.indices) if len(dictionary) else pa.nulls(len(column), value_type)


def parse_wide(
    handed: list[pa.Table],
    sheet: str,
    item_columns: dict,
    meta_columns: dict[str, str],
    scale_groups: list[list[str]] | None = None,
    function_values: dict[str, str] | None = None,
    chosen_scales: dict[str, Scale] | None = None,
    descending: set[str] | None = None,
    tool: str = "",
) -> dict:
    """Respondents, wide scores and comments as Arrow tables, plus the rows and cells to report.

    item_columns maps Item -> column name in `wide`; meta_columns maps field -> column name; function_values
    maps a function cell's normalised value to IT, Business or ignore (a user's value mapping); chosen_scales holds
    per item id the scale a user chose (else it is detected), descending the item ids whose answers run from the
    favourable end (scored 6 - x before any reverse coding); tool the layout's label (LimeSurvey: see _periods). Cells
    are text, plain or dictionary-encoded. Each answer column is dictionary-encoded once: every per-cell
    step after that (presence, score, problem cells) is a lookup table indexed by the codes.

    The wide table is handed over in a one-item list, which this empties: the answer columns' text is then
    released once encoded, instead of staying alive (in the caller) until the whole parse is done.
    """
    wide = handed.pop()
    release()  # what reading the file allocated and freed
    likert = [(item, name) for item, name in item_columns.items() if item.kind != "open"]
    open_ended = [(item, name) for item, name in item_columns.items() if item.kind == "open"]
    wide, distinct, codes = _encode_answers(wide, likert)
    wide = wide.drop_columns([name for _, name in likert])  # the text of the answers is read: let it go
    release()
    rows = wide.column("_row").to_numpy()
    scores, score_levels, scales, issues, answered = _score_answers(
        likert, distinct, codes, rows, scale_groups, chosen_scales or {}, descending or set()
    )
    comments, commented = _find_comments(wide, open_ended)
    answered |= commented
    period, submitted, date_order_read, placeholder = _periods(wide, meta_columns, tool)
    release()
    respondent_ids, kept, dropped, duplicate_rows = _respondent_rows(wide, meta_columns, sheet, rows, answered, period)
    release()
    function_raw, function, unknown = _functions(wide, meta_columns, function_values or {})
    # a function neither IT nor Business (nor mapped) leaves nobody out: counted in the whole, left out of the split only
    # (the disclosure layer keeps a small group of them from being worked out); a note when they are a minority (under
    # ODD_FUNCTION_SHARE of those giving a function: a stray 'Biz'), a warning when most (codes such as A1 / A2).
    unknown &= kept
    given = int(np.count_nonzero(kept & pc.is_valid(function_raw).to_numpy(zero_copy_only=False)))
    unknown_minority = bool(np.count_nonzero(unknown) < ODD_FUNCTION_SHARE * given)
    issues = [issue for issue in issues if issue[0] not in duplicate_rows]
    respondents, function_issues = _respondents(
        wide, meta_columns, respondent_ids, rows, kept, commented, period, submitted, function_raw, function, unknown
    )
    release()
    # importance answers are grouped apart from their tactic, so they never count in its score
    tactic_of = {item.id: item.tactic + (IMPORTANCE_SUFFIX if item.kind == "importance" else "") for item in item_columns}
    score_table = pa.table(
        {
            "respondent": respondents.column("respondent"),
            # each item's cells released as soon as its kept rows are copied
            **{item: pa.array(scores.pop(item)[kept], pa.float32()) for item in list(scores)},
        }
    )
    return {
        "rows_read": wide.num_rows,
        "scales": scales,
        **dict(zip(("tactic_groups", "missing_answers"), _tactic_groups(score_table, respondents, tactic_of), strict=True)),
        "item_counts": _item_counts(score_levels, kept, respondents, tactic_of),
        "respondents": respondents,
        "scores": score_table,
        "comments": _comment_table(comments, respondent_ids, kept),
        "dropped_rows": dropped,
        "cell_issues": sorted(issues, key=lambda issue: (issue[0], int(issue[1][1:]))),
        "function_issues": function_issues,
        "answer_values": {item_id: _value_counts(distinct[item_id], codes[item_id]) for item_id in distinct},
        "function_values": _value_counts(*_distinct_and_codes(function_raw)) if "function" in meta_columns else [],
        "date_order": date_order_read,  # how the submitted column's dates were read, or None without one
        "anonymised_dates": int(np.count_nonzero(placeholder & kept)),  # respondents whose submit date was 1980-01-01
        "unknown_function_minority": unknown_minority,
    }


def _encode_answers(wide: pa.Table, likert: list[tuple]) -> tuple[pa.Table, dict[str, list], dict[str, np.ndarray]]:
    """The answer columns dictionary-encoded (their distinct values and every cell's code, per item), and the
    table without its rows that hold nothing at all."""
    likert_names = {name for _, name in likert}
    with ThreadPoolExecutor(max_workers=2) as pool:  # Arrow releases the GIL: both cores encode columns
        encoded = dict(
            zip((item.id for item, _ in likert), pool.map(_distinct_and_codes, (wide.column(n) for _, n in likert)), strict=True)
        )  # each column's Arrow encoding is dropped as soon as its narrow codes are taken
    distinct = {item_id: values for item_id, (values, _) in encoded.items()}
    codes = {item_id: column_codes for item_id, (_, column_codes) in encoded.items()}
    del encoded

    non_blank = np.zeros(wide.num_rows, dtype=bool)
    for item_id, values in distinct.items():
        non_blank |= _present_codes(values, codes[item_id])
    for name in wide.column_names:
        if name != "_row" and name not in likert_names:
            non_blank |= _present(wide.column(name))
    if not non_blank.all():
        wide = wide.filter(pa.array(non_blank))
        codes = {item_id: values[non_blank] for item_id, values in codes.items()}
    return wide, distinct, codes


def _score_answers(
    likert: list[tuple],
    distinct: dict[str, list],
    codes: dict[str, np.ndarray],
    rows: np.ndarray,
    scale_groups: list[list[str]] | None,
    chosen_scales: dict[str, Scale],
    descending: set[str],
) -> tuple[
    dict[str, np.ndarray], dict[str, tuple[np.ndarray, np.ndarray]], dict[str, Scale], list[tuple[int, str, str, str]], np.ndarray
]:
    """Per item its scale, every cell's score and score level, and the cells that are no answer on it;
    and which rows answered any item. Each distinct answer is judged once."""
    scores: dict[str, np.ndarray] = {}
    score_levels: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # per item: its distinct scores, each cell's (-1: none)
    scale_of: dict[str, Scale] = {}
    issues: list[tuple[int, str, str, str]] = []
    answered = np.zeros(len(rows), dtype=bool)
    # each column's scale is its own (a grid question's statements share theirs): no other column has a say
    counts = {item_id: np.bincount(codes[item_id] + 1, minlength=len(distinct[item_id]) + 1)[1:] for item_id in distinct}
    shared = shared_scales(scale_groups or [], distinct, counts)
    for item, name in likert:
        values, cell_codes = distinct[item.id], codes[item.id]
        scale = chosen_scales.get(item.id) or shared.get(item.id) or detect_scale(values, counts=counts[item.id])
        verdicts = [scale.convert(raw) for raw in values]
        lookup = np.array([v if isinstance(v, float) else np.nan for v in verdicts] + [np.nan], dtype=np.float64)
        if item.id in descending:  # the answers run from the favourable end: 1 = Strongly agree
            lookup = 6 - lookup
        scored = (6 - lookup if item.reverse else lookup).astype(np.float32)  # the score of each code
        scores[item.id] = scored[cell_codes]  # float32, straight from the codes (no float64 copy of the column)
        levels = np.unique(scored[~np.isnan(scored)])
        level_of_code = np.where(np.isnan(scored), -1, np.searchsorted(levels, scored)).astype(_small_int(len(levels)))
        score_levels[item.id] = (levels, level_of_code[cell_codes])
        scale_of[item.id] = scale
        answered |= ~np.isnan(scores[item.id])
        bad = [code for code, verdict in enumerate(verdicts) if isinstance(verdict, str)]
        for i in np.flatnonzero(np.isin(cell_codes, bad)) if bad else ():
            code = cell_codes[i]
            issues.append((int(rows[i]), name, values[code].strip(), verdicts[code]))
    return scores, score_levels, scale_of, issues, answered


ODD_FUNCTION_SHARE = 0.5  # unknown function values under this share of the given ones are a note, else a warning
MAX_VALUES_LISTED = 40  # distinct answers of a column kept for the mapping screen (a scale has at most 11)


def _value_counts(values: list, codes: np.ndarray) -> list[tuple[str, int]]:
    """A column's distinct non-blank values with how many cells hold each, most frequent first (at most
    MAX_VALUES_LISTED), for the mapping screen to order by hand or map value by value."""
    counts = np.bincount(codes + 1, minlength=len(values) + 1)[1:]
    found = [(str(v).strip(), int(n)) for v, n in zip(values, counts, strict=True) if n and v is not None and str(v).strip()]
    merged: dict[str, int] = {}
    for value, n in found:
        merged[value] = merged.get(value, 0) + n
    return sorted(merged.items(), key=lambda e: (-e[1], e[0]))[:MAX_VALUES_LISTED]


def _distinct_and_codes(column: pa.Array) -> tuple[list, np.ndarray]:
    encoded = _encode(column)
    return encoded.dictionary.to_pylist(), _codes(encoded)


def _find_comments(wide: pa.Table, open_ended: list[tuple]) -> tuple[list[tuple], np.ndarray]:
    """Per open question (item, which rows hold a comment, the raw text), and which rows hold any comment."""
    comments = []
    commented = np.zeros(wide.num_rows, dtype=bool)
    # blank, or a no-answer spelling in any case, with any surrounding white space: one pass, no copy of the text
    # (and filler such as "none", "no comment" or "nothing to add", COMMENT_FILLER, with trailing . or !)
    empty = sorted(NO_ANSWER | COMMENT_FILLER, key=len, reverse=True)
    not_a_comment = "^" + _SPACE + "*(?:(?:" + "|".join(re.escape(s) for s in empty if s) + ")[.!]*)?" + _SPACE + "*$"
    for item, name in open_ended:
        raw = _strings(wide.column(name))
        keep = pc.invert(pc.match_substring_regex(raw, not_a_comment, ignore_case=True))
        keep_np = pc.fill_null(keep, False).to_numpy(zero_copy_only=False).astype(bool)
        commented |= keep_np
        comments.append((item, keep_np, raw))
    return comments, commented


def _meta_text(wide: pa.Table, meta_columns: dict[str, str], field: str) -> pa.Array:
    """A meta field's cells, trimmed, None where empty (all None when the sheet has no such column)."""
    name = meta_columns.get(field)
    if name is None:
        return pa.nulls(wide.num_rows, pa.string())
    if field == "respondent_id":  # unique values: cleaned cell by cell
        trimmed = pc.utf8_trim_whitespace(_strings(wide.column(name)))
        return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)
    encoded = _encode(wide.column(name))  # other fields have few distinct values: each cleaned once
    trimmed = pc.utf8_trim_whitespace(encoded.dictionary)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed).take(encoded.indices)


def _periods(
    wide: pa.Table, meta_columns: dict[str, str], tool: str = ""
) -> tuple[pa.Array, pa.Array, DateOrder | None, np.ndarray]:
    """Every row's period, in one spelling (normalise_period; from the submitted date where the period column is
    empty or missing; NOT_GIVEN when neither says), its submitted date (for the assessment date only), the
    order the submitted dates were read in (day-first unless the column's values show month-first), and which rows'
    submit date is LimeSurvey's anonymised placeholder (dates.anonymised_placeholder), which gives neither."""
    period = _map_distinct(_meta_text(wide, meta_columns, "period"), normalise_period, pa.string())
    submitted = pa.nulls(wide.num_rows, pa.date32())
    order = None
    placeholder = np.zeros(wide.num_rows, dtype=bool)
    if "submitted" in meta_columns:
        raw_submitted = _meta_text(wide, meta_columns, "submitted")
        distinct = pc.unique(raw_submitted).to_pylist()
        order = date_order(distinct)
        submitted = _map_distinct(raw_submitted, lambda v: date_from_value(v, order.order), pa.date32())
        if anonymised_placeholder((date_from_value(v, order.order) for v in distinct), tool):
            is_placeholder = pc.fill_null(pc.equal(submitted, pa.scalar(ANONYMISED_DATE, pa.date32())), False)
            placeholder = is_placeholder.to_numpy(zero_copy_only=False)
            submitted = pc.if_else(is_placeholder, pa.scalar(None, pa.date32()), submitted)
            raw_submitted = pc.if_else(is_placeholder, pa.scalar(None, pa.string()), raw_submitted)
        period = pc.coalesce(period, _map_distinct(raw_submitted, lambda v: period_from_date(v, order.order), pa.string()))
    return _combined(pc.coalesce(period, pa.scalar(NOT_GIVEN))), _combined(submitted), order, placeholder


def _functions(wide: pa.Table, meta_columns: dict[str, str], values: dict[str, str]) -> tuple[pa.Array, pa.Array, np.ndarray]:
    """Every row's function cell as written (None where empty); as IT or Business (the user's value mapping first,
    then the known spellings; None where empty, unknown or mapped to ignore); and where it is an unknown value."""
    function_raw = _combined(_meta_text(wide, meta_columns, "function"))

    def judge(value: str | None) -> str | None:
        if value is None or normalise(value) in NO_ANSWER:
            return None
        return values.get(normalise(value)) or FUNCTIONS.get(normalise(value)) or "?"

    judged = _combined(_map_distinct(function_raw, judge, pa.string()))
    unknown = pc.fill_null(pc.equal(judged, "?"), False).to_numpy(zero_copy_only=False).astype(bool)
    function = pc.if_else(pc.is_in(judged, pa.array(["IT", "Business"])), judged, pa.scalar(None, pa.string()))
    return function_raw, function, unknown


def _respondent_rows(
    wide: pa.Table, meta_columns: dict[str, str], sheet: str, rows: np.ndarray, answered: np.ndarray, period: pa.Array
) -> tuple[pa.Array, np.ndarray, list[tuple[int, str, object]], set[int]]:
    """Every row's respondent key, which rows are kept (answered, and the respondent's first answered row in its
    period), the rows dropped and why (with the id as given), and the duplicate rows.

    A panel survey asks the same people again each period, so an id repeats only within a period. The key joins
    the respondents, scores and comments tables and must be unique: it is the id, or "id (period)" for an id
    answering in several periods."""
    respondent_ids = _combined(_meta_text(wide, meta_columns, "respondent_id"))
    if respondent_ids.null_count:  # respondents without an id are named after their row
        named = pc.binary_join_element_wise(f"{sheet}-row", pc.cast(pa.array(rows), pa.string()), "")
        respondent_ids = _combined(pc.coalesce(respondent_ids, named))
    # every row's (id, period) as one integer: the ids' and periods' dictionary codes, no Python object per row
    id_codes = _codes(pc.dictionary_encode(respondent_ids)).astype(np.int64)
    period_encoded = _encode(period)
    period_count = len(period_encoded.dictionary) + 1
    key = id_codes * period_count + (_codes(period_encoded) + 1)
    # rows ascend, so a respondent's first answered row in a period is the first one seen
    answered_at = np.flatnonzero(answered)
    answered_keys, first_at = np.unique(key[answered_at], return_index=True)
    first_row = rows[answered_at[first_at]]
    where = np.minimum(np.searchsorted(answered_keys, key), max(len(answered_keys) - 1, 0))
    has_first = answered_keys[where] == key if len(answered_keys) else np.zeros(len(key), dtype=bool)
    duplicate = has_first & (rows > (first_row[where] if len(first_row) else rows))
    kept = answered & ~duplicate
    left = np.flatnonzero(~kept)
    left_ids = respondent_ids.take(pa.array(left)).to_pylist()
    dropped = [
        (int(rows[i]), "duplicate" if duplicate[i] else "unanswered", left_id) for i, left_id in zip(left, left_ids, strict=True)
    ]
    waves = np.bincount(np.unique(key[kept]) // period_count, minlength=int(id_codes.max(initial=-1)) + 1)
    several = waves[id_codes] > 1
    if several.any():
        in_period = pc.binary_join_element_wise(respondent_ids, " (", _combined(period), ")", "")
        respondent_ids = _combined(pc.if_else(pa.array(several), in_period, respondent_ids))
    return respondent_ids, kept, dropped, set(rows[duplicate].tolist())


def _respondents(
    wide: pa.Table,
    meta_columns: dict[str, str],
    respondent_ids: pa.Array,
    rows: np.ndarray,
    kept: np.ndarray,
    commented: np.ndarray,
    period: pa.Array,
    submitted: pa.Array,
    function_raw: pa.Array,
    function: pa.Array,
    unknown: np.ndarray,
) -> tuple[pa.Table, list[tuple[int, str | None, bool]]]:
    """The kept respondents' table, and the kept rows whose function is missing, a value mapped to ignore or an
    unknown value (the last item of each: whether it is unknown)."""
    kept_mask = pa.array(kept)
    respondents = pa.table(
        {
            "respondent": respondent_ids.filter(kept_mask),
            "function": function.filter(kept_mask),
            "department": pc.coalesce(_meta_text(wide, meta_columns, "department"), pa.scalar(NOT_GIVEN)).filter(kept_mask),
            "period": period.filter(kept_mask),
            "role": pc.coalesce(_meta_text(wide, meta_columns, "role"), pa.scalar("")).filter(kept_mask),
            "source_row": pa.array(rows[kept], pa.int64()),
            "commented": pa.array(commented[kept], pa.bool_()),
            "submitted": submitted.filter(kept_mask),
        }
    )
    function_issues = []
    if "function" in meta_columns:
        missing_function = pc.and_(kept_mask, pc.is_null(function)).to_numpy(zero_copy_only=False)
        where = np.flatnonzero(missing_function)
        raw_function = function_raw.take(pa.array(where)).to_pylist()  # those rows only
        function_issues = [(int(rows[i]), raw, bool(unknown[i])) for i, raw in zip(where, raw_function, strict=True)]
    return respondents, function_issues


def _comment_table(comments: list[tuple], respondent_ids: pa.Array, kept: np.ndarray) -> pa.Table:
    """The kept respondents' comments: respondent, item, tactic, text; by question, then by row."""
    comment_rows = []
    for item, keep_np, raw in comments:
        mask = keep_np & kept
        arrow_mask = pa.array(mask)
        comment_rows.append(
            pa.table(
                {
                    "respondent": respondent_ids.filter(arrow_mask),
                    "item": _repeated(item.id, int(mask.sum())),
                    "tactic": _repeated(item.tactic, int(mask.sum())),
                    "text": pc.utf8_trim_whitespace(raw.filter(arrow_mask)),
                }
            )
        )
    if comment_rows:
        return pa.concat_tables(comment_rows)  # by question, then by row
    return pa.table({c: pa.array([], pa.string()) for c in ("respondent", "item", "tactic", "text")})


def _repeated(value: str, count: int) -> pa.Array:
    """One text repeated `count` times, built in Arrow (no Python list of that length)."""
    return pa.array([value], pa.string()).take(np.zeros(count, dtype=np.int64))


_TACTIC_GROUPS_SCHEMA = pa.schema(
    {
        "tactic": pa.string(),
        "period": pa.string(),
        "function": pa.string(),
        "department": pa.string(),
        "respondents": pa.int64(),
        "mean_sum": pa.float64(),
        "mean_square_sum": pa.float64(),
        "answers": pa.int64(),
        "favourable": pa.int64(),
    }
)
_ITEM_COUNTS_SCHEMA = pa.schema(
    {
        "item": pa.string(),
        "tactic": pa.string(),
        "period": pa.string(),
        "function": pa.string(),
        "department": pa.string(),
        "score": pa.float32(),
        "answers": pa.int64(),
    }
)


def _groups(respondents: pa.Table, fields: list[str]) -> tuple[np.ndarray, pa.Table]:
    """Each respondent's group (a code) by the given fields, and the fields' values of every group."""
    combined = np.zeros(respondents.num_rows, dtype=np.int64)
    dictionaries = []
    for name in fields:
        encoded = _encode(respondents.column(name))
        size = len(encoded.dictionary) + 1  # code 0 is an empty field
        combined = combined * size + (_codes(encoded) + 1)
        dictionaries.append((encoded.dictionary, size))
    unique, group_codes = np.unique(combined, return_inverse=True)
    values = {}
    for name, (dictionary, size) in reversed(list(zip(fields, dictionaries, strict=True))):
        unique, field_codes = np.divmod(unique, size)
        values[name] = pa.concat_arrays([pa.nulls(1, dictionary.type), dictionary]).take(field_codes)
    return group_codes.reshape(-1), pa.table({name: values[name] for name in fields})


def _tactic_groups(scores: pa.Table, respondents: pa.Table, tactic_of: dict[str, str]) -> tuple[pa.Table, list[str]]:
    """Per tactic, period, function and department: the respondents who count for the tactic, the sum and the sum
    of squares of their tactic means (tactic_means: at least half the statements answered, each mean adjusted for
    the statements answered), their answers and favourable answers; and what the rule left out, in words. Every
    tactic score, its spread and the department grid are sums over these rows, so no query reads one row per
    respondent."""
    group_codes, keys = _groups(respondents, ["period", "function", "department"])
    by_tactic: dict[str, list[str]] = {}
    for item_id in scores.column_names[1:]:
        by_tactic.setdefault(tactic_of[item_id], []).append(item_id)
    pieces, notes = [], []
    for tactic in sorted(by_tactic):
        matrix = np.column_stack([scores.column(i).to_numpy(zero_copy_only=False).astype(np.float64) for i in by_tactic[tactic]])
        notes += missing_answer_notes(tactic, by_tactic[tactic], matrix)
        means = adjusted_means(matrix, item_means(matrix))
        mask = ~np.isnan(means)
        mean = means[mask]
        answered = (~np.isnan(matrix)).sum(axis=1)[mask]
        favourable = (matrix > FAVOURABLE_ABOVE).sum(axis=1)[mask]
        del matrix
        codes = group_codes[mask]

        def per_group(weights: np.ndarray | None, codes: np.ndarray = codes) -> np.ndarray:
            return np.bincount(codes, weights=weights, minlength=keys.num_rows)

        respondents_n = per_group(None)
        present = np.flatnonzero(respondents_n)
        pieces.append(
            keys.take(present)
            .append_column("tactic", _repeated(tactic, len(present)))
            .append_column("respondents", pa.array(respondents_n[present], pa.int64()))
            .append_column("mean_sum", pa.array(per_group(mean)[present], pa.float64()))
            .append_column("mean_square_sum", pa.array(per_group(mean * mean)[present], pa.float64()))
            .append_column("answers", pa.array(np.rint(per_group(answered)[present]).astype(np.int64)))
            .append_column("favourable", pa.array(np.rint(per_group(favourable)[present]).astype(np.int64)))
        )
    if not pieces:
        return _TACTIC_GROUPS_SCHEMA.empty_table(), notes
    return pa.concat_tables(pieces).select(_TACTIC_GROUPS_SCHEMA.names).cast(_TACTIC_GROUPS_SCHEMA), notes


def _item_counts(
    score_levels: dict[str, tuple[np.ndarray, np.ndarray]], kept: np.ndarray, respondents: pa.Table, tactic_of
) -> pa.Table:
    """Answers per item, period, function, department and score: every item-level chart and check reads this.

    score_levels holds per item its distinct scores and, per row read, the index of its score (-1: no answer);
    `kept` says which rows are the respondents'."""
    group_codes, keys = _groups(respondents, ["period", "function", "department"])
    item_ids = list(score_levels)
    item_codes, groups, scores_out, answers = [], [], [], []
    for position, item_id in enumerate(item_ids):
        levels, level_index = score_levels[item_id]
        level_index = level_index[kept].astype(np.int64)
        valid = level_index >= 0
        if not valid.any():
            continue
        counts = np.bincount(group_codes[valid] * len(levels) + level_index[valid], minlength=keys.num_rows * len(levels))
        group_index, level = np.nonzero(counts.reshape(keys.num_rows, len(levels)))
        item_codes.append(np.full(len(group_index), position, dtype=np.int64))
        groups.append(group_index)
        scores_out.append(levels[level])
        answers.append(counts.reshape(keys.num_rows, len(levels))[group_index, level])
    if not item_codes:
        return _ITEM_COUNTS_SCHEMA.empty_table()
    item_index = np.concatenate(item_codes)
    group_keys = keys.take(np.concatenate(groups))
    return pa.table(
        {
            "item": pa.array(item_ids, pa.string()).take(item_index),
            "tactic": pa.array([tactic_of[i] for i in item_ids], pa.string()).take(item_index),
            "period": group_keys.column("period"),
            "function": group_keys.column("function"),
            "department": group_keys.column("department"),
            "score": pa.array(np.concatenate(scores_out), pa.float32()),
            "answers": pa.array(np.concatenate(answers), pa.int64()),
        },
        schema=_ITEM_COUNTS_SCHEMA,
    )


def long_answers(scores: pa.Table, items: dict) -> pd.DataFrame:
    """The wide scores as one row per answer: respondent, item, tactic, answer (as given), score."""
    frames = []
    respondents = scores.column("respondent").to_numpy(zero_copy_only=False)
    for item_id in scores.column_names[1:]:
        item = items[item_id]
        score = scores.column(item_id).to_numpy(zero_copy_only=False)
        mask = ~np.isnan(score)
        answer = 6 - score[mask] if item.reverse else score[mask]
        frames.append(
            pd.DataFrame(
                {
                    "respondent": respondents[mask],
                    "item": item_id,
                    "tactic": item.tactic,
                    "answer": answer,
                    "score": score[mask],
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["respondent", "item", "tactic", "answer", "score"])
    return pd.concat(frames, ignore_index=True)
