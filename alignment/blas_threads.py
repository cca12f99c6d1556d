"""One thread for the linear algebra library (BLAS) in the whole process.

NumPy and SciPy each hand matrix products and decompositions to their OpenBLAS, which keeps a pool of threads, one
per core it sees. This app's matrices are small (the integer audit's programmes, a tactic's few statements), so the
pool's threads find next to nothing to share; after each call they wait for the next by spinning, on a core another
session needs. Deciding a 1,000-respondent survey spread over 20 departments and 4 rounds (thousands of small
programmes) took as long with one thread as with the pool, and the pool kept the second core busy for a third more
CPU time; on a host that gives the app one core of several (Community Cloud), the pool spins on the app's own share.
`python -m bench.run` shows the CPU seconds of each case next to its wall-clock seconds.
"""

from __future__ import annotations

import functools


@functools.cache
def one_blas_thread() -> None:
    """Limit NumPy's and SciPy's BLAS to one thread each, once per process (both libraries are loaded first: a
    limit reaches only the libraries loaded when it is set)."""
    import numpy  # noqa: F401
    import scipy.special  # noqa: F401  (loads SciPy's BLAS; every analysis needs it for the t quantiles anyway)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
