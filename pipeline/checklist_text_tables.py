"""Task tables typed as aligned text (a .txt notice, tab- or space-separated columns).

A line of three or more short fields separated by whitespace that names a task column ("序号  工作任务
责任单位  完成时限", or a 问题整改清单's "序号  问题  整改措施  责任单位  整改时限") followed by lines with as many fields is read as a table: its fields become cells
(``Passage.cell`` = (table, row, column, 1 row spanned)), which ``checklist_tables`` then reads like a Word table's.
Normalising collapses tabs and runs of spaces, so a field holding a space of its own ends the table
there (the rows before it are kept); a numbered row with fewer fields has an empty cell: its fields
go left to right, a last field that reads as a due time under the 时限 column. A blank is never read
from the row above (text has no merged cells).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .model import Document, Passage

TEXT_TABLE_BASE = 100_000           # table numbers of text tables: never a reader's own
_FIELD_SPLIT = re.compile(r"[ \t\u3000]+")
_TASK_WORD = re.compile(r"任务|内容|事项|职责|要点|目标|问题")     # 问题: a 问题整改清单's problem column


def text_table_cells(doc: Document) -> list[tuple[list[Passage], set[str]]]:
    """(cells, passage ids the table's lines cover) of each aligned-text table candidate, in order."""
    lines = _lines(doc.text)
    out: list[tuple[list[Passage], set[str]]] = []
    k = 0
    while k < len(lines):
        start, fields = lines[k]
        if not _header_like(fields):
            k += 1
            continue
        rows = [(start, fields)]
        j = k + 1
        # a repeated header line (the table pasted from pages of a PDF) stays in the table:
        # ``checklist_tables`` drops a row that repeats the header
        while j < len(lines) and (len(lines[j][1]) == len(fields) or _short_row(lines[j][1], fields)):
            rows.append(lines[j])
            j += 1
        if len(rows) >= 2:
            found = _cells(doc, len(out), rows)
            if found:
                out.append(found)
        k = j
    return out


def _lines(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """(line start, [(field start, field)]) of each non-blank line."""
    out = []
    position = 0
    for line in text.split("\n"):
        fields = [(position + m.start(), m.group(0)) for m in re.finditer(r"[^ \t\u3000]+", line)]
        if fields:
            out.append((position, fields))
        position += len(line) + 1
    return out


_INDEX = re.compile(r"^[\d０-９]{1,3}[.．、]?$")
# a due time as 时限 cells put it: a date, a cadence, or an ongoing/prompt phrase ("持续推进", "常年",
# "按季度": QA9 M1, the last row's 持续推进 went under 配合单位)
_DUE_WORD = re.compile(r"[年月日]|前|底|学期|每|长期|常态|持续|常年|季度|定期|及时|随时|立即|尽快|适时|限时")
_TIME_HEADER = re.compile(r"时限|时间|期限|日期")


def _short_row(fields, header) -> bool:
    """A numbered row with fewer fields than the header: an empty cell, which normalising the text
    cannot keep (QA7 M4: the table ended there, 1 task of 4 read)."""
    return 2 <= len(fields) < len(header) and bool(_INDEX.match(fields[0][1]))


def _columns(fields, header) -> list[int]:
    """The header column of each field of a row: in order, except that a short row's last field goes
    under a 时限 column when it reads as a due time ("每学期", "5月底前"), the empty cell being before it."""
    columns = list(range(len(fields)))
    if len(fields) < len(header) and _TIME_HEADER.search(header[-1][1]) and _DUE_WORD.search(fields[-1][1]):
        columns[-1] = len(header) - 1
    return columns


def _header_like(fields) -> bool:
    texts = [t for _, t in fields]
    return (len(texts) >= 3 and all(len(t) <= 16 and "。" not in t for t in texts)
            and any(_TASK_WORD.search(t) for t in texts))


def _cells(doc: Document, ordinal: int, rows) -> tuple[list[Passage], set[str]] | None:
    """Pseudo table cells for the rows' fields, placed like the header line's passage; None when the
    lines hold a real table cell or no passage starts on the header line."""
    first, last = rows[0][0], rows[-1][1][-1][0] + len(rows[-1][1][-1][1])
    covered = [p for p in doc.passages if p.start < last and p.end > first and p.is_content]
    if not covered or any(p.kind in ("table_cell", "title") for p in covered):
        return None
    anchor = covered[0]
    number = TEXT_TABLE_BASE + ordinal
    header = rows[0][1]
    # every cell spans its one row (the 4th element): aligned text cannot draw a merge, so a blank field
    # is a blank cell and nothing is read from the row above (QA9 M1: the last row took row 4's date)
    cells = [replace(anchor, passage_id=f"{anchor.passage_id}:{r}:{c}", kind="table_cell", text=text, start=start,
                     end=start + len(text), cell=(number, r, c, 1), label="", marker="")
             for r, (_, fields) in enumerate(rows)
             for c, (start, text) in zip(_columns(fields, header), fields)]
    return cells, {p.passage_id for p in covered}
