"""One speech, six formats, the same passages character for character (the ingestion contract).

The seed speech as UTF-8 .txt is the reference. Its GB18030 copy, a plain .docx, a .docx whose
"一是…四是" and "一要…三要" paragraphs use Word automatic numbering (the typed markers removed, the
numbers rendered from numbering.xml), a hard-wrapped multi-page PDF with running header and page
numbers, and an HTML page must all give the same passage texts.
"""
from __future__ import annotations

import re

import pytest

from pipeline.extract import office, read_bytes, read_path
from tests.conftest import CORPORA, SEED
from tests.fixtures.make import (
    P, W_NS, make_docx_from_paragraphs, make_html, make_odt, make_pdf_text, make_rtf, make_txt,
)


def _lines(seed_text: str) -> list[str]:
    return [line for line in seed_text.splitlines() if line.strip()]


def _numbering() -> str:
    """Two lists: "%1要" and "%1是", both chineseCounting, as Word writes them."""
    def abstract(aid: int, text: str) -> str:
        return (f"<w:abstractNum w:abstractNumId='{aid}'><w:multiLevelType w:val='singleLevel'/>"
                f"<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/>"
                f"<w:lvlText w:val='{text}'/><w:lvlJc w:val='left'/><w:suff w:val='nothing'/></w:lvl></w:abstractNum>")

    return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?><w:numbering xmlns:w='{W_NS}'>"
            + abstract(0, "%1要") + abstract(1, "%1是")
            + "<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"
            + "<w:num w:numId='2'><w:abstractNumId w:val='1'/></w:num></w:numbering>")


def numbered_paragraphs(lines: list[str]) -> list:
    """Paragraphs opening with 一要…/一是… become auto-numbered paragraphs without the typed marker."""
    out = []
    for line in lines:
        match = re.match(r"^([一二三四五六七八九十]+)(要|是)", line)
        out.append(P(line[match.end():], 1 if match.group(2) == "要" else 2, 0) if match else line)
    return out


FORMATS = {
    "gb18030.txt": lambda text: make_txt(text, "gb18030"),
    "utf16.txt": lambda text: make_txt(text, "utf-16-le", bom=True),
    "plain.docx": lambda text: make_docx_from_paragraphs(_lines(text)),
    "numbered.docx": lambda text: make_docx_from_paragraphs(numbered_paragraphs(_lines(text)), numbering=_numbering()),
    "wrapped.pdf": lambda text: make_pdf_text(_lines(text), header="××区委先进性教育活动领导小组办公室", page_numbers=True),
    # the seed has no title line; a page <title> would rightly become one (html_boilerplate.with_title)
    "page.html": lambda text: make_html(_lines(text), title=None),
}


CONVERTED = {
    "converted.rtf": lambda text: make_rtf(_lines(text)),
    "converted.odt": lambda text: make_odt(_lines(text)),
}


@pytest.fixture(scope="module")
def reference():
    return read_path(SEED)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_parity_same_passages_in_every_format(seed_text, reference, name):
    data = FORMATS[name](seed_text)
    doc = read_bytes(data, name=name)
    assert doc.status.is_ok, (doc.status, doc.reason, doc.message)
    assert [p.text for p in doc.passages] == [p.text for p in reference.passages]
    assert [p.path for p in doc.passages] == [p.path for p in reference.passages]


PDF_LAYOUTS = {
    "indented-12pt": {},
    "justified": {"justify": True},
    "large-narrow": {"font_size": 16, "width_chars": 20},
    "block-paragraphs": {"indent": False},
    "block-spaced": {"indent": False, "space_after": 8, "font_size": 10, "width_chars": 45},
    "block-large": {"indent": False, "font_size": 16, "width_chars": 20},
    "block-justified": {"indent": False, "justify": True},
}


@pytest.mark.parametrize("layout", sorted(PDF_LAYOUTS))
def test_parity_pdf_layouts(seed_text, reference, layout):
    data = make_pdf_text(_lines(seed_text), page_numbers=True, header="督查室", **PDF_LAYOUTS[layout])
    doc = read_bytes(data, name=f"{layout}.pdf")
    assert [p.text for p in doc.passages] == [p.text for p in reference.passages]
    assert [p.path for p in doc.passages] == [p.path for p in reference.passages]


@pytest.mark.skipif(office.soffice() is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("name", sorted(CONVERTED))
def test_parity_libreoffice_formats(seed_text, reference, name):
    doc = read_bytes(CONVERTED[name](seed_text), name=name)
    assert doc.status.is_ok, (doc.status, doc.reason, doc.message)
    assert [p.text for p in doc.passages] == [p.text for p in reference.passages]


def test_parity_numbered_docx_really_uses_word_numbering(seed_text):
    paras = numbered_paragraphs(_lines(seed_text))
    numbered = [p for p in paras if isinstance(p, P)]
    assert len(numbered) == 7                       # 一是…四是 and 一要…三要
    assert not any(p.text.startswith(("一要", "二要", "三要", "一是", "二是")) for p in numbered)


@pytest.mark.parametrize("path", sorted(p for p in CORPORA.rglob("*.txt")), ids=lambda p: p.name)
def test_parity_every_bundled_corpus_file_reads_ok(path):
    doc = read_path(path)
    assert doc.status.value == "ok" or doc.status.is_ok and {w.code for w in doc.warnings} <= {"W105"}, (
        doc.status, doc.warnings)
    assert doc.encoding.startswith("utf-8") and doc.passages
