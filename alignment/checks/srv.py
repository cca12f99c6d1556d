"""SRV: learn from surveys."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..evidence_views import (
    department_response_rates,
    hidden_count_figures,
    hidden_reasons,
    periods_in_scope,
    respondent_departments,
)
from ..figure import FEWER_THAN_K, Figure
from ..selection import Selection
from .common import MIN_HEADCOUNT, minimum, too_few
from .registry import DEPARTMENTS, Outcome, Threshold, graded, register


def shown_counts(ctx, rates):
    """Respondent counts as they may be shown: hidden ones as 'hidden'."""
    shown = rates.copy()
    reasons = hidden_reasons(ctx.dataset, shown["department"], ctx.period, ctx.settings.min_group_size)
    shown["respondents"] = [why or str(int(n)) for why, n in zip(reasons, shown["respondents"], strict=True)]
    return shown


def _hidden_counts(ctx, departments) -> list[Figure | None]:
    return hidden_count_figures(ctx.dataset, departments, ctx.period, ctx.settings.min_group_size)


def below_line(ctx, rated: pd.DataFrame, line: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Of the departments with a headcount (`rated`), those whose response rate is below `line`, their counts as they
    may be shown, and those whose rate is not judged. A department whose respondent count is hidden is below the
    line only where its hiding says so already: fewer than k respondents, so at most k - 1, and k - 1 of its headcount
    is below the line too. Any other hidden department is not judged, since listing it or leaving it out would tell
    on which side of the line its hidden count lies (at k = 5, 2 of 30 is below 10 % and 4 of 30 is not)."""
    figures = _hidden_counts(ctx, rated["department"])
    hidden = np.array([f is not None for f in figures], dtype=bool)
    said = np.array(
        [
            f is not None and f.reason == FEWER_THAN_K and (f.k - 1) / h < line
            for f, h in zip(figures, rated["headcount"], strict=True)
        ],
        dtype=bool,
    )
    below = (~hidden & (rated["response_rate"] < line).to_numpy()) | said
    return shown_counts(ctx, rated[below]), rated[hidden & ~said]


def not_judged(unjudged: pd.DataFrame) -> str:
    """' Not judged, their respondent counts hidden: Legal.' or ''."""
    names = sorted(unjudged["department"])
    return f" Not judged, their respondent counts hidden: {', '.join(names)}." if names else ""


def without_headcount(rates) -> str:
    """' Left out, with no headcount on the Departments sheet: Legal.' or ''."""
    missing = rates[rates["response_rate"].isna()]["department"]
    return f" Left out, with no headcount on the Departments sheet: {', '.join(sorted(missing))}." if len(missing) else ""


def rate_scope(ctx, rates) -> str:
    """What a response rate is spread over: the period chosen, one period, or each department's own rounds, naming
    the departments (whose counts may be shown) that answered in fewer rounds than there were."""
    periods = periods_in_scope(ctx.dataset, ctx.period)
    if ctx.period or periods == 1:
        return ctx.period or "one period"
    fewer = rates[(rates["respondents"] > 0) & (rates["rounds"] < periods)]
    shown = [count.isdigit() for count in shown_counts(ctx, fewer)["respondents"]]
    named = [f"{d} answered in {r}" for d, r, ok in zip(fewer["department"], fewer["rounds"], shown, strict=True) if ok]
    return f"per round, over the rounds each department answered in, of {periods} periods" + (
        f"; {', '.join(named)} of {periods}" if named else ""
    )


@register(
    "SRV003",
    "response-rate",
    title="Response rate",
    kind="evidence",
    severity="high",
    what="Enough of the workforce answers the survey for it to speak for them.",
    why="Surveys teach leaders only when people take part; a low response rate hides the views that matter most.",
    fix="Announce the survey from both IT and business leadership, keep it short, and share what changed last time.",
    needs=("responses", "departments"),
    thresholds=(
        Threshold(
            "warn_below",
            0.3,
            "warn when respondents / headcount is below this (per round each department answered in; departments without a headcount left out)",
        ),
        Threshold("fail_below", 0.15, "fail when it is below this"),
        minimum("min_headcount", MIN_HEADCOUNT, "employees in departments with a headcount"),
    ),
)
def response_rate(ctx) -> Outcome:
    all_rates = department_response_rates(ctx.dataset, ctx.period)
    rates = all_rates[all_rates["response_rate"].notna()]  # a department without a headcount has no rate
    headcount = float(rates["headcount"].sum())
    if not headcount:
        return Outcome("not_applicable", "The Departments sheet has no headcount.")
    if headcount < ctx.t("min_headcount"):
        return too_few("Employees in departments with a headcount", int(headcount), ctx.t("min_headcount"))
    unrated = all_rates[all_rates["response_rate"].isna() & (all_rates["respondents"] > 0)]
    hidden = [d for d, f in zip(unrated["department"], _hidden_counts(ctx, unrated["department"]), strict=True) if f]
    if hidden:  # the rate's respondents, against the survey's total, would give away their hidden counts
        return Outcome(
            "not_applicable",
            f"{', '.join(hidden)} {'has' if len(hidden) == 1 else 'have'} no headcount on the Departments sheet and a hidden "
            "respondent count; a response rate without them would reveal how many. Give them a headcount.",
        )
    listed = set(all_rates["department"])
    off_sheet = [d for d in respondent_departments(ctx.dataset, ctx.period) if d not in listed]
    hidden = [d for d, f in zip(off_sheet, _hidden_counts(ctx, off_sheet), strict=True) if f]
    if hidden:  # the same: the responses counted would split their hidden counts from the rated departments'
        return Outcome(
            "not_applicable",
            f"{', '.join(hidden)} {'is' if len(hidden) == 1 else 'are'} not on the Departments sheet and {'has' if len(hidden) == 1 else 'have'} "
            "a hidden respondent count; a response rate without them would reveal how many. Add them to the sheet with a headcount.",
        )
    spread = {r for r, f in zip(rates["rounds"], _hidden_counts(ctx, rates["department"]), strict=True) if f}
    if len(spread) > 1:  # n / rounds weighs each hidden count apart: with the total of them, that would tell each
        return Outcome(
            "not_applicable",
            "Departments whose respondent counts are hidden answered in different numbers of rounds; over all periods, "
            "a response rate per round would reveal their counts. Choose a survey period.",
        )
    # each department's respondents per round it was surveyed in, against the headcount
    rate = float((rates["respondents"] / rates["rounds"]).sum()) / headcount
    low, unjudged = below_line(ctx, rates, ctx.t("warn_below"))
    message = (
        f"{int(rates['respondents'].sum())} responses from {int(headcount)} employees: a response rate of {rate:.0%} "
        f"({rate_scope(ctx, rates)})."
    ) + without_headcount(all_rates)
    message += not_judged(unjudged)
    evidence = low[["department", "headcount", "respondents"]]
    return graded(rate, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message, evidence=evidence)


@register(
    "SRV004",
    "silent-departments",
    title="Silent departments",
    kind="evidence",
    severity="medium",
    what="No department is (nearly) silent in the survey (departments without a headcount have no rate and are listed apart; "
    "one whose respondent count is hidden is called silent only where its hiding says so, else listed as not judged).",
    why="A department that does not answer cannot be learnt from, and its problems surface only as escalations.",
    fix="Ask the heads of the departments listed to invite their teams personally, and offer a short slot to answer.",
    needs=("responses", "departments"),
    thresholds=(
        Threshold(
            "silent_below",
            0.1,
            "a department is silent when its response rate (per round it answered in; every round if none) is below this",
        ),
        Threshold("warn_above", 0, "warn when more departments than this are silent", DEPARTMENTS),
        Threshold("fail_above", 2, "fail when more departments than this are silent", DEPARTMENTS),
    ),
)
def silent_departments(ctx) -> Outcome:
    rates = department_response_rates(ctx.dataset, ctx.period)
    if rates.empty:
        return Outcome("not_applicable", "The Departments sheet has no rows.")
    rated = rates[rates["response_rate"].notna()]
    if rated.empty:
        return Outcome("not_applicable", "No department on the Departments sheet has a headcount.")
    columns = ["department", "headcount", "respondents", "note"]
    silent, unjudged = below_line(ctx, rated, ctx.t("silent_below"))
    if len(unjudged) == len(rated):
        return Outcome(
            "not_applicable",
            "Every department with a headcount has its respondent count hidden, so none can be judged." + not_judged(unjudged),
        )
    silent = silent.assign(note=f"response rate below {ctx.t('silent_below'):.0%}")[columns]
    hidden = shown_counts(ctx, unjudged).assign(note="respondent count hidden: not judged")[columns]
    unrated = shown_counts(ctx, rates[rates["response_rate"].isna()]).assign(note="no headcount: no response rate")[columns]
    judged = len(rated) - len(unjudged)
    message = f"{len(silent)} of {judged} departments with a headcount answered at a rate below {ctx.t('silent_below'):.0%}"
    message += f": {', '.join(silent['department'])}" if len(silent) else ""
    if not ctx.period and periods_in_scope(ctx.dataset, None) > 1:
        message += f" ({rate_scope(ctx, rated)})"
    message += "."
    message += not_judged(unjudged) + without_headcount(rates)
    evidence = pd.concat([silent, hidden, unrated], ignore_index=True)
    return graded(
        len(silent), ctx.t("warn_above"), ctx.t("fail_above"), higher_is_better=False, message=message, evidence=evidence
    )


NO_OPEN_QUESTION = "The survey asked no open question, so there is no open input to count."


def open_question_asked(ctx) -> bool:
    """Whether any column of the survey is an open question (of the item bank or mapped to one)."""
    return ctx.dataset.open_asked


def comment_share(ctx) -> tuple[float, int]:
    """The share of the selection's respondents who commented, and how many they are (0 when hidden)."""
    figure = ctx.published.respondents(Selection(ctx.period))
    if figure is None or figure.hidden:
        return 0.0, 0
    return figure.mean, figure.n


@register(
    "SRV005",
    "open-input-share",
    title="Open input share",
    kind="evidence",
    severity="medium",
    what="A good share of respondents write something in the open questions.",
    why="Open-ended, individual input is how people say how IT can further the business vision; percentages cannot.",
    fix="Keep open questions few and specific, and quote (anonymised) comments back when sharing results.",
    needs=("responses",),
    thresholds=(
        Threshold("warn_below", 0.5, "warn when the share of respondents who commented is below this"),
        Threshold("fail_below", 0.2, "fail when it is below this"),
    ),
)
def open_input_share(ctx) -> Outcome:
    if not open_question_asked(ctx):
        return Outcome("not_applicable", NO_OPEN_QUESTION)
    share, n = comment_share(ctx)
    if n < ctx.settings.min_group_size:
        return Outcome("not_applicable", f"Fewer than {ctx.settings.min_group_size} respondents in this selection.")
    message = f"{share:.0%} of {n:,} respondents answered at least one open question."
    return graded(share, ctx.t("warn_below"), ctx.t("fail_below"), higher_is_better=True, message=message)


@register(
    "SRV006",
    "asked-but-not-answering",
    title="Asked but not answering",
    kind="say-vs-do",
    severity="low",
    what="When people say they are asked for their views (SRV-1), they also give them in the open questions.",
    why="Being asked but not answering signals that people doubt anything will come of it.",
    fix="Show what changed because of earlier comments before asking again.",
    needs=("responses",),
    thresholds=(
        Threshold("agree_share", 0.5, "people 'say they are asked' when at least this share agree with SRV-1"),
        Threshold("comment_share", 0.3, "and are contradicted when fewer than this share commented"),
    ),
)
def asked_but_not_answering(ctx) -> Outcome:
    if not open_question_asked(ctx):
        return Outcome("not_applicable", NO_OPEN_QUESTION)
    said_n, said_agree = ctx.agreement("SRV-1")
    if said_n < ctx.settings.min_group_size:
        return Outcome("not_applicable", "Needs answers to SRV-1 (enough to be shown).")
    agree = said_agree
    share, _ = comment_share(ctx)
    message = f"{agree:.0%} agree they are asked for their views; {share:.0%} wrote a comment."
    if agree >= ctx.t("agree_share") and share < ctx.t("comment_share"):
        return Outcome("warn", message + " Asked, but not answering.", share, ctx.t("comment_share"))
    return Outcome("pass", message, share, ctx.t("comment_share"))
