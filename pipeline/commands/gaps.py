"""``duban gaps --reference SPEECH_OR_CHECKLIST REPORT... -o DIR``: compliance gap table."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from ..gap_inputs import batch_folder_name, report_names
from . import input_files, output_folder


def add_arguments(parser) -> None:
    parser.add_argument("reports", nargs="+", metavar="REPORT", help="unit reports (files or folders)")
    parser.add_argument("-r", "--reference", required=True, metavar="SPEECH_OR_CHECKLIST",
                        help="the speech, or a checklist (.xlsx/.docx/.csv/.json) written by `duban checklist`")
    parser.add_argument("-o", "--output", metavar="DIR", required=True, help="output folder")


def named_inputs(reports) -> tuple[list[Path], list[str]]:
    """The files ``duban gaps`` reads for the REPORT arguments (``input_files``: E001/E002 first) and
    the name of each (``report_names``): a file found in a folder goes by its path inside that folder,
    as ``duban batch`` names it (qa13 S1: a file at the top of a folder with subfolders was
    "filled/X.xlsx" here, "X.xlsx" in batch)."""
    from ..manifest import discover

    files = input_files(reports)
    within: list[str | None] = []
    for raw in reports:
        if Path(raw).is_dir():
            within.extend(item.rel for item in discover(raw) if not item.skip_reason and not item.error)
        else:
            within.append(None)
    if len(within) != len(files):          # the folder changed between the two walks: name by path
        within = [None] * len(files)
    return files, report_names(files, within)


def read_reports(paths: list[Path], names: list[str] | None = None):
    """The reports as Documents named by ``report_names`` (the name in every gap table row)."""
    from dataclasses import replace

    from ..extract import read_path

    names = report_names(paths) if names is None else names
    return [replace(read_path(path), source=name) for path, name in zip(paths, names)]


def distinct_reports(paths: list[Path], names: list[str], reference_sha: str = ""):
    """(paths, names) of the reports to assess, (name, name of the original) of byte-identical copies
    left out, and the names of copies of the reference itself. ``duban batch`` marks a copy
    ``duplicate_of`` and counts it once, so a report saved twice must not become two units here either
    (same rule: same bytes and the same suffix, empty files never count as copies); the notice saved
    among the replies (``reference_sha``, its bytes) would cover every task as a unit, and batch lists
    it ``is_reference``. Of identical files the one kept is the name that does not read as a copy
    (``copy_names``). Each file is hashed once."""
    from ..copy_names import copies_of
    from ..manifest import file_sha256

    keys: list[tuple[str, str] | None] = []
    references: list[int] = []
    for k, path in enumerate(paths):
        try:
            sha, size = file_sha256(path)
        except OSError:                              # unreadable: read_path reports it
            sha, size = "", 0
        is_reference = bool(reference_sha) and sha == reference_sha
        if is_reference:
            references.append(k)
        keys.append(None if is_reference or not size else (sha, path.suffix.lower()))
    same = copies_of(keys, names)
    left_out = set(same) | set(references)
    kept: tuple[list[Path], list[str]] = ([], [])
    for k, (path, name) in enumerate(zip(paths, names)):
        if k not in left_out:
            kept[0].append(path)
            kept[1].append(name)
    return kept, [(names[k], names[o]) for k, o in same.items()], [names[k] for k in references]


def _units_only(reference, checklist, paths: list[Path], documents: list) -> tuple[list, list]:
    """``documents`` without those that are no unit's report, each named on stderr: the notice in
    another format (or beside a ledger reference), ledgers duban wrote, a 督查组's report on other
    units, a report superseded by its unit's revision; a reply holding the pasted notice is kept cut
    to its own part. The rules ``duban batch`` and ``pipeline.gaps`` apply
    (``reference_copies.units_only``; copies of the reference's bytes are already out,
    ``distinct_reports``; duban's own outputs too, ``_own_outputs``). Returns the documents kept and
    the (source, reason) of those set aside (a reply cut to its own part is kept, not listed)."""
    from ..reference_copies import describe, reference_marks, units_only

    marks = reference_marks(reference, checklist, sha256="")
    kept, notes = units_only(marks, list(zip(paths, documents)))
    for source, reason, detail in notes:
        print(f"duban: {source}: {describe(reason, detail)}", file=sys.stderr)
    return kept, [(source, reason) for source, reason, _ in notes if reason != "holds_reference"]


def _own_outputs(paths: list[Path], names: list[str]) -> tuple[tuple[list[Path], list[str]], list[str]]:
    """``paths`` (and their names) without the files duban wrote (QA10 N6: an earlier run's gaps.md,
    problems.csv … among the replies were assessed as units), named on stderr once per folder; and
    the names set aside (a batch folder once, "批量/")."""
    from ..own_outputs import is_own_output
    from ..reference_copies import describe_outputs

    from ..own_outputs import batch_folder

    kept: tuple[list[Path], list[str]] = ([], [])
    aside: list[str] = []
    for path, name in zip(paths, names):
        if is_own_output(path):
            folder = batch_folder(path)       # a batch folder is named once, as batch names it
            shown = batch_folder_name(name, path, folder) if folder is not None else name
            aside.extend([] if shown in aside else [shown])
        else:
            kept[0].append(path)
            kept[1].append(name)
    for line in describe_outputs(aside):
        print(f"duban: {line}", file=sys.stderr)
    return kept, aside


def run(args) -> int:
    from ..checklist import load_reference
    from ..export.gap_files import write_gaps
    from ..gaps import build_gaps

    from ..analysis import reference_source

    reference_source(args.reference)          # E001/E006/E003 before anything is read
    output_folder(args.output)               # E005 when -o names a file
    reports, report_labels = named_inputs(args.reports)     # E001/E002 for a missing path or an empty folder
    checklist = load_reference(args.reference)        # a bad reference fails before any report is read
    from ..reference_copies import file_digest

    reference_sha = file_digest(args.reference)
    (reports, names), outputs = _own_outputs(reports, report_labels)
    (reports, names), copies, references = distinct_reports(reports, names, reference_sha)
    for name, original in copies:
        print(f"duban: {name}: duplicate_of {original} (same bytes: assessed once)", file=sys.stderr)
    for name in references:
        print(f"duban: {name}: the reference itself, not assessed as a unit", file=sys.stderr)
    documents, not_units = _units_only(args.reference, checklist, reports, read_reports(reports, names))
    table = build_gaps(checklist, documents, set_aside=False)
    aside = ([(name, "is_output") for name in outputs] + [(name, "duplicate_of") for name, _ in copies]
             + [(name, "is_reference") for name in references] + not_units)
    table = replace(table, set_aside=tuple(aside))       # listed in the gap files too
    written = write_gaps(table, args.output)
    failed = [d for d in table.documents if not d.status.is_ok]
    for doc in failed:
        print(f"duban: {doc.source}: {doc.status.value}: {doc.message} (not_assessable)", file=sys.stderr)
    counts = {s: sum(r.status == s for r in table.rows) for s in dict.fromkeys(r.status for r in table.rows)}
    summary = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    print(f"duban: gaps: {len(table.documents)} report(s) x {len(table.checklist.leaves)} tasks: {summary} "
          f"-> {args.output} ({len(written)} files)", file=sys.stderr)
    return 1 if failed else 0
