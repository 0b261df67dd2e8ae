"""Checklist headings keep the speech's wording between marker and title (QA finding 12)."""
from __future__ import annotations

import io
from dataclasses import replace

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.export.checklist_files import checklist_docx, checklist_markdown, written_heading


def _item(item_id, marker, title, text, kind="item"):
    return ChecklistItem(id=item_id, text=text, title=title, path=(marker,), kind=kind,
                         section=f"{marker}{title}")


@pytest.mark.parametrize("marker, title, text, heading", [
    ("第一", "要提高站位抓落实", "第一，要提高站位抓落实。教育是今天的事业。", "第一，要提高站位抓落实"),
    ("第二", "加强重点地区疫情防控", "第二,加强重点地区疫情防控。", "第二,加强重点地区疫情防控"),
    ("首先", "要统一思想", "首先，要统一思想。", "首先，要统一思想"),
    ("一要", "加强学习", "一要加强学习，提高认识。", "一要加强学习"),          # no separator written
    ("一、", "总体要求", "一、总体要求。", "一、总体要求"),                  # the marker holds it
    ("第一部分", "总体情况", "第一部分　总体情况", "第一部分　总体情况"),       # a space kept as written
    ("第一", "压实责任", "第一，要提高站位抓落实。", "第一压实责任"),           # edited title: as before
])
def test_checklist_files_written_heading(marker, title, text, heading):
    assert written_heading(_item("1", marker, title, text)) == heading


def _checklist() -> Checklist:
    return Checklist((
        _item("1", "第一", "要提高站位抓落实", "第一，要提高站位抓落实。各级各部门要深刻领会大会精神。"),
        _item("2", "第二", "要突出重点抓落实", "第二，要突出重点抓落实。", kind="group"),
        ChecklistItem(id="2.1", text="一是着力补短板。", title="着力补短板", path=("第二", "一是"),
                      section="第二要突出重点抓落实"),
    ), ("speech_03.txt",))


def _headings(checklist) -> list[str]:
    from docx import Document

    buffer = io.BytesIO()
    checklist_docx(checklist).doc.save(buffer)
    return [p.text for p in Document(io.BytesIO(buffer.getvalue())).paragraphs if p.style.name.startswith("Heading")]


def test_checklist_files_markdown_and_docx_headings_keep_the_comma():
    markdown = checklist_markdown(_checklist())
    assert "## 第二，要突出重点抓落实" in markdown and "第二要突出" not in markdown
    assert "第二，要突出重点抓落实" in _headings(_checklist())


def test_checklist_files_top_level_tasks_share_one_block():
    """Regression (QA): speech_02's five top-level items each became their own Heading 1 repeating the
    item line; a run of them is one block, 任务 (其他任务 after a group)."""
    leaves = tuple(_item(str(k), f"{n}要", title, f"{n}要{title}。") for k, (n, title) in
                   enumerate((("一", "保平安"), ("二", "优供应"), ("三", "促和谐")), start=1))
    assert _headings(Checklist(leaves, ("s.txt",))) == ["任务", "任务台账"]
    markdown = checklist_markdown(Checklist(leaves, ("s.txt",)))
    assert markdown.count("\n## ") == 2 and "- [ ] **3** 促和谐" in markdown
    after_group = _checklist().items[1:] + tuple(replace(i, id=str(int(i.id) + 2)) for i in leaves)
    assert _headings(Checklist(after_group, ("s.txt",))) == ["第二，要突出重点抓落实", "其他任务", "任务台账"]


def test_checklist_files_word_ledger_columns_have_grid_widths():
    """Regression: the ledger's widths were set on cells only; LibreOffice/WPS lay a table out by its
    grid and gave all columns one width (任务要求 three characters wide, eight pages for nine tasks).
    The grid now holds the widths, within the page's 15.6 cm of text width."""
    from docx.oxml.ns import qn

    from pipeline.export.checklist_files import WORD_LEDGER, WORD_LEDGER_CM

    table = checklist_docx(_checklist()).doc.tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(grid) == len(WORD_LEDGER) == len(WORD_LEDGER_CM)
    assert grid.index(max(grid)) == WORD_LEDGER.index("任务要求")
    assert abs(sum(grid) / 567 - 15.6) < 0.1                         # twips per cm
