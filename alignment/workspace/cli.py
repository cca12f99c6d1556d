"""`python -m alignment workspace init|add|close|rounds|export|import|recover`, and `--workspace DB` for
analyze and report: every closed round analysed together.

The database is --db (a DuckDB file or a postgresql:// URL), else ALIGNMENT_DATABASE_URL. The passphrase comes
from ALIGNMENT_PASSPHRASE, else a prompt at a terminal; it is never an argument (it would stay in the shell's
history and the process list).
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path

from ..errors import InputError
from ..paths import existing_files

PASSPHRASE_ENV = "ALIGNMENT_PASSPHRASE"
RECOVERY_ENV = "ALIGNMENT_RECOVERY_KEY"
NEW_PASSPHRASE_ENV = "ALIGNMENT_NEW_PASSPHRASE"


def add_parsers(commands) -> None:
    workspace = commands.add_parser("workspace", help="an encrypted workspace that keeps every round (DuckDB file or PostgreSQL)")
    actions = workspace.add_subparsers(dest="workspace_command", required=True)

    def with_db(name: str, help_text: str):
        parser = actions.add_parser(name, help=help_text)
        parser.add_argument("--db", help="the workspace: a DuckDB file or a postgresql:// URL (default: ALIGNMENT_DATABASE_URL)")
        return parser

    with_db("init", "create a workspace; prints its recovery key once")
    add = with_db("add", "add files to a round as one contribution (the round is opened when new)")
    add.add_argument("--round", required=True, help="the round's name, e.g. 2026-Q1")
    add.add_argument("--period", help="the round's survey period, when the round is new")
    add.add_argument("--replaces", help="correct a closed round: the id of the contribution this one replaces (owner)")
    add.add_argument("paths", nargs="+", help="the round's survey file and any evidence files")
    close = with_db("close", "close a round: it is frozen, and analyses include it")
    close.add_argument("--round", required=True)
    rounds = with_db("rounds", "list the rounds and their contributions")
    rounds.add_argument("--json", action="store_true", help="print JSON: each round with its contributions by file name")
    export = with_db("export", "write the whole workspace as one encrypted archive")
    export.add_argument("--out", required=True, help="the archive to write")
    restore = with_db("import", "restore an archive into a new DuckDB file or an empty PostgreSQL database")
    restore.add_argument("archive", help="a file written by 'workspace export'")
    with_db("recover", f"set a new passphrase with the recovery key ({RECOVERY_ENV}, {NEW_PASSPHRASE_ENV} or prompts)")


def _target(db: str | None) -> str:
    from .store import default_target

    target = db or default_target()
    if not target:
        raise InputError("No workspace given.", "Pass --db FILE (or a postgresql:// URL), or set ALIGNMENT_DATABASE_URL.")
    return target


def _secret(env: str, prompt: str, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InputError(f"No {prompt.lower()} given.", f"Set {env}, or run the command at a terminal to be asked.")
    value = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt} again: ") != value:
        raise InputError("The two entries differ: nothing was changed.")
    return value


def _owner(db: str | None):
    from .core import Workspace
    from .store import open_store

    return Workspace(open_store(_target(db))).unlock(_secret(PASSPHRASE_ENV, "Passphrase"))


def _rounds_json(owner) -> list[dict]:
    contributions = owner.contributions()
    listed = []
    for r in owner.workspace.rounds():
        listed.append(
            {
                "name": r.name,
                "period": r.period,
                "status": r.status,
                "created": r.created,
                "closed": r.closed,
                "code": owner.code(r.name) if r.status == "open" else None,
                "contributions": [c.to_json() for c in contributions if c.round == r.name],
            }
        )
    return listed


def run(args) -> None:
    from .core import Workspace
    from .store import open_store

    command = args.workspace_command
    if command == "init":
        store = open_store(_target(args.db))
        _, recovery = Workspace.create(store, _secret(PASSPHRASE_ENV, "New passphrase", confirm=True))
        print(f"created a workspace in {store.where}")
        print(f"recovery key: {recovery}")
        print("Write the recovery key down now: it is shown only this once. Without the passphrase and the")
        print("recovery key nobody, not even the owner or the database's operator, can read the workspace again.")
    elif command == "add":
        files = [(path.name, path.read_bytes()) for path in existing_files(args.paths)]
        workspace = Workspace(open_store(_target(args.db)))

        def ready() -> None:
            print(f"checked and sealed {len(files)} file(s); storing the contribution ...", file=sys.stderr, flush=True)

        if args.replaces:
            owner = workspace.unlock(_secret(PASSPHRASE_ENV, "Passphrase"))
            added = owner.add(args.round, files, replaces=args.replaces, ready=ready)
        else:
            added = workspace.add(args.round, files, create=True, period=args.period, ready=ready)
        c = added.contribution
        rows = ", ".join(f"{table} {count:,}" for table, count in c.row_counts.items())
        print(f"added contribution {c.id} to round '{c.round}': {', '.join(c.files)} ({rows} rows)")
    elif command == "close":
        owner = _owner(args.db)
        owner.close(args.round)
        print(f"closed round '{args.round}'")
    elif command == "rounds":
        listed = _rounds_json(_owner(args.db))
        if args.json:
            print(json.dumps(listed, indent=2 if sys.stdout.isatty() else None))
            return
        for r in listed:
            print(
                f"{r['name']} ({r['status']}{', period ' + r['period'] if r['period'] else ''}): {len(r['contributions'])} contribution(s)"
            )
            if r["code"]:
                print(f"  contribution code: {r['code']}")
            for c in r["contributions"]:
                state = f" (replaced by {c['replaced_by']})" if c["replaced_by"] else ""
                rows = ", ".join(f"{t} {n:,}" for t, n in c["rows"].items())
                print(f"  {c['id']} {c['added'][:19]} {', '.join(c['files'])}: {rows}{state}")
    elif command == "export":
        from .archive import export_archive

        data = export_archive(_owner(args.db))
        Path(args.out).write_bytes(data)
        print(f"wrote {args.out} ({len(data):,} bytes, encrypted)")
    elif command == "import":
        from .archive import import_archive

        archive = existing_files([args.archive])[0]
        store = open_store(_target(args.db))
        import_archive(store, archive.read_bytes(), archive.name, passphrase=_secret(PASSPHRASE_ENV, "Passphrase"))
        print(f"imported '{archive.name}' into {store.where}")
    elif command == "recover":
        workspace = Workspace(open_store(_target(args.db)))
        recovery = _secret(RECOVERY_ENV, "Recovery key")
        workspace.recover(recovery, _secret(NEW_PASSPHRASE_ENV, "New passphrase", confirm=True))
        print("the passphrase is changed; the recovery key stays the same")


def workspace_dataset(db: str):
    """Every closed round of the workspace, analysed together (analyze/report --workspace)."""
    return _owner(db).dataset()
