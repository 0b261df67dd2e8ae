"""The .xlsx reader: sheets as tables, titles as paragraphs, cached values, hostile books."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from pipeline.config import Limits
from pipeline.extract import extract, read_bytes
from pipeline.extract.xlsx import cell_text
from pipeline.model import Status
from tests.fixtures.make import make_ole

FORM = [("序号", "任务", "落实情况", "存在问题"),
        (1, "强化资金保障", "专款专用，设备采购经费全部用于实验室建设。", "无"),
        (2, "保障教师权益", "完善绩效分配方案，3名教师晋升高级职称。",
         "一线教师工作条件仍需改善。"),
        (3, None, "开展安全教育12次。", None)]


def _book(rows, *, title="某某小学自查表", hidden_sheet=False, start_col=1, blank_row=True) -> bytes:
    """A workbook written by openpyxl: title merged over the form, the 任务 of rows 2-3 merged down."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    width = len(rows[0])
    r = 1
    if title:
        ws.cell(1, start_col, title)
        ws.merge_cells(start_row=1, start_column=start_col, end_row=1, end_column=start_col + width - 1)
        r = 3 if blank_row else 2
    first = r
    for values in rows:
        for offset, value in enumerate(values):
            if value is not None:
                ws.cell(r, start_col + offset, value)
        r += 1
    ws.merge_cells(start_row=first + 2, start_column=start_col + 1, end_row=first + 3, end_column=start_col + 1)
    if hidden_sheet:
        lists = wb.create_sheet("lists")
        lists.append(["下拉", "选项"])
        lists.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cells(extraction):
    return {b.cell: b.text for b in extraction.blocks if b.kind == "table_cell"}


def test_xlsx_form_title_is_a_paragraph_and_cells_keep_their_places():
    result = extract(_book(FORM), name="自查表.xlsx")
    assert result.status == Status.OK and result.file_type == "xlsx"
    assert [(b.kind, b.text) for b in result.blocks[:1]] == [("paragraph", "某某小学自查表")]
    cells = _cells(result)
    assert cells[(0, 0, 2, 1)] == "落实情况"
    assert cells[(0, 2, 1, 2)] == "保障教师权益"            # merged down over two rows
    assert cells[(0, 3, 2, 1)] == "开展安全教育12次。"
    assert cells[(0, 1, 0, 1)] == "1"                      # a whole number without ".0"
    assert not any(place[1] == 3 and place[2] == 1 for place in cells)   # the merged continuation


@pytest.mark.parametrize("start_col, blank_row", [(1, True), (3, False), (5, True)])
def test_xlsx_empty_rows_and_columns_are_skipped(start_col, blank_row):
    reference = _cells(extract(_book(FORM), name="a.xlsx"))
    assert _cells(extract(_book(FORM, start_col=start_col, blank_row=blank_row), name="a.xlsx")) == reference


def test_xlsx_hidden_sheet_is_not_read():
    result = extract(_book(FORM, hidden_sheet=True), name="a.xlsx")
    assert "下拉" not in {b.text for b in result.blocks}
    assert {b.cell[0] for b in result.blocks if b.cell} == {0}


@pytest.mark.parametrize(
    "value, data_type, text",
    [(dt.datetime(2024, 12, 10), "d", "2024-12-10"), (dt.datetime(2024, 12, 10, 8, 30), "d", "2024-12-10 08:30"),
     (dt.date(2025, 1, 2), "d", "2025-01-02"), (3.0, "n", "3"), (3.5, "n", "3.5"), (12, "n", "12"),
     (-0.0, "n", "0"), ("#N/A", "e", ""), (None, "n", ""), ("=HYPERLINK(\"x\")", "s", "=HYPERLINK(\"x\")")],
)
def test_xlsx_cell_text_formats(value, data_type, text):
    assert cell_text(value, data_type) == text


@pytest.mark.parametrize("value, number_format, text",
                         [(0.95, "0%", "95%"), (0.123, "0.0%", "12.3%"), (1, "0%", "100%"), (0.07, "0.00", "0.07"),
                          (1234.5, "#,##0.00", "1234.5"), ("95", "0%", "95")])
def test_xlsx_cell_text_percentages_as_shown(value, number_format, text):
    assert cell_text(value, "n", number_format) == text


def test_xlsx_percentage_from_a_written_book():
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["任务", "完成率"])
    wb.active.append(["任务甲", 0.95])
    wb.active["B2"].number_format = "0%"
    out = io.BytesIO()
    wb.save(out)
    assert _cells(extract(out.getvalue(), name="a.xlsx"))[(0, 1, 1, 1)] == "95%"


def test_xlsx_dates_and_numbers_from_a_written_book():
    rows = [("序号", "任务", "完成时间", "落实情况"), (1.0, "任务甲", dt.datetime(2024, 6, 30), 0.25)]
    cells = _cells(extract(_book(rows, title=""), name="a.xlsx"))
    assert [cells[(0, 1, c, 1)] for c in range(4)] == ["1", "任务甲", "2024-06-30", "0.25"]


def test_xlsx_formula_reads_its_cached_value_and_formula_text_stays_text():
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["任务", "落实情况"])
    sheet.write_formula(1, 0, '=HYPERLINK("http://evil.example/x","开展培训")', None, "开展培训")
    sheet.write_string(1, 1, '=HYPERLINK("http://evil.example/y","点此")')
    sheet.write_formula(2, 0, "=1+1", None, 7)             # a stale cache is what Excel showed: never recomputed
    sheet.write_string(2, 1, "已落实")
    book.close()
    cells = _cells(extract(out.getvalue(), name="a.xlsx"))
    assert cells[(0, 1, 0, 1)] == "开展培训"
    assert cells[(0, 1, 1, 1)] == '=HYPERLINK("http://evil.example/y","点此")'
    assert cells[(0, 2, 0, 1)] == "7"
    assert not any("evil.example/x" in text for text in cells.values())


def _raw_book(sheet_xml: str, compression: int = zipfile.ZIP_DEFLATED, *, after: str = "") -> bytes:
    """A minimal valid .xlsx around ``sheet_xml`` (sheetData content; ``after`` follows sheetData)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheetml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheetml}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sheetml}.worksheet+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            f'<Relationships xmlns="{rels_ns}"><Relationship Id="rId1" '
            f'Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml":
            f'<workbook {ns} {rel}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{rels_ns}"><Relationship Id="rId1" '
            f'Type="{office}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": f"<worksheet {ns}><sheetData>{sheet_xml}</sheetData>{after}</worksheet>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return out.getvalue()


def _numbers_sheet(rows: int, cols: int) -> str:
    row = "".join(f"<c><v>{c}</v></c>" for c in range(cols))
    return "".join(f'<row r="{r}">{row}</row>' for r in range(1, rows + 1))


def test_xlsx_raw_book_reads():
    result = extract(_raw_book(_numbers_sheet(2, 3)), name="a.xlsx")
    assert _cells(result) == {(0, r, c, 1): str(c) for r in range(2) for c in range(3)}


def test_xlsx_merged_ranges_count_against_the_cell_limit():
    merges = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(1, 101))
    data = _raw_book(_numbers_sheet(2, 2), after=f"<mergeCells>{merges}</mergeCells>")
    result = extract(data, name="a.xlsx", limits=Limits(max_sheet_cells=50))
    assert (result.status, result.reason) == (Status.TOO_LARGE, "too_many_cells")
    assert extract(data, name="a.xlsx").status == Status.OK


def test_xlsx_over_the_cell_limit_is_too_large_not_read():
    result = extract(_raw_book(_numbers_sheet(20, 10)), name="a.xlsx", limits=Limits(max_sheet_cells=150))
    assert (result.status, result.reason, result.blocks) == (Status.TOO_LARGE, "too_many_cells", ())
    assert result.message.startswith("[E106]")


@pytest.mark.slow
def test_xlsx_a_million_cells_is_refused_quickly():
    import time

    data = _raw_book(_numbers_sheet(10_000, 100), zipfile.ZIP_STORED)   # stored: past the zip guard's ratio check
    started = time.perf_counter()
    result = extract(data, name="big.xlsx")
    assert (result.status, result.reason) == (Status.TOO_LARGE, "too_many_cells")
    assert time.perf_counter() - started < 20


def test_xlsx_a_sheet_inflating_far_past_its_size_is_refused_by_the_zip_guard():
    result = extract(_raw_book(_numbers_sheet(10_000, 100)), name="big.xlsx")
    assert (result.status, result.reason) == (Status.TOO_LARGE, "compression_ratio")


@pytest.mark.parametrize(
    "make, name, status, code",
    [(lambda: _book(FORM)[:2000], "自查表.xlsx", Status.CORRUPT, "[E105]"),                 # a broken zip
     (lambda: make_ole(("EncryptionInfo", "EncryptedPackage")), "自查表.xlsx", Status.ENCRYPTED, "[E104]"),
     (lambda: make_ole(("Workbook",)), "自查表.xls", Status.UNSUPPORTED, "[E103]"),
     (lambda: make_ole(("Workbook",)), "自查表.et", Status.UNSUPPORTED, "[E103]"),
     (lambda: _raw_book('<row r="1"><c t="s"><v>99</v></c></row>'), "a.xlsx", Status.CORRUPT, "[E105]")],
)
def test_xlsx_hostile_books_get_coded_statuses(make, name, status, code):
    doc = read_bytes(make(), name=name)
    assert doc.status == status and doc.message.startswith(code)
    assert "某某" not in doc.message + doc.reason


def test_xlsx_old_spreadsheet_hint_names_xlsx():
    result = extract(make_ole(("Workbook",)), name="a.xls")
    assert ".xlsx" in result.message


def test_xlsx_single_column_sheet_reads_as_paragraphs():
    rows = [("关于落实情况的报告",), ("一、总体情况",), ("我校高度重视。",)]
    import openpyxl

    wb = openpyxl.Workbook()
    for values in rows:
        wb.active.append(values)
    out = io.BytesIO()
    wb.save(out)
    result = extract(out.getvalue(), name="a.xlsx")
    assert [(b.kind, b.text) for b in result.blocks] == [("paragraph", t) for (t,) in rows]


def _sheet_with_tail(tail, *, merge_last_task=False) -> bytes:
    """FORM then ``tail`` rows typed into column A (or a continuation in column C under a merged 任务)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for values in FORM:
        ws.append(list(values))
    if merge_last_task:
        ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row + 1, end_column=2)
    for value, column in tail:
        ws.cell(ws.max_row + 1, column, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "tail, merge_last_task, paragraphs",
    [([("绍兴市某某小学", 1), ("2024年12月10日", 1)], False, ["绍兴市某某小学", "2024年12月10日"]),
     ([("4", 1)], False, []),                                   # a bare 序号 is a last (empty) row of the form
     ([("续写的落实情况。", 3)], True, []),                       # the last task's continuation under its merge
     ([("续写的落实情况。", 3), ("填报人：张三", 1)], True, ["填报人：张三"])],
)
def test_xlsx_lines_under_the_form_are_paragraphs_rows_are_not(tail, merge_last_task, paragraphs):
    result = extract(_sheet_with_tail(tail, merge_last_task=merge_last_task), name="a.xlsx")
    assert [b.text for b in result.blocks if b.kind == "paragraph"] == paragraphs
    cells = [b.text for b in result.blocks if b.kind == "table_cell"]
    assert all(t in cells for t, _ in tail if t not in paragraphs)


def test_xlsx_entity_expansion_in_a_sheet_is_refused_quickly():
    import time

    entities = "".join(["<!ENTITY e0 'lol'>"] + [f"<!ENTITY e{i} '{f'&e{i - 1};' * 10}'>" for i in range(1, 10)])
    data = _raw_book('<row r="1"><c t="inlineStr"><is><t>&e9;</t></is></c><c><v>1</v></c></row>')
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename.endswith("sheet1.xml"):
                blob = f"<!DOCTYPE worksheet [{entities}]>".encode() + blob
            target.writestr(info, blob)
    started = time.perf_counter()
    result = extract(out.getvalue(), name="a.xlsx")
    assert result.status == Status.CORRUPT and result.message.startswith("[E105]")
    assert time.perf_counter() - started < 5
