"""Which submissions are no unit's report: the reference itself, or a checklist ledger.

Replies arrive in one folder with whatever else staff saved there: the notice (its bytes, or the same
notice in another format) and the ledger ``duban checklist`` wrote (as written, or as staff edited
it). As a unit either would "cover" every task. ``duban batch``, ``duban gaps`` and the notebook's
``pipeline.gaps`` set them aside by the same rules, in this order (``set_aside_reason``):

1. the reference's own bytes -> ``is_reference``;
2. a ledger duban wrote, edited or not (``checklist_read.duban_ledger``: its own columns, 原任务简称 /
   条目层级, in a sheet; the ☐ lines in Word) -> ``is_checklist``, unless a unit returned it with its
   answers (``returned_by_a_unit``, ``ledger_replies``: a body named in its file name or a 填报单位
   line and any row answered, or answered rows that are one body's tasks): that unit's reply, all of
   it (its cells are its rows' tasks and answers, nothing is "the notice pasted in"). A 自查表 with
   序号 | 工作任务 | 落实情况 has none of our columns and is a reply (QA9 H2);
3. the reference's text in another format (``same_text``: character bigrams overlap 0.9) ->
   ``is_reference``;
4. a document that holds more than half of the checklist's task texts word for word (at least
   ``MIN_HELD`` of them), and is not a form answered in a table -> ``is_reference``. This finds the
   notice beside an edited ledger given as the reference (QA9 M6), whose text is not at hand then: an
   edited ledger keeps most of the notice's wording (QA9's edits reworded, added and dropped 3 of 13
   rows: the notice still holds 11), while a reply quotes a task or two (QA9's 河口镇, restating the
   notice, holds 2 of 13; a terse form copying the task column, 3). A form answered in a table (a
   落实情况/存在问题 column with something written under it) may copy every task and is a reply.

Before all of these, a file duban wrote (gaps.*, problems.csv, a batch folder …:
``own_outputs.is_own_output``) -> ``is_output`` (QA10 N6).

A reply that pastes the notice and then answers it (转发/附后: QA10 N2) holds the reference AND text
of its own: it is a unit's report, assessed on its own passages only (``set_aside`` returns it
trimmed, see ``own_part``); only a file that is (almost) all reference is set aside.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .model import Document
from .plain_words import words as _words

IS_REFERENCE = "is_reference"
IS_CHECKLIST = "is_checklist"
IS_OUTPUT = "is_output"
ABOUT_UNITS = "about_units"
HELD_SHARE = 0.5          # more than this share of the tasks, word for word: the notice itself
MIN_HELD = 3              # ... and at least this many (a one-task ledger is quoted whole by its reply)
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
    actors: tuple[str, ...] = ()     # the checklist's 责任主体 (an inspection team named there reports itself)


def reference_marks(reference, checklist=None, *, sha256: str | None = None) -> ReferenceMarks:
    """The marks of ``reference`` (a path, a Document or a Checklist) and its ``checklist``
    (``sha256``: the reference file's digest when the caller already has it)."""
    text = reference.text if isinstance(reference, Document) else reference_text(reference)
    actors = tuple(dict.fromkeys(i.actor for i in getattr(checklist, "leaves", ()) or () if i.actor))
    return ReferenceMarks(sha256=file_digest(reference) if sha256 is None else sha256, text=text,
                          tasks=task_texts(checklist), actors=actors)


def task_texts(checklist) -> tuple[str, ...]:
    """The checklist's task (leaf) texts, spaces and punctuation left out, each once."""
    leaves = getattr(checklist, "leaves", ()) or ()
    return tuple(dict.fromkeys(t for t in (_words(i.text) for i in leaves) if t))


def set_aside_reason(marks: ReferenceMarks, *, path: Path | None = None, sha256: str = "",
                     doc: Document | None = None) -> str:
    """``is_output`` / ``is_reference`` / ``is_checklist`` for a submission that is no unit's report,
    "" for a reply (``set_aside`` also gives the part of a reply to assess)."""
    return set_aside(marks, path=path, sha256=sha256, doc=doc)[0]


def set_aside(marks: ReferenceMarks, *, path: Path | None = None, sha256: str = "",
              doc: Document | None = None) -> tuple[str, Document | None]:
    """(reason, document to assess): (``is_output``/``is_reference``/``is_checklist``, None) for a
    submission that is no unit's report; ("", doc) for a reply, ``doc`` cut to its own part when it
    holds the reference too (``own_part``).

    Args:
        marks: the reference's ``reference_marks``.
        path: the submission's file (None for a Document given in a notebook): the ledger test.
        sha256: its bytes' digest ("" when not known: it is hashed here when ``path`` is given).
        doc: the submission as read (None when not read: the text tests are skipped).
    """
    if path is not None:
        from .own_outputs import is_own_output

        if is_own_output(path):
            return IS_OUTPUT, None
    if marks.sha256 and path is not None and not sha256:
        sha256 = _sha(path)
    if marks.sha256 and sha256 == marks.sha256:
        return IS_REFERENCE, None
    if path is not None and _may_be_ledger(Path(path), doc):
        from .export.checklist_read import duban_ledger

        if duban_ledger(Path(path)):
            unit = returned_by_a_unit(Path(path), doc)
            if not unit:
                return IS_CHECKLIST, None
            # a unit's reply on our ledger: every cell is its row's task or answer, nothing the notice
            # pasted in (a reply giving only 佐证材料 is no "answered form" to ``own_part``); named
            # only by its answered rows, the unit is that body
            if doc is not None and doc.status.is_ok and not doc.unit and unit != _file_unit(path):
                doc = replace(doc, unit=unit)
            return "", doc
    if doc is None or not doc.status.is_ok:
        return "", doc
    from .own_part import split_reference

    split = split_reference(doc, marks.text, marks.tasks)
    if split.holds and split.own is None:        # (almost) all reference: a copy of the notice
        return IS_REFERENCE, None
    if split.own is not None:            # the reference pasted in, and a reply of its own: that part
        if any(p.is_content and not p.label for p in doc.passages):
            from .classify import label_document    # labelled whole, as a batch worker labels it

            split = split_reference(label_document(doc), marks.text, marks.tasks)
        return "", split.own
    if marks.text and same_text(doc.text, marks.text):
        return IS_REFERENCE, None
    # most task texts word for word is the notice only where its text is not at hand (a ledger or a
    # Checklist as reference) and the document directs rather than reports: a unit's reply quoting
    # every task before its answer (review7 H1) is a reply, and with the notice as reference
    # ``same_text``/``split_reference`` already find a copy of it
    if not marks.text and doc.kind != "report" and holds_the_tasks(doc, marks.tasks):
        return IS_REFERENCE, None
    return (ABOUT_UNITS, None) if inspected_units(doc, marks.actors) else ("", doc)


_INSPECTION_BODY = re.compile(r"(?:督查|督导|督察|检查|巡察|巡视|考核|暗访)组|督查室|督导室")
_BODY_HEADING = re.compile(r"[\u4e00-\u9fff]{1,20}?(?:区|县|市|州|镇|乡|街道|局|委|办|厅|中心|政府|公司|学校|中学|小学)")
_NOT_BODY = re.compile(r"问题|情况|建议|做法|工作|措施|成效|经验|意见|打算|总体|基本")


def inspected_units(doc: Document, actors: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The units a 督查组/督导组/检查组 report is about, when it is about others (QA10 N11): its unit
    is an inspection team that no task of the checklist names (``actors``), and at least two of
    its top-level headings are bodies ("一、东湖区", "三、市住房和城乡建设局"). Such a report
    inspects units; assessed as a unit, their work became its 已落实. () for any other report (a
    督导组 answering the tasks given to 督导组s, as in the seed speech, is a unit)."""
    from .actors import same_body
    from .gap_unit import unit_of

    unit = unit_of(doc)
    named = [part.removeprefix("各") for a in actors for part in re.split(r"[、，,和及]", a) if part]
    if not _INSPECTION_BODY.search(unit) or any(same_body(a, unit) or a in unit for a in named if a):
        return ()
    bodies = []
    for p in doc.passages:
        if p.kind == "heading" and len(p.path) == 1:
            title = _words(p.text.removeprefix(p.marker or ""))
            if _BODY_HEADING.fullmatch(title) and not _NOT_BODY.search(title):
                bodies.append(title)
    return tuple(bodies) if len(bodies) >= 2 else ()


def units_only(marks: ReferenceMarks, submissions) -> tuple[list[Document], list[tuple[str, str, str]]]:
    """The documents to assess among ``submissions`` ((path or None, Document) pairs, read), and
    (source, reason, detail) of those set aside, in order: ``set_aside`` on each (a reply holding the
    pasted reference is kept cut to its own part, reason ``holds_reference`` listed too), then
    reports superseded by their unit's revision (``report_versions``; detail: the revision's
    source). ``duban gaps`` and ``pipeline.gaps`` share it; ``duban batch`` applies the same two
    functions to its workers' results."""
    from .report_versions import SUPERSEDED_BY, superseded

    kept: list[Document] = []
    notes: list[tuple[str, str, str]] = []
    for path, doc in submissions:
        reason, own = set_aside(marks, path=path, doc=doc)
        if reason:
            notes.append((doc.source, reason, ""))
            continue
        if cut_to_own_part(doc, own):
            notes.append((doc.source, "holds_reference", ""))
        kept.append(own if own is not None else doc)
    replaced = superseded(kept)
    for k, newer in sorted(replaced.items()):
        notes.append((kept[k].source, SUPERSEDED_BY, kept[newer].source))
    return [d for k, d in enumerate(kept) if k not in replaced], notes


_SAID = {
    IS_REFERENCE: "the reference itself, not assessed as a unit",
    IS_CHECKLIST: "a checklist ledger, not assessed as a unit",
    IS_OUTPUT: "written by duban (an earlier run's output), not read as a reply",
    ABOUT_UNITS: "an inspection team's report on other units, not a unit's self-report: listed, not assessed",
    "holds_reference": "holds the reference pasted in: assessed on its own part only (the pasted passages are "
                       "no evidence), its unit read from that part",
}


def describe(reason: str, by: str = "") -> str:
    """What stderr says of a submission set aside (or cut) for ``reason`` (``by``: the report that
    supersedes it)."""
    if reason == "superseded_by":
        return f"superseded by {by} (the same unit's later or revised report, assessed instead)"
    return _SAID.get(reason, reason)


def describe_outputs(names) -> list[str]:
    """Lines naming duban's own outputs once per folder: "结果_6月/: 7 files duban wrote (gaps.md, …)"."""
    folders: dict[str, list[str]] = {}
    lines = []
    for name in names:
        if name.endswith("/"):
            lines.append(f"{name}: a folder duban wrote (an earlier run's output), not read as replies")
            continue
        parent, _, base = name.rpartition("/")
        folders.setdefault(parent, []).append(base)
    for parent, files in folders.items():
        shown = "、".join(files[:5]) + ("…" if len(files) > 5 else "")
        where = f"{parent}/" if parent else "."
        lines.append(f"{where}: {len(files)} file(s) duban wrote ({shown}), not read as replies")
    return lines


def returned_by_a_unit(path: Path, doc: Document | None = None) -> str:
    """The unit whose reply our ledger at ``path`` is, "" for the office's own copy (``is_checklist``).
    The usual 督查督办 loop: the office sends the 台账 round, each unit fills 落实情况 on its own rows
    and returns it ("白沙乡_任务台账.xlsx", or a 填报单位 line). A ledger is a unit's reply when it carries
    answers the office's copy would not: its file name or the file (``doc``, as read) names a body and
    any row has a 落实情况/佐证材料 answer, or its answered rows are one body's tasks (review7 M3, QA12
    H3: "most tasks answered" dropped the 住建局 that filled its 5 of 14). ``ledger_replies`` says how
    the office's copy, blank or with its own progress notes, differs."""
    from .ledger_replies import replying_unit

    return replying_unit(path, doc)


def cut_to_own_part(doc: Document | None, own: Document | None) -> bool:
    """Whether ``set_aside`` returned ``doc`` cut to its own part (the reference pasted in: reason
    ``holds_reference``), rather than as it is or only with its unit named (a ledger returned by the
    body whose rows it answers)."""
    return doc is not None and own is not None and own.passages is not doc.passages


def _file_unit(path) -> str:
    from .gap_unit import file_name_unit

    return file_name_unit(Path(path).name)


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
    """The text of a speech or notice given as the reference ("" for a ledger, Word ledgers included,
    or a Document): a ledger's text is its task cells, not the notice's (qa11 R1: with a Word ledger
    as -r, the notice among the replies was judged by that text, missed, and assessed as a unit)."""
    path = reference_file(reference)
    if path is None or path.suffix.lower() in (".xlsx", ".csv", ".json"):
        return ""
    if path.suffix.lower() == ".docx":
        from .export.checklist_read import duban_ledger

        if duban_ledger(path):
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


__all__ = ["units_only", "ABOUT_UNITS", "describe", "describe_outputs", "IS_CHECKLIST", "inspected_units", "IS_OUTPUT", "IS_REFERENCE", "set_aside", "ReferenceMarks", "answered_form", "cut_to_own_part", "returned_by_a_unit", "file_digest", "holds_the_tasks",
           "reference_marks", "reference_text", "same_text", "set_aside_reason"]
