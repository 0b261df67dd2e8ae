"""Enumeration markers of Chinese official writing, and the counts lead-ins announce.

A marker is recognised only at the start of a unit of text (a line, a sentence, or the text right
after a colon/semicolon that the sentence splitter has cut); callers decide which positions count.
The guards here reject the common false friends: 第一批/第一责任人/第一阶段/第一手, 1.5亿, 一、二年级.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .regex_chars import first_chars

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Scheme rank: heading schemes nest in this order by convention; discourse schemes live in body text.
HEADING_SCHEMES = ("di_bufen", "di_zhang", "di_jie", "cn_dun", "cn_paren", "arabic", "paren_arabic", "circled", "di_tiao")
DISCOURSE_SCHEMES = ("yi_shi", "yi_yao", "di_yi", "shouxian", "fangmian")


def cn_number(text: str) -> int | None:
    """Chinese or Arabic numeral (1–99) -> int; ``None`` if it is not one."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(c not in CN_DIGITS and c != "十" for c in text):
        return None
    if "十" in text:
        head, _, tail = text.partition("十")
        if "十" in tail:
            return None
        tens = CN_DIGITS.get(head, None) if head else 1
        ones = CN_DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(text) == 1:
        return CN_DIGITS[text]
    return None


@dataclass(frozen=True, slots=True)
class Marker:
    scheme: str
    value: int          # 1-based position; ``LAST`` for 最后
    label: str          # canonical marker used in paths: "一要", "第二", "（一）", "一、", "1."
    length: int         # characters the marker occupies (including its punctuation)


LAST = 99

_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    # 第一部分 履行督导职责情况
    ("di_bufen", re.compile(rf"第([{_CN}]{{1,3}})部分(?:[\s：:、，,]+|$)")),
    ("di_zhang", re.compile(rf"第([{_CN}]{{1,3}})章(?:[\s：:、，,]+|$)")),
    ("di_jie", re.compile(rf"第([{_CN}]{{1,3}})节(?:[\s：:、，,]+|$)")),
    # 一、总体情况  (not 一、二年级: the next char must not be another numeral)
    # (一. is the same heading typed with a full stop)
    ("cn_dun", re.compile(rf"([{_CN}]{{1,3}})(?:、|\.(?!\d))(?![{_CN}两][、.]?)")),
    ("cn_paren", re.compile(rf"[（(]([{_CN}]{{1,3}})[）)]\s?")),
    ("paren_arabic", re.compile(r"[（(]?(\d{1,2})[）)](?!\d)\s?")),
    ("circled", re.compile(rf"([{_CIRCLED}])\s?")),
    # 1. 1、 1． (normalised to "1.") but not 1.5亿 or 2024.
    ("arabic", re.compile(r"(\d{1,2})(?:[.、](?!\d)|\s+(?=[\u4e00-\u9fff]))\s?")),
    ("di_tiao", re.compile(rf"第([{_CN}]{{1,3}})条\s+")),
    ("yi_shi", re.compile(rf"([{_CN}]{{1,3}})是(?!否)")),
    ("yi_yao", re.compile(rf"([{_CN}]{{1,3}})要(?![求素件点闻务是])")),
    # 第一，第二、 第三是 第四要; not 第一批/第一责任人/第一阶段/第一手/第一次/第一名
    ("di_yi", re.compile(rf"第([{_CN}]{{1,3}})(?:[，,、：:]|(?=是|要(?!务)|条[，,、\s])|(?=[，,]))")),
    ("shouxian", re.compile(r"(首先|其次|再次|然后|最后)(?:[，,、：:]|(?=要|是|，))")),
    ("fangmian", re.compile(r"(一方面|另一方面)(?=[，,]?)")),
)

# "一、本年新收申请数量 3001 53 0 0 61": a table row flattened into text, not a heading.
_TABLE_ROW = re.compile(r"(?:\s+\d[\d.,%]*){3}")

_MEASURE_WORD = re.compile(r"[个名人项次年月日万亿元%件篇]")

_SHOUXIAN_VALUES = {"首先": 1, "其次": 2, "再次": 3, "然后": 3, "最后": LAST}


def _patterns_by_first_char() -> tuple[dict[str, tuple], tuple]:
    """first character -> the (scheme, pattern) pairs that can match a text starting with it, in
    ``_PATTERNS`` order; and the pairs that must be tried whatever the text starts with."""
    firsts = [(scheme, pattern, first_chars(pattern)) for scheme, pattern in _PATTERNS]
    chars = set().union(*(f for _, _, f in firsts if f is not None))
    by_char = {ch: tuple((s, p) for s, p, f in firsts if f is None or ch in f) for ch in chars}
    return by_char, tuple((s, p) for s, p, f in firsts if f is None)


# match_marker is asked of every line, sentence and clause start (~300 times a report) and the first
# character rules out most of the 14 schemes (measured: 0.5 -> 0.2 ms per report).
_BY_FIRST_CHAR, _ANY_FIRST_CHAR = _patterns_by_first_char()


def match_marker(text: str, *, schemes: tuple[str, ...] | None = None) -> Marker | None:
    """The enumeration marker at the very start of ``text``, if any (same as ``match_marker_plain``,
    trying only the schemes whose patterns can start with ``text``'s first character)."""
    return _first_marker(text, _BY_FIRST_CHAR.get(text[:1], _ANY_FIRST_CHAR), schemes)


def match_marker_plain(text: str, *, schemes: tuple[str, ...] | None = None) -> Marker | None:
    """``match_marker`` trying every scheme in order (the definition the fast path is tested against)."""
    return _first_marker(text, _PATTERNS, schemes)


def _first_marker(text: str, candidates, schemes: tuple[str, ...] | None) -> Marker | None:
    for scheme, pattern in candidates:
        if schemes is not None and scheme not in schemes:
            continue
        m = pattern.match(text)
        if not m:
            continue
        marker = _make(scheme, m, text)
        if marker is not None:
            return marker
    return None


def strip_marker(text: str) -> str:
    """``text`` without the enumeration marker it opens with ("二是加强督导" -> "加强督导"); unchanged
    when it has none."""
    body = text.lstrip()
    marker = match_marker(body)
    return body[marker.length:] if marker else text


def _make(scheme: str, m: re.Match, text: str) -> Marker | None:
    raw = m.group(1)
    rest = text[m.end():]
    if scheme == "circled":
        value = _CIRCLED.index(raw) + 1
        return Marker(scheme, value, raw, m.end())
    if scheme == "shouxian":
        if raw == "最后" and not re.match(r"[，,、：:]", text[2:3]):
            return None
        return Marker(scheme, _SHOUXIAN_VALUES[raw], raw, m.end())
    if scheme == "fangmian":
        return Marker(scheme, 1 if raw == "一方面" else 2, raw, len(raw))
    value = cn_number(raw)
    if value is None or value == 0 or value > 50:
        return None
    if scheme in ("di_bufen", "di_zhang", "di_jie"):           # may stand alone above its title line
        noun = {"di_bufen": "部分", "di_zhang": "章", "di_jie": "节"}[scheme]
        return Marker(scheme, value, f"第{raw}{noun}", m.end())
    if not rest.strip() or _TABLE_ROW.search(rest):
        return None
    if scheme == "cn_dun":
        return Marker(scheme, value, f"{raw}、", m.end())
    if scheme == "cn_paren":
        return Marker(scheme, value, f"（{raw}）", m.end())
    if scheme == "paren_arabic":
        return Marker(scheme, value, f"（{raw}）", m.end())
    if scheme == "arabic":
        spaced = not re.match(r"\d+[.、]", text)
        if spaced and (len(rest) > 30 or _MEASURE_WORD.match(rest.lstrip()) or re.search(r"[。！？；，]", rest)):
            return None   # "1  学校发展成果高质量" is a heading; "10 个单位参加。" is not
        return Marker(scheme, value, f"{value}.", m.end())
    if scheme == "di_tiao":
        return Marker(scheme, value, f"第{raw}条", m.end())
    if scheme == "yi_shi":
        if rest.startswith(raw):      # 一是一，二是二: an idiom, not a list
            return None
        return Marker(scheme, value, f"{raw}是", m.end())
    if scheme == "yi_yao":
        return Marker(scheme, value, f"{raw}要", m.end())
    if scheme == "di_yi":
        length = m.end()
        return Marker(scheme, value, f"第{raw}", length)
    return None


# --- OCR misreadings ---------------------------------------------------------------------------------
# tesseract reads the full-width brackets of "（四）" as 《, 〈, <, [, 【 or { and the closing one as 》,
# 〉, >, ], 】, }, 」 or J: "《四) 严厉打击非法经营。" is then no marker and its item is glued to the one before.
_OCR_PAREN = re.compile(rf"^(\s*)[《〈<\[【{{（(]\s?([{_CN}]{{1,3}})\s?[)）》〉>\]】}}」J]")


def repair_ocr_paren_markers(lines: list[str]) -> list[str]:
    """OCR'd lines with a misread "（N）" marker written as one where the sequence needs it.

    A line opening with a bracket-like character, a numeral N and a closing bracket-like character is
    taken for "（N）" only when the nearest "（…）" markers before and after it make N the missing
    member: （三） before it and （五） after it (or no further marker, or a new list's （一）), or for
    N = 1, a （二） after it. Only for OCR text: a typed 《四》 is a book title.
    """
    values = [_cn_paren_value(line) for line in lines]
    misread = [_misread_value(line) if value is None else None for line, value in zip(lines, values)]
    out = list(lines)
    for i, line in enumerate(lines):
        value = misread[i]
        if value is None:
            continue
        m = _OCR_PAREN.match(line)
        before = next((v for v in reversed(values[:i]) if v is not None), None)
        # a run of misread markers ("《四)", "〈五)") vouch for each other
        after = next((v if v is not None else w for v, w in zip(values[i + 1:], misread[i + 1:])
                      if v is not None or w is not None), None)
        if value == 1:
            fits = after == 2
        else:
            fits = before == value - 1 and (after is None or after == value + 1 or after == 1)
        if fits:
            out[i] = f"{m.group(1)}（{m.group(2)}）{line[m.end():]}"
            values[i] = value
    return out


def _misread_value(line: str) -> int | None:
    m = _OCR_PAREN.match(line)
    return cn_number(m.group(2)) or None if m and line[m.end():].strip() else None


def _cn_paren_value(line: str) -> int | None:
    marker = match_marker(line.strip(), schemes=("cn_paren",))
    return marker.value if marker else None


# --- announced counts ------------------------------------------------------------------------------
_COUNT_NOUN = r"(?:个[\u4e00-\u9fff]|方面|点|条|项|大|件事|部分|层意思|句话|种|招|步)"
_COUNT_RE = re.compile(rf"(?<![第\d{_CN}“《])([{_CN}两]{{1,3}}|\d{{1,2}})\s?{_COUNT_NOUN}")
# Names that contain a count but announce nothing.
_SLOGANS = ("三个代表", "两个维护", "四个意识", "四个自信", "两个确立", "四个全面", "五位一体", "八八战略",
            "两个一百年", "三个务必", "两个结合", "一方面", "两会")
_END_WINDOW = 14
# Outside a colon-ended lead-in, a count announces a list only after a verb of saying or having
# ("我讲3个问题", "概括起来有四方面特点", "在以下四个方面"), never "对14个单位进行督导".
_ANNOUNCING = re.compile(r"(?:有|讲|提|谈|说|概括|归纳|包括|以下|如下|下列|主要|做到|抓好|把握|强调|突出|体现在|表现在|"
                         r"实施|分为|总结|明确|就)[了出为起来好]*\s?$")
# Things counted rather than points announced.
_COUNTED_THINGS = re.compile(r"个?(?:单位|部门|县|区|市|乡镇|镇|村|社区|项目|党支部|支部|党组织|基层党组织|学校|企业|"
                             r"人|家|次|名|批|年|月|天|小时|亿|万|百分点)")


def announced_count(sentence: str) -> int | None:
    """The number of items a lead-in announces ("提三点要求：" -> 3), or ``None``."""
    counts = announced_counts(sentence)
    return counts[-1] if counts else None


def announced_counts(sentence: str) -> list[int]:
    """Every count a lead-in may announce, in order ("共有4大类18个问题" -> [4, 18]).

    A sentence ending with a colon announces its last count ("…着力于加大五个力度：" -> 5); any
    other sentence only when the count sits near its end ("概括起来有四方面特点。"). Only counts
    2–20 are taken (larger ones are figures), never party-congress numbers (二十大) or slogans
    ("三个代表").
    """
    body = sentence.rstrip(" ，,。！？!?")
    colon = body.endswith(("：", ":"))
    found: list[int] = []
    for m in _COUNT_RE.finditer(body):
        if any(body.startswith(slogan, m.start()) for slogan in _SLOGANS):
            continue
        if _COUNTED_THINGS.match(body, m.end(1)) or _COUNTED_THINGS.match(body, m.end(1) + 1):
            continue
        if not colon and (len(body) - m.end() > _END_WINDOW
                          or not _ANNOUNCING.search(body[max(0, m.start() - 8):m.start()])):
            continue
        value = cn_number(m.group(1))
        if value is None or not 2 <= value <= 20:
            continue
        if m.group(0).endswith("大") and (value > 10 or body[m.start() - 2:m.start()] == "党的"):
            continue   # 十九大, 二十大: congresses, not counts
        found.append(value)
    return found
