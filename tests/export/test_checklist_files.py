"""Checklist headings keep the speech's wording between marker and title (QA finding 12)."""
from __future__ import annotations

import io

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


def test_checklist_files_markdown_and_docx_headings_keep_the_comma():
    from docx import Document

    markdown = checklist_markdown(_checklist())
    assert "## 第一，要提高站位抓落实" in markdown and "## 第二，要突出重点抓落实" in markdown
    assert "第一要提高" not in markdown and "第二要突出" not in markdown
    buffer = io.BytesIO()
    checklist_docx(_checklist()).doc.save(buffer)
    headings = [p.text for p in Document(io.BytesIO(buffer.getvalue())).paragraphs if p.style.name.startswith("Heading")]
    assert "第一，要提高站位抓落实" in headings and "第二，要突出重点抓落实" in headings
