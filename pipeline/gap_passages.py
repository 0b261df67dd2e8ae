"""A report's passages as evidence units for gap matching.

Table cells are read row by row (a form's row as one item answering the task its 任务 cell meets
best, a data table's label and value cells paired), passages that pack two tasks are cut into clauses at ；, an
item's heading and body lend each other words, and some passages (the preamble that restates the
assignment, short topic headings, a task's text quoted in a reply: ``quoted_tasks``) are never evidence
on their own; in a reply quoting the notice task by task, the lines after each quote answer that task
(``quote_answers``), as a form's row answers its 任务 cell (``row_tasks``). Used by ``gap_evidence``;
the two quote functions live in ``gap_quotes`` and are re-exported here.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .extract.markers import strip_marker
from .gap_wording import bare_status, counts_left
from .matching import terms
from .model import Document
from .plain_words import is_blank, words
from .gap_quotes import QUOTE_MIN, QUOTED_TASKS, quote_answers, quoted_tasks  # noqa: F401 (re-exported: gap_evidence)
from .table_roles import FORM_ROLES, INDEX_VALUE, ROW_NODE, column_role, role_of


def context_terms(passages, own_terms) -> list[list[str]]:
    """A report heading and its body explain each other: a body sentence borrows its item's opening
    sentence, the opening sentence borrows the next sentence of the same item."""
    members = node_members(passages)
    context: list[list[str]] = []
    topics: dict[str, list[str]] = {}
    for j, p in enumerate(passages):
        same = members.get(p.node_id, []) if p.node_id else []
        if p.node_id.startswith(ROW_NODE) and p.kind != "heading":
            # a form's answer borrows its row's 任务 cell, kept as its section (a cell as short as
            # 全力促均衡 does not survive as a passage of its own: too short to be evidence)
            if p.section not in topics:
                topics[p.section] = terms(p.section) if p.section else []
            context.append(topics[p.section])
        elif not same:
            context.append(_remainder_context(passages, own_terms, j))
        elif same[0] == j:
            context.append(own_terms[same[1]] if len(same) > 1 else [])
        else:
            context.append(own_terms[same[0]])
    return context


# words a remainder and its count share that say nothing of what was counted
_COUNT_WORDS = frozenset({"问题", "整改", "完成", "工作", "情况", "落实", "存在", "目前", "其中", "截至"})


def _remainder_context(passages, own_terms, j: int) -> list[str]:
    """Work left undone ("存在的问题：仍有15项隐患未完成整改") is the rest of a set the sentence before it
    counted ("…发现隐患213项，已整改198项"): it borrows that sentence's words when the two name the same
    thing (QA10 N9: the admission shared one word with its task and was linked to none)."""
    if j == 0 or not counts_left(passages[j].text) or passages[j - 1].kind == "heading":
        return []
    shared = (set(own_terms[j]) & set(own_terms[j - 1])) - _COUNT_WORDS
    return list(own_terms[j - 1]) if shared else []


def block(passages, j: int) -> list:
    """The report item a passage belongs to (its heading and body), or the passage alone."""
    p = passages[j]
    if not p.node_id:
        return [p]
    same = [q for q in passages if q.node_id == p.node_id]
    return same if len(same) <= 6 else [p]


VALUE_CELL = re.compile(r"^[\d０-９.．,，%％]+\s*[\u4e00-\u9fff]{0,3}$")

# a 存在问题 cell saying nothing is wrong (besides the blanks of ``plain_words.is_blank``): no problem to read
_NO_PROBLEM = re.compile(r"^(?:无问题|暂无问题|未发现问题)$")


def table_rows(passages: list) -> list:
    """Table cells as evidence units, a row read as one unit.

    A form answered in a table (序号 | 任务 | 落实情况 | 存在问题, the usual 自查表) has a header row
    naming its columns: each row then becomes one item, as if written as paragraphs: the 任务 cell a
    heading (its words lend context to the answer and it is never evidence itself), the 落实情况 cell
    its body, a 存在问题 cell (unless "无") an admission; 序号 cells go into the path, the header row
    is dropped. Other tables pair a label cell with the value cells after it in the same row
    ("列席会议" + "18次" -> "列席会议：18次") so a data table can count as evidence. Cells from a
    reader that gives no place (``Passage.cell``) are paired as they come.
    """
    out: list = []
    headers: dict[int, tuple[int, dict[int, tuple[str, str]]] | None] = {}
    j = 0
    while j < len(passages):
        p = passages[j]
        place = _place(p)
        if not place:
            if _paired(out, p) is None:
                out.append(p)
            j += 1
            continue
        k = j
        while k < len(passages) and _place(passages[k])[:1] == place[:1]:
            k += 1
        run = _rows(passages[j:k])
        if place[0] not in headers:
            headers[place[0]] = _form_header(run)
        header = headers[place[0]]
        out.extend(_form_units(run, *header) if header else _data_units(run))
        j = k
    return out


def _place(p) -> tuple[int, ...]:
    """A table cell's (table, row, column); () for anything else (getattr: older pickled passages)."""
    return getattr(p, "cell", ()) if p.kind == "table_cell" else ()


def _paired(out: list, p):
    """``p`` glued to the label cell before it when it is a value cell ("18次"), else None."""
    if (p.kind == "table_cell" and out and out[-1].kind == "table_cell" and VALUE_CELL.match(p.text.strip())
            and not VALUE_CELL.match(out[-1].text.strip()) and _place(out[-1])[:2] == _place(p)[:2]):
        out[-1] = replace(out[-1], text=f"{out[-1].text}：{p.text}", end=p.end)
        return out[-1]
    return None


def _rows(cells: list) -> list[tuple[int, list]]:
    """Cells grouped by row, in order."""
    rows: list[tuple[int, list]] = []
    for p in cells:
        if rows and rows[-1][0] == p.cell[1]:
            rows[-1][1].append(p)
        else:
            rows.append((p.cell[1], [p]))
    return rows


def _form_header(rows) -> tuple[int, dict[int, tuple[str, str]]] | None:
    """(header row, column -> (role, header text)) when one of the first two rows names a topic
    column and an answer column (落实情况 or 存在问题); None for a data table."""
    for row, cells in rows[:2]:
        texts = [c.text.strip() for c in cells]
        if not texts or any(len(t) > 16 or "。" in t for t in texts):
            continue
        roles = {c.cell[2]: (column_role(t, FORM_ROLES), t) for c, t in zip(cells, texts)}
        kinds = {role for role, _ in roles.values()}
        if "topic" not in kinds and "evidence" in kinds:
            # a unit's own 整改台账 (序号 | 问题 | 整改措施 | 整改状态 | 完成情况): its 问题 column names the
            # problem each row puts right, the row's topic, not a shortfall admitted (QA10 N13)
            roles = {col: ("topic", head) if role == "problem" and _PROBLEM_NAMED.match(re.sub(r"\s+", "", head))
                     else (role, head) for col, (role, head) in roles.items()}
            kinds = {role for role, _ in roles.values()}
        if "topic" in kinds and kinds & {"evidence", "problem"}:
            return row, roles
    return None


# the header of a column naming the problems a 整改台账 works through ("问题", "反馈问题", "问题描述"),
# not one asking for shortfalls (存在问题, 问题与不足)
_PROBLEM_NAMED = re.compile(r"^(?:督察|巡视|巡察|审计|检查|反馈|交办|整改)*问题(?:描述|名称|内容|清单|事项|表现)?$")


def _form_units(rows, header_row: int, roles: dict[int, tuple[str, str]]) -> list:
    """A form's data rows as items: topic heading, answer bodies, admissions (see ``table_rows``)."""
    out: list = []
    carried: tuple[str, str] | None = None     # a 任务 cell merged down over several rows
    for row, cells in rows:
        if row <= header_row:
            continue            # the header and any title row above it name columns, not work done
        parts: dict[str, list] = {"index": [], "topic": [], "evidence": [], "problem": [], "other": [], "when": [],
                                  "locator": []}
        for c in cells:
            role, head = role_of(c.cell[2], roles)
            if role == "index" and not INDEX_VALUE.match(c.text.strip()):
                role = "other"       # a row spanning the table ("一、教育均衡") is no 序号
            parts[role].append((c, head))
        if not parts["topic"] and not parts["evidence"] and not parts["problem"]:
            texts = {c.text.strip() for c, _ in parts["other"]}
            if len(texts) == 1 and len(next(iter(texts))) <= _CATEGORY_MAX:
                # a category row spanning the form ("一、安全教育"): it names the rows below, it is no
                # answer (QA7 M5: it was evidence of any task sharing its words)
                c = parts["other"][0][0]
                out.append(replace(c, kind="heading", node_id=f"{ROW_NODE}{c.cell[0]}:{row}", path=cells[0].path))
            else:
                out.extend(c for c, _ in parts["other"])
            continue
        index = tuple(c.text.strip() for c, _ in parts["index"][:1])
        if parts["topic"]:
            topic = "，".join(c.text.strip() for c, _ in parts["topic"])
            carried = (f"{ROW_NODE}{cells[0].cell[0]}:{row}", topic)
        node, topic = carried or (f"{ROW_NODE}{cells[0].cell[0]}:{row}", "")
        path = cells[0].path + index
        if parts["topic"]:
            first, last = parts["topic"][0][0], parts["topic"][-1][0]
            out.append(replace(first, kind="heading", text=topic, end=last.end, node_id=node, section=topic,
                               path=path))
        for c, _ in parts["evidence"]:
            # a bare figure ("20次") says nothing alone: it reads with its row's topic, as in a data table;
            # so does a bare claim ("已完成": the row's task is what was done, ``gap_wording.bare_status``)
            bare = VALUE_CELL.match(c.text.strip()) or bare_status(c.text)
            text = f"{topic}：{c.text}" if topic and bare else c.text
            out.append(replace(c, kind="sentence", text=text, node_id=node, section=topic, path=path))
        for c, head in parts["problem"]:
            if is_blank(c.text) or _NO_PROBLEM.match(words(c.text)):
                continue
            label = c.label if c.label == "measure" else "problem"    # "已整改到位" stays a measure
            out.append(replace(c, kind="sentence", node_id=node, section=topic, path=path, label=label,
                               lead_in=head))
        # 备注, 下步打算…: the row's own cells, read with its 任务 (``row_tasks`` pins them to its task)
        out.extend(replace(c, path=path, node_id=node, section=topic) for c, _ in parts["other"])
        # parts["when"] (整改时限, 整改状态) and parts["locator"] (责任单位, a ledger's 来源/条目层级) are left
        # out: a date, "整改中", a body's name or a file name is no account of any task
    return out


_CATEGORY_MAX = 20


def _data_units(rows) -> list:
    """A table that is no form: label and value cells of a row paired, nothing glued across rows."""
    out: list = []
    for _, cells in rows:
        for p in cells:
            if _paired(out, p) is None:
                out.append(p)
    return out


def form_rows(passages: list) -> list[tuple[int, list[int]]]:
    """A form's rows among evidence units (``table_rows``): (index of the row's 任务 cell, indices of
    its answer and 存在问题 cells), in order; rows without a 任务 cell are left out."""
    rows: dict[str, tuple[list[int], list[int]]] = {}
    for j, p in enumerate(passages):
        if p.node_id.startswith(ROW_NODE):
            heads, cells = rows.setdefault(p.node_id, ([], []))
            (heads if p.kind == "heading" else cells).append(j)
    return [(heads[0], cells) for heads, cells in rows.values() if heads and cells]


# a 任务 cell naming a task: copied or abridged from the checklist, it meets its task far above this
# (a unit's own row topic such as 其他工作 meets none so well, and its cells are matched as before)
ROW_TASK_MIN = 0.2


def row_tasks(passages, similarity) -> list[tuple[int, list[int]]]:
    """(task, the row's answer cells) for each form row whose 任务 cell meets one task best by at
    least ``ROW_TASK_MIN`` (``form_rows``)."""
    import numpy as np

    out = []
    for heading, cells in form_rows(passages):
        if not len(similarity):
            break
        k = int(np.argmax(similarity[:, heading]))
        if similarity[k, heading] >= ROW_TASK_MIN:
            out.append((k, cells))
    return out


def distinct_texts(indices: list[int], passages) -> list[int]:
    """``indices`` without the passages whose text an earlier one already has (order kept)."""
    seen: set[str] = set()
    out = []
    for j in indices:
        text = passages[j].text.strip()
        if text not in seen:
            seen.add(text)
            out.append(j)
    return out


def preamble(passages: list, doc: Document) -> list[bool]:
    """Opening lines before the first numbered item of a structured report ("按照…部署，现将情况报告
    如下") restate the assignment; they are not evidence of any one task."""
    starts = [n.start for n in doc.outline if n.level == 1]
    if len(starts) < 2:
        return [False] * len(passages)
    first = min(starts)
    flags = [not p.path and p.end <= first for p in passages]
    return flags if sum(flags) <= 3 else [False] * len(passages)


def topic_headings(passages: list) -> list[bool]:
    """A short heading ("四、存在的不足。") whose item has a body names a topic; its words reach the
    body through ``context_terms``, but the heading alone is not evidence (nor an admission)."""
    members = node_members(passages)
    flags = []
    for p in passages:   # the cheap tests first: most passages are no heading
        if p.kind == "heading" and p.node_id.startswith(ROW_NODE):
            flags.append(True)       # a form's 任务 cell restates the task, however long
            continue
        # a heading line standing alone ("四、学生、教师和学校发展") heads sub-items, not a body of its own
        flags.append((p.kind in ("heading", "item") and bool(p.node_id)
                      and (len(members.get(p.node_id, [])) > 1 or (p.kind == "heading" and not _CLOSED.search(p.text)))
                      and len(strip_marker(p.text).strip("。．. ")) <= 12)
                     or _caption(p))
    return flags


_CAPTION_MAX = 30


def _caption(p) -> bool:
    """A short line of body text that ends no sentence: a photo caption in a school's news ("校党委书记
    王琛在会上发言", "绍兴文理学院研究生联合培养基地") or an unnumbered subtitle. It names a topic, and was
    taken as evidence of a task sharing one of its words (QA7 M7). A form's answer cell is no caption:
    it answers its row's task, closed or not ("已完成", QA9 M14)."""
    text = p.text.strip()
    return (p.kind == "sentence" and not p.node_id.startswith(ROW_NODE) and len(text) <= _CAPTION_MAX and not _CLOSED.search(text)
            and not text.endswith(("：", ":", "，", ",")))


_CLOSED = re.compile(r"[。！？!?；;]\s*$")


def node_members(passages: list) -> dict[str, list[int]]:
    """node_id -> indices of its passages, in order (one pass, so long reports stay linear)."""
    members: dict[str, list[int]] = {}
    for j, p in enumerate(passages):
        if p.node_id:
            members.setdefault(p.node_id, []).append(j)
    return members


def clauses(p) -> list:
    """A passage cut at ；: report sentences often pack two tasks into one ("…听取意见；…提出建议").
    Each clause keeps the passage's index, path and label, so locations still point at the passage."""
    if "；" not in p.text and ";" not in p.text:
        return [p]
    parts = [part for part in re.split(r"(?<=[；;])", p.text) if part.strip()]
    if len(parts) < 2 or min(len(part) for part in parts) < 8:
        return [p]
    return [replace(p, text=part) for part in parts]


def clause_words(text: str) -> list[list[str]]:
    """The segmenter's words of each clause of ``text`` (``clauses``), read off the cut of the whole.

    Why: a clause is a new text for the segmenter (a fresh jieba cut each) while the whole passage's
    cut is remembered from labelling. jieba cuts runs of Han characters, letters and digits as blocks
    and yields every other character alone, so a ；/; is always a token of its own: the passage's
    tokens split after each ；/; are the clauses' tokens (tests/test_gap_clauses.py). ``words`` keeps a
    token unless it is punctuation only, and such a token is never a kept word, so walking the cut
    along the words tells which tokens were kept. A trailing blank clause gives an extra empty list.
    """
    from .segment import default_segmenter

    segmenter = default_segmenter()
    words = segmenter.words(text)
    groups: list[list[str]] = [[]]
    k = 0
    for token in segmenter.cut(text):
        if k < len(words) and token == words[k]:
            groups[-1].append(token)
            k += 1
        if token in ("；", ";"):
            groups.append([])
    return groups
