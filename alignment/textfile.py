"""Small text files a user gives (alignment.toml, a column mapping): size, encoding and nesting checked before a
parser reads them.

A parser of nested brackets recurses once per level, and tomllib's cost grows with the square of a dotted key's
length: a few kilobytes of '[[[[…' or 'x.x.x.…' would end in a RecursionError (with a traceback naming server
paths) or minutes of work. The scan here is one pass over the text, with strings and comments skipped.
"""

from __future__ import annotations

import re
from itertools import accumulate
from pathlib import Path

from .errors import InputError

KB = 1024
MB = 1024 * KB
MAX_DEPTH = 8  # levels of brackets, braces and dotted-key parts; the app's own files use at most 4

_TOML_TOKENS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\n]*\'|#[^\n]*'  # strings, comments
    r"|[\[\]{}=,\n]|[^\[\]{}=,\n\"'#]+|[\s\S]"
)
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|[^\[\]{}"]+|[\s\S]')
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _size(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit // KB} KB"


def read_head(path: Path, limit: int) -> bytes:
    """The first limit + 1 bytes of a file: enough to tell that it is too large without reading all of it."""
    with path.open("rb") as file:
        return file.read(limit + 1)


def decoded(data: bytes | str, source: str, limit: int, what: str, fix: str) -> str:
    """The text of a file of at most `limit` bytes, read as UTF-8 (with or without a byte order mark)."""
    size = len(data.encode("utf-8", errors="surrogatepass")) if isinstance(data, str) else len(data)
    if size > limit:
        raise InputError(f"{source} is too large: {what} is at most {_size(limit)}.", fix)
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{source} is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}).",
            "Save it as UTF-8 (in most editors: Save as, encoding UTF-8).",
        ) from None


def check_nesting(text: str, source: str, syntax: str, fix: str) -> None:
    """An InputError when brackets, braces or (in TOML) the parts of a dotted key nest deeper than MAX_DEPTH."""
    if syntax == "json":  # fast path for a large mapping: the brackets outside strings, counted at C speed
        brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
        if max(accumulate(1 if c in "[{" else -1 for c in brackets), default=0) <= MAX_DEPTH:
            return
    tokens, dotted = (_TOML_TOKENS, True) if syntax == "toml" else (_JSON_TOKENS, False)
    depth = dots = 0
    for match in tokens.finditer(text):
        token = match.group()
        first = token[0]
        if first in "[{":
            depth, dots = depth + 1, 0
        elif first in "]}":
            depth, dots = max(0, depth - 1), 0
        elif first in "=,\n#":
            dots = 0
        elif dotted and first not in "\"'":
            dots += token.count(".")
        if depth + dots > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            raise InputError(
                f"{source} is nested deeper than {MAX_DEPTH} levels (brackets, braces or dotted keys) on line {line}.", fix
            )


def too_deep(source: str, fix: str) -> InputError:
    """What a parser's RecursionError says to the user: the file, never the server's code."""
    return InputError(f"{source} is nested deeper than this app reads.", fix)
