"""The PostgreSQL sink (``saraban ingest … --db postgresql://…``): the store's five tables, as
ingest.sqlite holds them, in a PostgreSQL database, typed (saraban.ingest.postgres_schema).

ingest.sqlite stays the store; the database mirrors it file by file. Each file's rows are
copied from the store (psycopg's ``COPY``) as soon as the store has committed them, in one
transaction that first removes that file's earlier rows and any rows of the same documents
under another path, so a re-run never duplicates. At the end of a run (after project keys
are linked and copies listed, which change rows of other files), the rows of every file of the
store are compared with what was loaded, by a digest kept in ``saraban_loaded_files``, and the
files that differ are loaded again, one transaction each: the database then holds exactly the
store's rows, also after an interrupted run, a failed connection, or a run without ``--db``.
Only the files this store loaded are removed when the store no longer has them, so several
output folders can feed one database.
"""

from __future__ import annotations

import datetime
import hashlib
import heapq
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from typing import Any

from saraban.ingest.postgres_schema import LOADED_TABLE, DatabaseVersionError, creation_order, prepare
from saraban.reconcile.records import TABLES, Column, columns

CONNECT_TIMEOUT_S = 10  # a host that never answers is an error, not a run that hangs
_SCHEMES = ("postgresql://", "postgres://")
_LOCK_KEY = "saraban ingest"  # one run at a time loads into a database (pg_advisory_lock)


class SinkError(Exception):
    """The database cannot be used (unreachable, refused, busy, of a newer schema) or was lost
    during the run: one line, exit 2."""


class NoSink:
    """What the run writes to when there is no ``--db``."""

    loaded_files = 0

    def file_stored(self, store: sqlite3.Connection, source_file: str, copies: Sequence[str]) -> None:
        pass

    def sync(self, store: sqlite3.Connection) -> None:
        pass


class PostgresSink:
    """An open connection to the database, locked for this run, its schema prepared."""

    def __init__(self, conn: Any, store_id: str) -> None:
        self.conn = conn
        self.store_id = store_id  # the output store whose files this run loads
        self._changed: set[str] = set()  # files whose rows this run loaded, replaced or removed

    def file_stored(self, store: sqlite3.Connection, source_file: str, copies: Sequence[str]) -> None:
        """Load ``source_file``'s rows as ``store`` now holds them, in place of its earlier rows
        and those of its ``copies`` (which have none of their own)."""
        with _failures():
            self._load(store, [source_file, *copies])

    def sync(self, store: sqlite3.Connection) -> None:
        """Load again each file whose rows in ``store`` differ from those loaded (or were never
        loaded), and remove the files this store loaded that it no longer has."""
        with _failures():
            loaded = dict(self.conn.execute(
                f'SELECT source_file, digest FROM "{LOADED_TABLE}" WHERE store = %s', (self.store_id,)).fetchall())
            for name in files_to_load(store_digests(store), loaded):
                self._load(store, [name])

    @property
    def loaded_files(self) -> int:
        """How many files' rows this run loaded, replaced or removed."""
        return len(self._changed)

    def _load(self, store: sqlite3.Connection, names: list[str]) -> None:
        """One transaction: ``names``' rows here replaced by those ``store`` holds. The rows of
        their documents under another path (the same bytes, recorded there before or by another
        store) go too: the keys are unique here as in the store."""
        with self.conn.transaction():
            ids = [row[0] for name in names
                   for row in store.execute('SELECT document_id FROM "documents" WHERE source_file = ?', (name,))]
            names = sorted({*names, *(row[0] for row in self.conn.execute(
                'SELECT DISTINCT source_file FROM "documents" WHERE document_id = ANY(%s)', (ids,)))})
            for table in reversed(creation_order()):
                self.conn.execute(f'DELETE FROM "{table}" WHERE source_file = ANY(%s)', (names,))
            had = {row[0] for row in self.conn.execute(
                f'DELETE FROM "{LOADED_TABLE}" WHERE source_file = ANY(%s) RETURNING source_file', (names,))}
            for name in names:
                digest, any_rows = hashlib.sha256(), False
                for table in creation_order():
                    rows = stored_rows(store, table, name)
                    for row in rows:
                        digest.update(row_digest_line(table, row))
                    any_rows = any_rows or bool(rows)
                    self._copy(table, rows)
                if any_rows:  # a copy, or a file the store no longer has, is not one of its files
                    self.conn.execute(f'INSERT INTO "{LOADED_TABLE}" (source_file, store, digest) VALUES (%s, %s, %s)',
                                      (name, self.store_id, digest.hexdigest()))
                    had.add(name)
        self._changed |= had

    def _copy(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        kinds = columns(TABLES[table])
        names = ", ".join(f'"{column.name}"' for column in kinds)
        with self.conn.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([database_value(column, value) for column, value in zip(kinds, row)])


@contextmanager
def open_sink(url: str | None, out_dir: Path) -> Iterator[NoSink | PostgresSink]:
    """The sink for ``--db url`` (a NoSink without one), closed when the block ends."""
    if url is None:
        yield NoSink()
        return
    conn = connect(url)
    try:
        with _failures():
            if not conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (_LOCK_KEY,)).fetchone()[0]:
                raise SinkError("another saraban run is loading into the --db database; wait for it to end")
            encoding = conn.execute("SHOW server_encoding").fetchone()[0]
            if encoding.upper() not in ("UTF8", "UTF-8"):
                raise SinkError(f"the --db database's encoding is {encoding}, not UTF8: Thai text needs UTF8 "
                                "(CREATE DATABASE … ENCODING 'UTF8')")
            try:
                prepare(conn)  # a migration clears the digests: the end of the run loads every file again
            except DatabaseVersionError as error:
                raise SinkError(f"the --db database cannot be used: {error}") from None
        yield PostgresSink(conn, str(out_dir.resolve() / "ingest.sqlite"))
    finally:
        conn.close()


def connect(url: str) -> Any:
    """A connection (autocommit: each file is its own explicit transaction) to ``url``; a URL
    that is not one, or a database that cannot be reached, is a SinkError."""
    if not url.startswith(_SCHEMES):
        raise SinkError(f"--db must be a postgresql:// URL (postgresql://USER@HOST/DATABASE), not {url.split('://')[0]!r}")
    try:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict
    except ImportError:  # installed with saraban; a hand-made environment may lack it
        raise SinkError("--db needs psycopg 3: pip install 'psycopg[binary]'") from None
    try:
        options = conninfo_to_dict(url)
    except psycopg.Error as error:
        raise SinkError(f"--db is not a valid PostgreSQL URL: {one_line(error)}") from None
    timeout = {} if "connect_timeout" in options else {"connect_timeout": CONNECT_TIMEOUT_S}
    try:
        return psycopg.connect(url, autocommit=True, **timeout)
    except psycopg.Error as error:
        raise SinkError(f"cannot connect to the --db database: {one_line(error)}") from None


@contextmanager
def _failures() -> Iterator[None]:
    """A database error as a SinkError: the run stops with one line; the files read are in
    ingest.sqlite, and the next run loads them."""
    import psycopg

    try:
        yield
    except psycopg.Error as error:
        raise SinkError(f"the --db database failed ({one_line(error)}); the files read so far are kept in "
                        "ingest.sqlite, and the next run loads them") from None


def one_line(error: BaseException) -> str:
    """An error's message on one line (libpq's span several)."""
    return " ".join(str(error).split()) or type(error).__name__


def stored_rows(store: sqlite3.Connection, table: str, source_file: str) -> list[tuple[Any, ...]]:
    """Table ``table``'s rows of ``source_file`` in the store, the contract's columns in order."""
    names = ", ".join(f'"{column.name}"' for column in columns(TABLES[table]))
    return store.execute(f'SELECT {names} FROM "{table}" WHERE source_file = ? ORDER BY rowid',
                         (source_file,)).fetchall()


def row_digest_line(table: str, row: Sequence[Any]) -> bytes:
    """What a row adds to its file's digest: its table and values as the store holds them."""
    return json.dumps([table, *row], ensure_ascii=False).encode() + b"\n"


def store_digests(store: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """Each file of the store (with rows), in order, and the digest of its rows: table by table
    in the order the sink loads them, each table's in store order (as stored_rows gives them).
    The tables are read side by side, each in file order, so that one file's digest is made
    at a time: memory does not grow with the archive."""
    def table_rows(rank: int, table: str) -> Iterator[tuple[str, int, tuple[Any, ...], str]]:
        names = [column.name for column in columns(TABLES[table])]
        at = names.index("source_file")
        quoted = ", ".join(f'"{name}"' for name in names)
        for row in store.execute(f'SELECT {quoted} FROM "{table}" ORDER BY source_file, rowid'):
            yield row[at], rank, row, table

    merged = heapq.merge(*(table_rows(rank, table) for rank, table in enumerate(creation_order())),
                         key=lambda item: (item[0], item[1]))
    for source, rows in groupby(merged, key=lambda item: item[0]):
        digest = hashlib.sha256()
        for _, _, row, table in rows:
            digest.update(row_digest_line(table, row))
        yield source, digest.hexdigest()


def files_to_load(wanted: Iterable[tuple[str, str]], loaded: dict[str, str]) -> list[str]:
    """The files whose rows are to be loaded (again): those whose digest (``wanted``: file,
    digest) differs from the one ``loaded``, and those loaded that the store no longer has
    (their rows go)."""
    gone = dict(loaded)
    changed = [name for name, digest in wanted if gone.pop(name, None) != digest]
    return sorted([*changed, *gone])


def database_value(column: Column, value: Any) -> Any:
    """A stored value as the database's column takes it: money text as Decimal, an ISO date as
    a date; a NUL character, which PostgreSQL's text cannot hold, as U+FFFD (as in CSV)."""
    if value is None or value == "" and column.kind != "text":
        return None
    if column.kind == "decimal":
        return Decimal(value)
    if column.kind == "date":
        return datetime.date.fromisoformat(value)
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value

