"""Dask distributed as the batch's engine: one task per file on a cluster of machines.

``--scheduler tcp://HOST:8786`` sends the files to an existing cluster, ``--scheduler local``
starts a ``LocalCluster`` on this machine; either way the results come back as they finish to
the one writer in this process (saraban.ingest.runner), so the store, resume and errors rows are the
pool's. What a worker needs to read files (the configuration, the vocabularies, the gazetteer
and its matcher: ~5 MB) goes to it once, as a worker plugin, not with each file; the plugin
also makes the worker ready as a pool worker is (one OCR engine, memory cap, one BLAS thread:
saraban.ingest.runner._worker).

A worker must read files exactly as this process would: the same saraban version and the same
settings digest (saraban.ingest.runner.run_settings: code, configuration, gazetteer, vocabularies).
Every worker is asked when the batch connects, and a worker that differs refuses the batch
(:class:`~saraban.ingest.runner.SchedulerError`, exit 2); one that joins later refuses each file it is
given, which stops the batch the same way, before any row of its own is stored.

A worker that dies mid-file (OOM killer, ``kill -9``) makes the scheduler give the file to
another worker; when that one dies too (``allowed-failures``: 1, :data:`SCHEDULER_SETTINGS`, which
a LocalCluster gets and a cluster's own scheduler should be started with), the file is a
``worker_lost`` errors row and the batch goes on.
"""

from __future__ import annotations

import atexit
import logging
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from importlib.metadata import PackageNotFoundError, version

import dask
from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, as_completed, get_worker

from saraban.ingest.config import IngestConfig, Resources
from saraban.ingest.pipeline import FileResult
from saraban.ingest.runner import SchedulerError, _worker, run_settings
from saraban.ingest.sources import Found
from saraban.reconcile.errors import BatchErrorCode
from saraban.reconcile.records import ErrorRecord

LOCAL = "local"  # --scheduler local: a LocalCluster of this machine's processes
SCHEDULER_SETTINGS = {
    # A file whose worker died is given to one other worker; the second death makes it worker_lost.
    "distributed.scheduler.allowed-failures": 1,
    # A worker holds only the file it is reading: the scheduler counts a death against every
    # file the dead worker held, so a file merely queued there (at the default 1.1, one more
    # per thread) could be lost for another file's crash.
    "distributed.scheduler.worker-saturation": 1.0,
}
LOCAL_WORKER_SETTINGS = {
    # A LocalCluster's workers are this machine's cores, shared with nothing else of Dask's: its
    # statistical profiler (the task thread's stack sampled every 10 ms) only takes CPU from them.
    "distributed.worker.profile.enabled": False,
    # Not Dask's MALLOC_TRIM_THRESHOLD_ for the workers (None unsets it): setting it stops glibc
    # from raising its mmap threshold, so every page image was mapped afresh and faulted in
    # (data/samples: 2.6 million page faults and 5 s of system time; the pool 0.23 million, 0.7 s).
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
CONNECT_TIMEOUT_S = 30  # to reach a scheduler named by address
WORKERS_TIMEOUT_S = 60  # for the first worker of a cluster that has none yet

Identity = tuple[str, str]  # (saraban version, settings digest)


def saraban_version() -> str:
    try:
        return version("saraban")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def identity(config: IngestConfig, resources: Resources) -> Identity:
    """What a process must share with the writer to read files for it."""
    return saraban_version(), run_settings(config, resources)


class FileReader(WorkerPlugin):
    """One batch's reader on a worker. ``setup`` runs in the worker's main thread, so that the
    pool worker's setup (which ignores Ctrl-C there) applies as it is; the files are then read
    one at a time in the worker's single task thread, the only one to use the engine (it opens
    its Tesseract APIs on first use, so there too)."""

    def __init__(self, config: IngestConfig, resources: Resources, expected: Identity, own_workers: bool = False) -> None:
        self.config = config
        self.resources = resources
        self.expected = expected
        self.own_workers = own_workers  # the workers of this batch's LocalCluster, which end with it
        self.found: Identity = ("", "")
        self.address = ""
        self._work: Callable[[Found], FileResult] | None = None

    def setup(self, worker) -> None:  # noqa: ANN001 — a distributed.Worker
        self.address = worker.address
        self.found = identity(self.config, self.resources)
        if self.found == self.expected:  # a worker that differs loads nothing and refuses files
            self._work = _worker(self.config, self.resources)
        if self.own_workers:
            # Ended without Python's teardown, as multiprocessing ends the pool's workers: freeing
            # what reading files leaves cached took a worker 1-4 s, and the LocalCluster's close
            # waits 4 s before it kills a worker still exiting.
            atexit.register(os._exit, 0)

    def teardown(self, worker) -> None:  # noqa: ANN001
        self._work = None  # the engine with it: the worker may serve other batches after this one

    def refusal(self) -> str | None:
        """Why this worker may not read the batch's files (one line), or None."""
        (version_, digest), (wanted_version, wanted_digest) = self.found, self.expected
        if version_ != wanted_version:
            return (f"the Dask worker {self.address} runs saraban {version_}, this is saraban {wanted_version}: "
                    "every worker needs the same version and settings")
        if digest != wanted_digest:
            return (f"the Dask worker {self.address} has other saraban settings (digest {digest[:12]}, here "
                    f"{wanted_digest[:12]}: its code, configuration, gazetteer or vocabularies differ): every "
                    "worker needs the same saraban checkout and data folder")
        return None

    def read(self, source: Found) -> FileResult:
        refusal = self.refusal()
        if refusal is not None or self._work is None:
            raise SchedulerError(refusal or f"the Dask worker {self.address} is not ready to read files")
        return self._work(source)


def dask_results(files: Sequence[Found], config: IngestConfig, resources: Resources) -> Iterator[FileResult]:
    """Results of reading ``files`` on the cluster ``config.scheduler`` names, in the order they
    finish. Closing the iterator (Ctrl-C) cancels the files not finished and, for a LocalCluster,
    stops its workers."""
    if not files:
        return  # nothing to read: no cluster to start or reach
    expected = identity(config, resources)
    plugin_name = f"saraban-{uuid.uuid4().hex}"  # one per batch: two batches may share a cluster
    with ExitStack() as stack:
        client = stack.enter_context(_client(config.scheduler, config.worker_count(len(files))))
        _install(client, FileReader(config, resources, expected, config.scheduler == LOCAL), plugin_name)
        stack.callback(_uninstall, client, plugin_name)
        pending = {client.submit(_read_file, plugin_name, source, pure=False, key=f"saraban-read-{uuid.uuid4().hex}"): source
                   for source in files}
        try:
            for future in as_completed(pending):
                source = pending.pop(future)
                try:
                    result = future.result()
                except KilledWorker as error:
                    result = _lost(source, error)
                future.release()  # the worker may drop the result: this process holds it now
                yield result
        finally:
            client.cancel(list(pending))


def _read_file(plugin_name: str, source: Found) -> FileResult:
    """The task: read one file on the worker it runs on."""
    reader = get_worker().plugins[plugin_name]
    assert isinstance(reader, FileReader)
    return reader.read(source)


@contextmanager
def _client(scheduler: str, workers: int) -> Iterator[Client]:
    if scheduler == LOCAL:
        # Processes of one thread each: Tesseract is not thread-safe per engine, and two reads in
        # one process would fight over the memory cap. No dashboard: nobody asked for a web server.
        # Dask's own logs stay quiet, as the pool is: a lost file is its errors row's to tell.
        # The scheduler reads its settings when it starts (here, in this process).
        with dask.config.set({**SCHEDULER_SETTINGS, **LOCAL_WORKER_SETTINGS}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.CRITICAL)
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as error:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except TimeoutError as error:
            raise SchedulerError(f"the Dask scheduler at {scheduler} has no workers "
                                 f"(none joined in {WORKERS_TIMEOUT_S} s)") from error
        yield client


def _install(client: Client, reader: FileReader, name: str) -> None:
    """Give every worker the batch's reader, and refuse the batch if one may not read for it."""
    try:
        client.register_plugin(reader, name=name)
    except Exception as error:  # noqa: BLE001 — a worker without saraban, or broken: one line, exit 2
        raise SchedulerError(f"a Dask worker could not take saraban's reader: {type(error).__name__}: {error}") from error
    refusals = client.run(_refusal, name)
    for refusal in (refusals[address] for address in sorted(refusals)):
        if refusal is not None:
            _uninstall(client, name)
            raise SchedulerError(refusal)


def _refusal(name: str, dask_worker) -> str | None:  # noqa: ANN001 — client.run passes the Worker
    reader = dask_worker.plugins.get(name)
    return reader.refusal() if isinstance(reader, FileReader) else f"the Dask worker {dask_worker.address} has no reader"


def _uninstall(client: Client, name: str) -> None:
    """Drop the batch's reader (and its engine) from the workers of a cluster that lives on."""
    try:
        client.unregister_worker_plugin(name)
    except Exception:  # noqa: BLE001 — the cluster is going away or gone: nothing left to drop
        pass


def _lost(source: Found, error: KilledWorker) -> FileResult:
    name = source.name
    tries = error.allowed_failures + 1
    return FileResult(name, errors=[ErrorRecord(
        name, BatchErrorCode.WORKER_LOST,
        f"The Dask worker process reading this file died, on {tries} workers in turn (the last "
        f"{error.last_worker.address}): most often the machine ran out of memory; the rest of the batch went on. "
        "Run it again alone; if it fails again, please report it with the file if you can share it.")])
