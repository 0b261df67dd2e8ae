"""Deadlines: what counts as a time limit, stages in the document's words, years from the document's date."""
from __future__ import annotations

import pytest

from conftest import CORPORA
from pipeline.checklist import build_checklist
from pipeline.deadlines import find_deadline, year_of


# Statements about what is, found by QA as false deadlines (regressions), and their directive twins.
@pytest.mark.parametrize("text", [
    "因此有人说，每年都是最困难的一年，但也是最好的一年。",                       # QA: 每年 describes
    "在一百年的奋斗中，我们党始终以马克思主义基本原理分析把握历史大势，正确处理中国和世界的关系。",
    "实践证明，马克思主义是我们党和国家必须始终遵循的指导思想。",
    "为人民而生，因人民而兴，始终同人民在一起，为人民利益而奋斗，是我们党的根本出发点。",
    "我们始终坚持以人民为中心。",
    "在这方面，如何做到敬终如始、善始善终，是对大家的长期考验。",               # QA: 长期 as an adjective
    "激励广大教师安心从教、热心从教、长期从教。",
    "要加强全过程管理和组织领导。",                                           # QA: 全过程 is scope
    "做到全过程监督、全链条控制。",
    "本单位建立了长效机制，是全市的样板。",
    "贯彻《国家中长期教育改革和发展规划纲要》",
    "确保学生每天在校1小时的体育锻炼时间。",                                   # QA: a quota, not a cadence
    "要确保每年投入不少于500万元。",
    "要细化到季度、到月份、甚至到每周，实行时限倒逼目标。",                     # QA: a granularity
    "一月一日起施行。",
    "一季度全市地区生产总值增长5.2%。",                                        # a quarter reported, not due
    "会议时间：3月5日上午。",
])
def test_deadlines_statements_are_not_deadlines(text):
    assert find_deadline(text) is None


@pytest.mark.parametrize("text, value, kind", [
    ("6月底前完成", "6月底前", "date"),
    ("长期坚持", "长期坚持", "ongoing"),
    ("每年开展一次", "每年", "frequency"),
    ("各单位每年开展一次自查。", "每年", "frequency"),
    ("每季度报送一次", "每季度", "frequency"),
    ("要始终坚持问题导向，一抓到底。", "长期坚持", "ongoing"),
    ("始终绷紧安全教育这根弦，突出抓好交通安全。", "长期坚持", "ongoing"),
    ("三是从临时应急式的管理转变为持续常态化的管理。", "长期坚持", "ongoing"),
    ("要建立健全长效机制。", "长期坚持", "ongoing"),
    ("把问题整改贯穿主题教育始终。", "长期坚持", "ongoing"),
    ("将检查督办贯穿于各项重点工作的始终。", "长期坚持", "ongoing"),
    ("把理论学习贯穿这次主题教育全过程。", "长期坚持", "ongoing"),
    ("落实中长期规划，建立长期机制", "长期坚持", "ongoing"),
    ("这项工作要长期抓、反复抓。", "长期坚持", "ongoing"),
    ("因此有人说，每年都是最困难的一年。各单位要每年开展一次自查。", "每年", "frequency"),  # the second 每年 counts
    ("请及时报送", "及时", "prompt"),
    ("要坚持每天锻炼。", "每日", "frequency"),                      # 每天 with no amount is a cadence
    # QA: dev_speech_03 2.4 had none; the finest of the cadences is the item's
    ("做到一月一检查、一季一通报、半年一总结，自觉对账销号。", "每月", "frequency"),
    ("坚持一季一调度、一年一考核。", "每季度", "frequency"),
    ("我就做好当前及春节前后工作再强调四点意见。", "春节前后", "period"),
    ("汛期期间要24小时值班。", "汛期期间", "period"),
])
def test_deadlines_directives_are_found(text, value, kind):
    found = find_deadline(text)
    assert found is not None and (found.value, found.kind) == (value, kind)


@pytest.mark.parametrize("text, stages", [
    # QA: these were all renamed to the 2005 campaign's 学习动员阶段
    ("比如第一阶段思想教育期间要重点关注教育时间，确保学习教育阶段不走过场。又比如分析评议阶段是关键环节。",
     "第一阶段、学习教育阶段、分析评议阶段"),
    ("要突出分析评议阶段", "分析评议阶段"),
    ("在检视整改阶段要逐条销号", "检视整改阶段"),
    ("第二阶段要集中整治突出问题", "第二阶段"),
    ("做好总结评估阶段的各项工作", "总结评估阶段"),
    ("进入整改提高阶段后，整改提高阶段的方案要公示", "整改提高阶段"),
])
def test_deadlines_stage_keeps_the_documents_words(text, stages):
    found = find_deadline(text)
    assert (found.text, found.value, found.kind) == (stages, stages, "stage")


@pytest.mark.parametrize("text", ["要抓住关键环节和关键阶段", "我国仍处于社会主义初级阶段", "发展进入新阶段", "思想教育要深入"])
def test_deadlines_generic_stages_are_not_deadlines(text):
    assert find_deadline(text) is None


@pytest.mark.parametrize("text, doc_date, value", [
    ("争取5月底前完成拆迁任务", "2010-02-22", "2010-05-31前"),       # QA: the speech is dated （2010年2月22日）
    ("争取5月底前完成拆迁任务", "2010年2月22日", "2010-05-31前"),
    ("2月底前完成", "2010-02-22", "2010-02-28前"),                    # same month, end still ahead
    ("2月15日前完成", "2010-02-22", "2月15日前"),                     # before the speech: no year made up
    ("3月底前完成", "2010-11-22", "3月底前"),                         # next year's or a past one: as written
    ("明年3月底前完成", "2010-11-22", "2011-03-31前"),
    ("今年9月底前完成", "2010-02-22", "2010-09-30前"),
    ("年底前完成", "2010-08-01", "2010-12-31前"),
    ("上半年完成", "2010-02-22", "2010-06-30前"),
    ("上半年完成", "2010-08-01", "上半年内"),
    ("2011年秋季前完成，6月底前开工", "2010-02-22", "2010-06-30前"),
    ("2009年5月底前完成", "2010-02-22", "2009-05-31前"),              # a written year is kept
    ("5月底前完成", "", "5月底前"),                                    # no document date: no year
    ("5月底前完成", "2010年", "2010-05-31前"),                        # a year alone: every month is in it
    # QA: dev_speech_04 2.2.1 had none; a target year is due by its end
    ("确保2010年399所学校的校舍得到加固改造", "2010-02-22", "2010-12-31前"),
    ("力争到2012年全面完成", "2010-02-22", "2012-12-31前"),
    ("确保二〇一〇年完成", "", "2010-12-31前"),
    # QA (session 6): a 任务分解 notice's quarters are due by the quarter's end
    ("第一季度完成新一轮集团化办学方案制订，由市教育局基础教育处负责。", "2024-03-05", "2024-03-31前"),
    ("三季度末前完成验收", "2024-03-05", "2024-09-30前"),
    ("2025年第二季度内完成", "2024-03-05", "2025-06-30前"),
    ("第一季度完成方案制订", "", "第一季度末前"),
    ("第一季度完成方案制订", "2024-05-10", "第一季度末前"),     # already past: as written
    # QA7: a labelled due date needs no 前; a meeting's time is no deadline
    ("责任单位：市教育局后勤处。完成时限：2025年9月30日。", "2025-03-20", "2025-09-30前"),
    ("完成时间：9月底", "2025-03-20", "2025-09-30前"),
])
def test_deadlines_year_from_the_documents_date(text, doc_date, value):
    found = find_deadline(text, doc_date=doc_date)
    assert (found.value, found.kind) == (value, "date")


@pytest.mark.parametrize("date_text, year", [
    ("2010-02-22", 2010), ("2005年3月25日", 2005), ("二〇〇五年三月二十六日", 2005), ("", None),
    ("12-2010", None), ("3025年1月1日", None),
])
def test_deadlines_year_of_document_dates(date_text, year):
    assert year_of(date_text) == year


def test_deadlines_checklist_dates_the_speechs_deadlines():
    """dev_speech_04 is dated 2010-02-22: its 5月底前 and 6月底前 become 2010 dates in the checklist."""
    items = build_checklist([CORPORA / "dev" / "dev_speech_04.txt"]).items
    dated = {i.deadline_text: i.deadline for i in items if i.deadline_kind == "date"}
    assert dated.get("5月底前") == "2010-05-31前" and dated.get("6月底前") == "2010-06-30前"
    assert not [i for i in items if i.deadline_kind == "stage" and "学习动员阶段" in i.deadline]


@pytest.mark.parametrize("text, doc_date", [
    ("确保2009年的成果得到巩固", "2010-02-22"),        # a past year is no deadline
    ("2010年是关键之年，确保稳定", "2010-02-22"),       # a year not governed by 确保/力争
])
def test_deadlines_years_that_are_not_targets(text, doc_date):
    assert find_deadline(text, doc_date=doc_date) is None


def test_deadlines_checklist_items_take_their_lead_ins_time():
    """Regression (QA): dev_speech_03's four points "做好当前及春节前后工作" had no deadline, and 二要优供应
    got 长期坚持 from "始终保持水电气正常供应", a holiday-period task; 2.2/2.4 had 每周 from a planning
    granularity and nothing for 一月一检查."""
    items = {i.title: i for i in build_checklist([CORPORA / "dev" / "dev_speech_03.txt"]).items}
    assert {items[t].deadline for t in ("保平安", "优供应", "促和谐", "开好门")} == {"春节前后"}
    assert items["善于自我管理"].deadline == "每月"
    assert not next(i for t, i in items.items() if t.startswith("每个项目都要按工作节点")).deadline


@pytest.mark.parametrize("title, body, deadline", [
    ("节假日期间，要加强值守", "", "节假日期间"),                   # a period in the item's title counts
    ("要加强明察暗访", "节假日期间，纪委要加大明察暗访力度。", ""),  # in its body it times one sentence
])
def test_deadlines_checklist_period_only_from_titles_and_lead_ins(tmp_path, title, body, deadline):
    speech = tmp_path / "speech.txt"
    speech.write_text(f"关于作风建设的讲话\n下面，我提两点要求：\n一要{title}。{body}\n二要严肃查处问题，各单位要认真落实。\n",
                      encoding="utf-8")
    items = build_checklist([speech]).items
    assert items and items[0].deadline == deadline, [(i.title, i.deadline) for i in items]


@pytest.mark.parametrize("text, value", [
    # QA10 N12: the monthly report 督查 chases was lost to the summary's date
    ("各责任单位要于每月25日前向市生态环境局报送整改进展情况，2026年12月31日前报送整改工作总结。",
     "每月25日前；2026-12-31前"),
    ("各单位要于2026年6月30日前完成自查，此后每季度末前报送进展。", "2026-06-30前；每季度末前"),
    ("各乡镇要每月5日前报送上月情况。", "每月5日前"),
    ("要在每周五前上报本周隐患排查情况。", "每周五前"),
    ("各县区要于每年12月底前报送年度工作总结。", "每年12月底前"),          # no one-off 2026-12-31前
    ("要每季度第一个月10日前报送上季度工作情况。", "每季度第一个月10日前"),
])
def test_deadlines_recurring_due_day_kept_as_written(text, value):
    found = find_deadline(text, doc_date="2026-01-15")
    assert (found.value, found.kind) == (value, "frequency")


@pytest.mark.parametrize("text, value, kind", [
    ("要每月开展一次检查，6月底前完成全面排查。", "2026-06-30前", "date"),     # a cadence and a date: the date
    ("各单位要每月报送一次进展情况。", "每月", "frequency"),
])
def test_deadlines_cadence_without_a_due_day_is_unchanged(text, value, kind):
    found = find_deadline(text, doc_date="2026-01-15")
    assert (found.value, found.kind) == (value, kind)


@pytest.mark.parametrize("cell, value", [("每月25日前", "每月25日前"), ("每季度末前", "每季度末前"), ("每月", "每月")])
def test_deadlines_time_limit_cell_recurring(cell, value):
    from pipeline.checklist_due import due_date

    found = due_date(cell, "2026-01-15")
    assert (found.value, found.kind) == (value, "frequency")


@pytest.mark.parametrize("text, value", [
    ("区应急管理局要牵头开展全覆盖检查。要在6月底前完成全部检查；区公安分局要加强路面管控。",
     "2026-06-30前（区应急管理局）"),                                   # a sentence without a subject continues A
    ("6月底前，区应急管理局要完成检查，区公安分局要完成路面整治。", "2026-06-30前"),   # before any body: both's
    ("区应急管理局要完成检查；区公安分局要完成整治。完成时限：2026年6月底前。", "2026-06-30前"),  # the item's due line
])
def test_deadlines_by_actor_marks_the_body_whose_clause_sets_it(text, value):
    from pipeline.checklist_due import deadline_by_actor

    found = find_deadline(text, doc_date="2026-01-15")
    assert deadline_by_actor(text, found, "区应急管理局、区公安分局", "2026-01-15").value == value
