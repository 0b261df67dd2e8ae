"""The 问题清单 (problems.csv, ``GapTable.problem_records``) lists what 自查有差距 rows rest on: a
self-check form's 存在问题 cell the classifier does not call a problem is still the unit's admission."""
from __future__ import annotations

import csv
from collections import Counter

import pytest

from tests.conftest import CORPORA, SEED, UNLABELED

from pipeline.gaps import PROBLEM_COLUMNS, build_gaps

FORM = [("序号", "任务", "落实情况", "存在问题"),
        ("1", "强化资金保障", "学校严格执行教育经费专款专用，2024年度设备采购经费全部用于薄弱学科实验室建设，接受审计无问题。", "无"),
        ("2", "保障教师权益", "落实义务教育教师工资待遇不低于当地公务员平均工资，完善绩效分配方案，3名教师晋升高级职称。",
         "一线教师工作条件仍需改善。"),
        ("3", "打造平安校园", "开展交通安全、食品安全专题教育12次，建立突发事件应急机制，完成教室空调安装。", "无"),
        ("4", "全力促均衡", "与3所农村学校组建教育共同体，开展送教下乡20次。", "")]


def _form_docx(path):
    import docx

    document = docx.Document()
    document.add_paragraph("绍兴市某某小学落实全市教育大会精神自查表")
    table = document.add_table(rows=0, cols=4)
    for values in FORM:
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    document.add_paragraph("绍兴市某某小学")
    document.add_paragraph("2024年12月10日")
    document.save(path)
    return path


@pytest.fixture(scope="module")
def form_table(tmp_path_factory):
    return build_gaps(UNLABELED / "speech_03.txt", [_form_docx(tmp_path_factory.mktemp("form") / "自查表.docx")])


def test_gaps_problems_list_a_form_s_admission_cell(form_table):
    admitted = [r for r in form_table.rows if r.status == "problem_acknowledged"]
    assert admitted, "the form's 存在问题 cell should make a 自查有差距 row"
    assert all(r.admissions and r.evidence.splitlines()[0] == r.admissions[0].text for r in admitted)
    problems = form_table.problem_records()
    cell = "一线教师工作条件仍需改善。"
    listed = [p for p in problems if p["text"] == cell]
    assert len(listed) == 1
    entry = listed[0]
    assert entry["section"] == "保障教师权益"                       # its row's 任务 cell, not the heading above
    assert entry["item_ids"].split("、") == [r.item_id for r in admitted if cell in r.evidence]
    assert entry["unit_name"] == "绍兴市某某小学" and entry["confidence"] is None   # not the classifier's call
    assert list(form_table.problems_frame().columns) == list(PROBLEM_COLUMNS)


def test_gaps_problems_nil_answers_and_measures_stay_out(form_table):
    texts = {p["text"] for p in form_table.problem_records()}
    assert "无" not in texts and not any("送教下乡" in t for t in texts)


def test_gaps_problems_list_a_form_s_shortfall_cell_no_row_cites(tmp_path):
    """QA7 H4: a 存在问题 cell the classifier calls "other" ("整改资金不足。") on a task that is not the
    school's (so no 自查有差距 row cites it) is still the unit's own shortfall, listed with its row."""
    import docx

    document = docx.Document()
    document.add_paragraph("绍兴市某某小学校园安全自查表")
    table = document.add_table(rows=0, cols=4)
    for values in [("序号", "任务", "落实情况", "存在问题"),
                   ("1", "校舍安全隐患排查", "3月完成校舍隐患自查，发现问题5个，已整改3个。", "整改资金不足。")]:
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    document.add_paragraph("绍兴市某某小学")
    document.save(tmp_path / "自查表.docx")
    problems = build_gaps(UNLABELED / "speech_03.txt", [tmp_path / "自查表.docx"]).problem_records()
    listed = [p for p in problems if p["text"] == "整改资金不足。"]
    assert len(listed) == 1 and listed[0]["section"] == "校舍安全隐患排查" and "| 1 |" in listed[0]["location"]
    assert not any("发现问题5个" in p["text"] for p in problems)


@pytest.mark.parametrize("names", [["r01_group1.txt", "r03_group3.txt", "r07_group4_stage2.txt"],
                                   ["r18_group2_leader.txt", "r25_science_committee.txt"]])
def test_gaps_problems_hold_every_admission_once(names):
    """Every admission a 自查有差距 row cites is listed once, with that row's task, besides the passages
    labelled problem (a passage both labelled and cited is one entry)."""
    table = build_gaps(SEED, [CORPORA / "gaps" / "reports" / n for n in names])
    problems = table.problem_records()
    places = Counter((p["report"], p["location"].rsplit("#", 1)[1]) for p in problems)
    assert places and max(places.values()) == 1
    by_place = {(p["report"], p["location"].rsplit("#", 1)[1]): p for p in problems}
    cited = 0
    for row in table.rows:
        for hit in row.admissions:
            entry = by_place[(row.report, str(hit.index))]
            assert hit.text in entry["text"] and row.item_id in entry["item_ids"].split("、")
            cited += 1
    labelled = sum(p.label == "problem" and p.is_content for d in table.documents for p in d.passages)
    assert cited and labelled < len(problems)        # these reports admit shortfalls the classifier calls other


def test_gaps_problems_csv_has_the_task_column(tmp_path, form_table):
    from pipeline.export.gap_files import write_gaps
    from openpyxl import load_workbook

    write_gaps(form_table, tmp_path)
    with open(tmp_path / "problems.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(PROBLEM_COLUMNS)
    assert [r["item_ids"] for r in rows if r["text"] == "一线教师工作条件仍需改善。"] != [""]
    sheet = load_workbook(tmp_path / "gaps.xlsx")["问题清单"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "相关任务（自查有差距）"
    values = {sheet.cell(r, 3).value: sheet.cell(r, len(header)).value for r in range(2, sheet.max_row + 1)}
    assert values["一线教师工作条件仍需改善。"]
