"""What is published beyond a cell's n and rounded mean, chosen so that integer arithmetic cannot narrow a small group.

Answers are whole numbers from 1 to 5 and counts are never negative. With the number of answers at each level for
overlapping selections (a department, a function within it, a period), an integer programme recovers a small group
exactly even where no linear combination of the cells gives it: a level with no answers in one cell empties that
level in every group inside it. So a statement's answer distribution is published only for the whole organisation,
for a period or for all periods. Those cells are unions of whole periods, and the secondary suppression already keeps
any period, or union of periods, of fewer than k respondents from being derived from them; inside a published
period no group is separated from the rest by a distribution.

What remains is the limit of any threshold rule: when everyone in a published cell answered alike, every group
inside it is known to have answered so too.
"""

from __future__ import annotations

DISTRIBUTION_NOTE = "Shown for the whole organisation only (one period or all periods), so that no small group can be worked out."


def distribution_shown(key: tuple) -> bool:
    """Whether a statement cell (period, function, department) publishes its answer distribution."""
    _, function, department = key
    return function is None and department is None
