"""HTML: visible text by block elements, charset, entities (no network, no entity expansion)."""
from __future__ import annotations

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract.html import extract
from pipeline.model import Status
from tests.fixtures.make import make_html, make_mht

PARAS = ["一、总体情况", "我们认真开展了学习教育活动。"]


def _blocks(data: bytes):
    result = extract(data, name="a.html", limits=DEFAULT_LIMITS)
    assert result.status.is_ok, result
    return result


@pytest.mark.parametrize(
    "charset, encoding, recorded",
    [("utf-8", "utf-8", "utf-8"), ("gb2312", "gb18030", "gb18030"), ("GBK", "gbk", "gb18030"),
     (None, "gb18030", "gb18030"), ("big5", "big5", "big5")],
)
def test_html_charset_from_meta_or_decoding_order(charset, encoding, recorded):
    paras = ["督導組要落實督察任務。"] if encoding == "big5" else PARAS
    result = _blocks(make_html(paras, charset=charset, encoding=encoding, title=None))
    assert result.encoding == recorded
    assert [b.text for b in result.blocks] == paras


def test_html_drops_script_style_nav_head():
    blocks = _blocks(make_html(PARAS, head="<meta name='keywords' content='关键词'>")).blocks
    text = "".join(b.text for b in blocks)
    assert "脚本内容" not in text and "导航" not in text and "color" not in text and "关键词" not in text
    # the <title> only as the title the body lacks (PARAS opens with a heading "一、总体情况")
    assert [b.text for b in blocks] == ["页面标题", *PARAS] and blocks[0].kind == "heading"


def test_html_block_elements_and_entities():
    body = ("<div>甲<br>乙<span>丙</span></div><ul><li>条目一</li><li>条目二</li></ul>"
            "<table><tr><td>单元格</td><th>表头</th></tr></table><h2>二级标题</h2>"
            "<p>结尾 &nbsp</p><p>A&nbsp;B &amp; C&lt;D</p><!-- 注释不可见 -->尾巴")
    blocks = _blocks(make_html([], extra_body=body)).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "甲"), ("paragraph", "乙丙"), ("paragraph", "条目一"), ("paragraph", "条目二"),
        ("table_cell", "单元格"), ("table_cell", "表头"), ("heading", "二级标题"),
        ("paragraph", "结尾 \u00a0"), ("paragraph", "A\u00a0B & C<D"), ("paragraph", "尾巴"),
    ]


def test_html_external_entities_are_not_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            "<html><body><p>正文&xxe;内容</p></body></html>").encode()
    text = "".join(b.text for b in _blocks(page).blocks)
    assert "TOPSECRET" not in text and "正文" in text


def test_html_without_visible_text_is_empty():
    result = extract(b"<html><head><script>x()</script></head><body>  </body></html>", name="a.html",
                     limits=DEFAULT_LIMITS)
    assert result.status == Status.EMPTY


@pytest.mark.parametrize("name", ["报告.mht", "报告.doc"])
def test_html_web_archive_page_is_read(name):
    from pipeline.extract import extract as extract_any

    result = extract_any(make_mht(PARAS), name=name)
    assert result.status.is_ok and result.file_type == "html"
    assert [b.text for b in result.blocks] == ["页面标题", *PARAS]


def test_html_page_header_and_footer_are_furniture():
    body = ("<header><div>××市人民政府门户网站</div></header><article><header><h1>关于开展督查的通知</h1></header>"
            "<p>正文内容。</p></article><aside>相关链接</aside><footer>版权所有 主办单位</footer>")
    blocks = _blocks(make_html([], extra_body=body)).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("header", "××市人民政府门户网站"), ("heading", "关于开展督查的通知"), ("paragraph", "正文内容。"),
        ("footer", "版权所有 主办单位")]
