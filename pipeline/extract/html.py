"""HTML pages: visible text, one block per block-level element.

Decoding: BOM, then a ``<meta charset>``/``http-equiv`` declaration, then the plain-text decoding
order (``txt.decode``; never latin-1). Parsing: ``lxml.html`` with no network access; HTML has no
external entities, and named references are decoded, including a bare ``&nbsp`` with no ``;``.
``script``/``style``/``nav``/``head``/``aside`` and friends are dropped; a page-level ``<header>`` and
any ``<footer>`` become ``header``/``footer`` blocks (kept, never classified); ``p``, ``div``, ``li``, ``h1``-``h6``,
``br``, table cells … end a block; whitespace collapses as a browser renders it.

Site furniture written without those elements is recognised too (``html_boilerplate``): containers
named nav/menu/footer/copyright… by class, id or ARIA role, link lists ("首页 | 新闻 | 登录"),
breadcrumbs, and ICP/版权所有/地址…电话 lines. When the body has no title block of its own, the
page's ``<title>`` without its site-name suffix is put first as a heading, so it becomes the title.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import replace

from ..config import Limits
from ..errors import error
from ..model import Block, Extraction, Status, Warning_
from .failure import failed, file_too_large, text_too_large
from .html_boilerplate import container_role, is_link_list, mark_text_boilerplate, page_title, with_title
from .sentences import TERMINALS
from .txt import decode, finish, quality_warnings

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-.:]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BARE_NBSP = re.compile(r"&nbsp(?![;A-Za-z0-9])", re.I)
_WS = re.compile(r"[ \t\n\r\f\v]+")
DROP = {"script", "style", "noscript", "template", "head", "nav", "iframe", "object", "embed", "svg",
        "canvas", "button", "select", "input", "textarea", "form", "menu", "aside"}
# Page furniture kept as header/footer blocks (never classified): a page-level <header>, any <footer>.
_CONTENT_SECTIONS = {"article", "main"}
BLOCK = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
         "td", "th", "thead", "tbody", "tfoot", "caption", "section", "article", "aside", "header", "footer",
         "main", "blockquote", "pre", "address", "figure", "figcaption", "hr", "center", "body", "html",
         "title", "fieldset", "details", "summary"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CELLS = {"td", "th"}
_CODEC_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5", "cp936": "gb18030"}


def decode_html(data: bytes) -> tuple[str, str, tuple[Warning_, ...]] | None:
    """(text, encoding, warnings): BOM, declared charset (when it decodes), then ``txt.decode``."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        name = _CODEC_ALIASES.get(name, name)
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = ""
        if codec and not codec.startswith(("latin", "iso8859", "cp125", "ascii")):
            try:
                return data.decode(codec), codec, ()
            except UnicodeDecodeError:
                pass
    return decode(data)


def mht_html(data: bytes) -> tuple[bytes, str | None] | None:
    """The first text/html part of a MIME web archive (.mht) and its declared charset."""
    from .sniff import is_mht

    if not is_mht(data[:4096]):
        return None
    import email
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    return payload, part.get_content_charset()
    except (ValueError, TypeError, LookupError, IndexError):
        return None
    return None


def extract(data: bytes, *, name: str, limits: Limits) -> Extraction:
    """Visible text of an HTML page (or of the page inside a .mht archive) as blocks."""
    refused = file_too_large(data, "html", limits)
    if refused is not None:
        return refused
    archived = mht_html(data)
    if archived is not None:
        data, charset = archived
        if charset and not _META_CHARSET.search(data[:4096]):
            data = f'<meta charset="{charset}">'.encode("ascii", "ignore") + data
    decoded = decode_html(data)
    if decoded is None:
        return failed("html", Status.CORRUPT, "undecodable", error("E107"))
    text, encoding, warnings = decoded
    blocks = html_blocks(text)
    too_large = text_too_large(blocks, "html", limits, encoding=encoding)
    if too_large is not None:
        return too_large
    joined = "\n".join(b.text for b in blocks)
    return finish(Extraction(blocks=blocks, file_type="html", encoding=encoding,
                             warnings=warnings + quality_warnings(joined)))


def html_blocks(text: str) -> tuple[Block, ...]:
    import lxml.html
    from lxml import etree

    text = _BARE_NBSP.sub("&nbsp;", _XML_DECL.sub("", text.lstrip("\ufeff")))
    if not text.strip():
        return ()
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  remove_blank_text=False, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ()
    collector = _Collector()
    collector.walk(root)
    collector.flush()
    return with_title(mark_text_boilerplate(collector.blocks), page_title(root))


_PAGE_LEVEL = {"html", "body", "main", "article"}


class _Grid:
    """An open table: its number, the current row, its next column and its cells' block spans."""

    __slots__ = ("number", "row", "column", "cells_in_row", "spans", "below")

    def __init__(self, number: int):
        self.number, self.row, self.column, self.cells_in_row = number, -1, 0, 0
        self.spans: list[list] = []        # the current row's cells
        self.below: dict[int, int] = {}    # grid column -> rows a ``rowspan`` cell above still covers


def _span(value) -> int:
    """A ``colspan``/``rowspan`` as a count of columns/rows (1 when absent or unreadable; capped)."""
    try:
        return min(max(1, int(value or 1)), 1000)
    except ValueError:
        return 1


_MAX_MENU_WORD = 8


def _is_link_row(chars: int, link_chars: int, links: int, sentence_ends: int) -> bool:
    """A layout table's row of two or more short links and nothing else ("首页 | 新闻中心" in
    ``<td><a>…</a></td>`` cells, QA12 L11): a menu, though too short for ``is_link_list``'s three."""
    return links >= 2 and 0 < chars == link_chars and chars <= _MAX_MENU_WORD * links and not sentence_ends


class _Collector:
    """Accumulates inline text; a block element boundary or ``<br>`` flushes it as one block.

    It also counts visible characters, the part of them inside links, links, and sentence ends
    outside links, so a block element that turns out to be a link list can be taken back.
    """

    def __init__(self):
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.kind = "paragraph"
        self.pre = 0
        self.furniture: list[str] = []
        self.content_depth = 0
        self.link_depth = 0
        self.counts = [0, 0, 0, 0]     # visible chars, chars inside links, links, sentence ends outside links
        self.tables = 0                # tables met so far: the next table's number in ``Block.cell``
        self.grids: list[_Grid] = []              # the open tables, innermost last
        self.cells: list[tuple[int, ...]] = []    # (table, row, column, rows) of each open cell
        self.spans: list[list] = []               # each open cell's [first block, end block, place, nested]

    def add(self, text: str) -> None:
        self.buffer.append(text)
        visible = len("".join(text.split()))
        self.counts[0] += visible
        if self.link_depth:
            self.counts[1] += visible
        else:
            self.counts[3] += sum(text.count(c) for c in TERMINALS)

    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        lines = raw.split("\n") if self.pre else [_WS.sub(" ", raw)]
        for line in lines:
            line = line if self.pre else line.strip(" ")
            if line.strip():
                kind = self.furniture[-1] if self.furniture else self.kind
                place = self.cells[-1] if kind == "table_cell" and self.cells else ()
                self.blocks.append(Block(text=line, kind=kind, cell=place))
        self.kind = "paragraph"

    def enter_grid(self, tag: str, el) -> None:
        """Keep each cell's place (table, row, column with ``colspan`` counted, rows its ``rowspan``
        covers) for ``Block.cell``."""
        if tag == "table":
            if self.spans:
                self.spans[-1][3] = True          # a table inside a cell: that cell is a frame
            self.grids.append(_Grid(self.tables))
            self.tables += 1
        elif tag == "tr" and self.grids:
            grid = self.grids[-1]
            if grid.row >= 0:      # the rows a rowspan cell covers: its columns are taken there
                grid.below = {c: n - 1 for c, n in grid.below.items() if n > 1}
            grid.row, grid.column, grid.cells_in_row, grid.spans = grid.row + 1, 0, 0, []
        elif tag in CELLS and self.grids:
            grid = self.grids[-1]
            while grid.column in grid.below:
                grid.column += 1
            width, height = _span(el.get("colspan")), _span(el.get("rowspan"))
            place = (grid.number, max(grid.row, 0), grid.column, height)     # height: rows it covers
            self.cells.append(place)
            span = [len(self.blocks), None, place, False]
            self.spans.append(span)
            grid.spans.append(span)
            grid.cells_in_row += 1
            if height > 1:
                grid.below.update((c, height) for c in range(grid.column, grid.column + width))
            grid.column += width

    def leave_grid(self, tag: str) -> None:
        """Close a cell, row or table. In a row of two or more cells, each cell that held one
        paragraph (``<td><p>…</p></td>``, as Word writes HTML tables) is a table cell, like text
        typed straight into ``<td>``; a one-cell row (a frame around paragraphs) is left alone.
        Called after a link list was taken back, so a span past the last block was dropped with it."""
        if tag in CELLS and self.grids:
            self.cells.pop()
            self.spans.pop()[1] = len(self.blocks)
        elif tag == "tr" and self.grids:
            grid = self.grids[-1]
            for start, end, place, nested in grid.spans if grid.cells_in_row > 1 else ():
                if (not nested and end == start + 1 and end <= len(self.blocks)
                        and self.blocks[start].kind == "paragraph"):
                    self.blocks[start] = replace(self.blocks[start], kind="table_cell", cell=place)
            grid.spans = []
        elif tag == "table":
            self.grids.pop()

    def walk(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        role = container_role(el) if tag and tag not in _PAGE_LEVEL else ""
        if not tag or tag in DROP or role == "drop":
            # comments/PIs/dropped elements: only the text after them is visible
            if el.tail:
                self.add(el.tail)
            return
        if tag == "br":
            self.flush()
        elif tag in BLOCK:
            self.flush()
        if tag in HEADINGS:
            self.kind = "heading"
        elif tag in CELLS:
            self.kind = "table_cell"
        if tag == "pre":
            self.pre += 1
        self.enter_grid(tag, el)
        if tag == "footer" or role == "footer":
            furniture = "footer"
        elif (tag == "header" or role == "header") and not self.content_depth:
            furniture = "header"
        else:
            furniture = ""
        if furniture:
            self.furniture.append(furniture)
        if tag in _CONTENT_SECTIONS:
            self.content_depth += 1
        if tag == "a":
            self.counts[2] += 1
            self.link_depth += 1
        checked = tag in BLOCK and tag not in _PAGE_LEVEL
        mark = (len(self.blocks), list(self.counts)) if checked else None
        if el.text:
            self.add(el.text)
        for child in el:
            self.walk(child)
        if tag == "a":
            self.link_depth -= 1
        if tag in BLOCK:
            if tag in HEADINGS:
                self.kind = "heading"
            elif tag in CELLS:
                self.kind = "table_cell"
            self.flush()
        counted = tuple(now - then for now, then in zip(self.counts, mark[1])) if mark is not None else ()
        if counted and (is_link_list(*counted) or (tag == "tr" and _is_link_row(*counted))):
            del self.blocks[mark[0]:]          # a menu or link bar: site navigation, not the page's text
        if tag == "pre":
            self.pre -= 1
        self.leave_grid(tag)
        if furniture:
            self.furniture.pop()
        if tag in _CONTENT_SECTIONS:
            self.content_depth -= 1
        if el.tail:
            self.add(el.tail)
