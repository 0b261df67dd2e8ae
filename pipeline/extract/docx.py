"""Word .docx: zip guard first, then python-docx, blocks in document order.

The body is walked in document order (what ``iter_inner_content`` yields, plus paragraphs inside
content controls ``w:sdt`` and ``w:customXml`` which it skips): paragraphs, then tables cell by cell
(merged cells once, nested tables after their cell), text boxes (``w:txbxContent``, the
``mc:Fallback`` copy ignored) after the paragraph that anchors them, imported chunks
(``w:altChunk`` HTML/MHT/plain text, as OA systems write them), and finally the header and footer
parts as ``header``/``footer`` blocks. Word automatic numbering is rendered into
``Block.marker`` by ``docx_numbering``. Hidden text (``w:vanish`` runs) and tracked deletions are
left out; a body holding only pictures (a pasted scan) is ``needs_ocr`` with E114, not "no text".
Opening the package (and re-labelling a macro-enabled one) is ``docx_open``'s.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ..config import Limits
from ..errors import error
from ..model import Block, Extraction, Status
from .docx_numbering import W, Numbering
from .docx_open import as_plain_docx
from .docx_open import open_docx as _open
from .failure import container_refused, failed, text_too_large
from .txt import finish

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_TAGS = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-",
              W + "softHyphen": ""}
_SKIP = {W + "txbxContent", MC_FALLBACK, W + "pPr", W + "rPr", W + "del", W + "moveFrom",
         W + "footnoteReference", W + "endnoteReference"}
_HEADING_STYLES = ("heading", "title", "标题")
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class _Context:
    """What every walk step needs: limits, the package part for lookups, and numbering/style state.

    The numbering/style state is built on first need: only a paragraph that names a style or a list
    needs it (``_names_style_or_list``), and reading the styles part of python-docx's own template
    (164 styles, 9,000 elements) is a third of the reader's own time on a document typed in Normal.
    """

    document: object
    limits: Limits
    part: object = None
    _numbering: Numbering | None = None
    tables: int = 0                      # tables met so far: the next table's number in ``Block.cell``

    @property
    def numbering(self) -> Numbering:
        if self._numbering is None:
            self._numbering = Numbering.from_elements(_numbering_element(self.document),
                                                      _styles_element(self.document))
        return self._numbering


def extract(data: bytes, *, name: str, limits: Limits) -> Extraction:
    """Read a .docx; hostile containers are refused before python-docx sees them."""
    refused = container_refused(data, "docx", limits)
    if refused is not None:
        return refused
    document, failure = _open(data)
    if failure is not None and failure.reason == "not_word_document":
        plain = as_plain_docx(data)        # .docm/.dotm: same body, macro-enabled content type
        if plain is not None:
            document, failure = _open(plain)
    if failure is not None:
        return failure
    ctx = _Context(document, limits, document.part)
    blocks: list[Block] = []
    walk_container(document.element.body, ctx, blocks)
    if not any(b.text.strip() or b.marker for b in blocks):
        pictures = count_pictures(document.element.body)
        if pictures:      # a scan pasted into Word: say so, rather than "no text"
            return _fail(Status.NEEDS_OCR, "only_images", error("E114", n=pictures))
    blocks.extend(furniture_blocks(document, ctx))
    too_large = text_too_large(blocks, "docx", limits)
    if too_large is not None:
        return too_large
    return finish(Extraction(blocks=tuple(blocks), file_type="docx"))


_fail = partial(failed, "docx")


def _numbering_element(document):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except (KeyError, AttributeError):
        return None


def _styles_element(document):
    try:
        return document.styles.element
    except (KeyError, AttributeError, ValueError):
        return None


# ------------------------------------------------------------------------------------------- walking
def walk_container(container, ctx: _Context, out: list[Block], kind: str = "paragraph") -> None:
    """Paragraphs and tables of a body/cell/header/text box, in order."""
    for child in container:
        tag = child.tag
        if tag == W + "p":
            out.extend(paragraph_blocks(child, ctx, kind))
        elif tag == W + "tbl":
            out.extend(table_blocks(child, ctx))
        elif tag == W + "altChunk":
            out.extend(alt_chunk_blocks(child, ctx))
        elif tag in (W + "sdt", W + "customXml", W + "ins", W + "moveTo"):
            if tag == W + "sdt" and showing_placeholder(child):
                continue
            inner = child.find(W + "sdtContent") if tag == W + "sdt" else child
            if inner is not None:
                walk_container(inner, ctx, out, kind)


def paragraph_text(p) -> str:
    """Visible text of a paragraph: runs, hyperlinks, fields' results, inline content controls;
    hidden runs (``w:vanish``, Word's 隐藏文字) are left out."""
    parts: list[str] = []

    def visit(el):
        for child in el:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str) or (tag == W + "sdt" and showing_placeholder(child)):
                continue
            if tag == W + "r" and hidden_run(child):
                continue
            if tag in _TEXT_TAGS:
                fixed = _TEXT_TAGS[tag]
                parts.append((child.text or "") if fixed is None else fixed)
            elif tag == W + "sym":
                parts.append(_sym(child))
            else:
                visit(child)

    visit(p)
    return "".join(parts)


_OFF = {"0", "false", "off"}


def hidden_run(run) -> bool:
    """A run formatted as hidden text (``<w:vanish/>`` in its own properties, not switched off)."""
    props = run.find(W + "rPr")
    vanish = props.find(W + "vanish") if props is not None else None
    return vanish is not None and (vanish.get(W + "val") or "true").lower() not in _OFF


def count_pictures(body) -> int:
    """Pictures in the body: DrawingML ``w:drawing`` and VML ``w:pict``, each alternate-content
    picture once (its ``mc:Fallback`` copy not counted)."""
    return sum(1 for el in body.iter(W + "drawing", W + "pict")
               if next(el.iterancestors(MC_FALLBACK), None) is None)


def showing_placeholder(sdt) -> bool:
    """A content control still showing its prompt ("单击此处输入文字") holds no document text."""
    props = sdt.find(W + "sdtPr")
    return props is not None and props.find(W + "showingPlcHdr") is not None


def _sym(el) -> str:
    code = el.get(W + "char") or ""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    return chr(value) if value < 0xF000 else ""   # symbol-font private-use glyphs carry no text


def _paragraph_style(p) -> str:
    ppr = p.find(W + "pPr")
    style = ppr.find(W + "pStyle") if ppr is not None else None
    return style.get(W + "val") if style is not None else ""


def _names_style_or_list(p) -> bool:
    """Whether a paragraph names a style or a list; if not, it has no marker and no style name
    (``Numbering.resolve`` finds nothing for no numId and style "")."""
    ppr = p.find(W + "pPr")
    return ppr is not None and (ppr.find(W + "pStyle") is not None or ppr.find(W + "numPr") is not None)


def style_and_marker(p, ctx: _Context) -> tuple[str, str]:
    """A paragraph's style name and rendered list marker; the numbering state is only asked for
    (and so only built) when the paragraph names a style or a list."""
    if not _names_style_or_list(p):
        return "", ""
    style_id = _paragraph_style(p)
    return ctx.numbering.style_names.get(style_id, style_id), paragraph_marker(p, ctx.numbering)


def paragraph_marker(p, numbering: Numbering) -> str:
    ppr = p.find(W + "pPr")
    numpr = ppr.find(W + "numPr") if ppr is not None else None
    num_id = ilvl = None
    if numpr is not None:
        nid_el, ilvl_el = numpr.find(W + "numId"), numpr.find(W + "ilvl")
        num_id = nid_el.get(W + "val") if nid_el is not None else None
        try:
            ilvl = int(ilvl_el.get(W + "val")) if ilvl_el is not None else None
        except (TypeError, ValueError):
            ilvl = None
    resolved = numbering.resolve(num_id, ilvl, _paragraph_style(p))
    return numbering.next_marker(*resolved) if resolved else ""


def paragraph_blocks(p, ctx: _Context, kind: str = "paragraph") -> list[Block]:
    """The paragraph's block (marker rendered, empty paragraphs dropped) and its text boxes."""
    style, marker = style_and_marker(p, ctx)
    text = paragraph_text(p)
    blocks = []
    if text.strip():
        block_kind = kind
        if kind == "paragraph" and style.lower().startswith(_HEADING_STYLES):
            block_kind = "heading"
        blocks.append(Block(text=text, kind=block_kind, marker=marker, style=style))
    for box in textboxes(p):
        sub: list[Block] = []
        walk_container(box, ctx, sub, kind="textbox")
        blocks.extend(sub)
    return blocks


def textboxes(p):
    """``w:txbxContent`` under a paragraph, outermost only, skipping ``mc:Fallback`` duplicates."""
    if next(p.iter(W + "txbxContent"), None) is None:    # the common case, asked in C: no walk in Python
        return []
    return walk_textboxes(p)


def walk_textboxes(p):
    """``textboxes`` by a walk in Python over every element under ``p``."""
    found = []

    def visit(el):
        for child in el:
            if not isinstance(child.tag, str) or child.tag == MC_FALLBACK:
                continue
            if child.tag == W + "txbxContent":
                found.append(child)
            else:
                visit(child)

    visit(p)
    return found


def table_blocks(tbl, ctx: _Context) -> list[Block]:
    """One ``table_cell`` block per cell, row by row; vertically merged continuations skipped.

    Each block keeps its place, ``Block.cell`` = (table number, row, grid column, rows the cell
    covers: 1, or more for a ``w:vMerge`` restart), so a form's row (序号 | 任务 | 落实情况) can be
    read as one unit later (``gap_passages.table_rows``) and a task table tells a merged
    continuation from a blank cell (``checklist_tables``).
    """
    blocks: list[Block] = []
    rows = [row for row in tbl.iter(W + "tr") if row.getparent() is tbl]
    cells_of = [row.findall(W + "tc") + [c for sdt in row.findall(W + "sdt") for c in sdt.iter(W + "tc")]
                for row in rows]
    if cells_of and all(len(cells) == 1 for cells in cells_of):
        # one cell a row: a frame around paragraphs (a speech laid out in a one-column table, a
        # boxed title), not a grid; read as paragraphs, its items and headings reach the outline
        for cells in cells_of:
            walk_container(cells[0], ctx, blocks)
        return blocks
    table = ctx.tables
    ctx.tables += 1
    placed = [list(_placed(cells)) for cells in cells_of]
    continued = {(r, column) for r, row in enumerate(placed) for _, column, merge in row if merge == "continue"}
    for row_number, row in enumerate(placed):
        for cell, column, merge in row:
            if merge == "continue":
                continue
            height = 1          # rows the cell covers: itself and the vMerge continuations below it
            while merge == "restart" and (row_number + height, column) in continued:
                height += 1
            place = (table, row_number, column, height)
            lines: list[str] = []
            nested: list[Block] = []
            for child in cell:
                if child.tag == W + "p":
                    _, marker = style_and_marker(child, ctx)
                    text = paragraph_text(child)
                    if text.strip():
                        lines.append(marker + text)
                    for box in textboxes(child):
                        walk_container(box, ctx, nested, kind="textbox")
                elif child.tag == W + "tbl":
                    nested.extend(table_blocks(child, ctx))
            if lines:
                blocks.append(Block(text="\n".join(lines), kind="table_cell", cell=place))
            blocks.extend(nested)
    return blocks


def _placed(cells):
    """(cell, grid column, "restart" | "continue" | "") of each cell of a row (``w:vMerge``)."""
    column = 0
    for cell in cells:
        tcpr = cell.find(W + "tcPr")
        vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
        merge = "" if vmerge is None else ("restart" if vmerge.get(W + "val") == "restart" else "continue")
        yield cell, column, merge
        column += _grid_span(tcpr)


def _grid_span(tcpr) -> int:
    """How many grid columns a cell spans (``w:gridSpan``, 1 when absent or unreadable)."""
    span = tcpr.find(W + "gridSpan") if tcpr is not None else None
    try:
        return max(1, int(span.get(W + "val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def furniture_blocks(document, ctx: _Context) -> list[Block]:
    """Header and footer parts, each once, in section order (``header``/``footer`` blocks)."""
    blocks: list[Block] = []
    seen: set[str] = set()
    part = document.part
    for sect in document.element.body.iter(W + "sectPr"):
        for tag, kind in ((W + "headerReference", "header"), (W + "footerReference", "footer")):
            for ref in sect.findall(tag):
                rid = ref.get(R_ID)
                if not rid or rid in seen:
                    continue
                seen.add(rid)
                try:
                    element = part.related_parts[rid].element
                except (KeyError, AttributeError):
                    continue
                sub: list[Block] = []
                walk_container(element, ctx, sub, kind=kind)
                blocks.extend(Block(text=b.text, kind=kind, marker=b.marker, style=b.style) for b in sub)
    return blocks


def alt_chunk_blocks(chunk, ctx: _Context) -> list[Block]:
    """``w:altChunk``: content imported as a whole file (OA systems embed HTML/MHT/plain text this way)."""
    try:
        part = ctx.part.related_parts[chunk.get(R_ID)]
        blob, content_type = part.blob, part.content_type.lower()
    except (KeyError, AttributeError, TypeError):
        return []
    if len(blob) > ctx.limits.max_member_bytes:
        return []
    if "html" in content_type or content_type == "message/rfc822":
        from .html import decode_html, html_blocks, mht_html

        archived = mht_html(blob)
        decoded = decode_html(archived[0] if archived else blob)
        return list(html_blocks(decoded[0])) if decoded else []
    if content_type.startswith("text/plain"):
        from .txt import decode, text_blocks

        decoded = decode(blob)
        return list(text_blocks(decoded[0])) if decoded else []
    return []    # RTF or nested OOXML chunks are not unpacked
