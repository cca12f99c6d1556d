"""The disclosure decisions' integer programmes: sparse constraints only, and least and most side by side.

For a dense matrix, scipy.optimize.LinearConstraint sets a process-wide filter that turns every warning into an
error while it checks the matrix: a warning raised in that moment by another session's thread (the app runs each
session in its own) would fail that session. alignment/integer_programme.py makes every constraint sparse."""

from __future__ import annotations

import os
import signal
import threading
import time

import numpy as np
import pytest
import scipy.optimize
from conftest import SAMPLE_CSV
from scipy.sparse import issparse

from alignment.dataset import Dataset
from alignment.disclosure import Disclosure
from alignment.integer_programme import constraint, least_and_most


def test_deciding_the_sample_data_builds_no_dense_constraint(monkeypatch):
    built = []
    original = scipy.optimize.LinearConstraint.__init__

    def recording(self, A, *args, **kwargs):
        built.append(issparse(A))
        original(self, A, *args, **kwargs)

    monkeypatch.setattr(scipy.optimize.LinearConstraint, "__init__", recording)
    dataset = Dataset.from_files([(SAMPLE_CSV.name, SAMPLE_CSV.read_bytes())])
    for k in (3, 5, 10):  # the sample's small groups go to the linear guard's programme and the integer audit's
        Disclosure(dataset, k)
    assert built and all(built), f"{built.count(False)} of {len(built)} constraints dense"


def test_every_programme_is_solved_on_the_solver_threads(monkeypatch):
    # HiGHS keeps a scheduler per thread that solves, which a process forked after solving inherits broken; so no
    # programme is solved on a session's own thread, only on the process's solver pool (new threads in a child)
    threads = []
    original = scipy.optimize.milp

    def recording(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(scipy.optimize, "milp", recording)
    dataset = Dataset.from_files([(SAMPLE_CSV.name, SAMPLE_CSV.read_bytes())])
    for k in (3, 5, 10):
        Disclosure(dataset, k)
    assert threads and all(name.startswith("highs") for name in threads), set(threads)


def _small_programme():
    # x + y between 1 and 3, each 0..3, whole: x is least 0 and most 3
    return np.array([1.0, 0.0]), constraint(np.array([[1.0, 1.0]]), 1, 3), np.ones(2, int), np.zeros(2), np.full(2, 3.0)


def test_least_and_most_are_found_in_that_order():
    least, most = least_and_most(*_small_programme())
    assert (least.fun, -most.fun) == (0.0, 3.0)


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")  # Python 3.12: the point here
def test_a_forked_process_finds_least_and_most_with_threads_of_its_own():
    # the parent's pool threads do not survive a fork; a child using its parent's pool would wait for ever
    least_and_most(*_small_programme())  # the parent's pool now has its threads
    pid = os.fork()
    if pid == 0:  # the child: exit 0 once it has both ends
        code = 1
        try:
            least, most = least_and_most(*_small_programme())
            code = 0 if (least.fun, -most.fun) == (0.0, 3.0) else 1
        finally:
            os._exit(code)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("the forked process did not finish within 60 s")
