"""What a reply quotes from the notice is never its evidence (qa11 S1).

A reply laid out task by task quotes each task of the notice word for word and answers it on a
"落实情况：…" line. The quoted tasks were evidence: other bodies' tasks came out 已落实 on their own
text, and the quoted 追责问责 task ("对工作不力、造成森林火灾的…") read as the unit's admission. Now a quote
is no evidence and the line after it answers the task quoted (``gap_passages.quoted_tasks``,
``quote_answers``). The notice and answers here serve ``test_gap_returned_ledger`` too.
"""
from __future__ import annotations

import re

import pytest

from pipeline.extract import read_bytes
from pipeline.gaps import assess_report

NOTICE = """青山县人民政府办公室关于开展森林防火专项整治工作的通知
各乡镇人民政府，县直各有关单位：
为切实做好今冬明春森林防火工作，经县政府同意，决定在全县开展森林防火专项整治。现将有关事项通知如下：
一、总体要求。各乡镇、各部门要坚持预防为主、积极消灭的方针，压紧压实森林防火属地责任和部门监管责任，2026年10月31日前完成专项整治动员部署。
二、重点任务
（一）开展火灾隐患排查。各乡镇人民政府要组织力量对辖区内林区、林缘村庄、坟地开展拉网式排查，建立隐患台账，11月15日前完成排查。
（二）加强野外火源管控。县公安局牵头，县林业局配合，严格落实进山检查登记制度，依法查处野外违规用火行为。
（三）加强扑火队伍建设。县应急管理局要组织专业扑火队开展业务培训和实战演练，12月底前完成全县扑火队伍轮训。
（四）强化火情监测预警。县林业局要加快林区视频监控系统建设，11月30日前实现重点林区监控全覆盖。
三、任务分工
1.完善森林防火网格化管理，落实护林员巡山责任。
2.清理林区周边可燃物，开设防火隔离带。
3.发布森林火险气象预警信息。
四、工作要求
（一）严格督查问责。县政府督查室要会同县林业局对各地工作开展情况进行督查，对工作不力、造成森林火灾的，依规依纪严肃追责问责。
（二）及时报送信息。各乡镇、各有关单位于2026年12月25日前将专项整治工作总结报送县林业局。
青山县人民政府办公室
2026年10月8日
"""

# each task's answer, by the ledger's 序号 (3.3's is pasted from 2.3 by mistake: it answers nothing there)
ANSWERS = {
    "1": "已召开动员部署会，10月20日完成部署。",
    "2.1": "配合乡镇排查林缘隐患，建立台账。",
    "2.2": "配合县公安局开展进山检查登记，累计检查1200人次。",
    "2.3": "我局已组织专业扑火队开展培训和实战演练3次，轮训完成率100%。",
    "2.4": "已建成视频监控点42个，重点林区覆盖率100%。",
    "3.1": "已落实护林员386名，网格化巡山。",
    "3.2": "已开设防火隔离带26公里，清理可燃物。",
    "3.3": "我局已组织专业扑火队开展培训和实战演练3次，轮训完成率100%。",
    "4.1": "配合县政府督查室督查。",
    "4.2": "已按时报送总结。",
}


def _task_lines(checklist) -> list[str]:
    """Every sentence of every task (markers, spaces and punctuation left out)."""
    return [w for item in checklist.leaves for s in re.split(r"[。；]", item.text) if len(w := _words(s)) >= 4]


def _words(text: str) -> str:
    return re.sub(r"[\s\W_\d]+", "", re.sub(r"^[（(][一二三四五六七八九十]+[）)]|^[一二三四五六七八九十]+、", "", text))


def _reply() -> str:
    """县应急管理局's reply: every task quoted in full (numbered as the ledger numbers it), then its answer."""
    from pipeline.checklist import load_reference

    checklist = load_reference(read_bytes(NOTICE.encode("utf-8"), name="notice.txt"))
    lines = ["县应急管理局关于森林防火专项整治工作落实情况的报告", "县人民政府办公室：",
             "现将我局落实《通知》各项任务情况逐项报告如下："]
    for item in checklist.leaves:
        lines += [f"{item.id}、{item.text}", f"落实情况：{ANSWERS[item.id]}"]
    return "\n".join(lines + ["县应急管理局", "2026年12月20日", ""])


def test_gap_quoted_replies_quoted_tasks_are_no_evidence_and_answers_stay_with_their_task():
    from pipeline.checklist import load_reference

    checklist = load_reference(read_bytes(NOTICE.encode("utf-8"), name="notice.txt"))
    assert [i.id for i in checklist.leaves] == list(ANSWERS)
    doc = read_bytes(_reply().encode("utf-8"), name="县应急管理局逐项落实情况报告.txt")
    rows = {r.item_id: r for r in assess_report(checklist, doc)}
    quoted = _task_lines(checklist)
    for item_id, row in rows.items():
        for line in row.evidence.splitlines() + [h.text for h in row.admissions]:
            # a task's text is the notice's, never the unit's evidence or admission
            assert not any(_words(line) and _words(line) in task for task in quoted), (item_id, line)
            # a 落实情况 line is evidence of the task quoted above it, and of no other
            if line.startswith("落实情况："):
                assert line == f"落实情况：{ANSWERS[item_id]}", (item_id, line)
    # other bodies' work, quoted and answered with "配合…": judged on that answer alone (it was 已落实 on
    # the quoted task; "配合乡镇排查林缘隐患" shows no 拉网式排查 done)
    for item_id in ("2.1", "2.2"):
        assert rows[item_id].evidence in ("", f"落实情况：{ANSWERS[item_id]}"), item_id
    assert rows["2.1"].status != "covered"
    # the quoted 追责问责 task is no shortfall the unit admits
    assert not [r.item_id for r in rows.values() if r.status == "problem_acknowledged"]
    # its own work is found on its own answers
    for item_id in ("2.3", "3.1", "3.2"):
        assert f"落实情况：{ANSWERS[item_id]}" in rows[item_id].evidence.splitlines(), item_id
    # 3.3's answer is about training, pasted from 2.3: nothing on 3.3
    assert rows["3.3"].status in ("missing", "not_applicable")


def test_gap_quoted_replies_a_report_quoting_one_task_pins_nothing():
    """One quoted task is no reply laid out task by task: what follows it is matched as before."""
    from pipeline.gap_passages import quote_answers, quoted_tasks

    doc = read_bytes(("县林业局工作报告\n按照通知要求，县林业局要加快林区视频监控系统建设，11月30日前实现重点林区监控全覆盖。\n"
                      "已建成视频监控点42个。\n组织护林员386名巡山。\n").encode("utf-8"), name="林业局.txt")
    passages = [p for p in doc.passages if p.is_content and p.kind != "title"]
    tasks = ["县林业局要加快林区视频监控系统建设，11月30日前实现重点林区监控全覆盖。", "完善森林防火网格化管理，落实护林员巡山责任。"]
    quoted = quoted_tasks(passages, tasks)
    assert quoted == [-1, -1, -1]          # "按照通知要求，…" adds words of its own: no quote
    assert quote_answers(passages, [0, -1, -1]) == []


def test_gap_quoted_replies_answers_stop_at_a_table():
    """The lines after the last quote answer it up to a table: the table's rows answer their own 任务
    cells (a reply quoting tasks, then a form, had every form cell pinned to the last task quoted)."""
    from dataclasses import replace

    from pipeline.gap_passages import ROW_NODE, quote_answers

    text = "县林业局工作报告\n" + "".join(f"这是第{n}段落的文字内容。\n" for n in "一二三四五六七")
    lines = [p for p in read_bytes(text.encode("utf-8"), name="r.txt").passages if p.is_content and p.kind != "title"]
    assert len(lines) == 7
    lines[5] = replace(lines[5], kind="table_cell", cell=(0, 1, 1, 1))
    lines[6] = replace(lines[6], node_id=f"{ROW_NODE}0:2")
    quoted = [0, -1, 1, 2, -1, -1, -1]
    assert quote_answers(lines, quoted) == [(0, [1]), (2, [4])]


@pytest.mark.parametrize("line, quoted", [
    ("☐ 9.9 改造（责任主体：县住建局）", -1),           # a one-word title in both tasks names neither (review8 L3)
    ("☐ 2 排查（责任主体：县应急局）", 1),               # a short title is the task whose whole title it is
    ("☐ 1 推进老旧管网改造（责任主体：县住建局）", 0),   # a longer title quoted from its task's text
])
def test_gap_quoted_replies_ledger_line_short_title_is_matched_whole(line, quoted):
    from pipeline.gap_passages import quoted_tasks

    doc = read_bytes(f"县住建局工作报告\n现将落实情况报告如下。\n{line}\n已完成改造8公里。\n".encode("utf-8"),
                     name="r.txt")
    passages = [p for p in doc.passages if p.is_content and p.kind != "title"]
    at = next(j for j, p in enumerate(passages) if p.text.startswith("☐"))
    tasks = ["推进老旧管网改造，年底前完成改造15公里。", "排查燃气管网，完成改造计划。"]
    assert quoted_tasks(passages, tasks, titles=["管网改造", "排查"])[at] == quoted
