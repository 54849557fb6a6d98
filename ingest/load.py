"""Load stage: results → ingest.sqlite, then CSV (UTF-8 with BOM), JSON Lines and Parquet.

SQLite is the store: each file's rows replace that file's earlier rows in one transaction, so
a re-run never duplicates and an interrupted run loses nothing already committed. The same
transaction records the file's stamp (size, modification time), its SHA-256, its copies' paths
and the run's settings, so a later run into the same folder can keep a file unchanged since,
instead of reading it again (ingest.sources decides which).
The flat files are exported from it, each written to a temporary name and renamed into place.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from ingest.pipeline import FileResult
from ingest.records import TABLES, column_types, to_row

DATABASE = "ingest.sqlite"
LOCK = ".saraban.lock"
_SQL_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "decimal": "TEXT"}
# Which path was read when, as what, with which settings, and under which path its bytes' rows
# are (recorded_as: itself, or the path a copy of it was read under): not an output table.
_PROCESSED = ('CREATE TABLE IF NOT EXISTS "processed_files" (source_file TEXT PRIMARY KEY, '
              'size INTEGER, mtime_ns INTEGER, settings TEXT, failed INTEGER, source_sha256 TEXT, '
              'recorded_as TEXT)')
_PROCESSED_ADDED = {"source_sha256": "TEXT", "recorded_as": "TEXT"}  # columns added since the first


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What tells a file changed without reading it (as make and rsync do)."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        """The file's stamp; None when it cannot be read (it is then always processed, and
        says why in its errors row)."""
        try:
            status = path.stat()
        except OSError:
            return None
        return cls(status.st_size, status.st_mtime_ns)


class OutputBusyError(Exception):
    """Another run holds the output folder's lock."""


class OutputStore:
    """The output folder, locked for one run at a time (a second run into it is refused:
    interleaved, two runs would mix their exports). The lock is ``flock`` on ``.saraban.lock``,
    released by the system when the run ends, however it ends."""

    def __init__(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self._lock = _lock(out_dir / LOCK)
        self.db = sqlite3.connect(out_dir / DATABASE)
        self.db.execute("PRAGMA journal_mode=WAL")
        for name, table in TABLES.items():
            columns = ", ".join(
                f'"{column}" {_SQL_TYPES[kind]}' for column, kind in column_types(table).items()
            )
            self.db.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({columns})')
            self._add_missing_columns(name, table)
            self.db.execute(f'CREATE INDEX IF NOT EXISTS "{name}_source" ON "{name}"(source_file)')
        self.db.execute(_PROCESSED)
        present = {row[1] for row in self.db.execute('PRAGMA table_info("processed_files")')}
        for column, kind in _PROCESSED_ADDED.items():
            if column not in present:  # an older store's files are then read again, once
                self.db.execute(f'ALTER TABLE "processed_files" ADD COLUMN "{column}" {kind}')
        self.db.execute('CREATE INDEX IF NOT EXISTS "processed_sha256" ON "processed_files"(source_sha256)')
        self.db.commit()

    def _add_missing_columns(self, name: str, table: type) -> None:
        """A store written by an earlier version gets the columns added since (empty for its old
        rows) instead of failing on its next insert. They go at the end of its tables, wherever
        they stand in the contract: rows are written and read by column name, never by place."""
        present = {row[1] for row in self.db.execute(f'PRAGMA table_info("{name}")')}
        for column, kind in column_types(table).items():
            if column not in present:
                self.db.execute(f'ALTER TABLE "{name}" ADD COLUMN "{column}" {_SQL_TYPES[kind]}')

    def __enter__(self) -> OutputStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()
        self._lock.close()

    def recorded(self, source_file: str, stamp: FileStamp | None, settings: str) -> tuple[str, str] | None:
        """(SHA-256, the path its rows are under) when ``source_file`` was processed without
        error with these ``settings``, as it is now (same ``stamp``), and those rows are still
        of its bytes: they are what reading it again would give. None otherwise."""
        if stamp is None:
            return None
        return self.db.execute(
            'SELECT f.source_sha256, f.recorded_as FROM "processed_files" f JOIN "processed_files" r '
            'ON r.source_file = f.recorded_as AND r.source_sha256 = f.source_sha256 '
            'AND r.settings = f.settings AND r.failed = 0 '
            'WHERE f.source_file = ? AND f.size = ? AND f.mtime_ns = ? AND f.settings = ? AND f.failed = 0 '
            "AND f.source_sha256 != ''", (source_file, stamp.size, stamp.mtime_ns, settings)).fetchone()

    def add_copies(self, recorded_as: str, sha256: str, copies: Sequence[tuple[str, FileStamp | None]],
                   settings: str) -> None:
        """Record paths found to hold the bytes whose rows are under ``recorded_as``: no rows
        of their own (any they had, of what they held before, go)."""
        with self.db:
            self._remember(recorded_as, sha256, copies, settings, failed=False)

    def replace_file(self, result: FileResult, stamp: FileStamp | None = None, settings: str = "",
                     copies: Sequence[tuple[str, FileStamp | None]] = ()) -> None:
        """Put one file's rows in place of any earlier rows for the same file, for its
        ``copies`` (other paths found holding the same bytes, each with its stamp) and for the
        same bytes recorded under another path before; and remember each path's ``stamp`` (taken
        before it was read), its bytes' hash and the run's ``settings``."""
        with self.db:
            stale = {result.source_file}
            if result.sha256:
                stale.update(row[0] for row in self.db.execute(
                    'SELECT source_file FROM "processed_files" WHERE source_sha256 = ? AND recorded_as = source_file',
                    (result.sha256,)))
            self._remember(result.source_file, result.sha256, [(result.source_file, stamp), *copies],
                           settings, failed=bool(result.errors))
            for name, table in TABLES.items():
                self.db.executemany(f'DELETE FROM "{name}" WHERE source_file = ?', [(path,) for path in stale])
                rows = getattr(result, name)
                if not rows:
                    continue
                columns = [f.name for f in fields(table)]
                marks = ", ".join("?" for _ in columns)
                self.db.executemany(
                    f'INSERT INTO "{name}" ({_names(columns)}) VALUES ({marks})',
                    [tuple(_storable(to_row(r)[c]) for c in columns) for r in rows],
                )

    def _remember(self, recorded_as: str, sha256: str, paths: Sequence[tuple[str, FileStamp | None]],
                  settings: str, failed: bool) -> None:
        for path, stamp in paths:
            self.db.execute('DELETE FROM "processed_files" WHERE source_file = ?', (path,))
            if stamp is not None:
                self.db.execute(
                    'INSERT INTO "processed_files" (source_file, size, mtime_ns, settings, failed, '
                    'source_sha256, recorded_as) VALUES (?, ?, ?, ?, ?, ?, ?)',
                    (path, stamp.size, stamp.mtime_ns, settings, int(failed), sha256, recorded_as))
            if path != recorded_as:  # a copy has no rows of its own
                for name in TABLES:
                    self.db.execute(f'DELETE FROM "{name}" WHERE source_file = ?', (path,))
        if sha256:  # the bytes' rows are under recorded_as now, whichever path they were under
            self.db.execute('UPDATE "processed_files" SET recorded_as = ? WHERE source_sha256 = ?',
                            (recorded_as, sha256))

    def set_other_paths(self) -> None:
        """documents.other_paths: each file's copies, as recorded in this folder."""
        copies: dict[str, list[str]] = {}
        for recorded_as, path in self.db.execute(
                'SELECT f.recorded_as, f.source_file FROM "processed_files" f JOIN "processed_files" r '
                'ON r.source_file = f.recorded_as AND r.source_sha256 = f.source_sha256 '
                'WHERE f.source_file != f.recorded_as ORDER BY f.source_file'):
            copies.setdefault(recorded_as, []).append(path)
        with self.db:
            self.db.execute("UPDATE \"documents\" SET other_paths = '[]' WHERE other_paths IS NOT '[]'")
            self.db.executemany('UPDATE "documents" SET other_paths = ? WHERE source_file = ?',
                                [(json.dumps(paths, ensure_ascii=False), source) for source, paths in copies.items()])

    def rows(self, name: str) -> Iterator[dict[str, Any]]:
        """Table ``name``'s rows, their columns in the contract's order."""
        columns = _names([f.name for f in fields(TABLES[name])])
        cursor = self.db.execute(f'SELECT {columns} FROM "{name}" ORDER BY source_file, rowid')
        columns = [d[0] for d in cursor.description]
        for values in cursor:
            yield dict(zip(columns, values))

    def count(self, name: str) -> int:
        """Rows of table ``name`` in the store: this run's and those kept from earlier ones."""
        return self.db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]

    def project_rows(self) -> list[dict[str, Any]]:
        """Every records row's rowid and what linking its project needs."""
        cursor = self.db.execute(
            'SELECT rowid, organization_code, organization, project_name, document_id, fiscal_year, '
            'round_months, source_file, project_key FROM "records"')
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, values)) for values in cursor]

    def set_project_keys(self, keys: dict[int, str]) -> None:
        """Set records' project_key by rowid, in one transaction."""
        with self.db:
            self.db.executemany('UPDATE "records" SET project_key = ? WHERE rowid = ?',
                                [(key, rowid) for rowid, key in keys.items()])

    def export(self) -> None:
        for name, table in TABLES.items():
            rows = list(self.rows(name))
            columns = [f.name for f in fields(table)]
            text = [c for c, kind in column_types(table).items() if kind == "text"]
            _write_atomic(self.out_dir / f"{name}.csv", lambda s: _write_csv(s, columns, rows, text), newline="")
            _write_atomic(self.out_dir / f"{name}.jsonl", lambda s: _write_jsonl(s, rows))
            _write_parquet(self.out_dir / f"{name}.parquet", table, columns, rows)


def _names(columns: list[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def _storable(value: Any) -> Any:
    """``value`` as SQLite can store it: text that holds a file name's undecodable bytes (as
    surrogate escapes, e.g. in an error message) gets them as ``\\xNN``, as ``source_file`` does."""
    if not isinstance(value, str) or value.isascii():
        return value
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        try:
            return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _lock(path: Path) -> IO[bytes]:
    stream = path.open("ab")
    try:
        fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        stream.close()
        raise OutputBusyError(f"another saraban run is writing to {path.parent}; wait for it to end "
                              "or choose another --out") from None
    return stream


@contextmanager
def _temporary_beside(path: Path) -> Iterator[Path]:
    """A temporary name of this run's own beside ``path`` (two runs never share one), renamed
    onto ``path`` when the block succeeds and removed when it fails."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _write_atomic(path: Path, write: Any, newline: str | None = None) -> None:
    encoding = "utf-8-sig" if path.suffix == ".csv" else "utf-8"
    with _temporary_beside(path) as temporary, temporary.open("w", encoding=encoding, newline=newline) as stream:
        write(stream)


# A spreadsheet takes a cell starting with these as a formula (=HYPERLINK(...), @cmd|...).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any, text: bool) -> Any:
    """``value`` as written to CSV: a text cell a spreadsheet would run as a formula gets a
    leading ``'`` (OWASP's advice for CSV injection) and NUL bytes become U+FFFD. Only CSV:
    JSON Lines, Parquet and SQLite keep the raw value; numbers and money are left alone."""
    if value is None:
        return ""
    if not text or not isinstance(value, str):
        return value
    value = value.replace("\x00", "\ufffd")
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _write_csv(stream: Any, columns: list[str], rows: list[dict[str, Any]], text: list[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=columns)
    writer.writeheader()
    texts = set(text)
    for row in rows:
        writer.writerow({k: csv_cell(v, k in texts) for k, v in row.items()})


def _write_jsonl(stream: Any, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_parquet(path: Path, table: type, columns: list[str], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = column_types(table)
    arrow_types = {
        "text": pa.string(), "integer": pa.int64(), "real": pa.float64(),
        "decimal": pa.decimal128(18, 2),
    }
    arrays = []
    for column in columns:
        values = [row[column] for row in rows]
        if kinds[column] == "decimal":
            values = [None if v in (None, "") else Decimal(v) for v in values]
        arrays.append(pa.array(values, type=arrow_types[kinds[column]]))
    with _temporary_beside(path) as temporary:
        pq.write_table(pa.Table.from_arrays(arrays, names=columns), temporary)
