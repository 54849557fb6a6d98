"""A worker process killed as the OOM killer would (``kill -9``) costs only the file it was
reading: an errors row ``worker_lost``, a new worker, the rest of the batch, the exports."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, SEED_BUNDLE

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="finds the worker through /proc")


def rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def reading(pid: int, path: Path) -> bool:
    try:
        return any(os.readlink(fd) == str(path) for fd in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False


def kill_the_worker_reading(batch: subprocess.Popen[str], path: Path, timeout: float = 300) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and batch.poll() is None:
        for child in children(batch.pid):
            if reading(child, path):
                os.kill(child, signal.SIGKILL)
                return child
        time.sleep(0.05)
    raise AssertionError(f"no worker of the batch opened {path}")


def test_a_killed_worker_is_an_errors_row_and_the_batch_goes_on(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    victim = inbox / "a-scan.pdf"
    shutil.copy(SAMPLES / "scanned-sample-000021.pdf", victim)  # ~20 s of OCR: time to kill it
    shutil.copy(SAMPLES / "scanned-sample-000022.pdf", inbox / "b-scan.pdf")
    shutil.copy(SEED_BUNDLE, inbox / "c-bundle.txt")
    out = tmp_path / "out"
    batch = subprocess.Popen(
        [sys.executable, "-m", "saraban", "ingest", str(inbox), "--out", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        kill_the_worker_reading(batch, victim)
        stdout, stderr = batch.communicate(timeout=600)
    finally:
        if batch.poll() is None:
            batch.kill()
    assert batch.returncode == 1, stderr
    assert "Traceback" not in stderr
    [error] = rows(out, "errors")
    assert (error["source_file"], error["error_code"]) == (str(victim), "worker_lost")
    assert "signal 9" in error["message"]
    sources = {Path(r["source_file"]).name for r in rows(out, "documents")}
    assert sources == {"b-scan.pdf", "c-bundle.txt"}
    assert "files: 3 (1 failed)" in stdout and "worker_lost 1" in stdout
    for table in ("records", "documents", "reports", "flags", "errors"):
        assert (out / f"{table}.parquet").exists() and (out / f"{table}.jsonl").exists()
