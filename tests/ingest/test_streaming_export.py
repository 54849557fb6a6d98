"""The exports stream from the store: the same files as the whole-table writer gave, across
batch and row-group boundaries, while holding only a batch of rows at a time."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from saraban.ingest import export, load
from saraban.ingest.load import OutputStore
from saraban.reconcile.records import TABLES
from tests.ingest import old_export
from tests.ingest.synthetic_store import fill

FILES = 400  # 8,000 records, 2,000 flags: past a 5,000-row batch


def _same_as_old_writer(out: Path, old: Path) -> None:
    with OutputStore(out) as store:
        store.export()
        for name in TABLES:
            old_export.write_table(old, name, list(store.rows(name)))
    for name in TABLES:
        for suffix in ("csv", "jsonl"):
            assert (out / f"{name}.{suffix}").read_bytes() == (old / f"{name}.{suffix}").read_bytes(), (name, suffix)
        new_table, old_table = pq.read_table(out / f"{name}.parquet"), pq.read_table(old / f"{name}.parquet")
        assert new_table.num_rows == old_table.num_rows
        assert new_table.equals(old_table, check_metadata=True), name


@pytest.mark.parametrize("batch, group", [(export.BATCH_ROWS, export.ROW_GROUP_ROWS), (97, 500)])
def test_streamed_exports_are_the_whole_table_writers_files(tmp_path, monkeypatch, batch, group):
    monkeypatch.setattr(export, "BATCH_ROWS", batch)
    monkeypatch.setattr(load, "BATCH_ROWS", batch)
    monkeypatch.setattr(export, "ROW_GROUP_ROWS", group)
    out, old = tmp_path / "out", tmp_path / "old"
    out.mkdir(), old.mkdir()
    fill(out / load.DATABASE, FILES)
    _same_as_old_writer(out, old)
    assert pq.ParquetFile(out / "records.parquet").metadata.num_row_groups == -(-FILES * 20 // group)
    assert not list(out.glob(".*.tmp"))  # every temporary renamed into place


def test_an_empty_store_exports_empty_tables_with_their_schema(tmp_path):
    out, old = tmp_path / "out", tmp_path / "old"
    out.mkdir(), old.mkdir()
    fill(out / load.DATABASE, 0)
    _same_as_old_writer(out, old)


class _Row(dict):
    """A row that counts how many of its kind are alive (held by anything)."""

    alive = 0

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        _Row.alive += 1

    def __del__(self) -> None:
        _Row.alive -= 1


def test_the_export_holds_a_batch_of_rows_not_the_table(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "BATCH_ROWS", 100)
    monkeypatch.setattr(load, "BATCH_ROWS", 100)
    fill(tmp_path / load.DATABASE, FILES)
    most = 0
    rows = OutputStore.rows

    def watched(self, name):
        nonlocal most
        for row in rows(self, name):
            row = _Row(row)
            most = max(most, _Row.alive)
            yield row
            del row

    monkeypatch.setattr(OutputStore, "rows", watched)
    with OutputStore(tmp_path) as store:
        store.export()
    # The batch being written and the next being taken (its names still bound): of 8,000 records.
    assert most <= 2 * 100 + 1
