"""``gap_passages.clause_words`` (clause words read off the cut of the whole passage) equals cutting
each clause afresh, on texts full of what could break it: ；/; next to letters, digits, %, ., -, whitespace,
\\r\\n, full-width spaces, repeated and trailing semicolons, user-dictionary words across a ；."""
import random
from dataclasses import dataclass
import re

import pytest

from pipeline import gap_passages
from pipeline.segment import default_segmenter

_PIECES = ["督导组", "学习教育", "先进性教育活动", "我们", "认真整改", "问题", "会议", "3.5%", "12次", "ABC", "x-y",
           "a+b", "#1", "；", "；", ";", ";", " ", "  ", "\r\n", "\n", "\t", "\u3000", "，", "。", "（一）", "“", "”",
           "𠀀", "——", "...", "_", "开展", "了", "调查研究", "讲真话"]


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 25)))


def _parts(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[；;])", text) if part.strip()]


@pytest.mark.parametrize("seed", range(10))
def test_gap_clause_words_equal_cutting_each_clause(seed):
    rng = random.Random(seed)
    segmenter = default_segmenter()
    for _ in range(40):
        text = _text(rng)
        parts = _parts(text)
        groups = gap_passages.clause_words(text)
        assert len(groups) in (len(parts), len(parts) + 1)
        assert groups[:len(parts)] == [segmenter.words(part) for part in parts]
        assert all(not g for g in groups[len(parts):])


def test_gap_clause_words_on_a_report_sentence():
    text = "组织集中学习12次，撰写心得体会300余篇；召开座谈会3次，听取意见建议45条；"
    clauses = [c.text for c in gap_passages.clauses(_Passage(text))]
    assert clauses == ["组织集中学习12次，撰写心得体会300余篇；", "召开座谈会3次，听取意见建议45条；"]
    assert gap_passages.clause_words(text) == [default_segmenter().words(c) for c in clauses] + [[]]


@dataclass(frozen=True)
class _Passage:
    """Just enough of a Passage for ``gap_passages.clauses`` (it copies with dataclasses.replace)."""

    text: str
