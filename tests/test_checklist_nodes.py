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


SPEECH_HEAD = ["在全区安全生产工作会议上的讲话", "南湖区区长  李卫东", "（2026年3月10日）", "同志们：",
               "今天召开全区安全生产工作会议，主要任务是总结去年工作，部署今年任务。下面，我讲三点意见。"]
REVIEW = "过去一年，全区上下认真落实安全生产责任制，生产安全事故起数和死亡人数实现“双下降”，安全生产形势总体平稳。"
SECTION_2 = ["二、聚焦重点领域，全面排查整治风险隐患",
             "一要抓好危险化学品安全。区应急管理局要牵头开展危险化学品企业全覆盖检查，6月底前完成全区所有危化品企业检查。",
             "二要抓好城镇燃气安全。区住房和城乡建设局要加快老旧燃气管道更新改造，年底前完成改造12公里。"]
SECTION_3_ITEMS = ["压实属地管理责任。各街道、各镇要落实“党政同责、一岗双责”，每月至少开展一次安全生产专题研究。",
                   "压实部门监管责任。区各有关部门要按照“管行业必须管安全”的要求，9月底前完成本行业领域安全生产专项检查。",
                   "压实企业主体责任。要督促企业落实全员安全生产责任制，企业主要负责人要亲自抓隐患排查。"]
MARKERS = {"首先": ["首先，", "其次，", "最后，"], "一是": ["一是", "二是", "三是"], "第一": ["第一，", "第二，", "第三，"]}


def speech(first: str, third: str, markers: str, fmt: str = "txt") -> bytes:
    lines = [*SPEECH_HEAD, f"一、{first}", REVIEW, *SECTION_2, f"三、{third}",
             *(m + item for m, item in zip(MARKERS[markers], SECTION_3_ITEMS)),
             "同志们，安全生产责任重于泰山，让我们坚决守住安全生产底线！"]
    if fmt == "docx":
        import io

        import docx

        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    if fmt == "html":
        body = "".join(f"<p>{line}</p>" for line in lines[1:])
        return f"<html><head><title>{lines[0]}</title></head><body><h1>{lines[0]}</h1>{body}</body></html>".encode()
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("fmt", ["txt", "docx", "html"])
@pytest.mark.parametrize("markers", sorted(MARKERS))
@pytest.mark.parametrize("third", [
    "压实各方责任，确保安全生产形势持续稳定",        # directs (确保), whatever noun it names (QA10 N5)
    "压实各方责任，保持安全生产形势持续稳定",        # 形势 over items that direct (要)
    "坚决守住底线，推动安全生产形势持续好转",
])
def test_checklist_nodes_directing_heading_naming_a_review_noun_keeps_its_tasks(third, markers, fmt):
    """QA10 N5: "三、…确保安全生产形势持续稳定" was dropped whole for 形势, with its 首先/其次/最后 tasks."""
    items = build_checklist([read_bytes(speech("充分肯定过去一年安全生产工作取得的成效", third, markers, fmt),
                                        name=f"speech.{fmt}")]).items
    assert [(i.id, i.kind) for i in items] == [("1", "group"), ("1.1", "item"), ("1.2", "item"),
                                               ("2", "group"), ("2.1", "item"), ("2.2", "item"), ("2.3", "item")]
    got = {i.id: (i.title, i.actor, i.deadline) for i in items}
    assert got["2"][0] == third
    assert got["2.1"] == ("压实属地管理责任", "各街道、各镇", "每月")
    assert got["2.2"] == ("压实部门监管责任", "区各有关部门", "2026-09-30前")


@pytest.mark.parametrize("first", [
    "充分肯定过去一年安全生产工作取得的成效", "充分肯定成绩", "安全生产形势总体平稳",
    "全区上下共同努力，确保了安全生产形势总体平稳",      # 确保了 reports a result
])
def test_checklist_nodes_review_section_stays_out(first):
    items = build_checklist([read_bytes(speech(first, "压实各方责任，确保安全生产形势持续稳定", "首先"),
                                        name="speech.txt")]).items
    assert not [i for i in items if "双下降" in i.text or i.title == first]
    assert [i.id for i in items if i.kind == "group"] == ["1", "2"]


def test_checklist_nodes_situation_section_over_narrated_items_is_a_review():
    """"清醒认识…面临的形势" with 一是…二是… risks stated, nothing directed: still no task."""
    lines = [*SPEECH_HEAD, "一、清醒认识当前安全生产面临的严峻形势",
             "一是风险隐患点多面广。全区危化品企业86家，老旧燃气管道总长40公里。",
             "二是基层监管力量薄弱。部分街道安监人员不足，专业能力不强。",
             *SECTION_2]
    items = build_checklist([read_bytes("\n".join(lines).encode("utf-8"), name="speech.txt")]).items
    assert not [i for i in items if "风险隐患点多面广" in i.text or "监管力量薄弱" in i.text]
    assert [i.title for i in items if i.kind == "item"] == ["抓好危险化学品安全", "抓好城镇燃气安全"]


SIGNIFICANCE_BODY = ["安全生产是民生大事。近年来，全区安全生产形势总体平稳，但风险隐患仍然较多，部分企业主体责任落实不到位。"]
SIGNIFICANCE_ITEMS = ["第一，做好安全生产工作，是践行以人民为中心发展思想的必然要求。",
                      "第二，做好安全生产工作，是推动高质量发展的现实需要。"]


@pytest.mark.parametrize("title", [
    "提高政治站位，充分认识积案化解的重要意义",
    "深刻认识做好安全生产工作的重大意义",
    "充分认识开展专项整治的必要性和紧迫性",
])
@pytest.mark.parametrize("body", [SIGNIFICANCE_BODY, SIGNIFICANCE_ITEMS])
def test_checklist_nodes_significance_section_that_directs_nothing_is_no_task(title, body):
    """QA12 L10: "一、提高政治站位，充分认识…重要意义" over "…是…"/"部分案件久拖不决" was task 1 (no actor),
    while a 形势 section over the same kind of body is left out."""
    lines = [*SPEECH_HEAD, f"一、{title}", *body, *SECTION_2]
    items = build_checklist([read_bytes("\n".join(lines).encode("utf-8"), name="speech.txt")]).items
    assert not [i for i in items if i.title == title or "必然要求" in i.text or "民生大事" in i.text]
    assert [i.title for i in items if i.kind == "item"] == ["抓好危险化学品安全", "抓好城镇燃气安全"]


@pytest.mark.parametrize("directing", [
    "各街道、各镇要把安全生产摆上重要议事日程，每月至少研究一次。",
    "第一，各街道要把安全生产摆上重要议事日程，每月至少研究一次。第二，各部门要落实行业监管责任。",
])
def test_checklist_nodes_significance_section_that_directs_stays_a_task(directing):
    """The same heading over a duty or requirement sentence keeps its task."""
    title = "提高政治站位，充分认识做好安全生产工作的重要意义"
    lines = [*SPEECH_HEAD, f"一、{title}", SIGNIFICANCE_BODY[0], *directing.replace("。第二", "。\n第二").split("\n"),
             *SECTION_2]
    items = build_checklist([read_bytes("\n".join(lines).encode("utf-8"), name="speech.txt")]).items
    assert items[0].title == title and items[0].id == "1"
