"""What a table's header cells say their columns hold, for the two readers of tables.

A notice's task table (任务分解表, read by ``checklist_tables``) assigns work; a report's form (自查表,
read by ``gap_passages``) answers it. Both name their columns with the same words, and the words are
tested here in one place, each reader with its own role table because the same header means a
different thing on each side:

- 具体措施 / 举措 / 做法: in a notice the measure demanded, read with the task (``measure``); in a
  report's form the measure taken, the answer itself (``evidence``).
- 责任单位 / 牵头单位 / 部门: in a notice who is to do it (``actor``); in a report's form the office
  that did it, which locates the row but proves nothing (``locator``, never evidence).
- 要求 / 项目 / 指标: in a notice 要求 is the measure column and 项目 never names a task (项目 |
  2023年 | 2024年 is a statistics table); in a report's form both name the task answered (``topic``).
- 问题 / 存在问题 / 反馈问题: in a notice's 问题整改清单 (问题 | 整改措施 | 责任单位 | 整改时限) the problem
  to put right, read as the task with its 整改措施 (``problem``); in a report's form the shortfall the
  unit admits (``problem``). In a notice 整改状态 / 完成情况 (``evidence``) filled with 已完成/整改中
  is the issuing office's own status of each row, not a unit's answer (``checklist_tables``).

Patterns are tested in order, first match wins; a header no pattern matches is ``other``.
"""
from __future__ import annotations

import re

Roles = tuple[tuple[str, re.Pattern], ...]
ROW_NODE = "row:"     # node_id prefix of a form's row read as one item (``gap_passages.table_rows``)

_INDEX = ("index", re.compile(r"^(?:序号|编号|序|No\.?|NO\.?|#)$"))

# a notice's task table: 完成时限 is no 完成情况, 任务要求 a task, 责任人 a person rather than an actor,
# 整改状态 the office's own status of a row
TASK_TABLE_ROLES: Roles = (
    _INDEX,
    ("deadline", re.compile(r"时限|时间|期限|日期|节点|截止|时序")),
    ("evidence", re.compile(r"落实情况|完成情况|进展|进度情况|推进情况|自查|成效|执行情况|整改情况|状态")),
    ("person", re.compile(r"(?:领导|负责人|责任人|联系人|经办人|电话)$")),
    ("actor", re.compile(r"责任|牵头|配合|协办|主体|单位|部门|处室|科室|分工|负责")),
    ("other", re.compile(r"备注|说明|附件|佐证|依据|分值|得分|评分|联系|编码")),
    ("task", re.compile(r"任务|职责|工作内容|工作事项|事项|重点工作|工作重点|工作要点|具体工作|主要工作|工作目标")),
    ("measure", re.compile(r"措施|要求|举措|标准|做法|方式|路径|安排")),
    # after 措施/要求: "问题整改措施" is the measure column, "问题" / "反馈问题" / "存在问题" the problem
    ("problem", re.compile(r"问题")),
    ("task", re.compile(r"内容|目标|要点")),
)

# a report's form: 完成时限 is no 完成情况; who and when locate a row, the answer is its evidence; a
# deadline or a status cell ("2026年9月30日前", "整改中") is no text of the work at all (``when``); who
# answers for the row (责任单位, 联系人), a score, and the columns duban's own ledger carries beside the task
# (来源: the notice's file name, 条目层级, 页码, 截断, the hidden 原任务简称) say where a row comes from,
# never what was done (``locator``: a ledger a unit returned filled in quoted "县气象局（牵头）" and
# "森林防火通知.docx" as evidence, qa11 S2); 佐证材料 is part of the answer
FORM_ROLES: Roles = (
    _INDEX,
    ("when", re.compile(r"时限|时间|期限|日期|节点|截止|状态")),
    ("locator", re.compile(r"责任|牵头|配合|分值|得分|评分|联系|单位|部门|科室|处室|来源|层级|页码|截断|原任务简称")),
    ("other", re.compile(r"备注|附件")),
    ("problem", re.compile(r"问题|不足|差距|短板|困难")),
    ("evidence", re.compile(r"落实|完成|进展|进度|推进|成效|措施|做法|举措|情况|自查|开展|结果|执行|佐证")),
    ("topic", re.compile(r"任务|项目|事项|内容|工作|要求|目标|指标|重点|名称|类别|要点")),
)

# a 序号 cell's value: "1", "（一）", "二、"; a row spanning the table ("一、教育均衡") is longer
INDEX_VALUE = re.compile(r"^[\d０-９一二三四五六七八九十（）().．、\s]{1,6}$")


def column_role(header: str, roles: Roles) -> str:
    """The role ``roles`` gives a header cell's text (spaces ignored), "other" when none."""
    compact = re.sub(r"\s+", "", header)
    return next((role for role, pattern in roles if pattern.search(compact)), "other")


def role_of(column: int, header: dict[int, tuple[str, str]]) -> tuple[str, str]:
    """(role, header text) of the header column a cell starts under: the nearest header cell at or
    left of its grid column (a cell may start inside a spanned header); ("other", "") when none."""
    starts = [c for c in header if c <= column]
    return header[max(starts)] if starts else ("other", "")
