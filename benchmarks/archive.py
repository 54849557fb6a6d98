"""An archive of many files, measured (issue 15): files and pages per minute with the process
pool and with a Dask LocalCluster, the writer's peak memory as the archive grows, a run killed
with kill -9 and run again, a re-run of the unchanged archive, and the same into PostgreSQL.

    PYTHONPATH=. .venv/bin/python -m benchmarks.archive --files 2000 --scanned 200 --broken 50

builds the archive under --workdir (benchmarks/archive_build.py), runs ``saraban ingest`` on it
as a subprocess each time, and prints a Markdown table. The writer's peak RSS is the run's main
process's own (``ru_maxrss`` of RUSAGE_SELF, written by a wrapper as it exits: the workers'
memory is theirs). Subsets of the archive are its first n files (it is shuffled, so they have
its mix). Outputs are compared as sorted tables (CSV). Takes hours at the defaults on 2 cores.
Leave the checkout alone while it runs: the settings digest covers saraban's code, so a re-run
after an edit reads every file again (and the unchanged re-run is no longer one).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.archive_build import (TABLES, Entry, build_archive, differences, link_subset, plan_archive,
                                      small_scans)
from benchmarks.bench_output import print_result

ROOT = Path(__file__).resolve().parents[1]
# Runs saraban's CLI and, as it exits however it exits, writes its own peak RSS (KiB) to argv[1].
_WRAPPER = ("import atexit, resource, runpy, sys\n"
            "report = sys.argv.pop(1)\n"
            "atexit.register(lambda: open(report, 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))\n"
            "sys.argv[0] = 'saraban'\n"
            "runpy.run_module('saraban', run_name='__main__', alter_sys=True)\n")


@dataclass
class Run:
    seconds: float
    returncode: int
    peak_rss_mb: float  # 0 when the run was killed


def saraban(folder: Path, entries: list[Entry], out: Path, *options: str, kill_at: int | None = None) -> Run:
    """``saraban ingest`` of the archive at ``folder`` into ``out`` (the files it names given
    as paths); killed with SIGKILL, its workers too, once its store holds ``kill_at`` files, if
    given (a moment in the middle of the batch, wherever the files' sizes put it)."""
    report = Path(tempfile.mkstemp(prefix="saraban-rss-")[1])
    named = [str(folder / e.path) for e in entries if e.named]
    command = [sys.executable, "-c", _WRAPPER, str(report), "ingest", str(folder), *named, "--out", str(out), *options]
    log = (out.parent / f"{out.name}.log").open("ab")
    began = time.monotonic()
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    while kill_at is not None and process.poll() is None:
        if stored_files(out) >= kill_at:
            os.killpg(process.pid, signal.SIGKILL)  # the run and its workers, as a power cut would
            break
        time.sleep(0.05)
    process.wait()
    seconds = time.monotonic() - began
    log.close()
    said = report.read_text().strip()
    report.unlink()
    return Run(seconds, process.returncode, int(said) / 1024 if said else 0.0)


def pages(out: Path) -> int:
    """Pages read: each file's last page a document of it ends on."""
    with sqlite3.connect(out / "ingest.sqlite") as db:
        found = db.execute('SELECT SUM(pages) FROM (SELECT MAX(last_page) AS pages FROM "documents" '
                           "GROUP BY source_file)").fetchone()[0]
    db.close()
    return found or 0


def stored_files(out: Path) -> int:
    """Files the store at ``out`` holds (read-only: a run may be writing it; 0 before it exists)."""
    if not (out / "ingest.sqlite").exists():
        return 0
    try:
        with sqlite3.connect(f"file:{out / 'ingest.sqlite'}?mode=ro", uri=True) as db:
            found = db.execute('SELECT COUNT(*) FROM "processed_files"').fetchone()[0]
        db.close()
    except sqlite3.Error:  # created, its tables not yet
        return 0
    return found


def kill_moment(entries: list[Entry], rng: random.Random) -> int:
    """How many files the store holds when a run is killed: one of the first 90% of the
    bundles (a broken file the batch cannot stat, such as a pipe, is never in the store)."""
    bundles = sum(e.kind in ("text", "scanned") for e in entries)
    return rng.randrange(1, max(2, bundles * 9 // 10))


def per_minute(count: int, run: Run) -> str:
    return f"{count / run.seconds * 60:.1f}"


def same(a: Path, b: Path) -> str:
    said = differences(a, b)
    return "identical" if not said else "DIFFERENT: " + "; ".join(f"{t} {d}" for t, d in said.items())


def database_matches(url: str, out: Path) -> str:
    """Whether the database holds the store's rows: each table's row count, both sides."""
    import psycopg

    with psycopg.connect(url) as conn, sqlite3.connect(out / "ingest.sqlite") as db:
        counts = {t: (db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0],
                      conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]) for t in TABLES}
    db.close()
    wrong = {t: c for t, c in counts.items() if c[0] != c[1]}
    total = sum(c[0] for c in counts.values())
    return f"equal ({total} rows in 5 tables)" if not wrong else f"DIFFERENT (store, database): {wrong}"


def measure(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    rng = random.Random(args.seed)
    jobs = ["--jobs", str(args.jobs)]
    entries = plan_archive(args.files, args.scanned, args.broken, args.seed)
    archive = workdir / "archive"
    began = time.monotonic()
    small_scans(workdir / "scans", args.scanned)
    build_archive(archive, entries, workdir / "scans")
    result: dict[str, Any] = {
        "archive": f"{args.files} files: {args.files - args.scanned - args.broken} text bundles, "
                   f"{args.scanned} scanned (2 pages), {args.broken} broken "
                   f"({len({e.kind for e in entries} - {'text', 'scanned'})} kinds)",
        "archive built in (s)": time.monotonic() - began,
    }
    pool = saraban(archive, entries, workdir / "pool", *jobs)
    read = pages(workdir / "pool")
    result |= {"pool: exit code": pool.returncode, "pool: time (s)": pool.seconds,
               "pool: files per minute": per_minute(args.files, pool),
               "pool: pages per minute": per_minute(read, pool), "pages read": read}
    dask = saraban(archive, entries, workdir / "dask", *jobs, "--scheduler", "local")
    result |= {"dask local: exit code": dask.returncode, "dask local: time (s)": dask.seconds,
               "dask local: files per minute": per_minute(args.files, dask),
               "dask local: pages per minute": per_minute(read, dask),
               "dask local: files per minute / pool's": pool.seconds / dask.seconds,
               "dask local: outputs vs pool": same(workdir / "pool", workdir / "dask")}
    for size in (args.files // 4, args.files // 2):
        folder = workdir / f"subset-{size}"
        link_subset(archive, entries[:size], folder)
        run = saraban(folder, entries[:size], workdir / f"subset-{size}-out", *jobs)
        result[f"writer peak RSS at {size} files (MB)"] = run.peak_rss_mb
    result[f"writer peak RSS at {args.files} files (MB)"] = pool.peak_rss_mb
    result["writer peak RSS, all files / a quarter"] = pool.peak_rss_mb / result[
        f"writer peak RSS at {args.files // 4} files (MB)"]
    moment = kill_moment(entries, rng)
    killed = saraban(archive, entries, workdir / "killed", *jobs, kill_at=moment)
    kept = stored_files(workdir / "killed")
    again = saraban(archive, entries, workdir / "killed", *jobs)
    result |= {"kill -9 once the store holds (files)": moment, "kill -9: exit code (-9: killed)": killed.returncode,
               "kill -9: files kept in the store": kept, "kill -9, re-run: exit code": again.returncode,
               "kill -9, re-run: time (s)": again.seconds,
               "kill -9, re-run: outputs vs uninterrupted": same(workdir / "pool", workdir / "killed")}
    rerun = saraban(archive, entries, workdir / "pool", *jobs)
    result |= {"re-run, unchanged archive: time (s)": rerun.seconds,
               "re-run: faster than the first run (×)": pool.seconds / rerun.seconds,
               "re-run: outputs vs the Dask run's": same(workdir / "pool", workdir / "dask")}
    result |= into_postgres(archive, entries, workdir, jobs, rng)
    return result


def into_postgres(archive: Path, entries: list[Entry], workdir: Path, jobs: list[str],
                  rng: random.Random) -> dict[str, Any]:
    """The archive into a throwaway PostgreSQL server (as the tests start one): a run, a kill -9
    and re-run, and a re-run of the unchanged archive."""
    from tests.ingest.postgres_server import ServerUnavailable, start

    try:
        server = start()
    except ServerUnavailable as error:
        return {"PostgreSQL": f"not measured: {error}"}
    try:
        url = server.url()
        first = saraban(archive, entries, workdir / "pg", *jobs, "--db", url)
        result: dict[str, Any] = {
            "--db: exit code": first.returncode, "--db: time (s)": first.seconds,
            "--db: files per minute": per_minute(len(entries), first),
            "--db: database vs store": database_matches(url, workdir / "pg"),
            "--db: outputs vs without --db": same(workdir / "pool", workdir / "pg")}
        moment = kill_moment(entries, rng)
        killed = saraban(archive, entries, workdir / "pg-killed", *jobs, "--db", url, kill_at=moment)
        kept = stored_files(workdir / "pg-killed")
        again = saraban(archive, entries, workdir / "pg-killed", *jobs, "--db", url)
        result |= {"--db, kill -9 once the store holds (files)": moment,
                   "--db, kill -9: exit code (-9: killed)": killed.returncode,
                   "--db, kill -9: files kept in the store": kept,
                   "--db, kill -9, re-run: exit code": again.returncode,
                   "--db, kill -9, re-run: database vs store": database_matches(url, workdir / "pg-killed")}
        rerun = saraban(archive, entries, workdir / "pg-killed", *jobs, "--db", url)
        result |= {"--db, re-run unchanged: time (s)": rerun.seconds,
                   "--db, re-run unchanged: database vs store": database_matches(url, workdir / "pg-killed")}
        return result
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="files in the archive, all kinds (default 2000)")
    parser.add_argument("--scanned", type=int, default=200, help="of them, small scanned bundles (default 200)")
    parser.add_argument("--broken", type=int, default=50, help="of them, broken files (default 50)")
    parser.add_argument("--workdir", type=Path, help="where the archive and the runs' outputs go (default: a new "
                        "temporary folder, kept)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes, and Dask workers (default 2)")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="saraban-archive-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if any(workdir.iterdir()):
        parser.error(f"--workdir {workdir} is not empty")
    result = measure(args, workdir)
    command = "python -m benchmarks.archive " + " ".join(sys.argv[1:] if argv is None else argv)
    print_result(command, f"outputs in {workdir}", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
