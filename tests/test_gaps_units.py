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
