"""Where the app's workspace lives, and what this session holds of it.

The database is the first of: `[workspace] url` in `.streamlit/secrets.toml`, the ALIGNMENT_DATABASE_URL
environment variable (or top-level secret, which Streamlit exports as one), or else a DuckDB file in the data
folder (ALIGNMENT_DATA_DIR, by default `data/` beside the app). One database holds one workspace.

A session is the workspace's owner (opened with the passphrase: the Owner, with its private key, lives only in this
session's memory) or a contributor (it knows a round's contribution code, and can add to that round only).
Where `[auth]` is configured in the secrets, opening or creating the workspace first asks for `st.login`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from alignment.errors import InputError

DATA_DIR_ENV = "ALIGNMENT_DATA_DIR"
DATABASE_ENV = "ALIGNMENT_DATABASE_URL"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LOCAL_FILE = "workspace.duckdb"

OWNER_KEY = "alignment.workspace.owner"  # the Owner (the private key, decrypted), for this session only
CODE_KEY = "alignment.workspace.code"  # the contribution code this session was given
RECOVERY_KEY = "alignment.workspace.recovery"  # the recovery key, until its owner says it is written down
NOTICE_KEY = "alignment.workspace.notice"  # ("success" | "error", message or InputError) after an action and its rerun


@dataclass(frozen=True)
class Location:
    target: str  # a postgresql:// URL or a DuckDB file's path
    source: str  # "secrets", "environment" or "data folder"

    @property
    def local(self) -> bool:
        return self.source == "data folder"


def _secrets_section(name: str) -> dict:
    """A table of .streamlit/secrets.toml as a dict; empty when there is no secrets file or no such table."""
    from streamlit.errors import StreamlitSecretNotFoundError

    try:
        value = st.secrets.get(name)
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return {}
    return dict(value) if hasattr(value, "keys") else {}


def location() -> Location:
    url = str(_secrets_section("workspace").get("url") or "").strip()
    if url:
        return Location(url, "secrets")
    if os.environ.get(DATABASE_ENV):
        return Location(os.environ[DATABASE_ENV], "environment")
    folder = Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    return Location(str(folder / LOCAL_FILE), "data folder")


def store():
    """The configured store (a DuckDB file's folder is made when missing)."""
    from alignment.workspace import open_store

    where = location()
    if where.local:
        try:
            Path(where.target).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                f"The data folder for the workspace cannot be made: {exc.strerror or exc}.",
                f"Set {DATA_DIR_ENV} to a folder the app may write, or configure a database URL.",
            ) from None
    return open_store(where.target)


def workspace():
    """The workspace as anyone with the database sees it (raises InputError when there is none yet)."""
    from alignment.workspace import Workspace

    return Workspace(store())


def location_caption() -> str:
    """Where the workspace lives, in words (never a password), as Markdown."""
    where = location()
    if where.source == "secrets":
        return "The workspace lives in the database configured in the app's secrets (`[workspace] url`)."
    if where.source == "environment":
        return f"The workspace lives in the database named by `{DATABASE_ENV}`."
    return (
        "The workspace lives in a DuckDB file on this server (the app's data folder). On Streamlit Community Cloud a "
        "local file does not survive a restart: configure a managed PostgreSQL in the secrets (`[workspace] url`)."
    )


# ----------------------------------------------------------------------------- this session


def owner():
    """The open workspace's Owner, or None."""
    return st.session_state.get(OWNER_KEY)


def workspace_open() -> bool:
    return OWNER_KEY in st.session_state


def notice(kind: str, message) -> None:
    """A message to show after the rerun an action ends with: an InputError, or Markdown (names through md_text)."""
    st.session_state[NOTICE_KEY] = (kind, message)


def show_notice() -> None:
    from .validation_view import show_error

    found = st.session_state.pop(NOTICE_KEY, None)
    if found is None:
        return
    kind, message = found
    if isinstance(message, InputError):
        show_error(message)
    else:
        (st.success if kind == "success" else st.error)(message)  # the app's own Markdown, names through md_text


# ----------------------------------------------------------------------------- st.login for the owner


def login_configured() -> bool:
    return bool(_secrets_section("auth"))


def may_own(where: str) -> bool:
    """Whether this visitor may open or create the workspace. Without `[auth]` in the secrets, anyone with the
    passphrase may; with it, a logged-in user (and, when `[workspace] owners` lists e-mail addresses, one of them).
    Draws the log-in button or the refusal when not (`where` keeps its widgets apart from another place's)."""
    if not login_configured():
        return True
    if not st.user.get("is_logged_in"):  # (absent where no identity provider answered yet)
        st.caption("This app asks the workspace's owner to log in first.")
        provider = _secrets_section("workspace").get("login_provider")
        st.button(
            "Log in", icon=":material/login:", on_click=st.login, args=(provider,) if provider else (), key=f"ws_login_{where}"
        )
        return False
    allowed = [str(a).strip().lower() for a in _secrets_section("workspace").get("owners", [])]
    email = str(st.user.get("email") or "").lower()
    if allowed and email not in allowed:
        st.error("This login may not open the workspace: ask the app's deployer to add it to the owners.")
        st.button("Log out", on_click=st.logout, key=f"ws_logout_{where}")
        return False
    return True
