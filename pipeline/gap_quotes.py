"""A reply's quotes of the notice's tasks (qa11 S1), for gap matching (``gap_passages`` re-exports them).

``quoted_tasks`` finds the passages that quote a task word for word (never evidence nor an admission
of any task: ``gap_evidence``); ``quote_answers`` pins the lines after each quote to the task quoted,
in a reply laid out task by task, as a form's row answers its 任务 cell (``gap_passages.row_tasks``).
"""
from __future__ import annotations

import re

from .plain_words import words as _words
from .table_roles import ROW_NODE

# A reply may quote the notice task by task, each quote followed by its answer ("2.1、（一）开展火灾隐患排查。"
# "各乡镇人民政府要组织力量……" "落实情况：配合乡镇排查……", qa11 S1). The quoted text is the notice's: never
# evidence of any task nor an admission ("对工作不力、造成森林火灾的，……追责问责" read as one); the lines after a
# quote, up to the next, answer the task quoted. Our Word ledger returned filled in quotes every task on a
# ☐ line ("☐ 2.3 加强扑火队伍建设（责任主体：县应急管理局；…）") above its table: those lines are ours too.
QUOTE_MIN = 12         # characters (punctuation and markers left out): a task's text quoted, not a phrase it shares
QUOTED_TASKS = 3       # distinct tasks quoted: a reply laid out task by task, each quote heading its answer
_LEADING_MARKERS = re.compile(
    r"^(?:\s*(?:\d+(?:[.．]\d+)+[、.．]?|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]"
    r"|第[一二三四五六七八九十]+[，,、]))+")
_LEDGER_LINE = re.compile(r"^\s*☐\s*\S+\s+([^（(]+)")      # ☐ <id> <任务简称>（责任主体：…）


def quoted_tasks(passages: list, task_texts, titles=()) -> list[int]:
    """Per passage, the index of the task (among ``task_texts``) whose text it quotes word for word
    (spaces, punctuation and leading markers left out), -1 for none. A quote is ``QUOTE_MIN``
    characters long, the task's whole text or its title (``titles``), or a ledger's ☐ line naming the
    task (by its whole title, or by 4 characters or more of its text); a shorter line quoted from a task ("2.1、（一）开展火灾隐患排查。", its heading) only beside a
    longer quote of the same task."""
    tasks = [_words(_LEADING_MARKERS.sub("", t)) for t in task_texts]
    whole: dict[str, int] = {}          # a task's whole text or title -> its index (the first task's)
    for k, text in [*enumerate(tasks), *enumerate(_words(t) for t in titles)]:
        if len(text) >= 4:
            whole.setdefault(text, k)
    short: dict[str, int] = {}          # a title under 4 characters -> its task, for a ☐ line naming it whole
    for k, text in enumerate(_words(t) for t in titles):
        if len(text) < 4:
            short.setdefault(text, k)
    words = [_words(_LEADING_MARKERS.sub("", p.text)) for p in passages]
    long = [_quoting(w, tasks) if len(w) >= QUOTE_MIN else whole.get(w, -1) for w in words]
    for j, p in enumerate(passages):
        line = _LEDGER_LINE.match(p.text)
        if line and (title := _words(line.group(1))):
            # the line's title is the task's whole title, or (at least 4 characters) quoted from its text:
            # a one-word title ("改造") is in many tasks and named no one of them (review8 L3)
            long[j] = short.get(title, -1) if len(title) < 4 else whole.get(title, _quoting(title, tasks))
        elif j and long[j] < 0 and passages[j - 1].index == p.index and _LEDGER_LINE.match(passages[j - 1].text):
            long[j] = long[j - 1]          # the rest of a ☐ line cut at its ；("完成时限：…）")
    out = []
    for j, w in enumerate(words):
        k = long[j]
        if k < 0 and len(w) >= 4:
            # a short line is a quote only beside a longer quote of the same task
            k = next((long[n] for n in (j - 1, j + 1)
                      if 0 <= n < len(words) and long[n] >= 0 and w in tasks[long[n]]), -1)
        out.append(k)
    return out


def _quoting(words: str, tasks: list[str]) -> int:
    return next((k for k, task in enumerate(tasks) if words in task), -1)


def quote_answers(passages: list, quoted: list[int]) -> list[tuple[int, list[int]]]:
    """(task, indices of the passages answering it) for a reply quoting at least ``QUOTED_TASKS``
    tasks outside a table (``quoted_tasks``): the passages after each quote up to the next quote, a
    heading or item of the quote's level or above (a closing 存在问题 section answers no one task) or
    a table (its rows answer their own 任务 cells, ``row_tasks``); [] for any other report."""
    in_table = [p.kind == "table_cell" or p.node_id.startswith(ROW_NODE) for p in passages]
    if len({k for k, table in zip(quoted, in_table) if k >= 0 and not table}) < QUOTED_TASKS:
        return []
    out: list[tuple[int, list[int]]] = []
    level = 0
    for j, (p, k) in enumerate(zip(passages, quoted)):
        if in_table[j]:
            if out and out[-1][0] >= 0:
                out.append((-1, []))
        elif k >= 0:
            if not out or out[-1][0] != k or out[-1][1]:
                out.append((k, []))
                level = len(p.path)
        elif out and p.kind in ("heading", "item", "title") and len(p.path) <= level:
            out.append((-1, []))          # a new section: what follows answers no quoted task
        elif out and out[-1][0] >= 0:
            out[-1][1].append(j)
    return [(k, cells) for k, cells in out if k >= 0 and cells]


__all__ = ["QUOTE_MIN", "QUOTED_TASKS", "quote_answers", "quoted_tasks"]
