"""An encrypted workspace that remembers every round, team and action (issue 20).

Flow, one way: crypto (keys and boxes) -> store (DuckDB file or PostgreSQL) -> schema (migrations) -> records ->
owner (the passphrase holder's side) -> core (Workspace: rounds and contributions) -> archive (export, import);
cli is the command line's `workspace` subcommand. The names below are imported when first used, so the command
line's light commands do not load libsodium.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Workspace": "core",
    "Owner": "owner",
    "Store": "store",
    "DuckDBStore": "store",
    "SqlStore": "store",
    "open_store": "store",
    "default_target": "store",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)
