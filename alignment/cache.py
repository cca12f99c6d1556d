"""Caches bounded by the memory they hold, not by their number of entries.

A result computed from a dataset (an analysis, a frame of comments, a chart's spec) may be a few hundred bytes or
tens of megabytes; a cache of "64 entries" can so hold anything from kilobytes to gigabytes. ByteBoundedCache keeps
its least recently used entries dropped once the estimated size of what it holds passes its budget."""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa

MB = 1024 * 1024
_OBJECT_CELL = 64  # bytes a Python object in a pandas object column is assumed to take, when not measured
_DEEP_ROWS = 2_000  # frames up to this length are measured exactly (memory_usage(deep=True))
_MAX_DEPTH = 8
_SAMPLED_FROM = 256  # a container longer than this is estimated from _SAMPLE of its items, evenly spaced
_SAMPLE = 64


def _items_size(items: list, seen: set[int], depth: int) -> int:
    """The summed sizes of a container's items: all of them when few, else a sample's mean times their number."""
    if len(items) <= _SAMPLED_FROM:
        return sum(size_of(v, seen, depth) for v in items)
    step = len(items) / _SAMPLE
    sampled = [items[int(i * step)] for i in range(_SAMPLE)]
    return round(sum(size_of(v, seen, depth) for v in sampled) * len(items) / _SAMPLE)


def size_of(value: object, _seen: set[int] | None = None, _depth: int = 0) -> int:
    """An estimate of the bytes `value` holds: exact for arrays, Arrow and small frames; for a large frame its object
    columns at _OBJECT_CELL bytes a cell; containers and objects' attributes summed. An object whose class sets
    `_not_counted = True` (a dataset: held elsewhere) counts nothing."""
    seen = set() if _seen is None else _seen
    if id(value) in seen or _depth > _MAX_DEPTH or getattr(type(value), "_not_counted", False):
        return 0
    seen.add(id(value))
    if isinstance(value, (str, bytes, bytearray, int, float, bool)) or value is None:
        return sys.getsizeof(value)
    if isinstance(value, np.ndarray):
        return value.nbytes + (len(value.ravel()) * _OBJECT_CELL if value.dtype == object else 0)
    if isinstance(value, (pa.Table, pa.Array, pa.ChunkedArray, pa.RecordBatch)):
        return value.get_total_buffer_size()
    if isinstance(value, (pd.DataFrame, pd.Series)):
        deep = len(value) <= _DEEP_ROWS
        usage = value.memory_usage(index=True, deep=deep)
        total = int(usage.sum() if isinstance(value, pd.DataFrame) else usage)
        if not deep:
            dtypes = value.dtypes if isinstance(value, pd.DataFrame) else pd.Series([value.dtype])
            total += sum(dtype == np.dtype(object) for dtype in dtypes) * len(value) * _OBJECT_CELL
        return total
    if isinstance(value, dict):
        return sys.getsizeof(value) + _items_size([*value.keys(), *value.values()], seen, _depth + 1)
    if isinstance(value, (list, tuple, set, frozenset)):
        return sys.getsizeof(value) + _items_size(list(value), seen, _depth + 1)
    attributes = getattr(value, "__dict__", None)
    slots = [getattr(value, s) for s in getattr(type(value), "__slots__", ()) if hasattr(value, s)]
    return sys.getsizeof(value) + (size_of(attributes, seen, _depth + 1) if attributes else 0) + size_of(slots, seen, _depth + 1)


class ByteBoundedCache:
    """A least-recently-used cache whose entries' estimated sizes (size_of) sum to at most max_bytes (and that has at
    most max_entries entries, when given). A value larger than the whole budget is returned but not kept."""

    def __init__(self, max_bytes: int, max_entries: int | None = None) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self.nbytes = 0

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[Hashable]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def get_or_compute(self, key: Hashable, compute: Callable[[], object]) -> object:
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key][0]
        value = compute()
        size = size_of(value)
        if size > self.max_bytes:
            return value
        self._entries[key] = (value, size)
        self.nbytes += size
        while self.nbytes > self.max_bytes or (self.max_entries is not None and len(self._entries) > self.max_entries):
            _, (_, dropped) = self._entries.popitem(last=False)
            self.nbytes -= dropped
        return value

    def clear(self) -> None:
        self._entries.clear()
        self.nbytes = 0
