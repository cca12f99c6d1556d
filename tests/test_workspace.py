"""The encrypted workspace (issue 20) on both backends: an embedded DuckDB file and PostgreSQL (a throwaway
cluster, tests/pg_cluster.py; skipped with the reason when PostgreSQL is not installed, required with CI=true)."""

from __future__ import annotations

import io
import json
import re
import zlib
from pathlib import Path

import pandas as pd
import pytest

from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import breakdowns
from alignment.errors import InputError
from alignment.results import results
from alignment.selection import Selection
from alignment.workspace import DuckDBStore, Workspace, open_store
from alignment.workspace.archive import dump, export_archive, import_archive
from tests.conftest import SAMPLE_CSV
from tests.pg_cluster import postgres_cluster
from tests.test_combine import split_sample

PASSPHRASE = "correct horse battery staple"
PLAN_TEXT = "Start a shadowing week with the Lisbon branch"
NOTE_TEXT = "Finance asked for the outage cost figures first"


@pytest.fixture(scope="module")
def cluster():
    with postgres_cluster() as running:
        yield running


_databases = iter(range(1, 10_000))


@pytest.fixture(params=["duckdb", "postgresql"])
def store(request, tmp_path):
    if request.param == "duckdb":
        yield DuckDBStore(tmp_path / "workspace.duckdb")
        return
    running = request.getfixturevalue("cluster")
    made = open_store(running.fresh_database(f"ws{next(_databases)}"))
    yield made
    made.dispose()


def analysis(dataset: Dataset) -> str:
    settings = Settings()
    data = {**results(dataset, settings, Selection(None, None, None)).to_json(), "breakdowns": breakdowns(dataset, settings)}
    data.pop("source")  # the files' names
    return json.dumps(data, sort_keys=True, default=str)


def two_closed_rounds(store) -> tuple:
    owner, recovery = Workspace.create(store, PASSPHRASE)
    first, second = split_sample()
    owner.add("2026 H1", [first], create=True)
    owner.add("2026 H2", [second], create=True)
    owner.close("2026 H1")
    owner.close("2026 H2")
    return owner, recovery


def sample_comments() -> list[str]:
    frame = pd.read_csv(SAMPLE_CSV, dtype=str, keep_default_na=False)
    columns = [c for c in frame.columns if c.split(" ")[0].endswith("-O")]
    texts = {t for c in columns for t in frame[c] if len(t) >= 20}
    assert len(texts) > 50
    return sorted(texts)


def test_two_closed_rounds_analyse_exactly_as_the_two_files_uploaded_together(store) -> None:
    owner, _ = two_closed_rounds(store)
    together = Dataset.from_files(list(split_sample()))
    from_workspace = owner.dataset()
    assert from_workspace.report.files == ["round1.csv", "round2.csv"]
    assert analysis(from_workspace) == analysis(together)
    # and both are the whole sample, which was never split (an independent golden)
    assert analysis(from_workspace) == analysis(Dataset.from_files([("responses.csv", SAMPLE_CSV.read_bytes())]))


def test_an_open_round_is_not_analysed_and_a_closed_one_is_frozen(store) -> None:
    owner, _ = Workspace.create(store, PASSPHRASE)
    first, second = split_sample()
    owner.add("R1", [first], create=True)
    with pytest.raises(InputError, match="No round is closed"):
        owner.dataset()
    owner.close("R1")
    with pytest.raises(InputError, match="closed: it is frozen"):
        Workspace(store).add("R1", [second])
    assert owner.dataset().periods() == ["2025-Q4", "2026-Q1"]


def test_a_correction_is_a_new_version_that_replaces_the_old_one(store) -> None:
    owner, _ = Workspace.create(store, PASSPHRASE)
    first, _ = split_sample()
    original = owner.add("R1", [first], create=True).contribution
    owner.close("R1")
    frame = pd.read_csv(SAMPLE_CSV, dtype=str, keep_default_na=False)
    corrected = frame[frame["period"] == "2025-Q4"].to_csv(index=False).encode()
    with pytest.raises(InputError, match="Only the owner"):
        Workspace(store).add("R1", [("fixed.csv", corrected)], replaces=original.id)
    fixed = owner.add("R1", [("fixed.csv", corrected)], replaces=original.id).contribution
    listed = owner.contributions("R1")
    assert [(c.id, c.replaced_by) for c in listed] == [(original.id, fixed.id), (fixed.id, None)]
    assert listed[0].files == ["round1.csv"] and listed[1].files == ["fixed.csv"]  # the old version is kept
    assert owner.dataset().periods() == ["2025-Q4"]
    with pytest.raises(InputError, match="already corrected"):
        owner.add("R1", [("fixed.csv", corrected)], replaces=original.id)


def test_the_database_bytes_hold_no_respondent_id_and_no_comment_text(store, request) -> None:
    owner, _ = two_closed_rounds(store)
    owner.save_plan("2026 H2", pd.DataFrame([{"action": PLAN_TEXT, "owner": "Dana", "status": "open"}]))
    owner.save_notes("2026 H2", {"summary": NOTE_TEXT})
    ids = pd.read_csv(SAMPLE_CSV, dtype=str)["respondent_id"].tolist()
    assert len(ids) == 240
    # the data is there: the owner reads every id and comment back
    files = owner.closed_files()
    plain = b"".join(data for _, data in files)
    assert all(i.encode() in plain for i in ids) and all(t.encode() in plain for t in sample_comments())
    if store.kind == "duckdb":
        raw = b"".join(p.read_bytes() for p in Path(store.path).parent.glob("workspace.duckdb*"))
    else:
        raw = request.getfixturevalue("cluster").dump(store.url)
    with store.transaction() as tx:
        payloads = [bytes(p) for (p,) in tx.rows("SELECT payload FROM contributions")]
    # the sealed files are in the bytes examined (as they are, or as pg_dump's hex)
    assert all(p in raw or p.hex().encode() in raw for p in payloads)
    raw = re.sub(rb"\x00{16,}", b"\x00", raw)  # a DuckDB file is mostly empty blocks: search what is written
    found = [i for i in ids if re.search(rb"(?<![0-9A-Za-z])" + i.encode() + rb"(?![0-9])", raw)]
    assert found == []
    for text in [*sample_comments(), PLAN_TEXT, NOTE_TEXT, "round1.csv", "round2.csv"]:
        assert text.encode() not in raw, text
    # and every stored file is ciphertext, not merely compressed: no blob of a contribution inflates
    with store.transaction() as tx:
        blobs = [bytes(b) for row in tx.rows("SELECT manifest, payload FROM contributions") for b in row]
    for blob in blobs:
        with pytest.raises(zlib.error):
            zlib.decompress(blob)


def test_a_wrong_passphrase_is_refused_and_changes_nothing(store) -> None:
    two_closed_rounds(store)
    before = dump(store)
    with pytest.raises(InputError) as caught:
        Workspace(store).unlock("not the passphrase")
    assert caught.value.message == "Wrong passphrase: the workspace was not opened."
    assert dump(store) == before  # only the attempt counter moved
    with store.transaction() as tx:
        assert tx.rows("SELECT failures FROM unlock_attempts") == [(1,)]


def test_passphrase_attempts_are_rate_limited(store, monkeypatch) -> None:
    Workspace.create(store, PASSPHRASE)
    workspace = Workspace(store)
    clock = [1_000_000.0]
    monkeypatch.setattr("alignment.workspace.core.time.time", lambda: clock[0])
    for _ in range(3):
        with pytest.raises(InputError, match="Wrong passphrase"):
            workspace.unlock("guess number one")
    with pytest.raises(InputError, match="Too many wrong tries: wait 1 s"):
        workspace.unlock(PASSPHRASE)  # refused before the key is derived, even the right one
    clock[0] += 1.5
    with pytest.raises(InputError, match="Wrong passphrase"):
        workspace.unlock("guess number four")
    with pytest.raises(InputError, match="wait 2 s"):  # each wrong try doubles the wait
        workspace.unlock("guess number five")
    clock[0] += 2.5
    assert workspace.unlock(PASSPHRASE).contributions() == []
    with store.transaction() as tx:
        assert tx.rows("SELECT failures FROM unlock_attempts") == [(0,)]  # the right one resets the count


def test_the_recovery_key_opens_and_sets_a_new_passphrase(store) -> None:
    _, recovery = two_closed_rounds(store)
    assert re.fullmatch(r"([A-Z2-7]{4}-){12}[A-Z2-7]{4}", recovery)
    workspace = Workspace(store)
    with pytest.raises(InputError, match="Wrong recovery key"):
        workspace.recover(recovery.replace(recovery[0], "A" if recovery[0] != "A" else "B", 1), "a brand new passphrase")
    workspace.recover(recovery.lower(), "a brand new passphrase")
    with pytest.raises(InputError, match="Wrong passphrase"):
        Workspace(store).unlock(PASSPHRASE)
    assert len(Workspace(store).unlock("a brand new passphrase").closed_files()) == 2


def test_a_contributor_adds_with_the_code_but_reads_nothing(store, tmp_path) -> None:
    owner, _ = Workspace.create(store, PASSPHRASE)
    owner.workspace.open_round("2026-Q3", period="2026-Q3")
    code = owner.code("2026-Q3")
    first, _ = split_sample()
    added = Workspace(store).contribute(code.lower().replace("-", " "), [first])
    rows = len(pd.read_csv(io.BytesIO(first[1])))  # the sample's first two periods: 61 + 61 respondents
    assert rows == 122 and added.contribution.row_counts == {"responses": rows}
    assert added.loaded.survey.report.rows_kept == rows  # the team's own feedback comes from its own files
    with pytest.raises(InputError, match="opens no round"):
        Workspace(store).contribute("AAAA-BBBB-CCCC-DDDD", [first])
    # another workspace's key cannot open the contribution
    other, _ = Workspace.create(DuckDBStore(tmp_path / "other.duckdb"), PASSPHRASE)
    with store.transaction() as tx:
        payload = bytes(tx.rows("SELECT payload FROM contributions")[0][0])
    from alignment.workspace import crypto

    with pytest.raises(InputError, match="cannot be decrypted"):
        crypto.unseal(other.private, payload, "The contribution")
    owner.close("2026-Q3")
    with pytest.raises(InputError, match="closed"):
        Workspace(store).contribute(code, [first])


def test_a_bad_file_is_refused_before_anything_is_stored(store) -> None:
    owner, _ = Workspace.create(store, PASSPHRASE)
    with pytest.raises(InputError):
        owner.add("R1", [("notes.csv", b"just,some\nwords,here\n")], create=True)
    assert owner.workspace.rounds() == [] and owner.contributions() == []


def test_plan_versions_keep_the_status_history_and_notes_the_last_word(store) -> None:
    owner, _ = two_closed_rounds(store)
    owner.save_plan(
        "2026 H1", pd.DataFrame([{"action": PLAN_TEXT, "status": "open"}, {"action": "Publish KPIs", "status": "open"}])
    )
    owner.save_plan(
        "2026 H1", pd.DataFrame([{"action": PLAN_TEXT, "status": "in progress"}, {"action": "Publish KPIs", "status": "open"}])
    )
    owner.save_plan(
        "2026 H1", pd.DataFrame([{"action": PLAN_TEXT, "status": "done"}, {"action": "Publish KPIs", "status": "open"}])
    )
    history = [(h["action"], h["status"]) for h in owner.status_history("2026 H1")]
    assert history == [(PLAN_TEXT, "open"), ("Publish KPIs", "open"), (PLAN_TEXT, "in progress"), (PLAN_TEXT, "done")]
    assert owner.plan("2026 H1")["status"].tolist() == ["done", "open"]
    assert owner.plan("2026 H2") is None
    owner.save_notes("2026 H1", {"summary": "first"})
    owner.save_notes("2026 H1", {"summary": NOTE_TEXT})
    assert owner.notes("2026 H1") == {"summary": NOTE_TEXT}
    assert owner.last_closed_round() == "2026 H2"


def test_export_and_import_round_trip_identically_across_backends(store, cluster, tmp_path) -> None:
    owner, _ = two_closed_rounds(store)
    owner.save_plan("2026 H2", pd.DataFrame([{"action": PLAN_TEXT, "status": "open"}]))
    owner.save_notes("2026 H2", {"summary": NOTE_TEXT})
    shown = analysis(owner.dataset())  # deciding the view appends the publication history
    assert len(owner.publication_history()) > 0
    archive = export_archive(owner)
    assert PLAN_TEXT.encode() not in archive and b"R001" not in archive
    other = (
        DuckDBStore(tmp_path / "restored.duckdb")
        if store.kind == "postgresql"
        else open_store(cluster.fresh_database("restored"))
    )
    restored = import_archive(other, archive, "workspace.archive", passphrase=PASSPHRASE)
    assert dump(other) == dump(store)
    back = DuckDBStore(tmp_path / "back.duckdb")
    import_archive(back, export_archive(restored), "again.archive", passphrase=PASSPHRASE)
    assert dump(back) == dump(store)  # DuckDB -> Postgres -> DuckDB (or the other way) changes nothing
    assert analysis(restored.dataset()) == shown  # decided against the same history
    assert restored.plan("2026 H2")["action"].tolist() == [PLAN_TEXT]
    with pytest.raises(InputError, match="already holds a workspace"):
        import_archive(other, archive, "workspace.archive", passphrase=PASSPHRASE)
    with pytest.raises(InputError, match="Wrong passphrase"):
        import_archive(DuckDBStore(tmp_path / "x.duckdb"), archive, "a", passphrase="not the passphrase")
    damaged = archive[:-40] + bytes(40)
    with pytest.raises(InputError, match="cannot be decrypted"):
        import_archive(DuckDBStore(tmp_path / "y.duckdb"), damaged, "a", passphrase=PASSPHRASE)
    with pytest.raises(InputError, match="is not a workspace archive"):
        import_archive(DuckDBStore(tmp_path / "z.duckdb"), b"PK\x03\x04 a zip file", "report.xlsx", passphrase=PASSPHRASE)
    other.dispose()


def test_a_foreign_or_damaged_database_gets_a_clear_error(tmp_path) -> None:
    text = tmp_path / "survey.csv"
    text.write_text("respondent_id,REL-1\nR1,4\n" * 200)
    with pytest.raises(InputError, match="is not a workspace database"):
        Workspace(DuckDBStore(text))
    assert text.read_text().startswith("respondent_id")  # the file was not touched
    empty = DuckDBStore(tmp_path / "new.duckdb")
    with pytest.raises(InputError, match="holds no workspace yet"):
        Workspace(empty)
    owner, _ = Workspace.create(DuckDBStore(tmp_path / "ws.duckdb"), PASSPHRASE)
    first, _ = split_sample()
    contribution = owner.add("R1", [first], create=True).contribution
    with owner.store.transaction() as tx:
        tx.execute("UPDATE contributions SET payload = :p", {"p": b"\x00" * 200})
    with pytest.raises(InputError, match=f"Contribution {contribution.id} cannot be decrypted"):
        owner.files(contribution.id)


def test_a_newer_schema_is_refused(tmp_path) -> None:
    store = DuckDBStore(tmp_path / "ws.duckdb")
    Workspace.create(store, PASSPHRASE)
    with store.transaction() as tx:
        tx.execute("INSERT INTO schema_version VALUES (99, 'later')")
    with pytest.raises(InputError, match="newer version of this app"):
        Workspace(store)


def test_migrations_run_step_by_step_from_an_older_schema(tmp_path) -> None:
    from alignment.workspace.schema import MIGRATIONS, VERSION, migrate

    store = DuckDBStore(tmp_path / "old.duckdb")
    with store.transaction() as tx:  # a database made by the first version of the schema
        tx.execute("CREATE TABLE schema_version (version BIGINT NOT NULL, applied TEXT NOT NULL)")
        for statement in MIGRATIONS[0]:
            tx.execute(statement.format(blob=store.blob))
        tx.execute("INSERT INTO schema_version VALUES (1, 'then')")
    assert migrate(store) == 1
    with store.transaction() as tx:
        assert [v for (v,) in tx.rows("SELECT version FROM schema_version ORDER BY version")] == list(range(1, VERSION + 1))
        assert tx.rows("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'contributions_round'") == [(1,)]
    assert migrate(store) == VERSION  # nothing left to do
