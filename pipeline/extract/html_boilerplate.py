"""Web-page furniture that is not marked up as ``<nav>``/``<header>``/``<footer>``, and the page title.

Government and school sites mostly lay pages out with ``<div>``s: the menu is ``<div class="nav">``
or a bare run of links ("首页 | 新闻 | 登录"), the footer a ``<div class="bottom">`` holding
"版权所有 … 京ICP备…号 … 地址：… 电话：…". Left in, the menu became the document's title and the
footer a passage to classify. The rules here are small and conservative: a container is judged by its
class/id/ARIA role, a block element by its share of link text, a line by furniture phrases that never
occur in an official text's body.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Block
from .sentences import TERMINAL as _SENTENCE_END

# class/id words (split at - and _) naming site furniture
_DROP_WORDS = {"nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
               "sidebar", "share", "login", "search", "friendlink", "friendlinks", "skip", "toolbar"}
_FOOTER_WORDS = {"footer", "foot", "bottom", "copyright", "copy"}
_HEADER_WORDS = {"header", "banner", "masthead", "topbar"}
_ROLES = {"navigation": "drop", "search": "drop", "complementary": "drop", "banner": "header",
          "contentinfo": "footer"}
_WORD_SPLIT = re.compile(r"[\s\-_]+")

_MIN_LINKS = 3
_LINK_SHARE = 0.7

# A line that only a site footer writes (anywhere on the page) …
_FOOTER_LINE = re.compile(r"ICP[备证]|公网安备|版权所有|[Cc]opyright|©|网站标识码|建议.{0,30}(?:浏览器|分辨率)"
                          r"|^(?:上一篇|下一篇|上一条|下一条|上一页|下一页)[：:]|^【?打印(?:本页|此页)?】?\s*【?关闭(?:窗口|本页)?】?$")
# … and lines that are footer furniture next to such a line (a notice's body may name its 主办单位).
_FOOTER_NEAR = re.compile(r"地址[：:].{0,80}(?:电话|邮编|传真|邮箱)|^(?:电话|邮编|传真|联系电话|电子邮箱)[：:]"
                          r"|联系我们|网站地图|隐私(?:声明|政策)|免责声明|技术支持[：:]|主办单位[：:]|承办单位[：:]")
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)[：:]")
_NAV_SEPARATOR = re.compile(r"\s*[|｜]\s*")
_PUNCTUATION = re.compile(r"[。，、；：！？,.;:!?]")
# The site's tool bar: "今天是：2019年3月1日 星期五 无障碍 | English | 登录" (two of these, a | or 今天是,
# no sentence; "（三）加强微信微博平台建设" is a heading)
_SITE_TOOL = re.compile(r"今天是|星期[一二三四五六日天]|无障碍|长者模式|关怀版|English|繁[體体]|简体|登录|注册|"
                        r"设为首页|加入收藏|手机版|移动版|微信|微博|智能问答|站内搜索")
_MAX_TOOL_BAR = 80
# An article's info line: "发布时间：2019-03-01 10:20 浏览次数：1234 【字体：大中小】" (two fields, no
# sentence); its 发布时间 becomes a date line of the title block, the rest is page furniture.
_INFO_FIELD = re.compile(r"(?:发布(?:时间|日期)|(?:文章|信息)?来源|作者|浏览(?:次数|量)|点击(?:数|量|率)|阅读(?:数|量)|"
                         r"访问量|字[体号])[：:]|【\s*(?:字体|打印|关闭)|分享到")
_PUBLISHED = re.compile(r"发布(?:时间|日期)[：:]\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d\d[-/.]\d{1,2}"
                        r"[-/.]\d{1,2})(?:\s*\d{1,2}:\d\d(?::\d\d)?)?")
_MAX_FURNITURE_LINE = 200

# "<title>关于…的通知_××市教育局</title>", "… - ××学校", "…|××网": the site name after a separator
_TITLE_SEPARATOR = re.compile(r"\s*[_|｜]\s*|\s+[-–—－]+\s+")
_SITE_NAME = re.compile(r"(?:网|网站|门户|首页|频道|栏目|专题|新闻中心|信息公开|通知公告|政务公开)$")


def container_role(el) -> str:
    """"drop", "footer" or "header" when the element's class, id or ARIA role names site furniture."""
    role = _ROLES.get((el.get("role") or "").strip().lower(), "")
    if role:
        return role
    words = set(_WORD_SPLIT.split(f"{el.get('class') or ''} {el.get('id') or ''}".lower())) - {""}
    if words & _DROP_WORDS:
        return "drop"
    if words & _FOOTER_WORDS:
        return "footer"
    if words & _HEADER_WORDS:
        return "header"
    return ""


def is_link_list(chars: int, link_chars: int, links: int, sentence_ends: int) -> bool:
    """A block element whose text is mostly 3+ links and has no sentence of its own: a menu."""
    return links >= _MIN_LINKS and chars > 0 and link_chars >= _LINK_SHARE * chars and not sentence_ends


def is_nav_text(line: str) -> bool:
    """A breadcrumb, or a bar of 3+ short unpunctuated words split by | ("首页 | 新闻 | 登录")."""
    if _BREADCRUMB.match(line.strip()):
        return True
    if (len(line) <= _MAX_TOOL_BAR and not _SENTENCE_END.search(line) and len(set(_SITE_TOOL.findall(line))) >= 2
            and ("今天是" in line or _NAV_SEPARATOR.search(line))):
        return True
    parts = [p for p in _NAV_SEPARATOR.split(line.strip()) if p]
    return len(parts) >= _MIN_LINKS and all(len(p) <= 8 and not _PUNCTUATION.search(p) for p in parts)


def is_info_line(line: str) -> bool:
    """An article's info line: two or more of 发布时间/来源/作者/浏览次数/【字体】… and no sentence."""
    return len(line) <= _MAX_FURNITURE_LINE and not _SENTENCE_END.search(line) and len(_INFO_FIELD.findall(line)) >= 2


def split_info_line(block: Block) -> list[Block]:
    """An info line as a ``header`` block, its "发布时间：…" first on a line of its own (a date line,
    a paragraph even in a table cell so the title block can hold it)."""
    published = _PUBLISHED.search(block.text)
    rest = block.text
    if published:
        rest = " ".join((block.text[:published.start()] + " " + block.text[published.end():]).split())
    header = [replace(block, kind="header", text=rest)] if rest else []
    return ([replace(block, kind="paragraph", text=published.group(0))] if published else []) + header


def mark_text_boilerplate(blocks: list[Block]) -> tuple[Block, ...]:
    """Drop navigation lines and the site's tool bar; an article's info line becomes a ``header``
    block (its publishing date a line of its own); footer lines (ICP, 版权所有, 上一篇/下一篇 …, and
    地址/电话/联系我们 lines next to them) become ``footer`` blocks, kept but never classified."""
    kept: list[Block] = []
    for block in blocks:
        if is_nav_text(block.text):
            continue
        if block.kind not in ("header", "footer") and is_info_line(block.text):
            kept.extend(split_info_line(block))
        else:
            kept.append(block)
    footer = [len(b.text) <= _MAX_FURNITURE_LINE and bool(_FOOTER_LINE.search(b.text)) for b in kept]
    near = [len(b.text) <= _MAX_FURNITURE_LINE and bool(_FOOTER_NEAR.search(b.text)) for b in kept]
    for order in (range(len(kept)), range(len(kept) - 1, -1, -1)):   # grow each footer run both ways
        previous = False
        for k in order:
            footer[k] = footer[k] or (near[k] and previous)
            previous = footer[k]
    return tuple(replace(b, kind="footer") if is_footer and b.kind not in ("header", "footer") else b
                 for b, is_footer in zip(kept, footer))


def clean_page_title(title: str) -> str:
    """The ``<title>`` without the site name: "关于…的通知_××市教育局" -> "关于…的通知"; '' for a
    title that is only the site's name ("××市教育局", "首页_××网")."""
    from .metadata import is_org_line

    parts = [p for p in _TITLE_SEPARATOR.split(" ".join(title.split())) if p]
    # the first part that is not a site or column name; none when the page is titled by its site only
    return next((p for p in parts if not (_SITE_NAME.search(p) or is_org_line(p))), "")


def page_title(root) -> str:
    """The page's cleaned ``<title>`` ('' when it has none)."""
    element = root.find(".//title")
    return clean_page_title(element.text_content()) if element is not None else ""


def with_title(blocks: tuple[Block, ...], title: str) -> tuple[Block, ...]:
    """``blocks`` with ``title`` put first as a heading when the body has text but no title block of
    its own (its first lines are sentences, a salutation, a list item …) and does not open with it."""
    from .metadata import _squash, detect

    content = [b.text.strip() for b in blocks if b.kind not in ("header", "footer") and b.text.strip()]
    if not title or not content:
        return blocks
    squashed = _squash(title)
    if any(squashed in _squash(line) for line in content[:5]) or detect(content[:6]).title:
        return blocks
    return (Block(text=title, kind="heading"), *blocks)
