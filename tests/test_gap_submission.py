"""A task asking for the unit's written summary is done by the report that answers it (QA8 L2, QA9)."""
from __future__ import annotations

import pytest

from pipeline.checklist import build_checklist
from pipeline.extract import read_bytes
from pipeline.gaps import assess_report
from pipeline.gap_wording import submission_status

NOTICE = """关于开展秋冬季森林防火专项整治行动的通知
各乡镇人民政府：
一、重点任务
（一）开展森林火灾隐患排查。各乡镇要对林区坟地、农事用火点开展拉网式排查，建立隐患台账。
（二）加强森林防火宣传。各乡镇要组织宣传车进村入户，发放森林防火告知书。
二、工作要求
（一）加强组织领导。各乡镇要成立森林防火专项整治工作领导小组。
（二）及时报送总结。各乡镇于2026年12月25日前将森林防火专项整治工作总结报送县林业局。
青山县人民政府办公室
2026年11月1日
"""


def _reply(title: str, date: str, body: str = "我乡召开专题会议，部署森林防火专项整治工作。") -> bytes:
    return f"{title}\n县林业局：\n{body}\n白沙乡人民政府\n{date}\n".encode()


def _status_of(reply: bytes, task: str = "报送总结") -> tuple[str, str]:
    checklist = build_checklist([read_bytes(NOTICE.encode(), name="notice.txt")])
    rows = assess_report(checklist, read_bytes(reply, name="reply.txt"))
    row = next(r for r in rows if task in r.item_title)
    return row.status, row.evidence


@pytest.mark.parametrize("title, date, status", [
    ("白沙乡关于森林防火专项整治工作的总结", "2026年12月20日", "covered"),      # the summary asked for, in time
    ("白沙乡关于森林防火专项整治工作的总结", "2027年1月5日", "partial"),       # sent after the due date
])
def test_gap_submission_the_report_is_the_summary_asked_for(title, date, status):
    found, evidence = _status_of(_reply(title, date))
    assert found == status and evidence == title


def test_gap_submission_needs_a_report_on_the_checklist_theme():
    found, evidence = _status_of(_reply("白沙乡关于校园食品安全检查情况的报告", "2026年12月20日",
                                        "我乡对辖区学校食堂开展了食品安全检查。"))
    assert found == "missing" and evidence == ""


def test_gap_submission_other_tasks_still_need_their_evidence():
    found, _ = _status_of(_reply("白沙乡关于森林防火专项整治工作的总结", "2026年12月20日"), task="隐患排查")
    assert found != "covered"


@pytest.mark.parametrize("task, asks", [
    ("各乡镇于12月25日前将专项整治工作总结报送县林业局。", True),
    ("各单位要在月底前报送自查报告。", True),
    ("及时报送信息，每周五前报送工作动态。", False),        # information briefs, not the report
    ("发现火情要第一时间报告县森林防火指挥部。", False),     # report an incident
    ("发生森林火情，要立即报告，并在24小时内提交书面报告。", False),     # review7 M1: an incident's report
    ("各乡镇每月5日前上报隐患整改落实情况。", False),                    # review7 M1: due every month
    ("各单位每年12月底前报送年度工作总结。", True),                      # a year's summary answers its year
])
def test_gap_submission_which_tasks_ask_for_a_report(task, asks):
    report = read_bytes(_reply("白沙乡森林防火工作总结", "2026年12月20日"), name="r.txt")
    assert (submission_status(task, "", report) is not None) == asks


def test_gap_submission_late_against_the_first_due_date_of_a_marked_deadline():
    # review7 / helper-61: a deadline marked with its body ("2026-12-25前（各乡镇）") is still a due date
    report = read_bytes(_reply("白沙乡森林防火工作总结", "2027年1月5日"), name="r.txt")
    task = "各乡镇于12月25日前将工作总结报送县林业局。"
    assert submission_status(task, "2026-12-25前（各乡镇）", report) == "partial"
    assert submission_status(task, "2027-01-31前", report) == "covered"
