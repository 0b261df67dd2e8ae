"""``duban gaps --reference SPEECH_OR_CHECKLIST REPORT... -o DIR``: compliance gap table."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("reports", nargs="+", metavar="REPORT", help="unit reports (files or folders)")
    parser.add_argument("-r", "--reference", required=True, metavar="SPEECH_OR_CHECKLIST",
                        help="the speech, or a checklist (.xlsx/.docx/.csv/.json) written by `duban checklist`")
    parser.add_argument("-o", "--output", metavar="DIR", required=True, help="output folder")


def expand(paths) -> list[Path]:
    """Files as given; folders expanded to their files in sorted order (hidden files skipped)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError("E001", path=str(path))
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


def run(args) -> int:
    from ..export.gap_files import write_gaps
    from ..gaps import build_gaps

    if not Path(args.reference).exists():
        raise UsageError("E001", path=args.reference)
    reports = expand(args.reports)
    if not reports:
        raise UsageError("E002")
    table = build_gaps(args.reference, reports)
    written = write_gaps(table, args.output)
    failed = [d for d in table.documents if not d.status.is_ok]
    for doc in failed:
        print(f"duban: {doc.source}: {doc.status.value}: {doc.message} (not_assessable)", file=sys.stderr)
    counts = {s: sum(r.status == s for r in table.rows) for s in dict.fromkeys(r.status for r in table.rows)}
    summary = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    print(f"duban: gaps: {len(table.documents)} report(s) x {len(table.checklist.leaves)} tasks: {summary} "
          f"-> {args.output} ({len(written)} files)", file=sys.stderr)
    return 1 if failed else 0
