"""Home's 'Build the survey in your tool': one selectbox and one download button, for each tool its file."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from alignment.survey_files import FORMATS

ROOT = Path(__file__).resolve().parent.parent


def test_each_tool_downloads_its_survey_file_without_a_rerun() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    picker = at.selectbox(key="survey_tool")
    assert picker.label == "Build the survey in your tool"
    assert picker.options == [survey.tool for survey in FORMATS.values()]
    for name, survey in FORMATS.items():
        picker.set_value(name).run()
        assert not at.exception
        button = next(b.proto for b in at.get("download_button") if b.proto.label.startswith("Download the survey"))
        assert button.label == f"Download the survey for {survey.tool}"
        assert button.ignore_rerun and button.help == survey.how
        assert any(survey.how in c.value and "no column mapping" in c.value for c in at.caption)
