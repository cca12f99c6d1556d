"""The item bank as files survey tools import, one module per tool; each question carries its survey code
(alignment.survey_codes), which the tool keeps in its answer export, so answers load with no column mapping.

`build_survey(fmt)` returns a file's bytes; FORMATS says what each format is. The builders are imported only when
one is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from ..errors import InputError


@dataclass(frozen=True)
class SurveyFormat:
    name: str  # as the command line takes it
    tool: str
    filename: str
    mime: str
    module: str
    how: str  # one line: how to bring it into the tool


FORMATS: dict[str, SurveyFormat] = {
    f.name: f
    for f in (
        SurveyFormat(
            "qsf",
            "Qualtrics",
            "alignment_survey.qsf",
            "application/json",
            "qsf",
            "Qualtrics: Create project > Survey > Import a QSF file.",
        ),
        SurveyFormat(
            "lss",
            "LimeSurvey",
            "alignment_survey.lss",
            "application/xml",
            "lss",
            "LimeSurvey: Create survey > Import, choose the .lss file.",
        ),
        SurveyFormat(
            "google-forms",
            "Google Forms",
            "alignment_survey.gs",
            "text/plain",
            "google_forms",
            "Google Forms: in Google Drive, New > More > Google Apps Script; paste the file, run buildSurvey.",
        ),
        SurveyFormat(
            "ms-forms",
            "Microsoft Forms",
            "alignment_survey.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "ms_forms",
            "Microsoft Forms: New Form > Quick import, choose the Word file.",
        ),
        SurveyFormat(
            "surveymonkey",
            "SurveyMonkey",
            "alignment_survey.txt",
            "text/plain",
            "surveymonkey",
            "SurveyMonkey: Build it for me > Import questions, paste the text.",
        ),
    )
}


def survey_format(name: str) -> SurveyFormat:
    if name not in FORMATS:
        raise InputError(f"Unknown survey format '{name}'.", f"Use one of: {', '.join(FORMATS)}.")
    return FORMATS[name]


def build_survey(name: str) -> bytes:
    """The survey file of one format, as bytes."""
    return import_module(f".{survey_format(name).module}", __name__).build()
