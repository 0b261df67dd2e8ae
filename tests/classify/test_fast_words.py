"""word_tfidf gives exactly the matrix of the fitted word vectorizers (jieba words and bigrams,
space-split context tokens), including unknown words, empty texts and repeated bigrams."""
from __future__ import annotations

import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from pipeline.classify.features import split_space
from pipeline.classify.fast_ngrams import word_supported, word_tfidf
from pipeline.segment import segment_for_features

CORPUS = ["督导组要按照区委的总体部署，落实督察任务。", "要刻苦学习。", "我局共组织集中学习12次，撰写心得体会86篇。",
          "个别党员学习不够深入，存在以干代学的现象。", "学习 学习 学习 再学习", "一要讲究方式方法，切实提高工作质量和水平。",
          "kind=report pos=1 cue=要求 kind=report"]


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    words = ["督导组", "学习", "要", "落实", "任务", "问题", "整改", "kind=report", "pos=1", "陌生词", "𠀀", " ", "，"]
    made = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(40)]
    return CORPUS + made + ["", " ", "_"]


def _same(a, b) -> bool:
    return (a.shape == b.shape and np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
            and np.array_equal(a.data, b.data))


@pytest.mark.parametrize("tokenizer", [segment_for_features, split_space])
@pytest.mark.parametrize("ngram_range, sublinear, use_idf", [((1, 2), True, True), ((1, 1), True, True),
                                                              ((2, 2), False, True), ((1, 1), False, False)])
def test_fast_words_equal_sklearn_entry_for_entry(tokenizer, ngram_range, sublinear, use_idf):
    vectorizer = TfidfVectorizer(tokenizer=tokenizer, token_pattern=None, lowercase=False, ngram_range=ngram_range,
                                 sublinear_tf=sublinear, use_idf=use_idf, dtype=np.float64).fit(_texts(1))
    assert word_supported(vectorizer)
    texts = _texts(2)
    assert _same(word_tfidf(vectorizer, texts), vectorizer.transform(texts))
    for text in texts[:5]:
        assert _same(word_tfidf(vectorizer, [text]), vectorizer.transform([text]))


def test_fast_words_fall_back_where_they_would_differ():
    lowering = TfidfVectorizer(tokenizer=split_space, token_pattern=None, lowercase=True).fit(["A b", "b C"])
    trigrams = TfidfVectorizer(tokenizer=split_space, token_pattern=None, lowercase=False,
                               ngram_range=(1, 3)).fit(["a b c", "b c d"])
    stopping = TfidfVectorizer(tokenizer=split_space, token_pattern=None, lowercase=False,
                               stop_words=["a"]).fit(["a b", "b c"])
    for vectorizer, text in ((lowering, "A B c"), (trigrams, "a b c d"), (stopping, "a b")):
        assert not word_supported(vectorizer)
        assert _same(word_tfidf(vectorizer, [text]), vectorizer.transform([text]))


def test_fast_words_on_a_fitted_model(fitted):
    estimator = fitted
    texts = CORPUS + ["", "完全陌生的𠀀文字", "kind=speech lead=要求 cue=要"]
    for vectorizer in (estimator.words_, estimator.frame_, estimator.ctx_):
        assert word_supported(vectorizer)
        assert _same(word_tfidf(vectorizer, texts), vectorizer.transform(texts))
