"""Integer programmes as the integer audit asks them: HiGHS through SciPy's milp, each programme's rows made once.

A programme is asked for its least and its most, often for many objectives (integer_audit.py, pooled_programme.py):
its rows go to the solver as one sparse constraint made once, instead of a dense matrix milp converts at every call.
A sparse matrix also keeps LinearConstraint from setting a process-wide "warnings are errors" filter while it checks
a dense one, which another session's thread could trip over.
"""

from __future__ import annotations

import numpy as np


def constraint(matrix: np.ndarray, low, high):
    """The rows low <= matrix @ x <= high as SciPy's LinearConstraint, its matrix sparse."""
    from scipy.optimize import LinearConstraint  # imported only when a small group needs it
    from scipy.sparse import csc_array

    return LinearConstraint(csc_array(matrix), low, high)


def solve(cost: np.ndarray, constraints, integrality: np.ndarray, lower: np.ndarray, upper: np.ndarray):
    """scipy.optimize.milp of `cost` under `constraints` (made by constraint()), each variable between `lower` and
    `upper` and integral where `integrality` is 1."""
    from scipy.optimize import Bounds, milp

    return milp(cost, constraints=constraints, integrality=integrality, bounds=Bounds(lower, upper))
