"""OCR'd "（四）" misread as "《四)" (QA12 L21): repaired where the sequence （三）…（五） needs it.

tesseract read the scanned notice's "（四）" as "《四)", so item （四） was no item and was glued to （三）
(its actors and deadline joined （三）'s). Only OCR text is repaired, and only where the neighbouring
"（N）" markers make the misread one the missing member.
"""
from __future__ import annotations

import pytest

from pipeline.extract import ocr, read_bytes
from pipeline.extract.markers import repair_ocr_paren_markers
from tests.fixtures.make import make_image_pdf


@pytest.mark.parametrize("lines, expected", [
    (["(三) 推进改造。", "县住建局要加快改造。", "《四) 严厉打击非法经营。", "县公安局要开展打击。", "(五) 加强管理。"],
     ["(三) 推进改造。", "县住建局要加快改造。", "（四） 严厉打击非法经营。", "县公安局要开展打击。", "(五) 加强管理。"]),
    (["（三）a。", "〈四〉b。", "【五]c。", "（六）d。"], ["（三）a。", "（四）b。", "（五）c。", "（六）d。"]),  # a run
    (["（三）a。", "<四)b。"], ["（三）a。", "（四）b。"]),                      # the last item of its list
    (["（三）a。", "《四)b。", "三、工作要求", "（一）c。"], ["（三）a。", "（四）b。", "三、工作要求", "（一）c。"]),
    (["《一)a。", "（二）b。"], ["（一）a。", "（二）b。"]),
    # the sequence does not need it: left as read
    (["（二）a。", "《四)b。", "（五）c。"], ["（二）a。", "《四)b。", "（五）c。"]),
    (["（三）a。", "《四)b。", "（四）c。"], ["（三）a。", "《四)b。", "（四）c。"]),
    (["《一)a。", "正文。"], ["《一)a。", "正文。"]),
    (["（三）a。", "《四)"], ["（三）a。", "《四)"]),                          # nothing after it
    (["我读了《四)。", "（三）a。"], ["我读了《四)。", "（三）a。"]),            # not at the line's start
])
def test_ocr_markers_repair(lines, expected):
    assert repair_ocr_paren_markers(lines) == expected


def test_ocr_markers_repair_crosses_pages_in_page_order():
    pages = {1: "《四) 严厉打击非法经营。\n（五）加强管理。", 0: "（三）推进改造。\n县住建局要加快改造。"}
    assert ocr.repair_markers(pages) == {0: pages[0], 1: "（四） 严厉打击非法经营。\n（五）加强管理。"}


_SCANNED_NOTICE = ("关于开展城镇燃气安全专项整治的通知\n各乡镇人民政府：\n一、总体要求\n坚持人民至上。\n二、重点任务\n"
                   "(一) 全面排查燃气经营企业。县住房和城乡建设局要于12月31日前开展安全检查。\n"
                   "(二) 整治餐饮场所用气安全。县市场监管局牵头完成报警装置安装。\n"
                   "(三) 推进老旧管网更新改造。县住房和城乡建设局要加快推进老旧燃气管道更新改造，年底前完成改造15公里。\n"
                   "《四) 严厉打击非法经营。县公安局要联合开展专项打击行动，每月至少开展一次联合执法。\n"
                   "(五) 加强瓶装液化气管理。各乡镇人民政府要在12月20日前完成登记工作。\n")


def test_ocr_markers_scanned_notice_keeps_item_four(monkeypatch):
    """A scanned page read through the OCR path (tesseract's answer stubbed): （四） is an item of its own."""
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "_recognise", lambda exe, png, *, timeout: _SCANNED_NOTICE)
    doc = read_bytes(make_image_pdf("扫描件"), name="通知_扫描.pdf")
    items = [(p.marker, p.text[:8]) for p in doc.passages if p.kind == "item"]
    assert items[2:] == [("（三）", "(三) 推进老旧"), ("（四）", "（四） 严厉打击"), ("（五）", "(五) 加强瓶装")]
    four = next(p for p in doc.passages if p.text.startswith("县公安局"))
    assert four.path[-1] == "（四）"


def test_ocr_markers_typed_text_is_not_repaired():
    text = _SCANNED_NOTICE.encode("utf-8")
    doc = read_bytes(text, name="通知.txt")
    assert [p.marker for p in doc.passages if p.kind == "item"] == ["（一）", "（二）", "（三）", "（五）"]
