"""The survey as each tool imports it, and back: every format is built, parsed as its tool reads it (here the
Qualtrics JSON and the LimeSurvey XML; the title-only tools in test_survey_files_titled.py), then that tool's answer
export of the survey the file defines is simulated with seeded random answers and analysed with no mapping file.
Every statement must map, the function and department too, and each tactic's score must equal an independent pandas
computation from the simulated answers. Also the command line and the survey codes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import by_hand
import pandas as pd
import pytest
from openpyxl import Workbook

from alignment.__main__ import main as cli_main
from alignment.analysis import analyze
from alignment.dataset import Dataset
from alignment.items import ITEMS, ITEMS_BY_ID
from alignment.survey_files import FORMATS, build_survey

LIKERT = [item for item in ITEMS if item.kind == "likert"]
OPEN = [item for item in ITEMS if item.kind == "open"]
IMPORTANCE = [item for item in ITEMS if item.kind == "importance"]
AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
IMPORTANT = ["Not at all important", "Slightly important", "Moderately important", "Very important", "Extremely important"]
DEPARTMENTS = ["Finance", "Sales", "Operations"]
N = 40


def code_of(item_id: str) -> str:
    return item_id.replace("-", "")


def item_of(code: str) -> str:
    return f"{code[:3]}-{code[3:]}"


# ------------------------------------------------------------------------------ the simulated answers


@dataclass
class Person:
    function: str  # IT or Business
    department: str
    submitted: dt.datetime
    answers: dict[str, int | None] = field(default_factory=dict)  # code -> 1 … 5 as answered (before reversal)
    comments: dict[str, str] = field(default_factory=dict)  # open question code -> text or ''


def people(seed: int = 19) -> list[Person]:
    rng = random.Random(seed)
    found = []
    for n in range(N):
        person = Person(
            rng.choice(["IT", "Business"]), rng.choice(DEPARTMENTS), dt.datetime(2026, 2, 1, 9) + dt.timedelta(hours=7 * n)
        )
        for item in [*LIKERT, *IMPORTANCE]:
            person.answers[code_of(item.id)] = None if rng.random() < 0.08 else rng.randint(1, 5)
        for item in OPEN:
            person.comments[code_of(item.id)] = rng.choice(["", "More joint planning.", "Explain costs earlier."])
        found.append(person)
    return found


def expected_scores(crowd: list[Person]) -> dict[str, float]:
    """Each tactic's score by hand: reverse-coded statements 6 - x, each respondent's tactic mean by the documented
    missing-answer rule (tests/by_hand.py), then the mean over the respondents who count for the tactic."""
    scored = pd.DataFrame(
        [
            {
                item.id: (None if (a := person.answers[code_of(item.id)]) is None else (6 - a if item.reverse else a))
                for item in LIKERT
            }
            for person in crowd
        ]
    )
    tactics = sorted({item.tactic for item in LIKERT} - {"OVR"})
    return {
        tactic: float(by_hand.tactic_means(scored, [item.id for item in LIKERT if item.tactic == tactic]).mean())
        for tactic in tactics
    }


def titled_answer(person: Person, title: str, choices: list[str]) -> str:
    """A person's answer to a question whose title starts with its code ('REL1. …', 'Function: …'), as its label."""
    code = re.split(r"[.:]", title)[0]
    if code in ("Function", "Department"):
        return person.function if code == "Function" else person.department
    if not choices:
        return person.comments[code]
    answer = person.answers[code]
    return "" if answer is None else choices[answer - 1]


def check_round_trip(files: list[tuple[str, bytes]], crowd: list[Person]) -> Dataset:
    """Load an export with no mapping: every statement, function and department mapped, the scores exact."""
    dataset = Dataset.from_files(files)
    mapped = {entry["maps_to"] for entry in dataset.report.mapped_columns}
    assert {item.id for item in LIKERT} <= mapped, sorted({item.id for item in LIKERT} - mapped)
    assert {item.id for item in IMPORTANCE} <= mapped
    assert {"function", "department"} <= mapped
    respondents = dataset.query("SELECT function, department, count(*) AS n FROM respondents GROUP BY ALL")
    counted = {(r.function, r.department): r.n for r in respondents.itertuples()}
    by_hand: dict[tuple[str, str], int] = {}
    for person in crowd:
        by_hand[(person.function, person.department)] = by_hand.get((person.function, person.department), 0) + 1
    assert counted == by_hand
    groups = dataset.query("SELECT tactic, sum(mean_sum) / sum(respondents) AS score FROM tactic_groups GROUP BY tactic")
    exact = dict(zip(groups["tactic"], groups["score"], strict=True))
    expected = expected_scores(crowd)
    result = analyze(dataset)
    for tactic, score in expected.items():
        assert exact[tactic] == pytest.approx(score, abs=1e-12), tactic
        assert result.tactic(tactic).score == round(score, 2)
    comments = dataset.query("SELECT item, count(*) AS n FROM comments GROUP BY item")
    written = {item.id: sum(bool(p.comments[code_of(item.id)]) for p in crowd) for item in OPEN}
    assert dict(zip(comments["item"], comments["n"], strict=True)) == {k: v for k, v in written.items() if v}
    return dataset


def csv_bytes(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------- Qualtrics


def qualtrics_questions() -> list[dict]:
    """The .qsf's questions in block order, as Qualtrics reads them: export tags, texts and answer choices."""
    survey = json.loads(build_survey("qsf"))
    assert set(survey) == {"SurveyEntry", "SurveyElements"}
    elements = survey["SurveyElements"]
    questions = {e["PrimaryAttribute"]: e["Payload"] for e in elements if e["Element"] == "SQ"}
    blocks = next(e["Payload"] for e in elements if e["Element"] == "BL")
    flow = next(e["Payload"] for e in elements if e["Element"] == "FL")["Flow"]
    assert [f["ID"] for f in flow] == [b["ID"] for b in blocks if b["Type"] != "Trash"]
    count = next(e for e in elements if e["Element"] == "QC")["SecondaryAttribute"]
    assert int(count) == len(questions)
    ordered = [questions[e["QuestionID"]] for b in blocks for e in b["BlockElements"]]
    assert all(q["QuestionID"] in questions for q in ordered)
    return ordered


def qualtrics_columns(ordered: list[dict]) -> list[dict]:
    """One dict per answer column of the export: tag, question text, ImportId, kind and {answer code: label}."""
    columns = []
    for q in ordered:
        if q["QuestionType"] == "Matrix":
            answers = {q["RecodeValues"][k]: q["Answers"][k]["Display"] for k in q["AnswerOrder"]}
            for key in q["ChoiceOrder"]:
                text = f"{q['QuestionText']} - {q['Choices'][key]['Display']}"
                columns.append(
                    {
                        "tag": q["ChoiceDataExportTags"][key],
                        "text": text,
                        "import": f"{q['QuestionID']}_{key}",
                        "answers": answers,
                    }
                )
        elif q["QuestionType"] == "MC":
            answers = {q["RecodeValues"][k]: q["Choices"][k]["Display"] for k in q["ChoiceOrder"]}
            columns.append({"tag": q["DataExportTag"], "text": q["QuestionText"], "import": q["QuestionID"], "answers": answers})
        elif q["QuestionType"] == "TE":
            columns.append(
                {"tag": q["DataExportTag"], "text": q["QuestionText"], "import": f"{q['QuestionID']}_TEXT", "answers": None}
            )
    return columns


def test_the_qsf_holds_every_question_with_its_code() -> None:
    columns = {c["tag"]: c for c in qualtrics_columns(qualtrics_questions())}
    for item in [*LIKERT, *IMPORTANCE]:
        assert item.text in columns[code_of(item.id)]["text"]
    for item in LIKERT:
        assert list(columns[code_of(item.id)]["answers"].values()) == AGREE
        assert list(columns[code_of(item.id)]["answers"]) == ["1", "2", "3", "4", "5"]
    for item in IMPORTANCE:
        assert list(columns[code_of(item.id)]["answers"].values()) == IMPORTANT
    for item in OPEN:
        assert columns[code_of(item.id)]["text"] == item.text and columns[code_of(item.id)]["answers"] is None
    assert columns["function"]["answers"] == {"1": "IT", "2": "Business"}
    assert columns["department"]["answers"] is None


QUALTRICS_META = [
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/Berlin"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/Berlin"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/Berlin"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
    ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
    ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
]


@pytest.mark.parametrize("values", ["labels", "recode"])
def test_a_qualtrics_export_of_the_qsf_loads_with_no_mapping(values: str) -> None:
    columns = qualtrics_columns(qualtrics_questions())
    crowd = people(19)
    rows = [
        [m[0] for m in QUALTRICS_META] + [c["tag"] for c in columns],
        [m[1] for m in QUALTRICS_META] + [c["text"] for c in columns],
        [m[2] for m in QUALTRICS_META] + [json.dumps({"ImportId": c["import"]}) for c in columns],
    ]
    for n, person in enumerate(crowd):
        stamp = person.submitted.strftime("%Y-%m-%d %H:%M:%S")
        row = [stamp, stamp, "IP Address", "100", "300", "True", stamp, f"R_{n:015d}", "anonymous", "EN"]
        for c in columns:
            if c["tag"] == "function":
                code = {"IT": "1", "Business": "2"}[person.function]
                row.append(c["answers"][code] if values == "labels" else code)
            elif c["tag"] == "department":
                row.append(person.department)
            elif c["answers"] is None:
                row.append(person.comments[c["tag"]])
            else:
                answer = person.answers[c["tag"]]
                row.append("" if answer is None else c["answers"][str(answer)] if values == "labels" else str(answer))
        rows.append(row)
    dataset = check_round_trip([("qualtrics_export.csv", csv_bytes(rows))], crowd)
    assert dataset.report.layout == "Qualtrics"
    reasons = {c.target: c.reason for c in dataset.report.mapping}
    assert reasons["REL-1"] == reasons["function"] == "the survey's question code"


# --------------------------------------------------------------------------------------- LimeSurvey


def _table(root: ET.Element, name: str) -> list[dict[str, str]]:
    element = root.find(name)
    assert element is not None, name
    fields = [f.text for f in element.find("fields")]
    rows = [{child.tag: child.text or "" for child in row} for row in element.find("rows")]
    assert all(set(row) <= set(fields) for row in rows), name
    return rows


def limesurvey_columns() -> list[dict]:
    """The .lss read as LimeSurvey reads it: the answer columns in group and question order, each with its code
    heading (CODE or CODE[SUBCODE]), its question type and {answer code: label}."""
    root = ET.fromstring(build_survey("lss"))
    assert root.tag == "document" and root.findtext("LimeSurveyDocType") == "Survey"
    groups = sorted(_table(root, "groups"), key=lambda g: int(g["group_order"]))
    assert {g["gid"] for g in groups} == {g["gid"] for g in _table(root, "group_l10ns")}
    questions = _table(root, "questions")
    subquestions = _table(root, "subquestions")
    texts = {row["qid"]: row["question"] for row in _table(root, "question_l10ns")}
    labels = {row["aid"]: row["answer"] for row in _table(root, "answer_l10ns")}
    answers: dict[str, dict[str, str]] = {}
    for row in sorted(_table(root, "answers"), key=lambda a: int(a["sortorder"])):
        answers.setdefault(row["qid"], {})[row["code"]] = labels[row["aid"]]
    codes = [q["title"] for q in questions] + [s["title"] for s in subquestions]
    assert len(codes) == len(set(codes)) and all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,19}", c) for c in codes)
    assert all(len(code) <= 5 for a in answers.values() for code in a)  # LimeSurvey's answer codes are 5 at most
    columns = []
    for group in groups:
        for q in sorted((q for q in questions if q["gid"] == group["gid"]), key=lambda q: int(q["question_order"])):
            assert q["qid"] in texts
            if q["type"] == "F":
                subs = sorted((s for s in subquestions if s["parent_qid"] == q["qid"]), key=lambda s: int(s["question_order"]))
                for sub in subs:
                    columns.append(
                        {
                            "heading": f"{q['title']}[{sub['title']}]",
                            "code": sub["title"],
                            "text": texts[sub["qid"]],
                            "answers": answers[q["qid"]],
                        }
                    )
            else:
                columns.append(
                    {
                        "heading": q["title"],
                        "code": q["title"],
                        "text": texts[q["qid"]],
                        "type": q["type"],
                        "answers": answers.get(q["qid"]),
                    }
                )
    return columns


def test_the_lss_holds_every_question_with_its_code() -> None:
    columns = {c["code"]: c for c in limesurvey_columns()}
    for item in [*LIKERT, *IMPORTANCE]:
        assert columns[code_of(item.id)]["text"] == item.text
        assert re.fullmatch(r"[A-Z]{3}\[[A-Z]{3}[0-9I]\]", columns[code_of(item.id)]["heading"])
    assert list(columns["REL1"]["answers"]) == ["A1", "A2", "A3", "A4", "A5"]
    assert list(columns["REL1"]["answers"].values()) == AGREE
    assert list(columns["RELI"]["answers"].values()) == IMPORTANT
    for item in OPEN:
        assert (columns[code_of(item.id)]["text"], columns[code_of(item.id)]["type"]) == (item.text, "T")
    assert columns["function"]["answers"] == {"A1": "IT", "A2": "Business"}
    assert columns["department"]["type"] == "S"


@pytest.mark.parametrize("values", ["codes", "full"])
def test_a_limesurvey_export_of_the_lss_loads_with_no_mapping(values: str) -> None:
    columns = limesurvey_columns()
    crowd = people(20)
    meta = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
    rows = [meta + [c["heading"] for c in columns]]
    for n, person in enumerate(crowd, start=1):
        stamp = person.submitted.strftime("%Y-%m-%d %H:%M:%S")
        row = [str(n), stamp, "9", "en", str(1000 + n), stamp, stamp]
        for c in columns:
            if c["code"] == "function":
                code = {"IT": "A1", "Business": "A2"}[person.function]
                row.append(code if values == "codes" else c["answers"][code])
            elif c["code"] == "department":
                row.append(person.department)
            elif c["answers"] is None:
                row.append(person.comments[c["code"]])
            else:
                answer = person.answers[c["code"]]
                code = None if answer is None else f"A{answer}"
                row.append("" if code is None else code if values == "codes" else c["answers"][code])
        rows.append(row)
    dataset = check_round_trip([("results-survey246810.csv", csv_bytes(rows))], crowd)
    assert dataset.report.layout == "LimeSurvey"


# ------------------------------------------------------------------------------------- command line


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_command_line_writes_each_format(tmp_path, capsys, fmt: str) -> None:
    out = tmp_path / FORMATS[fmt].filename
    assert cli_main(["survey", "--format", fmt, "--out", str(out)]) == 0
    assert out.read_bytes() == build_survey(fmt)
    assert FORMATS[fmt].tool in capsys.readouterr().out


def test_the_command_line_refuses_a_bad_format_or_folder_in_one_line(tmp_path, capsys) -> None:
    assert cli_main(["survey", "--format", "typeform", "--out", str(tmp_path / "s.txt")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "qsf, lss, google-forms, ms-forms, surveymonkey" in error
    assert cli_main(["survey", "--format", "qsf", "--out", str(tmp_path / "missing" / "s.qsf")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "does not exist" in error
    assert not (tmp_path / "missing").exists()


def test_every_survey_code_is_unique_and_names_its_item() -> None:
    codes = [code_of(item.id) for item in ITEMS]
    assert len(set(codes)) == len(codes)
    assert all(item_of(c) in ITEMS_BY_ID for c in codes)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("REL1", "REL-1"),
        ("RELO", "REL-O"),
        ("srvi", "SRV-I"),
        ("OVR1. Overall, IT and the business …", "OVR-1"),
        ("3. TRU2. Decisions on IT initiatives …", "TRU-2"),
        ("Q12) MET4 IT and the business review …", "MET-4"),
        ("Function: Do you work in IT or in the business?", "function"),
        ("department", "department"),
        ("REL9", None),  # not in the bank
        ("REL-1", None),  # an item id, read as such elsewhere, not a survey code
        ("Functional areas: which?", None),
        ("Relationships", None),
    ],
)
def test_survey_codes_are_read_in_every_form_a_tool_keeps_them(text: str, target: str | None) -> None:
    from alignment.survey_codes import code_target

    assert code_target(text) == target


def test_function_answer_codes_are_read_only_where_the_tool_codes_the_function_question() -> None:
    """1 / 2 in a plain table's function column is not guessed to be IT / Business; in a LimeSurvey export whose
    function question carries the survey's code it is."""
    head = ["id", "submitdate", "lastpage", "startlanguage", "function", "REL[REL1]", "REL[REL2]"]
    body = [[str(n), "2026-02-03 10:00:00", "2", "en", "A1" if n % 2 else "A2", "A4", "A2"] for n in range(1, 11)]
    tool = Dataset.from_files([("results.csv", csv_bytes([head, *body]))])
    assert sorted(tool.query("SELECT DISTINCT function FROM respondents")["function"]) == ["Business", "IT"]
    plain = Dataset.from_files([("plain.csv", csv_bytes([["function", "REL-1"], *[[str(1 + n % 2), "4"] for n in range(10)]]))])
    assert plain.query("SELECT DISTINCT function FROM respondents")["function"].isna().all()
