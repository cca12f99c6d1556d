"""What was kept and dropped on the way from the files to the analysis, and why."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

COLUMN_SCALE_FIELDS = ("file", "sheet", "column", "header", "item", "scale", "title", "points", "low", "high")
COLUMN_SCALE_FIELDS += ("direction", "chosen_by")
UNREAD_ANSWER = "; treated as no answer"  # how the reason of an answer cell that could not be read ends
UNREAD_WARN_SHARE = 0.05  # above this share of unread answers, every results page warns
META = ("respondent_id", "period", "submitted", "function", "department", "role")
EXAMPLES = 3
TEMPLATE, PLAIN_TABLE = "the app's template", "a plain table"  # the layouts' labels that are no survey tool


def _pick(entry: dict, keys: tuple[str, ...]) -> dict:
    return {key: entry.get(key) for key in keys}


_QUOTED = re.compile(r"'[^']*'")
_SUGGESTION = re.compile(r"did you mean '([^']*)'\?")


def _shown(value: object) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()


def _split(entry: dict) -> tuple[str, list[str]]:
    """An entry's reason without the values it quotes, and those values in order:
    "function 'Biz' is neither IT nor Business" -> ("function '…' is neither IT nor Business", ["Biz"]).
    A cell's own value goes first, found whole (it may hold an apostrophe: "Pas d'accord")."""
    reason, hidden = entry["reason"], []
    if "value" in entry:
        for shown in dict.fromkeys((_shown(entry["value"]), str(entry["value"]))):
            if shown and f"'{shown}'" in reason:
                reason = reason.replace(f"'{shown}'", "\0", 1)
                hidden.append(shown)
                break
    hidden += [quoted[1:-1] for quoted in _QUOTED.findall(reason)]
    return _QUOTED.sub("'…'", reason).replace("\0", "'…'"), hidden


def _kind(entry: dict) -> str:
    """An entry's reason without the values it quotes, to group entries by: "'Agre' is not ... (did you mean
    'Agree'?)" -> "'…' is not ... (did you mean '…'?)". Each example then says its own values."""
    return _split(entry)[0]


def _quote(values: list[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def _cell_example(entry: dict) -> str:
    """A cell issue as an example of its kind, with its own value and suggestion:
    "'Agre' (row 5, column O): did you mean 'Agree'?"."""
    value = _shown(entry["value"])
    text = f"'{value}' (row {entry['row']}, column {entry['column']})"
    if found := _SUGGESTION.search(entry["reason"]):
        return f"{text}: did you mean '{found[1]}'?"
    others = [quoted for quoted in _split(entry)[1] if quoted != value]
    return f"{text}: {_quote(others)}" if others else text


def _row_example(entry: dict) -> str:
    """A dropped row as an example of its reason's kind, with the values the reason names: "row 7: 'r12'"."""
    quoted = _split(entry)[1]
    return f"row {entry['row']}" + (f": {_quote(quoted)}" if quoted else "")


def _examples(entries: list[dict], count: int) -> list[str]:
    return [_cell_example(e) for e in entries[:count]]


def _by_reason(entries: list[dict], example) -> list[dict]:
    """Entries counted by the kind of their reason, most frequent first, with a few examples each that carry
    their own values (the kind leaves them out)."""
    groups: dict[str, list[dict]] = {}
    for entry in entries:
        groups.setdefault(_kind(entry), []).append(entry)
    ordered = sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))
    return [{"reason": kind, "count": len(group), "examples": [example(e) for e in group[:EXAMPLES]]} for kind, group in ordered]


@dataclass
class ValidationReport:
    """Everything that did not make it from the file into the analysis, and why."""

    files: list[str] = field(default_factory=list)
    layout: str = ""  # which tool's export the survey sheet was recognised as ("a plain table", "Qualtrics" ...)
    rows_read: int = 0
    answers_read: int = 0  # answer cells read as a score
    rows_kept: int = 0
    dropped_rows: list[dict] = field(default_factory=list)  # file, sheet, row, reason
    dropped_columns: list[dict] = field(default_factory=list)  # file, sheet, column, header, reason
    cell_issues: list[dict] = field(default_factory=list)  # file, sheet, row, column, value, reason
    mapped_columns: list[dict] = field(default_factory=list)  # file, sheet, column, header, maps_to, confidence
    mapping: list = field(default_factory=list)  # the ColumnChoice per column that produced the above
    # per answer column its detected scale: file, sheet, column, header, item, scale (name), title, points, low,
    # high, direction ("ascending": the scale's high end scores 5; "descending": the user says the answers run from
    # the favourable end; "reversed": a reverse-coded item, scored 6 - x), chosen_by ("detected" or "the mapping")
    column_scales: list[dict] = field(default_factory=list)
    # for the mapping screen: per answer column (by letter) its distinct answers with their counts, most frequent
    # first; and the function column's distinct values with their counts
    answer_values: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    function_values: list[tuple[str, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # things that limit the results
    notes: list[str] = field(default_factory=list)  # what was recognised or done, for information
    # for the guided import, per column (0-based): a short label (a grid row's statement, not the grid's instruction),
    # and for a column whose answers are on a known scale, that scale's title: a candidate question column
    column_labels: dict[int, str] = field(default_factory=dict)
    candidates: dict[int, str] = field(default_factory=dict)

    def recognised(self) -> str:
        """Which tool wrote the survey, in one sentence: 'Recognised a Qualtrics export.'"""
        if self.layout in ("", PLAIN_TABLE):
            return "No survey tool recognised: read as a plain table."
        if self.layout == TEMPLATE:
            return "Recognised the app's template."
        return f"Recognised a {self.layout} export."

    def summary(self) -> str:
        return (
            f"{self.rows_kept:,} of {self.rows_read:,} rows kept; {len(self.dropped_rows):,} rows and "
            f"{len(self.dropped_columns):,} columns dropped; {len(self.cell_issues):,} cells treated as no answer."
        )

    @property
    def unread_answers(self) -> int:
        """Answer cells given but not read (off the column's scale, a typo, a number out of range)."""
        return sum(issue["reason"].endswith(UNREAD_ANSWER) for issue in self.cell_issues)

    @property
    def unread_share(self) -> float:
        """The share of the answers given that could not be read, 0-1."""
        given = self.answers_read + self.unread_answers
        return self.unread_answers / given if given else 0.0

    def unread_warning(self) -> str | None:
        """A warning when more than UNREAD_WARN_SHARE of the answers could not be read, else None."""
        if self.unread_share <= UNREAD_WARN_SHARE:
            return None
        examples = "; ".join(_examples(self._answer_issues(), 3))
        return (
            f"{self.unread_share:.0%} of the answers ({self.unread_answers:,} of {self.answers_read + self.unread_answers:,}) "
            f"could not be read and count as no answer (e.g. {examples}): the scores rest on the rest. "
            "Check each column's scale in the guided import on the Home page (choose the scale or order the answers), "
            "or in a saved mapping file ('scale' / 'order')."
        )

    def why_nothing_scored(self) -> tuple[str, str]:
        """Why no tactic could be scored, and what to do, from what was read and dropped."""
        items = [c for c in self.mapped_columns if c.get("maps_to") not in META]
        if not items:
            return (
                "no column maps to a statement of the item bank, so there is nothing to score.",
                "Assign the answer columns to statements in the guided import, or load a mapping file saved there.",
            )
        if self.unread_answers and not self.answers_read:
            unknown = sorted({c["header"] for c in self.column_scales if c["scale"] == "unknown"})
            where = f" ({len(unknown)} columns on no known scale: {', '.join(unknown[:3])}{', …' if len(unknown) > 3 else ''})"
            return (
                f"none of the {self.unread_answers:,} answers could be read{where if unknown else ''}; "
                f"e.g. {'; '.join(_examples(self._answer_issues(), 3))}.",
                "In the guided import (or a saved mapping file's 'scale' / 'order'), choose each column's scale or order "
                "its answers from least to most favourable, then load again.",
            )
        return (
            f"no tactic has a scored answer ({self.rows_kept:,} respondents kept, {self.answers_read:,} answers read).",
            "Check that the answer columns map to items and hold answers on a scale (see the validation report).",
        )

    def _answer_issues(self) -> list[dict]:
        return [issue for issue in self.cell_issues if issue["reason"].endswith(UNREAD_ANSWER)]

    def validation(self) -> dict:
        """The validation summary: the layout recognised; rows kept and dropped by reason; cells unread by reason
        with examples; columns mapped, dropped and guessed; each answer column's scale."""
        rows_by_reason = _by_reason(self.dropped_rows, _row_example)
        cells_by_reason = _by_reason(self.cell_issues, _cell_example)
        return {
            "layout": self.layout,
            "files": list(self.files),
            "rows": {"read": self.rows_read, "kept": self.rows_kept, "dropped": rows_by_reason},
            "cells": {
                "answers_read": self.answers_read,
                "unread_answers": self.unread_answers,
                "unread_share": round(self.unread_share, 4),
                "unread": cells_by_reason,
            },
            "columns": {
                "mapped": [_pick(c, ("column", "header", "maps_to", "confidence")) for c in self.mapped_columns],
                "guessed": [
                    _pick(c, ("column", "header", "maps_to", "confidence")) for c in self.mapped_columns if c["confidence"] < 1
                ],
                "dropped": [_pick(c, ("column", "header", "reason")) for c in self.dropped_columns],
            },
            "scales": [
                _pick(c, ("column", "header", "item", "scale", "title", "direction", "chosen_by")) for c in self.column_scales
            ],
            "warnings": list(self.warnings),
        }

    def validation_lines(self) -> list[str]:
        """validation() as lines of text for the command line."""
        summary = self.validation()
        lines = [f"layout: {summary['layout'] or 'not recognised'} ({', '.join(summary['files'])})"]
        rows = summary["rows"]
        lines.append(f"rows: {rows['kept']:,} of {rows['read']:,} kept")
        lines += [f"  dropped {d['count']:,}: {d['reason']} (e.g. {'; '.join(d['examples'])})" for d in rows["dropped"]]
        cells = summary["cells"]
        lines.append(
            f"cells: {cells['answers_read']:,} answers read, {cells['unread_answers']:,} unread ({cells['unread_share']:.1%})"
        )
        lines += [f"  unread {d['count']:,}: {d['reason']} (e.g. {'; '.join(d['examples'])})" for d in cells["unread"]]
        columns = summary["columns"]
        lines.append(
            f"columns: {len(columns['mapped'])} mapped ({len(columns['guessed'])} guessed), {len(columns['dropped'])} dropped"
        )
        lines += [
            f"  guessed {c['column']} '{c['header']}' -> {c['maps_to']} ({c['confidence']:.0%})" for c in columns["guessed"]
        ]
        lines += [f"  dropped {c['column']} '{c['header']}': {c['reason']}" for c in columns["dropped"]]
        lines.append("scales:")
        by_scale: dict[tuple, list[str]] = {}
        for scale in summary["scales"]:
            by_scale.setdefault((scale["title"], scale["direction"], scale["chosen_by"]), []).append(scale["item"])
        for (title, direction, chosen_by), items in by_scale.items():
            lines.append(f"  {title}, {direction}, {chosen_by}: {', '.join(items)}")
        return lines

    def frames(self) -> dict[str, pd.DataFrame]:
        return {
            "dropped rows": pd.DataFrame(self.dropped_rows, columns=["file", "sheet", "row", "reason"]),
            "dropped columns": pd.DataFrame(self.dropped_columns, columns=["file", "sheet", "column", "header", "reason"]),
            "cell issues": pd.DataFrame(self.cell_issues, columns=["file", "sheet", "row", "column", "value", "reason"]),
            "column scales": pd.DataFrame(self.column_scales, columns=list(COLUMN_SCALE_FIELDS)),
            "recognised columns": pd.DataFrame(
                self.mapped_columns, columns=["file", "sheet", "column", "header", "maps_to", "confidence", "scale"]
            ),
        }
