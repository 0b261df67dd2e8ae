"""Word/LibreOffice's Han-Latin spacing in PDFs (``pdf_words``): no spurious spaces, both readers alike."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.deadlines import find_deadline
from pipeline.extract import pdfium_text, read_bytes
from pipeline.extract.pdf import read_pages

HAN = re.compile(r"[\u4e00-\u9fff]")
ALNUM = re.compile(r"[A-Za-z0-9]")
TOKEN = re.compile(r"[!-~]+|.", re.S)      # a run of printable ASCII, or one other character


def _font(text: str) -> str:
    return "Times-Roman" if text[0].isascii() else "STSong-Light"


def autospaced_pdf(paragraphs: list[str], size: float = 16, autospace: float = 0.2,
                   left: float = 80, right: float = 515) -> bytes:
    """A Word-like PDF: Han in STSong, ASCII in Times, ``autospace`` em between a Han character and a
    letter/digit (positioned, no space glyph), first lines indented two characters, lines wrapped at
    ``right``. Typed spaces are drawn as space glyphs, as Word and LibreOffice export them."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    page = canvas.Canvas(buf, invariant=1)
    leading, y = size * 1.8, 780.0

    def newline() -> None:
        nonlocal y
        y -= leading
        if y < 60:
            page.showPage()
            y = 780.0

    for text in paragraphs:
        x, prev, run, run_x = left + 2 * size, "", "", left + 2 * size
        for token in TOKEN.findall(text):             # like Word, a number or Latin word is never broken
            width = pdfmetrics.stringWidth(token, _font(token), size)
            gap = autospace * size if prev and (HAN.match(prev) and ALNUM.match(token[0])
                                                  or ALNUM.match(prev) and HAN.match(token[0])) else 0.0
            if x + gap + width > right:                      # wrap: flush the run, next line
                if run:
                    page.setFont(_font(run), size)
                    page.drawString(run_x, y, run)
                newline()
                x, gap, run = left, 0.0, ""
            if run and (gap or _font(token) != _font(run)):   # a new run at a script change
                page.setFont(_font(run), size)
                page.drawString(run_x, y, run)
                run = ""
            if not run:
                run_x = x + gap
            run += token
            x += gap + width
            prev = token[-1]
        if run:
            page.setFont(_font(run), size)
            page.drawString(run_x, y, run)
        newline()
    page.showPage()
    page.save()
    return buf.getvalue()


def lines_of(data: bytes, fast: bool) -> list[str]:
    return [line.text for page in read_pages(data, DEFAULT_LIMITS, fast=fast) for line in page.lines]


def plain_pdfplumber_lines(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [ln["text"] for p in pdf.pages for ln in p.extract_text_lines(return_chars=False)]


SHORT = ["要求各单位于2025年3月20日前报送", "组织学习12次，覆盖率达95.5%", "第3季度完成A类项目"]


@pytest.mark.parametrize("size", [10.5, 12, 14, 16, 22])
@pytest.mark.parametrize("fast", [True, False])
def test_pdf_words_han_digit_autospace_is_no_space(size, fast):
    data = autospaced_pdf(SHORT, size=size)
    assert lines_of(data, fast) == SHORT


def test_pdf_words_fixture_gap_is_read_as_space_by_plain_pdfplumber():
    # the fixture really has the gap that pdfplumber's 3 pt word rule reads as a space at 16 pt
    assert plain_pdfplumber_lines(autospaced_pdf(SHORT, size=16))[0] == "要求各单位于 2025 年 3 月 20 日前报送"


@pytest.mark.parametrize(("text", "size"), [
    ("Hello world again", 16),            # typed spaces (space glyphs) between Latin words stay
    ("使用 Python 开发", 16),              # a typed space beside a Han character stays too
    ("ISO 9001 认证", 12),
])
@pytest.mark.parametrize("fast", [True, False])
def test_pdf_words_typed_spaces_stay(text, size, fast):
    assert lines_of(autospaced_pdf([text], size=size), fast) == [text]


@pytest.mark.parametrize("fast", [True, False])
def test_pdf_words_wide_gap_beside_han_stays_a_space(fast):
    # columns set apart by more than a character width (a tab stop) are no autospace
    data = autospaced_pdf(["联系人张三13800000000"], size=16, autospace=1.5)
    assert lines_of(data, fast) == ["联系人张三 13800000000"]


@pytest.mark.parametrize("fast", [True, False])
def test_pdf_words_latin_gap_without_glyph_keeps_pdfplumber_rule(fast):
    # between two Latin letters only pdfplumber's 3 pt tolerance applies (a positioned 4 pt gap splits)
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    page = canvas.Canvas(buf, invariant=1)
    page.setFont("Times-Roman", 16)
    page.drawString(80, 700, "word")
    page.drawString(80 + page.stringWidth("word", "Times-Roman", 16) + 4, 700, "gap")
    page.showPage()
    page.save()
    assert lines_of(buf.getvalue(), fast) == ["word gap"]


def test_pdf_words_fast_path_vouches_and_matches(monkeypatch):
    data = autospaced_pdf(SHORT * 3, size=16)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdfium_text.text_lines(data, pdf.pages).pages is not None
    assert lines_of(data, True) == lines_of(data, False)


def test_pdf_words_notice_deadlines_survive_16pt():
    text = "各区县于2025年3月20日前将自查报告报送市督查室。"
    doc = read_bytes(autospaced_pdf([text], size=16), name="notice.pdf")
    assert doc.text.strip() == text
    deadline = find_deadline(doc.text)
    assert deadline is not None and deadline == find_deadline(text)


# ------------------------------------------------------------------------------ LibreOffice (slow)
def docx_bytes(paragraphs: list[str], size: int = 16) -> bytes:
    from docx import Document as Docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Docx()
    for text in paragraphs:
        run = doc.add_paragraph().add_run(text)
        run.font.size = Pt(size)
        run.font.name = "FangSong"
        run._element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("fast", [True, False])
def test_pdf_words_libreoffice_16pt_docx_reads_without_spaces(tmp_path: Path, fast):
    paragraphs = SHORT + ["Hello world 使用 Python 开发"]
    (tmp_path / "a.docx").write_bytes(docx_bytes(paragraphs))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "a.docx")],
                   check=True, capture_output=True, timeout=180)
    data = (tmp_path / "a.pdf").read_bytes()
    assert "2025 年" in plain_pdfplumber_lines(data)[0]      # LibreOffice's autospace is there
    assert lines_of(data, fast) == paragraphs
