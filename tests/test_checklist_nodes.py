"""checklist_nodes: which outline nodes are tasks. A 任务分解方案 (each numbered item followed by its own
牵头单位/责任单位 and 完成时限 lines) gives one task per item, whatever the items' labels and numbering."""
from __future__ import annotations

import pytest

from pipeline.checklist import build_checklist
from pipeline.extract import read_bytes

PLAN_TITLE = "青山县优化营商环境三年行动任务分解方案"
# (section, item, assignment line, due line, expected actor, expected deadline)
PLAN = [
    ("深化“放管服”改革", "推进企业开办“一件事”改革，企业开办时间压缩至1个工作日以内。",
     "牵头单位：县市场监管局；责任单位：县公安局、县税务局。", "完成时限：2026年6月底前。",
     "县市场监管局（牵头）、县公安局、县税务局", "2026-06-30前"),
    ("深化“放管服”改革", "全面推行工程建设项目审批“容缺受理”，审批时间压减至60个工作日以内。",
     "牵头单位：县住建局；责任单位：县自然资源局。", "完成时限：2026年12月底前。",
     "县住建局（牵头）、县自然资源局", "2026-12-31前"),
    ("加强要素保障", "设立县级中小企业应急转贷资金池，规模不少于5000万元。",
     "牵头单位：县财政局。", "完成时限：2026年9月30日前。", "县财政局（牵头）", "2026-09-30前"),
    ("加强要素保障", "开展涉企收费专项清理，坚决纠正乱收费、乱罚款行为。",
     "牵头单位：县发改局；责任单位：县市场监管局。", "完成时限：长期坚持。", "县发改局（牵头）、县市场监管局", "长期坚持"),
    ("强化督查考核", "将营商环境工作纳入各乡镇、县直部门年度综合考核，每季度通报一次工作进展。",
     "牵头单位：县委县政府督查室。", "完成时限：每季度。", "县委县政府督查室（牵头）", "每季度"),
]
NOTICE_HEAD = (f"青山县人民政府办公室关于印发《{PLAN_TITLE}》的通知\n各乡镇人民政府，县直各部门：\n"
               f"《{PLAN_TITLE}》已经县政府同意，现印发给你们，请认真贯彻落实。\n")


def plan_text(*, numbering: str, wrapped: bool, modal: str) -> str:
    """The plan as an office types it: sections 一、二、三、, items numbered straight through the
    sections ("through") or from 1. in each ("restart"), each item followed by its two lines."""
    lines = [NOTICE_HEAD if wrapped else PLAN_TITLE + "\n", "为贯彻落实省市关于优化营商环境的决策部署，制定本任务分解方案。\n"]
    sections: list[str] = []
    number = 0
    for section, item, assigned, due, _, _ in PLAN:
        if section not in sections:
            sections.append(section)
            lines.append("一二三"[len(sections) - 1] + "、" + section + "\n")
            number = 0 if numbering == "restart" else number
        number += 1
        lines.append(f"{number}.{modal}{item}\n{assigned}\n{due}\n")
    return "".join(lines)


@pytest.mark.parametrize("modal", ["", "要"])
@pytest.mark.parametrize("wrapped", [False, True])
@pytest.mark.parametrize("numbering", ["through", "restart"])
def test_checklist_nodes_task_plan_gives_one_task_per_assigned_item(numbering, wrapped, modal):
    """QA9 H1: 1-3 tasks instead of 5 (numbering run on across sections not read as items, imperative
    items without 要 labelled measures and outvoted, a 牵头单位 line taken as the task)."""
    doc = read_bytes(plan_text(numbering=numbering, wrapped=wrapped, modal=modal).encode("utf-8"), name="plan.txt")
    items = build_checklist([doc]).items
    leaves = [i for i in items if i.kind == "item"]
    assert [(i.id, i.actor, i.deadline) for i in leaves] == [
        (f"{k}.{j}", actor, deadline) for (k, j), (*_, actor, deadline) in zip(
            [(1, 1), (1, 2), (2, 1), (2, 2), (3, 1)], PLAN)]
    assert [i.title.removeprefix(modal) for i in leaves] == [item.rstrip("。") for _, item, *_ in PLAN]
    assert [i.title for i in items if i.kind == "group"] == ["深化“放管服”改革", "加强要素保障", "强化督查考核"]
    # the assignment and due lines are the task's text, never tasks of their own
    assert not any(i.title.startswith(("牵头单位", "责任单位", "完成时限")) for i in items)
    assert all(assigned in i.text and due in i.text for i, (_, _, assigned, due, _, _) in zip(leaves, PLAN))


@pytest.mark.parametrize("line, assigned", [
    ("牵头单位：县财政局。", True),
    ("责任单位：县公安局、县税务局。", True),
    ("（责任单位：县林业局，完成时限：11月底前）", True),
    ("各乡镇要建立牵头单位负责制。", False),       # a sentence naming the word, no field
    ("完成时限：2026年6月底前。", False),           # a due line alone assigns nobody
])
def test_checklist_nodes_is_assigned_reads_the_field_lines(line, assigned):
    from pipeline.checklist_nodes import is_assigned
    from pipeline.model import OutlineNode, Passage

    node = OutlineNode(node_id="n", path=("1.",), marker="1.", scheme="arabic", level=1, title="设立资金池",
                       start=0, end=10)
    own = {"n": [Passage(passage_id=str(k), doc_id="d", index=k, text=t, start=k, end=k + 1, kind="sentence", label="measure")
                 for k, t in enumerate(["1.设立资金池。", line])]}
    assert is_assigned(node, own) is assigned
