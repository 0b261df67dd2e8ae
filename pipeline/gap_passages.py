"""A report's passages as evidence units for gap matching.

Table cells are paired into rows, passages that pack two tasks are cut into clauses at ；, an
item's heading and body lend each other words, and some passages (the preamble that restates the
assignment, short topic headings) are never evidence on their own. Used by ``gap_evidence``.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .extract.markers import strip_marker
from .model import Document


def context_terms(passages, own_terms) -> list[list[str]]:
    """A report heading and its body explain each other: a body sentence borrows its item's opening
    sentence, the opening sentence borrows the next sentence of the same item."""
    members = node_members(passages)
    context: list[list[str]] = []
    for j, p in enumerate(passages):
        same = members.get(p.node_id, []) if p.node_id else []
        if not same:
            context.append([])
        elif same[0] == j:
            context.append(own_terms[same[1]] if len(same) > 1 else [])
        else:
            context.append(own_terms[same[0]])
    return context


def block(passages, j: int) -> list:
    """The report item a passage belongs to (its heading and body), or the passage alone."""
    p = passages[j]
    if not p.node_id:
        return [p]
    same = [q for q in passages if q.node_id == p.node_id]
    return same if len(same) <= 6 else [p]


VALUE_CELL = re.compile(r"^[\d０-９.．,，%％]+\s*[\u4e00-\u9fff]{0,3}$")


def table_rows(passages: list) -> list:
    """Table cells carry no row structure; pair a label cell with the value cells after it
    ("列席会议" + "18次" -> "列席会议：18次") so a data table can count as evidence."""
    out: list = []
    for p in passages:
        if (p.kind == "table_cell" and out and out[-1].kind == "table_cell" and VALUE_CELL.match(p.text.strip())
                and not VALUE_CELL.match(out[-1].text.strip())):
            out[-1] = replace(out[-1], text=f"{out[-1].text}：{p.text}", end=p.end)
        else:
            out.append(p)
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
        # a heading line standing alone ("四、学生、教师和学校发展") heads sub-items, not a body of its own
        flags.append(p.kind in ("heading", "item") and bool(p.node_id)
                     and (len(members.get(p.node_id, [])) > 1 or (p.kind == "heading" and not _CLOSED.search(p.text)))
                     and len(strip_marker(p.text).strip("。．. ")) <= 12)
    return flags


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
