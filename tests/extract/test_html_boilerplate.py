"""Site furniture on <div> pages and the <title> as a title candidate (QA finding 15)."""
from __future__ import annotations

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract import read_bytes
from pipeline.extract.html import extract
from pipeline.extract.html_boilerplate import clean_page_title, is_nav_text

BODY = "<p>各学校：</p><p>为推进督导工作，现将有关事项通知如下：</p><p>一、各学校要在5月底前完成自查。</p>"
NAV_LINKS = '<div class="top"><a href="/">首页</a> | <a href="/n">新闻</a> | <a href="/l">登录</a></div>'
FOOTER_DIV = ('<div class="ft"><p>版权所有：××市教育局　京ICP备12345678号</p>'
              "<p>地址：××路1号　电话：0575-12345678</p><p><a href='/c'>联系我们</a></p></div>")


def _page(body: str, title: str | None = "关于开展教育督导工作的通知_××市教育局") -> bytes:
    head = f"<title>{title}</title>" if title is not None else ""
    return f'<html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'.encode()


def _blocks(body: str, title: str | None = None):
    result = extract(_page(body, title), name="a.html", limits=DEFAULT_LIMITS)
    return [(b.kind, b.text) for b in result.blocks]


@pytest.mark.parametrize("furniture", [
    NAV_LINKS,                                                                      # a bare link bar
    "<div>首页 | 新闻 | 登录</div>",                                                  # the same as plain text
    '<div class="nav-bar"><span>校园动态</span><span>通知</span></div>',             # named by class
    '<div id="menu"><ul><li><a>概况</a></li><li><a>机构</a></li></ul></div>',          # named by id
    '<div role="navigation"><a>一</a></div>',                                       # ARIA role
    "<ul><li><a>学校概况</a></li><li><a>新闻中心</a></li><li><a>招生就业</a></li></ul>",  # unnamed menu list
    "<p>当前位置：首页 &gt; 通知公告 &gt; 正文</p>",                                   # breadcrumb
    '<table><tr><td><a>首页</a></td><td><a>新闻</a></td><td><a>登录</a></td></tr></table>',  # table layout
])
def test_html_boilerplate_navigation_is_dropped(furniture):
    assert _blocks(furniture + BODY) == _blocks(BODY)


@pytest.mark.parametrize("footer, kinds", [
    (FOOTER_DIV, ["footer", "footer", "footer"]),
    ('<div class="bottom"><p>主办：××市教育局</p></div>', ["footer"]),                # named by class
    ("<p>Copyright © 2024 ××中学 All Rights Reserved</p>", ["footer"]),
    ("<p>××市公安局 浙公网安备 33060202000001号</p><p>网站标识码：3306000001</p>", ["footer", "footer"]),
])
def test_html_boilerplate_footer_lines_are_furniture(footer, kinds):
    blocks = _blocks(BODY + footer)
    assert blocks[: len(_blocks(BODY))] == _blocks(BODY)
    assert [kind for kind, _ in blocks[len(_blocks(BODY)):]] == kinds


@pytest.mark.parametrize("body", [
    "<p>详见<a>附件1</a>、<a>附件2</a>和<a>附件3</a>，请各单位认真组织学习。</p>",     # links inside a sentence
    "<p>一、主办单位：市教育局</p><p>二、承办单位：市第一中学</p>",                  # a notice names its 主办单位
    "<p>请各学校登录平台填报，联系电话：0575-12345678。</p>",                         # contact line of the body
    "<p>一、总体情况 | 二、主要问题</p>",                                           # | inside text with punctuation
])
def test_html_boilerplate_body_text_is_kept(body):
    assert [kind for kind, _ in _blocks(body)] == ["paragraph"] * len(_blocks(body)) and _blocks(body)


@pytest.mark.parametrize("title, expected", [
    ("关于开展教育督导工作的通知_××市教育局", "关于开展教育督导工作的通知"),
    ("2024年工作总结 - 绍兴市第一中学", "2024年工作总结"),
    ("××教育网 | 关于加强校园安全的通知", "关于加强校园安全的通知"),        # site name first
    ("督查情况通报_通知公告_××市教育局", "督查情况通报"),                   # column and site
    ("在全市教育工作会议上的讲话——××同志", "在全市教育工作会议上的讲话——××同志"),   # —— is not a separator
    ("  关于  开展督导的通知 ", "关于 开展督导的通知"),
    ("××市教育局", ""),                                                # the site's name only
    ("首页_绍兴教育网", ""),
    ("", ""),
])
def test_html_boilerplate_clean_page_title(title, expected):
    assert clean_page_title(title) == expected


@pytest.mark.parametrize("line, nav", [
    ("首页 | 新闻 | 登录", True), ("首页｜学校概况｜新闻中心｜联系我们", True), ("您的位置：首页 > 新闻", True),
    ("首页 | 新闻", False), ("一是加强领导 | 二是压实责任，确保实效 | 三是严格考核", False), ("各学校：", False),
])
def test_html_boilerplate_is_nav_text(line, nav):
    assert is_nav_text(line) is nav


def test_html_boilerplate_qa_page_title_and_passages():
    """The QA page: nav bar, no title in the body, ICP footer. The title is the <title> minus the
    site name; the menu is gone; the footer lines are footer passages, never classified."""
    doc = read_bytes(_page(NAV_LINKS + BODY + FOOTER_DIV), name="通知.html")
    assert doc.title == "关于开展教育督导工作的通知"
    assert not any("首页" in p.text or "登录" in p.text for p in doc.passages)
    assert [p.kind for p in doc.passages if "ICP" in p.text or "电话" in p.text or "联系我们" in p.text] == [
        "footer"] * 3
    from pipeline.classify import label_document

    labelled = label_document(doc).passages
    assert {p.label for p in labelled if p.kind == "footer"} == {""}
    assert all(p.label for p in labelled if p.kind not in ("footer", "header"))


@pytest.mark.parametrize("body, title", [
    ("<h1>关于开展教育督导工作的通知</h1>" + BODY, "关于开展教育督导工作的通知"),      # body title: <title> not added
    ("<p>××中学2024年督导自查报告</p>" + BODY, "××中学2024年督导自查报告"),         # the body's own title wins
])
def test_html_boilerplate_body_title_wins(body, title):
    doc = read_bytes(_page(body, "网站首页_××市教育局"), name="a.html")
    assert doc.title == title and not any("网站首页" in p.text for p in doc.passages)


def test_html_boilerplate_site_name_title_is_not_the_title():
    doc = read_bytes(_page(BODY, "××市教育局"), name="a.html")
    assert not any(p.text == "××市教育局" for p in doc.passages)


def test_html_boilerplate_title_alone_is_still_empty():
    result = extract(_page("<div class='nav'><a>首页</a></div>"), name="a.html", limits=DEFAULT_LIMITS)
    assert result.status.value == "empty"


def test_html_boilerplate_government_page_layout():
    """A typical 政务 page: logo header, search box, menu, breadcrumb, article, share bar, related
    links, table-layout footer. Only the article is content; logo and footer are furniture."""
    page = ("<div class='header'><div class='logo'>绍兴市教育局</div><div class='search'>搜索</div></div>"
            "<div class='nav'><ul><li><a>首页</a></li><li><a>机构概况</a></li><li><a>政务公开</a></li></ul></div>"
            "<div class='position'>当前位置：<a>首页</a> &gt; <a>通知公告</a></div>"
            "<div class='article'><h1>关于开展教育督导工作的通知</h1><div class='content'>" + BODY + "</div></div>"
            "<div class='share'>分享到：<a>微信</a><a>微博</a></div>"
            "<div class='related'><h3>相关链接</h3><ul><li><a>教育部</a></li><li><a>浙江省教育厅</a></li>"
            "<li><a>绍兴市人民政府</a></li></ul></div>"
            "<table class='bottom-table'><tr><td>主办：绍兴市教育局 地址：××路1号 邮编：312000</td></tr>"
            "<tr><td>浙ICP备05012345号 网站标识码：3306000015</td></tr></table>")
    blocks = _blocks(page)
    assert blocks[0] == ("header", "绍兴市教育局")
    assert [text for kind, text in blocks if kind not in ("header", "footer")] == [
        "关于开展教育督导工作的通知", *(text for _, text in _blocks(BODY))]
    assert [kind for kind, _ in blocks[-2:]] == ["footer", "footer"]
