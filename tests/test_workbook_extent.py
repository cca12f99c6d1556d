"""Workbooks are sized before any reader builds a grid: one value far out (XFD1048576), repeated .ods rows,
declared .xls/.xlsb dimensions. Such files once aborted the whole server (a native allocation failure no
Python code can catch); now they are refused with the sheet and the cell named, in the app's loader, the
action-plan reader and the CLI (exit 2, bounded memory). Honest files far from the limits load as before."""

from __future__ import annotations

import io
import re
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from unittest import mock

import corpus
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from test_home_upload import xlsb_workbook

from alignment.actions import read_actions
from alignment.errors import InputError
from alignment.ingest import extent_ooxml, load_files
from alignment.ingest.extent import size_workbook
from alignment.ingest.sheet_extent import SheetExtent, column_name

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "sample_data" / "alignment_sample.xlsx").read_bytes()
FAR_VALUE = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


def sheet_part(data: bytes, sheet: str) -> str:
    """The worksheet part of a sheet, through the workbook's relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rel = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="([^"]+)"', book).group(1)
    target = re.search(
        rf'<Relationship[^>]*Id="{rel}"[^>]*Target="([^"]+)"|<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rel}"', rels
    )
    return "xl/" + (target.group(1) or target.group(2)).removeprefix("/xl/")


def with_sheet_xml(data: bytes, sheet: str, change) -> bytes:
    part = sheet_part(data, sheet)
    xml = zipfile.ZipFile(io.BytesIO(data)).read(part).decode()
    return corpus.rewrite_zip(data, replace={part: change(xml).encode()})


def far_value(data: bytes, sheet: str) -> bytes:
    return with_sheet_xml(data, sheet, lambda xml: xml.replace("</sheetData>", FAR_VALUE + "</sheetData>"))


def with_budget_sheet(data: bytes) -> bytes:
    """The sample workbook with one more, unrelated sheet 'Budget' (a few numbers)."""
    workbook = Workbook()
    workbook.active.title = "Budget"
    workbook.active.append(["line", "amount"])
    budget_xml = zipfile.ZipFile(io.BytesIO(_saved(workbook))).read("xl/worksheets/sheet1.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        book = source.read("xl/workbook.xml").decode()
        rels = source.read("xl/_rels/workbook.xml.rels").decode()
        types = source.read("[Content_Types].xml").decode()
    book = book.replace("</sheets>", '<sheet name="Budget" sheetId="99" state="visible" r:id="rId99" /></sheets>')
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/budget.xml"/></Relationships>',
    )
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/worksheets/budget.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    )
    return corpus.rewrite_zip(
        data,
        replace={
            "xl/workbook.xml": book.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
            "[Content_Types].xml": types.encode(),
        },
        add={"xl/worksheets/budget.xml": budget_xml},
    )


def _saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refusal(filename: str, data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        load_files([(filename, data)])
    return str(caught.value)


@pytest.mark.parametrize("sheet", ["Responses", "KPIs", "Budget"])
def test_one_far_value_in_any_sheet_is_refused_naming_sheet_and_cell(sheet: str) -> None:
    data = far_value(with_budget_sheet(SAMPLE), sheet)
    assert len(data) < 250_000  # a small file: nothing is compressed, no zip-bomb check could see it
    message = refusal("big.xlsx", data)
    assert f"Sheet '{sheet}' of 'big.xlsx'" in message
    assert "XFD1048576" in message and "1,048,576 rows × 16,384 columns" in message
    assert "Ctrl+End" in message  # how to fix it


def test_far_empty_cells_and_a_false_dimension_do_not_refuse_an_honest_workbook() -> None:
    """Readers skip cells without a value and ignore the declared dimension: such files load as before."""
    styled = with_sheet_xml(
        SAMPLE,
        "Responses",
        lambda xml: xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'),
    )
    declared = with_sheet_xml(
        SAMPLE, "Responses", lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml)
    )
    expected = len(load_files([("sample.xlsx", SAMPLE)]).survey.answers)
    for data in (styled, declared):
        assert len(load_files([("sample.xlsx", data)]).survey.answers) == expected


def test_the_sample_workbook_is_sized_to_its_data() -> None:
    """Sizes computed here agree with openpyxl's count of the same sheets' last row and column."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(SAMPLE), read_only=True)
    expected = {ws.title: (ws.max_row, ws.max_column) for ws in workbook.worksheets}
    with zipfile.ZipFile(io.BytesIO(SAMPLE)) as archive:
        found = {e.sheet: (e.rows, e.columns) for e in extent_ooxml.ooxml_extents("s.xlsx", archive, set(archive.namelist()))}
    assert found == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3000), st.integers(1, 800), st.integers(0, 99)), min_size=1, max_size=30))
def test_the_reach_is_the_farthest_cell_holding_a_value(cells: list[tuple[int, int, int]]) -> None:
    workbook = Workbook()
    for row, column, value in cells:
        workbook.active.cell(row=row, column=column, value=value)
    workbook.active.cell(row=5000, column=900).style = "Good"  # styled, empty: not part of the reach
    rows = max(r for r, _, _ in cells)
    columns = max(c for _, c, _ in cells)
    data = _saved(workbook)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (first_pass,) = extent_ooxml.ooxml_extents("h.xlsx", archive, set(archive.namelist()))
        with mock.patch.object(extent_ooxml.limits, "MAX_SHEET_CELLS", 1):  # too large: passed over again, precisely
            (precise,) = extent_ooxml.ooxml_extents("h.xlsx", archive, set(archive.namelist()))
    assert (first_pass.rows, first_pass.columns) == (5000, 900)  # the first pass counts the styled cell too: a bound
    assert (precise.rows, precise.columns) == (rows, columns)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 400), st.integers(1, 60), st.integers(0, 99)), min_size=1, max_size=60),
    st.integers(40, 400),
)
def test_a_sheet_sized_in_many_pieces_reaches_as_far_as_in_one(cells: list[tuple[int, int, int]], chunk: int) -> None:
    """Large sheets are sized piece by piece on two threads; the reach is the whole sheet's, and the cells named
    for it hold values in the farthest row and the farthest column."""
    workbook = Workbook()
    for row, column, value in cells:
        workbook.active.cell(row=row, column=column, value=value)
    rows = max(r for r, _, _ in cells)
    columns = max(c for _, c, _ in cells)
    in_lowest_row = {f"{column_name(c)}{r}" for r, c, _ in cells if r == rows}
    in_rightmost_column = {f"{column_name(c)}{r}" for r, c, _ in cells if c == columns}
    data = _saved(workbook)
    for precise_limit in (None, 1):  # the first pass, and the pass over again that leaves out empty cells
        with zipfile.ZipFile(io.BytesIO(data)) as archive, mock.patch.object(extent_ooxml, "CHUNK", chunk):
            limit = mock.patch.object(extent_ooxml.limits, "MAX_SHEET_CELLS", precise_limit or 10**12)
            with limit:
                (extent,) = extent_ooxml.ooxml_extents("p.xlsx", archive, set(archive.namelist()))
        assert (extent.rows, extent.columns) == (rows, columns)
        assert extent.lowest_cell in in_lowest_row and extent.rightmost_cell in in_rightmost_column


def test_pieces_keep_the_first_formula_examples_in_the_sheets_order() -> None:
    whole = SheetExtent("Responses")
    pieces = [SheetExtent("Responses", 2, 3, "C2", "C2", formulas_without_values=1, formula_examples=["C2"])]
    pieces.append(SheetExtent("Responses", 9, 3, "A9", "C4", formulas_without_values=3, formula_examples=["C4", "A9", "B9"]))
    pieces.append(SheetExtent("Responses", 9, 2, "B9", "B9", formulas_without_values=1, formula_examples=["B9"]))
    assert all(whole.absorb(piece) for piece in pieces) and not whole.absorb(None)
    assert (whole.rows, whole.columns, whole.lowest_cell, whole.rightmost_cell) == (9, 3, "A9", "C2")
    assert (whole.formulas_without_values, whole.formula_examples) == (5, ["C2", "C4", "A9"])


def test_cells_without_references_are_placed_by_their_order() -> None:
    """A generator may leave out r="..." (the XML allows it); such cells are placed one after another."""
    data = corpus.xlsx([["a", "b"], [1, 2]])

    def unreferenced(xml: str) -> str:
        xml = re.sub(r' r="[A-Z]+[0-9]+"', "", xml)
        cells = "<c><v>1</v></c>" * 20_000
        return xml.replace("</sheetData>", f'<row r="1000">{cells}</row></sheetData>')

    message = refusal("wide.xlsx", with_sheet_xml(data, "Responses", unreferenced))
    assert "1,000 rows × 20,000 columns" in message and "ALL1000" not in message


def test_an_action_plan_workbook_is_sized_before_it_is_read() -> None:
    plan = corpus.xlsx(
        [["Action", "Tactic", "Owner", "Due", "Status"], ["Hold a steering meeting", "REL", "CIO", "2026-09-30", "Planned"]],
        sheet="Actions",
    )
    with pytest.raises(InputError, match=r"Sheet 'Actions' of 'plan.xlsx' has a value in cell XFD1048576"):
        read_actions("plan.xlsx", far_value(plan, "Actions"))


def ods_with(extra_rows: str) -> bytes:
    base = corpus.ods_workbook(corpus.SMALL_ROWS)
    content = zipfile.ZipFile(io.BytesIO(base)).read("content.xml").decode()
    return corpus.rewrite_zip(
        base, replace={"content.xml": content.replace("</table:table>", extra_rows + "</table:table>").encode()}
    )


def test_ods_repeated_rows_are_counted_as_the_reader_expands_them() -> None:
    value = '<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="25"><text:p>1</text:p></table:table-cell>'
    data = ods_with(f'<table:table-row table:number-rows-repeated="1000000">{value}</table:table-row>')
    assert len(data) < 1_000
    message = refusal("tiny.ods", data)
    assert "Sheet 'Responses' of 'tiny.ods'" in message and "1,000,003 rows × 25 columns" in message


def test_ods_trailing_empty_repeats_as_libreoffice_writes_them_are_fine() -> None:
    empty = '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    assert size_workbook("calc.ods", ods_with(empty)) == []
    assert len(load_files([("calc.ods", ods_with(empty))]).survey.answers) == 4


def test_xls_cells_and_declared_dimensions_are_sized() -> None:
    data = corpus.biff8_workbook(corpus.SMALL_ROWS)
    far = struct.pack("<HHHHHd", 0x0203, 14, 65_535, 60_000, 15, 1.0)  # NUMBER at row 65536, column 60001
    message = refusal("old.xls", corpus.ole_file({"Workbook": _with_record(data, far)}))
    assert "Sheet 'Responses' of 'old.xls'" in message and "65,536 rows × 60,001 columns" in message
    declared = struct.pack("<HHIIHHH", 0x0200, 14, 0, 0xFFFFFFFF, 0, 0xFFFF, 0)  # DIMENSIONS: all rows, all columns
    message = refusal("old.xls", corpus.ole_file({"Workbook": _with_record(data, declared)}))
    assert "the sheet's declared size" in message


def _workbook_stream(data: bytes) -> bytes:
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        return ole.openstream("Workbook").read()


def _with_record(data: bytes, record: bytes) -> bytes:
    """The workbook stream with a record added just before the sheet's closing EOF (the stream's last record)."""
    stream = _workbook_stream(data)
    eof = stream.rindex(struct.pack("<HH", 0x000A, 0))
    return stream[:eof] + record + stream[eof:]


def test_xlsb_cells_are_sized() -> None:
    rows = [*corpus.SMALL_ROWS]
    data = xlsb_workbook(rows)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.bin")
    row_header = bytes([0x00, 17]) + struct.pack("<IIHHBI", 1_048_575, 0, 0x012C, 0, 0, 0)
    cell = bytes([0x05, 16]) + struct.pack("<IId", 16_383, 0, 1.0)
    end = bytes([0x92, 0x01, 0x00])  # BrtEndSheetData
    far = corpus.rewrite_zip(data, replace={"xl/worksheets/sheet1.bin": sheet.replace(end, row_header + cell + end)})
    message = refusal("big.xlsb", far)
    assert "Sheet 'Responses' of 'big.xlsb'" in message and "XFD1048576" in message


def test_formula_cells_without_saved_values_are_counted_and_named() -> None:
    report = load_files([("formulas.xlsx", corpus.formula_workbook(cached=False))]).survey.report
    (note,) = [n for n in report.notes if "formula" in n]
    assert "2 formula cells with no saved value (e.g. C2, D2)" in note and "'Responses' of 'formulas.xlsx'" in note
    cached = load_files([("formulas.xlsx", corpus.formula_workbook(cached=True))]).survey.report
    assert not [n for n in cached.notes if "formula" in n]


@pytest.mark.parametrize("state, words", [("hidden", "is hidden"), ("veryHidden", "is very hidden")])
def test_hidden_sheets_are_noted(state: str, words: str) -> None:
    book = zipfile.ZipFile(io.BytesIO(SAMPLE)).read("xl/workbook.xml").decode()
    book = book.replace(
        '<sheet name="Responses" sheetId="2" state="visible"', f'<sheet name="Responses" sheetId="2" state="{state}"'
    )
    report = load_files([("hidden.xlsx", corpus.rewrite_zip(SAMPLE, replace={"xl/workbook.xml": book.encode()}))]).survey.report
    assert any(f"Sheet 'Responses' of 'hidden.xlsx' {words}" in note for note in report.notes)


def test_column_names() -> None:
    assert [column_name(n) for n in (1, 26, 27, 52, 702, 703, 16384)] == ["A", "Z", "AA", "AZ", "ZZ", "AAA", "XFD"]
    extent = SheetExtent("S")
    extent.reach(3, 28)
    assert (extent.rows, extent.columns, extent.lowest_cell) == (3, 28, "AB3")


def _limit_memory() -> None:
    limit = 3 * 1024**3  # far more than the CLI needs, far less than a 17-billion-cell grid
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_the_cli_refuses_the_far_value_workbook_with_exit_2_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(far_value(SAMPLE, "Responses"))
    done = subprocess.run(
        [sys.executable, "-m", "alignment", "analyze", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=_limit_memory,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: Sheet 'Responses' of 'big.xlsx' has a value in cell XFD1048576")
    assert done.stdout == ""
