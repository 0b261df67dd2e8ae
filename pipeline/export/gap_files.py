"""Gap-table outputs: gaps.xlsx (summary matrix, one sheet per unit, 问题清单, 典型经验), gaps.csv (long
format), gaps.md, gaps.json (full text), gaps.html (self-contained heatmap), problems.csv, exemplars.csv.

A report that could not be assessed at all (unreadable, empty, a photo…) is no unit: the workbook,
gaps.md and gaps.html list such files once, under the summary matrix (file, status, coded reason),
instead of giving each a matrix row and a sheet of 无法评估; gaps.csv and gaps.json keep their rows.
The submissions set aside as no unit's report (the notice itself, a blank ledger, an earlier run's
output, a 督查组's report on other units, a superseded version, a byte-identical copy) are listed
there too, with the reason in Chinese, so whoever reads only the workbook sees that every file was
looked at (QA10: they were named on stderr and in the manifest only).
"""
from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..gaps import GAP_COLUMNS, LABELLED_COLUMNS, PROBLEM_COLUMNS, STATUS_ZH, STATUSES
from . import html as html_out
from .files import WrittenFiles, text_job, write_all  # noqa: F401 (WrittenFiles re-exported)
from .json_text import dumps_indented
from .md import md_table, md_text
from .safe import EXCEL_TEXT_LIMIT, clean_text, csv_text, sheet_names
from .xlsx import Column, SheetSpec, print_setup, save_book

COLOURS = html_out.STATUS_COLOURS
UNIT_COLUMNS = (("序号", 7), ("任务简称", 26), ("责任主体", 14), ("对照结果", 10), ("得分", 7),
                ("落实情况（报告原文）", 60), ("出处", 34), ("证据类别", 9), ("截断", 6))
# 单位名称 (unit_name): the unit with its reports pooled and aliases resolved, to filter a unit's entries by
LABELLED_SHEET_COLUMNS = (("单位", 20), ("报告", 20), ("原文", 70), ("所在部分", 20), ("出处", 34), ("截断", 6),
                          ("单位名称", 16))
PROBLEM_SHEET_COLUMNS = (*LABELLED_SHEET_COLUMNS, ("相关任务（自查有差距）", 14))
NOT_ASSESSED_TITLE = "未能评估的文件"
NOT_ASSESSED_HEADER = ("文件", "单位", "状态", "原因")
SET_ASIDE_TITLE = "未作为单位报告评估的文件"
SET_ASIDE_HEADER = ("文件", "原因")
# the reasons of ``GapTable.set_aside`` (the manifest's reason codes), as the workbook's reader reads them
SET_ASIDE_ZH = {
    "is_reference": "参照文件（通知、讲话或任务台账）本身，不是单位报告",
    "is_checklist": "duban 生成的任务台账（办公室的底稿，不是单位交回的答复），不是单位报告",
    "is_output": "duban 以前运行的输出文件，未读取",
    "about_units": "督查组关于其他单位的报告，不是单位自查报告：列出，不评估",
    "superseded_by": "已被同一单位的修订稿或后报版本取代，评估后者",
    "duplicate_of": "与另一文件内容完全相同，只评估一次",
}


def write_gaps(table, out_dir: str | Path) -> WrittenFiles:
    """Write every gap output into ``out_dir``; returns the paths (with sanitising counts)."""
    return write_all(gap_jobs(table, out_dir), in_background={Path(out_dir) / "gaps.xlsx"})


def gap_jobs(table, out_dir: str | Path) -> list:
    """The ``(path, writer)`` jobs behind ``write_gaps``, gaps.xlsx first (``files.write_all`` runs
    them); the jobs share one ``SharedLedgers`` view of ``table``."""
    out = Path(out_dir)
    table = table if isinstance(table, SharedLedgers) else SharedLedgers(table)
    jobs = [(out / "gaps.xlsx", lambda path: save_book(path, lambda book: _build_workbook(book, table),
                                                       title="对照检查表"))]
    renders = (("gaps.csv", gaps_csv), ("gaps.md", gaps_markdown), ("gaps.json", gaps_json),
               ("gaps.html", gaps_html), ("problems.csv", lambda t: _records_csv(t.problem_records(), PROBLEM_COLUMNS)),
               ("exemplars.csv", lambda t: _records_csv(t.exemplar_records(), LABELLED_COLUMNS)))
    jobs += [(out / name, text_job(render, table)) for name, render in renders]
    return jobs


class SharedLedgers:
    """A gap table whose problems and exemplars ledgers are built once, on first use, and then shared.

    Why: five of the gap files list both ledgers, and ``GapTable`` builds them anew on every call
    (about 25 ms for a thousand reports, each time). The writers only read the records. Everything
    else is the table's own (attribute lookups pass through).
    """

    __slots__ = ("table", "_problems", "_exemplars", "_not_assessed")

    def __init__(self, table):
        self.table = table
        self._problems = self._exemplars = self._not_assessed = None

    def not_assessed_records(self) -> list[dict]:
        if self._not_assessed is None:
            self._not_assessed = self.table.not_assessed_records()
        return self._not_assessed

    def problem_records(self) -> list[dict]:
        if self._problems is None:
            self._problems = self.table.problem_records()
        return self._problems

    def exemplar_records(self) -> list[dict]:
        if self._exemplars is None:
            self._exemplars = self.table.exemplar_records()
        return self._exemplars

    def __getattr__(self, name):
        return getattr(self.table, name)


# --- workbook --------------------------------------------------------------------------------------

def _build_workbook(book, table) -> None:
    units = assessed_units(table)
    names = sheet_names(["汇总", *units, "问题清单", "典型经验"])
    _summary_sheet(book, table, names[0])
    by_unit = table.rows_by_unit()
    for unit, name in zip(units, names[1:1 + len(units)]):
        rows = by_unit[unit]
        book.add_table(SheetSpec(
            name=name, columns=[Column(h, w) for h, w in UNIT_COLUMNS],
            rows=[[r.item_id, r.item_title, r.item_actor, STATUS_ZH[r.status], r.score, r.evidence, r.evidence_location,
                   r.evidence_label, _flag(r.evidence)] for r in rows],
            row_formats=[COLOURS[r.status] for r in rows]))
    for records, name, columns in ((table.problem_records(), names[-2], PROBLEM_SHEET_COLUMNS),
                                   (table.exemplar_records(), names[-1], LABELLED_SHEET_COLUMNS)):
        book.add_table(SheetSpec(
            name=name, columns=[Column(h, w) for h, w in columns],
            rows=[[r["unit"], r["report"], r["text"], r["section"], r["location"], _flag(r["text"]),
                   r.get("unit_name", r["unit"]), *([r.get("item_ids", "")] if columns is PROBLEM_SHEET_COLUMNS else [])]
                  for r in records]))


def assessed_units(table) -> list[str]:
    """The units of the matrix and the unit sheets: every unit but the reports not assessed at all."""
    skipped = {r["unit"] for r in table.not_assessed_records()}
    return [u for u in table.units if u not in skipped]


def _summary_sheet(book, table, name: str) -> None:
    """Units × items coloured by status, with counts per unit (right) and per item (bottom, every
    report: the files not assessed are counted there and listed below)."""
    sheet = book.book.add_worksheet(name)
    items = list(table.checklist.leaves)
    header = book.fmt(bold=True, text_wrap=True, bg_color="#D9E1F2", border=1, align="center", valign="vcenter")
    sheet.write_string(0, 0, "单位 \\ 任务", header)
    for c, item in enumerate(items, start=1):
        book.write_value(sheet, 0, c, f"{item.id}\n{_short(item.title)}", header)
    for k, status in enumerate(STATUSES):
        sheet.write_string(0, len(items) + 1 + k, STATUS_ZH[status], header)
    cells = {(r.unit, r.item_id): r.status for r in table.rows}
    units = assessed_units(table)
    status_formats: dict[str, object] = {}     # one lookup per status, not per cell
    for r, unit in enumerate(units, start=1):
        book.write_value(sheet, r, 0, unit, book.fmt(border=1, text_wrap=True))
        statuses = [cells.get((unit, i.id), "") for i in items]
        for c, status in enumerate(statuses, start=1):
            fmt = status_formats.get(status)
            if fmt is None:
                fmt = status_formats[status] = book.fmt(border=1, align="center",
                                                        bg_color=COLOURS.get(status, "#FFFFFF"))
            book.write_value(sheet, r, c, STATUS_ZH.get(status, ""), fmt)
        count_format = book.fmt(border=1)
        for k, status in enumerate(STATUSES):
            sheet.write_number(r, len(items) + 1 + k, statuses.count(status), count_format)
    for k, status in enumerate(STATUSES):
        row = len(units) + 1 + k
        sheet.write_string(row, 0, STATUS_ZH[status], book.fmt(bold=True, border=1, bg_color=COLOURS[status]))
        for c, item in enumerate(items, start=1):
            count = sum(cells.get((u, item.id)) == status for u in table.units)
            sheet.write_number(row, c, count, book.fmt(border=1, align="center"))
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, len(items), 12)
    sheet.set_row(0, 66)
    sheet.freeze_panes(1, 1)
    print_setup(sheet, header_rows=1, header_columns=1)
    legend = len(units) + len(STATUSES) + 2
    skipped = table.not_assessed_records()
    if skipped:
        sheet.write_string(legend, 0, f"{NOT_ASSESSED_TITLE}（{len(skipped)}）", book.fmt(bold=True))
        for c, head in enumerate(NOT_ASSESSED_HEADER):
            sheet.write_string(legend + 1, c, head, book.fmt(bold=True, border=1, bg_color="#D9E1F2"))
        for k, record in enumerate(skipped, start=legend + 2):
            for c, value in enumerate(_not_assessed_cells(record)):
                book.write_value(sheet, k, c, value, book.fmt(border=1))
        legend += len(skipped) + 3
    aside = set_aside_cells(table)
    if aside:
        sheet.write_string(legend, 0, f"{SET_ASIDE_TITLE}（{len(aside)}）", book.fmt(bold=True))
        for c, head in enumerate(SET_ASIDE_HEADER):
            sheet.write_string(legend + 1, c, head, book.fmt(bold=True, border=1, bg_color="#D9E1F2"))
        for k, cells in enumerate(aside, start=legend + 2):
            for c, value in enumerate(cells):
                book.write_value(sheet, k, c, value, book.fmt(border=1))
        legend += len(aside) + 3
    sheet.write_string(legend, 0, "任务", book.fmt(bold=True))
    for k, item in enumerate(items):
        book.write_value(sheet, legend + 1 + k, 0, item.id, book.fmt())
        book.write_value(sheet, legend + 1 + k, 1, item.title, book.fmt())


def _not_assessed_cells(record: dict) -> list[str]:
    """File, unit label, status, coded reason: the message of a ``DubanError`` code, never document text."""
    return [record["report"], record["unit"], record["report_status"], record["reason"]]


def set_aside_cells(table) -> list[list[str]]:
    """File and reason (in Chinese) of each submission set aside as no unit's report."""
    return [[source, SET_ASIDE_ZH.get(reason, reason)] for source, reason in table.set_aside]


def _short(title: str, limit: int = 14) -> str:
    import re

    title = re.sub(r"^(?:督导组|各单位|各级党组织)?要", "", title)
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _flag(text) -> str:
    cleaned, _ = clean_text("" if text is None else str(text))
    return "是" if len(cleaned) > EXCEL_TEXT_LIMIT else ""


# --- text formats ----------------------------------------------------------------------------------

def gaps_csv(table) -> str:
    return _records_csv(table.records(), GAP_COLUMNS)


def _records_csv(records, columns) -> str:
    return csv_text(columns, ([_plain(record.get(c)) for c in columns] for record in records))


def _plain(value):
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value


def gaps_json(table) -> str:
    data = {
        "run": {"generator": f"duban {__version__}", "kind": "gaps"},
        "checklist": table.checklist.to_records(),
        "rows": [{**{c: getattr(r, c) for c in GAP_COLUMNS if c != "status_zh"},
                  "hits": [{"text": h.text, "location": h.location, "label": h.label, "similarity": h.similarity,
                            "path": list(h.path), "page": h.page, "index": h.index} for h in r.hits]}
                 for r in table.rows],
        "problems": table.problem_records(),
        "exemplars": table.exemplar_records(),
        "not_assessed": table.not_assessed_records(),
        "set_aside": [{"report": source, "reason": reason} for source, reason in table.set_aside],
    }
    return dumps_indented(data) + "\n"              # = json.dumps(…, ensure_ascii=False, indent=2, default=str)


def _matrix_rows(table):
    items = list(table.checklist.leaves)
    cells = {(r.unit, r.item_id): r.status for r in table.rows}
    rows = []
    for unit in assessed_units(table):
        statuses = [cells.get((unit, i.id), "") for i in items]
        rows.append((unit, statuses, [statuses.count(s) for s in STATUSES]))
    return items, rows


def gaps_markdown(table) -> str:
    items, rows = _matrix_rows(table)
    parts = ["# 对照检查表\n\n## 汇总\n\n"]
    header = ["单位", *[i.id for i in items], *[STATUS_ZH[s] for s in STATUSES]]
    parts.append(md_table(header, [[u, *[STATUS_ZH.get(s, "") for s in st], *counts] for u, st, counts in rows]))
    parts.append("\n任务：" + "；".join(md_text(f"{i.id} {i.title}") for i in items) + "\n")
    skipped = table.not_assessed_records()
    if skipped:
        parts.append(f"\n## {NOT_ASSESSED_TITLE}（{len(skipped)}）\n\n")
        parts.append(md_table(list(NOT_ASSESSED_HEADER), [_not_assessed_cells(r) for r in skipped]))
    aside = set_aside_cells(table)
    if aside:
        parts.append(f"\n## {SET_ASIDE_TITLE}（{len(aside)}）\n\n")
        parts.append(md_table(list(SET_ASIDE_HEADER), aside))
    shown = set(assessed_units(table))
    for unit, unit_rows in table.rows_by_unit().items():
        if unit not in shown:
            continue
        parts.append(f"\n## {md_text(unit)}\n\n")
        parts.append(md_table(["序号", "任务", "责任主体", "对照结果", "得分", "落实情况", "出处"],
                              [[r.item_id, r.item_title, r.item_actor, STATUS_ZH[r.status], f"{r.score:.3f}",
                                r.evidence, r.evidence_location] for r in unit_rows], limit=400))
    for title, records in (("问题清单", table.problem_records()), ("典型经验", table.exemplar_records())):
        parts.append(f"\n## {title}\n\n")
        parts.append(md_table(["单位", "原文", "出处"], [[r["unit"], r["text"], r["location"]] for r in records]))
    return "".join(parts)


def gaps_html(table) -> str:
    items, rows = _matrix_rows(table)
    esc = html_out.esc
    body = ["<h1>对照检查表</h1>", '<p class="legend">' + "".join(
        f'<span style="background:{COLOURS[s]}">{esc(STATUS_ZH[s])}</span>' for s in STATUSES) + "</p>",
        "<h2>覆盖热力图</h2>"]
    header = ["单位", *[f"{i.id}" for i in items], *[STATUS_ZH[s] for s in STATUSES]]
    matrix = [[u, *[STATUS_ZH.get(s, "") for s in st], *counts] for u, st, counts in rows]
    classes = [["", *["cell"] * len(st), *[""] * len(counts)] for _, st, counts in rows]
    colours = [["", *[COLOURS.get(s, "") for s in st], *[""] * len(counts)] for _, st, counts in rows]
    cells = {(r.unit, r.item_id): r.status for r in table.rows}
    for k, status in enumerate(STATUSES):      # counts per item under the matrix, over every report
        matrix.append([STATUS_ZH[status], *[sum(cells.get((u, i.id)) == status for u in table.units) for i in items],
                       *[""] * len(STATUSES)])
        classes.append(["", *["cell"] * len(items), *[""] * len(STATUSES)])
        colours.append([COLOURS[status], *[""] * len(items), *[""] * len(STATUSES)])
    body.append(html_out.table(header, matrix, cell_classes=classes, cell_colours=colours,
                               header_titles=["", *[i.title for i in items], *[""] * len(STATUSES)]))
    body.append('<p class="small">' + "；".join(esc(f"{i.id} {i.title}") for i in items) + "</p>")
    skipped = table.not_assessed_records()
    if skipped:
        body.append(f"<h2>{NOT_ASSESSED_TITLE}（{len(skipped)}）</h2>")
        body.append(html_out.table(list(NOT_ASSESSED_HEADER), [_not_assessed_cells(r) for r in skipped]))
    aside = set_aside_cells(table)
    if aside:
        body.append(f"<h2>{SET_ASIDE_TITLE}（{len(aside)}）</h2>")
        body.append(html_out.table(list(SET_ASIDE_HEADER), aside))
    shown = set(assessed_units(table))
    for unit, unit_rows in table.rows_by_unit().items():
        if unit not in shown:
            continue
        body.append(f"<h2>{esc(unit)}</h2>")
        body.append(html_out.table(
            ["序号", "任务", "责任主体", "对照结果", "得分", "落实情况", "出处"],
            [[r.item_id, r.item_title, r.item_actor, STATUS_ZH[r.status], f"{r.score:.3f}", r.evidence,
              r.evidence_location] for r in unit_rows],
            cell_colours=[["", "", "", COLOURS[r.status], "", "", ""] for r in unit_rows]))
    for title, records in (("问题清单", table.problem_records()), ("典型经验", table.exemplar_records())):
        body.append(f"<h2>{title}</h2>")
        body.append(html_out.table(["单位", "原文", "出处"], [[r["unit"], r["text"], r["location"]] for r in records]))
    return html_out.page("对照检查表", "\n".join(body))
