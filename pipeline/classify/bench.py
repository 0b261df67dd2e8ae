"""Labelling throughput: sentences per second of the default classifier on seed-like passages."""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from ..model import Document


def _bench_document(n_sentences: int) -> Document:
    """A document of ``n_sentences`` content passages cycled from the seed speech (structure kept)."""
    from ..extract import read_path
    from .corpus import CORPORA

    seed = read_path(Path(CORPORA) / "seed" / "speech.txt")
    content = [p for p in seed.passages if p.is_content]
    passages = tuple(replace(content[i % len(content)], index=i, passage_id=f"b{i}") for i in range(n_sentences))
    return replace(seed, passages=passages)


def bench_labelling(n_sentences: int = 10000, classifier: str = "default") -> dict:
    """Label ``n_sentences`` passages once (model already loaded) and report the rate."""
    from . import get_classifier, label_document

    clf = get_classifier(classifier)
    doc = _bench_document(n_sentences)
    label_document(_bench_document(min(50, n_sentences)), classifier=clf)   # warm caches (jieba, regexes)
    start = time.perf_counter()
    labelled = label_document(doc, classifier=clf)
    seconds = time.perf_counter() - start
    assert all(p.label for p in labelled.passages)
    return {"classifier": getattr(clf, "name", classifier), "n_sentences": n_sentences,
            "seconds": round(seconds, 3), "sentences_per_s": round(n_sentences / seconds, 1) if seconds else None}


if __name__ == "__main__":  # pragma: no cover
    print(bench_labelling())
