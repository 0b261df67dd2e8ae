"""Writing a set of output files: each atomically, all attempted, failures reported together."""
from __future__ import annotations

from pathlib import Path

from ..errors import DubanError
from .safe import SanitizeStats, utf8_bytes
from .xlsx import write_bytes_or_e401


class WrittenFiles(list):
    """The paths written (a list), plus what the writers had to sanitise or truncate."""

    sanitized_chars: int = 0
    truncated_cells: int = 0


def write_all(jobs, *, in_background=frozenset()) -> WrittenFiles:
    """Run ``(path, writer)`` jobs; one unwritable file does not stop the others (case 43), but the
    call still ends in E401 naming every path that failed.

    Jobs whose path is in ``in_background`` run in a forked child each meanwhile (``background.py``):
    the batch's gaps.xlsx, a sheet per report, takes as long as all the other report files together.
    """
    return start_all(jobs, groups=[{path} for path in in_background]).join()


def start_all(jobs, *, groups=()) -> "PendingFiles":
    """``write_all`` in two steps: the jobs of each group of paths start now, in a forked child per
    group; ``join()`` runs the jobs in no group here, waits for the children and returns (or raises)
    what ``write_all`` would. Meanwhile the caller is free for work of its own."""
    return PendingFiles(jobs, groups)


class PendingFiles:
    """Jobs started by ``start_all``; ``join()`` finishes them (once)."""

    def __init__(self, jobs, groups):
        from .background import BackgroundWriter

        self._jobs = list(jobs)
        self._children = []
        grouped: set = set()
        for group in groups:
            members = [(path, job) for path, job in self._jobs if path in group and path not in grouped]
            if not members:
                continue
            grouped.update(path for path, _ in members)
            writer = BackgroundWriter(lambda members=members: [_outcome(job, path) for path, job in members])
            self._children.append(([path for path, _ in members], writer))
        self._grouped = grouped

    def join(self) -> WrittenFiles:
        outcomes = {path: _outcome(job, path) for path, job in self._jobs if path not in self._grouped}
        for paths, child in self._children:
            answer = child.join()
            lost = len(answer) != len(paths)             # the child died without answering
            for path, outcome in zip(paths, [("failed", "writer process lost")] * len(paths) if lost else answer):
                outcomes[path] = outcome
        return _collect(self._jobs, outcomes)


def _collect(jobs, outcomes: dict) -> WrittenFiles:
    """The paths written in job order with their sanitising counts; E401 naming every failed path."""
    written = WrittenFiles()
    stats = SanitizeStats()
    failed: list[tuple[Path, str]] = []
    for path, _ in jobs:
        kind, value = outcomes[path]
        if kind == "raised":                 # not a write failure: the caller's to handle, as inline
            raise value
        if kind == "failed":
            failed.append((path, value))
            continue
        if isinstance(value, SanitizeStats):
            stats.add(value)
        written.append(path)
    written.sanitized_chars, written.truncated_cells = stats.sanitized_chars, stats.truncated_cells
    if failed:
        error = DubanError("E401", path="; ".join(str(p) for p, _ in failed), exc=failed[0][1])
        error.written = written
        raise error
    return written


def _outcome(job, path) -> tuple[str, object]:
    """("written", what the job returned), ("failed", the exception class behind its E401), or
    ("raised", any other exception), so a job run in a child ends the same way as one run here."""
    try:
        return "written", job(path)
    except DubanError as exc:
        if exc.code != "E401":
            return "raised", exc
        return "failed", exc.kwargs.get("exc", "")
    except Exception as exc:  # noqa: BLE001 - re-raised by write_all, in job order
        return "raised", exc


def text_job(render, obj):
    """A job writing ``render(obj)`` as UTF-8 text."""
    def job(path):
        write_bytes_or_e401(path, utf8_bytes(render(obj)))
    return job
