"""The workspace: rounds, contributions and what the owner keeps, over a Store.

Two roles, no accounts:
- a contributor (Workspace, no key) adds files to an open round, by the round's name on the command line or by
  its contribution code in the app, and can read back nothing: the files are sealed to the workspace's public key;
- the owner (Owner, opened with the passphrase or the recovery key) reads every round, closes rounds, corrects a
  closed round with a new version of a contribution, and keeps the action plan, meeting notes and settings.

Every write is one transaction. Wrong passphrases are counted in the database, and after a few each further try
waits longer (doubling), so guessing online is slow; the attempt is refused before the key is even derived.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from ..errors import InputError
from . import crypto
from .owner import Owner
from .records import Contribution, Round, new_id, now, pack_files
from .schema import migrate
from .store import Store

FREE_TRIES = 3  # wrong passphrases before each further try must wait
MAX_WAIT_SECONDS = 900.0
_WORKSPACE_ID = "workspace"


@dataclass
class Added:
    """A stored contribution and the survey it was checked with (the contributor's own feedback)."""

    contribution: Contribution
    loaded: object  # ingest.LoadedFiles


def describe(files: list[tuple[str, bytes]], mapping: dict | None):
    """Check the files load (the same checks as an upload) and say which tables they hold with how many rows."""
    from ..ingest import load_files

    loaded = load_files(files, mapping)
    counts = {"responses": int(loaded.survey.report.rows_kept)}
    counts.update({key: len(frame) for key, frame in loaded.evidence.items()})
    return loaded, counts


class Workspace:
    """A workspace as anyone with the database sees it: metadata, and adding to open rounds."""

    def __init__(self, store: Store) -> None:
        self.store = store
        migrate(store)
        with store.transaction() as tx:
            row = tx.rows("SELECT public_key, salt, ops, mem, by_passphrase, by_recovery FROM workspace")
        if not row:
            raise InputError(
                f"{store.where} holds no workspace yet.", "Create one first ('workspace init', or 'Create one' in the app)."
            )
        self.keys = crypto.WrappedKey(*(bytes(v) if isinstance(v, bytes | memoryview) else int(v) for v in row[0]))

    # ------------------------------------------------------------------------------ creating and opening

    @classmethod
    def create(cls, store: Store, passphrase: str) -> tuple[Owner, str]:
        """A new workspace in an empty database: the owner, and the recovery key (to show once)."""
        wrapped, private, recovery = crypto.new_keys(passphrase)
        migrate(store)
        with store.transaction() as tx:
            if tx.rows("SELECT 1 FROM workspace"):
                raise InputError(
                    f"{store.where} already holds a workspace.", "Open it with its passphrase, or choose another file."
                )
            tx.execute(
                "INSERT INTO workspace VALUES (:id, :created, :pk, :salt, :ops, :mem, :by_pass, :by_rec)",
                {
                    "id": _WORKSPACE_ID,
                    "created": now(),
                    "pk": wrapped.public_key,
                    "salt": wrapped.salt,
                    "ops": wrapped.ops,
                    "mem": wrapped.mem,
                    "by_pass": wrapped.by_passphrase,
                    "by_rec": wrapped.by_recovery,
                },
            )
            tx.execute("INSERT INTO unlock_attempts VALUES (:id, 0, NULL)", {"id": _WORKSPACE_ID})
        return Owner(cls(store), private), recovery

    def _wait_left(self) -> float:
        with self.store.transaction() as tx:
            failures, last = tx.rows(
                "SELECT failures, last_failure FROM unlock_attempts WHERE workspace = :id", {"id": _WORKSPACE_ID}
            )[0]
        if failures < FREE_TRIES or last is None:
            return 0.0
        wait = min(2.0 ** (failures - FREE_TRIES), MAX_WAIT_SECONDS)
        return max(0.0, float(last) + wait - time.time())

    def _counted(self, unlock, secret: str) -> Owner:
        left = self._wait_left()
        if left > 0:
            raise InputError(
                f"Too many wrong tries: wait {left:.0f} s before the next one.",
                "Each wrong passphrase doubles the wait; the right one resets it.",
            )
        try:
            private = unlock(self.keys, secret)
        except crypto.WrongKey:
            with self.store.transaction() as tx:
                tx.execute(
                    "UPDATE unlock_attempts SET failures = failures + 1, last_failure = :t WHERE workspace = :id",
                    {"t": time.time(), "id": _WORKSPACE_ID},
                )
            raise
        with self.store.transaction() as tx:
            tx.execute(
                "UPDATE unlock_attempts SET failures = 0, last_failure = NULL WHERE workspace = :id", {"id": _WORKSPACE_ID}
            )
        return Owner(self, private)

    def unlock(self, passphrase: str) -> Owner:
        return self._counted(crypto.unlock_with_passphrase, passphrase)

    def recover(self, recovery_key: str, new_passphrase: str) -> Owner:
        """Open with the recovery key and set a new passphrase (the recovery key stays valid)."""
        crypto.check_passphrase(new_passphrase)
        owner = self._counted(crypto.unlock_with_recovery, recovery_key)
        wrapped = crypto.rewrap(self.keys, owner.private, new_passphrase)
        with self.store.transaction() as tx:
            tx.execute(
                "UPDATE workspace SET salt = :salt, ops = :ops, mem = :mem, by_passphrase = :by_pass",
                {"salt": wrapped.salt, "ops": wrapped.ops, "mem": wrapped.mem, "by_pass": wrapped.by_passphrase},
            )
        self.keys = wrapped
        return owner

    # ------------------------------------------------------------------------------ what anyone may see

    def rounds(self) -> list[Round]:
        with self.store.transaction() as tx:
            rows = tx.rows("SELECT name, period, status, created, closed, contributions FROM rounds ORDER BY position")
        return [Round(*row) for row in rows]

    def round(self, name: str) -> Round:
        found = [r for r in self.rounds() if r.name == name]
        if not found:
            known = ", ".join(r.name for r in self.rounds()) or "none yet"
            raise InputError(f"There is no round '{name}'.", f"Rounds: {known}.")
        return found[0]

    def contributions(self, round_name: str | None = None) -> list[Contribution]:
        with self.store.transaction() as tx:
            rows = tx.rows(
                """SELECT c.id, c.round, c.added, c.by_owner, c.replaces, c.tables, c.row_counts, c.size
                   FROM contributions c JOIN rounds r ON r.name = c.round
                   WHERE CAST(:round AS TEXT) IS NULL OR c.round = :round ORDER BY r.position, c.added, c.id""",
                {"round": round_name},
            )
        found = [Contribution(i, r, a, bool(o), rep, json.loads(t), json.loads(c), int(s)) for i, r, a, o, rep, t, c, s in rows]
        replaced = {c.replaces: c.id for c in found if c.replaces}
        for contribution in found:
            contribution.replaced_by = replaced.get(contribution.id)
        return found

    def settings_text(self) -> tuple[str | None, str | None]:
        """The settings (TOML) and column mapping (JSON) in force, as saved last; (None, None) for the defaults."""
        with self.store.transaction() as tx:
            rows = tx.rows("SELECT settings, mapping FROM settings ORDER BY saved DESC, id DESC LIMIT 1")
        return rows[0] if rows else (None, None)

    def settings(self):
        from ..config import Settings
        from ..settings_file import settings_from_toml

        text, _ = self.settings_text()
        return settings_from_toml(text, "the workspace's settings") if text else Settings()

    def mapping(self) -> dict | None:
        from ..ingest.mapping import mapping_from_json

        _, text = self.settings_text()
        return mapping_from_json(text, "the workspace's column mapping") if text else None

    def round_for_code(self, code: str) -> Round:
        wanted = crypto.code_hash(code)
        with self.store.transaction() as tx:
            rows = tx.rows("SELECT name, code_hash FROM rounds")
        for name, stored in rows:
            if crypto.same(stored, wanted):
                found = self.round(name)
                if found.status != "open":
                    raise InputError(
                        f"Round '{name}' is closed: it takes no more contributions.",
                        "Ask the workspace's owner for the current round's code.",
                    )
                return found
        raise InputError("That contribution code opens no round of this workspace.", "Check the code as the owner gave it.")

    # ------------------------------------------------------------------------------ adding

    def _new_round(self, tx, name: str, period: str | None) -> str:
        code = crypto.new_code()
        position = tx.rows("SELECT coalesce(max(position), 0) + 1 FROM rounds")[0][0]
        tx.execute(
            "INSERT INTO rounds VALUES (:name, :position, :period, 'open', :created, NULL, :hash, :code, 0)",
            {
                "name": name,
                "position": int(position),
                "period": period,
                "created": now(),
                "hash": crypto.code_hash(code),
                "code": crypto.seal(self.keys.public_key, code.encode()),
            },
        )
        return code

    def open_round(self, name: str, period: str | None = None) -> None:
        """A new open round (its contribution code is for the owner to read and hand out)."""
        _check_name(name)
        with self.store.transaction() as tx:
            tx.serialise_rounds()
            if tx.rows("SELECT 1 FROM rounds WHERE name = :name", {"name": name}):
                raise InputError(f"There is already a round '{name}'.", "Choose another name.")
            self._new_round(tx, name, period)

    def add(
        self,
        round_name: str,
        files: list[tuple[str, bytes]],
        *,
        create: bool = False,
        period: str | None = None,
        replaces: str | None = None,
        by_owner: bool = False,
        ready=None,
    ) -> Added:
        """Check the files, seal them to the workspace and store them as one contribution to the round, in one
        transaction. An open round only, unless `replaces` names a contribution (a correction: the owner's).
        `ready()`, when given, is called once the files are checked and sealed, just before the transaction."""
        if not files:
            raise InputError("No file was given.", "Add the round's survey file and any evidence files.")
        _check_name(round_name)
        loaded, counts = describe(files, self.mapping())
        names = [name for name, _ in files]
        manifest = crypto.seal(self.keys.public_key, json.dumps(names).encode())
        payload = crypto.seal(self.keys.public_key, pack_files(files))
        contribution = Contribution(
            new_id(), round_name, now(), by_owner, replaces, sorted(counts), counts, sum(len(d) for _, d in files), files=names
        )
        if ready is not None:
            ready()
        with self.store.transaction() as tx:
            tx.serialise_rounds()  # concurrent adds that create the round: one inserts it, the others then update it
            if replaces is None:
                changed = tx.execute(
                    "UPDATE rounds SET contributions = contributions + 1 WHERE name = :name AND status = 'open'",
                    {"name": round_name},
                )
                if not changed:
                    status = tx.rows("SELECT status FROM rounds WHERE name = :name", {"name": round_name})
                    if status:
                        raise InputError(
                            f"Round '{round_name}' is closed: it is frozen and takes no more contributions.",
                            "To correct it, the owner adds a new version of a contribution (--replaces ID).",
                        )
                    if not create:
                        raise InputError(f"There is no round '{round_name}'.", "Open it first, or check the name.")
                    self._new_round(tx, round_name, period)
                    tx.execute("UPDATE rounds SET contributions = 1 WHERE name = :name", {"name": round_name})
            else:
                if not by_owner:
                    raise InputError("Only the owner corrects a round.", "Open the workspace with its passphrase.")
                old = tx.rows("SELECT round FROM contributions WHERE id = :id", {"id": replaces})
                if not old or old[0][0] != round_name:
                    raise InputError(
                        f"Round '{round_name}' has no contribution '{replaces}'.", "List them with 'workspace rounds'."
                    )
                if tx.rows("SELECT id FROM contributions WHERE replaces = :id", {"id": replaces}):
                    raise InputError(f"Contribution '{replaces}' was already corrected.", "Correct its newest version instead.")
                tx.execute("UPDATE rounds SET contributions = contributions + 1 WHERE name = :name", {"name": round_name})
            tx.execute(
                """INSERT INTO contributions VALUES (:id, :round, :added, :by_owner, :replaces, :tables, :counts, :size,
                       :manifest, :payload)""",
                {
                    "id": contribution.id,
                    "round": round_name,
                    "added": contribution.added,
                    "by_owner": by_owner,
                    "replaces": replaces,
                    "tables": json.dumps(contribution.tables),
                    "counts": json.dumps(counts, sort_keys=True),
                    "size": contribution.size,
                    "manifest": manifest,
                    "payload": payload,
                },
            )
        return Added(contribution, loaded)

    def contribute(self, code: str, files: list[tuple[str, bytes]]) -> Added:
        """A team's upload to the round its code opens."""
        return self.add(self.round_for_code(code).name, files)


def _check_name(name: str) -> None:
    if not name.strip() or len(name) > 100 or any(ord(ch) < 32 for ch in name):
        raise InputError(f"'{name}' cannot be a round's name.", "Use 1 to 100 characters, e.g. 2026-Q1.")
