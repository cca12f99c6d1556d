"""The survey's group sums, the only numbers the disclosure layer starts from: per tactic and per statement, for
every period, function and department, the respondents, sums, sums of squares, answers and favourable answers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa

from ..tactic_means import adjusted_means, item_means, missing_answer_notes
from .arrow_columns import dictionary_codes, dictionary_encoded, repeated_text

FAVOURABLE_ABOVE = 3.5  # a favourable answer scores above the midpoint band: 4 or 5 on a 5-point scale

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
        encoded = dictionary_encoded(respondents.column(name))
        size = len(encoded.dictionary) + 1  # code 0 is an empty field
        combined = combined * size + (dictionary_codes(encoded) + 1)
        dictionaries.append((encoded.dictionary, size))
    unique, group_codes = np.unique(combined, return_inverse=True)
    values = {}
    for name, (dictionary, size) in reversed(list(zip(fields, dictionaries, strict=True))):
        unique, field_codes = np.divmod(unique, size)
        values[name] = pa.concat_arrays([pa.nulls(1, dictionary.type), dictionary]).take(field_codes)
    return group_codes.reshape(-1), pa.table({name: values[name] for name in fields})


def respondent_groups(respondents: pa.Table) -> tuple[np.ndarray, pa.Table]:
    """Each respondent's period x function x department group (a code), and every group's values: what the tactic
    and the statement sums are both summed over, found once."""
    return _groups(respondents, ["period", "function", "department"])


def tactic_groups_table(
    scores: pa.Table, groups: tuple[np.ndarray, pa.Table], tactic_of: dict[str, str]
) -> tuple[pa.Table, list[str]]:
    """Per tactic, period, function and department: the respondents who count for the tactic, the sum and the sum
    of squares of their tactic means (tactic_means: at least half the statements answered, each mean adjusted for
    the statements answered), their answers and favourable answers; and what the rule left out, in words. Every
    tactic score, its spread and the department grid are sums over these rows, so no query reads one row per
    respondent."""
    group_codes, keys = groups
    rounds = dictionary_codes(dictionary_encoded(keys.column("period")))[group_codes]  # each respondent's period
    by_tactic: dict[str, list[str]] = {}
    for item_id in scores.column_names[1:]:
        by_tactic.setdefault(tactic_of[item_id], []).append(item_id)

    def piece(tactic: str) -> tuple[pa.Table, list[str]]:
        # float32 as the scores are stored (sums are taken in float64): half the memory of a million-row tactic
        matrix = np.column_stack([scores.column(i).to_numpy(zero_copy_only=False).astype(np.float32) for i in by_tactic[tactic]])
        notes = missing_answer_notes(tactic, by_tactic[tactic], matrix, rounds)
        means = adjusted_means(matrix, item_means(matrix))
        mask = ~np.isnan(means)
        mean = means[mask]
        answered = (~np.isnan(matrix)).sum(axis=1)[mask]
        favourable = (matrix > FAVOURABLE_ABOVE).sum(axis=1)[mask]
        del matrix
        codes = group_codes[mask]

        def per_group(weights: np.ndarray | None) -> np.ndarray:
            return np.bincount(codes, weights=weights, minlength=keys.num_rows)

        respondents_n = per_group(None)
        present = np.flatnonzero(respondents_n)
        table = (
            keys.take(present)
            .append_column("tactic", repeated_text(tactic, len(present)))
            .append_column("respondents", pa.array(respondents_n[present], pa.int64()))
            .append_column("mean_sum", pa.array(per_group(mean)[present], pa.float64()))
            .append_column("mean_square_sum", pa.array(per_group(mean * mean)[present], pa.float64()))
            .append_column("answers", pa.array(np.rint(per_group(answered)[present]).astype(np.int64)))
            .append_column("favourable", pa.array(np.rint(per_group(favourable)[present]).astype(np.int64)))
        )
        return table, notes

    with ThreadPoolExecutor(max_workers=2) as pool:  # NumPy releases the GIL: both cores take a tactic each
        done = list(pool.map(piece, sorted(by_tactic)))
    pieces = [table for table, _ in done]
    notes = [note for _, tactic_notes in done for note in tactic_notes]
    if not pieces:
        return _TACTIC_GROUPS_SCHEMA.empty_table(), notes
    return pa.concat_tables(pieces).select(_TACTIC_GROUPS_SCHEMA.names).cast(_TACTIC_GROUPS_SCHEMA), notes


def item_counts_table(
    score_levels: dict[str, tuple[np.ndarray, np.ndarray]], kept: np.ndarray, groups: tuple[np.ndarray, pa.Table], tactic_of
) -> pa.Table:
    """Answers per item, period, function, department and score: every item-level chart and check reads this.

    score_levels holds per item its distinct scores and, per row read, the index of its score (-1: no answer);
    `kept` says which rows are the respondents'; `groups` is respondent_groups of those respondents."""
    group_codes, keys = groups
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
