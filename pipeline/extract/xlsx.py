"""Excel .xlsx: zip guard first, then openpyxl read-only, each sheet a table of ``table_cell`` blocks.

A unit's 自查表 (序号 | 任务 | 落实情况 | 存在问题) is often sent as a workbook. Each visible,
non-empty worksheet becomes one table whose number in ``Block.cell`` is the sheet's index, so the
form reads exactly like the same form typed into Word (``gap_passages.table_rows``):

* leading rows holding a single non-empty cell (the form's title merged across the sheet, a
  "填报单位：…" line) are ``paragraph`` blocks, so metadata finds the unit and the title; so is a
  leading row of form fields spread over cells ("填报单位：X" | "填报日期：" | 2026-12-11, or
  填报单位 | X), read as the one line Word would show ("填报单位：X 填报日期：2026-12-11"); so are
  trailing single-cell rows merged across the table (a signature line under the form), but never a
  totals row's label ("合计"); a sheet whose every row has at most one cell is read as paragraphs,
  like a one-column Word table;
* empty rows and columns are skipped and the rest renumbered from 0, so (table, row, column) are
  places in the form as the reader sees it;
* a merged range is read once, at its top-left cell; the rows it covers (among the rows kept) are
  the 4th element of ``Block.cell``, as for a Word ``w:vMerge`` restart;
* values are the cached ones (``data_only=True``): a formula cell reads as the value Excel last
  computed, never as its formula and never re-evaluated; a formula-looking string is plain text.
  Dates read YYYY-MM-DD, whole numbers without ".0", error values (#N/A…) as nothing.

Hostile workbooks: the zip guard (``zipguard.check_zip``) caps members and inflation before openpyxl
opens anything; cells are counted while the sheet XML streams in and the workbook is refused as
``too_large`` (E106) past ``Limits.max_sheet_cells``, before its text is gathered. A password-protected
workbook is an OLE container and is refused by sniffing (E104).
"""
from __future__ import annotations

import bisect
import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from functools import partial

from ..config import Limits
from ..errors import error
from ..model import Block, Extraction, Status
from .failure import container_refused, failed, text_too_large
from .txt import finish


class _TooManyCells(Exception):
    """Raised inside the cell stream once the workbook passes ``Limits.max_sheet_cells``."""


@dataclass
class _Sheet:
    """One worksheet's non-empty cells ((row, column) -> text, 1-based) and merged ranges."""

    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)   # min_col, min_row, max_col, max_row


def extract(data: bytes, *, name: str, limits: Limits) -> Extraction:
    """Read an .xlsx; hostile containers are refused before openpyxl sees them."""
    refused = container_refused(data, "xlsx", limits)
    if refused is not None:
        return refused
    workbook, failure = _open(data)
    if failure is not None:
        return failure
    try:
        sheets = read_sheets(workbook, limits)
    except _TooManyCells:
        return _fail(Status.TOO_LARGE, "too_many_cells",
                     error("E106", detail=f"more than {limits.max_sheet_cells} spreadsheet cells"))
    except (KeyError, IndexError, ValueError, TypeError, OSError, zipfile.BadZipFile) as exc:
        return _fail(Status.CORRUPT, f"bad_sheet:{type(exc).__name__}", error("E105", exc=type(exc).__name__))
    finally:
        workbook.close()
    blocks: list[Block] = []
    for index, sheet in sheets:
        blocks.extend(sheet_blocks(sheet, index))
    too_large = text_too_large(blocks, "xlsx", limits)
    if too_large is not None:
        return too_large
    return finish(Extraction(blocks=tuple(blocks), file_type="xlsx"))


_fail = partial(failed, "xlsx")


def _open(data: bytes):
    """openpyxl's read-only workbook (cached values, external links not loaded), or why not."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")      # openpyxl warns about unsupported extensions, data validation…
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False), None
    except OSError as exc:
        if "no valid workbook part" in str(exc):
            # xl/ members but no workbook Excel would open: like a .docx that is "not a Word file"
            return None, _fail(Status.UNSUPPORTED, "not_a_workbook",
                               error("E103", detected="xlsx (an OOXML package with no workbook part)",
                                     hint="Save the form as .xlsx from Excel/WPS, or as .docx, .pdf or .txt"))
        return None, _fail(Status.CORRUPT, "bad_package", error("E105", exc=type(exc).__name__))
    except zipfile.BadZipFile:
        return None, _fail(Status.CORRUPT, "bad_zip", error("E105", exc="BadZipFile"))
    except InvalidFileException:
        return None, _fail(Status.CORRUPT, "bad_package", error("E105", exc="InvalidFileException"))
    except Exception as exc:  # noqa: BLE001 - lxml XMLSyntaxError, KeyError on a missing part…
        return None, _fail(Status.CORRUPT, f"bad_xml:{type(exc).__name__}", error("E105", exc=type(exc).__name__))


# ------------------------------------------------------------------------------------------- reading
def read_sheets(workbook, limits: Limits) -> list[tuple[int, _Sheet]]:
    """(sheet index, cells) of every visible worksheet with a non-empty cell; raises ``_TooManyCells``."""
    budget = [limits.max_sheet_cells]
    out: list[tuple[int, _Sheet]] = []
    for index, worksheet in enumerate(workbook.worksheets):
        if getattr(worksheet, "sheet_state", "visible") != "visible":
            continue             # a hidden sheet holds drop-down lists and lookups, not the form
        sheet = _read_sheet(workbook, worksheet, budget)
        if sheet.cells:
            out.append((index, sheet))
    return out


def _read_sheet(workbook, worksheet, budget: list[int]) -> _Sheet:
    """Stream one sheet's XML, keeping non-empty cells and merged ranges.

    The parser is openpyxl's own (what ``ReadOnlyWorksheet`` iterates with), used directly because
    the read-only worksheet neither exposes merged ranges nor lets cells be counted before it pads
    every row to the declared width.
    """
    from openpyxl.utils import range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser

    sheet = _Sheet()
    with worksheet._get_source() as source, warnings.catch_warnings():
        warnings.simplefilter("ignore")          # "serial value outside the limits for dates"…
        parser = WorkSheetParser(source, worksheet._shared_strings, data_only=True, epoch=workbook.epoch,
                                 date_formats=workbook._date_formats,
                                 timedelta_formats=workbook._timedelta_formats)
        for _, row in parser.parse():
            budget[0] -= len(row)
            if budget[0] < 0:
                raise _TooManyCells
            for cell in row:
                text = cell_text(cell["value"], cell["data_type"], _number_format(workbook, cell["style_id"]))
                if text.strip():
                    sheet.cells[(cell["row"], cell["column"])] = text
        merged = getattr(parser.merged_cells, "mergeCell", None) or ()
    budget[0] -= len(merged)                   # a merged range costs a cell: 10⁶ of them is no form either
    if budget[0] < 0:
        raise _TooManyCells
    for ref in merged:
        try:
            sheet.merges.append(range_boundaries(ref.ref))
        except (TypeError, ValueError):
            continue             # a malformed ref merges nothing
    return sheet


def _number_format(workbook, style_id) -> str:
    """The number format code of a cell's style ("0%", "yyyy-mm-dd"…), "" when unknown."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    if not style_id:
        return ""
    try:
        format_id = workbook._cell_styles[style_id].numFmtId
        if format_id < BUILTIN_FORMATS_MAX_SIZE:
            return BUILTIN_FORMATS.get(format_id, "")
        return workbook._number_formats[format_id - BUILTIN_FORMATS_MAX_SIZE]
    except (IndexError, AttributeError, TypeError):
        return ""


def cell_text(value, data_type: str = "n", number_format: str = "") -> str:
    """A cached cell value as text: dates YYYY-MM-DD, whole numbers without ".0", a number formatted
    as a percentage as Excel shows it ("95%"), errors as ""."""
    if value is None or data_type == "e":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in number_format.split(";")[0]:
        return f"{cell_text(round(value * 100, 10))}%"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


# ------------------------------------------------------------------------------------------- layout
def sheet_blocks(sheet: _Sheet, table: int) -> list[Block]:
    """One sheet's blocks: title paragraphs, then the grid's cells row by row, then a signature."""
    by_row: dict[int, list[int]] = {}
    for row, col in sorted(sheet.cells):
        by_row.setdefault(row, []).append(col)
    rows = list(by_row)
    if all(len(cols) == 1 for cols in by_row.values()):
        # one value a row: a column of paragraphs (a report pasted into column A), not a grid
        return [Block(text=sheet.cells[(row, by_row[row][0])]) for row in rows]
    line = {row: sheet.cells[(row, by_row[row][0])] for row in rows if len(by_row[row]) == 1}
    multi = [i for i, row in enumerate(rows) if len(by_row[row]) > 1]
    for i in multi[:-1]:            # the form's field rows above its header: lines, like the title
        fields = field_row_text([sheet.cells[(rows[i], col)] for col in by_row[rows[i]]])
        if not fields:
            break
        line[rows[i]] = fields
    first = next(i for i, row in enumerate(rows) if row not in line)
    last = max(i for i, row in enumerate(rows) if len(by_row[row]) > 1)
    head, grid = rows[:first], rows[first:last + 1]
    width = {(m[1], m[0]): m for m in sheet.merges}      # (row, col) of an anchor -> its range
    columns = sorted({col for row in grid for col in by_row[row]})
    tail_rows = rows[last + 1:]
    tail_start = 0                                        # tail_rows[tail_start:] are paragraphs
    for i, row in enumerate(tail_rows):
        col = by_row[row][0]
        if i < len(tail_rows) - _TAIL_LINES or not _is_tail_line(sheet, row, col, width.get((row, col)), columns):
            tail_start = i + 1
    grid += tail_rows[:tail_start]
    columns = sorted({col for row in grid for col in by_row[row]})
    blocks = [Block(text=line[row]) for row in head]
    row_number = {row: i for i, row in enumerate(grid)}     # grid is sorted: spans are counted by bisect
    column_number = {col: i for i, col in enumerate(columns)}
    for row in grid:
        for col in by_row[row]:
            merge = width.get((row, col))
            height = bisect.bisect_right(grid, merge[3]) - bisect.bisect_left(grid, merge[1]) if merge else 1
            blocks.append(Block(text=sheet.cells[(row, col)], kind="table_cell",
                                cell=(table, row_number[row], column_number[col], max(1, height))))
    blocks.extend(Block(text=sheet.cells[(row, by_row[row][0])]) for row in tail_rows[tail_start:])
    return blocks


_TAIL_LINES = 6          # signature, date, 联系人… lines under a form: only the last few rows are asked
_BARE_INDEX = re.compile(r"^[（(]?[0-9一二三四五六七八九十]{1,4}[)）.、．]?$")
# the label of a totals row ("合计", "总 计"): a last row of the grid whose other cells are blank or
# hold formulas Excel has not computed, never a line of text under the form
_TOTALS_LABEL = re.compile(r"^(?:合|总|小|累|共)\s*计[：:]?$|^(?:汇\s*总|总\s*数)[：:]?$")
# a form field's label: "填报日期：", "填报单位（盖章）：…"; or one of the usual labels with no colon,
# its value in the next cell ("填报单位 | 石门镇人民政府")
_FIELD_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:[（(][\u4e00-\u9fff]{1,4}[）)])?\s*[：:]")
_BARE_FIELD_LABEL = re.compile(
    r"^(?:(?:填报|报送|自查|申报|填表|报告)(?:单位|部门|日期|时间|人)|单位名称|联系人|联系电话|负责人|"
    r"审核人|分管领导)(?:[（(][\u4e00-\u9fff]{1,4}[）)])?$")


def field_row_text(cells: list[str]) -> str:
    """A row of form fields as one line ("填报单位：城关镇人民政府 | 填报日期： | 2026-12-11" ->
    "填报单位：城关镇人民政府 填报日期：2026-12-11"; "填报单位 | 石门镇人民政府" -> "填报单位：石门镇人民政府"),
    '' when any cell is neither a field nor the value after a label (a table's header row, a task row)."""
    parts: list[str] = []
    awaiting = False                 # the last part is a label whose value is the next cell
    bare = False                     # … a label without its colon: it must have that value
    for cell in (c.strip() for c in cells):
        if _FIELD_LABEL.match(cell) or _BARE_FIELD_LABEL.match(cell):
            if bare:
                return ""            # "单位名称 | 联系人 | 联系电话": a contact table's header, not fields
            bare = not _FIELD_LABEL.match(cell)
            parts.append(cell + "：" if bare else cell)
            awaiting = parts[-1].endswith((":", "："))
        elif awaiting:
            parts[-1] += cell
            awaiting = bare = False
        else:
            return ""
    return "" if bare else " ".join(parts)


def _is_tail_line(sheet: _Sheet, row: int, col: int, merge, columns: list[int]) -> bool:
    """Whether a single cell under the form is a line of text (signature, date) rather than a last row.

    It is when merged across the grid, or typed into the first column without being a bare 序号; never
    when a range merged down from a row above covers its row (the cell is that task's continuation).
    """
    if any(m[1] < row <= m[3] for m in sheet.merges):
        return False
    text = sheet.cells[(row, col)].strip()
    if _TOTALS_LABEL.match(text):
        return False
    if _spans_grid(merge, columns):
        return True
    return col == columns[0] and not _BARE_INDEX.match(text)


def _spans_grid(merge, columns: list[int]) -> bool:
    """Whether a merged range covers at least half of the grid's columns (a line across the form)."""
    if merge is None or not columns:
        return False
    min_col, _, max_col, _ = merge
    return sum(1 for c in columns if min_col <= c <= max_col) * 2 >= len(columns)
