"""Column mapping: which column of an upload is which item, field or identifier, with a confidence.

The automatic mapping matches headers to the item bank by id, by exact text and by fuzzy text
similarity, finds function and period columns by name and by their values, and the department
only by a header that names a unit. A user can confirm or change each choice, and set a column's
scale, direction, hand order of answers or function values (ColumnSetting); the mapping saves to
and loads from a small JSON file keyed by header text, so the next export of the same survey maps
the same way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from typing import NamedTuple

from ..errors import InputError
from ..items import ITEMS, ITEMS_BY_ID, Item
from ..survey_codes import FIELD_CODES, FUNCTION_ANSWER_CODES, FUNCTION_CODE, code_target, function_codes_in
from ..tactics import TACTIC_CODES
from ..textfile import MB, check_nesting, decoded, too_deep
from .cells import FUNCTION_CHOICES, FUNCTIONS, META_ALIASES, NO_ANSWER, match_header, normalise, text_value
from .likeness import Likeness
from .scales import SCALES, UNKNOWN, detect_scale, ordered_scale, scale_named

META_FIELDS = tuple(META_ALIASES)
IGNORE = "ignore"
IDENTIFIER = "identifier"
CUSTOM_PREFIX = "custom:"
FUZZY_THRESHOLD = 0.6
KEYWORD_YIELDS_TO_ITEM = 0.8
MAPPING_VERSION = 1
ENTRY_KEYS = ("header", "target", "reverse", "scale", "direction", "order", "values")
MAX_MAPPING_BYTES = 4 * MB  # a mapping of 2,000 columns with long headers and ordered answers is under 1 MB

IDENTIFIER_PATTERNS = (
    (r"e-?mail", "e-mail address"),
    (r"^(full |first |last |sur|given |family )?name$|^your name|^respondent name|^participant name", "name"),
    (r"\bip ?address\b|^ipaddr$|^ip$", "IP address"),
    (r"^recipient", "recipient field"),
    (r"external ?(reference|data ?reference)|^externalreference$", "external reference"),
    (r"latitude|longitude", "location"),
    (r"phone|mobile number", "phone number"),
)
# a column is the department only when its header names a unit (never from its values: a gender, a kind of user or
# years of experience repeat like unit names do); compared without accents ("Département" is "departement")
UNIT_NAMES = {
    *("department", "dept", "unit", "business unit", "business area", "team", "division", "service", "org unit"),
    *("organisational unit", "organizational unit", "your department", "your team", "your unit", "your division"),
    *("abteilung", "bereich", "organisationseinheit", "departement", "direction", "departamento", "area", "afdeling"),
    *("divisie", "unidade", "setor", "sector"),
}
UNIT_WORDS = (
    r"\b(department|dept|division|business unit|business area|team|unit|abteilung|bereich|organisationseinheit"
    r"|departement|departamento|afdeling|divisie|unidade|setor)\b"
)
EXTRA_META_NAMES = {
    "submitted": {"end date", "enddate", "recordeddate", "submitdate", "date submitted", "completion time"},
    "period": {"survey round", "round"},
    "department": UNIT_NAMES,
}
META_KEYWORDS = (  # a question that asks for the field, e.g. "Which department do you work in?"
    (UNIT_WORDS, "department"),
    (r"\bit or (in )?the business\b|\bit or business\b|\bfunction\b", "function"),
    (r"\b(job )?role\b|\bposition\b", "role"),
)
PERIOD_VALUE = re.compile(r"^(\d{4}[- ]?q[1-4]|q[1-4][- ]?\d{4}|\d{4}-h[12]|wave ?\d+|round ?\d+)$")


class ColumnSetting(NamedTuple):
    """What a user decided for one column, as a mapping file keeps it (keyed by the column's header).

    Besides the target: for an answer column the scale (a name of scales.SCALES, overriding detection), its
    direction (descending: the answers run from the favourable end, as in '1 = Strongly agree'), or the column's
    distinct answers ordered by hand from the least to the most favourable (how codes such as A1 … A5 or a language
    no scale knows are read); for the function column, each distinct value mapped to IT, Business or ignore."""

    target: str
    reverse: bool = False  # for custom items: worded negatively, scored 6 - x
    scale: str | None = None
    descending: bool = False
    order: tuple[str, ...] = ()
    values: tuple[tuple[str, str], ...] = ()  # (value as written, "IT" / "Business" / "ignore")

    @classmethod
    def of(cls, saved: tuple) -> ColumnSetting:
        """A setting from itself, from a plain tuple of its fields (a cache key), or from a (target, reverse) pair
        (how mappings were kept before)."""
        return saved if isinstance(saved, ColumnSetting) else cls(*saved)


@dataclass(frozen=True)
class ColumnChoice:
    column: int
    header: str
    target: str  # an item id, "custom:<TACTIC>", a meta field, "identifier" or "ignore"
    confidence: float
    reason: str
    reverse: bool = False  # for custom items: worded negatively, scored 6 - x
    scale: str | None = None  # the user's settings of the column: see ColumnSetting
    descending: bool = False
    order: tuple[str, ...] = ()
    values: tuple[tuple[str, str], ...] = ()

    @property
    def is_item(self) -> bool:
        return self.target in ITEMS_BY_ID or self.target.startswith(CUSTOM_PREFIX)

    @property
    def setting(self) -> ColumnSetting:
        return ColumnSetting(self.target, self.reverse, self.scale, self.descending, self.order, self.values)

    def with_setting(self, setting: ColumnSetting, confidence: float, reason: str) -> ColumnChoice:
        return ColumnChoice(
            self.column,
            self.header,
            setting.target,
            confidence,
            reason,
            setting.reverse,
            setting.scale,
            setting.descending,
            setting.order,
            setting.values,
        )


_ANY_IDENTIFIER = re.compile("|".join(f"(?:{pattern})" for pattern, _ in IDENTIFIER_PATTERNS))  # one search rules most out
_KEYWORDS = tuple((re.compile(pattern), field) for pattern, field in META_KEYWORDS)


def identifier_kind(header: str) -> str | None:
    text = normalise(header)
    if not _ANY_IDENTIFIER.search(text):
        return None
    for pattern, label in IDENTIFIER_PATTERNS:
        if re.search(pattern, text):
            return label
    return None


def _without_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _meta_by_name(header: str) -> tuple[str, float] | None:
    text = _without_accents(normalise(header).rstrip("?:. "))
    for field in META_FIELDS:
        if text in META_ALIASES[field] or text in EXTRA_META_NAMES.get(field, set()):
            return field, 1.0
    if len(text) <= 80:
        for pattern, field in _KEYWORDS:
            if field == "department" and len(text.split()) > 6 and not normalise(header).endswith("?"):
                continue  # "... organises the team lunch" is a statement that mentions a team, not a unit's name
            if pattern.search(text):
                return field, 0.9
    return None


def _meta_by_values(values: list) -> tuple[str, float] | None:
    texts = {text for text in map(normalise, values) if text and text not in NO_ANSWER}
    if not texts:
        return None
    if sum(t in FUNCTIONS for t in texts) / len(texts) >= 0.8:
        return "function", 0.8
    if sum(bool(PERIOD_VALUE.match(t)) for t in texts) / len(texts) >= 0.8:
        return "period", 0.8
    return None  # never the department: only a header naming a unit, or the user, says which column that is


def _answers_a_question(values: list) -> bool:
    """Whether a column's answers are on a scale or numbers: a question ("How big is your team?"), not unit names."""
    texts = sorted({text for text in map(normalise, values) if text and text not in NO_ANSWER})
    if not texts:
        return False
    return detect_scale(texts).name != "unknown" or all(re.fullmatch(r"[\d.,\s-]+", t) for t in texts)


BY_CODE = "the survey's question code"


def _survey_code(codes: list[str], column: int, header: str, text: str) -> str | None:
    """The item or field a column's survey code names (alignment.survey_codes): the tool's own code of the column
    (a Qualtrics export tag, a LimeSurvey question code), or a title that starts with a code where the header is not
    read as an item already: 'Function: Do you work …', or a numbered '3. REL1. IT and …'."""
    if column < len(codes) and (found := code_target(codes[column])):
        return found
    for candidate in (text, header):
        found = code_target(candidate)
        if found in FIELD_CODES and normalise(candidate) != found:  # 'Function: …'; a bare 'function' column is a name
            return found
        if found and found not in FIELD_CODES and match_header(candidate) is None:
            return found
    return None


def auto_map(
    headers: list[str],
    match_texts: list[str] | None = None,
    samples: dict[int, list] | None = None,
    named: Collection[str] = (),
    codes: list[str] | tuple[str, ...] = (),
) -> list[ColumnChoice]:
    """A choice per column. match_texts are the parts of headers most likely to be the statement
    (e.g. the row of a grid question); samples are a few values per column, for value-based detection;
    named are the normalised headers a mapping file names: those columns are left to the file (apply_mapping)
    and not matched at all; codes are the tool's own codes of the columns (a Qualtrics export tag, a LimeSurvey
    question code), read first: a survey built from the item bank codes every question."""
    match_texts = match_texts or headers
    codes = list(codes)
    samples = samples or {}
    choices: dict[int, ColumnChoice] = {}
    taken: set[str] = set()
    skipped = {c for c, h in enumerate(headers) if named and normalise("" if h is None else h) in named}
    for column in skipped:
        choices[column] = ColumnChoice(column, str(headers[column]), IGNORE, 0.0, "left to the mapping file")
    by_name = {c: _meta_by_name("" if h is None else str(h)) for c, h in enumerate(headers) if c not in skipped}
    exact_names = {c: found for c, found in by_name.items() if found and found[1] == 1.0}
    reserved = {field: c for c, (field, _) in sorted(exact_names.items(), reverse=True)}
    likeness: Likeness | None = None  # every header scored against every statement at once, when first needed
    fuzzy: list[int] = []  # the columns left to similar text
    for column, (header, text) in enumerate(zip(headers, match_texts, strict=True)):
        if column in skipped:
            continue
        header = "" if header is None else str(header)
        if not normalise(header):
            choices[column] = ColumnChoice(column, header, IGNORE, 1.0, "no header")
            continue
        if kind := identifier_kind(header):
            choices[column] = ColumnChoice(column, header, IDENTIFIER, 1.0, f"direct identifier ({kind}): dropped")
            continue
        coded = _survey_code(codes, column, header, "" if text is None else str(text))
        if coded and coded not in taken:
            taken.add(coded)
            coded_values = FUNCTION_ANSWER_CODES if coded == FUNCTION_CODE and function_codes_in(samples.get(column, [])) else ()
            choices[column] = ColumnChoice(column, header, coded, 1.0, BY_CODE, values=coded_values)
            continue
        named_field = by_name[column]
        if named_field == ("department", 0.9) and _answers_a_question(samples.get(column, [])):
            named_field = None  # "How often does your team meet IT?" names a team but asks a question
        item_match = match_header(text)
        exact_item = bool(item_match and item_match[1] is not None)
        if named_field and named_field[1] < 1.0 and not exact_item:
            likeness = likeness or _likeness(headers, match_texts, skipped)
            if likeness.reaches(column, KEYWORD_YIELDS_TO_ITEM):
                named_field = None  # "Time spent in the other function counts ..." is a statement, not the function field
        if named_field and named_field[0] not in taken and reserved.get(named_field[0], column) == column and not exact_item:
            taken.add(named_field[0])
            choices[column] = ColumnChoice(column, header, named_field[0], named_field[1], "column name")
            continue
        exact = item_match or (match_header(header) if header != text else None)
        if exact and exact[1] is not None and exact[1].id not in taken:
            taken.add(exact[1].id)
            choices[column] = ColumnChoice(column, header, exact[1].id, 1.0, "item id or item text")
            continue
        fuzzy.append(column)
    if fuzzy:
        likeness = likeness or _likeness(headers, match_texts, skipped)
        free = {item.id for item in ITEMS} - taken
        for score, column, j in likeness.best_first(fuzzy, FUZZY_THRESHOLD, lambda c, j: c in choices or ITEMS[j].id in taken):
            item = ITEMS[j]
            rivals = any(
                other != j and s > score - 0.03 for other, s in likeness.scores_above(column, max(FUZZY_THRESHOLD, score - 0.03))
            )
            confidence = round(score * (0.8 if rivals else 1.0), 2)
            taken.add(item.id)
            free.discard(item.id)
            choices[column] = ColumnChoice(column, headers[column], item.id, confidence, f"similar text ({score:.0%})")
            if not free:
                break
    for column, header in enumerate(headers):
        if column in choices:
            continue
        found = _meta_by_values(samples.get(column, []))
        if found and found[0] not in taken:
            taken.add(found[0])
            choices[column] = ColumnChoice(column, str(header), found[0], found[1], "values look like it")
            continue
        choices[column] = ColumnChoice(column, "" if header is None else str(header), IGNORE, 0.0, "no match")
    return [choices[c] for c in range(len(headers))]


def _likeness(headers: list[str], match_texts: list[str], skipped: set[int]) -> Likeness:
    """The likeness of every column's text to every statement (the columns with a header, not left to a file)."""
    return Likeness(
        {c: t for c, (h, t) in enumerate(zip(headers, match_texts, strict=True)) if c not in skipped and normalise(h)}
    )


def targets() -> list[str]:
    """Every target a column may be given, in the order a picker shows them."""
    return [
        *META_FIELDS,
        *(item.id for item in ITEMS),
        *(f"{CUSTOM_PREFIX}{code}" for code in TACTIC_CODES),
        IDENTIFIER,
        IGNORE,
    ]


def target_label(target: str) -> str:
    if target in ITEMS_BY_ID:
        item = ITEMS_BY_ID[target]
        return f"{item.id}: {item.text}"
    if target.startswith(CUSTOM_PREFIX):
        return f"custom statement of {target[len(CUSTOM_PREFIX) :]}"
    return {IDENTIFIER: "identifier (drop)", IGNORE: "ignore"}.get(target, f"field: {target}")


def custom_items(choices: list[ColumnChoice], labels: dict[int, str] | None = None) -> dict[int, Item]:
    """Items for columns mapped to a custom statement of a tactic: ids like REL-C1, text = the column's statement
    (`labels`: a grid row's statement without the grid's instruction) or else its header."""
    made: dict[int, Item] = {}
    counters: dict[str, int] = {}
    for choice in choices:
        if choice.target.startswith(CUSTOM_PREFIX):
            tactic = choice.target[len(CUSTOM_PREFIX) :]
            counters[tactic] = counters.get(tactic, 0) + 1
            text = ((labels or {}).get(choice.column) or choice.header).strip()
            made[choice.column] = Item(f"{tactic}-C{counters[tactic]}", tactic, text, "likert", choice.reverse)
    return made


# ---------------------------------------------------------------------------------- files


def _entry(choice: ColumnChoice) -> dict:
    """A column's entry of a mapping file: header, target and reverse always (the first version's fields), the
    scale, direction, order and function values only when the user set them."""
    entry: dict = {"header": choice.header, "target": choice.target, "reverse": choice.reverse}
    if choice.scale is not None:
        entry["scale"] = choice.scale
    if choice.descending:
        entry["direction"] = "descending"
    if choice.order:
        entry["order"] = list(choice.order)
    if choice.values:
        entry["values"] = dict(choice.values)
    return entry


def mapping_to_json(choices: list[ColumnChoice]) -> str:
    columns = [_entry(c) for c in choices if normalise(c.header)]
    return json.dumps({"version": MAPPING_VERSION, "columns": columns}, indent=2, ensure_ascii=False) + "\n"


def _setting(entry: dict, number: int, source: str) -> ColumnSetting:
    """One validated entry of a mapping file."""
    again = "Download the mapping again from the app."
    where = f"{source}: entry {number} ('{_short(entry['header'])}')"
    unknown = [key for key in entry if key not in ENTRY_KEYS]
    if unknown:
        raise InputError(
            f"{where} has an unknown key '{_short(unknown[0])}'; an entry's keys are {', '.join(ENTRY_KEYS)}.",
            "Correct or remove the key, or download the mapping again from the app.",
        )
    reverse = entry.get("reverse", False)
    if not isinstance(reverse, bool):
        raise InputError(f"{where}: 'reverse' must be true or false, not {reverse!r}.", again)
    scale = entry.get("scale")
    if scale is not None:
        if not isinstance(scale, str) or scale == UNKNOWN.name:
            raise InputError(f"{where}: 'scale' must be a scale's name, not {scale!r}.", _scale_hint())
        try:
            scale_named(scale)
        except KeyError as exc:
            raise InputError(f"{where}: {exc.args[0]}.", _scale_hint()) from None
    direction = entry.get("direction", "ascending")
    if direction not in ("ascending", "descending"):
        raise InputError(f"{where}: 'direction' must be 'ascending' or 'descending', not {direction!r}.", again)
    order = entry.get("order", [])
    if not isinstance(order, list) or not all(isinstance(a, (str, int, float)) and not isinstance(a, bool) for a in order):
        raise InputError(f"{where}: 'order' must be a list of the column's answers, least favourable first.", again)
    order = tuple(text_value(a) for a in order)
    if order:
        try:
            ordered_scale(order)
        except ValueError:
            raise InputError(
                f"{where}: 'order' needs 2 to 11 distinct answers, least favourable first (it has {len(order)}).", again
            ) from None
        if scale is not None:
            raise InputError(f"{where}: give a 'scale' or an 'order', not both.", "Keep the one you mean.")
    values = entry.get("values", {})
    if not isinstance(values, dict) or not all(isinstance(k, str) and k.strip() for k in values):
        raise InputError(f"{where}: 'values' must map each function value to IT, Business or ignore.", again)
    for value, chosen in values.items():
        if chosen not in FUNCTION_CHOICES:
            raise InputError(
                f"{where}: the value '{value}' maps to {chosen!r}; it must be one of {', '.join(FUNCTION_CHOICES)}.", again
            )
    if values and entry["target"] != "function":
        raise InputError(f"{where}: 'values' are only for the function column, not {entry['target']}.", again)
    return ColumnSetting(
        entry["target"], reverse, scale, direction == "descending", order, tuple((k.strip(), v) for k, v in values.items())
    )


def _scale_hint() -> str:
    return "Use one of: " + ", ".join(scale.name for scale in SCALES) + " (or numeric-LOW-HIGH, e.g. numeric-11-15)."


def _short(text: object) -> str:
    """A header or key as a message quotes it: at most 60 characters."""
    text = str(text)
    return text if len(text) <= 60 else text[:60] + "…"


def mapping_from_json(text: str | bytes, source: str = "mapping.json") -> dict[str, ColumnSetting]:
    """{normalised header: ColumnSetting} from a mapping file (its text, or its bytes as uploaded), validated: its
    size, encoding and nesting before it is parsed, then every entry. Files of the first version (header, target,
    reverse) read as before."""
    again = "Download the mapping again from the app."
    text = decoded(text, source, MAX_MAPPING_BYTES, "a column mapping", again)
    check_nesting(text, source, "json", again)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source} is not valid JSON ({exc.msg} at line {exc.lineno}).", again) from None
    except RecursionError:
        raise too_deep(source, again) from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), list):
        raise InputError(f"{source} is not a column mapping: it needs a 'columns' list.", again)
    if data.get("version", MAPPING_VERSION) != MAPPING_VERSION:
        raise InputError(
            f"{source} is a mapping of version {_short(repr(data['version']))}; this app reads version {MAPPING_VERSION}.",
            "Download the mapping again from this app.",
        )
    allowed = set(targets())
    mapping: dict[str, ColumnSetting] = {}
    for number, entry in enumerate(data["columns"], start=1):
        if not isinstance(entry, dict) or "header" not in entry or "target" not in entry:
            raise InputError(f"{source}: entry {number} needs 'header' and 'target'.", "Download the mapping again from the app.")
        if not isinstance(entry["target"], str) or entry["target"] not in allowed:
            raise InputError(
                f"{source}: entry {number} ('{_short(entry['header'])}') maps to unknown target '{_short(entry['target'])}'.",
                "Use an item id such as REL-1, custom:REL, a field name, identifier or ignore.",
            )
        if not isinstance(entry["header"], str) or not entry["header"].strip():
            raise InputError(f"{source}: entry {number} has an empty header.", "Download the mapping again from the app.")
        mapping[normalise(entry["header"])] = _setting(entry, number, source)
    return mapping


def apply_mapping(auto: list[ColumnChoice], saved: dict[str, ColumnSetting | tuple[str, bool]]) -> list[ColumnChoice]:
    """The automatic choices, overridden by a saved mapping wherever the header is the same (a saved entry is a
    ColumnSetting, or a (target, reverse) pair)."""
    applied = []
    for choice in auto:
        key = normalise(choice.header)
        if key in saved:
            applied.append(choice.with_setting(ColumnSetting.of(saved[key]), 1.0, "from the mapping file"))
        else:
            applied.append(choice)
    from_file = {c.target: c.column for c in applied if c.reason == "from the mapping file"}
    exclusive = set(ITEMS_BY_ID) | set(META_FIELDS)
    return [
        ColumnChoice(c.column, c.header, IGNORE, 1.0, f"the mapping file gives {c.target} to another column")
        if c.reason != "from the mapping file" and c.target in exclusive and from_file.get(c.target, c.column) != c.column
        else c
        for c in applied
    ]
