"""A store as saraban wrote it before schema versions: tables without keys, no user_version,
`references` for cited_documents, '' for a missing date or record_id."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from pathlib import Path

from saraban.reconcile.records import TABLES, columns

_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "decimal": "TEXT", "date": "TEXT"}
_OLD_NAMES = {"cited_documents": "references"}


def downgrade(database: Path, without: Collection[tuple[str, str]] = ()) -> None:
    """Rewrite the store at ``database`` as an unversioned saraban left it; ``without`` names
    (table, column) pairs it did not have yet (processed_files' included)."""
    db = sqlite3.connect(database)
    try:
        for name in TABLES:
            kept = [c for c in columns(TABLES[name]) if (name, c.name) not in without]
            old = [_OLD_NAMES.get(c.name, c.name) for c in kept]
            db.execute(f'ALTER TABLE "{name}" RENAME TO "new_{name}"')
            db.execute(f'CREATE TABLE "{name}" ({", ".join(f"{chr(34)}{o}{chr(34)} {_TYPES[c.kind]}" for o, c in zip(old, kept))})')
            values = ", ".join(f"IFNULL(\"{c.name}\", '')" if c.nullable and c.kind in ("text", "date") else f'"{c.name}"'
                               for c in kept)
            db.execute(f'INSERT INTO "{name}" ({", ".join(chr(34) + o + chr(34) for o in old)}) '
                       f'SELECT {values} FROM "new_{name}"')
            db.execute(f'DROP TABLE "new_{name}"')
            db.execute(f'CREATE INDEX "{name}_source" ON "{name}"(source_file)')
        if ("processed_files", "source_sha256") in without:
            db.execute('DROP INDEX "processed_sha256"')
        for table, column in without:
            if table == "processed_files":
                db.execute(f'ALTER TABLE "processed_files" DROP COLUMN "{column}"')
        db.execute("PRAGMA user_version = 0")
        db.commit()
    finally:
        db.close()
