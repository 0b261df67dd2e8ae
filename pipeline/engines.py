"""Batch engines: run ``process_file`` over many files and yield results as they finish.

``ProcessEngine`` (default) keeps N long-lived worker processes, each fed over its own pipe, so the
parent always knows which file is in flight in which process (the lesson of Tika's ``-spawnChild``).
While there is work enough for every worker, each also holds the next file in its pipe: it starts
that file the moment it sends a result, instead of idling while the parent records the result
(unpickling, the cache entry, the fsynced manifest line: a few ms per file, 5-8 % of the batch). A file that runs past the wall-clock timeout gets its worker killed and
replaced (status ``timeout``); a worker that dies takes only its own file with it (``crashed``,
the file named). ``dask_engine.DaskEngine`` runs the same function on a dask.distributed cluster.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Iterator, Sequence

from .errors import DubanError, UsageError, error
from .model import Status
from .worker import FileResult, FileTask, WorkerContext, WorkerRefused, failure_result, worker_main

READY_TIMEOUT = 300.0   # a worker must warm up (jieba + model) within this many seconds
PREFETCH = 2            # files in flight per worker: the running one and the next
_POLL = 0.5


def _mp_context():
    """forkserver where available: workers never inherit the parent's threads (tqdm, dask, a
    notebook kernel), and they fork from a server that has preloaded jieba and the model."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["pipeline.worker_preload"])
        _start_forkserver_without_cwd()
        return ctx
    return mp.get_context("spawn")


def _start_forkserver_without_cwd() -> None:
    """Start the forkserver with PYTHONSAFEPATH, so it does not put the current folder first on
    sys.path: it runs as ``python -c`` (Python 3.11 ignores the parent's sys.path there), and a
    folder holding any ``pipeline/`` package, such as another checkout, was imported by the workers
    instead of this one (every file "crashed", E502). Does nothing when the server already runs."""
    import os
    from multiprocessing import forkserver

    saved = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = saved


@dataclass
class _Slot:
    process: mp.process.BaseProcess
    conn: object
    has_context: bool = False
    ready: bool = False
    queue: deque = field(default_factory=deque)   # sent, not yet answered; the head is running
    started: float = 0.0                          # when the head started (or was sent to an idle worker)
    spawned: float = 0.0

    @property
    def task(self) -> FileTask | None:
        """The file the worker is processing now."""
        return self.queue[0] if self.queue else None


class ProcessEngine:
    """Isolated worker processes with per-file timeout and memory cap.

    Args:
        context: what every worker needs (checklist, limits); may be given later, so workers can
            start warming up while the parent is still reading the reference.
        workers: number of worker processes.
        timeout: wall-clock seconds per file before its worker is killed.
        memory_bytes: ``RLIMIT_AS`` set inside each worker (None: no cap).
    """

    name = "process"

    def __init__(self, context: WorkerContext | None = None, *, workers: int = 2, timeout: float = 120.0,
                 memory_bytes: int | None = None):
        self.context = context
        self.workers = max(1, int(workers))
        self.timeout = float(timeout)
        self.memory_bytes = memory_bytes
        self._ctx = _mp_context()
        self._slots: list[_Slot] = []
        self._pending: deque = deque()          # tasks of the running results() call not yet sent
        self._starter: threading.Thread | None = None
        self.replaced = 0

    # -- lifecycle -----------------------------------------------------------------------------------
    def start(self, n: int | None = None) -> None:
        """Start ``n`` (default: ``workers``) worker processes in the background; returns at once.

        Starting blocks until the forkserver has preloaded jieba and the model, so it runs on a
        thread while the caller reads the reference.
        """
        if self._starter is None:
            self._starter = threading.Thread(target=self._start, args=(n,), name="duban-start", daemon=True)
            self._starter.start()

    def _start(self, n: int | None) -> None:
        n = min(self.workers, n or self.workers)
        while len(self._slots) < n:
            self._slots.append(self._spawn())

    def _started(self, n: int | None = None) -> None:
        self.start(n)
        self._starter.join()

    def set_context(self, context: WorkerContext) -> None:
        self.context = context
        if self._starter is not None:
            self._starter.join()
        for slot in self._slots:
            self._send_context(slot)

    def check_workers(self) -> None:
        """Wait for the first started worker's handshake: a worker that refuses to work (``--memory``
        below what it needs) is a ``UsageError`` before any file is planned or the output folder
        touched. Does nothing when no worker was started early (``--resume``) or none is capped."""
        if self._starter is not None:
            self._starter.join()
        if not self.memory_bytes or not self._slots or self.context is None:
            return
        slot = self._slots[0]
        if slot.ready or not wait([slot.conn, slot.process.sentinel], timeout=READY_TIMEOUT):
            return
        if slot.conn.poll():
            try:
                message = slot.conn.recv()
            except (EOFError, OSError):          # died while starting: _collect says so
                return
            if isinstance(message, WorkerRefused):
                raise UsageError(message.code, detail=message.detail)
            slot.ready = slot.ready or message == "ready"

    def _spawn(self) -> _Slot:
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=worker_main, args=(child_conn, self.memory_bytes),
                                    name="duban-worker", daemon=True)
        process.start()
        child_conn.close()
        slot = _Slot(process=process, conn=parent_conn, spawned=time.monotonic())
        self._send_context(slot)
        return slot

    def _send_context(self, slot: _Slot) -> None:
        if self.context is not None and not slot.has_context:
            try:
                slot.conn.send(self.context)
            except OSError:                      # died already: noticed and replaced by _collect
                pass
            slot.has_context = True

    def _kill(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=5)
        slot.conn.close()

    def close(self) -> None:
        """Stop every worker (politely if idle, by SIGKILL if busy); idempotent."""
        if self._starter is not None:
            self._starter.join()
            self._starter = None
        for slot in self._slots:
            if slot.task is None and slot.process.is_alive():
                try:
                    slot.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 2
        for slot in self._slots:
            if slot.task is None:
                slot.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._kill(slot)
        self._slots = []

    def __enter__(self) -> "ProcessEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- scheduling ----------------------------------------------------------------------------------
    def results(self, tasks: Sequence[FileTask]) -> Iterator[FileResult]:
        """Yield one result per task, in completion order; workers are stopped when done or abandoned."""
        self._pending = pending = deque(tasks)
        if not pending:
            self.close()
            return
        if self.context is None:
            raise ValueError("ProcessEngine needs a context before results()")
        try:
            self._started(len(pending))
            self.set_context(self.context)
            while pending or any(s.task is not None for s in self._slots):
                self._dispatch(pending)
                yield from self._collect()
        finally:
            self.close()

    def _dispatch(self, pending: deque) -> None:
        # Prefetch only while every worker can have its own next file: at the end of a batch a
        # queued file would wait behind its worker's current one while another worker idles.
        depth = PREFETCH if len(pending) >= len(self._slots) else 1
        for slot in self._slots:
            while pending and slot.ready and len(slot.queue) < depth:
                task = pending.popleft()
                try:
                    slot.conn.send(task)
                except OSError:                  # died: _collect reports its file and replaces it
                    pending.appendleft(task)
                    break
                if not slot.queue:
                    slot.started = time.monotonic()
                slot.queue.append(task)

    def _collect(self) -> Iterator[FileResult]:
        waitables = [s.conn for s in self._slots] + [s.process.sentinel for s in self._slots]
        wait(waitables, timeout=self._next_deadline())
        now = time.monotonic()
        for slot in list(self._slots):
            if slot.conn.poll():
                try:
                    message = slot.conn.recv()
                except (EOFError, OSError):
                    message = None
                if message == "ready":
                    slot.ready = True
                    continue
                if isinstance(message, WorkerRefused):
                    raise UsageError(message.code, detail=message.detail)
                if isinstance(message, FileResult) and slot.queue:
                    slot.queue.popleft()
                    slot.started = time.monotonic()      # the worker moves straight on to the next
                    yield message
                    continue
            if not slot.process.is_alive():
                yield from self._died(slot, now)
            elif slot.task is not None and now - slot.started > self.timeout:
                task, seconds = slot.task, now - slot.started
                self._requeue(slot, self._pending)
                self._replace(slot)
                yield failure_result(task, Status.TIMEOUT, "timeout", error("E501", seconds=self.timeout), seconds)
            elif not slot.ready and now - slot.spawned > READY_TIMEOUT:
                raise DubanError("E502", detail=f"a worker did not start within {READY_TIMEOUT:.0f} s")

    def _died(self, slot: _Slot, now: float) -> Iterator[FileResult]:
        task, code = slot.task, slot.process.exitcode
        self._requeue(slot, self._pending)
        if task is None and not slot.ready:          # systemic (e.g. --memory too small), not one file's fault
            raise DubanError("E502", detail=f"a worker died while starting ({_describe_exit(code)}): a script "
                                            "that starts a batch must call it under `if __name__ == "
                                            "'__main__':` (each worker imports the script); else is "
                                            "--memory too small?")
        self._replace(slot)
        if task is not None:
            yield failure_result(task, Status.CRASHED, "worker_died",
                                 error("E502", detail=f"{_describe_exit(code)} while processing {task.rel}"),
                                 now - slot.started)

    @staticmethod
    def _requeue(slot: _Slot, pending: deque) -> None:
        """Files sent to a worker that is being replaced but not started by it go back to the front."""
        pending.extendleft(reversed(list(slot.queue)[1:]))

    def _replace(self, slot: _Slot) -> None:
        self._kill(slot)
        index = self._slots.index(slot)
        self._slots[index] = self._spawn()
        self.replaced += 1

    def _next_deadline(self) -> float:
        now = time.monotonic()
        remaining = [self.timeout - (now - s.started) for s in self._slots if s.task is not None]
        return max(0.01, min(remaining + [_POLL]))


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "worker vanished"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def make_engine(name: str, context: WorkerContext | None, *, workers: int, timeout: float,
                memory_bytes: int | None, scheduler: str | None = None, processes: bool = True):
    if name == "dask":
        from .dask_engine import DaskEngine

        return DaskEngine(context, workers=workers, timeout=timeout, scheduler=scheduler,
                          processes=processes, memory_bytes=memory_bytes)
    return ProcessEngine(context, workers=workers, timeout=timeout, memory_bytes=memory_bytes)


__all__ = ["ProcessEngine", "make_engine"]
