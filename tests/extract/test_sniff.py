"""Sniffing: type from bytes, suffix only breaks ties (reliability cases 1, 3, 4, 5, 15)."""
from __future__ import annotations

import os

import pytest

from pipeline.extract import extract
from pipeline.extract.sniff import FileType, detect, sniff
from pipeline.model import Status
from tests.fixtures.make import (
    make_docx_from_paragraphs, make_html, make_mht, make_odt, make_ole, make_pdf_text, make_plain_zip, make_rtf,
    make_txt, make_xlsx_bytes,
)

TEXT = "督导组要按照区委的总体部署，落实督察任务。"


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (make_txt(TEXT), "a.txt", FileType.TXT),
        (make_txt(TEXT, "gb18030"), "a", FileType.TXT),
        (make_txt(TEXT, "utf-16-le", bom=True), "a.txt", FileType.TXT),
        (make_docx_from_paragraphs([TEXT]), "a.docx", FileType.DOCX),
        (make_docx_from_paragraphs([TEXT]), "a.pdf", FileType.DOCX),
        (make_pdf_text([TEXT]), "a.docx", FileType.PDF),
        (make_html([TEXT]), "a.txt", FileType.HTML),
        (b"<div>" + TEXT.encode() + b"</div>", "page", FileType.HTML),
        (make_rtf([TEXT]), "a.doc", FileType.RTF),
        (make_odt([TEXT]), "a.odt", FileType.ODT),
        (make_ole(("WordDocument", "1Table")), "a.doc", FileType.DOC),
        (make_ole(("WordDocument", "1Table")), "a.wps", FileType.WPS),
        (make_ole(("EncryptionInfo", "EncryptedPackage")), "a.docx", FileType.ENCRYPTED),
        (make_ole(("WordDocument", "1Table"), encrypted_word=True), "a.doc", FileType.ENCRYPTED),
        (make_ole(("Workbook",)), "a.xls", FileType.XLS),
        (make_ole(("PowerPoint Document",)), "a.ppt", FileType.PPT),
        (make_ole(("Contents",)), "a.wps", FileType.WPS),             # Works: LibreOffice decides
        (make_mht(["正文"]), "a.mht", FileType.HTML),
        (make_mht(["正文"]), "a.doc", FileType.HTML),                  # "Word" file that is a web archive
        (make_html(["正文"], charset="gb2312", encoding="gb18030"), "a.doc", FileType.HTML),
        (make_xlsx_bytes(), "a.docx", FileType.XLSX),
        (make_plain_zip(), "a.zip", FileType.ZIP),
        (b"\xff\xd8\xff\xe0" + os.urandom(200), "a.jpg", FileType.IMAGE),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(200), "a.txt", FileType.IMAGE),
        (bytes(range(256)) * 20, "a.txt", FileType.BINARY),
    ],
)
def test_sniff_detects_type_from_bytes(data, name, expected):
    assert sniff(data, name=name).file_type == expected


@pytest.mark.parametrize(
    "data, name, mismatch",
    [
        (make_docx_from_paragraphs([TEXT]), "报告.pdf", True),       # case 3
        (make_pdf_text([TEXT]), "报告.docx", True),                   # case 3
        (make_docx_from_paragraphs([TEXT]), "报告.docx", False),
        (make_ole(("WordDocument",)), "报告.wps", False),              # Kingsoft .wps is Word inside
        (make_txt(TEXT), "报告", False),                               # no suffix, nothing to contradict
    ],
)
def test_sniff_extension_mismatch_warns_w101(data, name, mismatch):
    codes = [w.code for w in sniff(data, name=name).warnings]
    assert (codes == ["W101"]) is mismatch


def test_sniff_warning_prints_its_code_once():
    (w,) = sniff(make_docx_from_paragraphs([TEXT]), name="报告.pdf").warnings
    assert (w.code, w.reason) == ("W101", "extension_mismatch")
    assert str(w) == "[W101] extension_mismatch: content is docx, name says .pdf"


def test_sniff_renamed_docx_is_read_with_w101():
    from pipeline.extract import read_bytes

    doc = read_bytes(make_docx_from_paragraphs([TEXT]), name="报告.pdf")
    assert doc.status == Status.OK_WITH_WARNINGS
    assert doc.file_type == "docx" and TEXT in doc.text
    assert "W101" in [w.code for w in doc.warnings]


@pytest.mark.parametrize(
    "name, status",
    [("a.txt", Status.EMPTY), ("a.docx", Status.CORRUPT), ("a.pdf", Status.CORRUPT), ("a", Status.EMPTY)],
)
def test_sniff_zero_bytes(name, status):
    result = extract(b"", name=name)                                  # case 1
    assert (result.status, result.reason) == (status, "zero_bytes")
    assert result.message.startswith("[E101]")


@pytest.mark.parametrize(
    "data, name, detected",
    [
        (make_xlsx_bytes(), "a.xlsx", "xlsx"),
        (make_plain_zip(), "a.zip", "zip"),
        (b"\xff\xd8\xff\xe0" + bytes(300), "scan.jpg", "image"),
        (make_ole(("Workbook",)), "a.xls", "xls"),
        (os.urandom(4096), "a.txt", "binary"),                        # case 15
    ],
)
def test_sniff_unsupported_records_type_and_hint(data, name, detected, monkeypatch):
    import docx
    import pdfplumber

    def forbidden(*a, **k):
        raise AssertionError("a reader library was called for an unsupported type")

    monkeypatch.setattr(docx, "Document", forbidden)
    monkeypatch.setattr(pdfplumber, "open", forbidden)
    result = extract(data, name=name)                                 # case 4
    assert result.status == Status.UNSUPPORTED
    assert result.file_type == detected
    assert result.message.startswith("[E103]") and detected in result.message


@pytest.mark.parametrize(
    "data, name",
    [(make_ole(("EncryptionInfo", "EncryptedPackage")), "加密.docx"),                 # case 5
     (make_ole(("WordDocument", "1Table"), encrypted_word=True), "加密.doc")],
)
def test_sniff_encrypted_office_is_encrypted_not_corrupt(data, name, monkeypatch):
    from pipeline.extract import office

    monkeypatch.setattr(office, "soffice", lambda: (_ for _ in ()).throw(AssertionError("converter called")))
    result = extract(data, name=name)
    assert (result.status, result.reason) == (Status.ENCRYPTED, "password_required")
    assert result.message.startswith("[E104]") and "password" in result.message


def test_sniff_detect_ignores_suffix_for_pdf_magic():
    assert detect(b"%PDF-1.7\n" + bytes(50), None) == FileType.PDF
    assert detect(b"junk before the header\n" + make_pdf_text([TEXT]), FileType.TXT) == FileType.PDF
    # a text file that merely mentions the PDF header is still text
    assert detect("说明：PDF 文件以 %PDF-1.4 开头。".encode(), FileType.TXT) == FileType.TXT


@pytest.mark.parametrize("name", ["mk_more.py", "build.sh", "settings.yaml", "分析.ipynb", "run.BAT", "export.ini"])
def test_sniff_scripts_are_no_documents(name):
    """QA9 L11: a generator script left in the submissions folder was read as a report and became a
    unit with 已落实 quoting a line of Python. Text by its bytes, a script by its name: unsupported."""
    result = extract("import os\n# 开展了隐患排查\nprint('完成')\n".encode(), name=name)
    assert (result.status, result.reason) == (Status.UNSUPPORTED, "unsupported_type:source_code")
    assert result.message.startswith("[E103]") and "排查" not in result.message


def test_sniff_script_suffix_does_not_hide_a_real_document():
    # a PDF saved under a script's name is still read as the PDF it is (with the mismatch warning)
    assert detect(make_pdf_text([TEXT]), FileType.CODE) == FileType.PDF


def test_sniff_empty_script_is_empty_not_corrupt():
    # review7: an empty __init__.py is no damaged file
    assert extract(b"", name="__init__.py").status == Status.EMPTY
