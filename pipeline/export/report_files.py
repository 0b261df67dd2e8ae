"""A batch's report files (checklist and gap table), written by forked children while the caller
writes the results store.

Why this split: at the end of a batch three jobs of similar size remain - gaps.xlsx (a sheet per
report), the other report files, and the store (DuckDB + Parquet, built from every passage of every
report). gaps.xlsx gets a child of its own, the other report files share one, the store runs in
the calling process. A process forked from the batch copies every memory page it writes to, and
reading a Python object writes its reference count; so each process that walks the passages after
a fork copies the pages they sit on (about 45,000 pages, 0.1-0.3 s of system time, for 667
reports). The problems and exemplars ledgers - listed by five of the files, and built by walking
every passage - are therefore built here once, before forking, and the children only read the gap
rows and the ledger records; the store is the one walk over the passages left after the fork.
The files are the same bytes either way, and where forking is unsafe (``background.py``) everything
runs here, at ``join``.
"""
from __future__ import annotations

from pathlib import Path

from .checklist_files import checklist_jobs
from .files import PendingFiles, start_all
from .gap_files import SharedLedgers, gap_jobs

WORKBOOK = "gaps.xlsx"


def start_reports(checklist, table, out_dir: str | Path) -> PendingFiles:
    """Start writing ``OUT_DIR/checklist/*`` and the gap files of ``table`` into ``out_dir``.

    ``join()`` returns the paths in the order ``write_checklist`` then ``write_gaps`` list them,
    or raises E401 naming every file that could not be written (all are attempted).
    """
    out = Path(out_dir)
    shared = SharedLedgers(table)
    shared.problem_records()
    shared.exemplar_records()
    jobs = checklist_jobs(checklist, out / "checklist") + gap_jobs(shared, out)
    workbook = out / WORKBOOK
    return start_all(jobs, groups=[{workbook}, {path for path, _ in jobs if path != workbook}])


__all__ = ["start_reports"]
