"""read + classify over several inputs, for the CLI's ``analyze`` and for notebooks."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .model import Document, documents_frame, passages_frame, status_counts


@dataclass(frozen=True)
class Analysis:
    documents: tuple[Document, ...]

    def __repr__(self) -> str:      # short: the documents' texts stay out of a notebook cell (QA12 M8)
        return f"Analysis({len(self.documents)} documents: {status_counts(d.status.value for d in self.documents)})"

    def to_frame(self):
        """One row per passage (all documents)."""
        return passages_frame(self.documents)

    def documents_frame(self):
        """One row per document: status, kind, unit, warnings…"""
        return documents_frame(self.documents)

    @property
    def failed(self) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if not d.status.is_ok)


def source_list(sources) -> list:
    """The inputs an API call was given, as a list of paths and ``Document``s.

    A single ``str``/``os.PathLike`` or ``Document`` is one source (QA9 H7: a path string was
    iterated into one "report" per character, and "/abs/file.txt" walked "/"); a folder stands for
    the files ``duban batch`` would read in it, in the same order.

    Raises:
        UsageError: [E001] a path that does not exist, [E002] a folder with nothing to read, both
            before anything is read, as the CLI says.

    A file found in a folder is a ``FolderFile``: a ``Path`` that keeps its path inside that folder
    (``within``), the name ``duban batch`` and ``duban gaps`` give it (``pipeline.gaps`` names its rows
    and the reports it sets aside so, qa13 S2).
    """
    from .manifest import discover, input_files

    if isinstance(sources, (str, os.PathLike, Document)):
        sources = [sources]
    items: list = []
    for source in sources:
        if isinstance(source, Document):
            items.append(source)
            continue
        files = input_files([source])
        if Path(source).is_dir():
            found = [FolderFile(item.path, item.rel) for item in discover(source)
                     if not item.skip_reason and not item.error]
            files = found if [Path(f) for f in found] == files else files   # the folder changed: plain paths
        items.extend(files)
    return items


class FolderFile(type(Path())):
    """A file found in a folder given as input, with ``within``: its readable path inside the folder.
    A path derived from it (``parent``, ``/``) has no such name (``within`` None)."""

    within: str | None = None

    def __new__(cls, path, within: str | None = None):
        made = super().__new__(cls, path)
        made.within = within
        return made

    def __reduce__(self):
        return (FolderFile, (str(self), self.within))


def reference_source(reference):
    """A reference path checked as ``duban gaps -r`` and ``duban batch -r`` check it, before any
    report is read (a Document, a Checklist or None pass through).

    Raises:
        UsageError: [E001] a path that does not exist, [E006] a folder, [E003] not a regular file.
    """
    from .errors import UsageError
    from .manifest import readable_path

    if isinstance(reference, (str, os.PathLike)):
        path = Path(reference)
        if not path.exists():
            raise UsageError("E001", path=readable_path(path))
        if path.is_dir():
            raise UsageError("E006", path=readable_path(path))
        if not path.is_file():
            raise UsageError("E003", status="not a file", path=readable_path(path))
    return reference


def analyze(sources: Iterable, *, classifier=None, label: bool = True) -> Analysis:
    """Read (and label) every source: a path, a folder (the files ``duban batch`` would read in it)
    or a ``Document``, or a list of them (``source_list``).

    Raises ``UsageError`` [E001] for a path that does not exist and [E002] for a folder with no
    file, before anything is read, as the CLI does: a mistyped path is the caller's mistake, not a
    document that failed to read (a file that exists but cannot be read is a ``corrupt`` Document).
    """
    from dataclasses import replace

    from .extract import read_path
    from .manifest import readable_name

    items = source_list(sources)
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
