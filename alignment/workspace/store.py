"""Where a workspace lives: one small interface, two backends.

A Store hands out transactions; a transaction runs SQL with named parameters (`:name`) and returns rows. Each
write of the workspace is one transaction: it lands whole or not at all.

- DuckDBStore: an embedded DuckDB file (the default). DuckDB lets one process write a file at a time, so each
  transaction opens the file, runs and closes it again, retrying with back-off while another process holds it.
- SqlStore: PostgreSQL through SQLAlchemy (psycopg), e.g. a managed Postgres such as Neon or Supabase.
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError

LOCK_WAIT_SECONDS = 60.0  # how long a transaction waits for another process's hold on a DuckDB file
_PARAM = re.compile(r"(?<!:):([a-z_][a-z0-9_]*)")


class Tx:
    """One transaction: execute() returns the rows changed, rows() the rows read."""

    def execute(self, sql: str, params: dict | None = None) -> int:
        raise NotImplementedError

    def rows(self, sql: str, params: dict | None = None) -> list[tuple]:
        raise NotImplementedError

    def serialise_rounds(self) -> None:
        """Make this transaction the only one changing the rounds until it ends (a DuckDB file has one writer
        already; PostgreSQL needs a table lock, or two adds creating the same round would both insert it)."""


class Store:
    kind = ""  # "duckdb" or "postgresql"
    blob = "BLOB"  # the binary column type
    where = ""  # shown in messages: the file, or the database without its password

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        raise NotImplementedError
        yield  # pragma: no cover

    def dispose(self) -> None:
        """Let go of any connections (the store can be used again afterwards)."""


# ------------------------------------------------------------------------------------------------ DuckDB


class _DuckTx(Tx):
    def __init__(self, con) -> None:
        self.con = con

    def execute(self, sql: str, params: dict | None = None) -> int:
        result = self.con.execute(_PARAM.sub(r"$\1", sql), params or {})
        try:
            rows = result.fetchall()
        except Exception:  # a statement without a result
            return 0
        return int(rows[0][0]) if rows and len(rows[0]) == 1 and isinstance(rows[0][0], int) else 0

    def rows(self, sql: str, params: dict | None = None) -> list[tuple]:
        return self.con.execute(_PARAM.sub(r"$\1", sql), params or {}).fetchall()


_DUCKDB_MAGIC = b"DUCK"  # at offset 8 of every DuckDB database file
_FILE_LOCKS: dict[str, threading.Lock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def _busy(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set lock" in text)


class DuckDBStore(Store):
    kind = "duckdb"
    blob = "BLOB"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.where = f"'{self.path}'"
        with _FILE_LOCKS_GUARD:
            self._lock = _FILE_LOCKS.setdefault(str(self.path.resolve()), threading.Lock())

    def _check_file(self) -> None:
        """A file that exists must be a DuckDB database: DuckDB itself would open a CSV or Parquet file as a view."""
        try:
            with self.path.open("rb") as file:
                head = file.read(12)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise InputError(f"{self.where} cannot be read: {exc.strerror or exc}.") from None
        if head and head[8:12] != _DUCKDB_MAGIC:
            raise InputError(f"{self.where} is not a workspace database (not a DuckDB file).", _NOT_A_WORKSPACE)

    def _connect(self):
        import duckdb

        self._check_file()
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        pause = 0.02
        while True:
            try:
                return duckdb.connect(
                    str(self.path),
                    config={
                        "enable_external_access": False,
                        "autoinstall_known_extensions": False,
                        "autoload_known_extensions": False,
                        "threads": 1,
                    },
                )
            except duckdb.IOException as exc:
                if _busy(exc) and time.monotonic() < deadline:
                    time.sleep(pause * (0.5 + random.random()))  # another process writes: wait, with jitter
                    pause = min(pause * 2, 1.0)
                    continue
                if _busy(exc):
                    raise InputError(
                        f"The workspace {self.where} stayed busy for {LOCK_WAIT_SECONDS:.0f} s.", "Try again in a moment."
                    ) from None
                raise InputError(f"{self.where} is not a workspace database: {exc}".strip(), _NOT_A_WORKSPACE) from None
            except duckdb.Error as exc:
                raise InputError(f"{self.where} is not a workspace database: {exc}".strip(), _NOT_A_WORKSPACE) from None

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Hold FILE.lock (flock) while the database is open: one process at a time, the others wait with back-off.

        DuckDB's own lock is a POSIX record lock, which a process loses as soon as it closes any other handle of
        the file, and a process that fails to get it may still touch the write-ahead log; a separate lock file
        keeps the processes from meeting at the database at all."""
        try:
            import fcntl
        except ImportError:  # not a POSIX system: DuckDB's own lock and the retries in _connect
            yield
            return
        handle = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            pause = 0.01
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise InputError(
                            f"The workspace {self.where} stayed busy for {LOCK_WAIT_SECONDS:.0f} s.", "Try again in a moment."
                        ) from None
                    time.sleep(pause * (0.5 + random.random()))
                    pause = min(pause * 2, 0.5)
            yield
        finally:
            os.close(handle)  # releases the flock

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        import duckdb

        with self._lock, self._exclusive():  # one transaction at a time on this file: of this process, and of all
            con = self._connect()
            try:
                con.execute("BEGIN TRANSACTION")
                try:
                    yield _DuckTx(con)
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            except duckdb.Error as exc:
                if isinstance(exc, duckdb.CatalogException):
                    raise InputError(f"{self.where} holds no workspace ({exc}).", _NOT_A_WORKSPACE) from None
                raise
            finally:
                con.close()


_NOT_A_WORKSPACE = "Give the file made by 'workspace init' (or import an exported archive into a new file)."


# ------------------------------------------------------------------------------------------------ PostgreSQL


class _SqlTx(Tx):
    def __init__(self, conn) -> None:
        self.conn = conn

    def execute(self, sql: str, params: dict | None = None) -> int:
        from sqlalchemy import text

        result = self.conn.execute(text(sql), params or {})
        return max(int(result.rowcount or 0), 0)

    def rows(self, sql: str, params: dict | None = None) -> list[tuple]:
        from sqlalchemy import text

        return [
            tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in self.conn.execute(text(sql), params or {})
        ]

    def serialise_rounds(self) -> None:
        self.execute("LOCK TABLE rounds IN SHARE ROW EXCLUSIVE MODE")  # conflicts with itself and with UPDATE/INSERT


_ENGINES: dict[str, object] = {}
_ENGINES_GUARD = threading.Lock()


def postgres_url(url: str) -> str:
    """A postgres:// or postgresql:// URL with the psycopg driver SQLAlchemy needs."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise InputError(
        f"'{_without_password(url)}' is not a PostgreSQL URL.", "Write it as postgresql://user:password@host/database."
    )


def _without_password(url: str) -> str:
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


class SqlStore(Store):
    kind = "postgresql"
    blob = "BYTEA"

    def __init__(self, url: str) -> None:
        self.url = postgres_url(url)
        self.where = f"'{_without_password(url)}'"

    def _engine(self):
        from sqlalchemy import create_engine

        with _ENGINES_GUARD:
            if self.url not in _ENGINES:
                _ENGINES[self.url] = create_engine(self.url, pool_pre_ping=True, pool_size=5, max_overflow=10)
            return _ENGINES[self.url]

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        from sqlalchemy.exc import OperationalError, ProgrammingError

        try:
            with self._engine().begin() as conn:
                yield _SqlTx(conn)
        except OperationalError as exc:
            raise InputError(
                f"Cannot reach the workspace database {self.where}: {exc.orig}".strip(), "Check the URL and that the server runs."
            ) from None
        except ProgrammingError as exc:
            if "does not exist" in str(exc.orig):
                raise InputError(f"{self.where} holds no workspace ({exc.orig}).".strip(), _NOT_A_WORKSPACE) from None
            raise

    def dispose(self) -> None:
        with _ENGINES_GUARD:
            engine = _ENGINES.pop(self.url, None)
        if engine is not None:
            engine.dispose()


def open_store(target: str | Path) -> Store:
    """The store a --db value, a secrets URL or ALIGNMENT_DATABASE_URL names: a postgres URL, or a DuckDB file."""
    text = str(target)
    if re.match(r"^postgres(ql)?(\+psycopg)?://", text):
        return SqlStore(text)
    if "://" in text:
        raise InputError(
            f"'{_without_password(text)}' is neither a DuckDB file nor a postgresql:// URL.",
            "Give a file path or a postgresql:// URL.",
        )
    return DuckDBStore(text)


def default_target() -> str | None:
    """ALIGNMENT_DATABASE_URL, when set."""
    return os.environ.get("ALIGNMENT_DATABASE_URL") or None
