"""The survey tools' exports as data: the columns that mark each tool's export, its bookkeeping columns, how its
header rows combine, which answer rows are not real responses, and the direct identifiers to leave out."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class RowRule:
    """Answer rows to drop: those whose `column` holds one of `values` (compared lower-case), or a number
    below `below` or at least `at_least`."""

    column: str
    values: frozenset[str]
    kind: str  # what such a row is, e.g. "preview response"
    below: float | None = None
    at_least: float | None = None

    def drops(self, value: str) -> bool:
        if value.lower() in self.values:
            return True
        if self.below is None and self.at_least is None:
            return False
        try:
            number = float(value)
        except ValueError:
            return False
        return (self.below is not None and number < self.below) or (self.at_least is not None and number >= self.at_least)


@dataclass(frozen=True)
class Signature:
    """How to recognise one tool's export and read its header.

    Column names are compared case-insensitively; "a|b" accepts either (meta: the first present wins);
    a trailing "*" matches any ending."""

    tool: str
    markers: tuple[str, ...]  # all must be in the header row, the first one in the first column
    meta: tuple[tuple[str, str], ...]  # (field, the tool's column for it)
    system: tuple[str, ...] = ()  # the tool's other bookkeeping columns
    header: str = "single"  # how the header rows combine: a key of HEADER_READERS
    statement: str = "whole"  # where a grid column's statement is: a key of STATEMENT_FINDERS
    dated_first_column: bool = False  # the first column must hold dates (a weak marker needs backing)
    row_rules: tuple[RowRule, ...] = ()
    # when set, the markers after the first need not all be there: one of these columns is enough (a user renamed or
    # deleted some), or a cell of the next row being one of second_row (the tool's second header row)
    any_of: tuple[str, ...] = ()
    second_row: frozenset[str] = frozenset()


GOOGLE_TIMESTAMP = (
    "Timestamp|Marca temporal|Horodateur|Zeitstempel|Informazioni cronologiche|Carimbo de data/hora|Tijdstempel|Sygnatura czasowa"
)

SIGNATURES: tuple[Signature, ...] = (
    Signature(
        tool="qualtrics",
        markers=("StartDate", "EndDate", "ResponseId|ResponseID", "Finished", "RecordedDate"),
        meta=(("respondent_id", "ResponseId|ResponseID"), ("submitted", "EndDate|RecordedDate")),
        system=(
            "StartDate",
            "EndDate",
            "RecordedDate",
            "Status",
            "Progress",
            "Duration (in seconds)",
            "Finished",
            "DistributionChannel",
            "UserLanguage",
            "Q_*",
        ),
        header="qualtrics",
        statement="after-dash",
        row_rules=(
            RowRule("Status", frozenset({"survey preview", "1"}), "preview response"),
            RowRule("DistributionChannel", frozenset({"preview"}), "preview response"),
            RowRule("Status", frozenset({"survey test", "2"}), "test response"),
            RowRule("DistributionChannel", frozenset({"test"}), "test response"),
            RowRule("Status", frozenset({"spam", "8"}), "spam response"),
            RowRule("Q_RelevantIDDuplicate", frozenset({"true", "1"}), "duplicate response"),
            RowRule("Q_RecaptchaScore", frozenset(), "likely bot", below=0.5),  # Qualtrics' own bot threshold
            RowRule("Q_RelevantIDFraudScore", frozenset(), "likely fraud", at_least=30),  # likewise for fraud
        ),
    ),
    Signature(  # the export format Qualtrics wrote before 2018: tags V1 ... V10 in row 1, the names in row 2
        tool="qualtrics-legacy",
        markers=("V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10"),
        meta=(("respondent_id", "ResponseID"), ("submitted", "EndDate")),
        system=("ResponseSet", "Status", "StartDate", "Finished", "Q_*"),
        header="qualtrics-legacy",
        statement="after-dash",
        row_rules=(
            RowRule("Status", frozenset({"1", "17"}), "preview response"),
            RowRule("Status", frozenset({"2"}), "test response"),
            RowRule("Status", frozenset({"8", "9", "12"}), "spam response"),
        ),
    ),
    Signature(
        tool="surveymonkey",
        markers=("Respondent ID", "Collector ID", "Start Date", "End Date"),
        meta=(("respondent_id", "Respondent ID"), ("submitted", "End Date")),
        system=("Collector ID|Collector", "Start Date", "Custom Data*"),
        header="surveymonkey",
        statement="brackets",
        any_of=("Collector ID|Collector", "Custom Data*"),  # 'Respondent ID' with dates only may be anyone's table
        second_row=frozenset({"response", "open-ended response", "open ended response"}),
    ),
    Signature(  # 'Question code & question text' headings: "REL1. IT staff attend …", "G01Q02[SQ001]. Text [Row]"
        tool="limesurvey-both",
        markers=("id. *", "submitdate. *"),
        meta=(("respondent_id", "id. *"), ("submitted", "submitdate. *")),
        system=tuple(
            f"{code}. *" for code in ("lastpage", "startlanguage", "seed", "startdate", "datestamp", "refurl", "interviewtime")
        ),
        statement="after-code",
    ),
    Signature(
        tool="limesurvey-code",
        markers=("id", "submitdate", "lastpage", "startlanguage"),
        meta=(("respondent_id", "id"), ("submitted", "submitdate")),
        system=("lastpage", "startlanguage", "seed", "startdate", "datestamp", "refurl", "interviewtime"),
        statement="brackets",
    ),
    Signature(
        tool="limesurvey-full",
        markers=("Response ID", "Date submitted", "Last page", "Start language"),
        meta=(("respondent_id", "Response ID"), ("submitted", "Date submitted")),
        system=("Last page", "Start language", "Seed", "Date started", "Date last action", "Referrer URL", "Total time"),
        statement="brackets",
    ),
    Signature(
        tool="microsoft-forms",
        markers=("ID", "Start time", "Completion time"),
        meta=(("respondent_id", "ID"), ("submitted", "Completion time")),
        system=(
            "Start time",
            "Last modified time",
            "Total points",
            "Quiz feedback",
            "Grade posted time",
            "Points - *",
            "Feedback - *",
        ),
    ),
    Signature(
        tool="google-forms",
        markers=(GOOGLE_TIMESTAMP,),
        meta=(("submitted", GOOGLE_TIMESTAMP),),
        system=("Score",),
        statement="brackets",
        dated_first_column=True,
    ),
)

# The app's own template: item columns headed "REL-1 <statement>", and these meta columns (spelt exactly so).
TEMPLATE_META = ("respondent_id", "period", "submitted", "function", "department", "role")
TEMPLATE_ITEM = re.compile(r"^([A-Z]{3}-(?:\d+|O))(?=\s|$)")

# Direct identifiers, by column name (compared without case, spaces or punctuation): what each holds.
IDENTIFIERS: dict[str, tuple[str, ...]] = {
    "email address": ("Email", "E-mail", "Email Address", "Your email", "Your email address", "email"),
    "email address (sign-in)": ("Username",),
    "name": ("Name", "Full name", "Your name", "Respondent name"),
    "first name": ("First Name", "firstname"),
    "last name": ("Last Name", "lastname"),
    "IP address": ("IP Address", "IPAddress", "ipaddr"),
    "recipient first name": ("RecipientFirstName",),
    "recipient last name": ("RecipientLastName",),
    "recipient email": ("RecipientEmail",),
    "external reference": ("ExternalReference", "ExternalDataReference", "External Data Reference"),
    "location": ("LocationLatitude", "LocationLongitude"),
    "participant access code": ("token", "Access code"),
    "phone number": ("Phone", "Phone number"),
}
EMAIL_VALUE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")

# A SurveyMonkey second-header cell that only says "the answer goes here".
SURVEYMONKEY_PLAIN_ANSWER = {"response", "open-ended response", "open ended response"}
