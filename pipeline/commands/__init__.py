"""One module per ``duban`` subcommand: ``add_arguments(parser)`` and ``run(args) -> int``."""
from __future__ import annotations

from ..manifest import input_files

__all__ = ["input_files"]
