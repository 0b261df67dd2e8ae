"""Reader blocks -> ``Document``: the format-independent half of ingestion.

join blocks -> normalise (with an offset map back to the raw text) -> unwrap -> drop a web teaser ->
sentence units -> title block and metadata -> outline -> passages -> status.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..config import DEFAULT_LIMITS, Limits
from ..errors import error
from ..model import Block, Document, Extraction, Passage, PassageKind, Status, Warning_, content_id
from .metadata import detect
from .markers import match_marker
from .hanzi import is_mostly_traditional, to_simplified
from .normalise import Normalised, normalise
from .unwrap import unwrap_hard_wraps
from .outline import Placement, build_outline, coded_warning
from .sentences import Unit, split_units
from .teaser import teaser_span

CONTENT_KINDS = ("paragraph", "heading", "textbox", "list", "")
FURNITURE_KINDS = {"header": PassageKind.HEADER.value, "footer": PassageKind.FOOTER.value}

# Characters that exist only in traditional script, and their simplified counterparts.
_TRADITIONAL = set("這們個來為國會說時對學發經過還當與麼車頭見長門問開關東無進實現點體樣種義應處從電話報導變議氣聽邊區黨領際務護")
_SIMPLIFIED = set("这们个来为国会说时对学发经过还当与么车头见长门问开关东无进实现点体样种义应处从电话报导变议气听边区党领际务护")
_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL)) + "]")
_SIMPLIFIED_RE = re.compile("[" + "".join(sorted(_SIMPLIFIED)) + "]")


@dataclass(frozen=True, slots=True)
class _Piece:
    """A unit of text with what the build needs to know about it."""

    unit: Unit
    block_kind: str
    page: int | None
    cell: tuple[int, ...] = ()     # a table cell's (table, row, column): ``Block.cell``


def join_blocks(blocks: tuple[Block, ...]) -> tuple[str, list[tuple[int, int]]]:
    """Raw text (blocks joined with newlines, markers prepended) and each block's raw span."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for block in blocks:
        piece = (block.marker or "") + (block.text or "")
        spans.append((pos, pos + len(piece)))
        parts.append(piece)
        pos += len(piece) + 1
    return "\n".join(parts), spans


def _norm_span(norm: Normalised, raw_start: int, raw_end: int) -> tuple[int, int]:
    start = bisect.bisect_left(norm.offsets, raw_start, 0, len(norm.text))
    end = bisect.bisect_left(norm.offsets, raw_end, start, len(norm.text))
    return start, end


def is_traditional(text: str) -> bool:
    """Mostly traditional characters (a simple character-list vote)."""
    # counted by a character-class regex in C, not a Python loop over each character (0.4 -> 0.1 ms)
    trad = len(_TRADITIONAL_RE.findall(text))
    simp = len(_SIMPLIFIED_RE.findall(text))
    return trad >= 5 and trad > 2 * simp


def cap_units(text: str, units: list[Unit], max_chars: int) -> list[Unit]:
    """Cut units longer than ``max_chars`` (a 1 MB line with no full stop) at a comma or semicolon."""
    out: list[Unit] = []
    for unit in units:
        start, position = unit.start, unit.position
        while unit.end - start > max_chars:
            window = text[start:start + max_chars]
            cut = max(window.rfind(c) for c in "，；,;、 ") + 1
            cut = start + (cut if cut > max_chars // 2 else max_chars)
            out.append(Unit(start, cut, position, unit.line))
            start, position = cut, "sentence"
        out.append(Unit(start, unit.end, position, unit.line))
    return out


def _pieces(norm: Normalised, blocks: tuple[Block, ...], spans,
            max_chars: int) -> tuple[list[_Piece], list[_Piece]]:
    """Content pieces (paragraph text and table cells) and furniture pieces, in text order."""
    content: list[_Piece] = []
    furniture: list[_Piece] = []
    line_no = 0
    for block, start, end in _regions(norm, blocks, spans):
        kind = block.kind or "paragraph"
        if kind in FURNITURE_KINDS or kind == "table_cell":
            segment = norm.text[start:end]
            lstrip = len(segment) - len(segment.lstrip())
            rstrip = len(segment) - len(segment.rstrip())
            if end - rstrip <= start + lstrip:
                continue
            unit = Unit(start + lstrip, end - rstrip, "line", line_no)
            line_no += 1
            (furniture if kind in FURNITURE_KINDS else content).append(_Piece(unit, kind, block.page, block.cell))
            continue
        units = cap_units(norm.text, split_units(norm.text, start, end, first_line=line_no), max_chars)
        if units:
            line_no = units[-1].line + 1
        piece_kind = "heading" if kind == "heading" else "paragraph"
        content.extend(_Piece(u, piece_kind, block.page) for u in units)
    return content, furniture


def _regions(norm: Normalised, blocks: tuple[Block, ...], spans) -> list[tuple[Block, int, int]]:
    """Each block's span in the normalised text; text blocks that unwrapping joined become one region."""
    regions: list[tuple[Block, int, int]] = []
    for block, (rs, re_) in zip(blocks, spans):
        start, end = _norm_span(norm, rs, re_)
        if end <= start:
            continue
        kind = block.kind or "paragraph"
        if regions and kind not in FURNITURE_KINDS and kind != "table_cell":
            last, last_start, last_end = regions[-1]
            last_kind = last.kind or "paragraph"
            if last_kind == kind and last_end == start and start > 0 and norm.text[start - 1] != "\n":
                regions[-1] = (last, last_start, end)     # joined by unwrapping: one paragraph
                continue
        regions.append((block, start, end))
    return regions


def _lines(text: str, pieces: list[_Piece]) -> list[tuple[int, str]]:
    """(line number, line text) of content lines, in order."""
    spans: dict[int, list[int]] = {}
    for piece in pieces:
        unit = piece.unit
        if unit.line in spans:
            spans[unit.line][1] = unit.end
        else:
            spans[unit.line] = [unit.start, unit.end]
    return [(number, text[s:e]) for number, (s, e) in spans.items()]


def build_document(extraction: Extraction, *, doc_id: str, source: str, sha256: str,
                   limits: Limits = DEFAULT_LIMITS) -> Document:
    """Normalise, outline and cut an extraction into a ``Document`` (never raises for bad text)."""
    base = Document(doc_id=doc_id, source=source, sha256=sha256, file_type=extraction.file_type,
                    encoding=extraction.encoding, pages=extraction.pages, warnings=tuple(extraction.warnings))
    if not extraction.status.is_ok:
        return base.with_(status=extraction.status, reason=extraction.reason, message=extraction.message)
    blocks = tuple(extraction.blocks)
    raw, spans = join_blocks(blocks)
    if len(raw) > limits.max_text_chars:
        return base.with_(status=Status.TOO_LARGE, reason="text_chars",
                          message=error("E106", detail=f"{len(raw)} characters of text"))
    warnings: list[Warning_] = list(extraction.warnings)
    norm = normalise(raw)
    if is_mostly_traditional(norm.text):
        # every later stage (jieba, classifier, actor/unit matching) reads simplified Chinese
        simplified = norm.map_chars(to_simplified)
        changed = sum(a != b for a, b in zip(norm.text, simplified.text))
        norm = simplified
        warnings.append(coded_warning("W113", n=changed))
    if all((b.kind or "paragraph") == "paragraph" for b in blocks):     # plain lines only: never tables/furniture
        norm = unwrap_hard_wraps(norm, starts_item=lambda line: match_marker(line.strip()) is not None)
    # after unwrapping: a teaser hard-wrapped over several lines is one line again
    teaser = teaser_span(norm.text)
    if teaser is not None and _in_content_block(norm, blocks, spans, teaser[0]):
        norm = norm.delete(*teaser)
        warnings.append(coded_warning("W105"))
    text = norm.text
    content, furniture = _pieces(norm, blocks, spans, limits.max_passage_chars)
    if not content:
        return base.with_(status=Status.EMPTY, reason="no_text", message=error("E102"), text=text,
                          raw_text=raw, offsets=norm.offsets, warnings=tuple(warnings))
    if is_traditional(text):
        warnings.append(coded_warning("W104"))
    # a line with no full stop for tens of thousands of characters (a dump, a broken export) is cut by
    # cap_units at a comma or at the limit; say so rather than label such pieces silently
    long_pieces = sum(1 for p in content if p.unit.end - p.unit.start > limits.max_passage_chars // 2)
    if long_pieces:
        warnings.append(coded_warning("W112", n=long_pieces, chars=limits.max_passage_chars // 2))

    paragraph_lines = _lines(text, [p for p in content if p.block_kind in ("paragraph", "heading")])
    meta = detect([line for _, line in paragraph_lines])
    title_line_numbers = {number for number, _ in paragraph_lines[: meta.title_lines]}
    if meta.signature_lines:
        title_line_numbers |= {number for number, _ in paragraph_lines[-meta.signature_lines:]}
    units = [p.unit for p in content]
    eligible = [p.block_kind != "table_cell" and p.unit.line not in title_line_numbers for p in content]
    outline = build_outline(text, units, doc_id=doc_id, eligible=eligible)
    warnings.extend(outline.warnings)

    passages = _passages(doc_id, text, content, outline.placements, title_line_numbers, furniture)
    status = Status.OK_WITH_WARNINGS if warnings else Status.OK
    return base.with_(
        status=status, title=meta.title, kind=meta.kind, unit=meta.unit, speaker=meta.speaker, date=meta.date,
        warnings=tuple(warnings), text=text, raw_text=raw, offsets=norm.offsets, outline=outline.nodes,
        passages=tuple(passages),
    )


def _in_content_block(norm: Normalised, blocks, spans, pos: int) -> bool:
    for block, (rs, re_) in zip(blocks, spans):
        start, end = _norm_span(norm, rs, re_)
        if start <= pos < end or (pos < start):
            return (block.kind or "paragraph") in CONTENT_KINDS
    return False


def _passages(doc_id: str, text: str, content: list[_Piece], placements: tuple[Placement, ...],
              title_lines: set[int], furniture: list[_Piece]) -> list[Passage]:
    rows: list[tuple[int, _Piece, Placement | None]] = [
        (p.unit.start, p, placement) for p, placement in zip(content, placements)
    ] + [(p.unit.start, p, None) for p in furniture]
    rows.sort(key=lambda r: r[0])
    units_on_line: dict[int, int] = {}
    for piece in content:
        units_on_line[piece.unit.line] = units_on_line.get(piece.unit.line, 0) + 1
    passages: list[Passage] = []
    for index, (_, piece, placement) in enumerate(rows):
        unit = piece.unit
        body = text[unit.start:unit.end]
        if placement is None:
            kind = FURNITURE_KINDS[piece.block_kind]
            placement = Placement(kind=kind)
        elif piece.block_kind == "table_cell":
            kind = PassageKind.TABLE_CELL.value
        elif unit.line in title_lines:
            kind = PassageKind.TITLE.value     # title block or signature block: outside the outline
            placement = Placement(kind=kind)
        elif piece.block_kind == "heading" and units_on_line[unit.line] == 1 and placement.kind in (
                PassageKind.SENTENCE.value, PassageKind.ITEM.value):
            kind = PassageKind.HEADING.value     # a heading style standing alone, numbered or not
        else:
            kind = placement.kind
        passages.append(Passage(
            passage_id=content_id(doc_id, index, body), doc_id=doc_id, index=index, kind=kind, text=body,
            start=unit.start, end=unit.end, page=piece.page, path=placement.path, marker=placement.marker,
            node_id=placement.node_id, section=placement.section, lead_in=placement.lead_in, cell=piece.cell,
        ))
    return passages


__all__ = ["build_document", "cap_units", "join_blocks", "is_traditional"]
