"""The scoring rules redone by hand with pandas and SciPy, for the tests to compare the library with."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats


def tactic_means(scored: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Each respondent's tactic mean as documented: counted after answering at least half the tactic's statements
    (rounded up); each skipped statement filled with its mean (over the whole file) plus the respondent's mean
    distance from the means of the statements they answered, kept on 1-5; NaN below half. `scored` holds scores
    after reverse-coding."""
    block = scored[columns].astype(float)
    block = block.loc[:, block.notna().any()]
    means = block.mean()  # each statement's mean over those who answered it
    distance = block.sub(means, axis=1).mean(axis=1, skipna=True)
    filled = block.fillna(pd.DataFrame({c: (means[c] + distance).clip(1, 5) for c in block.columns}))
    return filled.mean(axis=1).where(block.notna().sum(axis=1) >= math.ceil(block.shape[1] / 2))


def welch_p(a, b) -> float:
    """Welch's t-test with its degrees of freedom at most 1.25 x (smaller group - 1), from SciPy's t and df."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    reference = stats.ttest_ind(a, b, equal_var=False)
    df = min(reference.df, 1.25 * (min(len(a), len(b)) - 1))
    return float(2 * stats.t.sf(abs(reference.statistic), df))


def holm(p_values: list[float]) -> list[float]:
    """Holm's step-down adjustment by hand: sorted p times (m - rank + 1), made monotone upwards, at most 1."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, p_values[i] * (m - rank)))
        adjusted[i] = running
    return adjusted
