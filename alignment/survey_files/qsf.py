"""The survey as a Qualtrics survey file (.qsf): JSON with SurveyEntry and SurveyElements, as Qualtrics exports it.

One block per section; each tactic's statements are a Likert matrix (single answer) whose rows carry the
statements' codes as their export tags (ChoiceDataExportTags), so the answer export heads those columns REL1 …
REL5; the answers are recoded 1 … 5 (least favourable first) for a numeric export; the open questions are essay
boxes tagged RELO …; function (recoded 1 = IT, 2 = Business) and department are tagged by their field names.
Import in Qualtrics: Create project > Survey > From a file (or Tools > Import/Export > Import survey).
"""

from __future__ import annotations

import json

from .content import INTRO, TITLE, Grid, Question, sections

SURVEY_ID = "SV_itBusinessAlign"
RESPONSE_SET = "RS_itBusinessAlign"
NEVER = "0000-00-00 00:00:00"


def _element(kind: str, primary: str, secondary: str | None, payload) -> dict:
    return {
        "SurveyID": SURVEY_ID,
        "Element": kind,
        "PrimaryAttribute": primary,
        "SecondaryAttribute": secondary,
        "TertiaryAttribute": None,
        "Payload": payload,
    }


def _validation(required: bool) -> dict:
    return {"Settings": {"ForceResponse": "ON" if required else "OFF", "ForceResponseType": "ON", "Type": "None"}}


def _numbered(texts: tuple[str, ...]) -> dict:
    return {str(n): {"Display": text} for n, text in enumerate(texts, start=1)}


def _order(texts: tuple) -> list[str]:
    return [str(n) for n in range(1, len(texts) + 1)]


def _question(qid: str, question: Question) -> dict:
    common = {
        "QuestionText": question.title,
        "DataExportTag": question.code,
        "Configuration": {"QuestionDescriptionOption": "UseText"},
        "QuestionDescription": question.title,
        "Validation": _validation(question.required),
        "GradingData": [],
        "Language": [],
        "NextChoiceId": len(question.choices) + 1,
        "NextAnswerId": 1,
        "QuestionID": qid,
        "DataVisibility": {"Private": False, "Hidden": False},
    }
    if question.kind == "choice":
        return {
            **common,
            "QuestionType": "MC",
            "Selector": "SAVR",
            "SubSelector": "TX",
            "Choices": _numbered(question.choices),
            "ChoiceOrder": _order(question.choices),
            "RecodeValues": {str(n): str(n) for n in range(1, len(question.choices) + 1)},
        }
    selector = "SL" if question.kind == "text" else "ESTB"  # a single line, or an essay box
    return {**common, "QuestionType": "TE", "Selector": selector, "SearchSource": {"AllowFreeResponse": "false"}}


def _matrix(qid: str, grid: Grid) -> dict:
    return {
        "QuestionText": grid.title,
        "DataExportTag": grid.code,
        "QuestionType": "Matrix",
        "Selector": "Likert",
        "SubSelector": "SingleAnswer",
        "Configuration": {
            "QuestionDescriptionOption": "UseText",
            "TextPosition": "inline",
            "ChoiceColumnWidth": 40,
            "RepeatHeaders": "none",
            "WhiteSpace": "OFF",
            "MobileFirst": True,
        },
        "QuestionDescription": grid.title,
        "Choices": _numbered(tuple(row.text for row in grid.rows)),
        "ChoiceOrder": _order(grid.rows),
        "Answers": _numbered(grid.columns),
        "AnswerOrder": _order(grid.columns),
        "ChoiceDataExportTags": {str(n): row.code for n, row in enumerate(grid.rows, start=1)},
        "RecodeValues": {str(n): str(n) for n in range(1, len(grid.columns) + 1)},
        "Validation": _validation(grid.required),
        "GradingData": [],
        "Language": [],
        "NextChoiceId": len(grid.rows) + 1,
        "NextAnswerId": len(grid.columns) + 1,
        "QuestionID": qid,
        "DataVisibility": {"Private": False, "Hidden": False},
    }


def _block_id(code: str) -> str:
    return "BL_" + (code + "alignmentBlock")[:15]


def build() -> bytes:
    blocks = [{"Type": "Trash", "Description": "Trash / Unused Questions", "ID": _block_id("Trash"), "BlockElements": []}]
    questions: list[dict] = []
    intro_id = "QID1"
    questions.append(
        _element(
            "SQ",
            intro_id,
            TITLE,
            {
                "QuestionText": f"<h3>{TITLE}</h3><p>{INTRO}</p>",
                "DataExportTag": "intro",
                "QuestionType": "DB",
                "Selector": "TB",
                "Configuration": {"QuestionDescriptionOption": "UseText"},
                "QuestionDescription": INTRO,
                "Validation": _validation(False),
                "Language": [],
                "QuestionID": intro_id,
            },
        )
    )
    for index, section in enumerate(sections()):
        elements = [{"Type": "Question", "QuestionID": intro_id}] if index == 0 else []
        for question in section.questions:
            qid = f"QID{len(questions) + 1}"
            payload = _matrix(qid, question) if isinstance(question, Grid) else _question(qid, question)
            questions.append(_element("SQ", qid, payload["QuestionText"][:99], payload))
            elements.append({"Type": "Question", "QuestionID": qid})
        blocks.append(
            {
                "Type": "Default" if index == 0 else "Standard",
                "SubType": "",
                "Description": section.title,
                "ID": _block_id(section.code),
                "BlockElements": elements,
            }
        )
    flow = [
        {"ID": block["ID"], "Type": "Block" if block["Type"] == "Default" else "Standard", "FlowID": f"FL_{n}"}
        for n, block in enumerate(blocks[1:], start=2)
    ]
    survey = {
        "SurveyEntry": {
            "SurveyID": SURVEY_ID,
            "SurveyName": TITLE,
            "SurveyDescription": None,
            "SurveyOwnerID": "",
            "SurveyBrandID": "",
            "DivisionID": None,
            "SurveyLanguage": "EN",
            "SurveyActiveResponseSet": RESPONSE_SET,
            "SurveyStatus": "Inactive",
            "SurveyStartDate": NEVER,
            "SurveyExpirationDate": NEVER,
            "SurveyCreationDate": NEVER,
            "CreatorID": "",
            "LastModified": NEVER,
            "LastAccessed": NEVER,
            "LastActivated": NEVER,
            "Deleted": None,
        },
        "SurveyElements": [
            _element("BL", "Survey Blocks", None, blocks),
            _element(
                "FL",
                "Survey Flow",
                None,
                {"Flow": flow, "Properties": {"Count": len(flow) + 1}, "FlowID": "FL_1", "Type": "Root"},
            ),
            _element(
                "SO",
                "Survey Options",
                None,
                {
                    "BackButton": "true",
                    "SaveAndContinue": "true",
                    "SurveyProtection": "PublicSurvey",
                    "BallotBoxStuffingPrevention": "false",
                    "NoIndex": "Yes",
                    "SecureResponseFiles": "true",
                    "SurveyExpiration": "None",
                    "SurveyTermination": "DefaultMessage",
                    "Header": "",
                    "Footer": "",
                    "ProgressBarDisplay": "Text",
                    "PartialData": "+1 week",
                    "ValidationMessage": "",
                    "PreviousButton": " ← ",
                    "NextButton": " → ",
                    "NewScoring": 1,
                },
            ),
            _element("QC", "Survey Question Count", str(len(questions)), None),
            _element("RS", RESPONSE_SET, "Default Response Set", None),
            *questions,
        ],
    }
    return json.dumps(survey, indent=2, ensure_ascii=False).encode("utf-8")
