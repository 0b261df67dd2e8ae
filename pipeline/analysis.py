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
    """Read (and label) every source: a path, a folder (the files ``duban batch`` would read in it)
    or a ``Document``.

    Raises ``UsageError`` [E001] for a path that does not exist and [E002] for a folder with no
    file, before anything is read, as the CLI does: a mistyped path is the caller's mistake, not a
    document that failed to read (a file that exists but cannot be read is a ``corrupt`` Document).
    """
    from dataclasses import replace

    from .extract import read_path
    from .manifest import input_files, readable_name

    sources = list(sources)
    items = []
    for source in sources:
        items.extend([source] if isinstance(source, Document) else input_files([source]))
    if label and (classifier is None or isinstance(classifier, str)):
        from .classify import get_classifier

        # load (and sha256-check) the model before reading anything: a refused model is a
        # configuration error for the whole run, not a failure of the first file
        classifier = get_classifier(classifier or "default")
    docs = []
    for source in items:
        doc = source
        if not isinstance(source, Document):
            doc = read_path(Path(source))
            doc = replace(doc, source=readable_name(doc.source))   # a GBK file name, decoded
        if label and doc.status.is_ok:
            from .classify import label_document

            doc = label_document(doc, classifier=classifier)
        docs.append(doc)
    return Analysis(tuple(docs))
