"""The Rounds page: every round with its contributions and their counts; the owner closes a round and opens the
next one, and hands out each open round's contribution code and link."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from alignment.errors import InputError
from alignment.periods import normalise_period, period_span

from .formatting import fitted_height
from .page_links import page_link
from .text import md_text
from .workspace import CODE_KEY, notice, owner, show_notice
from .workspace_home import CODE_PARAMETER
from .workspace_session import show_closed_rounds

PAGE_PATH = "rounds"  # the page's address (ui.page_list)


def how_to_open() -> None:
    """What the page says when no workspace is open in this session."""
    st.info(
        "No workspace is open in this session. On **Home**, under *Work in a workspace*, open one with its passphrase "
        "(*Open a workspace*) or create one (*Create one*); its rounds are then listed here.",
        icon=":material/folder_shared:",
    )
    if st.session_state.get(CODE_KEY):
        st.caption("A team with a contribution code adds its files on Home, under *Contribute to a round*.")
    page_link("home")


def contribution_link(code: str) -> str | None:
    """The app's address with ?contribute=CODE (None when the browser's address is not known)."""
    url = st.context.url
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path
    if path.rstrip("/").endswith(f"/{PAGE_PATH}"):
        path = path.rstrip("/")[: -len(PAGE_PATH)]
    return urlunsplit(
        (parts.scheme, parts.netloc, path if path.endswith("/") else path + "/", urlencode({CODE_PARAMETER: code}), "")
    )


def _current(contributions: list) -> list:
    return [c for c in contributions if not c.replaced_by]


def rounds_table(rounds: list, contributions: list) -> pd.DataFrame:
    rows = []
    for r in rounds:
        mine = _current([c for c in contributions if c.round == r.name])
        rows.append(
            {
                "round": r.name,
                "period": r.period or "",
                "status": r.status,
                "opened": r.created[:10],
                "closed": (r.closed or "")[:10],
                "contributions": r.contributions,
                "survey rows": sum(c.row_counts.get("responses", 0) for c in mine),
            }
        )
    return pd.DataFrame(rows)


def contributions_table(contributions: list) -> pd.DataFrame:
    rows = []
    for c in contributions:
        note = "by the owner" if c.by_owner else ""
        if c.replaced_by:
            note = f"replaced by {c.replaced_by[:8]}"
        elif c.replaces:
            note = f"corrects {c.replaces[:8]}"
        rows.append(
            {
                "added": c.added[:19].replace("T", " "),
                "files": ", ".join(c.files),
                "tables": ", ".join(f"{table} {count:,}" for table, count in c.row_counts.items()),
                "size (KB)": round(c.size / 1024, 1),
                "id": c.id[:8],
                "note": note,
            }
        )
    return pd.DataFrame(rows)


def _close(name: str) -> None:
    found = owner()
    try:
        found.close(name)
        show_closed_rounds()
    except InputError as exc:
        notice("error", exc)
        return
    notice("success", f"Round **{md_text(name)}** is closed and frozen: every page now shows it with the other closed rounds.")


def _open_round() -> None:
    name = (st.session_state.get("ws_round_name") or "").strip()
    period = normalise_period(st.session_state.get("ws_round_period") or name)
    try:
        owner().workspace.open_round(name, period if period_span(period) else None)
    except InputError as exc:
        notice("error", exc)
        return
    st.session_state["ws_round_name"] = st.session_state["ws_round_period"] = ""
    notice("success", f"Round **{md_text(name)}** is open: hand its code or link below to the teams.")


def round_card(found, round_, contributions: list) -> None:
    with st.container(border=True):
        count = len(contributions)
        st.markdown(
            f"**{md_text(round_.name)}** · {round_.status}"
            + (f" · period {md_text(round_.period)}" if round_.period else "")
            + f" · {count} contribution{'s' if count != 1 else ''}"
        )
        if round_.status == "open":
            code = found.code(round_.name)
            left, right = st.columns([1, 2])
            with left:
                st.caption("Contribution code")
                st.code(code, language=None)
            with right:
                link = contribution_link(code)
                if link:
                    st.caption("Contribution link (opens Home with the code filled in)")
                    st.code(link, language=None)
            with st.popover(f"Close round {round_.name}…", icon=":material/lock:"):
                st.markdown("A closed round is frozen: it takes no more contributions, and every page then includes it.")
                st.button(f"Close round {round_.name} now", on_click=_close, args=(round_.name,), key=f"ws_close_{round_.name}")
        if contributions:
            table = contributions_table(contributions)
            st.dataframe(table, hide_index=True, width="stretch", height=fitted_height(table))
        else:
            st.caption("No contribution yet.")


def new_round_form() -> None:
    with st.form("ws_new_round", border=True):
        st.markdown("**Open a new round**")
        name, period, button = st.columns([2, 2, 1], vertical_alignment="bottom")
        name.text_input("Name", key="ws_round_name", placeholder="e.g. 2026-Q3")
        period.text_input("Survey period (optional)", key="ws_round_period", placeholder="read from the name when it is one")
        button.form_submit_button("Open the round", icon=":material/add:", on_click=_open_round, type="primary")


def rounds_page(found) -> None:
    from .validation_view import show_error

    show_notice()
    try:
        rounds = found.workspace.rounds()
        contributions = found.contributions()
    except InputError as exc:  # the database went away, or a damaged row: say which, no traceback
        show_error(exc)
        return
    if rounds:
        table = rounds_table(rounds, contributions)
        st.dataframe(table, hide_index=True, width="stretch", height=fitted_height(table))
    else:
        st.info("No round yet: open the first one below, then hand its code to the teams.")
    new_round_form()
    for round_ in reversed(rounds):
        round_card(found, round_, [c for c in contributions if c.round == round_.name])
