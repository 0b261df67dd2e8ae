"""Markdown table cells: nothing in a cell can break the table or become markup (QA12 L13)."""
from __future__ import annotations

import pytest

from pipeline.export.md import md_cell, md_table


@pytest.mark.parametrize("value, cell", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("<b>金沙镇<i>.txt", "&lt;b&gt;金沙镇&lt;i&gt;.txt"),
    ("A&B <br> 甲", "A&amp;B &lt;br&gt; 甲"),
    ("一行\n二行", "一行<br>二行"),          # our own line break stays markup
    ("a|b", "a｜b"),
    ("\x00控制\x1f", " 控制 "),
    (None, ""),
    (3.5, "3.5"),
])
def test_md_cell_escapes_markup_and_keeps_the_table(value, cell):
    assert md_cell(value) == cell


def test_md_cell_cuts_before_escaping():
    assert md_cell("<<<<<<", limit=4) == "&lt;&lt;&lt;…"


def test_md_table_rows_have_the_header_width():
    table = md_table(["文件", "原因"], [["<x>|y", "a\nb"]])
    lines = table.splitlines()
    assert [line.count("|") for line in lines] == [3, 3, 3] and "<x>" not in table


def test_md_files_escape_markup_outside_tables_too(tmp_path):
    """Headings and task lines of checklist.md and gaps.md, and analyze's md records."""
    from pipeline.checklist import build_checklist
    from pipeline.export.checklist_files import checklist_markdown
    from pipeline.export.records import render
    from pipeline.extract import read_bytes

    notice = "关于开展<b>专项</b>检查的通知\n一、<script>工作任务</script>\n（一）各乡镇要在12月底前完成<i>排查</i>整治工作。\n"
    doc = read_bytes(notice.encode("utf-8"), name="<x>通知.txt")
    page = checklist_markdown(build_checklist([doc])) + render([doc], "md")
    assert "<script>" not in page and "<i>" not in page and "<x>" not in page
    assert "&lt;i&gt;排查&lt;/i&gt;" in page
