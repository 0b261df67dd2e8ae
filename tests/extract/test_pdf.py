"""PDF: health checks, encryption, broken files, paragraphs, furniture (cases 2, 6, 7, 8, 17, 18, 19)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract import extract as extract_any
from pipeline.extract import ocr
from pipeline.extract.pdf import Line, PageText, assemble, drop_furniture, extract, join_lines, paragraph_break
from pipeline.model import Status
from tests.fixtures.make import make_encrypted_pdf, make_image_pdf, make_pdf, make_pdf_text

PARAS = ["一、总体情况", "按照区委的统一部署，我们认真开展了先进性教育活动，组织全体党员集中学习，并结合本单位实际制定了具体的实施方案和工作计划，确保各项工作落到实处。",
         "二、存在问题", "个别党员学习不够深入，理论联系实际不够紧密，对照检查还不够深刻，整改措施针对性不强。"]


@pytest.fixture
def no_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)


def _extract(data: bytes, limits=DEFAULT_LIMITS):
    return extract(data, name="a.pdf", limits=limits)


def test_pdf_rebuilds_wrapped_paragraphs_across_pages():
    long = [PARAS[1] * 14, PARAS[3] * 14]
    result = _extract(make_pdf_text([PARAS[0]] + long + [PARAS[2]], page_numbers=True, header="××区委办公室"))
    assert [b.text for b in result.blocks] == [PARAS[0]] + long + [PARAS[2]]          # case 18
    assert result.pages >= 2 and result.blocks[-1].page == result.pages
    assert "W107" in [w.code for w in result.warnings]            # running header + "- N -" dropped
    assert not any("××区委办公室" in b.text or b.text.startswith("-") for b in result.blocks)


def _line(text, x1, x0=100.0, top=0.0, page=1):
    return Line(text, page, x0, x1, top, 12.0)


def test_pdf_join_keeps_latin_spaces_and_drops_han_gaps():
    lines = [_line("The inspection team shall", 400, top=100), _line("report weekly.", 200, top=120),
             _line("督导组要按照区委的总体部", 400, x0=124, top=140), _line("署落实督察任务。", 200, top=160)]
    assert join_lines(lines) == [("The inspection team shall report weekly.", 1), ("督导组要按照区委的总体部署落实督察任务。", 1)]


def test_pdf_join_without_geometry_uses_punctuation_and_markers():
    lines = [Line("按照区委的统一", 1), Line("部署开展工作：", 1), Line("一是加强学习", 1), Line("二是狠抓落实。", 1)]
    assert [t for t, _ in join_lines(lines)] == ["按照区委的统一部署开展工作：", "一是加强学习", "二是狠抓落实。"]


def test_pdf_running_header_needs_a_gap_and_a_short_line():
    def page(p: int) -> tuple[Line, ...]:
        header = Line("××区委办公室", p, 250, 330, 40, 12)                     # short, set apart by a gap
        closing = Line("确保落到实处。", p, 100, 184, 100, 12)                   # short, but at body pitch
        body = [Line(f"正文第{'一二三四五'[i]}行督导组要按照区委的总体部署落实督察任务的具体要求。", p, 100, 500, 120 + 20 * i, 12)
                for i in range(5)]
        return tuple([header, closing] + body)

    kept, dropped = drop_furniture([page(p) for p in range(1, 5)])
    assert dropped == 4
    assert [ln.text for ln in kept[0]][0] == "确保落到实处。"


@pytest.mark.parametrize(
    "texts, dropped",
    [
        (["- 3 -", "第3页", "3/10", "第 2 页 共 5 页", "Page 4 of 9"], 5),
        (["正文 3", "2023年"], 0),
    ],
)
def test_pdf_page_number_lines(texts, dropped):
    page = tuple(Line(t, 1) for t in ["首行正文内容。", "次行正文内容。"] + texts)
    _, n = drop_furniture([page], zone=len(texts))
    assert n == dropped


def test_pdf_fake_bold_is_deduplicated():
    result = _extract(make_pdf_text(["重要工作要抓紧落实。"], fake_bold=True))                   # case 19
    assert [b.text for b in result.blocks] == ["重要工作要抓紧落实。"]


@pytest.mark.parametrize("fake_bold", [False, True])
def test_pdf_fast_dedupe_keeps_the_chars_pdfplumber_keeps(fake_bold):
    import io

    import pdfplumber

    from pipeline.extract.pdf import dedupe_chars

    data = make_pdf_text(PARAS * 3, fake_bold=fake_bold, page_numbers=True, header="督查室")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            ours, theirs = dedupe_chars(page), page.dedupe_chars()
            assert [(c["text"], c["x0"], c["top"]) for c in ours.chars] == [
                (c["text"], c["x0"], c["top"]) for c in theirs.chars]
            assert (ours is page) == (not fake_bold)
            assert ours.extract_text_lines(return_chars=False) == theirs.extract_text_lines(return_chars=False)


def test_pdf_blank_page_is_empty_no_text_layer():
    doc_result = _extract(make_pdf(b""))                                                        # case 2
    assert (doc_result.status, doc_result.reason) == (Status.EMPTY, "no_text_layer")


def test_pdf_garbled_cid_text_is_empty(no_ocr):
    result = _extract(make_pdf(b"BT /F1 12 Tf 72 700 Td <0001000200030004000500060007> Tj ET", cid_font=True))
    assert (result.status, result.reason) == (Status.EMPTY, "garbled_text")                    # case 17
    assert result.message.startswith("[E112]")


def test_pdf_some_cid_glyphs_warn_w103():
    page = PageText(0, (Line("正常文本" * 25, 1),), cid=3, chars=103, has_images=False)
    result = assemble(b"", [page], DEFAULT_LIMITS)                                            # case 17
    assert result.status == Status.OK_WITH_WARNINGS
    assert [w.code for w in result.warnings] == ["W103"]
    clean = assemble(b"", [replace(page, cid=0, chars=100)], DEFAULT_LIMITS)
    assert clean.status == Status.OK and clean.warnings == ()


def test_pdf_scanned_page_needs_ocr_without_tesseract(no_ocr):
    result = _extract(make_image_pdf())
    assert (result.status, result.reason) == (Status.NEEDS_OCR, "no_text_layer")
    assert result.message.startswith("[E108]") and "tesseract" in result.message


def test_pdf_text_drawn_as_outlines_needs_ocr(no_ocr):
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for i in range(80):                          # glyph outlines: many small curves, no text objects
        c.bezier(50 + 5 * i, 700, 52 + 5 * i, 712, 54 + 5 * i, 688, 56 + 5 * i, 700)
    c.save()
    result = _extract(buf.getvalue())
    assert (result.status, result.reason) == (Status.NEEDS_OCR, "no_text_layer")


@pytest.mark.skipif(not ocr.available(), reason="tesseract with chi_sim not installed")
def test_pdf_scanned_page_is_ocred_with_tesseract():
    result = _extract(make_image_pdf("督导组要落实督察任务"))
    assert result.status == Status.OK_WITH_WARNINGS
    assert "W106" in [w.code for w in result.warnings]
    text = "".join(b.text for b in result.blocks)
    assert sum(ch in text for ch in "督导组要落实督察任务") >= 7


@pytest.mark.skipif(not ocr.available(), reason="tesseract with chi_sim not installed")
def test_pdf_garbled_page_is_ocred_with_tesseract():
    text = "督导组要按照区委的总体部署，落实督察任务。"
    # reportlab's owner-password-only CID font PDF: pdfminer loses the CMap, the page renders fine
    result = _extract(make_encrypted_pdf(text, user_password=""))
    assert result.status == Status.OK_WITH_WARNINGS
    assert [w.code for w in result.warnings] == ["W106"]
    got = "".join(b.text for b in result.blocks)
    assert sum(ch in got for ch in text) >= len(text) - 2


def test_pdf_ocr_stops_at_its_time_budget(monkeypatch):
    calls = []

    def fake_ocr_pages(data, indexes, *, budget_seconds):
        calls.append(budget_seconds)
        return {indexes[0]: "第一页识别出的文字。"}            # only the first page fit in the budget

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "ocr_pages", fake_ocr_pages)
    pages = [PageText(i, (), 0, 0, True) for i in range(3)]
    result = assemble(b"", pages, replace(DEFAULT_LIMITS, timeout_seconds=10))
    assert calls == [6.0]
    assert result.status == Status.OK_WITH_WARNINGS
    assert [w.code for w in result.warnings][:2] == ["W106", "W109"]
    assert "1 page" in str(result.warnings[0]) and "2 page" in str(result.warnings[1])


@pytest.mark.parametrize(
    "data, status, reason",
    [
        (make_encrypted_pdf(user_password="secret"), Status.ENCRYPTED, "password_required"),    # case 6
        (make_pdf(b"BT /F1 12 Tf 72 700 Td (Report text) Tj ET", truncate=180), Status.CORRUPT, None),   # case 7
        (b"%PDF-1.4\nthis is not really a pdf at all\n", Status.CORRUPT, "pdf_error:PDFSyntaxError"),
        (make_pdf_text(["Report text 正文内容。"] * 40)[:1600], Status.CORRUPT, None),   # first half only
    ],
)
def test_pdf_refusals(data, status, reason):
    result = _extract(data)
    assert result.status == status
    if reason:
        assert result.reason == reason
    assert "Report text" not in result.message and "secret" not in result.message


def test_pdf_owner_password_only_is_read_normally():
    from io import BytesIO

    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0), invariant=1)
    c.drawString(72, 700, "Owner restricted report text.")
    c.save()
    result = _extract(buf.getvalue())                                                         # case 6
    assert result.status == Status.OK
    assert [b.text for b in result.blocks] == ["Owner restricted report text."]


@pytest.mark.parametrize("exc", [AssertionError, KeyError, TypeError])
def test_pdf_any_reader_exception_is_corrupt_with_its_class(monkeypatch, exc):
    import pdfplumber

    def boom(*args, **kwargs):
        raise exc("Secret document words")

    monkeypatch.setattr(pdfplumber, "open", boom)                                              # case 8
    result = extract_any(make_pdf_text(["正文。"]), name="a.pdf")
    assert result.status == Status.CORRUPT
    assert exc.__name__ in result.reason and "Secret" not in result.message


def test_pdf_page_limit_is_too_large():
    limits = replace(DEFAULT_LIMITS, max_pdf_pages=2)
    result = _extract(make_pdf(b"BT /F1 12 Tf 72 700 Td (x) Tj ET", pages=3), limits)
    assert (result.status, result.reason) == (Status.TOO_LARGE, "too_many_pages")


@pytest.mark.slow
def test_pdf_three_hundred_pages_in_time():
    import time

    data = make_pdf_text([PARAS[1] * 4] * 1100)                                                 # case 12
    start = time.perf_counter()
    result = _extract(data)
    assert result.status == Status.OK and result.pages >= 300
    assert len(result.blocks) == 1100          # repeated body lines are not mistaken for running headers
    assert time.perf_counter() - start < 120


@pytest.mark.parametrize("line, opens", [
    ("二是加强督导检查", True), ("（三）完善制度", True), ("①建立工作台账", True), ("１．建立台账", True),
    ("第一，督导组要落实任务", True), ("首先，要提高认识", True),
    ("10 个单位参加了培训", False), ("一、二年级学生参加", False), ("第一批参加单位", False), ("组织学习12次", False),
])
def test_pdf_ocr_lines_break_before_a_marker_from_markers_module(line, opens):
    # OCR text has no geometry: a line not ending a sentence runs on unless the next opens an item
    prev = Line("按照区委的统一部署", page=1)
    assert paragraph_break(prev, Line(line, page=1), {}) is opens


@pytest.mark.parametrize("read", [{}, {0: ""}])      # no page started / the first read nothing, then time ran out
def test_pdf_ocr_out_of_time_is_a_timeout_not_install_tesseract(monkeypatch, read):
    """Regression (QA): a scan whose OCR ran out of time was reported as needs_ocr, "install tesseract"."""
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "ocr_pages", lambda data, indexes, *, budget_seconds: dict(read))
    pages = [PageText(i, (), 0, 0, True) for i in range(2)]
    result = assemble(b"", pages, replace(DEFAULT_LIMITS, timeout_seconds=10))
    assert result.status == Status.TIMEOUT and result.reason == "ocr_time_budget"
    assert "[E113]" in result.message and f"{len(read)} of 2 scanned pages" in result.message
    assert "install" not in result.message
