"""A pool of worker processes that survives the loss of one.

Each worker is handed one file at a time over its own pipe, so the file a worker was reading
when it died (killed by the OOM killer, ``kill -9``, a crash in a C library) is known: it
becomes an errors row with code ``worker_lost``, a new worker takes the dead one's place, and
the batch goes on. (``concurrent.futures.ProcessPoolExecutor`` cannot do this: one dead worker
breaks the whole pool, fails every file in flight and does not say which file it was reading.)
A worker's memory can be capped (:func:`limit_memory`), so that a file which runs away fails
alone instead of waking the OOM killer.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

# How long a worker asked to stop may take before it is killed.
STOP_GRACE_SECONDS = 2.0
PARENT_CHECK_SECONDS = 5.0  # how often an idle worker checks that the batch is still there


@dataclass(slots=True)
class _Worker:
    process: Any  # multiprocessing.Process
    conn: Connection
    path: Any = None  # the file it is reading (as the batch names it: a path, or more)

    def stop(self) -> None:
        """An idle worker ends at once; one still reading a file (the batch was interrupted)
        is killed: its file is not wanted any more."""
        if self.path is not None:
            self.process.kill()
        try:
            self.conn.send(None)  # (a pipe's end closed here is still open in workers forked since)
            self.conn.close()
        except OSError:
            pass
        self.process.join(STOP_GRACE_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def limit_memory(mib: int) -> None:
    """Cap this process's address space at ``mib`` MiB (0: leave it as it is; never above the
    hard limit the system set). Past it an allocation fails: Python raises MemoryError, which
    the file's errors row reports; a library that cannot fail gracefully ends the worker
    (``worker_lost``)."""
    if mib <= 0:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = mib * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


def serve(conn: Connection, setup: Callable[..., Callable[[Any], Any]], setup_args: tuple[Any, ...]) -> None:
    """A worker's loop: ``work = setup(*setup_args)`` once, then ``work(path)`` for each path
    received, its result sent back, until the pipe is closed or None arrives."""
    work = setup(*setup_args)
    parent = os.getppid()
    while True:
        try:
            while not conn.poll(PARENT_CHECK_SECONDS):
                if os.getppid() != parent:  # the batch itself was killed: do not linger
                    return
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        conn.send(work(path))


def pooled(
    paths: Iterable[Any],
    workers: int,
    setup: Callable[..., Callable[[Any], Any]],
    setup_args: tuple[Any, ...],
    lost: Callable[[Any, int | None], Any],
) -> Iterator[Any]:
    """Results of ``work(path)`` for every path, in the order they finish, computed in
    ``workers`` processes (each made ready by ``setup(*setup_args)``; see :func:`serve`).
    A path whose worker died reading it gives ``lost(path, exit code)`` instead (the exit code is
    minus the signal's number when a signal killed it). Closing the iterator stops the workers."""
    context = multiprocessing.get_context()
    todo = deque(paths)
    pool: list[_Worker] = []

    def start() -> _Worker:
        ours, theirs = context.Pipe()
        process = context.Process(target=serve, args=(theirs, setup, setup_args), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def give(worker: _Worker) -> bool:
        if not todo:
            return False
        worker.path = todo.popleft()
        try:
            worker.conn.send(worker.path)
        except OSError:  # died between two files: the file goes to the next worker
            todo.appendleft(worker.path)
            worker.path = None
            return False
        return True

    try:
        while todo or any(w.path is not None for w in pool):
            while len(pool) < workers and todo:
                pool.append(start())
            for worker in pool:
                if worker.path is None:
                    give(worker)
            busy = [w for w in pool if w.path is not None]
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
            for worker in busy:
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                path, worker.path = worker.path, None
                try:
                    result = worker.conn.recv() if worker.conn.poll() else None
                except (EOFError, OSError):
                    result = None
                if result is not None:
                    yield result
                    continue
                # The worker died while reading ``path``: a new one takes its place.
                worker.process.join()
                pool.remove(worker)
                worker.stop()
                yield lost(path, worker.process.exitcode)
    finally:
        for worker in pool:
            worker.stop()
