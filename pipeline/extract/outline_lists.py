"""The open lists of an outline being built (``outline._Builder``'s stack) and the nodes they hold.

A list is one numbering sequence under one parent item (一、二、 …, 一是、二是 …); the stack holds the
lists still open, innermost last, and the last item of the top list is where the next unit goes.
Closing a list ends its last item. Once every unit is placed the nodes are frozen into
``OutlineNode``s: a lead-in naming several counts ("4大类18个问题") is settled on the one the items bear
out, and a list whose items disagree with its announced count is warning W201 ``count_mismatch``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import warning
from ..model import OutlineNode, Warning_
from .markers import Marker


@dataclass
class DraftNode:
    """A node while the outline is built (its end and title are set later), frozen into an ``OutlineNode``."""

    path: tuple[str, ...]
    marker: Marker
    level: int
    title: str
    start: int
    end: int
    lead_in: str
    announced: int | None
    parent: int | None        # index into the node list
    node_id: str = ""


@dataclass
class OpenList:
    """One numbering sequence under one parent item: its lead-in and announced count, and its items
    (indices into the node list)."""

    scheme: str
    parent: int | None
    inline: bool
    lead_in: str
    announced: int | None
    heading: bool = False                # items are standalone heading lines
    candidates: tuple[int, ...] = ()     # every count the lead-in names; the one matching wins
    items: list[int] = field(default_factory=list)
    last_value: int = 0


class ListStack:
    """The outline's nodes and lists so far, and the lists still open (innermost last)."""

    def __init__(self) -> None:
        self.nodes: list[DraftNode] = []
        self.lists: list[OpenList] = []
        self.stack: list[OpenList] = []

    # -- stack helpers ---------------------------------------------------------------------------
    def current(self) -> int | None:
        return self.stack[-1].items[-1] if self.stack else None

    def pop(self, end: int) -> None:
        lst = self.stack.pop()
        self.nodes[lst.items[-1]].end = max(self.nodes[lst.items[-1]].start, end)

    def pop_to(self, target: OpenList, end: int) -> None:
        while self.stack and self.stack[-1] is not target:
            self.pop(end)

    def complete(self, lst: OpenList) -> bool:
        if lst.announced is None:
            return False
        return len(lst.items) in lst.candidates or len(lst.items) >= lst.announced

    # -- the frozen outline ----------------------------------------------------------------------
    def _settle_counts(self) -> None:
        """When a lead-in names several counts ("4大类18个问题"), the one the items bear out is meant."""
        for lst in self.lists:
            if len(lst.items) in lst.candidates:
                lst.announced = len(lst.items)
            for item in lst.items:
                self.nodes[item].announced = lst.announced

    def _freeze(self) -> list[OutlineNode]:
        self._settle_counts()
        out = []
        for node in self.nodes:
            parent_id = self.nodes[node.parent].node_id if node.parent is not None else ""
            out.append(OutlineNode(
                node_id=node.node_id, path=node.path, marker=node.marker.label, scheme=node.marker.scheme,
                level=node.level, title=node.title, start=node.start, end=max(node.end, node.start),
                lead_in=node.lead_in, announced=node.announced, parent_id=parent_id,
            ))
        return out

    def _count_warnings(self) -> list[Warning_]:
        warnings = []
        for lst in self.lists:
            if lst.announced is not None and lst.announced != len(lst.items):
                first = self.nodes[lst.items[0]]
                warnings.append(coded_warning("W201", announced=lst.announced, found=len(lst.items),
                                              marker=f"{lst.scheme} list at char {first.start}"))
        return warnings


def coded_warning(code: str, **kwargs) -> Warning_:
    """``Warning_`` from the coded table in ``pipeline.errors`` ("[W201] count_mismatch: …")."""
    text = warning(code, **kwargs).removeprefix(f"[{code}] ")
    reason, _, detail = text.partition(": ")
    return Warning_(code, reason, detail)
