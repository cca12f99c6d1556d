"""The owner's side of a workspace: everything readable, rounds closed, the plan, notes, settings and the
publication history kept. Opened with the passphrase (or the recovery key) through Workspace.unlock."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..errors import InputError
from . import crypto
from .records import new_id, now, unpack_files

if TYPE_CHECKING:
    import pandas as pd

    from .records import Contribution


class Owner:
    """What the workspace's private key opens. `workspace` is the core.Workspace that unlocked it (not imported
    here: core makes Owners, so data flows from core to owner only)."""

    def __init__(self, workspace, private) -> None:
        self.workspace = workspace
        self.store = workspace.store
        self.private = private
        self._box = crypto.owner_box(private)

    # ------------------------------------------------------------------------------ reading

    def contributions(self, round_name: str | None = None) -> list[Contribution]:
        """Every contribution with its file names (decrypted)."""
        found = self.workspace.contributions(round_name)
        with self.store.transaction() as tx:
            manifests = dict(tx.rows("SELECT id, manifest FROM contributions"))
        for contribution in found:
            what = f"The file list of contribution {contribution.id}"
            contribution.files = json.loads(crypto.unseal(self.private, bytes(manifests[contribution.id]), what))
        return found

    def code(self, round_name: str) -> str:
        """The round's contribution code, to hand to the teams."""
        with self.store.transaction() as tx:
            rows = tx.rows("SELECT code FROM rounds WHERE name = :name", {"name": round_name})
        if not rows:
            self.workspace.round(round_name)  # raises, naming the rounds there are
        return crypto.unseal(self.private, bytes(rows[0][0]), f"The code of round '{round_name}'").decode()

    def files(self, contribution_id: str) -> list[tuple[str, bytes]]:
        with self.store.transaction() as tx:
            rows = tx.rows("SELECT payload FROM contributions WHERE id = :id", {"id": contribution_id})
        if not rows:
            raise InputError(f"There is no contribution '{contribution_id}'.")
        what = f"Contribution {contribution_id}"
        return unpack_files(crypto.unseal(self.private, bytes(rows[0][0]), what), what)

    def closed_files(self) -> list[tuple[str, bytes]]:
        """The files of every closed round, oldest round first, each contribution's newest version only; a name
        used twice gets the round's name in front, so every file keeps its own name."""
        rounds = {r.name: r for r in self.workspace.rounds()}
        files: list[tuple[str, bytes]] = []
        seen: set[str] = set()
        for contribution in self.workspace.contributions():
            if rounds[contribution.round].status != "closed" or contribution.replaced_by:
                continue
            for name, data in self.files(contribution.id):
                unique = name if name not in seen else f"{contribution.round} {name}"
                count = 2
                while unique in seen:
                    unique, count = f"{contribution.round} ({count}) {name}", count + 1
                seen.add(unique)
                files.append((unique, data))
        return files

    def dataset(self):
        """All closed rounds analysed together, exactly as their files uploaded together, with the workspace's
        publication history attached for the disclosure layer."""
        from ..dataset import Dataset

        files = self.closed_files()
        if not files:
            raise InputError(
                "No round is closed yet: there is nothing to analyse.", "Close a round first ('workspace close --round NAME')."
            )
        return Dataset.from_files(files, mapping=self.workspace.mapping(), publications=self)

    # ------------------------------------------------------------------------------ rounds

    def close(self, round_name: str) -> None:
        with self.store.transaction() as tx:
            changed = tx.execute(
                "UPDATE rounds SET status = 'closed', closed = :at WHERE name = :name AND status = 'open'",
                {"at": now(), "name": round_name},
            )
        if not changed and self.workspace.round(round_name).status == "closed":  # (no such round: round() says so)
            raise InputError(f"Round '{round_name}' is already closed.")

    def add(self, round_name: str, files: list[tuple[str, bytes]], **options):
        return self.workspace.add(round_name, files, by_owner=True, **options)

    # ------------------------------------------------------------------------------ settings, plan, notes

    def save_settings(self, settings_toml: str | None, mapping_json: str | None) -> None:
        from ..ingest.mapping import mapping_from_json
        from ..settings_file import settings_from_toml

        if settings_toml:
            settings_from_toml(settings_toml, "the settings")  # refused before anything is stored
        if mapping_json:
            mapping_from_json(mapping_json, "the column mapping")
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT INTO settings VALUES (:id, :saved, :s, :m)",
                {"id": new_id(), "saved": now(), "s": settings_toml, "m": mapping_json},
            )

    def _save(self, table: str, round_name: str, data: bytes) -> None:
        self.workspace.round(round_name)
        with self.store.transaction() as tx:
            tx.execute(
                f"INSERT INTO {table} VALUES (:id, :round, :saved, :blob)",
                {"id": new_id(), "round": round_name, "saved": now(), "blob": bytes(self._box.encrypt(data))},
            )

    def _versions(self, table: str, round_name: str) -> list[tuple[str, bytes]]:
        with self.store.transaction() as tx:
            rows = tx.rows(f"SELECT saved, blob FROM {table} WHERE round = :round ORDER BY saved, id", {"round": round_name})
        return [
            (saved, crypto.owner_open(self._box, bytes(blob), f"A saved {table[:-1]} of round '{round_name}'"))
            for saved, blob in rows
        ]

    def save_plan(self, round_name: str, actions: pd.DataFrame) -> None:
        """A new version of the round's action plan (every version is kept: the status history)."""
        from ..actions import actions_csv, clean_actions

        cleaned, problems = clean_actions(actions)
        if problems:
            raise InputError("The action plan was not saved: " + " ".join(problems))
        self._save("plans", round_name, actions_csv(cleaned))

    def plan_versions(self, round_name: str) -> list[tuple[str, pd.DataFrame]]:
        from ..actions import read_actions

        return [(saved, read_actions("plan.csv", data)) for saved, data in self._versions("plans", round_name)]

    def plan(self, round_name: str) -> pd.DataFrame | None:
        versions = self.plan_versions(round_name)
        return versions[-1][1] if versions else None

    def status_history(self, round_name: str) -> list[dict]:
        """Each action's status changes over the saved versions: action, status, since (when saved)."""
        history, last = [], {}
        for saved, frame in self.plan_versions(round_name):
            for action, status in zip(frame["action"], frame["status"], strict=True):
                if last.get(action) != status:
                    history.append({"action": action, "status": status, "since": saved})
                    last[action] = status
        return history

    def save_notes(self, round_name: str, notes: dict[str, str]) -> None:
        self._save("notes", round_name, json.dumps(notes, sort_keys=True).encode())

    def notes(self, round_name: str) -> dict[str, str]:
        versions = self._versions("notes", round_name)
        return json.loads(versions[-1][1]) if versions else {}

    def last_closed_round(self) -> str | None:
        closed = [r for r in self.workspace.rounds() if r.status == "closed"]
        return closed[-1].name if closed else None

    # ------------------------------------------------------------------------------ publication history

    def publication_history(self) -> list[dict]:
        """Every cell the workspace has ever published (disclosure's history entries), oldest first."""
        with self.store.transaction() as tx:
            rows = tx.rows("SELECT id, blob FROM publications ORDER BY published, id")
        entries: list[dict] = []
        for pid, blob in rows:
            entries.extend(json.loads(crypto.owner_open(self._box, bytes(blob), f"Publication record {pid}")))
        return entries

    def record_publications(self, entries: list[dict]) -> None:
        """Append what a view newly published (append-only: nothing is ever changed or removed)."""
        if not entries:
            return
        data = json.dumps(entries, sort_keys=True).encode()
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT INTO publications VALUES (:id, :at, :blob)",
                {"id": new_id(), "at": now(), "blob": bytes(self._box.encrypt(data))},
            )

    def plan_csv_bytes(self, round_name: str) -> bytes | None:
        from ..actions import actions_csv

        plan = self.plan(round_name)
        return None if plan is None else actions_csv(plan)
