"""The DuckDB connection each dataset gets is locked down (DESIGN.md, "Privacy and safety").

No file or network access, no extension installed or loaded beyond those built into the duckdb package,
configuration locked, bounded memory; and column names from hostile headers are quoted safely.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from alignment import db
from alignment.dataset import Dataset
from alignment.items import ITEMS_BY_ID, header_for

HOSTILE = ['Q1. How "satisfied"; are you?', 'x"; DROP TABLE t; --', "it's; SELECT 1", '"', '""', "a\nb", "naïve ☃ column"]


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = db.connect()
    yield connection
    connection.close()


def refused(con: duckdb.DuckDBPyConnection, sql: str) -> duckdb.Error:
    with pytest.raises(duckdb.Error) as caught:
        con.execute(sql).fetchall()
    return caught.value


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/hostname')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM read_parquet('/etc/hostname')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM read_csv('https://example.com/survey.csv')",
        "COPY (SELECT 1 AS x) TO '{tmp}/out.csv'",
        "EXPORT DATABASE '{tmp}/export'",
        "ATTACH '{tmp}/other.duckdb' AS other",
    ],
)
def test_no_file_or_network_access(con: duckdb.DuckDBPyConnection, sql: str, tmp_path) -> None:
    error = refused(con, sql.format(tmp=tmp_path))
    assert isinstance(error, duckdb.PermissionException), error
    assert "disabled by configuration" in str(error)
    assert list(tmp_path.iterdir()) == []  # nothing was written


def test_a_quoted_path_is_only_a_table_name(con: duckdb.DuckDBPyConnection) -> None:
    """With external access off, DuckDB does not even try a file for FROM 'path' (no replacement scan)."""
    error = refused(con, "SELECT * FROM '/etc/hostname'")
    assert isinstance(error, duckdb.CatalogException) and "Table with name /etc/hostname does not exist" in str(error)


@pytest.mark.parametrize(
    "sql",
    [
        "SET enable_external_access = true",
        "SET memory_limit = '10GB'",
        "SET threads = 64",
        "SET autoload_known_extensions = true",
        "SET autoinstall_known_extensions = true",
        "SET allow_unsigned_extensions = true",
        "SET lock_configuration = false",
        "RESET lock_configuration",
        "RESET memory_limit",
    ],
)
def test_configuration_is_locked(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    error = refused(con, sql)
    assert "the configuration has been locked" in str(error)


def test_settings_in_force(con: duckdb.DuckDBPyConnection) -> None:
    settings = ["enable_external_access", "autoload_known_extensions", "autoinstall_known_extensions", "lock_configuration"]
    values = con.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in settings)).fetchone()
    assert dict(zip(settings, values, strict=True)) == {
        "enable_external_access": False,
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "lock_configuration": True,
    }
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit.endswith(("MiB", "MB")) and float(limit.split()[0]) < 1024, limit  # MEMORY_LIMIT = 1GB, shown as 953.6 MiB


@pytest.mark.parametrize(
    "sql", ["INSTALL httpfs", "LOAD httpfs", "INSTALL excel", "FORCE INSTALL httpfs", "LOAD '/tmp/evil.duckdb_extension'"]
)
def test_no_extension_install_or_load(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    assert isinstance(refused(con, sql), duckdb.PermissionException)


def test_only_the_built_in_extensions_are_there(con: duckdb.DuckDBPyConnection) -> None:
    """duckdb_extensions() itself needs the extension directory, so the locked connection refuses it. What
    it can run is compared with a plain DuckDB whose only loaded extensions are the statically linked ones."""
    assert isinstance(refused(con, "SELECT * FROM duckdb_extensions()"), duckdb.PermissionException)
    plain = duckdb.connect(":memory:", config={"autoload_known_extensions": False, "autoinstall_known_extensions": False})
    loaded = plain.execute("SELECT extension_name, install_mode FROM duckdb_extensions() WHERE loaded").fetchall()
    assert loaded and {mode for _, mode in loaded} == {"STATICALLY_LINKED"}, loaded
    functions = "SELECT DISTINCT function_name FROM duckdb_functions()"
    assert {row[0] for row in con.execute(functions).fetchall()} <= {row[0] for row in plain.execute(functions).fetchall()}
    plain.close()
    # a function of a known but not built-in extension is not autoloaded
    error = refused(con, "SELECT excel_text(1.5, '0.0')")
    assert isinstance(error, duckdb.CatalogException) and "excel extension" in str(error)


# --------------------------------------------------------------------------------- identifiers


@pytest.mark.parametrize("name", HOSTILE)
def test_quote_identifier_round_trips(con: duckdb.DuckDBPyConnection, name: str) -> None:
    assert con.execute(f"SELECT 42 AS {db.quote_identifier(name)}").df().columns.tolist() == [name]


@pytest.mark.parametrize("as_arrow", [False, True], ids=["pandas", "arrow"])
def test_hostile_column_and_table_names(con: duckdb.DuckDBPyConnection, as_arrow: bool) -> None:
    frame = pd.DataFrame({name: [index, index + 10] for index, name in enumerate(HOSTILE)})
    con.execute("CREATE TABLE t AS SELECT 1 AS kept")
    for table in ("answers", 'odd "table"; DROP TABLE t; --'):
        db.load_table(con, table, pa.Table.from_pandas(frame, preserve_index=False) if as_arrow else frame)
        q = db.quote_identifier
        for index, name in enumerate(HOSTILE):
            assert con.execute(f"SELECT {q(name)} FROM {q(table)} ORDER BY 1").fetchall() == [(index,), (index + 10,)]
        assert con.execute(f"SELECT * FROM {q(table)}").df().columns.tolist() == HOSTILE
    assert con.execute("SELECT kept FROM t").fetchall() == [(1,)]  # no DROP ran


def test_dataset_from_a_csv_with_hostile_headers() -> None:
    """Unknown headers are reported, never reach SQL; an item column whose header carries SQL after its id
    is still read as that item."""
    headers = ["respondent_id", "function", header_for(ITEMS_BY_ID["REL-1"]), 'REL-2: ok"); DROP TABLE scores; --', *HOSTILE[:3]]
    quoted = ",".join('"' + h.replace('"', '""') + '"' for h in headers)
    rows = [f"r{i},{'IT' if i % 2 else 'Business'},{1 + i % 5},{1 + (i + 2) % 5},a,b,c" for i in range(8)]
    dataset = Dataset.from_files([("hostile.csv", "\n".join([quoted, *rows]).encode())])
    dropped = {(c["column"], c["header"]) for c in dataset.report.dropped_columns}
    assert dropped == {("E", HOSTILE[0]), ("F", HOSTILE[1]), ("G", HOSTILE[2])}
    assert {c["maps_to"] for c in dataset.report.mapped_columns} >= {"REL-1", "REL-2"}
    assert dataset.query("SELECT count(*) AS n FROM respondents")["n"].tolist() == [8]
    counts = dataset.query("SELECT item, sum(answers) AS n FROM item_counts GROUP BY item ORDER BY item")
    assert counts.to_dict("list") == {"item": ["REL-1", "REL-2"], "n": [8, 8]}
    assert dataset.query("SELECT count(*) AS n FROM scores")["n"].tolist() == [8]  # the DROP in a header ran nowhere
