"""Build the .docx sample reports from their text sources (deterministic bytes).

Usage: ``.venv/bin/python corpora/gaps/make_docx.py`` (rewrites ``reports/*.docx`` from
``docx_src/*.txt``). Line directives: ``#title`` centred bold title, ``#h1`` Word "Heading 1",
``#sign`` right-aligned signature line, ``#table a|b|c`` a table row (consecutive rows form one
table, the first is the header); any other line is a body paragraph.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from pipeline.export.docx import DocxDraft, save_docx  # noqa: E402


def build(source: Path) -> DocxDraft:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lines = [line.rstrip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    draft = DocxDraft(title=lines[0].removeprefix("#title ").strip())
    table: list[list[str]] = []
    for line in lines + [""]:
        if line.startswith("#table "):
            table.append(line[len("#table "):].split("|"))
            continue
        if table:
            draft.table(table[0], table[1:])
            table = []
        if not line:
            continue
        if line.startswith("#title "):
            draft.title(line[len("#title "):])
        elif line.startswith("#h1 "):
            draft.heading(line[len("#h1 "):], level=1)
        elif line.startswith("#sign "):
            draft.paragraph(line[len("#sign "):]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            draft.paragraph(line)
    return draft


def main() -> None:
    for source in sorted((HERE / "docx_src").glob("*.txt")):
        target = HERE / "reports" / (source.stem + ".docx")
        save_docx(target, build(source))
        print(target.relative_to(HERE))


if __name__ == "__main__":
    main()
