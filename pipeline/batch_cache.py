"""Per-file result cache for ``duban batch --resume``: ``OUT_DIR/.cache/<key>-<name id>.pkl``
(and ``reference-<key>.pkl``, the reference's checklist: labelling a speech costs a resumed run
more than loading all its cached results).

A file's result is reused only when its key (sha256 of the bytes, pipeline version, settings with
the reference's checklist, model hash) *and* its relative path match, so a renamed or changed file
is read again. The cache is the batch's own output folder, written only by ``run_batch``; it is
trusted as much as that folder (pickle), and a damaged entry is simply redone.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import replace
from pathlib import Path

from .model import content_id
from .worker import FileResult, FileTask

CACHE_DIR = ".cache"


def cache_path(out_dir: Path, task: FileTask) -> Path:
    return out_dir / CACHE_DIR / f"{task.key}-{content_id(task.rel, length=8)}.pkl"


def load_cached(tasks: list[FileTask], out_dir: Path) -> dict[int, FileResult]:
    """Results of the tasks whose cache entry exists and loads, by task index."""
    found: dict[int, FileResult] = {}
    for task in tasks:
        path = cache_path(out_dir, task)
        if not path.exists():
            continue
        try:
            cached = pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - a damaged entry is redone
            continue
        if isinstance(cached, FileResult) and cached.rel == task.rel:
            found[task.index] = replace(cached, index=task.index)
    return found


def save_result(out_dir: Path, task: FileTask, result: FileResult) -> None:
    """Temp file + rename, without fsync: an entry lost to a power cut is just redone, and skipping
    a thousand fsyncs matters (``manifest.jsonl`` is the record that is fsynced)."""
    _write_entry(cache_path(out_dir, task), result)


def _write_entry(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pickle.dumps(obj, protocol=5))
        os.replace(tmp, path)
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


def remove_temp_files(out_dir: Path) -> None:
    """Drop half-written cache entries: a Ctrl-C can land between ``mkstemp`` and the cleanup above."""
    root = Path(out_dir) / CACHE_DIR
    for tmp in sorted(root.glob(".*.tmp")) if root.is_dir() else ():
        try:
            tmp.unlink()
        except OSError:
            pass


def reference_path(out_dir: Path, key: str) -> Path:
    return out_dir / CACHE_DIR / f"reference-{key}.pkl"


def load_reference(out_dir: Path, key: str):
    """The checklist cached for the reference with this key, or None (absent or damaged)."""
    path = reference_path(out_dir, key)
    try:
        return pickle.loads(path.read_bytes()) if path.exists() else None
    except Exception:  # noqa: BLE001 - a damaged entry is rebuilt
        return None


def save_reference(out_dir: Path, key: str, checklist) -> None:
    """Remember the reference's checklist, so ``--resume`` need not label the reference again."""
    _write_entry(reference_path(out_dir, key), checklist)
