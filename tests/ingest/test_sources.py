"""A file is its bytes: one file given under several spellings of its path, or copied under
other names, gives its rows once, its other paths listed (saraban.ingest.sources)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from saraban.ingest.config import IngestConfig
from saraban.ingest.runner import run
from tests.ingest.old_store import downgrade
from tests.ingest.report_text import Bundle, Row

CONFIG = IngestConfig(jobs=1)


def table(out: Path, name: str) -> list[dict[str, str]]:
    with (out / f"{name}.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def inbox_of(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(Bundle().text(), encoding="utf-8")  # 3 rows
    return inbox


def test_one_file_named_relative_and_absolute_gives_its_rows_once(tmp_path, monkeypatch):
    inbox = inbox_of(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    summary = run([Path("inbox/a.txt"), inbox / "a.txt", Path("./inbox/../inbox/a.txt"), Path("inbox")], out, CONFIG)
    records = table(out, "records")
    assert len(records) == 3 and summary.files == 1
    assert {r["source_file"] for r in records} == {str(inbox / "a.txt")}  # absolute, one spelling
    assert len({r["record_id"] for r in records}) == 3


def test_two_identical_files_give_their_rows_once_and_both_paths(tmp_path):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    shutil.copy(inbox / "a.txt", inbox / "b copy.txt")
    summary = run([inbox], out, CONFIG)
    assert (summary.files, summary.copies) == (1, 1)
    records, documents = table(out, "records"), table(out, "documents")
    assert len(records) == 3 and len({r["record_id"] for r in records}) == 3
    # the first path in name order holds the rows; the copy is listed beside them
    assert {d["source_file"] for d in documents} == {str(inbox / "a.txt")}
    assert {d["other_paths"] for d in documents} == {json.dumps([str(inbox / "b copy.txt")])}
    assert len({d["document_id"] for d in documents}) == len(documents)


def test_a_copy_found_later_is_recorded_not_read_and_keeps_its_rows_when_the_original_changes(tmp_path):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    run([inbox], out, CONFIG)
    shutil.copy(inbox / "a.txt", inbox / "b.txt")
    summary = run([inbox], out, CONFIG)
    assert (summary.files, summary.unchanged, summary.copies) == (0, 1, 1)
    assert len(table(out, "records")) == 3
    assert json.loads(table(out, "documents")[0]["other_paths"]) == [str(inbox / "b.txt")]
    # a.txt now holds another report: b.txt's bytes are read again, under b.txt
    (inbox / "a.txt").write_text(Bundle(rows=[Row("1"), Row("2")]).text(), encoding="utf-8")
    summary = run([inbox], out, CONFIG)
    assert summary.files == 2
    records = table(out, "records")
    assert sorted(Path(r["source_file"]).name for r in records) == ["a.txt"] * 2 + ["b.txt"] * 3
    assert {d["other_paths"] for d in table(out, "documents")} == {"[]"}
    assert run([inbox], out, CONFIG).files == 0  # and both are kept after


def test_reprocess_reads_a_file_with_copies_once(tmp_path):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    shutil.copy(inbox / "a.txt", inbox / "b.txt")
    run([inbox], out, CONFIG)
    summary = run([inbox], out, CONFIG, reprocess=True)
    assert (summary.files, summary.copies) == (1, 1) and len(table(out, "records")) == 3


def test_a_store_written_before_identity_columns_is_migrated(tmp_path):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    run([inbox], out, CONFIG)
    downgrade(out / "ingest.sqlite", without={  # the store as the version before left it
        ("records", "record_id"), ("flags", "record_id"), ("flags", "field"), ("documents", "other_paths"),
        ("processed_files", "source_sha256"), ("processed_files", "recorded_as")})
    assert run([inbox], out, CONFIG).files == 1  # its files are read again, once
    assert all(r["record_id"] for r in table(out, "records"))
    assert run([inbox], out, CONFIG).files == 0


def test_each_path_of_a_file_that_fails_has_its_errors_row(tmp_path):
    inbox, out = inbox_of(tmp_path), tmp_path / "out"
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "empty too.txt").write_bytes(b"")
    summary = run([inbox], out, CONFIG)
    assert (summary.files, summary.failed_files, summary.copies) == (2, 1, 1)
    errors = {Path(e["source_file"]).name: e for e in table(out, "errors")}
    assert {name: e["error_code"] for name, e in errors.items()} == {"empty too.txt": "empty_file",
                                                                     "empty.txt": "empty_file"}
    assert str(inbox / "empty too.txt") in errors["empty.txt"]["message"]
    assert len(table(out, "records")) == 3
