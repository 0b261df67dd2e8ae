"""PDF ruled tables as table cells (``pdf_tables``): a notice's task table keeps its rows (qa7 H2)."""
from __future__ import annotations

import io

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract import read_bytes
from pipeline.extract.pdf import extract
from pipeline.extract.pdf_tables import cell_text

BEFORE = ["绍兴市教育局关于印发2025年校园安全专项整治行动方案的通知", "各区、县（市）教育局，市直属各学校：",
          "一、总体要求", "（一）压实安全责任。各学校要落实校长第一责任人制度，健全安全管理责任体系。", "二、重点任务"]
AFTER = ["三、保障措施", "（一）加强组织领导。各地要成立专项整治工作领导小组。", "绍兴市教育局", "2025年2月10日"]
TABLE = [["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
         ["1", "开展防溺水专题教育，覆盖全体学生", "市教育局德育处", "各区县教育局", "5月底前"],
         ["2", "每学期开展不少于2次应急疏散演练", "各学校", "", "每学期"],
         ["3", "完成校舍安全隐患全面排查，建立问题清单并逐项明确整改责任人", "市教育局基建处", "各区县教育局", "2025年3月31日"]]


def _pdf(rows: list[list[str]], *, spans=(), widths=(30, 200, 90, 90, 70), repeat_rows: int = 0,
         space_before: float = 0) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=12, leading=18, wordWrap="CJK")
    small = ParagraphStyle("s", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    table = Table([[Paragraph(c, small) for c in row] for row in rows], colWidths=list(widths), repeatRows=repeat_rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), *[("SPAN",) + s for s in spans]]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, invariant=1).build(
        [Paragraph(t, body) for t in BEFORE] + [Spacer(1, space_before)] * bool(space_before) + [table]
        + [Paragraph(t, body) for t in AFTER])
    return buf.getvalue()


@pytest.mark.parametrize("fast", ["1", "0"], ids=["pdfium", "pdfplumber"])
def test_pdf_tables_ruled_table_gives_cells_in_place(monkeypatch, fast):
    monkeypatch.setenv("DUBAN_PDFIUM", fast)
    blocks = extract(_pdf(TABLE), name="n.pdf", limits=DEFAULT_LIMITS).blocks
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    assert paragraphs == BEFORE + AFTER            # no table text among the paragraphs
    cells = [(b.cell, b.text) for b in blocks if b.kind == "table_cell"]
    expected = [((0, r, c, 1), text) for r, row in enumerate(TABLE) for c, text in enumerate(row) if text]
    assert cells == expected                       # a wrapped cell joined, the blank cell left out
    kinds = [b.kind for b in blocks]
    assert kinds.index("table_cell") == len(BEFORE) and kinds[-len(AFTER):] == ["paragraph"] * len(AFTER)


def test_pdf_tables_fast_path_reads_the_table_page_and_counts_its_paths():
    import pdfplumber

    from pipeline.extract import pdfium_text

    data = _pdf(TABLE)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        read = pdfium_text.text_lines(data, pdf.pages)
    assert read.pages is not None, read.reason         # the ruled grid does not send it to pdfplumber
    assert len(read.paths) == 1 and read.paths[0] > 0


def test_pdf_tables_merged_cell_once_at_its_first_row():
    rows = [row[:] for row in TABLE]
    rows[2][2] = ""                                 # covered by row 1's 牵头单位
    data = _pdf(rows, spans=[((2, 1), (2, 2))])
    cells = {b.cell: b.text for b in extract(data, name="n.pdf", limits=DEFAULT_LIMITS).blocks if b.kind == "table_cell"}
    assert cells[(0, 1, 2, 2)] == "市教育局德育处"          # drawn over two rows: spans 2
    assert not any(cell[1:3] == (2, 2) for cell in cells)
    assert cells[(0, 2, 1, 1)] == TABLE[2][1]


@pytest.mark.parametrize("fast", ["1", "0"], ids=["pdfium", "pdfplumber"])
@pytest.mark.parametrize("merge_lead, actor", [
    (False, "各学校（牵头）"),                 # row 2: own 牵头, blank 配合 (was 各区县教育局 copied down)
    (True, "市教育局德育处（牵头）"),          # 牵头 drawn over rows 1-2: read down; the blank 配合 stays blank
])
def test_pdf_tables_blank_cell_is_not_the_merge_above(monkeypatch, fast, merge_lead, actor):
    """Regression (left open in session 6): a PDF said nothing of merges, so the task table reader
    read every missing cell as the one above and row 2's blank 配合单位 got row 1's 各区县教育局; and a
    merged 牵头 carried row 1's whole 责任单位, 配合 included."""
    from pipeline.checklist import build_checklist

    monkeypatch.setenv("DUBAN_PDFIUM", fast)
    rows = [row[:] for row in TABLE]
    if merge_lead:
        rows[2][2] = ""
    data = _pdf(rows, spans=[((2, 1), (2, 2))] if merge_lead else [])
    items = build_checklist([read_bytes(data, name="notice.pdf")]).items
    assert next(i for i in items if TABLE[2][1] in i.text).actor == actor
    assert next(i for i in items if TABLE[1][1] in i.text).actor == "市教育局德育处（牵头）、各区县教育局（配合）"


@pytest.mark.parametrize("fast", ["1", "0"], ids=["pdfium", "pdfplumber"])
def test_pdf_tables_table_over_a_page_break_stays_one_table(monkeypatch, fast):
    monkeypatch.setenv("DUBAN_PDFIUM", fast)
    rows = TABLE[:1] + [[str(k), f"第{k}项任务：开展校园安全专项检查并形成报告", "各学校", "", "6月底前"] for k in range(1, 46)]
    result = extract(_pdf(rows, repeat_rows=1), name="n.pdf", limits=DEFAULT_LIMITS)
    cells = [b for b in result.blocks if b.kind == "table_cell"]
    assert result.pages >= 2 and len({b.page for b in cells}) >= 2
    assert {b.cell[0] for b in cells} == {0}
    task_rows = [b.cell[1] for b in cells if b.cell[2] == 1 and b.text != "工作任务"]
    assert [b.text for b in cells if b.cell[2] == 1 and b.text != "工作任务"] == [r[1] for r in rows[1:]]
    assert task_rows == sorted(set(task_rows))      # rows counted on over the page break
    assert [b.text for b in result.blocks if b.kind == "paragraph"] == BEFORE + AFTER


def _last_row_alone_on_page_two() -> bytes:
    """TABLE pushed down until only its last row goes over the page break (found by trying spacers)."""
    import pdfplumber

    for space in range(300, 700, 6):
        data = _pdf(TABLE, space_before=space)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > 1 and [len(t.rows) for t in pdf.pages[1].find_tables()] == [1]:
                return data
    raise AssertionError("no spacer leaves exactly one row on page 2")


@pytest.mark.parametrize("fast", ["1", "0"], ids=["pdfium", "pdfplumber"])
def test_pdf_tables_last_row_alone_on_the_next_page_goes_on(monkeypatch, fast):
    """QA9 H3: a one-row grid at the top of a page was no table, so the task table's last row was
    glued to the next heading as text and its task lost."""
    from pipeline.checklist import build_checklist

    monkeypatch.setenv("DUBAN_PDFIUM", fast)
    doc = read_bytes(_last_row_alone_on_page_two(), name="notice.pdf")
    cells = [p for p in doc.passages if p.kind == "table_cell"]
    assert {p.cell[0] for p in cells} == {0} and {p.page for p in cells} == {1, 2}
    assert [p.text for p in cells if p.cell[2] == 1][1:] == [row[1] for row in TABLE[1:]]
    assert not any(TABLE[3][1] in p.text for p in doc.passages if p.kind != "table_cell")
    texts = [item.text for item in build_checklist([doc]).items]
    assert all(any(row[1] in text for text in texts) for row in TABLE[1:])


def test_pdf_tables_one_column_frame_stays_paragraphs():
    frame = [["（二）加强督导检查。市教育局安监处要会同各区县教育局开展专项督查。"], ["（三）强化考核问责。纳入年度考核。"]]
    blocks = extract(_pdf(frame, widths=(430,)), name="n.pdf", limits=DEFAULT_LIMITS).blocks
    assert all(b.kind == "paragraph" for b in blocks)
    assert [row[0] for row in frame] == [b.text for b in blocks][len(BEFORE):len(BEFORE) + 2]


@pytest.mark.parametrize("raw, text", [("序\n号", "序号"), ("完成校舍隐患排查，建立问题清\n单", "完成校舍隐患排查，建立问题清单"),
                                       ("report every\nweek", "report every week"), ("市 教育局\n\n", "市教育局")])
def test_pdf_tables_cell_text_joins_wrapped_lines(raw, text):
    assert cell_text(raw) == text


def test_pdf_tables_task_table_becomes_checklist_tasks():
    from pipeline.checklist import build_checklist

    doc = read_bytes(_pdf(TABLE), name="notice.pdf")
    texts = [item.text for item in build_checklist([doc]).items]
    for row in TABLE[1:]:
        assert any(row[1] in text for text in texts), row[1]


def _grid_pdf_with_autospaced_cells(size: float = 16) -> bytes:
    """A ruled 2x3 grid whose cells hold Han text next to digits with Word's ~0.2 em gap (no space glyph)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    page = canvas.Canvas(buf, invariant=1)
    xs, ys = (60, 300, 420, 540), (700, 670, 640)
    for x in xs:
        page.line(x, ys[-1], x, ys[0])
    for y in ys:
        page.line(xs[0], y, xs[-1], y)
    rows = [[("工作任务",), ("牵头单位",), ("完成时限",)], [("开展排查",), ("县林业局",), ("11", "月底前")]]
    for r, row in enumerate(rows):
        for c, runs in enumerate(row):
            x = xs[c] + 4
            for k, run in enumerate(runs):
                font = "Times-Roman" if run[0].isascii() else "STSong-Light"
                x += 0.2 * size if k else 0          # the gap Word leaves between a digit and a Han character
                page.setFont(font, size)
                page.drawString(x, ys[r] - 22, run)
                x += pdfmetrics.stringWidth(run, font, size)
    page.showPage()
    page.save()
    return buf.getvalue()


@pytest.mark.parametrize("fast", ["1", "0"], ids=["pdfium", "pdfplumber"])
def test_pdf_tables_cell_digit_han_gap_is_no_space(monkeypatch, fast):
    """QA9 M2: a LibreOffice PDF's 完成时限 cell read "11 月底前" (pdfplumber's plain word splitting), so
    the checklist kept it raw instead of a due date; cells are split as the paragraphs are (pdf_words)."""
    monkeypatch.setenv("DUBAN_PDFIUM", fast)
    cells = [b.text for b in extract(_grid_pdf_with_autospaced_cells(), name="t.pdf", limits=DEFAULT_LIMITS).blocks
             if b.kind == "table_cell"]
    assert cells == ["工作任务", "牵头单位", "完成时限", "开展排查", "县林业局", "11月底前"]
