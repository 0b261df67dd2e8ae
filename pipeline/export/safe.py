"""Cell-safe text for spreadsheets and Word: no formulas, no control characters, explicit truncation."""
from __future__ import annotations

import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# bidirectional embeddings, overrides and isolates: a cell holding U+202E shows its text reversed in
# Excel and Word (a task read back from an edited ledger has not been through ingestion's clean-up)
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_UNCLEAN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")    # any of the three
TRUNCATION_MARK = "…"


def clean_text(text: str) -> tuple[str, int]:
    """Replace XML-illegal control characters and lone surrogates, drop bidirectional controls;
    return (text, n_replaced)."""
    # Why the first scan: nearly every cell is clean, and one search costs a third of the
    # substitutions (a batch's gap workbook has some 90,000 text cells)
    if _UNCLEAN.search(text) is None:
        return text, 0
    text, n1 = _CONTROL.subn(" ", text)
    text, n2 = _SURROGATE.subn("\ufffd", text)
    text, n3 = _BIDI.subn("", text)
    return text, n1 + n2 + n3


def truncate(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    return text[: limit - 1] + TRUNCATION_MARK, True


# Excel on Chinese Windows opens a .csv without a byte-order mark as GBK and shows UTF-8 text as
# mojibake; with the mark it reads UTF-8. pandas, csv with "utf-8-sig" and our readers skip it.
CSV_BOM = "\ufeff"


def csv_text(header, rows, *, bom: bool = True) -> str:
    """A whole .csv: the byte-order mark (unless ``bom`` is off), ``header``, then ``rows`` (values
    ``csv_cell`` guards here)."""
    import csv
    import io

    buffer = io.StringIO(CSV_BOM if bom else "")
    buffer.seek(0, io.SEEK_END)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def csv_cell(value):
    """OWASP CSV-injection guard: prefix ``'`` to text that a spreadsheet would run as a formula."""
    if isinstance(value, str):
        value, _ = clean_text(value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


# --- cell preparation shared by the xlsx/docx/csv writers (outputs helper) -------------------------

import datetime as _dt
from dataclasses import dataclass as _dataclass

EXCEL_CELL_LIMIT = 32_767          # Excel's hard limit for one cell
EXCEL_TEXT_LIMIT = EXCEL_CELL_LIMIT - 1   # 32,766 characters of text, then the "…" mark
SHEET_NAME_LIMIT = 31
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
SHANGHAI = _dt.timezone(_dt.timedelta(hours=8), "Asia/Shanghai")


@_dataclass
class SanitizeStats:
    """Running counts a writer reports: characters replaced and cells truncated."""

    sanitized_chars: int = 0
    truncated_cells: int = 0

    def add(self, other: "SanitizeStats") -> None:
        self.sanitized_chars += other.sanitized_chars
        self.truncated_cells += other.truncated_cells


def cell_text(value, stats: SanitizeStats | None = None, *, limit: int = EXCEL_TEXT_LIMIT) -> tuple[str, bool]:
    """Text fit for one spreadsheet/Word cell: cleaned, then truncated explicitly.

    Returns ``(text, truncated)``; the cell holds at most ``limit`` characters plus ``…``.
    """
    text = "" if value is None else str(value)
    text, n_replaced = clean_text(text)
    text, was_cut = truncate(text, limit + 1) if len(text) > limit else (text, False)
    if stats is not None:
        stats.sanitized_chars += n_replaced
        stats.truncated_cells += int(was_cut)
    return text, was_cut


def naive_shanghai(value: _dt.datetime) -> _dt.datetime:
    """Excel has no time zones: convert aware datetimes to naive Asia/Shanghai wall time."""
    if value.tzinfo is None:
        return value
    return value.astimezone(SHANGHAI).replace(tzinfo=None)


def sheet_names(titles) -> list[str]:
    """Sanitised, ≤31-char, case-insensitively unique sheet names, in input order (deterministic).

    ``[]:*?/\\`` are removed; a name that would collide with an earlier one gets ``~1``, ``~2`` … with
    the stem shortened so the suffix always fits (never a silent cut into a collision).
    """
    used: set[str] = set()
    names = []
    for title in titles:
        base, _ = clean_text(str(title or ""))
        base = _SHEET_BAD.sub("", base).strip().strip("'") or "Sheet"
        name = base[:SHEET_NAME_LIMIT]
        counter = 0
        while name.casefold() in used:
            counter += 1
            suffix = f"~{counter}"
            name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def uncsv_cell(value: str) -> str:
    """Undo ``csv_cell``'s guard when reading our own CSV back."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def utf8_bytes(text: str) -> bytes:
    """UTF-8 for text files; lone surrogates (unencodable) become U+FFFD instead of crashing."""
    try:                       # a text without lone surrogates encodes as it is: no scan of its megabytes
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")
