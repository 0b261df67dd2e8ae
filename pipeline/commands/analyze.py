"""``duban analyze FILE_OR_FOLDER... [--format jsonl|csv|md] [-o PATH] [--no-labels]``.

One record per passage (``export.records``); ``text`` is the passage as ``Document.text`` holds it
(normalised) and ``start``/``end`` index that text, so ``text == Document.text[start:end]``.
"""
from __future__ import annotations

import sys

from ..errors import DubanError, UsageError
from . import input_files


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE_OR_FOLDER",
                        help="documents to read (.txt .docx .pdf .html …), or folders: every file `duban batch` "
                             "would read in them, in sorted order")
    parser.add_argument("--format", choices=("jsonl", "csv", "md"), default=None,
                        help="default: from the -o suffix (.csv, .md), else jsonl")
    parser.add_argument("-o", "--output", metavar="PATH", help="write here instead of standard output")
    parser.add_argument("--no-labels", action="store_true", help="skip classification (ingestion only)")
    parser.epilog = RECORDS_NOTE


RECORDS_NOTE = ("Each record is one passage: text is the passage after normalisation (full-width letters "
                "and digits folded, spaces and line breaks tidied, hard-wrapped lines joined), and start/end "
                "are its character offsets in that normalised text (Document.text), not in the file's raw "
                "text; in Python, Document.offsets[start] is the raw position.")


def run(args) -> int:
    from pathlib import Path

    from ..analysis import analyze
    from ..export.records import write_passages

    files = _without_own_outputs(args.files, input_files(args.files))
    if args.output:
        _writable_file(Path(args.output))
    fmt = args.format or _format_from_suffix(args.output)
    analysis = analyze(files, label=not args.no_labels)
    try:
        write_passages(analysis.documents, fmt=fmt, path=args.output)
    except OSError as exc:      # read-only folder, disk full: name the path, never the content
        raise DubanError("E401", path=args.output or "<stdout>", exc=type(exc).__name__) from None
    for doc in analysis.documents:
        if not doc.status.is_ok:
            print(f"duban: {doc.source}: {doc.status.value}: {doc.message}", file=sys.stderr)
        else:
            for w in doc.warnings:
                print(f"duban: {doc.source}: {w}", file=sys.stderr)
    return 1 if analysis.failed else 0


def _writable_file(path) -> None:
    """E005 before any file is read when ``-o`` is a folder or cannot be written (a read-only folder or
    file system: QA12 L7, analyze read everything and then failed with E401, where gaps, batch and
    checklist refuse the same folder up front)."""
    import os

    from . import output_folder

    if path.is_dir():
        raise UsageError("E005", detail=f"-o {path} is a folder; give a file name")
    output_folder(path.parent)
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError("E005", detail=f"-o/--output cannot be written: {path} (permission denied)")


def _without_own_outputs(given, files):
    """``files`` without those duban wrote that were found by walking a folder (an earlier analyze's
    passages.jsonl, a gaps or batch output folder: QA10 N6), named on stderr once per folder; a file
    named on the command line is read whatever it is."""
    from pathlib import Path

    from ..own_outputs import batch_folder, is_own_output
    from ..manifest import readable_path
    from ..reference_copies import describe_outputs

    named = {Path(g) for g in given if Path(g).is_file()}
    kept, aside = [], []
    for path in files:
        if Path(path) in named or not is_own_output(path):
            kept.append(path)
            continue
        folder = batch_folder(path)
        shown = readable_path(folder) + "/" if folder is not None else readable_path(path)
        aside.extend([] if shown in aside else [shown])
    for line in describe_outputs(aside):
        print(f"duban: {line}", file=sys.stderr)
    return kept


def _format_from_suffix(output) -> str:
    """``-o passages.csv`` without ``--format`` means CSV (not JSON Lines under a .csv name); an office
    suffix is refused rather than filled with JSON Lines that Excel or Word cannot open."""
    suffix = output.rsplit(".", 1)[-1].lower() if output and "." in output else ""
    if suffix in ("xlsx", "xls", "docx", "doc", "pdf", "wps", "et"):
        raise UsageError("E005", detail=f"analyze writes jsonl, csv or md, not .{suffix} "
                                        "(Excel/Word ledgers come from `duban checklist` and `duban gaps`)")
    return {"csv": "csv", "md": "md", "markdown": "md"}.get(suffix, "jsonl")
