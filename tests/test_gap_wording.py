"""gap_wording against a county notice's tasks (QA9): a reply stating only what the unit means to do
("我镇要/将…") is at most partial, work left undone ("目前尚有6处未完成整改") is an admission of the task
it matches, even inside the sentence reporting the work, and a form answer that only claims a task
done ("已完成") is recognised as such."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.extract import read_bytes
from pipeline.gap_wording import _admits, bare_status, intends
from pipeline.gaps import assess_report

ITEMS = (
    ChecklistItem(id="1", title="全面排查整治隐患",
                  text="二要全面排查整治隐患。各乡镇要在11月15日前完成林区隐患全面排查，建立隐患台账，实行销号管理。"),
    ChecklistItem(id="2", title="压实责任",
                  text="一是压实责任。各乡镇党政主要负责同志是本辖区森林防火第一责任人，要亲自部署、亲自督促，压紧压实森林防火属地责任。"),
    ChecklistItem(id="3", title="开展防火宣传",
                  text="开展森林防火宣传进村入户，发放防火告知书，提高群众防火意识。"),
)


def _rows(body: str, name: str = "河口镇报告.txt") -> dict:
    text = f"河口镇关于森林防火工作的报告\n县林业局：\n{body}\n河口镇人民政府\n2026年12月23日\n"
    return {r.item_id: r for r in assess_report(Checklist(ITEMS), read_bytes(text.encode("utf-8"), name=name))}


_SWEEP = "组织力量对辖区内林区、林缘村庄、坟地、景区开展拉网式排查，建立隐患台账"


@pytest.mark.parametrize("body", [
    f"我镇要{_SWEEP}。",
    f"我镇将{_SWEEP}。",
    f"我镇还将{_SWEEP}，逐条明确整改责任人。",
    "我镇将坚持预防为主、积极消灭的方针，压紧压实森林防火属地责任，党政主要负责同志亲自部署、亲自督促。",
])
def test_gap_wording_intent_in_the_unit_s_voice_is_at_most_partial(body):
    rows = _rows(body)
    assert {r.status for r in rows.values()} & {"partial"}, {k: r.status for k, r in rows.items()}
    assert all(r.status != "covered" for r in rows.values()), {k: r.status for k, r in rows.items()}


def test_gap_wording_the_same_work_reported_done_is_covered():
    rows = _rows(f"11月，我镇{_SWEEP.replace('开展', '开展了').replace('建立', '建立了')}，共排查隐患23处。")
    assert rows["1"].status == "covered", {k: r.status for k, r in rows.items()}


@pytest.mark.parametrize("text, intent", [
    ("我镇要组织力量开展拉网式排查。", True),
    ("我局拟于明年开展专项检查。", True),
    ("我们也将进一步加强巡查。", True),
    ("我局要求各乡镇开展排查。", False),          # 要求: a directive given, no intent
    ("我们主要做了以下工作。", False),
    ("我们将学习情况进行了汇总。", False),        # 将 = 把, and done
    ("我镇将排查情况已上报县林业局。", False),
    ("11月，我镇开展了拉网式排查。", False),
    ("我镇将开展巡查，共巡查林区12次。", False),     # a count says it was done
    ("我镇计划明年完成隔离带建设。", True),          # review7 M6: a target with its deadline between
    ("我镇下一步将持续开展巡查，确保隐患整改完毕。", True),
    ("我镇完成排查，确保了隐患整改完毕。", False),    # done
])
def test_gap_wording_intends_reads_the_modal_after_the_unit(text, intent):
    assert intends(text) is intent


def _hit(text: str, label: str = "measure"):
    return SimpleNamespace(text=text, label=label, lead_in="")


@pytest.mark.parametrize("text, admits", [
    ("11月，我镇组织对全镇林区开展隐患排查，发现隐患15处，目前尚有6处未完成整改。", True),
    ("发现隐患15处，已整改9处，仍有6处未整改。", True),
    ("剩余3处隐患尚未清理。", True),
    ("全镇还有2个村未签订责任书。", True),
    ("发现隐患15处，尚有6处未完成整改，已于12月20日前全部整改到位。", False),   # taken back
    ("发现隐患15处，已全部整改到位。", False),
    ("还有一些需要加强和改进的地方。", False),
])
def test_gap_wording_work_left_undone_admits_even_in_a_measure(text, admits):
    assert _admits(_hit(text)) is admits


@pytest.mark.parametrize("body", [
    "11月，我镇组织对全镇林区开展隐患排查，发现隐患15处，目前尚有6处未完成整改。",
    "11月，我镇组织对全镇林区开展隐患排查，发现隐患15处。\n目前尚有6处隐患未完成整改。",
    "11月，我镇组织对全镇林区开展隐患排查，发现隐患15处。\n存在的问题：\n目前尚有6处隐患未完成整改。",
])
def test_gap_wording_left_undone_makes_its_task_a_shortfall(body):
    rows = _rows(body, name="桃源镇报告.txt")
    assert rows["1"].status == "problem_acknowledged", {k: r.status for k, r in rows.items()}
    assert "尚有6处" in rows["1"].evidence.splitlines()[0]
    assert rows["3"].status == "missing"


@pytest.mark.parametrize("text, claim", [
    ("已完成", True), ("已落实。", True), ("正在推进", True), ("推进中", True),
    ("开展火灾隐患排查，建立隐患台账：已完成", True),
    ("未完成", True),                       # not begun: a status too, read with its row's task (qa12 H2)
    ("已完成排查23处", False), ("无", False),
])
def test_gap_wording_bare_status(text, claim):
    assert bare_status(text) is claim
