"""Integer programmes as the integer audit solves them: HiGHS through SciPy's milp, with one setting of ours.

The audit's programmes (integer_audit.py, pooled_programme.py: the least and the most a small group can be) are
small, and HiGHS settles nearly all of them at the root node, with the root LP and its cuts. Its feasibility jump
heuristic, run first to find a starting solution, took about a third of their time for nothing here, so it is off:
the least and the most are the same (they are the programme's optima); where several solutions reach them, the one
returned may be another.
"""

from __future__ import annotations

import warnings

import numpy as np

# A HiGHS option SciPy does not list: it passes it on all the same, warning that it does so. That warning, and only
# it, is silenced once here (the test suite's configuration says the same, as pytest resets filters per test).
_HIGHS_OPTIONS = {"mip_heuristic_run_feasibility_jump": False}
warnings.filterwarnings(
    "ignore", message=r"Unrecognized options detected: \{'mip_heuristic_run_feasibility_jump'\}", category=RuntimeWarning
)


def constraint(matrix: np.ndarray, low, high):
    """The rows low <= matrix @ x <= high as SciPy's LinearConstraint, its matrix sparse: built once for a programme
    asked for its least and its most (milp would convert a dense matrix at every call)."""
    from scipy.optimize import LinearConstraint
    from scipy.sparse import csc_array

    return LinearConstraint(csc_array(matrix), low, high)


def solve(cost: np.ndarray, constraints, integrality: np.ndarray, lower: np.ndarray, upper: np.ndarray):
    """scipy.optimize.milp of `cost` under `constraints` (a LinearConstraint), each variable between `lower` and
    `upper` and integral where `integrality` is 1."""
    from scipy.optimize import Bounds, milp  # imported only when a small group needs it

    # a new dict each time: milp takes its own keys out of the one it is given
    return milp(cost, constraints=constraints, integrality=integrality, bounds=Bounds(lower, upper), options=dict(_HIGHS_OPTIONS))
