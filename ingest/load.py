"""Load stage: results → ingest.sqlite, then CSV (UTF-8 with BOM), JSON Lines and Parquet.

SQLite is the store: each file's rows replace that file's earlier rows in one transaction, so
a re-run never duplicates and an interrupted run loses nothing already committed. The same
transaction records the file's stamp (size, modification time), its SHA-256, its copies' paths
and the run's settings, so a later run into the same folder can keep a file unchanged since,
instead of reading it again (saraban.ingest.sources decides which).
The flat files are exported from it (saraban.ingest.export).
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from itertools import groupby
from pathlib import Path
from typing import IO, Any

from saraban.reconcile.errors import BatchErrorCode
from saraban.ingest.pipeline import FileResult
from saraban.ingest.export import BATCH_ROWS, write_table
from saraban.reconcile.records import TABLES, ErrorRecord, to_row
from saraban.ingest.store_schema import StoreVersionError, prepare

DATABASE = "ingest.sqlite"
LOCK = ".saraban.lock"


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
        try:
            prepare(self.db)
        except StoreVersionError as error:
            self.close()
            raise StoreVersionError(f"{out_dir / DATABASE} cannot be used: {error}") from None
        except BaseException:
            self.close()
            raise

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
                     copies: Sequence[tuple[str, FileStamp | None]] = ()) -> FileResult:
        """Put one file's rows in place of any earlier rows for the same file, for its
        ``copies`` (other paths found holding the same bytes, each with its stamp) and for the
        same bytes recorded under another path before; and remember each path's ``stamp`` (taken
        before it was read), its bytes' hash and the run's ``settings``. Returns what was
        stored: ``result``, or, when its rows break the store's keys (a bug), an errors row."""
        try:
            self._replace_file(result, stamp, settings, copies)
            return result
        except sqlite3.IntegrityError as error:
            broken = FileResult(result.source_file, sha256=result.sha256, errors=[ErrorRecord(
                result.source_file, BatchErrorCode.INTERNAL_ERROR,
                f"saraban read this file, but its rows break the store's keys ({error}); none were "
                "kept. Please report it with the file if you can share it.")])
            self._replace_file(broken, stamp, settings, copies)
            return broken

    def _replace_file(self, result: FileResult, stamp: FileStamp | None, settings: str,
                      copies: Sequence[tuple[str, FileStamp | None]]) -> None:
        with self.db:
            stale = {result.source_file}
            if result.sha256:
                stale.update(row[0] for row in self.db.execute(
                    'SELECT source_file FROM "processed_files" WHERE source_sha256 = ? AND recorded_as = source_file',
                    (result.sha256,)))
            # Rows of these documents under any other path are of the same bytes: replaced too,
            # as their ids are unique in the store.
            ids = [d.document_id for d in result.documents]
            stale.update(row[0] for row in self.db.execute(
                f'SELECT source_file FROM "documents" WHERE document_id IN ({", ".join("?" for _ in ids)})', ids))
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
                    [tuple(_storable(value) for value in to_row(r).values()) for r in rows],
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
        """documents.other_paths: each file's copies, as recorded in this folder (read a file's
        copies at a time: memory does not grow with the archive)."""
        cursor = self.db.execute(
            'SELECT f.recorded_as, f.source_file FROM "processed_files" f JOIN "processed_files" r '
            'ON r.source_file = f.recorded_as AND r.source_sha256 = f.source_sha256 '
            'WHERE f.source_file != f.recorded_as ORDER BY f.recorded_as, f.source_file')
        with self.db:
            self.db.execute("UPDATE \"documents\" SET other_paths = '[]' WHERE other_paths IS NOT '[]'")
            self.db.executemany('UPDATE "documents" SET other_paths = ? WHERE source_file = ?', (
                (json.dumps([path for _, path in copies], ensure_ascii=False), source)
                for source, copies in groupby(cursor, key=lambda row: row[0])))

    def rows(self, name: str) -> Iterator[dict[str, Any]]:
        """Table ``name``'s rows, their columns in the contract's order, file by file (each
        file's in the order stored), fetched a batch at a time: a stream, not the table."""
        columns = _names([f.name for f in fields(TABLES[name])])
        cursor = self.db.execute(f'SELECT {columns} FROM "{name}" ORDER BY source_file, rowid')
        columns = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(BATCH_ROWS):
            yield from (dict(zip(columns, values)) for values in batch)

    def count(self, name: str) -> int:
        """Rows of table ``name`` in the store: this run's and those kept from earlier ones."""
        return self.db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]

    def project_groups(self) -> Iterator[list[dict[str, Any]]]:
        """Records' rowid and what linking their projects needs, one organization's rows at a
        time (by its DLA code, else its name): projects are linked within an organization, so
        memory holds one organization's rows, not the archive's."""
        cursor = self.db.execute(
            'SELECT rowid, organization_code, organization, project_name, document_id, fiscal_year, '
            "round_months, source_file, project_key, COALESCE(NULLIF(organization_code, ''), organization) "
            'AS organization_key FROM "records" ORDER BY organization_key')
        columns = [d[0] for d in cursor.description]
        for _, group in groupby(map(lambda values: dict(zip(columns, values)), cursor),
                                key=lambda row: row["organization_key"]):
            yield list(group)

    def set_project_keys(self, keys: Iterable[tuple[int, str]]) -> int:
        """Set records' project_key by rowid, in one transaction; returns how many. ``keys`` may
        be computed while records are read (project_groups): they are staged in a temporary
        table, and records updated from it once they are all in."""
        self.db.execute('CREATE TEMP TABLE IF NOT EXISTS "linked_keys" (row INTEGER PRIMARY KEY, key TEXT)')
        try:
            with self.db:
                self.db.executemany('INSERT INTO temp."linked_keys" (row, key) VALUES (?, ?)', keys)
                changed = self.db.execute('SELECT COUNT(*) FROM temp."linked_keys"').fetchone()[0]
                self.db.execute('UPDATE "records" SET project_key = linked.key FROM temp."linked_keys" AS linked '
                                'WHERE "records".rowid = linked.row')
            return changed
        finally:
            self.db.execute('DROP TABLE temp."linked_keys"')

    def export(self) -> None:
        """Each table as CSV, JSON Lines and Parquet, streamed from the store."""
        for name in TABLES:
            write_table(self.out_dir, name, self.rows(name))


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
