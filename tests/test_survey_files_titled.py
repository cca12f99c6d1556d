"""The survey files of the tools whose export keeps only question titles (Google Forms' Apps Script, Microsoft
Forms' Word document, SurveyMonkey's pasted text): each built and read as its tool reads it, every question present
with its code at the start of its title; then that tool's answer export simulated with seeded answers and analysed
with no mapping file (test_survey_files.check_round_trip: statements mapped, scores as by hand)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile

from test_exports import SURVEYMONKEY_META
from test_survey_files import (
    AGREE,
    IMPORTANCE,
    IMPORTANT,
    LIKERT,
    OPEN,
    check_round_trip,
    code_of,
    csv_bytes,
    people,
    titled_answer,
    xlsx_bytes,
)

from alignment.survey_files import build_survey

# ------------------------------------------------------------------------------------- Google Forms


def google_items() -> list[dict]:
    """The items the Apps Script creates, in order: run with Node against a stand-in FormApp when Node is there,
    else read from the script's SURVEY object."""
    script = build_survey("google-forms").decode("utf-8")
    found = re.search(r"^var SURVEY = (\{.*?\});$", script, re.DOTALL | re.MULTILINE)
    assert found, "the script holds its survey as one JSON object"
    declared = [item for section in json.loads(found[1])["sections"] for item in section["items"]]
    node = shutil.which("node")
    if node is None:
        return declared
    stand_in = """
var made = [];
function item(type) {
  var it = {type: type};
  var self = {};
  ['setTitle', 'setHelpText', 'setRows', 'setColumns', 'setChoiceValues', 'setRequired'].forEach(function (name) {
    self[name] = function (value) { it[name.slice(3).toLowerCase()] = value; return self; };
  });
  made.push(it);
  return self;
}
var form = {
  setDescription: function () { return form; }, setCollectEmail: function () { return form; },
  setProgressBar: function () { return form; },
  addSectionHeaderItem: function () { return item('section'); }, addPageBreakItem: function () { return item('page'); },
  addGridItem: function () { return item('grid'); }, addMultipleChoiceItem: function () { return item('choice'); },
  addTextItem: function () { return item('text'); }, addParagraphTextItem: function () { return item('paragraph'); },
  getEditUrl: function () { return 'edit'; }, getPublishedUrl: function () { return 'published'; }
};
var FormApp = {create: function () { return form; }};
var Logger = {log: function () {}};
"""
    run = subprocess.run(
        [node, "-e", stand_in + script + "\nbuildSurvey(); console.log(JSON.stringify(made));"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    created = [i for i in json.loads(run.stdout) if i["type"] not in ("section", "page")]
    assert [i.get("title") for i in created] == [i["title"] for i in declared]
    return created


def test_the_apps_script_builds_every_question_with_its_code() -> None:
    items = google_items()
    rows = {row: i for i in items if i["type"] == "grid" for row in i["rows"]}
    for item in [*LIKERT, *IMPORTANCE]:
        label = f"{code_of(item.id)}. {item.text}"
        assert label in rows
        assert rows[label]["columns"] == (IMPORTANT if item.kind == "importance" else AGREE)
    titles = {i["title"]: i for i in items if i["type"] != "grid"}
    for item in OPEN:
        assert titles[f"{code_of(item.id)}. {item.text}"]["type"] in ("paragraph", "open")
    function = next(i for t, i in titles.items() if t.startswith("Function: "))
    assert function.get("choicevalues", function.get("choices")) == ["IT", "Business"]
    assert any(t.startswith("Department: ") for t in titles)


def test_a_google_forms_export_of_the_script_loads_with_no_mapping() -> None:
    items = google_items()
    crowd = people(21)
    columns = []  # (header, kind, code)
    for i in items:
        if i["type"] == "grid":
            columns += [(f"{i['title']} [{row}]", i["columns"], row.split(".")[0]) for row in i["rows"]]
        else:
            columns.append((i["title"], i["type"], i["title"].split(".")[0].split(":")[0]))
    rows = [["Timestamp"] + [c[0] for c in columns]]
    for person in crowd:
        row = [person.submitted.strftime("%Y/%m/%d %-I:%M:%S %p GMT+1")]
        for _, kind, code in columns:
            if code == "Function":
                row.append(person.function)
            elif code == "Department":
                row.append(person.department)
            elif isinstance(kind, list):
                answer = person.answers[code]
                row.append("" if answer is None else kind[answer - 1])
            else:
                row.append(person.comments[code])
        rows.append(row)
    dataset = check_round_trip([("Alignment survey (Responses) - Form Responses 1.csv", csv_bytes(rows))], crowd)
    assert dataset.report.layout == "Google Forms"


# ---------------------------------------------------------------------------------- Microsoft Forms


def word_paragraphs() -> list[tuple[bool, str]]:
    """The Word document's paragraphs as (bold, text), read from its XML as Word and Forms' quick import read it."""
    data = build_survey("ms-forms")
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= set(docx.namelist())
        root = ET.fromstring(docx.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    found = []
    for paragraph in root.iter(f"{w}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{w}t"))
        found.append((paragraph.find(f".//{w}b") is not None, text))
    return found


def forms_questions() -> list[tuple[str, list[str]]]:
    """(question title, choices): a bold paragraph and the plain ones below it until a blank one."""
    questions: list[tuple[str, list[str]]] = []
    current = None
    for bold, text in word_paragraphs()[1:]:  # the first is the document's title
        if bold and text:
            current = (text, [])
            questions.append(current)
        elif not text:
            current = None
        elif current is not None:
            current[1].append(text)
    return questions


def test_the_word_document_holds_every_question_with_its_code() -> None:
    questions = dict(forms_questions())
    for item in [*LIKERT, *IMPORTANCE]:
        assert questions[f"{code_of(item.id)}. {item.text}"] == (IMPORTANT if item.kind == "importance" else AGREE)
    for item in OPEN:
        assert questions[f"{code_of(item.id)}. {item.text}"] == []
    assert questions["Function: Do you work in IT or in the business?"] == ["IT", "Business"]
    assert any(q.startswith("Department: ") for q in questions)


def test_a_microsoft_forms_export_of_the_document_loads_with_no_mapping() -> None:
    questions = forms_questions()
    crowd = people(22)
    rows = [["ID", "Start time", "Completion time", "Email", "Name"] + [q for q, _ in questions]]
    for n, person in enumerate(crowd, start=1):
        row = [n, person.submitted - dt.timedelta(minutes=6), person.submitted, "anonymous", None]
        rows.append(row + [titled_answer(person, title, choices) or None for title, choices in questions])
    dataset = check_round_trip([("Alignment survey(1-40).xlsx", xlsx_bytes(rows))], crowd)
    assert dataset.report.layout == "Microsoft Forms"


# ------------------------------------------------------------------------------------- SurveyMonkey


def surveymonkey_questions() -> list[tuple[str, list[str]]]:
    """(question, choices) as SurveyMonkey's import reads pasted text: a question line, its choices, a blank line."""
    blocks = build_survey("surveymonkey").decode("utf-8").strip().split("\n\n")
    return [(lines[0], lines[1:]) for lines in (block.split("\n") for block in blocks)]


def test_the_surveymonkey_text_holds_every_question_with_its_code() -> None:
    questions = dict(surveymonkey_questions())
    assert len(questions) == len(surveymonkey_questions())
    for item in [*LIKERT, *IMPORTANCE]:
        assert questions[f"{code_of(item.id)}. {item.text}"] == (IMPORTANT if item.kind == "importance" else AGREE)
    for item in OPEN:
        assert questions[f"{code_of(item.id)}. {item.text}"] == []
    assert questions["Function: Do you work in IT or in the business?"] == ["IT", "Business"]


def test_a_surveymonkey_export_of_the_text_loads_with_no_mapping() -> None:
    questions = surveymonkey_questions()
    crowd = people(23)
    meta = SURVEYMONKEY_META
    rows = [
        meta + [q for q, _ in questions],
        [""] * len(meta) + ["Response" if c else "Open-Ended Response" for _, c in questions],
    ]
    for n, person in enumerate(crowd, start=1):
        stamp = person.submitted.strftime("%m/%d/%Y %I:%M:%S %p")
        row = [str(110000 + n), "4321", stamp, stamp, "", "", "", "", ""]
        rows.append(row + [titled_answer(person, title, choices) for title, choices in questions])
    dataset = check_round_trip([("Alignment survey.csv", csv_bytes(rows))], crowd)
    assert dataset.report.layout == "SurveyMonkey"
