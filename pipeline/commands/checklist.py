"""``duban checklist SPEECH... -o DIR``: task checklist (任务清单) as .docx, .xlsx, .md, .csv and .json."""
from __future__ import annotations

import sys

from ..errors import DubanError
from . import input_files, output_folder


def add_arguments(parser) -> None:
    parser.add_argument("speeches", nargs="+", metavar="SPEECH",
                        help="speeches or notices (.txt .docx .pdf …), or folders of them")
    parser.add_argument("-o", "--output", metavar="DIR", required=True, help="output folder")


def run(args) -> int:
    from ..checklist import build_checklist
    from ..export.checklist_files import write_checklist
    from ..extract import read_path

    output_folder(args.output)               # E005 when -o names a file
    docs = []
    for speech in input_files(args.speeches):
        doc = read_path(speech)
        if not doc.status.is_ok:
            raise DubanError("E003", status=doc.status.value, path=str(speech))
        docs.append(doc)
    checklist = build_checklist(docs)
    if not checklist.items:
        # the files were read and hold no task: a failed result (exit 1), not a usage error as an
        # empty *reference* of `duban gaps` is (E301, exit 2)
        print(f"duban: {DubanError('E303', path=', '.join(args.speeches))}", file=sys.stderr)
        return 1
    written = write_checklist(checklist, args.output)
    leaves = len(checklist.leaves)
    print(f"duban: checklist: {len(checklist.items)} entries ({leaves} tasks) from {len(docs)} source(s) "
          f"-> {args.output} ({len(written)} files; sanitized_chars={written.sanitized_chars}, "
          f"truncated_cells={written.truncated_cells})", file=sys.stderr)
    return 0
