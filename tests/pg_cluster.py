"""A throwaway PostgreSQL cluster for the workspace tests: initdb into a temporary folder, pg_ctl on a free port,
the unix socket in that folder (no TCP), stopped and removed afterwards.

Debian's postgresql package puts its programs under /usr/lib/postgresql/VERSION/bin. initdb refuses to run as
root, so as root the cluster runs as the `postgres` user (or `nobody`) through runuser. Without the programs the
tests are skipped with the reason; with CI=true they must run.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "alignment"


@dataclass
class Cluster:
    url: str
    socket_dir: Path
    port: int
    bin: Path

    def dump(self, url: str | None = None) -> bytes:
        """pg_dump of the database (the one `url` names, else the cluster's first): the bytes an operator's backup holds."""
        database = re.search(r"/([^/?]+)\?", url or self.url)[1]
        return subprocess.run(
            [str(self.bin / "pg_dump"), "-h", str(self.socket_dir), "-p", str(self.port), "-U", USER, database],
            check=True,
            capture_output=True,
            timeout=120,
        ).stdout

    def fresh_database(self, name: str) -> str:
        """A new empty database in the cluster; its URL."""
        subprocess.run(
            [str(self.bin / "createdb"), "-h", str(self.socket_dir), "-p", str(self.port), "-U", USER, name],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return self.url.replace("/postgres?", f"/{name}?")


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def require_binaries() -> Path:
    found = binaries()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is not installed (apt-get install postgresql); with CI=true the workspace tests must run")
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql): the PostgreSQL backend is not tested")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user() -> tuple[list[str], str | None]:
    """The command prefix that runs a program as a non-root user, and that user's name (None: ourselves)."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], name
    pytest.skip("running as root and no postgres or nobody user to run PostgreSQL as")


@contextmanager
def postgres_cluster() -> Iterator[Cluster]:
    bin_dir = require_binaries()
    prefix, user = _as_user()
    root = Path(tempfile.mkdtemp(prefix="alignment-pg-"))
    data, log = root / "data", root / "server.log"
    if user:
        shutil.chown(root, user)
        root.chmod(0o700)
    port = _free_port()
    subprocess.run(
        [*prefix, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync"],
        check=True,
        capture_output=True,
        timeout=180,
    )
    options = f"-p {port} -k {root} -c listen_addresses='' -c fsync=off -c max_connections=60"
    subprocess.run(
        [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        yield Cluster(f"postgresql://{USER}@/postgres?host={root}&port={port}", root, port, bin_dir)
    finally:
        subprocess.run(
            [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True, timeout=60
        )
        shutil.rmtree(root, ignore_errors=True)
