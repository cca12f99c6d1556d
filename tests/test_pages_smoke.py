"""Every page of the navigation runs, from the same list the navigation draws (ui.page_list.PAGES), and that list
is exactly the pages/ folder. A deep link opened first on a fresh server is served by the app, not by the page
script alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.page_list import PAGES, sections

ROOT = Path(__file__).resolve().parent.parent


def test_the_page_list_is_the_pages_folder():
    assert sorted(spec.path for spec in PAGES) == sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))
    assert [spec for spec in PAGES if spec.default] == [PAGES[0]]
    addresses = [spec.url_path for spec in PAGES if not spec.default]
    assert len(addresses) == len(set(addresses)) and all(addresses)
    assert [spec for specs in sections().values() for spec in specs] == sorted(
        PAGES, key=lambda spec: list(sections()).index(spec.section)
    )


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
