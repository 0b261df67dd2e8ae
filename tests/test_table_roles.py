"""Header cells read by the two table readers (``table_roles``): one vocabulary, two role tables."""
from __future__ import annotations

import pytest

from pipeline.table_roles import FORM_ROLES, INDEX_VALUE, TASK_TABLE_ROLES, column_role, role_of


@pytest.mark.parametrize("header, in_notice, in_report", [
    ("序号", "index", "index"), ("序 号", "index", "index"),
    ("工作任务", "task", "topic"), ("任务要求", "task", "topic"), ("工作内容", "task", "topic"),
    # the measure demanded in a notice is the answer in a report's form
    ("具体措施", "measure", "evidence"), ("主要做法", "measure", "evidence"), ("工作举措", "measure", "evidence"),
    # who is to do it in a notice; in a report's form it only locates the row, never evidence
    ("责任单位", "actor", "locator"), ("牵头单位", "actor", "locator"), ("责任部门", "actor", "locator"),
    # a due date or a status in a report's form is no text of the work (``when``, gap_passages)
    ("完成时限", "deadline", "when"), ("完成时间", "deadline", "when"), ("整改状态", "evidence", "when"),
    ("落实情况", "evidence", "evidence"), ("完成情况", "evidence", "evidence"),
    ("责任人", "person", "locator"), ("备注", "other", "other"),
    # the columns of duban's own ledger beside the task say where a row comes from (qa11 S2: a ledger
    # returned filled in quoted its 来源 "森林防火通知.docx" as evidence); 佐证材料 is part of the answer
    ("来源", "other", "locator"), ("条目层级", "other", "locator"), ("页码", "other", "locator"),
    ("截断", "other", "locator"), ("原任务简称", "task", "locator"), ("任务简称", "task", "topic"),
    ("佐证材料", "other", "evidence"),
    ("项目", "other", "topic"), ("2024年", "other", "other"),
    # a 问题整改清单 in a notice: the problem to put right (read with its 整改措施), and the office's 整改状态
    ("存在问题", "problem", "problem"), ("问题", "problem", "problem"), ("反馈问题", "problem", "problem"),
    ("整改措施", "measure", "evidence"), ("问题责任单位", "actor", "locator"), ("整改任务", "task", "topic"),
])
def test_table_roles_header_role_in_a_notice_and_in_a_report(header, in_notice, in_report):
    assert (column_role(header, TASK_TABLE_ROLES), column_role(header, FORM_ROLES)) == (in_notice, in_report)


@pytest.mark.parametrize("header, role", [
    ("问题整改措施", "measure"), ("整改要求", "measure"), ("问题描述", "problem"), ("整改状态", "evidence"),
    ("完成状态", "evidence"), ("问题整改情况", "evidence"), ("整改时限", "deadline"),
])
def test_table_roles_rectification_list_headers_in_a_notice(header, role):
    """A 问题整改清单's columns: 问题 words inside a measure or status header do not make it the problem."""
    assert column_role(header, TASK_TABLE_ROLES) == role


@pytest.mark.parametrize("column, expected", [(0, ("index", "序号")), (1, ("task", "工作任务")),
                                              (2, ("task", "工作任务")), (3, ("actor", "责任单位")), (9, ("actor", "责任单位"))])
def test_table_roles_cell_takes_the_header_it_starts_under(column, expected):
    header = {0: ("index", "序号"), 1: ("task", "工作任务"), 3: ("actor", "责任单位")}     # 工作任务 spans 1-2
    assert role_of(column, header) == expected
    assert role_of(0, {2: ("task", "x")}) == ("other", "")


@pytest.mark.parametrize("value, is_index", [("1", True), ("（一）", True), ("二、", True), ("12", True),
                                             ("一、推进教育公平", False), ("开展专题教育", False)])
def test_table_roles_index_value(value, is_index):
    assert bool(INDEX_VALUE.match(value)) is is_index
