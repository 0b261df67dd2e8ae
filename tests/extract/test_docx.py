"""Word .docx: document order, tables, boxes, furniture, rendered numbering (cases 9, 11)."""
from __future__ import annotations

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract import read_bytes
from pipeline.extract.docx import extract
from pipeline.extract.docx_numbering import chinese_counting, format_number
from pipeline.model import Status
from tests.fixtures.make import (
    P, make_docx, make_docx_bad_crc, make_docx_from_paragraphs, make_xlsx_bytes, numbering_xml, paragraph_xml,
    styles_xml, table_xml,
)

TEXTBOX = ("<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent>"
           "<w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
           "<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p>"
           "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>")


def _blocks(data: bytes):
    result = extract(data, name="a.docx", limits=DEFAULT_LIMITS)
    assert result.status.is_ok, (result.status, result.reason)
    return [(b.kind, b.marker, b.text) for b in result.blocks]


def test_docx_document_order_tables_boxes_and_furniture():
    nested = table_xml([["内层一", "内层二"]])
    body = (paragraph_xml("表格前的段落。")
            + table_xml([["甲", "乙"], ["丙", "<w:p><w:r><w:t>外层</w:t></w:r></w:p>" + nested]],
                        merge_right=set(), merge_down=set())
            + paragraph_xml("表格后的段落。") + TEXTBOX
            + "<w:sdt><w:sdtContent>" + paragraph_xml("内容控件里的段落。") + "</w:sdtContent></w:sdt>")
    data = make_docx_from_paragraphs([], header="××区委办公室", footer="第 1 页", extra_body=body)
    assert _blocks(data) == [                                                        # case 11
        ("paragraph", "", "表格前的段落。"),
        ("table_cell", "", "甲"), ("table_cell", "", "乙"), ("table_cell", "", "丙"),
        ("table_cell", "", "外层"), ("table_cell", "", "内层一"), ("table_cell", "", "内层二"),
        ("paragraph", "", "表格后的段落。"),
        ("textbox", "", "文本框内容"),                       # once: the mc:Fallback copy is skipped
        ("paragraph", "", "内容控件里的段落。"),
        ("header", "", "××区委办公室"),
        ("footer", "", "第 1 页"),
    ]


def test_docx_merged_cells_once():
    tbl = table_xml([["合并横向", "右"], ["纵向起点", "x"], ["", "y"]], merge_right={(0, 0)}, merge_down={(2, 0)})
    texts = [t for _, _, t in _blocks(make_docx(tbl))]
    assert texts == ["合并横向", "右", "纵向起点", "x", "y"]


def test_docx_header_footer_become_non_content_passages():
    doc = read_bytes(make_docx_from_paragraphs(["正文第一句。"], header="页眉", footer="页脚"), name="a.docx")
    kinds = {p.text: p.kind for p in doc.passages}
    assert kinds.get("页眉") == "header" and kinds.get("页脚") == "footer"
    assert [p.text for p in doc.passages if p.is_content] == ["正文第一句。"]


CN_LEVELS = {0: ("chineseCounting", "%1、", 1), 1: ("chineseCounting", "（%2）", 1),
             2: ("decimal", "%3.", 1), 3: ("decimalEnclosedCircle", "%4", 1)}


@pytest.mark.parametrize(
    "paras, levels, overrides, markers",
    [
        ([P("总体", 1, 0), P("甲", 1, 1), P("乙", 1, 1), P("细", 1, 2), P("圈", 1, 3), P("二部分", 1, 0), P("丙", 1, 1)],
         CN_LEVELS, None, ["一、", "（一）", "（二）", "1.", "①", "二、", "（一）"]),
        ([P(f"第{i}项", 1, 0) for i in range(1, 13)], {0: ("chineseCounting", "%1、", 1)}, None,
         ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、", "十一、", "十二、"]),
        ([P("a", 1, 0), P("b", 1, 0), P("c", 1, 0)], {0: ("chineseCounting", "%1要", 1)}, None, ["一要", "二要", "三要"]),
        ([P("a", 1, 0), P("b", 1, 0)], {0: ("decimal", "%1.", 3)}, None, ["3.", "4."]),
        ([P("a", 1, 0), P("b", 1, 0), P("c", 2, 0), P("d", 2, 0)], {0: ("decimal", "%1.", 1)}, {2: {0: 1}},
         ["1.", "2.", "1.", "2."]),                                     # startOverride restarts a list
        ([P("a", 1, 0), P("b", 1, 0), P("c", 2, 0), P("d", 1, 0)], {0: ("decimal", "%1.", 1)}, {2: {0: 1}},
         ["1.", "2.", "1.", "3."]),                                     # the restarted list is separate
        ([P("a", 1, 0), P("b", 3, 0), P("c", 1, 0)], {0: ("decimal", "%1.", 1)}, None,
         ["1.", "2.", "3."]),                                           # nums over one abstractNum share it
        ([P("a", 1, 0), P("b", 1, 1), P("c", 1, 1)], {0: ("decimal", "%1", 1), 1: ("decimal", "%1.%2", 1)}, None,
         ["1", "1.1", "1.2"]),
        ([P("a", 1, 0), P("b", 1, 0)], {0: ("ideographTraditional", "%1、", 1)}, None, ["甲、", "乙、"]),
        ([P("a", 1, 0), P("b", 1, 0)], {0: ("lowerLetter", "%1)", 1)}, None, ["a)", "b)"]),
        ([P("a", 1, 0), P("b", 1, 0)], {0: ("decimalFullWidth", "%1．", 1)}, None, ["１．", "２．"]),
        ([P("a", 1, 0), P("b", 1, 0)], {0: ("bullet", "\uf0b7", 1)}, None, ["", ""]),
        ([P("a", 1, 0), P("b", 0, 0)], {0: ("decimal", "%1.", 1)}, None, ["1.", ""]),     # numId 0: off
    ],
)
def test_docx_renders_word_numbering(paras, levels, overrides, markers):
    numbering = numbering_xml(levels, num_ids=(1, 2, 3), overrides=overrides)
    got = [m for _, m, _ in _blocks(make_docx_from_paragraphs(paras, numbering=numbering))]
    assert got == markers


def test_docx_numbering_from_style_based_on_chain():
    numbering = numbering_xml({0: ("chineseCounting", "%1、", 1), 1: ("chineseCounting", "（%2）", 1)})
    styles = styles_xml([("H1", None, 1, 0), ("MyHeading", "H1", None, None), ("H2", None, 1, 1)])
    paras = [P("总体情况", style="MyHeading"), P("具体做法", style="H2"), P("存在问题", style="MyHeading")]
    got = [(m, t) for _, m, t in _blocks(make_docx_from_paragraphs(paras, numbering=numbering, styles=styles))]
    assert got == [("一、", "总体情况"), ("（一）", "具体做法"), ("二、", "存在问题")]


def test_docx_marker_is_prepended_in_document_text():
    numbering = numbering_xml({0: ("chineseCounting", "%1要", 1)})
    doc = read_bytes(make_docx_from_paragraphs([P("明确督导工作任务。", 1, 0), P("讲究方式方法。", 1, 0)],
                                               numbering=numbering), name="a.docx")
    assert "一要明确督导工作任务。" in doc.text and "二要讲究方式方法。" in doc.text


@pytest.mark.parametrize(
    "n, fmt, expected",
    [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
     (20, "chineseCounting", "二十"), (21, "chineseCountingThousand", "二十一"), (101, "chineseCountingThousand", "一百零一"),
     (110, "chineseCounting", "一百一十"), (3, "japaneseCounting", "三"), (5, "decimalEnclosedCircle", "⑤"),
     (27, "upperLetter", "AA"), (4, "lowerRoman", "iv"), (2, "chineseLegalSimplified", "贰"), (12, "decimalZero", "12")],
)
def test_docx_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_docx_chinese_counting_is_monotonic_and_unique():
    rendered = [chinese_counting(n) for n in range(1, 200)]
    assert len(set(rendered)) == len(rendered)


@pytest.mark.parametrize(
    "data, status, reason",
    [
        (make_docx(paragraph_xml("正文"), content_types=False), Status.CORRUPT, "missing_content_types"),   # case 9
        (make_docx("", document=False), Status.CORRUPT, "missing_part"),
        (make_docx_bad_crc(), Status.CORRUPT, "bad_crc"),
        (b"PK\x03\x04" + b"\x00" * 60, Status.CORRUPT, "bad_zip"),
        (make_docx(paragraph_xml("正文") + "<w:p><unclosed>"), Status.CORRUPT, "bad_xml:XMLSyntaxError"),
    ],
)
def test_docx_broken_packages(data, status, reason):
    result = extract(data, name="a.docx", limits=DEFAULT_LIMITS)
    assert result.status == status
    if reason:
        assert result.reason == reason
    assert result.message.startswith("[E105]") and "正文" not in result.message


def test_docx_renamed_xlsx_is_unsupported():
    doc = read_bytes(make_xlsx_bytes(), name="报告.docx")                               # case 9
    assert doc.status == Status.UNSUPPORTED and doc.file_type == "xlsx"


def test_docx_empty_document_is_empty():
    doc = read_bytes(make_docx(paragraph_xml("")), name="空.docx")
    assert doc.status == Status.EMPTY


def test_docx_heading_kind_from_style_name_not_id():
    styles = styles_xml([("1", None, None, None), ("a3", None, None, None)]).replace(
        "<w:name w:val='1'/>", "<w:name w:val='heading 1'/>").replace("<w:name w:val='a3'/>", "<w:name w:val='正文缩进'/>")
    blocks = _blocks(make_docx_from_paragraphs([P("一、总体情况", style="1"), P("正文。", style="a3")], styles=styles))
    assert [(k, t) for k, _, t in blocks] == [("heading", "一、总体情况"), ("paragraph", "正文。")]


def test_docx_content_control_placeholder_is_not_text():
    placeholder = ("<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>" + paragraph_xml("单击此处输入文字。")
                   + "</w:sdtContent></w:sdt>")
    filled = "<w:sdt><w:sdtPr/><w:sdtContent>" + paragraph_xml("已填写的内容。") + "</w:sdtContent></w:sdt>"
    inline = ("<w:p><w:r><w:t>填报单位：</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
              "<w:r><w:t>请选择</w:t></w:r></w:sdtContent></w:sdt></w:p>")
    assert [t for _, _, t in _blocks(make_docx(placeholder + filled + inline))] == ["已填写的内容。", "填报单位："]


@pytest.mark.parametrize(
    "ext, content_type, payload",
    [("html", "text/html", "<html><body><p>导入的第一段。</p><p>导入的第二段。</p></body></html>".encode("gb18030")),
     ("txt", "text/plain", "导入的第一段。\r\n导入的第二段。".encode("utf-8"))],
)
def test_docx_alt_chunk_content_is_read_in_place(ext, content_type, payload):
    body = paragraph_xml("前言。") + "<w:altChunk r:id='rIdChunk'/>" + paragraph_xml("结尾。")
    data = make_docx(body, extra_parts={f"word/chunk.{ext}": payload}, defaults={ext: content_type},
                     rels=[("rIdChunk", "aFChunk", f"chunk.{ext}")])
    assert [t for _, _, t in _blocks(data)] == ["前言。", "导入的第一段。", "导入的第二段。", "结尾。"]


def test_docx_macro_enabled_document_is_read_as_text():
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(make_docx(paragraph_xml("宏文档正文。"))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
            dst.writestr(info, blob)
    result = extract(out.getvalue(), name="a.docm", limits=DEFAULT_LIMITS)
    assert result.status == Status.OK and [b.text for b in result.blocks] == ["宏文档正文。"]
