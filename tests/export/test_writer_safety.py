"""Reliability cases 37-44 for the checklist and gap writers (xlsx, docx, csv, json, html)."""
from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from pathlib import Path

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.errors import DubanError
from pipeline.export.checklist_files import write_checklist
from pipeline.export.gap_files import write_gaps
from pipeline.export.safe import EXCEL_TEXT_LIMIT, naive_shanghai, sheet_names
from pipeline.gaps import GapRow, GapTable

FORMULAS = ['=HYPERLINK("http://x","点我")', "====第一部分====", "+86 10 1234", "-加强监管", "@SUM(A1)",
            "=1+1"]
CONTROL = "第一页\x0c第二页\x00空\x0b格\ud800尾"


def _checklist(texts) -> Checklist:
    items = tuple(ChecklistItem(id=str(k), text=t, title=t[:20], actor="督导组") for k, t in enumerate(texts, 1))
    return Checklist(items, ("s.txt",))


def _gap_table(units, texts) -> GapTable:
    checklist = _checklist(["督导组要落实督察任务。"])
    rows = tuple(GapRow(unit=u, report=f"{k}.txt", doc_id=str(k), item_id="1", item_text="督导组要落实督察任务。",
                        status="covered", score=0.5, evidence=t, evidence_location=f"{k}.txt | — | p.— | #1")
                 for k, (u, t) in enumerate(zip(units, texts)))
    return GapTable(rows, checklist, ())


def _ledger_values(path: Path, column: str = "任务要求"):
    from openpyxl import load_workbook

    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    cells = [sheet.cell(r, header.index(column) + 1) for r in range(2, sheet.max_row + 1)]
    return cells, sheet, header


def test_xlsx_text_never_becomes_formula(tmp_path):                      # case 37
    write_checklist(_checklist(FORMULAS), tmp_path)
    cells, _, _ = _ledger_values(tmp_path / "checklist.xlsx")
    assert [c.data_type for c in cells] == ["s"] * len(FORMULAS)
    assert [c.value for c in cells] == FORMULAS
    csv_text = (tmp_path / "checklist.csv").read_text(encoding="utf-8")
    for text in FORMULAS:
        assert "'" + text.replace('"', '""') in csv_text


def test_gap_xlsx_evidence_never_formula(tmp_path):
    from openpyxl import load_workbook

    write_gaps(_gap_table([f"单位{k}" for k in range(len(FORMULAS))], FORMULAS), tmp_path)
    book = load_workbook(tmp_path / "gaps.xlsx")
    sheets = [book[name] for name in book.sheetnames[1:1 + len(FORMULAS)]]
    column = [c.value for c in sheets[0][1]].index("落实情况（报告原文）") + 1
    evidence = [sheet.cell(2, column) for sheet in sheets]
    assert [c.data_type for c in evidence] == ["s"] * len(FORMULAS)
    assert [c.value for c in evidence] == FORMULAS
    assert not any(c.data_type == "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


def test_writers_survive_control_characters(tmp_path):                   # case 38
    written = write_checklist(_checklist([CONTROL]), tmp_path)
    assert written.sanitized_chars >= 2 * 4          # xlsx and docx each replaced four characters
    with zipfile.ZipFile(tmp_path / "checklist.xlsx") as z:
        assert "_x000C_" not in z.read("xl/sharedStrings.xml").decode()
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_path / "checklist.docx")).paragraphs)
    assert "第一页 第二页" in text and "\x0c" not in text
    data = json.loads((tmp_path / "checklist.json").read_text(encoding="utf-8"))
    assert data["items"][0]["text"].startswith("第一页")
    gap_written = write_gaps(_gap_table(["单位\x0c甲"], [CONTROL]), tmp_path / "g")
    assert gap_written.sanitized_chars > 0


def test_xlsx_long_cell_truncated_explicitly(tmp_path, recwarn):          # case 39
    long_text = "督" * 40_000
    write_checklist(_checklist([long_text]), tmp_path)
    cells, sheet, header = _ledger_values(tmp_path / "checklist.xlsx")
    assert len(cells[0].value) == EXCEL_TEXT_LIMIT + 1 and cells[0].value.endswith("…")
    assert sheet.cell(2, header.index("截断") + 1).value == "是"
    data = json.loads((tmp_path / "checklist.json").read_text(encoding="utf-8"))
    assert data["items"][0]["text"] == long_text
    assert not [w for w in recwarn if "truncated" in str(w.message)]


def test_sheet_names_sanitised_and_deduplicated(tmp_path):               # case 40
    long_a = "区委先进性教育活动第一督导组关于学习动员阶段督导工作情况的报告甲"
    long_b = long_a[:-1] + "乙"
    names = sheet_names([long_a, long_b, "a[b]:c*d?e/f\\g", "汇总"])
    assert names[0] != names[1] and all(len(n) <= 31 for n in names)
    assert names[1].endswith("~1") and names[2] == "abcdefg"
    from openpyxl import load_workbook

    write_gaps(_gap_table([long_a, long_b, "汇总"], ["x", "y", "z"]), tmp_path)
    sheets = load_workbook(tmp_path / "gaps.xlsx").sheetnames
    assert len(sheets) == len(set(sheets)) == 6 and sheets[0] == "汇总" and "汇总~1" in sheets


def test_timezone_aware_timestamps_become_shanghai_wall_time(tmp_path):  # case 41
    from openpyxl import load_workbook
    from pipeline.export.xlsx import save_book

    aware = dt.datetime(2024, 1, 1, 0, 30, tzinfo=dt.timezone.utc)
    assert naive_shanghai(aware) == dt.datetime(2024, 1, 1, 8, 30)

    def build(book):
        sheet = book.book.add_worksheet("t")
        book.write_value(sheet, 0, 0, aware)

    save_book(tmp_path / "t.xlsx", build)
    assert load_workbook(tmp_path / "t.xlsx").active["A1"].value == dt.datetime(2024, 1, 1, 8, 30)


def test_failure_half_way_keeps_previous_file(tmp_path, monkeypatch):    # case 42
    from pipeline.export import xlsx

    table = _gap_table(["甲", "乙"], ["x", "y"])
    write_gaps(table, tmp_path)
    before = (tmp_path / "gaps.xlsx").read_bytes()
    calls = {"n": 0}
    original = xlsx.XlsxBook.add_table

    def failing(self, spec):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("injected")
        return original(self, spec)

    monkeypatch.setattr(xlsx.XlsxBook, "add_table", failing)
    with pytest.raises(RuntimeError):
        write_gaps(_gap_table(["丙", "丁"], ["x", "y"]), tmp_path)
    assert (tmp_path / "gaps.xlsx").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    write_gaps(_gap_table(["丙", "丁"], ["x", "y"]), tmp_path)        # a rerun produces the file
    assert (tmp_path / "gaps.xlsx").read_bytes() != before


def test_unwritable_path_is_e401_naming_it(tmp_path, monkeypatch):       # case 43
    def refuse(src, dst):
        raise PermissionError(13, "denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DubanError) as err:
        write_checklist(_checklist(["督导组要落实。"]), tmp_path / "out")
    assert err.value.code == "E401" and "checklist.docx" in str(err.value)
    assert not [p for p in (tmp_path / "out").iterdir()]


def test_outputs_are_byte_identical_across_runs(tmp_path):
    checklist = _checklist(["督导组要按照区委部署落实督察任务。", "各单位要每月报送进展。"])
    table = _gap_table(["甲", "乙"], ["编发简报8期", "走访支部"])
    first = write_checklist(checklist, tmp_path / "a") + write_gaps(table, tmp_path / "a")
    second = write_checklist(checklist, tmp_path / "b") + write_gaps(table, tmp_path / "b")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_docx_sets_east_asian_font(tmp_path):
    write_checklist(_checklist(["督导组要落实督察任务。"]), tmp_path)
    with zipfile.ZipFile(tmp_path / "checklist.docx") as z:
        xml = z.read("word/document.xml").decode() + z.read("word/styles.xml").decode()
    assert 'w:eastAsia="仿宋"' in xml and 'w:eastAsia="黑体"' in xml


def test_html_is_escaped_and_self_contained(tmp_path):
    write_gaps(_gap_table(["<script>alert(1)</script>"], ['<img src=x onerror="y">']), tmp_path)
    page = (tmp_path / "gaps.html").read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;" in page and "<img" not in page
    assert "http://" not in page and "https://" not in page and "<link" not in page


def test_one_unwritable_file_does_not_stop_the_others(tmp_path, monkeypatch):   # case 43
    real_replace = os.replace

    def refuse_xlsx(src, dst):
        if str(dst).endswith(".xlsx"):
            raise PermissionError(13, "open in Excel")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_xlsx)
    with pytest.raises(DubanError) as err:
        write_gaps(_gap_table(["甲"], ["编发简报8期"]), tmp_path)
    assert err.value.code == "E401" and "gaps.xlsx" in str(err.value) and "gaps.csv" not in str(err.value)
    assert {p.name for p in tmp_path.iterdir()} == {"gaps.csv", "gaps.md", "gaps.json", "gaps.html",
                                                    "problems.csv", "exemplars.csv"}
    assert [p.name for p in err.value.written] == ["gaps.csv", "gaps.md", "gaps.json", "gaps.html",
                                                    "problems.csv", "exemplars.csv"]
