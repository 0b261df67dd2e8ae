"""``duban analyze FILE... [--format jsonl|csv|md] [-o PATH] [--no-labels]``."""
from __future__ import annotations

import sys

from ..errors import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="documents to read (.txt .docx .pdf .html …)")
    parser.add_argument("--format", choices=("jsonl", "csv", "md"), default="jsonl")
    parser.add_argument("-o", "--output", metavar="PATH", help="write here instead of standard output")
    parser.add_argument("--no-labels", action="store_true", help="skip classification (ingestion only)")


def run(args) -> int:
    from pathlib import Path

    from ..analysis import analyze
    from ..export.records import write_passages

    missing = [f for f in args.files if not Path(f).exists()]
    if missing:
        raise UsageError("E001", path=missing[0])
    analysis = analyze(args.files, label=not args.no_labels)
    write_passages(analysis.documents, fmt=args.format, path=args.output)
    for doc in analysis.documents:
        if not doc.status.is_ok:
            print(f"duban: {doc.source}: {doc.status.value}: {doc.message}", file=sys.stderr)
        else:
            for w in doc.warnings:
                print(f"duban: {doc.source}: {w}", file=sys.stderr)
    return 1 if analysis.failed else 0
