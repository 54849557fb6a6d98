"""The SQLite store's tables: their types and keys, its schema version, and the migration of a
store an older saraban wrote.

The output tables have the contract's columns (saraban.reconcile.records) with primary and foreign keys
(``KEYS``); money is TEXT (exact decimal strings such as '499600.00': SQLite has no decimal
type, and REAL would round), dates TEXT (ISO) or NULL. ``PRAGMA user_version`` holds
``SCHEMA_VERSION``: a store without one (0) was written before keys, and is rebuilt with them
once; a store of a later version than this saraban knows is refused, not guessed at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from saraban.reconcile.records import KEYS, SCHEMA_VERSION, TABLES, Column, columns

_SQL_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "decimal": "TEXT", "date": "TEXT"}
# Which path was read when, as what, with which settings, and under which path its bytes' rows
# are (recorded_as: itself, or the path a copy of it was read under): not an output table.
_PROCESSED = ('CREATE TABLE IF NOT EXISTS "processed_files" (source_file TEXT PRIMARY KEY, '
              'size INTEGER, mtime_ns INTEGER, settings TEXT, failed INTEGER, source_sha256 TEXT, '
              'recorded_as TEXT)')
_PROCESSED_ADDED = {"source_sha256": "TEXT", "recorded_as": "TEXT"}  # columns added since the first
# Columns renamed since an older store was written: table → {name now: name then}.
_RENAMED = {"documents": {"cited_documents": "references"}}


class StoreVersionError(Exception):
    """The store was written by a saraban newer than this one."""


def table_sql(name: str, column_sql: Callable[[Column], str] | None = None) -> str:
    """CREATE TABLE for output table ``name``: the contract's columns (each as ``column_sql``
    writes it: SQLite's types unless given another database's), NOT NULL where a value is
    never missing, its keys. Foreign keys are checked when a file's rows are committed (a
    file's rows replace its old ones in any order within the transaction)."""
    keys = KEYS[name]
    column_sql = column_sql or _column_sql
    parts = [column_sql(column) + (" PRIMARY KEY" if column.name == keys.primary else "")
             for column in columns(TABLES[name])]
    parts += [f'FOREIGN KEY ("{column}") REFERENCES "{parent}"("{KEYS[parent].primary}") '
              "DEFERRABLE INITIALLY DEFERRED" for column, parent in keys.foreign]
    return f'CREATE TABLE IF NOT EXISTS "{name}" ({", ".join(parts)})'


def index_sql(name: str) -> list[str]:
    """Indices on the columns rows are looked up and joined by."""
    keys = KEYS[name]
    indexed = ["source_file", *(column for column, _ in keys.foreign if column != keys.primary)]
    return [f'CREATE INDEX IF NOT EXISTS "{name}_{column}" ON "{name}"("{column}")' for column in indexed]


def prepare(db: sqlite3.Connection) -> None:
    """Make ``db`` a store of this version: create what is missing, migrate an older store,
    refuse a newer one (StoreVersionError); leaves foreign keys enforced."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"its schema version is {version}, and this saraban knows up to {SCHEMA_VERSION}: "
            "a newer saraban wrote it; use that, or choose another --out")
    db.execute("PRAGMA foreign_keys = OFF")  # while tables are rebuilt; a no-op inside a transaction
    db.execute("BEGIN")
    try:
        db.execute(_PROCESSED)
        _add_columns(db, "processed_files", {c: f'"{c}" {kind}' for c, kind in _PROCESSED_ADDED.items()})
        db.execute('CREATE INDEX IF NOT EXISTS "processed_sha256" ON "processed_files"(source_sha256)')
        present = _tables(db)
        if version == 0 and present & set(TABLES):
            _rebuild_with_keys(db, present & set(TABLES))
        for name, table in TABLES.items():
            db.execute(table_sql(name))
            # Columns added since the store was written go at the end of its tables: rows are
            # written and read by column name, never by place.
            _add_columns(db, name, {c.name: _column_sql(c, added=True) for c in columns(table)})
            for sql in index_sql(name):
                db.execute(sql)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.commit()
    except BaseException:
        db.rollback()
        raise
    db.execute("PRAGMA foreign_keys = ON")


def _column_sql(column: Column, added: bool = False) -> str:
    sql = f'"{column.name}" {_SQL_TYPES[column.kind]}'
    if column.nullable:
        return sql
    if not added:
        return sql + " NOT NULL"
    if column.kind != "text":
        return sql  # added to old rows, it has no value for them
    return f"{sql} NOT NULL DEFAULT {_text_default(column)}"  # theirs: its default, or ''


def _text_default(column: Column) -> str:
    default = column.default if isinstance(column.default, str) else ""
    return "'" + default.replace("'", "''") + "'"


def _tables(db: sqlite3.Connection) -> set[str]:
    return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _present_columns(db: sqlite3.Connection, name: str) -> list[str]:
    return [row[1] for row in db.execute(f'PRAGMA table_info("{name}")')]


def _add_columns(db: sqlite3.Connection, name: str, wanted: dict[str, str]) -> None:
    present = set(_present_columns(db, name))
    for column, sql in wanted.items():
        if column not in present:
            db.execute(f'ALTER TABLE "{name}" ADD COLUMN {sql}')


def _rebuild_with_keys(db: sqlite3.Connection, present: set[str]) -> None:
    """Version 0 → 1: tables without keys become tables with them. Each row is copied by
    column name (``references`` to ``cited_documents``, an empty date or record_id to NULL, a
    column the old table lacks to its default); a file with a row that cannot be keyed (no
    record_id: written before there were ids) loses all its rows and its processed_files entry,
    so that the next run given it reads it again."""
    old = {name: f"_v0_{name}" for name in present}
    for name in present:
        db.execute(f'DROP INDEX IF EXISTS "{name}_source"')
        db.execute(f'ALTER TABLE "{name}" RENAME TO "{old[name]}"')
    lost: set[str] = set()
    for name in present:
        db.execute(table_sql(name))
        had = set(_present_columns(db, old[name]))
        names = ", ".join(f'"{c.name}"' for c in columns(TABLES[name]))
        values = ", ".join(_copied(c, _RENAMED.get(name, {}).get(c.name, c.name), had) for c in columns(TABLES[name]))
        # OR IGNORE: a row without its key, or with a key another row has, is left behind.
        db.execute(f'INSERT OR IGNORE INTO "{name}" ({names}) SELECT {values} FROM "{old[name]}"')
        kept = _row_counts(db, name)
        lost.update(source for source, count in _row_counts(db, old[name]).items() if kept.get(source) != count)
        db.execute(f'DROP TABLE "{old[name]}"')
    while True:  # rows naming a row that was not kept go with their files
        lost.update(db.execute(f'SELECT source_file FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()[0]
                    for table, rowid, *_ in db.execute("PRAGMA foreign_key_check").fetchall())
        if not _forget(db, lost, present):
            break


def _row_counts(db: sqlite3.Connection, name: str) -> dict[str, int]:
    return dict(db.execute(f'SELECT source_file, count(*) FROM "{name}" GROUP BY source_file'))


def _copied(column: Column, source: str, had: set[str]) -> str:
    """The SELECT expression giving ``column`` from an old table that ``had`` these columns."""
    if source in had:
        return f"NULLIF(\"{source}\", '')" if column.nullable and column.kind in ("text", "date") else f'"{source}"'
    if column.kind == "text" and not column.nullable:
        return _text_default(column)
    return "NULL"  # where NOT NULL, the row is left behind: its file is read again


def _forget(db: sqlite3.Connection, files: set[str], tables: set[str]) -> int:
    """Remove ``files``' rows and processed_files entries; how many rows went."""
    gone = 0
    for name in tables:
        gone += db.executemany(f'DELETE FROM "{name}" WHERE source_file = ?', [(f,) for f in files]).rowcount
    db.executemany('DELETE FROM "processed_files" WHERE source_file = ? OR recorded_as = ?',
                   [(f, f) for f in files])
    return gone
