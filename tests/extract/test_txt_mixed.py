"""A .txt whose lines are in two encodings (QA12 L15): a UTF-8 paragraph followed by a GBK one (two
files concatenated, a GBK paragraph pasted into a UTF-8 report) is read line by line, each line in its
own encoding, with W114 — not refused as "binary"."""
from __future__ import annotations

import pytest

from pipeline.extract import read_bytes
from pipeline.extract.sniff import FileType, detect
from pipeline.extract.txt import decode, looks_like_text
from pipeline.model import Status

_UTF8 = "第一段UTF8：瓶装液化气登记已完成。"
_GBK = "第二段GBK：更换软管120根。"


def _codes(doc) -> dict[str, str]:
    return {w.code: w.detail for w in doc.warnings}


@pytest.mark.parametrize("data, text", [
    (_UTF8.encode() + b"\n" + _GBK.encode("gbk"), f"{_UTF8}\n{_GBK}"),                       # the QA's 77 bytes
    (_GBK.encode("gbk") + b"\r\n" + _UTF8.encode() + b"\r\n", f"{_GBK}\r\n{_UTF8}\r\n"),      # GBK first, CRLF
    (b"\xef\xbb\xbf" + _UTF8.encode() + b"\n" + _GBK.encode("gbk"), f"{_UTF8}\n{_GBK}"),       # a UTF-8 BOM
])
def test_txt_mixed_lines_each_in_its_own_encoding(data, text):
    assert looks_like_text(data[:4096]) and detect(data) is FileType.TXT
    doc = read_bytes(data, name="h_mixed.txt")
    assert doc.status is Status.OK_WITH_WARNINGS and doc.text == text.replace("\r\n", "\n").strip()
    assert _codes(doc)["W114"].startswith("1 line(s) were in gb18030 and the rest in utf-8")
    assert not any("\u4e00" <= ch <= "\u9fff" for w in doc.warnings for ch in str(w))


def test_txt_mixed_whole_report_and_a_pasted_gbk_paragraph(seed_text):
    lines = seed_text.splitlines()
    data = "\n".join(lines[:5]).encode() + b"\n" + "\n".join(lines[5:10]).encode("gbk") + b"\n" + \
        "\n".join(lines[10:]).encode()
    doc = read_bytes(data, name="a.txt")
    clean = read_bytes(seed_text.encode(), name="a.txt")
    assert doc.text == clean.text and "\ufffd" not in doc.text
    assert [p.text for p in doc.passages] == [p.text for p in clean.passages]
    assert "W114" in _codes(doc) and "W111" not in _codes(doc)


@pytest.mark.parametrize("data", [
    # the encoding changes inside a line: half of that line would be mojibake
    "我乡瓶装液化气登记已完成".encode() + "更换软管120根。".encode("gbk"),
    "更换软管120根。".encode("gbk") + "我乡瓶装液化气登记已完成".encode() + b"\n" + _UTF8.encode(),
])
def test_txt_mixed_inside_a_line_is_not_read_line_by_line(data):
    decoded = decode(data)
    assert decoded is None or not any(w.code == "W114" for w in decoded[2])


def test_txt_mixed_single_encodings_unchanged():
    for data, encoding in ((_UTF8.encode(), "utf-8"), ((_GBK + _UTF8).encode("gbk"), "gb18030")):
        text, used, warnings = decode(data)
        assert used == encoding and warnings == ()
