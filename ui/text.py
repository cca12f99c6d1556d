"""Text from the data (or typed by a user) shown as text: never a link, an image, maths, HTML or formatting.

Streamlit renders Markdown in st.markdown, st.caption, the banners (st.info, st.warning, st.error, st.success,
st.toast), expander, tab, radio and widget labels, metric labels and help tooltips. A comment, department, period,
function value, column header, sheet or file name, action-plan cell or error message that quotes any of them goes
through `md_text` where it meets such a call; the app's own formatting around it (bold labels, lists) stays
Markdown. In HTML written with `unsafe_allow_html` (the meeting's slides, the gap badges) it goes through
`html_text`.
"""

from __future__ import annotations

import re

# Bare web and e-mail addresses are linked, and :emoji: and :material/icons: drawn, after the Markdown is parsed,
# escaped or not: an invisible word joiner after a colon that a word follows ("http:", ":smile:"), after "www"
# and after "@" keeps them text.
_WORD_JOINER = "\u2060"
_AFTER_JOINER = re.compile(r"(?<=:)(?=[^\s\d])|(?i:(?<=www))(?=\.)|(?<=@)")
# Anywhere in a line: code, emphasis, strikethrough, links and images (`[`), footnotes, raw HTML and autolinks
# (`<`), entities, $maths$, tables and Streamlit's :colour[…] directives. An underscore inside a word is no
# emphasis, so "file_name" stays as it is.
_INLINE = re.compile(r"[\\`*~\[\]<&$|]|(?<![^\W_])_|_(?![^\W_])")
# At the start of a line (and of the text): headings, quotes, list items, setext underlines and thematic breaks,
# ordered list items ("1. " "1)"); not "-0.5", "3.5" or "+1".
_LINE_START = re.compile(r"^([ \t]*)(?:([#>]|([-+=])(?=[ \t]|$|\3))|(\d{1,9})([.)])(?=[ \t]|$))", re.MULTILINE)
_HTML_SPECIAL = re.compile(r"[&<>\"'\\`*_~\[\]$|]")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def _unlinked(value: object) -> str:
    return _AFTER_JOINER.sub(_WORD_JOINER, "" if value is None else str(value))


def _escape_marker(match: re.Match) -> str:
    indent, marker, _, number, closer = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{closer}"


def md_text(value: object) -> str:
    """`value` as Markdown that Streamlit shows as written: a link, an image, maths or HTML in it stays text, and
    so does any other Markdown (it reads as typed). None is shown as an empty string."""
    escaped = _INLINE.sub(lambda m: "\\" + m.group(0), _unlinked(value))
    return _LINE_START.sub(_escape_marker, escaped)


def html_text(value: object) -> str:
    """`value` as the text of an HTML element in `st.markdown(..., unsafe_allow_html=True)`: HTML's special characters,
    and Markdown's should the element ever end, as character references; line breaks as <br> (a blank line would
    end the HTML block and hand the rest of the text to the Markdown parser)."""
    escaped = _HTML_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", _unlinked(value))
    return _NEWLINES.sub("<br>", escaped)
