"""Re-runs into the same output folder: files unchanged since, with the same settings, keep
their rows and are not read again; an interrupted batch goes on where it stopped."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from saraban.reconcile.build_report import BuildSettings
from saraban.ingest.config import IngestConfig
from saraban.ingest.runner import run
from tests.ingest.report_text import Bundle, Row

CONFIG = IngestConfig(jobs=1)


class Interrupted(Exception):
    pass


def inbox_of(tmp_path: Path, count: int = 3) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(1, count + 1):
        bundle = Bundle(rows=[Row(str(i), name=f"โครงการที่ {n}-{i}") for i in range(1, n + 2)])
        (inbox / f"bundle-{n}.txt").write_text(bundle.text(), encoding="utf-8")
    return inbox


def records(out: Path) -> list[dict[str, str]]:
    with (out / "records.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def read_files(inbox: Path, out: Path, config: IngestConfig = CONFIG, reprocess: bool = False) -> list[str]:
    read: list[str] = []
    run([inbox], out, config, on_file=lambda result: read.append(Path(result.source_file).name), reprocess=reprocess)
    return sorted(read)


def test_an_interrupted_batch_goes_on_where_it_stopped(tmp_path):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"

    def stop_after_the_first(_result) -> None:
        raise Interrupted

    with pytest.raises(Interrupted):
        run([inbox], out, CONFIG, on_file=stop_after_the_first)
    assert read_files(inbox, out) == ["bundle-2.txt", "bundle-3.txt"]  # bundle-1's rows were committed
    assert len(records(out)) == 2 + 3 + 4
    summary = run([inbox], out, CONFIG)
    assert (summary.files, summary.unchanged) == (0, 3)
    assert len(records(out)) == 2 + 3 + 4  # the kept rows are still exported


def test_a_changed_file_new_settings_or_reprocess_read_files_again(tmp_path):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    assert read_files(inbox, out) == ["bundle-1.txt", "bundle-2.txt", "bundle-3.txt"]
    changed = inbox / "bundle-2.txt"
    stat = changed.stat()
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert read_files(inbox, out) == ["bundle-2.txt"]
    stricter = IngestConfig(jobs=1, build=BuildSettings(status_confidence_threshold=0.9))
    assert read_files(inbox, out, stricter) == ["bundle-1.txt", "bundle-2.txt", "bundle-3.txt"]
    assert read_files(inbox, out, IngestConfig(jobs=2, build=stricter.build)) == []  # workers change nothing
    assert read_files(inbox, out, stricter, reprocess=True) == ["bundle-1.txt", "bundle-2.txt", "bundle-3.txt"]


def test_a_file_that_failed_is_tried_again(tmp_path):
    inbox, out = inbox_of(tmp_path, count=1), tmp_path / "out"
    (inbox / "empty.txt").write_bytes(b"")
    assert read_files(inbox, out) == ["bundle-1.txt", "empty.txt"]
    assert read_files(inbox, out) == ["empty.txt"]  # its error may have been fixed since


def test_an_interrupted_parallel_batch_keeps_what_was_stored(tmp_path):
    inbox, out = inbox_of(tmp_path, count=6), tmp_path / "out"
    stored: list[str] = []

    def stop_after_two(result) -> None:
        stored.append(Path(result.source_file).name)
        if len(stored) == 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        run([inbox], out, IngestConfig(jobs=2), on_file=stop_after_two)
    rest = read_files(inbox, out, IngestConfig(jobs=2))
    assert sorted(stored + rest) == [f"bundle-{n}.txt" for n in range(1, 7)] and not set(stored) & set(rest)


def test_a_store_written_before_a_column_was_added_takes_the_new_column(tmp_path):
    import sqlite3

    inbox, out = inbox_of(tmp_path, count=1), tmp_path / "out"
    read_files(inbox, out)
    before = records(out)
    with sqlite3.connect(out / "ingest.sqlite") as db:  # the store as an older version left it
        db.execute('ALTER TABLE "records" DROP COLUMN "remarks"')  # a column inside the table
        db.execute('ALTER TABLE "flags" DROP COLUMN "found"')
    assert read_files(inbox, out, reprocess=True) == ["bundle-1.txt"]
    with sqlite3.connect(out / "ingest.sqlite") as db:
        columns = [row[1] for row in db.execute('PRAGMA table_info("records")')]
        assert columns[-1] == "remarks"  # added at the end of the old table
        assert db.execute('SELECT count(*) FROM "records"').fetchone()[0] == 2
    assert records(out) == before  # each value in its own column, the columns in the contract's order
    with (out / "records.csv").open(encoding="utf-8-sig") as stream:
        assert stream.readline().startswith("source_file,source_sha256,document_id,")
