"""The batch: find the files, run them in parallel processes, store each result as it comes.

Each file's failure is isolated: bad input is an errors row, and even a bug in saraban on one
file becomes an ``internal_error`` row rather than stopping the other ten thousand, and a
worker process that dies (the OOM killer) a ``worker_lost`` row (ingest/workers.py).
"""

from __future__ import annotations

import hashlib
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

import cv2
from threadpoolctl import threadpool_limits

from saraban import ingest, normalize, parsers, reconcile
from saraban.ingest.config import IngestConfig, Resources, load_resources
from saraban.ingest.corrections import Correction, corrections_digest
from saraban.ingest.discover import Refused, Selection, discover, source_name
from saraban.reconcile.errors import BatchErrorCode
from saraban.ingest.load import OutputStore
from saraban.ingest.ocr.engine import OcrSettings, TesseractEngine
from saraban.ingest.pipeline import FileResult, process_file
from saraban.ingest.postgres_sink import open_sink
from saraban.reconcile.records import ErrorRecord
from saraban.ingest.sources import Found, absolute, plan, with_copies_errors
from saraban.ingest.workers import limit_memory, pooled
from saraban.normalize.keys import ProjectMention, batch_project_keys

_PACKAGES = (ingest, parsers, normalize, reconcile)  # the code a file's rows come from


class SchedulerError(Exception):
    """The Dask cluster named by ``--scheduler`` cannot take the batch (unreachable, no workers,
    a worker with another saraban version or settings): one line on stderr, exit 2."""


@dataclass(slots=True)
class RunSummary:
    files: int = 0
    failed_files: int = 0
    documents: int = 0
    records: int = 0
    flags: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    gazetteer: str = ""  # where the organizations were matched from
    linked_projects: int = 0  # rows whose project_key batch linking changed
    unchanged: int = 0  # files kept from an earlier run: unchanged since, same settings
    copies: int = 0  # paths holding the same bytes as another path: recorded once, not read again
    stored: dict[str, int] = field(default_factory=dict)  # rows per table in the output store
    skipped: Counter[str] = field(default_factory=Counter)  # files in the folders left out, by reason
    loaded_files: int = 0  # files whose rows were loaded into the --db database (or removed from it)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.failed_files += bool(result.errors)
        self.documents += len(result.documents)
        self.records += len(result.records)
        self.flags.update(f.code for f in result.flags)
        self.errors.update(e.error_code for e in result.errors)


def run(
    paths: Sequence[Path],
    out_dir: Path,
    config: IngestConfig,
    on_file: Callable[[FileResult], None] | None = None,
    reprocess: bool = False,
    on_plan: Callable[[int, int], None] | None = None,
    select: Selection = Selection(),
    db: str | None = None,
    corrections: Mapping[str, tuple[Correction, ...]] | None = None,
    debug_dir: Path | None = None,
) -> RunSummary:
    """Process ``paths`` into ``out_dir``. A file processed there before without error, unchanged
    since (size and modification time) and with the same settings, keeps its rows and is not
    read again, unless ``reprocess``: an interrupted batch of ten thousand scans goes on where it
    stopped. A file is its bytes: paths are made absolute, and one found under several paths
    (copies) is read once, its other paths recorded (saraban.ingest.sources). ``on_plan`` hears (files
    to read, files kept) before the first is read, ``on_file`` each file's result as it is stored.
    ``select`` says which files found in the folders are read (saraban.ingest.discover.Selection).
    ``db``, a postgresql:// URL, is a database the store's tables are loaded into as well
    (saraban.ingest.postgres_sink). ``corrections``, a reviewer's decisions by source_sha256
    (saraban.ingest.corrections.load_corrections), are applied to the files they are about, which are
    read again for them. ``debug_dir`` gets each page's overlay of what the reader saw
    (saraban.ingest.review.debug); every file is read for it, as with ``reprocess``."""
    resources = replace(load_resources(config), corrections=corrections or {}, debug_dir=debug_dir)
    reprocess = reprocess or debug_dir is not None
    found = discover([absolute(path) for path in paths], skip=out_dir, select=select)
    summary = RunSummary(gazetteer=resources.gazetteer.source, skipped=found.skipped)
    settings = run_settings(config, resources)
    # The database first: one that cannot be used refuses the run before anything is written.
    with open_sink(db, out_dir) as sink, OutputStore(out_dir) as store:
        todo = plan(found.files, store, settings, reprocess, reread=frozenset(resources.corrections))
        summary.unchanged, summary.copies = todo.kept, todo.kept_copies
        summary.copies += sum(len(copies) for copies in todo.copies.values())
        read = {source.name: source for source in todo.read}
        if on_plan is not None:
            on_plan(len(todo.read) + len(found.refused), summary.unchanged)
        # Closed at once when interrupted, so that its workers stop taking files.
        with closing(_results(todo.read, config, resources)) as results:
            for result in chain(map(_refused, found.refused), results):
                source = read.get(result.source_file)
                copies = [(copy.name, copy.stamp) for copy in todo.copies.get(result.source_file, [])]
                result = with_copies_errors(result, [name for name, _ in copies])
                result = store.replace_file(result, source.stamp if source else None,
                                            reviewed_settings(settings, resources.corrections, result.sha256), copies)
                sink.file_stored(store.db, result.source_file, [name for name, _ in copies])
                summary.add(result)
                if on_file is not None:
                    on_file(result)
        summary.linked_projects = link_projects(store)
        store.set_other_paths()
        sink.sync(store.db)
        store.export()
        summary.stored = {name: store.count(name) for name in ("documents", "records")}
        summary.loaded_files = sink.loaded_files
    return summary


def run_settings(config: IngestConfig, resources: Resources) -> str:
    """A digest of what a file's rows depend on besides the file: saraban's code (its sources,
    so that a changed checkout reads files again), the configuration (not the worker count,
    memory cap or engine), the gazetteer's entries and the vocabulary files."""
    digest = hashlib.sha256()
    for package in _PACKAGES:
        root = Path(package.__file__).parent
        for source in sorted(root.rglob("*.py")):
            digest.update(str(source.relative_to(root.parent)).encode() + b"\n" + source.read_bytes())
    digest.update(f"{replace(config, jobs=0, memory_limit_mb=0, scheduler='')!r}\n{resources.gazetteer.entries!r}\n".encode())
    for path in sorted((config.data_dir / "vocab").glob("*.tsv")):
        digest.update(path.name.encode() + b"\n" + path.read_bytes())
    return digest.hexdigest()


def reviewed_settings(settings: str, corrections: Mapping[str, tuple[Correction, ...]], sha256: str) -> str:
    """The settings a file's rows were made with, its reviewer's decisions included: a later run
    without them (or with others) reads the file again instead of keeping corrected rows."""
    if sha256 not in corrections:
        return settings
    return f"{settings}+review:{corrections_digest(corrections[sha256])}"


def link_projects(store: OutputStore) -> int:
    """Give the spellings of one project across the batch's reports one project_key (the
    earliest round's); returns how many rows changed key. One organization at a time: a
    project is linked only within its organization."""
    return store.set_project_keys(chain.from_iterable(map(_linked_keys, store.project_groups())))


def _linked_keys(rows: list[dict]) -> list[tuple[int, str]]:
    """(rowid, project_key) of the rows, of one organization, whose key linking changes."""
    mentions = [
        ProjectMention(row["organization_key"], row["project_name"], row["document_id"],
                       (row["fiscal_year"] or 0, row["round_months"] or 0, row["source_file"], row["rowid"]))
        for row in rows
    ]
    return [(row["rowid"], key) for row, key in zip(rows, batch_project_keys(mentions)) if key != row["project_key"]]


def _results(files: list[Found], config: IngestConfig, resources: Resources) -> Iterator[FileResult]:
    if config.scheduler:
        # Imported here: Dask takes a second to import, and only runs that ask for it pay it.
        from saraban.ingest.dask_engine import dask_results

        yield from dask_results(files, config, resources)
        return
    workers = config.worker_count(len(files))
    if workers == 1:
        engine = shared_engine(config.ocr)
        try:
            for source in files:
                yield _guarded(source, config, resources, engine)
        finally:
            if engine is not None:
                engine.close()
        return
    # The resources (vocabulary, gazetteer and its matcher: ~5 MB pickled) go to each worker
    # once, when it starts, instead of with each of ten thousand files. A worker that dies
    # (OOM killer, kill -9) costs only the file it was reading: a ``worker_lost`` row.
    # Closing this generator (Ctrl-C) stops the workers: the files not begun are dropped.
    yield from pooled(files, workers, _worker, (config, resources), _lost)


def _worker(config: IngestConfig, resources: Resources) -> Callable[[Found], FileResult]:
    """Make a worker process ready: what it does with each file."""
    # Ctrl-C reaches the whole process group: the main process stops the batch; a worker
    # interrupted mid-file would only lose its file.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The workers are the parallelism: OpenBLAS's own threads (the digit-template products)
    # spin between calls and took CPU from Tesseract: two processes of two scanned bundles
    # each, side by side on two cores, took 38.9 and 41.0 s, and 30.6 and 32.5 s with one
    # BLAS thread each.
    threadpool_limits(limits=1, user_api="blas")
    engine = shared_engine(config.ocr)
    # After the engine's models and templates are loaded: the cap is for the files.
    limit_memory(config.memory_limit_mb)
    return lambda source: _guarded(source, config, resources, engine, config.memory_limit_mb)


def _lost(source: Found, exit_code: int | None) -> FileResult:
    name = source.name
    how = (f"was killed by signal {-exit_code}" if exit_code is not None and exit_code < 0
           else f"exited with code {exit_code}")
    why = " (SIGKILL: most often the system ran out of memory)" if exit_code == -signal.SIGKILL else ""
    return FileResult(name, errors=[ErrorRecord(
        name, BatchErrorCode.WORKER_LOST,
        f"The process reading this file {how}{why}; the rest of the batch went on. "
        "Run it again alone; if it fails again, please report it with the file if you can share it.")])


def shared_engine(settings: OcrSettings) -> TesseractEngine | None:
    """One OCR engine for a process's files: Tesseract's models (about 0.4 s to load) and the
    digit templates (about 1 s to draw) are made once, not for each file. None when Tesseract
    is not usable: each scanned file then says so in its own errors row."""
    engine = TesseractEngine(settings)
    return engine if engine.available() is None else None


def _refused(refused: Refused) -> FileResult:
    name = source_name(refused.path)
    return FileResult(name, errors=[ErrorRecord(name, refused.error_code, refused.message)])


def _guarded(
    source: Found, config: IngestConfig, resources: Resources, engine: TesseractEngine | None = None,
    memory_limit_mb: int = 0,
) -> FileResult:
    """The file's result; ``memory_limit_mb`` is the cap on this process's memory, if any."""
    name = source.name
    try:
        return process_file(source.path, name, config, resources, engine, source.sha256)
    except Exception as error:  # noqa: BLE001 — one file's bug must not stop the batch
        if _out_of_memory(error):
            limit = (f"more than the {memory_limit_mb} MiB a worker process may use (IngestConfig.memory_limit_mb)"
                     if memory_limit_mb else "more memory than the machine could give")
            message = (f"Reading this file needed {limit}; the file was not read and the rest of the batch "
                       "went on. A document page needs far less: the file may be damaged or built to exhaust memory.")
            return FileResult(name, errors=[ErrorRecord(name, BatchErrorCode.MEMORY_LIMIT, message)])
        print(f"saraban: internal error on {name}: {error!r}", file=sys.stderr)
        result = FileResult(name)
        result.errors.append(
            ErrorRecord(
                name,
                BatchErrorCode.INTERNAL_ERROR,
                f"saraban failed on this file ({type(error).__name__}: {error}). "
                "Please report it with the file if you can share it.",
            )
        )
        return result


def _out_of_memory(error: Exception) -> bool:
    """Whether ``error`` is an allocation that failed: Python's MemoryError, or OpenCV's own
    (cv2.error with code StsNoMem), which it raises instead."""
    return isinstance(error, MemoryError) or (isinstance(error, cv2.error) and error.code == cv2.Error.StsNoMem)
