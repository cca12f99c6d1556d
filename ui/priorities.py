"""Importance-performance matrices: which tactics, and which statements of a tactic, to work on first."""

from __future__ import annotations

import streamlit as st

from alignment import charts
from alignment.drivers import DRIVER_MIN_N

from .state import chart
from .view import View

NOT_CLEAR = (
    "A grey point is *not distinguishable*: its interval crosses the importance line, so the data cannot tell whether "
    "it matters more or less than the others; it gets no quadrant."
)


def crosshair_choice(key: str) -> str:
    """Where an importance-performance matrix draws its crosshairs: "mean" or "midpoint"."""
    crosshairs = st.radio(
        "Crosshairs",
        ["Data means", "Scale midpoints"],
        horizontal=True,
        key=key,
        help="Where the lines that split the points into quadrants are drawn: at the means of the points shown, or at "
        "the middle of the scales (3 for scores and stated importance). Derived importance is always split at the "
        "equal share of what the points explain together.",
    )
    return "mean" if crosshairs == "Data means" else "midpoint"


def tactic_priorities_matrix(current: View) -> None:
    """The six tactics by importance and score: which to work on first."""
    st.subheader("Priorities: which tactics to work on first")
    choice = crosshair_choice("crosshairs_overview")
    result = current.results.priorities(crosshairs=choice)
    if result["frame"].empty:
        st.info(
            "Not enough answers in this selection to say how important each tactic is: derived importance needs at least "
            f"{DRIVER_MIN_N} respondents who answered the overall statement and every tactic shown."
        )
        return
    if result["method"] == "stated":
        title = "Importance: stated, mean answer (1 = not at all, 5 = extremely important)"
        st.caption(
            "Importance as people stated it (the optional “how important is …” questions, with 95 % intervals); performance "
            f"is the tactic's score. Tactics in *Concentrate here* matter most and score lowest. {NOT_CLEAR}"
        )
    else:
        title = "Importance: relative weight in the overall statement"
        st.caption(
            "Importance is derived (the survey did not ask it): each tactic's share in explaining the overall statement "
            "“IT and the business work as one team” (Johnson's relative weights over the respondents who answered "
            "it and every tactic shown, with bootstrap intervals). Tactics in *Concentrate here* matter most and score "
            f"lowest. {NOT_CLEAR}"
        )
    frame = result["frame"]
    differing = [
        code
        for code in current.headline.focus
        if code in set(frame["item"]) and frame.loc[frame["item"] == code, "quadrant"].iloc[0] != "Concentrate here"
    ]
    if differing:  # say why the quadrants and where to start (above) differ, never leave them to contradict
        names = ", ".join(differing)
        st.caption(
            f"Where to start (above) ranks by distance to target beyond the noise, so {names} come{'s' if len(differing) == 1 else ''} "
            "first there whatever its quadrant here: the quadrants weigh a tactic's score against how much it goes with the "
            "overall statement, a weak signal from one survey, not against its target."
        )
    chart(
        f"overview-priorities-{choice}",
        lambda: charts.importance_performance_chart(frame, result["importance_cross"], result["performance_cross"], title),
    )


def priorities_matrix(current: View, code: str) -> None:
    """The importance-performance matrix of a tactic's statements, with a choice of crosshairs."""
    st.subheader("Priorities: importance against performance")
    choice = crosshair_choice(f"crosshairs_{code}")
    result = current.results.priorities(code, choice)
    if result["frame"].empty:
        st.info(
            "Not enough answers to the overall statement (OVR-1) and this tactic's statements in this selection to "
            f"derive how important each statement is: at least {DRIVER_MIN_N} respondents who answered them all are needed."
        )
        return
    st.caption(
        "Importance is derived: each statement's share in explaining the overall statement “IT and the business work "
        f"as one team” (Johnson's relative weights over the respondents who answered them all, with "
        f"bootstrap intervals). Statements in *Concentrate here* matter most and score lowest. {NOT_CLEAR}"
    )
    frame = result["frame"]
    chart(
        f"{code}-priorities-{choice}",
        lambda: charts.importance_performance_chart(frame, result["importance_cross"], result["performance_cross"]),
    )
