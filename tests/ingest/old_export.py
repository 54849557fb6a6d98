"""The exports as saraban wrote them before they streamed: each table read whole into a list,
then written as CSV, JSON Lines and Parquet (pyarrow.parquet.write_table). The streaming
writer must give the same files (tests/ingest/test_streaming_export.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from saraban.ingest.export import _arrow_value, arrow_schema, csv_cell
from saraban.reconcile.records import TABLES, columns


def write_table(out_dir: Path, name: str, rows: list[dict[str, Any]]) -> None:
    table = TABLES[name]
    names = [column.name for column in columns(table)]
    text = {column.name for column in columns(table) if column.kind == "text"}
    with (out_dir / f"{name}.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=names)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: csv_cell(v, k in text) for k, v in row.items()})
    with (out_dir / f"{name}.jsonl").open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    schema = arrow_schema(table)
    arrays = [pa.array([_arrow_value(c, row[c.name]) for row in rows], type=schema.field(c.name).type)
              for c in columns(table)]
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), out_dir / f"{name}.parquet")
