"""Keeping CPython's cycle collector off the objects a batch holds for its whole run.

The collector walks every tracked container of the generation it collects. A batch worker holds
jieba's dictionary and the classifier; the batch parent holds every file's ``Document`` until the
outputs are written (millions of objects for 667 files). None of them needs the collector: they are
freed by reference counting. Yet late in a 667-file run each full collection took 0.25-0.4 s of the
parent's time (two of them in the final output phase, which nothing overlaps), and the walk writes
into every object's header, so a forked output writer (``export/background.py``) copies memory pages
it only reads. ``gc.freeze`` moves the objects alive now into a generation the collector skips;
reference counting frees them as before, and ``gc.unfreeze`` hands them back at the end.
"""
from __future__ import annotations

import gc

# a worker's per-file objects die by reference count; collecting young objects every 700
# allocations (CPython's default) found nothing and cost about 1 ms per file
WORKER_THRESHOLDS = (20_000, 20, 20)


def settle_worker() -> None:
    """After a worker's warm-up: its dictionary and model are permanent; young collections are rarer."""
    gc.freeze()
    gc.set_threshold(*WORKER_THRESHOLDS)


def hold() -> None:
    """Mark everything alive now as long-lived (called as results accumulate and before writing)."""
    gc.freeze()


def release() -> None:
    """Let the collector see the held objects again (the batch is over)."""
    gc.unfreeze()
