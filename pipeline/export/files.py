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


def write_all(jobs) -> WrittenFiles:
    """Run ``(path, writer)`` jobs; one unwritable file does not stop the others (case 43), but the
    call still ends in E401 naming every path that failed."""
    written = WrittenFiles()
    stats = SanitizeStats()
    failed: list[tuple[Path, DubanError]] = []
    for path, job in jobs:
        try:
            result = job(path)
        except DubanError as exc:
            if exc.code != "E401":
                raise
            failed.append((path, exc))
            continue
        if isinstance(result, SanitizeStats):
            stats.add(result)
        written.append(path)
    written.sanitized_chars, written.truncated_cells = stats.sanitized_chars, stats.truncated_cells
    if failed:
        error = DubanError("E401", path="; ".join(str(p) for p, _ in failed), exc=failed[0][1].kwargs.get("exc", ""))
        error.written = written
        raise error
    return written


def text_job(render, obj):
    """A job writing ``render(obj)`` as UTF-8 text."""
    def job(path):
        write_bytes_or_e401(path, utf8_bytes(render(obj)))
    return job
