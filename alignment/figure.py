"""One published cell (a Figure), and why a cell is hidden: a reason code and the threshold k, as data.

The disclosure layer decides; it never writes a sentence. Words for a hidden cell are made where results leave
the library or reach the screen (the JSON, the command line, the pages, the reports), by `hidden_words` alone,
so no caller takes a sentence apart to find the reason or k again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FEWER_THAN_K = "fewer_than_k"  # the cell itself has fewer than k respondents (primary suppression)
PROTECTS_SMALL_GROUP = "protects_small_group"  # hidden so that no small group is a combination of shown cells


@dataclass(frozen=True)
class Figure:
    """One published cell. A hidden cell carries no numbers, only why it is hidden (`reason`, a code) and `k`."""

    n: int | None
    mean: float | None = None
    sd: float | None = None
    favourable_pct: float | None = None
    reason: str | None = None  # FEWER_THAN_K or PROTECTS_SMALL_GROUP, set when hidden
    distribution: tuple[int, ...] | None = None  # a statement's answers at levels 1-5, where the page shows them
    k: int | None = None  # the anonymity threshold the cell was decided at, set when hidden

    @property
    def hidden(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True)
class Hidden:
    """Why a result is hidden, as data: the reason code of its cell and the threshold k it was decided at."""

    reason: str
    k: int

    @classmethod
    def of(cls, figure: Figure | None) -> Hidden | None:
        """A hidden cell's reason and k; None for a shown cell or none."""
        return cls(figure.reason, figure.k) if figure is not None and figure.hidden else None

    def words(self, form: str = "label") -> str:
        return hidden_words(self.reason, self.k, form)


def hidden_figure(reason: str, k: int) -> Figure:
    return Figure(None, reason=reason, k=k)


def figure_of(n, total, squares, favourable, answers) -> Figure:
    """A shown cell from its sums: n, mean, SD (n > 1) and the favourable share of its answers."""
    n = int(n)
    mean = float(total) / n
    sd = math.sqrt(max(0.0, (float(squares) - float(total) ** 2 / n) / (n - 1))) if n > 1 else None
    share = 100.0 * float(favourable) / float(answers) if answers else None
    return Figure(n, mean, sd, share)


def published(figure: Figure | None) -> bool:
    return figure is not None and not figure.hidden


def hidden_words(reason: str | None, k: int | None, form: str = "label") -> str | None:
    """Why a cell is hidden, in words; None when it is not. The one place these words are made.

    form "label": as a table cell or the JSON says it ('hidden: fewer than 5 responses');
    "why": after "it is" or "hidden —" ('fewer than 5 responses');
    "cell": two short lines for a heatmap cell ('hidden:\\n< 5 answers')."""
    if reason is None:
        return None
    if reason == FEWER_THAN_K:
        return {
            "label": f"hidden: fewer than {k} responses",
            "why": f"fewer than {k} responses",
            "cell": f"hidden:\n< {k} answers",
        }[form]
    if reason == PROTECTS_SMALL_GROUP:
        return "hidden:\nprotected" if form == "cell" else "hidden so that a small group cannot be worked out"
    raise ValueError(f"unknown reason code {reason!r}")


def not_offered_words(k: int, form: str = "why") -> str:
    """Why a period, department or function is not offered as a filter: either reason may apply."""
    return f"{hidden_words(FEWER_THAN_K, k, form)}, or {hidden_words(PROTECTS_SMALL_GROUP, k)}"
