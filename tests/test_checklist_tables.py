"""Checklist: a notice's task table (任务分解表) gives one task per data row (``checklist_tables``).

Fixtures are generated here: python-docx tables (merged with ``Cell.merge``), HTML strings, GBK bytes.
"""
from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from pipeline.checklist import build_checklist, load_checklist
from pipeline.checklist_tables import due_date
from pipeline.export.checklist_files import write_checklist
from pipeline.extract import read_bytes
from pipeline.extract.html import html_blocks

TITLE = "关于做好2024年校园安全工作的通知"
OPENING = ["各区、县（市）教育局，市属各学校：", "为切实做好2024年校园安全工作，现就有关事项通知如下："]
FIRST = "一、加强组织领导。各学校要成立校园安全工作领导小组，主要负责人为第一责任人。"
SIGNATURE = ["绍兴市教育局", "2024年3月5日"]


def notice_docx(rows, *, heading="二、明确任务分工。各单位要按照下表抓好落实。", merges=(), before=(FIRST,),
                after=("三、强化督查考核。各地要加强督查，确保各项任务落到实处。",)) -> bytes:
    """A notice: title, opening, ``before`` paragraphs, ``heading``, the table, ``after``, signature.
    ``merges`` are ((row, col), (row, col)) corner pairs merged with python-docx's ``Cell.merge``."""
    import docx

    document = docx.Document()
    for text in [TITLE, *OPENING, *before, *([heading] if heading else [])]:
        document.add_paragraph(text)
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for (r1, c1), (r2, c2) in merges:
        top = table.cell(r1, c1)
        text = top.text
        merged = top.merge(table.cell(r2, c2))
        merged.text = text          # merge joins the cells' paragraphs; keep the first one's text
    for text in [*after, *SIGNATURE]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def notice_html(table_html: str, *, heading="二、明确任务分工。各单位要按照下表抓好落实。") -> str:
    body = "".join(f"<p>{t}</p>" for t in [*OPENING, FIRST, heading] if t)
    tail = "".join(f"<p>{t}</p>" for t in ["三、强化督查考核。各地要加强督查，确保各项任务落到实处。", *SIGNATURE])
    return f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>{body}{table_html}{tail}</body></html>"


def html_table(rows, th=True) -> str:
    def cell(tag, text):
        attrs = ""
        if isinstance(text, tuple):
            text, attrs = text
        return f"<{tag}{attrs}>{text}</{tag}>"

    head = "".join(cell("th" if th else "td", t) for t in rows[0])
    body = "".join("<tr>" + "".join(cell("td", t) for t in row) + "</tr>" for row in rows[1:])
    return f"<table border='1'><tr>{head}</tr>{body}</table>"


def items_of(data: bytes, name: str):
    doc = read_bytes(data, name=name)
    assert doc.status.is_ok, (doc.status, doc.message)
    return build_checklist([doc]).items


def rows_under(items, parent="2"):
    return [i for i in items if i.id.startswith(parent + ".")]


FOUR = [["序号", "工作任务", "责任单位", "完成时限"],
        ["1", "开展防溺水专题教育", "各学校", "5月底"],
        ["2", "完成校舍安全隐患排查整改", "市教育局基建处", "2024年6月30日"],
        ["3", "落实中小学校陪餐制度", "各县（市、区）教育局", "长期坚持"]]
FOUR_EXPECTED = [  # (id, marker, title, actor, deadline, deadline_kind)
    ("2.1", "1", "开展防溺水专题教育", "各学校", "2024-05-31前", "date"),
    ("2.2", "2", "完成校舍安全隐患排查整改", "市教育局基建处", "2024-06-30前", "date"),
    ("2.3", "3", "落实中小学校陪餐制度", "各县（市、区）教育局", "长期坚持", "ongoing"),
]


def _check_rows(items, expected):
    rows = rows_under(items)
    assert [(i.id, i.path[-1], i.title, i.actor, i.deadline, i.deadline_kind) for i in rows] == expected
    assert all(i.kind == "item" and i.label == "requirement" and i.level == 2 for i in rows)
    assert all(i.path[0] == "二、" and i.section.startswith("二、明确任务分工") for i in rows)
    group = next(i for i in items if i.id == "2")
    assert group.kind == "group" and "防溺水" not in group.text      # the cells are the rows', not the heading's
    assert [i.id for i in items if "." not in i.id] == ["1", "2", "3"]


@pytest.mark.parametrize("fmt", ["docx", "html", "html_gbk"])
def test_checklist_tables_rows_become_tasks_under_their_heading(fmt):
    if fmt == "docx":
        items = items_of(notice_docx(FOUR), "notice.docx")
    else:
        page = notice_html(html_table(FOUR))
        data = page.replace("<head>", "<head><meta charset='gbk'>").encode("gbk") if fmt == "html_gbk" \
            else page.encode("utf-8")
        items = items_of(data, "notice.html")
    _check_rows(items, FOUR_EXPECTED)


def test_checklist_tables_html_notice_inside_a_layout_table():
    """An old site's page: navigation and the notice side by side in an outer table."""
    page = notice_html(html_table(FOUR))
    inner = page[page.index("<body>") + 6:page.index("</body>")]
    layout = (f"<html><head><title>{TITLE}</title></head><body><table width='100%'><tr><td width='200'>"
              f"<a href='/'>首页</a></td><td>{inner}</td></tr></table></body></html>")
    _check_rows(items_of(layout.encode("utf-8"), "n.html"), FOUR_EXPECTED)


@pytest.mark.parametrize("header_row", [0, 1])
@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_checklist_tables_header_in_row_one_or_two(fmt, header_row):
    """A title row merged across the table may sit above the header."""
    rows = [list(r) for r in FOUR]
    merges = ()
    if header_row:
        rows.insert(0, ["2024年校园安全工作任务分解表", "", "", ""])
        merges = (((0, 0), (0, 3)),)
    if fmt == "docx":
        items = items_of(notice_docx(rows, merges=merges), "n.docx")
    else:
        table = html_table(FOUR)
        if header_row:
            table = table.replace("<tr>", "<tr><td colspan='4'>2024年校园安全工作任务分解表</td></tr><tr>", 1)
        items = items_of(notice_html(table).encode(), "n.html")
    _check_rows(items, FOUR_EXPECTED)


@pytest.mark.parametrize("rows, expected", [
    # 2 columns: no 责任单位/时限 column; the actor and the deadline come from the task's own words
    ([["序号", "重点任务"], ["1", "各学校要在4月底前完成应急疏散演练"], ["2", "开展交通安全宣传"]],
     [("2.1", "各学校要在4月底前完成应急疏散演练", "各学校", "2024-04-30前"), ("2.2", "开展交通安全宣传", "", "")]),
    # 3 columns, no 序号
    ([["工作内容", "责任单位", "完成时间"], ["开展防溺水专题教育", "各学校", "2024.5.31"],
      ["开展消防安全检查", "市消防支队", "9月中旬"]],
     [("2.1", "开展防溺水专题教育", "各学校", "2024-05-31前"), ("2.2", "开展消防安全检查", "市消防支队", "2024-09-20前")]),
    # 5 columns: 具体措施 joins the task; 牵头/配合 columns combined with their roles
    ([["序号", "主要任务", "具体措施", "牵头单位", "配合单位"],
      ["1", "强化食品安全", "落实陪餐制度，完成明厨亮灶改造。", "市教育局", "市市场监管局"]],
     [("2.1", "强化食品安全：落实陪餐制度，完成明厨亮灶改造。", "市教育局（牵头）、市市场监管局（配合）", "")]),
])
def test_checklist_tables_columns_two_to_five(rows, expected):
    items = items_of(notice_docx(rows), "n.docx")
    assert [(i.id, i.text, i.actor, i.deadline) for i in rows_under(items)] == expected


def test_checklist_tables_header_notes_in_brackets():
    rows = [["序号", "工作任务（具体内容见附件）", "责任单位（排第一位的为牵头单位）", "完成时限"], ["1", "开展防溺水专题教育", "各学校", "5月底"]]
    items = items_of(notice_docx(rows), "n.docx")
    assert [(i.id, i.text, i.actor, i.deadline) for i in rows_under(items)] == [
        ("2.1", "开展防溺水专题教育", "各学校", "2024-05-31前")]


def test_checklist_tables_start_and_end_columns_the_due_date_is_the_end():
    rows = [["序号", "工作任务", "开始时间", "完成时间"], ["1", "开展防溺水专题教育", "2024年4月1日", "2024年5月31日"]]
    items = items_of(notice_docx(rows), "n.docx")
    assert [(i.id, i.deadline, i.deadline_text) for i in rows_under(items)] == [("2.1", "2024-05-31前", "2024年5月31日")]


def test_checklist_tables_lead_and_support_under_a_spanned_header():
    """责任单位 spanning two columns, with 牵头 | 配合 in the row below it."""
    table = ("<table><tr><th rowspan='2'>序号</th><th rowspan='2'>工作任务</th><th colspan='2'>责任单位</th>"
             "<th rowspan='2'>完成时限</th></tr><tr><th>牵头</th><th>配合</th></tr>"
             "<tr><td>1</td><td>开展校园欺凌专项治理</td><td>市教育局</td><td>市公安局、团市委</td><td>6月底前</td></tr>"
             "</table>")
    items = items_of(notice_html(table).encode(), "n.html")
    assert [(i.id, i.text, i.actor, i.deadline) for i in rows_under(items)] == [
        ("2.1", "开展校园欺凌专项治理", "市教育局（牵头）、市公安局、团市委（配合）", "2024-06-30前")]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_checklist_tables_merged_cells_apply_to_every_row_they_span(fmt):
    """One 责任单位 and one 完成时限 merged down over two tasks; a task merged down over two measures."""
    rows = [["序号", "工作任务", "具体措施", "责任单位", "完成时限"],
            ["1", "开展安全教育", "开展防溺水专题教育。", "各学校", "5月底前"],
            ["2", "", "开展交通安全宣传。", "", ""],
            ["3", "排查校舍隐患", "完成校舍安全隐患排查。", "市教育局", "6月底前"]]
    if fmt == "docx":
        data, name = notice_docx(rows, merges=(((1, 1), (2, 1)), ((1, 3), (2, 3)), ((1, 4), (2, 4)))), "n.docx"
    else:
        spans = [list(r) for r in rows]
        spans[1][1], spans[1][3], spans[1][4] = [(t, " rowspan='2'") for t in (rows[1][1], rows[1][3], rows[1][4])]
        spans[2] = ["2", "开展交通安全宣传。"]
        data, name = notice_html(html_table(spans)).encode(), "n.html"
    items = items_of(data, name)
    assert [(i.id, i.text, i.actor, i.deadline) for i in rows_under(items)] == [
        ("2.1", "开展安全教育：开展防溺水专题教育。", "各学校", "2024-05-31前"),
        ("2.2", "开展安全教育：开展交通安全宣传。", "各学校", "2024-05-31前"),
        ("2.3", "排查校舍隐患：完成校舍安全隐患排查。", "市教育局", "2024-06-30前"),
    ]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_checklist_tables_task_merged_with_its_number_heads_its_measures(fmt):
    """QA7 M3: 序号 1 and 重点任务 merged down over two 具体措施 rows are one task of the table: a heading
    numbered as the table numbers it, its measures nested under it (1.1, 1.2), inside a category row."""
    rows = [["序号", "重点任务", "具体措施", "责任单位", "完成时限"],
            ["一、减负提质", "", "", "", ""],
            ["1", "提升作业设计质量", "建立校本作业库。", "市教育研究院", "6月底前"],
            ["", "", "开展优秀作业设计评选。", "各学校", "10月底前"],
            ["2", "规范校外培训", "开展专项检查。", "市教育局", "全年"]]
    if fmt == "docx":
        data, name = notice_docx(rows, merges=(((1, 0), (1, 4)), ((2, 0), (3, 0)), ((2, 1), (3, 1)))), "n.docx"
    else:
        spans = [list(r) for r in rows]
        spans[1] = [("一、减负提质", " colspan='5'")]
        spans[2][0], spans[2][1] = ("1", " rowspan='2'"), ("提升作业设计质量", " rowspan='2'")
        spans[3] = ["开展优秀作业设计评选。", "各学校", "10月底前"]
        data, name = notice_html(html_table(spans)).encode(), "n.html"
    items = items_of(data, name)
    assert [(i.id, i.kind, i.title, i.actor) for i in rows_under(items)] == [
        ("2.1", "group", "减负提质", ""),
        ("2.1.1", "group", "提升作业设计质量", ""),
        ("2.1.1.1", "item", "建立校本作业库", "市教育研究院"),
        ("2.1.1.2", "item", "开展优秀作业设计评选", "各学校"),
        ("2.1.2", "item", "规范校外培训", "市教育局"),
    ]
    group = next(i for i in items if i.id == "2.1.1")
    assert group.path[-1] == "1" and group.deadline == "" and group.node_id.endswith(":group")
    from pipeline.export.checklist_files import checklist_markdown

    assert "1.提升作业设计质量" in checklist_markdown(build_checklist([read_bytes(data, name=name)]))


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_checklist_tables_merged_lead_column_carries_only_itself(fmt):
    """A 牵头单位 merged over two rows gives the second row its 牵头; that row's blank 配合单位 stays
    blank (the whole 责任单位 of the first row used to be carried, 配合 included)."""
    rows = [["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "开展防溺水专题教育", "市教育局德育处", "各区县教育局", "5月底前"],
            ["2", "开展交通安全宣传", "", "", "6月底前"]]
    if fmt == "docx":
        data, name = notice_docx(rows, merges=(((1, 2), (2, 2)),)), "n.docx"
    else:
        spans = [list(r) for r in rows]
        spans[1][2] = ("市教育局德育处", " rowspan='2'")
        spans[2] = ["2", "开展交通安全宣传", "", "6月底前"]
        data, name = notice_html(html_table(spans)).encode(), "n.html"
    assert [i.actor for i in rows_under(items_of(data, name))] == [
        "市教育局德育处（牵头）、各区县教育局（配合）", "市教育局德育处（牵头）"]


def test_checklist_tables_empty_cells():
    """A row with an empty 完成时限 in the first data row has none; an empty row is no task; a row with
    no task cell and nothing to continue is skipped."""
    rows = [["序号", "工作任务", "责任单位", "完成时限"],
            ["1", "", "", ""],
            ["2", "开展防溺水专题教育", "各学校", ""],
            ["", "", "", ""],
            ["3", "开展消防安全检查", "", "9月底前"]]
    items = items_of(notice_docx(rows), "n.docx")
    assert [(i.id, i.path[-1], i.title, i.actor, i.deadline) for i in rows_under(items)] == [
        ("2.1", "2", "开展防溺水专题教育", "各学校", ""),
        # a blank 责任单位 stays blank: the reader says it is no merged continuation
        ("2.2", "3", "开展消防安全检查", "", "2024-09-30前"),
    ]


@pytest.mark.parametrize("rows", [
    [["项目", "2023年", "2024年", "增长"], ["在校生（万人）", "12.5", "13.1", "4.8%"], ["专任教师（人）", "9800", "10020", "2.2%"]],
    [["序号", "项目", "数量", "金额（万元）"], ["1", "校舍改造", "12", "3400"], ["2", "设备采购", "30", "560"]],
    [["单位", "联系人", "电话"], ["市教育局安全处", "张三", "0575-1234567"], ["市公安局", "李四", "0575-7654321"]],
    [["序号", "工作任务", "落实情况"], ["1", "开展防溺水专题教育", "已开展专题班会120场。"],
     ["2", "排查校舍隐患", "完成排查并整改隐患15处。"]],      # a filled-in form reports work done
    [["序号", "工作任务", "责任单位"], ["1", "12", "3"], ["2", "30", "5"]],    # figures in the task column
])
def test_checklist_tables_other_tables_are_left_alone(rows):
    """Statistics, a contact list, a filled-in form: the checklist is what it is without the table."""
    with_table = items_of(notice_docx(rows), "n.docx")
    without = items_of(notice_docx([["甲"], ["乙"]]), "n.docx")      # one column: read as paragraphs
    assert not rows_under(with_table)
    assert [(i.id, i.title, i.kind) for i in with_table] == [(i.id, i.title, i.kind) for i in without]


def test_checklist_tables_category_rows_nest_their_tasks():
    rows = [["序号", "工作任务", "责任单位", "完成时限"],
            ["一、安全教育", "", "", ""],
            ["1", "开展防溺水专题教育", "各学校", "5月底前"],
            ["2", "开展交通安全宣传", "市交警支队", "6月底前"],
            ["二、隐患排查", "", "", ""],
            ["3", "排查校舍隐患", "", "9月底前"]]
    items = items_of(notice_docx(rows, merges=(((1, 0), (1, 3)), ((4, 0), (4, 3)))), "n.docx")
    assert [(i.id, i.kind, i.title, i.actor) for i in rows_under(items)] == [
        ("2.1", "group", "安全教育", ""), ("2.1.1", "item", "开展防溺水专题教育", "各学校"),
        ("2.1.2", "item", "开展交通安全宣传", "市交警支队"), ("2.2", "group", "隐患排查", ""),
        ("2.2.1", "item", "排查校舍隐患", ""),      # nothing carried across a category row
    ]
    assert [i.path for i in rows_under(items) if i.kind == "group"] == [("二、", "一、"), ("二、", "二、")]


@pytest.mark.parametrize("category, heading", [("一、安全教育", "一、安全教育"), ("安全教育", "2.1　安全教育")])
def test_checklist_tables_category_heads_its_rows_in_the_drafts(category, heading):
    from pipeline.export.checklist_files import checklist_markdown

    rows = [["序号", "工作任务", "责任单位"], [category, "", ""], ["1", "开展防溺水专题教育", "各学校"]]
    doc = read_bytes(notice_docx(rows, merges=(((1, 0), (1, 2)),)), name="n.docx")
    md = checklist_markdown(build_checklist([doc]))
    assert f"### {heading}\n- [ ] **2.1.1** 开展防溺水专题教育（各学校）" in md


@pytest.mark.parametrize("heading, label", [
    ("二、职责分工。", "duty"), ("二、明确任务分工。各单位要按照下表抓好落实。", "requirement")])
def test_checklist_tables_label_is_duty_only_when_the_heading_says_so(heading, label):
    items = items_of(notice_docx(FOUR, heading=heading), "n.docx")
    assert {i.label for i in rows_under(items)} == {label}


@pytest.mark.parametrize("caption, header, label", [
    ("附件：各单位职责分工表", "工作任务", "duty"), ("", "主要职责", "duty"), ("附件：任务分解表", "工作任务", "requirement")])
def test_checklist_tables_label_from_the_caption_or_the_task_column(caption, header, label):
    rows = [["序号", header, "责任单位"], ["1", "负责全市校园安全工作的统筹协调", "市教育局"]]
    heading = "二、明确任务分工。各单位要按照下表抓好落实。" + (f"\n{caption}" if caption else "")
    items = items_of(notice_docx(rows, heading=heading), "n.docx")
    assert [(i.id, i.label, i.actor) for i in rows_under(items)] == [("2.1", label, "市教育局")]


@pytest.mark.parametrize("inside", [False, True])
def test_checklist_tables_ids_continue_the_headings_numbering(inside):
    """The heading's own items keep their ordinals and the rows number on after them, wherever the
    table stands under it; a table inside a sub-item ("（二）…见下表：") nests under that sub-item."""
    subitems = ("（一）各学校要在3月底前完成自查。", "（二）各县（市、区）教育局要加强指导，具体任务见下表：")
    table = [list(r) for r in FOUR]
    if inside:
        items = items_of(notice_docx(table, heading="", before=(FIRST, "二、明确任务分工。", *subitems)), "n.docx")
        expected = ["2.1", "2.2", "2.2.1", "2.2.2", "2.2.3"]
    else:
        items = items_of(notice_docx(table, heading="二、明确任务分工。各单位要按照下表抓好落实。", after=(
            *subitems[:1], "（二）各县（市、区）教育局要加强指导。", "三、强化督查考核。各地要加强督查，确保各项任务落到实处。")),
            "n.docx")
        expected = ["2.1", "2.2", "2.3", "2.4", "2.5"]
    got = rows_under(items)
    assert [i.id for i in got] == expected
    assert [i.title for i in got][2:] == [t[2] for t in FOUR_EXPECTED]
    assert [i.path[-1] for i in got][:2] == ["（一）", "（二）"]
    assert [i.id for i in items if "." not in i.id] == ["1", "2", "3"]


def test_checklist_tables_a_table_outside_any_heading():
    """A notice that is a title, an opening line and the table: top-level tasks 1, 2, 3."""
    items = items_of(notice_docx(FOUR, heading="", before=(), after=()), "n.docx")
    assert [(i.id, i.path, i.title) for i in items] == [(t[0][2:], (t[1],), t[2]) for t in FOUR_EXPECTED]


def test_checklist_tables_html_rowspan_keeps_the_columns():
    """A cell a rowspan covers takes no place in the rows below: the next cell keeps its own column."""
    table = html_table([["序号", "工作内容", "责任单位", "完成时间"], ["1", "甲", ("市教育局", " rowspan='2'"), "5月底"],
                        ["2", "乙", "6月底"]])
    places = [(b.text, b.cell) for b in html_blocks(table) if b.kind == "table_cell"]
    assert places[-3:] == [("2", (0, 2, 0, 1)), ("乙", (0, 2, 1, 1)), ("6月底", (0, 2, 3, 1))]
    assert ("市教育局", (0, 1, 2, 2)) in places       # the rowspan cell says it covers two rows


@pytest.mark.parametrize("cell, value, kind", [
    ("5月底", "2024-05-31前", "date"), ("5月底前", "2024-05-31前", "date"), ("2024年6月30日", "2024-06-30前", "date"),
    ("2024-06-30", "2024-06-30前", "date"), ("2024年12月", "2024-12-31前", "date"), ("2月底", "2月底前", "date"),
    ("长期坚持", "长期坚持", "ongoing"), ("每季度", "每季度", "frequency"), ("持续推进", "持续推进", ""),
])
def test_checklist_tables_due_date_of_a_time_limit_cell(cell, value, kind):
    found = due_date(cell, "2024-03-05")
    assert (found.value, found.kind, found.text) == (value, kind, cell)


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "csv", "json"])
def test_checklist_tables_files_round_trip(tmp_path, suffix):
    doc = read_bytes(notice_docx(FOUR), name="notice.docx")
    checklist = build_checklist([doc])
    write_checklist(checklist, tmp_path)
    back = load_checklist(tmp_path / f"checklist.{suffix}")
    fields = ("id", "text", "title", "actor", "deadline", "kind") + (("path", "label") if suffix != "docx" else ())
    assert [tuple(getattr(i, f) for f in fields) for i in back.items] == \
        [tuple(getattr(i, f) for f in fields) for i in checklist.items]
    md = (tmp_path / "checklist.md").read_text(encoding="utf-8")
    assert "- [ ] **2.1** 开展防溺水专题教育（各学校，2024-05-31前）" in md


def test_checklist_tables_rows_are_gap_references():
    """A report answering one row covers that row; a row it never mentions is missing."""
    from pipeline import gaps

    notice = read_bytes(notice_docx(FOUR), name="notice.docx")
    report = read_bytes("\n".join([
        "绍兴市第一中学关于校园安全工作落实情况的报告", "市教育局：",
        "一、组织领导。我校成立了校园安全工作领导小组，校长为第一责任人。",
        "二、防溺水专题教育。5月我校开展防溺水专题教育，各班召开主题班会，签订安全承诺书1200份。",
        "绍兴市第一中学", "2024年6月1日"]).encode("utf-8"), name="report.txt")
    table = gaps(notice, [report])
    status = {r.item_id: r.status for r in table.rows}
    assert status["2.1"] in ("covered", "partial")
    assert status["2.3"] in ("missing", "not_applicable")
    assert "2" not in status        # the heading is a group: its rows are assessed


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_checklist_tables_odt_reads_like_docx(tmp_path):
    """The notice saved as .odt by LibreOffice (read through its .docx conversion): the same tasks."""
    source = tmp_path / "notice.docx"
    source.write_bytes(notice_docx(FOUR, merges=()))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    _check_rows(items_of((tmp_path / "notice.odt").read_bytes(), "notice.odt"), FOUR_EXPECTED)


def test_checklist_tables_notice_file_as_reference_reads_like_duban_checklist(tmp_path):
    """A notice .docx whose table has 序号 | 工作任务 is a speech to ``load_reference`` (its headings and
    rows, as ``duban checklist`` drafts them); a Word file that is only a title and such a table is a
    ledger made by hand (its 序号 kept as ids)."""
    from pipeline.checklist import load_reference

    notice = tmp_path / "notice.docx"
    notice.write_bytes(notice_docx(FOUR))
    drafted = build_checklist([notice])
    assert [i.id for i in load_reference(notice).items] == [i.id for i in drafted.items] == \
        ["1", "2", "2.1", "2.2", "2.3", "3"]
    ledger = tmp_path / "ledger.docx"
    ledger.write_bytes(notice_docx([["序号", "任务要求", "责任主体", "完成时限"], ["1.1", "开展防溺水专题教育", "各学校", "5月底"],
                                    ["1.2", "排查校舍隐患", "市教育局", "6月底"]], heading="", before=(), after=()))
    assert [(i.id, i.actor, i.deadline) for i in load_reference(ledger).items] == [
        ("1.1", "各学校", "5月底"), ("1.2", "市教育局", "6月底")]


def test_checklist_tables_our_own_ledger_is_no_task_table(tmp_path):
    """A 任务清单 duban wrote, read as a speech: its 任务台账 restates the ☐ tasks, it adds none."""
    write_checklist(build_checklist([read_bytes(notice_docx(FOUR), name="notice.docx")]), tmp_path)
    again = build_checklist([tmp_path / "checklist.docx"])
    assert again.items and not [i for i in again.items if "#table" in i.node_id]


def notice_txt(table_lines, sep="\t") -> bytes:
    lines = [TITLE, *OPENING, FIRST, "二、明确任务分工。各单位要按照下表抓好落实。",
             *(sep.join(cells) for cells in table_lines), "三、强化督查考核。各地要加强督查，确保各项任务落到实处。", *SIGNATURE]
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("sep", ["\t", "    ", "\u3000\u3000"])
def test_checklist_tables_aligned_text_columns(sep):
    """A .txt notice with the table typed as aligned columns: the same tasks as from Word."""
    _check_rows(items_of(notice_txt(FOUR, sep), "notice.txt"), FOUR_EXPECTED)


def test_checklist_tables_aligned_text_ends_at_a_line_of_other_shape():
    rows = [*FOUR[:3], ["3", "落实中小学校", "陪餐制度", "各县（市、区）教育局", "长期坚持"]]    # a space inside the task
    items = items_of(notice_txt(rows, "  "), "notice.txt")
    assert [i.title for i in items if "#table" in i.node_id] == [t[2] for t in FOUR_EXPECTED[:2]]
    assert not [i for i in items if "#table" in i.node_id and "陪餐" in i.text]    # the odd line is no row


def test_checklist_tables_aligned_text_needs_a_task_header():
    """Figures in columns (项目 2023年 2024年) are no task table: the checklist is unchanged."""
    stats = [["项目", "2023年", "2024年"], ["在校生", "12.5万", "13.1万"], ["专任教师", "9800人", "10020人"]]
    items = items_of(notice_txt(stats), "notice.txt")
    assert not [i for i in items if "#table" in i.node_id]


@pytest.mark.parametrize("fmt", ["docx", "html", "txt"])
def test_checklist_tables_repeated_header_row_is_no_task(fmt):
    """A table split over pages (or pasted from a PDF) repeats its header: that row is no task (review6 B3)."""
    rows = [*FOUR[:3], FOUR[0], FOUR[3]]
    if fmt == "docx":
        items = items_of(notice_docx(rows), "n.docx")
    elif fmt == "html":
        items = items_of(notice_html(html_table(rows)).encode(), "n.html")
    else:
        items = items_of(notice_txt(rows, "\u3000"), "n.txt")
    _check_rows(items, FOUR_EXPECTED)


NOTE_ONLY = [["序号", "工作任务", "责任单位", "完成时限", "备注"],
             ["1", "开展防溺水专题教育", "各学校", "5月底", ""],
             ["", "", "", "", "另行通知"],
             ["2", "完成校舍安全隐患排查整改", "市教育局基建处", "2024年6月30日", ""]]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_checklist_tables_row_with_only_a_note_copies_no_task(fmt):
    """A row holding only a 备注 cell is no second copy of the task above (review6 B4)."""
    if fmt == "docx":
        items = items_of(notice_docx(NOTE_ONLY), "n.docx")
    else:
        items = items_of(notice_html(html_table(NOTE_ONLY)).encode(), "n.html")
    assert [(i.id, i.title, i.actor) for i in rows_under(items)] == [
        ("2.1", "开展防溺水专题教育", "各学校"), ("2.2", "完成校舍安全隐患排查整改", "市教育局基建处")]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_checklist_tables_last_category_row_with_nothing_under_it_is_no_task(fmt):
    """"二、隐患排查" closing the table heads no rows: it is no task (review6 B7)."""
    rows = [["序号", "工作任务", "责任单位", "完成时限"], ["一、安全教育", "", "", ""],
            ["1", "开展防溺水专题教育", "各学校", "5月底前"], ["二、隐患排查", "", "", ""]]
    if fmt == "docx":
        items = items_of(notice_docx(rows, merges=(((1, 0), (1, 3)), ((3, 0), (3, 3)))), "n.docx")
    else:
        spanned = [rows[0], [("一、安全教育", " colspan='4'")], rows[2], [("二、隐患排查", " colspan='4'")]]
        items = items_of(notice_html(html_table(spanned)).encode(), "n.html")
    assert [(i.id, i.kind, i.title) for i in rows_under(items)] == [
        ("2.1", "group", "安全教育"), ("2.1.1", "item", "开展防溺水专题教育")]
    assert not [i for i in items if "隐患排查" in i.text]


@pytest.mark.parametrize("cell, value, kind", [
    # a range is due at its end (review6 B5)
    ("3-6月", "2024-06-30前", "date"), ("3—6月份", "2024-06-30前", "date"), ("6月至8月", "2024-08-31前", "date"),
    ("2024年3月-6月", "2024-06-30前", "date"), ("2024年10月-12月", "2024-12-31前", "date"),
    ("2024年3月至2025年6月", "2025-06-30前", "date"), ("3月1日-6月30日", "2024-06-30前", "date"),
    ("3月1日-15日", "2024-03-15前", "date"), ("4月至6月底", "2024-06-30前", "date"),
    ("即日起至6月底", "2024-06-30前", "date"), ("2024.3-2024.6", "2024-06-30前", "date"),
    # an ISO date's hyphens separate no range
    ("2024-6-30", "2024-06-30前", "date"), ("2024-06", "2024-06-30前", "date"),
    # a start or a duration sets no due date: kept as written
    ("9月1日起", "9月1日起", ""), ("9月起", "9月起", ""), ("9月1日开始", "9月1日开始", ""),
    ("1.5年内", "1.5年内", ""), ("一年内", "一年内", ""), ("3个月内", "3个月内", ""),
])
def test_checklist_tables_due_date_of_a_range_start_or_duration(cell, value, kind):
    found = due_date(cell, "2024-03-05")
    assert (found.value, found.kind, found.text) == (value, kind, cell)


@pytest.mark.parametrize("fmt", ["docx", "html", "txt"])
def test_checklist_tables_range_cell_is_due_at_its_end(fmt):
    rows = [["序号", "工作任务", "责任单位", "完成时限"], ["1", "开展防溺水专题教育", "各学校", "3-6月"],
            ["2", "完善安全制度", "市教育局", "9月1日起"]]
    if fmt == "docx":
        items = items_of(notice_docx(rows), "n.docx")
    elif fmt == "html":
        items = items_of(notice_html(html_table(rows)).encode(), "n.html")
    else:
        items = items_of(notice_txt(rows), "n.txt")
    assert [(i.id, i.deadline, i.deadline_text, i.deadline_kind) for i in rows_under(items)] == [
        ("2.1", "2024-06-30前", "3-6月", "date"), ("2.2", "9月1日起", "9月1日起", "")]


def _with_spans(doc, spans):
    """``doc`` as a reader that says which rows each cell covers would give it: every table cell's
    place gets a 4th element, the rows it covers (``spans[(row, column)]``, else 1)."""
    from dataclasses import replace

    passages = tuple(replace(p, cell=(*p.cell[:3], spans.get(p.cell[1:3], 1))) if p.kind == "table_cell" else p
                     for p in doc.passages)
    return replace(doc, passages=passages)


BLANKS = [["序号", "工作任务", "具体措施", "责任单位", "完成时限"],
          ["1", "开展安全教育", "开展防溺水专题教育。", "各学校", "5月底前"],
          ["2", "", "开展交通安全宣传。", "", ""],
          ["3", "排查校舍隐患", "完成校舍安全隐患排查。", "", "6月底前"],
          ["4", "完善应急预案", "修订应急预案。", "市教育局", ""]]


@pytest.mark.parametrize("fmt", ["docx", "html"])
@pytest.mark.parametrize("merged, expected", [
    # the task, 责任单位 and 时限 of row 1 merged down over row 2: row 2 reads them
    ({(1, 1): 2, (1, 3): 2, (1, 4): 2}, [("开展安全教育：开展交通安全宣传。", "各学校", "2024-05-31前"),
                                         ("排查校舍隐患：完成校舍安全隐患排查。", "", "2024-06-30前"),
                                         ("完善应急预案：修订应急预案。", "市教育局", "")]),
    # only the task merged down: row 2's blank 责任单位 and 时限 stay blank
    ({(1, 1): 2}, [("开展安全教育：开展交通安全宣传。", "", ""), ("排查校舍隐患：完成校舍安全隐患排查。", "", "2024-06-30前"),
                   ("完善应急预案：修订应急预案。", "市教育局", "")]),
])
def test_checklist_tables_blank_cell_inherits_only_across_a_merge(fmt, merged, expected):
    """With the reader saying which rows a cell covers (4th ``Passage.cell`` element), a blank
    责任单位 or 时限 cell stays blank; only a merged one reads as the cell above (review6 B6)."""
    data = notice_docx(BLANKS) if fmt == "docx" else notice_html(html_table(BLANKS)).encode()
    doc = read_bytes(data, name=f"n.{fmt}")
    items = rows_under(build_checklist([_with_spans(doc, merged)]).items)
    assert [(i.text, i.actor, i.deadline) for i in items][1:] == expected


def test_checklist_tables_repeated_two_row_header_is_no_task():
    """A header of two rows (责任单位 spanning 牵头 | 配合) repeated after a page break: neither row is a task."""
    head = ("<tr><th rowspan='2'>序号</th><th rowspan='2'>工作任务</th><th colspan='2'>责任单位</th>"
            "<th rowspan='2'>完成时限</th></tr><tr><th>牵头</th><th>配合</th></tr>")
    row = "<tr><td>{}</td><td>{}</td><td>市教育局</td><td>市公安局</td><td>6月底前</td></tr>"
    table = f"<table>{head}{row.format(1, '开展校园欺凌专项治理')}{head}{row.format(2, '开展防溺水专题教育')}</table>"
    items = items_of(notice_html(table).encode(), "n.html")
    assert [(i.id, i.title, i.actor) for i in rows_under(items)] == [
        ("2.1", "开展校园欺凌专项治理", "市教育局（牵头）、市公安局（配合）"),
        ("2.2", "开展防溺水专题教育", "市教育局（牵头）、市公安局（配合）")]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_checklist_tables_reader_tells_a_merge_from_a_blank(fmt):
    """End to end: a docx ``w:vMerge`` / HTML ``rowspan`` 责任单位 covers the row below; a blank 时限
    cell in that row stays blank (review6 B6)."""
    rows = [["序号", "工作任务", "责任单位", "完成时限"], ["1", "开展防溺水专题教育", "各学校", "5月底前"],
            ["2", "开展交通安全宣传", "", ""], ["3", "排查校舍隐患", "市教育局", ""]]
    if fmt == "docx":
        data = notice_docx(rows, merges=(((1, 2), (2, 2)),))
    else:
        spans = [list(r) for r in rows]
        spans[1][2] = ("各学校", " rowspan='2'")
        spans[2] = ["2", "开展交通安全宣传", ""]
        data = notice_html(html_table(spans)).encode()
    assert [(i.title, i.actor, i.deadline) for i in rows_under(items_of(data, f"n.{fmt}"))] == [
        ("开展防溺水专题教育", "各学校", "2024-05-31前"), ("开展交通安全宣传", "各学校", ""), ("排查校舍隐患", "市教育局", "")]


def test_checklist_tables_text_table_with_an_empty_cell_and_sections_around_it(tmp_path):
    """QA7 M4 and H1: a tab-separated table whose row 2 leaves 配合单位 empty ended there (1 task of 4),
    and 一、/三、 were outvoted by 二、, whose content is the table; the attachment after 三、 is no task text."""
    from pipeline.checklist import build_checklist

    text = ("关于印发校园安全专项整治行动方案的通知\n一、总体要求\n各学校要落实校长第一责任人制度。\n二、重点任务\n"
            "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
            "1\t开展防溺水专题教育\t市教育局德育处\t各区县教育局\t5月底前\n"
            "2\t开展应急疏散演练\t各学校\t\t每学期\n"
            "3\t完成校舍隐患排查\t市教育局基建处\t各区县教育局\t3月底前\n"
            "三、保障措施\n专项整治工作纳入年度教育督导考核，由市教育督导室负责。\n附件：联系人名单\n"
            "单位\t联系人\t联系电话\n市教育局安监处\t张三\t0575-85123456\n")
    (tmp_path / "notice.txt").write_text(text, encoding="utf-8")
    items = build_checklist([tmp_path / "notice.txt"]).items
    by_title = {i.title: i for i in items}
    assert {"总体要求", "保障措施", "开展防溺水专题教育", "开展应急疏散演练", "完成校舍隐患排查"} <= set(by_title)
    drill = by_title["开展应急疏散演练"]
    assert drill.actor.startswith("各学校") and drill.deadline == "每学期"
    assert "联系人" not in by_title["保障措施"].text


def test_checklist_contact_line_and_table_are_no_task_text(tmp_path):
    """QA8 N2/N3: "联系人：…" and a contact table under the last section made it drop out of the
    checklist (its own requirement outvoted by the table's text), or stayed in the task's text."""
    import docx

    from pipeline.checklist import build_checklist

    document = docx.Document()
    for line in ("关于做好暑期学生安全工作的通知", "一、工作任务", "（一）开展防溺水教育。各学校要在放假前开展一次防溺水专题教育。",
                 "（二）做好家校联系。各学校要向家长发放《致家长的一封信》。", "二、工作要求",
                 "各区县教育局要加强督查，7月底前报送工作总结。", "联系人：安全管理科 陈明，联系电话：0575-87001234。"):
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=3)
    for values in (("单位", "联系人", "联系电话"), ("市教育局安监处", "张三", "0575-85123456")):
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    document.save(tmp_path / "notice.docx")
    items = build_checklist([tmp_path / "notice.docx"]).items
    last = next(i for i in items if i.title == "工作要求")
    assert last.actor == "各区县教育局" and last.deadline == "7月底前"          # no date: as written
    assert not any("联系人" in i.text or "0575" in i.text for i in items)


def test_checklist_tables_actor_cells_dash_and_written_roles(tmp_path):
    """QA7 M2: a "—" in an empty 配合单位 cell became an actor, and "X牵头，Y配合" in one 责任单位 cell
    stayed raw (a school then got 未体现 instead of 不适用)."""
    from pipeline.checklist_tables import _actor
    from pipeline.model import Passage

    def cell(text):
        return [Passage(passage_id=text, doc_id="d", index=0, text=text, start=0, end=len(text), kind="table_cell")]

    assert _actor([("牵头单位", cell("各学校")), ("配合单位", cell("—"))]) == "各学校（牵头）"
    assert _actor([("责任单位", cell("各区县教育局牵头，市公安局、市人力社保局配合"))]) == \
        "各区县教育局（牵头）、市公安局、市人力社保局（配合）"


@pytest.mark.parametrize("last_due, deadline", [
    ("持续推进", "持续推进"), ("持续开展", "持续开展"), ("常年", "常年"), ("按季度", "按季度"), ("每月", "每月"),
])
@pytest.mark.parametrize("blank_row", [2, 3])
def test_checklist_tables_text_table_blank_cell_in_any_row_keeps_the_fields(tmp_path, last_due, deadline, blank_row):
    """QA9 M1: a blank 配合单位 in the LAST row of a tab-separated table put its 持续推进 under 配合单位 and
    copied row 2's date as its deadline; a text table cannot draw a merge, so nothing is read from above."""
    rows = [["1", "开展防火宣传", "各乡镇人民政府", "县融媒体中心", "2026年11月30日"],
            ["2", "清理林区可燃物", "县林业局", "各乡镇人民政府", "2027年1月31日"],
            ["3", "发布火险预警信息", "县气象局", "县应急管理局", last_due]]
    rows[blank_row - 1][3] = ""
    text = ("关于开展森林防火专项整治的通知\n一、工作要求\n各乡镇要压实属地责任。\n二、任务分工\n"
            "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n" + "".join("\t".join(r) + "\n" for r in rows))
    (tmp_path / "notice.txt").write_text(text, encoding="utf-8")
    got = {i.title: (i.actor, i.deadline) for i in rows_under(build_checklist([tmp_path / "notice.txt"]).items)}
    lead = {r[1]: r[2] + "（牵头）" + (f"、{r[3]}（配合）" if r[3] else "") for r in rows}
    due = {"开展防火宣传": "2026-11-30前", "清理林区可燃物": "2027-01-31前", "发布火险预警信息": deadline}
    assert got == {title: (lead[title], due[title]) for title in lead}


def test_checklist_tables_text_table_blank_due_cell_copies_no_date(tmp_path):
    """QA9 M1: a last row with no 时限 at all has no deadline (not the row above's)."""
    text = ("关于开展森林防火专项整治的通知\n一、工作要求\n各乡镇要压实属地责任。\n二、任务分工\n"
            "序号\t工作任务\t责任单位\t完成时限\n1\t开展防火宣传\t各乡镇人民政府\t2026年11月30日\n"
            "2\t发布火险预警信息\t县气象局\n")
    (tmp_path / "notice.txt").write_text(text, encoding="utf-8")
    got = {i.title: (i.actor, i.deadline) for i in rows_under(build_checklist([tmp_path / "notice.txt"]).items)}
    assert got == {"开展防火宣传": ("各乡镇人民政府", "2026-11-30前"), "发布火险预警信息": ("县气象局", "")}
