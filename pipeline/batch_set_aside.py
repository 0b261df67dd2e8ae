"""Which of a batch's inputs are no unit's report, decided in the parent process (``duban batch``).

Before the workers: duban's own outputs are skipped, never read (``own_outputs_aside``). After them:
the rules ``duban gaps`` and ``pipeline.gaps`` apply (``reference_copies.set_aside``, then
``report_versions.superseded``), on the workers' results, each named on stderr and in the manifest
(``set_aside_results``); a reply holding the pasted notice is assessed again on its own part.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .manifest import ManifestRow
from .model import Document
from .reference_copies import (ABOUT_UNITS, IS_CHECKLIST, IS_OUTPUT, IS_REFERENCE, ReferenceMarks, cut_to_own_part,
                               set_aside)
from .report_versions import SUPERSEDED_BY
from .worker import FileResult


def set_aside_results(tasks, results, rows: dict[int, ManifestRow], marks: ReferenceMarks, stream,
                      checklist=None) -> set[int]:
    """Indexes of the inputs that are no unit's report, their manifest rows given the reason and each
    named on ``stream``: the reference itself (its bytes, its text in another format, the notice beside
    a ledger reference), ledgers duban wrote, a 督查组's report on other units, and a unit's report
    superseded by its revision (QA8 N5, QA9 H2/M6/M7, QA10 N10/N11; the rules ``duban gaps`` and
    ``pipeline.gaps`` apply, ``reference_copies.set_aside`` and ``report_versions.superseded``). A reply
    holding the pasted notice is assessed again here on its own part (QA10 N2)."""
    from .reference_copies import describe

    aside: set[int] = set()
    for task in sorted(tasks, key=lambda t: t.index):
        result = results.get(task.index)
        doc = result.document if result is not None else None
        reason, own = set_aside(marks, path=Path(task.path), sha256=task.sha256 or "", doc=doc)
        if reason:
            aside.add(task.index)
            rows[task.index] = replace(rows[task.index], reason=reason)   # its warnings stay in the message
            print(f"duban: {rows[task.index].path}: {describe(reason)}", file=stream)
        elif cut_to_own_part(doc, own):
            results[task.index] = _reassessed(result, own, checklist)
            rows[task.index] = replace(rows[task.index], reason=HOLDS_REFERENCE, unit=results[task.index].unit)
            print(f"duban: {rows[task.index].path}: {describe(HOLDS_REFERENCE)}", file=stream)
        elif own is not None and own is not doc:
            # a ledger returned by the body whose rows it answers, named nowhere else: assessed as that body
            results[task.index] = _reassessed(result, own, checklist)
            rows[task.index] = replace(rows[task.index], unit=results[task.index].unit)
        elif doc is not None and not rows[task.index].unit:
            # the unit named by the file name only ("市生态环境局.txt"): the manifest says it too (QA10 L-e)
            from .gap_unit import known_unit, unit_of

            rows[task.index] = replace(rows[task.index], unit=known_unit(doc, unit_of(doc)))
    return aside | _superseded(tasks, results, rows, aside, stream)


HOLDS_REFERENCE = "holds_reference"     # manifest reason: assessed on its own part, the notice left out


def _reassessed(result: FileResult, own: Document, checklist) -> FileResult:
    from .gap_unit import unit_of

    return replace(result, document=own, gap_rows=_assessed(checklist, own), unit=unit_of(own))


def _superseded(tasks, results, rows: dict[int, ManifestRow], aside: set[int], stream) -> set[int]:
    """Reports replaced by the same unit's revision (``report_versions``): reason ``superseded_by``, the
    revision's path in the message."""
    from .reference_copies import describe
    from .report_versions import SUPERSEDED_BY, superseded

    assessed = [t.index for t in sorted(tasks, key=lambda t: t.rel) if t.index in results
                and t.index not in aside and results[t.index].document is not None
                and not rows[t.index].duplicate_of]
    replaced = superseded([results[i].document for i in assessed])
    for k, newer in sorted(replaced.items()):
        index, by = assessed[k], rows[assessed[newer]].path
        rows[index] = replace(rows[index], reason=SUPERSEDED_BY, message=f"superseded by {by}")
        print(f"duban: {rows[index].path}: {describe(SUPERSEDED_BY, by)}", file=stream)
    return {assessed[k] for k in replaced}


def own_outputs_aside(inputs: list) -> list:
    """``inputs`` with duban's own outputs skipped (reason ``is_output``, never read: QA10 N6): a folder
    ``duban batch`` wrote is one input (as a hidden folder is), a loose gaps.md/problems.csv … one each."""
    from .own_outputs import batch_folder, is_own_output

    out, folders = [], set()
    for item in inputs:
        folder = None if item.error else batch_folder(item.path)
        if item.skip_reason and folder is None or item.error:
            out.append(item)
            continue
        if folder is not None:
            if folder not in folders:
                folders.add(folder)
                own = item.rel.rstrip("/")
                rel = own[: len(own) - len(item.path.relative_to(folder).as_posix())]
                out.append(replace(item, path=folder, rel=rel or "./", skip_reason=IS_OUTPUT))
            continue
        out.append(replace(item, skip_reason=IS_OUTPUT) if is_own_output(item.path) else item)
    return out


def say_own_outputs(rows, stream) -> None:
    """One stderr line per folder holding duban's own outputs (not one per file)."""
    from .reference_copies import describe_outputs

    for line in describe_outputs([r.path for r in rows if r.reason == IS_OUTPUT]):
        print(f"duban: {line}", file=stream)


def _assessed(checklist, doc: Document) -> tuple:
    if checklist is None:
        return ()
    from .gaps import assess_report

    return tuple(assess_report(checklist, doc))


_NOT_A_UNIT = (IS_REFERENCE, IS_CHECKLIST, IS_OUTPUT, ABOUT_UNITS, SUPERSEDED_BY)


def set_aside_of(manifest_rows) -> tuple[tuple[str, str], ...]:
    """(path, reason) of the inputs read but no unit's report, for the gap files' list (``GapTable.set_aside``):
    the manifest reasons above, and byte-identical copies (``duplicate_of``, assessed once)."""
    return tuple((r.path, "duplicate_of" if r.duplicate_of else r.reason) for r in manifest_rows
                 if r.duplicate_of or r.reason in _NOT_A_UNIT)


__all__ = ["HOLDS_REFERENCE", "own_outputs_aside", "say_own_outputs", "set_aside_of", "set_aside_results"]
