"""A store (ingest.sqlite) of many synthetic files, written straight into its tables: every
table, every column kind, nulls, money, dates, Thai text and cells a spreadsheet would run
as formulas, keys valid. For tests of the exports, and for measuring them on a large store."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

from saraban.ingest.store_schema import prepare
from saraban.reconcile.records import TABLES, Column, columns

_TEXTS = ("เทศบาลตำบลสะเตงนอก", "=HYPERLINK(\"x\")", "+66 1", "-ลบ", "@cmd", "โครงการ\tอบรม", "a\x00b",
          "ปรับปรุง, \"ถนน\"\nสาย ๒", "", "plain")


def fill(database: Path, files: int, records_per_file: int = 20, seed: int = 15) -> int:
    """Write ``files`` files' rows into the store at ``database`` (created if missing), the
    files in shuffled order so that store order is not file order; returns the records."""
    rng = random.Random(seed)
    db = sqlite3.connect(database)
    try:
        prepare(db)
        order = list(range(files))
        rng.shuffle(order)
        with db:
            for number in order:
                _file(db, rng, number, records_per_file)
        return files * records_per_file
    finally:
        db.close()


def _file(db: sqlite3.Connection, rng: random.Random, number: int, records: int) -> None:
    source = f"/archive/{number % 97:02d}/bundle-{number:06d}.txt"
    document = f"d-{number:06d}"
    fixed = {"source_file": source, "document_id": document, "source_sha256": f"{number:064x}"}
    _insert(db, "documents", _row("documents", rng, fixed))
    _insert(db, "reports", _row("reports", rng, fixed))
    for seq in range(records):
        record = f"r-{number:06d}-{seq:03d}"
        _insert(db, "records", _row("records", rng, {**fixed, "record_id": record}))
        if seq % 4 == 0:
            _insert(db, "flags", _row("flags", rng, {**fixed, "record_id": record if seq % 8 else None}))
    if number % 10 == 0:
        _insert(db, "errors", _row("errors", rng, {"source_file": source}))


def _row(name: str, rng: random.Random, fixed: dict[str, Any]) -> dict[str, Any]:
    return {c.name: fixed[c.name] if c.name in fixed else _value(c, rng) for c in columns(TABLES[name])}


def _value(column: Column, rng: random.Random) -> Any:
    if column.nullable and rng.random() < 0.2:
        return None
    if column.kind == "integer":
        return rng.randrange(-5, 3000)
    if column.kind == "real":
        return rng.random()
    if column.kind == "decimal":
        return f"{rng.randrange(0, 10**9)}.{rng.randrange(100):02d}"
    if column.kind == "date":
        return f"{rng.randrange(2019, 2027)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return rng.choice(_TEXTS) + str(rng.randrange(1000))


def _insert(db: sqlite3.Connection, name: str, row: dict[str, Any]) -> None:
    quoted = ", ".join(f'"{key}"' for key in row)
    db.execute(f'INSERT INTO "{name}" ({quoted}) VALUES ({", ".join("?" for _ in row)})', tuple(row.values()))
