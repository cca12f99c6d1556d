"""The statements of one grid question share its answer scale.

A survey tool asks a grid (matrix, array) question with one set of answer options for several statements and
exports each statement as a column whose header names the question and the row: 'Q5_1' … 'Q5_6' (export tags),
'Q5 [row]' or 'Question text [row]' (Google Forms, LimeSurvey, SurveyMonkey as read), 'Q5 - row' (Qualtrics'
question text). Detected column by column, a 1-7 statement where nobody ticked 7 reads as 1-6 beside its 1-7
siblings; so the columns of one grid share one scale: the widest any of them shows on its own, or that all their
answers together show, among those that read at least as many of the grid's answers as the scale of all their
answers together (a column of labels is never moved onto a numeric scale that cannot read them). Headers that are
an item id alone (REL-1, REL_1) name one statement, not a grid: such columns keep their own scales.
"""

from __future__ import annotations

import re

from .cells import normalise
from .header_text import bracket_part
from .scales import Scale, detect_scale

_CODE_ROW = re.compile(r"^(?P<question>[A-Za-z][A-Za-z0-9]*)_(?P<row>[A-Za-z]*\d+)$")  # Q5_1, G01Q02_SQ001
_DASH_ROW = re.compile(r"^(?P<question>\S.*?)\s+[-\u2013\u2014]\s+\S")  # Q5 - row, Question text - row
_ITEM_ID = re.compile(r"^\[?[A-Za-z]{3}[-_ ]?(?:\d+|[OoIi])\]?$")


def grid_question(header: object, statement: str = "") -> str | None:
    """The grid question a column's header names (normalised), or None when it names none. `statement` is the
    part of the header a survey tool's layout matched as the statement (a grid's row), when that is not all of it."""
    text = " ".join(str(header if header is not None else "").split())
    if not text or _ITEM_ID.match(text):
        return None
    row = statement if statement and statement != text and statement in text else bracket_part(text)
    if row:
        question = text.replace(row, "").strip(" -[]:")
    elif found := _CODE_ROW.match(text) or _DASH_ROW.match(text):
        question = found["question"]
    else:
        return None
    return normalise(question) or None


def grid_groups(columns: dict[str, tuple[object, str]]) -> list[list[str]]:
    """The item ids of each grid question with at least two mapped columns; `columns` holds per item id its column's
    header and the statement a layout matched in it ('' when none)."""
    questions: dict[str, list[str]] = {}
    for item_id, (header, statement) in columns.items():
        if question := grid_question(header, statement):
            questions.setdefault(question, []).append(item_id)
    return [ids for ids in questions.values() if len(ids) > 1]


def _read(scale: Scale, values: dict[str, int]) -> int:
    """How many of the answers (value -> count) the scale reads as a score."""
    return sum(n for value, n in values.items() if isinstance(scale.convert(value), float))


def shared_scales(groups: list[list[str]], distinct: dict[str, list], counts: dict[str, list[int]]) -> dict[str, Scale]:
    """Per item id of a grid the scale its columns share (see the module docstring); `distinct` and `counts` hold per
    item id its column's distinct answers and how many cells hold each."""
    shared: dict[str, Scale] = {}
    for group in groups:
        members = [item_id for item_id in group if item_id in distinct]
        together: dict = {}
        for item_id in members:
            for value, n in zip(distinct[item_id], counts[item_id], strict=True):
                together[value] = together.get(value, 0) + int(n)
        ordered = sorted(together, key=str)
        pooled = detect_scale(ordered, counts=[together[v] for v in ordered])
        floor = _read(pooled, together)
        own = [detect_scale(distinct[item_id], counts=counts[item_id]) for item_id in members]
        readable = [scale for scale in own if scale.points > pooled.points and _read(scale, together) >= floor]
        widest = max(readable, key=lambda scale: scale.points, default=pooled)  # the first widest: the first column's
        shared |= dict.fromkeys(members, widest)
    return shared
