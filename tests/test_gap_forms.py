"""A self-check form (序号 | 工作任务 | 落实情况 | 存在问题) answers, row by row, the task its 工作任务 cell
names (QA9): a row's 存在问题 cell admits a shortfall on that task, not on another row's task sharing
its words (M5), and a row answering only "已完成"/"正在推进" is partial evidence of that task, not
nothing (M14)."""
from __future__ import annotations

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.extract import read_bytes
from pipeline.gaps import assess_report, build_gaps
from tests.fixtures.make import make_docx_from_paragraphs, paragraph_xml, table_xml

TOWNS = "各乡镇人民政府"
ITEMS = (
    ChecklistItem(id="2.1", title="开展火灾隐患排查", actor=TOWNS,
                  text="（一）开展火灾隐患排查。各乡镇人民政府要组织力量对辖区内林区、林缘村庄、坟地、景区开展拉网式排查，"
                       "建立隐患台账，逐条明确整改责任人和整改时限，11月15日前完成排查。"),
    ChecklistItem(id="3.1", title="完善森林防火网格化管理，落实护林员巡山责任", actor=TOWNS,
                  text="完善森林防火网格化管理，落实护林员巡山责任"),
    ChecklistItem(id="3.2", title="开展森林防火宣传进村入户，发放防火告知书", actor=TOWNS,
                  text="开展森林防火宣传进村入户，发放防火告知书"),
    ChecklistItem(id="3.4", title="清理林区周边可燃物，开设防火隔离带", actor=TOWNS,
                  text="清理林区周边可燃物，开设防火隔离带"),
)
HEADER = ["序号", "工作任务", "落实情况", "存在问题"]


def _form(rows, name: str = "青峰镇自查表.docx"):
    table = table_xml([HEADER] + [list(r) for r in rows])
    data = make_docx_from_paragraphs(["青峰镇森林防火专项整治自查表"],
                                     extra_body=table + paragraph_xml("青峰镇人民政府") + paragraph_xml("2026年12月20日"))
    return read_bytes(data, name=name)


def _rows(rows) -> dict:
    return {r.item_id: r for r in assess_report(Checklist(ITEMS), _form(rows))}


# row 1's shortfall names 可燃物 (3.4's words); row 4's names 扑火物资 (no task of this checklist)
DETAILED = [
    ("1", "开展火灾隐患排查", "11月10日前组织镇村干部对12个行政村林区、林缘坟地开展拉网式排查，发现隐患23处，建立隐患台账，已整改销号19处。",
     "4处坟地周边可燃物尚未清理完毕。"),
    ("2", "完善网格化管理，落实护林员巡山责任", "全镇划分防火网格36个，聘用护林员48名，配发巡护终端，实行每日巡山打卡。", "无"),
    ("3", "开展防火宣传进村入户", "发放防火告知书5200份，村村悬挂横幅，利用大喇叭每日播放防火提示。", "无"),
    ("4", "清理可燃物，开设防火隔离带", "配合县林业局开设防火隔离带3.2公里，清理林缘可燃物15吨。", "扑火物资储备不足，风力灭火机仅有4台。"),
]


def test_gap_forms_a_row_s_shortfall_is_its_own_task_s():
    rows = _rows(DETAILED)
    statuses = {k: r.status for k, r in rows.items()}
    assert statuses["2.1"] == "problem_acknowledged", statuses
    assert rows["2.1"].evidence.splitlines()[0] == "4处坟地周边可燃物尚未清理完毕。"
    assert "坟地" not in rows["3.4"].evidence                           # not row 1's cell
    assert rows["3.4"].status == "problem_acknowledged" and "扑火物资" in rows["3.4"].evidence.splitlines()[0]
    assert statuses["3.1"] == statuses["3.2"] == "covered", statuses


def test_gap_forms_the_problems_ledger_cites_the_row_s_task(tmp_path):
    path = tmp_path / "青峰镇自查表.docx"
    path.write_bytes(make_docx_from_paragraphs(
        ["青峰镇森林防火专项整治自查表"],
        extra_body=table_xml([HEADER] + [list(r) for r in DETAILED]) + paragraph_xml("青峰镇人民政府")))
    table = build_gaps(Checklist(ITEMS), [path])
    cited = {p["text"]: p["item_ids"] for p in table.problem_records()}
    assert cited["4处坟地周边可燃物尚未清理完毕。"] == "2.1"


TERSE = [("1", "开展火灾隐患排查，建立隐患台账", "已完成", "无"),
         ("2", "完善森林防火网格化管理，落实护林员巡山责任", "已落实", "无"),
         ("3", "开展森林防火宣传进村入户，发放防火告知书", "已完成", "无"),
         ("4", "清理林区周边可燃物，开设防火隔离带", "正在推进", "无")]


def test_gap_forms_a_terse_claim_is_partial_with_the_row_as_evidence():
    rows = _rows(TERSE)
    for (_, task, answer, _), item in zip(TERSE, ITEMS):
        row = rows[item.id]
        assert row.status == "partial", (item.id, row.status)
        assert row.evidence == f"{task}：{answer}"


@pytest.mark.parametrize("answer", ["已完成", "正在推进"])
def test_gap_forms_a_claim_answers_its_row_s_task_only(answer):
    rows = _rows([("1", "开展森林防火宣传进村入户，发放防火告知书", answer, "无")])
    statuses = {k: r.status for k, r in rows.items()}
    assert statuses == {"2.1": "missing", "3.1": "missing", "3.2": "partial", "3.4": "missing"}, statuses
