"""The Home page and every results page on what was read (issue 10): every format the README names is taken and
loads; nothing scored is an error, never a green 'Loaded'; more than 5 % unread answers is a warning everywhere."""

from __future__ import annotations

from pathlib import Path

from corpus import biff8_workbook, ods_workbook
from streamlit.testing.v1 import AppTest

from alignment.tactics import TACTICS

ROOT = Path(__file__).resolve().parent.parent
README_FORMATS = {"xlsx", "xlsm", "xls", "xlsb", "ods", "csv"}
RESULT_PAGES = ["pages/overview.py"] + [f"pages/{t.code.lower()}.py" for t in TACTICS]


def _survey_rows(answers=("4", "5", "2", "3", "4", "5")) -> list[list]:
    rows = [["respondent_id", "function", "REL-1", "REL-2"]]
    for n, answer in enumerate(answers):
        rows.append([f"r{n}", "IT" if n % 2 else "Business", int(answer) if answer.isdigit() else answer, 3])
    return rows


def _start() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def _upload(at: AppTest, name: str, data: bytes, mime: str = "application/octet-stream") -> AppTest:
    at.file_uploader[0].set_value([(name, data, mime)]).run()
    assert not at.exception
    return at


def test_the_uploader_takes_every_format_the_readme_names() -> None:
    at = _start()
    allowed = {t.lstrip(".") for t in at.file_uploader[0].allowed_type}
    assert allowed >= README_FORMATS
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f".{fmt}" in readme for fmt in README_FORMATS)


def test_an_ods_and_an_xls_upload_load() -> None:
    for name, data in (("survey.ods", ods_workbook(_survey_rows())), ("survey.xls", biff8_workbook(_survey_rows()))):
        at = _upload(_start(), name, data)
        assert not at.error, [e.value for e in at.error]
        assert any(name in s.value and "6 respondents" in s.value for s in at.success), [s.value for s in at.success]


def test_nothing_scored_is_an_error_on_home_not_a_success() -> None:
    text = "respondent_id,REL-O,REL-1\n" + "".join(f"r{i},comment {i},\n" for i in range(6))
    at = _upload(_start(), "comments.csv", text.encode(), "text/csv")
    assert not at.success, [s.value for s in at.success]
    assert any("no tactic can be scored" in e.value and "no tactic has a scored answer" in e.value for e in at.error)


def test_more_than_5_percent_unread_answers_warn_on_every_results_page() -> None:
    # 2 of 12 answers unread ('Agre', 'Stongly agree'): 17 %
    rows = _survey_rows(("Agree", "Agre", "Disagree", "Stongly agree", "Agree", "Agree"))
    text = "\n".join(",".join(str(c) for c in row) for row in rows) + "\n"
    at = _upload(_start(), "typos.csv", text.encode(), "text/csv")
    for page in RESULT_PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert any("17% of the answers (2 of 12) could not be read" in w.value for w in at.warning), page


def test_no_unread_warning_at_5_percent_or_less() -> None:
    at = _upload(_start(), "clean.csv", b"respondent_id,REL-1\n" + b"".join(b"r%d,4\n" % i for i in range(6)), "text/csv")
    at.switch_page("pages/overview.py").run()
    assert not any("could not be read" in w.value for w in at.warning)
