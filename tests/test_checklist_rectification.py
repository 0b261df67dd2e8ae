"""Checklist: a notice's 问题整改清单 (问题 | 整改措施 | 责任单位 | 整改时限 | 整改状态) gives one task per
problem (``checklist_tables``, ``checklist_text_tables``; QA10 N1).

Fixtures are generated here: a python-docx table, an HTML table, tab-separated text lines.
"""
from __future__ import annotations

import io

import pytest

from pipeline.checklist import build_checklist
from pipeline.extract import read_bytes

TITLE = "江州市人民政府办公室关于抓紧做好生态环境保护督察反馈问题整改工作的通知"
BEFORE = ["各区人民政府，市政府各有关部门：", "现将有关事项通知如下。",
          "一、总体要求", "坚持问题导向，以钉钉子精神抓好反馈问题整改，确保件件有着落、事事有回音。",
          "二、问题整改清单", "各责任单位要对照下表逐项抓好整改，整改完成一项、销号一项。"]
AFTER = ["三、工作要求", "（一）压实整改责任。各区要亲自研究部署，逐项制定整改方案。",
         "（二）严格整改销号。市生态环境局要建立整改销号制度，对已完成整改的问题组织验收。",
         "江州市人民政府办公室", "2026年1月15日"]
HEADER = ["序号", "问题", "整改措施", "责任单位", "整改时限", "整改状态"]
ROWS = [["1", "东湖区化工园区污水处理厂超标排放", "完成提标改造，安装在线监测设备", "东湖区人民政府、市生态环境局",
         "2026年6月30日前", "整改中"],
        ["2", "西山区餐厨垃圾处理厂臭气扰民", "加装除臭设施，开展第三方监测", "西山区人民政府", "2026年3月底前", "已完成"],
        ["3", "建筑工地扬尘管控不到位", "落实“六个百分之百”，安装视频监控", "市住房和城乡建设局", "立行立改、长期坚持", "未启动"]]
EXPECTED = [  # (id, title, text, actor, deadline)
    ("2.1", "东湖区化工园区污水处理厂超标排放", "问题：东湖区化工园区污水处理厂超标排放；整改措施：完成提标改造，安装在线监测设备",
     "东湖区人民政府、市生态环境局", "2026-06-30前"),
    ("2.2", "西山区餐厨垃圾处理厂臭气扰民", "问题：西山区餐厨垃圾处理厂臭气扰民；整改措施：加装除臭设施，开展第三方监测",
     "西山区人民政府", "2026-03-31前"),
    ("2.3", "建筑工地扬尘管控不到位", "问题：建筑工地扬尘管控不到位；整改措施：落实“六个百分之百”，安装视频监控",
     "市住房和城乡建设局", "立行立改、长期坚持"),
]


def notice(rows, fmt: str) -> bytes:
    """The notice with ``rows`` (header first) as a Word table, an HTML table or tab-separated lines."""
    if fmt == "docx":
        import docx

        document = docx.Document()
        for text in [TITLE, *BEFORE]:
            document.add_paragraph(text)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        for text in AFTER:
            document.add_paragraph(text)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    if fmt == "html":
        head = "".join(f"<th>{t}</th>" for t in rows[0])
        body = "".join("<tr>" + "".join(f"<td>{t}</td>" for t in row) + "</tr>" for row in rows[1:])
        paragraphs = "".join(f"<p>{t}</p>" for t in BEFORE)
        tail = "".join(f"<p>{t}</p>" for t in AFTER)
        return (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>{paragraphs}"
                f"<table border='1'><tr>{head}</tr>{body}</table>{tail}</body></html>").encode("utf-8")
    lines = [TITLE, *BEFORE, *("\t".join(cell for cell in row if cell) for row in rows), *AFTER]
    return ("\n".join(lines) + "\n").encode("utf-8")


def checklist_of(data: bytes, fmt: str):
    doc = read_bytes(data, name=f"notice.{fmt}")
    assert doc.status.is_ok, (doc.status, doc.message)
    return build_checklist([doc]).items


@pytest.mark.parametrize("status", ["filled", "empty"])
@pytest.mark.parametrize("fmt", ["docx", "html", "txt"])
def test_checklist_rectification_list_rows_are_tasks(fmt, status):
    """Each problem is a task: 问题 and 整改措施 labelled as the task, 责任单位 as actor, 整改时限 as the
    deadline (kept as written when no date: 立行立改、长期坚持). The office's 整改状态 (整改中/已完成/未启动)
    does not make the list a report; it seeds the row's 落实情况."""
    rows = [HEADER, *(row if status == "filled" else [*row[:-1], ""] for row in ROWS)]
    items = checklist_of(notice(rows, fmt), fmt)
    got = [(i.id, i.title, i.text, i.actor, i.deadline) for i in items if i.id.startswith("2.")]
    assert got == EXPECTED
    assert [i.progress for i in items if i.id.startswith("2.")] == (
        ["整改中", "已完成", "未启动"] if status == "filled" else ["", "", ""])
    heading = next(i for i in items if i.id == "2")
    assert heading.kind == "group" and "东湖区" not in heading.text      # the .txt table is no longer glued to it
    assert [i.id for i in items if i.id.startswith("3.")] == ["3.1", "3.2"]


@pytest.mark.parametrize("fmt", ["docx", "html", "txt"])
def test_checklist_rectification_list_answered_in_sentences_is_a_report(fmt):
    """The same columns with 整改情况 written out as work done is a unit's 整改台账, not an assignment."""
    answers = ["已完成提标改造，安装在线监测设备4套，出水稳定达标", "已加装除臭设施2套，第三方监测达标",
               "全市216个在建工地全部落实要求，安装视频监控216套"]
    rows = [[*HEADER[:-1], "整改情况"], *([*row[:-1], answer] for row, answer in zip(ROWS, answers))]
    items = checklist_of(notice(rows, fmt), fmt)
    assert not [i for i in items if "#table" in i.node_id]


@pytest.mark.parametrize("fmt", ["docx", "html", "txt"])
def test_checklist_rectification_list_needs_a_body_to_do_it(fmt):
    """问题 | 原因分析 | 整改措施 assigns nobody: a problem analysis, no task table."""
    rows = [["序号", "存在问题", "原因分析", "整改措施"],
            ["1", "污水处理厂超标排放", "设施老化", "完成提标改造"],
            ["2", "餐厨垃圾处理厂臭气扰民", "除臭设施缺失", "加装除臭设施"]]
    items = checklist_of(notice(rows, fmt), fmt)
    assert not [i for i in items if "#table" in i.node_id]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_checklist_rectification_list_with_a_task_column_labels_both(fmt):
    """反馈问题 | 整改任务 | 责任单位 | 完成时限: the problem names the row (what gets 销号), both are its text;
    two problem columns each keep their header."""
    rows = [["序号", "反馈问题", "整改任务", "责任单位", "完成时限"],
            ["1", "污水处理厂超标排放", "完成提标改造", "东湖区人民政府", "2026年6月30日"]]
    items = checklist_of(notice(rows, fmt), fmt)
    got = [(i.title, i.text, i.actor, i.deadline) for i in items if "#table" in i.node_id]
    assert got == [("污水处理厂超标排放", "反馈问题：污水处理厂超标排放；整改任务：完成提标改造", "东湖区人民政府", "2026-06-30前")]
    rows = [["序号", "问题类别", "具体问题", "整改措施", "牵头单位", "配合单位", "完成时限"],
            ["1", "水污染", "污水处理厂超标排放", "完成提标改造", "东湖区人民政府", "市生态环境局", "2026年6月30日"]]
    items = checklist_of(notice(rows, fmt), fmt)
    assert [(i.text, i.actor) for i in items if "#table" in i.node_id] == [
        ("问题类别：水污染；具体问题：污水处理厂超标排放；整改措施：完成提标改造", "东湖区人民政府（牵头）、市生态环境局（配合）")]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_checklist_rectification_problem_merged_over_its_tasks_heads_them(fmt):
    """One 反馈问题 merged down over two 整改任务 rows: a heading named by the problem, each task under it
    with the problem in its text (the second row has no problem cell of its own)."""
    rows = [["序号", "反馈问题", "整改任务", "责任单位", "完成时限"],
            ["1", "污水管网建设滞后", "完成管网建设100公里", "东湖区人民政府", "2026年6月30日前"],
            ["", "", "完成雨污分流改造", "西山区人民政府", "2026年9月30日前"],
            ["2", "餐厨垃圾臭气扰民", "加装除臭设施", "西山区人民政府", "2026年3月底前"]]
    if fmt == "docx":
        import docx

        document = docx.Document()
        for text in [TITLE, *BEFORE]:
            document.add_paragraph(text)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        for column in (0, 1):
            table.cell(1, column).merge(table.cell(2, column)).text = rows[1][column]
        out = io.BytesIO()
        document.save(out)
        data = out.getvalue()
    else:
        head = "".join(f"<th>{t}</th>" for t in rows[0])
        body = ("<tr><td rowspan='2'>1</td><td rowspan='2'>污水管网建设滞后</td><td>完成管网建设100公里</td>"
                "<td>东湖区人民政府</td><td>2026年6月30日前</td></tr><tr><td>完成雨污分流改造</td><td>西山区人民政府</td>"
                "<td>2026年9月30日前</td></tr>" + "<tr>" + "".join(f"<td>{t}</td>" for t in rows[3]) + "</tr>")
        data = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
                + "".join(f"<p>{t}</p>" for t in BEFORE) + f"<table border='1'><tr>{head}</tr>{body}</table>"
                + "".join(f"<p>{t}</p>" for t in AFTER) + "</body></html>").encode("utf-8")
    items = checklist_of(data, fmt)
    got = [(i.id, i.kind, i.title, i.text, i.actor, i.deadline) for i in items if "#table" in i.node_id]
    assert got == [
        ("2.1", "group", "污水管网建设滞后", "污水管网建设滞后", "", ""),
        ("2.1.1", "item", "完成管网建设100公里", "反馈问题：污水管网建设滞后；整改任务：完成管网建设100公里", "东湖区人民政府",
         "2026-06-30前"),
        ("2.1.2", "item", "完成雨污分流改造", "反馈问题：污水管网建设滞后；整改任务：完成雨污分流改造", "西山区人民政府",
         "2026-09-30前"),
        ("2.2", "item", "餐厨垃圾臭气扰民", "反馈问题：餐厨垃圾臭气扰民；整改任务：加装除臭设施", "西山区人民政府",
         "2026-03-31前")]


def _split_row_pdf() -> bytes:
    """The notice as a PDF whose ruled table breaks inside row 2: its 问题 and 整改措施 run on at the top
    of page 2 in a row with no 序号 (drawn by hand: reportlab's Table never splits a row)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    xs = (40, 62, 200, 330, 470, 570)
    pages = [[HEADER[:5], ROWS[0][:5], ["2", "西山区餐厨垃圾处理厂", "加装除臭设施，开展", "西山区人民政府", "2026年3月底前"]],
             [["", "臭气扰民", "第三方监测", "", ""], ROWS[2][:5]]]
    buf = io.BytesIO()
    page = canvas.Canvas(buf, invariant=1)
    for k, rows in enumerate(pages):
        y = 800
        for line in ([TITLE, *BEFORE] if k == 0 else []):
            page.setFont("STSong-Light", 10 if len(line) > 40 else 12)
            page.drawString(50, y, line)
            y -= 22
        top = y if k == 0 else 800
        ys = [top - 24 * r for r in range(len(rows) + 1)]
        for x in xs:
            page.line(x, ys[-1], x, ys[0])
        for y_line in ys:
            page.line(xs[0], y_line, xs[-1], y_line)
        page.setFont("STSong-Light", 7)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                page.drawString(xs[c] + 2, ys[r] - 16, text)
        y = ys[-1] - 30
        for line in (AFTER if k == 1 else []):
            page.setFont("STSong-Light", 12)
            page.drawString(50, y, line)
            y -= 22
        page.showPage()
    page.save()
    return buf.getvalue()


def test_checklist_rectification_list_row_split_by_a_page_break_is_one_task():
    """A PDF table row broken over two pages is one task: the part at the top of page 2 (no 序号) was a
    task "问题：臭气扰民；整改措施：第三方监测" with no body and no deadline."""
    doc = read_bytes(_split_row_pdf(), name="notice.pdf")
    assert {p.page for p in doc.passages if p.kind == "table_cell"} == {1, 2}
    items = [i for i in build_checklist([doc]).items if "#table" in i.node_id]
    assert [(i.title, i.text, i.actor, i.deadline) for i in items] == [row[1:] for row in EXPECTED]


def test_checklist_rectification_empty_problem_column_of_a_task_table_is_no_list():
    """review7 M16: a task table with a 存在问题 column left for units ("无") made every row a 整改清单
    row ("存在问题：无；工作任务：隐患排查；…"); a nil problem cell names no problem."""
    text = ("关于开展森林防火隐患排查的通知\n各乡镇人民政府：\n一、工作任务\n"
            "序号\t工作任务\t具体措施\t责任单位\t完成时限\t存在问题\n"
            "1\t隐患排查\t对林区开展拉网式排查\t各乡镇\t11月底前\t无\n"
            "2\t宣传教育\t发放告知书\t各乡镇\t12月底前\t—\n"
            "二、工作要求\n各乡镇要加强领导。\n青山县人民政府办公室\n2026年11月1日\n")
    items = build_checklist([read_bytes(text.encode(), name="n.txt")]).items
    rows = [i for i in items if i.id.startswith("1.")]
    assert [(i.text, i.title) for i in rows] == [("隐患排查：对林区开展拉网式排查", "隐患排查"),
                                                 ("宣传教育：发放告知书", "宣传教育")]
