"""``duban batch``: a folder of submissions -> manifest, checklist, gap table, results store.

The parent process discovers inputs, hashes them, decides what a resumed run may reuse, hands one
file per task to an engine (isolated worker processes, or dask), and alone writes outputs: each
finished file is cached under ``OUT_DIR/.cache`` and logged to ``manifest.jsonl`` as it arrives;
the whole-batch outputs are built at the end from results sorted by path, so the number of workers
and the completion order never change a byte of them.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from . import __version__, gcpolicy
from .batch_cache import load_cached, load_reference, remove_temp_files, save_reference, save_result
from .config import DEFAULT_LIMITS, Limits, config_hash
from .errors import DubanError, UsageError, error
from .export.atomic import atomic_write_text
from .batch_plan import (
    Settings, manifest_row, mark_duplicates, not_started_row, plan_tasks, reusable_duplicates, tasks_by_index,
)
from .manifest import (
    SKIP_NOT_REGULAR, ManifestLog, ManifestRow, discover, readable_name, render_csv,
)
from .model import Document, Status, content_id
from .progress import Progress
from .batch_set_aside import own_outputs_aside, say_own_outputs, set_aside_of, set_aside_results
from .reference_copies import ReferenceMarks, file_digest, reference_marks
from .versions import model_hash, pipeline_version
from .worker import FileResult, WorkerContext

OK_STATUSES = frozenset({Status.OK.value, Status.OK_WITH_WARNINGS.value, Status.SKIPPED.value})
UNCACHED = frozenset({Status.TIMEOUT.value, Status.CRASHED.value, Status.NOT_STARTED.value})


@dataclass(frozen=True)
class BatchResult:
    """What a batch produced: one manifest row per input, the outputs, counts per status."""

    run_id: str
    out_dir: Path
    rows: tuple[ManifestRow, ...]
    documents: tuple[Document, ...] = ()
    gap_rows: tuple = ()
    checklist: object | None = None
    outputs: tuple[Path, ...] = ()
    processed: int = 0           # files a worker read in this run
    reused: int = 0              # files taken from the cache (--resume)
    interrupted: bool = False
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)
    write_errors: tuple[str, ...] = ()     # coded E401 messages of outputs that could not be written

    def __repr__(self) -> str:      # short: documents and gap rows stay out of a notebook cell (QA12 M8)
        return (f"BatchResult(run_id={self.run_id!r}, out_dir={str(self.out_dir)!r}, {self.summary()}, "
                f"gap_rows={len(self.gap_rows)}, seconds={self.seconds:.1f})")

    @property
    def failed(self) -> tuple[ManifestRow, ...]:
        return tuple(r for r in self.rows if r.status not in OK_STATUSES)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed or self.write_errors else 0

    def summary(self) -> str:
        parts = ", ".join(f"{status} {n}" for status, n in sorted(self.counts.items()))
        return f"{len(self.rows)} files: {parts}" if self.rows else "0 files found"

    def to_frame(self):
        """The manifest as a DataFrame, one row per input."""
        import pandas as pd
        from dataclasses import asdict

        return pd.DataFrame([asdict(r) for r in self.rows])

    def gaps_frame(self):
        """The batch's gap table (one row per unit and checklist item) as a DataFrame."""
        return gap_table(self.checklist, self.gap_rows, self.documents).to_frame()


def run_batch(input_dir, *, reference, out_dir, workers: int = 2, timeout: float | None = None,
              memory_mb: int | None = None, resume: bool = False, engine: str = "process",
              scheduler: str | None = None, progress: bool = True, fail_fast: bool = False,
              limits: Limits = DEFAULT_LIMITS, label: bool = True, store: bool = True,
              processes: bool = True, stream=None, summary: bool | None = None) -> BatchResult:
    """Process every file under ``input_dir`` against ``reference`` into ``out_dir``.

    ``summary``: print the closing "N files: ok N" line even when every file went well (default:
    as ``progress``, so ``progress=False`` in a notebook is silent; the CLI always asks for it).
    Failed files, an empty folder, an interruption and write errors are reported either way.

    Raises ``UsageError`` (exit 2) for a missing input folder or an unreadable reference and
    ``KeyboardInterrupt`` after a clean shutdown when interrupted; everything that goes wrong with
    one file is a status in its manifest row.
    """
    started = time.monotonic()
    stream = stream or sys.stderr
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    if not input_dir.exists():
        raise UsageError("E001", path=str(input_dir))
    if not input_dir.is_dir():
        raise UsageError("E005", detail=f"INPUT_DIR must be a folder: {input_dir}")
    check_reference_path(reference)
    from .commands import output_folder

    output_folder(out_dir)                   # E005 (exit 2) when OUT_DIR is a file
    limits = replace(limits, timeout_seconds=float(timeout or limits.timeout_seconds),
                     worker_memory_bytes=(limits.worker_memory_bytes if memory_mb is None
                                          else int(memory_mb * 1024 * 1024)))
    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    inputs = own_outputs_aside(discover(input_dir, exclude=[out_dir]))
    from .engines import make_engine

    runner = make_engine(engine, None, workers=workers, timeout=limits.timeout_seconds,
                         memory_bytes=limits.worker_memory_bytes, scheduler=scheduler, processes=processes)
    try:
        if inputs and not resume:
            runner.start(len(inputs))        # workers warm up while the parent reads the reference
        reference_sha = file_digest(reference)
        checklist, reference_key = _reference_checklist(reference, reference_sha, out_dir, resume)
        if not inputs:                       # nothing to do, nothing written (case 51)
            result = BatchResult(run_id=run_id, out_dir=out_dir, rows=(), checklist=checklist,
                                 seconds=time.monotonic() - started)
            print(f"duban: {result.summary()}", file=stream)
            return result
        runner.set_context(WorkerContext(checklist=checklist, limits=limits, label=label))
        if hasattr(runner, "check_workers"):
            runner.check_workers()           # E005 when --memory leaves a worker no room (exit 2)
        if reference_key:
            _remember_reference(out_dir, reference_key, checklist)
        settings = Settings(pipeline_version(), config_hash({"limits": limits, "label": label,
                                                               "checklist": checklist_digest(checklist)}),
                             model_hash() if label else "unlabelled")
        return _execute(runner, inputs, checklist, settings, run_id=run_id, out_dir=out_dir, resume=resume,
                        progress=progress, fail_fast=fail_fast, store=store, stream=stream, started=started,
                        engine=engine, workers=workers, summary=progress if summary is None else summary,
                        marks=reference_marks(reference, checklist, sha256=reference_sha))
    finally:
        runner.close()
        gcpolicy.release()


def _execute(runner, inputs, checklist, settings, *, run_id, out_dir, resume, progress, fail_fast, store,
             stream, started, engine, workers, summary=True, marks: ReferenceMarks = ReferenceMarks()) -> BatchResult:
    """Plan, run and record one batch whose inputs and reference are known. An input that is no unit's
    report (the notice dropped into the inbox with the replies, in any format; a ledger duban wrote:
    ``reference_copies.set_aside_reason`` on ``marks``) is read and listed in the manifest (reason
    ``is_reference``/``is_checklist``) but not assessed as a unit: it would cover every task."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows: dict[int, ManifestRow] = {}
    tasks, same_bytes = plan_tasks(inputs, settings, rows)
    duplicates = reusable_duplicates(same_bytes, tasks)
    results: dict[int, FileResult] = {}
    if resume:
        results.update(load_cached(tasks, out_dir))
    reused = set(results)
    todo = [t for t in tasks if t.index not in reused and t.index not in duplicates]
    bar = Progress(len(inputs), enabled=progress, stream=stream, initial=len(rows) + len(reused))
    interrupted = False
    disk_error = ""                      # E401 when recording results failed (disk full): stop, say so
    log = ManifestLog(out_dir / "manifest.jsonl", run_id)
    try:
        for index in sorted(rows):
            log.append(rows[index])
        by_index = tasks_by_index(tasks)
        for index in sorted(reused):
            log.append(manifest_row(by_index[index], results[index], settings, resumed=True))
        _run(runner, todo, settings, fail_fast, out_dir, results, log, bar, tasks)
    except KeyboardInterrupt:
        interrupted = True
        remove_temp_files(out_dir)
    except OSError as exc:               # ENOSPC, EIO, read-only remount while recording a result
        disk_error = error("E401", path=exc.filename or str(out_dir), exc=type(exc).__name__)
    finally:
        bar.close()
        try:
            log.close()
        except OSError as exc:
            disk_error = disk_error or error("E401", path=str(out_dir / "manifest.jsonl"), exc=type(exc).__name__)

    for task in tasks:
        if task.index in results:
            rows[task.index] = manifest_row(task, results[task.index], settings, resumed=task.index in reused)
        else:
            rows[task.index] = not_started_row(task, settings)
    mark_duplicates(duplicates, rows)
    for index, original in same_bytes.items():
        rows[index] = replace(rows[index], duplicate_of=rows[original].path)
    if duplicates:
        with ManifestLog(out_dir / "manifest.jsonl", run_id) as dup_log:
            for index in sorted(duplicates):
                dup_log.append(rows[index])
    ordered = tuple(rows[i] for i in sorted(rows))
    counts = dict(Counter(r.status for r in ordered))
    if not len(inputs) == sum(counts.values()) == len(ordered):     # never silently lose an input
        raise RuntimeError(f"manifest accounts for {len(ordered)} of {len(inputs)} discovered inputs")

    say_own_outputs(ordered, stream)
    references = set_aside_results(tasks, results, rows, marks, stream, checklist)
    ordered = tuple(rows[i] for i in sorted(rows))
    docs, gap_rows = _aggregate(tasks, results, {**duplicates, **{i: i for i in references}}, checklist)
    gcpolicy.hold()
    outputs: list[Path] = []
    try:
        atomic_write_text(out_dir / "manifest.csv", render_csv(ordered))
        outputs.append(out_dir / "manifest.csv")
    except OSError as exc:
        disk_error = disk_error or error("E401", path=exc.filename or str(out_dir / "manifest.csv"),
                                         exc=type(exc).__name__)
    result = BatchResult(run_id=run_id, out_dir=out_dir, rows=ordered, documents=docs, gap_rows=gap_rows,
                         checklist=checklist, processed=len(results) - len(reused), reused=len(reused),
                         interrupted=interrupted, seconds=time.monotonic() - started, counts=counts,
                         write_errors=(disk_error,) if disk_error else ())
    if interrupted:
        # "interrupted after 114 files" read as 114 done when 97 of them had not started
        done = sum(1 for r in ordered if r.status != Status.NOT_STARTED.value)
        print(f"duban: interrupted after {done} of {result.summary()}", file=stream)
        raise KeyboardInterrupt
    if disk_error:                       # a run that could not record its results makes no aggregates
        print(f"duban: {disk_error}", file=stream)
        print(f"duban: stopped after {result.summary()}", file=stream)
        return replace(result, outputs=tuple(outputs))
    try:
        outputs += write_outputs(result, out_dir, store=store)
        _write_run_metadata(out_dir, result, settings, engine=engine, workers=workers)
    except OSError as exc:           # disk full, read-only folder, file locked: say which, exit 1
        failure = error("E401", path=exc.filename or str(out_dir), exc=type(exc).__name__)
        print(f"duban: {failure}", file=stream)
        result = replace(result, write_errors=(failure,))
    if store and not result.write_errors:
        from .store import db_path, run_recorded

        if not run_recorded(out_dir, outputs):   # the store said E401 on stderr: not recorded is exit 1 (QA9 H6)
            failure = error("E401", path=str(db_path(out_dir)), exc="run not recorded in the results store")
            result = replace(result, write_errors=(failure,))
    result = replace(result, outputs=tuple(outputs))
    if summary or result.exit_code:      # a clean run is silent when asked (a notebook's progress=False)
        print(f"duban: {result.summary()}", file=stream)
    return result


def check_reference_path(reference) -> None:
    """Cheap checks first, so a mistyped reference fails before any worker starts (the checks
    ``duban gaps`` and ``pipeline.gaps`` make: ``analysis.reference_source``)."""
    from .analysis import reference_source

    reference_source(reference)


def _reference_checklist(reference, reference_sha: str, out_dir: Path, resume: bool):
    """``load_reference_checklist`` and the key it is remembered under in ``OUT_DIR/.cache`` (the
    reference file's bytes, ``reference_sha``; pipeline version; model); ``--resume`` takes it from there."""
    if not reference_sha:            # a Document, no reference, or a file that could not be hashed
        return load_reference_checklist(reference), ""
    key = content_id(reference_sha, pipeline_version(), model_hash(), length=32)
    cached = load_reference(out_dir, key) if resume else None
    return (cached if cached is not None else load_reference_checklist(reference)), key


def _remember_reference(out_dir: Path, key: str, checklist) -> None:
    try:
        save_reference(out_dir, key, checklist)
    except OSError:                      # unwritable output folder: reported when the outputs fail
        pass


def load_reference_checklist(reference):
    """The checklist to assess reports against: a speech/notice or an edited checklist file."""
    if reference is None:
        return None
    from .checklist import load_reference

    check_reference_path(reference)
    try:
        return readable_sources(load_reference(reference))
    except UsageError:
        raise
    except DubanError as exc:     # E003 unreadable, E004 model refused: keep the code and its message
        raise UsageError(exc.code, **exc.kwargs) from None
    except Exception as exc:  # noqa: BLE001 - any failure to read the reference is a usage error
        raise UsageError("E003", status=getattr(exc, "code", type(exc).__name__), path=str(reference)) from None


def readable_sources(checklist):
    """The checklist with a non-UTF-8 reference file name shown readably in its sources (it is
    written into every checklist file, the gap table and the store)."""
    sources = getattr(checklist, "sources", None)
    if sources is None or all(readable_name(s) == s for s in sources):
        return checklist
    items = tuple(replace(item, source=readable_name(item.source)) if hasattr(item, "source") else item
                  for item in checklist.items)
    return replace(checklist, items=items, sources=tuple(readable_name(s) for s in sources))


def checklist_digest(checklist) -> str:
    """Items decide gap rows, so they are part of the cache key (a new reference redoes every file)."""
    if checklist is None:
        return ""
    return content_id(repr(getattr(checklist, "items", checklist)), length=32)


def _run(runner, todo, settings, fail_fast, out_dir, results, log, bar, tasks) -> None:
    """Feed the engine, and record each result the moment it arrives (cache, then manifest log)."""
    by_index = tasks_by_index(tasks)
    stream = runner.results(todo)
    try:
        for result in stream:
            task = by_index[result.index]
            if result.status not in UNCACHED:
                save_result(out_dir, task, result)      # OSError (disk full): this file stays unfinished
            log.append(manifest_row(task, result, settings))
            results[result.index] = result
            gcpolicy.hold()                             # results stay until the outputs are written
            failed = result.status not in OK_STATUSES
            bar.update(failed)
            if failed:
                bar.write(f"duban: {task.rel}: {result.status}: {result.message or result.reason}")
                if fail_fast:
                    break
    finally:
        stream.close()


def _aggregate(tasks, results, duplicates, checklist):
    """Documents and gap rows of the batch, in path order (duplicates counted once)."""
    docs, gap_rows = [], []
    for task in sorted(tasks, key=lambda t: t.rel):
        if task.index in duplicates or task.index not in results:
            continue
        result = results[task.index]
        doc = result.document
        rows = result.gap_rows
        if doc is None:                  # timeout / crash: the unit is still listed, as not assessable
            doc = Document(doc_id=content_id(task.sha256 or task.rel), source=task.rel, sha256=task.sha256,
                           file_type=result.file_type or "unknown", status=Status(result.status),
                           reason=result.reason, message=result.message)
            rows = _assess_stub(checklist, doc)
        docs.append(doc)
        gap_rows.extend(rows)
    return tuple(docs), tuple(gap_rows)


def _assess_stub(checklist, doc: Document) -> tuple:
    if checklist is None:
        return ()
    from .gaps import assess_report

    return tuple(assess_report(checklist, doc))


def gap_table(checklist, rows, documents, set_aside=()):
    """The outputs helper's ``GapTable`` from rows assessed file by file in the workers."""
    from .gaps import GapTable

    return GapTable(rows=tuple(rows), checklist=checklist, documents=tuple(documents), set_aside=tuple(set_aside))



def write_outputs(result: BatchResult, out_dir: Path, *, store: bool = True) -> list[Path]:
    """Checklist files, gap table (with problems ledger and exemplars digest), results store.

    The report files are written by forked children while this process writes the store, which
    reads every passage (``export/report_files.py``); the list of paths comes back in the same
    order either way.
    """
    reports = None
    if result.checklist is not None:
        from .export.report_files import start_reports

        table = gap_table(result.checklist, result.gap_rows, result.documents, set_aside_of(result.rows))
        reports = start_reports(result.checklist, table, out_dir)
    stored: list[Path] = []
    try:
        if store:
            from .store import record_batch

            stored = record_batch(result, out_dir)
    finally:
        outputs = list(reports.join()) if reports is not None else []
    return outputs + stored


def _write_run_metadata(out_dir: Path, result: BatchResult, settings: Settings, *, engine: str,
                        workers: int) -> None:
    import json

    meta = {
        "run_id": result.run_id, "pipeline_version": settings.pipeline_version,
        "config_hash": settings.config_hash, "model_hash": settings.model_hash, "engine": engine,
        "workers": workers, "seconds": round(result.seconds, 3), "processed": result.processed,
        "reused": result.reused, "counts": dict(sorted(result.counts.items())), "version": __version__,
    }
    atomic_write_text(out_dir / "run.json", json.dumps(meta, ensure_ascii=False, indent=2) + "\n")


__all__ = ["run_batch", "BatchResult", "gap_table", "write_outputs", "SKIP_NOT_REGULAR"]
