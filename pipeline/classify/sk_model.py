"""scikit-learn passage classifier: TF-IDF over jieba words + char n-grams + context + rule scores.

``PassageTextClassifier`` follows the estimator contract: ``__init__`` only stores parameters,
fitted state ends in ``_``, ``clone``/``get_params`` round-trip, and the fitted object pickles
(the tokenizers are module-level functions, never lambdas). ``X`` is a list of feature records
from ``features.document_features``.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from ..errors import DubanError
from ..segment import segment_for_features
from .features import split_space
from .linear import boosted, feature_matrix
from .rules import is_empty


class PassageTextClassifier(ClassifierMixin, BaseEstimator):
    """Linear model over passage text and its structural context.

    Args:
        C: inverse regularisation strength of the logistic regression.
        word_ngrams: n-gram range over jieba words.
        char_ngrams: n-gram range over characters.
        context_weight: scale of the structural-context block.
        rules_weight: scale of the rule classifier's probabilities.
        class_weight: passed to LogisticRegression ("balanced" lifts the rare labels).
        max_features: cap per text vectorizer (keeps the shipped model small).
        class_boost: ((label, factor), …): cost-sensitive decision, multiplies a label's probability
            before renormalising (a missed problem costs more than a false alarm).
        near_weight: scale of the neighbours' words (previous and next passage); 0 = off.
        length_weight: sample weight = len(text) ** length_weight (scoring is per character; 0 = off).
    """

    def __init__(self, C=4.0, word_ngrams=(1, 2), char_ngrams=(1, 3), context_weight=1.0, rules_weight=0.5,
                 class_weight="balanced", max_features=20000, length_weight=0.5, near_weight=0.0,
                 class_boost=()):
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.context_weight = context_weight
        self.rules_weight = rules_weight
        self.class_weight = class_weight
        self.max_features = max_features
        self.length_weight = length_weight
        self.near_weight = near_weight
        self.class_boost = class_boost

    def _vectorizers(self):
        words = TfidfVectorizer(tokenizer=segment_for_features, token_pattern=None, lowercase=False,
                                ngram_range=tuple(self.word_ngrams), sublinear_tf=True, min_df=1,
                                max_features=self.max_features, dtype=np.float64)
        chars = TfidfVectorizer(analyzer="char", ngram_range=tuple(self.char_ngrams), lowercase=False,
                                sublinear_tf=True, min_df=2, max_features=self.max_features, dtype=np.float64)
        frame = TfidfVectorizer(tokenizer=segment_for_features, token_pattern=None, lowercase=False,
                                sublinear_tf=True, dtype=np.float64)
        ctx = TfidfVectorizer(tokenizer=split_space, token_pattern=None, lowercase=False, use_idf=False,
                              norm="l2", dtype=np.float64)
        near = TfidfVectorizer(tokenizer=segment_for_features, token_pattern=None, lowercase=False,
                               sublinear_tf=True, min_df=2, max_features=self.max_features, dtype=np.float64)
        return words, chars, frame, ctx, near

    def blocks(self) -> list[tuple[object, str, float]]:
        """The fitted text blocks as ``(vectorizer, record field, weight)``, in column order."""
        blocks = [(self.words_, "text", 1.0), (self.chars_, "text", 1.0), (self.frame_, "frame", 0.5),
                  (self.ctx_, "ctx", self.context_weight)]
        if self.near_weight:
            blocks.append((self.near_, "near", self.near_weight))
        return blocks

    def _matrix(self, X, fit: bool):
        # the shipped LinearModel assembles its matrix with the same function (linear.py)
        if not fit:
            return feature_matrix(self.blocks(), self.rules_weight, X)
        self.words_, self.chars_, self.frame_, self.ctx_, self.near_ = self._vectorizers()
        if not self.near_weight:
            del self.near_
        matrix = feature_matrix(self.blocks(), self.rules_weight, X, transform=_fit_transform)
        for vectorizer, _, _ in self.blocks():
            # sklearn caches id(stop_words) here: a memory address, which would make two identical
            # fits differ. It is a cache only (read via getattr).
            vectorizer.__dict__.pop("_stop_words_id", None)
        return matrix

    def fit(self, X, y):
        X = list(X)
        y = np.asarray(list(y))
        keep = [i for i, r in enumerate(X) if not is_empty(r["text"])]
        if not keep:
            raise DubanError("E201")
        X = [X[i] for i in keep]
        y = y[keep]
        labels = sorted(set(y.tolist()))
        if len(labels) < 2:
            raise DubanError("E202", n=len(labels))
        try:
            matrix = self._matrix(X, fit=True)
        except ValueError as exc:      # "empty vocabulary" and friends: report our code, not sklearn's text
            raise DubanError("E201") from exc
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=500, solver="newton-cg")
        weights = np.asarray([max(len(r["text"]), 1) ** self.length_weight for r in X], dtype=np.float64)
        self.model_.fit(matrix, y, sample_weight=weights / weights.mean())
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "model_")
        X = list(X)
        if not X:
            return np.zeros((0, len(self.classes_)))
        return boosted(self.model_.predict_proba(self._matrix(X, fit=False)), self.classes_, self.class_boost)

    def predict(self, X):
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.asarray([], dtype=object)


def _fit_transform(vectorizer, values: list[str]):
    return vectorizer.fit_transform(values)
