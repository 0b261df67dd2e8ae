"""The ``duban`` command: a thin shell over the same API notebooks use.

Each subcommand lives in ``pipeline/commands/<name>.py`` with ``add_arguments(parser)`` and
``run(args) -> int``. This module only parses, sets up logging, and turns any escaped exception
into a one-line coded message: no traceback ever reaches the user.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from . import __version__
from .errors import DubanError, UsageError

COMMANDS: dict[str, tuple[str, str]] = {
    "analyze": ("pipeline.commands.analyze", "Read documents and print one record per passage"),
    "checklist": ("pipeline.commands.checklist", "Draft a task checklist (任务清单/台账) from speeches"),
    "gaps": ("pipeline.commands.gaps", "Compliance gap table of reports against a speech or checklist"),
    "batch": ("pipeline.commands.batch", "Process a folder of submissions with a manifest"),
    "train": ("pipeline.commands.train", "Train the passage classifiers and write the shipped model"),
    "evaluate": ("pipeline.commands.evaluate", "Document-grouped cross-validation on the dev corpus"),
}


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors already; make its message carry our code."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        self.exit(2, f"duban: [E005] Invalid option: {message}\n")


class _CommandParser(_Parser):
    """A subcommand's parser: a mistyped long option is named before a required option it lacks.

    argparse checks required options before it hands unknown ones back, so ``--refrence x`` said
    "the following arguments are required: -r/--reference" (QA9 L9). A long option that is neither
    one of this command's nor the start of one (an abbreviation) is "unrecognized arguments:
    --refrence" (E005, exit 2), as for any other unknown option; a prefix of several ("--no") stays
    argparse's "ambiguous option". Every command gets this here (review7 M14: it was added per command)."""

    def parse_known_args(self, args=None, namespace=None):
        unknown = [a for a in _long_options(args or []) if not self._knows(a.split("=", 1)[0])]
        if unknown:
            self.error(f"unrecognized arguments: {' '.join(unknown)}")
        return super().parse_known_args(args, namespace)

    def _knows(self, option: str) -> bool:
        names = self._option_string_actions       # argparse's own table of option strings (private)
        return option in names or any(name.startswith(option) for name in names if name.startswith("--"))


def _long_options(args) -> list[str]:
    """The long options before a "--" separator."""
    out = []
    for arg in args:
        if arg == "--":
            break
        if isinstance(arg, str) and arg.startswith("--") and len(arg) > 2:
            out.append(arg)
    return out


def parse_args(argv: list[str] | None):
    parser = _Parser(prog="duban", description="Chinese administrative document analysis (督查督办).")
    parser.add_argument("--version", action="version", version=f"duban {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    modules = {}
    for name, (module_name, help_text) in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:  # a broken optional piece must not take the other commands down
            logging.getLogger("duban").debug("command %s unavailable: %s", name, exc)
            continue
        modules[name] = module
        module.add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        parser.exit(2)
    return args, modules[args.command]


def main(argv: list[str] | None = None) -> int:
    import jieba

    jieba.setLogLevel(logging.WARNING)   # jieba logs "Building prefix dict…" at DEBUG otherwise
    logging.basicConfig(level=logging.WARNING, format="duban: %(message)s")
    args, module = parse_args(argv)
    try:
        return int(module.run(args) or 0)
    except UsageError as exc:
        print(f"duban: {exc}", file=sys.stderr)
        return 2
    except DubanError as exc:
        print(f"duban: {exc}", file=sys.stderr)
        # E0xx: usage/configuration (e.g. a refused model); E301/E302/E305: the reference given is no
        # checklist (a ledger without rows, an unrelated workbook), as E003 is an unreadable one
        return 2 if exc.code.startswith("E0") or exc.code in ("E301", "E302", "E305") else 1
    except KeyboardInterrupt:
        print("duban: [E503] Interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - last line of defence; the class only, never content
        print(f"duban: [E000] Internal error ({type(exc).__name__}); rerun with DUBAN_DEBUG=1 for details",
              file=sys.stderr)
        if os.environ.get("DUBAN_DEBUG"):
            raise
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
