"""Vectorised parsing of a wide Responses table with Arrow compute.

The wide table arrives as Arrow, every cell as text (or null), with a `_row` column holding the
spreadsheet row number. Each distinct answer text is judged once by the same rules as a single
cell (its column's Scale.convert); the verdicts are then mapped onto whole columns, so a
100,000-respondent survey is parsed in about the time it takes to read it. Scores stay wide
(one row per respondent, one column per item): every aggregate the app needs is a column
operation on that table.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..items import IMPORTANCE_SUFFIX
from ..memory import release
from ..periods import normalise_period
from .arrow_columns import (
    as_strings,
    combined_chunks,
    dictionary_codes,
    dictionary_encoded,
    map_distinct,
    present_code_mask,
    present_mask,
    repeated_text,
    small_int_type,
)
from .cells import COMMENT_FILLER, FUNCTIONS, NO_ANSWER, NOT_GIVEN, date_from_value, normalise, period_from_date
from .dates import ANONYMISED_DATE, DateOrder, anonymised_placeholder, date_order
from .grids import shared_scales
from .group_sums import item_counts_table, respondent_groups, tactic_groups_table
from .scales import Scale, detect_scale

_SPACE = r"[\s\x{0B}\x{1C}-\x{1F}\x{85}\p{Z}]"  # what pc.utf8_trim_whitespace trims (as str.strip), in RE2 syntax


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
    groups = respondent_groups(respondents)
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
        **dict(zip(("tactic_groups", "missing_answers"), tactic_groups_table(score_table, groups, tactic_of), strict=True)),
        "item_counts": item_counts_table(score_levels, kept, groups, tactic_of),
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
        non_blank |= present_code_mask(values, codes[item_id])
    for name in wide.column_names:
        if name != "_row" and name not in likert_names:
            non_blank |= present_mask(wide.column(name))
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
        level_of_code = np.where(np.isnan(scored), -1, np.searchsorted(levels, scored)).astype(small_int_type(len(levels)))
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
    encoded = dictionary_encoded(column)
    return encoded.dictionary.to_pylist(), dictionary_codes(encoded)


def _find_comments(wide: pa.Table, open_ended: list[tuple]) -> tuple[list[tuple], np.ndarray]:
    """Per open question (item, which rows hold a comment, the raw text), and which rows hold any comment."""
    comments = []
    commented = np.zeros(wide.num_rows, dtype=bool)
    # blank, or a no-answer spelling in any case, with any surrounding white space: one pass, no copy of the text
    # (and filler such as "none", "no comment" or "nothing to add", COMMENT_FILLER, with trailing . or !)
    empty = sorted(NO_ANSWER | COMMENT_FILLER, key=len, reverse=True)
    not_a_comment = "^" + _SPACE + "*(?:(?:" + "|".join(re.escape(s) for s in empty if s) + ")[.!]*)?" + _SPACE + "*$"

    def read(name: str) -> tuple[pa.Array, np.ndarray]:
        raw = as_strings(wide.column(name))
        keep = pc.invert(pc.match_substring_regex(raw, not_a_comment, ignore_case=True))
        return raw, pc.fill_null(keep, False).to_numpy(zero_copy_only=False).astype(bool)

    with ThreadPoolExecutor(max_workers=2) as pool:  # Arrow releases the GIL: both cores read open questions
        found = list(pool.map(read, (name for _, name in open_ended)))
    for (item, _), (raw, keep_np) in zip(open_ended, found, strict=True):
        commented |= keep_np
        comments.append((item, keep_np, raw))
    return comments, commented


def _meta_text(wide: pa.Table, meta_columns: dict[str, str], field: str) -> pa.Array:
    """A meta field's cells, trimmed, None where empty (all None when the sheet has no such column)."""
    name = meta_columns.get(field)
    if name is None:
        return pa.nulls(wide.num_rows, pa.string())
    if field == "respondent_id":  # unique values: cleaned cell by cell
        trimmed = pc.utf8_trim_whitespace(as_strings(wide.column(name)))
        return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)
    encoded = dictionary_encoded(wide.column(name))  # other fields have few distinct values: each cleaned once
    trimmed = pc.utf8_trim_whitespace(encoded.dictionary)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed).take(encoded.indices)


def _periods(
    wide: pa.Table, meta_columns: dict[str, str], tool: str = ""
) -> tuple[pa.Array, pa.Array, DateOrder | None, np.ndarray]:
    """Every row's period, in one spelling (normalise_period; from the submitted date where the period column is
    empty or missing; NOT_GIVEN when neither says), its submitted date (for the assessment date only), the
    order the submitted dates were read in (day-first unless the column's values show month-first), and which rows'
    submit date is LimeSurvey's anonymised placeholder (dates.anonymised_placeholder), which gives neither."""
    period = map_distinct(_meta_text(wide, meta_columns, "period"), normalise_period, pa.string())
    submitted = pa.nulls(wide.num_rows, pa.date32())
    order = None
    placeholder = np.zeros(wide.num_rows, dtype=bool)
    if "submitted" in meta_columns:
        raw_submitted = _meta_text(wide, meta_columns, "submitted")
        distinct = pc.unique(raw_submitted).to_pylist()
        order = date_order(distinct)
        submitted = map_distinct(raw_submitted, lambda v: date_from_value(v, order.order), pa.date32())
        if anonymised_placeholder((date_from_value(v, order.order) for v in distinct), tool):
            is_placeholder = pc.fill_null(pc.equal(submitted, pa.scalar(ANONYMISED_DATE, pa.date32())), False)
            placeholder = is_placeholder.to_numpy(zero_copy_only=False)
            submitted = pc.if_else(is_placeholder, pa.scalar(None, pa.date32()), submitted)
            raw_submitted = pc.if_else(is_placeholder, pa.scalar(None, pa.string()), raw_submitted)
        period = pc.coalesce(period, map_distinct(raw_submitted, lambda v: period_from_date(v, order.order), pa.string()))
    return combined_chunks(pc.coalesce(period, pa.scalar(NOT_GIVEN))), combined_chunks(submitted), order, placeholder


def _functions(wide: pa.Table, meta_columns: dict[str, str], values: dict[str, str]) -> tuple[pa.Array, pa.Array, np.ndarray]:
    """Every row's function cell as written (None where empty); as IT or Business (the user's value mapping first,
    then the known spellings; None where empty, unknown or mapped to ignore); and where it is an unknown value."""
    function_raw = combined_chunks(_meta_text(wide, meta_columns, "function"))

    def judge(value: str | None) -> str | None:
        if value is None or normalise(value) in NO_ANSWER:
            return None
        return values.get(normalise(value)) or FUNCTIONS.get(normalise(value)) or "?"

    judged = combined_chunks(map_distinct(function_raw, judge, pa.string()))
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
    respondent_ids = combined_chunks(_meta_text(wide, meta_columns, "respondent_id"))
    if respondent_ids.null_count:  # respondents without an id are named after their row
        named = pc.binary_join_element_wise(f"{sheet}-row", pc.cast(pa.array(rows), pa.string()), "")
        respondent_ids = combined_chunks(pc.coalesce(respondent_ids, named))
    # every row's (id, period) as one integer: the ids' and periods' dictionary codes, no Python object per row
    id_codes = dictionary_codes(pc.dictionary_encode(respondent_ids)).astype(np.int64)
    period_encoded = dictionary_encoded(period)
    period_count = len(period_encoded.dictionary) + 1
    key = id_codes * period_count + (dictionary_codes(period_encoded) + 1)
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
        in_period = pc.binary_join_element_wise(respondent_ids, " (", combined_chunks(period), ")", "")
        respondent_ids = combined_chunks(pc.if_else(pa.array(several), in_period, respondent_ids))
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
                    "item": repeated_text(item.id, int(mask.sum())),
                    "tactic": repeated_text(item.tactic, int(mask.sum())),
                    "text": pc.utf8_trim_whitespace(raw.filter(arrow_mask)),
                }
            )
        )
    if comment_rows:
        return pa.concat_tables(comment_rows)  # by question, then by row
    return pa.table({c: pa.array([], pa.string()) for c in ("respondent", "item", "tactic", "text")})
