"""Which of the reports handed to ``pipeline.gaps`` are units' reports (the notebook's way in).

``duban gaps`` and ``duban batch`` decide the same things on files before and after reading them;
this is the same order for a list of paths and Documents: duban's own outputs are never read
(QA10 N6), a byte-identical copy of another report is one unit (QA12 M3), and then
``reference_copies.units_only`` (the notice itself, a ledger, a 督查组's report on other units, a
superseded version; a reply holding the pasted notice is cut to its own part).
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from .model import Document

_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()     # every empty file has these bytes: no copies among them


def reports_to_assess(reference, checklist, reports: Sequence[Path | str | Document],
                      read: Callable[[Path | str | Document], Document]
                      ) -> tuple[tuple[Document, ...], tuple[tuple[str, str], ...]]:
    """The documents to assess (``read`` gives each report's labelled Document) and the (source,
    reason) of the reports set aside, with batch's manifest reason codes."""
    from .copy_names import copies_of
    from .own_outputs import batch_folder, is_own_output
    from .reference_copies import reference_marks, units_only

    aside: list[tuple[str, str]] = []
    # every file goes by the name ``duban gaps`` gives it (qa13 S2): its path inside the folder it was
    # found in (``analysis.FolderFile``), else its file name and as many parent folders as tell it apart
    files = [r for r in reports if not isinstance(r, Document)]
    named = dict(zip(map(id, files), report_names([Path(r) for r in files],
                                                  [getattr(r, "within", None) for r in files])))
    own = [r for r in files if Path(r).is_file() and is_own_output(r)]
    # a batch folder is listed once, as batch's manifest lists it
    names = [batch_folder_name(named[id(r)], r, folder) if (folder := batch_folder(r)) is not None else named[id(r)]
             for r in own]
    aside.extend((name, "is_output") for name in dict.fromkeys(names))
    reports = [r for r in reports if not any(r is o for o in own)]
    docs = [read(r) if isinstance(r, Document) else replace(read(r), source=named[id(r)]) for r in reports]
    same = copies_of([(d.sha256, Path(d.source).suffix.lower()) if d.sha256 not in ("", _EMPTY_SHA256) else None
                      for d in docs], [d.source for d in docs])
    aside.extend((docs[k].source, "duplicate_of") for k in same)
    reports = [r for k, r in enumerate(reports) if k not in same]
    docs = [d for k, d in enumerate(docs) if k not in same]
    if not docs:
        return (), tuple(aside)
    paths = [None if isinstance(r, Document) or not Path(r).is_file() else Path(r) for r in reports]
    kept, notes = units_only(reference_marks(reference, checklist), list(zip(paths, docs)))
    aside.extend((source, reason) for source, reason, _ in notes if reason != "holds_reference")
    return tuple(kept), tuple(aside)


def batch_folder_name(name: str, path, folder: Path) -> str:
    """The name of the batch output ``folder`` holding the file ``path`` named ``name`` ("上月结果/批量/")."""
    inside = Path(path).relative_to(folder).as_posix()
    return (name[: len(name) - len(inside)] if name.endswith(inside) else f"{folder}/") or "./"


def report_names(paths: list[Path], within: list[str | None] | None = None) -> list[str]:
    """The name each report goes by in the outputs. ``within`` holds a file's path inside the folder
    it was found in (None for a file named on the command line): that is its name, as ``duban batch``
    names reports by their path inside the input folder. A file named on its own, and files whose
    paths inside two given folders are the same ("a/报告.txt" and "b/报告.txt" from folders a and b),
    go by their file name and as many of their parent folders as it takes to tell them apart."""
    by_path = _suffix_names(paths)
    if within is None:
        return by_path
    names = [own if own is not None else other for own, other in zip(within, by_path)]
    files = [os.path.abspath(p) for p in paths]
    holders: dict[str, set[str]] = {}
    for name, file in zip(names, files):
        holders.setdefault(name, set()).add(file)
    names = [other if len(holders[name]) > 1 else name for name, other in zip(names, by_path)]
    taken: dict[str, set[str]] = {}
    for name, file in zip(names, files):
        taken.setdefault(name, set()).add(file)
    # a folder's "sub/报告.txt" may still meet another file's parent-folder name: name all by path
    return by_path if any(len(f) > 1 for f in taken.values()) else names


def _suffix_names(paths: list[Path]) -> list[str]:
    """Each file's name, or as many of its parent folders as it takes to tell it from another file
    of the same name ("a/报告.txt" and "b/报告.txt")."""
    from .manifest import escaped_name, readable_path

    parts = [Path(os.path.abspath(p)).parts for p in paths]
    suffixes = Counter(p[-n:] for p in set(parts) for n in range(1, len(p) + 1))

    def name(own: tuple[str, ...]) -> str:
        n = next((n for n in range(1, len(own) + 1) if suffixes[own[-n:]] == 1), len(own))
        return Path(*own[-n:]).as_posix()

    # a GBK file name is shown decoded, as batch shows it; escaped (\xNN) where that would read the same
    # as another report's name
    raw = [name(own) for own in parts]
    shown = [readable_path(r) for r in raw]
    repeated = Counter(shown)
    return [escaped_name(r) if repeated[s] > 1 else s for r, s in zip(raw, shown)]


__all__ = ["batch_folder_name", "report_names", "reports_to_assess"]
