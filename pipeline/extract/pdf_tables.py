"""Ruled tables of a PDF page as table cells (pdfplumber's table finder).

A notice's task table (序号 | 工作任务 | 牵头单位 | 完成时限) is drawn with ruled lines; read as text
lines it is flattened into one run ("序" / "号工作任务牵头单位…1 开展防溺水…5月底前2 每学期…") and no
row survives. pdfplumber's ``find_tables`` (lines strategy: only ruled grids, never whitespace
columns) finds the cells; each non-empty cell becomes a ``Block(kind="table_cell", cell=(table, row,
column, rows spanned))`` as the docx and HTML readers give them (a merged cell once, at its first row
and column; blank cells none), and the page's text lines inside the table are left out of the paragraphs.

A grid of one row or one column (a frame drawn around paragraphs, a boxed title) is no table: its
text stays paragraphs, as Word's one-column tables do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block

_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_HAN_GAP = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[{_CJK}])")
_CID = re.compile(r"\(cid:\d+\)")
_LATIN_END = re.compile(r"[A-Za-z0-9,.]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class PdfTable:
    """One ruled table: its box on the page and its cells' text, row by row ('' blank, None merged)."""
    x0: float
    top: float
    x1: float
    bottom: float
    rows: tuple[tuple[str | None, ...], ...]
    columns: tuple[float, ...] = ()      # the grid's column edges (x), to tell a table's continuation
    spans: tuple[tuple[int, ...], ...] = ()    # rows each cell covers (a vertical merge > 1; 0 where None)


def page_tables(page, after: PdfTable | None = None) -> tuple[PdfTable, ...]:
    """The ruled tables of a pdfplumber ``page`` with at least two rows and two columns, and a grid of
    one row with the column edges of ``after`` (the previous page's last table): the last row of a
    task table that went over the page break (QA9 H3: it was glued to the next heading)."""
    try:
        found = page.find_tables()
        tables = [(table.bbox, _cell_texts(table), _column_edges(table), _row_spans(table)) for table in found]
    except Exception:  # noqa: BLE001 - a table finder failure leaves the page as text lines
        return ()
    out = []
    for (x0, top, x1, bottom), rows, columns, spans in tables:
        cells = tuple(tuple(None if cell is None else cell_text(cell) for cell in row) for row in rows)
        filled = [sum(1 for cell in row if cell) for row in cells]
        one_row_going_on = (len(filled) == 1 and after is not None and _same_columns(after.columns, columns)
                            and not _text_above(page, top))
        if (sum(1 for n in filled if n) < 2 and not one_row_going_on) or max(filled, default=0) < 2:
            continue        # one row or one column of text: a frame, not a grid
        out.append(PdfTable(x0, top, x1, bottom, cells, columns, spans))
    return tuple(out)


def _text_above(page, top: float, header_zone: float = 0.1) -> bool:
    """Whether body text stands above ``top`` on the page (a running header in the top tenth is no
    body text): a table going on from the previous page opens the page."""
    return any(header_zone * page.height < c["top"] < top - 1 for c in page.chars)


def _cell_texts(table) -> list[list[str | None]]:
    """``Table.extract()`` with the paragraphs' word splitting (``pdf_words``): Word and LibreOffice's
    gap between a Han character and a digit is no space, so a 完成时限 cell reads "11月底前", not
    "11 月底前" (QA9 M2: the date was not read). None for a place a merged cell covers, "" for a blank."""
    from .pdf_words import han_textmap

    x0, top, x1, bottom = table.bbox
    chars = [c for c in table.page.chars        # the table's own chars once, not the page's per cell
             if x0 <= (c["x0"] + c["x1"]) / 2 < x1 + 1 and top <= (c["top"] + c["bottom"]) / 2 < bottom + 1]
    out = []
    for row in table.rows:
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            x0, top, x1, bottom = cell
            inner = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]
            texts.append(han_textmap(inner).as_string if inner else "")
        out.append(texts)
    return out


def _row_spans(table) -> tuple[tuple[int, ...], ...]:
    """For each grid place, how many rows its cell covers: a cell drawn over two rows (one 责任单位
    for two tasks) spans 2 and the place below it is None; a blank cell is a cell of its own (span 1).
    This is what tells a merge from a blank, as Word's vMerge and HTML's rowspan do."""
    tops = sorted({round(cell[1], 1) for cell in table.cells})
    return tuple(tuple(0 if cell is None else max(1, sum(1 for t in tops if cell[1] - 0.5 <= t < cell[3] - 0.5))
                       for cell in row.cells) for row in table.rows)


def _column_edges(table) -> tuple[float, ...]:
    return tuple(sorted({round(x, 1) for cell in table.cells for x in (cell[0], cell[2])}))


def cell_text(raw: str) -> str:
    """A cell's lines joined as wrapped lines are: no space between Han characters, one between Latin words."""
    text = ""
    for line in _CID.sub("", raw).splitlines():
        line = _HAN_GAP.sub("", line).strip()
        if not line:
            continue
        glue = " " if text and _LATIN_END.search(text) and _LATIN_START.match(line) else ""
        text += glue + line
    return text


def inside(x0: float | None, x1: float | None, top: float | None, height: float | None, table: PdfTable) -> bool:
    """Whether a text line (its box) lies in ``table``: its middle within the rows, most of it within the columns."""
    if x0 is None or x1 is None or top is None:
        return False
    middle = top + (height or 0.0) / 2
    overlap = min(x1, table.x1) - max(x0, table.x0)
    return table.top <= middle <= table.bottom and overlap >= 0.5 * max(x1 - x0, 1e-6)


def table_blocks(table: PdfTable, number: int, first_row: int, page: int) -> list[Block]:
    """One ``table_cell`` block per non-empty cell, row by row: ``cell`` = (``number``, row, column,
    rows spanned), rows counted from ``first_row`` (the rows of the table's part on earlier pages)."""
    return [Block(text=text, kind="table_cell", page=page, cell=(number, first_row + r, c, _span(table, r, c)))
            for r, row in enumerate(table.rows) for c, text in enumerate(row) if text]


def _span(table: PdfTable, r: int, c: int) -> int:
    return table.spans[r][c] if r < len(table.spans) and c < len(table.spans[r]) else 1


class TableNumbers:
    """Numbers the tables of a document in order. A table opening a page with the same column edges
    (within 2 pt) as a table that closed the page before, nothing between them, is that table
    going on: same number, its rows counted on (a repeated header row stays a row; the task table
    reader skips it)."""

    def __init__(self) -> None:
        self.next = 0
        self.open: tuple[int, tuple[float, ...], int] | None = None    # number, columns, rows so far

    def place(self, table: PdfTable, first_on_page: bool) -> tuple[int, int]:
        """(table number, first row number) for ``table``."""
        if first_on_page and self.open is not None and _same_columns(self.open[1], table.columns):
            number, columns, rows = self.open
        else:
            number, columns, rows = self.next, table.columns, 0
            self.next += 1
        self.open = (number, columns, rows + len(table.rows))
        return number, rows

    def close(self) -> None:
        """Text follows: the last table cannot go on."""
        self.open = None


def _same_columns(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return bool(a) and len(a) == len(b) and all(abs(x - y) <= 2.0 for x, y in zip(a, b))
