"""read + classify over several inputs, for the CLI's ``analyze`` and for notebooks."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .model import Document, documents_frame, passages_frame


@dataclass(frozen=True)
class Analysis:
    documents: tuple[Document, ...]

    def to_frame(self):
        """One row per passage (all documents)."""
        return passages_frame(self.documents)

    def documents_frame(self):
        """One row per document: status, kind, unit, warnings…"""
        return documents_frame(self.documents)

    @property
    def failed(self) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if not d.status.is_ok)


def analyze(sources: Iterable, *, classifier=None, label: bool = True) -> Analysis:
    from .extract import read_path

    if label and (classifier is None or isinstance(classifier, str)):
        from .classify import get_classifier

        # load (and sha256-check) the model before reading anything: a refused model is a
        # configuration error for the whole run, not a failure of the first file
        classifier = get_classifier(classifier or "default")
    docs = []
    for source in sources:
        doc = source if isinstance(source, Document) else read_path(Path(source))
        if label and doc.status.is_ok:
            from .classify import label_document

            doc = label_document(doc, classifier=classifier)
        docs.append(doc)
    return Analysis(tuple(docs))
