"""The numpy char n-gram path gives exactly the matrix of the fitted scikit-learn vectorizer."""
from __future__ import annotations

import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from pipeline.classify.fast_ngrams import char_tfidf, supported

CORPUS = ["督导组要按照区委的总体部署，落实督察任务。", "要刻苦学习。", "我局共组织集中学习12次，撰写心得体会86篇。",
          "个别党员学习不够深入，存在以干代学的现象。", "Office 2019  与\tWPS\n\n兼容", "一要讲究方式方法，切实提高工作质量和水平。"]


def _hostile_texts(rng: random.Random) -> list[str]:
    alphabet = "督导组要学习。，；：“”（）12ab \t\n\u3000𠀀😀"     # astral code points, whitespace runs
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(60)]
    return texts + ["", " ", "a", "督", "  \n  "]


def _same(a, b) -> bool:
    return (a.shape == b.shape and np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
            and np.array_equal(a.data, b.data))


@pytest.mark.parametrize("ngram_range, sublinear, min_df", [((1, 3), True, 1), ((1, 3), True, 2), ((2, 3), False, 1),
                                                              ((1, 1), True, 1), ((3, 3), True, 1)])
def test_fast_ngrams_equal_sklearn_entry_for_entry(ngram_range, sublinear, min_df):
    rng = random.Random(7)
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=ngram_range, lowercase=False, sublinear_tf=sublinear,
                                 min_df=min_df, dtype=np.float64).fit(CORPUS + _hostile_texts(rng))
    assert supported(vectorizer)
    texts = CORPUS + _hostile_texts(random.Random(8))
    assert _same(char_tfidf(vectorizer, texts), vectorizer.transform(texts))
    for text in texts[:8]:                              # one passage at a time, as documents are labelled
        assert _same(char_tfidf(vectorizer, [text]), vectorizer.transform([text]))


def test_fast_ngrams_fall_back_where_they_would_differ():
    lowering = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), lowercase=True).fit(CORPUS)
    words = TfidfVectorizer(analyzer="word").fit(["alpha beta", "beta gamma"])
    assert not supported(lowering) and not supported(words)
    assert _same(char_tfidf(lowering, ["ABC 督导"]), lowering.transform(["ABC 督导"]))


def test_fast_ngrams_on_a_fitted_model(fitted):
    chars = fitted.chars_
    texts = CORPUS + ["", "完全陌生的𠀀文字"]
    assert supported(chars)
    assert _same(char_tfidf(chars, texts), chars.transform(texts))
