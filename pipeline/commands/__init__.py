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


def name_unknown_options(parser) -> None:
    """Make ``parser`` (a subcommand's) name a mistyped option before a required one it lacks.

    argparse checks required options before it hands unknown ones back, so ``--refrence x`` said
    "the following arguments are required: -r/--reference" (QA9 L9). A long option that is neither
    one of ``parser``'s nor the start of one (an abbreviation) is now "unrecognized arguments:
    --refrence" (E005, exit 2), as for any other unknown option."""
    parse_known_args = parser.parse_known_args

    def checked(args=None, namespace=None):
        unknown = [a for a in _options_before_separator(args or []) if not _known(parser, a.split("=", 1)[0])]
        if unknown:
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
        return parse_known_args(args, namespace)

    parser.parse_known_args = checked


def _options_before_separator(args) -> list[str]:
    out = []
    for arg in args:
        if arg == "--":
            break
        if isinstance(arg, str) and arg.startswith("--") and len(arg) > 2:
            out.append(arg)
    return out


def _known(parser, option: str) -> bool:
    names = parser._option_string_actions       # argparse's own table of option strings
    # a prefix of several ("--no") is argparse's to call ambiguous, naming the candidates
    return option in names or any(name.startswith(option) for name in names if name.startswith("--"))


__all__ = ["input_files", "name_unknown_options", "output_folder"]
