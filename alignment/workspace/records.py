"""What a workspace's rows hold, as Python values: rounds, contributions, and a contribution's files packed
into one byte string before they are sealed."""

from __future__ import annotations

import struct
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..errors import InputError

_FILES_MAGIC = b"ALIGNMENT-FILES-1\n"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return uuid.uuid4().hex


def pack_files(files: list[tuple[str, bytes]]) -> bytes:
    """Files as one compressed byte string (names and contents), the plaintext of a contribution."""
    parts = [_FILES_MAGIC]
    for name, data in files:
        encoded = name.encode()
        parts += [struct.pack(">I", len(encoded)), encoded, struct.pack(">Q", len(data)), data]
    return zlib.compress(b"".join(parts), 6)


def unpack_files(blob: bytes, what: str) -> list[tuple[str, bytes]]:
    try:
        raw = zlib.decompress(blob)
        if not raw.startswith(_FILES_MAGIC):
            raise ValueError("no header")
        files, at = [], len(_FILES_MAGIC)
        while at < len(raw):
            (size,) = struct.unpack_from(">I", raw, at)
            name = raw[at + 4 : at + 4 + size].decode()
            at += 4 + size
            (length,) = struct.unpack_from(">Q", raw, at)
            files.append((name, raw[at + 8 : at + 8 + length]))
            at += 8 + length
        return files
    except (zlib.error, struct.error, ValueError, UnicodeDecodeError):
        raise InputError(f"{what} is damaged: its files cannot be read.") from None


@dataclass
class Round:
    name: str
    period: str | None
    status: str  # "open" or "closed"
    created: str
    closed: str | None
    contributions: int


@dataclass
class Contribution:
    id: str
    round: str
    added: str
    by_owner: bool
    replaces: str | None
    tables: list[str]
    row_counts: dict[str, int]
    size: int
    replaced_by: str | None = None
    files: list[str] = field(default_factory=list)  # only for the owner

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "added": self.added,
            "files": self.files,
            "tables": self.tables,
            "rows": self.row_counts,
            "bytes": self.size,
            "replaces": self.replaces,
            "replaced_by": self.replaced_by,
            "by_owner": self.by_owner,
        }
