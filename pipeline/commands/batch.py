"""``duban batch INPUT_DIR --reference SPEECH_OR_CHECKLIST -o OUT_DIR [options]``.

Exit codes: 0 every input ok (rule-skipped clutter does not count), 1 some input failed or an
output could not be written (the results store included: a run it did not record is exit 1),
2 usage error, 130 interrupted (workers stopped, manifest written, no temp files left).
"""
from __future__ import annotations

import os

from ..errors import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("input_dir", metavar="INPUT_DIR", help="folder of submissions (walked recursively)")
    parser.add_argument("--reference", "-r", required=True, metavar="SPEECH_OR_CHECKLIST",
                        help="the speech/notice, or an edited checklist (.xlsx/.docx/.json/.csv)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT_DIR", help="output folder")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                        help="worker processes (default: 2)")
    parser.add_argument("--timeout", type=float, default=120.0, metavar="S",
                        help="wall-clock seconds per file before its worker is killed (default 120)")
    parser.add_argument("--memory", type=int, default=2048, metavar="MB",
                        help="address-space limit per worker in MB (default 2048; 0 = none)")
    parser.add_argument("--resume", action="store_true",
                        help="reuse results of files already done with the same bytes, code, settings and model")
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first failed file")
    parser.add_argument("--engine", choices=("process", "dask"), default="process")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="dask scheduler to join (with --engine dask)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--no-store", action="store_true", help="do not update the results database")


def run(args) -> int:
    from ..batch import run_batch

    if args.workers < 1:
        raise UsageError("E005", detail="--workers must be at least 1")
    if args.timeout <= 0:
        raise UsageError("E005", detail="--timeout must be positive")
    if args.memory < 0:
        raise UsageError("E005", detail="--memory must not be negative")
    if args.scheduler and args.engine != "dask":
        raise UsageError("E005", detail="--scheduler needs --engine dask")
    result = run_batch(
        args.input_dir, reference=args.reference, out_dir=args.output, workers=args.workers,
        timeout=args.timeout, memory_mb=args.memory, resume=args.resume, engine=args.engine,
        scheduler=args.scheduler, progress=not args.no_progress, fail_fast=args.fail_fast,
        store=not args.no_store, summary=True,
    )
    return result.exit_code
