"""Every page of the navigation runs, from the same list the navigation draws (ui.page_list.PAGES), and that list
is exactly the pages/ folder. A deep link opened first on a fresh server is served by the app, not by the page
script alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.page_list import PAGES, page, sections

ROOT = Path(__file__).resolve().parent.parent


def test_the_page_list_is_the_pages_folder():
    assert sorted(spec.path for spec in PAGES) == sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))
    assert [spec for spec in PAGES if spec.default] == [PAGES[0]]
    addresses = [spec.url_path for spec in PAGES if not spec.default]
    assert len(addresses) == len(set(addresses)) and all(addresses)
    assert [spec for specs in sections().values() for spec in specs] == sorted(
        PAGES, key=lambda spec: list(sections()).index(spec.section)
    )


def test_every_link_between_pages_names_a_page_of_the_list():
    """Links are made from the page list (ui.page_links), never from a path written by hand."""
    import re

    sources = [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    named = {m for path in sources for m in re.findall(r'page_link\("([a-z_]+)"', path.read_text(encoding="utf-8"))}
    assert named >= {"overview", "checks", "home", "rounds"}
    assert all(page(name).path == f"pages/{name}.py" for name in named)
    assert not [
        path.name for path in sources if "st.page_link(" in path.read_text(encoding="utf-8") and path.name != "page_links.py"
    ]


@pytest.fixture(scope="module")
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize("spec", PAGES, ids=[spec.path for spec in PAGES])
def test_every_page_runs_on_the_sample_data(app: AppTest, spec):
    app.switch_page(spec.path).run()
    assert not app.exception, (spec.path, [e.value for e in app.exception])
    assert not [e.value for e in app.error], spec.path  # nothing on the sample data is an error
    headings = [e.value for e in (*app.title, *app.header, *app.subheader)]
    headings += [m.value for m in app.markdown if 'class="meeting-title"' in m.value]  # the meeting's slide title
    assert any(text.strip() for text in headings), f"{spec.path} drew no heading"
