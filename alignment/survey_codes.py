"""The question codes of a survey built from the item bank, and how a tool's export is read back by them.

Every question of the survey files (alignment.survey_files) carries a stable code that each tool keeps in its answer
export: a statement's item id without its hyphen (REL-1 -> REL1, the open question REL-O -> RELO, the importance
question REL-I -> RELI), and `function` and `department` for the two questions about the respondent. The codes are
letters and digits only, start with a letter and have no underscore, so LimeSurvey accepts them as question codes;
Qualtrics keeps them as export tags; Google Forms, Microsoft Forms and SurveyMonkey keep them at the start of the
question title ("REL1. IT and business leaders ..."). The function question's answers are coded 1 = IT, 2 = Business
(Qualtrics recode values) or A1 / A2 (LimeSurvey answer codes), read back here too.
"""

from __future__ import annotations

import re

from .items import ITEMS_BY_ID, Item

FUNCTION_CODE = "function"
DEPARTMENT_CODE = "department"
FIELD_CODES = (FUNCTION_CODE, DEPARTMENT_CODE)
FUNCTIONS = ("IT", "Business")  # the function question's choices, in order: answer code 1 / A1, then 2 / A2
FUNCTION_ANSWER_CODES: tuple[tuple[str, str], ...] = (("1", "IT"), ("2", "Business"), ("A1", "IT"), ("A2", "Business"))
AGREEMENT = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
IMPORTANCE = ("Not at all important", "Slightly important", "Moderately important", "Very important", "Extremely important")

# a code alone or at the start of a title, after an optional question number ("3. REL1. …", "Q3) REL1 …"):
# three letters and a number, O (open) or I (importance), then the end, a full stop, colon or a space
_ITEM_CODE = re.compile(r"^\s*(?:Q?\d{1,3}[.)]\s+)?\[?([A-Za-z]{3})(\d+|[OoIi])\]?(?=$|[\s.:)])")
_FIELD_CODE = re.compile(r"^\s*(?:Q?\d{1,3}[.)]\s+)?(function|department)(?=$|[.:]\s)", re.IGNORECASE)


def code(item: Item) -> str:
    """The survey code of an item: its id without the hyphen (REL-1 -> REL1)."""
    return item.id.replace("-", "")


def code_target(text: object) -> str | None:
    """The item id or field a header names by its survey code ('REL1', 'REL1. IT and …', 'function',
    'department. Which department …'), or None."""
    if not isinstance(text, str) or not text:
        return None
    if found := _ITEM_CODE.match(text):
        item_id = f"{found[1].upper()}-{found[2].upper()}"
        return item_id if item_id in ITEMS_BY_ID else None
    if found := _FIELD_CODE.match(text):
        return found[1].lower()
    return None


def titled(code_text: str, text: str) -> str:
    """A question title that carries its code: 'REL1. IT and business leaders …'."""
    return f"{code_text}. {text}"


def function_codes_in(values: list) -> bool:
    """Whether a function column's answers are the survey's answer codes (1 / 2, A1 / A2) rather than words."""
    texts = {str(v).strip().upper() for v in values if v is not None and str(v).strip()}
    texts = {t[:-2] if t.endswith(".0") else t for t in texts}
    return bool(texts) and texts <= {code_ for code_, _ in FUNCTION_ANSWER_CODES}
