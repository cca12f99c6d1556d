"""Pass / fail / not-applicable cases for every check, read from the data files beside the checks.

The cases live in alignment/checks/cases/ (in the repository, not in the installed package):

- rel.toml, tru.toml, met.toml, rot.toml, asm.toml, srv.toml: one file per tactic; its [[REL003]] tables are
  the cases of check REL003, and so on.
- perception.toml: the cases of the two checks every tactic has, written once: [[score-below-target]] and
  [[perception-gap]] become the cases of REL001 and REL002, TRU001 and TRU002, ... In them "THIS" stands for
  the tactic under test (scores = {THIS = 4}, items = {THIS-1 = 5}, targets = {THIS = 3.0}) and "OTHER" for
  another tactic. A tactic's own file may add cases to its perception checks.
- common.toml: the survey groups, lists and row fragments that cases share.

tests/test_checks.py turns each case into one test. A case has:

- name: kebab-case, unique within the check; the test id is "<check id>-<name>".
- expect: the finding's status: "pass", "warn", "fail" or "not_applicable".
- survey (optional, else common.toml's "default-survey"): a list of respondent groups. A group is
  {group = "IT", n = 30, scores = {REL = 4}, items = {MET-3 = 5}, comment = true}: n respondents (else the
  group's) whose every Likert item of REL scores 4 after reverse-coding ("*" = every Likert item), whose item
  MET-3 scores 5, and who each wrote a comment (comment = "none" writes that text instead). "group" starts
  the group from one of common.toml's [groups] (IT, Business, Marketing: 5 people of one department in
  2026-Q1); function, department, period, submitted ("YYYY-MM-DD") and ids ("P" names its respondents P-0,
  P-1, ..., so that the same people can answer several periods) can be set or changed. Items not given are
  left blank; a blank period is "(not given)".
- evidence (optional): table key (as in alignment.ingest.evidence) -> rows. "" is a blank cell; dates are
  "YYYY-MM-DD" strings. A row's "with" starts it from one or more of common.toml's [fragments]; "repeat = n"
  makes n rows, "{i}" in their text counting 1, 2, ... (from "first" if given); "{row}" in a row's text is its
  place in the table (unique work item ids).
- settings (optional): {thresholds = {name = value} for this check, targets = {tactic = value},
  min_group_size = k, as_of = "YYYY-MM-DD"}. Without as_of the assessment date is the survey's latest
  submission date, or without one the latest date in the case's evidence.
- evidence_total (optional): how many evidence rows the finding should list.
- xfail (optional): the reason the case is expected to fail today (a known bug).

Where a list of groups or rows is expected, a string names one of common.toml's [lists], and a string inside
such a list splices that list in. Unless a case says otherwise the default thresholds apply; the arithmetic is
in the comments above each case.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from alignment.checks import REGISTRY
from alignment.tactics import TACTIC_CODES

CASES_DIR = Path(__file__).resolve().parents[1] / "alignment" / "checks" / "cases"
SHARED_FILES = {"common.toml", "perception.toml"}
THIS = re.compile(r"\bTHIS\b")
OTHER = re.compile(r"\bOTHER\b")


class CaseFileError(ValueError):
    """A case file that cannot be read as cases: which file, which case, what is wrong."""


def _read(name: str) -> dict:
    path = CASES_DIR / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CaseFileError(f"{path.name}: {error}") from error


COMMON = _read("common.toml")


def _names(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _shared(section: str, name: str, where: str) -> object:
    if name not in COMMON[section]:
        raise CaseFileError(f"{where}: no {name!r} in common.toml's [{section}] (there are {', '.join(COMMON[section])})")
    return COMMON[section][name]


def _fragment(name: str, where: str) -> dict:
    """A fragment of common.toml with the fragments it starts from ("with") filled in."""
    fragment = dict(_shared("fragments", name, where))
    base = {}
    for inner in _names(fragment.pop("with", [])):
        base.update(_fragment(inner, where))
    return {**base, **fragment}


def _expand(entry: dict, where: str) -> list[dict]:
    """One survey group or evidence row as written -> the groups or rows it stands for."""
    entry = dict(entry)
    base = dict(_shared("groups", entry.pop("group"), where)) if "group" in entry else {}
    for name in _names(entry.pop("with", [])):
        base.update(_fragment(name, where))
    times, first = entry.pop("repeat", None), entry.pop("first", None)
    row = {**base, **entry}
    if times is None:
        if first is not None:
            raise CaseFileError(f"{where}: 'first' without 'repeat'")
        return [row]
    first = 1 if first is None else first
    if not isinstance(times, int) or times < 1:
        raise CaseFileError(f"{where}: repeat must be a whole number of rows, not {times!r}")
    return [
        {k: v.replace("{i}", str(i)) if isinstance(v, str) else v for k, v in row.items()} for i in range(first, first + times)
    ]


def expand_rows(value: str | list, where: str) -> list[dict]:
    """A list of survey groups or evidence rows as written (names of shared lists spliced in) -> the list it stands for."""
    expanded = []
    for entry in _names(value) if isinstance(value, str) else value:
        if isinstance(entry, str):
            expanded += expand_rows(_shared("lists", entry, where), f"{where} > {entry}")
        elif isinstance(entry, dict):
            expanded += _expand(entry, where)
        else:
            raise CaseFileError(f"{where}: {entry!r} is neither a table nor the name of a shared list")
    return expanded


def _numbered(table: list[dict]) -> list[dict]:
    """Each row's "{row}" -> its place in the table (1, 2, ...): unique ids without counting by hand."""
    return [
        {k: v.replace("{row}", str(n)) if isinstance(v, str) else v for k, v in row.items()} for n, row in enumerate(table, 1)
    ]


def _case(case: dict, where: str) -> dict:
    if "name" not in case:
        raise CaseFileError(f"{where}: a case without a name")
    where = f"{where}-{case['name']}"
    case = dict(case)
    if "survey" in case:
        case["survey"] = expand_rows(case["survey"], where)
    if "evidence" in case:
        case["evidence"] = {key: _numbered(expand_rows(table, f"{where} {key}")) for key, table in case["evidence"].items()}
    return case


def _for_tactic(value: object, code: str, other: str) -> object:
    """A perception template's value for one tactic: THIS -> code, OTHER -> another tactic, in keys and text."""
    if isinstance(value, dict):
        return {_for_tactic(k, code, other): _for_tactic(v, code, other) for k, v in value.items()}
    if isinstance(value, list):
        return [_for_tactic(v, code, other) for v in value]
    if isinstance(value, str):
        return OTHER.sub(other, THIS.sub(code, value))
    return value


def _load() -> dict[str, list[dict]]:
    by_name = {check.name: check.id for check in REGISTRY.values()}
    template = _read("perception.toml")
    tactic_files = {}
    for path in sorted(CASES_DIR.glob("*")):
        if path.name in SHARED_FILES:
            continue
        code = path.stem.upper()
        if path.suffix != ".toml" or code not in TACTIC_CODES:
            raise CaseFileError(f"{path.name}: not a case file (one per tactic: {', '.join(c.lower() for c in TACTIC_CODES)})")
        tactic_files[code] = _read(path.name)
    cases: dict[str, list[dict]] = {}
    for code in TACTIC_CODES:
        other = next(c for c in TACTIC_CODES if c != code)
        for section, written in template.items():
            check_id = by_name.get(f"{code.lower()}-{section}")
            if check_id is None:
                raise CaseFileError(f"perception.toml: [[{section}]] is no check's name after '{code.lower()}-'")
            cases[check_id] = [_case(_for_tactic(case, code, other), f"perception.toml {check_id}") for case in written]
        for check_id, written in tactic_files.get(code, {}).items():
            if check_id[:3] != code:
                raise CaseFileError(f"{code.lower()}.toml: {check_id} is not a check of {code}")
            cases.setdefault(check_id, []).extend(_case(case, f"{code.lower()}.toml {check_id}") for case in written)
    return cases


CASES = _load()
DEFAULT_SURVEY = expand_rows("default-survey", "common.toml")
DEPARTMENTS = expand_rows("it-ops-and-sales", "common.toml")
FIVE_ROTATIONS = expand_rows("five-rotations", "common.toml")
