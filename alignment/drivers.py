"""Driver analysis: how much each of several scores (the six tactics, or a tactic's statements) accounts for
the answer to the overall statement, with bootstrap intervals. Pure NumPy; the disclosure layer hands it the
answers of a published selection only.

- **Relative weights** (Johnson 2000): the predictors are replaced by their closest orthogonal counterparts
  (Z = X (X'X)^-1/2 on standardised scores), the overall answer is regressed on those, and each predictor gets
  the share of the explained variance that flows through it: eps_j = sum_k lambda_jk^2 beta_k^2, where
  lambda = R_xx^1/2 and beta = lambda^-1 r_xy. The weights add up to R^2 and, unlike raw correlations, are not
  inflated by what the predictors share (a close approximation of Shapley / dominance analysis).
- **Intervals**: percentile bootstrap over respondents (RESAMPLES resamples, seeded, all in one batch of
  NumPy arrays: weighted cross-products, batched eigendecompositions), simultaneous over the predictors of one
  matrix (Bonferroni over its p points). The percentile bootstrap is too narrow at survey sizes: at a family
  level of 5 % it called one of six equally important tactics different in 8-10 % of simulated surveys of 30 to
  150 respondents; at FAMILY_ALPHA = 1 % (each point's interval 1 - 0.01 / p) in 3.5-5 %, so the matrix as a
  whole keeps its false alarms at or under 5 % (tests/test_drivers.py measures it).
- **Verdict**: a predictor is *above* or *below* the importance crosshair (R^2 / p, the equal share) only when
  its whole interval is on that side; otherwise it is NOT_DISTINGUISHABLE, and so is its quadrant.
- Below DRIVER_MIN_N respondents with every answer nothing is computed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DRIVER_MIN_N = 30  # respondents who answered every predictor and the overall statement
RESAMPLES = 1000
SEED = 20260117
FAMILY_ALPHA = 0.01  # split over the points of one matrix (Bonferroni); see the module's docstring for why 1 %
NOT_DISTINGUISHABLE = "not distinguishable"
METHOD = (
    "derived: Johnson's relative weights of the overall statement on the scores, with percentile bootstrap "
    f"intervals ({RESAMPLES} resamples over respondents) simultaneous over the points of the matrix (Bonferroni at "
    f"{FAMILY_ALPHA:.0%}, which keeps a matrix's false alarms at or under 5 % in simulation)"
)


@dataclass(frozen=True)
class Drivers:
    names: list[str]
    weights: np.ndarray  # relative weights, adding up to r_squared
    low: np.ndarray
    high: np.ndarray
    r_squared: float
    n: int

    @property
    def cross(self) -> float:
        """The importance crosshair: every predictor's equal share of the explained variance."""
        return self.r_squared / len(self.names)

    def side(self, j: int) -> bool | None:
        """True when the whole interval is above the crosshair, False when below, None when it straddles it."""
        if self.low[j] > self.cross:
            return True
        if self.high[j] < self.cross:
            return False
        return None


def _weights_from_moments(count: np.ndarray, sums: np.ndarray, products: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Relative weights and R^2 for a batch of samples given by their moments: count (B,), sums (B, q) and
    cross-products (B, q, q) of the columns [x_1 .. x_p, y]. NaN where a sample has a column without spread."""
    mean = sums / count[:, None]
    cov = products / count[:, None, None] - mean[:, :, None] * mean[:, None, :]
    sd = np.sqrt(np.clip(np.diagonal(cov, axis1=1, axis2=2), 0.0, None))
    flat = (sd < 1e-9).any(axis=1)
    sd = np.where(sd < 1e-9, 1.0, sd)
    corr = cov / (sd[:, :, None] * sd[:, None, :])
    rxx, rxy = corr[:, :-1, :-1], corr[:, :-1, -1]
    values, vectors = np.linalg.eigh(rxx)
    root = np.sqrt(np.clip(values, 0.0, None))
    inverse_root = np.where(root > 1e-6, 1.0 / np.where(root > 1e-6, root, 1.0), 0.0)
    lam = np.einsum("bik,bk,bjk->bij", vectors, root, vectors)  # R_xx^1/2
    beta = np.einsum("bik,bk,bjk,bj->bi", vectors, inverse_root, vectors, rxy)  # R_xx^-1/2 r_xy
    weights = np.einsum("bjk,bk->bj", lam**2, beta**2)
    weights[flat] = np.nan
    return weights, weights.sum(axis=1)


def relative_weights(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Johnson's relative weights of y on the columns of x (n, p) and R^2 (their sum)."""
    data = np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])
    weights, r2 = _weights_from_moments(np.array([len(data)], dtype=float), data.sum(axis=0)[None], (data.T @ data)[None])
    return weights[0], float(r2[0])


def driver_analysis(
    x: np.ndarray, y: np.ndarray, names: list[str], resamples: int = RESAMPLES, seed: int = SEED
) -> Drivers | None:
    """Relative weights with simultaneous bootstrap intervals (see the module's docstring); None below
    DRIVER_MIN_N complete rows or without spread."""
    data = np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])
    data = data[~np.isnan(data).any(axis=1)]
    n, q = data.shape
    p = q - 1
    if n < DRIVER_MIN_N or p < 1:
        return None
    weights, r2 = relative_weights(data[:, :-1], data[:, -1])
    if np.isnan(weights).any():
        return None
    products = (data[:, :, None] * data[:, None, :]).reshape(n, q * q)
    rng = np.random.default_rng(seed)
    chunk = max(1, min(resamples, 4_000_000 // n))
    boot = []
    for start in range(0, resamples, chunk):
        size = min(chunk, resamples - start)
        picks = rng.integers(0, n, size=(size, n)) + n * np.arange(size)[:, None]
        counts = np.bincount(picks.ravel(), minlength=size * n).reshape(size, n).astype(float)
        sample_weights, _ = _weights_from_moments(np.full(size, float(n)), counts @ data, (counts @ products).reshape(size, q, q))
        boot.append(sample_weights)
    draws = np.concatenate(boot)
    draws = draws[~np.isnan(draws).any(axis=1)]
    alpha = FAMILY_ALPHA / p
    low, high = np.quantile(draws, [alpha / 2, 1 - alpha / 2], axis=0)
    return Drivers(list(names), weights, low, high, r2, n)
