"""Files and folders that must not stop a batch: each becomes an errors row, a skip count or a
documented result, and the good file beside it still gives its rows (issue #14)."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from saraban.ingest.cli import main
from tests.conftest import ROOT, SEED_BUNDLE
from tests.ingest.report_text import Bundle

TIS620_NAME = b"\xc3\xd2\xc2\xa7\xd2\xb9.txt"  # รายงาน.txt as Thai Windows zips write it
UNDECODABLE = bytes(range(0x80, 0x100)) * 8  # not UTF-8, and no encoding charset-normalizer knows
TABLES = ("records", "documents", "reports", "flags", "errors")


def rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def assert_all_exports(out: Path) -> None:
    for table in TABLES:
        for suffix in (".csv", ".jsonl", ".parquet"):
            assert (out / f"{table}{suffix}").exists(), f"{table}{suffix}"
    assert (out / "ingest.sqlite").exists()


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "saraban", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=timeout, check=False)


def test_a_file_name_that_is_not_utf8_is_read_and_stored_with_its_bytes_escaped(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    thai = Path(os.fsdecode(os.fsencode(inbox) + b"/" + TIS620_NAME))
    shutil.copy(SEED_BUNDLE, thai)
    out = tmp_path / "out"
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 0
    assert_all_exports(out)
    stored = os.fsencode(inbox).decode() + "/" + TIS620_NAME.decode("utf-8", "backslashreplace")
    assert stored.endswith("/\\xc3\\xd2§ҹ.txt")  # the bytes that are not UTF-8, as \xNN
    records = rows(out, "records")
    assert len(records) == 65 and {r["source_file"] for r in records} == {stored}
    first = json.loads((out / "records.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["source_file"] == stored
    assert set(pq.read_table(out / "records.parquet").column("source_file").to_pylist()) == {stored}
    with sqlite3.connect(out / "ingest.sqlite") as db:
        assert db.execute("SELECT DISTINCT source_file FROM records").fetchall() == [(stored,)]
    # Lossless: the escapes give back the name's bytes.
    name = stored.rsplit("/", 1)[1].encode("utf-8")
    assert re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m[1], 16)]), name) == TIS620_NAME


def test_an_unreadable_file_with_such_a_name_is_an_errors_row(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED_BUNDLE, inbox / "good.txt")
    Path(os.fsdecode(os.fsencode(inbox) + b"/" + TIS620_NAME)).write_bytes(UNDECODABLE)
    out = tmp_path / "out"
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 1
    assert_all_exports(out)
    [error] = rows(out, "errors")
    assert error["source_file"].endswith("\\xc3\\xd2§ҹ.txt") and error["error_code"] == "not_utf8"
    assert len(rows(out, "records")) == 65


def test_a_fifo_named_or_found_in_a_folder_is_an_errors_row_not_a_hang(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED_BUNDLE, inbox / "good.txt")
    os.mkfifo(inbox / "pipe.txt")
    os.mkfifo(tmp_path / "named.pdf")
    out = tmp_path / "out"
    done = cli("ingest", str(inbox), str(tmp_path / "named.pdf"), "--out", str(out), "--jobs", "1", timeout=60)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    errors = {Path(e["source_file"]).name: e for e in rows(out, "errors")}
    assert set(errors) == {"pipe.txt", "named.pdf"}
    assert {e["error_code"] for e in errors.values()} == {"not_a_regular_file"}
    assert "named pipe" in errors["named.pdf"]["message"]
    assert len(rows(out, "records")) == 65
    assert_all_exports(out)


def test_an_unreadable_folder_is_an_errors_row(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    locked = inbox / "locked"
    locked.mkdir(parents=True)
    shutil.copy(SEED_BUNDLE, inbox / "good.txt")
    shutil.copy(SEED_BUNDLE, locked / "hidden-from-us.txt")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads every folder: let it be refused as for a user
            real_scandir = os.scandir

            def scandir(path="."):
                if Path(path) == locked:
                    raise PermissionError(13, "Permission denied", str(path))
                return real_scandir(path)

            monkeypatch.setattr(os, "scandir", scandir)
        out = tmp_path / "out"
        assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 1
    finally:
        locked.chmod(0o755)
    [error] = rows(out, "errors")
    assert error["source_file"] == str(locked) and error["error_code"] == "unreadable_folder"
    assert "Permission denied" in error["message"]
    assert len(rows(out, "records")) == 65
    assert_all_exports(out)


def test_hidden_system_and_other_files_in_a_folder_are_skipped_and_counted(tmp_path, capsys):
    inbox = tmp_path / "inbox"
    (inbox / ".git").mkdir(parents=True)
    shutil.copy(SEED_BUNDLE, inbox / "good.txt")
    for name in ("Thumbs.db", ".DS_Store", "desktop.ini", ".hidden.txt", ".git/config", "~$memo.txt"):
        (inbox / name).write_bytes(b"\x00\x01")
    for name in ("sheet.xlsx", "notes.docx", "meta.json"):
        (inbox / name).write_bytes(b"PK\x03\x04")
    out = tmp_path / "out"
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 0
    said = capsys.readouterr().out
    assert "files: 1 (0 failed)" in said
    assert "skipped in the folders: 9 (hidden or system 6, not a document type 3)" in said
    assert rows(out, "errors") == []
    assert len(rows(out, "records")) == 65
    # Named on the command line, a file of another type is tried, and its row says why not.
    assert main(["ingest", str(inbox / "sheet.xlsx"), "--out", str(out), "--jobs", "1"]) == 1
    assert [e["error_code"] for e in rows(out, "errors")] == ["unsupported_type"]


def test_text_in_utf16_with_a_bom_or_in_tis620_is_read_and_a_guess_is_flagged(tmp_path):
    text = Bundle().text()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "utf8.txt").write_text(text, encoding="utf-8")
    (inbox / "utf16le.txt").write_bytes(text.encode("utf-16"))  # with its byte-order mark
    (inbox / "utf16be.txt").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    (inbox / "cp874.txt").write_bytes(text.encode("cp874"))  # as Thai Windows Notepad saves it
    (inbox / "tis620.txt").write_bytes(text.replace("\t", " \t").encode("tis_620"))  # other bytes, same text
    out = tmp_path / "out"
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 0
    records = rows(out, "records")
    names = {Path(r["source_file"]).name: [] for r in records}
    for r in records:
        names[Path(r["source_file"]).name].append(r["project_name"])
    assert set(names) == {"utf8.txt", "utf16le.txt", "utf16be.txt", "cp874.txt", "tis620.txt"}
    assert all(found == names["utf8.txt"] for found in names.values()), names
    # The guesses, and only they, are flagged on each document read from the file.
    documents = {d["document_id"]: Path(d["source_file"]).name for d in rows(out, "documents")}
    guessed = [f for f in rows(out, "flags") if f["code"] == "TEXT_ENCODING_GUESSED"]
    per_file = {name: sorted(d for d, n in documents.items() if n == name) for name in ("cp874.txt", "tis620.txt")}
    for name, ids in per_file.items():
        mine = [f for f in guessed if documents[f["document_id"]] == name]
        assert sorted(f["document_id"] for f in mine) == ids and len(ids) == 2
        assert {(f["found"], f["severity"], f["record_id"], f["field"]) for f in mine} == {("cp874", "info", "", "*")}
    assert len(guessed) == 4


def test_text_holding_nul_bytes_is_refused_with_an_errors_row(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED_BUNDLE, inbox / "good.txt")
    (inbox / "nul.txt").write_bytes(Bundle().text().encode("utf-8").replace(b"\n", b"\n\x00", 3))
    (inbox / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (inbox / "utf16-no-bom.txt").write_bytes(Bundle().text().encode("utf-16-le"))
    (inbox / "undecodable.txt").write_bytes(UNDECODABLE)
    out = tmp_path / "out"
    assert main(["ingest", str(inbox), "--out", str(out), "--jobs", "1"]) == 1
    assert_all_exports(out)
    errors = {Path(e["source_file"]).name: e for e in rows(out, "errors")}
    assert {name: e["error_code"] for name, e in errors.items()} == {
        "nul.txt": "nul_bytes", "png.txt": "nul_bytes", "utf16-no-bom.txt": "nul_bytes", "undecodable.txt": "not_utf8"}
    assert "NUL character (line 2)" in errors["nul.txt"]["message"]
    assert "UTF-16" in errors["utf16-no-bom.txt"]["message"] and "[" not in errors["nul.txt"]["message"]
    assert len(rows(out, "records")) == 65
    assert "\x00" not in (out / "records.csv").read_text(encoding="utf-8-sig")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `nul_bytes` |" in readme and "| `not_utf8` |" in readme


@pytest.mark.ocr
@pytest.mark.parametrize("backend", ["api", "cli"])
def test_an_image_tesseract_does_not_finish_in_time_is_an_errors_row(tmp_path, backend):
    # Any real page takes far longer than 10 ms: it stands in for a page of noise that would
    # hold its worker for hours.
    from saraban.ingest.config import IngestConfig
    from saraban.ingest.ocr.engine import OcrSettings
    from saraban.ingest.runner import run

    assert OcrSettings().timeout_s > 0  # a limit by default
    scan = ROOT / "data" / "samples" / "scanned-sample-000022.pdf"
    config = IngestConfig(jobs=1, ocr=OcrSettings(timeout_s=0.01, backend=backend))
    out = tmp_path / "out"
    summary = run([scan, SEED_BUNDLE], out, config)
    assert summary.failed_files == 1 and summary.errors == {"ocr_timeout": 1}
    [error] = rows(out, "errors")
    assert Path(error["source_file"]).name == scan.name and "within 0.01 s" in error["message"]
    assert len(rows(out, "records")) == 65
    assert_all_exports(out)


def test_a_file_needing_more_memory_than_a_worker_may_use_is_an_errors_row(tmp_path, monkeypatch):
    # A stand-in for a file that runs away: reading "hog.txt" asks for 5 GiB at once, which the
    # machine would give (calloc'd pages are not touched) but the default cap of 4 GiB refuses.
    import numpy as np

    from saraban.ingest import runner
    from saraban.ingest.config import IngestConfig

    real = runner.process_file

    def process_file(path, name, *args):
        if path.name == "hog.txt":
            np.zeros(5 << 30, np.uint8)  # calloc: fresh pages, never touched
        return real(path, name, *args)

    monkeypatch.setattr(runner, "process_file", process_file)  # the workers are forked from here
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED_BUNDLE, inbox / "good.txt")
    (inbox / "hog.txt").write_text("โครงการ\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = runner.run([inbox], out, IngestConfig(jobs=2))
    assert summary.errors == {"memory_limit": 1}
    [error] = rows(out, "errors")
    assert Path(error["source_file"]).name == "hog.txt" and "4096 MiB a worker process may use" in error["message"]
    assert len(rows(out, "records")) == 65
    assert_all_exports(out)
