"""One encrypted file holding a whole workspace: export from either backend, import into either.

Layout: a magic line, a JSON header with the public key and the twice-encrypted private key (so the passphrase
or the recovery key opens the archive as it opens the workspace), then every table's rows, compressed and
encrypted with the owner's key. The rows go in as they are stored (ciphertext stays ciphertext), so an import
is the same workspace: the same rounds, contributions, plan versions, notes and publication history.
"""

from __future__ import annotations

import base64
import json
import struct
import zlib

from ..errors import InputError
from . import crypto
from .core import Workspace
from .owner import Owner
from .schema import TABLES, VERSION, migrate
from .store import Store

MAGIC = b"ALIGNMENT-WORKSPACE-ARCHIVE-1\n"


def _plain(value):
    if isinstance(value, bytes | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    return value


def _value(value):
    if isinstance(value, dict) and "$bytes" in value:
        return base64.b64decode(value["$bytes"])
    return value


def _names(tx, table: str) -> list[str]:
    rows = tx.rows(
        """SELECT column_name FROM information_schema.columns WHERE table_name = :t AND table_schema = current_schema()
           ORDER BY ordinal_position""",
        {"t": table},
    )
    return [name for (name,) in rows]


def dump(store: Store) -> dict[str, dict]:
    """Every table of the workspace (but the attempt counter) as columns and rows, ordered: what an archive holds,
    and what two databases holding the same workspace have alike."""
    tables = {}
    with store.transaction() as tx:
        for table in TABLES:
            names = _names(tx, table)
            rows = sorted(tx.rows(f"SELECT {', '.join(names)} FROM {table}"), key=lambda row: str(row[0]))  # by key, bytewise
            tables[table] = {"columns": names, "rows": [[_plain(v) for v in row] for row in rows]}
    return tables


def export_archive(owner: Owner) -> bytes:
    keys = owner.workspace.keys
    header = {
        "schema": VERSION,
        "public_key": base64.b64encode(keys.public_key).decode(),
        "salt": base64.b64encode(keys.salt).decode(),
        "ops": keys.ops,
        "mem": keys.mem,
        "by_passphrase": base64.b64encode(keys.by_passphrase).decode(),
        "by_recovery": base64.b64encode(keys.by_recovery).decode(),
    }
    body = zlib.compress(json.dumps(dump(owner.store), sort_keys=True).encode(), 6)
    encoded = json.dumps(header, sort_keys=True).encode()
    return MAGIC + struct.pack(">I", len(encoded)) + encoded + bytes(crypto.owner_box(owner.private).encrypt(body))


def _header(data: bytes, name: str) -> tuple[crypto.WrappedKey, int, bytes]:
    if not data.startswith(MAGIC):
        raise InputError(f"'{name}' is not a workspace archive.", "Give a file written by 'workspace export'.")
    try:
        (size,) = struct.unpack_from(">I", data, len(MAGIC))
        start = len(MAGIC) + 4
        header = json.loads(data[start : start + size])
        wrapped = crypto.WrappedKey(
            base64.b64decode(header["public_key"]),
            base64.b64decode(header["salt"]),
            int(header["ops"]),
            int(header["mem"]),
            base64.b64decode(header["by_passphrase"]),
            base64.b64decode(header["by_recovery"]),
        )
        return wrapped, int(header["schema"]), data[start + size :]
    except (struct.error, ValueError, KeyError, TypeError):
        raise InputError(f"The workspace archive '{name}' is damaged: its header cannot be read.") from None


def import_archive(store: Store, data: bytes, name: str, passphrase: str | None = None, recovery: str | None = None) -> Owner:
    """Restore an archive into a database that holds no workspace yet; returns the owner of the restored one."""
    wrapped, schema, sealed = _header(data, name)
    if schema > VERSION:
        raise InputError(f"'{name}' was exported by a newer version of this app (schema {schema}).", "Update the app first.")
    private = (
        crypto.unlock_with_recovery(wrapped, recovery)
        if recovery is not None
        else crypto.unlock_with_passphrase(wrapped, passphrase or "")
    )
    body = crypto.owner_open(crypto.owner_box(private), sealed, f"The workspace archive '{name}'")
    try:
        tables = json.loads(zlib.decompress(body))
    except (zlib.error, ValueError):
        raise InputError(f"The workspace archive '{name}' is damaged: its contents cannot be read.") from None
    migrate(store)
    with store.transaction() as tx:
        if tx.rows("SELECT 1 FROM workspace"):
            raise InputError(
                f"{store.where} already holds a workspace: nothing was imported.", "Import into a new file or an empty database."
            )
        for table in TABLES:
            content = tables.get(table, {"columns": [], "rows": []})
            columns = content["columns"]
            for row in content["rows"]:
                params = {f"p{i}": _value(v) for i, v in enumerate(row)}
                tx.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + p for p in params)})", params)
        tx.execute("INSERT INTO unlock_attempts VALUES ('workspace', 0, NULL)")
    return Owner(Workspace(store), private)
