"""序号 of an edited ledger made unique, and mended where a spreadsheet turned them into numbers.

Staff copy a row in Excel and forget its 序号, or open ``checklist.csv`` in a spreadsheet, which reads
"1.10" as the number 1.1 and saves it so: two tasks "1.1" that the gap table cannot tell apart (and
``GapTable.matrix_frame`` cannot pivot). A shortened id is restored when its neighbours say so ("1.1"
between "1.9" and "1.11" is 1.10: W303); any other repeat gets a suffix, "2.1（2）" (W302). Both
warnings name the ledger row, never its text.

The CSV writer keeps such ids as text in the first place: ``spreadsheet_text`` writes "1.10" (and a
date-like "2-1") as ="1.10", which Excel and LibreOffice show and re-save as the text 1.10;
``unwrap_text`` reads it back.
"""
from __future__ import annotations

import logging
import re

from ..errors import warning

_LOG = logging.getLogger("duban")
# ids a spreadsheet reads as something else: a decimal ending in 0 ("1.10" -> 1.1) or a day ("2-1" -> 2月1日)
_AT_RISK = re.compile(r"^(?:\d+\.\d*0|\d+-\d+)$")
_WRAPPED = re.compile(r'^="([^"]*)"$')
_DECIMAL = re.compile(r"^(\d+)\.([1-9]\d*)$")     # what a shortened "a.b0" looks like: "1.1"
_TRAILING_ZEROS = ("0", "00")


class SpreadsheetText:
    """An id a spreadsheet would read as a number or a date, written to CSV as ="1.10".

    Not a ``str``, so ``safe.csv_cell``'s formula guard leaves it alone: the formula is a constant
    built from our own id (digits, "." and "-"), never from document text.
    """

    __slots__ = ("value",)

    def __init__(self, value: str):
        self.value = value

    def __str__(self) -> str:
        return f'="{self.value}"'


def spreadsheet_text(item_id: str):
    """``item_id`` as a CSV cell that survives a spreadsheet opening and re-saving the file."""
    return SpreadsheetText(item_id) if _AT_RISK.match(item_id) else item_id


def unwrap_text(value: str) -> str:
    """A CSV id cell read back: ="1.10" (not evaluated by the spreadsheet that re-saved it) is 1.10."""
    match = _WRAPPED.match(value)
    return match.group(1) if match else value


def unique_ids(ids: list[str], rows: list[int]) -> list[str]:
    """``ids`` with spreadsheet-shortened ones restored and other repeats suffixed, in order.

    Args:
        ids: the 序号 of each task, in ledger order.
        rows: the ledger row of each (for the warnings).

    Returns:
        ids, all distinct; a warning (W302/W303) is logged for each one changed.
    """
    used = set(ids)
    first: dict[str, int] = {}
    out: list[str] = []
    for k, (item_id, row) in enumerate(zip(ids, rows)):
        restored = _restored(item_id, out[-1] if out else "", ids[k + 1] if k + 1 < len(ids) else "", used)
        if restored:
            _LOG.warning(warning("W303", row=row, old_id=item_id, new_id=restored))
            item_id = restored
        elif item_id in first:
            n = 2
            while f"{item_id}（{n}）" in used:
                n += 1
            _LOG.warning(warning("W302", row=row, first=first[item_id], new_id=_shown(f"{item_id}（{n}）")))
            item_id = f"{item_id}（{n}）"
        used.add(item_id)
        first.setdefault(item_id, row)
        out.append(item_id)
    return out


_ID_LIKE = re.compile(r"[\dA-Za-z.\-（）()]{1,24}")


def _shown(item_id: str) -> str:
    """An id as a warning may print it: ids are numbers ("2.1（2）"); a 序号 cell holding text typed by
    staff is ledger content, which messages never echo."""
    return item_id if _ID_LIKE.fullmatch(item_id) else "(the row's 序号 text, suffixed)"


def _restored(item_id: str, before: str, after: str, used: set[str]) -> str:
    """The id "a.b0" a spreadsheet shortened to ``item_id`` "a.b", when the rows around it are
    a.(b0-1) (or its sub-items) before and a.(b0+1) or a.b0's own sub-items after; else ""."""
    match = _DECIMAL.match(item_id)
    if not match:
        return ""
    parent, number = match.groups()
    for zeros in _TRAILING_ZEROS:
        candidate, ordinal = f"{parent}.{number}{zeros}", int(number + zeros)
        if candidate in used:
            continue
        if (_sibling(before, parent) == ordinal - 1 or _sibling(after, parent) == ordinal + 1
                or after.startswith(candidate + ".")):
            return candidate
    return ""


def _sibling(item_id: str, parent: str) -> int | None:
    """The ordinal of ``item_id`` (or of its ancestor) directly under ``parent``: "1.9.2" -> 9."""
    match = re.match(rf"^{re.escape(parent)}\.(\d+)(?:\.|$)", item_id)
    return int(match.group(1)) if match else None
