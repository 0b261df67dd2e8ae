"""Markdown helpers: table cells that can't break the table, and tables from rows."""
from __future__ import annotations

from typing import Sequence

from .safe import clean_text


def md_cell(value, limit: int | None = None) -> str:
    """One table cell: the text cut to ``limit`` characters, its HTML escaped (a report quoting
    ``<script>`` or a file named ``<b>镇.txt`` must not become markup in a viewer that renders inline
    HTML: QA12 L13), ``|`` made full-width and line breaks ``<br>``."""
    text, _ = clean_text("" if value is None else str(value))
    text = text.replace("\r", " ")
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "｜").replace("\n", "<br>")


def md_text(value) -> str:
    """Text for a Markdown heading or line outside a table: cleaned, HTML escaped, on one line."""
    text, _ = clean_text("" if value is None else str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.splitlines())


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]], limit: int | None = None) -> str:
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(md_cell(v, limit) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
