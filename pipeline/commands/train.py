"""``duban train [--models-dir DIR] [--spacy]``: fit the shipped classifier from the labelled corpora.

Deterministic: the same corpora give byte-identical model files (sorted inputs, fixed seeds, fixed
pickle protocol), so the shipped ``pipeline/models/`` can be reproduced and checked.
"""
from __future__ import annotations

import sys
from pathlib import Path


def add_arguments(parser) -> None:
    parser.add_argument("--models-dir", metavar="DIR", help="write here instead of the package models directory")
    parser.add_argument("--spacy", action="store_true", help="also train and save the spaCy textcat (not the default)")


def run(args) -> int:
    from ..classify.modelstore import MODELS_DIR
    from ..classify.train import train_default

    models_dir = Path(args.models_dir) if args.models_dir else MODELS_DIR
    spacy_dir = None
    if args.spacy:
        from ..classify.corpus import load_corpus
        from ..classify.spacy_model import fit_spacy, save_spacy

        docs = sorted(load_corpus(), key=lambda d: (d.group, d.name))
        save_spacy(fit_spacy(docs), models_dir / "spacy_textcat")
        spacy_dir = "spacy_textcat"
    meta = train_default(models_dir, spacy_dir=spacy_dir)
    print(f"trained {meta['default']} on {meta['training_passages']} passages from "
          f"{len(meta['training_docs'])} documents -> {models_dir}", file=sys.stderr)
    for name, digest in meta["files"].items():
        print(f"{digest}  {name}")
    return 0
