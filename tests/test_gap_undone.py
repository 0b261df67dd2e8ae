"""Gap rows against an 整改 notice and a 区长's speech (QA10): a count of work left undone ("已整改5项，
未整改2项", "其余2项正在整改中") admits a shortfall, rectification merely under way is partial, a target
with a future deadline ("将…年底前完成…") is intent, a problem stated under "存在的问题" (a heading, or
inline before a count of what is left) is the unit's admission and never proof of 已落实, and a unit's
own 整改台账 quotes no 整改时限/整改状态 cell."""
from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.extract import read_bytes
from pipeline.gap_passages import table_rows
from pipeline.gap_wording import _admits, intends, under_way
from pipeline.gaps import assess_report

NOTICE = (
    ChecklistItem(id="2.1", title="全力推进水污染治理", actor="市水务局",
                  text="（一）全力推进水污染治理。市水务局要会同各区人民政府加快城区黑臭水体治理，2026年9月30日前完成青龙河段截污纳管和清淤疏浚。"),
    ChecklistItem(id="3", title="问题整改清单", actor="各责任单位",
                  text="三、问题整改清单。各责任单位要对照下表逐项抓好整改，实行销号管理，确保反馈问题按期整改到位。"),
    ChecklistItem(id="4.3", title="按时报送进展", actor="各责任单位",
                  text="（三）按时报送进展。各责任单位要于每月25日前向市生态环境局报送整改进展情况。"),
)

SPEECH = (
    ChecklistItem(id="1.1", title="抓好危险化学品安全", actor="区应急管理局",
                  text="一要抓好危险化学品安全。区应急管理局要牵头开展危险化学品企业全覆盖检查，6月底前完成全区所有危化品企业检查，建立隐患清单。"),
    ChecklistItem(id="1.3", title="抓好城镇燃气安全", actor="区住房和城乡建设局",
                  text="三要抓好城镇燃气安全。区住房和城乡建设局要加快老旧燃气管道更新改造，年底前完成改造12公里，餐饮场所燃气报警器安装率达到100%。"),
)


def _rows(items, unit: str, body: str, name: str = "报告.txt") -> dict:
    text = f"{unit}关于相关工作情况的报告\n区人民政府：\n{body}\n{unit}\n2026年6月25日\n"
    return {r.item_id: r for r in assess_report(Checklist(items), read_bytes(text.encode("utf-8"), name=name))}


@pytest.mark.parametrize("text, admits", [
    ("我区承担的反馈问题共7项，已整改5项，未整改2项。", True),
    ("我区承担的反馈问题共7项，已整改5项，其余2项正在整改中。", True),
    ("反馈问题中尚未完成3项。", True),
    ("发现问题12个，2个尚未整改。", True),
    ("已整改5项，2项正在整改中。", True),
    ("我区承担的反馈问题共7项，已全部整改完成。", False),
    ("已整改7项，未整改0项。", False),                   # nothing left
    ("目前正在整改中。", False),                          # under way, nothing counted
    ("问题整改完成率100%，未完成1项，已于6月底前全部整改到位。", False),   # taken back
])
def test_gap_undone_counted_work_left_admits(text, admits):
    assert _admits(SimpleNamespace(text=text, label="measure", lead_in="")) is admits


@pytest.mark.parametrize("sentence, status", [
    ("我区承担的反馈问题共7项，已整改5项，未整改2项。", "problem_acknowledged"),
    ("我区承担的反馈问题共7项，已整改5项，其余2项正在整改中。", "problem_acknowledged"),
    ("我区承担的反馈问题共7项，已全部整改完成。", "covered"),
])
def test_gap_undone_count_line_decides_the_task(sentence, status):
    rows = _rows(NOTICE, "东湖区人民政府", sentence)
    assert rows["3"].status == status, {k: (r.status, r.score) for k, r in rows.items()}


@pytest.mark.parametrize("text, ongoing", [
    ("目前正在整改中。", True), ("该问题整改工作正在推进。", True), ("仍在抓紧整改。", True),
    ("整改中认真研究制定了整改方案。", False), ("该问题已整改到位。", False),
])
def test_gap_undone_under_way(text, ongoing):
    assert under_way(text) is ongoing


def test_gap_undone_rectification_under_way_is_partial():
    rows = _rows(NOTICE, "东湖区人民政府", "我区对照反馈问题逐项制定整改方案，实行销号管理，目前反馈问题正在整改中。")
    assert rows["3"].status == "partial", {k: (r.status, r.score) for k, r in rows.items()}


@pytest.mark.parametrize("text, intent", [
    ("我局将加快老旧燃气管道更新改造，力争年底前完成改造12公里。", True),
    ("我局将加快老旧燃气管道更新改造，年底前完成改造12公里。", True),
    ("我局加快推进老旧燃气管道改造，将于年底前完成12公里。", True),      # the modal after other words
    ("年底前将完成老旧燃气管道改造12公里。", True),                       # no subject
    ("我局计划年底前完成老旧燃气管道改造12公里。", True),
    ("将推动餐饮场所燃气报警器安装全覆盖。", True),                        # a clause, its subject left out
    ("我局今年将加快老旧燃气管道改造。", True),                             # the modal after other words
    ("我局结合实际，将加快老旧燃气管道改造。", True),
    ("将党建工作纳入年度考核。", False),                                    # 将 = 把
    ("我局制定工作计划。", False),                                         # 计划, a noun
    ("我局已完成老旧燃气管道更新改造8公里，年底前完成改造12公里。", False),   # work done as well
    ("我局于5月20日前完成全部排查工作。", False),                         # a date past, no modal
    ("区政府要求各街道年底前完成改造。", False),                           # another's voice
])
def test_gap_undone_future_target_is_intent(text, intent):
    assert intends(text) is intent


@pytest.mark.parametrize("sentence", [
    "我局将加快老旧燃气管道更新改造，力争年底前完成改造12公里。",
    "我局要加快老旧燃气管道更新改造，年底前完成改造12公里。",
    "我局计划年底前完成老旧燃气管道改造12公里。",
])
def test_gap_undone_a_plan_with_a_deadline_is_partial(sentence):
    rows = _rows(SPEECH, "南湖区住房和城乡建设局", sentence)
    assert rows["1.3"].status == "partial", {k: (r.status, r.score) for k, r in rows.items()}


def test_gap_undone_a_reply_of_plans_only_is_partial():
    body = ("我局将加快老旧燃气管道更新改造，力争年底前完成改造12公里；将推动餐饮场所燃气报警器安装全覆盖。\n"
            "我局要进一步压实行业监管责任，按照“管行业必须管安全”要求开展专项检查。")
    rows = _rows(SPEECH, "南湖区住房和城乡建设局", body)
    assert rows["1.3"].status == "partial", {k: (r.status, r.score) for k, r in rows.items()}


def test_gap_undone_the_same_work_done_stays_covered():
    rows = _rows(SPEECH, "南湖区住房和城乡建设局", "我局已完成老旧燃气管道更新改造12公里，餐饮场所燃气报警器安装率达到100%。")
    assert rows["1.3"].status == "covered", {k: (r.status, r.score) for k, r in rows.items()}


def test_gap_undone_inline_problem_counts_left_on_the_task_counted_before():
    body = ("按照区长的讲话要求，我局牵头开展危险化学品企业全覆盖检查。\n"
            "截至5月31日，已检查全区危化品企业86家，实现全覆盖，发现隐患213项，已整改198项，建立了隐患清单。\n"
            "存在的问题：仍有15项隐患未完成整改，主要涉及老旧装置改造。")
    rows = _rows(SPEECH, "南湖区应急管理局", body, name="区应急管理局报告.txt")
    assert rows["1.1"].status == "problem_acknowledged", {k: (r.status, r.evidence) for k, r in rows.items()}
    assert rows["1.1"].evidence.splitlines()[0].startswith("存在的问题：仍有15项")


LEDGER = (
    ChecklistItem(id="3.1", title="东湖区化工园区污水处理厂超标排放问题整改", actor="东湖区人民政府、市生态环境局",
                  text="东湖区化工园区污水处理厂超标排放问题整改：完成提标改造，安装在线监测设备"),
    ChecklistItem(id="4.2", title="严格整改销号", actor="市生态环境局",
                  text="（二）严格整改销号。市生态环境局要建立整改销号制度，对已完成整改的问题组织验收，验收合格后予以销号。"),
)


def test_gap_undone_a_problem_under_its_heading_is_no_proof_of_work():
    body = ("一、工作开展情况\n建立整改销号制度，制定《督察反馈问题整改验收销号办法》，已组织验收销号问题2个。\n"
            "二、存在的问题\n东湖区化工园区污水处理厂在线监测数据联网尚不稳定。")
    rows = _rows(LEDGER, "江州市生态环境局", body)
    assert rows["3.1"].status == "problem_acknowledged", (rows["3.1"].status, rows["3.1"].evidence)
    assert rows["4.2"].status == "covered"


def _ledger_reply() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["南湖区督察反馈问题整改台账"])
    sheet.append(["填报单位：南湖区人民政府"])
    sheet.append(["序号", "问题", "整改措施", "责任单位", "整改时限", "整改状态", "完成情况"])
    sheet.append(["1", "城区黑臭水体（青龙河段）返黑返臭", "配合开展截污纳管", "南湖区人民政府", "2026年9月30日前", "已完成",
                  "已完成辖区内1.2公里截污纳管"])
    sheet.append(["2", "建筑工地扬尘管控不到位", "安装视频监控", "南湖区人民政府", "长期坚持", "整改中",
                  "辖区38个工地已安装视频监控30个，尚有8个未安装"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_gap_undone_own_ledger_reads_rows_without_deadline_or_status_cells():
    doc = read_bytes(_ledger_reply(), name="南湖区整改台账.xlsx")
    units = table_rows([p for p in doc.passages if p.is_content and p.kind != "title"])
    texts = [u.text for u in units]
    assert not any(t in ("2026年9月30日前", "长期坚持", "已完成", "整改中") for t in texts), texts
    headings = [u.text for u in units if u.kind == "heading"]
    assert headings == ["城区黑臭水体（青龙河段）返黑返臭", "建筑工地扬尘管控不到位"], texts
    rows = {r.item_id: r for r in assess_report(Checklist(NOTICE), doc)}
    assert "2026年9月30日前" not in rows["4.3"].evidence


SITES = (
    ChecklistItem(id="3.3", title="城区黑臭水体（青龙河段）返黑返臭问题整改", actor="市水务局、东湖区人民政府",
                  text="问题：城区黑臭水体（青龙河段）返黑返臭；整改措施：完成截污纳管，开展清淤疏浚"),
    ChecklistItem(id="3.4", title="建筑工地扬尘管控不到位问题整改", actor="市住房和城乡建设局",
                  text="问题：建筑工地扬尘管控不到位；整改措施：落实“六个百分之百”，安装视频监控"),
)


def test_gap_undone_another_body_s_shortfall_is_no_evidence_of_its_task():
    body = ("一、督查情况\n东湖区污水处理厂提标改造已完工，整改成效明显。\n"
            "二、发现的问题\n市住建局对建筑工地扬尘管控不到位问题整改不力，抽查的12个工地中有5个未落实“六个百分之百”要求。")
    rows = _rows(SITES, "市生态环境保护督察整改督查组", body)
    assert rows["3.4"].status in ("missing", "not_applicable"), (rows["3.4"].status, rows["3.4"].evidence)
    assert "整改不力" not in rows["3.4"].evidence


def test_gap_undone_a_specific_admission_leads_before_the_tally():
    body = ("我区承担的反馈问题共7项，已整改5项，未整改2项。\n"
            "我区配合市水务局完成截污纳管3.2公里，清淤疏浚工作目前完成工程量的60%。\n"
            "存在的主要问题：一是青龙河段清淤疏浚进度滞后，受汛期影响难以按期完成。")
    rows = _rows(SITES, "东湖区人民政府", body)
    assert rows["3.3"].status == "problem_acknowledged", (rows["3.3"].status, rows["3.3"].evidence)
    assert rows["3.3"].evidence.splitlines()[0].startswith("一是青龙河段"), rows["3.3"].evidence


def test_gap_undone_a_tally_on_another_body_s_task_still_shows_the_work_done():
    rows = {r.item_id: r for r in assess_report(Checklist(SITES), read_bytes(_ledger_reply(), name="南湖区整改台账.xlsx"))}
    assert rows["3.4"].status == "partial", (rows["3.4"].status, rows["3.4"].evidence)
    assert "已安装视频监控30个，尚有8个未安装" in rows["3.4"].evidence
    assert "2026年9月30日前" not in rows["3.3"].evidence
