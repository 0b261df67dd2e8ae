"""Plain text: decoding order, mojibake, lines (reliability cases 1, 2, 13, 14, 15, 18)."""
from __future__ import annotations

import os

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract import read_bytes
from pipeline.extract.txt import decode, extract
from pipeline.model import Status
from tests.fixtures.make import make_txt

SIMPLIFIED = "督导组要按照区委的总体部署，落实督察任务。了解所去单位开展先进性教育活动的进度和质量情况。"
TRADITIONAL = "督導組要按照區委的總體部署，落實督察任務。了解所去單位開展先進性教育活動的進度和質量情況。"


def _extract(data: bytes):
    return extract(data, name="a.txt", limits=DEFAULT_LIMITS)


@pytest.mark.parametrize(
    "encoding, bom, recorded",
    [
        ("utf-8", False, "utf-8"),
        ("utf-8", True, "utf-8-sig"),
        ("gb18030", False, "gb18030"),
        ("gbk", False, "gb18030"),
        ("utf-16-le", True, "utf-16-le"),
        ("utf-16-be", True, "utf-16-be"),
        ("utf-16-le", False, "utf-16-le"),      # BOM-less UTF-16 recognised by its NULs
    ],
)
def test_txt_decodes_every_encoding_to_the_same_text(seed_text, encoding, bom, recorded):
    result = _extract(make_txt(seed_text, encoding, bom=bom))          # case 13
    assert result.status == Status.OK
    assert result.encoding == recorded
    assert [b.text for b in result.blocks] == [ln for ln in seed_text.splitlines() if ln.strip()]
    assert not result.blocks[0].text.startswith("\ufeff")


def test_txt_big5_wins_only_when_it_reads_better(seed_text):
    big5 = _extract(make_txt(TRADITIONAL * 3, "big5"))
    assert (big5.encoding, big5.blocks[0].text) == ("big5", TRADITIONAL * 3)
    assert big5.status == Status.OK                    # traditional text is not flagged as mojibake
    gb = _extract(make_txt(seed_text, "gb18030"))
    assert gb.encoding == "gb18030"


def test_txt_never_decodes_as_latin1():
    for data in (os.urandom(3000).replace(b"\x00", b"a"), bytes(range(0x80, 0x100)) * 10):
        decoded = decode(data)
        assert decoded is None or "latin" not in decoded[1].lower() and "1252" not in decoded[1]


def test_txt_mojibake_gets_w102(seed_text):
    mojibake = seed_text.encode("gbk").decode("big5", errors="replace")        # case 14
    result = _extract(make_txt(mojibake, "utf-8"))
    assert result.status == Status.OK_WITH_WARNINGS
    assert [w.code for w in result.warnings] == ["W102"]
    assert "low_text_quality" in result.warnings[0].reason
    assert _extract(make_txt(seed_text)).warnings == ()


def test_txt_random_binary_is_refused_without_content():
    data = os.urandom(5000)                                                      # case 15
    doc = read_bytes(data, name="a.txt")
    assert doc.status in (Status.UNSUPPORTED, Status.CORRUPT)
    assert doc.passages == () and doc.text == ""
    assert all(ch.isascii() for ch in doc.message)


def test_txt_undecodable_bytes_are_corrupt_with_e107():
    # Valid-looking high bytes that no codec accepts (0x80 is not a GB18030/Big5 lead byte).
    result = _extract(b"\x80\x80\x80\x80 \xff\xff\xff\xff " * 50)
    assert result.status == Status.CORRUPT and result.reason == "undecodable"
    assert result.message.startswith("[E107]")


@pytest.mark.parametrize("data, status", [(b"", Status.EMPTY), (b"   \n\t\r\n \xe3\x80\x80\n", Status.EMPTY)])
def test_txt_empty_and_whitespace_only(data, status):
    doc = read_bytes(data, name="空.txt")                                        # cases 1, 2
    assert doc.status == status and doc.passages == ()


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_txt_line_endings_make_the_same_blocks(newline):
    text = newline.join(["第一行。", "", "第二行。", "   ", "第三行。"]) + newline     # case 18
    result = _extract(make_txt(text))
    assert [b.text for b in result.blocks] == ["第一行。", "第二行。", "第三行。"]


def test_txt_truncated_last_character_is_tolerated():
    data = make_txt(SIMPLIFIED * 20, "gb18030")[:-1]
    result = _extract(data)
    assert result.status.is_ok and result.encoding == "gb18030"
    assert "W108" in [w.code for w in result.warnings]


def test_txt_over_text_limit_is_too_large():
    from dataclasses import replace

    limits = replace(DEFAULT_LIMITS, max_text_chars=100)
    result = extract(make_txt(SIMPLIFIED * 10), name="a.txt", limits=limits)
    assert result.status == Status.TOO_LARGE and result.message.startswith("[E106]")


@pytest.mark.slow
def test_txt_five_megabyte_file_reads_in_time(seed_text):
    import time

    data = make_txt(seed_text * (5_000_000 // len(seed_text.encode("gb18030")) + 1), "gb18030")   # case 12
    start = time.perf_counter()
    result = _extract(data)
    assert result.status == Status.OK and result.encoding == "gb18030"
    assert time.perf_counter() - start < 30
