"""Dask as the engine (``--scheduler``), on real LocalClusters: the pool's outputs, a dead
worker's file retried once then a ``worker_lost`` row, and workers that differ refused."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster, WorkerPlugin

from saraban.ingest.cli import main
from saraban.ingest.dask_engine import SCHEDULER_SETTINGS
from tests.conftest import SEED_BUNDLE
from tests.ingest.report_text import Bundle, Row

TABLES = ("records", "documents", "reports", "flags", "errors", "processed_files")


def inbox_of(tmp_path: Path, count: int = 4) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED_BUNDLE, inbox / "seed.txt")
    for n in range(1, count + 1):
        bundle = Bundle(rows=[Row(str(i), name=f"โครงการที่ {n}-{i}") for i in range(1, n + 2)])
        (inbox / f"bundle-{n}.txt").write_text(bundle.text(), encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")  # an errors row
    return inbox


def stored(out: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(out / "ingest.sqlite") as db:
        return {table: sorted(db.execute(f"SELECT * FROM {table}"), key=repr) for table in TABLES}


def exported(out: Path) -> dict[str, list[str]]:
    return {table: sorted((out / f"{table}.csv").read_text(encoding="utf-8-sig").splitlines())
            for table in TABLES[:-1]}


def rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_a_local_cluster_writes_what_the_process_pool_writes(tmp_path, capsys):
    inbox = inbox_of(tmp_path)
    pool, cluster = tmp_path / "pool", tmp_path / "cluster"
    assert main(["ingest", str(inbox), "--out", str(pool), "--jobs", "2"]) == 1  # empty.txt
    assert main(["ingest", str(inbox), "--out", str(cluster), "--jobs", "2", "--scheduler", "local"]) == 1
    assert stored(cluster) == stored(pool)
    assert exported(cluster) == exported(pool)
    assert len(rows(cluster, "records")) > 65 and [e["error_code"] for e in rows(cluster, "errors")] == ["empty_file"]
    capsys.readouterr()
    # Both engines store the same settings: either goes on from the other's run.
    assert main(["ingest", str(inbox), "--out", str(pool), "--scheduler", "local"]) == 1
    assert "kept from an earlier run" in capsys.readouterr().out and stored(pool) == stored(cluster)


class Sabotage(WorkerPlugin):
    """Makes a worker die (as the OOM killer would end it) when it reads a file named dies-*;
    a file named dies-once-* only on its first try. Registered plugins are set up again on the
    workers that replace the dead ones."""

    def __init__(self, tried: Path) -> None:
        self.tried = tried  # marks dies-once-* as tried, across processes

    def setup(self, worker) -> None:
        import saraban.ingest.runner

        read, tried = saraban.ingest.runner.process_file, self.tried

        def dying(path, *args, **kwargs):
            if path.name.startswith("dies-once-"):
                if not tried.exists():
                    tried.touch()
                    os._exit(9)
            elif path.name.startswith("dies-"):
                os._exit(9)
            return read(path, *args, **kwargs)

        saraban.ingest.runner.process_file = dying


class OtherSettings(WorkerPlugin):
    """Makes a worker's saraban report settings other than the batch's."""

    def setup(self, worker) -> None:
        import saraban.ingest.dask_engine

        self.digest = saraban.ingest.dask_engine.run_settings
        saraban.ingest.dask_engine.run_settings = lambda config, resources: "0" * 64

    def teardown(self, worker) -> None:
        import saraban.ingest.dask_engine

        saraban.ingest.dask_engine.run_settings = self.digest


@pytest.fixture(scope="module")
def cluster():
    """One cluster of two workers for the module, set up as --scheduler local sets up its own."""
    with dask.config.set(SCHEDULER_SETTINGS):
        local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with local, Client(local) as client:
        yield local.scheduler_address, client


def test_a_dead_workers_file_is_tried_once_more_then_is_a_worker_lost_row(tmp_path, capsys, cluster):
    address, client = cluster
    inbox = inbox_of(tmp_path, count=2)
    for name in ("dies-always", "dies-once-then-reads"):  # bytes of their own: not copies of another file
        (inbox / f"{name}.txt").write_text(Bundle(rows=[Row("1", name=f"โครงการ {name}")]).text(), encoding="utf-8")
    client.register_plugin(Sabotage(tmp_path / "tried"), name="sabotage")
    try:
        out = tmp_path / "out"
        assert main(["ingest", str(inbox), "--out", str(out), "--scheduler", address]) == 1
    finally:
        client.unregister_worker_plugin("sabotage")
    printed = capsys.readouterr()
    [lost, empty] = sorted(rows(out, "errors"), key=lambda e: e["error_code"], reverse=True)
    assert (Path(lost["source_file"]).name, lost["error_code"]) == ("dies-always.txt", "worker_lost")
    assert "died, on 2 workers" in lost["message"] and empty["error_code"] == "empty_file"
    assert (tmp_path / "tried").exists()  # dies-once- did kill a worker, and was read on its retry
    read = {Path(d["source_file"]).name for d in rows(out, "documents")}
    assert read == {"seed.txt", "bundle-1.txt", "bundle-2.txt", "dies-once-then-reads.txt"}
    assert "files: 6 (2 failed)" in printed.out and "worker_lost 1" in printed.out
    for table in ("records", "documents", "reports", "flags", "errors"):
        assert (out / f"{table}.parquet").exists() and (out / f"{table}.jsonl").exists()


def test_workers_with_other_settings_refuse_the_batch_in_one_line(tmp_path, capsys, cluster):
    address, client = cluster
    client.register_plugin(OtherSettings(), name="other-settings")
    try:
        code = main(["ingest", str(SEED_BUNDLE), "--out", str(tmp_path / "out"), "--scheduler", address])
    finally:
        client.unregister_worker_plugin("other-settings")
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("saraban: the Dask worker tcp://") and "other saraban settings" in err
    assert not (tmp_path / "out" / "records.csv").exists()


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("saraban.ingest.dask_engine.CONNECT_TIMEOUT_S", 1)
    code = main(["ingest", str(SEED_BUNDLE), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
