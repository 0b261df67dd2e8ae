"""A report that pastes the speech's requirement back and adds "我校高度重视" restates the task: at
most partial (QA session 6, H4: such rows were 已落实). The same task answered with the unit's own
action stays covered."""
from __future__ import annotations

import pytest

import pipeline
from pipeline.gap_evidence import restates

SPEECH = """在全市教育大会上的讲话
（2024年3月1日）
同志们：
下面，我讲三点意见。
一、全力促均衡。通过集团化办学、组建教育共同体等途径，加大城乡教育一体化统筹力度，提高义务教育资源均衡配置水平。
二、强化资金保障。要推动教育经费专款专用、专项管理，确保每一笔教育经费都用在刀刃上、用出效益。
三、保障教师权益。要完善绩效工资分配机制，畅通教师职称晋升渠道。
"""
_HEADER = "某某中学关于贯彻落实全市教育大会精神情况的报告\n市教育局：\n现将我校落实情况报告如下。\n"
PASTED = _HEADER + """一、关于全力促均衡
通过集团化办学、组建教育共同体等途径，加大城乡教育一体化统筹力度，提高义务教育资源均衡配置水平。我校将认真研究，积极推进。
二、关于保障教师权益
要完善绩效工资分配机制，畅通教师职称晋升渠道。我校高度重视此项工作。
某某中学
2024年12月5日
"""
ACTED = _HEADER + """一、关于全力促均衡
我校与3所农村学校组建教育共同体，开展集团化办学，全年送教下乡20次，共享优质课程资源45节。
二、关于保障教师权益
我校修订绩效工资分配方案，向一线教师和班主任倾斜，全年3名教师晋升高级职称，5名教师晋升一级职称。
某某中学
2024年12月5日
"""


@pytest.mark.parametrize("text, restated", [
    ("通过集团化办学、组建教育共同体等途径，加大城乡教育一体化统筹力度，提高义务教育资源均衡配置水平。", True),
    ("二、要推动教育经费专款专用、专项管理，确保每一笔教育经费都用在刀刃上。", True),
    ("我校与3所农村学校组建教育共同体，开展集团化办学，全年送教下乡20次。", False),
    ("全力促均衡", False),                                  # a heading is too short to tell
])
def test_gap_restates_reads_copied_task_words(text, restated):
    task = SPEECH.splitlines()[4] + SPEECH.splitlines()[5]
    assert restates(text, task) is restated


def _statuses(tmp_path, report: str) -> dict[str, str]:
    (tmp_path / "speech.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "report.txt").write_text(report, encoding="utf-8")
    frame = pipeline.gaps(tmp_path / "speech.txt", [tmp_path / "report.txt"]).to_frame()
    return dict(zip(frame.item_title, frame.status))


def test_gap_pasted_requirements_are_at_most_partial_and_actions_are_covered(tmp_path):
    pasted = _statuses(tmp_path, PASTED)
    acted = _statuses(tmp_path, ACTED)
    for task in ("全力促均衡", "保障教师权益"):
        assert pasted[task] in ("partial", "missing"), task
        assert acted[task] == "covered", task


@pytest.mark.parametrize("text, restated", [
    ("严格执行免试就近入学规定，不得以任何形式举行入学考试。", True),          # pasted
    ("我校严格执行免试就近入学规定，未举行任何形式的入学考试。", False),       # QA7 L2: the unit's account
    ("我镇严格执行免试就近入学规定，未举行任何形式的入学考试。", False),       # review7: a township's too
])
def test_gap_restates_a_prohibition_is_complied_with_in_the_unit_s_own_voice(text, restated):
    task = "各学校要严格执行免试就近入学规定，不得以任何形式举行入学考试。"
    assert restates(text, task) is restated
