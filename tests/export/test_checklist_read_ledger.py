"""``duban_ledger``: the one test of "is this a ledger duban wrote" (QA9 H2, review6 §3).

A unit's 自查表 copies the notice's 任务分工 table (序号 | 工作任务 | 落实情况 | 存在问题), which the
ledger reader can read; only our own columns (hidden 原任务简称, 条目层级, the ☐ lines in Word) tell
our ledger, edited or not, from a reply.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.export.checklist_files import write_checklist
from pipeline.export.checklist_read import duban_ledger


def _checklist() -> Checklist:
    return Checklist((
        ChecklistItem(id="1", text="各乡镇要开展火灾隐患排查，11月15日前完成。", title="开展火灾隐患排查", actor="各乡镇",
                      path=("一、",)),
        ChecklistItem(id="2", text="县林业局要开设防火隔离带。", title="开设防火隔离带", actor="县林业局", path=("二、",)),
    ), ("通知.docx",))


def _written(tmp_path, suffix):
    write_checklist(_checklist(), tmp_path / "cl")
    return tmp_path / "cl" / f"checklist{suffix}"


def _form_xlsx(path, header, rows, title=True):
    from openpyxl import Workbook

    book = Workbook()
    if title:
        book.active.append(["某镇森林防火专项整治自查表"])
        book.active.append(["填报单位：某镇人民政府"])
    for row in [header, *rows]:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".docx"])
def test_checklist_read_ledger_we_wrote_is_ours(tmp_path, suffix):
    assert duban_ledger(_written(tmp_path, suffix))


def test_checklist_read_ledger_edited_by_staff_is_still_ours(tmp_path):
    """Staff fill in 落实情况 and add a row: the hidden 原任务简称 column is still there."""
    from openpyxl import load_workbook

    path = _written(tmp_path, ".xlsx")
    book = load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("落实情况") + 1).value = "已完成排查，建立隐患台账。"
    sheet.append(["", "新增：县气象局要发布火险预警。"])
    book.save(path)
    assert duban_ledger(path)


def test_checklist_read_ledger_copied_without_the_hidden_column_is_ours(tmp_path):
    """The visible cells copied into a new workbook: 条目层级 still says it is ours."""
    from openpyxl import Workbook, load_workbook

    rows = [[c.value for c in row] for row in load_workbook(_written(tmp_path, ".xlsx")).active.iter_rows()]
    copy = Workbook()
    for row in rows:
        copy.active.append(row[:-1])          # 原任务简称, the hidden last column, left out
    copy.save(tmp_path / "copy.xlsx")
    assert rows[0][-1] == "原任务简称" and duban_ledger(tmp_path / "copy.xlsx")


@pytest.mark.parametrize("task_header", ["工作任务", "任务内容", "任务要求", "任务", "重点任务", "检查项目", "自查内容"])
@pytest.mark.parametrize("answered", [True, False])
def test_checklist_read_self_check_form_is_no_ledger(tmp_path, task_header, answered):
    """QA9 H2: 序号 + 工作任务 made batch take 石门镇's 自查表 for a ledger and drop the unit."""
    answer = "全镇排查隐患17处，已全部整改。" if answered else ""
    path = _form_xlsx(tmp_path / "自查表.xlsx", ["序号", task_header, "落实情况", "存在问题"],
                      [[1, "火灾隐患排查", answer, "无"], [2, "护林员巡山", answer, ""]])
    assert not duban_ledger(path)


def test_checklist_read_hand_made_csv_and_json_are_no_ledger_of_ours(tmp_path):
    out = io.StringIO()
    csv.writer(out).writerows([["序号", "工作任务", "落实情况"], ["1", "火灾隐患排查", "已完成"]])
    (tmp_path / "form.csv").write_text(out.getvalue(), encoding="utf-8")
    (tmp_path / "data.json").write_text(json.dumps([{"id": "1", "text": "火灾隐患排查"}]), encoding="utf-8")
    assert not duban_ledger(tmp_path / "form.csv") and not duban_ledger(tmp_path / "data.json")


def test_checklist_read_word_form_and_damaged_files_are_no_ledger(tmp_path):
    from docx import Document

    form = Document()
    form.add_paragraph("某镇森林防火自查表")
    table = form.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells,
                          ["序号", "任务要求", "落实情况", "1", "开展火灾隐患排查", "已完成"]):
        cell.text = text
    form.save(str(tmp_path / "form.docx"))
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    assert not duban_ledger(tmp_path / "form.docx") and not duban_ledger(tmp_path / "broken.xlsx")
