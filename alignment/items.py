"""The item bank: Likert statements and open questions per tactic, with stable ids.

Ids never change meaning; a retired item keeps its id unused. Reverse-coded items are
worded negatively and scored as 6 - answer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Item:
    id: str
    tactic: str  # a tactic code, or "OVR" for the overall statement
    text: str
    kind: str = "likert"  # "likert", "open", or "importance" (how important the tactic is, 1-5; optional, outside the scores)
    reverse: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def _likert(item_id: str, text: str, reverse: bool = False) -> Item:
    return Item(item_id, item_id[:3], text, "likert", reverse)


def _open(item_id: str, text: str) -> Item:
    return Item(item_id, item_id[:3], text, "open", False)


def _importance(item_id: str, text: str) -> Item:
    return Item(item_id, item_id[:3], text, "importance", False)


ITEMS: tuple[Item, ...] = (
    _likert("REL-1", "IT and business leaders regularly discuss business imperatives together."),
    _likert("REL-2", "IT explains technical options, pitfalls and limits in plain language."),
    _likert("REL-3", "The business shares its needs and plans with IT early and openly."),
    _likert("REL-4", "Our business relationship manager is an effective link between IT and us."),
    _likert("REL-5", "IT and the business work in silos that rarely talk to each other.", reverse=True),
    _open("REL-O", "What would most improve the working relationship between IT and the business?"),
    _likert("TRU-1", "I am confident that IT can deliver what the business needs."),
    _likert("TRU-2", "Decisions on IT initiatives, including high-risk ones, are made crisply."),
    _likert("TRU-3", "IT keeps its commitments on scope, time and budget."),
    _likert("TRU-4", "People here are sceptical or impatient about IT's proposals.", reverse=True),
    _likert("TRU-5", "Work cannot start until plans are worked out in excessive detail.", reverse=True),
    _open("TRU-O", "What would increase your trust in IT's ability to deliver?"),
    _likert("MET-1", "IT's KPIs are clearly tied to business outcomes."),
    _likert("MET-2", "Business metrics are visible to IT staff."),
    _likert("MET-3", "IT efficiency metrics are visible to the business."),
    _likert("MET-4", "IT and the business review shared metrics together regularly."),
    _likert("MET-5", "I do not know how IT's contribution to the business is measured.", reverse=True),
    _open("MET-O", "Which measure would best show whether IT is furthering the business?"),
    _likert("ROT-1", "I have shadowed or worked alongside colleagues from the other function."),
    _likert("ROT-2", "Our organisation offers rotations between IT and the business."),
    _likert("ROT-3", "Mentoring across IT and the business is available to anyone who wants it."),
    _likert("ROT-4", "Time spent in the other function counts in career progression."),
    _likert("ROT-5", "I have little idea how the other function does its daily work.", reverse=True),
    _open("ROT-O", "Which shadowing, mentoring or rotation opportunity would help you most?"),
    _likert("ASM-1", "We assess IT-business alignment regularly, not as a one-off exercise."),
    _likert("ASM-2", "IT anticipates business needs rather than reacting to problems."),
    _likert("ASM-3", "Results of alignment assessments lead to concrete actions."),
    _likert("ASM-4", "Most of IT's effort goes into fixing things that broke.", reverse=True),
    _likert("ASM-5", "Alignment between IT and the business is better than a year ago."),
    _open("ASM-O", "What should change before the next assessment?"),
    _likert("SRV-1", "I am asked for my own views on how IT can further the business vision."),
    _likert("SRV-2", "Written comments are taken as seriously as the scores."),
    _likert("SRV-3", "I can see what changed as a result of previous surveys."),
    _likert("SRV-4", "Giving feedback about IT is a waste of my time.", reverse=True),
    _likert("SRV-5", "Our surveys ask open questions, not just ratings."),
    _open("SRV-O", "How could IT do more to further the business vision?"),
    _likert("OVR-1", "Overall, IT and the business work as one team toward the business goals."),
    # Optional: how important each tactic is to the respondent (1 = not at all important, 5 = extremely important).
    # Answered, they give the importance-performance matrix its stated importance; they never count in a score.
    _importance("REL-I", "How important are close working relationships between IT and the business to you?"),
    _importance("TRU-I", "How important is trust in IT's ability to deliver to you?"),
    _importance("MET-I", "How important are shared metrics that tie IT to business outcomes to you?"),
    _importance("ROT-I", "How important are rotation, shadowing and mentoring between IT and the business to you?"),
    _importance("ASM-I", "How important is assessing IT-business alignment regularly to you?"),
    _importance("SRV-I", "How important is it to you that surveys ask for your own views?"),
)

ITEMS_BY_ID: dict[str, Item] = {item.id: item for item in ITEMS}
LIKERT_ITEMS: tuple[Item, ...] = tuple(i for i in ITEMS if i.kind == "likert")
OPEN_ITEMS: tuple[Item, ...] = tuple(i for i in ITEMS if i.kind == "open")
IMPORTANCE_ITEMS: dict[str, Item] = {i.tactic: i for i in ITEMS if i.kind == "importance"}  # tactic -> its item
IMPORTANCE_SUFFIX = "-importance"  # the pseudo-tactic importance answers are grouped under, outside every score
OVERALL_ITEM_ID = "OVR-1"


def header_for(item: Item) -> str:
    """The Responses-sheet header of an item: id and text, so either can be matched."""
    return f"{item.id} {item.text}"
