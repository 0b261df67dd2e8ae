"""Checklist (任务清单) drafted from speeches and notices: one entry per duty/requirement item of the
outline, one per data row of a task table (任务分解表, ``checklist_tables``), and, for a document
with no enumerated duty/requirement items at all, one per paragraph mostly of duties/requirements.

An outline node is a checklist item when its enumeration announces duties or requirements (the
lead-in's last clause says 要求/职责/任务/希望…) or, when the lead-in is neutral, when most sibling
items open with a duty/requirement sentence. Enumerations announced as 特点/成效/体会/问题… are
summaries, not tasks, and are skipped. An item's text is its own passages (children excluded); a
parent that is itself an item (一要…) is a ``group`` entry and its children are numbered under it:
ids are hierarchical ordinals over the kept items ("2.3" = second group, third item).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Sequence

from .actors import actor_mentioned, actor_of_sentence, named_bodies, with_bodies_named_later
from .checklist_due import deadline_by_actor
from .checklist_nodes import DR_LABELS, dr_share, own_passages, task_nodes
from .checklist_tables import TableTask, TaskTables, append_rows, interleave_rows, task_tables
from .deadlines import find_deadline
from .errors import DubanError
from .model import Document, OutlineNode, Passage

_CLOSING = re.compile(r"^(?:总之|综上|最后|同志们)")
# "我向各位机关处室长、市属学校校长书记、各县（市、区）教育局长提三点希望：": the items answer to
# everyone the lead-in addresses, not to the first or last body named in it
_ADDRESSEE_LIST = re.compile(r"(?:向|对|给)(?:在座的)?(?:各位)?([^，。；：:]{2,60}?、[^，。；：:]{2,60}?)"
                             r"(?:提出?|讲|谈)[一二两三四五六七八九十几\d]*[点条个项]?(?:希望|要求|意见|建议)")


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One task of the checklist; ``kind`` is "item" (a leaf task) or "group" (a parent task)."""

    id: str
    text: str
    title: str
    label: str = "requirement"
    actor: str = ""
    deadline: str = ""            # normalised: "2005-04-30前", "每季度", "学习动员阶段", "长期坚持", "及时"
    source: str = ""              # file name of the speech
    path: tuple[str, ...] = ()    # outline markers, e.g. ("一要", "第二")
    page: int | None = None
    section: str = ""             # title of the enclosing group / heading
    kind: str = "item"
    level: int = 1
    deadline_text: str = ""       # the phrase as written ("4月底前")
    deadline_kind: str = ""       # date / frequency / period / stage / ongoing / prompt
    progress: str = ""            # 落实情况 (filled in by staff, kept on round trip)
    proof: str = ""               # 佐证材料
    doc_id: str = ""
    node_id: str = ""

    @property
    def location(self) -> str:
        where = " / ".join(self.path)
        return f"{self.source} {where}".strip() + (f" p.{self.page}" if self.page else "")


ITEM_FIELDS = tuple(f.name for f in fields(ChecklistItem))


@dataclass(frozen=True, slots=True)
class Checklist:
    items: tuple[ChecklistItem, ...]
    sources: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"Checklist({len(self.items)} entries, {len(self.leaves)} tasks, sources={list(self.sources)!r})"

    @property
    def leaves(self) -> tuple[ChecklistItem, ...]:
        """Items no other item nests under: the ones a report is assessed against."""
        parents = {i.id.rsplit(".", 1)[0] for i in self.items if "." in i.id}
        return tuple(i for i in self.items if i.id not in parents)

    def to_frame(self):
        """One row per item (groups and leaves), in checklist order; columns in ``ITEM_FIELDS`` order:

        ``id`` ("2.1"; "2-1.3" with several sources), ``text`` (the task as written), ``title`` (its
        short name, 任务简称), ``label`` (duty/requirement), ``actor`` (责任主体, 牵头/配合 marked),
        ``deadline`` (normalised: "2026-11-30前", "每季度", "长期坚持"), ``source`` (file name),
        ``path`` (outline markers joined by " / "), ``page``, ``section`` (enclosing heading),
        ``kind`` ("item" or "group"), ``level``, ``deadline_text`` (as written), ``deadline_kind``
        (date/frequency/period/stage/ongoing/prompt), ``progress`` (落实情况) and ``proof`` (佐证材料)
        kept from an edited ledger, ``doc_id``, ``node_id``.
        """
        import pandas as pd

        rows = [{**{k: getattr(i, k) for k in ITEM_FIELDS}, "path": " / ".join(i.path)} for i in self.items]
        return pd.DataFrame(rows, columns=list(ITEM_FIELDS))

    def to_records(self) -> list[dict]:
        return [{**{k: getattr(i, k) for k in ITEM_FIELDS}, "path": list(i.path)} for i in self.items]


def build_checklist(sources: Sequence[Path | str | Document]) -> Checklist:
    """Checklist from one or more speeches (paths or Documents), in source order.

    With several sources, ids get the source's ordinal as prefix ("2-1.3").
    """
    docs = [_labelled(s) for s in sources]
    items: list[ChecklistItem] = []
    for k, doc in enumerate(docs, start=1):
        prefix = f"{k}-" if len(docs) > 1 else ""
        items.extend(replace(i, id=prefix + i.id) for i in items_of(doc))
    return Checklist(tuple(items), tuple(d.source for d in docs))


def items_of(doc: Document) -> list[ChecklistItem]:
    """Checklist items of one labelled Document, with hierarchical ids (by paragraph when the
    document has no enumerated duty/requirement items at all). Each data row of a task table
    (任务分解表) is an item of its own, nested under the heading enclosing the table."""
    tables = task_tables(doc)
    return _outline_items(doc, tables) or _paragraph_items(doc, tables)


def _paragraph_items(doc: Document, tables: TaskTables) -> list[ChecklistItem]:
    """Fallback for unnumbered notices: each paragraph mostly of duties/requirements is an item,
    and so is each row of a task table outside any heading."""
    paragraphs: list[list[Passage]] = []
    for p in doc.passages:
        if not p.is_content or p.kind == "title" or p.passage_id in tables.cells:
            continue
        starts_line = p.start == 0 or "\n" in doc.text[max(p.start - 1, 0):p.start]
        if starts_line or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(p)
    items = []
    for passages in paragraphs:
        if dr_share(passages) < 0.5 or len("".join(p.text for p in passages)) < 10:
            continue
        text = "".join(p.text for p in passages)
        deadline = find_deadline(text, doc_date=doc.date)
        actor = next((a for a in (actor_of_sentence(p.text) for p in passages) if a), "")
        items.append((passages[0].start, ChecklistItem(
            id="", text=text, title=_first_clause(passages[0].text), label=_label_of(passages),
            actor=actor, deadline=deadline.value if deadline else "", deadline_text=deadline.text if deadline else "",
            deadline_kind=deadline.kind if deadline else "", source=doc.source, page=passages[0].page,
            doc_id=doc.doc_id)))
    rows = [t for t in tables.tasks if not t.node_id]   # rows under a heading left out (a review section)
    entries = interleave_rows([(start, (f"p{start}", "", item)) for start, item in items], rows, lambda t: "")
    return _numbered(doc, entries, {})


def _joined(passages: Sequence[Passage]) -> str:
    """An item's text: its passages in order, a heading without closing punctuation ended with "。"
    so it does not run into the next sentence ("…维护校园的安全稳定安全稳定压倒一切。", found by QA)."""
    parts = [p.text for p in passages]
    return "".join(text + "。" if k < len(parts) - 1 and passages[k].kind in ("heading", "item")
                   and not re.search(r"[。！？!?；;：:，,、…”’）)]$", text.rstrip()) else text
                   for k, text in enumerate(parts))


# a clause ends at full-width 。；：！？, and at ASCII ;:!? unless it sits inside an ASCII run
# ("http://…", "SUM(A1:A9)", "calc'!A0": QA12 L6 cut the 任务简称 there)
_CLAUSE_END = re.compile(r"[。；：！？]|(?<![\x21-\x7e])[;:!?]|[;:!?](?![\x21-\x7e])")


def _first_clause(text: str) -> str:
    from .export.checklist_read import clip_title     # cut at a clause or word, marked "…" (QA6 L7)

    return clip_title(_CLAUSE_END.split(text.strip(), maxsplit=1)[0])


def _node_title(node: OutlineNode, passages: list[Passage]) -> str:
    """The node's title, read again from its opening sentence when the outline cut it inside an
    ASCII run ("=HYPERLINK(\"http" of "=HYPERLINK(\"http://…\")县住房和城乡建设局要…")."""
    title = node.title or ""
    opening = passages[0].text if passages else ""
    at = opening.find(title) if title else -1
    end = at + len(title)
    if at < 0 or end >= len(opening) or opening[end] not in ";:!?" or not (
            title[-1:].isascii() and title[-1:].strip() and opening[end + 1:end + 2].isascii()
            and opening[end + 1:end + 2].strip()):
        return title or _first_clause(opening)
    return _first_clause(opening[at:])


def _outline_items(doc: Document, tables: TaskTables) -> list[ChecklistItem]:
    nodes = {n.node_id: n for n in doc.outline}
    own = own_passages(doc, tables.cells)
    kept = task_nodes(doc, own, frozenset(t.node_id for t in tables.tasks if t.node_id))
    if not kept:
        return []
    kept_ids = {n.node_id for n in kept}
    nodes_in_order = []
    for node in kept:
        passages = _trim_closing(doc, own.get(node.node_id, []))
        anchor = _kept_ancestor(node, nodes, kept_ids)
        # a node without passages still takes its ordinal, so its siblings keep the speech's numbering
        nodes_in_order.append((node.start, (node.node_id, anchor, _node_item(doc, node, nodes, own, passages)
                                            if passages else None)))

    # a row nests under the kept node holding its table (or the root); a table under a node that
    # is not kept (a review section) gives no rows
    rows = [t for t in tables.tasks if not t.node_id or t.node_id in kept_ids]
    return _numbered(doc, append_rows([entry for _, entry in nodes_in_order], rows, lambda t: t.node_id), nodes)


def _node_item(doc: Document, node: OutlineNode, nodes: dict, own: dict, passages: list[Passage]) -> ChecklistItem:
    """The item of a kept outline node (id, kind and level are set by ``_numbered``)."""
    text = _joined(passages)
    deadline = find_deadline(text, doc_date=doc.date)
    if deadline and deadline.kind in ("prompt", "period") and deadline.text not in node.title:
        # "及时" deep in the body is manner, not a time limit; a period there times one sentence
        # ("节假日期间，…要加大明察暗访力度") or is narrated ("春节期间部分服务行业受到较大冲击")
        deadline = None
    if deadline is None or deadline.kind in _WEAK_DEADLINES:
        deadline = _inherited_deadline(node, nodes, doc.date) or deadline
    actor = _actor_of(node, nodes, own)
    deadline = deadline_by_actor(text, deadline, actor, doc.date)     # "A要…5月底前…；B要…": A's date (QA10 N12)
    return ChecklistItem(
        id="", text=text, title=_node_title(node, passages),
        label=_label_of(passages, node.lead_in), actor=actor,
        deadline=deadline.value if deadline else "", deadline_text=deadline.text if deadline else "",
        deadline_kind=deadline.kind if deadline else "", source=doc.source, path=node.path,
        page=passages[0].page, section=_section_of(node, nodes), doc_id=doc.doc_id, node_id=node.node_id,
    )


def _numbered(doc: Document, entries: list[tuple[str, str, object]], nodes: dict) -> list[ChecklistItem]:
    """Items with hierarchical ids: ordinals among the entries under the same anchor (a kept heading,
    a table's category row, or the root), "group" for an entry others nest under."""
    counters: dict[str, int] = {}
    ids: dict[str, str] = {}
    for key, anchor, _ in entries:
        counters[anchor] = counters.get(anchor, 0) + 1
        ids[key] = (ids[anchor] + "." if anchor else "") + str(counters[anchor])
    anchors = {anchor for _, anchor, _ in entries}
    items = []
    for key, anchor, payload in entries:
        if payload is None:
            continue
        item = _row_item(doc, payload, nodes) if isinstance(payload, TableTask) else payload
        items.append(replace(item, id=ids[key], kind="group" if key in anchors else "item",
                             level=len(ids[key].split("."))))
    return items


def _row_item(doc: Document, row: TableTask, nodes: dict) -> ChecklistItem:
    """A task table's row as an item: its 序号 as marker, labelled a requirement (a table assigns
    work) unless the heading or the table calls it 职责."""
    node = nodes.get(row.node_id)
    heading = node.title if node is not None else ""
    label = "duty" if "职责" in f"{heading} {row.caption} {row.task_header}" else "requirement"
    deadline = row.deadline
    section = _section_of(node, nodes) if node is not None else row.caption
    return ChecklistItem(
        id="", text=row.text, title=_first_clause(row.title) or row.title, label=label, actor=row.actor,
        deadline=deadline.value if deadline else "", deadline_text=deadline.text if deadline else "",
        deadline_kind=deadline.kind if deadline else "", source=doc.source,
        path=_row_path(row), page=row.page, section=section, progress=row.status,    # a 整改清单's 整改状态
        doc_id=doc.doc_id, node_id=f"{row.node_id}#{row.key}",
    )


# An item's own "始终"/"及时" yields to the time its lead-in or parent sets: "二要优供应…始终保持水电气
# 正常供应" under "我就做好当前及春节前后工作再强调四点意见" is due 春节前后, not 长期坚持
_WEAK_DEADLINES = ("ongoing", "prompt")
_INHERITED_KINDS = ("date", "frequency", "period", "stage")


def _inherited_deadline(node: OutlineNode, nodes: dict, doc_date: str):
    """The time limit the item's lead-in or an ancestor's title or lead-in sets for everything under it
    (a date, frequency, period or stage; not an ongoing phrase), nearest first; None when none does."""
    texts, current = [node.lead_in], nodes.get(node.parent_id)
    while current is not None:
        texts += [current.title, current.lead_in]
        current = nodes.get(current.parent_id)
    for text in dict.fromkeys(t for t in texts if t):
        found = find_deadline(text, doc_date=doc_date)
        if found and found.kind in _INHERITED_KINDS:
            return found
    return None


def load_checklist(path: str | Path) -> Checklist:
    """An edited checklist (.xlsx/.docx/.csv/.json written by ``duban checklist``) read back."""
    from .export.checklist_read import read_checklist_file

    return read_checklist_file(Path(path))


def load_reference(reference) -> Checklist:
    """A reference for gap tables: a Checklist, a Document, a checklist file, or a speech file."""
    if isinstance(reference, Checklist):
        return reference
    if isinstance(reference, Document):
        return _non_empty(build_checklist([reference]), reference.source)
    from .export.checklist_read import duban_ledger, looks_like_checklist, read_checklist_file

    path = Path(reference)
    if looks_like_checklist(path):        # a ledger with its header only assesses nothing: say so
        # ours (``duban_ledger``, the test batch/gaps/checklist share) or any .xlsx/.csv/.json table
        if path.suffix.lower() != ".docx" or duban_ledger(path):
            return _non_empty(read_checklist_file(path), str(path))
        # a Word file holding a 序号 | 任务 table: a ledger made by hand, unless numbered items around
        # the table give tasks of their own (a notice with a 任务分解表: read as ``duban checklist`` reads it)
        doc = _read(path)
        drafted = build_checklist([doc]) if doc.status.is_ok else None
        if drafted is None or not any(i.node_id and "#table" not in i.node_id for i in drafted.items):
            return _non_empty(read_checklist_file(path), str(path))
        return drafted
    doc = _read(path)
    if not doc.status.is_ok:
        raise DubanError("E003", status=doc.status.value, path=str(path))
    return _non_empty(build_checklist([doc]), str(path))


# ---------------------------------------------------------------------------------------------

def _read(path: Path) -> Document:
    from .extract import read_path

    return read_path(path)


def _labelled(source) -> Document:
    doc = source if isinstance(source, Document) else _read(Path(source))
    if doc.status.is_ok and any(p.is_content and not p.label for p in doc.passages):
        from .classify import label_document

        doc = label_document(doc)
    return doc


def _non_empty(checklist: Checklist, path: str) -> Checklist:
    if not checklist.items:
        raise DubanError("E301", path=path)
    return checklist


def _row_path(row: TableTask) -> tuple[str, ...]:
    """The enclosing path and the row's 序号; a category row without a marker has none (the Word and
    Markdown drafts then head it by id and title, not by the enclosing heading's marker)."""
    if row.marker:
        return row.path + (row.marker,)
    return () if row.is_category else row.path


def _kept_ancestor(node, nodes, kept_ids) -> str:
    parent = node.parent_id
    while parent:
        if parent in kept_ids:
            return parent
        parent = nodes[parent].parent_id if parent in nodes else ""
    return ""


def _trim_closing(doc: Document, passages: list[Passage]) -> list[Passage]:
    """Drop a closing paragraph ("总之，…") glued to the last item when it starts a new line (table
    cells, 联系人 lines and attachments never reach an item: ``own_passages`` leaves them out)."""
    out = list(passages)
    while len(out) > 1 and _CLOSING.match(out[-1].text) and doc.text[max(out[-1].start - 1, 0)] == "\n":
        out.pop()
    return out



def _label_of(passages: list[Passage], lead_in: str = "") -> str:
    """The lead-in decides when it announces only duties (职责/任务) or only requirements (要求/希望);
    otherwise the label covering most of the item's text (ties: requirement)."""
    duty, requirement = bool(re.search(r"职责|任务|分工", lead_in)), bool(re.search(r"要求|希望|意见", lead_in))
    if duty != requirement:
        return "duty" if duty else "requirement"
    weights = {lab: sum(len(p.text) for p in passages if p.label == lab) for lab in DR_LABELS}
    return max(DR_LABELS, key=lambda lab: (weights[lab], lab == "requirement"))


def _actor_of(node: OutlineNode, nodes: dict, own: dict) -> str:
    """Subject of the item's own sentences, else inherited from its parent chain and lead-ins. Bodies
    the item's sentences name outright (责任单位：X, 由Y负责) are all its actors: one paragraph of a
    notice often assigns two demands to two bodies (QA8 N4)."""
    named = list(dict.fromkeys(b for b in (named_bodies(p.text) for p in own.get(node.node_id, [])) if b))
    if len(named) > 1:
        return "、".join(named)
    for p in own.get(node.node_id, [])[:3]:
        if _ASIDE.match(p.text):
            continue      # "同时，减负也要区别对待，部分农村学校要加压": an aside's subject is not the item's
        actor = actor_of_sentence(p.text)
        if actor:      # "各乡镇要…。县公安局要…。": each body the item's sentences direct (QA9 M3)
            return with_bodies_named_later(actor, [q.text for q in own.get(node.node_id, []) if q is not p])
    lead = addressees(node.lead_in) or actor_mentioned(node.lead_in) if node.lead_in else ""
    parent = nodes.get(node.parent_id)
    if parent is not None:
        return _actor_of(parent, nodes, own) or lead
    return lead


_ASIDE = re.compile(r"^(?:同时|此外|另外|另一方面|特别是|尤其是)[，,]")


def addressees(lead_in: str) -> str:
    """The list of bodies a lead-in addresses its points to ("向A、B、C提三点希望"), or ""."""
    match = _ADDRESSEE_LIST.search(lead_in)
    return match.group(1) if match else ""


def _section_of(node: OutlineNode, nodes: dict) -> str:
    parent = nodes.get(node.parent_id)
    if parent is None:
        return f"{node.marker}{node.title}"
    while parent.parent_id in nodes:
        parent = nodes[parent.parent_id]
    return f"{parent.marker}{parent.title}" if parent.marker else parent.title
