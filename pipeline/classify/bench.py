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


def bench_labelling(n_sentences: int = 10000, classifier: str = "default", rounds: int = 3) -> dict:
    """Label ``n_sentences`` passages (model already loaded) ``rounds`` times; the fastest round's rate
    (as timeit reports: a slow spell of a shared machine is not the classifier's speed)."""
    from . import clear_text_caches, get_classifier, label_document

    clf = get_classifier(classifier)
    doc = _bench_document(n_sentences)
    label_document(_bench_document(min(50, n_sentences)), classifier=clf)   # warm caches (jieba, regexes)
    seconds = float("inf")
    for _ in range(max(rounds, 1)):
        clear_text_caches()                # each round labels afresh (jieba's memo stays, as in a worker)
        start = time.perf_counter()
        labelled = label_document(doc, classifier=clf)
        seconds = min(seconds, time.perf_counter() - start)
        assert all(p.label for p in labelled.passages)
    return {"classifier": getattr(clf, "name", classifier), "n_sentences": n_sentences,
            "seconds": round(seconds, 3), "sentences_per_s": round(n_sentences / seconds, 1) if seconds else None}


if __name__ == "__main__":  # pragma: no cover
    print(bench_labelling())
