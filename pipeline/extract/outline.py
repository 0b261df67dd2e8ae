"""The enumeration outline of a document: which passage sits in which numbered item.

Chinese official writing nests several numbering systems (一、 / （一） / 1. / （1） / ①, and in
speeches 一是… / 一要… / 第一，… / 首先…其次 / 一方面…另一方面). Nesting follows the order in which
schemes appear inside their parent: a stack of open lists, where a marker continuing a list already
on the stack pops back to it, and a first marker of a new scheme nests one level deeper.

Extra rules keep the stack honest:

* a marker must continue its list (二 follows 一) or start a new one at 1, else it is plain text;
* a list started inside a paragraph (after a colon) ends with that paragraph unless the next
  paragraph continues it;
* a paragraph that opens a new announced enumeration ("下面，我再提三点要求：") or sums up
  ("总之，…") closes the discourse lists that are complete (their announced count is reached);
* a standalone heading never nests under a discourse item (一是/一要/第一).

Lead-ins announcing a count ("提三点要求：", "四方面职责要求：") are checked against the items found:
a disagreement is warning W201 ``count_mismatch``. The stack of open lists, the nodes they hold and
the frozen result are ``outline_lists``'s; this module decides where each unit goes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import OutlineNode, Warning_, content_id
from .markers import DISCOURSE_SCHEMES, HEADING_SCHEMES, LAST, Marker, announced_counts, match_marker
from .outline_lists import DraftNode as _Node
from .outline_lists import ListStack
from .outline_lists import OpenList as _List
from .outline_lists import coded_warning  # noqa: F401 (re-exported: build)
from .sentences import INLINE_SCHEMES, Unit

_TERMINAL_END = re.compile(r"[。！？!?][”’」』）)》\"']*$")
_TITLE_STOP = re.compile(r"[。；;：:！？!?]")
_SUMMING_UP = re.compile(r"^(总之|综上|总而言之|总的来说|总体来看|同志们[，！])")
# The speaker turning to a new part: "下面，我…", "这里，我…"; "最后，我…" opens the closing remarks.
_TURN = re.compile(r"^(下面|接下来|这里|在此|此外|另外)[，,]?我")
_CLOSING = re.compile(r"^最后[，,]?我(?!们)")
_MAX_HEADING_CHARS = 60
# Sections whose items may be numbered straight through (``_numbered_through``). Only 一、 for now:
# under （一）（二） too, own_report_17's problems 3.-5. become items, which changes the classifier's
# training passages (the shipped model would need retraining: left to the lead, helper-56 notes).
_RUN_ON_SECTIONS = ("cn_dun",)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one unit sits in the outline and what kind of passage it is."""

    kind: str                 # heading | item | sentence
    marker: str = ""
    node_id: str = ""
    path: tuple[str, ...] = ()
    section: str = ""
    lead_in: str = ""


@dataclass(frozen=True, slots=True)
class Outline:
    nodes: tuple[OutlineNode, ...]
    placements: tuple[Placement, ...]     # one per unit given
    warnings: tuple[Warning_, ...]


# Salutations and addressees end with a colon but announce nothing: "同志们：", "区委领导小组："
_SALUTATION = re.compile(
    r"^(?:同志们|各位[^，。：]{0,24}|[^，。：]{2,40}(?:领导小组|办公室|委员会|人民政府|党委|党组|局|各单位|各部门)"
    r"(?:[、，][^，。：]{1,20})*)[：:]$"
)


# Speakers mix the two ordinal styles in one sequence: "首先，…其次，…第三，…" or "第一，…第二，…再次，…".
_ORDINAL_SCHEMES = ("shouxian", "di_yi")


def _same_sequence(list_scheme: str, marker: Marker) -> bool:
    """``marker`` may continue a list of ``list_scheme`` though its scheme differs: 第三 after 其次,
    再次 after 第二 (numbered positions only; 最后 stays with its own scheme)."""
    return {list_scheme, marker.scheme} == set(_ORDINAL_SCHEMES) and marker.value != LAST   # two schemes: they differ


def is_lead_in(sentence: str) -> bool:
    """Announces an enumeration: ends with a colon or names a count ("概括起来有四方面特点。")."""
    if _SALUTATION.match(sentence):
        return False
    stripped = sentence.rstrip("，, ")
    return stripped.endswith(("：", ":")) or bool(announced_counts(sentence))


def _heading_title(text: str, marker: Marker, whole: bool) -> str:
    body = text[marker.length:].lstrip("，, ")
    if not whole:
        m = _TITLE_STOP.search(body)
        body = body[: m.start()] if m else body
    return body.rstrip("，,、：:；; ")


class _Builder(ListStack):
    def __init__(self, text: str, units: list[Unit], eligible: list[bool], doc_id: str):
        self.text = text
        self.units = units
        self.eligible = eligible
        self.doc_id = doc_id
        super().__init__()
        self.used_lead_ins: set[int] = set()
        self.last_article = 0      # 第N条 numbering runs on across chapters
        self.closed_inline: list[_List] = []   # inline lists closed at a paragraph end, most recent last
        self.placements: list[Placement] = []

    # -- marker placement ------------------------------------------------------------------------
    def find_continuation(self, marker: Marker) -> _List | None:
        for lst in reversed(self.stack):
            if lst.scheme != marker.scheme and not _same_sequence(lst.scheme, marker):
                continue
            if marker.value == lst.last_value + 1 or (marker.value == LAST and lst.last_value >= 1):
                return lst
        return None

    def lead_in_before(self, index: int) -> tuple[int | None, str, tuple[int, ...]]:
        """The unit just before ``index`` if it announces an enumeration (and is not used yet)."""
        prev = index - 1
        if prev < 0 or not self.eligible[prev] or prev in self.used_lead_ins:
            return None, "", ()
        parent = self.current()
        unit = self.units[prev]
        if parent is not None and unit.start < self.nodes[parent].start:
            return None, "", ()
        sentence = self.text[unit.start:unit.end]
        if not is_lead_in(sentence):
            return None, "", ()
        return prev, sentence, tuple(announced_counts(sentence))

    def open_item(self, lst: _List, marker: Marker, unit: Unit, whole_line: bool) -> int:
        parent_path = self.nodes[lst.parent].path if lst.parent is not None else ()
        level = (self.nodes[lst.parent].level + 1) if lst.parent is not None else 1
        unit_text = self.text[unit.start:unit.end]
        node = _Node(
            path=parent_path + (marker.label,), marker=marker, level=level,
            title=_heading_title(unit_text, marker, whole_line), start=unit.start, end=len(self.text),
            lead_in=lst.lead_in or (self.nodes[lst.parent].title if lst.parent is not None else ""),
            announced=lst.announced, parent=lst.parent,
        )
        node.node_id = content_id(self.doc_id, "node", unit.start, "/".join(node.path))
        self.nodes.append(node)
        lst.items.append(len(self.nodes) - 1)
        lst.last_value = marker.value if marker.value != LAST else lst.last_value + 1
        if marker.scheme == "di_tiao":
            self.last_article = marker.value
        return len(self.nodes) - 1

    def place_marker(self, index: int, marker: Marker, whole_line: bool, prev_end: int) -> bool:
        unit = self.units[index]
        target = self.find_continuation(marker) or self.reopen(marker, unit, prev_end)
        if target is not None:
            self.pop_to(target, prev_end)
            self.nodes[target.items[-1]].end = prev_end
            self.open_item(target, marker, unit, whole_line)
            return True
        heading_like = marker.scheme in HEADING_SCHEMES and marker.scheme != "di_tiao" and unit.position == "line"
        runs_on = marker.scheme == "di_tiao" and marker.value == self.last_article + 1
        if (marker.value != 1 and not runs_on and not (heading_like and self._gap_allowed(marker))
                and not self._numbered_through(marker, index)):
            return False
        if marker.value == LAST:
            return False
        if heading_like:
            # a heading never sits inside a discourse item or an inline list
            while self.stack and (self.stack[-1].scheme in DISCOURSE_SCHEMES or self.stack[-1].inline):
                self.pop(prev_end)
            same = next((lst for lst in reversed(self.stack) if lst.scheme == marker.scheme), None)
            if same is not None:
                if marker.value != 1 and same.last_value < marker.value <= same.last_value + 2:   # a gap
                    self.pop_to(same, prev_end)
                    self.nodes[same.items[-1]].end = prev_end
                    self.open_item(same, marker, unit, whole_line)
                    return True
                self.pop_to(same, prev_end)
                self.pop(prev_end)
        lead_index, lead_in, counts = self.lead_in_before(index)
        same = next((lst for lst in reversed(self.stack) if lst.scheme == marker.scheme), None)
        if same is not None and not heading_like:
            nested = lead_index is not None and unit.position in ("colon", "inline")
            if not nested:          # a restart of that list: a new list at its level
                self.pop_to(same, prev_end)
                self.pop(prev_end)
                lead_index, lead_in, counts = self.lead_in_before(index)
        if lead_index is not None:
            self.used_lead_ins.add(lead_index)
        lst = _List(scheme=marker.scheme, parent=self.current(),
                    inline=unit.position in ("colon", "inline", "sentence") and not whole_line,
                    lead_in=lead_in, announced=counts[-1] if counts else None, candidates=counts,
                    heading=whole_line)
        self.lists.append(lst)
        self.stack.append(lst)
        self.open_item(lst, marker, unit, whole_line)
        return True

    def reopen(self, marker: Marker, unit: Unit, prev_end: int) -> _List | None:
        """An inline list closed at its paragraph's end that this paragraph continues ("…做法：一是…。"
        then a paragraph of body text, then "二是…"): put it back on the stack."""
        if unit.position != "line" or marker.value in (1, LAST):
            return None
        open_nodes = {lst.items[-1] for lst in self.stack}
        for lst in reversed(self.closed_inline):
            if lst.scheme == marker.scheme and marker.value == lst.last_value + 1 and (
                lst.parent is None or lst.parent in open_nodes
            ):
                while self.stack and self.stack[-1].items[-1] != lst.parent:
                    self.pop(prev_end)
                self.closed_inline.remove(lst)
                self.stack.append(lst)
                self._adopt(lst.items[-1], prev_end)
                return lst
        return None

    def _adopt(self, node_index: int, end: int) -> None:
        """Units after ``node_index``'s old end (placed at its parent's level) are its body after all."""
        node = self.nodes[node_index]
        parent_id = self.nodes[node.parent].node_id if node.parent is not None else ""
        for i in range(len(self.placements) - 1, -1, -1):      # only the units since it closed
            unit = self.units[i]
            if unit.start < node.end:
                break
            if unit.end <= end and self.placements[i].node_id == parent_id:
                self.placements[i] = Placement(kind=self.placements[i].kind, node_id=node.node_id, path=node.path,
                                               section=node.title, lead_in=node.lead_in)
        node.end = end

    def _numbered_through(self, marker: Marker, index: int) -> bool:
        """Items numbered straight through the sections (1./2. under 一、, then 3. under 二、, the usual
        layout of a 任务分解方案): the marker opens the section's body right under its heading and
        continues the same scheme's list under the previous sibling section, so it opens this section's
        list at its own number (QA9 H1)."""
        current = self.current()
        unit = self.units[index]
        if (current is None or unit.position != "line" or marker.value == LAST
                or index == 0 or self.units[index - 1].start != self.nodes[current].start
                or marker.scheme not in HEADING_SCHEMES or marker.scheme in ("cn_dun", "di_tiao")
                or any(lst.scheme == marker.scheme for lst in self.stack)):
            return False
        previous = next((lst for lst in reversed(self.lists) if lst.scheme == marker.scheme), None)
        if previous is None or previous.inline or previous.parent is None or previous.parent == current:
            return False
        return (self.nodes[previous.parent].parent == self.nodes[current].parent
                and self.nodes[previous.parent].marker.scheme == self.nodes[current].marker.scheme
                and self.nodes[current].marker.scheme in _RUN_ON_SECTIONS
                and marker.value == previous.last_value + 1)

    def _gap_allowed(self, marker: Marker) -> bool:
        """A heading number that skips one (一、 … 三、) keeps its list; a list may open at 二、 only at the top."""
        same = next((lst for lst in reversed(self.stack) if lst.scheme == marker.scheme), None)
        if same is not None:
            return same.last_value < marker.value <= same.last_value + 2
        return marker.scheme == "cn_dun" and not self.stack and marker.value <= 3

    # -- main loop -------------------------------------------------------------------------------
    def run(self) -> Outline:
        placements = self.placements
        prev_line = None
        prev_end = 0
        for index, unit in enumerate(self.units):
            unit_text = self.text[unit.start:unit.end]
            whole_line = self._whole_line(index)
            marker = None
            if self.eligible[index]:
                schemes = INLINE_SCHEMES if unit.position == "inline" else None
                marker = match_marker(unit_text, schemes=schemes)
                if marker is not None and marker.scheme == "shouxian" and marker.value != 1:
                    if not any(lst.scheme == "shouxian" or _same_sequence(lst.scheme, marker)
                               for lst in self.stack) or _CLOSING.match(unit_text):
                        marker = None
            if unit.line != prev_line and prev_line is not None:
                self._new_paragraph(index, marker, unit_text, prev_end)
            placed = False
            if marker is not None:
                placed = self.place_marker(index, marker, whole_line, prev_end)
            elif whole_line and self.stack and index > 0 and self._untitled(index - 1):
                # "第二部分" alone on its line, its title on the next one
                self.nodes[self.stack[-1].items[-1]].title = unit_text
            placements.append(self._placement(index, placed, marker, whole_line))
            prev_line, prev_end = unit.line, unit.end
        while self.stack:
            self.pop(prev_end)
        return Outline(tuple(self._freeze()), tuple(placements), tuple(self._count_warnings()))

    def _untitled(self, index: int) -> bool:
        """The unit at ``index`` opened the current item with a bare marker (no title text)."""
        node = self.nodes[self.stack[-1].items[-1]]
        return node.start == self.units[index].start and not node.title

    def _whole_line(self, index: int, *, any_length: bool = False) -> bool:
        unit = self.units[index]
        if unit.position != "line":
            return False
        nxt = self.units[index + 1] if index + 1 < len(self.units) else None
        if nxt is not None and nxt.line == unit.line:
            return False
        if any_length:
            return True
        unit_text = self.text[unit.start:unit.end]
        return len(unit_text) <= _MAX_HEADING_CHARS and not _TERMINAL_END.search(unit_text)

    def _new_paragraph(self, index: int, marker: Marker | None, unit_text: str, prev_end: int) -> None:
        continuing = self.find_continuation(marker) if marker is not None else None
        while self.stack and self.stack[-1].inline and self.stack[-1] is not continuing:
            self.closed_inline.append(self.stack[-1])
            self.pop(prev_end)
        if marker is not None or not self.eligible[index]:
            return
        if _CLOSING.match(unit_text):
            while self.stack:                      # "最后，我…": the closing remarks stand outside every list
                self.pop(prev_end)
        elif _SUMMING_UP.match(unit_text):
            if unit_text.startswith("同志们") and not self._heading_follows(index):
                while self.stack:                  # "同志们，…" after the last numbered heading: closing remarks
                    self.pop(prev_end)
            while self.stack and self.stack[-1].scheme in DISCOURSE_SCHEMES and (
                self.complete(self.stack[-1]) or self.stack[-1].announced is None
            ):
                self.pop(prev_end)
        elif is_lead_in(unit_text) or self._opens_announced(index):
            if self._whole_line(index, any_length=True) and unit_text.endswith(("：", ":")):
                # a standalone lead-in paragraph ("为此，督查组提出如下建议：") starts a new enumeration
                # beside the announced item lists before it
                while self.stack and self.stack[-1].lead_in and not self.stack[-1].heading:
                    self.pop(prev_end)
            turn = bool(_TURN.match(unit_text))
            while self.stack and self.stack[-1].scheme in DISCOURSE_SCHEMES and (
                self.complete(self.stack[-1]) or (turn and self.stack[-1].announced is None)
            ):
                self.pop(prev_end)

    def _heading_follows(self, index: int) -> bool:
        """A numbered heading (一、 （一） 1. …) opens a later line: the body is not over yet."""
        for later in range(index + 1, len(self.units)):
            unit = self.units[later]
            if unit.position == "line" and self.eligible[later]:
                marker = match_marker(self.text[unit.start:unit.end])
                if marker is not None and marker.scheme in HEADING_SCHEMES:
                    return True
        return False

    def _opens_announced(self, index: int) -> bool:
        """The paragraph starting here ends with a lead-in (e.g. "…概括起来有四方面特点。")."""
        line = self.units[index].line
        last = index
        while last + 1 < len(self.units) and self.units[last + 1].line == line:
            last += 1
        if last == index:
            return False
        tail = self.text[self.units[last].start:self.units[last].end]
        return is_lead_in(tail) and self.units[last].position in ("sentence", "line")

    def _placement(self, index: int, placed: bool, marker: Marker | None, whole_line: bool) -> Placement:
        node_index = self.current()
        if node_index is None:
            return Placement(kind="sentence")
        node = self.nodes[node_index]
        opens = placed and marker is not None and node.start == self.units[index].start
        kind = ("heading" if whole_line else "item") if opens else "sentence"
        return Placement(kind=kind, marker=marker.label if opens else "", node_id=node.node_id,
                         path=node.path, section=node.title, lead_in=node.lead_in)


def build_outline(text: str, units: list[Unit], *, doc_id: str, eligible: list[bool] | None = None) -> Outline:
    """Outline ``units`` of ``text``; units marked not ``eligible`` (titles) never open items."""
    flags = list(eligible) if eligible is not None else [True] * len(units)
    return _Builder(text, list(units), flags, doc_id).run()
