"""``plain_words``: the one word filter and the one list of blank cells (review8 M6), as both readers use it."""
from __future__ import annotations

import pytest

from pipeline.plain_words import is_blank, words


@pytest.mark.parametrize("text, plain", [
    ("2.1、开展 排查。", "21开展排查"), ("全县\n8家（企业）", "全县8家企业"), ("ａ＿b", "ａb"), ("", ""),
])
def test_plain_words_words_drops_spaces_and_punctuation(text, plain):
    assert words(text) == plain


@pytest.mark.parametrize("cell, blank", [
    ("", True), ("  ", True), ("/", True), ("／", True), ("——", True), ("-", True), ("无", True), ("无。", True),
    ("（无）", True), ("暂无", True), ("没有", True), ("待填", True), ("N/A", True), ("na", True),
    ("无问题", False), ("未发现问题", False), ("已完成改造15公里。", False), ("15", False), ("无证经营3家", False),
])
def test_plain_words_is_blank(cell, blank):
    assert is_blank(cell) is blank


@pytest.mark.parametrize("cell, kept", [("无", False), ("待填", False), ("未发现问题。", False), ("管网老化。", True)])
def test_plain_words_problem_cells_skip_blanks_and_no_problem_answers(cell, kept):
    """A 自查表's 存在问题 cell: a blank or "no problem" is no problem to read (``gap_passages.table_rows``)."""
    from pipeline.extract import read_bytes
    from pipeline.gap_passages import table_rows
    from tests.fixtures.make import make_docx_from_paragraphs, paragraph_xml, table_xml

    table = table_xml([["序号", "任务", "落实情况", "存在问题"], ["1", "排查燃气管网", "已排查管网12公里。", cell]])
    doc = read_bytes(make_docx_from_paragraphs(["某镇燃气安全自查表"], extra_body=table + paragraph_xml("某镇")),
                     name="form.docx")
    units = table_rows([p for p in doc.passages if p.is_content and p.kind != "title"])
    assert "已排查管网12公里。" in [u.text for u in units]
    assert any(u.text == cell for u in units) is kept
