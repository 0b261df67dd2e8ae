"""The per-file function every batch engine runs, and the worker-process loop around it.

``process_file(task, context)`` is pure with respect to its inputs: read -> label -> assess against
the checklist. It never raises for a bad document (statuses are values). ``worker_main`` is the loop
of one isolated worker process: it lowers its own address-space limit (``RLIMIT_AS``), ignores
Ctrl-C (the parent decides), warms up jieba and the classifier once, then serves one file per
message until the parent closes the pipe. A worker whose ``--memory`` cap leaves no room to read a
file refuses to start (``WorkerRefused``, a usage error in the parent) instead of failing every file.
"""
from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from .config import DEFAULT_LIMITS, Limits
from .errors import error
from .gcpolicy import settle_worker
from .model import Document, Status, content_id

# Test-only fault injection, honoured by worker processes only (never by ``process_file``, so the
# dask engine and notebooks cannot be affected): "hang:a.txt,exit:b.txt,memory:c.txt,error:d.txt";
# "slow:*" delays every file; "gate:c.txt" holds that file until the path in DUBAN_TEST_GATE exists
# (at most two minutes), so a test can interrupt a run that is provably still in progress.
FAULTS_ENV = "DUBAN_TEST_FAULTS"
GATE_ENV = "DUBAN_TEST_GATE"
GATE_MAX_SECONDS = 120.0
_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
MB = 1024 * 1024
# Address space a warm worker needs beyond what it holds after loading jieba and the model, to read
# one ordinary file: measured 2026-11-27, a small .docx +40 MB (python-docx, lxml), a small PDF
# +90 MB peak (pdfplumber/pdfminer); a .txt +10 MB.
FILE_HEADROOM_BYTES = 128 * MB


@dataclass(frozen=True, slots=True)
class FileTask:
    index: int
    path: str          # absolute path read by the worker
    rel: str           # path relative to the input folder: the name in every output
    sha256: str
    size: int
    key: str


@dataclass(frozen=True, slots=True)
class WorkerContext:
    """Everything a worker needs besides the file; pickled once per worker."""

    checklist: object | None = None
    limits: Limits = DEFAULT_LIMITS
    label: bool = True


@dataclass(frozen=True, slots=True)
class WorkerRefused:
    """A worker's answer instead of "ready" when it cannot work at all (a configuration error)."""

    code: str
    detail: str


@dataclass(frozen=True, slots=True)
class FileResult:
    index: int
    rel: str
    status: str
    reason: str = ""
    message: str = ""
    file_type: str = ""
    unit: str = ""
    doc_id: str = ""
    n_passages: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0      # this process's CPU time for the file: unaffected by a busy machine
    document: Document | None = None
    gap_rows: tuple = field(default=())


def process_file(task: FileTask, context: WorkerContext, *, fault=None) -> FileResult:
    """Read, label and assess one file; every failure becomes a status on the result.

    ``fault`` is the worker's test-only hook, run where a reader would run.
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        if fault is not None:
            fault()
        doc = _read_and_label(task, context)
        rows = _assess(context.checklist, doc)
    except MemoryError:
        return _failure(task, Status.TOO_LARGE, "memory", error("E106", detail=_out_of_memory(context)), started)
    except Exception as exc:  # noqa: BLE001 - per-file boundary; the class only, never content
        return _failure(task, Status.CRASHED, f"error:{type(exc).__name__}",
                        error("E502", detail=f"{type(exc).__name__} while processing {task.rel}"), started)
    reason, message = doc.reason, doc.message
    if rows and not message and (short := _too_little_text(doc)):
        reason, message = "too_little_text", short      # read fine, nothing to assess: say so (QA12 L8)
    elif doc.warnings and not message:
        # ok_with_warnings says which: the coded warnings (counts and codes, never document text)
        reason = reason or doc.warnings[0].reason
        message = "; ".join(str(w) for w in doc.warnings)
    return FileResult(
        index=task.index, rel=task.rel, status=doc.status.value, reason=reason, message=message,
        file_type=doc.file_type, unit=doc.unit, doc_id=doc.doc_id,
        n_passages=sum(1 for p in doc.passages if p.is_content),
        seconds=time.perf_counter() - started, cpu_seconds=time.process_time() - cpu_started,
        document=doc, gap_rows=tuple(rows),
    )


def _read_and_label(task: FileTask, context: WorkerContext) -> Document:
    from .extract import read_path
    from .segment import default_segmenter

    # The segmenter's memo serves the stages of one document (quality check, features, gap terms
    # cut the same passages); kept across files it would only pay off for text repeated between
    # reports, and would make a file's cost depend on which files came before it.
    default_segmenter().clear_memo()
    if context.label:
        from .classify import clear_text_caches

        clear_text_caches()
    doc = _read(task, context.limits) if _renamed(task) else read_path(Path(task.path), limits=context.limits)
    # The relative path names the report everywhere (two "报告.docx" in different folders stay apart);
    # raw text and offsets are not needed downstream and would only bloat the result message.
    doc = replace(doc, source=task.rel, raw_text="", offsets=())
    if context.label and doc.status.is_ok and doc.passages:
        from .classify import label_document

        doc = label_document(doc)
    return doc


def _out_of_memory(context: WorkerContext) -> str:
    """The limit is named: "file too large" alone sent users splitting files when --memory was low."""
    cap = context.limits.worker_memory_bytes
    return f"out of memory within the worker limit of {cap // MB} MB (--memory)" if cap else "out of memory"


def _renamed(task: FileTask) -> bool:
    """The file's name on disk is not UTF-8, and ``rel`` shows it decoded (``manifest.readable_name``)."""
    return Path(task.path).name != PurePosixPath(task.rel).name


def _read(task: FileTask, limits: Limits) -> Document:
    """``read_path`` for a file whose name on disk is not UTF-8: readers and messages get the
    readable name (the on-disk one would raise ``UnicodeEncodeError`` wherever it is written)."""
    from .extract import read_bytes

    path, name = Path(task.path), PurePosixPath(task.rel).name
    failed = dict(doc_id=content_id(task.sha256 or task.rel), source=name, sha256="", file_type="unknown")
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return Document(**failed, status=Status.TOO_LARGE, reason="file_size",
                            message=error("E106", detail=f"{size} bytes"))
        data = path.read_bytes()
    except OSError as exc:
        return Document(**failed, status=Status.CORRUPT, reason="read_error",
                        message=error("E111", exc=type(exc).__name__))
    return read_bytes(data, name=name, limits=limits)


def _assess(checklist, doc: Document) -> tuple:
    if checklist is None:
        return ()
    from .gaps import assess_report

    return tuple(assess_report(checklist, doc))


def _too_little_text(doc: Document) -> str:
    from .gaps import too_little_text        # gaps is imported by the first _assess, not at start-up

    return too_little_text(doc)


def _failure(task: FileTask, status: Status, reason: str, message: str, started: float) -> FileResult:
    return FileResult(index=task.index, rel=task.rel, status=status.value, reason=reason, message=message,
                      seconds=time.perf_counter() - started)


def failure_result(task: FileTask, status: Status, reason: str, message: str, seconds: float) -> FileResult:
    """A result the parent makes for a file whose worker timed out or died."""
    return FileResult(index=task.index, rel=task.rel, status=status.value, reason=reason, message=message,
                      seconds=seconds)


# --------------------------------------------------------------------------------------------------
# worker process


def limit_memory(memory_bytes: int | None) -> None:
    """Cap this process's address space so a runaway reader gets MemoryError, not the machine."""
    if not memory_bytes:
        return
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):   # not on this platform: the timeout still applies
        pass


def warm_up(context: WorkerContext = WorkerContext()) -> None:
    """Load jieba's dictionary and the classifier once per worker, not once per file."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    from .segment import default_segmenter

    default_segmenter()
    if context.label:
        try:
            from .classify import get_classifier

            get_classifier()
        except Exception:  # noqa: BLE001 - a broken model shows up per file, with its status
            pass


def worker_main(conn, memory_bytes: int | None) -> None:
    """Serve ``FileTask``s from ``conn`` until it closes; reply with one ``FileResult`` each.

    Protocol: the worker warms up, receives its ``WorkerContext`` (so it can start before the
    parent has read the reference), answers "ready", then one ``FileResult`` per ``FileTask``.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    single_threaded_libraries()
    try:
        _serve(conn, memory_bytes)
    except BaseException:  # noqa: BLE001 - die quietly: the parent records the file as crashed
        os._exit(70)


def quiet() -> None:
    """Per-file trouble is recorded as a status and coded warnings on the Document; library chatter
    (pdfminer's "CropBox missing", Python warnings) must not reach the user's terminal from a worker."""
    import logging
    import warnings

    logging.getLogger().addHandler(logging.NullHandler())
    logging.getLogger().setLevel(logging.ERROR)
    warnings.simplefilter("ignore")


def single_threaded_libraries() -> None:
    """One file per process is the parallelism; BLAS thread pools would only oversubscribe cores."""
    for name in _THREAD_ENV:
        os.environ.setdefault(name, "1")


def address_space_bytes() -> int | None:
    """This process's address space (``VmSize``, what ``RLIMIT_AS`` caps); None where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def memory_refusal(memory_bytes: int | None, used: int | None) -> WorkerRefused | None:
    """A usage error when ``--memory`` leaves a warm worker less than ``FILE_HEADROOM_BYTES``:
    every file would fail with MemoryError, which read as "file too large" (QA 6, M8)."""
    if not memory_bytes or used is None or memory_bytes >= used + FILE_HEADROOM_BYTES:
        return None
    need = used + FILE_HEADROOM_BYTES
    suggest = -(-need // (64 * MB)) * 64
    return WorkerRefused("E005", (
        f"--memory {memory_bytes // MB} is below the {need // MB} MB a worker needs ({used // MB} MB once "
        f"jieba and the model are loaded + {FILE_HEADROOM_BYTES // MB} MB to read a file); "
        f"use --memory {suggest} or more (0 = no limit)"))


def _serve(conn, memory_bytes: int | None) -> None:
    quiet()
    faults = parse_faults(os.environ.get(FAULTS_ENV, ""))
    try:
        warm_up()                 # already done in the forkserver: then this costs nothing
    except Exception:  # noqa: BLE001 - whatever is broken fails each file with its own status
        pass
    refusal = memory_refusal(memory_bytes, address_space_bytes())
    limit_memory(memory_bytes)    # after warming up, so the cap is measured against a warm worker
    try:
        context = conn.recv()
    except (EOFError, OSError):
        return
    if not isinstance(context, WorkerContext):      # closed before any work was given
        return
    if refusal is not None:
        conn.send(refusal)
        return
    conn.send("ready")
    settle_worker()                                   # the dictionary, model and checklist stay
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        action = faults.get(Path(task.rel).name, faults.get("*"))
        result = process_file(task, context, fault=(lambda: _inject_fault(action)) if action else None)
        try:
            conn.send(result)
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - an unpicklable result must not kill the worker
            conn.send(failure_result(task, Status.CRASHED, f"error:{type(exc).__name__}",
                                     error("E502", detail=f"result of {task.rel} not transferable"),
                                     result.seconds))


def parse_faults(spec: str) -> dict[str, str]:
    """``"hang:a.txt,exit:b.txt"`` -> ``{"a.txt": "hang", "b.txt": "exit"}``."""
    faults = {}
    for part in spec.split(","):
        action, _, name = part.strip().partition(":")
        if action and name:
            faults[name] = action
    return faults


def _inject_fault(action: str | None) -> None:
    if action == "hang":
        while True:
            time.sleep(0.05)
    elif action == "exit":
        os._exit(1)
    elif action == "memory":
        hog = []
        while True:
            hog.append(bytearray(64 * 1024 * 1024))
    elif action == "slow":
        time.sleep(0.4)
    elif action == "gate":
        gate = Path(os.environ.get(GATE_ENV) or os.devnull)
        deadline = time.monotonic() + GATE_MAX_SECONDS
        while not gate.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    elif action == "error":
        raise AssertionError("injected")
