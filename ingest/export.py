"""The flat files: each table of the store as CSV (UTF-8 with BOM, for Excel), JSON Lines and
Parquet, each written to a temporary name of this run's own and renamed into place.

A table is written in one pass over its rows as they stream from the store, a batch at a time:
CSV and JSON Lines line by line, Parquet in row groups; so memory holds a batch and a row group
(as Arrow columns), never the table, however large the archive grows.

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
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from saraban.reconcile.records import SCHEMA_VERSION, TABLES, Column, columns

if TYPE_CHECKING:
    import pyarrow as pa


# Rows taken from the store at a time, and rows per Parquet row group (held as Arrow columns:
# compact, unlike the rows' Python objects, so a group can be ten batches).
BATCH_ROWS = 5_000
ROW_GROUP_ROWS = 50_000


def write_table(out_dir: Path, name: str, rows: Iterable[dict[str, Any]]) -> None:
    """Write table ``name``'s ``rows`` (as the store holds them, in the order given) as
    NAME.csv, .jsonl and .parquet, in one pass: ``rows`` may be a stream of any length."""
    import pyarrow.parquet as pq

    table = TABLES[name]
    names = [column.name for column in columns(table)]
    text = {column.name for column in columns(table) if column.kind == "text"}
    schema = arrow_schema(table)
    with ExitStack() as files:
        # Entered before the streams, so a stream is closed before its file is renamed into place.
        csv_path, jsonl_path, parquet_path = (files.enter_context(_temporary_beside(out_dir / f"{name}.{suffix}"))
                                              for suffix in ("csv", "jsonl", "parquet"))
        csv_stream = files.enter_context(csv_path.open("w", encoding="utf-8-sig", newline=""))
        jsonl_stream = files.enter_context(jsonl_path.open("w", encoding="utf-8"))
        parquet = files.enter_context(pq.ParquetWriter(parquet_path, schema))
        writer = csv.DictWriter(csv_stream, fieldnames=names)
        writer.writeheader()
        group: list[pa.RecordBatch] = []
        for batch in _batches(rows, BATCH_ROWS):
            _write_csv(writer, batch, text)
            _write_jsonl(jsonl_stream, batch)
            group.append(_record_batch(table, schema, batch))
            if sum(len(b) for b in group) >= ROW_GROUP_ROWS:
                group = _write_group(parquet, group)
        _write_group(parquet, group, last=True)


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    stream = iter(rows)
    while batch := list(islice(stream, size)):
        yield batch


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


def _write_csv(writer: csv.DictWriter, rows: list[dict[str, Any]], text: set[str]) -> None:
    writer.writerows({k: csv_cell(v, k in text) for k, v in row.items()} for row in rows)


def _write_jsonl(stream: Any, rows: list[dict[str, Any]]) -> None:
    stream.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _record_batch(table: type, schema: pa.Schema, rows: list[dict[str, Any]]) -> pa.RecordBatch:
    import pyarrow as pa

    arrays = [pa.array([_arrow_value(c, row[c.name]) for row in rows], type=schema.field(c.name).type)
              for c in columns(table)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _write_group(parquet: Any, group: list[pa.RecordBatch], last: bool = False) -> list[pa.RecordBatch]:
    """Write the ``group``'s batches' first ROW_GROUP_ROWS rows as one row group (all of them
    when ``last``); returns the batches of the rows left for the next. A table without rows
    gets no row group: a file with the schema alone."""
    import pyarrow as pa

    rows = pa.Table.from_batches(group, schema=parquet.schema)
    size = rows.num_rows if last else ROW_GROUP_ROWS
    if size:
        parquet.write_table(rows.slice(0, size), row_group_size=size)
    return rows.slice(size).to_batches()


def _arrow_value(column: Column, value: Any) -> Any:
    """A stored value as Arrow takes it: money text as Decimal, an ISO date as a date."""
    if value is None or value == "" and column.kind != "text":
        return None
    if column.kind == "decimal":
        return Decimal(value)
    return datetime.date.fromisoformat(value) if column.kind == "date" else value
