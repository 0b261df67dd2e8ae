"""A table's grid as ``checklist_tables`` reads it: cells grouped by row and column, a cell's text,
which cells a vertical merge covers, and a row a PDF page break split in two joined again."""
from __future__ import annotations

import re
from dataclasses import replace

from .model import Passage


def grid_rows(passages: list[Passage]) -> list[tuple[int, dict[int, list[Passage]]]]:
    """Cells grouped by row then grid column (a cell an HTML <br> split is one cell again)."""
    rows: dict[int, dict[int, list[Passage]]] = {}
    for p in passages:
        rows.setdefault(p.cell[1], {}).setdefault(p.cell[2], []).append(p)
    return sorted(rows.items())


def row_texts(cols: dict[int, list[Passage]]) -> dict[int, str]:
    """A row's cell texts by column, spaces dropped (a repeated header compares equal to the first)."""
    return {c: re.sub(r"\s+", "", cell_text(parts)) for c, parts in cols.items()}


def cell_text(parts: list[Passage], joiner: str = "") -> str:
    lines = [line.strip() for p in parts for line in p.text.split("\n") if line.strip()]
    if joiner:
        return joiner.join(lines)
    out = ""
    for line in lines:      # lines of one cell: "1.…。2.…。" read on; a line without an end gets "；"
        out += line if not out or re.search(r"[。；;：:！？!?，,、]$", out) else "；" + line
    return out


def rows_split_by_pages(rows, header_row: int, roles: dict[int, tuple[str, str]], merged):
    """A row a PDF page break split in two is one row again: the part at the top of the next page has
    no 序号 of its own and its cells continue the cells above ("工业企业VOCs治理设施运行不" + "正常"),
    which made it a task of its own with no actor or deadline. A row under a 序号 merged down over it
    (a task's second measure) is a row of its own, and so is any row of a reader that does not say."""
    index_columns = {c for c, (role, _) in roles.items() if role == "index"}
    if not index_columns or merged is None:
        return rows
    out: list[tuple[int, dict[int, list[Passage]]]] = []
    for row, cols in rows:
        above = out[-1][1] if out and out[-1][0] > header_row else None
        pages = [p.page for parts in cols.values() for p in parts]
        above_pages = [p.page for parts in (above or {}).values() for p in parts]
        if (above is not None and pages and None not in pages and None not in above_pages
                and min(pages) > max(above_pages) and not index_columns & merged.get(row, set())
                and not any(cell_text(cols.get(c, [])) for c in index_columns)
                and any(cell_text(above.get(c, [])) for c in index_columns)):
            joined = dict(above)
            for column, parts in cols.items():
                if joined.get(column):
                    last = joined[column][-1]
                    joined[column] = [*joined[column][:-1], replace(last, text=last.text + "".join(p.text for p in parts),
                                                                     end=parts[-1].end)]
                else:
                    joined[column] = parts
            out[-1] = (out[-1][0], joined)
            continue
        out.append((row, cols))
    return out


def merged_below(passages: list[Passage]) -> dict[int, set[int]] | None:
    """Row -> the grid columns a vertically merged cell above still covers there, read off the cells'
    4th place element (rows the cell spans: docx ``w:vMerge``, HTML ``rowspan``); None when the
    reader gives no such element, and then a missing cell may be a merge or a blank (not told apart)."""
    if not any(len(p.cell) >= 4 for p in passages):
        return None
    covered: dict[int, set[int]] = {}
    for p in passages:
        if len(p.cell) >= 4:
            for row in range(p.cell[1] + 1, p.cell[1] + p.cell[3]):
                covered.setdefault(row, set()).add(p.cell[2])
    return covered
