"""The workspace in the app (issue 20, point 5), through Streamlit's AppTest: creating one shows the recovery key
once, wrong passphrases are refused and then slowed, a team contributes through its code and sees its own upload
only, the owner sees the closed rounds exactly as their files uploaded together and closes a round on the Rounds
page, the meeting opens last round's plan and keeps its changes in the workspace, and where the workspace lives
(the secrets' [workspace] url, else the data folder), with st.login only where [auth] is configured.

The workspace is a DuckDB file in a temporary data folder (ALIGNMENT_DATA_DIR); the browser test does the same
through a real server (tests/test_workspace_browser.py)."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from alignment.actions import empty_actions
from alignment.analysis import analyze
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.workspace import DuckDBStore, Workspace
from ui import meeting_state
from ui.text import md_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "responses.csv"
PASSPHRASE = "correct horse battery staple"
PROMISED = "Start a shadowing week with the Lisbon branch"


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ALIGNMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ALIGNMENT_DATABASE_URL", raising=False)
    return tmp_path


def period_file(period: str, name: str) -> tuple[str, bytes]:
    """The sample's answers of one period, as a team's own CSV."""
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    part = frame[frame["period"] == period]
    assert 40 < len(part) < len(frame)
    buffer = io.StringIO()
    part.to_csv(buffer, index=False)
    return name, buffer.getvalue().encode()


FIRST, SECOND = period_file("2026-Q2", "team-a.csv"), period_file("2026-Q3", "team-b.csv")


def new_app(secrets: dict | None = None, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def click(at: AppTest, key: str) -> AppTest:
    [button] = [b for b in at.button if (b.key or "") == key or (b.key or "").endswith(f"-{key}")]
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def store(data_dir: Path) -> DuckDBStore:
    return DuckDBStore(data_dir / "workspace.duckdb")


def open_in_app(at: AppTest, passphrase: str = PASSPHRASE) -> AppTest:
    at.text_input(key="ws_passphrase").set_value(passphrase)
    return click(at, "Open the workspace")


# ----------------------------------------------------------------------------- creating and opening


def test_creating_shows_the_recovery_key_once_and_that_key_opens_the_workspace(data_dir: Path) -> None:
    at = new_app()
    at.text_input(key="ws_new").set_value(PASSPHRASE)
    at.text_input(key="ws_new_repeat").set_value(PASSPHRASE)
    at.text_input(key="ws_first_round").set_value("2026-Q2")
    click(at, "Create the workspace")
    assert "Nothing was created" in texts(at.error)  # the box saying how the data is lost was not ticked
    assert not (data_dir / "workspace.duckdb").exists()

    at.text_input(key="ws_new").set_value(PASSPHRASE)
    at.text_input(key="ws_new_repeat").set_value(PASSPHRASE)
    at.checkbox(key="ws_understood").check()
    click(at, "Create the workspace")
    warning = texts(at.warning)
    assert "shown only this once" in warning and "the data is gone" in warning
    [recovery] = [c.value for c in at.code if re.fullmatch(r"([A-Z2-7]{4}-){12}[A-Z2-7]{4}", c.value)]
    assert "The workspace is open: 1 round" in texts(at.success)

    click(at, "ws_recovery_done")
    assert recovery not in texts(at.code) and "shown only this once" not in texts(at.warning)
    assert recovery not in texts(new_app().code)  # nor in another session

    shared = Workspace(store(data_dir))  # the file is in the data folder, and the key shown is the real one
    assert [r.name for r in shared.rounds()] == ["2026-Q2"]
    shared.recover(recovery, "a brand new passphrase")
    shared.unlock("a brand new passphrase")


def test_wrong_passphrases_are_refused_then_must_wait_and_the_right_one_opens(data_dir: Path) -> None:
    Workspace.create(store(data_dir), PASSPHRASE)
    at = new_app()
    for _ in range(3):
        open_in_app(at, "not the passphrase at all")
        assert "Wrong passphrase: the workspace was not opened." in texts(at.error)
    open_in_app(at, PASSPHRASE)  # within a second of the third wrong try: refused before any key is derived
    assert "Too many wrong tries: wait" in texts(at.error)
    assert "alignment.workspace.owner" not in at.session_state
    time.sleep(1.2)
    open_in_app(at, PASSPHRASE)
    assert "The workspace is open" in texts(at.success)


# ----------------------------------------------------------------------------- a team's contribution


def test_a_team_contributes_through_its_code_and_sees_its_own_upload_only(data_dir: Path) -> None:
    owner, _ = Workspace.create(store(data_dir), PASSPHRASE)
    owner.add("2026-Q2", [FIRST], create=True)  # another team's data, in a closed round
    owner.close("2026-Q2")
    owner.workspace.open_round("2026-Q3", "2026-Q3")
    code = owner.code("2026-Q3")

    team = new_app(contribute=code)  # the link: the code is filled in
    assert at_code(team) == code
    assert "Adding to round **2026-Q3**." in texts(team.markdown)
    [uploader] = [u for u in team.file_uploader if u.key == "ws_contribution_files"]
    uploader.set_value((SECOND[0], SECOND[1], "text/csv")).run()
    click(team, "ws_contribute")
    assert "Added to round **2026-Q3** and sealed" in texts(team.success)

    own = analyze(Dataset.from_files([SECOND]))
    whole = analyze(Dataset.from_files([FIRST, SECOND]))
    assert own.respondents != whole.respondents
    assert metric(team, "Respondents") == f"{own.respondents:,}"  # its own file's results, not the whole
    assert metric(team, "Alignment index") == f"{own.alignment_index:.0f}"
    assert team.session_state["alignment.dataset"].periods() == ["2026-Q3"]  # nothing of the other team's round
    assert "alignment.workspace.owner" not in team.session_state
    assert next(b for b in team.button if b.key == "ws_contribute").disabled  # the same files are not added twice

    [stored] = owner.contributions("2026-Q3")
    assert stored.files == [SECOND[0]] and stored.row_counts == {"responses": own.respondents}

    team.switch_page("pages/rounds.py").run()  # a contributor sees no rounds: only how an owner opens them
    assert "No workspace is open in this session" in texts(team.info)
    assert not team.dataframe


def at_code(at: AppTest) -> str:
    return at.text_input(key="ws_code").value


def test_a_wrong_or_closed_rounds_code_is_refused_with_a_message(data_dir: Path) -> None:
    owner, _ = Workspace.create(store(data_dir), PASSPHRASE)
    owner.workspace.open_round("2026-Q2")
    closed = owner.code("2026-Q2")
    owner.close("2026-Q2")
    at = new_app(contribute="ABCD-EFGH-JKLM-NPQR")
    assert "That contribution code opens no round of this workspace." in texts(at.error)
    at.text_input(key="ws_code").set_value(closed).run()
    assert "Round '2026-Q2' is closed: it takes no more contributions." in texts(at.error)
    assert not [u for u in at.file_uploader if u.key == "ws_contribution_files"]


# ----------------------------------------------------------------------------- the owner


def test_the_owner_sees_the_closed_rounds_as_uploaded_together_and_closes_a_round(data_dir: Path) -> None:
    owner, _ = Workspace.create(store(data_dir), PASSPHRASE)
    owner.add("2026-Q2", [FIRST], create=True)
    owner.add("2026-Q3", [SECOND], create=True)
    owner.close("2026-Q2")
    at = open_in_app(new_app())
    assert "Every page shows its 1 closed round, analysed together: **2026-Q2**." in texts(at.success)
    assert at.file_uploader[0].disabled  # Home's plain upload: the workspace's rounds are the data

    first = analyze(Dataset.from_files([FIRST]))
    at.switch_page("pages/overview.py").run()
    assert metric(at, "Alignment index") == f"{first.alignment_index:.0f}"

    at.switch_page("pages/rounds.py").run()
    table = at.dataframe[0].value
    assert table[["round", "status", "contributions", "survey rows"]].values.tolist() == [
        ["2026-Q2", "closed", 1, first.respondents],
        ["2026-Q3", "open", 1, analyze(Dataset.from_files([SECOND])).respondents],
    ]
    assert owner.code("2026-Q3") in texts(at.code)  # the open round's code, to hand out
    assert owner.code("2026-Q2") not in texts(at.code)
    assert [SECOND[0]] == at.dataframe[1].value["files"].tolist()  # the open round's card comes first

    click(at, "ws_close_2026-Q3")
    assert "Round **2026-Q3** is closed" in texts(at.success)
    both = analyze(Dataset.from_files([FIRST, SECOND]))  # the two files uploaded together
    at.switch_page("pages/overview.py").run()
    assert metric(at, "Alignment index") == f"{both.alignment_index:.0f}"
    at.switch_page("pages/trends.py").run()
    assert "2 survey periods (2026-Q2 to 2026-Q3)" in texts(at.caption)

    at.switch_page("pages/rounds.py").run()
    at.text_input(key="ws_round_name").set_value("2026-Q4")
    click(at, "Open the round")
    assert "Round **2026-Q4** is open" in texts(at.success)
    assert owner.workspace.round("2026-Q4").period == "2026-Q4"
    assert owner.code("2026-Q4") in texts(at.code)


def round_with_a_plan(data_dir: Path):
    """A workspace whose closed round 2026-Q2 kept a plan of one open action; its owner."""
    owner, _ = Workspace.create(store(data_dir), PASSPHRASE)
    owner.add("2026-Q2", [FIRST], create=True)
    owner.close("2026-Q2")
    promised = empty_actions().astype(object)
    promised.loc[0] = [PROMISED, "Dana", None, "ROT", "open", ""]
    owner.save_plan("2026-Q2", promised)
    return owner


def test_the_meeting_opens_last_rounds_plan_and_keeps_its_changes_in_the_workspace(data_dir: Path) -> None:
    owner = round_with_a_plan(data_dir)
    owner.add("2026-Q3", [SECOND], create=True)
    owner.close("2026-Q3")

    at = open_in_app(new_app())
    at.switch_page("pages/meeting.py").run()
    plan = at.session_state[meeting_state.PLAN_KEY]
    assert plan["action"].tolist() == [PROMISED] and plan["status"].tolist() == ["open"]
    assert "The plan opened is round **2026-Q2**'s" in texts(at.caption)
    at.switch_page("pages/meeting.py").run()  # looking is not saving
    assert [len(owner.plan_versions(r)) for r in ("2026-Q2", "2026-Q3")] == [1, 0]

    at.text_input(key="meeting_add_action_summary").set_value("Invite Finance to the service review")
    click(at, "Add the action")
    at.text_area(key="meeting_note_summary").set_value("Rotation is still the weakest").run()
    assert "last saved" in texts(at.caption)
    kept = owner.plan("2026-Q3")
    assert kept["action"].tolist() == [PROMISED, "Invite Finance to the service review"]
    assert owner.plan("2026-Q2")["action"].tolist() == [PROMISED]  # last round's plan stays as it was promised
    assert owner.notes("2026-Q3") == {"summary": "Rotation is still the weakest"}

    again = open_in_app(new_app())  # another session of the owner: the meeting opens where this one left it
    again.switch_page("pages/meeting.py").run()
    assert again.session_state[meeting_state.PLAN_KEY]["action"].tolist() == kept["action"].tolist()
    assert again.text_area(key="meeting_note_summary").value == "Rotation is still the weakest"


def test_locking_forgets_the_workspace_in_this_session(data_dir: Path) -> None:
    round_with_a_plan(data_dir)
    at = open_in_app(new_app())
    assert at.session_state[meeting_state.PLAN_KEY]["action"].tolist() == [PROMISED]
    click(at, "ws_lock")
    assert "alignment.workspace.owner" not in at.session_state
    assert "You are looking at the **sample data**" in texts(at.info)
    assert at.session_state[meeting_state.PLAN_KEY].empty
    at.switch_page("pages/rounds.py").run()
    assert "No workspace is open in this session" in texts(at.info)


# ----------------------------------------------------------------------------- where it lives, who may own it


def test_the_secrets_workspace_url_is_where_the_workspace_lives(data_dir: Path, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("configured") / "from-secrets.duckdb"
    at = new_app(secrets={"workspace": {"url": str(elsewhere)}})
    assert "configured in the app's secrets" in texts(at.caption)
    at.text_input(key="ws_new").set_value(PASSPHRASE)
    at.text_input(key="ws_new_repeat").set_value(PASSPHRASE)
    at.checkbox(key="ws_understood").check()
    click(at, "Create the workspace")
    assert elsewhere.exists() and not (data_dir / "workspace.duckdb").exists()
    Workspace(DuckDBStore(elsewhere)).unlock(PASSPHRASE)


def test_without_configuration_the_page_says_a_local_file_does_not_survive_on_community_cloud(data_dir: Path) -> None:
    caption = texts(new_app().caption)
    assert "a DuckDB file on this server" in caption and "does not survive a restart" in caption
    assert "Log in" not in [b.label for b in new_app().button]


def test_st_login_gates_the_owner_forms_only_when_auth_is_configured(data_dir: Path) -> None:
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-long-random-string",
        "client_id": "client",
        "client_secret": "secret",
        "server_metadata_url": "https://accounts.example.com/.well-known/openid-configuration",
    }
    at = new_app(secrets={"auth": auth})
    assert [b.label for b in at.button].count("Log in") == 2  # Open and Create each ask for it
    keys = {t.key for t in at.text_input}
    assert "ws_passphrase" not in keys and "ws_new" not in keys
    assert "ws_code" in keys  # a team contributes without logging in


def test_an_unreachable_database_is_a_message_without_its_password(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("ALIGNMENT_DATABASE_URL", "postgresql://alignment:s3cret-pw@127.0.0.1:1/alignment")
    at = new_app()
    assert "the database named by `ALIGNMENT_DATABASE_URL`" in texts(at.caption)
    open_in_app(at)
    shown = texts(at.error)
    assert md_text("Cannot reach the workspace database 'postgresql://alignment:***@127.0.0.1:1/alignment'") in shown
    assert "s3cret-pw" not in shown and not list(data_dir.iterdir())  # and no local file instead


def test_the_owner_keeps_the_settings_in_the_workspace_and_it_opens_with_them(data_dir: Path) -> None:
    round_with_a_plan(data_dir)
    at = open_in_app(new_app())
    assert at.session_state["alignment.settings"].min_group_size == Settings().min_group_size
    at.session_state["alignment.settings"] = Settings(min_group_size=8)
    at.switch_page("pages/settings.py").run()
    click(at, "ws_keep_settings")
    assert "the workspace opens with these settings" in texts(at.success)
    assert Workspace(store(data_dir)).settings().min_group_size == 8
    assert open_in_app(new_app()).session_state["alignment.settings"].min_group_size == 8  # another owner session
    assert "Keep these settings in the workspace" not in [
        b.label for b in new_app().switch_page("pages/settings.py").run().button
    ]


def test_a_postgresql_url_in_the_secrets_holds_the_workspace_and_a_team_contributes_to_it(data_dir: Path) -> None:
    """The app against a real PostgreSQL (a throwaway cluster; skipped without PostgreSQL, required with CI=true)."""
    from alignment.workspace import open_store
    from tests.pg_cluster import postgres_cluster

    with postgres_cluster() as cluster:
        url = cluster.fresh_database("app")
        secrets = {"workspace": {"url": url}}
        at = new_app(secrets=secrets)
        at.text_input(key="ws_new").set_value(PASSPHRASE)
        at.text_input(key="ws_new_repeat").set_value(PASSPHRASE)
        at.text_input(key="ws_first_round").set_value("2026-Q2")
        at.checkbox(key="ws_understood").check()
        click(at, "Create the workspace")
        assert "The workspace is open: 1 round" in texts(at.success)
        owner = Workspace(open_store(url)).unlock(PASSPHRASE)
        team = new_app(secrets=secrets, contribute=owner.code("2026-Q2"))
        next(u for u in team.file_uploader if u.key == "ws_contribution_files").set_value((FIRST[0], FIRST[1], "text/csv")).run()
        click(team, "ws_contribute")
        assert "Added to round **2026-Q2** and sealed" in texts(team.success)
        assert [c.files for c in owner.contributions("2026-Q2")] == [[FIRST[0]]]
        assert not list(data_dir.iterdir())  # nothing went to a local file
        open_store(url).dispose()
