"""One module per ``duban`` subcommand: ``add_arguments(parser)`` and ``run(args) -> int``."""
from __future__ import annotations

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
    return path


__all__ = ["input_files", "output_folder"]
