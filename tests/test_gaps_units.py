"""Gap frames carry a plain unit column (QA6 L3): ``unit`` tells reports apart, ``unit_name`` pools a
unit's reports, aliases (绍兴一中 = 绍兴市第一中学) resolved to one spelling."""
from __future__ import annotations

import csv
import pickle
from dataclasses import fields, replace

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.gaps import GAP_COLUMNS, GapRow, GapTable, assess_report, unit_spellings

CHECKLIST = Checklist((ChecklistItem(id="1", text="各学校要落实课后服务。", title="落实课后服务"),
                       ChecklistItem(id="2", text="各学校要开展安全教育。", title="开展安全教育")), ("s.txt",))

# report -> the unit its text names ("" = names none); the rows as assess_report makes them
REPORTS = {"甲/dev_report_02.txt": "绍兴一中", "乙/report05.txt": "绍兴一中", "丙/一中自查报告.txt": "绍兴市第一中学",
           "丁/支部.txt": "绍兴一中行政支部", "a/报告.txt": "", "b/报告.txt": ""}


def _rows(reports: dict[str, str]) -> tuple[GapRow, ...]:
    rows = []
    for k, (source, unit) in enumerate(reports.items()):
        label = unit or source.split("/")[-1].removesuffix(".txt")      # unit_of falls back to the stem
        rows += [GapRow(unit=label, report=source, doc_id=f"d{k}", item_id=i.id, item_text=i.text,
                        status="covered" if i.id == "1" else "missing", score=0.5, unit_name=unit)
                 for i in CHECKLIST.leaves]
    return tuple(rows)


def _names(table: GapTable) -> dict[str, str]:
    return {r.report: r.unit_name for r in table.rows}


def test_gaps_unit_name_pools_aliases_and_keeps_labels():
    table = GapTable(_rows(REPORTS), CHECKLIST, ())
    names = _names(table)
    school = {names[s] for s in ("甲/dev_report_02.txt", "乙/report05.txt", "丙/一中自查报告.txt")}
    assert school == {"绍兴市第一中学"}                   # the formal spelling, whatever the report count
    assert names["丁/支部.txt"] == "绍兴一中行政支部"      # a part of the school is a body of its own
    # reports naming no unit are never pooled: each keeps its own row label
    assert names["a/报告.txt"] != names["b/报告.txt"]
    assert {names["a/报告.txt"], names["b/报告.txt"]} <= set(table.units)
    # the row labels are what they were: two reports of 绍兴一中 told apart by file
    assert "绍兴一中（dev_report_02）" in table.units and "绍兴市第一中学" in table.units
    frame = table.to_frame()
    pooled = frame.groupby("unit_name")["report"].nunique()
    assert pooled["绍兴市第一中学"] == 3 and len(pooled) == 4


@pytest.mark.parametrize("order", [1, -1], ids=["given", "reversed"])
def test_gaps_unit_spelling_does_not_depend_on_report_order(order):
    reports = [("绍兴一中", "a.txt", "1"), ("绍兴一中", "b.txt", "2"), ("绍兴市第一中学", "c.txt", "3"),
               ("中共××区卫生局委员会", "d.txt", "4"), ("××区卫生局委", "e.txt", "5")]
    spelling = unit_spellings(reports[::order])
    assert spelling == {"绍兴一中": "绍兴市第一中学", "绍兴市第一中学": "绍兴市第一中学",
                        "中共××区卫生局委员会": "中共××区卫生局委员会", "××区卫生局委": "中共××区卫生局委员会"}


def test_gaps_unit_name_is_appended_and_stable_on_rebuild(tmp_path):
    from pipeline.export.gap_files import gaps_csv

    table = GapTable(_rows(REPORTS), CHECKLIST, ())
    assert GAP_COLUMNS[-1] == "unit_name" and GAP_COLUMNS[:2] == ("unit", "report")
    assert list(table.to_frame().columns) == list(GAP_COLUMNS)
    rebuilt = GapTable(table.rows, CHECKLIST, ())            # batch tables are rebuilt from their rows
    assert rebuilt.rows == table.rows
    shuffled = GapTable(tuple(reversed(_rows(REPORTS))), CHECKLIST, ())
    assert _names(shuffled) == _names(table)
    rows = list(csv.DictReader(gaps_csv(table).lstrip("\ufeff").splitlines()))
    assert list(rows[0]) == list(GAP_COLUMNS)
    assert {r["report"]: r["unit_name"] for r in rows} == _names(table)


def test_gaps_assess_report_reads_unit_name_only_when_named():
    from pipeline.extract import read_bytes

    body = "一、落实课后服务\n我校开展课后服务，每周五天，参与学生1200人，教师轮流值守。\n二、开展安全教育\n开展安全教育讲座6次。\n"
    named = read_bytes(("绍兴市第一中学关于落实情况的报告\n" + body + "绍兴市第一中学\n").encode(), name="x/r1.txt")
    bare = read_bytes(("关于落实情况的报告\n" + body).encode(), name="y/r2.txt")
    rows = assess_report(CHECKLIST, named) + assess_report(CHECKLIST, bare)
    assert {r.unit_name for r in rows[:2]} == {"绍兴市第一中学"} and {r.unit_name for r in rows[2:]} == {""}
    table = GapTable(rows, CHECKLIST, ())
    assert {r.unit_name for r in table.rows[2:]} == {table.rows[2].unit}        # the label, not ""


def test_gaps_row_pickled_before_unit_name_unpickles_with_defaults():
    """A ``--resume`` cache entry written before ``unit_name`` existed (later fields take defaults)."""
    row = _rows(REPORTS)[0]
    old_state = row.__getstate__()[:[f.name for f in fields(GapRow)].index("unit_name")]
    old = GapRow.__new__(GapRow)
    old.__setstate__(old_state)
    assert old.unit_name == "" and old.item_actor == row.item_actor
    assert replace(old, score=0.1).score == 0.1
    assert pickle.loads(pickle.dumps(row)) == row


def test_gaps_ledger_sheets_carry_the_unit_name(tmp_path):
    """gaps.xlsx stays one matrix row and one sheet per report; its 问题清单/典型经验 sheets, where an office
    filters a unit's entries, get 单位名称 so the reports of 绍兴一中 and 绍兴市第一中学 filter as one."""
    from openpyxl import load_workbook

    from tests.conftest import CORPORA, SEED
    from pipeline.export.gap_files import write_gaps
    from pipeline.extract import read_path
    from pipeline.gaps import build_gaps

    reports = CORPORA / "gaps" / "reports"
    docs = [replace(read_path(reports / name), unit=unit) for name, unit in
            (("r02_group2.txt", "绍兴一中"), ("r04_health_bureau.txt", "绍兴市第一中学"), ("r10_education_bureau.txt", "绍兴一中"))]
    table = build_gaps(SEED, docs)
    write_gaps(table, tmp_path)
    book = load_workbook(tmp_path / "gaps.xlsx")
    assert len(book.sheetnames) == 1 + 3 + 2 and book["汇总"].cell(4, 1).value == "绍兴一中（r10_education_bureau）"
    sheet = book["问题清单"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["单位", "报告", "原文", "所在部分", "出处", "截断", "单位名称"]
    units = {sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)}
    names = {sheet.cell(r, 7).value for r in range(2, sheet.max_row + 1)}
    assert len(units) >= 2 and names == {"绍兴市第一中学"}
