"""Word and HTML tables: every cell keeps its place (table, row, grid column, rows it covers) in ``Block.cell``
and ``Passage.cell``, so a form's row can be read as one unit (``gap_passages.table_rows``)."""
from __future__ import annotations

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract import read_bytes
from pipeline.extract.docx import extract
from pipeline.extract.html import html_blocks
from tests.fixtures.make import make_docx_from_paragraphs, paragraph_xml, table_xml


def _cells(data: bytes) -> list[tuple[str, tuple[int, ...]]]:
    result = extract(data, name="a.docx", limits=DEFAULT_LIMITS)
    assert result.status.is_ok, (result.status, result.reason)
    return [(b.text, b.cell) for b in result.blocks if b.kind == "table_cell"]


def test_docx_tables_cells_keep_row_and_grid_column():
    # row 1: 任务 spans two grid columns; row 2: the 任务 cell merged down from row 1 is skipped,
    # and row 1's cell says it covers two rows
    form = table_xml([["序号", "任务", "", "落实情况"], ["1", "全力促均衡", "开展送教下乡20次。"], ["2", "", "组建共同体。"]],
                     merge_right={(1, 1), (2, 1)}, merge_down={(2, 1)})
    data = make_docx_from_paragraphs(["自查表"], extra_body=form + paragraph_xml("正文。") + table_xml([["甲", "乙"]]))
    assert _cells(data) == [
        ("序号", (0, 0, 0, 1)), ("任务", (0, 0, 1, 1)), ("落实情况", (0, 0, 3, 1)),
        ("1", (0, 1, 0, 1)), ("全力促均衡", (0, 1, 1, 2)), ("开展送教下乡20次。", (0, 1, 3, 1)),
        ("2", (0, 2, 0, 1)), ("组建共同体。", (0, 2, 3, 1)),
        ("甲", (1, 0, 0, 1)), ("乙", (1, 0, 1, 1)),
    ]


def test_docx_tables_nested_table_is_a_table_of_its_own():
    nested = table_xml([["内层一", "内层二"]])
    outer = table_xml([["甲", "乙"], ["丙", "<w:p><w:r><w:t>外层</w:t></w:r></w:p>" + nested]])
    data = make_docx_from_paragraphs([], extra_body=outer)
    assert _cells(data) == [("甲", (0, 0, 0, 1)), ("乙", (0, 0, 1, 1)), ("丙", (0, 1, 0, 1)), ("外层", (0, 1, 1, 1)),
                            ("内层一", (1, 0, 0, 1)), ("内层二", (1, 0, 1, 1))]


@pytest.mark.parametrize("row", [
    "<tr><td>1</td><td colspan='2'>全力促均衡</td><td>开展送教下乡20次。</td></tr>",
    "<tr><th>1</th><td colspan=\"2\">全力促均衡</td><td>开展送教下乡20次。</td></tr>",
])
def test_docx_tables_html_cells_keep_place_with_colspan(row):
    html = f"<html><body><p>正文。</p><table><thead><tr><th>序号</th><th colspan='2'>任务</th><th>落实情况</th></tr></thead>" \
           f"<tbody>{row}</tbody></table><table><tr><td>甲</td></tr></table></body></html>"
    cells = [(b.text, b.cell) for b in html_blocks(html) if b.kind == "table_cell"]
    assert cells == [("序号", (0, 0, 0, 1)), ("任务", (0, 0, 1, 1)), ("落实情况", (0, 0, 3, 1)),
                     ("1", (0, 1, 0, 1)), ("全力促均衡", (0, 1, 1, 1)), ("开展送教下乡20次。", (0, 1, 3, 1)), ("甲", (1, 0, 0, 1))]


def test_docx_tables_passages_carry_the_cell_and_other_passages_none():
    data = make_docx_from_paragraphs(["正文第一句。"], extra_body=table_xml([["任务", "落实情况"], ["甲", "乙做了。"]]))
    doc = read_bytes(data, name="a.docx")
    places = {p.text: p.cell for p in doc.passages}
    assert places == {"正文第一句。": (), "任务": (0, 0, 0, 1), "落实情况": (0, 0, 1, 1), "甲": (0, 1, 0, 1), "乙做了。": (0, 1, 1, 1)}


def test_docx_tables_passage_pickled_before_cell_existed_still_loads():
    """A ``--resume`` cache entry written before ``Passage.cell``: its values keep their fields."""
    import pickle

    from pipeline.model import Passage

    p = Passage(passage_id="x", doc_id="d", index=0, kind="sentence", text="甲", start=0, end=1, lead_in="乙",
                label="measure", confidence=0.5, cues=("c",), cell=(0, 1, 2))
    assert pickle.loads(pickle.dumps(p)) == p
    old_state = [v for name, v in zip(Passage.__slots__, p.__getstate__()) if name != "cell"]
    old = Passage.__new__(Passage)
    old.__setstate__(old_state)
    assert old == Passage(**{**{n: getattr(p, n) for n in Passage.__slots__}, "cell": ()})


def test_docx_tables_one_column_table_reads_as_its_paragraphs(seed_text):
    """qa6 L6: a speech laid out in a one-column table (one paragraph a row, or all in one cell)
    reads exactly like the same paragraphs, so its items reach the outline and the checklist."""
    lines = [ln.strip() for ln in seed_text.splitlines() if ln.strip()][:40]
    plain = read_bytes(make_docx_from_paragraphs(lines), name="a.docx")

    def shown(doc):
        return [(p.kind, p.text, p.path, p.cell) for p in doc.passages]

    one_per_row = table_xml([[line] for line in lines])
    one_cell = table_xml([["".join(paragraph_xml(line) for line in lines)]])
    for body in (one_per_row, one_cell):
        framed = read_bytes(make_docx_from_paragraphs([], extra_body=body), name="a.docx")
        assert shown(framed) == shown(plain)
    assert any(p.kind == "item" for p in plain.passages)


def test_docx_tables_html_paragraph_in_cell_is_a_cell_in_a_grid_row_only():
    """Word saves a table as HTML with one <p> per cell: in a row of two or more cells such a cell
    is a table cell (with its place); a one-cell row is a frame around paragraphs; a cell holding
    several paragraphs or a nested table keeps them as paragraphs."""
    def cell(text):
        return f"<td><p class=MsoNormal><span>{text}</span></p></td>"

    html = ("<html><body><table>"
            f"<tr>{cell('序号')}{cell('任务')}{cell('落实情况')}</tr>"
            f"<tr>{cell('1')}{cell('全力促均衡')}<td><p>开展送教下乡20次。</p><p>组建共同体。</p></td></tr>"
            f"<tr><td colspan='3'><p>一、第一部分标题</p></td></tr>"
            "<tr><td><a href='#'>首页</a></td><td><a href='#'>新闻</a></td><td><a href='#'>登录</a></td></tr>"
            f"<tr>{cell('2')}{cell('保障教师权益')}{cell('完善绩效分配方案。')}</tr>"
            "</table></body></html>")
    blocks = [(b.kind, b.text, b.cell) for b in html_blocks(html)]
    assert blocks == [
        ("table_cell", "序号", (0, 0, 0, 1)), ("table_cell", "任务", (0, 0, 1, 1)), ("table_cell", "落实情况", (0, 0, 2, 1)),
        ("table_cell", "1", (0, 1, 0, 1)), ("table_cell", "全力促均衡", (0, 1, 1, 1)),
        ("paragraph", "开展送教下乡20次。", ()), ("paragraph", "组建共同体。", ()),
        ("paragraph", "一、第一部分标题", ()),
        ("table_cell", "2", (0, 4, 0, 1)), ("table_cell", "保障教师权益", (0, 4, 1, 1)), ("table_cell", "完善绩效分配方案。", (0, 4, 2, 1)),
    ]
