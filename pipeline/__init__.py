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

__version__ = "0.4.0"

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


# ``pipeline.checklist``, ``pipeline.gaps``, ``pipeline.batch`` and ``pipeline.classify`` are both API
# functions and submodules. Importing a submodule makes Python set it as an attribute of this package,
# which would silently replace the function (``pipeline.gaps(...)`` -> "'module' object is not
# callable" once anything imported ``pipeline.gaps``). So a submodule bound to one of these names is
# made callable as the function, and its attributes stay reachable (``pipeline.gaps.GapTable``).
import sys as _sys  # noqa: E402
import types as _types  # noqa: E402

_API = {"checklist": checklist, "gaps": gaps, "batch": batch, "classify": classify}


class _ApiModule(_types.ModuleType):
    """A submodule that can also be called as the API function of the same name."""

    def __call__(self, *args, **kwargs):
        return _API[self.__name__.rpartition(".")[2]](*args, **kwargs)


class _Package(_types.ModuleType):
    def __setattr__(self, name, value):
        if name in _API and isinstance(value, _types.ModuleType) and type(value) is _types.ModuleType:
            value.__class__ = _ApiModule
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
for _name in _API:                      # submodules imported before this point (by the functions above)
    _module = _sys.modules.get(f"{__name__}.{_name}")
    if _module is not None:
        setattr(_sys.modules[__name__], _name, _module)
