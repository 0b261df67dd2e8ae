"""Body identity over the standard short forms of government bodies (QA12 H1): a notice's 县市场监管局
is the 平川县市场监督管理局 that signs the reply, so that body's own task is not 不适用（非责任主体）."""
from __future__ import annotations

import pytest

from pipeline.actors import actor_parts, answers_for, same_body
from pipeline.body_names import short_name, split_names
from pipeline.checklist import Checklist, ChecklistItem
from pipeline.extract import read_bytes
from pipeline.gaps import assess_report

# (short form a notice uses, full name a unit signs with)
SHORT_AND_FULL = [
    ("县市场监管局", "平川县市场监督管理局"),
    ("县市监局", "平川县市场监督管理局"),
    ("县住建局", "平川县住房和城乡建设局"),
    ("区住建局", "东湖区住房城乡建设局"),
    ("县人社局", "平川县人力资源和社会保障局"),
    ("市人力社保局", "江州市人力资源和社会保障局"),
    ("县发改局", "平川县发展和改革局"),
    ("市发改委", "江州市发展和改革委员会"),
    ("县应急局", "平川县应急管理局"),
    ("县卫健局", "平川县卫生健康局"),
    ("市卫健委", "江州市卫生健康委员会"),
    ("县文旅局", "平川县文化和旅游局"),
    ("县文旅局", "平川县文化广电和旅游局"),
    ("县文广旅局", "平川县文化广电旅游局"),
    ("县工信局", "平川县工业和信息化局"),
    ("县自然资源局", "平川县自然资源和规划局"),
    ("县环保局", "平川县生态环境局"),
    ("县交通局", "平川县交通运输局"),
    ("县城管局", "平川县城市管理综合执法局"),
    ("县城管局", "平川县城市管理局"),
    ("县教体局", "平川县教育体育局"),
    ("县退役军人局", "平川县退役军人事务局"),
    ("县医保局", "平川县医疗保障局"),
    ("县科技局", "平川县科学技术局"),
    ("县林草局", "平川县林业和草原局"),
    ("县委办", "中共平川县委办公室"),
    ("县政府办", "平川县人民政府办公室"),
    ("县委政法委", "中共平川县委政法委员会"),
    ("县法院", "平川县人民法院"),
    ("县检察院", "平川县人民检察院"),
    ("县委统战部", "中共平川县委统一战线工作部"),
    ("县纪委", "中共平川县纪律检查委员会"),
    ("县卫健局", "平川县卫生健康委员会"),           # qa13 S6: 局 in one county, 委员会 in another
    ("县发改局", "平川县发展和改革委员会"),
    ("县卫健委", "平川县卫生健康局"),
    ("县委编办", "中共平川县委机构编制委员会办公室"),
]


@pytest.mark.parametrize("short, full", SHORT_AND_FULL)
def test_body_names_short_form_is_the_full_name(short, full):
    place = full.removeprefix("中共")[:2]
    assert same_body(short, full) and same_body(full, place + short)
    assert same_body(short, full.replace("平川县", "县").replace("江州市", "市").replace("东湖区", "区"))
    assert answers_for(short, full) and answers_for(full, place + short)


@pytest.mark.parametrize("actor, unit", [
    ("县公安局", "平川县公安局交通警察大队"),        # qa13 R2: a brigade of the bureau answers for it
    ("县公安局交警大队", "平川县公安局交通警察大队"),
    ("县公安局", "平川县公安局治安管理大队"),
])
def test_body_names_a_bureaus_brigade_answers_for_it(actor, unit):
    assert answers_for(actor, unit)


@pytest.mark.parametrize("actor, unit", [
    ("县市场监管局", "平川县住房和城乡建设局"), ("县住建局", "平川县人力资源和社会保障局"),
    ("县人社局", "平川县发展和改革局"), ("县应急局", "平川县卫生健康局"), ("县文旅局", "平川县教育体育局"),
    ("县交通局", "平川县公安局交通警察大队"), ("县城管局", "平川县住房和城乡建设局"),
    ("市市场监管局", "平川县市场监督管理局"),            # the city's bureau is not the county's
    ("县委政法委", "中共平川县委宣传部"), ("县法院", "平川县人民检察院"),
])
def test_body_names_other_bodies_stay_apart(actor, unit):
    assert not same_body(actor, unit) and not answers_for(actor, unit)


@pytest.mark.parametrize("full, short", [("平川县市场监督管理局", "平川县市场监管局"), ("县住房和城乡建设局", "县住建局"),
                                         ("县人民政府办公室", "县人民政府办"), ("县教育局", "县教育局")])
def test_body_names_short_name(full, short):
    assert short_name(full) == short


@pytest.mark.parametrize("text, parts", [
    ("县住房和城乡建设局、县财政局", ["县住房和城乡建设局", "县财政局"]),
    ("县人力资源和社会保障局和县发展和改革局", ["县人力资源和社会保障局", "县发展和改革局"]),
    ("县教育局和县公安局", ["县教育局", "县公安局"]),
])
def test_body_names_split_keeps_names_with_and_whole(text, parts):
    assert split_names(text) == parts
    assert actor_parts(text) == parts


NOTICE_TASKS = [("1", "县住建局要对全县在建工地开展安全检查，12月31日前完成。", "县住建局"),
                ("2", "县人社局要开展根治欠薪冬季专项行动。", "县人社局"),
                ("3", "县市场监管局牵头，各乡镇人民政府配合，开展餐饮场所用气安全检查。", "县市场监管局（牵头）、各乡镇人民政府（配合）")]


@pytest.mark.parametrize("unit, own", [("平川县住房和城乡建设局", "1"), ("平川县人力资源和社会保障局", "2"),
                                       ("平川县市场监督管理局", "3")])
def test_body_names_a_units_own_task_is_assessed(unit, own):
    """QA12 alias2: replies signed with the full name saying nothing on their task were 不适用 on every
    task; their own task is 未体现 now, the others' still 不适用."""
    checklist = Checklist(tuple(ChecklistItem(id=i, text=t, title=t[:10], actor=a) for i, t, a in NOTICE_TASKS))
    report = (f"关于岁末年初安全防范工作落实情况的报告\n县人民政府办公室：\n    我局高度重视，认真传达学习了通知精神，"
              f"召开了专题会议进行研究部署。\n{unit}\n2026年12月20日\n")
    rows = assess_report(checklist, read_bytes(report.encode("utf-8"), name="reply.txt"))
    statuses = {row.item_id: row.status for row in rows}
    assert statuses[own] != "not_applicable"
    assert all(status == "not_applicable" for item, status in statuses.items() if item != own)


@pytest.mark.parametrize("actor, own", [("市场监管局", True), ("市场监督管理局", True), ("住建局", False)])
def test_body_names_report_of_unknown_unit_named_in_its_title(actor, own):
    """A report whose unit is unknown (file-name fallback) is the actor's own when its title names the actor
    in any standard form (gap_unit._same_actor)."""
    from pipeline.gap_unit import _same_actor

    doc = read_bytes("关于市场监督管理局燃气安全整治工作情况的报告\n我们开展了餐饮场所燃气安全检查。\n".encode("utf-8"), name="r.txt")
    assert _same_actor(actor, doc) is own
