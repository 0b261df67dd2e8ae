"""Segmentation: golden token lists, dictionary isolation (reliability cases 29, 31)."""
from __future__ import annotations

import jieba
import pytest

from pipeline.segment import Segmenter, default_segmenter, segment_for_features, text_quality


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("第一，督导组要按照区委的总体部署，落实督察任务。",
         ["第一", "，", "督导组", "要", "按照", "区委", "的", "总体", "部署", "，", "落实", "督察", "任务", "。"]),
        ("要全面从严治党，压实主体责任。", ["要", "全面从严治党", "，", "压实", "主体责任", "。"]),
        ("对第一批参加先进性教育活动单位的第一责任人进行培训",
         ["对", "第一批", "参加", "先进性教育活动", "单位", "的", "第一责任人", "进行", "培训"]),
        ("党委、党工委、党组开展工作", ["党委", "、", "党工委", "、", "党组", "开展", "工作"]),
        ("用“三个代表”重要思想武装头脑\u3000\n", ["用", "“", "三个代表", "”", "重要", "思想", "武装头脑"]),
    ],
)
def test_segment_golden_tokens(text, tokens):
    assert default_segmenter().cut(text) == tokens


def test_segment_private_dictionaries_do_not_leak():
    before = jieba.dt.FREQ.get("旷古烁今督导法") if jieba.dt.initialized else None
    a = Segmenter(extra_words=("旷古烁今督导法",))
    b = Segmenter()
    assert "旷古烁今督导法" in a.cut("这是旷古烁今督导法的试验")
    assert "旷古烁今督导法" not in b.cut("这是旷古烁今督导法的试验")
    after = jieba.dt.FREQ.get("旷古烁今督导法") if jieba.dt.initialized else None
    assert before == after is None


def test_segment_for_features_drops_punctuation():
    assert segment_for_features("一要，明确任务。") == ["一", "要", "明确任务"]


def test_text_quality_separates_clean_text_from_mojibake(seed_text):
    mojibake = seed_text.encode("gbk").decode("big5", errors="replace")
    assert text_quality(seed_text) > 0.8
    assert text_quality(mojibake) < 0.3


def test_segment_memo_returns_same_words_and_counts_hits():
    seg = Segmenter(memo_entries=10)
    text = "要全面从严治党，压实主体责任。"
    uncached = Segmenter(memo_entries=0).cut(text)
    first = seg.cut(text)
    first.append("被调用方改动")  # callers own the list they get; the memo must not change
    second = seg.cut(text)
    assert second == uncached
    assert seg.words(text) == [w for w in uncached if w not in ("，", "。")]
    assert (seg.memo_hits, seg.memo_misses) == (2, 1)


def test_segment_memo_is_bounded_and_per_instance():
    a = Segmenter(memo_entries=2)
    b = Segmenter(memo_entries=2)
    for text in ("明确任务。", "压实责任。", "狠抓落实。"):
        a.cut(text)
    assert len(a._memo) == 2 and "明确任务。" not in a._memo
    assert not b._memo
    b.cut("压实责任。")
    assert (b.memo_hits, b.memo_misses) == (0, 1)


def test_segment_memo_forgets_after_add_word():
    seg = Segmenter()
    text = "这是旷古烁今督导法的试验"
    assert "旷古烁今督导法" not in seg.cut(text)
    seg.add_word("旷古烁今督导法")
    assert "旷古烁今督导法" in seg.cut(text)


def test_segment_memo_skips_long_texts():
    seg = Segmenter()
    long_text = "明确任务，压实责任。" * 500
    assert seg.cut(long_text) == seg.cut(long_text)
    assert not seg._memo and seg.memo_hits == 0


def test_text_quality_cuts_sentences_through_the_memo_so_passages_are_cut_once(seed_text):
    seg = default_segmenter()
    seg.clear_memo()
    text_quality(seed_text)
    misses = seg.memo_misses
    sentence = "第二，要刻苦学习。"
    assert sentence in seed_text
    seg.cut(sentence)                       # a passage of the seed: already cut by the quality check
    assert seg.memo_misses == misses
    seg.clear_memo()
    seg.cut(sentence)
    assert seg.memo_misses == misses + 1
