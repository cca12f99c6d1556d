"""A smaller integer programme for the integer audit's statements: the groups shown on their own pooled per round.

A statement's programme has five unknowns per group (how many in it answered at each level). A group shown on its
own with fewer than 100 answers has its sum of answers fixed by its shown mean; what it can still change is how its
answers spread over the levels, and that only matters through the answer distributions shown for the cells around
it (a round's). So such groups, when they lie in the same shown distributions, are pooled into one: five unknowns
for all of them, with their total count and total sum fixed. That programme allows more than the real one (a pool
can spread its answers in ways no split among its groups can), so a solution is only used once it is split back
into its groups and checked against every row of the real programme; when the split fails, the caller falls back
to the real programme. It is made from the real programme's rows, so it asks what they ask and nothing else. A
checked solution is a solution of the real programme, so the audit's verdicts are unchanged.
The split is tried in small steps first and, where they find none, by a small integer programme of its own (not
counted in the audit's budget: a few dozen unknowns, at most one per pool and solution).
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

from .integer_programme import constraint, least_and_most, solve

_EPSILON = 1e-6
_LEVELS = np.arange(1.0, 6.0)


class PooledProgramme:
    """The pooled programme of one statement measure, made from the real one: `unknowns` (per atom, answers at each of
    5 levels) and `every_row` (the real programme's rows, (vector, low, high): each atom's count, each shown cell's
    sum of answers, each shown distribution's count at a level)."""

    def __init__(self, unknowns, every_row) -> None:
        self.unknowns = unknowns
        atoms = len(unknowns.answered)
        truth = unknowns.truth.reshape(atoms, 5)
        matrix = np.array([r for r, _, _ in every_row])
        low, high = np.array([lo for _, lo, _ in every_row]), np.array([hi for *_, hi in every_row])
        self.real = matrix, low, high  # the real programme's rows, which a split solution must keep
        blocks = matrix.reshape(len(matrix), atoms, 5)  # row x atom x level
        touches = np.abs(blocks).sum(axis=2) > 0
        summing = touches & np.all(np.abs(blocks - blocks[:, :, :1] * _LEVELS) < 1e-12, axis=2)  # a sum of answers
        alone = touches.sum(axis=1) == 1
        exact = np.ceil(low - _EPSILON) == np.floor(high + _EPSILON)  # whole sums: one value in the bounds
        pinned = np.zeros(atoms, bool)
        for r in np.flatnonzero(alone & exact & summing.any(axis=1)):
            pinned[np.flatnonzero(touches[r])[0]] = True
        counting = alone & ~summing.any(axis=1)  # an atom's own count row
        pools: dict[bytes, list[int]] = {}  # pinned atoms by the other rows they are in, with their coefficients there
        for a in np.flatnonzero(pinned):
            other = touches[:, a] & ~summing[:, a] & ~counting
            pools.setdefault(np.flatnonzero(other).tobytes() + blocks[other, a].tobytes(), []).append(int(a))
        self.pools = [members for members in pools.values() if len(members) > 1]
        pooled = np.zeros(atoms, bool)
        for members in self.pools:
            pooled[members] = True
        self.pooled = pooled
        self.kept = np.flatnonzero(~pooled)  # atoms with their own five unknowns
        self.columns = (5 * self.kept[:, None] + np.arange(5)).reshape(-1)
        self.size = len(self.columns) + 5 * len(self.pools)
        sums = truth @ _LEVELS
        rows, lows, highs = [], [], []
        for r in range(len(matrix)):
            if counting[r] and pooled[np.flatnonzero(touches[r])[0]]:
                continue  # a pooled atom's count: its pool's count says it
            fixed = float(sums[pooled & summing[r]].sum())  # pooled atoms in a sum: their fixed sums
            # a pool's coefficients in a distribution's row: the same for every member (they are pooled by them)
            on_pools = [np.zeros(5) if summing[r, m[0]] else blocks[r, m[0]] for m in self.pools]
            vector = np.concatenate([matrix[r, self.columns], *on_pools])
            if not vector.any():
                continue  # nothing left to choose: the truth satisfies it
            rows.append(vector)
            lows.append(low[r] - fixed)
            highs.append(high[r] - fixed)
        for p, members in enumerate(self.pools):  # each pool's count and sum
            for weights, value in ((np.ones(5), truth[members].sum()), (_LEVELS, sums[members].sum())):
                vector = np.zeros(self.size)
                vector[len(self.columns) + 5 * p : len(self.columns) + 5 * p + 5] = weights
                rows.append(vector)
                lows.append(value)
                highs.append(value)
        self._rows = np.array(rows), np.array(lows), np.array(highs)
        self.upper = np.concatenate([unknowns.upper[self.columns], *(np.full(5, truth[m].sum()) for m in self.pools)])

    @functools.cached_property
    def constraint(self):
        """The pooled rows for the solver: made once, when a solution is first asked (never when nothing pools)."""
        return constraint(*self._rows)

    def solutions(self, objective: np.ndarray) -> list[np.ndarray] | None:
        """The least and the most of objective . x as solutions of the real programme, or None when a solution does
        not split back into its groups (or the objective touches a pooled group)."""
        if np.any(objective.reshape(-1, 5)[self.pooled]):
            return None
        cost = np.concatenate([objective[self.columns], np.zeros(5 * len(self.pools))])
        lower, integrality = np.zeros(self.size), np.ones(self.size, int)
        found = []
        for result in least_and_most(cost, self.constraint, integrality, lower, self.upper):
            if result.status != 0 or result.x is None:
                return None
            full = self._split(np.rint(result.x))
            if full is None:
                return None
            found.append(full)
        return found

    def _split(self, x: np.ndarray) -> np.ndarray | None:
        """x as answers per level of every group: each pool's change spread over its groups in steps that keep each
        group's count and sum (one answer down a level and one up, around a level two answers leave or join); checked
        against every row of the real programme."""
        full = self.unknowns.truth.astype(float).copy()
        full[self.columns] = x[: len(self.columns)]
        pool_counts = x[len(self.columns) :].reshape(-1, 5)
        for members, target in zip(self.pools, pool_counts, strict=True):
            counts = {a: full[a * 5 : a * 5 + 5].copy() for a in members}
            change = target - sum(counts.values())
            steps = [change[0], change[1] + 2 * change[0], change[4]]  # change = sum of steps[j] * (e_j - 2e_j+1 + e_j+2)
            spread = next(filter(None, (_spread(counts, steps, order) for order in itertools.permutations(range(3)))), None)
            if spread is None:
                spread = _split_exactly(counts, target)
            if spread is None:
                return None
            for a in members:
                full[a * 5 : a * 5 + 5] = spread[a]
        if np.any(full < -_EPSILON) or np.any(full > self.unknowns.upper + _EPSILON):
            return None
        matrix, low, high = self.real
        values = matrix @ full
        if np.any(values < low - _EPSILON) or np.any(values > high + _EPSILON):
            return None
        return full


def _spread(counts: dict[int, np.ndarray], steps: list[float], order: tuple[int, ...]) -> dict[int, np.ndarray] | None:
    """The steps taken one at a time by the first group that can take each (its counts stay whole and not negative),
    in `order`; None when one finds no group."""
    members = list(counts)
    if not members:  # no group to take a step
        return None if any(int(abs(steps[j])) for j in order) else {}
    matrix = np.array([counts[a] for a in members], dtype=float)  # group x level
    for j in order:
        move = np.zeros(5)
        move[[j, j + 1, j + 2]] = (1.0, -2.0, 1.0) if steps[j] > 0 else (-1.0, 2.0, -1.0)
        wanted = int(abs(steps[j]))
        if not wanted:
            continue
        # the first group able to take a step takes steps until it cannot (the groups before it never can): so each
        # group in turn takes as many as its counts allow, until the steps are all taken
        taking = move < 0
        able = np.floor(matrix[:, taking] / -move[taking]).min(axis=1)
        able[(matrix[:, ~taking] + move[~taking] < 0).any(axis=1)] = 0
        able = np.maximum(able, 0)
        before = np.concatenate([[0.0], np.cumsum(able)[:-1]])
        taken = np.clip(wanted - before, 0, able)
        if taken.sum() < wanted:
            return None
        matrix += taken[:, None] * move
    return {a: matrix[i] for i, a in enumerate(members)}


def _split_exactly(counts: dict[int, np.ndarray], pool: np.ndarray) -> dict[int, np.ndarray] | None:
    """Answers per level for each group that keep its count and sum and add up to the pool's (`pool`), by a small
    integer programme (groups x 5 unknowns, no objective); None when there is none. Asked when the steps find no split."""
    members = list(counts)
    width = 5 * len(members)
    rows, targets = [], []
    for i, a in enumerate(members):
        for weights, target in ((np.ones(5), counts[a].sum()), (_LEVELS, counts[a] @ _LEVELS)):
            row = np.zeros(width)
            row[5 * i : 5 * i + 5] = weights
            rows.append(row)
            targets.append(target)
    for level in range(5):
        row = np.zeros(width)
        row[level::5] = 1.0
        rows.append(row)
        targets.append(pool[level])
    targets = np.array(targets)
    upper = np.repeat([counts[a].sum() for a in members], 5)
    result = solve(np.zeros(width), constraint(np.array(rows), targets, targets), np.ones(width, int), np.zeros(width), upper)
    if result.status != 0 or result.x is None:
        return None
    x = np.rint(result.x)
    return {a: x[5 * i : 5 * i + 5] for i, a in enumerate(members)}
