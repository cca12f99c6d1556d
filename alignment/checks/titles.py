"""Plain-language titles of the checks, for people rather than code: a check's kebab-case name in words
("kpi-visibility" reads "KPI visibility"), the tactic's name in front of the six generic score and perception
checks. The id and name stay the reference; the title is what a finding leads with on screen and in exports."""

from __future__ import annotations

from ..tactics import TACTICS_BY_CODE

WORDS = {"kpi": "KPI", "kpis": "KPIs", "brm": "BRM", "it": "IT", "vs": "versus"}
PHRASES = {  # whole parts of a name that read better as a phrase
    "score-below-target": "score against its target",
    "perception-gap": "IT and the business see it differently",
    "says-vs-does": "what people say against what happens",
    "both-directions": "in both directions",
    "high-risk": "high-risk",
    "on-time": "on-time",
    "on-budget": "on-budget",
}


def _words(part: str) -> str:
    for phrase, words in PHRASES.items():  # a phrase becomes one token, its own spaces and hyphens kept aside
        part = part.replace(phrase, words.replace(" ", "\0").replace("-", "\1"))
    text = " ".join(WORDS.get(word, word) for word in part.split("-"))
    return text.replace("\0", " ").replace("\1", "-")


def check_title(check_id: str, name: str) -> str:
    """A readable title of the check `check_id` named `name`, starting with a capital letter."""
    code = check_id[:3]
    subject = name.removeprefix(f"{code.lower()}-")
    if subject != name and code in TACTICS_BY_CODE:  # a generic check of one tactic: rel-score-below-target
        return f"{TACTICS_BY_CODE[code].name}: {_words(subject)}"
    for tail in ("says-vs-does",):
        if subject.endswith(f"-{tail}"):
            head = _words(subject.removesuffix(f"-{tail}"))
            return f"{head[:1].upper()}{head[1:]}: {_words(tail)}"
    text = _words(subject)
    return text[:1].upper() + text[1:]
