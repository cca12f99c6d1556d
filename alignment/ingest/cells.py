"""One cell's text: normalising it, a header to an item or a field, what counts as no answer or as a
comment that says nothing, a date to its period. The vocabulary shared by every later step of ingest (answers
are read on their column's scale: scales.py)."""

from __future__ import annotations

import datetime as dt
import re

from ..items import ITEMS, ITEMS_BY_ID, Item
from ..periods import quarter_of
from .dates import DAY_FIRST, parse_date

AGREEMENT_CHOICES: tuple[str, ...] = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
NO_ANSWER_CHOICE = "N/A"
NO_ANSWER = {
    "",
    "n/a",
    "na",
    "n.a.",
    "-",
    "don't know",
    "dont know",
    "do not know",
    "not applicable",
    "no answer",
    "prefer not to say",
}
# An open answer that says nothing (besides NO_ANSWER), in English and the languages ingest reads answers in
# (German, French, Spanish, Dutch, Portuguese; and Swedish): not a comment, so it counts neither as open input,
# nor in the themes, nor in the tone. Matched whole, in any case, with trailing full stops or exclamation marks
# (is_comment_filler; ingest's vectorised match in columns._find_comments uses the same sets and rule).
COMMENT_FILLER = {
    *("none", "nothing", "no", "nope", "no comment", "no comments", "nothing to add", "nothing else", "nothing more"),
    *("no further comments", "not really", "nil", "n/a.", "--", "---", ".", "..."),
    *("keine", "keiner", "nichts", "nein", "kein kommentar", "keine kommentare", "nichts hinzuzufügen", "keine angabe"),
    *("k.a.", "aucun", "aucune", "rien", "non", "sans commentaire", "pas de commentaire", "rien à ajouter"),
    *("ninguno", "ninguna", "nada", "sin comentarios", "sin comentario", "nada que añadir", "nada que agregar"),
    *("geen", "niets", "nee", "geen opmerkingen", "geen commentaar", "niets toe te voegen"),
    *("inget", "ingen", "inga", "nej", "inga kommentarer", "inget att tillägga", "inget att tillagga"),
    *("nenhum", "nenhuma", "não", "nao", "sem comentários", "sem comentarios", "nada a acrescentar", "nada a declarar"),
}
# a function cell's value (normalise()d, accents kept) -> IT or Business; a user's value mapping adds to these
FUNCTIONS = {
    **dict.fromkeys(("it", "information technology", "ict", "i.t.", "it department", "tech", "technology"), "IT"),
    **dict.fromkeys(("informatik", "it-abteilung", "informatique", "dsi", "ti", "tecnología", "tecnologia"), "IT"),
    **dict.fromkeys(("tecnologia da informação", "tecnología de la información", "sistemas", "automatisering"), "IT"),
    **dict.fromkeys(("business", "the business", "business side", "fachbereich", "fachabteilung", "métier"), "Business"),
    **dict.fromkeys(("metier", "métiers", "negocio", "negócio", "negocios", "negócios", "bedrijf", "de business"), "Business"),
}
MAP_FUNCTION_VALUE = "map the value to IT, Business or ignore"  # the fix named in an unknown function value's reason
FUNCTION_CHOICES = ("IT", "Business", "ignore")  # what a user may map a function value to (ignore: no function)
NOT_GIVEN = "(not given)"

META_ALIASES: dict[str, set[str]] = {
    "respondent_id": {"respondent_id", "respondent id", "respondent", "response id", "id"},
    "period": {"period", "quarter", "wave", "survey period"},
    "submitted": {"submitted", "submitted date", "submitted at", "date", "timestamp", "completion time"},
    "function": {"function", "it or business", "it/business", "it / business"},
    "department": {"department", "dept", "unit", "business unit", "team"},
    "role": {"role", "job role"},
}
ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
ITEM_ID_PATTERN = re.compile(r"^\s*\[?([A-Za-z]{3})[-_ ]?(\d+|[OoIi])\]?(?=$|[\s:.)\]-])")


def normalise(text: object) -> str:
    """Lower case, every run of whitespace one space, no whitespace at either end, curly quote and dashes plain."""
    value = " ".join(str(text if text is not None else "").split()).lower()  # str.split's whitespace is the regex \s
    return value.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")


_ITEM_TEXTS = {normalise(item.text).rstrip("."): item for item in ITEMS}
_META_BY_ALIAS = {alias: name for name, aliases in META_ALIASES.items() for alias in aliases}
_SHORTEST_ITEM_TEXT = min(map(len, _ITEM_TEXTS))  # a shorter cell holds no statement: the search below is skipped


def match_header(header: object) -> tuple[str, Item | None] | None:
    """('item', Item) or ('meta', None) with the field name, or None when unrecognised."""
    text = normalise(header)
    if not text:
        return None
    if text in _META_BY_ALIAS:
        return _META_BY_ALIAS[text], None
    found = ITEM_ID_PATTERN.match(str(header))
    if found:
        item_id = f"{found.group(1).upper()}-{found.group(2).upper()}"
        if item_id in ITEMS_BY_ID:
            return "item", ITEMS_BY_ID[item_id]
    stripped = text.rstrip(".")
    if stripped in _ITEM_TEXTS:
        return "item", _ITEM_TEXTS[stripped]
    if len(text) >= _SHORTEST_ITEM_TEXT:
        for item_text, item in _ITEM_TEXTS.items():
            if item_text in text:
                return "item", item
    return None


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA (bijective base 26, as
    openpyxl's get_column_letter; written here because importing openpyxl costs a command-line run 0.1 s)."""
    letters, number = "", index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# -------------------------------------------------------------------------- cell values


def is_comment_filler(text: object) -> bool:
    """Whether an open answer says nothing: blank, a no-answer spelling or COMMENT_FILLER, in any case, with
    surrounding white space and trailing full stops or exclamation marks."""
    value = normalise(text)
    return value in NO_ANSWER or value in COMMENT_FILLER or value.rstrip(".!").strip() in NO_ANSWER | COMMENT_FILLER


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, float) and value != value)


def date_from_value(value: object, order: str = DAY_FIRST) -> dt.date | None:
    """The calendar date of a survey cell, read as the evidence tables read theirs (dates.parse_date, slashed
    dates in `order`); None when it is blank or no date."""
    date = parse_date(value, order)
    return date if isinstance(date, dt.date) else None


def period_from_date(value: object, order: str = DAY_FIRST) -> str | None:
    """'YYYY-Qn' from a date, datetime, ISO text or Excel serial number."""
    if isinstance(value, str) and (iso := ISO_DATE.match(value.strip())) and 1 <= int(iso.group(2)) <= 12:
        return quarter_of(dt.date(int(iso.group(1)), int(iso.group(2)), 1))  # the common case, without a date parser
    date = date_from_value(value, order)
    return None if date is None else quarter_of(date)


def text_value(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
