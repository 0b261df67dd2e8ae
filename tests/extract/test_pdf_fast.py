"""The pdfium fast path (``pdfium_text``): same lines and passages as pdfplumber, or a refusal."""
from __future__ import annotations

import io
import random
import re
import threading

import pdfplumber
import pytest

from pipeline import bench
from pipeline.config import DEFAULT_LIMITS
from pipeline.extract import pdfium_text, read_bytes
from pipeline.extract.pdf import read_pages
from tests.batch_fixtures import content_bomb_pdf
from tests.conftest import SEED
from tests.fixtures.make import make_encrypted_pdf, make_image_pdf, make_pdf, make_pdf_text
from tests.fixtures.pdfs import serialise_pdf

DROPPED_BY_PDFMINER = "·•∙"     # codes pdfminer's UniGB-UCS2-H table lacks: it skips them (see below)


def fast_read(data: bytes) -> pdfium_text.FastRead:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return pdfium_text.text_lines(data, pdf.pages)


def read_both(data: bytes, monkeypatch):
    """(fast-path Document, pdfplumber-only Document) of the same bytes."""
    fast = read_bytes(data, name="a.pdf")
    with monkeypatch.context() as m:
        m.setattr(pdfium_text, "text_lines", lambda data, pages: pdfium_text.FastRead(None, "disabled"))
        slow = read_bytes(data, name="a.pdf")
    return fast, slow


def assert_same_lines(data: bytes, tolerance: float = 0.01) -> None:
    fast, slow = read_pages(data, DEFAULT_LIMITS), read_pages(data, DEFAULT_LIMITS, fast=False)
    assert [[ln.text for ln in p.lines] for p in fast] == [[ln.text for ln in p.lines] for p in slow]
    assert [(p.cid, p.chars) for p in fast] == [(p.cid, p.chars) for p in slow]
    for page_fast, page_slow in zip(fast, slow):
        for a, b in zip(page_fast.lines, page_slow.lines):
            for field in ("x0", "x1", "top", "height"):
                assert getattr(a, field) == pytest.approx(getattr(b, field), abs=tolerance), (a, b, field)


def generated_report(seed: int) -> list[str]:
    """A bench-style report whose sentences avoid the glyphs pdfminer drops."""
    sentences = [s for s in bench.corpus_sentences() if not set(s) & set(DROPPED_BY_PDFMINER)]
    return bench.report_paragraphs(random.Random(seed), sentences, seed)


# ------------------------------------------------------------------------------ same result as pdfplumber
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("builder", ["bench", "wrapped"])
def test_pdf_fast_generated_reports_match_pdfplumber(monkeypatch, seed, builder):
    paragraphs = generated_report(seed)
    if builder == "bench":
        data = bench.pdf_bytes(paragraphs)
    else:
        data = make_pdf_text(paragraphs, header="督查室", page_numbers=True, indent=seed % 2 == 0, font_size=10 + seed)
    assert fast_read(data).pages is not None, fast_read(data).reason
    assert_same_lines(data)
    fast, slow = read_both(data, monkeypatch)
    assert [p.text for p in fast.passages] == [p.text for p in slow.passages]
    assert (fast.status, fast.warnings) == (slow.status, slow.warnings)


def test_pdf_fast_seed_parity_layout_takes_the_fast_path(monkeypatch):
    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    data = make_pdf_text(lines, page_numbers=True, header="督查室", indent=False, justify=True)
    assert fast_read(data).pages is not None
    assert_same_lines(data)
    fast, slow = read_both(data, monkeypatch)
    assert [(p.text, p.path) for p in fast.passages] == [(p.text, p.path) for p in slow.passages]


@pytest.mark.parametrize(
    "ops",
    [
        b"BT /F1 12 Tf 72 700 Td [(Re) 120 (port) -2000 (text)] TJ ET",                 # kerning, a wide TJ gap
        b"BT /F1 12 Tf 3 Tw 72 700 Td (Word spaced text) Tj ET",
        b"BT /F1 12 Tf 14 TL 72 700 Td (Line one) Tj T* (Line two) Tj T* (Line three) Tj ET",
        b"q 2 0 0 2 0 0 cm BT /F1 6 Tf 36 350 Td (Hi 3) Tj ET Q BT /F1 1 Tf 12 0 0 12 72 600 Tm (Wo) Tj ET",
        b"BT /F1 12 Tf 150 Tz 72 500 Td (Zz) Tj ET BT /F1 12 Tf 2 Tc 72 400 Td (Ab) Tj ET "
        b"BT /F1 12 Tf 5 Ts 72 300 Td (Rs) Tj ET",                                          # exactly 3 pt gap
        b"BT /F1 12 Tf 72 700 Td (Inside) Tj ET BT /F1 12 Tf 700 900 Td (Outside the page) Tj ET",
    ],
    ids=["TJ", "Tw", "T*", "cm-Tm", "Tz-Tc-Ts", "off-page"],
)
def test_pdf_fast_text_state_operators_match_pdfplumber(ops):
    data = make_pdf(ops)
    assert fast_read(data).pages is not None
    assert_same_lines(data)


def _descriptor_font_pdf(ops: bytes, descent: int = 0, *, to_unicode: bytes | None = None) -> bytes:
    """A non-embedded TrueType font whose /FontDescriptor says /Descent ``descent`` (LibreOffice writes 0).

    pdfminer builds boxes from the descriptor; for this non-embedded font pdfium reports the same
    descent, for embedded fonts it reads the font program instead (the LibreOffice test below is
    the case that really differs). Positive values are negated by both."""
    widths = b"1000 " + b" ".join([b"500"] * 126)            # code 1: a two-em glyph
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(ops)).encode() + b" >>\nstream\n" + ops + b"\nendstream",
        b"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+DocFont /FirstChar 1 /LastChar 127 /Widths ["
        + widths + b"] /FontDescriptor << /Type /FontDescriptor /FontName /ABCDEF+DocFont /Flags 32 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent " + str(descent).encode()
        + b" /CapHeight 700 /StemV 80 >>" + (b" /ToUnicode 6 0 R" if to_unicode else b"") + b" >>",
    ]
    if to_unicode:
        objects.append(b"<< /Length " + str(len(to_unicode)).encode() + b" >>\nstream\n" + to_unicode + b"\nendstream")
    return serialise_pdf(objects)


def test_pdf_fast_one_glyph_with_two_code_points_is_one_char():
    """LibreOffice draws "——" as one glyph mapped to two code points; pdfium splits it, pdfminer does not."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> "
            b"endcodespacerange 3 beginbfchar <01> <20142014> <41> <0041> <42> <0042> endbfchar endcmap end end")
    data = _descriptor_font_pdf(b"BT /F1 10 Tf 72 700 Td (A\x01B) Tj ET", -200, to_unicode=cmap)
    assert fast_read(data).pages is not None
    assert [ln.text for ln in read_pages(data, DEFAULT_LIMITS)[0].lines] == ["A——B"]
    assert_same_lines(data, tolerance=1e-6)


def test_pdf_fast_refuses_a_standard_font_with_its_own_widths():
    data = make_pdf(HELLO).replace(b"/BaseFont /Helvetica >>", b"/BaseFont /Helvetica /FirstChar 32 /LastChar 32 /Widths [250] >>")
    assert "standard font" in fast_read(data).reason


@pytest.mark.parametrize("descent", [0, -300, 150])
def test_pdf_fast_uses_pdfminers_font_descent(descent):
    ops = b"BT /F1 10 Tf 72 700 Td (Body line of text) Tj /F1 16 Tf (Big) Tj ET BT /F1 10 Tf 72 680 Td (Next) Tj ET"
    data = _descriptor_font_pdf(ops, descent)
    assert fast_read(data).pages is not None
    assert_same_lines(data, tolerance=1e-6)


def test_pdf_fast_space_only_text_objects_split_words():
    """LibreOffice draws word spaces as text objects of their own; pdfium keeps no character of them."""
    data = make_pdf(b"BT /F1 10 Tf 72 700 Td (Word) Tj ( ) Tj (next) Tj ET BT /F1 10 Tf 72 680 Td ( ) Tj ET")
    assert fast_read(data).pages is not None
    assert [ln.text for ln in read_pages(data, DEFAULT_LIMITS)[0].lines] == ["Word next"]
    assert_same_lines(data)


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice not installed")
def test_pdf_fast_libreoffice_export_matches_pdfplumber(tmp_path, monkeypatch):
    import subprocess

    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    (tmp_path / "seed.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "seed.txt")], check=True, capture_output=True, timeout=240)
    data = (tmp_path / "seed.pdf").read_bytes()
    assert fast_read(data).pages is not None
    assert_same_lines(data, tolerance=1e-6)
    fast, slow = read_both(data, monkeypatch)
    assert [p.text for p in fast.passages] == [p.text for p in slow.passages]


def test_pdf_fast_keeps_glyphs_pdfminer_drops(monkeypatch):
    """A known, deliberate difference: pdfminer's UniGB-UCS2-H table has no CID for U+00B7 and the
    glyph is lost (before a digit it can leave a stray space: "8·22" reads "8 22"); pdfium reads it,
    so the fast path gives the text that was printed. 92 of the 333 bench PDFs contain such a glyph."""
    text = "一是开展“抱定宗旨·追梦与守志”主题教育活动。"
    fast, slow = read_both(bench.pdf_bytes([text]), monkeypatch)
    assert fast.text.strip() == text
    assert slow.text.strip() == text.replace("·", "")


# -------------------------------------------------------------------------------------------- refusals
def _form_xobject_pdf() -> bytes:
    form = b"BT /F1 12 Tf 72 700 Td (In a form) Tj ET"
    return serialise_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> >>",
        b"<< /Length 8 >>\nstream\n/Fm1 Do\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Length " + str(len(form)).encode() + b" >>\nstream\n" + form + b"\nendstream",
    ])


def _ligature_pdf() -> bytes:
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> "
            b"endcodespacerange 1 beginbfchar <01> <00660069> endbfchar endcmap end end")
    ops = b"BT /F1 12 Tf 72 700 Td (a\x01b) Tj ET"
    return serialise_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        b"<< /Length " + str(len(ops)).encode() + b" >>\nstream\n" + ops + b"\nendstream",
        b"<< /Length " + str(len(cmap)).encode() + b" >>\nstream\n" + cmap + b"\nendstream",
    ])


HELLO = b"BT /F1 12 Tf 72 700 Td (Report text) Tj ET"
REFUSALS = {
    "fake-bold": (lambda: make_pdf_text(["重要工作要抓紧落实。"], fake_bold=True), "drawn twice"),
    "glyph-twice": (lambda: make_pdf(b"BT /F1 12 Tf 72 700 Td (B) Tj 0.3 0 Td (B) Tj ET"), "drawn twice"),
    "no-tounicode": (lambda: make_pdf(b"BT /F1 12 Tf 72 700 Td <00010002> Tj ET", cid_font=True), "Unicode"),
    "owner-password": (lambda: make_encrypted_pdf("加密文件正文。", user_password=""), "encrypted"),
    "scan": (make_image_pdf, "image"),
    "blank": (lambda: make_pdf(b""), "without text"),
    "rotated-text": (lambda: make_pdf(b"BT /F1 12 Tf 0 1 -1 0 300 300 Tm (Rotated) Tj ET"), "rotated"),
    "rotated-page": (lambda: make_pdf(HELLO).replace(b"/MediaBox [0 0 612 792]", b"/MediaBox [0 0 612 792] /Rotate 90"),
                     "rotated page"),
    "offset-box": (lambda: make_pdf(HELLO).replace(b"/MediaBox [0 0 612 792]", b"/MediaBox [9 9 621 801]"), "origin"),
    "invisible": (lambda: make_pdf(b"BT 3 Tr /F1 12 Tf 72 700 Td (OCR layer) Tj ET"), "invisible"),
    "ligature": (_ligature_pdf, "out of line"),
    "hyphen": (lambda: make_pdf(b"BT /F1 12 Tf 72 700 Td (An exam-) Tj 0 -14 Td (ple) Tj ET"), "control"),
    "form": (_form_xobject_pdf, "form XObject"),
    "content-bomb": (content_bomb_pdf, "too large"),
    "paths": (lambda: make_pdf(HELLO + b" " + b"10 10 m 20 20 l S " * 60), "path"),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_pdf_fast_refuses_what_it_cannot_vouch_for(monkeypatch, name):
    import time

    build, reason = REFUSALS[name]
    data = build()
    started = time.process_time()
    read = fast_read(data)
    assert read.pages is None and reason in read.reason
    assert time.process_time() - started < 2                      # refused before pdfium parses a bomb
    if name == "content-bomb":
        return                           # pdfplumber would inflate ~900 MB: the batch limits handle that
    fast, slow = read_both(data, monkeypatch)                     # pdfplumber reads it, as before
    assert (fast.status, fast.reason, [p.text for p in fast.passages]) == (slow.status, slow.reason, [p.text for p in slow.passages])


def test_pdf_fast_pdfium_errors_fall_back(monkeypatch):
    import pypdfium2

    def boom(*args, **kwargs):
        raise pypdfium2.PdfiumError("Failed to load document")

    monkeypatch.setattr(pypdfium2, "PdfDocument", boom)
    data = make_pdf_text(["督导组要按照区委的总体部署，落实督察任务。"])
    assert fast_read(data).reason == "pdfium error: PdfiumError"
    assert read_bytes(data, name="a.pdf").text.strip() == "督导组要按照区委的总体部署，落实督察任务。"


# ---------------------------------------------------------------------------------------------- threads
def test_pdf_fast_waits_briefly_for_the_lock_then_uses_pdfplumber(monkeypatch):
    monkeypatch.setattr(pdfium_text, "LOCK_WAIT", 0.01)
    data = make_pdf(HELLO)
    with pdfium_text.LOCK:
        read = fast_read(data)
        doc = read_bytes(data, name="a.pdf")
    assert read.pages is None and "busy" in read.reason
    assert doc.text.strip() == "Report text"


def test_pdf_fast_threads_read_the_same_as_one_thread(monkeypatch):
    monkeypatch.setattr(pdfium_text, "LOCK_WAIT", 60.0)          # every thread must really use pdfium
    datas = [bench.pdf_bytes(generated_report(seed)) for seed in range(3)]
    expected = [[ln for p in read_pages(d, DEFAULT_LIMITS) for ln in p.lines] for d in datas]
    results: dict[int, list] = {}

    def work(k: int) -> None:
        data = datas[k % len(datas)]
        results[k] = [ln for p in read_pages(data, DEFAULT_LIMITS) for ln in p.lines]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected[k % len(datas)] for k in range(6))


def test_pdf_fast_dropped_glyph_list_is_what_pdfminer_drops(monkeypatch):
    """Guards ``DROPPED_BY_PDFMINER``: if pdfminer learns these codes, the list (and the docs) must go."""
    fast, slow = read_both(bench.pdf_bytes(["甲" + DROPPED_BY_PDFMINER + "乙。"]), monkeypatch)
    assert re.sub(r"\s", "", fast.text) == "甲" + DROPPED_BY_PDFMINER + "乙。"
    assert re.sub(r"\s", "", slow.text) == "甲乙。"


@pytest.mark.parametrize("value, uses_pdfium", [("0", False), ("1", True), (None, True)])
def test_pdf_fast_environment_switch(monkeypatch, value, uses_pdfium):
    calls = []
    real = pdfium_text.text_lines
    monkeypatch.setattr(pdfium_text, "text_lines", lambda data, pages: calls.append(1) or real(data, pages))
    if value is None:
        monkeypatch.delenv("DUBAN_PDFIUM", raising=False)
    else:
        monkeypatch.setenv("DUBAN_PDFIUM", value)
    pages = read_pages(make_pdf(HELLO), DEFAULT_LIMITS)
    assert bool(calls) == uses_pdfium
    assert [ln.text for ln in pages[0].lines] == ["Report text"]


def test_pdf_ocr_renders_under_the_pdfium_lock(monkeypatch):
    from pipeline.extract import ocr
    from pipeline.extract.pdf import PageText, assemble

    held = []
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "ocr_pages", lambda data, indexes, *, budget_seconds: held.append(
        pdfium_text.LOCK.locked()) or {0: "识别出的文字。"})
    result = assemble(b"", [PageText(0, (), 0, 0, True)], DEFAULT_LIMITS)
    assert held == [True] and not pdfium_text.LOCK.locked()
    assert [b.text for b in result.blocks] == ["识别出的文字。"]
