"""One module per ``duban`` subcommand: ``add_arguments(parser)`` and ``run(args) -> int``."""
from __future__ import annotations

from pathlib import Path

from ..errors import UsageError


def input_files(paths) -> list[Path]:
    """Files as given; a folder stands for the files ``duban batch`` would process in it (walked in
    sorted order; hidden and system files, Word lock files ``~$…``, symlinks and FIFOs left out).
    A missing path or a folder with no such file is a usage error."""
    from ..manifest import discover

    files = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError("E001", path=str(path))
        if not path.is_dir():
            files.append(path)
            continue
        found = [item.path for item in discover(path) if not item.skip_reason and not item.error]
        if not found:
            raise UsageError("E002")
        files.extend(found)
    return files
