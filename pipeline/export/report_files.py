"""A batch's report files (checklist and gap table), written by forked children while the caller
writes the results store.

Why this split: at the end of a batch three jobs of similar size remain - gaps.xlsx (a sheet per
report), the other report files, and the store (DuckDB + Parquet, built from every passage of every
report). The store runs in the calling process because it reads every passage: a forked child
reading them writes to their reference counts and so copies each memory page they sit on (a
quarter of a second of system time for a thousand reports). The report files read the gap rows
and the two ledgers; the ledgers are built here before forking, so no child walks the passages.
gaps.xlsx gets a child of its own, the other files share one. The files are the same bytes either
way, and where forking is unsafe (``background.py``) everything runs here, at ``join``.
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
