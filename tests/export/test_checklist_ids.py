"""序号 of an edited ledger: unique on read, spreadsheet-shortened ones restored (QA6 M2)."""
from __future__ import annotations

import csv
import io
import logging
import shutil
import subprocess

import pytest

from pipeline.checklist import Checklist, ChecklistItem, load_checklist
from pipeline.export.checklist_files import checklist_csv, write_checklist
from pipeline.export.checklist_ids import spreadsheet_text, unique_ids, unwrap_text

TWELVE = ["1", *(f"1.{k}" for k in range(1, 13)), "2", "2.1", "2.10", "2.10.1", "2.11"]


def _shortened(item_id: str) -> str:
    """What a spreadsheet makes of an id it reads as a number: "1.10" -> "1.1", "2.10.1" stays."""
    try:
        return repr(float(item_id)).removesuffix(".0") if item_id.count(".") == 1 else item_id
    except ValueError:
        return item_id


@pytest.mark.parametrize("ids, expected, codes", [
    (["1", "2", "2.1"], ["1", "2", "2.1"], []),                                       # clean: untouched
    (["1", "2.1", "2.2", "2.1"], ["1", "2.1", "2.2", "2.1（2）"], ["W302"]),          # a copied row
    (["1", "1", "1"], ["1", "1（2）", "1（3）"], ["W302", "W302"]),
    (["1", "1（2）", "1"], ["1", "1（2）", "1（3）"], ["W302"]),                        # suffix not taken twice
    ([_shortened(i) for i in TWELVE], TWELVE, ["W303", "W303"]),                      # 1.10 and 2.10
    (["1.9", "1.1"], ["1.9", "1.10"], ["W303"]),                                      # the last row of a group
    (["1.1", "1.10.1"], ["1.10", "1.10.1"], ["W303"]),                                # restored by its sub-items
    (["1.19", "1.2", "1.21"], ["1.19", "1.20", "1.21"], ["W303"]),
    (["1", "1.1", "1.2", "1.1"], ["1", "1.1", "1.2", "1.1（2）"], ["W302"]),            # no 1.9 before: a copy
])
def test_checklist_ids_unique_ids(caplog, ids, expected, codes):
    with caplog.at_level(logging.WARNING, logger="duban"):
        assert unique_ids(ids, list(range(2, len(ids) + 2))) == expected
    assert [r.getMessage()[1:5] for r in caplog.records] == codes


def test_checklist_ids_warning_never_echoes_a_text_id(caplog):
    """Review 6 (B9): staff typing a sentence into 序号 twice: the id is ledger content."""
    with caplog.at_level(logging.WARNING, logger="duban"):
        assert unique_ids(["见附件说明", "见附件说明"], [2, 3])[1] == "见附件说明（2）"
    assert "附件" not in caplog.records[0].getMessage() and "row 3" in caplog.records[0].getMessage()


def test_checklist_ids_warning_names_rows_not_text(caplog, tmp_path):
    """An Excel copy-paste of row 2.1 to the end of the ledger: a W302 naming both rows, a unique id,
    and a gap matrix that pivots (it raised "Index contains duplicate entries")."""
    from openpyxl import load_workbook

    items = (ChecklistItem(id="1", text="督导组要落实督察任务。", title="落实督察任务"),
             ChecklistItem(id="2", text="督导组要敢于讲真话。", title="敢于讲真话", kind="group"),
             ChecklistItem(id="2.1", text="督导组要深入调查研究。", title="深入调查研究"))
    path = next(p for p in write_checklist(Checklist(items, ("s.txt",)), tmp_path) if p.suffix == ".xlsx")
    book = load_workbook(path)
    sheet = book.active
    sheet.append([c.value for c in sheet[4]][:1] + ["督导组要及时反映情况，当好参谋。"])
    book.save(path)
    with caplog.at_level(logging.WARNING, logger="duban"):
        checklist = load_checklist(path)
    assert [i.id for i in checklist.items] == ["1", "2", "2.1", "2.1（2）"]
    assert [r.getMessage() for r in caplog.records] == [
        "[W302] duplicate_id: ledger row 5 repeats the 序号 of row 4; read as 2.1（2）"]
    assert "督导组" not in caplog.text
    from pipeline.gaps import build_gaps
    from pipeline.extract import read_bytes

    report = read_bytes("督导组深入调查研究，及时反映情况。".encode(), name="r.txt")
    matrix = build_gaps(checklist, [report]).matrix_frame()
    assert {"2.1", "2.1（2）"} <= set(matrix.columns)


def _ledger(ids) -> Checklist:
    return Checklist(tuple(ChecklistItem(id=i, text=f"第{k}项任务要落实。", title=f"第{k}项任务")
                           for k, i in enumerate(ids, start=1)), ("s.txt",))


@pytest.mark.parametrize("item_id, cell", [
    ("1.10", '="1.10"'), ("2.20", '="2.20"'), ("2-1", '="2-1"'), ("12-3", '="12-3"'),
    ("1.1", "1.1"), ("1", "1"), ("2-1.10", "2-1.10"), ("1.10.1", "1.10.1"), ("新增1", "新增1"),
])
def test_checklist_ids_csv_cell(item_id, cell):
    assert str(spreadsheet_text(item_id)) == cell
    assert unwrap_text(str(spreadsheet_text(item_id))) == item_id


def test_checklist_ids_csv_round_trip_and_shortened_csv(tmp_path, caplog):
    """checklist.csv holds ="1.10" (read back as 1.10); a CSV a spreadsheet re-saved without it
    (1.10 -> 1.1) is read with the ids restored and a W303 per restored row (1.10, 2.10)."""
    path = next(p for p in write_checklist(_ledger(TWELVE), tmp_path) if p.suffix == ".csv")
    assert '"=""1.10"""' in path.read_text(encoding="utf-8-sig")
    assert [i.id for i in load_checklist(path).items] == TWELVE
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    for row in rows[1:]:
        row[0] = _shortened(unwrap_text(row[0]))
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="gbk")                 # Excel's "CSV (逗号分隔)"
    with caplog.at_level(logging.WARNING, logger="duban"):
        assert [i.id for i in load_checklist(path).items] == TWELVE
    assert [r.getMessage()[:5] for r in caplog.records] == ["[W303"] * 2


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_checklist_ids_survive_libreoffice_csv_round_trip(tmp_path):
    """checklist.csv opened and re-saved by LibreOffice Calc keeps every id (1.10 was 1.1 before)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c.csv").write_text(checklist_csv(_ledger(TWELVE)), encoding="utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                    "--outdir", str(tmp_path / "out"), str(tmp_path / "in" / "c.csv")],
                   check=True, capture_output=True, timeout=180)
    saved = (tmp_path / "out" / "c.csv").read_text(encoding="utf-8")
    assert '"1.10"' in saved and "=" not in saved.split("\n", 2)[1]
    assert [i.id for i in load_checklist(tmp_path / "out" / "c.csv").items] == TWELVE
