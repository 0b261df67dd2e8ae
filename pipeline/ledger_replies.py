"""Whose ledger is it: the office's own copy of the 任务台账, or a unit's reply on it.

The 督查督办 loop: the office sends the ledger ``duban checklist`` wrote round to every unit, and each
unit returns it with 落实情况 (and 佐证材料) filled in on ITS rows, usually saved under its own name
("县住房和城乡建设局_任务台账.xlsx") or with a 填报单位 line above the table. The office keeps a copy too,
blank or with its own progress notes ("已督办", "住建局已报送"), saved as it came ("任务台账.xlsx",
"checklist.xlsx", "任务台账_已填.xlsx"). Both have our columns (``checklist_read.duban_ledger``); what
tells them apart is who the answers are for:

- a unit's reply names that unit and answers for it: its file name names a body
  (``gap_unit.file_name_unit``) or the file itself does (a 填报单位 line, a signature: the document's
  ``unit`` as read), and ANY row has an answer (a unit fills its own rows, rarely most of the
  county's: QA12 H3, where the 住建局 filled 5 of 14 and was set aside as the office's ledger);
- or, named nowhere, its answered rows are the tasks of one body (``unit_by_rows``): every answered
  row whose 责任主体 names a specific body names that body (a row of 各部门/各乡镇, or of no body, fits
  any unit), at least ``MIN_ROWS`` of them, at least half of that body's own rows, and the ledger
  also holds tasks of other bodies left blank (a unit picked its rows out). That body is the unit.
- the office's copy is everything else: no answer at all (as written, or edited), or answers under a
  file name naming no body on the rows of several bodies (its notes follow the county's progress,
  not one unit's), or on every task alike (the seed speech gives every task to 督导组: notes on all of
  them pick nobody out), or notes that read as the office's (``office_note``: "住建局已报送",
  "市场监管局未报送，已催报", "待反馈": a body of the ledger as the subject, or chasing words) even where
  the rows noted happen to share one body.

An answer is a cell with words or figures in it: "/", "—", "无", "暂无" are the blanks units type.
One answered row, with no name anywhere, is too little to tell a unit's answer from the office's note
on it: such a ledger stays the office's (``is_checklist``, listed as set aside, not lost silently).
The rows a unit left blank are assessed as in any reply (未体现, or 不适用 for another body's task).
"""
from __future__ import annotations

import re
from pathlib import Path

from .actor_answers import actor_parts, body_key, is_generic_actor, same_body
from .model import Document
from .plain_words import is_blank

MIN_ROWS = 2              # answered rows that, with no name in the file, make one body's reply


def replying_unit(path: Path, doc: Document | None = None) -> str:
    """The unit whose reply the ledger at ``path`` is ("" for the office's own copy): the body its file
    name names, else the unit the file names (``doc``: the file as read), else the body its answered
    rows belong to (``unit_by_rows``); "" when no row is answered (see the module docstring)."""
    items = _items(path)
    answered = [item for item in items if is_answer(item.progress) or is_answer(item.proof)]
    if not answered:
        return ""
    from .gap_unit import file_name_unit

    named = file_name_unit(path.name) or (doc.unit if doc is not None and doc.status.is_ok else "")
    if not named:
        return unit_by_rows(items, answered)
    # the office's copy saved under a unit's name, its notes on that unit ("已催报", "住建局未报送，已催报"):
    # a unit that never answered is no reply (qa13 S4); one real answer among the notes is
    others = {key for item in items for key in _bodies(item.actor) if not same_body(key, named)}
    own = [item for item in answered
           if not all(office_note(cell, others) or _CHASING.search(cell) for cell in (item.progress, item.proof)
                      if is_answer(cell))]
    return named if own else ""


def is_answer(cell: str) -> bool:
    """Whether a 落实情况/佐证材料 cell holds an answer: words or figures, not a placeholder ("/", "无")."""
    return not is_blank(cell)


def unit_by_rows(items, answered) -> str:
    """The one specific body every answered row with a specific 责任主体 names, when they are at least
    ``MIN_ROWS`` and half of that body's rows, and some row of another body is left out ("" when the
    answered rows are several bodies' tasks, every task's, or too few to tell)."""
    bodies = [_bodies(item.actor) for item in answered]
    own = [b for b in bodies if b]
    if len(own) < MIN_ROWS:
        return ""
    common = set.intersection(*own)
    every = [_bodies(item.actor) for item in items]
    candidates = []
    for key in common:
        rows = sum(key in b for b in every)
        if len(own) * 2 >= rows and any(b and key not in b for b in every):
            candidates.append((len(own) / rows, key))
    if not candidates:
        return ""
    candidates.sort(reverse=True)
    if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
        return ""                        # 2.1 and 3.2 both name 住建局 and 市场监管局: no telling which
    key = candidates[0][1]
    others = {k for b in every for k in b if k != key}
    if any(office_note(cell, others) for item in answered for cell in (item.progress, item.proof)):
        return ""
    return _names(items)[key]


# the office's words on a unit's progress: it chases; a unit does not write so of its own work
_CHASING = re.compile(r"催办|催报|待反馈|未反馈|^已?(?:督办|督促|提醒|跟踪|通报)[。.]?$")
_LEVELS = "省市县区"
_PLACE_MAX = 4         # 平川县, 绍兴市: a body's place-and-level prefix is at most this long


def office_note(cell: str, other_bodies) -> bool:
    """Whether a 落实情况 cell reads as the office's note, not a unit's answer: it chases ("已催报",
    "待反馈", a bare "已督办") or opens with another body of the ledger as its subject ("市场监管局未报送",
    "县住建局：已报送"; ``other_bodies``: their ``body_key``s as the ledger names them, "县市场监管局",
    "平川县住建局"). A unit names others after a verb ("会同县市场监管局检查8家"), not as the one who did it.

    A body is the subject under any of its names with or without its place and level (平川县市场监管局 =
    县市场监管局 = 市场监管局: ``_forms``); the cell may drop or add a level (市场监管局, 县市场监管局) or a
    place the ledger's bodies carry (平川县), never any other characters ("会同县…" is no place)."""
    bodies = [body_key(b) for b in other_bodies if b]
    forms = {form for b in bodies for form in _forms(b) if len(form) >= 3}
    places = {""} | set(_LEVELS) | {b[:len(b) - len(form)] for b in bodies for form in _forms(b)}
    text = body_key((cell or "").strip())
    rests = [text[len(place):] for place in places if text.startswith(place)]
    return any(_CHASING.search(rest) or rest.startswith(tuple(forms)) for rest in rests)


def _forms(key: str) -> list[str]:
    """``key`` and what is left of it without a place-and-level prefix: "平川县市场监管局" -> 平川县市场监管局,
    市场监管局 (and 场监管局: 平川县市 is cut too, harmless, no cell opens so), "县住建局" -> 县住建局, 住建局.
    Every cut after a level character is kept: which 市/县/区 is the level and which the name's own
    (市场监管局, 区域…, 县城…) is not told apart, so no true name is lost."""
    return [key[k:] for k in range(min(len(key), _PLACE_MAX + 1)) if k == 0 or key[k - 1] in _LEVELS]


def _bodies(actor: str) -> set[str]:
    """The specific bodies a 责任主体 names, as ``body_key``s (各部门, 各乡镇 … left out)."""
    if not actor:
        return set()
    return {body_key(p) for p in actor_parts(actor) if p.strip() and not is_generic_actor(p)} - {""}


def _names(items) -> dict[str, str]:
    """``body_key`` -> the name the ledger writes it with first (the unit's name in the gap table)."""
    names: dict[str, str] = {}
    for item in items:
        for part in actor_parts(item.actor or ""):
            if part.strip() and not is_generic_actor(part):
                names.setdefault(body_key(part), part.strip())
    return names


def _items(path: Path):
    from .export.checklist_read import read_checklist_file

    try:
        return read_checklist_file(path).items
    except Exception:  # noqa: BLE001 - a ledger that does not read back is no reply either
        return ()


__all__ = ["MIN_ROWS", "is_answer", "office_note", "replying_unit", "unit_by_rows"]
