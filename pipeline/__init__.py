"""duban: document analysis for Chinese supervision work (督查督办).

The notebook API. Every function here is what the ``duban`` CLI calls too::

    import pipeline
    doc = pipeline.read("speech.docx")              # Document: outline + passages
    doc = pipeline.classify(doc)                    # passages labelled
    pipeline.analyze(["a.txt", "b.pdf"]).to_frame() # DataFrame, one row per passage
    items = pipeline.checklist(["speech.txt"])      # Checklist (.to_frame(), .items)
    table = pipeline.gaps("speech.txt", ["r1.docx", "r2.pdf"])   # GapTable (.to_frame())
    result = pipeline.batch("inbox/", reference="speech.txt", out_dir="out/")

Heavy dependencies are imported inside the functions so ``import pipeline`` stays fast.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

__version__ = "0.1.0"

from .model import Document, Label, Passage, Status  # noqa: E402

PathLike = str | Path


def read(source: PathLike | bytes, *, name: str | None = None) -> Document:
    """Read one file (path or bytes) into an unlabelled Document; never raises for bad input."""
    from .extract import read_bytes, read_path

    if isinstance(source, (bytes, bytearray)):
        return read_bytes(bytes(source), name=name or "input")
    return read_path(source)


def classify(doc: Document, *, classifier=None) -> Document:
    """Label every content passage of a Document (default: the shipped model)."""
    from .classify import label_document

    return label_document(doc, classifier=classifier)


def analyze(sources: Iterable[PathLike | Document], *, classifier=None):
    """Read and classify several files; returns an ``Analysis`` with ``documents`` and ``to_frame()``."""
    from .analysis import analyze as _analyze

    return _analyze(sources, classifier=classifier)


def checklist(speeches: Sequence[PathLike | Document]):
    """Draft a checklist (任务清单) from one or more speeches or notices."""
    from .checklist import build_checklist

    return build_checklist(speeches)


def gaps(reference, reports: Sequence[PathLike | Document]):
    """Compliance gap table: every (unit, checklist item) with status, score and evidence."""
    from .gaps import build_gaps

    return build_gaps(reference, reports)


def batch(input_dir: PathLike, *, reference: PathLike, out_dir: PathLike, **options):
    """Process a folder of submissions; returns a ``BatchResult`` (manifest, outputs, counts)."""
    from .batch import run_batch

    return run_batch(input_dir, reference=reference, out_dir=out_dir, **options)


__all__ = ["read", "classify", "analyze", "checklist", "gaps", "batch",
           "Document", "Passage", "Label", "Status", "__version__"]
