"""``duban evaluate [-o DIR] [--folds K] [--classifiers rules,sklearn,combo,spacy] [--docs N]``.

Document-grouped cross-validation on ``corpora/dev``: each dev document is scored by models trained
on the other dev documents plus the seed and own corpora. Scoring is per character against the gold
sentences (see ``pipeline.classify.evaluate``). Prints the comparison table and writes
``report.md`` and ``report.json`` to DIR (default ``outputs/evaluation``).
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import UsageError

CHOICES = ("rules", "sklearn", "combo", "spacy")


def add_arguments(parser) -> None:
    parser.add_argument("-o", "--output", metavar="DIR", default="outputs/evaluation")
    parser.add_argument("--folds", type=int, default=0, help="number of document folds (0: leave one document out)")
    parser.add_argument("--classifiers", default=",".join(CHOICES), help="comma-separated subset of " + ", ".join(CHOICES))
    parser.add_argument("--docs", type=int, default=0, help="only the first N dev documents (a quick smoke run)")


def run(args) -> int:
    from ..classify.evaluate import run_evaluation

    names = [n.strip() for n in args.classifiers.split(",") if n.strip()]
    unknown = [n for n in names if n not in CHOICES]
    if unknown or not names:
        raise UsageError("E005", detail=f"--classifiers must be a subset of {', '.join(CHOICES)}")
    if args.folds < 0 or args.docs < 0:
        raise UsageError("E005", detail="--folds and --docs must be >= 0")
    report = run_evaluation(names, out_dir=Path(args.output), folds=args.folds, limit_docs=args.docs,
                            progress=lambda msg: print(f"duban: {msg}", file=sys.stderr))
    print(report["markdown"])
    return 0
