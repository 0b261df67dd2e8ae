"""Fixtures for classifier tests: a small labelled corpus (seed + own) and an estimator fitted on it."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def small_corpus():
    from pipeline.classify.corpus import load_corpus

    return load_corpus(groups=("seed", "own"))


@pytest.fixture(scope="session")
def small_training(small_corpus):
    from pipeline.classify.corpus import training_pairs

    return training_pairs(small_corpus)


@pytest.fixture(scope="session")
def fitted(small_training):
    from pipeline.classify.sk_model import PassageTextClassifier

    X, y = small_training
    return PassageTextClassifier().fit(X, y)
