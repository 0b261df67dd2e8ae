"""Run one output writer in a forked child while the parent writes the others.

At the end of a batch three independent jobs remain: gaps.xlsx (a sheet per unit), the other report
files (checklist, csv/md/json/html) and the results store (DuckDB + Parquet), each pure Python work
of most of a second for a thousand reports, and by then the workers are done and the cores idle.
A forked child shares the batch's results without pickling them, so the report files are written
by two children while the parent writes the store (``report_files.py`` says what each reads).
The files are the same bytes either way. (multiprocessing flushes stdout/stderr before it forks,
so text buffered in the parent is not written twice.)

Forking is only done where it is safe: a ``fork`` start method exists and the parent runs no other
thread (the dask engine keeps client threads alive; a forked copy of a lock held by another thread
could deadlock the child). Otherwise the writer simply runs in the parent, at ``join``.
"""
from __future__ import annotations

import contextlib
import gc
import io
import multiprocessing as mp
import signal
import sys
import threading
from typing import Callable


def _can_fork() -> bool:
    return "fork" in mp.get_all_start_methods() and threading.active_count() == 1


def _child(conn, writer: Callable[[], list]) -> None:
    # Everything inherited from the parent lives until this short-lived child exits: moved out of the
    # collector's reach, it is not walked by every full collection (about a fifth of the gap
    # workbook's build time) nor copied page by page because a collection touched it
    gc.freeze()
    # Ctrl-C is the parent's to handle; the store is written atomically and finishing it is harmless
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the writer prints goes back to the parent, which prints it where its own messages go
    # (a terminal, a log file, or a test's captured stderr that this copy of the process cannot reach)
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        try:
            answer = (True, writer())
        except Exception as exc:  # noqa: BLE001 - reported by the parent, by class only
            answer = (False, type(exc).__name__)
    try:
        conn.send(answer + (printed.getvalue(),))
    finally:
        conn.close()


class BackgroundWriter:
    """``BackgroundWriter(writer).join()`` returns ``writer()``; in a child process when possible.

    ``writer`` should report its own failures and return what it wrote. If it raises in the child,
    or the child dies without answering, ``on_lost`` gets a short reason (an exception class name or
    how the child ended, never data) and ``join`` returns an empty list.
    """

    def __init__(self, writer: Callable[[], list], on_lost: Callable[[str], None] | None = None):
        self._writer = writer
        self._on_lost = on_lost
        self._process = None
        self._conn = None
        if _can_fork():
            ctx = mp.get_context("fork")
            self._conn, child_conn = ctx.Pipe(duplex=False)
            self._process = ctx.Process(target=_child, args=(child_conn, writer), name="duban-writer")
            self._process.start()
            child_conn.close()

    @property
    def forked(self) -> bool:
        return self._process is not None

    def join(self) -> list:
        if self._process is None:
            return self._writer()
        try:
            ok, payload, printed = self._conn.recv()
        except (EOFError, OSError):          # the child died before answering (killed, out of memory)
            ok, payload, printed = False, None, ""
        finally:
            self._conn.close()
            self._process.join()
        if printed:
            sys.stderr.write(printed)
        if ok:
            return payload
        if self._on_lost is not None:
            self._on_lost(payload or _describe(self._process.exitcode))
        return []


def _describe(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


__all__ = ["BackgroundWriter"]
