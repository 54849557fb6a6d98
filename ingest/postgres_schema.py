"""The PostgreSQL sink's tables: their types and keys, its schema version, and the migration of
a database an older saraban wrote.

The output tables have the contract's columns (saraban.reconcile.records) and the SQLite store's keys
(``KEYS``), in PostgreSQL's own types: money and percentages NUMERIC(18, 2) (NUMERIC(38, 2)
for the sums and the computed percentage, as in Parquet), dates DATE, integers BIGINT (int64
in Parquet), confidences DOUBLE PRECISION, the rest TEXT. ``saraban_schema`` holds the
version (``SCHEMA_VERSION``, the contract's): a database of a later version is refused, not
guessed at; an older one gets the tables, columns and types it lacks, and every file's rows
are loaded again (``saraban_loaded_files``' digests are cleared), so that columns it gains
are filled.
"""

from __future__ import annotations

from typing import Any

from saraban.ingest.store_schema import table_sql as store_table_sql
from saraban.reconcile.records import KEYS, SCHEMA_VERSION, TABLES, Column, columns

VERSION_TABLE = "saraban_schema"
# Which file's rows this database holds, from which output store (the --out folder's
# ingest.sqlite), and a digest of those rows as the store held them: what tells the end of a
# run which files to load again (saraban.ingest.postgres_sink). Not an output table.
LOADED_TABLE = "saraban_loaded_files"
_LOADED = (f'CREATE TABLE IF NOT EXISTS "{LOADED_TABLE}" (source_file TEXT PRIMARY KEY, '
           'store TEXT NOT NULL, digest TEXT NOT NULL)')
_TYPES = {"text": "TEXT", "integer": "BIGINT", "real": "DOUBLE PRECISION", "date": "DATE"}


class DatabaseVersionError(Exception):
    """The database was written by a saraban newer than this one, or holds tables of the same
    names that saraban did not create."""


def sql_type(column: Column) -> str:
    """The column's PostgreSQL type."""
    if column.kind == "decimal":
        return f"NUMERIC({column.precision}, 2)"
    return _TYPES[column.kind]


def creation_order() -> list[str]:
    """The output tables, each after the tables its foreign keys name."""
    order: list[str] = []
    while len(order) < len(TABLES):
        order += [name for name in TABLES if name not in order
                  and all(parent in order or parent == name for _, parent in KEYS[name].foreign)]
    return order


def table_sql(name: str) -> str:
    """CREATE TABLE for output table ``name`` as the SQLite store has it (keys, NOT NULL,
    foreign keys checked at commit), in PostgreSQL's types."""
    return store_table_sql(name, _column_sql)


def index_sql(name: str) -> list[str]:
    """Indices on the columns rows are replaced and joined by (PostgreSQL, unlike SQLite, does
    not index a foreign key's column by itself)."""
    keys = KEYS[name]
    indexed = ["source_file", *(column for column, _ in keys.foreign if column != keys.primary)]
    return [f'CREATE INDEX IF NOT EXISTS "{name}_{column}" ON "{name}"("{column}")' for column in indexed]


def prepare(conn: Any) -> bool:
    """Make the database behind ``conn`` (a psycopg connection in autocommit mode) one of this
    version, in one transaction: create what is missing, migrate an older schema, refuse a
    newer one (DatabaseVersionError). True when it was created or migrated, so that every
    file's rows are to be loaded again."""
    with conn.transaction():
        version = _version(conn)
        if version is not None and version > SCHEMA_VERSION:
            raise DatabaseVersionError(
                f"its schema version is {version}, and this saraban knows up to {SCHEMA_VERSION}: "
                "a newer saraban wrote it; use that, or choose another --db")
        if version == SCHEMA_VERSION:
            return False
        conn.execute(f'CREATE TABLE IF NOT EXISTS "{VERSION_TABLE}" (version INTEGER NOT NULL)')
        conn.execute(_LOADED)
        for name in creation_order():
            conn.execute(table_sql(name))
            _migrate_columns(conn, name)
            for sql in index_sql(name):
                conn.execute(sql)
        conn.execute(f'UPDATE "{LOADED_TABLE}" SET digest = \'\'')
        conn.execute(f'DELETE FROM "{VERSION_TABLE}"')
        conn.execute(f'INSERT INTO "{VERSION_TABLE}" (version) VALUES (%s)', (SCHEMA_VERSION,))
        return True


def _version(conn: Any) -> int | None:
    """The database's schema version (0 when its row is missing); None for a database without
    saraban's tables. Tables of the output tables' names without a version are another
    program's (saraban always writes one): refused, never altered."""
    if conn.execute("SELECT to_regclass(%s)", (f'"{VERSION_TABLE}"',)).fetchone()[0] is not None:
        row = conn.execute(f'SELECT max(version) FROM "{VERSION_TABLE}"').fetchone()
        return row[0] or 0
    present = [row[0] for row in conn.execute(
        "SELECT name FROM unnest(%s::text[]) AS t(name) WHERE to_regclass(quote_ident(name)) IS NOT NULL",
        (list(TABLES),))]
    if present:
        raise DatabaseVersionError(
            f"it has tables named {', '.join(present)} that saraban did not create (no {VERSION_TABLE} table); "
            "choose another database, or another schema with ?options=-csearch_path%3DNAME")
    return None


def _column_sql(column: Column, added: bool = False) -> str:
    sql = f'"{column.name}" {sql_type(column)}'
    if column.nullable:
        return sql
    if not added:
        return sql + " NOT NULL"
    if column.kind != "text":
        return sql  # added to old rows, it has no value for them until they are loaded again
    default = column.default if isinstance(column.default, str) else ""
    return f"{sql} NOT NULL DEFAULT '{default.replace(chr(39), chr(39) * 2)}'"


def _migrate_columns(conn: Any, name: str) -> None:
    """Columns added since the table was created go at the end (rows are written and read by
    column name); a column of another type gets its type, its values cast (money written as
    text, '' for a missing date)."""
    present = {row[0]: row[1:] for row in conn.execute(
        "SELECT column_name, data_type, numeric_precision, numeric_scale FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s", (name,))}
    for column in columns(TABLES[name]):
        if column.name not in present:
            conn.execute(f'ALTER TABLE "{name}" ADD COLUMN {_column_sql(column, added=True)}')
        elif present[column.name] != _described(column):
            wanted = sql_type(column)
            conn.execute(f'ALTER TABLE "{name}" ALTER COLUMN "{column.name}" TYPE {wanted} '
                         f'USING NULLIF("{column.name}"::text, \'\')::{wanted}')


def _described(column: Column) -> tuple[str, int | None, int | None]:
    """How information_schema.columns describes the column's type."""
    if column.kind == "decimal":
        return ("numeric", column.precision, 2)
    return {"text": ("text", None, None), "integer": ("bigint", 64, 0), "real": ("double precision", 53, None),
            "date": ("date", None, None)}[column.kind]
