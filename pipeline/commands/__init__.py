"""One module per ``duban`` subcommand: ``add_arguments(parser)`` and ``run(args) -> int``."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import UsageError
from ..manifest import input_files, readable_path


def output_folder(path) -> Path:
    """``-o DIR`` checked before any work: a path that is (or lies inside) an existing file is a
    usage error [E005] (exit 2) in ``batch``, ``gaps`` and ``checklist`` alike, not a write failure
    found after the whole run (was [E000] FileExistsError in batch, [E401] in the others)."""
    path = Path(path)
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            break
        if candidate.exists() or candidate.is_symlink():
            where = "is a file" if candidate == path else f"is inside {readable_path(candidate)}, which is a file"
            raise UsageError("E005", detail=f"-o/--output must be a folder: {readable_path(path)} {where}")
    _check_creatable(path)
    return path


def _check_creatable(path: Path) -> None:
    """E005 when ``path`` cannot be made or written (under /proc, a read-only mount, a folder without
    write permission): said before any file is read (QA9 M8: batch gave [E000] FileNotFoundError
    from its mkdir, gaps/checklist [E401] after all the work). The folders made to find out are
    removed again, so a run stopped by a later usage error leaves nothing behind."""
    made: list[Path] = []
    try:
        for folder in reversed([path, *path.parents]):
            if not folder.is_dir():
                folder.mkdir()
                made.append(folder)
        writable = os.access(path, os.W_OK | os.X_OK)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError("E005", detail=f"-o/--output cannot be created: {readable_path(path)} ({reason})") from None
    finally:
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:              # something else wrote into it meanwhile: leave it
                break
    if not writable:
        raise UsageError("E005", detail=f"-o/--output cannot be written: {readable_path(path)} (permission denied)")


__all__ = ["input_files", "output_folder"]
