"""A cheap test that rules a text out before a regular expression scans it.

`Guarded(pattern)` holds the pattern and a set of strings at least one of which every match of the pattern
contains (read from the pattern's parse tree: its literal runs, alternatives and repeats of at least one). When
none of them is in a text, the pattern cannot match there, so a scan is skipped: `guard.finditer(text)`,
`guard.search(text)` and `guard.sub(replacement, text)` give exactly what the pattern's own would, often without
scanning. Python's regex engine tries a pattern at every position of a text; a handful of `in` tests on the
text is a fraction of that when the text holds none of the pattern's words, as most texts hold none of most
patterns' (the tone rules: tone.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _constants as sre
from re import _parser

_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}


def required_strings(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings at least one of which every match of `pattern` contains; None when none can be told from it (a
    pattern with flags beyond the default, or one that can match without any fixed text)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & ~re.UNICODE:
        return None
    return _of_sequence(_parser.parse(pattern.pattern))


def _quality(strings: frozenset[str]) -> tuple[int, int]:
    return min(len(s) for s in strings), -len(strings)


def _of_sequence(items) -> frozenset[str] | None:
    """A match of a sequence is the matches of its items one after another: each item's required strings (a run of
    literal characters is one string) are required of the whole; the most selective set is kept."""
    candidates, run = [], ""
    for op, value in items:
        if op is sre.LITERAL:
            run += chr(value)
            continue
        if run:
            candidates.append(frozenset([run]))
            run = ""
        if op not in _ZERO_WIDTH:
            found = _of_item(op, value)
            if found is not None:
                candidates.append(found)
    if run:
        candidates.append(frozenset([run]))
    return max(candidates, key=_quality, default=None)


def _of_item(op, value) -> frozenset[str] | None:
    if op is sre.BRANCH:  # one of the alternatives matches: the union of theirs, if every one has some
        found = [_of_sequence(branch) for branch in value[1]]
        return None if any(f is None for f in found) else frozenset().union(*found)
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, items = value
        return None if add_flags or del_flags else _of_sequence(items)
    if op is sre.ATOMIC_GROUP:
        return _of_sequence(value)
    if op in _REPEATS:
        low, _, items = value
        return _of_sequence(items) if low >= 1 else None
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in value):
        return frozenset(chr(c) for _, c in value)
    return None


class Guarded:
    """A compiled pattern with its required strings (required_strings); each method answers as the pattern's own.
    `present`, when given, is Vocabulary.present of the same text: which required strings it holds, found once
    for many patterns."""

    __slots__ = ("pattern", "strings")

    def __init__(self, pattern: re.Pattern | str) -> None:
        self.pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        self.strings = required_strings(self.pattern)

    def may_match(self, text: str, present: frozenset[str] | None = None) -> bool:
        if self.strings is None:
            return True
        if present is not None:
            return not self.strings.isdisjoint(present)
        return any(s in text for s in self.strings)

    def search(self, text: str, present: frozenset[str] | None = None) -> re.Match | None:
        return self.pattern.search(text) if self.may_match(text, present) else None

    def finditer(self, text: str, present: frozenset[str] | None = None) -> Iterator[re.Match]:
        return self.pattern.finditer(text) if self.may_match(text, present) else iter(())

    def sub(self, replacement: str, text: str, present: frozenset[str] | None = None) -> str:
        return self.pattern.sub(replacement, text) if self.may_match(text, present) else text


class Vocabulary:
    """The required strings of many guarded patterns, looked for in a text once (`present`), so that each pattern's
    test is a set intersection rather than its own `in` tests."""

    def __init__(self, guarded: Iterable[Guarded]) -> None:
        self.strings = tuple(sorted(set().union(*(g.strings for g in guarded if g.strings is not None))))

    def present(self, text: str) -> frozenset[str]:
        return frozenset(s for s in self.strings if s in text)
