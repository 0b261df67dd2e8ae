"""What each input becomes in the manifest: planning before the workers, rows after them.

``plan_tasks`` turns discovered inputs into manifest rows (decided without a worker: skipped,
unreadable) and worker tasks (with their cache keys), and notes repeated bytes; ``manifest_row``
records a worker's result; duplicates take their original's outcome.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .copy_names import copies_of
from .errors import error
from .manifest import Input, ManifestRow, cache_key, file_sha256
from .model import Status
from .worker import FileResult, FileTask


@dataclass(frozen=True)
class Settings:
    """What a cached result must match besides the bytes (part of every cache key and manifest row)."""

    pipeline_version: str
    config_hash: str
    model_hash: str


def tasks_by_index(tasks) -> dict[int, FileTask]:
    return {t.index: t for t in tasks}


def plan_tasks(inputs: list[Input], settings: Settings, rows: dict[int, ManifestRow]):
    """Rows for inputs decided without a worker; tasks for the rest; repeated bytes -> first index."""
    tasks: list[FileTask] = []
    base = dict(pipeline_version=settings.pipeline_version, config_hash=settings.config_hash,
                model_hash=settings.model_hash)
    for index, item in enumerate(inputs):
        if item.error:
            rows[index] = ManifestRow(path=item.rel, sha256="", status=Status.CORRUPT.value, reason="read_error",
                                      message=error("E111", exc=item.error), **base)
            continue
        if item.skip_reason:
            rows[index] = ManifestRow(path=item.rel, sha256="", status=Status.SKIPPED.value,
                                      reason=item.skip_reason, **base)
            continue
        try:
            sha, size = file_sha256(item.path)
        except OSError as exc:          # unreadable, or deleted since discovery
            rows[index] = ManifestRow(path=item.rel, sha256="", status=Status.CORRUPT.value, reason="read_error",
                                      message=error("E111", exc=type(exc).__name__), **base)
            continue
        key = cache_key(sha, settings.pipeline_version, settings.config_hash, settings.model_hash)
        task = FileTask(index=index, path=str(item.path), rel=item.rel, sha256=sha, size=size, key=key)
        tasks.append(task)
    # every empty file has the same bytes: not worth flagging; of the others the original is the
    # name that does not read as a copy ("报告 - 副本.txt" sorts first), else the first
    copies = copies_of([t.sha256 if t.size else None for t in tasks], [t.rel for t in tasks])
    same_bytes = {tasks[k].index: tasks[o].index for k, o in copies.items()}
    return tasks, same_bytes


def reusable_duplicates(same_bytes: dict[int, int], tasks: list[FileTask]) -> dict[int, int]:
    """Repeats that are not read again but take their original's outcome: same bytes *and* same
    suffix (the suffix breaks ties in type sniffing, so "a.txt" and "a.pdf" may legitimately differ)."""
    by_index = tasks_by_index(tasks)
    return {i: o for i, o in same_bytes.items()
            if Path(by_index[i].rel).suffix.lower() == Path(by_index[o].rel).suffix.lower()}


def manifest_row(task: FileTask, result: FileResult, settings: Settings, *, resumed: bool = False) -> ManifestRow:
    return ManifestRow(
        path=task.rel, sha256=task.sha256, status=result.status, reason=result.reason, unit=result.unit,
        seconds=round(result.seconds, 3), size=task.size, cpu_seconds=round(result.cpu_seconds, 3),
        file_type=result.file_type,
        n_passages=result.n_passages, message=result.message, doc_id=result.doc_id, key=task.key,
        resumed=resumed, pipeline_version=settings.pipeline_version, config_hash=settings.config_hash,
        model_hash=settings.model_hash,
    )


def not_started_row(task: FileTask, settings: Settings) -> ManifestRow:
    return ManifestRow(path=task.rel, sha256=task.sha256, status=Status.NOT_STARTED.value, size=task.size,
                       key=task.key, pipeline_version=settings.pipeline_version,
                       config_hash=settings.config_hash, model_hash=settings.model_hash)


def mark_duplicates(duplicates: dict[int, int], rows: dict[int, ManifestRow]) -> None:
    for index, original in duplicates.items():
        source = rows[original]
        if source.status == Status.NOT_STARTED.value:
            rows[index] = replace(rows[index], status=Status.NOT_STARTED.value, duplicate_of=source.path)
            continue
        rows[index] = replace(source, path=rows[index].path, duplicate_of=source.path, seconds=0.0,
                              resumed=rows[index].resumed, key=rows[index].key)
