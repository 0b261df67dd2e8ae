"""A real speech published on a government site: the page's furniture never reaches the title or the
classified passages (QA, helper-27: top bar in the title, <title> unused without <h1>, info line and
上一篇/下一篇 read as sentences). Pages are written here around corpus texts."""
from __future__ import annotations

import html
from pathlib import Path

import pytest

from pipeline.extract import read_bytes
from pipeline.extract.html_boilerplate import is_info_line, is_nav_text

CORPORA = Path(__file__).resolve().parents[2] / "corpora"

TOP_BAR = ('<div class="top"><div class="w1200">今天是：2019年3月1日 星期五 <a href="#">无障碍</a> | '
           '<a href="/en">English</a> | <a href="/login">登录</a></div></div>')
TOOL_BAR = ('<div class="toolbar-wrap"><span>今天是2019年3月1日</span><a href="#">设为首页</a> '
            '<a href="#">加入收藏</a> <a href="#">繁體</a></div>')
LOGO = '<div class="logo"><img src="/images/logo.png" alt=""></div>'
INFO = ('<div class="info">发布时间：2019-03-01 10:20 浏览次数：1234 【字体：<a href="#">大</a> '
        '<a href="#">中</a> <a href="#">小</a>】</div>')
INFO_TABLE = ('<table width="100%"><tr><td align="center">发布时间：2019年03月01日 来源：市教育局办公室 '
              '【<a href="#">打印</a>】【<a href="#">关闭</a>】</td></tr></table>')
INFO_SOURCE = '<p class="xx">来源：绍兴市教育局 作者：办公室 发布日期：2019年3月1日 点击量：86</p>'
PAGER = ('<div class="pages"><p>上一篇：<a href="/1.html">关于做好2019年春季开学工作的通知</a></p>'
         '<p>下一篇：<a href="/2.html">市教育局召开2019年全市教育工作会议</a></p></div>')
PRINT = '<p><a href="#">【打印本页】</a> <a href="#">【关闭窗口】</a></p>'
FOOT = '<div class="bottom"><p>版权所有：绍兴市教育局 浙ICP备12345678号</p><p>地址：绍兴市解放北路 电话：0575-85123456</p></div>'


def _speech(name: str) -> tuple[str, list[str]]:
    lines = [line for line in (CORPORA / name).read_text(encoding="utf-8").split("\n") if line.strip()]
    return lines[0], lines[1:]


def _page(name: str, *, top: str, h1: bool, info: str, bottom: str) -> bytes:
    title, body = _speech(name)
    heading = f"<h1>{html.escape(title)}</h1>" if h1 else ""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in body)
    return (f'<html><head><meta charset="utf-8"><title>{html.escape(title)}_绍兴市教育局</title></head><body>'
            f'{top}{LOGO}<div class="main"><div class="article">{heading}{info}<div class="content">{paragraphs}'
            f"</div>{bottom}</div></div>{FOOT}</body></html>").encode()


@pytest.mark.parametrize("top", [TOP_BAR, TOOL_BAR, ""])
@pytest.mark.parametrize("h1", [True, False])
@pytest.mark.parametrize("info, date", [(INFO, "2019-03-01"), (INFO_SOURCE, "2019-03-01"), (INFO_TABLE, "2019-03-01"),
                                        ("", "")])
@pytest.mark.parametrize("bottom", [PAGER, PAGER + PRINT])
def test_html_pages_speech_on_a_site_reads_like_the_text(top, h1, info, date, bottom):
    name = "unlabeled/speech_03.txt"
    title, _ = _speech(name)
    text = read_bytes((CORPORA / name).read_bytes(), name="speech_03.txt")
    page = read_bytes(_page(name, top=top, h1=h1, info=info, bottom=bottom), name="speech_03.html")
    assert page.title == title and page.kind == text.kind == "speech" and page.date == date
    content = [(p.kind, p.text, p.path) for p in page.passages if p.is_content and p.kind != "title"]
    assert content == [(p.kind, p.text, p.path) for p in text.passages if p.is_content and p.kind != "title"]
    furniture = " ".join(p.text for p in page.passages if not p.is_content)
    assert ("上一篇" in furniture) and ("版权所有" in furniture)
    assert not any(word in p.text for p in page.passages for word in ("今天是", "无障碍", "设为首页", "English"))


@pytest.mark.parametrize("line, nav, info", [
    ("今天是：2019年3月1日 星期五 无障碍 | English | 登录", True, False),
    ("今天是2019年3月1日 设为首页 加入收藏 繁體", True, False),
    ("（三）加强微信微博平台建设", False, False),                     # a heading naming two tools
    ("要加强网站登录注册管理，确保信息安全。", False, False),
    ("发布时间：2019-03-01 10:20 浏览次数：1234 【字体：大中小】", False, True),
    ("文章来源：本站原创 作者：佚名 发布时间：2019年01月24日 点击数：", False, True),
    ("信息来源：市教育局。作者要求各单位认真落实。", False, False),     # a sentence
    ("发布时间：2019-03-01", False, False),                          # one field: the date line itself
])
def test_html_pages_tool_bar_and_info_line(line, nav, info):
    assert is_nav_text(line) is nav and is_info_line(line) is info
