"""Structure checks made with pdfminer before pdfium parses a page (for ``pdfium_text``).

pdfplumber has already opened the document, so these read pdfminer's objects: they refuse what
pdfium might spend unbounded work on (decompression bombs, form XObjects, Type3 glyph procedures)
or what would need coordinate conversion (rotated or offset pages), and collect the per-font
descent pdfminer builds character boxes from.
"""
from __future__ import annotations

import re
import zlib

MAX_CONTENT_BYTES = 8_000_000     # decoded content per page; a dense text page is ~0.1 MB
_MAX_INFLATE = 1032               # zlib's largest expansion ratio
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


class Refuse(Exception):
    """The document is not one the fast path vouches for; ``args[0]`` says why."""


def check_structure(page) -> dict[str, float | None]:
    """Refuse pages pdfium might spend unbounded work on, or whose coordinates need conversion.

    Returns pdfminer's descent (per unit of font size) of each font the page uses, by base font
    name without the subset tag (pdfium's naming); ``None`` where two fonts of one name disagree.
    pdfium takes the descent from the font program when it can, pdfminer from /FontDescriptor
    (LibreOffice writes /Descent 0): the boxes, and so line tops and heights, must use pdfminer's.
    """
    from pdfminer.pdftypes import resolve1

    obj = page.page_obj
    if page.rotation:
        raise Refuse("rotated page")
    if [float(v) for v in resolve1(obj.mediabox)][:2] != [0.0, 0.0]:
        raise Refuse("page box not at the origin")
    resources = resolve1(obj.resources) or {}
    for xobject in (resolve1(resources.get("XObject")) or {}).values():
        if _name(resolve1(xobject).get("Subtype")) == "Form":
            raise Refuse("form XObject")
    descents: dict[str, float | None] = {}
    for font in (resolve1(resources.get("Font")) or {}).values():
        font = resolve1(font)
        if _name(font.get("Subtype")) == "Type3":
            raise Refuse("Type3 font")
        for name, descent in _pdfminer_descents(font):
            descents[name] = descent if descents.get(name, descent) == descent else None
    streams = [resolve1(ref) for ref in obj.contents or ()]
    if sum(_size_bound(s) for s in streams) <= MAX_CONTENT_BYTES:
        return descents             # even compressed zeros could not inflate past the limit
    total = 0
    for stream in streams:
        total += _decoded_size(stream, MAX_CONTENT_BYTES - total)
        if total > MAX_CONTENT_BYTES:
            raise Refuse("content stream too large")
    return descents


def _pdfminer_descents(font) -> list[tuple[str, float]]:
    """(base name without subset tag, descent per unit size) as ``pdfminer.pdffont`` computes it."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdftypes import resolve1

    names = [_name(font.get("BaseFont"))]
    if _name(font.get("Subtype")) == "Type0":
        descendant = resolve1((resolve1(font.get("DescendantFonts")) or [{}])[0]) or {}
        names.append(_name(descendant.get("BaseFont")))
        descriptor = resolve1(descendant.get("FontDescriptor")) or {}
    elif names[0] in FONT_METRICS:                 # pdfminer: AFM metrics for the standard 14, always
        if "Widths" in font:
            raise Refuse("standard font with widths of its own (pdfminer ignores them, pdfium does not)")
        descriptor = FONT_METRICS[names[0]][0]
    else:
        descriptor = resolve1(font.get("FontDescriptor")) or {}
    descent = -abs(float(resolve1(descriptor.get("Descent", 0)) or 0)) / 1000
    return [(untagged(name), descent) for name in names]


def untagged(name: str) -> str:
    """A base font name without its subset tag ("ABCDEF+SimSun" -> "SimSun"); pdfium drops it for some fonts only."""
    return name[7:] if _SUBSET_TAG.match(name) else name


def _name(value) -> str:
    return getattr(value, "name", str(value))


def _size_bound(stream) -> int:
    raw = getattr(stream, "rawdata", None)
    return len(raw) * _MAX_INFLATE if raw is not None else len(stream.get_data())


def _decoded_size(stream, budget: int) -> int:
    """Decoded length of a content stream, inflating at most ``budget + 1`` bytes."""
    from pdfminer.pdftypes import resolve1

    if getattr(stream, "rawdata", None) is None:
        return len(stream.get_data())
    filters = resolve1(stream.get("Filter") or stream.get("F"))
    filters = [_name(f) for f in (filters if isinstance(filters, list) else [filters] if filters else [])]
    data = stream.rawdata
    if filters and filters[0] in _ASCII:             # reportlab writes ASCII85 + Flate; both shrink
        try:
            data = _ASCII[filters.pop(0)](data)
        except ValueError:
            raise Refuse("broken content stream") from None
    if not filters:
        return len(data)
    if filters != ["FlateDecode"] or stream.get("DecodeParms") or stream.get("DP"):
        raise Refuse("content stream filter")
    try:
        return len(zlib.decompressobj().decompress(data, budget + 1))
    except zlib.error:
        raise Refuse("broken content stream") from None


def _ascii85(data: bytes) -> bytes:
    from pdfminer.ascii85 import ascii85decode

    return ascii85decode(data)


def _asciihex(data: bytes) -> bytes:
    from pdfminer.ascii85 import asciihexdecode

    return asciihexdecode(data)


_ASCII = {"ASCII85Decode": _ascii85, "A85": _ascii85, "ASCIIHexDecode": _asciihex, "AHx": _asciihex}
