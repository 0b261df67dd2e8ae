"""Deadlines (QA12 L2/L6/L10): 及时 is no body's time limit, a date due soon after the document's date is
next year's, and a fixed-day holiday ("国庆节前") is a due date."""
from __future__ import annotations

import pytest

from pipeline.checklist import build_checklist
from pipeline.checklist_due import deadline_by_actor
from pipeline.deadlines import find_deadline
from pipeline.extract import read_bytes


@pytest.mark.parametrize("text, actor, value", [
    ("各乡镇要对危险区逐一排查，5月底前完成预案修订；县气象局、县水务局要加强会商研判，及时发布预警信息。",
     "各乡镇、县气象局、县水务局", "2026-05-31前（各乡镇）"),
    ("县住房和城乡建设局要加快改造，年底前完成改造15公里；县财政局要统筹安排改造资金，确保资金及时足额到位。",
     "县住房和城乡建设局、县财政局", "2026-12-31前（县住房和城乡建设局）"),
    # two real limits stay each body's
    ("县水务局要在5月15日前完成加固；县应急管理局要在6月1日前补充物资。", "县水务局、县应急管理局",
     "2026-05-15前（县水务局）；2026-06-01前（县应急管理局）"),
])
def test_deadlines_prompt_is_no_bodys_limit(text, actor, value):
    """QA12 L2: "2026-05-31前（各乡镇）；及时（县气象局、县水务局）" showed 及时 as a time limit."""
    found = find_deadline(text, doc_date="2026-04-15")
    assert deadline_by_actor(text, found, actor, "2026-04-15").value == value


@pytest.mark.parametrize("text, doc_date, value", [
    # L6: a notice of 2026-12-15 due "1月10日前" means 2027
    ("各乡镇人民政府要做好入户宣传，1月10日前完成。", "2026-12-15", "2027-01-10前"),
    ("要在2月底前完成全部整改。", "2026-11-20", "2027-02-28前"),
    # the document's own year while the date is still ahead
    ("要在12月31日前完成。", "2026-12-15", "2026-12-31前"),
    # a past date in a report, or one more than half a year ahead: as written
    ("1月10日前已完成入户宣传。", "2026-12-15", "1月10日前"),
    ("要在2月底前完成。", "2026-03-10", "2月底前"),
    # L10: fixed-day holidays
    ("县法院、县司法局要依法处理，国庆节前化解率达到80%以上。", "2026-03-10", "2026-09-30前"),
    ("元旦前要完成安全检查。", "2026-12-01", "2026-12-31前"),
    ("要在五一前完成排查。", "2026-12-15", "2027-04-30前"),
    ("七一前要完成党员轮训。", "2026-03-01", "2026-06-30前"),
    # review8 M1: a year word before the date says which year, whatever the sentence directs
    ("去年1月10日前各乡镇要完成排查。", "2026-12-15", "2025-01-10前"),
    ("明年1月10日前各乡镇要完成排查。", "2026-12-15", "2027-01-10前"),
    ("今年3月底前要完成排查。", "2026-12-15", "2026-03-31前"),
    # review8 L6: a day the month does not have is shown as written, never as an impossible date
    ("要在2月30日前完成。", "2026-12-15", "2月30日前"),
    ("要在4月31日前完成。", "2026-03-15", "4月31日前"),
    ("要在2028年2月29日前完成。", "2026-03-15", "2028-02-29前"),      # a leap year's
    ("要在2027年2月29日前完成。", "2026-03-15", "2027年2月29日前"),
])
def test_deadlines_year_of_a_date_ahead(text, doc_date, value):
    assert find_deadline(text, doc_date=doc_date).value == value


@pytest.mark.parametrize("text", ["要做好国庆节前后的安全工作。", "春节前要走访慰问困难群众。"])
def test_deadlines_moving_holidays_are_no_date(text):
    found = find_deadline(text, doc_date="2026-01-05")
    assert found is None or found.kind != "date"


def test_deadlines_notice_item_due_next_year():
    notice = ("平川县人民政府办公室关于开展燃气安全“回头看”的通知\n一、重点任务\n（一）县住房和城乡建设局要在12月31日前完成复查。\n"
              "（二）各乡镇人民政府要做好入户宣传，1月10日前完成。\n平川县人民政府办公室\n2026年12月15日\n")
    items = build_checklist([read_bytes(notice.encode("utf-8"), name="n.txt")]).items
    assert [i.deadline for i in items if i.actor] == ["2026-12-31前", "2027-01-10前"]


@pytest.mark.parametrize("text, doc_date, value", [
    # L14: the dated target beats the 长期坚持 of "长效机制"
    ("坚持人民至上，全面排查整治风险隐患，到2027年6月底，全县燃气安全隐患整改率达到100%，燃气安全管理长效机制基本建立。",
     "2026-11-20", "2027-06-30前"),
    ("到2027年底，全县老旧管网基本完成改造，建立常态化巡查机制。", "2026-11-20", "2027-12-31前"),
    ("到2027年3月15日全面完成整治任务。", "2026-11-20", "2027-03-15前"),
    ("各乡镇要全面排查，到2027年6月底，整改率达到100%。", "", "2027-06-30前"),
])
def test_deadlines_dated_target_is_due_by_then(text, doc_date, value):
    """QA12 L14: a 总体要求 item "…到2027年6月底，…整改率达到100%，…长效机制基本建立" read 长期坚持."""
    assert find_deadline(text, doc_date=doc_date).value == value


@pytest.mark.parametrize("text, doc_date", [
    ("到2020年底，全市已建成标准化社区15个，建立了长效机制。", "2026-11-20"),     # a past date: a review
    ("到2020年底，全市已建成标准化社区15个。", ""),                              # no date, nothing directed
    ("到2027年，全县建成一批示范社区。", "2026-11-20"),                          # a year alone: no day
    ("建立燃气安全管理长效机制，到2027年6月底的安排另行通知。", "2026-11-20"),      # no target follows
])
def test_deadlines_target_date_that_is_no_deadline(text, doc_date):
    found = find_deadline(text, doc_date=doc_date)
    assert found is None or found.kind != "date"


def test_deadlines_general_requirement_item_takes_its_target_date():
    notice = ("平川县人民政府办公室关于开展燃气安全专项整治的通知\n一、总体要求\n"
              "（一）坚持人民至上、生命至上，全面排查整治风险隐患，到2027年6月底，全县燃气安全隐患整改率达到100%，"
              "燃气安全管理长效机制基本建立。\n二、重点任务\n（一）县住房和城乡建设局要在12月31日前完成复查。\n"
              "平川县人民政府办公室\n2026年11月20日\n")
    items = {i.title[:6]: i.deadline for i in build_checklist([read_bytes(notice.encode("utf-8"), name="n.txt")]).items}
    assert items["坚持人民至上"] == "2027-06-30前"
