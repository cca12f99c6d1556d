"""Columns in Arrow and NumPy: combining chunks, dictionary codes, presence, mapping distinct values once."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def combined_chunks(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def dictionary_encoded(column: pa.Array | pa.ChunkedArray) -> pa.DictionaryArray:
    """The column dictionary-encoded (a workbook's columns arrive encoded already)."""
    column = combined_chunks(column)
    return column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)


def as_strings(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The column as plain text."""
    column = combined_chunks(column)
    return column.cast(pa.string()) if pa.types.is_dictionary(column.type) else column


def small_int_type(count: int) -> np.dtype:
    """The narrowest signed integer type holding -1 .. count (so that code + 1 still fits)."""
    return np.dtype(np.int8 if count < 2**7 - 1 else np.int16 if count < 2**15 - 1 else np.int32)


def dictionary_codes(encoded: pa.DictionaryArray) -> np.ndarray:
    """The dictionary index of every cell, -1 for an empty (null) cell: indexing a lookup table one longer
    than the dictionary with these codes gives empty cells the table's last entry. The codes are as narrow
    as the dictionary allows (one byte a cell for an answer column, not four)."""
    indices = encoded.indices.cast(pa.from_numpy_dtype(small_int_type(len(encoded.dictionary))))
    indices = indices.fill_null(-1) if indices.null_count else indices
    return indices.to_numpy(zero_copy_only=False)


def present_mask(column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """True where a cell holds anything (a row of blank-space cells is reported as unanswered, not skipped)."""
    column = combined_chunks(column)
    if pa.types.is_dictionary(column.type):
        return present_code_mask(column.dictionary.to_pylist(), dictionary_codes(column))
    return pc.fill_null(pc.not_equal(column, ""), False).to_numpy(zero_copy_only=False)


def present_code_mask(distinct: list, codes: np.ndarray) -> np.ndarray:
    """present_mask() of a dictionary-encoded column given as its distinct values and codes."""
    return np.array([value != "" for value in distinct] + [False])[codes]


def map_distinct(column: pa.Array, judge, value_type: pa.DataType) -> pa.Array:
    """Apply judge() to each distinct value once and spread the results over the column."""
    encoded = dictionary_encoded(column)
    dictionary = encoded.dictionary.to_pylist()
    mapped = pa.array([judge(v) for v in dictionary], value_type)
    return pc.take(mapped, encoded.indices) if len(dictionary) else pa.nulls(len(column), value_type)


def repeated_text(value: str, count: int) -> pa.Array:
    """One text repeated `count` times, built in Arrow (no Python list of that length)."""
    return pa.array([value], pa.string()).take(np.zeros(count, dtype=np.int64))
