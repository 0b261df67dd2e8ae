"""sentences: units split per LABELS.md, inline enumerations cut finer, spans exact."""
from __future__ import annotations

import pytest

from pipeline.extract.sentences import inline_cuts, split_units


def _texts(text: str) -> list[str]:
    return [text[u.start:u.end] for u in split_units(text)]


@pytest.mark.parametrize("text, expected", [
    ("同志们：\n按照部署。今天培训！对吗？好", ["同志们：", "按照部署。", "今天培训！", "对吗？", "好"]),
    ("他说：“要抓落实。”大家同意。", ["他说：“要抓落实。”", "大家同意。"]),
    ("学习；工作：生活，休息。", ["学习；工作：生活，休息。"]),                 # never at ；：，
    ("提出了四方面职责要求：第一，督导组要落实任务。了解情况。第二，要学习。",
     ["提出了四方面职责要求：", "第一，督导组要落实任务。", "了解情况。", "第二，要学习。"]),
    ("下面，我讲三方面内容，一是回顾；二是形势；三是重点。",
     ["下面，我讲三方面内容，", "一是回顾；", "二是形势；", "三是重点。"]),
    ("主要表现在：一是学习不深；二是作风不实。", ["主要表现在：", "一是学习不深；", "二是作风不实。"]),
    ("（全省平均为27.1%）。第二段！！第三段?!", ["（全省平均为27.1%）。", "第二段！！", "第三段?!"]),
    ("主要措施：1.加强学习；2.改进作风。", ["主要措施：", "1.加强学习；", "2.改进作风。"]),
    ("投入1.5亿元，2.5万人受益。", ["投入1.5亿元，2.5万人受益。"]),
    ("  \n\n  ", []),
])
def test_sentences_split(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize("text", [
    "对第一批参加单位的第一责任人进行培训，掌握第一手资料：第一阶段要抓学习。",   # not markers
    "共投入1.5亿元，一是一，二是二。",                                             # 一是一 is not a list
    "要坚持原则：比如第一批单位。",
])
def test_sentences_no_false_inline_cut(text):
    cuts = [pos for pos, _ in inline_cuts(text, 0, len(text))]
    assert all(text[pos:pos + 2] not in ("第一", "一是") for pos in cuts)


def test_sentences_comma_list_needs_a_run():
    # a lone "，一是" inside a sentence is not cut; a run 一是…二是 is
    assert _texts("这一是个问题，也是机遇。") == ["这一是个问题，也是机遇。"]
    assert len(_texts("工作有两点，一是快，二是稳。")) == 3


def test_sentences_spans_are_exact_and_ordered():
    text = "  第一行。第二句  \n\n（一）标题\n一是甲；二是乙。 "
    units = split_units(text)
    assert [text[u.start:u.end] for u in units] == ["第一行。", "第二句", "（一）标题", "一是甲；", "二是乙。"]
    assert all(a.end <= b.start for a, b in zip(units, units[1:]))
    assert [u.position for u in units] == ["line", "sentence", "line", "line", "inline"]
    assert units[0].line == units[1].line != units[2].line
