"""``duban checklist SPEECH... -o DIR``: task checklist (任务清单) as .docx, .xlsx, .md, .csv and .json.

Given an edited ledger instead (.xlsx/.csv/.json, or a Word 任务清单 that ``duban checklist`` wrote), the
checklist is read back and re-rendered in all five formats: the way to a fresh Word draft of a ledger
staff edited in Excel.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from ..errors import DubanError, UsageError
from ..manifest import readable_name, readable_path
from . import input_files, output_folder

LEDGER_SUFFIXES = (".xlsx", ".csv", ".json")       # never a speech: always a checklist file


def is_ledger(path) -> bool:
    """An edited checklist rather than a speech: a .xlsx/.csv/.json file (never a speech), or a ledger
    ``duban checklist`` wrote (``checklist_read.duban_ledger``, the test batch and gaps share: in Word
    its ☐ list and 任务台账; a notice holding a task table is still a speech)."""
    from ..export.checklist_read import duban_ledger

    return path.suffix.lower() in LEDGER_SUFFIXES or duban_ledger(path)


def add_arguments(parser) -> None:
    parser.add_argument("speeches", nargs="+", metavar="SPEECH",
                        help="speeches or notices (.txt .docx .pdf …), or folders of them; or one edited "
                             "checklist (.xlsx .csv .json, or our .docx) to re-render")
    parser.add_argument("-o", "--output", metavar="DIR", required=True, help="output folder")


def run(args) -> int:
    from ..export.checklist_files import write_checklist

    output_folder(args.output)               # E005 when -o names a file
    files = _distinct(input_files(args.speeches))
    ledgers = [f for f in files if is_ledger(f)]
    if ledgers and len(files) > 1:
        raise UsageError("E008", path=readable_path(ledgers[0]))
    # files found in a folder are a collection: one that cannot be read is named and left out (exit 1);
    # files named one by one are the speeches wanted, and one missing stops the run (E007)
    from_folder = {f for raw in args.speeches if Path(raw).is_dir() for f in input_files([raw])}
    checklist, docs, unread = (_read_ledger(ledgers[0]), [], []) if ledgers else _drafted(files, from_folder)
    if len(docs) > 1:
        _say_sources(checklist, docs)
    if not checklist.items:
        # the files were read and hold no task: a failed result (exit 1), not a usage error as an
        # empty *reference* of `duban gaps` is (E301, exit 2)
        print(f"duban: {DubanError('E303', path=', '.join(args.speeches))}", file=sys.stderr)
        return 1
    for name, status in unread:
        print(f"duban: {name}: {status}: could not be read, left out of the checklist", file=sys.stderr)
    written = write_checklist(checklist, args.output)
    leaves = len(checklist.leaves)
    origin = f"re-rendered from {readable_path(ledgers[0])}" if ledgers else f"from {len(files)} source(s)"
    print(f"duban: checklist: {len(checklist.items)} entries ({leaves} tasks) {origin} "
          f"-> {args.output} ({len(written)} files; sanitized_chars={written.sanitized_chars}, "
          f"truncated_cells={written.truncated_cells})", file=sys.stderr)
    return 1 if unread else 0


def _distinct(files: list[Path]) -> list[Path]:
    """``files`` with a file given twice (``duban checklist R R``, or a folder and a file in it) or a
    byte-identical copy of one left out and named on stderr: each task once (QA9 L2: every task twice).
    The rule ``duban gaps`` applies to reports (same bytes, same suffix; empty files never count)."""
    from .gaps import distinct_reports

    names = [readable_path(f) for f in files]
    (kept, _), copies, _ = distinct_reports(files, names)
    for name, original in copies:
        same = "the same file" if Path(name).resolve() == Path(original).resolve() else "same bytes"
        print(f"duban: {name}: duplicate_of {original} ({same}: read once)", file=sys.stderr)
    return kept


def _read_ledger(path):
    from ..export.checklist_read import read_checklist_file

    return read_checklist_file(path)            # E302 (exit 2) when its columns are not a ledger's


def _drafted(files, from_folder=frozenset()):
    """(checklist, documents, [(name, status)] of folder files that could not be read). A named file
    that cannot be read stops the run before anything is written (a checklist without one of its
    speeches would look complete); one found in a folder is left out and named."""
    from ..checklist import build_checklist
    from ..extract import read_path

    docs, unread = [], []
    for speech in files:
        doc = read_path(speech)
        doc = replace(doc, source=readable_name(doc.source))   # a GBK file name, decoded (as batch shows it)
        if not doc.status.is_ok:    # not E003 "Reference …": here the file is a speech being drafted
            if speech in from_folder:
                unread.append((readable_path(speech), doc.status.value))
                continue
            raise UsageError("E007", status=doc.status.value, path=readable_path(speech))
        docs.append(doc)
    if not docs and unread:
        raise UsageError("E007", status=unread[0][1], path=unread[0][0])
    return build_checklist(docs), docs, unread


def _say_sources(checklist, docs) -> None:
    """With several files, say which gave no task and which were read as reports (whose tasks are
    their plan sections): a folder of mixed files otherwise adds or drops tasks silently."""
    from collections import Counter
    from pathlib import Path

    per_source = Counter(item.source for item in checklist.leaves)
    for doc in docs:
        name = Path(doc.source).name
        count = per_source.get(name, 0)
        if not count:
            print(f"duban: {name}: no tasks found (read as a {doc.kind})", file=sys.stderr)
        elif doc.kind == "report":
            print(f"duban: {name}: read as a report ({count} tasks: what it plans to do)", file=sys.stderr)
