"""Which outline nodes of a speech become checklist tasks.

A node is a task when its enumeration directs (its lead-in announces 要求/任务/希望…, or most of its
siblings open with a duty or requirement sentence); review sections, result statements, lists
announced in the past tense, problem statements and a lead-in's table of contents are not. Section
headings above a kept item are kept as groups, so ids follow the speech's own outline.
"""
from __future__ import annotations

import re
from typing import Sequence

from .model import Document, OutlineNode, Passage

DR_LABELS = ("duty", "requirement")
# an attachment line ("附件：联系人名单", "附件1：") starts the document's attachments; a bare "附：" in a
# report's body introduces an explanation in place (dev_report_06), which is not cut off
_ATTACHMENT = re.compile(r"^附件[\d一二三四五六七八九十]*\s*[：:]")
_CONTACT = re.compile(r"^(?:联系人|联系电话|咨询电话|联系方式|联 系 人)\s*[：:]")
_TASK_NOUNS = re.compile(r"要求|职责|任务|希望|意见|措施|工作重点|重点工作|注意|做到|必须")
_SUMMARY_NOUNS = re.compile(r"特点|成效|体会|收获|成绩|亮点|问题|不足|差距|原因|情况|经验|做法|启示|意义")
# Sections that look back (回顾/成绩/形势…) and result statements (投入不断加大) are not tasks
_REVIEW_TITLE = re.compile(r"回顾|主要成绩|取得的成绩|成效显著|工作总结|态势|形势|基本情况|主要做法|取得的|"
                           r"过去[一二三四五六七八九十两\d]*年|充分肯定")
# a heading that directs is no review, whatever noun it names: "压实各方责任，确保安全生产形势持续稳定"
# (QA10 N5: the section and its 首先/其次/最后 tasks were dropped for 形势); "确保了…" reports a result
_DIRECTING_TITLE = re.compile(r"确保(?!了)|坚决|切实|务必|着力|力争")
# nouns a forward-looking heading names too ("保持安全生产形势持续稳定"): such a heading is a review only
# when its items do not direct (一、清醒认识当前面临的严峻形势 with 一是…二是… risks is one)
_NOUN_ONLY_REVIEW = re.compile(r"态势|形势")
# a section that argues why the work matters ("一、提高政治站位，充分认识积案化解的重要意义"): no task
# when nothing under it directs, as a 形势 section over narrated items (QA12 L10)
_SIGNIFICANCE_TITLE = re.compile(r"(?:认识|理解|领会|把握)[^，,；;]{0,30}(?:意义|必要性|紧迫性|重要性|重大作用)")
_RESULT_TITLE = re.compile(r"(?:不断|明显|显著|大幅|稳步|日益|逐步)(?:加大|扩大|提升|推进|增强|提高|改善|优化|加强|完善|深化|上升)$")
_MODAL = re.compile(r"(?<![简重主需纲概摘首])要(?!点|素|闻|件)|必须|务必|应当")
_PAST_LEAD = re.compile(r"回顾|一年来|过去|以来|了以下|取得了")


def task_nodes(doc: Document, own: dict[str, list[Passage]], also: frozenset[str] = frozenset()) -> list[OutlineNode]:
    """The outline nodes that are tasks, with the headings above them, in outline order; ``also``
    names nodes kept whatever their text (the headings enclosing a task table), unless they look back."""
    nodes = {n.node_id: n for n in doc.outline}
    excluded = _looking_back(doc.outline, nodes, own)
    kept = [n for n in doc.outline if n.node_id not in excluded and _is_task_node(n, doc.outline, own, also)]
    kept = _drop_table_of_contents(kept, own, nodes)
    kept_ids = {n.node_id for n in kept}
    extra = {i for i in also if i in nodes and i not in excluded and i not in kept_ids}
    kept = [n for n in doc.outline if n.node_id in kept_ids or n.node_id in extra]
    return _with_ancestors(kept, doc.outline, nodes)


def own_passages(doc: Document, skip: frozenset[str] = frozenset()) -> dict[str, list[Passage]]:
    """Each outline node's own content passages (title lines and the ``skip`` passage ids left out:
    a task table's cells are tasks of their own), in text order."""
    by_path = {n.path: n.node_id for n in doc.outline}
    own: dict[str, list[Passage]] = {}
    attachments = next((p.start for p in doc.passages if p.is_content and _ATTACHMENT.match(p.text.strip())
                        and doc.text[max(p.start - 1, 0)] == "\n"), None)
    for p in doc.passages:
        if not p.is_content or p.kind == "title" or p.passage_id in skip:
            continue
        if attachments is not None and p.start >= attachments:
            break        # "附件：联系人名单" and what follows belong to no section (QA7 M1)
        if p.kind == "table_cell" or _CONTACT.match(p.text.strip()):
            continue     # a table left alone (a contact list) or a 联系人 line is no task's text (QA8 N2/N3)
        node_id = p.node_id or by_path.get(p.path, "")
        if node_id:
            own.setdefault(node_id, []).append(p)
    return own


def dr_share(passages: list[Passage]) -> float:
    total = sum(len(p.text) for p in passages)
    return sum(len(p.text) for p in passages if p.label in DR_LABELS) / total if total else 0.0


def _opens_with_task(node: OutlineNode, own: dict[str, list[Passage]]) -> bool:
    passages = own.get(node.node_id, [])
    return bool(passages) and (passages[0].label in DR_LABELS or dr_share(passages) >= 0.6
                               or is_assigned(node, own))


# "牵头单位：X；责任单位：Y" / "（责任单位：X，完成时限：Y）" after an item: the item assigns work by name
_ASSIGNMENT = re.compile(r"^[（(]?(?:牵头|责任|主责|配合|协办)(?:单位|部门|处室|科室)\s*[:：]")


def is_assigned(node: OutlineNode, own: dict[str, list[Passage]]) -> bool:
    """The item is followed by its own 牵头单位/责任单位 line (a 任务分解方案's layout: "1.推进…。" /
    "牵头单位：…；责任单位：…" / "完成时限：…"): a task whatever its sentences are labelled (QA9 H1)."""
    return any(_ASSIGNMENT.match(p.text.strip()) for p in own.get(node.node_id, [])[1:])


def _is_task_node(node: OutlineNode, outline: Sequence[OutlineNode], own, tables: frozenset[str] = frozenset()) -> bool:
    """Decide per enumeration (siblings sharing parent and lead-in), so one odd label can't split it.
    A problem statement ("还存在一些需要引起重视的问题") is never a task, whatever its siblings are."""
    if is_assigned(node, own):
        return True
    if states_problem(node, own):
        return False
    clause = re.split(r"[，,；;]", node.lead_in.rstrip("：:。 "))[-1] if node.lead_in else ""
    clause = _SIGNIFICANCE.sub("", clause)   # "…的必然要求" argues why, it announces no tasks
    # a parent item's own title that directs something ("首先要坚定信心，不要被问题和困难吓倒", then
    # 第一…第四) heads tasks, whatever noun its last clause mentions; a sentence announcing the list
    # ("存在以下问题：") or a title that directs nothing ("深刻认识…的重大意义") says what its items are
    directing_title = bool(node.lead_in) and not node.lead_in.rstrip().endswith(("：", ":")) and bool(
        _MODAL.search(node.lead_in))
    if clause and _SUMMARY_NOUNS.search(clause) and not _TASK_NOUNS.search(clause) and not directing_title:
        return False
    siblings = [n for n in outline if n.parent_id == node.parent_id and n.lead_in == node.lead_in]
    if clause and _TASK_NOUNS.search(clause):
        return bool(own.get(node.node_id))
    # a sibling that heads items of its own (二、重点任务 with (一)(二)…) votes with its items: it has
    # no body of its own, and a notice's "三、工作要求" paragraph was outvoted and lost (QA7 H1)
    children: dict[str, list[OutlineNode]] = {}
    for n in outline:
        children.setdefault(n.parent_id or "", []).append(n)
    votes = sum(_opens_with_task(n, own) or n.node_id in tables          # a sibling holding a task table
                or any(_opens_with_task(c, own) for c in children.get(n.node_id, ())) for n in siblings)
    return bool(own.get(node.node_id)) and votes * 2 > len(siblings)


_SIGNIFICANCE = re.compile(r"(?:必然|内在|本质|根本|客观|迫切|现实|重要)要求")


def states_problem(node: OutlineNode, own: dict[str, list[Passage]]) -> bool:
    """The item opens with a problem sentence and its title asks for nothing (no 要/必须)."""
    passages = own.get(node.node_id, [])
    return bool(passages) and passages[0].label == "problem" and not _MODAL.search(node.title or passages[0].text)


def _looking_back(outline, nodes, own: dict[str, list[Passage]]) -> set[str]:
    """Review sections, result statements and lists announced in the past tense, with descendants."""
    excluded: set[str] = set()
    for node in outline:   # parents come before children in the outline
        title = node.title or ""
        if (node.parent_id in excluded
                or (_REVIEW_TITLE.search(title) and not _TASK_NOUNS.search(title) and not _MODAL.search(title)
                    and not _DIRECTING_TITLE.search(title) and not _directing_section(node, outline, own))
                or (_RESULT_TITLE.search(title) and not _MODAL.search(title))
                or _argues_significance(node, outline, own)
                or (node.lead_in and _PAST_LEAD.search(node.lead_in) and not _TASK_NOUNS.search(node.lead_in))):
            excluded.add(node.node_id)
    return excluded


def _argues_significance(node: OutlineNode, outline, own: dict[str, list[Passage]]) -> bool:
    """A 认识…重要意义/必要性 heading whose body and items hold no directive sentence (its
    own heading line, which 提高政治站位 makes read as a requirement, is not its body)."""
    title = node.title or ""
    if not _SIGNIFICANCE_TITLE.search(title):
        return False
    below = {node.node_id}
    for n in outline:   # parents come before children in the outline
        if n.parent_id in below:
            below.add(n.node_id)
    body = [p for i in below for p in own.get(i, [])
            if not (i == node.node_id and title in p.text and len(p.text.strip()) <= len(title) + 6)]
    # a short item line is labelled a requirement whatever it says ("第一，…是…的必然要求。"): a directive
    # sentence is one so labelled that also holds 要/必须 outside "必然要求"
    return not any(p.label in DR_LABELS and _MODAL.search(_SIGNIFICANCE.sub("", p.text)) for p in body)


def _directing_section(node: OutlineNode, outline, own: dict[str, list[Passage]]) -> bool:
    """A heading whose only review word is a noun (形势/态势) over items that direct: most of its items
    open with a sentence holding 要/必须 ("首先，压实属地管理责任。各街道、各镇要…")."""
    if _REVIEW_TITLE.sub("", node.title or "") == (node.title or "") or _REVIEW_TITLE.search(
            _NOUN_ONLY_REVIEW.sub("", node.title or "")):
        return False
    items = [own.get(n.node_id, []) for n in outline if n.parent_id == node.node_id]
    directing = sum(any(_MODAL.search(p.text) for p in passages[:2]) for passages in items)
    return bool(items) and directing * 2 > len(items)


def _with_ancestors(kept, outline, nodes):
    """Section headings above kept items become groups, so ids follow the speech's own outline."""
    wanted = {n.node_id for n in kept}
    for node in kept:
        parent = node.parent_id
        while parent in nodes and parent not in wanted:
            wanted.add(parent)
            parent = nodes[parent].parent_id
    return [n for n in outline if n.node_id in wanted]


def _drop_table_of_contents(kept, own, nodes):
    """"下面我讲三方面：一是…二是…" lists the headings that follow: keep the sections, not the list."""
    titles = [n.title for n in kept]
    out = []
    for k, node in enumerate(kept):
        heading_only = len(own.get(node.node_id, [])) <= 1
        has_children = any(nodes[c.node_id].parent_id == node.node_id for c in kept)
        if heading_only and not has_children and node.title and node.title in titles[k + 1:]:
            continue
        out.append(node)
    return out
