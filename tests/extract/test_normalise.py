"""normalise: small pure steps with an offset map back to the raw text."""
from __future__ import annotations

import pytest

from pipeline.extract.normalise import (
    COLLAPSE_SPACES, FULL_WIDTH, KANGXI, NEWLINES, ZERO_WIDTH, make_normaliser, normalise, normalise_text,
)

CASES = [
    # (raw, normalised)
    ("党的⼗七⼤报告，统⼀思想", "党的十七大报告，统一思想"),          # Kangxi radicals (reliability case 16)
    ("⻘年", "青年"),                                              # CJK Radicals Supplement
    ("ＡＢＣ１２３％", "ABC123%"),                                  # full-width letters/digits
    ("一、总体情况：（一）要求！对吗？是；“好”、。", "一、总体情况：（一）要求！对吗？是；“好”、。"),  # unchanged
    ("a\r\nb\rc", "a\nb\nc"),
    ("督导\u3000工作  会议", "督导 工作 会议"),                          # U+3000 and runs of spaces
    ("word\u00a0word", "word word"),                                # NBSP
    ("督\u200b导\u200d组\u2060\ufeff", "督导组"),                   # zero-width and a stray BOM
    ("向党和人民交出一份满意的答卷。 &nbsp", "向党和人民交出一份满意的答卷。"),
    ("“五星三名”&nbsp;引领", "“五星三名” 引领"),
    ("&#8220;三个代表&#8221;&#x4E00;&#0;", "“三个代表”一&#0;"),
    ("A&amp;B &lt;x&gt;", "A&B <x>"),
    ("盛 阅 春", "盛阅春"),                                          # letter-spaced name
    ("博雅通达  求真力行", "博雅通达 求真力行"),                     # a real word break stays
    ("弘 扬“四气” 提 振 精 神", "弘扬“四气”提振精神"),                 # a letter-spaced title line
    ("王 强", "王 强"),
    ("  同志们：  ", "同志们："),
    ("1．加强学习", "1.加强学习"),
    ("Hello  World", "Hello World"),
    ("", ""),
    ("按照中央和市委的统一部署。", "按照中央和市委的统一部署。"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_normalise_table(raw, expected):
    assert normalise(raw).text == expected
    assert normalise_text(raw) == expected


@pytest.mark.parametrize("raw, _", CASES)
def test_normalise_is_idempotent(raw, _):
    once = normalise_text(raw)
    assert normalise_text(once) == once


@pytest.mark.parametrize("raw, _", CASES)
def test_normalise_offsets_map_back_to_raw(raw, _):
    result = normalise(raw)
    assert len(result.offsets) == len(result.text) + 1
    assert result.offsets[-1] == len(raw)
    assert list(result.offsets) == sorted(result.offsets)
    for i, char in enumerate(result.text):
        source = raw[result.offsets[i]]
        # a kept character maps to itself; a rewritten one to the start of what it replaced
        assert source == char or normalise_text(source) != source or source == "&"


def test_normalise_span_maps_back_to_raw_span():
    raw = "\ufeff第一，督导组\u3000要\u200b落实⼗项任务。\r\n第二，要学习。"
    result = normalise(raw)
    start = result.text.index("督导组")
    end = result.text.index("。") + 1
    raw_start, raw_end = result.raw_span(start, end)
    assert raw[raw_start:raw_end] == "督导组\u3000要\u200b落实⼗项任务。"


def test_normalise_delete_keeps_map():
    result = normalise("abc\ndef")
    cut = result.delete(0, 4)
    assert cut.text == "def" and cut.offsets[0] == 4 and len(cut.offsets) == 4


def test_normalise_make_normaliser_composes_chosen_steps_only():
    only_newlines = make_normaliser(NEWLINES)
    assert only_newlines("Ａ\r\n").text == "Ａ\n"
    steps = make_normaliser(ZERO_WIDTH, FULL_WIDTH, KANGXI, COLLAPSE_SPACES)
    assert steps("Ａ\u200b⼀  ，").text == "A一 ，"


def test_normalise_steps_are_pure_str_functions():
    assert FULL_WIDTH("ＡＢ，") == "AB，"
    assert KANGXI("⼤") == "大"
    assert NEWLINES("a\r\nb") == "a\nb"


def test_normalise_chinese_punctuation_survives():
    text = "，。：；（）！？“”、"
    assert normalise_text(text) == text


@pytest.mark.parametrize("text, expected", [
    ("（三）\u202e复查学校食堂\u202c燃气管道。", "（三）复查学校食堂燃气管道。"),   # QA12 L5: shown reversed downstream
    ("\u200f督查\u200e督办", "督查督办"),
    ("\u2066县住建局\u2069要", "县住建局要"),
    ("\u061c整改", "整改"),
    ("不\u00a0变", "不 变"),                                        # a no-break space is a space, not dropped
])
def test_normalise_drops_invisible_bidirectional_controls(text, expected):
    result = normalise(text)
    assert result.text == expected and len(result.offsets) == len(expected) + 1     # offsets end with a sentinel
