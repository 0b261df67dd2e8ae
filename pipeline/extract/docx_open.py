"""Opening a .docx for ``docx``: python-docx's ``Document``, or a failed ``Extraction`` naming why it
could not be opened (a damaged zip, a missing part, an OOXML package that is no Word document); a
macro-enabled package (.docm/.dotm) re-labelled as .docx so its text can be read.
"""
from __future__ import annotations

import io
import zipfile
from functools import partial

from ..errors import error
from ..model import Status
from .failure import failed

_fail = partial(failed, "docx")


def open_docx(data: bytes):
    """python-docx's Document, or a non-ok Extraction naming why it could not be opened."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data)), None
    except KeyError as exc:
        missing = str(exc).strip("'\"")
        reason = "missing_content_types" if "Content_Types" in missing else "missing_part"
        return None, _fail(Status.CORRUPT, reason, error("E105", exc=f"KeyError: {reason}"))
    except zipfile.BadZipFile:
        return None, _fail(Status.CORRUPT, "bad_zip", error("E105", exc="BadZipFile"))
    except PackageNotFoundError:
        return None, _fail(Status.CORRUPT, "package_not_found", error("E105", exc="PackageNotFoundError"))
    except ValueError as exc:
        if "not a Word file" in str(exc):
            return None, _fail(Status.UNSUPPORTED, "not_word_document",
                               error("E103", detected="an OOXML package that is not a Word document",
                                     hint="Submit the document as .docx, .pdf or .txt"))
        return None, _fail(Status.CORRUPT, "bad_package", error("E105", exc=type(exc).__name__))
    except Exception as exc:  # noqa: BLE001 - lxml XMLSyntaxError, AttributeError on odd packages…
        return None, _fail(Status.CORRUPT, f"bad_xml:{type(exc).__name__}", error("E105", exc=type(exc).__name__))


_MACRO_MAIN = (b"application/vnd.ms-word.document.macroEnabled.main+xml",
               b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def as_plain_docx(data: bytes) -> bytes | None:
    """A macro-enabled Word package re-labelled as .docx (macros are never run, only text is read).

    Only called after the zip guard accepted ``data``, so re-reading its members is bounded.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            types = src.read("[Content_Types].xml")
            if not any(t in types for t in _MACRO_MAIN):
                return None
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    blob = src.read(info)
                    if info.filename == "[Content_Types].xml":
                        for t in _MACRO_MAIN:
                            blob = blob.replace(t, _DOCX_MAIN)
                    dst.writestr(info, blob)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
