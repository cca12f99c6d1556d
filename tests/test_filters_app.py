"""The sidebar filters through AppTest: the entry point draws them once per run, above the pages that show results
and on no other; a choice survives pages that do not draw them (Settings, Rounds, Home on the sample data) with
nothing copying it by hand; other data starts again from the default view, the latest round."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_app import small_survey  # twelve respondents: six IT in Platform, six Business in Retail

from alignment.analysis import analyze
from alignment.dataset import Dataset
from alignment.selection import Selection
from ui.page_list import ALWAYS, PAGES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "alignment_sample.xlsx"
FILTER_LABELS = ("Survey period", "Department", "Function")


def boxes(at: AppTest) -> dict[str, object]:
    """The sidebar's filter select boxes by label; a label drawn twice would fail here."""
    found = [box for box in at.sidebar.selectbox if box.label in FILTER_LABELS]
    assert len(found) == len({box.label for box in found}), [box.label for box in found]
    return {box.label: box for box in found}


def respondents(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Respondents")


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return Dataset.from_file(SAMPLE.name, SAMPLE.read_bytes())


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception
    return at


def test_the_filters_are_drawn_once_above_every_results_page_and_on_no_other(app: AppTest) -> None:
    for spec in PAGES:
        app.switch_page(spec.path).run()
        assert not app.exception, spec.path
        drawn = boxes(app)
        # Home is WITH_UPLOAD: on the sample data it shows no results, so no filters either
        assert set(drawn) == (set(FILTER_LABELS) if spec.filters == ALWAYS else set()), spec.path
        # the data's name under them, drawn with them (once), not by each page
        named = [c.value for c in app.sidebar.caption if c.value.startswith("Data: ")]
        assert named == (["Data: **Sample data (a fictional company, 240 respondents)**"] if drawn else []), spec.path


def test_a_choice_survives_the_pages_that_do_not_draw_the_filters(app: AppTest, sample: Dataset) -> None:
    periods = sorted(sample.periods())
    earlier = periods[-2]  # not the default (the latest round)
    expected = analyze(sample, None, Selection(earlier, "Sales"))
    app.switch_page("pages/overview.py").run()
    boxes(app)["Survey period"].set_value(earlier).run()
    boxes(app)["Department"].set_value("Sales").run()
    assert respondents(app) == f"{expected.respondents:,}"
    for page in ("pages/settings.py", "pages/rounds.py", "pages/home.py", "pages/trends.py", "pages/settings.py"):
        app.switch_page(page).run()
        assert not app.exception, page
    app.switch_page("pages/overview.py").run()
    assert boxes(app)["Survey period"].value == earlier
    assert boxes(app)["Department"].value == "Sales"
    assert respondents(app) == f"{expected.respondents:,}"


def test_an_upload_starts_from_the_default_view_and_home_shows_its_filters(app: AppTest, sample: Dataset) -> None:
    app.switch_page("pages/overview.py").run()
    boxes(app)["Department"].set_value("Sales").run()
    app.switch_page("pages/home.py").run()
    assert boxes(app) == {}  # the sample data: Home shows no results
    app.file_uploader[0].set_value(("mine.csv", small_survey(), "text/csv")).run()
    assert not app.exception
    drawn = boxes(app)  # Home shows the upload's results, under its filters
    assert drawn["Department"].value == "All departments"  # Sales was the sample's
    assert set(drawn["Department"].options) == {"All departments", "Platform", "Retail"}
    boxes(app)["Department"].set_value("Retail").run()
    app.switch_page("pages/overview.py").run()
    assert respondents(app) == "6"  # the choice made on Home holds on the Overview
    app.switch_page("pages/home.py").run()
    next(b for b in app.button if b.label == "Back to the sample data").click().run()
    app.switch_page("pages/overview.py").run()
    latest = sorted(sample.periods())[-1]
    assert {label: box.value for label, box in boxes(app).items()} == {
        "Survey period": latest,
        "Department": "All departments",
        "Function": "IT and business",
    }
    assert respondents(app) == f"{analyze(sample, None, Selection(latest)).respondents:,}"
