"""Integer programmes as the disclosure decisions ask them: HiGHS through SciPy's milp, their rows sparse.

The audit asks one programme for its least and its most, often for many objectives (integer_audit.py,
pooled_programme.py): the two are found side by side on two threads, and the programme's rows go to the solver as
one sparse constraint made once, instead of a dense matrix milp converts at every call. Every constraint is made
sparse, also the linear guard's (suppression.py): for a dense one, SciPy's LinearConstraint turns every warning into
an error, process-wide, while it checks the matrix, and a warning in another session's thread at that moment would
fail that session.
"""

from __future__ import annotations

import functools
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np


@functools.cache
def _solvers(process: int) -> ThreadPoolExecutor:
    """The threads every programme is solved on: HiGHS lets go of Python's lock while it solves, so a programme's least
    and most are found side by side; as many threads as the machine has cores (at least two), shared by all sessions.
    One pool per process, and no programme solved on any other thread: HiGHS keeps a scheduler for each thread that
    solves, which a process forked after solving inherits broken (its first solve on such a thread waits for ever,
    seen with HiGHS running parallel tasks on 3 or more cores); a child's own pool has new threads."""
    return ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1), thread_name_prefix="highs")


def constraint(matrix: np.ndarray, low, high):
    """The rows low <= matrix @ x <= high as SciPy's LinearConstraint, its matrix sparse."""
    from scipy.optimize import LinearConstraint  # imported only when a small group needs it
    from scipy.sparse import csc_array

    return LinearConstraint(csc_array(np.atleast_2d(matrix)), low, high)


def _milp(cost: np.ndarray, constraints, integrality: np.ndarray, lower: np.ndarray, upper: np.ndarray):
    from scipy.optimize import Bounds, milp

    return milp(cost, constraints=constraints, integrality=integrality, bounds=Bounds(lower, upper))


def solve(cost: np.ndarray, constraints, integrality: np.ndarray, lower: np.ndarray, upper: np.ndarray):
    """scipy.optimize.milp of `cost` under `constraints` (made by constraint()), each variable between `lower` and
    `upper` and integral where `integrality` is 1; solved on the process's solver threads."""
    return _solvers(os.getpid()).submit(_milp, cost, constraints, integrality, lower, upper).result()


def least_and_most(cost: np.ndarray, constraints, integrality: np.ndarray, lower: np.ndarray, upper: np.ndarray):
    """solve() of `cost` and of `-cost` (the most of cost . x), side by side: their results, in that order."""
    solvers = _solvers(os.getpid())
    least = solvers.submit(_milp, cost, constraints, integrality, lower, upper)
    most = solvers.submit(_milp, -cost, constraints, integrality, lower, upper)
    return least.result(), most.result()
