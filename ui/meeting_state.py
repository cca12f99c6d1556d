"""The meeting's session data: which step is on screen, the notes per step and the action plan.

Kept in session-state keys this module owns (prefix "alignment.meeting."), never in widget keys, so a
page switch in the middle of a meeting loses nothing. The widgets (step buttons, notes, the plan's editor,
its add form, uploader and downloads) read and write these keys.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from alignment.actions import (
    ACTION_COLUMNS,
    DEFAULT_STATUS,
    STATUSES,
    actions_csv,
    actions_xlsx,
    clean_actions,
    empty_actions,
    read_actions,
)
from alignment.analysis import Analysis
from alignment.errors import InputError
from alignment.meeting import Step, loadable_actions, minutes_markdown
from alignment.tactics import TACTIC_CODES, TACTICS_BY_CODE

from .text import md_text
from .validation_view import show_error

STEP_KEY = "alignment.meeting.step"
NOTES_KEY = "alignment.meeting.notes"
PLAN_KEY = "alignment.meeting.actions"  # the plan as last seen, cleaned
EDITOR_BASE_KEY = "alignment.meeting.editor_base"  # what the open editor started from (its edits are on top)
LOAD_RESULT_KEY = "alignment.meeting.load_result"  # ("success" | "error", message) of the last plan file
ADD_RESULT_KEY = "alignment.meeting.add_result"

EDITOR = "meeting_plan_editor"  # widget keys: the widgets' own state, rebuilt from the keys above
UPLOADER = "meeting_plan_upload"
PANEL = "meeting_plan_panel"
NOTE = "meeting_note_{}"
ADD = "meeting_add_{}"
GENERAL = "General"


# ----------------------------------------------------------------------------- steps


def step_index(total: int) -> int:
    index = min(max(int(st.session_state.get(STEP_KEY, 0)), 0), total - 1)
    st.session_state[STEP_KEY] = index
    return index


def _show(index: int, total: int) -> None:
    """Put a step on screen; the closing step opens the action plan."""
    st.session_state[STEP_KEY] = index
    if index == total - 1:
        st.session_state[PANEL] = True


def _move(by: int, total: int) -> None:
    _show(min(max(step_index(total) + by, 0), total - 1), total)


def step_buttons(total: int, where) -> None:
    """Previous and Next, as buttons (no keyboard needed); `where` is a pair of containers."""
    index = step_index(total)
    where[0].button(
        "Previous",
        icon=":material/arrow_back:",
        on_click=_move,
        args=(-1, total),
        disabled=index == 0,
        width="stretch",
        key="meeting_previous",
    )
    where[1].button(
        "Next",
        icon=":material/arrow_forward:",
        on_click=_move,
        args=(1, total),
        disabled=index == total - 1,
        type="primary",
        width="stretch",
        key="meeting_next",
    )


# ----------------------------------------------------------------------------- notes


def notes() -> dict[str, str]:
    return st.session_state.setdefault(NOTES_KEY, {})


def _keep_note(step_key: str) -> None:
    """Copy a step's note into the meeting's notes as it changes: a callback, so that a note typed just before
    a click on Next (or on another page) is kept although its text area is not drawn again."""
    notes()[step_key] = st.session_state.get(NOTE.format(step_key), "")


def notes_field(step: Step, height: int = 120) -> str:
    """The notes text area of a step, filled from (and written back to) the meeting's notes."""
    key = NOTE.format(step.key)
    if key not in st.session_state:
        st.session_state[key] = notes().get(step.key, "")
    text = st.text_area(
        "Notes on this step",
        key=key,
        height=height,
        placeholder="What the room agreed, questions to follow up…",
        help="Kept for the whole meeting, also when you switch pages; the closing step downloads them.",
        on_change=_keep_note,
        args=(step.key,),
    )
    notes()[step.key] = text
    return text


# ----------------------------------------------------------------------------- the action plan


def _apply_edits(base: pd.DataFrame, edits: dict | None) -> pd.DataFrame:
    """The editor's rows: its base with the edits the browser sent (edited, deleted and added rows)."""
    frame = base.copy().astype(object)
    if not edits:
        return frame
    for position, changes in (edits.get("edited_rows") or {}).items():
        for column, value in changes.items():
            if column in frame.columns and int(position) < len(frame):
                frame.iat[int(position), frame.columns.get_loc(column)] = value
    deleted = [int(p) for p in edits.get("deleted_rows") or [] if int(p) < len(frame)]
    frame = frame.drop(frame.index[deleted]).reset_index(drop=True)
    added = [{c: row.get(c) for c in ACTION_COLUMNS} for row in edits.get("added_rows") or []]
    if added:
        frame = pd.concat([frame, pd.DataFrame(added, columns=list(ACTION_COLUMNS), dtype=object)], ignore_index=True)
    return frame


def _editor_base() -> pd.DataFrame:
    """What the editor opens with: the plan as last seen, unless the editor is already open with its edits."""
    if EDITOR not in st.session_state or EDITOR_BASE_KEY not in st.session_state:
        st.session_state[EDITOR_BASE_KEY] = st.session_state.get(PLAN_KEY, empty_actions())
    return st.session_state[EDITOR_BASE_KEY]


def plan_and_problems() -> tuple[pd.DataFrame, list[str]]:
    """The action plan now (the editor's edits included), cleaned, with each bad value it holds."""
    plan, problems = clean_actions(_apply_edits(_editor_base(), st.session_state.get(EDITOR)))
    st.session_state[PLAN_KEY] = plan
    return plan, problems


def plan() -> pd.DataFrame:
    return plan_and_problems()[0]


def plan_as_last_seen() -> pd.DataFrame:
    """The plan as the meeting page last cleaned it, without touching the editor's state (for other pages)."""
    return st.session_state.get(PLAN_KEY, empty_actions())


def _replace_plan(frame: pd.DataFrame) -> None:
    """A new plan on screen: the editor reopens with it (its old edits are in it already, or replaced)."""
    st.session_state[PLAN_KEY] = frame
    st.session_state[EDITOR_BASE_KEY] = frame
    st.session_state.pop(EDITOR, None)


def replace_meeting(frame: pd.DataFrame, step_notes: dict[str, str]) -> None:
    """A meeting opened from elsewhere (a workspace's last round): its plan and notes on screen, the notes fields
    filled from them again."""
    _replace_plan(frame)
    st.session_state[NOTES_KEY] = dict(step_notes)
    for key in [k for k in st.session_state if str(k).startswith(NOTE.format(""))]:
        del st.session_state[key]


def _add_action(step_key: str) -> None:
    values = {
        name: st.session_state.get(ADD.format(f"{name}_{step_key}")) for name in ("action", "owner", "due", "tactic", "status")
    }
    text = (values["action"] or "").strip()
    if not text:
        st.session_state[ADD_RESULT_KEY] = ("error", "Write what will be done in 'Action', then press 'Add the action'.")
        return
    row = {
        "action": text,
        "owner": (values["owner"] or "").strip(),
        "due": values["due"],
        "tactic": "" if values["tactic"] in (None, GENERAL) else values["tactic"],
        "status": values["status"] or DEFAULT_STATUS,
        "notes": "",
    }
    current = plan()
    combined = pd.concat([current.astype(object), pd.DataFrame([row], columns=list(ACTION_COLUMNS))], ignore_index=True)
    new, _ = clean_actions(combined)
    _replace_plan(new)
    st.session_state[ADD_RESULT_KEY] = ("success", f"Added: {md_text(text)}")
    st.session_state[PANEL] = True  # the plan stays open for the next action


def add_form(step: Step) -> None:
    """A form to add an action (friendlier in a meeting than typing into the grid): the tactic defaults to the step's."""
    tactics = [GENERAL, *TACTIC_CODES]
    with st.form(f"meeting_add_form_{step.key}", border=False, clear_on_submit=True):
        action, owner = st.columns([3, 1])
        action.text_input("Action", key=ADD.format(f"action_{step.key}"), placeholder="What will be done")
        owner.text_input("Owner", key=ADD.format(f"owner_{step.key}"), placeholder="Who")
        due, tactic, status, button = st.columns([1, 1.6, 1, 1], vertical_alignment="bottom")
        due.date_input("Due", value=None, key=ADD.format(f"due_{step.key}"), format="YYYY-MM-DD")
        tactic.selectbox(
            "Tactic",
            tactics,
            index=tactics.index(step.key) if step.key in TACTIC_CODES else 0,
            key=ADD.format(f"tactic_{step.key}"),
            format_func=lambda code: code if code == GENERAL else f"{code} · {TACTICS_BY_CODE[code].name}",
        )
        status.selectbox("Status", STATUSES, key=ADD.format(f"status_{step.key}"))
        button.form_submit_button(
            "Add the action", icon=":material/add:", on_click=_add_action, args=(step.key,), type="primary", width="stretch"
        )
    result = st.session_state.pop(ADD_RESULT_KEY, None)
    if result:
        (st.success if result[0] == "success" else st.error)(result[1])


def plan_editor() -> None:
    """The plan as an editable grid: add, change or delete actions; bad values are named below it."""
    base = _editor_base()
    st.data_editor(
        base,
        key=EDITOR,
        on_change=plan_and_problems,  # keeps the plan when the edit arrives with a click that leaves the step or page
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "action": st.column_config.TextColumn("Action", width="large"),
            "owner": st.column_config.TextColumn("Owner", width="small"),
            "due": st.column_config.DateColumn("Due", format="YYYY-MM-DD", width="small"),
            "tactic": st.column_config.SelectboxColumn("Tactic", options=list(TACTIC_CODES), width="small"),
            "status": st.column_config.SelectboxColumn("Status", options=list(STATUSES), default=DEFAULT_STATUS, width="small"),
            "notes": st.column_config.TextColumn("Notes", width="medium"),
        },
    )
    _, problems = plan_and_problems()
    for problem in problems:
        st.warning(md_text(problem))


def plan_shown(frame: pd.DataFrame, whole: bool) -> bytes | int:
    """What the meeting page shows of the plan outside its grid: the number of actions (the panel's title), or
    with `whole` every action (the summary's open actions and counts, the closing step's table and counts, and a
    workspace's copy of the plan)."""
    return actions_csv(frame) if whole else len(frame)


@st.fragment
def plan_grid(shown: bytes | int, whole: bool, downloads_key: str | None) -> None:
    """The plan's grid with what is wrong in it, and its downloads unless the page has them elsewhere (None).

    A fragment: an edit redraws the grid and its downloads, not the slide around it (its figures and chart). An edit
    that changes what the page shows of the plan outside the grid (`shown`, plan_shown() of the plan the page was
    drawn with; Streamlit hands a fragment's rerun the arguments of the page's last run) reruns the whole page: a
    new or deleted action on every step (the count in the panel's title), any change on the summary and closing
    steps and with a workspace open (set `whole`)."""
    plan_editor()
    if downloads_key is not None:
        downloads(key=downloads_key)
    if plan_shown(plan(), whole) != shown:
        st.rerun()  # the app, not just this fragment


def downloads(key: str) -> None:
    """The plan as CSV and as an Excel workbook (both load again: rows without an action are left out)."""
    current, left_out = loadable_actions(plan())
    name = f"action-plan-{dt.date.today().isoformat()}"
    columns = st.columns(2)
    columns[0].download_button(
        "Plan as CSV",
        actions_csv(current),
        f"{name}.csv",
        "text/csv",
        icon=":material/download:",
        disabled=current.empty,
        key=f"meeting_csv_{key}",
        width="stretch",
        on_click="ignore",  # no rerun on a click: a rerun drops the Excel file being built for the click before
    )
    columns[1].download_button(
        "Plan as Excel",
        lambda: actions_xlsx(current),  # built on the click, not on every rerun
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        disabled=current.empty,
        key=f"meeting_xlsx_{key}",
        width="stretch",
        on_click="ignore",
    )
    if left_out:
        st.caption(
            f"{left_out} row{'s' if left_out > 1 else ''} without an action {'are' if left_out > 1 else 'is'} left out of the download."
        )


def minutes_download(analysis: Analysis) -> None:
    """The meeting's outcome as Markdown: the selection, the scores, every step's notes and the plan."""
    today = dt.date.today()
    st.download_button(
        "Meeting notes (Markdown)",
        minutes_markdown(analysis, notes(), plan(), today),
        f"meeting-notes-{today.isoformat()}.md",
        "text/markdown",
        icon=":material/description:",
        width="stretch",
        help="Where we stand, every step's notes and the action plan, for those who were not there.",
        on_click="ignore",
    )


def _load_plan() -> None:
    uploaded = st.session_state.get(UPLOADER)
    if uploaded is None:
        st.session_state.pop(LOAD_RESULT_KEY, None)
        return
    try:
        loaded = read_actions(uploaded.name, uploaded.getvalue())
    except InputError as exc:
        st.session_state[LOAD_RESULT_KEY] = ("error", exc)
        return
    replaced = len(plan())
    _replace_plan(loaded)
    note = f" It replaced the {replaced} action{'s' if replaced != 1 else ''} on screen." if replaced else ""
    st.session_state[LOAD_RESULT_KEY] = (
        "success",
        f"Opened {md_text(uploaded.name)} ({len(loaded)} action{'s' if len(loaded) != 1 else ''}).{note}",
    )


def plan_uploader() -> None:
    """Open last round's action plan (a CSV or workbook downloaded here, or the report workbook)."""
    st.file_uploader(
        "Open last round's action plan",
        type=["csv", "xlsx"],
        key=UPLOADER,
        on_change=_load_plan,
        help="The CSV or Excel file downloaded from this page at the last meeting. It replaces the plan on screen.",
    )
    result = st.session_state.get(LOAD_RESULT_KEY)
    if result and st.session_state.get(UPLOADER) is not None:
        if result[0] == "success":
            st.success(result[1])
        else:
            show_error(result[1])


AGENDA = "meeting_agenda"


def _jump(total: int) -> None:
    _show(st.session_state[AGENDA], total)


def agenda(steps: list[Step]) -> None:
    """Every step in the sidebar, to jump to one (the step on screen is selected)."""
    st.session_state[AGENDA] = step_index(len(steps))
    st.sidebar.radio(
        "Meeting agenda",
        range(len(steps)),
        key=AGENDA,
        format_func=lambda i: steps[i].title,
        on_change=_jump,
        args=(len(steps),),
    )


def plan_panel(count: int, opened: bool = False):
    """The action plan's expander; it stays as the room left it (open or closed) from step to step and
    when an action is added. `opened`: open it when it has no state yet (the closing step, after a page switch)."""
    if opened and PANEL not in st.session_state:
        st.session_state[PANEL] = True
    return st.expander(f"Action plan ({count})", icon=":material/task_alt:", key=PANEL, on_change="rerun")
