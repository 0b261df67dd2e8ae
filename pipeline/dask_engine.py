"""``--engine dask``: the same per-file function on dask.distributed (``engines.ProcessEngine`` is the
default). distributed is imported only when a cluster is first used.
"""
from __future__ import annotations

import time
from typing import Iterator, Sequence

from .errors import UsageError, error
from .model import Status
from .engines import _POLL
from .worker import (
    FILE_HEADROOM_BYTES, MB, FileResult, FileTask, WorkerContext, failure_result, process_file, warm_up,
)

CONNECT_TIMEOUT = 10.0      # seconds to reach a --scheduler: a live one answers in well under one


def _warm_worker_rss() -> int:
    """Run on each dask worker: load jieba and the model, return the process's resident memory."""
    import psutil

    warm_up()
    return psutil.Process().memory_info().rss


class DaskEngine:
    """The same per-file function on dask.distributed.

    ``scheduler`` joins an existing cluster ("tcp://host:8786"); otherwise a LocalCluster with
    ``workers`` single-threaded worker processes is started (``processes=False`` runs threads in
    this process, for tests). dask cannot kill one task, so a file past its timeout is recorded as
    ``timeout`` and its future abandoned; on the engine's own LocalCluster the worker process stuck
    on it is also restarted by its nanny, or the rest of the batch would queue behind a thread that
    never returns. A joined cluster is shared, so its workers are left alone (the slot stays busy
    until the task ends). Memory caps are the cluster's ``memory_limit``.
    """

    name = "dask"

    def __init__(self, context: WorkerContext | None = None, *, workers: int = 2, timeout: float = 120.0,
                 scheduler: str | None = None, processes: bool = True, memory_bytes: int | None = None):
        self.context = context
        self.workers = max(1, int(workers))
        self.timeout = float(timeout)
        self.scheduler = scheduler
        self.processes = processes
        self.memory_bytes = memory_bytes
        self._client = None
        self._cluster = None

    def _connect(self):
        """The client (connected once); a scheduler that cannot be reached and a ``--memory`` that
        leaves a worker of our own cluster no room are ``UsageError``s [E005] (exit 2)."""
        if self._client is not None:
            return self._client
        import logging

        from distributed import Client, LocalCluster

        logging.getLogger("distributed").setLevel(logging.ERROR)
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, ValueError, TypeError) as exc:   # refused, timed out, not an address
                raise UsageError("E005", detail=(
                    f"--scheduler {self.scheduler}: could not connect to the dask scheduler within "
                    f"{CONNECT_TIMEOUT:.0f} s ({type(exc).__name__}); check the address and that "
                    "`dask scheduler` runs there, or leave out --scheduler for a local cluster")) from None
        else:
            self._cluster = LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=self.processes,
                dashboard_address=None, memory_limit=self.memory_bytes or "auto", silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
            self._check_memory(self._client)
        return self._client

    def check_workers(self) -> None:
        """Connect now, so a bad --scheduler or --memory fails before the output folder is touched."""
        self._connect()

    def _check_memory(self, client) -> None:
        """dask pauses a worker whose RSS passes ``pause`` (0.8) of its ``memory_limit``: a limit
        below a warm worker plus room for a file left every file waiting until its timeout."""
        if not self.memory_bytes or not self.processes:
            return
        import dask

        try:
            used = max(client.run(_warm_worker_rss).values())
        except Exception as exc:  # noqa: BLE001 - the nanny killed it past ``terminate`` (0.95)
            self.close()
            raise UsageError("E005", detail=(
                f"--memory {self.memory_bytes // MB} is below what a dask worker needs: one failed while "
                f"loading jieba and the model ({type(exc).__name__}); use --memory 512 or more")) from None
        pause = float(dask.config.get("distributed.worker.memory.pause", 0.8) or 1.0)
        need = int((used + FILE_HEADROOM_BYTES) / pause)
        if self.memory_bytes < need:
            self.close()
            suggest = -(-need // (64 * MB)) * 64
            raise UsageError("E005", detail=(
                f"--memory {self.memory_bytes // MB} is below the {need // MB} MB a dask worker needs "
                f"({used // MB} MB resident once warm + {FILE_HEADROOM_BYTES // MB} MB to read a file, "
                f"and dask pauses a worker at {pause:.0%} of its limit); use --memory {suggest} or more"))

    def results(self, tasks: Sequence[FileTask]) -> Iterator[FileResult]:
        if not tasks:
            return
        from distributed import wait as dask_wait

        try:
            client = self._connect()
            order: list = []
            task_of: dict = {}
            started: dict[str, float] = {}
            restarts = 0

            def submit(pending_tasks) -> None:
                # the context is scattered again after a restart: the restarted worker's copy is gone
                context = client.scatter(self.context, broadcast=True)
                for task in pending_tasks:
                    future = client.submit(process_file, task, context, pure=False,
                                           key=f"duban-{task.key}-{task.index}-{restarts}")
                    order.append(future)
                    task_of[future.key] = task

            submit(tasks)
            while order:
                now = time.monotonic()
                # dask runs futures roughly first-in first-out: the oldest ``workers`` unfinished ones
                # are taken to be running, and their clock starts when they enter that window
                for future in order[: self.workers]:
                    started.setdefault(future.key, now)
                try:
                    done, _ = dask_wait(order, timeout=_POLL, return_when="FIRST_COMPLETED")
                except TimeoutError:
                    done = set()
                for future in list(order):
                    task = task_of[future.key]
                    if future in done:
                        order.remove(future)
                        yield self._result(future, task, started.get(future.key, now))
                    elif future.key in started and now - started[future.key] > self.timeout:
                        order.remove(future)
                        stuck = self._workers_running(client, future.key)
                        future.cancel()
                        yield failure_result(task, Status.TIMEOUT, "timeout", error("E501", seconds=self.timeout),
                                             now - started[future.key])
                        if self._restart(client, stuck):
                            # whatever was queued (or finished but not yet collected) went with the
                            # worker's memory: submit the rest again, with fresh keys and clocks
                            restarts += 1
                            pending = [task_of[f.key] for f in order]
                            for f in order:
                                f.cancel()
                            order.clear()
                            submit(pending)
                            break
        finally:
            self.close()

    def _workers_running(self, client, key: str) -> list[str]:
        """Addresses of the workers the scheduler has ``key`` on (empty when unknown)."""
        if self._cluster is None or not self.processes:
            return []
        try:
            return [worker for worker, keys in client.processing().items() if key in keys]
        except Exception:  # noqa: BLE001 - the scheduler is busy or gone: nothing to restart
            return []

    def _restart(self, client, workers: list[str]) -> bool:
        """Have the nannies of our own cluster restart ``workers`` (kills the stuck task)."""
        if not workers:
            return False
        try:
            client.restart_workers(workers, timeout=max(30.0, self.timeout), raise_for_error=False)
        except Exception:  # noqa: BLE001 - a restart that fails leaves the batch as it was
            return False
        return True

    def _result(self, future, task: FileTask, started: float) -> FileResult:
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - KilledWorker and friends: this file only
            return failure_result(task, Status.CRASHED, f"worker_died:{type(exc).__name__}",
                                  error("E502", detail=f"{type(exc).__name__} while processing {task.rel}"),
                                  time.monotonic() - started)

    def start(self, n: int | None = None) -> None:
        """Clusters start on first use."""

    def set_context(self, context: WorkerContext) -> None:
        self.context = context

    def close(self) -> None:
        for resource in (self._client, self._cluster):
            if resource is not None:
                try:
                    resource.close()
                except Exception:  # noqa: BLE001 - shutting down
                    pass
        self._client = self._cluster = None

    def __enter__(self) -> "DaskEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


__all__ = ["DaskEngine"]
