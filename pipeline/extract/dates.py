"""Dates as official documents write them ("2010年2月22日", "二〇一〇年二月二十二日", a web page's
"发布时间：2023-03-01"), read as YYYY-MM-DD for ``metadata``."""
from __future__ import annotations

import re

DATE = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*"
                  r"([\d一二三四五六七八九十]{1,3})\s*日")
DATE_LINE = re.compile(r"^[（(]?\s*" + DATE.pattern + r"\s*[）)]?$")


def iso_date(text: str) -> str:
    """First date in ``text`` as YYYY-MM-DD ('' if none); Chinese numerals (二〇一〇年二月) allowed."""
    m = DATE.search(text)
    if not m:
        return ""
    year = _cn_digits(m.group(1))
    month, day = _cn_small(m.group(2)), _cn_small(m.group(3))
    if not (year and month and day) or not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def _cn_digits(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = "〇一二三四五六七八九"
    out = ""
    for c in text:
        c = "〇" if c == "零" else c
        if c not in digits:
            return None
        out += str(digits.index(c))
    return int(out)


def _cn_small(text: str) -> int | None:
    from .markers import cn_number

    return cn_number(text)


def published_date(lines: list[str]) -> str:
    """A web page's "发布时间：2019年01月24日" line just under the title."""
    for line in lines:
        m = re.search(r"(?:发布时间|发布日期|日期|时间)[：:]\s*(.{6,20})", line)
        if m and iso_date(m.group(1)):
            return iso_date(m.group(1))
        numeric = m and _NUMERIC_DATE.match(m.group(1))      # pages also write 2023-03-01, 2023/3/1
        if numeric and 1 <= int(numeric[2]) <= 12 and 1 <= int(numeric[3]) <= 31:
            return f"{numeric[1]}-{int(numeric[2]):02d}-{int(numeric[3]):02d}"
    return ""


_NUMERIC_DATE = re.compile(r"((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
