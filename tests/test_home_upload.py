"""The Home page and every results page on what was read (issue 10): every format the README names is taken and
loads; nothing scored is an error, never a green 'Loaded'; more than 5 % unread answers is a warning everywhere."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from corpus import biff8_workbook, ods_workbook
from streamlit.testing.v1 import AppTest

from alignment.tactics import TACTICS

ROOT = Path(__file__).resolve().parent.parent
README_FORMATS = {"xlsx", "xlsm", "xls", "xlsb", "ods", "csv"}
RESULT_PAGES = ["pages/overview.py"] + [f"pages/{t.code.lower()}.py" for t in TACTICS]


def _varint(value: int) -> bytes:
    """A BIFF12 record type or size: 7 bits per byte, low bits first, the high bit set on every byte but the last."""
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | 0x80 if value else byte)
        if not value:
            return bytes(out)


def _record(kind: int, payload: bytes = b"") -> bytes:
    return _varint(kind) + _varint(len(payload)) + payload


def _wide(text: str) -> bytes:  # XLWideString: a character count, then UTF-16LE
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb_workbook(rows: list[list], sheet: str = "Responses") -> bytes:
    """A minimal Excel binary workbook (.xlsb, MS-XLSB): one sheet of text (BrtCellSt) and number (BrtCellReal)
    cells, written here from the format's specification because no installed tool writes .xlsb."""
    cells = b""
    for r, row in enumerate(rows):
        cells += _record(0x0000, struct.pack("<IIHHBI", r, 0, 0x012C, 0, 0, 0))  # BrtRowHdr
        for c, value in enumerate(row):
            if isinstance(value, str):
                cells += _record(0x0006, struct.pack("<II", c, 0) + _wide(value))
            elif isinstance(value, (int, float)):
                cells += _record(0x0005, struct.pack("<IId", c, 0, float(value)))
    width = max(len(row) for row in rows)
    dimension = struct.pack("<IIII", 0, len(rows) - 1, 0, width - 1)  # BrtWsDim: rows, then columns
    sheet_bin = _record(0x0081) + _record(0x0094, dimension) + _record(0x0091) + cells + _record(0x0092) + _record(0x0082)
    bundle = struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet)  # BrtBundleSh: visible, tab 1, relationship, name
    book = _record(0x0083) + _record(0x008F) + _record(0x009C, bundle) + _record(0x0090) + _record(0x009D, bytes(20))
    book += _record(0x0084)
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{package}/content-types">'
        '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
        f'Type="{relationships}/officeDocument" Target="xl/workbook.bin"/></Relationships>',
        "xl/_rels/workbook.bin.rels": f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
        f'Type="{relationships}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + text)
        archive.writestr("xl/workbook.bin", book)
        archive.writestr("xl/worksheets/sheet1.bin", sheet_bin)
    return out.getvalue()


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


def test_an_xlsb_workbook_written_here_loads_as_the_library_reads_it() -> None:
    from alignment.ingest.load import load_files

    tables = load_files([("survey.xlsb", xlsb_workbook(_survey_rows()))]).survey
    assert tables.respondents["respondent"].tolist() == [f"r{n}" for n in range(6)]
    rel1 = tables.answers[tables.answers["item"] == "REL-1"]["score"].tolist()
    assert rel1 == [4.0, 5.0, 2.0, 3.0, 4.0, 5.0]


def test_an_ods_an_xls_and_an_xlsb_upload_load() -> None:
    files = (
        ("survey.ods", ods_workbook(_survey_rows())),
        ("survey.xls", biff8_workbook(_survey_rows())),
        ("survey.xlsb", xlsb_workbook(_survey_rows())),
    )
    for name, data in files:
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


def test_an_unknown_function_value_opens_the_mapping_on_home():
    # one "Biz" among IT and Business: the fix is a function-value mapping, so the mapping editor opens by itself
    rows = ["respondent_id,function,department,REL-1,REL-2"]
    rows += [f"r{i},{'IT' if i % 2 else 'Business'},Ops,{1 + i % 5},{1 + (i + 2) % 5}" for i in range(20)]
    rows.append("x1,Biz,Ops,4,4")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.file_uploader[0].set_value(("odd.csv", ("\n".join(rows) + "\n").encode(), "text/csv")).run()
    assert not at.exception
    editor = next(e for e in at.expander if e.label.startswith("Which column asks which statement"))
    assert editor.proto.expanded
    clean = [r for r in rows if not r.startswith("x1,")]
    at.file_uploader[0].set_value(("clean.csv", ("\n".join(clean) + "\n").encode(), "text/csv")).run()
    editor = next(e for e in at.expander if e.label.startswith("Which column asks which statement"))
    assert not editor.proto.expanded
