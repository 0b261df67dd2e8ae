"""Non-ok Extractions every reader returns the same way (size limits, refused zip containers).

Each reader used to spell out its own ``_fail`` and its own "file too large" / "text over the limit" /
"zip refused" checks; they differed only in ``file_type``. The messages are coded (``errors.error``)
and carry sizes and class names, never document text.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..config import DEFAULT_LIMITS, Limits
from ..errors import error
from ..model import Block, Extraction, Status
from .zipguard import ZipVerdict, check_zip

# zipguard's verdict status -> the document's status and the coded message it gets
_ZIP_STATUS = {"too_large": Status.TOO_LARGE, "encrypted": Status.ENCRYPTED}


def failed(file_type: str, status: Status, reason: str, message: str, pages: int | None = None, *,
           encoding: str = "") -> Extraction:
    """An Extraction without blocks that says why the file could not be read."""
    return Extraction(blocks=(), file_type=file_type, pages=pages, encoding=encoding, status=status,
                      reason=reason, message=message)


def file_too_large(data: bytes, file_type: str, limits: Limits) -> Extraction | None:
    """E106 when the bytes pass ``Limits.max_file_bytes``, else None."""
    if len(data) > limits.max_file_bytes:
        return failed(file_type, Status.TOO_LARGE, "file_size", error("E106", detail=f"{len(data)} bytes"))
    return None


def text_too_large(blocks: Iterable[Block], file_type: str, limits: Limits, *, pages: int | None = None,
                   encoding: str = "") -> Extraction | None:
    """E106 when the extracted text passes ``Limits.max_text_chars``, else None."""
    if sum(len(b.text) for b in blocks) > limits.max_text_chars:
        return failed(file_type, Status.TOO_LARGE, "text_chars", error("E106", detail="extracted text over the limit"),
                      pages=pages, encoding=encoding)
    return None


def zip_refused(verdict: ZipVerdict, file_type: str) -> Extraction | None:
    """The Extraction for a zip container ``check_zip`` refused (E106/E104/E105), else None."""
    if verdict.ok:
        return None
    status = _ZIP_STATUS.get(verdict.status, Status.CORRUPT)
    if status == Status.TOO_LARGE:
        message = error("E106", detail=verdict.detail)
    elif status == Status.ENCRYPTED:
        message = error("E104")
    else:
        message = error("E105", exc=verdict.detail)
    return failed(file_type, status, verdict.reason, message)


@lru_cache(maxsize=64)
def container_status(path: str, size: int, mtime_ns: int, file_type: str) -> str:
    """The status ``container_refused`` gives one version of a file on disk ('' when fine), for code
    that opens a .docx/.xlsx outside its reader (the ledger checks): its size is checked before its
    bytes are read, and the verdict is remembered, as several checks ask about the same reply."""
    if size > DEFAULT_LIMITS.max_file_bytes:
        return Status.TOO_LARGE.value
    refused = container_refused(Path(path).read_bytes(), file_type, DEFAULT_LIMITS)
    return refused.status.value if refused is not None else ""


def container_refused(data: bytes, file_type: str, limits: Limits) -> Extraction | None:
    """Why a zip-based document (.docx, .xlsx, .odt) is refused before any parser sees it: too large
    a file, then what ``check_zip`` finds (inflation, member count, encryption, a broken container)."""
    refused = file_too_large(data, file_type, limits)
    if refused is None:
        refused = zip_refused(check_zip(data, limits), file_type)
    return refused
