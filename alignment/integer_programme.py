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
def _other_end(process: int) -> ThreadPoolExecutor:
    """The threads that find a programme's most while the caller finds its least (HiGHS lets go of Python's lock while
    it solves): two, shared by all sessions, so at most two more solves run than sessions deciding. One pool per
    process: a forked child does not inherit its parent's threads."""
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="highs")


def constraint(matrix: np.ndarray, low, high):
    """The rows low <= matrix @ x <= high as SciPy's LinearConstraint, its matrix sparse."""
    from scipy.optimize import LinearConstraint  # imported only when a small group needs it
    from scipy.sparse import csc_array

    return LinearConstraint(csc_array(np.atleast_2d(matrix)), low, high)


def solve(cost: np.ndarray, constraints, integrality: np.ndarray, lower: np.ndarray, upper: np.ndarray):
    """scipy.optimize.milp of `cost` under `constraints` (made by constraint()), each variable between `lower` and
    `upper` and integral where `integrality` is 1."""
    from scipy.optimize import Bounds, milp

    return milp(cost, constraints=constraints, integrality=integrality, bounds=Bounds(lower, upper))


def least_and_most(cost: np.ndarray, constraints, integrality: np.ndarray, lower: np.ndarray, upper: np.ndarray):
    """solve() of `cost` and of `-cost` (the most of cost . x), side by side: their results, in that order."""
    most = _other_end(os.getpid()).submit(solve, -cost, constraints, integrality, lower, upper)
    return solve(cost, constraints, integrality, lower, upper), most.result()
