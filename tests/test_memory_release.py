"""A closed session's data is freed and its memory handed back even when the server is otherwise idle."""

from __future__ import annotations

import threading
import weakref
from pathlib import Path

from alignment import memory
from alignment.dataset import Dataset

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "alignment_sample.xlsx"


def test_a_dataset_in_a_reference_cycle_is_freed_by_the_janitors_step() -> None:
    dataset = Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())
    dataset.self_reference = dataset  # a cycle, as a session's state holds one: plain reference counting cannot free it
    gone = weakref.ref(dataset)
    del dataset
    assert gone() is not None
    memory.collect_and_release()
    assert gone() is None


def test_the_janitor_runs_once_per_process() -> None:
    memory.keep_releasing()
    memory.keep_releasing()
    janitors = [t for t in threading.enumerate() if t.name == "alignment-memory-release"]
    assert len(janitors) == 1 and janitors[0].daemon
