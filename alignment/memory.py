"""Handing freed memory back to the operating system.

Arrow's allocator (mimalloc) and the C library's malloc (NumPy, pandas, Python objects) each keep memory that
was freed, to reuse it later; neither can reuse what the other keeps. After a large parse that slack can be as
large as the data itself, and on a shared server it stays after the session that needed it has gone.
release() returns it: call it after a step that freed a lot (a parse, a session's end)."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import gc
import threading
import time
from collections.abc import Callable

import pyarrow as pa


@functools.cache
def _malloc_trim():
    """glibc's malloc_trim, or None where the C library has none (musl, macOS, Windows)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


M_ARENA_MAX = -8  # mallopt's parameter number for the most malloc arenas (glibc's malloc.h)


@functools.cache
def limit_malloc_arenas(most: int = 2) -> bool:
    """Have glibc's malloc keep at most `most` arenas for the threads created from now on (whether it could).

    By default malloc gives each new thread its own arena, up to eight per core, and each arena keeps freed memory
    in its own fragments. A server runs every session's script in a new thread, so a large upload's memory was
    freed into an arena that a later session might never reuse, and trimming could not return all of it: with two
    arenas the server came back closer to its baseline after large sessions closed (docs/PERFORMANCE.md). Once per
    process; the same as MALLOC_ARENA_MAX=2 in the environment, which a hosted app cannot set."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_ARENA_MAX, most))


def release() -> None:
    """Give memory that is free but still held by the allocators back to the system (a few milliseconds)."""
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def collect_and_release() -> None:
    """Free what only the cycle collector can (a closed session's dataset), then hand the memory back."""
    gc.collect()
    release()


_janitor = threading.Lock()
_janitor_started = False


def keep_releasing(every: float = 30.0, also: Callable[[], object] | None = None) -> None:
    """Start, once per process, a daemon thread that collects garbage and releases freed memory every `every` seconds.

    A session's data (its dataset, DuckDB connection and caches) sits in reference cycles that only Python's cycle
    collector frees, and an idle server allocates too little to trigger it: after the last tab closes, nothing else
    would run the collector, nor hand the freed memory back. `also` runs first on each round (the app passes what
    ends its closed sessions)."""
    global _janitor_started
    with _janitor:
        if _janitor_started:
            return
        _janitor_started = True

    def work() -> None:
        while True:
            time.sleep(every)
            if also is not None:
                with contextlib.suppress(Exception):  # never let the janitor die
                    also()  # the app's own clean-up first (closed sessions), so that their memory is collected now
            collect_and_release()

    threading.Thread(target=work, name="alignment-memory-release", daemon=True).start()
