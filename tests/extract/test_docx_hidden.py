"""Word hidden text (``w:vanish`` runs) is not document text (qa6 L14)."""
from __future__ import annotations

import pytest

from pipeline.extract import read_bytes
from tests.fixtures.make import make_docx_from_paragraphs, table_xml


def _run(text: str, props: str = "") -> str:
    return f"<w:r><w:rPr>{props}</w:rPr><w:t xml:space='preserve'>{text}</w:t></w:r>"


@pytest.mark.parametrize("vanish, hidden", [
    ("<w:vanish/>", True),
    ("<w:vanish w:val='true'/>", True),
    ("<w:vanish w:val='1'/>", True),
    ("<w:vanish w:val='0'/>", False),        # switched off: shown
    ("<w:vanish w:val='false'/>", False),
    ("<w:b/>", False),
])
def test_docx_hidden_runs_are_not_text(vanish, hidden):
    paragraph = f"<w:p>{_run('可见文字。')}{_run('隐藏文字不应出现。', vanish)}</w:p>"
    cell = f"<w:p>{_run('单元格。')}{_run('隐藏文字不应出现。', vanish)}</w:p>"
    doc = read_bytes(make_docx_from_paragraphs(["报告标题"], extra_body=paragraph + table_xml([[cell, "另一格"]])),
                     name="a.docx")
    texts = [p.text for p in doc.passages]
    if hidden:
        assert "隐藏" not in doc.text and texts == ["报告标题", "可见文字。", "单元格。", "另一格"]
    else:
        assert "可见文字。隐藏文字不应出现。" in doc.text and "单元格。隐藏文字不应出现。" in texts
