"""Text from the data (or typed by a user) shown as text: never a link, an image, maths, HTML or formatting.

Streamlit renders Markdown in st.markdown, st.caption, the banners (st.info, st.warning, st.error, st.success,
st.toast), expander, tab and widget labels, metric labels and help tooltips. A comment, department, period,
function value, column header, sheet or file name, action-plan cell or error message that quotes any of them goes
through `md_text` where it meets such a call; the app's own formatting around it (bold labels, lists) stays
Markdown. In HTML written with `unsafe_allow_html` (the meeting's slides, badges) it goes through `html_text`.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation: links, images, emphasis, code, headings, lists, tables,
# raw HTML, entities, Streamlit's :colour[...] and :icon: directives and $maths$ all start with one of these.
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Bare web addresses and e-mail addresses are linked after the Markdown is parsed (GitHub-flavoured "autolink
# literals"), escapes or not: an invisible word joiner inside "://", after "www" and after "@" keeps them text.
_WORD_JOINER = "\u2060"
_AUTOLINKS = re.compile(r"(:)(?=//)|(?i:(www))(?=\.)|(@)")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def _unlinked(text: str) -> str:
    return _AUTOLINKS.sub(lambda m: m.group(0) + _WORD_JOINER, text)


def md_text(value: object) -> str:
    """`value` as Markdown that Streamlit shows exactly as written (links, images, maths and HTML included, as
    text). None is shown as an empty string."""
    text = "" if value is None else str(value)
    return _ASCII_PUNCTUATION.sub(r"\\\1", _unlinked(text))


def html_text(value: object) -> str:
    """`value` as the text of an HTML element in `st.markdown(..., unsafe_allow_html=True)`: every ASCII punctuation
    character a character reference (so neither HTML nor, should the element end, Markdown reads it as syntax), line
    breaks as <br> (a blank line would end the HTML block and hand the rest to the Markdown parser)."""
    text = "" if value is None else str(value)
    escaped = _ASCII_PUNCTUATION.sub(lambda m: f"&#{ord(m.group(1))};", _unlinked(text))
    return _NEWLINES.sub("<br>", escaped)
