"""The workspace's tables and their versioned migrations.

`schema_version` holds the version the database is at; MIGRATIONS are the ordered steps from one version to the
next, each run in the transaction that records it. A database at a newer version than this code knows is refused.

What is stored in the clear is metadata that identifies nobody: round names and periods, when things happened,
which tables a contribution held and their row counts, the settings and column mapping in force. Files,
file names, the action plan, meeting notes and the publication history are ciphertext.
"""

from __future__ import annotations

from .store import Store, Tx

TABLES = ("workspace", "rounds", "contributions", "settings", "plans", "notes", "publications")

# Each step: a list of statements; {blob} is the backend's binary type.
MIGRATIONS: list[list[str]] = [
    [  # 1: the workspace, its rounds and contributions, settings, plan, notes and publication history
        """CREATE TABLE workspace (id TEXT PRIMARY KEY, created TEXT NOT NULL, public_key {blob} NOT NULL,
               salt {blob} NOT NULL, ops BIGINT NOT NULL, mem BIGINT NOT NULL,
               by_passphrase {blob} NOT NULL, by_recovery {blob} NOT NULL)""",
        """CREATE TABLE unlock_attempts (workspace TEXT PRIMARY KEY, failures BIGINT NOT NULL, last_failure DOUBLE PRECISION)""",
        """CREATE TABLE rounds (name TEXT PRIMARY KEY, position BIGINT NOT NULL, period TEXT, status TEXT NOT NULL,
               created TEXT NOT NULL, closed TEXT, code_hash TEXT NOT NULL, code {blob} NOT NULL,
               contributions BIGINT NOT NULL)""",
        """CREATE TABLE contributions (id TEXT PRIMARY KEY, round TEXT NOT NULL, added TEXT NOT NULL, by_owner BOOLEAN NOT NULL,
               replaces TEXT, tables TEXT NOT NULL, row_counts TEXT NOT NULL, size BIGINT NOT NULL,
               manifest {blob} NOT NULL, payload {blob} NOT NULL)""",
        """CREATE TABLE settings (id TEXT PRIMARY KEY, saved TEXT NOT NULL, settings TEXT, mapping TEXT)""",
        """CREATE TABLE plans (id TEXT PRIMARY KEY, round TEXT NOT NULL, saved TEXT NOT NULL, blob {blob} NOT NULL)""",
        """CREATE TABLE notes (id TEXT PRIMARY KEY, round TEXT NOT NULL, saved TEXT NOT NULL, blob {blob} NOT NULL)""",
        """CREATE TABLE publications (id TEXT PRIMARY KEY, published TEXT NOT NULL, blob {blob} NOT NULL)""",
    ],
    [  # 2: the lookups every page makes
        "CREATE INDEX contributions_round ON contributions (round, added)",
        "CREATE INDEX plans_round ON plans (round, saved)",
        "CREATE INDEX notes_round ON notes (round, saved)",
    ],
]
VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    pass


def current_version(tx: Tx, store: Store) -> int:
    if store.kind == "postgresql":
        found = tx.rows(
            "SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version' AND table_schema = current_schema()"
        )
    else:
        found = tx.rows("SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version'")
    if not found:
        return 0
    row = tx.rows("SELECT max(version) FROM schema_version")
    return int(row[0][0] or 0)


def migrate(store: Store) -> int:
    """Bring the database to VERSION, one transaction for all steps; returns the version it was at."""
    from ..errors import InputError

    with store.transaction() as tx:
        if store.kind == "postgresql":
            tx.execute("SELECT pg_advisory_xact_lock(2020)")  # two first openings at once: one migrates, the other waits
        before = current_version(tx, store)
        if before > VERSION:
            raise InputError(
                f"The workspace {store.where} was written by a newer version of this app (schema {before}, this one knows {VERSION}).",
                "Update the app, then open it again.",
            )
        if before == 0:
            tx.execute("CREATE TABLE schema_version (version BIGINT NOT NULL, applied TEXT NOT NULL)")
        for version in range(before + 1, VERSION + 1):
            for statement in MIGRATIONS[version - 1]:
                tx.execute(statement.format(blob=store.blob))
            tx.execute("INSERT INTO schema_version VALUES (:v, CAST(current_timestamp AS TEXT))", {"v": version})
    return before
