"""Actors of a sentence (QA12): names with 和 inside in 会同/牵头 clauses (M1), a 配合 clause (L2)."""
from __future__ import annotations

import pytest

from pipeline.actors import actor_of_sentence
from pipeline.checklist import Checklist, ChecklistItem, build_checklist
from pipeline.extract import read_bytes
from pipeline.gaps import assess_report

# bodies whose full name holds 和, each as lead and as the 会同 body
AND_NAMES = ["县住房和城乡建设局", "县人力资源和社会保障局", "县工业和信息化局", "县文化和旅游局", "县发展和改革局",
             "县自然资源和规划局"]


@pytest.mark.parametrize("name", AND_NAMES)
def test_actors_jointly_keeps_a_name_with_and(name):
    """QA12 M1: "X要会同县住房和城乡建设局…" lost the second body (split at its 和)."""
    assert actor_of_sentence(f"{name}要会同县市场监管局开展联合检查。") == f"{name}（牵头）、县市场监管局（配合）"
    assert actor_of_sentence(f"县政府督查室要会同{name}开展专项督查。") == f"县政府督查室（牵头）、{name}（配合）"
    assert actor_of_sentence(f"{name}牵头，县财政局配合，做好资金保障。") == f"{name}（牵头）、县财政局（配合）"
    assert actor_of_sentence(f"{name}、县公安局要加强联合执法。") == f"{name}、县公安局"
    assert actor_of_sentence(f"{name}和县公安局要加强联合执法。") == f"{name}和县公安局"


@pytest.mark.parametrize("sentence, actor", [
    # L2: a later clause's 配合 body joins as support
    ("县住房和城乡建设局要在汛前完成城区排水管网清淤疏浚；县城管局配合做好窨井盖巡查。",
     "县住房和城乡建设局、县城管局（配合）"),
    ("县财政局要保障经费，县审计局协助开展审计。", "县财政局、县审计局（配合）"),
    # 配合 that is no clause of a body's own stays out
    ("各部门要密切配合，形成工作合力。", "各部门"),
    ("县公安局要加强巡逻，各乡镇积极配合。", "县公安局"),
])
def test_actors_support_clause_names_the_supporting_body(sentence, actor):
    assert actor_of_sentence(sentence) == actor


NOTICE = ("平川县人民政府办公室关于开展城镇燃气安全专项整治的通知\n各乡镇人民政府，县政府各部门：\n"
          "一、重点任务\n（一）开展管网排查。县住房和城乡建设局要会同县市场监管局对全县燃气管网开展全面排查。\n"
          "（二）强化督查问责。县政府督查室要会同县住房和城乡建设局对整治情况开展督查。\n"
          "平川县人民政府办公室\n2026年12月1日\n")


def test_actors_jointly_with_and_in_checklist_and_gaps():
    """QA12 M1 in g1: 平川县住房和城乡建设局's 4.2 (it is the 会同 body) was 不适用（非责任主体）."""
    doc = read_bytes(NOTICE.encode("utf-8"), name="notice.txt")
    items = [i for i in build_checklist([doc]).items if i.actor]
    assert [i.actor for i in items] == ["县住房和城乡建设局（牵头）、县市场监管局（配合）",
                                        "县政府督查室（牵头）、县住房和城乡建设局（配合）"]
    report = ("平川县住房和城乡建设局关于燃气安全专项整治工作的报告\n我局认真学习了通知精神，召开专题会议研究部署。\n"
              "平川县住房和城乡建设局\n2026年12月20日\n")
    checklist = Checklist(tuple(ChecklistItem(id=str(k), text=i.text, title=i.title, actor=i.actor)
                                for k, i in enumerate(items, 1)))
    rows = assess_report(checklist, read_bytes(report.encode("utf-8"), name="r.txt"))
    assert [row.status != "not_applicable" for row in rows] == [True, True]


@pytest.mark.parametrize("opening", ["汛期", "主汛期", "节假日期间", "春节期间", "会后", "今后", "同时", "近期", "下一步",
                                     "每年", "重要时段"])
@pytest.mark.parametrize("subject", ["各单位", "各乡镇", "各级防汛部门", "县应急管理局"])
def test_actors_time_word_before_the_subject(opening, subject):
    """QA12 M4: "汛期各单位要…" had the actor "汛期各单位", a body of nobody's (不适用 for every unit)."""
    assert actor_of_sentence(f"{opening}{subject}要严格执行24小时值班和领导带班制度。") == subject


@pytest.mark.parametrize("name", ["防汛抗旱指挥部", "县防汛抗旱指挥部", "国庆安保指挥部"])
def test_actors_time_word_inside_a_name_is_kept(name):
    """A body whose name opens with a season's word is not cut."""
    assert actor_of_sentence(f"{name}要加强统一调度。") == name


def test_actors_time_word_task_is_every_units():
    """QA12 gs: 平川县应急管理局's reply on its 24小时值班 was 不适用（非责任主体） on 2.3."""
    speech = ("在全县防汛抗旱工作会议上的讲话\n（2026年4月15日）\n同志们：\n一、压实责任\n"
              "第一，严肃值班值守纪律。汛期各单位要严格执行24小时值班和领导带班制度，重要情况第一时间报告。\n")
    items = [i for i in build_checklist([read_bytes(speech.encode("utf-8"), name="s.txt")]).items if i.actor]
    assert [i.actor for i in items] == ["各单位"]
    report = ("平川县应急管理局关于防汛抗旱工作落实情况的报告\n汛期我局严格执行24小时值班和领导带班制度。\n"
              "平川县应急管理局\n2026年6月20日\n")
    checklist = Checklist((ChecklistItem(id="1", text=items[0].text, title=items[0].title, actor=items[0].actor),))
    row = assess_report(checklist, read_bytes(report.encode("utf-8"), name="r.txt"))[0]
    assert row.status in ("covered", "partial")


@pytest.mark.parametrize("body", ["县法院", "县人民法院", "县检察院", "县委办", "县委办公室", "县政府办", "县政府办公室",
                                  "县委政法委", "县委宣传部", "区委组织部", "市委统战部", "县委督查室", "县纪委监委", "市委教育工委"])
def test_actors_organs_beyond_bureaus_are_whole_bodies(body):
    """QA12 M7: 县法院 and 县委办 were lost from a list, 县委政法委 read as 县委, 县委宣传部 as 宣传部."""
    assert actor_of_sentence(f"{body}要加强组织领导。") == body
    assert actor_of_sentence(f"{body}、县司法局要加强组织领导。") == f"{body}、县司法局"
    assert actor_of_sentence(f"县信访局要会同{body}，在3月底前完成排查。") == f"县信访局（牵头）、{body}（配合）"


@pytest.mark.parametrize("sentence, actor", [
    # a second "X牵头，Y配合" clause in the same task (QA12 M7 2.3)
    ("县法院、县司法局要对涉法涉诉信访案件依法处理，国庆节前化解率达到80%以上；县人社局牵头，县住建局配合，集中化解欠薪积案。",
     "县法院、县司法局、县人社局（牵头）、县住建局（配合）"),
    # a bracket in a township's people does not make the subject too long to be theirs (QA12 M7 2.2)
    ("各乡镇（街道）党政主要负责同志要亲自包案、亲自化解。", "各乡镇（街道）党政主要负责同志"),
    # a building is no body: 医院 stays out of the organ endings
    ("集中收治医院要尽快建成投入使用。", ""),
])
def test_actors_second_lead_clause_and_township_people(sentence, actor):
    assert actor_of_sentence(sentence) == actor


XF_SPEECH = ("在全县信访积案化解攻坚行动动员会上的讲话\n2026年3月10日\n同志们：\n一、全力攻坚化解信访积案\n"
             "（一）全面起底排查。县信访局要会同县委政法委，在3月底前对信访积案逐件起底。\n"
             "（二）依法分类处理。县法院、县司法局要对涉法涉诉信访案件依法处理；县人社局牵头，县住建局配合，集中化解拖欠农民工工资类积案。\n"
             "二、强化组织保障\n一是加强统筹调度。县委办、县政府办要建立周调度、月通报制度。\n")


@pytest.mark.parametrize("unit, own", [("平川县人民法院", {"2"}), ("平川县人力资源和社会保障局", {"2"}),
                                       ("中共平川县委办公室", {"3"}), ("中共平川县委政法委员会", {"1"}),
                                       ("平川县住房和城乡建设局", {"2"})])
def test_actors_organs_answer_for_their_own_tasks(unit, own):
    """QA12 M7 xf: 县法院's and 县人社局's own task 2.3 was 不适用, 县委办's 2.1 未体现 (县委 found inside its name)."""
    items = [i for i in build_checklist([read_bytes(XF_SPEECH.encode("utf-8"), name="s.txt")]).items if i.actor]
    checklist = Checklist(tuple(ChecklistItem(id=str(k), text=i.text, title=i.title, actor=i.actor)
                                for k, i in enumerate(items, 1)))
    report = f"关于信访积案化解情况的报告\n我单位认真贯彻会议精神，召开专题会议研究部署。\n{unit}\n2026年6月1日\n"
    rows = assess_report(checklist, read_bytes(report.encode("utf-8"), name="r.txt"))
    assert {row.item_id for row in rows if row.status != "not_applicable"} == own


@pytest.mark.parametrize("cell, actor", [
    ("牵头：县住房和城乡建设局；配合：县应急管理局", "县住房和城乡建设局（牵头）、县应急管理局（配合）"),
    ("牵头:县教育局 配合:县财政局、县公安局", "县教育局（牵头）、县财政局、县公安局（配合）"),
    ("牵头单位：县教育局；配合单位：县财政局", "县教育局（牵头）、县财政局（配合）"),
    ("落实主体责任：各乡镇要加强排查。", "各乡镇"),          # 主体责任：is no role field
])
def test_actors_role_fields_without_unit_word(cell, actor):
    """QA12 L16: a 责任单位 cell "牵头：X；配合：Y" stayed raw as the actor."""
    assert actor_of_sentence(cell) == actor
