"""safe.py fast paths: each must equal the plain definition it shortcuts, on hostile generated text."""
from __future__ import annotations

import random
import re

import pytest

from pipeline.export import safe

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def _plain_clean_text(text: str) -> tuple[str, int]:
    """The definition: the three substitutions, always."""
    text, n1 = _CONTROL.subn(" ", text)
    text, n2 = _SURROGATE.subn("\ufffd", text)
    text, n3 = _BIDI.subn("", text)
    return text, n1 + n2 + n3


def _plain_utf8_bytes(text: str) -> bytes:
    return _SURROGATE.sub("\ufffd", text).encode("utf-8")


# every character class the cleaner treats differently, and its neighbours
_ALPHABET = ([chr(c) for c in range(0x00, 0x21)] + ["\x7f", "\x80", "\x85", "\xa0", "\u2028", "\ud7ff", "\ud800",
             "\udbff", "\udc00", "\udfff", "\ue000", "\u2029", "\u202a", "\u202e", "\u202f", "\u2065", "\u2066", "\u2069",
             "\u206a", "\ufffd", "\ufeff", "\U0001F600", "督", "查", "。", "=", "+",
             "-", "@", "'", '"', "a", "…"])


def _hostile_texts(seed: int = 5, n: int = 400) -> list[str]:
    rng = random.Random(seed)
    texts = ["", "督查督办", '=HYPERLINK("http://x","点我")', "====第一部分====", "+86 10 1234", "@SUM(A1)",
             "第一页\x0c第二页\x00空\x0b格\ud800尾", "\t开头", "\r开头", "尾\x7f", "\ud83d\ude00",   # a split pair
             "\u202e复查学校食堂\u202c燃气", "\u2067隔离\u2069",
             "长" * (safe.EXCEL_TEXT_LIMIT + 5), "长" * safe.EXCEL_TEXT_LIMIT + "\x00", "长" * safe.EXCEL_CELL_LIMIT,
             "\x01" * (safe.EXCEL_TEXT_LIMIT + 2)]
    for _ in range(n):
        length = rng.choice([1, 2, 5, 40, 300])
        texts.append("".join(rng.choice(_ALPHABET) for _ in range(length)))
    return texts


@pytest.mark.parametrize("text", _hostile_texts())
def test_safe_clean_text_equals_the_plain_substitutions(text):
    assert safe.clean_text(text) == _plain_clean_text(text)


@pytest.mark.parametrize("text", _hostile_texts(seed=6, n=200))
def test_safe_utf8_bytes_equals_the_plain_substitution(text):
    assert safe.utf8_bytes(text) == _plain_utf8_bytes(text)


@pytest.mark.parametrize("text", _hostile_texts(seed=7, n=200))
def test_safe_cell_text_cleans_then_truncates_and_counts(text):
    stats = safe.SanitizeStats()
    cleaned, replaced = _plain_clean_text(text)
    cut = len(cleaned) > safe.EXCEL_CELL_LIMIT          # a full cell (limit + 1 characters) is kept whole
    expected = cleaned[: safe.EXCEL_TEXT_LIMIT] + safe.TRUNCATION_MARK if cut else cleaned
    assert safe.cell_text(text, stats) == (expected, cut)
    assert (stats.sanitized_chars, stats.truncated_cells) == (replaced, int(cut))


@pytest.mark.parametrize("text, expected", [
    ("\u202e复查学校食堂\u202c燃气", "复查学校食堂燃气"),        # QA12 L5: shown reversed in Excel and Word
    ("\u2067隔离\u2069", "隔离"),
    ("\u202a嵌入\u202b\u202d", "嵌入"),
    ("不间断\u202f空格", "不间断\u202f空格"),                 # a narrow no-break space is no control
])
def test_safe_clean_text_drops_bidirectional_controls(text, expected):
    cleaned, replaced = safe.clean_text(text)
    assert cleaned == expected and replaced == len(text) - len(expected)
