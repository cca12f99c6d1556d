"""The survey the item bank defines, in a form every builder renders: sections of grids and questions, each
question with its stable code (alignment.survey_codes).

One section about the respondent (function and department), one per tactic (its statements as one grid, then its
open question), the overall statement, and the optional importance questions as a last grid.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..items import IMPORTANCE_ITEMS, ITEMS, OVERALL_ITEM_ID
from ..survey_codes import AGREEMENT, DEPARTMENT_CODE, FUNCTION_CODE, FUNCTIONS, IMPORTANCE, code
from ..tactics import TACTICS

TITLE = "IT–business alignment survey"
INTRO = (
    "How well do IT and the business work together? Please rate each statement from your own experience and add "
    "anything you want to say in the open questions. Answers are reported only for groups of at least five people."
)
AGREE_PROMPT = "How much do you agree with each statement?"
IMPORTANCE_PROMPT = "Optional: how important is each of these to you?"


@dataclass(frozen=True)
class Question:
    """One question: `choice` (one of `choices`), `text` (a short answer) or `open` (a paragraph)."""

    code: str
    kind: str
    title: str  # the question as respondents read it, without its code
    choices: tuple[str, ...] = ()
    required: bool = False

    @property
    def label(self) -> str:
        """The title with its code, for tools whose export keeps only the title: 'RELO. What would …',
        'Function: Do you work …'."""
        if self.code in (FUNCTION_CODE, DEPARTMENT_CODE):
            return f"{self.code.capitalize()}: {self.title}"
        return f"{self.code}. {self.title}"


@dataclass(frozen=True)
class Row:
    code: str
    text: str

    @property
    def label(self) -> str:
        return f"{self.code}. {self.text}"


@dataclass(frozen=True)
class Grid:
    """Statements answered on one scale: a matrix where the tool has one, else one choice question per row."""

    code: str  # the grid's own code (a tactic's, OVR or IMP); the answers are coded by row
    title: str
    rows: tuple[Row, ...]
    columns: tuple[str, ...]  # the answer labels, least favourable first; coded 1 … n
    required: bool = False


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    description: str
    questions: tuple[Question | Grid, ...]


FUNCTION_QUESTION = Question(FUNCTION_CODE, "choice", "Do you work in IT or in the business?", FUNCTIONS, required=True)
DEPARTMENT_QUESTION = Question(DEPARTMENT_CODE, "text", "Which department or team do you work in?")


def sections() -> tuple[Section, ...]:
    """The whole survey, in the order respondents see it."""
    found = [
        Section(
            "ABOUT",
            "About you",
            "Scores are shown by function and department only for groups of five or more.",
            (FUNCTION_QUESTION, DEPARTMENT_QUESTION),
        ),
    ]
    for tactic in TACTICS:
        statements = tuple(Row(code(i), i.text) for i in ITEMS if i.tactic == tactic.code and i.kind == "likert")
        questions: list[Question | Grid] = [Grid(tactic.code, AGREE_PROMPT, statements, AGREEMENT)]
        questions += [Question(code(i), "open", i.text) for i in ITEMS if i.tactic == tactic.code and i.kind == "open"]
        found.append(Section(tactic.code, tactic.name, "", tuple(questions)))
    overall = next(i for i in ITEMS if i.id == OVERALL_ITEM_ID)
    found.append(Section("OVR", "Overall", "", (Grid("OVR", AGREE_PROMPT, (Row(code(overall), overall.text),), AGREEMENT),)))
    importance = tuple(Row(code(item), item.text) for item in IMPORTANCE_ITEMS.values())
    found.append(
        Section(
            "IMP",
            "What matters to you",
            "These questions are optional.",
            (Grid("IMP", IMPORTANCE_PROMPT, importance, IMPORTANCE),),
        )
    )
    return tuple(found)


def grids() -> list[Grid]:
    return [q for s in sections() for q in s.questions if isinstance(q, Grid)]


def questions() -> list[Question]:
    return [q for s in sections() for q in s.questions if isinstance(q, Question)]
