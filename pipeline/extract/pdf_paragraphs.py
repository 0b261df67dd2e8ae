"""Paragraphs rebuilt from a PDF's text lines (``pdf.assemble``), tables placed among them.

A paragraph ends where a line stops short of the right margin and ends a clause, the next line is
indented, the gap widens, the size changes, a line well short of the column ends, or a full line
ending a sentence is followed by a list marker in a document without first-line indents; a heading
line ("一、总体要求") or a title above an addressee or salutation line ("同志们：") or a bracketed
date stopping short of the margin ends its paragraph too, and so does the line before a short heading (a notice saved from Word has one
paragraph per line and nothing else to tell). The margin is the commonest line end that few lines
run past (``_right_edge``). OCR lines have no geometry: their lengths stand in for it (``_ocr_break``). Lines are joined without a space between Han characters and with one
between Latin words.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from ..model import Block
from .markers import match_marker
from .pdf_tables import PdfTable, TableNumbers, table_blocks
from .unwrap import _splits_word, display_width

_TERMINAL = re.compile(r"(?:[。！？：；!?:;…]|\.\.\.)[”’」』）)】》〉\"']*\s*$")
_SENTENCE_INSIDE = re.compile(r"[。！？!?；;]")
_NARROW = re.compile(r"[\x20-\x7e]")         # spaces, digits, Latin letters, ASCII punctuation
_OPEN_END = re.compile(r"[，、“‘（《(—至向从与及把被将和的]$")        # a clause cannot stop here
_BRACKETED = re.compile(r"^[（(][^（）()]{2,30}[）)]$")
_CONTINUES = re.compile(r"^[，、。；：！？,;:!?）)》」』】”’%]")
_DOCUMENT_TITLE_END = re.compile(r"(?:通知|意见|方案|办法|讲话|报告|决定|通报|函|纪要|规划|要点|细则|批复|请示|公告|计划)$")
_SENTENCE_END = re.compile(r"(?:[。！？!?…]|\.\.\.)[”’」』）)】》〉\"']*\s*$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_LATIN_END = re.compile(r"[A-Za-z0-9,.]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")
_DATE_ONLY = re.compile(r"^[（(]?(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月"
                        r"[\d一二三四五六七八九十]{1,3}日[）)]?$")
_MIN_OCR_LINES = 5            # full lines an OCR page needs before its line width is trusted


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    page: int                  # 1-based
    x0: float | None = None    # None for OCR text (no geometry)
    x1: float | None = None
    top: float | None = None
    height: float | None = None


@dataclass(frozen=True, slots=True)
class _Geometry:
    left: float
    right: float
    char: float
    pitch: float
    indents: bool = True     # whether paragraphs in this document open with a first-line indent


def _geometry(lines: list[Line]) -> dict[int, _Geometry]:
    """Text-column geometry, shared by all pages (the commonest left and right edges win).

    The right edge is the mode, not the maximum: CJK line breaking lets punctuation hang past the
    margin, and one overhanging line must not make every full line look short.
    """
    measured = [ln for ln in lines if ln.x0 is not None]
    if not measured:
        return {}
    char = median(ln.height or 10.0 for ln in measured) or 10.0
    left = Counter(round(ln.x0) for ln in measured).most_common(1)[0][0]
    right = _right_edge([ln.x1 for ln in measured], char)
    gaps = [b.top - a.top for a, b in zip(measured, measured[1:]) if a.page == b.page and b.top - a.top > 0.5 * char]
    indented = sum(1 for ln in measured if 1.2 * char < ln.x0 - left < 3.5 * char)
    geometry = _Geometry(left, right, char, median(gaps) if gaps else char * 1.5,
                         indents=indented >= max(2, 0.03 * len(measured)))
    return {ln.page: geometry for ln in measured}


def _right_edge(ends: list[float], char: float) -> float:
    """The text column's right margin from the lines' right ends (``x1``).

    The commonest end, as long as few lines run on past it: in a hard-wrapped text most lines fill
    the column (punctuation hanging into the margin stays within a character of it), but in a
    document with one paragraph per line (Word's "save as PDF" of a notice) the commonest end can be
    that of a few short headings, with the real paragraphs running far beyond. Ends are tried from
    the most to the least common (ends within a point count together), the farther one first on a
    tie; the first that at most ``max(2, support / 4)`` lines pass by more than 1.5
    characters is the margin.
    """
    values = sorted({round(x) for x in ends}, reverse=True)

    def support(value: int) -> int:
        return sum(1 for x in ends if abs(x - value) <= 1.0)

    for value in sorted(values, key=support, reverse=True):       # stable: the farther end first on a tie
        beyond = sum(1 for x in ends if x > value + 1.5 * char)
        if beyond <= max(2, support(value) / 4):
            return value
    return values[0]


def paragraph_break(prev: Line, nxt: Line, geo: dict[int, _Geometry], ocr_width: float | None = None) -> bool:
    """Whether ``nxt`` starts a new paragraph after ``prev`` (``ocr_width``: the full line width of
    OCR text in display columns, ``ocr_line_width``)."""
    g_prev, g_next = geo.get(prev.page), geo.get(nxt.page)
    if g_prev is None or g_next is None or prev.x0 is None or nxt.x0 is None:
        return _ocr_break(prev.text, nxt.text, ocr_width)
    # Ragged right edges are normal (a Latin word or number that did not fit moves whole to the
    # next line), so a line a little short only ends a paragraph when it also ends a sentence; a
    # line well short of the column (a heading, a closing line) always does. Where the document
    # indents its paragraphs, a full line ending in 。 followed by "第三，" at the margin is an inline
    # enumeration running on. Block-style documents (no indents) give no such signal, so there a
    # full line ending a sentence followed by a list marker ("二是", "（一）") starts a paragraph; a
    # break at every 。 would cut items short (later sentences would leave their item).
    short = g_prev.right - prev.x1 > 1.0 * g_prev.char
    very_short = prev.x1 - g_prev.left < 0.7 * (g_prev.right - g_prev.left)
    ends_clause = bool(_TERMINAL.search(prev.text))
    indented = nxt.x0 - g_next.left > 1.2 * g_next.char
    gap = prev.page == nxt.page and nxt.top - prev.top > 1.3 * g_prev.pitch
    size_change = abs((nxt.height or 0) - (prev.height or 0)) > 0.2 * g_prev.char
    block_style_end = not g_prev.indents and bool(_SENTENCE_END.search(prev.text)) and _opens_item(nxt.text)
    # A line stopping short of the margin ends its paragraph when it is a heading ("一、全面开展自查":
    # a list marker, no sentence inside) or the title above an addressee line ("…的通知" /
    # "各区、县（市）教育局，市直属各学校："): neither ends in punctuation, and a paragraph per line
    # (Word's "save as PDF") gives no gap or indent to tell them from a wrapped line.
    # Narrow characters let a line cut at a character count fall short without ending anything
    # ("二是抓住…中心城2008年—" / "2020年学校…", "…申请数量 34 0 0" / "0 0 0 34"), so a heading
    # must stop shorter than they could explain (a whole character each: digits and spaces vary by font).
    heading_short = g_prev.right - prev.x1 > (1.0 + len(_NARROW.findall(prev.text))) * g_prev.char
    short_heading = (heading_short and _opens_item(prev.text) and not _SENTENCE_INSIDE.search(prev.text)
                     and not _CONTINUES.match(nxt.text) and not _splits_word(prev.text, nxt.text))
    # the title above an addressee or salutation line ("…先行" / "同志们：") or above a date in
    # brackets ("…的讲话" / "（2020年2月3日）"), as far short as a heading must be
    short_title = (heading_short and not ends_clause and not _OPEN_END.search(prev.text)
                   and (_addressee(nxt, g_next) or _bracketed_line(nxt, g_next))
                   and (bool(_DOCUMENT_TITLE_END.search(prev.text)) or not _splits_word(prev.text, nxt.text)))
    # and a heading standing on its own line after a short line ("1 开展暑期安全家访各学校 7月15日前"
    # / "二、工作要求") starts a paragraph, unless the line before stops on an open clause or a word
    # runs across ("…（" / "2）提高…")
    heading_next = (short and g_next.right - nxt.x1 > 1.0 * g_next.char and _opens_item(nxt.text)
                    and not _SENTENCE_INSIDE.search(nxt.text) and not _OPEN_END.search(prev.text)
                    and not _splits_word(prev.text, nxt.text))
    return (indented or gap or size_change or very_short or (short and ends_clause) or block_style_end
            or short_heading or short_title or heading_next)


def ocr_line_width(lines: list[Line]) -> float | None:
    """The full line width (display columns, ``unwrap.display_width``) of OCR lines, which have no
    geometry: the commonest length few lines run past (``_right_edge``, a Han character for a
    character); ``None`` with fewer than ``_MIN_OCR_LINES`` lines to measure."""
    widths = [display_width(ln.text) for ln in lines if ln.x0 is None]
    if sum(1 for w in widths if w >= 16) < _MIN_OCR_LINES:
        return None
    return float(_right_edge([float(w) for w in widths if w >= 16], 2.0))


def _ocr_break(prev: str, nxt: str, width: float | None) -> bool:
    """Paragraph break between two OCR lines (text only). A line ending a sentence or followed by a
    list marker always ends; a line stopping short of the page's line ``width`` (more than a Han
    character) ends when it is a heading ("三、下步打算" / "我乡将于…"), well short of the width
    (a signature "白沙乡人民政府", a title line), or above a date, an addressee ("县林业局：") or a
    bracketed line, unless it stops on an open clause or the next line continues it (QA9 M13: the
    title ran into its addressee, a heading into its text, the signature into the date)."""
    if _TERMINAL.search(prev) or _opens_item(nxt):
        return True
    if width is None or width - display_width(prev) <= 2.0:
        return False
    if _OPEN_END.search(prev) or _CONTINUES.match(nxt.lstrip()):
        return False
    if _opens_item(prev) and not _SENTENCE_INSIDE.search(prev):
        return True
    squashed = re.sub(r"\s+", "", nxt)
    if _DATE_ONLY.match(squashed) or _BRACKETED.match(squashed) or (
            squashed.endswith(("：", ":")) and not _SENTENCE_INSIDE.search(squashed) and 2 * len(squashed) < width):
        return True
    return display_width(prev) < 0.7 * width and not _splits_word(prev, nxt)


def _addressee(line: Line, geo: _Geometry) -> bool:
    """A short line ending in a colon with no sentence inside ("各区、县（市）教育局，市直属各学校：")."""
    text = line.text.rstrip()
    return (text.endswith(("：", ":")) and not _SENTENCE_INSIDE.search(text[:-1])
            and geo.right - (line.x1 or 0.0) > 1.0 * geo.char)


def _bracketed_line(line: Line, geo: _Geometry) -> bool:
    """A short line that is one bracketed phrase ("（2020年2月3日）", "（征求意见稿）")."""
    return bool(_BRACKETED.match(line.text.strip())) and geo.right - (line.x1 or 0.0) > 1.0 * geo.char


def _opens_item(text: str) -> bool:
    """Whether a line starts with an enumeration marker (``markers.match_marker``, the one authority
    on markers; full-width digits and stops are folded first, as normalisation later does)."""
    return match_marker(text[:16].translate(_FULL_WIDTH).lstrip()) is not None


def page_blocks(pages: list[list[Line]], tables: list[tuple[int, tuple[PdfTable, ...]]]) -> list[Block]:
    """Paragraph blocks from the pages' lines, with each page's tables as cells where they stand
    (before the first line below the table's top); no paragraph runs across a table, and a table
    going on over a page break stays one table (``TableNumbers``)."""
    geo = _geometry([ln for lines in pages for ln in lines])
    blocks: list[Block] = []
    run: list[Line] = []
    numbers = TableNumbers()

    def flush() -> None:
        blocks.extend(Block(text=text, page=page) for text, page in join_lines(run, geo))
        run.clear()

    def emit(table: PdfTable, page: int, first_on_page: bool) -> None:
        flush()
        blocks.extend(table_blocks(table, *numbers.place(table, first_on_page), page))

    for lines, (page, page_tables_) in zip(pages, tables):
        pending = sorted(page_tables_, key=lambda t: t.top)
        first = True
        for ln in lines:
            while pending and ln.top is not None and ln.top >= pending[0].top:
                emit(pending.pop(0), page, first)
                first = False
            run.append(ln)
            numbers.close()
            first = False
        for table in pending:
            emit(table, page, first)
            first = False
    flush()
    return blocks


def join_lines(lines: list[Line], geo: dict[int, _Geometry] | None = None) -> list[tuple[str, int]]:
    """(paragraph text, first page) for hard-wrapped ``lines`` (``geo``: their column geometry,
    measured on ``lines`` when not given)."""
    geo = _geometry(lines) if geo is None else geo
    ocr_width = ocr_line_width(lines)
    paragraphs: list[tuple[str, int]] = []
    current, page, prev = "", 0, None
    for ln in lines:
        if prev is None or paragraph_break(prev, ln, geo, ocr_width):
            if current:
                paragraphs.append((current, page))
            current, page = ln.text, ln.page
        else:
            glue = " " if _LATIN_END.search(current) and _LATIN_START.match(ln.text) else ""
            current += glue + ln.text
        prev = ln
    if current:
        paragraphs.append((current, page))
    return paragraphs
