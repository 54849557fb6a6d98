"""The SQLite store's schema version: an older store is migrated, a newer one refused, and rows
that would break its keys never stop the batch."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from saraban.ingest.cli import main
from saraban.ingest.config import IngestConfig
from saraban.ingest.load import OutputStore
from saraban.ingest.pipeline import FileResult
from saraban.reconcile.records import SCHEMA_VERSION, FlagRecord
from saraban.ingest.runner import run
from tests.ingest.old_store import downgrade
from tests.ingest.report_text import Bundle, MEMO

CONFIG = IngestConfig(jobs=1)


def table(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


def first_run(tmp_path: Path) -> tuple[Path, Path]:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    # A memo citing a letter, whose own date cannot be read: cited_documents and a null date.
    memo = MEMO.replace("๑๔ กุมภาพันธ์", "๓๔ กุมภาพันธ์").replace(
        "เรียน", "อ้างถึง หนังสือสำนักงาน ป.ป.ช. ที่ ปช ๐๐๑๓/๐๐๕๔ ลงวันที่ ๑๔ กรกฎาคม ๒๕๖๓\n\nเรียน")
    (inbox / "a.txt").write_text(Bundle(memo=memo).text(), encoding="utf-8")
    assert run([inbox], out, CONFIG).files == 1
    return inbox, out


def test_a_store_without_a_version_is_given_keys_and_keeps_its_rows(tmp_path):
    inbox, out = first_run(tmp_path)
    before = {name: table(out, name) for name in ("records", "documents", "flags")}
    assert any(d["cited_documents"] != "[]" for d in before["documents"])
    assert None in {d["date"] for d in before["documents"]}
    downgrade(out / "ingest.sqlite")
    with sqlite3.connect(out / "ingest.sqlite") as db:
        assert db.execute("SELECT count(*) FROM documents WHERE date = ''").fetchone()[0] > 0
    assert run([inbox], out, CONFIG).files == 0  # unchanged since: kept, not read again
    assert {name: table(out, name) for name in before} == before  # `references` now cited_documents, '' null
    with sqlite3.connect(out / "ingest.sqlite") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [r[1] for r in db.execute('PRAGMA table_info("records")') if r[5]] == ["record_id"]
        assert db.execute("SELECT count(*) FROM documents WHERE date = ''").fetchone()[0] == 0


def test_a_store_from_before_record_ids_has_its_files_read_again(tmp_path):
    inbox, out = first_run(tmp_path)
    downgrade(out / "ingest.sqlite", without={("records", "record_id"), ("flags", "record_id"),
                                              ("flags", "field"), ("documents", "other_paths")})
    with OutputStore(out) as store:  # opened by a run given other files: the rows cannot be keyed
        assert store.count("records") == 0 and store.count("documents") == 0
    summary = run([inbox], out, CONFIG)
    assert summary.files == 1  # read again, once
    assert len(table(out, "records")) == 3 and all(r["record_id"] for r in table(out, "records"))
    assert run([inbox], out, CONFIG).files == 0


def test_a_store_of_a_newer_version_is_refused_in_one_line(tmp_path, capsys):
    inbox, out = first_run(tmp_path)
    with sqlite3.connect(out / "ingest.sqlite") as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    assert main(["ingest", str(inbox), "--out", str(out)]) == 2
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and f"schema version is {SCHEMA_VERSION + 1}" in said and "Traceback" not in said
    with sqlite3.connect(out / "ingest.sqlite") as db:  # left as it was
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_rows_that_break_the_keys_become_an_errors_row_and_the_batch_goes_on(tmp_path):
    with OutputStore(tmp_path / "out") as store:
        broken = FileResult("/in/broken.txt", sha256="ab" * 32, flags=[FlagRecord(
            "/in/broken.txt", "abababababab-01", None, None, "SEQ_GAP", "warning", "", "", "",
            record_id="abababababab-01-001", field="seq")])  # about a document and a row it has not
        stored = store.replace_file(broken)
        assert [e.error_code for e in stored.errors] == ["internal_error"]
        assert "break the store's keys" in stored.errors[0].message
        assert store.count("flags") == 0 and store.count("errors") == 1
        store.export()
    with (tmp_path / "out" / "errors.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert [row["source_file"] for row in csv.DictReader(stream)] == ["/in/broken.txt"]
