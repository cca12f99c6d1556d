"""Vectorised parsing of a wide Responses table with Arrow compute.

The wide table arrives as Arrow, every cell as text (or null), with a `_row` column holding the
spreadsheet row number. Each distinct answer text is judged once by the same rules as a single
cell (ingest.parse_likert); the verdicts are then mapped onto whole columns, so a
100,000-respondent survey is parsed in about the time it takes to read it. Scores stay wide
(one row per respondent, one column per item): every aggregate the app needs is a column
operation on that table.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .scales import detect_scale

FAVOURABLE_ABOVE = 3.5  # a favourable answer scores above the midpoint band: 4 or 5 on a 5-point scale
NUMERIC_POINTS_SHARE = 0.05  # numbers above 5 must be at least this share of numeric answers to mean a longer scale


def survey_points(columns) -> int:
    """The survey-wide length of numeric scales: 5, unless answers above 5 (or 0) appear in at least half
    of the numeric columns and make up at least 5 % of numeric answers (then they are a longer scale,
    not typos): 7, or 11 for 0-10. Labelled columns decide their own scale."""
    total = above = numeric_columns = longer_columns = 0
    highest, zero = 0.0, False
    for encoded in columns:
        indices = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False) + 1
        counts = np.bincount(indices, minlength=len(encoded.dictionary) + 1)[1:]
        column_numeric = column_longer = False
        for value, n in zip(encoded.dictionary.to_pylist(), counts, strict=True):
            try:
                number = float(str(value).strip().replace(",", "."))
            except ValueError:
                continue
            total += int(n)
            column_numeric = True
            if number > 5 or number == 0:
                above += int(n)
                column_longer = True
                highest = max(highest, number)
                zero = zero or number == 0
        numeric_columns += column_numeric
        longer_columns += column_longer
    if not total or above / total < NUMERIC_POINTS_SHARE or longer_columns * 2 < numeric_columns:
        return 5
    return 7 if highest <= 7 and not zero else 11


def _present(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """True where a cell holds anything (a row of blank-space cells is reported as unanswered, not skipped)."""
    return pc.fill_null(pc.not_equal(column, ""), False)


def _map_distinct(column: pa.ChunkedArray, judge, value_type: pa.DataType) -> pa.Array:
    """Apply judge() to each distinct value once and spread the results over the column."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded = pc.dictionary_encode(column)
    dictionary = encoded.dictionary.to_pylist()
    mapped = pa.array([judge(v) for v in dictionary], value_type)
    return pc.take(mapped, encoded.indices) if len(dictionary) else pa.nulls(len(column), value_type)


def parse_wide(
    wide: pa.Table,
    sheet: str,
    item_columns: dict,
    meta_columns: dict[str, str],
    no_answer: set[str],
    functions: dict[str, str],
    not_given: str,
    scale_groups: list[list[str]] | None = None,
) -> dict:
    """Respondents, wide scores and comments as Arrow tables, plus the rows and cells to report.

    item_columns maps Item -> column name in `wide`; meta_columns maps field -> column name.
    """
    from .ingest import normalise, period_from_date

    cells = [c for c in wide.column_names if c != "_row"]
    non_blank = None
    for name in cells:
        present = _present(wide.column(name))
        non_blank = present if non_blank is None else pc.or_(non_blank, present)
    wide = wide.filter(non_blank) if non_blank is not None else wide.slice(0, 0)
    rows = wide.column("_row").to_numpy()
    count = wide.num_rows

    def text(field: str) -> pa.Array:
        name = meta_columns.get(field)
        if name is None:
            return pa.nulls(count, pa.string())
        trimmed = pc.utf8_trim_whitespace(wide.column(name)).combine_chunks()
        return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)

    scores: dict[str, np.ndarray] = {}
    scale_names: dict[str, str] = {}
    issues: list[tuple[int, str, str, str]] = []
    answered = np.zeros(count, dtype=bool)
    likert = [(item, name) for item, name in item_columns.items() if item.kind != "open"]
    with ThreadPoolExecutor(max_workers=2) as pool:  # Arrow releases the GIL: both cores encode columns
        encoded = dict(
            zip(
                (item.id for item, _ in likert),
                pool.map(lambda name: pc.dictionary_encode(wide.column(name).combine_chunks()), [n for _, n in likert]),
                strict=True,
            )
        )
    points = survey_points(encoded.values())
    shared = {}  # the statements of one grid question share one scale
    for group in scale_groups or []:
        members = [item_id for item_id in group if item_id in encoded]
        values = {v for item_id in members for v in encoded[item_id].dictionary.to_pylist()}
        shared |= dict.fromkeys(members, detect_scale(sorted(values, key=str), points=points))
    for item, name in likert:
        dictionary_encoded = encoded[item.id]
        distinct = dictionary_encoded.dictionary.to_pylist()
        scale = shared.get(item.id) or detect_scale(distinct, points=points)
        verdicts = {raw: scale.convert(raw) for raw in distinct}
        mapped = pa.array([v if isinstance(v, float) else None for v in verdicts.values()], pa.float64())
        if distinct:
            answer = pc.take(mapped, dictionary_encoded.indices).to_numpy(zero_copy_only=False).astype(np.float64)
        else:
            answer = np.full(count, np.nan)
        scores[item.id] = (6 - answer if item.reverse else answer).astype(np.float32)
        scale_names[item.id] = scale.name
        answered |= ~np.isnan(answer)
        bad = {raw for raw, verdict in verdicts.items() if isinstance(verdict, str)}
        if bad:
            raw_values = wide.column(name).to_pylist()
            issues.extend(
                (int(rows[i]), name, raw_values[i].strip(), verdicts[raw_values[i]]) for i in range(count) if raw_values[i] in bad
            )

    comments = []
    commented = np.zeros(count, dtype=bool)
    for item, name in item_columns.items():
        if item.kind != "open":
            continue
        trimmed = pc.utf8_trim_whitespace(wide.column(name))
        lowered = pc.utf8_lower(trimmed)
        keep = pc.and_(pc.not_equal(lowered, ""), pc.invert(pc.is_in(lowered, value_set=pa.array(sorted(no_answer)))))
        keep_np = pc.fill_null(keep, False).to_numpy(zero_copy_only=False).astype(bool)
        answered |= keep_np
        commented |= keep_np
        comments.append((item, keep_np, trimmed))

    given_ids = text("respondent_id").to_pandas()
    if given_ids.isna().any():  # respondents without an id are named after their row
        missing = given_ids.isna().to_numpy()
        given_ids = given_ids.astype(object)
        given_ids[missing] = [f"{sheet}-row{r}" for r in rows[missing]]
    ids = given_ids
    frame = pd.DataFrame({"respondent": ids.to_numpy(), "row": rows, "answered": answered})
    first_kept = frame[frame["answered"]].groupby("respondent")["row"].min()
    first = frame["respondent"].map(first_kept)
    duplicate = first.notna() & (frame["row"] > first)
    kept = (frame["answered"] & ~duplicate).to_numpy()
    not_kept = frame[duplicate | ~frame["answered"]]
    dropped = [
        (int(r), "duplicate" if d else "unanswered", rid)
        for r, d, rid in zip(not_kept["row"], duplicate[not_kept.index], not_kept["respondent"], strict=True)
    ]
    duplicate_rows = set(frame.loc[duplicate, "row"].astype(int))
    issues = [issue for issue in issues if issue[0] not in duplicate_rows]

    function_raw = text("function")
    function = _map_distinct(function_raw, lambda v: None if v is None else functions.get(normalise(v)), pa.string())
    period = text("period")
    if "submitted" in meta_columns:
        from_date = _map_distinct(text("submitted"), lambda v: period_from_date(v), pa.string())
        period = pc.coalesce(period, from_date)
    kept_mask = pa.array(kept)
    respondents = pa.table(
        {
            "respondent": pa.array(frame["respondent"].to_numpy()[kept], pa.string()),
            "function": function.filter(kept_mask),
            "department": pc.coalesce(text("department"), pa.scalar(not_given)).filter(kept_mask),
            "period": pc.coalesce(period, pa.scalar(not_given)).filter(kept_mask),
            "role": pc.coalesce(text("role"), pa.scalar("")).filter(kept_mask),
            "source_row": pa.array(rows[kept], pa.int64()),
            "commented": pa.array(commented[kept], pa.bool_()),
        }
    )
    tactic_of = {item.id: item.tactic for item in item_columns}
    score_table = pa.table(
        {
            "respondent": respondents.column("respondent"),
            **{item: pa.array(values[kept], pa.float32()) for item, values in scores.items()},
        }
    )
    kept_ids = frame["respondent"].to_numpy()
    comment_rows = []
    for item, keep_np, trimmed in comments:
        mask = keep_np & kept
        values = trimmed.to_numpy(zero_copy_only=False)[mask]
        comment_rows.append(
            pa.table(
                {
                    "respondent": pa.array(kept_ids[mask], pa.string()),
                    "item": pa.array([item.id] * int(mask.sum()), pa.string()),
                    "tactic": pa.array([item.tactic] * int(mask.sum()), pa.string()),
                    "text": pa.array(values, pa.string()),
                    "_row": pa.array(rows[mask], pa.int64()),
                }
            )
        )
    if comment_rows:
        comment_table = (
            pa.concat_tables(comment_rows).sort_by([("_row", "ascending"), ("item", "ascending")]).drop_columns(["_row"])
        )
    else:
        comment_table = pa.table({c: pa.array([], pa.string()) for c in ("respondent", "item", "tactic", "text")})
    function_issues = []
    if "function" in meta_columns:
        missing = pc.and_(kept_mask, pc.is_null(function)).to_numpy(zero_copy_only=False)
        raw_function = function_raw.to_pylist()
        function_issues = [(int(rows[i]), raw_function[i]) for i in np.flatnonzero(missing)]
    return {
        "rows_read": count,
        "scales": scale_names,
        "tactic_means": _tactic_means(score_table, respondents, tactic_of),
        "item_counts": _item_counts(score_table, respondents, tactic_of),
        "respondents": respondents,
        "scores": score_table,
        "comments": comment_table,
        "dropped_rows": dropped,
        "cell_issues": sorted(issues, key=lambda issue: (issue[0], int(issue[1][1:]))),
        "function_issues": function_issues,
    }


def _tactic_means(scores: pa.Table, respondents: pa.Table, tactic_of: dict[str, str]) -> pa.Table:
    """One row per respondent and tactic answered: mean score, answers and favourable answers (4 or 5),
    with the respondent's function, department and period for grouping."""
    by_tactic: dict[str, list[np.ndarray]] = {}
    for item_id in scores.column_names[1:]:
        by_tactic.setdefault(tactic_of[item_id], []).append(scores.column(item_id).to_numpy(zero_copy_only=False))
    pieces = []
    for tactic, columns in sorted(by_tactic.items()):
        matrix = np.vstack(columns).astype(np.float64)
        answered = (~np.isnan(matrix)).sum(axis=0)
        mask = answered > 0
        total = np.nansum(matrix, axis=0)
        favourable = (matrix > FAVOURABLE_ABOVE).sum(axis=0)
        pieces.append(
            pa.table(
                {
                    "respondent": respondents.column("respondent").filter(pa.array(mask)),
                    "tactic": pa.array([tactic] * int(mask.sum()), pa.string()),
                    "function": respondents.column("function").filter(pa.array(mask)),
                    "department": respondents.column("department").filter(pa.array(mask)),
                    "period": respondents.column("period").filter(pa.array(mask)),
                    "mean": pa.array(total[mask] / answered[mask], pa.float64()),
                    "answers": pa.array(answered[mask], pa.int64()),
                    "favourable": pa.array(favourable[mask], pa.int64()),
                }
            )
        )
    schema = {
        "respondent": pa.string(),
        "tactic": pa.string(),
        "function": pa.string(),
        "department": pa.string(),
        "period": pa.string(),
        "mean": pa.float64(),
        "answers": pa.int64(),
        "favourable": pa.int64(),
    }
    if not pieces:
        return pa.table({name: pa.array([], kind) for name, kind in schema.items()})
    return pa.concat_tables([p.cast(pa.schema(schema)) for p in pieces])


def _item_counts(scores: pa.Table, respondents: pa.Table, tactic_of: dict[str, str]) -> pa.Table:
    """Answers per item, period, function and score: every item-level chart and check reads this."""
    period = respondents.column("period").to_pandas().astype(object)
    function = respondents.column("function").to_pandas().astype(object).fillna("\0")
    codes, joined = pd.factorize(period + "\x1f" + function)
    keys = [tuple(key.split("\x1f", 1)) for key in joined]
    pieces = []
    for item_id in scores.column_names[1:]:
        score = scores.column(item_id).to_numpy(zero_copy_only=False).astype(np.float64)
        valid = ~np.isnan(score)
        if not valid.any():
            continue
        levels, level_index = np.unique(score[valid], return_inverse=True)  # a handful of distinct scores
        counts = np.bincount(codes[valid] * len(levels) + level_index, minlength=len(keys) * len(levels))
        group_index, level = np.nonzero(counts.reshape(len(keys), len(levels)))
        pieces.append(
            pd.DataFrame(
                {
                    "item": item_id,
                    "tactic": tactic_of[item_id],
                    "period": [keys[g][0] for g in group_index],
                    "function": [None if keys[g][1] == "\0" else keys[g][1] for g in group_index],
                    "score": levels[level].astype(np.float32),
                    "answers": counts.reshape(len(keys), len(levels))[group_index, level].astype(np.int64),
                }
            )
        )
    columns = {
        "item": pa.string(),
        "tactic": pa.string(),
        "period": pa.string(),
        "function": pa.string(),
        "score": pa.float32(),
        "answers": pa.int64(),
    }
    if not pieces:
        return pa.table({name: pa.array([], kind) for name, kind in columns.items()})
    return pa.Table.from_pandas(pd.concat(pieces, ignore_index=True), schema=pa.schema(columns), preserve_index=False)


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
