"""Which of the reports handed to ``pipeline.gaps`` are units' reports (the notebook's way in).

``duban gaps`` and ``duban batch`` decide the same things on files before and after reading them;
this is the same order for a list of paths and Documents: duban's own outputs are never read
(QA10 N6), a byte-identical copy of another report is one unit (QA12 M3), and then
``reference_copies.units_only`` (the notice itself, a ledger, a 督查组's report on other units, a
superseded version; a reply holding the pasted notice is cut to its own part).
"""
from __future__ import annotations

import hashlib
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
    own = [r for r in reports if not isinstance(r, Document) and Path(r).is_file() and is_own_output(r)]
    # a batch folder is listed once, as batch's manifest lists it
    names = [f"{folder}/" if (folder := batch_folder(r)) is not None else str(r) for r in own]
    aside.extend((name, "is_output") for name in dict.fromkeys(names))
    reports = [r for r in reports if not any(r is o for o in own)]
    docs = [read(r) for r in reports]
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


__all__ = ["reports_to_assess"]
