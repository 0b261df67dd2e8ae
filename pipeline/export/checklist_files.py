"""Checklist outputs: Word draft (任务清单), Excel ledger (台账), Markdown, CSV and JSON.

Everything a writer emits comes from the Checklist alone and is written atomically; the same
checklist gives byte-identical files (fixed document properties, no timestamps).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .. import __version__
from ..model import LABEL_ZH
from .checklist_ids import spreadsheet_text
from .checklist_read import EXPORTED_TITLE, LEDGER_COLUMNS
from .docx import DocxDraft, save_docx
from .md import md_table, md_text
from .files import WrittenFiles, text_job, write_all  # noqa: F401 (WrittenFiles re-exported)
from .safe import EXCEL_TEXT_LIMIT, clean_text, csv_text
from .xlsx import Column, SheetSpec, save_book

CSV_FIELDS = ("id", "text", "title", "label", "actor", "deadline", "deadline_text", "deadline_kind", "source",
              "path", "page", "section", "kind", "progress", "proof", "exported_title")
LEDGER_WIDTHS = {"序号": 7, "任务要求": 60, "责任主体": 12, "完成时限": 14, "落实情况": 30, "佐证材料": 20,
                 "任务简称": 28, "类别": 7, "来源": 16, "条目层级": 14, "页码": 6, "截断": 6}
GROUP_FILL = "#EDEDED"
# The Word 任务台账: the table ``checklist_read`` reads back (the ☐ list above it is for reading), so it
# carries the 任务简称 staff may edit; 原任务简称 comes from the ☐ line (see ``checklist_read``).
# Its columns are the xlsx ledger's first seven, in the same order (任务简称 last: a column added
# after the six the Word table had, so the others keep their places).
WORD_LEDGER = tuple(header for header, _ in LEDGER_COLUMNS[:7])
WORD_LEDGER_CM = (1.2, 5.4, 1.8, 1.8, 1.6, 1.4, 2.4)      # 15.6 cm: the A4 official page's text width


def write_checklist(checklist, out_dir: str | Path) -> WrittenFiles:
    """Write checklist.{docx,xlsx,md,csv,json} into ``out_dir``; returns the paths."""
    return write_all(checklist_jobs(checklist, out_dir))


def checklist_jobs(checklist, out_dir: str | Path) -> list:
    """The ``(path, writer)`` jobs behind ``write_checklist`` (``files.write_all`` runs them)."""
    out = Path(out_dir)
    jobs = [
        (out / "checklist.docx", lambda path: save_docx(path, checklist_docx(checklist))),
        (out / "checklist.xlsx", lambda path: save_book(path, lambda book: add_ledger(book, checklist),
                                                        title="任务清单")),
    ]
    for name, render in (("checklist.md", checklist_markdown), ("checklist.csv", checklist_csv),
                         ("checklist.json", checklist_json)):
        jobs.append((out / name, text_job(render, checklist)))
    return jobs


def ledger_row(item) -> list:
    """One ledger row in ``LEDGER_COLUMNS`` order."""
    text, _ = clean_text(item.text)
    values = {"id": item.id, "text": item.text, "actor": item.actor, "deadline": item.deadline,
              "progress": item.progress, "proof": item.proof, "title": item.title,
              "label": LABEL_ZH.get(item.label, item.label), "source": item.source, "path": " / ".join(item.path),
              "page": item.page, "truncated": "是" if len(text) > EXCEL_TEXT_LIMIT else ""}
    return [values[field] for _, field in LEDGER_COLUMNS]


def ledger_sheet(checklist) -> SheetSpec:
    """The 台账 sheet: ``LEDGER_COLUMNS`` plus the 任务简称 as written (hidden by ``add_ledger``), which
    lets ``checklist_read`` tell an edited 任务简称 from one left stale by an edit of 任务要求."""
    columns = [Column(header, LEDGER_WIDTHS.get(header, 12)) for header, _ in LEDGER_COLUMNS]
    columns.append(Column(EXPORTED_TITLE[0], LEDGER_WIDTHS["任务简称"]))
    return SheetSpec(name="任务清单", columns=columns, rows=[ledger_row(i) + [i.title] for i in checklist.items],
                     row_formats=[GROUP_FILL if i.kind == "group" else None for i in checklist.items])


def add_ledger(book, checklist) -> None:
    """Write the 台账 sheet into ``book`` with its last (exported-title) column hidden."""
    last = len(LEDGER_COLUMNS)
    book.add_table(ledger_sheet(checklist)).set_column(last, last, None, None, {"hidden": True})


def checklist_docx(checklist) -> DocxDraft:
    """任务清单 in official style: title, source line, ☐ items grouped by section, then the ledger
    (``WORD_LEDGER`` columns)."""
    draft = DocxDraft(title="任务清单")
    draft.title("任务清单")
    draft.paragraph("来源：" + "、".join(checklist.sources), size=12)
    for section, depth, items in _sections(checklist):
        draft.heading(section, level=min(depth, 3))
        for item in items:
            meta = "；".join(x for x in (f"责任主体：{item.actor}" if item.actor else "",
                                          f"完成时限：{item.deadline}" if item.deadline else "") if x)
            draft.paragraph(f"☐ {item.id}　{item.title}" + (f"（{meta}）" if meta else ""), bold=True)
            draft.paragraph(item.text)
    draft.heading("任务台账", level=1)
    rows = [ledger_row(i)[:len(WORD_LEDGER)] for i in checklist.items]
    table = draft.table(list(WORD_LEDGER), rows, widths_cm=list(WORD_LEDGER_CM))
    _fixed_columns(table, WORD_LEDGER_CM)
    return draft


def _fixed_columns(table, widths_cm) -> None:
    """Column widths in the table grid too: LibreOffice/WPS lay a table out by its grid (``w:gridCol``),
    not by the cells' widths, and gave each column the same share (任务要求 three characters wide)."""
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)


def checklist_markdown(checklist) -> str:
    parts = ["# 任务清单\n", "来源：" + "、".join(md_text(s) for s in checklist.sources) + "\n"]
    for section, depth, items in _sections(checklist):
        parts.append(f"\n{'#' * min(depth + 1, 5)} {md_text(section)}\n")
        for item in items:
            meta = md_text("，".join(x for x in (item.actor, item.deadline) if x))
            parts.append(f"- [ ] **{md_text(item.id)}** {md_text(item.title)}" + (f"（{meta}）" if meta else "") + "\n")
    parts.append("\n## 任务台账\n\n")
    parts.append(md_table([h for h, _ in LEDGER_COLUMNS[:6]], [ledger_row(i)[:6] for i in checklist.items]))
    return "".join(parts)


def checklist_csv(checklist) -> str:
    def cells(item):
        row = {f: getattr(item, f) for f in CSV_FIELDS[:-1]}
        row["path"] = " / ".join(item.path)
        row["id"] = spreadsheet_text(item.id)      # "1.10" stays 1.10 through Excel/LibreOffice, not 1.1
        row[EXPORTED_TITLE[1]] = item.title
        return ["" if row[f] is None else row[f] for f in CSV_FIELDS]

    return csv_text(CSV_FIELDS, (cells(item) for item in checklist.items))


def checklist_json(checklist) -> str:
    data = {"run": {"generator": f"duban {__version__}", "kind": "checklist"},
            "sources": list(checklist.sources),
            "items": [{**record, EXPORTED_TITLE[1]: record["title"]} for record in checklist.to_records()]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_MARKER_SEPARATOR = re.compile(r"[，,、：:．.\s]*")


def written_heading(item) -> str:
    """An item's marker and title as the speech writes them: "第一，要提高站位抓落实" (the outline's
    marker is "第一" and its title "要提高站位抓落实"; glued, the comma was lost). Marker and title
    are joined directly when the text does not open with them (an edited title)."""
    marker = item.path[-1] if item.path else ""
    text = item.text.lstrip()
    if marker and text.startswith(marker):
        separator = _MARKER_SEPARATOR.match(text, len(marker)).group()
        if text.startswith(item.title, len(marker) + len(separator)):
            return marker + (separator.strip() or separator[:1]) + item.title
    # a table's 序号 ("1") would run into the title: "1.提升作业设计质量"
    return f"{marker}{'.' if marker[-1:].isdigit() else ''}{item.title}"


_TOP_LEVEL = "\x00top"     # block key of top-level tasks (never an item id)


def _sections(checklist):
    """(section heading, depth, items) in outline order: a group item heads its children; a run of
    leaves that resumes a group after a nested group ("2.1.4" after "2.1.3.x") gets its own block
    under the same heading marked （续）, so leaves never jump ahead of the sibling groups; a run of
    top-level tasks is one block, 任务 (其他任务 after other blocks)."""
    blocks: list[tuple[str, int, list]] = []
    headings: dict[str, str] = {}
    current = None
    for item in checklist.items:
        if item.kind == "group":
            key = item.id
            headings[key] = written_heading(item) if item.path else f"{item.id}　{item.title}"
            heading = headings[key]
        else:
            # top-level tasks (一要…四要 with no heading above them, or a notice's paragraphs) share one
            # block: a heading per task only repeated the task's own line (QA: speech_02's five items)
            key = item.id.rsplit(".", 1)[0] if "." in item.id else _TOP_LEVEL
            if key == current:
                blocks[-1][2].append(item)
                continue
            if key == _TOP_LEVEL:
                heading = "其他任务" if blocks else "任务"
            else:
                seen = key in headings or any(b[0] == key for b in blocks)
                heading = headings.get(key) or item.section or key
                heading = f"{heading}（续）" if seen and blocks and current is not None else heading
                headings.setdefault(key, heading)
        blocks.append((heading, key.count(".") + 1, [] if item.kind == "group" else [item]))
        current = key
    return blocks
