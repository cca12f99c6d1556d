"""The owner's session: the workspace's closed rounds are the dataset every page shows (analysed exactly as their
files uploaded together: Owner.dataset), its settings apply, and the meeting opens the last round's plan and notes
and keeps every change in the workspace."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pandas as pd
import streamlit as st

from alignment.actions import actions_csv, empty_actions
from alignment.config import Settings
from alignment.errors import InputError
from alignment.meeting import loadable_actions
from alignment.settings_file import settings_to_toml

from . import meeting_state, state
from .text import md_text
from .workspace import OWNER_KEY, owner

MEETING_KEY = "alignment.workspace.meeting"  # what the meeting keeps in the workspace, as last loaded or saved
SAVE_ERROR_KEY = "alignment.workspace.meeting_error"


def closed_rounds(found) -> list[str]:
    return [r.name for r in found.workspace.rounds() if r.status == "closed"]


def open_owner(found) -> None:
    """This session becomes the workspace's owner: its closed rounds on every page, its settings, its meeting."""
    settings = found.workspace.settings()
    data = _closed_dataset(found)  # before anything changes: an error leaves the session as it was
    st.session_state[OWNER_KEY] = found
    state.apply_settings(settings, reset_form=True)
    _show(data)
    open_meeting(found)


def show_closed_rounds() -> None:
    """After a round is closed: every page shows the closed rounds again, and the meeting opens the last one's plan."""
    found = owner()
    _show(_closed_dataset(found))
    open_meeting(found)


def _closed_dataset(found):
    names = closed_rounds(found)
    if not names:
        return None
    with st.spinner("Opening the workspace's closed rounds…"):
        data = found.dataset()
    data.label = f"the workspace's closed rounds ({', '.join(names)})"
    return data


def _show(data) -> None:
    if data is None:
        state.use_sample()
    else:
        state.use_dataset(data)


def keep_settings() -> None:
    """On the Settings page, with a workspace open: keep this session's settings as the workspace's (its column
    mapping stays as it is)."""
    from .validation_view import show_error

    found = owner()
    if found is None:
        return
    st.subheader("Keep them in the workspace")
    if st.button("Keep these settings in the workspace", icon=":material/save:", key="ws_keep_settings"):
        try:
            found.save_settings(settings_to_toml(state.settings()), found.workspace.settings_text()[1])
        except InputError as exc:
            show_error(exc)
            return
        st.success("Kept: the workspace opens with these settings from now on, in every owner's session.")
    st.caption("The workspace opens with the settings it kept last; this session's changes stay in this session until kept.")


def lock() -> None:
    """Close the workspace in this session: its key, data, plan and notes go; the sample data is back."""
    for key in (OWNER_KEY, MEETING_KEY, SAVE_ERROR_KEY):
        st.session_state.pop(key, None)
    state.use_sample()
    state.apply_settings(Settings(), reset_form=True)
    meeting_state.replace_meeting(empty_actions(), {})


# ----------------------------------------------------------------------------- the meeting's plan and notes


def _plan_digest(frame: pd.DataFrame) -> str:
    return hashlib.sha256(actions_csv(loadable_actions(frame)[0])).hexdigest()


def _written(notes: dict[str, str]) -> dict[str, str]:
    return {key: text for key, text in notes.items() if str(text).strip()}


def _notes_digest(notes: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(_written(notes), sort_keys=True).encode()).hexdigest()


def last_plan(found) -> tuple[str | None, pd.DataFrame, str | None]:
    """The round the meeting keeps its plan in (the last closed one), and the plan it opens with: that round's, or
    else the newest plan an earlier round kept (what the last meeting promised), and the round it comes from."""
    names = closed_rounds(found)
    if not names:
        return None, empty_actions(), None
    for name in reversed(names):
        plan = found.plan(name)
        if plan is not None:
            return names[-1], plan, name
    return names[-1], empty_actions(), None


def open_meeting(found) -> None:
    target, plan, source = last_plan(found)
    notes = found.notes(target) if target else {}
    meeting_state.replace_meeting(plan, notes)
    st.session_state[MEETING_KEY] = {
        "round": target,
        "from": source,
        "plan": _plan_digest(plan),
        "notes": _notes_digest(notes),
        "saved": None,
    }
    st.session_state.pop(SAVE_ERROR_KEY, None)


def keep_meeting() -> None:
    """Save the meeting's plan and notes to the workspace when they changed (run before every page: a change made
    just before leaving the meeting page arrives with the next page's run)."""
    found, kept = owner(), st.session_state.get(MEETING_KEY)
    if found is None or not kept or kept["round"] is None:
        return
    plan, notes = meeting_state.plan_as_last_seen(), _written(meeting_state.notes())
    plan_digest, notes_digest = _plan_digest(plan), _notes_digest(notes)
    if (plan_digest, notes_digest) == (kept["plan"], kept["notes"]):
        return
    try:
        if plan_digest != kept["plan"]:
            found.save_plan(kept["round"], loadable_actions(plan)[0])
        if notes_digest != kept["notes"]:
            found.save_notes(kept["round"], notes)
    except InputError as exc:
        st.session_state[SAVE_ERROR_KEY] = exc
        return
    kept.update(plan=plan_digest, notes=notes_digest, saved=dt.datetime.now().strftime("%H:%M:%S"))
    st.session_state.pop(SAVE_ERROR_KEY, None)


def meeting_caption() -> None:
    """On the meeting page: where the plan and notes are kept (or why they are not), after keeping this run's
    changes (the app's navigation keeps them before every page too)."""
    from .validation_view import show_error

    keep_meeting()
    kept = st.session_state.get(MEETING_KEY)
    if owner() is None or not kept:
        return
    if kept["round"] is None:
        st.caption("No round of the workspace is closed yet: close one on the Rounds page to keep the plan and notes there.")
        return
    target = md_text(kept["round"])
    text = f"The plan and notes are kept in the workspace under round **{target}**, saved as they change"
    text += f" (last saved {kept['saved']})." if kept["saved"] else "."
    if kept["from"] and kept["from"] != kept["round"]:
        text += f" The plan opened is round **{md_text(kept['from'])}**'s: what the last meeting promised."
    st.caption(text)
    if SAVE_ERROR_KEY in st.session_state:
        show_error(st.session_state[SAVE_ERROR_KEY])
