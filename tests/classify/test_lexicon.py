"""Cue lexicon: which hints fire, and that speech warnings count as problem evidence."""
from __future__ import annotations

import pytest

from pipeline.classify import lexicon
from pipeline.classify.rules import predict_passage
from pipeline.model import Passage


def _passage(text: str) -> Passage:
    return Passage(passage_id="p0", doc_id="d", index=0, kind="sentence", text=text, start=0, end=len(text))


def _labels_fired(text: str) -> set[str]:
    return {cue.label for cue in lexicon.fired(text)}


# A speaker flags a risk or an unsolved state ("清醒看到…", "任务依然繁重") without the words 问题/不足:
# LABELS.md counts a problem "found or warned about" as `problem`.
WARNINGS = [
    "但也要清醒看到，一些地方的防汛准备还跟不上形势。",
    "当前，全县安全生产形势依然严峻。",
    "脱贫攻坚成果巩固的任务还很艰巨。",
    "干部队伍中作风漂浮的现象还比较突出。",
    "节假日前后容易出现麻痹松懈的思想，值得警惕。",
]


@pytest.mark.parametrize("text", WARNINGS)
def test_lexicon_speech_warning_fires_problem_cue(text):
    assert "problem" in _labels_fired(text)


@pytest.mark.parametrize("text", WARNINGS)
def test_lexicon_speech_warning_is_problem_for_the_rules(text):
    label, _, _, cues = predict_passage(_passage(text), "speech")
    assert label == "problem", cues


@pytest.mark.parametrize("text", [
    "各乡镇要在汛前完成全部水库的安全检查。",
    "我局共组织集中学习12次。",
    "同志们：",
    "学校课程改革成效十分突出。",          # 突出 as praise: only 依然/仍然/还…突出 warns
    "该镇特色产业比较突出，带动作用明显。",
    "各级干部要时刻保持警惕，守住底线。",    # 保持警惕 directs; 引起/值得警惕 warns
])
def test_lexicon_warning_cues_stay_quiet_elsewhere(text):
    warning_cues = {c.name for c in lexicon.cues() if c.label == "problem" and c.weight == 2.0}
    assert not warning_cues & {c.name for c in lexicon.fired(text)}
