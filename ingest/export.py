"""The flat files: each table of the store as CSV (UTF-8 with BOM, for Excel), JSON Lines and
Parquet, each written to a temporary name of this run's own and renamed into place.

Every format has the contract's columns and types (saraban.reconcile.records): JSON Lines as the JSON
Schema says (money as decimal strings, null for a missing value); Parquet typed (integers
int64, confidences float64, money decimal128(18, 2) or, for sums and ratios, (38, 2); dates
date32; null for a missing value); CSV as text, with cells a spreadsheet would run as
formulas neutralized.
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from saraban.reconcile.records import SCHEMA_VERSION, TABLES, Column, columns

if TYPE_CHECKING:
    import pyarrow as pa


def write_table(out_dir: Path, name: str, rows: list[dict[str, Any]]) -> None:
    """Write table ``name``'s ``rows`` (as the store holds them) as NAME.csv, .jsonl, .parquet."""
    table = TABLES[name]
    names = [column.name for column in columns(table)]
    text = {column.name for column in columns(table) if column.kind == "text"}
    _write_atomic(out_dir / f"{name}.csv", lambda s: _write_csv(s, names, rows, text), newline="")
    _write_atomic(out_dir / f"{name}.jsonl", lambda s: _write_jsonl(s, rows))
    _write_parquet(out_dir / f"{name}.parquet", table, rows)


def arrow_schema(table: type) -> pa.Schema:
    """The Parquet schema of ``table``, each field described by its documentation."""
    # pyarrow is imported where used: the worker processes import this module (with the runner)
    # and never write Parquet.
    import pyarrow as pa

    return pa.schema(
        [pa.field(c.name, _arrow_type(c), metadata={"description": c.doc}) for c in columns(table)],
        metadata={"saraban_schema_version": str(SCHEMA_VERSION)},
    )


def _arrow_type(column: Column) -> pa.DataType:
    import pyarrow as pa

    if column.kind == "decimal":
        return pa.decimal128(column.precision, 2)
    return {"text": pa.string(), "integer": pa.int64(), "real": pa.float64(), "date": pa.date32()}[column.kind]


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


def _write_csv(stream: Any, names: list[str], rows: list[dict[str, Any]], text: set[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=names)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(v, k in text) for k, v in row.items()})


def _write_jsonl(stream: Any, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_parquet(path: Path, table: type, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    arrays = [pa.array([_arrow_value(c, row[c.name]) for row in rows], type=schema.field(c.name).type)
              for c in columns(table)]
    with _temporary_beside(path) as temporary:
        pq.write_table(pa.Table.from_arrays(arrays, schema=schema), temporary)


def _arrow_value(column: Column, value: Any) -> Any:
    """A stored value as Arrow takes it: money text as Decimal, an ISO date as a date."""
    if value is None or value == "" and column.kind != "text":
        return None
    if column.kind == "decimal":
        return Decimal(value)
    return datetime.date.fromisoformat(value) if column.kind == "date" else value
