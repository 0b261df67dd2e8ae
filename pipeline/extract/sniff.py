"""File-type sniffing from bytes; the name's suffix only breaks ties.

A submitted file is judged by its content (magic bytes, zip member names, OLE stream names), never
by what its name claims: a .docx renamed .pdf still goes to the docx reader, with a W101
``extension_mismatch`` warning. When sniffing alone decides the outcome (zero bytes, a password-
protected OOXML container, a spreadsheet, an image, random binary) ``Sniffed.extraction`` carries the
final non-ok ``Extraction`` and no reader runs.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePath

from ..errors import error, warning
from ..model import Extraction, Status, Warning_
from .failure import failed


class FileType(str, Enum):
    TXT = "txt"
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"
    DOC = "doc"
    WPS = "wps"
    ODT = "odt"
    RTF = "rtf"
    WORDML = "wordml"        # Word 2003 XML (WPS Office sometimes saves this); LibreOffice converts it
    XLSX = "xlsx"
    XLS = "xls"
    PPTX = "pptx"
    PPT = "ppt"
    ODF_OTHER = "odf"        # OpenDocument spreadsheet/presentation
    ZIP = "zip"
    IMAGE = "image"
    EMPTY = "empty"
    ENCRYPTED = "encrypted"  # OLE container holding an encrypted OOXML package
    CODE = "source_code"     # a script or configuration file: text, but no document
    BINARY = "binary"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Sniffed:
    file_type: FileType
    extraction: Extraction | None = None
    warnings: tuple[Warning_, ...] = ()


SUFFIX_TYPES: dict[str, FileType] = {
    ".txt": FileType.TXT, ".text": FileType.TXT, ".md": FileType.TXT, ".csv": FileType.TXT,
    ".docx": FileType.DOCX, ".docm": FileType.DOCX, ".dotx": FileType.DOCX,
    ".pdf": FileType.PDF,
    ".html": FileType.HTML, ".htm": FileType.HTML, ".xhtml": FileType.HTML, ".mht": FileType.HTML,
    ".mhtml": FileType.HTML,
    ".doc": FileType.DOC, ".dot": FileType.DOC,
    ".wps": FileType.WPS,
    ".odt": FileType.ODT,
    ".rtf": FileType.RTF,
    ".xml": FileType.WORDML,
    ".xlsx": FileType.XLSX, ".xlsm": FileType.XLSX, ".et": FileType.XLS, ".xls": FileType.XLS,
    ".pptx": FileType.PPTX, ".ppt": FileType.PPT, ".dps": FileType.PPT,
    ".ods": FileType.ODF_OTHER, ".odp": FileType.ODF_OTHER,
    ".zip": FileType.ZIP, ".rar": FileType.ZIP, ".7z": FileType.ZIP, ".gz": FileType.ZIP,
    ".jpg": FileType.IMAGE, ".jpeg": FileType.IMAGE, ".png": FileType.IMAGE, ".gif": FileType.IMAGE,
    ".bmp": FileType.IMAGE, ".tif": FileType.IMAGE, ".tiff": FileType.IMAGE, ".webp": FileType.IMAGE,
    # scripts and configuration left in a submissions folder (a generator script became a unit with
    # 已落实 quoting a line of Python: QA9 L11); their text is read only by these names
    **dict.fromkeys(CODE_SUFFIXES := (".py", ".pyw", ".ipynb", ".sh", ".bash", ".bat", ".cmd", ".ps1", ".js",
                                      ".mjs", ".ts", ".java", ".c", ".h", ".cpp", ".hpp", ".cs", ".go", ".rs",
                                      ".rb", ".pl", ".php", ".r", ".sql", ".yml", ".yaml", ".toml", ".ini",
                                      ".cfg", ".conf", ".css"), FileType.CODE),
}

# Types a reader exists for; everything else is ``unsupported`` with a hint.
READABLE = {FileType.TXT, FileType.DOCX, FileType.PDF, FileType.HTML, FileType.DOC, FileType.WPS,
            FileType.ODT, FileType.RTF, FileType.WORDML, FileType.XLSX}

# Pairs that are not worth a mismatch warning (same family, the suffix is a common habit).
_COMPATIBLE = {(FileType.DOC, FileType.WPS), (FileType.WPS, FileType.DOC), (FileType.TXT, FileType.HTML)}

HINTS: dict[FileType, str] = {
    FileType.XLS: "Old-format spreadsheets (.xls, WPS .et) are not read; save the form as .xlsx or .docx",
    FileType.PPTX: "Presentations are not read; save as .pdf or .docx",
    FileType.PPT: "Presentations are not read; save as .pdf or .docx",
    FileType.ODF_OTHER: "Only OpenDocument text (.odt) is read; save as .docx or .pdf",
    FileType.ZIP: "Unpack the archive and submit the documents inside it",
    FileType.IMAGE: "Images are not read; submit a PDF (scanned PDFs are OCRed when tesseract is installed) or a text document",
    FileType.CODE: "Scripts and configuration files are no documents; submit the report as .txt, .docx or .pdf",
    FileType.BINARY: "Submit .txt, .docx, .pdf, .html, .doc, .wps, .odt or .rtf",
    FileType.UNKNOWN: "Submit .txt, .docx, .pdf, .html, .doc, .wps, .odt or .rtf",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_ARCHIVE_MAGIC = (b"\x1f\x8b", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"BZh")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|p[\s>]|div|table|h[1-6][\s>]|span|font|center)",
                         re.IGNORECASE | re.DOTALL)
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:")
_MIME_VERSION = re.compile(rb"^MIME-Version:", re.IGNORECASE | re.MULTILINE)
_MULTIPART_RELATED = re.compile(rb"multipart/related", re.IGNORECASE)
_WORDML = re.compile(rb"<\?mso-application\s+progid=\"Word\.Document\"|<w:wordDocument\b", re.IGNORECASE)


def coded_warning(code: str, **kwargs) -> Warning_:
    """``Warning_`` from the coded table: reason and detail split as ``str(warning)`` prints them."""
    text = warning(code, **kwargs).removeprefix(f"[{code}] ")
    reason, _, detail = text.partition(": ")
    return Warning_(code, reason, detail)


def suffix_type(name: str) -> FileType | None:
    return SUFFIX_TYPES.get(PurePath(name or "").suffix.lower())


def sniff(data: bytes, *, name: str) -> Sniffed:
    """Decide the file type from ``data``; see the module docstring."""
    by_suffix = suffix_type(name)
    if not data:
        return Sniffed(FileType.EMPTY, _zero_bytes(by_suffix))
    detected = detect(data, by_suffix)
    if by_suffix == FileType.CODE and detected == FileType.TXT:
        detected = FileType.CODE          # plain text by its bytes, a script by its name
    warnings: tuple[Warning_, ...] = ()
    if (by_suffix is not None and detected != by_suffix and detected in READABLE
            and (by_suffix, detected) not in _COMPATIBLE):
        warnings = (coded_warning("W101", detected=detected.value, suffix=PurePath(name).suffix.lower()),)
    if detected == FileType.ENCRYPTED:
        return Sniffed(detected, encrypted_extraction(detected.value), warnings)
    if detected not in READABLE:
        return Sniffed(detected, unsupported_extraction(detected), warnings)
    return Sniffed(detected, None, warnings)


def detect(data: bytes, by_suffix: FileType | None = None) -> FileType:
    """The content type of non-empty ``data``; ``by_suffix`` breaks ties inside a container family."""
    head = data[:4096]
    if head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"%PDF-") or (
            b"%PDF-" in data[:1024] and b"startxref" in data[-4096:]):
        return FileType.PDF       # readers accept a header anywhere in the first KB (junk before it)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_type(data, by_suffix)
    if head.startswith(_OLE_MAGIC):
        return _ole_type(data, by_suffix)
    if head.lstrip().startswith(b"{\\rtf"):
        return FileType.RTF
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return FileType.IMAGE
    if head.startswith(_ARCHIVE_MAGIC):
        return FileType.ZIP
    from .txt import looks_like_text

    ascii_head = _ascii_view(head)
    if ascii_head is None or not looks_like_text(head):
        return FileType.BINARY
    if is_mht(ascii_head):
        return FileType.HTML      # a saved web page (.mht): the HTML reader unpacks its MIME parts
    if _WORDML.search(ascii_head):
        return FileType.WORDML
    if _HTML_START.match(ascii_head) or (by_suffix == FileType.HTML and b"<" in ascii_head):
        return FileType.HTML
    if re.search(rb"<html[\s>]", ascii_head[:1024], re.I):
        return FileType.HTML
    return FileType.TXT


def is_mht(head: bytes) -> bool:
    """A MIME web archive (.mht, also saved by Word as "single file web page")."""
    return bool(_HEADER_LINE.match(head) and _MIME_VERSION.search(head) and _MULTIPART_RELATED.search(head))


def _ascii_view(head: bytes) -> bytes | None:
    """ASCII-compatible bytes for tag sniffing (UTF-16 is narrowed; BOMs dropped)."""
    from .txt import utf16_variant

    variant = utf16_variant(head)
    if variant:
        try:
            text = head[: len(head) // 2 * 2].decode(variant, errors="ignore").lstrip("\ufeff")
        except LookupError:
            return None
        return text.encode("ascii", errors="replace")
    return head[3:] if head.startswith(b"\xef\xbb\xbf") else head


def _zip_type(data: bytes, by_suffix: FileType | None) -> FileType:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = b""
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size < 200:
                    mimetype = zf.read("mimetype").strip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        # A broken container: let the reader the suffix points at report it as corrupt.
        return by_suffix if by_suffix in (FileType.DOCX, FileType.ODT, FileType.XLSX) else FileType.ZIP
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return FileType.DOCX
    if mimetype == b"application/vnd.oasis.opendocument.text":
        return FileType.ODT
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return FileType.ODF_OTHER
    if any(n.startswith("xl/") for n in names):
        return FileType.XLSX
    if any(n.startswith("ppt/") for n in names):
        return FileType.PPTX
    if by_suffix == FileType.DOCX and "[Content_Types].xml" in names:
        return FileType.DOCX   # an OOXML package without its document part: the reader says corrupt
    return FileType.ZIP


def _ole_type(data: bytes, by_suffix: FileType | None) -> FileType:
    from .ole import stream_names, word_encrypted

    names = stream_names(data)

    def has(stream: str) -> bool:
        # Parsed directory when possible; else the UTF-16LE name anywhere in the bytes.
        return stream in names if names else stream.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return FileType.ENCRYPTED          # an encrypted OOXML package (.docx/.xlsx with a password)
    if has("WordDocument"):
        if word_encrypted(data):
            return FileType.ENCRYPTED      # Word 97-2003 with a password (FIB fEncrypted)
        return FileType.WPS if by_suffix == FileType.WPS else FileType.DOC
    if has("Workbook") or has("Book"):
        return FileType.XLS
    if has("PowerPoint Document"):
        return FileType.PPT
    if by_suffix in (FileType.WPS, FileType.DOC):
        return by_suffix   # Microsoft Works / Kingsoft variants: LibreOffice auto-detects them
    return FileType.UNKNOWN


def _zero_bytes(by_suffix: FileType | None) -> Extraction:
    """Case 1: an empty .txt is ``empty``; an empty binary format is a broken file."""
    file_type = (by_suffix or FileType.EMPTY).value
    # a text format (or a script: an empty __init__.py is no damaged file) is empty; a binary one broken
    status = Status.EMPTY if by_suffix in (None, FileType.TXT, FileType.HTML, FileType.CODE) else Status.CORRUPT
    return failed(file_type, status, "zero_bytes", error("E101"))


def unsupported_extraction(file_type: FileType) -> Extraction:
    """``unsupported`` with the detected type and a hint on what to submit instead."""
    hint = HINTS.get(file_type, HINTS[FileType.UNKNOWN])
    return failed(file_type.value, Status.UNSUPPORTED, f"unsupported_type:{file_type.value}",
                  error("E103", detected=file_type.value, hint=hint))


def encrypted_extraction(file_type: str, reason: str = "password_required") -> Extraction:
    return failed(file_type, Status.ENCRYPTED, reason, error("E104"))
