"""Which table of a notice is a task table (任务分解表, 问题整改清单), as ``checklist_tables`` reads it.

Its header is the first or second row, naming a task column (or a 问题 column with the bodies and
time limits that put each problem right) and a column the table assigns by; a second header row
under a spanned 责任单位 or 时限 names its parts (牵头 | 配合). A table whose task cells are figures,
whose 落实情况 column is filled in (a report of work done), or which restates the 任务台账 duban
wrote assigns nothing.
"""
from __future__ import annotations

import re

from .checklist_table_grid import cell_text as _cell_text
from .model import Document
from .table_roles import TASK_TABLE_ROLES, column_role, role_of

_ASSIGNING = {"index", "actor", "deadline", "measure"}
# an office's status of a problem in its own 整改清单 ("整改中", "已完成", "未启动", "已销号")
_STATUS_WORD = re.compile(r"^(?:已|未|正在|基本|全部|持续|长期)?(?:完成|整改|启动|销号|推进|落实|办结|整改到位|整改完成|"
                          r"整改中|推进中|开始|达标)(?:中|到位|完成)?$")
_NUMERIC = re.compile(r"^[\d０-９.．,，%％\s+\-]+[\u4e00-\u9fff]{0,3}$")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")


def table_header(rows) -> tuple[int, dict[int, tuple[str, str]]] | None:
    """(header row, column -> (role, header text)) when the first or second row names a task column
    and a column the table assigns by; None for any other table."""
    for row, columns in rows[:2]:
        # a header's note in brackets ("责任单位（排第一位的为牵头单位）") says how to read the column
        texts = {c: _BRACKETED.sub("", _cell_text(parts)) or _cell_text(parts) for c, parts in columns.items()}
        if len(texts) < 2 or any(len(t) > 16 or "。" in t for t in texts.values()):
            continue
        roles = {c: (column_role(t, TASK_TABLE_ROLES), t) for c, t in texts.items()}
        kinds = set(role for role, _ in roles.values())
        if ("task" in kinds and _ASSIGNING & kinds) or _rectification_list(kinds):
            return row, _sub_header(rows, row, roles)
    return None


def _rectification_list(kinds: set[str]) -> bool:
    """A 问题整改清单: a 问题 column, a 责任单位 column, and a 整改时限 or 整改措施 column."""
    return "problem" in kinds and "actor" in kinds and bool({"deadline", "measure"} & kinds)


def _sub_header(rows, header_row: int, roles: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """A second header row under a spanned 责任单位 (牵头 | 配合) names those columns' roles."""
    after = [cols for row, cols in rows if is_sub_header(row, header_row, cols)]
    if not after:
        return roles
    with_sub = dict(roles)
    for c, parts in after[0].items():
        t = _cell_text(parts)
        with_sub[c] = (column_role(t, TASK_TABLE_ROLES), role_of(c, roles)[1] + t)
    return with_sub


def is_sub_header(row: int, header_row: int, cols) -> bool:
    """The row under the header naming the parts of a spanned 责任单位 or 时限 (牵头 | 配合)."""
    texts = [_cell_text(parts) for parts in cols.values()]
    return (row == header_row + 1 and bool(texts)
            and all(len(t) <= 8 and column_role(t, TASK_TABLE_ROLES) in ("actor", "deadline") for t in texts))


def main_role(roles: dict[int, tuple[str, str]]) -> str:
    """The column naming each row's task: a task column, else (a 问题整改清单) the 问题 column."""
    return "task" if any(role == "task" for role, _ in roles.values()) else "problem"


def assigns_work(data, roles) -> bool:
    """Most rows' task cells are words, not figures, and any 落实情况 column is mostly blank (a form to
    fill in); a table that reports figures or work done assigns nothing."""
    main = main_role(roles)
    rectification = any(role == "problem" for role, _ in roles.values())
    task_texts, answered = [], 0
    for _, cols in data:
        for column, parts in cols.items():
            role = role_of(column, roles)[0]
            text = re.sub(r"\s+", "", _cell_text(parts))
            if role == main:
                task_texts.append(text)
            elif role == "evidence" and len(text) > 2 and not (rectification and _STATUS_WORD.match(text)):
                answered += 1       # an office's 整改状态 (整改中, 已完成) in its own 整改清单 is no answer
    words = [t for t in task_texts if not _NUMERIC.match(t) and len(re.findall(r"[\u4e00-\u9fff]", t)) >= 2]
    return len(words) * 2 > len(task_texts) and answered * 2 <= len(task_texts)


def written_ledger(doc: Document, roles: dict[int, tuple[str, str]]) -> bool:
    """The 任务台账 of a 任务清单 duban wrote (its header, below the ☐ task lines): it restates those
    tasks; read as a ledger by ``load_checklist``, it is no notice's task table."""
    from .export.checklist_read import LEDGER_COLUMNS

    names = {header for header, _ in LEDGER_COLUMNS}
    return "☐" in doc.text and all(head in names for _, head in roles.values())
