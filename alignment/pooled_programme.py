"""A smaller integer programme for the integer audit's statements: the groups shown on their own pooled per round.

A statement's programme has five unknowns per group (how many in it answered at each level). A group shown on its
own with fewer than 100 answers has its sum of answers fixed by its shown mean; what it can still change is how its
answers spread over the levels, and that only matters through the answer distributions shown for the cells around
it (a round's). So such groups, when they lie in the same shown distributions, are pooled into one: five unknowns
for all of them, with their total count and total sum fixed. That programme allows more than the real one (a pool
can spread its answers in ways no split among its groups can), so a solution is only used once it is split back
into its groups and checked against every row of the real programme; when the split fails, the caller falls back
to the real programme. A checked solution is a solution of the real programme, so the audit's verdicts are unchanged.
The split is tried in small steps first and, where they find none, by a small integer programme of its own (not
counted in the audit's budget: a few dozen unknowns, at most one per pool and solution).
"""

from __future__ import annotations

import itertools

import numpy as np

_EPSILON = 1e-6
_LEVELS = np.arange(1.0, 6.0)


class PooledProgramme:
    """The pooled programme of one statement measure: `unknowns` (per atom, answers at each of 5 levels), the shown
    `cells` (atoms, n, mean, distribution) and `every_row` (the real programme's rows: (vector, low, high))."""

    def __init__(self, unknowns, cells, every_row, half: float) -> None:
        self.unknowns, self.every_row = unknowns, every_row
        atoms = len(unknowns.answered)
        truth = unknowns.truth.reshape(atoms, 5)
        pinned = np.zeros(atoms, bool)
        for cell in cells:
            if len(cell.atoms) == 1 and cell.distribution is None:
                low, high = cell.n * (cell.mean - half), cell.n * (cell.mean + half)
                pinned[cell.atoms[0]] = np.ceil(low - _EPSILON) == np.floor(high + _EPSILON)
        distributed = [c for c in cells if c.distribution is not None]
        signature: dict[int, tuple[int, ...]] = {}
        for a in np.flatnonzero(pinned):
            signature[int(a)] = tuple(i for i, c in enumerate(distributed) if a in c.atoms)
        pools: dict[tuple[int, ...], list[int]] = {}
        for a, key in signature.items():
            pools.setdefault(key, []).append(a)
        self.pools = [members for members in pools.values() if len(members) > 1]
        pooled = np.zeros(atoms, bool)
        for members in self.pools:
            pooled[members] = True
        self.kept = np.flatnonzero(~pooled)  # atoms with their own five unknowns
        self.pooled = pooled
        kept_column = {int(a): i for i, a in enumerate(self.kept)}
        width = 5 * (len(self.kept) + len(self.pools))
        self.size = width

        def unknown_of(a: int) -> int:
            return 5 * kept_column[a]

        rows, lows, highs = [], [], []

        def add(vector, low, high) -> None:
            rows.append(vector)
            lows.append(low)
            highs.append(high)

        for a in self.kept:  # each group's count
            vector = np.zeros(width)
            vector[unknown_of(int(a)) : unknown_of(int(a)) + 5] = 1.0
            add(vector, unknowns.answered[a], unknowns.answered[a])
        sums = truth @ _LEVELS
        for p, members in enumerate(self.pools):  # each pool's count and sum
            start = 5 * (len(self.kept) + p)
            vector = np.zeros(width)
            vector[start : start + 5] = 1.0
            count = float(truth[members].sum())
            add(vector, count, count)
            vector = np.zeros(width)
            vector[start : start + 5] = _LEVELS
            total = float(sums[members].sum())
            add(vector, total, total)
        pool_of = {a: p for p, members in enumerate(self.pools) for a in members}
        for cell in cells:
            inside = [a for a in cell.atoms if not pooled[a]]
            fixed = float(sums[[a for a in cell.atoms if pooled[a]]].sum())
            if inside:
                vector = np.zeros(width)
                for a in inside:
                    vector[unknown_of(a) : unknown_of(a) + 5] = _LEVELS
                add(vector, cell.n * (cell.mean - half) - fixed, cell.n * (cell.mean + half) - fixed)
            if cell.distribution is None:
                continue
            for level, count in enumerate(cell.distribution):
                vector = np.zeros(width)
                for a in inside:
                    vector[unknown_of(a) + level] = 1.0
                for p in {pool_of[a] for a in cell.atoms if pooled[a]}:
                    vector[5 * (len(self.kept) + p) + level] = 1.0
                add(vector, count, count)
        self.matrix, self.low, self.high = np.array(rows), np.array(lows), np.array(highs)
        self.upper = np.concatenate(
            [np.repeat(unknowns.answered[self.kept], 5), *(np.full(5, truth[m].sum()) for m in self.pools)]
        )
        self.columns = (5 * self.kept[:, None] + np.arange(5)).reshape(-1)

    def solutions(self, objective: np.ndarray) -> list[np.ndarray] | None:
        """The least and the most of objective . x as solutions of the real programme, or None when a solution does
        not split back into its groups (or the objective touches a pooled group)."""
        from scipy.optimize import Bounds, LinearConstraint, milp

        if np.any(objective.reshape(-1, 5)[self.pooled]):
            return None
        cost = np.concatenate([objective[self.columns], np.zeros(5 * len(self.pools))])
        constraint = LinearConstraint(self.matrix, self.low, self.high)
        bounds = Bounds(np.zeros(self.size), self.upper)
        found = []
        for sign in (1.0, -1.0):
            result = milp(sign * cost, constraints=constraint, integrality=np.ones(self.size, int), bounds=bounds)
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
        for vector, low, high in self.every_row:
            value = float(vector @ full)
            if value < low - _EPSILON or value > high + _EPSILON:
                return None
        return full


def _spread(counts: dict[int, np.ndarray], steps: list[float], order: tuple[int, ...]) -> dict[int, np.ndarray] | None:
    """The steps taken one at a time by the first group that can take each (its counts stay whole and not negative),
    in `order`; None when one finds no group."""
    counts = {a: c.copy() for a, c in counts.items()}
    for j in order:
        move = np.zeros(5)
        move[[j, j + 1, j + 2]] = (1.0, -2.0, 1.0) if steps[j] > 0 else (-1.0, 2.0, -1.0)
        for _ in range(int(abs(steps[j]))):
            owner = next((a for a, c in counts.items() if np.all(c + move >= 0)), None)
            if owner is None:
                return None
            counts[owner] += move
    return counts


def _split_exactly(counts: dict[int, np.ndarray], pool: np.ndarray) -> dict[int, np.ndarray] | None:
    """Answers per level for each group that keep its count and sum and add up to the pool's (`pool`), by a small
    integer programme (groups x 5 unknowns, no objective); None when there is none. Asked when the steps find no split."""
    from scipy.optimize import Bounds, LinearConstraint, milp

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
    result = milp(
        np.zeros(width),
        constraints=LinearConstraint(np.array(rows), targets, targets),
        integrality=np.ones(width, int),
        bounds=Bounds(np.zeros(width), np.repeat([counts[a].sum() for a in members], 5)),
    )
    if result.status != 0 or result.x is None:
        return None
    x = np.rint(result.x)
    return {a: x[5 * i : 5 * i + 5] for i, a in enumerate(members)}
