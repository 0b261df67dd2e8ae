"""Plain text with a little damage is read, with a counted warning (qa6 M3): a line pasted in
another encoding or stray bytes become U+FFFD (W111), NUL padding is dropped (W110); files that are
mostly undecodable, in two encodings within a line, or binary stay refused. Warnings never quote the text."""
from __future__ import annotations

import io
import random
import tarfile

import pytest

from pipeline.extract import read_bytes
from pipeline.extract.sniff import FileType, detect
from pipeline.extract.txt import looks_like_text
from pipeline.model import Status


def _report(seed_text: str) -> str:
    return seed_text * 2           # ~9 KB of UTF-8, like the QA's report


def _codes(doc) -> dict[str, str]:
    return {w.code: w.detail for w in doc.warnings}


def _no_text_in_warnings(doc) -> None:
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in str(w)) for w in doc.warnings)


def test_txt_damage_pasted_gbk_line_read_as_replacement_characters(seed_text):
    text = _report(seed_text).encode()
    data = text[:4000] + "（附件：某某学校自查表）".encode("gbk") + text[4000:]
    clean = read_bytes(text, name="a.txt")
    doc = read_bytes(data, name="a.txt")
    assert doc.status == Status.OK_WITH_WARNINGS and doc.encoding == "utf-8"
    bad = doc.text.count("\ufffd")
    assert bad > 0 and f"{bad} byte sequence(s)" in _codes(doc)["W111"]
    assert len(doc.passages) >= len(clean.passages) - 1
    assert doc.text.replace("\ufffd", "").startswith(clean.text[:100])
    _no_text_in_warnings(doc)


def test_txt_damage_small_gbk_file_with_two_stray_bytes(seed_text):
    data = seed_text[:200].encode("gbk")
    doc = read_bytes(data[:120] + b"\x80\xff" + data[120:], name="a.txt")
    assert doc.status.is_ok and doc.encoding == "gb18030"
    assert "2 byte sequence(s)" in _codes(doc)["W111"]


@pytest.mark.parametrize("pad", [
    lambda t: t + b"\x00" * 512,                      # NUL padding after the text (the QA's case)
    lambda t: b"\x00" * 64 + t + b"\x00" * 5000,      # before and after, longer than the sniffed head
    lambda t: t[:300] + b"\x00" + t[300:],             # one stray NUL inside
])
def test_txt_damage_nul_bytes_dropped_and_counted(seed_text, pad):
    text = seed_text[:600].encode()
    padded = pad(text)
    doc = read_bytes(padded, name="a.txt")
    assert doc.status == Status.OK_WITH_WARNINGS
    assert doc.text == read_bytes(text, name="a.txt").text
    assert _codes(doc)["W110"].startswith(f"{padded.count(0)} NUL byte(s)")
    _no_text_in_warnings(doc)


def test_txt_damage_utf16_still_read_by_its_nuls(seed_text):
    doc = read_bytes(seed_text.encode("utf-16-le"), name="a.txt")
    assert doc.status.is_ok and doc.encoding == "utf-16-le" and "W110" not in _codes(doc)


def test_txt_damage_two_encodings_or_much_damage_refused(seed_text):
    text = _report(seed_text)
    # two encodings changing inside a line (half of it would be mojibake); at a line break, see
    # test_txt_mixed.py (QA12 L15: each line read in its own encoding, W114)
    half = text.index("昨天下午", len(text) // 2) + 2
    for data in (text[:half].encode() + text[half:].encode("gbk"),            # half UTF-8, half GBK
                 text[:half].encode("gbk") + text[half:].encode(),
                 # 3000 random bytes (an eighth of the file) after the sniffed head: not stray bytes
                 text.encode()[:6000] + random.Random(7).randbytes(3000).replace(b"\x00", b"\x81") + text.encode()[6000:]):
        doc = read_bytes(data, name="a.txt")
        assert doc.status == Status.CORRUPT and doc.message.startswith("[E107]")


def _tar_of(seed_text: str) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        body = seed_text.encode()
        info = tarfile.TarInfo("报告.txt")
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    return out.getvalue()


@pytest.mark.parametrize("make", [
    lambda s: random.Random(8).randbytes(5000),
    _tar_of,                                                          # text between NUL-padded headers
    lambda s: b"\x00" * 4096,
    lambda s: b"".join(ch.encode() + b"\x00\x00" for ch in s[:500]),  # NULs all through the text
])
def test_txt_damage_binary_still_binary(seed_text, make):
    data = make(seed_text)
    assert detect(data) == FileType.BINARY or detect(data) == FileType.IMAGE
    assert not looks_like_text(data[:4096]) or detect(data) != FileType.TXT
    doc = read_bytes(data, name="a.txt")
    assert not doc.status.is_ok and doc.passages == ()
