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

import os
from pathlib import Path
from typing import Iterable, Sequence

__version__ = "0.6.0"

from .model import Document, Label, Passage, Status  # noqa: E402

PathLike = str | Path


def read(source: PathLike | bytes, *, name: str | None = None) -> Document:
    """Read one file (path or bytes) into an unlabelled Document; a bad file gives a Document with a
    failed status, never an exception. A path that does not exist raises ``UsageError`` [E001], as
    ``analyze`` and the CLI do (it is a mistyped name, not a corrupt file)."""
    from pathlib import Path

    from .errors import UsageError
    from .extract import read_bytes, read_path

    if isinstance(source, (bytes, bytearray)):
        return read_bytes(bytes(source), name=name or "input")
    if not Path(source).exists():
        raise UsageError("E001", path=str(source))
    return read_path(source)


def classify(doc: Document | PathLike, *, classifier=None) -> Document:
    """Label every content passage of a Document (default: the shipped model).

    Args:
        doc: a ``Document``, or a file path (read as ``read`` reads it: [E001] when it is missing).
        classifier: a classifier object or name (default: the shipped model).
    """
    from .classify import label_document

    if not isinstance(doc, Document):
        doc = read(doc)
    return label_document(doc, classifier=classifier)


def analyze(sources: PathLike | Document | Iterable[PathLike | Document], *, classifier=None):
    """Read and classify documents.

    Args:
        sources: a file, a folder (the files ``duban batch`` would read in it), a ``Document``, or a
            list of them. A single path is one source, never a sequence of characters.
        classifier: a classifier object or name (default: the shipped model).

    Returns:
        ``Analysis``: ``documents``, ``to_frame()`` (one row per passage), ``documents_frame()``.

    Raises:
        UsageError: [E001] a path that does not exist, [E002] a folder with nothing to read.
    """
    from .analysis import analyze as _analyze

    return _analyze(sources, classifier=classifier)


def checklist(speeches: PathLike | Document | Sequence[PathLike | Document]):
    """Draft a checklist (任务清单) from one or more speeches or notices.

    Args:
        speeches: a file, a folder (its files), a ``Document``, or a list of them; with several,
            item ids get the source's ordinal as prefix ("2-1.3").

    Returns:
        ``Checklist``: ``items`` (``ChecklistItem``), ``leaves``, ``to_frame()``.

    Raises:
        UsageError: [E001] a path that does not exist, [E002] a folder with nothing to read, [E007] a
            file named on its own that cannot be read (empty, corrupt…), as ``duban checklist`` says.

    Warns:
        UserWarning: [E303] when the sources hold no task (a unit's report given as the speech), and
            naming each file of a folder that could not be read and was left out (QA12 L18: an empty
            checklist came back without a word).
    """
    import warnings

    from .analysis import source_list
    from .checklist import build_checklist
    from .errors import DubanError, UsageError
    from .extract import read_path

    given = [speeches] if isinstance(speeches, (str, os.PathLike, Document)) else list(speeches)
    named = {Path(s) for s in given if not isinstance(s, Document) and Path(s).is_file()}
    docs = []
    for source in source_list(speeches):
        doc = source if isinstance(source, Document) else read_path(source)
        if not doc.status.is_ok:
            if isinstance(source, Document) or Path(source) in named:
                raise UsageError("E007", status=doc.status.value, path=doc.source)
            warnings.warn(f"{doc.source}: {doc.status.value}: could not be read, left out of the checklist",
                          stacklevel=2)
            continue
        docs.append(doc)
    result = build_checklist(docs)
    if not result.items:
        warnings.warn(str(DubanError("E303", path=", ".join(d.source for d in docs) or "-")), stacklevel=2)
    return result


def gaps(reference, reports: PathLike | Document | Sequence[PathLike | Document]):
    """Compliance gap table: every (unit, checklist item) with status, score and evidence.

    Args:
        reference: the speech or notice (path or ``Document``), a checklist file written (and
            edited) from ``duban checklist`` (.xlsx/.docx/.csv/.json), or a ``Checklist``.
        reports: a unit's report, a folder (its files), a ``Document``, or a list of them.

    Returns:
        ``GapTable``: ``rows``, ``units``, ``to_frame()``, ``matrix_frame()``, ``problems_frame()``,
        ``exemplars_frame()``.

    Raises:
        UsageError: [E001] a path that does not exist, [E002] a folder with nothing to read,
            [E006] a folder given as the reference.
    """
    from .analysis import reference_source, source_list
    from .gaps import build_gaps

    reference = reference_source(reference)
    return build_gaps(reference, source_list(reports))


def batch(input_dir: PathLike, *, reference: PathLike, out_dir: PathLike, **options):
    """Process a folder of submissions as ``duban batch`` does (worker processes, manifest, resume).

    Args:
        input_dir: the folder of submissions (walked recursively).
        reference: the speech/notice or an edited checklist file.
        out_dir: the output folder (checklist files, gaps.*, problems, manifest, ``duban.duckdb``).
        **options: ``workers`` (2), ``timeout`` (seconds per file), ``memory_mb`` (per worker),
            ``resume`` (reuse files already done), ``engine`` ("process" or "dask"), ``scheduler``
            (a dask address), ``progress`` (bar on stderr), ``fail_fast``, ``store`` (update the
            results database), ``summary`` (print the closing line), ``label``, ``limits``.
            Workers import the calling script (``__main__``): a script must call ``batch`` under
            ``if __name__ == "__main__":`` (else each worker starts the batch again and dies, E502),
            and one run as ``python -`` cannot start workers at all: save it to a file. A notebook
            needs neither.

    Returns:
        ``BatchResult``: ``rows`` (manifest), ``exit_code``, ``to_frame()``, ``gaps_frame()``.

    Raises:
        UsageError: [E001] a missing folder, [E005] a file or a bad option, [E003] an unreadable reference.
    """
    from .batch import run_batch

    return run_batch(input_dir, reference=reference, out_dir=out_dir, **options)


__all__ = ["read", "classify", "analyze", "checklist", "gaps", "batch",
           "Document", "Passage", "Label", "Status", "__version__"]


# ``pipeline.checklist``, ``pipeline.gaps``, ``pipeline.batch`` and ``pipeline.classify`` are both API
# functions and submodules. Importing a submodule makes Python set it as an attribute of this package,
# which would silently replace the function (``pipeline.gaps(...)`` -> "'module' object is not
# callable" once anything imported ``pipeline.gaps``). So each of these names is an ``ApiFunction``
# that the package keeps: it calls (and help() and ``inspect.signature`` show) the function, and every
# other attribute is the submodule's (``pipeline.gaps.GapTable``).
import sys as _sys  # noqa: E402
import types as _types  # noqa: E402


class ApiFunction:
    """An API function that is also the name of a submodule.

    Calling it calls the function; ``__wrapped__``, ``__doc__``, ``__name__`` are the function's
    (``inspect.signature``, ``help()`` and a notebook's Shift-Tab show its signature and docstring:
    QA9 L3, they showed ``(*args, **kwargs)`` and the module's docstring); any other attribute is
    read from, set on or deleted from the submodule, imported when first needed (so
    ``monkeypatch.setattr(pipeline.batch, "write_outputs", …)`` patches the module, and its
    ``__dict__`` is the module's).
    """

    def __init__(self, function):
        for name in ("__module__", "__name__", "__qualname__", "__doc__", "__wrapped__"):
            object.__setattr__(self, name, function if name == "__wrapped__" else getattr(function, name))

    def __call__(self, *args, **kwargs):
        return self.__wrapped__(*args, **kwargs)

    def __get__(self, instance, owner=None):
        # a descriptor without __set__ is a routine to ``inspect``: pydoc then documents the signature
        return self

    def __getattr__(self, name):
        return getattr(self.submodule(), name)

    def __setattr__(self, name, value):
        setattr(self.submodule(), name, value)

    def __delattr__(self, name):
        delattr(self.submodule(), name)

    @property
    def __dict__(self):
        # the submodule's namespace: tools that read and restore attributes through ``__dict__``
        # (pytest's monkeypatch undo) must see the module's, not this object's own few
        return vars(self.submodule())

    def __dir__(self):
        return sorted(set(dir(self.submodule())) | {"__wrapped__", "__doc__", "__name__", "__qualname__"})

    def __repr__(self) -> str:
        return f"<function {self.__module__}.{self.__name__} (and module {self.__module__}.{self.__name__})>"

    def __reduce__(self):
        return _api_function, (self.__name__,)

    def submodule(self) -> _types.ModuleType:
        """The submodule of the same name (``pipeline/gaps.py`` for ``pipeline.gaps``)."""
        import importlib

        return importlib.import_module(f"{self.__module__}.{self.__name__}")


def _api_function(name: str) -> ApiFunction:
    return getattr(_sys.modules[__name__], name)


class _Package(_types.ModuleType):
    def __setattr__(self, name, value):
        if isinstance(value, _types.ModuleType) and isinstance(self.__dict__.get(name), ApiFunction):
            return              # the submodule stays reachable through the ApiFunction and sys.modules
        super().__setattr__(name, value)


checklist, gaps, batch, classify = (ApiFunction(f) for f in (checklist, gaps, batch, classify))
_sys.modules[__name__].__class__ = _Package
