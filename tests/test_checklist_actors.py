"""actors in checklists and gap tables: a list of bodies keeps every body (QA9 M3), and townships are a
kind of body of their own, so 各乡镇's tasks are not a county bureau's (QA9 M4)."""
from __future__ import annotations

import pytest

from pipeline.actors import actor_of_sentence, answers_for, body_kind
from pipeline.checklist import Checklist, ChecklistItem, build_checklist
from pipeline.extract import read_bytes
from pipeline.gaps import assess_report


@pytest.mark.parametrize("sentence, actor", [
    ("各乡镇、各部门要坚持预防为主、积极消灭的方针。", "各乡镇、各部门"),
    ("各乡镇、各部门主要负责同志要亲自研究部署，分管负责同志具体抓落实。", "各乡镇、各部门主要负责同志"),
    ("各乡镇、各有关单位于2026年12月25日前将工作总结报送县林业局。", "各乡镇、各有关单位"),
    ("县应急管理局、县财政局要加强扑火物资保障。", "县应急管理局、县财政局"),
    # two demands on two bodies in one sentence
    ("各乡镇要在11月15日前完成隐患排查；县林业局要在明年1月底前完成隔离带建设。", "各乡镇、县林业局"),
    ("县应急管理局要在12月底前完成扑火队轮训，县财政局要保障物资经费，确保拉得出、打得赢。", "县应急管理局、县财政局"),
    # a later clause's people of the bodies named (主要负责同志) or a body inside a phrase (市委的决策部署) is no new body
    ("各乡镇、各部门要高度重视，主要负责同志要亲自部署。", "各乡镇、各部门"),
    ("督查干部要始终站在全局高度看问题，把市委的决策部署作为督查的第一要务。", "督查干部"),
    ("市政府办公室和各专项工作办公室要进一步加大督查力度。", "市政府办公室和各专项工作办公室"),
    ("第一，督导组要按照区委的总体部署，认真履行职责。", "督导组"),
])
def test_checklist_actors_a_list_keeps_every_body(sentence, actor):
    assert actor_of_sentence(sentence) == actor


SPEECH = ("在全县秋冬季森林防火工作会议上的讲话\n（2026年10月15日）\n同志们：\n下面，我讲两点意见。\n"
          "一、扎实抓好各项防控措施\n一要全面排查整治隐患。{first}要在11月15日前完成林区隐患全面排查；"
          "{second}要在明年1月底前完成重点林区防火隔离带建设。\n"
          "二要加强扑火能力建设。县应急管理局要在12月底前完成专业扑火队轮训。\n"
          "二、切实加强组织保障\n一是压实责任。{first}、各部门主要负责同志要亲自部署、亲自督促。\n")


@pytest.mark.parametrize("first, second", [("各乡镇", "县林业局"), ("各街道", "区住建局"), ("县公安局", "县林业局")])
def test_checklist_actors_of_an_item_with_two_demands(first, second):
    """QA9 M3: "各乡镇要…；县林业局要…" kept 各乡镇 only, so 县林业局's report was 未体现 on its own demand."""
    doc = read_bytes(SPEECH.format(first=first, second=second).encode("utf-8"), name="speech.txt")
    actors = {i.title: i.actor for i in build_checklist([doc]).items if i.kind == "item"}
    assert actors == {"全面排查整治隐患": f"{first}、{second}", "加强扑火能力建设": "县应急管理局",
                      "压实责任": f"{first}、各部门主要负责同志"}


@pytest.mark.parametrize("actor, unit, answers", [
    ("各乡镇", "县应急管理局", False),
    ("乡镇", "县林业局", False),
    ("各街道", "区住建局", False),
    ("各乡镇党政主要负责同志", "县林业局", False),
    ("各乡镇", "县林业局森林防火科", False),
    ("各乡镇", "石门镇人民政府", True),
    ("各乡镇", "白沙乡", True),
    ("各街道", "城关街道办事处", True),
    ("各乡镇人民政府", "青峰镇人民政府", True),
    ("各乡镇、县公安局", "县公安局", True),            # the bureau named beside the townships
    ("各乡镇、各部门", "县林业局", True),              # 各部门: every unit
    ("各县（市、区）教育局", "白沙乡人民政府", False),  # a bureau's task is no township's
    ("各单位", "白沙乡人民政府", True),
])
def test_checklist_actors_townships_are_a_kind_of_body(actor, unit, answers):
    assert answers_for(actor, unit) is answers


@pytest.mark.parametrize("name, kind", [("各乡镇", "township"), ("城关街道", "township"), ("石门镇人民政府", "township"),
                                        ("县乡镇企业局", "bureau"), ("青山县人民政府", "government"),
                                        ("青山县人民政府办公室", ""), ("白沙乡中心小学", "school")])
def test_checklist_actors_body_kind_of_townships(name, kind):
    assert body_kind(name) == kind


@pytest.mark.parametrize("unit, actor, applicable", [
    ("县应急管理局", "各乡镇", False), ("县应急管理局", "各乡镇人民政府", False), ("县应急管理局", "各单位", True),
    ("石门镇人民政府", "各乡镇", True), ("县应急管理局", "各乡镇、县应急管理局", True),
])
def test_checklist_actors_township_task_not_applicable_to_a_bureau(unit, actor, applicable):
    """QA9 M4: the speech's 各乡镇 tasks were 未体现 for 县应急管理局 (各乡镇人民政府's were 不适用)."""
    report = (f"{unit}关于秋冬季森林防火工作开展情况的报告\n我们组织开展了扑火队伍培训和应急演练。\n"
              f"下一步，我们将继续做好森林防火工作。\n{unit}\n2026年12月20日\n")
    item = ChecklistItem(id="1", text="开展林区火灾隐患全面排查，建立隐患台账。", title="全面排查隐患", actor=actor)
    row = assess_report(Checklist((item,)), read_bytes(report.encode("utf-8"), name="r.txt"))[0]
    assert (row.status == "not_applicable") is (not applicable)


@pytest.mark.parametrize("actor, texts, expected", [
    ("各乡镇", ["各乡镇要在进山路口设立检查站。", "县公安局要加大对野外违规用火的查处力度，发现一起查处一起。"], "各乡镇、县公安局"),
    ("镇督查办", ["镇督查办负责每月检查评比。", "对排名末位的村，镇党委要约谈村党支部书记。"], "镇督查办、镇党委"),
    # the people of the bodies named, a generic subject and the same body again add nobody
    ("各级党委（党组）", ["主要负责同志要亲自抓。", "纪检监察干部要带头严守纪律。", "各级党组织要扛起主体责任。"],
     "各级党委（党组）"),
    ("督导组", ["区先进性教育活动领导小组办公室对督导组的同志要多关心。", "每个督导组都要建立临时党小组。"], "督导组"),
    ("县应急管理局", ["县应急管理局要完成扑火队轮训。"], "县应急管理局"),
])
def test_checklist_actors_with_bodies_named_later(actor, texts, expected):
    """QA9 M3 (speech 1.1, two sentences): the item's other sentences' specific subjects join its actor
    (for ``checklist._actor_of``; patch in /work/notes/helper56.md)."""
    from pipeline.actors import with_bodies_named_later

    assert with_bodies_named_later(actor, texts) == expected


@pytest.mark.parametrize("sentence, actor", [
    # QA10 N12: "会同" names a second body, which joins the lead's work
    ("市水务局要会同各区人民政府加快城区黑臭水体治理。", "市水务局（牵头）、各区人民政府（配合）"),
    ("由市教育局会同市财政局负责制定实施方案。", "市教育局（牵头）、市财政局（配合）"),
    ("市财政局要会同市人社局、市教育局做好经费保障。", "市财政局（牵头）、市人社局、市教育局（配合）"),
    ("市教育局会同市委宣传部开展宣传。", "市教育局（牵头）、市委宣传部（配合）"),
])
def test_checklist_actors_jointly_names_lead_and_support(sentence, actor):
    assert actor_of_sentence(sentence) == actor


@pytest.mark.parametrize("sentence", ["我们会同区商务委党委分析原因，研究整改办法。",      # no body as the subject
                                      "要会同有关部门排查自建房安全隐患。"])
def test_checklist_actors_jointly_without_bodies_names_none(sentence):
    assert "（配合）" not in actor_of_sentence(sentence)


ECO_TITLE = "江州市人民政府办公室关于抓紧做好生态环境保护督察反馈问题整改工作的通知"
ECO_LINES = [
    "各区人民政府，市政府各有关部门：", "现将有关事项通知如下。", "一、重点任务",
    "（一）全力推进水污染治理。市水务局要会同各区人民政府加快城区黑臭水体治理，2026年9月30日前完成青龙河段截污纳管和清淤疏浚。",
    "（二）深入开展大气污染防治。市生态环境局要牵头开展工业企业挥发性有机物专项执法检查，2026年5月底前实现重点企业全覆盖；"
    "市住房和城乡建设局要严格落实建筑工地扬尘管控“六个百分之百”要求。",
    "（三）严格整改销号。市生态环境局要建立整改销号制度，6月底前出台销号办法；市住房和城乡建设局要于9月底前完成工地扬尘在线监测全覆盖。",
    "（四）加强组织领导。9月底前，市生态环境局要完成全部反馈问题整改验收，市水务局要完成全部黑臭水体整治验收。",
    "二、工作要求",
    "（一）按时报送进展。各责任单位要于每月25日前向市生态环境局报送整改进展情况，2026年12月31日前报送整改工作总结。",
    "江州市人民政府办公室", "2026年1月15日"]
ECO_EXPECTED = {  # id: (actor, deadline, deadline_kind)
    "1.1": ("市水务局（牵头）、各区人民政府（配合）", "2026-09-30前", "date"),
    "1.2": ("市生态环境局、市住房和城乡建设局", "2026-05-31前（市生态环境局）", "date"),
    "1.3": ("市生态环境局、市住房和城乡建设局", "2026-06-30前（市生态环境局）；2026-09-30前（市住房和城乡建设局）", "date"),
    "1.4": ("市生态环境局、市水务局", "2026-09-30前", "date"),         # set before any body: both's
    "2.1": ("各责任单位", "每月25日前；2026-12-31前", "frequency"),
}


def eco_notice(fmt: str) -> bytes:
    if fmt == "docx":
        import io

        import docx

        document = docx.Document()
        for line in [ECO_TITLE, *ECO_LINES]:
            document.add_paragraph(line)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    if fmt == "html":
        body = "".join(f"<p>{line}</p>" for line in ECO_LINES)
        return f"<html><head><title>{ECO_TITLE}</title></head><body><h1>{ECO_TITLE}</h1>{body}</body></html>".encode()
    return "\n".join([ECO_TITLE, *ECO_LINES]).encode("utf-8")


@pytest.mark.parametrize("fmt", ["docx", "txt", "html"])
def test_checklist_actors_notice_co_actor_recurring_report_and_each_bodys_deadline(fmt):
    """QA10 N12: 会同's body lost; "每月25日前" lost to the summary's date; one body's date shown as both bodies'."""
    doc = read_bytes(eco_notice(fmt), name=f"notice.{fmt}")
    items = {i.id: (i.actor, i.deadline, i.deadline_kind) for i in build_checklist([doc]).items if i.kind == "item"}
    assert items == ECO_EXPECTED


@pytest.mark.parametrize("actor, unit, answers", [
    ("区各有关部门", "南湖区应急管理局", True),        # QA10 N5's 其次 task: every 区 department's
    ("全市各单位", "江州市水务局", True),
    ("县各部门", "青山县林业局", True),
    ("区应急管理局", "南湖区住房和城乡建设局", False),  # a named body stays its own
    ("各乡镇", "青山县林业局", False),                 # a kind the unit is not (QA9 M4)
])
def test_checklist_actors_every_body_at_a_level(actor, unit, answers):
    assert answers_for(actor, unit) is answers


@pytest.mark.parametrize("text, expected", [
    ("各县（市、区）教育局要加强督查；党员干部要带头。", ""),          # one body (its bracket holds a 、): review7 M5
    ("各乡镇、各部门要加强巡查；县林业局要完成隔离带。", "各乡镇、各部门、县林业局"),
    ("各乡镇要设立检查站；县公安局要加大查处力度。", "各乡镇、县公安局"),
])
def test_actors_clause_subjects_keeps_bracketed_bodies_whole(text, expected):
    from pipeline.actors import clause_subjects

    assert clause_subjects(text) == expected
