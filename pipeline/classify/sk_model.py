"""scikit-learn passage classifier: TF-IDF over jieba words + char n-grams + context + rule scores.

``PassageTextClassifier`` follows the estimator contract: ``__init__`` only stores parameters,
fitted state ends in ``_``, ``clone``/``get_params`` round-trip, and the fitted object pickles
(the tokenizers are module-level functions, never lambdas). ``X`` is a list of feature records
from ``features.document_features``.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from ..errors import DubanError
from ..model import Document
from ..segment import segment_for_features
from .fast_ngrams import char_tfidf, word_tfidf
from .features import document_features, split_space
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

    def _matrix(self, X, fit: bool):
        texts = [r["text"] for r in X]
        frames = [r["frame"] or "_" for r in X]
        ctxs = [r["ctx"] for r in X]
        rules = np.asarray([r["rules"] for r in X], dtype=np.float64).reshape(len(X), -1)
        nears = [r.get("near") or "_" for r in X]
        if fit:
            self.words_, self.chars_, self.frame_, self.ctx_, near = self._vectorizers()
            blocks = [self.words_.fit_transform(texts), self.chars_.fit_transform(texts),
                      0.5 * self.frame_.fit_transform(frames), self.context_weight * self.ctx_.fit_transform(ctxs)]
            if self.near_weight:
                self.near_ = near
                blocks.append(self.near_weight * self.near_.fit_transform(nears))
        else:
            # each vectorizer's own matrix, computed without its analyzer chain (fast_ngrams.py)
            blocks = [word_tfidf(self.words_, texts), char_tfidf(self.chars_, texts),
                      0.5 * word_tfidf(self.frame_, frames), self.context_weight * word_tfidf(self.ctx_, ctxs)]
            if self.near_weight:
                blocks.append(self.near_weight * word_tfidf(self.near_, nears))
        blocks.append(sparse.csr_matrix(self.rules_weight * rules))
        if fit:
            for vectorizer in (self.words_, self.chars_, self.frame_, self.ctx_, getattr(self, "near_", None)):
                if vectorizer is None:
                    continue
                # sklearn caches id(stop_words) here: a memory address, which would make two
                # identical fits pickle to different bytes. It is a cache only (read via getattr).
                vectorizer.__dict__.pop("_stop_words_id", None)
        return sparse.hstack(blocks, format="csr")

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
        proba = self.model_.predict_proba(self._matrix(X, fit=False))
        if self.class_boost:
            factors = np.ones(len(self.classes_))
            classes = list(self.classes_)
            for label, factor in self.class_boost:
                if label in classes:
                    factors[classes.index(label)] = factor
            proba = proba * factors
            proba = proba / proba.sum(axis=1, keepdims=True)
        return proba

    def predict(self, X):
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.asarray([], dtype=object)


def smooth_by_node(doc: Document, proba: np.ndarray, weight: float) -> np.ndarray:
    """Mix each passage's probabilities with the mean of its outline node (an item's body shares its act).

    Passages outside any node (``node_id == ""``) are left alone: top-level prose has no shared frame.
    """
    if weight <= 0 or not len(proba):
        return proba
    content = [p for p in doc.passages if p.is_content]
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(content):
        if p.node_id:
            groups.setdefault(p.node_id, []).append(i)
    out = proba.copy()
    for members in groups.values():
        if len(members) > 1:
            mean = proba[members].mean(axis=0)
            out[members] = (1 - weight) * proba[members] + weight * mean
    return out


class SklearnClassifier:
    """Adapter: a fitted ``PassageTextClassifier`` behind the ``predict_passages`` interface."""

    name = "sklearn"

    def __init__(self, estimator: PassageTextClassifier, smoothing: float = 0.0):
        self.estimator = estimator
        self.smoothing = smoothing

    def predict_passages(self, doc: Document):
        from ..model import LABELS

        records = document_features(doc)
        if not records:
            return []
        proba = smooth_by_node(doc, self.estimator.predict_proba(records), self.smoothing)
        classes = list(self.estimator.classes_)
        out = []
        for record, row in zip(records, proba):
            probs = {label: float(row[classes.index(label)]) if label in classes else 0.0 for label in LABELS}
            if is_empty(record["text"]):
                out.append(("other", 1.0, tuple((k, 1.0 if k == "other" else 0.0) for k in LABELS), ("empty_text",)))
                continue
            label = max(LABELS, key=lambda k: (probs[k], -LABELS.index(k)))
            out.append((label, probs[label], tuple((k, probs[k]) for k in LABELS), record_cues(record)))
        return out


def record_cues(record: dict) -> tuple[str, ...]:
    """The structural reasons and lexicon cues that fired (same list the rules report)."""
    return tuple(record.get("cues", ()))
