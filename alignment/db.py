"""A locked-down, in-memory DuckDB connection per dataset.

User data enters only as registered DataFrames copied into tables, or as bound
parameters; no file, network or extension access; configuration is locked after set-up.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

MEMORY_LIMIT = "1GB"


def connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(
        ":memory:",
        config={
            "enable_external_access": False,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "memory_limit": MEMORY_LIMIT,
            "threads": 2,
        },
    )
    con.execute("SET lock_configuration = true")
    return con


def quote_identifier(name: str) -> str:
    if not name:
        raise ValueError("an identifier cannot be empty")
    return '"' + name.replace('"', '""') + '"'


def load_table(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame | pa.Table) -> None:
    """Make a DataFrame or Arrow table queryable under `name`. Arrow tables are registered as they are
    (no copy: DuckDB scans them in place); DataFrames are copied into a table once."""
    if isinstance(frame, pa.Table):
        con.register(name, frame)
        return
    view = f"_incoming_{name}"
    con.register(view, frame)
    try:
        con.execute(f"CREATE OR REPLACE TABLE {quote_identifier(name)} AS SELECT * FROM {quote_identifier(view)}")
    finally:
        con.unregister(view)
