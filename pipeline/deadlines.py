"""Deadlines and frequencies of checklist items: find the phrase, normalise it where possible.

Returns ``Deadline(text, value, kind)``: ``text`` is the phrase as written ("4月底前"), ``value`` the
normalised form ("2005-04-30前", "5月底前" when the year is unknown, "每季度", "学习动员阶段", "长期坚持"), ``kind`` one of
date / frequency / stage / ongoing / prompt. The earliest-priority match wins: an explicit date
beats a frequency, which beats a stage, which beats "长期"/"始终", which beats "及时".
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9０-９〇○零一二两三四五六七八九十]+"


@dataclass(frozen=True, slots=True)
class Deadline:
    text: str
    value: str
    kind: str


def cn_number(text: str) -> int | None:
    """'12', '十二', '二十五', '二〇〇五' -> int; None when not a number."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if "十" not in text:
        digits = [_CN_DIGITS.get(c) for c in text]
        return None if None in digits or not digits else int("".join(map(str, digits)))
    tens, _, ones = text.partition("十")
    tens_value = _CN_DIGITS.get(tens, None) if tens else 1
    ones_value = _CN_DIGITS.get(ones, None) if ones else 0
    if tens_value is None or ones_value is None:
        return None
    return tens_value * 10 + ones_value


_DATE = re.compile(rf"(?:({_NUM})年)?({_NUM})月(?:({_NUM})[日号])?(底|末|中旬|上旬|下旬)?(?:之?前|以前|止)")
_YEAR_END = re.compile(rf"(?:({_NUM})年)?(年底|年末)(?:之?前|以前)|年内")
_HALF = re.compile(rf"(?:({_NUM})年)?(上半年|下半年)")
_FREQUENCY = (("每季度", "每季度"), ("每个季度", "每季度"), ("每半年", "每半年"), ("每年", "每年"),
              ("每月", "每月"), ("每个月", "每月"), ("每半月", "每半月"), ("每两周", "每两周"),
              ("每周", "每周"), ("每星期", "每周"), ("每天", "每日"), ("每日", "每日"), ("定期", "定期"))
_STAGES = (("学习动员阶段", "学习动员阶段"), ("学习教育阶段", "学习动员阶段"), ("思想教育", "学习动员阶段"),
           ("第一阶段", "学习动员阶段"), ("分析评议阶段", "分析评议阶段"), ("第二阶段", "分析评议阶段"),
           ("整改提高阶段", "整改提高阶段"), ("第三阶段", "整改提高阶段"))
# patterns, in priority order; 长期 inside 中长期 names a plan (《中长期教育改革…纲要》), not a duration
_ONGOING = ("长期坚持", "常态化", "长效", "贯穿于", "始终", "全过程", "(?<!中)长期")
_PROMPT = ("及时", "尽快", "立即", "限时")


def find_deadline(text: str, *, year: int | None = None) -> Deadline | None:
    """The deadline or frequency stated in ``text`` (``year`` fills dates that omit it)."""
    found = _date(text, year)
    if found:
        return found
    for phrase, value in _FREQUENCY:
        if phrase in text:
            return Deadline(phrase, value, "frequency")
    stages = [(text.index(p), p, v) for p, v in _STAGES if p in text]
    if stages:
        values = list(dict.fromkeys(v for _, _, v in sorted(stages)))
        phrases = "、".join(dict.fromkeys(p for _, p, _ in sorted(stages)))
        return Deadline(phrases, "、".join(values), "stage")
    for pattern in _ONGOING:
        match = re.search(pattern, text)
        if match:
            return Deadline(match.group(0), "长期坚持", "ongoing")
    for phrase in _PROMPT:
        if phrase in text:
            return Deadline(phrase, "及时", "prompt")
    return None


def _date(text: str, year: int | None) -> Deadline | None:
    match = _DATE.search(text)
    if match:
        y = cn_number(match.group(1)) if match.group(1) else year
        month = cn_number(match.group(2))
        if month and 1 <= month <= 12:
            day_text, part = match.group(3), match.group(4) or ""
            if day_text:
                day = cn_number(day_text)
            elif part in ("底", "末", "下旬"):
                day = calendar.monthrange(y or 2001, month)[1]
            elif part == "中旬":
                day = 20
            elif part == "上旬":
                day = 10
            else:
                day = calendar.monthrange(y or 2001, month)[1]
            if day and 1 <= day <= 31:
                # without a year a date stays as people write it ("5月底前"), never "--05-31前"
                stamp = f"{y:04d}-{month:02d}-{day:02d}" if y else f"{month}月{f'{day}日' if day_text else part}"
                return Deadline(match.group(0), f"{stamp}前", "date")
    match = _HALF.search(text)
    if match:
        y = cn_number(match.group(1)) if match.group(1) else year
        end = "06-30" if match.group(2) == "上半年" else "12-31"
        return Deadline(match.group(0), f"{y:04d}-{end}前" if y else f"{match.group(2)}内", "date")
    match = _YEAR_END.search(text)
    if match:
        y = cn_number(match.group(1)) if match and match.group(1) else year
        return Deadline(match.group(0), f"{y:04d}-12-31前" if y else "年底前", "date")
    return None


def year_of(date_text: str) -> int | None:
    """Year of a document date such as '2005年3月25日' or '二〇〇五年三月二十六日'."""
    match = re.search(rf"({_NUM})年", date_text or "")
    value = cn_number(match.group(1)) if match else None
    return value if value and 1900 <= value <= 2100 else None
