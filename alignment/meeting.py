"""A meeting walkthrough of the results: the steps (summary, one per tactic, closing) and what each shows.

Everything here is built from what the disclosure layer published: the Analysis, the check findings and
the comments of alignment.tables.tactic_comments. Nothing is computed per group here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from .actions import STATUSES, clean_actions
from .analysis import Analysis, TacticResult
from .checks import REGISTRY, Finding, top_findings
from .gap_levels import GapLevel, distance_words
from .perception_gap import GAP_CHECKS
from .tactics import TACTICS, TACTICS_BY_CODE

SUMMARY, TACTIC, CLOSING = "summary", "tactic", "closing"
FINDINGS_PER_STEP = 2  # with their fixes, what fits on a 1280 x 720 screen in large type
QUOTES_PER_STEP = 2
QUOTE_CANDIDATES = 50  # distinct comments (the most often written) looked at for the quotes
# A quote stands for the critical or the positive side only when its tone is read with some confidence (tone
# score = P(positive) - P(negative) at least this far from 0): a comment with no sign of tone, which the tone
# classifier leans to call negative, is never put before the room as "the critical comment".
QUOTE_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Step:
    key: str  # "summary", a tactic code, or "closing"
    kind: str  # SUMMARY, TACTIC or CLOSING
    title: str


def meeting_steps() -> list[Step]:
    """Summary, the six tactics in their fixed order, closing."""
    return [
        Step("summary", SUMMARY, "Where we stand"),
        *(Step(t.code, TACTIC, f"{t.code} · {t.name}") for t in TACTICS),
        Step("closing", CLOSING, "Actions and next steps"),
    ]


def step_label(index: int, total: int) -> str:
    return f"Step {index + 1} of {total}"


# ----------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class ScoreLine:
    code: str
    name: str
    score: float | None
    target: float
    gap: float | None
    level: GapLevel | None  # traffic light of the gap; None when the score is hidden
    hidden_reason: str | None


@dataclass(frozen=True)
class Summary:
    alignment_index: float | None
    maturity: str | None  # "3 · Established"
    respondents: int
    period: str | None
    scores: list[ScoreLine]
    warnings: list[str]


def summary(analysis: Analysis) -> Summary:
    lines = [ScoreLine(t.code, t.name, t.score, t.target, t.gap, t.level, t.why_no_score) for t in analysis.tactics]
    maturity = f"{analysis.maturity_level} · {analysis.maturity_name}" if analysis.maturity_level else None
    return Summary(
        analysis.alignment_index, maturity, analysis.respondents, analysis.selection.period, lines, list(analysis.warnings)
    )


# ----------------------------------------------------------------------------- one tactic


@dataclass(frozen=True)
class Point:
    """A finding as the meeting sees it: what the check found and what to do about it."""

    check: str
    status: str
    message: str
    fix: str


@dataclass(frozen=True)
class Quote:
    text: str
    writers: int  # respondents who wrote exactly this


@dataclass
class TacticStep:
    code: str
    name: str
    good_looks_like: str
    result: TacticResult
    level: GapLevel | None
    perception: str | None  # "IT sees it more positively by 0.45 points: a real difference (adjusted p < 0.001)"
    perception_status: str | None  # the perception check's verdict: pass, warn, fail or not_applicable
    no_comparison: str | None  # why IT versus business is not shown, when it is not
    perception_fix: str | None  # what to do about a real IT-versus-business difference (the gap check's fix)
    points: list[Point] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    comments: int = 0  # comments shown for the tactic (the quotes are picked from these)
    more_points: int = 0  # findings that fail or warn beyond those shown


def perception_line(result: TacticResult) -> tuple[str | None, str | None]:
    """(sentence, status) for IT against the business, with the verdict the analysis decided for the selection
    (perception_gap.perception_verdict; on the whole organisation, the perception-gap check's own)."""
    if result.perception_gap is None or result.perception_test is None or result.it_n is None or result.business_n is None:
        return None, None
    status, phrase = result.perception_test["verdict"], result.perception_test["phrase"]
    size = abs(result.perception_gap)
    if round(size, 2) == 0:
        seen = "IT and the business see it the same way"
    else:
        seen = f"{'IT' if result.perception_gap > 0 else 'The business'} sees it more positively by {size:.2f} points"
    return f"{seen}: {phrase}.", status


def pick_quotes(comments: pd.DataFrame, limit: int = QUOTES_PER_STEP) -> list[Quote]:
    """One or two comments for the room: the most often written clearly critical one, then the most often written
    clearly positive one (alignment.tone, QUOTE_CONFIDENCE; or simply the most often written, when a side has
    none). Identical comments count once."""
    if comments is None or comments.empty or limit <= 0:
        return []
    texts = comments["text"].astype(str).str.strip()
    counts = texts[texts != ""].value_counts()
    if counts.empty:
        return []
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:QUOTE_CANDIDATES]
    from .tone import read_tones

    scores, tones = read_tones([text for text, _ in ranked])  # as the Comments page reads them (alignment.tone)
    critical = [i for i, tone in enumerate(tones) if tone == "negative" and scores[i] <= -QUOTE_CONFIDENCE]
    positive = [i for i, tone in enumerate(tones) if tone == "positive" and scores[i] >= QUOTE_CONFIDENCE]
    chosen: list[int] = [group[0] for group in (critical, positive) if group][:limit]
    for i in range(len(ranked)):
        if len(chosen) >= limit:
            break
        if i not in chosen:
            chosen.append(i)
    return [Quote(ranked[i][0], int(ranked[i][1])) for i in chosen]


def tactic_step(
    analysis: Analysis,
    findings: list[Finding],
    comments: pd.DataFrame | None,
    code: str,
    top: int = FINDINGS_PER_STEP,
    quotes: int = QUOTES_PER_STEP,
) -> TacticStep:
    """What a tactic's step shows: the key numbers, IT versus business with its verdict, the top findings
    with their fixes and a comment or two. `comments` must be the disclosure layer's (tactic_comments)."""
    tactic = TACTICS_BY_CODE[code]
    result = analysis.tactic(code)
    perception, status = perception_line(result)
    no_comparison = None
    if perception is None and result.score is not None:
        no_comparison = analysis.split_note or (
            f"IT versus business is {result.split_reason}." if result.split_reason else "No IT and business split in this data."
        )
    gap_check = GAP_CHECKS[code]  # its verdict is the IT-versus-business line: not repeated among the findings
    shown_with_numbers = {gap_check} if perception else set()
    actionable = top_findings([f for f in findings if f.tactic == code and f.check not in shown_with_numbers])
    perception_fix = REGISTRY[gap_check].fix if status in {"warn", "fail"} else None
    points = [Point(f.check, f.status, f.message, REGISTRY[f.check].fix) for f in actionable[:top]]
    shown = 0 if comments is None else len(comments)
    return TacticStep(
        code,
        tactic.name,
        tactic.good_looks_like,
        result,
        result.level,
        perception,
        status,
        no_comparison,
        perception_fix,
        points,
        pick_quotes(comments, quotes) if shown else [],
        shown,
        len(actionable) - len(points),
    )


# ----------------------------------------------------------------------------- the action plan in the meeting


def plan_counts(actions: pd.DataFrame | None) -> dict[str, int]:
    """Actions per status, in the order of STATUSES (every status present, zero when none)."""
    clean, _ = clean_actions(actions)
    counts = clean["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def plan_counts_text(counts: dict[str, int]) -> str:
    """'5 actions: 3 open, 1 in progress, 1 done' (statuses without actions left out)."""
    total = sum(counts.values())
    if not total:
        return "No actions yet"
    parts = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    return f"{total} action{'s' if total != 1 else ''}: {parts}"


def loadable_actions(actions: pd.DataFrame | None) -> tuple[pd.DataFrame, int]:
    """The plan as it downloads, so that the file loads again: the actions that say what will be done, and
    how many rows were left out for having no action (read_actions refuses such a row)."""
    clean, _ = clean_actions(actions)
    keep = clean["action"].fillna("").str.strip() != ""
    return clean[keep].reset_index(drop=True), int((~keep).sum())


def _due_text(value: object) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def plan_table(actions: pd.DataFrame | None) -> pd.DataFrame:
    """The plan for reading aloud: open and in-progress actions first (by due date), then done, then dropped."""
    clean, _ = clean_actions(actions)
    order = {status: i for i, status in enumerate(("in progress", "open", "done", "dropped"))}
    clean = clean.assign(_rank=clean["status"].map(order), _due=clean["due"])
    clean = clean.sort_values(["_rank", "_due"], na_position="last", kind="stable")
    return pd.DataFrame(
        {
            "Action": clean["action"].astype(str),
            "Owner": clean["owner"].astype(str),
            "Due": [_due_text(v) for v in clean["due"]],
            "Tactic": clean["tactic"].astype(str),
            "Status": clean["status"].astype(str),
        }
    ).reset_index(drop=True)


def still_open(actions: pd.DataFrame | None) -> pd.DataFrame:
    """The actions not finished (in progress, then open, each by due date), as plan_table reads them."""
    table = plan_table(actions)
    return table[table["Status"].isin(["in progress", "open"])].reset_index(drop=True)


def _md(text: str) -> str:
    """Text for a Markdown file: the characters that would start a list, a heading, a table or a link escaped."""
    return "".join("\\" + c if c in "\\`*_[]#|<>" else c for c in " ".join(str(text).split()))


def minutes_markdown(analysis: Analysis, notes: dict[str, str], actions: pd.DataFrame | None, held_on: dt.date) -> str:
    """The meeting's outcome for those who were not there: where we stand (the selection the figures cover, e.g.
    "period 2026-Q3, department Sales"), each step's notes, the actions."""
    where = _md(analysis.selection.describe())
    lines = [
        f"# IT–business alignment: meeting of {held_on.isoformat()}",
        "",
        f"Data: {_md(analysis.source)}, {where}, {analysis.respondents:,} respondents.",
        "",
        f"Alignment index: {'–' if analysis.alignment_index is None else f'{analysis.alignment_index:.0f}'}"
        + (f" (maturity level {analysis.maturity_level}, {analysis.maturity_name})" if analysis.maturity_level else ""),
        "",
        "| Tactic | Score | Target | Distance |",
        "|---|---:|---:|---:|",
    ]
    for t in analysis.tactics:
        score = "hidden" if t.score is None else f"{t.score:.2f}"
        gap = distance_words(t.gap)
        lines.append(f"| {t.code} · {t.name} | {score} | {t.target:.2f} | {gap} |")
    written = [(step, notes.get(step.key, "").strip()) for step in meeting_steps()]
    written = [(step, text) for step, text in written if text]
    lines += ["", "## Notes", ""]
    if written:
        for step, text in written:
            lines += [f"### {_md(step.title)}", "", *(_md(line) for line in text.splitlines() if line.strip()), ""]
    else:
        lines += ["No notes were taken.", ""]
    table = plan_table(actions)
    lines += ["## Action plan", "", plan_counts_text(plan_counts(actions)) + ".", ""]
    if len(table):
        lines += ["| Action | Owner | Due | Tactic | Status |", "|---|---|---|---|---|"]
        for row in table.itertuples(index=False):
            lines.append("| " + " | ".join(_md(v) for v in row) + " |")
    return "\n".join(lines).rstrip() + "\n"
