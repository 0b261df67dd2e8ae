"""Hostile containers: zip bombs, lying sizes, member floods, XXE, billion laughs (cases 21-23)."""
from __future__ import annotations

import time

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract import read_bytes
from pipeline.extract.docx import extract
from pipeline.extract.zipguard import check_zip
from pipeline.model import Status
from tests.fixtures.make import (
    make_billion_laughs_docx, make_docx_from_paragraphs, make_docx_lying_sizes, make_docx_many_members,
    make_odt_with_prolog, make_wordml, make_xxe_docx, make_zip_bomb_docx,
)


def _forbid_python_docx(monkeypatch):
    import docx

    def forbidden(*args, **kwargs):
        raise AssertionError("python-docx was called on a hostile container")

    monkeypatch.setattr(docx, "Document", forbidden)


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda: make_zip_bomb_docx(), "compression_ratio"),                              # case 21
        (lambda: make_zip_bomb_docx(part="word/styles.xml"), "member_too_large"),         # case 21, bomb in styles
        (lambda: make_docx_lying_sizes(), "size_mismatch"),                               # case 22
        (lambda: make_docx_many_members(10_000), "too_many_members"),                      # case 22
    ],
)
def test_hostile_zip_rejected_before_python_docx(monkeypatch, make, reason):
    data = make()
    _forbid_python_docx(monkeypatch)
    start = time.perf_counter()
    result = extract(data, name="bomb.docx", limits=DEFAULT_LIMITS)
    elapsed = time.perf_counter() - start
    assert (result.status, result.reason) == (Status.TOO_LARGE, reason)
    assert result.message.startswith("[E106]")
    assert elapsed < 1.0


_RSS_PROBE = """
import resource, sys
from pathlib import Path
from pipeline.config import DEFAULT_LIMITS
from pipeline.extract.docx import extract
blobs = [p.read_bytes() for p in sorted(Path(sys.argv[1]).iterdir())]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
statuses = [extract(b, name="bomb.docx", limits=DEFAULT_LIMITS).status.value for b in blobs]
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before, *statuses)
"""


def test_hostile_bombs_keep_memory_flat(tmp_path):
    """Peak RSS of a fresh process grows by under 50 MB while refusing every bomb (case 21)."""
    import subprocess
    import sys

    for i, data in enumerate([make_zip_bomb_docx(), make_zip_bomb_docx(part="word/styles.xml"),
                              make_docx_lying_sizes(), make_docx_many_members(10_000)]):
        (tmp_path / f"{i}.docx").write_bytes(data)
    out = subprocess.run([sys.executable, "-c", _RSS_PROBE, str(tmp_path)], capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    grown_kb, statuses = int(out[0]), out[1:]
    assert statuses == ["too_large"] * 4
    assert grown_kb < 50 * 1024


def test_hostile_bomb_ratio_and_size_are_named_in_the_message():
    result = extract(make_zip_bomb_docx(), name="bomb.docx", limits=DEFAULT_LIMITS)
    assert "ratio" in result.message and "bytes" in result.message and "重要" not in result.message


def test_hostile_guard_accepts_ordinary_documents():
    data = make_docx_from_paragraphs(["督导组要按照区委的总体部署，落实督察任务。"] * 2000)
    assert check_zip(data, DEFAULT_LIMITS).ok


def test_hostile_xxe_never_leaks_the_secret(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4711", encoding="utf-8")
    start = time.perf_counter()
    doc = read_bytes(make_xxe_docx(str(secret)), name="xxe.docx")                      # case 23
    assert time.perf_counter() - start < 5
    assert doc.status in (Status.OK, Status.OK_WITH_WARNINGS, Status.CORRUPT, Status.EMPTY)
    everything = doc.text + doc.raw_text + doc.message + "".join(p.text for p in doc.passages)
    assert "TOPSECRET" not in everything


def test_hostile_billion_laughs_is_bounded():
    start = time.perf_counter()
    doc = read_bytes(make_billion_laughs_docx(), name="lol.docx")                        # case 23
    assert time.perf_counter() - start < 5
    assert "lollollol" not in doc.text
    assert doc.status in (Status.OK, Status.OK_WITH_WARNINGS, Status.CORRUPT, Status.EMPTY)


@pytest.mark.skipif(__import__("pipeline.extract.office", fromlist=["soffice"]).soffice() is None,
                    reason="LibreOffice not installed")
@pytest.mark.parametrize("kind", ["wordml", "odt"])
def test_hostile_xxe_through_libreoffice_never_leaks(tmp_path, kind):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4712", encoding="utf-8")
    prolog = f"<!DOCTYPE root [<!ENTITY xxe SYSTEM 'file://{secret}'>]>"
    if kind == "wordml":
        data, name = make_wordml(["前文&xxe;后文"], prolog=prolog, raw_text=True), "xxe.xml"
    else:
        data, name = make_odt_with_prolog(["前文&xxe;后文"], prolog, raw_text=True), "xxe.odt"
    doc = read_bytes(data, name=name)                                                   # case 23
    assert "TOPSECRET" not in doc.text + doc.raw_text + doc.message


SECRET = "机密内容甲乙丙"


def _bad_inputs():
    from tests.fixtures.make import (
        make_docx, make_docx_bad_crc, make_ole, make_pdf_text, make_txt, make_xlsx_bytes, paragraph_xml,
    )

    docx = make_docx(paragraph_xml(SECRET))
    pdf = make_pdf_text([SECRET * 30])
    return [
        ("truncated.docx", docx[: len(docx) // 2]),                                   # case 9
        ("no-content-types.docx", make_docx(paragraph_xml(SECRET), content_types=False)),
        ("crc.docx", make_docx_bad_crc()),
        ("broken-xml.docx", make_docx(paragraph_xml(SECRET) + "<w:p><open>")),
        ("truncated.pdf", pdf[: len(pdf) // 2]),                                      # case 7
        ("not-really.pdf", b"%PDF-1.4\n" + SECRET.encode() * 20),
        ("binary.txt", bytes(range(256)) * 8 + SECRET.encode()),                       # case 15
        ("sheet.docx", make_xlsx_bytes()),                                             # case 4
        ("locked.docx", make_ole(("EncryptionInfo", "EncryptedPackage"))),              # case 5
        ("empty.pdf", b""),                                                            # case 1
        ("bomb.docx", make_zip_bomb_docx(200_000)),                                    # case 21
        ("gb.txt", make_txt(SECRET, "gb18030")[:-1] + b"\x81"),
    ]


def test_hostile_messages_never_contain_document_text():
    for name, data in _bad_inputs():
        doc = read_bytes(data, name=name)
        visible = doc.message + doc.reason + "".join(str(w) for w in doc.warnings)
        assert not any(ch in visible for ch in SECRET), name
