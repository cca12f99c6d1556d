"""The survey as a LimeSurvey survey structure file (.lss): XML under <document>, one table per element as LimeSurvey
4 and later export it (groups and group_l10ns, questions, subquestions and question_l10ns, answers and answer_l10ns,
surveys and surveys_languagesettings), each table its <fields> then its <rows>.

Each tactic is a question group holding one array question (flexible labels, type F) coded by the tactic (REL …)
whose subquestions are coded by the statements (REL1 … REL5), so the answer export heads those columns REL[REL1] …;
the answers are coded A1 … A5, least favourable first, read as positions 1 … 5 (or exported as their labels). The
open questions are long free text questions coded RELO …, function a list (A1 = IT, A2 = Business) coded
`function`, department a short free text coded `department`. Every code is letters and digits, starting with a
letter, as LimeSurvey requires. The survey is anonymised but date-stamped, so each response has its submit date
(the period is its quarter). Import in LimeSurvey: Create survey > Import (.lss).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .content import INTRO, TITLE, Grid, Question, sections

DB_VERSION = "450"
SURVEY_ID = "246810"
LANGUAGE = "en"
QUESTION_TYPES = {"choice": "L", "text": "S", "open": "T"}  # list (radio), short free text, long free text
ARRAY_TYPE = "F"  # array with flexible labels: one answer per subquestion
QUESTION_FIELDS = (
    *("qid", "parent_qid", "sid", "gid", "type", "title", "preg", "other", "mandatory", "encrypted", "question_order"),
    *("scale_id", "same_default", "relevance", "modulename"),
)
SURVEY_SETTINGS = {
    **{"sid": SURVEY_ID, "gsid": "1", "admin": "", "adminemail": "", "anonymized": "Y", "format": "G"},
    **{"savetimings": "N", "template": "inherit", "language": LANGUAGE, "additional_languages": "", "datestamp": "Y"},
    **{"usecookie": "N", "allowregister": "N", "allowsave": "Y", "autoredirect": "N", "allowprev": "Y"},
    **{"printanswers": "N", "ipaddr": "N", "ipanonymize": "Y", "refurl": "N", "showsurveypolicynotice": "0"},
    **{"publicstatistics": "N", "publicgraphs": "N", "listpublic": "N", "htmlemail": "Y", "sendconfirmation": "N"},
    **{"tokenanswerspersistence": "N", "assessments": "N", "usecaptcha": "N", "usetokens": "N", "tokenlength": "15"},
    **{"showxquestions": "Y", "showgroupinfo": "B", "shownoanswer": "Y", "showqnumcode": "X", "bounceprocessing": "N"},
    **{"showwelcome": "Y", "showprogress": "Y", "questionindex": "0", "navigationdelay": "0", "nokeyboard": "N"},
    "alloweditaftercompletion": "N",
}


class _Tables:
    """The document's tables, filled row by row and written in LimeSurvey's layout."""

    def __init__(self) -> None:
        self.tables: dict[str, tuple[tuple[str, ...], list[dict]]] = {}

    def add(self, table: str, fields: tuple[str, ...], **values: object) -> None:
        self.tables.setdefault(table, (fields, []))[1].append({k: "" if v is None else str(v) for k, v in values.items()})

    def write(self, root: ET.Element) -> None:
        for table, (fields, rows) in self.tables.items():
            element = ET.SubElement(root, table)
            names = ET.SubElement(element, "fields")
            for name in fields:
                ET.SubElement(names, "fieldname").text = name
            rows_element = ET.SubElement(element, "rows")
            for row in rows:
                row_element = ET.SubElement(rows_element, "row")
                for name in fields:
                    if name in row:
                        ET.SubElement(row_element, name).text = row[name]


def _question_row(
    tables: _Tables, table: str, qid: int, parent: int, gid: int, kind: str, code: str, order: int, mandatory: bool = False
) -> None:
    tables.add(
        table,
        QUESTION_FIELDS,
        qid=qid,
        parent_qid=parent,
        sid=SURVEY_ID,
        gid=gid,
        type=kind,
        title=code,
        preg="",
        other="N",
        mandatory="Y" if mandatory else "N",
        encrypted="N",
        question_order=order,
        scale_id=0,
        same_default=0,
        relevance="1",
        modulename="",
    )


def _text(tables: _Tables, qid: int, text: str, help_text: str = "") -> None:
    tables.add(
        "question_l10ns",
        ("id", "qid", "question", "help", "script", "language"),
        id=qid,
        qid=qid,
        question=text,
        help=help_text,
        script="",
        language=LANGUAGE,
    )


def _answers(tables: _Tables, qid: int, labels: tuple[str, ...], next_aid: int) -> int:
    for order, label in enumerate(labels, start=1):
        aid = next_aid + order - 1
        tables.add(
            "answers",
            ("aid", "qid", "code", "sortorder", "assessment_value", "scale_id"),
            aid=aid,
            qid=qid,
            code=f"A{order}",
            sortorder=order,
            assessment_value=order,
            scale_id=0,
        )
        tables.add("answer_l10ns", ("id", "aid", "answer", "language"), id=aid, aid=aid, answer=label, language=LANGUAGE)
    return next_aid + len(labels)


def build() -> bytes:
    tables = _Tables()
    subquestions: list[tuple] = []
    qid, aid = 0, 1
    for group_order, section in enumerate(sections(), start=1):
        gid = group_order
        tables.add(
            "groups",
            ("gid", "sid", "group_order", "randomization_group", "grelevance"),
            gid=gid,
            sid=SURVEY_ID,
            group_order=group_order,
            randomization_group="",
            grelevance="1",
        )
        tables.add(
            "group_l10ns",
            ("id", "gid", "group_name", "description", "language"),
            id=gid,
            gid=gid,
            group_name=section.title,
            description=section.description,
            language=LANGUAGE,
        )
        for order, question in enumerate(section.questions, start=1):
            qid += 1
            if isinstance(question, Grid):
                _question_row(tables, "questions", qid, 0, gid, ARRAY_TYPE, question.code, order, question.required)
                _text(tables, qid, question.title)
                aid = _answers(tables, qid, question.columns, aid)
                subquestions.append((qid, gid, question))
            else:
                assert isinstance(question, Question)
                kind = QUESTION_TYPES[question.kind]
                _question_row(tables, "questions", qid, 0, gid, kind, question.code, order, question.required)
                _text(tables, qid, question.title)
                if question.kind == "choice":
                    aid = _answers(tables, qid, question.choices, aid)
    for parent, gid, grid in subquestions:
        for order, row in enumerate(grid.rows, start=1):
            qid += 1
            _question_row(tables, "subquestions", qid, parent, gid, ARRAY_TYPE, row.code, order)
            _text(tables, qid, row.text)
    tables.add("surveys", tuple(SURVEY_SETTINGS), **SURVEY_SETTINGS)
    tables.add(
        "surveys_languagesettings",
        (
            "surveyls_survey_id",
            "surveyls_language",
            "surveyls_title",
            "surveyls_description",
            "surveyls_welcometext",
            "surveyls_endtext",
            "surveyls_dateformat",
            "surveyls_numberformat",
        ),
        surveyls_survey_id=SURVEY_ID,
        surveyls_language=LANGUAGE,
        surveyls_title=TITLE,
        surveyls_description=INTRO,
        surveyls_welcometext=INTRO,
        surveyls_endtext="Thank you.",
        surveyls_dateformat="6",
        surveyls_numberformat="0",
    )
    root = ET.Element("document")
    ET.SubElement(root, "LimeSurveyDocType").text = "Survey"
    ET.SubElement(root, "DBVersion").text = DB_VERSION
    languages = ET.SubElement(root, "languages")
    ET.SubElement(languages, "language").text = LANGUAGE
    tables.write(root)
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"
