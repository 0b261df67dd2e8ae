"""Ingestion: bytes -> Document (normalised text, outline, passages).

``read_bytes`` is the one entry point. It sniffs the file type from the bytes (the suffix is only a
tie-breaker), runs the one reader registered for that type, then the format-independent stages:
normalise -> drop teaser -> outline -> sentences -> metadata. A reader never raises for bad input:
it returns an ``Extraction`` with a non-ok status, and ``read_bytes`` catches anything else at this
boundary so one bad file can never take the batch down.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from ..config import DEFAULT_LIMITS, Limits
from ..errors import error
from ..model import Document, Extraction, Status, content_id, sha256_bytes
from .sniff import FileType, sniff

# file type -> module with ``extract(data: bytes, *, name: str, limits: Limits) -> Extraction``.
# Imported lazily so a missing optional dependency only affects its own format.
READERS: dict[FileType, str] = {
    FileType.TXT: "pipeline.extract.txt",
    FileType.DOCX: "pipeline.extract.docx",
    FileType.PDF: "pipeline.extract.pdf",
    FileType.HTML: "pipeline.extract.html",
    FileType.DOC: "pipeline.extract.office",
    FileType.WPS: "pipeline.extract.office",
    FileType.ODT: "pipeline.extract.office",
    FileType.RTF: "pipeline.extract.office",
    FileType.WORDML: "pipeline.extract.office",   # Word 2003 XML (WPS Office saves it too)
    FileType.XLSX: "pipeline.extract.xlsx",       # a unit's 自查表 sent as a workbook (.xls/.et stay refused)
}


def extract(data: bytes, *, name: str, limits: Limits = DEFAULT_LIMITS) -> Extraction:
    """Run the reader for the sniffed type; never raises for bad input."""
    from .failure import failed
    from .sniff import unsupported_extraction

    sniffed = sniff(data, name=name)
    if sniffed.extraction is not None:          # empty, encrypted, unsupported… decided by sniffing
        return sniffed.extraction
    module_name = READERS.get(sniffed.file_type)
    if module_name is None:
        return unsupported_extraction(sniffed.file_type)
    reader = importlib.import_module(module_name)
    try:
        result = reader.extract(data, name=name, limits=limits)
    except MemoryError:
        return failed(sniffed.file_type.value, Status.TOO_LARGE, "memory",
                      error("E106", detail="out of memory while reading"))
    except Exception as exc:  # noqa: BLE001 - the per-file boundary: record the class, never the content
        return failed(sniffed.file_type.value, Status.CORRUPT, f"reader_error:{type(exc).__name__}",
                      error("E105", exc=type(exc).__name__))
    if sniffed.warnings:
        result = _with_warnings(result, sniffed.warnings)
    return result


def read_bytes(data: bytes, *, name: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Bytes -> Document with passages (unlabelled)."""
    from .build import build_document

    digest = sha256_bytes(data)
    doc_id = digest[:16]
    extraction = extract(data, name=name, limits=limits)
    try:
        return build_document(extraction, doc_id=doc_id, source=name, sha256=digest, limits=limits)
    except Exception as exc:  # noqa: BLE001 - same per-file boundary as the readers: one file, not the run
        return Document(doc_id=doc_id, source=name, sha256=digest, file_type=extraction.file_type,
                        status=Status.CORRUPT, reason=f"build_error:{type(exc).__name__}",
                        message=error("E105", exc=type(exc).__name__))


def read_path(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a file from disk; filesystem errors become a ``corrupt``/``read_error`` Document."""
    path = Path(path)
    try:
        if path.stat().st_size > limits.max_file_bytes:
            return Document(doc_id=content_id(str(path)), source=path.name, sha256="", file_type="unknown",
                            status=Status.TOO_LARGE, reason="file_size",
                            message=error("E106", detail=f"{path.stat().st_size} bytes"))
        data = path.read_bytes()
    except OSError as exc:
        return Document(doc_id=content_id(str(path)), source=path.name, sha256="", file_type="unknown",
                        status=Status.CORRUPT, reason="read_error", message=error("E111", exc=type(exc).__name__))
    return read_bytes(data, name=path.name, limits=limits)


def _with_warnings(extraction: Extraction, warnings) -> Extraction:
    from dataclasses import replace

    return replace(extraction, warnings=tuple(warnings) + extraction.warnings)
