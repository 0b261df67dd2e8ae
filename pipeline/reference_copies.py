"""Which submissions are no unit's report: the reference itself, or a checklist ledger.

Replies arrive in one folder with whatever else staff saved there: the notice (its bytes, or the same
notice in another format) and the ledger ``duban checklist`` wrote (as written, or as staff edited
it). As a unit either would "cover" every task. ``duban batch``, ``duban gaps`` and the notebook's
``pipeline.gaps`` set them aside by the same rules, in this order (``set_aside_reason``):

1. the reference's own bytes -> ``is_reference``;
2. a ledger duban wrote, edited or not (``checklist_read.duban_ledger``: its own columns, 原任务简称 /
   条目层级, in a sheet; the ☐ lines in Word) -> ``is_checklist``. A 自查表 with 序号 | 工作任务 |
   落实情况 has none of them and is a reply (QA9 H2);
3. the reference's text in another format (``same_text``: character bigrams overlap 0.9) ->
   ``is_reference``;
4. a document that holds more than half of the checklist's task texts word for word (at least
   ``MIN_HELD`` of them), and is not a form answered in a table -> ``is_reference``. This finds the
   notice beside an edited ledger given as the reference (QA9 M6), whose text is not at hand then: an
   edited ledger keeps most of the notice's wording (QA9's edits reworded, added and dropped 3 of 13
   rows: the notice still holds 11), while a reply quotes a task or two (QA9's 河口镇, restating the
   notice, holds 2 of 13; a terse form copying the task column, 3). A form answered in a table (a
   落实情况/存在问题 column with something written under it) may copy every task and is a reply.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import Document

IS_REFERENCE = "is_reference"
IS_CHECKLIST = "is_checklist"
HELD_SHARE = 0.5          # more than this share of the tasks, word for word: the notice itself
MIN_HELD = 3              # ... and at least this many (a one-task ledger is quoted whole by its reply)
_NOT_WORDS = re.compile(r"[\s\W_]+")       # spaces, punctuation: PDF line breaks, full/half width
# a form's answer column; not 措施 or 进度安排 (a notice's 任务分解表 has them), not 完成时限, not 落实单位
_ANSWER = re.compile(r"(?:落实|完成|进展|进度|推进|执行|整改|自查|工作)情况|进展|自查|成效|问题|不足|差距")


@dataclass(frozen=True)
class ReferenceMarks:
    """What a copy of the reference is recognised by.

    Attributes:
        sha256: the reference file's bytes ("" for a Document, a Checklist or an unreadable file).
        text: the speech/notice text ("" for a ledger or a Checklist given as the reference).
        tasks: the checklist's task (leaf) texts, spaces and punctuation left out.
    """

    sha256: str = ""
    text: str = ""
    tasks: tuple[str, ...] = ()


def reference_marks(reference, checklist=None, *, sha256: str | None = None) -> ReferenceMarks:
    """The marks of ``reference`` (a path, a Document or a Checklist) and its ``checklist``
    (``sha256``: the reference file's digest when the caller already has it)."""
    text = reference.text if isinstance(reference, Document) else reference_text(reference)
    return ReferenceMarks(sha256=file_digest(reference) if sha256 is None else sha256, text=text,
                          tasks=task_texts(checklist))


def task_texts(checklist) -> tuple[str, ...]:
    """The checklist's task (leaf) texts, spaces and punctuation left out, each once."""
    leaves = getattr(checklist, "leaves", ()) or ()
    return tuple(dict.fromkeys(t for t in (_words(i.text) for i in leaves) if t))


def set_aside_reason(marks: ReferenceMarks, *, path: Path | None = None, sha256: str = "",
                     doc: Document | None = None) -> str:
    """``is_reference`` / ``is_checklist`` for a submission that is no unit's report, "" for a reply.

    Args:
        marks: the reference's ``reference_marks``.
        path: the submission's file (None for a Document given in a notebook): the ledger test.
        sha256: its bytes' digest ("" when not known: it is hashed here when ``path`` is given).
        doc: the submission as read (None when not read: the text tests are skipped).
    """
    if marks.sha256 and path is not None and not sha256:
        sha256 = _sha(path)
    if marks.sha256 and sha256 == marks.sha256:
        return IS_REFERENCE
    if path is not None and _may_be_ledger(Path(path), doc):
        from .export.checklist_read import duban_ledger

        if duban_ledger(Path(path)):
            return IS_CHECKLIST
    if doc is None or not doc.status.is_ok:
        return ""
    if marks.text and same_text(doc.text, marks.text):
        return IS_REFERENCE
    return IS_REFERENCE if holds_the_tasks(doc, marks.tasks) else ""


def _may_be_ledger(path: Path, doc: Document | None) -> bool:
    """Whether ``duban_ledger`` (which opens the file again, ~40 ms) could say yes: a sheet, or a Word
    file whose text, when read, has the ☐ task lines every Word ledger of ours has (a batch of 400
    Word replies would otherwise pay it 400 times in the parent)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".csv", ".json"):
        return True
    return suffix == ".docx" and (doc is None or not doc.status.is_ok or "☐" in doc.text)


def holds_the_tasks(doc: Document, tasks: tuple[str, ...]) -> bool:
    """Whether ``doc`` holds more than ``HELD_SHARE`` of ``tasks`` (at least ``MIN_HELD``) word for
    word and is no form answered in a table (see the module docstring)."""
    if len(tasks) < MIN_HELD:
        return False
    words = _words(doc.text)
    held = sum(task in words for task in tasks)
    return held >= MIN_HELD and held > HELD_SHARE * len(tasks) and not answered_form(doc)


def answered_form(doc: Document) -> bool:
    """Whether a table of ``doc`` is a filled-in form: a header row (one of its first two) naming a
    task column (``table_roles.FORM_ROLES``) and an answer column (``_ANSWER``: 落实情况, 完成情况,
    存在问题 …), and a cell with text under an answer column below it. A notice's task table (序号 |
    工作任务 | 具体措施 | 牵头单位 | 完成时限) has no answer column; a blank form template has nothing under it."""
    from .table_roles import FORM_ROLES, column_role, role_of

    tables: dict[int, dict[int, list]] = {}
    for p in doc.passages:
        if p.kind == "table_cell" and len(p.cell) >= 3:
            tables.setdefault(p.cell[0], {}).setdefault(p.cell[1], []).append(p)
    for rows in tables.values():
        order = sorted(rows)
        for header_row in order[:2]:
            texts = {c.cell[2]: re.sub(r"\s+", "", c.text) for c in rows[header_row]}
            if not any(column_role(t, FORM_ROLES) == "topic" for t in texts.values()):
                continue
            header = {col: ("answer" if _ANSWER.search(t) else "other", t) for col, t in texts.items()}
            if any(role_of(c.cell[2], header)[0] == "answer" and c.text.strip(" -—/／")
                   for row in order if row > header_row for c in rows[row]):
                return True
    return False


def same_text(a: str, b: str, share: float = 0.9) -> bool:
    """Whether two documents hold the same text (the notice as .docx and as .pdf): their character
    bigrams, whitespace left out, overlap by ``share`` (Jaccard)."""
    a, b = "".join(a.split()), "".join(b.split())
    if not a or not b or min(len(a), len(b)) < share * max(len(a), len(b)):
        return False
    grams_a = {a[i:i + 2] for i in range(len(a) - 1)}
    grams_b = {b[i:i + 2] for i in range(len(b) - 1)}
    return len(grams_a & grams_b) >= share * len(grams_a | grams_b)


def reference_file(reference) -> Path | None:
    """The reference as a file path (None for a Document, a Checklist or no reference)."""
    if reference is None or not isinstance(reference, (str, Path)) or not Path(reference).is_file():
        return None
    return Path(reference)


def file_digest(reference) -> str:
    """sha256 of the reference file ("" for a Document, a Checklist, no reference or an unreadable file)."""
    path = reference_file(reference)
    return _sha(path) if path else ""


def reference_text(reference) -> str:
    """The text of a speech or notice given as the reference ("" for a ledger or a Document)."""
    path = reference_file(reference)
    if path is None or path.suffix.lower() in (".xlsx", ".csv", ".json"):
        return ""
    from .extract import read_path

    doc = read_path(path)
    return doc.text if doc.status.is_ok else ""


def _sha(path: Path) -> str:
    from .manifest import file_sha256

    try:
        return file_sha256(path)[0]
    except OSError:                      # unreadable: the reader reports it
        return ""


def _words(text: str) -> str:
    return _NOT_WORDS.sub("", text)


__all__ = ["IS_CHECKLIST", "IS_REFERENCE", "ReferenceMarks", "answered_form", "file_digest", "holds_the_tasks",
           "reference_marks", "reference_text", "same_text", "set_aside_reason"]
