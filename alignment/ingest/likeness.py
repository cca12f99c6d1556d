"""How like an item statement a header is: one pair (similarity), or every header of a file against every
statement at once (Likeness).

The score is difflib's character ratio and the word overlap together. Scoring every column against every
statement with difflib costs minutes on a wide export, so Likeness first bounds every pair at once with
rapidfuzz (its Indel ratio, 2 * LCS / total length, is never below difflib's 2 * matches / total length: the
blocks difflib matches are one common subsequence) and the word overlap, in one matrix per file; difflib then
scores only the pairs whose bound can still reach a threshold, in the order a greedy choice needs them. The
scores, and so every decision made on them, are those of scoring every pair.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections.abc import Callable, Iterator

from ..items import ITEMS, Item
from .cells import normalise

STOP_WORDS = frozenset(("the", "and", "a", "an", "to", "of", "in", "is", "are", "with", "i", "we", "our"))
# a header longer than this is a paragraph (a consent text, a page of instructions), never one statement: it is
# not scored (no statement is a tenth as long), which bounds what one difflib call may cost
LONGEST_SCORED = 1_000
_SLACK = 1e-4  # a bound is raised by this much, so that rounding in rapidfuzz's float32 never lowers it below a score


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text)) - STOP_WORDS


def _comparable(text: object) -> str:
    return normalise(text).rstrip(". ")


def _score(a: str, b: str, words_a: set[str], words_b: set[str]) -> float:
    """The likeness of two comparable texts, 0-1: character and word overlap together."""
    characters = difflib.SequenceMatcher(None, a, b).ratio()
    words = len(words_a & words_b) / len(words_a | words_b) if words_a | words_b else 0.0
    return min(1.0, max(characters, (characters + words) / 2 + 0.1 * words))


def similarity(text: str, item: Item) -> float:
    """Fuzzy likeness of a header to an item statement, 0-1: character and word overlap together."""
    a, b = _comparable(text), _comparable(item.text)
    return _score(a, b, _words(a), _words(b))


class Likeness:
    """The likeness of each column's text to each item statement, scored only where it can matter.

    `bound[row, j]` is at least the score of the text of row with ITEMS[j] (columns of the same text share a
    row); `score` computes (and keeps) the real score of one pair. `difflib_calls` counts the pairs scored."""

    def __init__(self, texts: dict[int, object]) -> None:
        import numpy as np
        from rapidfuzz import fuzz, process

        self.row: dict[int, int] = {}  # column -> row
        self._texts: list[str] = []
        rows: dict[str, int] = {}
        for column, text in texts.items():
            key = _comparable(text)
            if key not in rows:
                rows[key] = len(self._texts)
                self._texts.append(key)
            self.row[column] = rows[key]
        self._items = [_comparable(item.text) for item in ITEMS]
        self._item_words = [_words(text) for text in self._items]
        self._words = [_words(text) for text in self._texts]
        self._scores: dict[tuple[int, int], float] = {}
        self.difflib_calls = 0
        scored = [len(text) <= LONGEST_SCORED for text in self._texts]
        characters = np.zeros((len(self._texts), len(ITEMS)))
        rows = [r for r, keep in enumerate(scored) if keep]
        if rows:
            ratios = process.cdist([self._texts[r] for r in rows], self._items, scorer=fuzz.ratio, dtype=np.float32)
            characters[rows] = ratios / 100.0 + _SLACK
        # word overlap, |A & B| / |A | B|, exactly: the shared words counted through the statements' words
        shared = np.zeros_like(characters)
        by_word: dict[str, list[int]] = {}
        for j, item_words in enumerate(self._item_words):
            for word in item_words:
                by_word.setdefault(word, []).append(j)
        for r in rows:
            for word in self._words[r]:
                for j in by_word.get(word, ()):
                    shared[r, j] += 1
        sizes = np.array([len(w) for w in self._words], dtype=float)[:, None]
        item_sizes = np.array([len(w) for w in self._item_words], dtype=float)[None, :]
        union = sizes + item_sizes - shared
        words = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        bound = np.minimum(1.0 + _SLACK, np.maximum(characters, (characters + words) / 2 + 0.1 * words))
        bound[[r for r, keep in enumerate(scored) if not keep]] = 0.0
        self.bound = bound

    def score(self, row: int, j: int) -> float:
        """The score of text row with ITEMS[j], as similarity() gives it."""
        key = (row, j)
        if key not in self._scores:
            self.difflib_calls += 1
            self._scores[key] = _score(self._texts[row], self._items[j], self._words[row], self._item_words[j])
        return self._scores[key]

    def reaches(self, column: int, threshold: float) -> bool:
        """Whether the column's text scores at least threshold with some statement."""
        row = self.row[column]
        for j in sorted(range(len(ITEMS)), key=lambda j: -self.bound[row, j]):
            if self.bound[row, j] < threshold:
                return False
            if self.score(row, j) >= threshold:
                return True
        return False

    def scores_above(self, column: int, threshold: float) -> Iterator[tuple[int, float]]:
        """(j, score) of every statement the column's text scores at least threshold with."""
        row = self.row[column]
        for j in range(len(ITEMS)):
            if self.bound[row, j] >= threshold and (score := self.score(row, j)) >= threshold:
                yield j, score

    def best_first(
        self, columns: list[int], threshold: float, skip: Callable[[int, int], bool]
    ) -> Iterator[tuple[float, int, int]]:
        """(score, column, j) of every pair scoring at least threshold, best first (then by column, then by
        statement), skipping the pairs skip(column, j) rules out when they come up. The pairs are scored
        lazily: a pair is scored only when its bound is the best left, so a greedy choice that stops early
        (every statement taken) scores a few pairs per statement, not every pair."""
        import numpy as np

        if not columns:
            return
        rows = np.array([self.row[column] for column in columns])
        bounds = self.bound[rows]
        at, js = np.nonzero(bounds >= threshold)
        order = np.lexsort((js, at, -bounds[at, js]))
        scored: list[tuple[float, int, int]] = []  # a heap of (-score, column, j)
        for index in order:
            key = (-float(bounds[at[index], js[index]]), columns[at[index]], int(js[index]))
            while scored and scored[0] < key:
                negative, column, j = heapq.heappop(scored)
                if not skip(column, j):
                    yield -negative, column, j
            column, j = key[1], key[2]
            if skip(column, j):
                continue
            if (score := self.score(int(rows[at[index]]), j)) >= threshold:
                heapq.heappush(scored, (-score, column, j))
        while scored:
            negative, column, j = heapq.heappop(scored)
            if not skip(column, j):
                yield -negative, column, j
