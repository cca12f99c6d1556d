"""Uploads judged by content: every file of the corpus through check_upload, the loading path and the CLI.

The loading and CLI refusals give check_upload's own message only once check_upload is called at the start
of file reading (loading.load_files and ingest.load_survey).

The CLI runs as `python -m alignment analyze FILE` does, in a subprocess of sys.executable from the
repository root; to keep the suite fast (each interpreter spends ~2 s on imports), that subprocess imports
the package once and forks a child per file, which runs the package's __main__ exactly as `-m` would. One
file also goes through a plain `python -m alignment analyze FILE`, to show the two agree.
"""

from __future__ import annotations

import functools
import json
import os
import random
import re
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

import corpus
import pytest

from alignment.errors import InputError
from alignment.ingest import limits
from alignment.ingest.filecheck import check_upload
from alignment.ingest.load import load_files

ROOT = Path(__file__).resolve().parents[1]
LITERAL_CLI = ("xlsm",)  # also run as a plain `python -m alignment analyze FILE`


@functools.cache
def built(group: str, key: str) -> bytes:
    if key == "oversize":  # 200 MB: built each time, never kept
        return corpus.BAD[key].build()
    return {"bad": corpus.BAD, "good": corpus.GOOD, "parse": corpus.PARSE_ERRORS}[group][key].build()


def refusal(key: str) -> InputError:
    case = corpus.BAD[key]
    with pytest.raises(InputError) as caught:
        check_upload(case.filename, built("bad", key))
    return caught.value


# ---------------------------------------------------------------------------- check_upload itself


@pytest.mark.parametrize("key", list(corpus.BAD))
def test_check_upload_refuses(key: str) -> None:
    case = corpus.BAD[key]
    error = refusal(key)
    assert error.message.startswith(f"'{case.filename}' "), error.message  # says which file
    assert error.hint, "every refusal says how to fix it"
    for words in case.expect:
        assert words in str(error), (words, str(error))
    for words in case.hint:
        assert words in error.hint, (words, error.hint)
    assert "\n" not in str(error)


def test_refusals_are_specific() -> None:
    """Kinds of bad file do not share a message, except variants of one kind (file names aside)."""
    variants = [
        {"html table", "html doctype", "xhtml", "html utf-16"},
        {"encrypted xlsx", "encrypted xls"},
        {"many members", "many members zip64"},
    ]
    messages = {key: refusal(key).message.replace(corpus.BAD[key].filename, "x") for key in corpus.BAD if key != "oversize"}
    for group in variants:
        assert len({messages.pop(key) for key in group}) == 1, group
    assert len(set(messages.values())) == len(messages)


@pytest.mark.parametrize("key", list(corpus.GOOD) + list(corpus.PARSE_ERRORS))
def test_check_upload_accepts(key: str) -> None:
    group, case = ("good", corpus.GOOD[key]) if key in corpus.GOOD else ("parse", corpus.PARSE_ERRORS[key])
    notes = check_upload(case.filename, built(group, key))
    assert isinstance(notes, list) and all(isinstance(note, str) for note in notes)
    for words in case.notes:
        assert any(words in note for note in notes), (words, notes)
    if not case.notes:
        assert notes == []


def test_size_cap_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    assert limits.MAX_UPLOAD_BYTES == 200 * 1024 * 1024  # Streamlit's own upload limit, unless the deployer sets another
    monkeypatch.setattr(limits, "MAX_UPLOAD_BYTES", 1000)
    data = (b"respondent_id,REL-1\n" + b"r1,4\n" * 500)[:1000]
    assert check_upload("survey.csv", data) == []
    with pytest.raises(InputError, match=r"'survey.csv' is 1 KB; this server reads files of up to 1 KB"):
        check_upload("survey.csv", data + b"5")


def test_small_members_may_compress_well() -> None:
    """Only members over RATIO_MIN_BYTES count as bombs: a 512 KiB run of zeros is fine."""
    data = corpus.rewrite_zip(corpus.template_workbook(), add={"xl/media/blank.bin": bytes(512 * 1024)})
    assert check_upload("survey.xlsx", data) == []


def test_zip_members_are_decompressed_only_to_size_a_workbook(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused archives (bombs, other documents) are judged by their directory alone; an accepted workbook's
    sheet and string parts are streamed once, after the bomb checks, to size the grids a reader would build."""
    opened: list[str] = []
    original = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    for key in ("ratio bomb", "size bomb", "docx", "plain zip"):
        refusal(key)
    assert opened == []
    check_upload("survey.xlsm", built("good", "xlsm"))
    check_upload("survey.ods", built("good", "ods"))
    assert opened and all(
        re.fullmatch(r"xl/worksheets/sheet\d+\.xml|xl/sharedStrings\.xml|xl/workbook\.xml|.*\.rels|mimetype|content\.xml", name)
        for name in opened
    ), opened
    assert not any(name.startswith("xl/media/") or "vbaProject" in name for name in opened)


def test_ole_directory_damaged_falls_back_to_stream_names() -> None:
    """When the OLE directory cannot be walked, the stream names found in the file still decide."""
    xls = bytearray(built("good", "legacy xls"))
    encrypted = bytearray(built("bad", "encrypted xlsx"))
    for data in (xls, encrypted):
        data[76:80] = b"\xf0\xff\xff\x00"  # the first FAT sector points far beyond the end of the file
    with pytest.raises(InputError, match=r"'old\.xls' could not be read as a workbook: it is damaged"):
        check_upload("old.xls", bytes(xls))  # "Workbook" is there, but its sectors cannot be followed to size it
    with pytest.raises(InputError, match="is password-protected"):
        check_upload("survey.xlsx", bytes(encrypted))


def test_legacy_xls_with_macros_gets_a_note() -> None:
    bof = b"\x09\x08\x10\x00" + b"\x00" * 16  # a BIFF8 workbook stream's first record
    data = corpus.ole_file({"Workbook": bof, "_VBA_PROJECT_CUR": b""})
    notes = check_upload("old.xls", data)
    assert notes == ["'old.xls' contains macros; they were not run, only cell values were read."]


@pytest.mark.parametrize("key", ["template", "legacy xls", "ods", "encrypted xlsx"])
def test_damaged_copies_never_crash(key: str) -> None:
    """Truncated and bit-flipped copies are either accepted (the reader then decides) or refused with an InputError."""
    data = built("bad", key) if key in corpus.BAD else built("good", key)
    rng = random.Random(key)
    for _ in range(60):
        copy = bytearray(data[: rng.randrange(1, len(data) + 1)])
        for _ in range(rng.randrange(0, 20)):
            copy[rng.randrange(len(copy))] = rng.randrange(256)
        try:
            notes = check_upload("survey.xlsx", bytes(copy))
        except InputError as error:
            assert error.message.startswith("'survey.xlsx' ") and error.hint
        else:
            assert isinstance(notes, list)


# --------------------------------------------------------------------------- the loading path


@pytest.mark.parametrize("key", list(corpus.BAD))
def test_load_files_refuses_with_the_same_message(key: str) -> None:
    expected = refusal(key)
    with pytest.raises(InputError) as caught:
        load_files([(corpus.BAD[key].filename, built("bad", key))])
    assert (caught.value.message, caught.value.hint) == (expected.message, expected.hint)


@pytest.mark.parametrize("key", list(corpus.GOOD))
def test_good_files_load(key: str) -> None:
    case = corpus.GOOD[key]
    loaded = load_files([(case.filename, built("good", key))])
    assert loaded.survey.report.rows_kept >= 2
    assert len(loaded.survey.answers) > 0


@pytest.mark.parametrize("key", [key for key, case in corpus.GOOD.items() if case.notes])
def test_notes_reach_the_report(key: str) -> None:
    case = corpus.GOOD[key]
    warnings = load_files([(case.filename, built("good", key))]).survey.report.notes
    for words in case.notes:
        assert any(words in note for note in warnings), warnings


def test_header_only_sheet_is_refused_while_parsing() -> None:
    case = corpus.PARSE_ERRORS["header only"]
    with pytest.raises(InputError, match="no row with an answer") as caught:
        load_files([(case.filename, built("parse", "header only"))])
    assert "'Responses' sheet of 'empty_survey.xlsx'" in caught.value.message


def answers(key: str) -> dict[tuple[str, str], int]:
    survey = load_files([(corpus.GOOD[key].filename, built("good", key))]).survey
    return {(r.respondent, r.item): int(r.answer) for r in survey.answers.itertuples()}


def test_formulas_without_cached_values_read_as_blank() -> None:
    """openpyxl (and other generators) save formulas without a result; calamine then gives '' and the
    cell counts as no answer. Excel always saves the result, and that is what is read."""
    assert answers("formulas") == {("r1", "REL-3"): 5, ("r2", "REL-1"): 2, ("r2", "REL-2"): 2, ("r2", "REL-3"): 2}
    cached = answers("formulas cached")
    assert cached[("r1", "REL-1")] == 4 and cached[("r1", "REL-2")] == 3


def test_duplicate_header_is_reported() -> None:
    report = load_files([("dupes.xlsx", built("good", "duplicate header"))]).survey.report
    assert [(c["column"], c["header"], c["reason"]) for c in report.dropped_columns] == [
        ("D", "REL-1", "duplicate column for REL-1 (first in column C)")
    ]
    assert answers("duplicate header")[("r1", "REL-1")] == 4  # the first column wins


def test_merged_header_leaves_the_second_cell_empty() -> None:
    report = load_files([("merged.xlsx", built("good", "merged header"))]).survey.report
    assert [(c["column"], c["header"], c["reason"]) for c in report.dropped_columns] == [("E", "", "no header")]


def test_excel_serial_dates_give_the_period() -> None:
    survey = load_files([("dates.xlsx", built("good", "serial dates"))]).survey
    assert dict(survey.respondents[["respondent", "period"]].itertuples(index=False)) == {"r1": "2026-Q1", "r2": "2025-Q3"}


@pytest.mark.parametrize("key", ["legacy xls", "ods"])
def test_legacy_xls_and_ods_are_read(key: str) -> None:
    assert answers(key) == {("r1", "REL-1"): 4, ("r1", "REL-2"): 5, ("r2", "REL-1"): 2, ("r2", "REL-2"): 3}


# ---------------------------------------------------------------------------------- the CLI

FORKING_RUNNER = textwrap.dedent(
    """
    import json, os, runpy, sys, traceback
    import alignment.__main__  # its imports are done once; every child starts from here
    del sys.modules["alignment.__main__"]  # and runs the module itself afresh, as `-m` does

    def run(path):
        for fd, suffix in ((1, ".stdout"), (2, ".stderr")):
            os.dup2(os.open(path + suffix, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        sys.argv = ["alignment", "analyze", path]
        code = 0
        try:
            runpy.run_module("alignment", run_name="__main__", alter_sys=True)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)

    codes, running, waiting = {}, {}, list(sys.argv[1:])
    while waiting or running:
        while waiting and len(running) < 2:  # two at a time
            path = waiting.pop(0)
            pid = os.fork()
            if pid == 0:
                run(path)
            running[pid] = path
        pid, status = os.wait()
        codes[running.pop(pid)] = os.waitstatus_to_exitcode(status)
    print(json.dumps(codes))
    """
)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def _write_corpus(folder: Path) -> dict[str, Path]:
    paths = {}
    for group, cases in (("bad", corpus.BAD), ("good", corpus.GOOD), ("parse", corpus.PARSE_ERRORS)):
        for key, case in cases.items():
            path = folder / group / key.replace(" ", "_") / case.filename
            path.parent.mkdir(parents=True)
            if key == "oversize":
                corpus.write_oversize(path)
            else:
                path.write_bytes(built(group, key))
            paths[key] = path
    return paths


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    if not hasattr(os, "fork"):
        pytest.skip("the CLI runner forks (POSIX only)")
    paths = _write_corpus(tmp_path_factory.mktemp("corpus"))
    literal = {
        key: subprocess.Popen(
            [sys.executable, "-m", "alignment", "analyze", str(paths[key])],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for key in LITERAL_CLI
    }
    forked = subprocess.run(
        [sys.executable, "-c", FORKING_RUNNER, *map(str, paths.values())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert forked.returncode == 0, forked.stderr
    codes = json.loads(forked.stdout)
    runs = {}
    for key, path in paths.items():
        out, err = (Path(f"{path}.stdout").read_text(), Path(f"{path}.stderr").read_text())
        runs[key] = Run(codes[str(path)], out, err)
    for key, process in literal.items():
        out, err = process.communicate(timeout=120)
        runs[f"literal {key}"] = Run(process.returncode, out, err)
    return runs


def assert_one_error_line(run: Run, message: str) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 2, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert message in lines[0], (message, lines[0])


@pytest.mark.parametrize("key", list(corpus.BAD))
def test_cli_refuses_with_one_error_line(cli: dict[str, Run], key: str) -> None:
    assert_one_error_line(cli[key], str(refusal(key)))


@pytest.mark.parametrize("key", list(corpus.BAD))
def test_cli_never_shows_a_traceback(cli: dict[str, Run], key: str) -> None:
    """Whatever reads the file today, a bad file never crashes the CLI: it ends in one `error:` line and exit
    code 2, or (the zip bombs, whose oversized parts the reader never opens) is analysed."""
    run = cli[key]
    assert "Traceback" not in run.stderr, run.stderr
    if run.returncode != 0:
        assert run.returncode == 2 and len(run.stderr.splitlines()) == 1 and run.stderr.startswith("error: "), run.stderr


@pytest.mark.parametrize("key", list(corpus.GOOD))
def test_cli_analyses_good_files(cli: dict[str, Run], key: str) -> None:
    run = cli[key]
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert "Alignment index" in run.stdout


def test_cli_prints_the_macro_note(cli: dict[str, Run]) -> None:
    assert "note: 'survey.xlsm' contains macros; they were not run, only cell values were read." in cli["xlsm"].stdout


def test_cli_header_only_sheet(cli: dict[str, Run]) -> None:
    assert_one_error_line(cli["header only"], "no row with an answer")


@pytest.mark.parametrize("key", LITERAL_CLI)
def test_plain_cli_agrees_with_the_forked_runs(cli: dict[str, Run], key: str) -> None:
    plain, forked = cli[f"literal {key}"], cli[key]
    assert (plain.returncode, plain.stdout, plain.stderr) == (forked.returncode, forked.stdout, forked.stderr)


def test_corpus_is_complete() -> None:
    """The brief's cases are all in the corpus (a guard against silently dropping one)."""
    assert {
        "empty",
        "oversize",
        "damaged zip",
        "ratio bomb",
        "size bomb",
        "docx",
        "plain zip",
        "encrypted xlsx",
        "word doc",
    } <= set(corpus.BAD)
    assert {"html table", "spreadsheetml 2003", "pdf", "png", "jpeg", "gif", "binary"} <= set(corpus.BAD)
    assert {"template", "xlsm", "formulas", "duplicate header", "merged header", "serial dates"} <= set(corpus.GOOD)


def test_upload_limit_is_read_from_the_streamlit_config(tmp_path, monkeypatch):
    assert limits.max_upload_bytes() == 200 * 1024 * 1024  # the repository's .streamlit/config.toml says 200
    monkeypatch.delitem(sys.modules, "streamlit", raising=False)  # the command line: the TOML file is read
    config = tmp_path / "config.toml"
    config.write_text("[server]\nmaxUploadSize = 50\n", encoding="utf-8")
    assert limits.max_upload_bytes(config) == 50 * 1024 * 1024
    config.write_text("[server]\nrunOnSave = false\n", encoding="utf-8")
    assert limits.max_upload_bytes(config) == 200 * 1024 * 1024  # not set: Streamlit's default
    assert limits.max_upload_bytes(tmp_path / "missing.toml") == 200 * 1024 * 1024


def test_upload_limit_follows_streamlits_option_when_it_runs(tmp_path, monkeypatch):
    from streamlit import config as streamlit_config

    config = tmp_path / "config.toml"
    config.write_text("[server]\nmaxUploadSize = 50\n", encoding="utf-8")
    monkeypatch.setattr(streamlit_config, "get_option", lambda key: {"server.maxUploadSize": 7}[key])
    assert limits.max_upload_bytes(config) == 7 * 1024 * 1024  # e.g. `streamlit run --server.maxUploadSize 7`
