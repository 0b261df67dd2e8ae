"""The shared non-ok Extractions (pipeline/extract/failure.py) and how every reader uses them."""
from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract import office
from pipeline.extract.failure import failed, file_too_large, text_too_large, zip_refused
from pipeline.extract.zipguard import ZipVerdict
from pipeline.model import Block, Status
from tests.fixtures.make import make_docx_from_paragraphs, make_odt

SMALL = replace(DEFAULT_LIMITS, max_file_bytes=100, max_text_chars=10)


@pytest.mark.parametrize("verdict, status, code", [
    (ZipVerdict(False, "too_large", "too_many_members", "900 zip members"), Status.TOO_LARGE, "[E106]"),
    (ZipVerdict(False, "encrypted", "password_required", "zip member is encrypted"), Status.ENCRYPTED, "[E104]"),
    (ZipVerdict(False, "corrupt", "bad_zip", "not a readable zip container"), Status.CORRUPT, "[E105]"),
])
def test_failure_zip_refused_maps_verdicts(verdict, status, code):
    result = zip_refused(verdict, "docx")
    assert (result.status, result.reason, result.file_type) == (status, verdict.reason, "docx")
    assert result.message.startswith(code) and result.blocks == ()


def test_failure_zip_refused_passes_an_accepted_container():
    assert zip_refused(ZipVerdict(True), "xlsx") is None


@pytest.mark.parametrize("size, refused", [(100, False), (101, True)])
def test_failure_file_too_large_at_the_limit(size, refused):
    result = file_too_large(b"x" * size, "pdf", SMALL)
    assert (result is not None) == refused
    if refused:
        assert (result.status, result.reason, result.file_type) == (Status.TOO_LARGE, "file_size", "pdf")
        assert "101 bytes" in result.message


@pytest.mark.parametrize("texts, refused", [(["一二三四五", "六七八九十"], False), (["一二三四五", "六七八九十拾"], True)])
def test_failure_text_too_large_counts_every_block(texts, refused):
    result = text_too_large([Block(text=t) for t in texts], "html", SMALL, encoding="gb18030")
    assert (result is not None) == refused
    if refused:
        assert (result.reason, result.encoding) == ("text_chars", "gb18030")
        assert "六七" not in result.message           # never document text


def test_failure_failed_keeps_pages():
    assert failed("pdf", Status.NEEDS_OCR, "no_text_layer", "[E108] x", 3).pages == 3


def _encrypted_member(data: bytes) -> bytes:
    """``data`` with the encryption bit set in every header (zipfile itself cannot write encrypted members)."""
    raw = bytearray(data)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):   # local and central headers
        at = raw.find(signature)
        while at != -1:
            raw[at + flag_offset] |= 0x1
            at = raw.find(signature, at + 4)
    return bytes(raw)


def test_failure_odt_with_encrypted_members_is_encrypted_like_docx(monkeypatch):
    # regression: the .odt path mapped a refused zip to corrupt (E105) where .docx said encrypted (E104)
    monkeypatch.setattr(office, "soffice", lambda: (_ for _ in ()).throw(AssertionError("converter called")))
    odt = office.extract(_encrypted_member(make_odt(["一、总体情况"])), name="加密.odt", limits=DEFAULT_LIMITS)
    from pipeline.extract import docx
    word = docx.extract(_encrypted_member(make_docx_from_paragraphs(["一、总体情况"])), name="加密.docx",
                        limits=DEFAULT_LIMITS)
    assert (odt.status, odt.reason, odt.file_type) == (Status.ENCRYPTED, "password_required", "odt")
    assert (word.status, word.reason) == (odt.status, odt.reason)
    assert odt.message == word.message


def test_failure_container_refused_checks_size_then_zip():
    from pipeline.extract.failure import container_refused

    big = container_refused(b"PK\x03\x04" + b"x" * 200, "docx", SMALL)
    assert (big.status, big.reason) == (Status.TOO_LARGE, "file_size")
    broken = container_refused(b"PK\x03\x04junk", "xlsx", DEFAULT_LIMITS)
    assert (broken.status, broken.file_type) == (Status.CORRUPT, "xlsx")
    assert container_refused(make_docx_from_paragraphs(["一、总体情况"]), "docx", DEFAULT_LIMITS) is None
