"""A .docx holding only pictures (a pasted scan) is needs_ocr with E114, not "no text" (qa6 L15)."""
from __future__ import annotations

import pytest

from pipeline.extract import read_bytes
from pipeline.model import Status
from tests.fixtures.make import make_docx_from_paragraphs, paragraph_xml


DRAWING = ("<w:p><w:r><w:drawing><wp:inline><wp:extent cx='100' cy='100'/><a:graphic><a:graphicData>"
           "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>")
ALTERNATE = ("<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wp:inline/></w:drawing>"
             "</mc:Choice><mc:Fallback><w:pict><v:shape/></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>")


@pytest.mark.parametrize("body, pictures", [(DRAWING, 1), (DRAWING * 3, 3), (ALTERNATE, 1),
                                            (paragraph_xml("") + DRAWING, 1)])
def test_docx_pictures_only_pictures_is_needs_ocr_with_e114(body, pictures):
    doc = read_bytes(make_docx_from_paragraphs([], extra_body=body, footer="第 1 页"), name="扫描件.docx")
    assert doc.status == Status.NEEDS_OCR and doc.reason == "only_images"
    assert doc.message.startswith("[E114]") and f"{pictures} picture(s)" in doc.message
    assert "PDF" in doc.message and doc.passages == ()


def test_docx_pictures_with_text_read_normally_and_empty_document_stays_e102():
    doc = read_bytes(make_docx_from_paragraphs(["图片说明文字。"], extra_body=DRAWING), name="a.docx")
    assert doc.status.is_ok and [p.text for p in doc.passages] == ["图片说明文字。"]
    empty = read_bytes(make_docx_from_paragraphs([""], footer="第 1 页"), name="a.docx")
    assert empty.status == Status.EMPTY and empty.message.startswith("[E102]")
