"""The process-wide admission gate for parses: a byte budget that the parses running at once share.

On a shared server every session parses its uploads in its own thread. Parsing a large file briefly needs several
times the file's size (docs/PERFORMANCE.md); four such parses at once would need more memory than the server has,
and the process would be killed for everyone. Each parse therefore asks for its estimated peak first (limits.
parse_cost) and waits while the parses already running hold too much of the budget; after LOAD_WAIT_SECONDS the user
is told the server is busy (an InputError, shown like any other upload problem) instead of waiting on. A parse larger
than the whole budget is let in alone. Waiting rather than refusing at once: a parse takes seconds, so a short queue
costs the second user a few seconds, where a refusal would make them try again by hand.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

from ..errors import InputError
from . import limits

_lock = threading.Condition()
_held = 0  # bytes of budget held by the parses running now
_running = 0


def in_use() -> tuple[int, int]:
    """(parses running, bytes of budget they hold)."""
    with _lock:
        return _running, _held


@contextlib.contextmanager
def admitted(cost: int, budget: int | None = None, wait: float | None = None) -> Iterator[None]:
    """Hold `cost` bytes of the process-wide parse budget for the duration of the block."""
    global _held, _running
    budget = limits.LOAD_BUDGET_BYTES if budget is None else budget
    wait = limits.LOAD_WAIT_SECONDS if wait is None else wait
    deadline = time.monotonic() + wait
    with _lock:
        while _running and _held + cost > budget:
            left = deadline - time.monotonic()
            if left <= 0:
                raise InputError(
                    f"The server is busy reading other uploads ({_running} at once, using about "
                    f"{limits.size_text(_held)} of the {limits.size_text(budget)} it sets aside for reading files); "
                    f"this upload needs about {limits.size_text(cost)}.",
                    "Upload the file again in a minute.",
                )
            _lock.wait(left)
        _held += cost
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _held -= cost
            _running -= 1
            _lock.notify_all()
