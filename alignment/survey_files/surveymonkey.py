"""The survey as text for SurveyMonkey's question import (Build it for me > Import questions, or paste into a
question's 'Paste questions' box): each question on its own line, its answer choices on the lines below, a blank line
between questions; a question with no choices becomes a comment box.

SurveyMonkey's import makes multiple-choice and comment-box questions, not matrices, so each statement is its own
question, its title starting with the statement's code ("REL1. IT and business …"); the answer export's first header
row holds those titles, and the dashboard reads the codes back with no column mapping.
"""

from __future__ import annotations

from .content import Grid, sections


def lines() -> list[str]:
    """The text, line by line: questions and their choices, a blank line after each question."""
    found: list[str] = []
    for section in sections():
        for question in section.questions:
            if isinstance(question, Grid):
                for row in question.rows:
                    found += [row.label, *question.columns, ""]
            else:
                found += [question.label, *question.choices, ""]
    return found


def build() -> bytes:
    return "\n".join(lines()).encode("utf-8")  # questions only: any other line would be imported as a question
