""".doc/.wps/.odt/.rtf through LibreOffice (skipped when soffice is absent); E109 without it."""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract import office, read_bytes
from pipeline.model import Status
from tests.fixtures.make import (
    P, make_docx_from_paragraphs, make_odt, make_ole, make_rtf, make_wordml, numbering_xml,
)

PARAS = ["一、总体情况", "我们认真开展了学习教育活动。", "二、存在问题"]
needs_soffice = pytest.mark.skipif(office.soffice() is None, reason="LibreOffice not installed")


def _texts(doc):
    return [p.text for p in doc.passages if p.is_content]


@needs_soffice
@pytest.mark.parametrize("maker, name, file_type", [(make_rtf, "a.rtf", "rtf"), (make_odt, "a.odt", "odt"),
                                                    (make_wordml, "a.xml", "wordml")])
def test_office_converts_and_reads(maker, name, file_type):
    doc = read_bytes(maker(PARAS), name=name)
    assert doc.status.is_ok and doc.file_type == file_type
    assert _texts(doc) == PARAS


@pytest.fixture(scope="module")
def legacy_doc() -> bytes:
    """A real Word 97 .doc with automatic numbering, made by LibreOffice from a .docx."""
    exe = office.soffice()
    if exe is None:
        pytest.skip("LibreOffice not installed")
    numbering = numbering_xml({0: ("chineseCounting", "%1、", 1)})
    docx = make_docx_from_paragraphs([P("总体情况", 1, 0), "我们认真开展了学习教育活动。", P("存在问题", 1, 0)],
                                     numbering=numbering)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.docx"
        src.write_bytes(docx)
        subprocess.run([exe, f"-env:UserInstallation={Path(tmp, 'p').as_uri()}", "--headless", "--convert-to",
                        "doc:MS Word 97", "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=120)
        return (Path(tmp) / "in.doc").read_bytes()


@needs_soffice
@pytest.mark.parametrize("name, file_type", [("报告.doc", "doc"), ("报告.wps", "wps")])
def test_office_legacy_word_keeps_automatic_numbers(legacy_doc, name, file_type):
    doc = read_bytes(legacy_doc, name=name)                                     # case 4 (now readable)
    assert doc.status.is_ok and doc.file_type == file_type
    assert _texts(doc)[:3] == ["一、总体情况", "我们认真开展了学习教育活动。", "二、存在问题"]


@pytest.mark.parametrize("data, name", [(make_ole(("WordDocument",)), "a.doc"), (make_ole(("WordDocument",)), "a.wps"),
                                        (make_rtf(PARAS), "a.rtf")])
def test_office_without_libreoffice_is_unsupported_e109(monkeypatch, data, name):
    monkeypatch.setattr(office, "soffice", lambda: None)
    doc = read_bytes(data, name=name)                                           # case 4
    assert (doc.status, doc.reason) == (Status.UNSUPPORTED, "converter_missing")
    assert doc.message.startswith("[E109]") and "libreoffice-writer-nogui" in doc.message


@needs_soffice
def test_office_garbage_ole_is_conversion_failure():
    result = office.extract(make_ole(("WordDocument",)), name="坏.doc", limits=DEFAULT_LIMITS)
    assert result.status in (Status.CORRUPT, Status.EMPTY)
    assert result.file_type == "doc"


def test_office_timeout_kills_converter(monkeypatch, tmp_path):
    from dataclasses import replace

    script = tmp_path / "slow-soffice"
    script.write_text("#!/bin/sh\nsleep 30\n")
    script.chmod(0o755)
    monkeypatch.setattr(office, "soffice", lambda: str(script))
    limits = replace(DEFAULT_LIMITS, timeout_seconds=0.5)
    result = office.extract(make_rtf(PARAS), name="a.rtf", limits=limits)
    assert (result.status, result.reason) == (Status.TIMEOUT, "conversion_timeout")


def test_office_profile_slots_are_exclusive_and_reused():
    with office.profile_slot() as first, office.profile_slot() as second:
        assert first != second
    with office.profile_slot() as again:
        assert again == first
