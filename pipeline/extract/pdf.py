"""PDF with pdfplumber: per-page text lines, health check, OCR fallback, paragraphs rebuilt.

pdfplumber opens every file (open errors, encryption and the page limit are reported from there);
the per-page text lines come from pdfium (``pdfium_text``, about twice as fast) when it vouches for
the whole document, else from pdfplumber as described below. Both give the same ``Line`` records,
so everything after reading (health check, OCR, furniture, paragraphs) is one code path.

Per page: fake-bold duplicates removed (``dedupe_chars``, only when there are any), ``extract_text_lines()`` (through ``pdf_words``:
a gap beside a Han character narrower than its font size is no space, so Word's Han-digit spacing at
16 pt gives no spaces), ``page.close()``. Spaces between Han characters are removed. A page is judged: ``(cid:N)`` glyphs over 1 % of the document's
characters -> W103 (the tokens are dropped); a page over 30 % is garbled; a page with images but no
text is a scan. Garbled and scanned pages are OCRed when tesseract (chi_sim) is installed (W106),
otherwise the document is ``needs_ocr`` (E108) or ``empty``/``garbled_text`` (E112).

Page numbers ("- 3 -", "第3页", "3/10") and running headers/footers (the same line at the top or
bottom of most pages) are dropped (W107). Hard-wrapped lines are joined back into paragraphs from the
layout (``pdf_paragraphs``); ruled tables (pdfplumber's table finder, on pages that draw lines)
become ``table_cell`` blocks where they stand, their text kept out of the paragraphs (``pdf_tables``).
"""
from __future__ import annotations

import io
import logging
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from operator import itemgetter

from ..config import Limits
from ..errors import error
from ..model import Extraction, Status, Warning_
from .failure import failed, file_too_large, text_too_large
from .pdf_paragraphs import Line, _geometry, join_lines, page_blocks, paragraph_break  # noqa: F401 - re-exported
from .pdf_tables import PdfTable, inside, page_tables
from .sniff import coded_warning
from .txt import finish, quality_warnings

CID = re.compile(r"\(cid:\d+\)")
CID_WARN, CID_GARBLED = 0.01, 0.30
OUTLINE_CURVES = 50         # a text-free page with more curves than this is text drawn as outlines
OCR_BUDGET = 0.6             # share of the per-file time limit OCR may use
PDFIUM_ENV = "DUBAN_PDFIUM"   # "0": read every PDF with pdfplumber only
MAX_FURNITURE_CHARS = 30     # without layout (OCR text), a longer line is never taken for a running header
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_HAN_GAP = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[{_CJK}])")
_PAGE_NUMBER = re.compile(r"^(?:[-—–－~\s]*\d+[-—–－~\s]*|第\s*\d+\s*页(?:\s*[/／,，]?\s*共\s*\d+\s*页)?|"
                          r"共\s*\d+\s*页\s*第\s*\d+\s*页|\d+\s*[/／]\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$", re.I)


@dataclass(frozen=True, slots=True)
class PageText:
    index: int
    lines: tuple[Line, ...]
    cid: int
    chars: int
    has_images: bool           # raster images or outlined glyphs: something OCR could read
    tables: tuple[PdfTable, ...] = ()    # ruled tables (``pdf_tables``); their text is not in ``lines``


def extract(data: bytes, *, name: str, limits: Limits) -> Extraction:
    """Read a PDF; never raises for bad bytes."""
    refused = file_too_large(data, "pdf", limits)
    if refused is not None:
        return refused
    try:
        pages = read_pages(data, limits)
    except _TooManyPages as exc:
        return _fail(Status.TOO_LARGE, "too_many_pages", error("E106", detail=f"{exc.args[0]} pages (limit {limits.max_pdf_pages})"))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on malformed input (#547-551)
        return _open_failure(exc)
    return assemble(data, pages, limits)


class _TooManyPages(Exception):
    pass


_fail = partial(failed, "pdf")


def _open_failure(exc: Exception) -> Extraction:
    """Map pdfplumber/pdfminer exceptions to a status; messages carry class names only."""
    inner = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
    inner_name = type(inner).__name__
    if inner_name == "PDFPasswordIncorrect":
        return _fail(Status.ENCRYPTED, "password_required", error("E104"))
    if inner_name in ("PDFEncryptionError", "PDFEncryptionWarning"):
        return _fail(Status.ENCRYPTED, "unsupported_encryption", error("E104"))
    if isinstance(inner, MemoryError):
        return _fail(Status.TOO_LARGE, "memory", error("E106", detail="out of memory while reading"))
    return _fail(Status.CORRUPT, f"pdf_error:{inner_name}", error("E105", exc=inner_name))


def read_pages(data: bytes, limits: Limits, *, fast: bool | None = None) -> list[PageText]:
    """Per-page text lines: pdfium's when ``pdfium_text`` vouches for the document, else pdfplumber's.

    pdfplumber always opens the document first, so open errors, encryption and the page limit are
    reported exactly as before; only the per-page text comes from pdfium when ``fast``. ``fast``
    defaults to on; ``DUBAN_PDFIUM=0`` in the environment turns it off (a switch for comparing
    the two readers, and for switching pdfium off in production without a release).
    """
    import pdfplumber

    from . import pdfium_text

    if fast is None:
        fast = os.environ.get(PDFIUM_ENV, "1") != "0"
    out: list[PageText] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > limits.max_pdf_pages:
            raise _TooManyPages(len(pdf.pages))
        if fast:
            read = pdfium_text.text_lines(data, pdf.pages)
            if read.pages is not None:
                # the fast path refuses pages with images or many paths, so none needs OCR; a page
                # drawing paths may hold a ruled table, which only pdfplumber's table finder reads
                for index, raw in enumerate(read.pages):
                    tables = _tables(pdf.pages[index], _last_table(out)) if read.paths[index] else ()
                    out.append(page_from_lines(raw, index, has_images=False, tables=tables))
                return out
            logging.getLogger(__name__).debug("pdfium fast path not taken: %s", read.reason)   # fixed texts, no content
        for index, page in enumerate(pdf.pages):
            try:
                out.append(page_text(page, index, _last_table(out)))
            finally:
                page.close()
    return out


def _last_table(pages: list[PageText]) -> PdfTable | None:
    """The previous page's lowest table, which a one-row grid at the top of this page may go on."""
    if not pages or not pages[-1].tables:
        return None
    return max(pages[-1].tables, key=lambda t: t.bottom)


def unique_char_ids(chars: list[dict], tolerance: float = 1) -> set[int]:
    """ids of the chars ``pdfplumber``'s ``dedupe_chars`` keeps (same grouping and clustering).

    ``Page.dedupe_chars`` restores the original order with ``chars.index`` (quadratic: about 0.15 s
    for a 1,300-character page, two thirds of reading a text PDF). Only which chars survive matters
    here; ``Page.filter`` keeps them in their original order.
    """
    from pdfplumber.utils import cluster_objects

    key = itemgetter("upright", "text", "fontname", "size")
    pos_key = itemgetter("doctop", "x0")
    keep: set[int] = set()
    for _, group in groupby(sorted(chars, key=key), key=key):
        for y_cluster in cluster_objects(list(group), itemgetter("doctop"), tolerance):
            for x_cluster in cluster_objects(y_cluster, itemgetter("x0"), tolerance):
                keep.add(id(min(x_cluster, key=pos_key)))
    return keep


def dedupe_chars(page):
    """The page without fake-bold duplicate glyphs; the page itself when it has none (the usual case)."""
    chars = page.chars
    keep = unique_char_ids(chars)
    if len(keep) == len(chars):
        return page
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in keep)


def page_text(page, index: int, after: PdfTable | None = None) -> PageText:
    from .pdf_words import page_text_lines   # imports pdfplumber, which only reading a PDF needs

    # A scan is an image; "print as outlines" turns glyphs into many curves: both need OCR.
    has_images = bool(page.images) or len(page.curves) > OUTLINE_CURVES
    tables = page_tables(page, after) if page.lines or page.rects else ()
    return page_from_lines(page_text_lines(dedupe_chars(page)), index, has_images, tables)


def _tables(page, after: PdfTable | None = None) -> tuple[PdfTable, ...]:
    try:
        return page_tables(page, after) if page.lines or page.rects else ()
    finally:
        page.close()


def page_from_lines(raw_lines: list[dict], index: int, has_images: bool,
                    tables: tuple[PdfTable, ...] = ()) -> PageText:
    """A ``PageText`` from pdfplumber-style text line dicts (pdfplumber's or ``pdfium_text``'s);
    lines inside one of ``tables`` are left out (the table gives them as cells)."""
    lines, cid, chars = [], 0, 0
    for raw in raw_lines:
        text = raw["text"]
        cid += len(CID.findall(text))
        clean = _HAN_GAP.sub("", CID.sub("", text)).strip()
        chars += len(CID.sub("#", text).replace(" ", ""))
        height = raw["bottom"] - raw["top"]
        if clean and not any(inside(raw["x0"], raw["x1"], raw["top"], height, t) for t in tables):
            lines.append(Line(clean, index + 1, raw["x0"], raw["x1"], raw["top"], height))
    return PageText(index, tuple(lines), cid, chars, has_images, tables)


def assemble(data: bytes, pages: list[PageText], limits: Limits) -> Extraction:
    """Health check, OCR fallback, furniture removal and paragraph joining."""
    from . import ocr

    n_pages = len(pages)
    warnings: list[Warning_] = []
    total_chars = sum(p.chars for p in pages)
    total_cid = sum(p.cid for p in pages)
    garbled = [p.index for p in pages if p.chars and p.cid / p.chars > CID_GARBLED]
    scanned = [p.index for p in pages if not p.lines and not p.cid and p.has_images]
    to_ocr = sorted(garbled + scanned)
    unread: list[int] = []               # pages OCR had no time left for
    budget = OCR_BUDGET * limits.timeout_seconds
    if to_ocr and ocr.available():
        from .pdfium_text import LOCK

        with LOCK:      # OCR renders with pdfium, which must not run in two threads at once (dask threads)
            texts = ocr.ocr_pages(data, to_ocr, budget_seconds=budget)
        by_index = {p.index: p for p in pages}
        for index, text in texts.items():
            lines = tuple(Line(t.strip(), index + 1) for t in text.splitlines() if t.strip())
            by_index[index] = PageText(index, lines, 0, sum(len(t.text) for t in lines), True)
        pages = [by_index[i] for i in sorted(by_index)]
        if texts:
            warnings.append(coded_warning("W106", pages=len(texts)))
        garbled = [i for i in garbled if i not in texts]
        scanned = [i for i in scanned if i not in texts]
        unread = [i for i in to_ocr if i not in texts]
    usable = [p for p in pages if (p.lines or p.tables) and p.index not in garbled]
    if not usable and unread:            # not "install tesseract": it ran, the time did not suffice
        return _fail(Status.TIMEOUT, "ocr_time_budget",
                     error("E113", done=len(to_ocr) - len(unread), pages=len(to_ocr), seconds=budget), n_pages)
    if not usable:
        if garbled:
            share = total_cid / max(total_chars, 1)
            return _fail(Status.EMPTY, "garbled_text", error("E112", share=share), n_pages)
        if scanned:
            return _fail(Status.NEEDS_OCR, "no_text_layer", error("E108"), n_pages)
        return _fail(Status.EMPTY, "no_text_layer", error("E102").replace("(no_text)", "(no_text_layer)"), n_pages)
    if garbled or scanned:
        warnings.append(coded_warning("W109", pages=len(garbled) + len(scanned)))
    total_chars = sum(p.chars for p in pages)        # after OCR replaced garbled pages
    total_cid = sum(p.cid for p in pages)
    if total_chars and total_cid / total_chars > CID_WARN:
        warnings.append(coded_warning("W103", share=total_cid / total_chars))
    kept, dropped = drop_furniture([p.lines for p in usable])
    if dropped:
        warnings.append(coded_warning("W107", n=dropped))
    blocks = tuple(page_blocks(kept, [(p.index + 1, p.tables) for p in usable]))
    warnings.extend(quality_warnings("\n".join(b.text for b in blocks)))   # wrong ToUnicode maps read as mojibake
    too_large = text_too_large(blocks, "pdf", limits, pages=n_pages)
    if too_large is not None:
        return too_large
    return finish(Extraction(blocks=blocks, file_type="pdf", pages=n_pages, warnings=tuple(warnings)))


# ------------------------------------------------------------------------------------------- furniture
def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_furniture(pages: list[tuple[Line, ...]], zone: int = 2) -> tuple[list[list[Line]], int]:
    """Remove page numbers and lines repeated at the top/bottom of most pages; returns (pages, n dropped).

    A running header/footer candidate sits in the first or last ``zone`` lines of a page, is short,
    and (when the layout is known) is set apart from the body by a wider gap than the line pitch;
    it is dropped when the same text (digits ignored) is a candidate on at least half the pages.
    """
    column = next(iter(_geometry([ln for lines in pages for ln in lines]).values()), None)

    def candidates(lines) -> list[int]:
        top = range(min(zone, len(lines)))
        bottom = range(max(len(lines) - zone, 0), len(lines))
        out = []
        for i in sorted(set(top) | set(bottom)):
            line = lines[i]
            if line.x0 is None or column is None:
                if len(line.text) <= MAX_FURNITURE_CHARS:
                    out.append(i)
                continue
            if line.x1 - line.x0 >= 0.7 * (column.right - column.left):
                continue            # a full body line that happens to repeat is never furniture
            # the lines between it and the body must include a gap wider than the line pitch
            span = range(i, min(zone, len(lines) - 1)) if i in top else range(max(len(lines) - zone, 1) - 1, i)
            if any(lines[k + 1].top - lines[k].top > 1.3 * column.pitch or lines[k + 1].page != lines[k].page
                   for k in span) or len(lines) == 1:
                out.append(i)
        return out

    counts: Counter[str] = Counter()
    page_candidates = [candidates(lines) for lines in pages]
    for lines, cand in zip(pages, page_candidates):
        counts.update({_furniture_key(lines[i].text) for i in cand})
    need = max(2, math.ceil(0.5 * len(pages)))
    running = {k for k, c in counts.items() if c >= need and len(pages) >= 2}
    kept, dropped = [], 0
    for lines, cand in zip(pages, page_candidates):
        edge = set(range(min(zone, len(lines)))) | set(range(max(len(lines) - zone, 0), len(lines)))
        page_kept = []
        for i, line in enumerate(lines):
            if (i in edge and _PAGE_NUMBER.match(line.text.strip())) or (i in cand and _furniture_key(line.text) in running):
                dropped += 1
                continue
            page_kept.append(line)
        kept.append(page_kept)
    return kept, dropped
