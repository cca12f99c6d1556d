"""Home's "Work in a workspace": open a workspace, create one, or contribute to a round with its code.

A contributor's upload is checked, sealed into the round and becomes this session's data, so every page gives the
team feedback on its own files only (the same anonymity rules as any upload); nothing stored is ever read back.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import streamlit as st

from alignment.dataset import Dataset
from alignment.errors import InputError
from alignment.periods import normalise_period, period_span, quarter_of

from . import state
from .page_links import page_link
from .text import md_text
from .validation_view import show_error
from .workspace import CODE_KEY, RECOVERY_KEY, location_caption, may_own, notice, owner, show_notice, workspace
from .workspace_session import lock, open_owner

CODE_PARAMETER = "contribute"  # ?contribute=CODE opens the contribution form with the code filled in
CONTRIBUTED_KEY = "alignment.workspace.contributed"  # digests of the files this session added, with what was said
OPEN, CREATE, CONTRIBUTE = "Open a workspace", "Create one", "Contribute to a round"


def _code_from_link() -> str | None:
    code = (st.query_params.get(CODE_PARAMETER) or "").strip()
    if code and st.session_state.get("alignment.workspace.link_code") != code:  # a new link fills the code in
        st.session_state["alignment.workspace.link_code"] = st.session_state[CODE_KEY] = st.session_state["ws_code"] = code
    return st.session_state.get(CODE_KEY)


def workspace_panel() -> None:
    """The compact panel under Home's upload: open by itself for a contribution link or an open workspace."""
    code = _code_from_link()
    found = owner()
    opened = bool(code or found is not None or RECOVERY_KEY in st.session_state)
    with st.expander("Work in a workspace: rounds that remember", icon=":material/folder_shared:", expanded=opened):
        # One slot each, drawn whether or not they hold anything: the elements below keep their places on the
        # rerun that clears them, so the page never shows a stale copy beside the new one while it redraws.
        with st.container():
            show_notice()
        with st.container():
            _recovery_key_once()
        if found is not None:
            _owner_status(found)
        else:
            tabs = st.tabs([OPEN, CREATE, CONTRIBUTE], default=CONTRIBUTE if code else OPEN)
            with tabs[0]:
                _open_form()
            with tabs[1]:
                _create_form()
            with tabs[2]:
                _contribute()
        st.caption(location_caption())


# ----------------------------------------------------------------------------- the owner


def _owner_status(found) -> None:
    try:
        rounds = found.workspace.rounds()
    except InputError as exc:  # the database went away: say so, and keep the lock button
        show_error(exc)
        rounds = []
    closed = [r.name for r in rounds if r.status == "closed"]
    shown = (
        f"Every page shows its {len(closed)} closed round{'s' if len(closed) != 1 else ''}, analysed together: "
        + ", ".join(f"**{md_text(name)}**" for name in closed)
        + "."
        if closed
        else "No round is closed yet: the pages show the sample data until you close one on the Rounds page."
    )
    st.success(f"The workspace is open: {len(rounds)} round{'s' if len(rounds) != 1 else ''}. {shown}")
    left, right = st.columns(2)
    with left:
        page_link("rounds", "Rounds: contributions, codes, closing")
    right.button(
        "Lock the workspace", icon=":material/lock:", on_click=lock, key="ws_lock", help="Forget its key in this session."
    )


def _open_workspace() -> None:
    passphrase = st.session_state.get("ws_passphrase") or ""
    st.session_state["ws_passphrase"] = ""
    try:
        open_owner(workspace().unlock(passphrase))
    except InputError as exc:
        notice("error", exc)  # a wrong passphrase, or the wait after too many: the library's message


def _recover() -> None:
    new = st.session_state.get("ws_new_passphrase") or ""
    again = st.session_state.get("ws_new_again") or ""
    key = st.session_state.get("ws_recovery") or ""
    for name in ("ws_new_passphrase", "ws_new_again", "ws_recovery"):
        st.session_state[name] = ""
    if new != again:
        notice("error", InputError("The two new passphrases differ: nothing was changed.", "Type the same one twice."))
        return
    try:
        open_owner(workspace().recover(key, new))
    except InputError as exc:
        notice("error", exc)
        return
    notice("success", "The workspace is open with its new passphrase; the recovery key stays the same.")


def _open_form() -> None:
    if not may_own("open"):
        return
    with st.form("ws_open_form", border=False):
        st.text_input("Passphrase", type="password", key="ws_passphrase")
        st.form_submit_button("Open the workspace", icon=":material/lock_open:", on_click=_open_workspace, type="primary")
    with st.popover("Lost the passphrase?", icon=":material/key:"):
        st.caption("Open the workspace with the recovery key shown at its creation, and choose a new passphrase.")
        st.text_input("Recovery key", type="password", key="ws_recovery")
        st.text_input("New passphrase", type="password", key="ws_new_passphrase")
        st.text_input("New passphrase again", type="password", key="ws_new_again")
        st.button("Open and set the new passphrase", on_click=_recover, key="ws_recover")


def _create() -> None:
    passphrase = st.session_state.get("ws_new") or ""
    again = st.session_state.get("ws_new_repeat") or ""
    round_name = (st.session_state.get("ws_first_round") or "").strip()
    st.session_state["ws_new"] = st.session_state["ws_new_repeat"] = ""
    if not st.session_state.get("ws_understood"):
        notice("error", InputError("Nothing was created.", "Tick the box that says you understand how the data is lost."))
        return
    if passphrase != again:
        notice("error", InputError("The two passphrases differ: nothing was created.", "Type the same one twice."))
        return
    from alignment.workspace import Workspace

    from .workspace import store

    try:
        created, recovery = Workspace.create(store(), passphrase)
        if round_name:
            period = normalise_period(round_name)
            created.workspace.open_round(round_name, period if period_span(period) else None)
        open_owner(created)
    except InputError as exc:
        notice("error", exc)
        return
    st.session_state[RECOVERY_KEY] = recovery


def _create_form() -> None:
    if not may_own("create"):
        return
    with st.form("ws_create_form", border=False):
        left, right = st.columns(2)
        left.text_input("Passphrase (at least 10 characters)", type="password", key="ws_new")
        right.text_input("The passphrase again", type="password", key="ws_new_repeat")
        st.text_input(
            "First round",
            value=quarter_of(dt.date.today()),
            key="ws_first_round",
            help="Its name, e.g. the survey's period; teams contribute to it with its code. Leave empty to open one later.",
        )
        st.checkbox(
            "I understand: without the passphrase and the recovery key the data is gone, for me and for everyone.",
            key="ws_understood",
        )
        st.form_submit_button("Create the workspace", icon=":material/add_circle:", on_click=_create, type="primary")


def _recovery_key_once() -> None:
    recovery = st.session_state.get(RECOVERY_KEY)
    if not recovery:
        return
    st.warning(
        "**Write the recovery key down now: it is shown only this once.** With it you can set a new passphrase. "
        "Without the passphrase and the recovery key the data is gone: nobody can recover it, not you, not the "
        "database's operator, not this app."
    )
    st.code(recovery, language=None)
    st.button("I have written it down", on_click=lambda: st.session_state.pop(RECOVERY_KEY, None), key="ws_recovery_done")


# ----------------------------------------------------------------------------- a team's contribution


def _digest(files: list[tuple[str, bytes]]) -> str:
    return hashlib.sha256(
        b"".join(hashlib.sha256(n.encode()).digest() + hashlib.sha256(d).digest() for n, d in files)
    ).hexdigest()


def _contribute() -> None:
    typed = st.text_input(
        "Contribution code",
        key="ws_code",
        placeholder="ABCD-EFGH-JKLM-NPQR",
        help="The code (or link) the workspace's owner gave your team for the current round.",
    ).strip()
    if not typed:
        st.caption("Teams add their files to an open round with its code, and see their own results at once.")
        return
    st.session_state[CODE_KEY] = typed
    try:
        shared = workspace()
        round_ = shared.round_for_code(typed)
    except InputError as exc:
        show_error(exc)
        return
    st.markdown(f"Adding to round **{md_text(round_.name)}**.")
    uploaded = st.file_uploader(
        "Your team's survey and evidence files",
        type=["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"],
        accept_multiple_files=True,
        key="ws_contribution_files",
    )
    files = [(f.name, f.getvalue()) for f in uploaded or []]
    done = st.session_state.setdefault(CONTRIBUTED_KEY, {})
    digest = _digest(files) if files else None
    st.button(
        f"Seal and add to round {round_.name}",
        icon=":material/lock:",
        type="primary",
        disabled=not files or digest in done,
        on_click=_add,
        args=(shared, typed, files, digest),
        key="ws_contribute",
    )
    if digest in done:
        st.success(done[digest])
    st.caption(
        "The files are sealed to the workspace: only its owner can read them, you neither. You see your own files' "
        "results here and on every page, never other teams' data or the whole."
    )


def _add(shared, code: str, files: list[tuple[str, bytes]], digest: str) -> None:
    try:
        added = shared.contribute(code, files)
    except InputError as exc:
        notice("error", exc)
        return
    c, loaded = added.contribution, added.loaded
    rows = ", ".join(f"{md_text(table)} {count:,}" for table, count in c.row_counts.items())
    st.session_state[CONTRIBUTED_KEY][digest] = (
        f"Added to round **{md_text(c.round)}** and sealed: {len(files)} file{'s' if len(files) != 1 else ''} "
        f"({rows} rows). Below and on every page: your own files' results."
    )
    label = f"your contribution to round {c.round} ({', '.join(name for name, _ in files)})"
    state.use_dataset(Dataset(loaded.survey, label, loaded.evidence, loaded.evidence_sources))
