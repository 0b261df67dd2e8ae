"""metadata: who a report is from when the usual title/signature places do not say it plainly.

QA9 H5 (a form's "填报单位：X" field), M13 (a scanned reply whose OCR lines ran the signature into the
date, the title into the addressee and a heading into its text) and L10 (a report pasted on one line).
"""
from __future__ import annotations

import io
import shutil

import pytest

from pipeline.extract import read_bytes
from pipeline.extract.metadata import detect, form_row_unit, signature_block, unit_field
from pipeline.extract.ocr import ocr_spacing
from pipeline.extract.pdf_paragraphs import Line, join_lines, ocr_line_width
from tests.fixtures.make import make_docx, make_html, paragraph_xml, table_xml


def _meta(text: str):
    return detect([line for line in text.split("\n") if line.strip()])


# ------------------------------------------------------------------------------------------- H5: forms
@pytest.mark.parametrize("line, unit", [
    ("填报单位：石门镇人民政府", "石门镇人民政府"),
    ("填报单位：青峰镇人民政府 填报日期：2026年12月20日", "青峰镇人民政府"),
    ("填报单位：青峰镇人民政府填报日期：2026年12月20日", "青峰镇人民政府"),        # glued to the next field
    ("报送单位（盖章）：县应急管理局 联系人：张三", "县应急管理局"),
    ("单位名称：青山县第一中学", "青山县第一中学"),
    ("填报部门: 县林业局", "县林业局"),
    ("自查单位：石门镇（盖章）", "石门镇"),
    ("填报单位：", ""), ("填报单位：________ 填报日期：", ""),                      # a blank template
    ("县政府：", ""), ("单位：石门镇", ""), ("各填报单位要于12月底前报送。", ""),
])
def test_metadata_unit_field_value(line, unit):
    assert unit_field(line) == unit


@pytest.mark.parametrize("text, title, unit, date", [
    ("石门镇森林防火专项整治自查表\n填报单位：石门镇人民政府\n我镇开展隐患排查31处。",
     "石门镇森林防火专项整治自查表", "石门镇人民政府", ""),
    ("青峰镇森林防火自查表\n填报单位：青峰镇人民政府 填报日期：2026年12月20日\n我镇开展隐患排查。",
     "青峰镇森林防火自查表", "青峰镇人民政府", "2026-12-20"),
    # the Word form's signature right under its field line: no part of the title either
    ("青峰镇森林防火自查表\n填报单位：青峰镇人民政府 填报日期：2026年12月20日\n青峰镇人民政府\n2026年12月20日",
     "青峰镇森林防火自查表", "青峰镇人民政府", "2026-12-20"),
    # the field names the unit even where a signature names another line of the hierarchy
    ("森林防火自查表\n报送单位：县林业局森林防火办公室\n我办开展巡查。\n青山县林业局\n2026年12月20日",
     "森林防火自查表", "县林业局森林防火办公室", "2026-12-20"),
    # a form signed at the bottom with the field there
    ("森林防火专项整治自查报告\n一、工作开展情况\n我镇开展隐患排查31处。\n填报单位（盖章）：石门镇人民政府 填报人：李四",
     "森林防火专项整治自查报告", "石门镇人民政府", ""),
])
def test_metadata_form_unit_field_names_the_unit_and_leaves_the_title(text, title, unit, date):
    meta = _meta(text)
    assert (meta.title, meta.unit, meta.date, meta.kind) == (title, unit, date, "report")


def test_metadata_form_field_lines_end_the_title_block():
    lines = ["青峰镇森林防火自查表", "填报单位：青峰镇人民政府", "联系人：张三 电话：12345", "青峰镇人民政府",
             "我镇开展隐患排查", "一、排查情况"]
    assert detect(lines).title_lines == 4       # the body line after the fields is not title
    assert signature_block(["正文。", "填报单位（盖章）：石门镇人民政府 填报人：李四"]) == 1


FORM_ROWS = [["序号", "工作任务", "落实情况", "存在问题"],
             ["1", "开展火灾隐患排查", "组织乡村干部排查隐患点31处，建立隐患台账。", "巡山存在漏巡。"],
             ["2", "开展宣传进村入户", "发放防火告知书3100份。", "告知书未发放到户。"]]
TITLE = "石门镇森林防火专项整治自查表"
FIELD = "填报单位：石门镇人民政府 填报日期：2026年12月20日"


def _xlsx_form() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.cell(1, 1, TITLE)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    ws.cell(2, 1, FIELD)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=4)
    for r, row in enumerate(FORM_ROWS, start=3):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _docx_form() -> bytes:
    return make_docx(paragraph_xml(TITLE) + paragraph_xml(FIELD) + table_xml(FORM_ROWS) + "<w:sectPr/>")


def _html_form() -> bytes:
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in FORM_ROWS)
    return make_html([TITLE, FIELD], extra_body=f"<table>{rows}</table>", title=TITLE)


@pytest.mark.parametrize("name, make", [("石门镇.xlsx", _xlsx_form), ("石门镇.docx", _docx_form),
                                        ("石门镇.html", _html_form)])
def test_metadata_self_check_form_reads_its_unit_field(name, make):
    """QA9 H5: the unit fell back to the file name, so every other body's task was 未体现, not 不适用;
    and the title swallowed the field line."""
    doc = read_bytes(make(), name=name)
    assert (doc.unit, doc.title, doc.date) == ("石门镇人民政府", TITLE, "2026-12-20")
    field = [p for p in doc.passages if p.text.startswith("填报单位")]
    assert [p.kind for p in field] == ["title"]        # outside the outline, never evidence


@pytest.mark.parametrize("cells, unit", [
    (["填报单位", "石门镇人民政府", "填报日期", "2026年12月20日"], "石门镇人民政府"),
    (["填报单位（盖章）：", "石门镇人民政府（盖章）"], "石门镇人民政府"),
    (["填报单位：石门镇人民政府", "", "", "填报日期：2026年12月20日"], "石门镇人民政府"),
    (["单位名称", "联系人", "联系电话"], ""),             # a contact table's header names no unit
    (["序号", "工作任务", "落实情况", "存在问题"], ""),
])
def test_metadata_form_row_unit_from_cells(cells, unit):
    assert form_row_unit(cells) == unit


def _xlsx_cell_form(field_cells: dict[str, str]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = TITLE
    ws.merge_cells("A1:D1")
    for ref, value in field_cells.items():
        ws[ref] = value
    for r, row in enumerate(FORM_ROWS, start=3):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("field_cells", [
    {"A2": "填报单位：石门镇人民政府", "D2": "填报日期：2026年12月20日"},      # two cells: the row is read as a table row
    {"A2": "填报单位", "B2": "石门镇人民政府", "C2": "填报日期", "D2": "2026年12月20日"},
])
def test_gap_unit_reads_a_form_field_row_of_table_cells(field_cells):
    """QA9 H5 in an Excel form whose field row is cells, not one merged line: the unit is the field's,
    so another body's task is 不适用 (not 未体现)."""
    from pipeline.checklist import Checklist, ChecklistItem
    from pipeline.gaps import assess_report, unit_of

    doc = read_bytes(_xlsx_cell_form(field_cells), name="石门镇自查表.xlsx")
    assert unit_of(doc) == "石门镇人民政府"
    task = ChecklistItem(id="1", text="县公安局要严格落实进山检查登记制度，依法查处野外违规用火行为。",
                         title="加强野外火源管控", label="requirement", actor="县公安局", source="n")
    (row,) = assess_report(Checklist(items=(task,), sources=("n",)), doc)
    assert (row.unit, row.unit_name, row.status) == ("石门镇人民政府", "石门镇人民政府", "not_applicable")


# ------------------------------------------------------------------------------- M13: glued signatures
@pytest.mark.parametrize("last, unit, date", [
    ("白沙乡人民政府2026年12月22日", "白沙乡人民政府", "2026-12-22"),
    ("青山县林业局 2026年12月24日", "青山县林业局", "2026-12-24"),
    ("石门镇人民政府（盖章）（2026年12月20日）", "石门镇人民政府", "2026-12-20"),
    ("我们将继续努力2026年12月24日", "", ""),
])
def test_metadata_signature_glued_to_its_date(last, unit, date):
    meta = _meta(f"关于森林防火工作的报告\n一、工作情况\n我乡开展排查。\n{last}")
    assert (meta.unit, meta.date) == (unit, date)
    assert meta.signature_lines == (1 if unit else 0)


def _ocr_page(lines: list[str]) -> list[Line]:
    return [Line(ocr_spacing(text).strip(), 1) for text in lines]


# the OCR of a scanned reply (QA9 M13, tesseract's lines, the width cut at 34 characters)
SCAN = ["白沙乡关于秋冬季森林防火专项整治行动开展情况的报告",
        "县林业局 :",
        "根据《青山县人民政府办公室关于开展2026年秋冬季森林防火专项整治行",
        "动的通知》要求，我乡高度重视，现将工作开展情况报告如下 :",
        "一、主要工作",
        "(一) 开展隐患排查。10月下旬，乡党委、政府组织乡村干部对全乡9个村",
        "的林区、林缘坟地开展隐患排查，共排查隐患点31处，建立了隐患台账。",
        "(二) 落实护林员责任。全乡聘用专职护林员27名，划定巡护责任区，签订",
        "责任书27份。",
        "三、下步打算",
        "我乡将于12月底前完成偏远山场补充排查，加强护林员考核管理，加快推进",
        "隔离带建设。",
        "白沙乡人民政府",
        "2026年12月22日"]


def test_ocr_lines_end_at_title_heading_and_signature():
    paragraphs = [text for text, _ in join_lines(_ocr_page(SCAN))]
    assert paragraphs == [
        "白沙乡关于秋冬季森林防火专项整治行动开展情况的报告", "县林业局:",
        "根据《青山县人民政府办公室关于开展2026年秋冬季森林防火专项整治行动的通知》要求，我乡高度重视，现将工作开展情况报告如下:",
        "一、主要工作",
        "(一) 开展隐患排查。10月下旬，乡党委、政府组织乡村干部对全乡9个村的林区、林缘坟地开展隐患排查，共排查隐患点31处，建立了隐患台账。",
        "(二) 落实护林员责任。全乡聘用专职护林员27名，划定巡护责任区，签订责任书27份。",
        "三、下步打算", "我乡将于12月底前完成偏远山场补充排查，加强护林员考核管理，加快推进隔离带建设。",
        "白沙乡人民政府", "2026年12月22日"]


@pytest.mark.parametrize("lines, joined", [
    # full lines run on whatever they end with (no punctuation, a marker-less next line)
    (["一是排查还不够细致，部分偏远山场未纳入排查范围，护林员队伍年龄偏",
      "大，平均年龄61岁，巡山不到位的情况时有发生，防火隔离带开设进度滞"], True),
    # a short line stopping on an open clause or before a continuing one runs on too
    (["我乡将于12月底前完成偏远山场补充排查，", "加强护林员考核管理。"], True),
    (["我乡将于12月底前完成偏远山场补充排查", "，加强护林员考核管理。"], True),
    # a short heading ends before its text; a short line before a date or an addressee ends
    (["三、下步打算", "我乡将于12月底前完成偏远山场补充排查，加强护林员考核管理。"], False),
    (["青山县林业局", "2026年12月24日"], False),
    (["关于秋冬季森林防火工作情况的报告", "县政府："], False),
])
def test_ocr_short_lines_break_only_where_a_paragraph_ends(lines, joined):
    filler = ["根据县政府办公室关于开展秋冬季森林防火专项整治行动的通知要求，我"] * 6      # 64 columns: the page width
    paragraphs = [text for text, _ in join_lines(_ocr_page(filler + ["以上。"] + lines))]
    assert (len(paragraphs) == 2) is joined


def test_ocr_line_width_needs_enough_lines():
    assert ocr_line_width(_ocr_page(["按照区委的统一", "部署开展工作："])) is None
    # text lines with geometry are not OCR lines
    assert ocr_line_width([Line("按照区委的统一部署开展工作按照区委的统一部署开展工作", 1, 0.0, 300.0, 0.0, 12.0)] * 6) is None


@pytest.mark.parametrize("raw, clean", [("县林业局 :", "县林业局:"), ("报告如下 :", "报告如下:"),
                                        ("共 12 人", "共12人"), ("Note : text", "Note : text")])
def test_ocr_spacing_before_ascii_punctuation(raw, clean):
    assert ocr_spacing(raw) == clean


def _font():
    from PIL import ImageFont

    for path in ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
                 "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"):
        try:
            return ImageFont.truetype(path, 40)
        except OSError:
            continue
    return None


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract not installed")
def test_ocr_scanned_reply_keeps_title_heading_and_signature_apart():
    """QA9 M13 end to end: a scanned reply drawn at 200 dpi reads its title, unit and date."""
    from PIL import Image, ImageDraw

    from pipeline.extract import ocr

    font = _font()
    if not ocr.available() or font is None:
        pytest.skip("tesseract chi_sim or a CJK font missing")
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    for k, line in enumerate(SCAN):
        draw.text((150, 150 + 62 * k), line.replace(" :", "：").replace("(", "（").replace(") ", "）"), font=font, fill=0)
    pdf = io.BytesIO()
    page.save(pdf, format="PDF", resolution=200)
    doc = read_bytes(pdf.getvalue(), name="白沙乡_扫描件.pdf")
    assert (doc.unit, doc.date) == ("白沙乡人民政府", "2026-12-22")
    assert doc.title == "白沙乡关于秋冬季森林防火专项整治行动开展情况的报告"
    assert "三、下步打算" in [p.text for p in doc.passages if p.kind == "heading"]


# ------------------------------------------------------------------------------- L10: one-line reports
ONE_LINE = ("县林业局关于秋冬季森林防火专项整治工作情况的报告 县政府： 今年秋冬季森林防火专项整治行动开展以来，"
            "我局认真履行行业主管部门职责。一是建设林区视频监控系统，新建高点视频监控探头42个。"
            "二是配合县公安局开展野外火源管控，联合执法检查38次。{tail}")


@pytest.mark.parametrize("tail, unit, date", [
    ("我局将持续加强森林资源保护管理。青山县林业局 2026年12月24日", "青山县林业局", "2026-12-24"),
    ("我局将持续加强森林资源保护管理。", "县林业局", ""),          # unsigned: the title names the unit
])
def test_metadata_one_line_report_title_and_unit(tail, unit, date):
    """QA9 L10: a 74 KB report on one line had title '' and unit ''."""
    meta = detect([ONE_LINE.format(tail=tail)])
    assert (meta.title, meta.unit, meta.date, meta.kind) == (
        "县林业局关于秋冬季森林防火专项整治工作情况的报告", unit, date, "report")
    assert meta.title_lines == 0          # the line is the body: none of it becomes a title passage


@pytest.mark.parametrize("line, title, unit", [
    ("青山县林业局 今年以来，我局认真履行行业主管部门职责，建设林区视频监控系统，新建高点视频监控探头42个，"
     "配合县公安局开展野外火源管控，联合执法检查38次，查处野外违规用火行为11起。", "", "青山县林业局"),
    # a long first sentence that merely mentions a report is no title
    ("按照县政府关于报送森林防火工作情况的通知要求，我局认真履行行业主管部门职责，建设林区视频监控系统，"
     "新建高点视频监控探头42个，配合县公安局开展野外火源管控，联合执法检查38次。", "", ""),
])
def test_metadata_one_line_report_opening_body(line, title, unit):
    meta = detect([line])
    assert (meta.title, meta.unit) == (title, unit)
