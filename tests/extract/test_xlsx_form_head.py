"""The .xlsx reader over a 自查表's field row and totals row (QA12 L3).

"填报单位：城关镇人民政府" merged over A2:B2 beside "填报日期：" and a date cell is the form's field line, as
Word would show it above the table: metadata reads the unit and the date from it. The totals row's
label ("合计", its count a formula Excel never computed) is the grid's last row, not a line of text
glued to the title.
"""
from __future__ import annotations

import datetime as dt
import io

import pytest

from pipeline.extract import extract, read_bytes
from pipeline.extract.xlsx import field_row_text

TASKS = [(1, "瓶装液化气用户登记建档", "已对辖区3260户瓶装液化气用户逐户登记建档，完成率100%。", "无"),
         (2, "燃气用户入户安全检查", "配合燃气企业开展入户安检4500户。", "尚有约600户未能入户检查。")]


def _form(field_row, *, totals=("合计", None, '="共"&COUNTA(C4:C5)&"项"', None), merge_field=True) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["城关镇城镇燃气安全专项整治自查表"])
    ws.merge_cells("A1:D1")
    ws.append(list(field_row))
    if merge_field:
        ws.merge_cells("A2:B2")
    ws.append(["序号", "工作任务", "落实情况", "存在问题"])
    for row in TASKS:
        ws.append(list(row))
    if totals:
        ws.append(list(totals))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


_FIELDS = ("填报单位：城关镇人民政府", None, "填报日期：", dt.datetime(2026, 12, 11))


def test_xlsx_form_field_row_names_unit_and_date_and_totals_row_stays_in_the_grid():
    doc = read_bytes(_form(_FIELDS), name="城关镇自查表.xlsx")
    assert (doc.title, doc.unit, doc.date, doc.kind) == (
        "城关镇城镇燃气安全专项整治自查表", "城关镇人民政府", "2026-12-11", "report")
    totals = [p for p in doc.passages if p.text == "合计"]
    assert [(p.kind, p.cell[1:3]) for p in totals] == [("table_cell", (3, 0))]
    header = [p.text for p in doc.passages if p.kind == "table_cell" and p.cell[1] == 0]
    assert header == ["序号", "工作任务", "落实情况", "存在问题"]


@pytest.mark.parametrize("field_row, merge_field, unit, date", [
    (("填报单位", "青峰镇人民政府", "填报日期", "2026年12月20日"), False, "青峰镇人民政府", "2026-12-20"),
    (("填报单位（盖章）：石门镇人民政府", None, "联系电话：", "13800000000"), True, "石门镇人民政府", ""),
])
def test_xlsx_form_field_row_variants(field_row, merge_field, unit, date):
    doc = read_bytes(_form(field_row, merge_field=merge_field, totals=None), name="自查表.xlsx")
    assert (doc.title, doc.unit, doc.date) == ("城关镇城镇燃气安全专项整治自查表", unit, date)


@pytest.mark.parametrize("label", ["合计", "总 计", "小计：", "累计"])
def test_xlsx_totals_label_is_a_grid_row_not_a_line_under_the_form(label):
    result = extract(_form(_FIELDS, totals=(label, None, None, None)), name="a.xlsx")
    assert [b.kind for b in result.blocks if b.text == label] == ["table_cell"]
    assert [b.text for b in result.blocks if b.kind == "paragraph"] == [
        "城关镇城镇燃气安全专项整治自查表", "填报单位：城关镇人民政府 填报日期：2026-12-11"]


@pytest.mark.parametrize("cells, text", [
    (["填报单位：城关镇人民政府", "填报日期：", "2026-12-11"], "填报单位：城关镇人民政府 填报日期：2026-12-11"),
    (["填报单位", "石门镇人民政府"], "填报单位：石门镇人民政府"),
    (["填报单位：", "填报日期："], "填报单位： 填报日期："),                  # a blank template's fields
    (["序号", "工作任务", "落实情况", "存在问题"], ""),                     # the header row
    (["单位名称", "联系人", "联系电话"], ""),                               # a contact table's header
    (["1", "瓶装液化气用户登记建档", "已完成。"], ""),                       # a task row
    (["填报单位", "石门镇人民政府", "备注"], ""),
])
def test_xlsx_field_row_text(cells, text):
    assert field_row_text(cells) == text


def test_xlsx_header_row_right_under_the_title_is_still_the_grid():
    result = extract(_form(("序号", "工作任务", "落实情况", "存在问题"), merge_field=False, totals=None), name="a.xlsx")
    assert [b.text for b in result.blocks if b.kind == "paragraph"] == ["城关镇城镇燃气安全专项整治自查表"]
