"""Dates as official documents write them (pipeline/extract/dates.py)."""
from __future__ import annotations

import pytest

from pipeline.extract.dates import iso_date, published_date


@pytest.mark.parametrize("text, expected", [
    ("2010年2月22日", "2010-02-22"), ("（二〇一〇年二月二十二日）", "2010-02-22"), ("二〇一九年十二月三十一日", "2019-12-31"),
    ("2010年13月2日", ""), ("今年2月", ""),
])
def test_dates_iso_date(text, expected):
    assert iso_date(text) == expected


@pytest.mark.parametrize("lines, expected", [
    (["发布时间：2019年01月24日", "正文"], "2019-01-24"),
    (["发布日期：2023-03-01 浏览次数：12"], "2023-03-01"),
    (["时间：2023/3/1"], "2023-03-01"),
    (["发布时间：2023-13-01"], ""),                       # no 13th month
    (["正文没有日期。"], ""),
])
def test_dates_published_date(lines, expected):
    assert published_date(lines) == expected
