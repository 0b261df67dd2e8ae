"""Cell-safe text for spreadsheets and Word: no formulas, no control characters, explicit truncation."""
from __future__ import annotations

import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
TRUNCATION_MARK = "…"


def clean_text(text: str) -> tuple[str, int]:
    """Replace XML-illegal control characters and lone surrogates; return (text, n_replaced)."""
    text, n1 = _CONTROL.subn(" ", text)
    text, n2 = _SURROGATE.subn("\ufffd", text)
    return text, n1 + n2


def truncate(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    return text[: limit - 1] + TRUNCATION_MARK, True


def csv_cell(value):
    """OWASP CSV-injection guard: prefix ``'`` to text that a spreadsheet would run as a formula."""
    if isinstance(value, str):
        value, _ = clean_text(value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value
