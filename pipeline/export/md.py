"""Markdown helpers: table cells that can't break the table, and tables from rows."""
from __future__ import annotations

from typing import Sequence

from .safe import clean_text


def md_cell(value, limit: int | None = None) -> str:
    text, _ = clean_text("" if value is None else str(value))
    text = text.replace("|", "｜").replace("\r", " ").replace("\n", "<br>")
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]], limit: int | None = None) -> str:
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(md_cell(v, limit) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
