"""Fast text lines for plain text-layer PDFs with pdfium (pypdfium2, which pdfplumber already brings).

pdfplumber interprets every content stream in Python (pdfminer): about 0.16 s of CPU for a 6-page
report, three quarters of the cost of a PDF. pdfium parses in C. This module reads, per character,
only the code point, the origin and the text object's font, rebuilds the box pdfminer would give the
character (``x1`` = origin + advance, ``top`` from the font's descent and size, both through the
text matrix), and hands the characters to the pdfplumber path's line builder (``pdf_words.han_textmap``:
pdfplumber's ``chars_to_textmap``, a gap beside a Han character under its font size joined): line
clustering, word spacing and ligature expansion stay pdfplumber's code, so the lines come out the
same (the descent comes from pdfminer's reading of the fonts, ``pdf_structure``).

It only answers for documents it can vouch for and otherwise says why not (``FastRead.reason``); the
caller then reads the file with pdfplumber as before. Anything unusual sends the whole document back:
encryption, a repaired cross-reference table, a rotated or offset page, form XObjects, Type3 fonts, a
content stream over ``pdf_structure.MAX_CONTENT_BYTES`` (decompression bombs never reach pdfium), images or more
than ``MAX_PATHS`` path objects, invisible text or /ActualText, a page without text, glyphs pdfium
cannot map to Unicode, surrogates or control characters, rotated/mirrored or out-of-line glyphs
(vertical writing), duplicated glyphs (fake bold; pdfium itself silently drops a text object drawn
twice), an exception.

pdfium is not thread-safe (not even across documents) and the dask engine can run readers in
threads, so every pdfium call here runs under one module ``LOCK`` (``pdf.assemble`` holds it
around OCR, which renders with pdfium); a reader that cannot get it within ``LOCK_WAIT`` seconds
reads with pdfplumber instead of waiting.
"""
from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass

from .pdf_structure import Refuse as _Refuse, check_structure, untagged

LOCK_WAIT = 1.0
MAX_PATHS = 50                    # pdf.OUTLINE_CURVES: more may be text drawn as outlines
DUPLICATE_TOLERANCE = 1.0         # pdfplumber's dedupe_chars tolerance (points)
LOCK = threading.Lock()          # every pdfium call in this process, OCR rendering included


@dataclass(frozen=True, slots=True)
class FastRead:
    """Per page, pdfplumber-style text line dicts (text, x0, x1, top, bottom); ``None`` with a reason otherwise.

    ``paths``: per page, how many path objects it draws (ruled lines: where a table may be).
    """
    pages: list[list[dict]] | None
    reason: str = ""
    paths: tuple[int, ...] = ()


def text_lines(data: bytes, plumber_pages) -> FastRead:
    """Text lines of every page of ``data`` read with pdfium, or a reason to read it with pdfplumber.

    Args:
        data: the PDF bytes.
        plumber_pages: the same document's ``pdfplumber`` pages (already opened, so open errors and
            the page limit are pdfplumber's as before); used for the structure checks that must
            happen before pdfium parses anything.
    """
    try:
        descents = [check_structure(page) for page in plumber_pages]
    except _Refuse as exc:
        return FastRead(None, exc.args[0])
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on odd input; pdfplumber will report it
        return FastRead(None, f"structure check failed: {type(exc).__name__}")
    if not LOCK.acquire(timeout=LOCK_WAIT):
        return FastRead(None, "pdfium busy in another thread")
    try:
        pages, paths = _read(data, [page.height for page in plumber_pages], descents)
        return FastRead(pages, paths=tuple(paths))
    except _Refuse as exc:
        return FastRead(None, exc.args[0])
    except Exception as exc:  # noqa: BLE001 - pdfium errors (PdfiumError, ...) mean: ask pdfplumber
        return FastRead(None, f"pdfium error: {type(exc).__name__}")
    finally:
        LOCK.release()


# ---------------------------------------------------------------------------------------------- pdfium
def _retyped(func, restype, *argtypes):
    """The same pdfium function with plain integer handles (pypdfium2's typed pointers do not hash)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(func, ctypes.c_void_p).value)


class _C:
    """pdfium entry points, bound once on first use."""
    ready = False

    @classmethod
    def bind(cls) -> None:
        if cls.ready:
            return
        import pypdfium2.raw as r

        vp, i, f, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_float, ctypes.c_double
        cls.count_objects = _retyped(r.FPDFPage_CountObjects, i, vp)
        cls.get_object = _retyped(r.FPDFPage_GetObject, vp, vp, i)
        cls.object_type = _retyped(r.FPDFPageObj_GetType, i, vp)
        cls.bounds = _retyped(r.FPDFPageObj_GetBounds, i, vp, *[ctypes.POINTER(f)] * 4)
        cls.render_mode = _retyped(r.FPDFTextObj_GetTextRenderMode, i, vp)
        cls.count_marks = _retyped(r.FPDFPageObj_CountMarks, i, vp)
        cls.get_mark = _retyped(r.FPDFPageObj_GetMark, vp, vp, ctypes.c_ulong)
        cls.mark_param_type = _retyped(r.FPDFPageObjMark_GetParamValueType, i, vp, ctypes.c_char_p)
        cls.font = _retyped(r.FPDFTextObj_GetFont, vp, vp)
        cls.font_size = _retyped(r.FPDFTextObj_GetFontSize, i, vp, ctypes.POINTER(f))
        cls.descent = _retyped(r.FPDFFont_GetDescent, i, vp, f, ctypes.POINTER(f))
        cls.glyph_width = _retyped(r.FPDFFont_GetGlyphWidth, i, vp, ctypes.c_uint, f, ctypes.POINTER(f))
        cls.base_font = _retyped(r.FPDFFont_GetBaseFontName, ctypes.c_ulong, vp, ctypes.c_char_p, ctypes.c_ulong)
        cls.count_chars = _retyped(r.FPDFText_CountChars, i, vp)
        cls.char_object = _retyped(r.FPDFText_GetTextObject, vp, vp, i)
        cls.unicode = _retyped(r.FPDFText_GetUnicode, ctypes.c_uint, vp, i)
        cls.generated = _retyped(r.FPDFText_IsGenerated, i, vp, i)
        cls.map_error = _retyped(r.FPDFText_HasUnicodeMapError, i, vp, i)
        cls.origin = _retyped(r.FPDFText_GetCharOrigin, i, vp, i, ctypes.POINTER(d), ctypes.POINTER(d))
        cls.matrix = _retyped(r.FPDFText_GetMatrix, i, vp, i, ctypes.POINTER(r.FS_MATRIX))
        cls.FS_MATRIX = r.FS_MATRIX
        cls.TEXT, cls.PATH, cls.IMAGE = r.FPDF_PAGEOBJ_TEXT, r.FPDF_PAGEOBJ_PATH, r.FPDF_PAGEOBJ_IMAGE
        cls.INVISIBLE = r.FPDF_TEXTRENDERMODE_INVISIBLE
        cls.ready = True


def _read(data: bytes, heights: list[float], descents: list[dict]) -> tuple[list[list[dict]], list[int]]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as r

    _C.bind()
    doc = pdfium.PdfDocument(data)
    try:
        if not r.FPDF_DocumentHasValidCrossReferenceTable(doc.raw):
            raise _Refuse("cross-reference table repaired")
        if r.FPDF_GetSecurityHandlerRevision(doc.raw) != -1:
            raise _Refuse("encrypted")
        if len(doc) != len(heights):
            raise _Refuse("page count differs from pdfminer's")
        pages, paths = [], []
        for index, height in enumerate(heights):
            page = doc[index]
            try:
                lines, n_paths = _page_lines(page, height, descents[index])
            finally:
                page.close()
            pages.append(lines)
            paths.append(n_paths)
        return pages, paths
    finally:
        doc.close()


def _page_lines(page, height: float, descents: dict) -> tuple[list[dict], int]:
    """The page's text lines and its number of path objects."""
    from .pdf_words import han_textmap

    left, bottom, right, top = page.get_mediabox()
    if (left, bottom) != (0, 0) or abs(top - height) > 0.01:
        raise _Refuse("page box differs from pdfminer's")
    text_objects, paths = _census(ctypes.cast(page.raw, ctypes.c_void_p).value)
    textpage = page.get_textpage()
    try:
        chars = _chars(ctypes.cast(textpage.raw, ctypes.c_void_p).value, height, text_objects, descents)
    finally:
        textpage.close()
    _check_duplicates(chars)
    width = right - left
    textmap = han_textmap(chars, layout_bbox=(0, 0, width, height), layout_width=width, layout_height=height)
    lines = textmap.extract_text_lines(strip=True, return_chars=False)
    if not any(line["text"].strip() for line in lines):
        raise _Refuse("page without text")
    return lines, paths


def _census(page: int) -> tuple[set[int], int]:
    """The page's text objects and path count; refuses images, many paths, forms, invisible text and /ActualText."""
    c = _C
    texts, paths = set(), 0
    for k in range(c.count_objects(page)):
        obj = c.get_object(page, k)
        kind = c.object_type(obj)
        if kind == c.TEXT:
            if c.render_mode(obj) == c.INVISIBLE:
                raise _Refuse("invisible text")
            for m in range(c.count_marks(obj)):
                if c.mark_param_type(c.get_mark(obj, m), b"ActualText"):
                    raise _Refuse("ActualText")
            texts.add(obj)
        elif kind == c.PATH:
            paths += 1
        else:
            raise _Refuse("image, form or shading object")
    if paths > MAX_PATHS:
        raise _Refuse("many path objects")
    return texts, paths


@dataclass(frozen=True, slots=True)
class _Font:
    """What pdfminer's char box needs from one text object."""
    font: int
    size: float        # Tf size
    a: float           # text rendering matrix scale (x includes Tz) ...
    d: float           # ... and y
    ascent: float      # from the baseline to pdfminer's box top: (descent + 1) * size * d
    standard: bool     # one of the 14 standard fonts: pdfminer takes widths from its AFM tables


def _font_of(obj: int, textpage: int, index: int, descents: dict) -> _Font:
    c = _C
    matrix = c.FS_MATRIX()
    c.matrix(textpage, index, matrix)
    if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
        raise _Refuse("rotated or mirrored text")
    size = ctypes.c_float()
    font = c.font(obj)
    if not font or not c.font_size(obj, size) or size.value <= 0:
        raise _Refuse("text object without font size")
    from pdfminer.fontmetrics import FONT_METRICS

    name = _base_name(font)
    descent = _descent(name, size.value, descents)
    return _Font(font, size.value, matrix.a, matrix.d, (descent + size.value) * matrix.d, name in FONT_METRICS)


def _base_name(font: int) -> str:
    buf = ctypes.create_string_buffer(256)
    n = _C.base_font(font, buf, 256)
    return untagged(buf.value.decode("latin-1")) if 0 < n <= 256 else ""


def _descent(name: str, size: float, descents: dict) -> float:
    """pdfminer's descent in points for font ``name`` at ``size`` (see ``pdf_structure.check_structure``)."""
    if name not in descents:
        raise _Refuse("font not found in the page resources")
    if descents[name] is None:
        raise _Refuse("fonts of one name with different descents")
    return descents[name] * size


def _chars(textpage: int, height: float, text_objects: set[int], descents: dict) -> list[dict]:
    """pdfplumber-style char dicts (text, x0, x1, top, bottom, doctop, upright) of one page."""
    c = _C
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    width = ctypes.c_float()
    fonts: dict[int, _Font] = {}
    widths: dict[tuple[int, int], float] = {}
    chars: list[dict] = []
    run: list[dict] = []                        # the current text object's chars
    current, baseline, last_x, info = None, 0.0, 0.0, None
    for i in range(c.count_chars(textpage)):
        obj = c.char_object(textpage, i)
        if not obj:
            continue                            # a space or line break pdfium generated itself
        if c.map_error(textpage, i):
            raise _Refuse("glyph without Unicode mapping")
        code = c.unicode(textpage, i)
        if code == 0x20 and c.generated(textpage, i):
            continue                            # pdfium's own space for a wide TJ gap (pdfplumber splits words itself)
        if code < 0x20 or 0xD800 <= code <= 0xDFFF or code in (0xFFFD, 0xFFFE, 0xFFFF):
            raise _Refuse("control, surrogate or replacement character")
        c.origin(textpage, i, px, py)
        # pdfium keeps positions in float32 (87.996 comes back as 87.99600219...); pdfminer's are
        # doubles. Rounding to 1e-4 pt gives back the decimal value, so gaps that are exactly
        # pdfplumber's 3 pt word tolerance fall on the same side.
        ox, oy = round(x.value, 4), round(y.value, 4)
        if obj != current:
            _settle_advances(run)
            info = fonts.get(obj) or fonts.setdefault(obj, _font_of(obj, textpage, i, descents))
            current, baseline, last_x, run = obj, oy, float("-inf"), []
        elif oy != baseline or ox < last_x or (ox == last_x and info.standard):
            raise _Refuse("glyphs out of line (vertical or repositioned text)")
        elif ox == last_x and run:
            # One glyph mapped to several code points ("——" as one glyph, ligatures): pdfium gives
            # each code point the glyph's origin, pdfminer one char; its advance comes from the next origin.
            run[-1]["text"] += chr(code)
            run[-1]["merged"] = True
            continue
        last_x = ox
        key = (info.font, code)
        advance = widths.get(key)
        if advance is None:
            if not c.glyph_width(info.font, code, 1000.0, ctypes.byref(width)) or width.value < 0:
                raise _Refuse("glyph without width")
            advance = widths[key] = width.value / 1000
        top = height - (oy + info.ascent)
        chars.append({"text": chr(code), "x0": ox, "x1": ox + advance * info.size * info.a,
                      "top": top, "bottom": top + info.size * info.d, "doctop": top, "upright": True,
                      "baseline": oy})
        run.append(chars[-1])
    _settle_advances(run)
    if not chars:
        raise _Refuse("page without text")
    for obj in text_objects - set(fonts):
        space = _blank_object_space(obj, chars)
        if space is not None:
            chars.append(space)
    return chars


def _settle_advances(run: list[dict]) -> None:
    """Give glyphs with several code points their advance: the next glyph's origin in the object.

    That holds only where the object adds no character or word spacing and no kerning, which the
    object's other glyphs show (each starts exactly where the one before ends); else refused.
    """
    if not any("merged" in ch for ch in run):
        return
    if "merged" in run[-1]:
        raise _Refuse("glyph with several code points ends its text object")
    for before, after in zip(run, run[1:]):
        if "merged" in before:
            before["x1"] = after["x0"]
        elif abs(after["x0"] - before["x1"]) > 1e-3:
            raise _Refuse("glyph with several code points among spaced or kerned glyphs")


def _blank_object_space(obj: int, chars: list[dict]) -> dict | None:
    """The space pdfminer reads from a text object pdfium keeps no characters of.

    LibreOffice writes many word spaces as text objects of their own; pdfium drops them, but to
    pdfplumber such a space splits the words around it. A space has no glyph, so its object has
    empty bounds at the origin; it becomes a zero-width space on the baseline of the characters
    there (spaces only ever split words); on a baseline without characters (an empty paragraph) it
    splits nothing and is left out. Any other character-less object is a text object pdfium
    skipped as a duplicate of the one before (fake bold) or something unknown: refused.
    """
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not _C.bounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)):
        raise _Refuse("text object without bounds")
    if right.value - left.value > 0.01 or top.value - bottom.value > 0.01:
        raise _Refuse("text objects pdfium skipped (drawn twice?) or without characters")
    x, baseline = round(left.value, 4), round(bottom.value, 4)
    for ch in chars:
        if ch["baseline"] == baseline and ch["text"] != " ":
            return {"text": " ", "x0": x, "x1": x, "top": ch["top"], "bottom": ch["bottom"], "doctop": ch["top"],
                    "upright": True, "baseline": baseline}
    return None


def _check_duplicates(chars: list[dict]) -> None:
    """Refuse fake bold: the same character twice within ``DUPLICATE_TOLERANCE`` in x and y."""
    by_text: dict[str, list[tuple[float, float]]] = {}
    for ch in chars:
        by_text.setdefault(ch["text"], []).append((ch["top"], ch["x0"]))
    for text, spots in by_text.items():
        if len(spots) < 2 or text.isspace():
            continue
        spots.sort()
        for k, (top, x0) in enumerate(spots):
            for other_top, other_x0 in spots[k + 1:]:
                if other_top - top > DUPLICATE_TOLERANCE:
                    break
                if abs(other_x0 - x0) <= DUPLICATE_TOLERANCE:
                    raise _Refuse("duplicated glyphs (fake bold)")
