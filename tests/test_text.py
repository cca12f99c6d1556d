"""ui.text: data text made safe for Streamlit's Markdown (md_text) and for the slides' HTML (html_text).

What the browser makes of the escaped text is tested in tests/test_user_text_browser.py; here, what the escaping
writes, and that every page hands file text to it (an AppTest with planted text)."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ui.text import html_text, md_text

ROOT = Path(__file__).resolve().parent.parent
JOINER = "\u2060"
LINK = "[Reset your password](http://evil.example/x)"

# a backslash escape CommonMark honours: any ASCII punctuation character
ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")


def unescaped(markdown: str) -> str:
    """What CommonMark shows for text that holds only backslash escapes: the escaped characters themselves."""
    return ESCAPED.sub(lambda m: m.group(0)[1], markdown).replace(JOINER, "")


def live_characters(markdown: str) -> set[str]:
    """The characters of `markdown` not escaped by a backslash (an even run of backslashes escapes none)."""
    live, backslashes = set(), 0
    for char in markdown:
        if char == "\\":
            backslashes += 1
            continue
        if backslashes % 2 == 0:
            live.add(char)
        backslashes = 0
    return live


@pytest.mark.parametrize(
    "text",
    [
        LINK,
        "![x](http://127.0.0.1:8/pixel.png)",
        "<http://evil.example/a> and <me@evil.example>",
        "<b>bold</b> <img src=x onerror=alert(1)>",
        "$x^2$ and $$y$$",
        "*em* _em_ **strong** ~~gone~~ `code`",
        ":red[red] [^1] x | y &amp; &#60; \\",
        "# heading\n> quote\n- item\n+ item\n1. one\n2) two\n===\n---",
    ],
)
def test_md_text_escapes_every_markdown_construct_and_reads_as_written(text: str) -> None:
    escaped = md_text(text)
    assert not [c for c in "[]<$*`~|&" if c in live_characters(escaped)], escaped
    assert unescaped(escaped) == text


def test_md_text_escapes_markers_at_the_start_of_every_line() -> None:
    assert md_text("# h\n  > q\n- a\n+ b\n= c\n10. d\n3) e") == "\\# h\n  \\> q\n\\- a\n\\+ b\n\\= c\n10\\. d\n3\\) e"


def test_md_text_breaks_bare_addresses_emoji_and_icons_with_an_invisible_joiner() -> None:
    escaped = md_text("see http://evil.example/b, HTTPS://EVIL.example, www.evil.example, WWW.x.y, me@evil.example")
    assert "http://" not in escaped and "HTTPS://" not in escaped
    assert "www." not in escaped.lower() and "me@evil" not in escaped
    assert f"http:{JOINER}//" in escaped and f"www{JOINER}." in escaped and f"me@{JOINER}evil" in escaped
    assert f":{JOINER}smile:" in md_text(":smile:") and f":{JOINER}material/home:" in md_text(":material/home:")


def test_md_text_leaves_ordinary_text_as_it_is() -> None:
    for text in ("Sales", "2026-Q1", "file_name.csv", "IT and Business", "Note: at 10:30, 3.5 of 5 (fine)", "e.g. 1."):
        assert md_text(text) == text
    assert md_text(None) == "" and md_text(3.5) == "3.5"


def test_html_text_writes_html_and_markdown_characters_as_references_and_keeps_one_line() -> None:
    text = "<img src=\"http://127.0.0.1:8/p.png\"> & 'q'\n\n[x](http://evil.example) $y$ *z* `c` ~s~ _u_ | \\"
    escaped = html_text(text)
    assert not set("<>\"'[]$*`~_|\\") & set(escaped.replace("<br>", "")), escaped
    assert "\n" not in escaped and "\r" not in escaped and escaped.count("<br>") == 2
    assert html.unescape(escaped.replace("<br>", "\n")).replace(JOINER, "") == text


def planted_survey() -> bytes:
    """The sample survey with a link for the function of 8 respondents (left out, with a warning) and a comment."""
    frame = pd.read_csv(ROOT / "sample_data" / "responses.csv", dtype=str)
    frame.loc[frame.index[:8], "function"] = LINK
    out = io.StringIO()
    frame.to_csv(out, index=False)
    return out.getvalue().encode("utf-8")


def test_home_and_overview_quote_a_planted_function_value_as_escaped_text() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.file_uploader[0].set_value(("planted.csv", planted_survey(), "text/csv")).run()
    assert not at.exception
    for page in ("pages/home.py", "pages/overview.py"):
        at.switch_page(page).run()
        assert not at.exception
        shown = [e.value for kind in ("warning", "info", "caption", "markdown", "error") for e in getattr(at, kind)]
        planted = [text for text in shown if "Reset your password" in text]
        if page == "pages/home.py":  # the note on the unknown function value (counted in the whole, not split)
            assert planted, f"{page} should name the function value"
        for text in planted:  # wherever it is quoted, as text
            assert LINK not in text and md_text(LINK) in text, text
