"""Near-synonym groups (``pipeline/data/gap_synonyms.txt``) let a report's paraphrase meet its
checklist task through a shared group tag, and only through a group both texts hold: an unrelated
pair shares no tag. A word listed in two groups carries both tags, so it meets either group's words."""
from __future__ import annotations

import pytest

from pipeline.matching import synonym_groups, terms


def _tags(text: str) -> set[str]:
    return {t for t in terms(text) if t.startswith("≈")}


@pytest.mark.parametrize(("task", "report"), [
    ("及时编发简报", "报送动态信息"),                     # 信息: 简报 ~ 动态信息 (raw-text scan of a long synonym)
    ("开展个别谈话", "深入基层走访"),                     # 调研: jieba words on both sides
    ("建立问题清单", "实行整改销号"),                     # 整改
    ("坚持讲真话", "敢于动真碰硬"),                       # 原则: 讲真话 is cut 讲/真话, found on the raw text
])
def test_gap_synonyms_paraphrase_pair_meets(task, report):
    assert _tags(task) & _tags(report)


@pytest.mark.parametrize(("task", "report"), [
    ("及时编发简报", "深入基层走访"),
    ("建立问题清单", "加强团结协作"),
    ("坚持讲真话", "编发工作动态"),
])
def test_gap_synonyms_unrelated_pair_shares_no_tag(task, report):
    assert not _tags(task) & _tags(report)


def test_gap_synonyms_word_in_two_groups_meets_both():
    both = [w for w, tags in synonym_groups().items() if len(set(tags)) > 1]
    assert both, "the file lists no word in two groups"
    word = both[0]
    for tag in set(synonym_groups()[word]):
        partner = next(w for w, tags in synonym_groups().items() if tag in tags and w != word and len(w) >= 3)
        assert tag in _tags(f"加强{word}") & _tags(f"注重{partner}")
