"""A ledger cell's value as ``checklist_read`` puts it into a ``ChecklistItem``.

Cells come as openpyxl gives them (an Excel date cell is a ``datetime``, a number a ``float``), or as
CSV/JSON/Word text: ``cell_str`` writes any of them as text, ``cell_int`` reads a 页码, and
``cell_deadline`` reads a 完成时限 as a due date where it is one, in the year most of the ledger's due
dates fall in (``ledger_year``).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..checklist_due import due_date


def cell_deadline(value, year: str = "") -> dict[str, str]:
    """完成时限 fields of a cell: a date staff typed into Excel (a date cell) or as text ("2026年12月31日",
    "12月31日前": the ledger's ``year``) is a due date, written as ``deadlines`` writes one
    ("2024-06-30前", QA9 L5: an added row's date stayed raw beside the normalised ones); other text
    ("长期坚持", "持续推进", a date already written so) stays as typed."""
    if isinstance(value, dt.date):
        return {"deadline": f"{cell_str(value)}前", "deadline_kind": "date"}
    text = cell_str(value)
    found = due_date(text, f"{year}-01-01" if year else "") if text and not _DUE_WRITTEN.match(text) else None
    if found is not None and found.kind == "date" and _DUE_WRITTEN.match(found.value):
        return {"deadline": found.value, "deadline_text": text, "deadline_kind": "date"}
    return {"deadline": text}


_DUE_WRITTEN = re.compile(r"^(\d{4})-\d{2}-\d{2}前$")      # a due date as ``deadlines`` writes one


def ledger_year(records: list[dict]) -> str:
    """The year most of the ledger's written due dates fall in ("" when none): a date typed without
    one ("12月31日前") takes it, as a notice's dates take the notice's year."""
    years = Counter(match.group(1) for r in records for match in [_DUE_WRITTEN.match(cell_str(r.get("deadline")))] if match)
    return max(sorted(years), key=years.__getitem__) if years else ""


def cell_str(value) -> str:
    """A cell as text: "" for none, a date cell as "2024-06-30", a whole float as an integer."""
    if value is None:
        return ""
    if isinstance(value, dt.date):       # an Excel date cell (openpyxl: datetime at midnight)
        midnight = not isinstance(value, dt.datetime) or value.time() == dt.time()
        return value.strftime("%Y-%m-%d") if midnight else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def cell_int(value) -> int | None:
    """A cell as a whole number (页码), None when empty or not a number."""
    try:
        return int(float(value)) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
