"""A web page whose menu is a layout ``<table>`` row of links (QA12 L11): "首页", "新闻中心" are site
navigation, dropped like a ``<ul>``/``<div class="nav">`` menu, while a table of content stays."""
from __future__ import annotations

import pytest

from pipeline.extract import read_bytes

_BODY = ("<h2>县消防救援大队开展燃气安全消防检查</h2><p>近日，县消防救援大队对全县8家燃气经营企业开展消防安全检查，"
         "督促整改消防隐患14处。</p><p>大队还深入15所学校开展燃气安全宣传。</p><p>平川县消防救援大队 2026年12月9日</p>")


def _page(menu: str, body: str = _BODY) -> bytes:
    html = (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'><title>县消防救援大队"
            f"</title></head><body>{menu}{body}<div>Copyright 2026 平川县消防救援大队 版权所有</div></body></html>")
    return html.encode("gb2312")


@pytest.mark.parametrize("menu", [
    "<table><tr><td><a href='/'>首页</a></td><td><a href='/news'>新闻中心</a></td></tr></table>",   # the QA's page
    "<table width='100%'><tr><td align='center'><a href='/'>首页</a></td><td><a href='/zw'>政务公开</a></td>"
    "<td><a href='/fw'>办事服务</a></td></tr><tr><td colspan='3'><img src='banner.jpg'></td></tr></table>",
    "<table><tr><td><a href='/'>网站首页</a></td><td> <a href='/gk'>信息公开</a> </td></tr></table>",
])
def test_html_menu_table_row_of_links_is_dropped(menu):
    doc = read_bytes(_page(menu), name="消防大队.htm")
    texts = [p.text for p in doc.passages]
    assert not any(word in text for text in texts for word in ("首页", "新闻中心", "信息公开", "办事服务"))
    assert doc.title == "县消防救援大队开展燃气安全消防检查"
    assert doc.unit == "平川县消防救援大队"
    assert [p.kind for p in doc.passages if p.text.startswith("近日")] == ["sentence"]


@pytest.mark.parametrize("table, kept", [
    # a table of content: a linked name beside text, figures, or a long linked title are not a menu
    ("<table><tr><td><a href='/a'>县住房和城乡建设局</a></td><td>检查燃气企业8家</td></tr></table>",
     ["县住房和城乡建设局", "检查燃气企业8家"]),
    ("<table><tr><td><a href='/a'>关于开展城镇燃气安全专项整治工作的通知</a></td>"
     "<td><a href='/b'>关于报送燃气安全检查情况的函</a></td></tr></table>",
     ["关于开展城镇燃气安全专项整治工作的通知", "关于报送燃气安全检查情况的函"]),
    ("<table><tr><td>序号</td><td>任务</td></tr><tr><td>1</td><td>开展检查。</td></tr></table>",
     ["序号", "任务", "1", "开展检查。"]),
])
def test_html_menu_table_content_tables_stay(table, kept):
    doc = read_bytes(_page("", _BODY + table), name="a.html")
    texts = [p.text for p in doc.passages]
    assert all(text in texts for text in kept)
