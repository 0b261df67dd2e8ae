"""Task tables (任务分解表) of a notice: each data row one checklist task.

A notice often lays its tasks out in a table: 序号 | 工作任务 | 责任单位 | 完成时限 (具体措施, 牵头单位 |
配合单位, 备注 …). A table is a task table when its first or second row is a header naming a task
column (工作任务/工作内容/重点任务/任务 …) and at least one more column the table assigns by (序号,
责任单位, 完成时限, 具体措施); a statistics table (项目 | 2023年 | 2024年) or a contact list (单位 | 联系人
| 电话) names no task column and is left alone, and so is a form whose 落实情况 column is filled in
(a report of work done, not an assignment).

Each data row gives a ``TableTask``: its task cell (plus a 具体措施/工作要求 cell) as text, the
责任单位 cell as actor (牵头/配合 columns as "X（牵头）、Y（配合）", the format of
``actors.named_bodies``), the 完成时限 cell as deadline, the 序号 cell as marker. A missing task,
责任单位 or 时限 cell is read from the row above when a vertically merged cell covers it (one 责任单位
over several tasks, the usual layout); a reader that does not say which cells a merge covers
(``Passage.cell`` of three elements) gives no cell for a merged continuation nor for a blank one, and
then any missing cell reads as the one above. A task is carried only into a row with a measure,
责任单位 or 时限 cell of its own: a row holding only a 备注 is no task. A row repeating the header is
no task. A row of one cell outside the task column ("一、推进教育公平" across the table) starts a
category: rows below it nest under it, nothing is carried across it, and a last category row with
no row under it is dropped.

A 问题整改清单 (序号 | 问题 | 整改措施 | 责任单位 | 整改时限 | 整改状态: every 督察/巡视/审计 整改 notice) is a
task table too: it names no task column, but a 问题 column and the bodies and time limits that put each
problem right. Its row's task reads "问题：…；整改措施：…" under the table's own headers: the problem
is what gets 销号 (an office cites "第3个问题") and is the row's title, the measure what counts as put
right, and a ledger's one 任务 column must carry both, labelled, because a problem alone says nothing
to do. Its 整改状态 column filled with 整改中 / 已完成 is the issuing office's status of the row when
the notice was written, not a unit's answer: it does not make the table a report (a sentence of work
done there still does) and seeds the row's 落实情况 (``TableTask.status``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .actors import actor_of_sentence
from .checklist_due import due_date
from .checklist_table_grid import cell_text as _cell_text
from .checklist_table_grid import grid_rows as _rows
from .checklist_table_grid import merged_below as _merged_below
from .checklist_table_grid import row_texts as _row_texts
from .checklist_table_grid import rows_split_by_pages as _rows_split_by_pages
from .checklist_table_header import assigns_work as _assigns_work
from .checklist_table_header import is_sub_header as _is_sub_header
from .checklist_table_header import main_role as _main_role
from .checklist_table_header import table_header as _header
from .checklist_table_header import written_ledger as _written_ledger
from .checklist_text_tables import text_table_cells
from .deadlines import Deadline, find_deadline
from .model import Document, Passage
from .table_roles import INDEX_VALUE, role_of

_ACTOR_ROLE = (("牵头", re.compile(r"牵头|主责")), ("配合", re.compile(r"配合|协办|参与|协助")))
_START_COLUMN = re.compile(r"开始|启动|起始")     # 开始时间 | 完成时间: the due date is the second
_CATEGORY_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|（[一二三四五六七八九十]+）)")


@dataclass(frozen=True, slots=True)
class TableTask:
    """One data row of a task table (or a category row: ``category`` set, no actor or deadline)."""

    table: int
    row: int
    node_id: str                 # the outline node enclosing the table ("" at top level)
    path: tuple[str, ...]        # the enclosing path
    marker: str                  # the row's 序号, "" when the table has none
    text: str
    title: str                   # the task cell alone
    actor: str = ""
    deadline: Deadline | None = None
    start: int = 0               # the row's first cell in ``Document.text``
    page: int | None = None
    status: str = ""             # the office's own 整改状态 of a row of its 问题整改清单 ("整改中")
    category: str = ""           # the category row this row nests under ("" when none)
    is_category: bool = False    # a category row, or the task heading a merged task cell makes
    caption: str = ""            # what names the table (title row, caption line before it)
    task_header: str = ""        # the task column's header ("工作任务", "主要职责")
    parent: str = ""             # ``key`` of the row this one nests under ("": the enclosing heading)
    is_group: bool = False       # the heading of a task cell merged down over several 具体措施 rows

    @property
    def key(self) -> str:
        """Unique within a document: a task group shares its first row's number."""
        return f"table{self.table}:{self.row}" + (":group" if self.is_group else "")


@dataclass(frozen=True, slots=True)
class TaskTables:
    tasks: tuple[TableTask, ...]
    cells: frozenset[str]        # passage ids of every cell of a task table (not the item's own text)


def task_tables(doc: Document) -> TaskTables:
    """The task rows of every task table of ``doc``, in text order."""
    by_table: dict[int, list[Passage]] = {}
    for p in doc.passages:
        if p.kind == "table_cell" and len(p.cell) >= 3:
            by_table.setdefault(p.cell[0], []).append(p)
    tasks: list[TableTask] = []
    cells: set[str] = set()
    for number, passages in by_table.items():
        found = _table_tasks(doc, number, passages)
        if found:
            tasks.extend(found)
            cells.update(p.passage_id for p in passages)
    for passages, covered in text_table_cells(doc):      # a .txt notice's aligned columns
        found = _table_tasks(doc, passages[0].cell[0], passages)
        if found:
            tasks.extend(found)
            cells.update(covered)
    return TaskTables(tuple(sorted(tasks, key=lambda t: t.start)), frozenset(cells))


def _table_tasks(doc: Document, number: int, passages: list[Passage]) -> list[TableTask]:
    rows = _rows(passages)
    if max((len(cols) for _, cols in rows), default=0) < 2:
        return []
    header = _header(rows)
    if header is None:
        return []
    header_row, roles = header
    if _written_ledger(doc, roles):
        return []
    rows = _rows_split_by_pages(rows, header_row, roles, _merged_below(passages))
    # a header repeated inside the table (a page break in Word, a table pasted from a PDF) is no row
    headings = [_row_texts(cols) for row, cols in rows if row == header_row or _is_sub_header(row, header_row, cols)]
    data = [(row, cols) for row, cols in rows if row > header_row and _row_texts(cols) not in headings]
    if not data or not _assigns_work(data, roles):
        return []
    main = _main_role(roles)
    table = _Table(number, passages[0], roles, _caption(doc, rows, header_row, passages[0]),
                   "、".join(head for role, head in roles.values() if role == main), _merged_below(passages), main)
    tasks: list[TableTask] = []
    carried: dict = {}
    category, parent = "", ""
    for row, cols in data:
        cells = {role: [] for role in ("index", "task", "problem", "measure", "actor", "deadline", "evidence")}
        for column, parts in sorted(cols.items()):
            role, head = role_of(column, roles)
            if role in cells:
                cells[role].append((head, parts))
        index = _cell_text(cells["index"][0][1]) if cells["index"] else ""
        if _is_category(cols, roles, index):
            category, carried = _cell_text(next(iter(cols.values()))), {}
            tasks.append(_category_task(table, row, cols, category))
            parent = tasks[-1].key
            continue
        task, carried = _row_task(doc, table, row, cols, cells, carried)
        if task is not None:
            tasks.append(replace(task, category=category, parent=parent))
    while tasks and tasks[-1].is_category:
        tasks.pop()          # a last category row with no row under it ("二、隐患排查" closing the table)
    return _distinct_titles(_task_groups(tasks))


def _task_groups(tasks: list[TableTask]) -> list[TableTask]:
    """A task cell merged down over several 具体措施 rows (序号 1 | 提升作业设计质量 over two measures)
    becomes a heading of its own, carrying the row's 序号, with the measures nested under it: the
    ids then follow the table's 序号 (1, 1.1, 1.2, 2 …), as an office cites "表中第2项"."""
    out: list[TableTask] = []
    k = 0
    while k < len(tasks):
        first = tasks[k]
        end = k + 1
        while (end < len(tasks) and not first.is_category and not tasks[end].is_category
               and tasks[end].title == first.title and tasks[end].parent == first.parent and not tasks[end].marker):
            end += 1
        run = tasks[k:end]
        if len(run) > 1 and all(t.text != t.title for t in run):      # each row has a measure of its own
            group = replace(first, text=first.title, actor="", deadline=None, is_category=True, is_group=True)
            out.append(group)
            out.extend(replace(t, marker="", parent=group.key) for t in run)
        else:
            out.extend(run)
        k = end
    return out


@dataclass(frozen=True, slots=True)
class _Table:
    """What every row of one task table shares."""

    number: int
    first: Passage
    roles: dict[int, tuple[str, str]]
    caption: str
    task_header: str
    merged: dict[int, set[int]] | None     # row -> grid columns a cell above covers; None: not told
    main: str = "task"                     # the role of the column naming each row: task, or a 整改清单's problem


def _category_task(table: _Table, row: int, cols, category: str) -> TableTask:
    marker = _CATEGORY_MARKER.match(category)
    title = category[marker.end():].strip() if marker else category
    parts = [p for ps in cols.values() for p in ps]
    return TableTask(table.number, row, table.first.node_id, table.first.path, marker.group(0) if marker else "",
                     category, title, start=min(p.start for p in parts), page=parts[0].page, is_category=True,
                     caption=table.caption, task_header=table.task_header)


def _row_task(doc: Document, table: _Table, row: int, cols, cells, carried: dict):
    """(the row's task or None, what the next row may carry down).

    A missing task, 责任单位 or 时限 cell is read from the row above when a vertically merged cell
    covers it (``_Table.merged``; when the reader does not say, any missing cell does). A task is
    carried only into a row with a 具体措施, 责任单位 or 时限 cell of its own (a task merged down over
    several measures): a row holding only a 备注 is no task of its own.
    """
    roles = table.roles

    def inherits(role: str) -> bool:
        if cells[role]:
            return False
        if table.merged is None:
            return True
        return any(role_of(c, roles)[0] == role for c in table.merged.get(row, ()))

    main = table.main
    own_work = any(cells[role] for role in ("measure", "actor", "deadline"))
    task = "，".join(_cell_text(parts) for _, parts in cells[main])
    if not task and own_work and inherits(main):
        task = carried.get("task", "")
    if not task:
        return None, carried
    if main != "problem" and not cells["problem"] and inherits("problem"):
        cells = {**cells, "problem": carried.get("problem", [])}    # one 反馈问题 merged over its 整改任务 rows
    measure = "".join(_cell_text(parts) for _, parts in cells["measure"])
    # a 存在问题 column left for units to fill ("无", "—", blank) names no problem: the row is a plain
    # task, not a 整改清单 row (review7 M16: "存在问题：无；工作任务：隐患排查；…")
    cells = {**cells, "problem": [(h, c) for h, c in cells["problem"] if not _NIL_CELL.match(_cell_text(c).strip())]}
    labelled = _labelled(cells, roles, main, task) if cells["problem"] or main == "problem" else ""
    actor_cells = _actor_cells(table, row, cols, carried)
    actor = _actor([actor_cells[c] for c in sorted(actor_cells)]) if table.merged is not None else (
        _actor(cells["actor"]) or carried.get("actor", ""))
    if not any(role == "actor" for role, _ in roles.values()):
        actor = actor_of_sentence(task) or actor_of_sentence(measure)     # "各学校要在4月底前…"
    due = [(head, parts) for head, parts in cells["deadline"] if not _START_COLUMN.search(head)]
    deadline_cell = "；".join(_cell_text(parts) for _, parts in due or cells["deadline"])
    deadline_cell = deadline_cell or (carried.get("deadline", "") if inherits("deadline") else "")
    has_deadline_column = any(role == "deadline" for role, _ in roles.values())
    deadline = (due_date(deadline_cell, doc.date) if has_deadline_column
                else _deadline_in(task + measure, doc.date))
    index = _cell_text(cells["index"][0][1]) if cells["index"] else ""
    marker = index.strip().rstrip("、.．") if INDEX_VALUE.match(index.strip() or "x") else ""
    parts = [p for ps in cols.values() for p in ps]
    first = table.first
    status = "；".join(_cell_text(parts) for _, parts in cells["evidence"]) if labelled else ""
    # a 整改清单's row is named by its problem, the thing 销号 (an office cites "第3个问题"), whatever else it holds
    title = ("，".join(_cell_text(parts) for _, parts in cells["problem"]) or task) if labelled else task
    found = TableTask(table.number, row, first.node_id, first.path, marker, labelled or _joined(task, measure), title,
                      actor=actor, deadline=deadline, start=min(p.start for p in parts), page=parts[0].page,
                      caption=table.caption, task_header=table.task_header, status=status)
    return found, {"task": task, "actor": actor, "deadline": deadline_cell, "actor_cells": actor_cells,
                   "problem": cells["problem"]}


def _labelled(cells: dict, roles: dict[int, tuple[str, str]], main: str, task: str) -> str:
    """A 问题整改清单 row's task: its 问题, 整改任务 and 整改措施 cells in that order, each under its own
    header ("问题：…；整改措施：…"); the main cell is ``task`` (carried down when a merge covers it)."""
    parts = []
    for role in ("problem", "task", "measure"):
        if role == main and not cells[main]:
            parts.append((next(h for r, h in roles.values() if r == main), task))
        else:       # each column under its own header: "问题类别：水污染；具体问题：…"
            parts.extend((head, _cell_text(cell)) for head, cell in cells[role])
    return "；".join(f"{head}：{text.rstrip('。；;，, ')}" for head, text in parts if text.strip())


def _actor_cells(table: _Table, row: int, cols, carried: dict) -> dict[int, tuple[str, list[Passage]]]:
    """Column -> (header, cell) of the row's 责任单位 columns: its own cells, and the cells above that a
    merge covers (a 牵头单位 drawn over two rows gives the second row its 牵头, not the first row's
    配合 too when the second row's 配合 is blank)."""
    own = {}
    for column, parts in cols.items():
        role, head = role_of(column, table.roles)
        if role == "actor":
            own[column] = (head, parts)
    covered = table.merged.get(row, set()) if table.merged is not None else set()
    above = carried.get("actor_cells", {})
    return {**{c: cell for c, cell in above.items() if c in covered and c not in own}, **own}


def _distinct_titles(tasks: list[TableTask]) -> list[TableTask]:
    """Rows sharing one task cell (merged down over several 具体措施) are told apart by their measure:
    its first clause is the title."""
    seen: dict[str, int] = {}
    for t in tasks:
        seen[t.title] = seen.get(t.title, 0) + 1
    out = []
    for t in tasks:
        measure = _measure_of(t)
        if seen[t.title] > 1 and not t.is_category and measure:
            t = replace(t, title=re.split(r"[。；;！？!?]", measure, maxsplit=1)[0] or t.title)
        out.append(t)
    return out


def _measure_of(task: TableTask) -> str:
    """What a row's text adds to its task cell: "任务：措施" -> 措施; "问题：X；整改措施：Y" -> Y."""
    if task.text.startswith(task.title):
        return task.text[len(task.title):].lstrip("：")
    rest = task.text.partition(f"{task.title}；")[2]
    return rest.partition("：")[2] if rest else ""


def _is_category(cols, roles, index: str) -> bool:
    """A row of one cell that is no task cell and no 序号 ("一、推进教育公平" spanning the table)."""
    column = next(iter(cols))
    if len(cols) != 1 or column != min(roles):
        return False
    role = role_of(column, roles)[0]
    text = _cell_text(cols[column])
    if role in ("task", "problem"):
        return bool(_CATEGORY_MARKER.match(text))
    return len(re.findall(r"[\u4e00-\u9fff]", text)) >= 2 and not (role == "index" and INDEX_VALUE.match(index.strip()))


def _actor(columns: list[tuple[str, list[Passage]]]) -> str:
    """The 责任单位 cells of a row: one column as written (bodies joined by 、), 牵头/配合 columns with
    their role, as ``actors.named_bodies`` writes them: "X（牵头）、Y（配合）"."""
    from .actors import named_bodies

    parts = []
    for head, cell in columns:
        names = _cell_text(cell, joiner="、").strip("、，, ")
        if not names or _NIL_CELL.match(names):
            continue          # "—", "/", "无": the cell is empty (QA7 M2: "—（配合）")
        written = named_bodies(names)
        if written and ("（牵头）" in written or "（配合）" in written):
            parts.append(written)     # "X牵头，Y配合" written in one cell (QA7 M2)
            continue
        role = next((name for name, pattern in _ACTOR_ROLE if pattern.search(head)), "")
        parts.append(f"{names}（{role}）" if role else names)
    return "、".join(parts)


_NIL_CELL = re.compile(r"^(?:[—\-－/／\\·…]+|无|暂无)$")


def _joined(task: str, measure: str) -> str:
    if not measure:
        return task
    return task + ("" if re.search(r"[。；;：:！？!?]$", task) else "：") + measure


def _deadline_in(text: str, doc_date: str) -> Deadline | None:
    found = find_deadline(text, doc_date=doc_date)
    return found if found and found.kind not in ("prompt", "period") else None


def _caption(doc: Document, rows, header_row: int, first: Passage) -> str:
    """A title row above the header, else the short line just before the table ("附件：…任务分解表")."""
    if header_row > 0:
        return " ".join(_cell_text(parts) for _, cols in rows[:1] for parts in cols.values())
    before = [p for p in doc.passages if p.end <= first.start and p.is_content and p.kind != "table_cell"]
    line = before[-1].text.strip() if before else ""
    return line if len(line) <= 40 and not line.endswith("。") else ""


def interleave_rows(entries: list, rows: list[TableTask], enclosing) -> list[tuple[str, str, object]]:
    """(key, anchor key, item or row) in text order: table rows go between the entries by position;
    a row nests under its ``parent`` row (a category row, a task group), else under ``enclosing(row)``."""
    out: list[tuple[str, str, object]] = []
    pending = list(rows)

    def flush(before: int | None) -> None:
        while pending and (before is None or pending[0].start < before):
            row = pending.pop(0)
            out.append((row.key, row.parent or enclosing(row), row))

    for start, entry in entries:
        flush(start)
        out.append(entry)
    flush(None)
    return out


def append_rows(entries: list[tuple[str, str, object]], rows: list[TableTask], enclosing) -> list[tuple[str, str, object]]:
    """The outline's entries with each table's rows after the last entry under the heading enclosing
    it, so the heading's own items keep the ordinals the speech gives them and the rows number on."""
    out = list(entries)
    anchor_of = {key: anchor for key, anchor, _ in out}

    def under(key: str, anchor: str) -> bool:
        while key:
            if key == anchor:
                return True
            key = anchor_of.get(key, "")
        return not anchor

    for table in dict.fromkeys(row.table for row in rows):
        these = [row for row in rows if row.table == table]
        anchor = enclosing(these[0])
        at = max((k for k, (key, _, _) in enumerate(out) if under(key, anchor)), default=-1) + 1
        block = interleave_rows([], these, enclosing)
        out[at:at] = block
        anchor_of.update((key, a) for key, a, _ in block)
    return out
