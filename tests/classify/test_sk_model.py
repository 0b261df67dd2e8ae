"""scikit-learn estimator contract, empty input, train/serve parity (reliability cases 32, 33, 35)."""
from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone

from pipeline.classify.features import document_features
from pipeline.classify.linear import SklearnClassifier
from pipeline.classify.sk_model import PassageTextClassifier
from pipeline.errors import DubanError
from pipeline.model import Document, Passage


def _doc(texts, kind="report"):
    passages = tuple(Passage(passage_id=f"p{i}", doc_id="d", index=i, kind="sentence", text=t, start=0, end=len(t))
                     for i, t in enumerate(texts))
    return Document(doc_id="d", source="x.txt", sha256="", file_type="txt", kind=kind, passages=passages)


def test_sk_model_get_params_clone_round_trip():
    est = PassageTextClassifier(C=2.5, char_ngrams=(1, 2), rules_weight=0.0)
    cloned = clone(est)
    assert cloned.get_params() == est.get_params()
    assert not hasattr(cloned, "model_")
    est2 = PassageTextClassifier(**est.get_params())
    assert est2.get_params() == est.get_params()


def test_sk_model_clone_of_fitted_is_unfitted(fitted):
    cloned = clone(fitted)
    assert cloned.get_params() == fitted.get_params()
    assert not hasattr(cloned, "classes_")


def test_sk_model_pickle_round_trip_equal_proba(fitted, small_training):
    X, _ = small_training
    restored = pickle.loads(pickle.dumps(fitted, protocol=5))
    np.testing.assert_allclose(restored.predict_proba(X[:50]), fitted.predict_proba(X[:50]), atol=1e-12)
    assert list(restored.classes_) == list(fitted.classes_)


def test_sk_model_learns_all_labels(fitted):
    assert set(fitted.classes_) == {"duty", "requirement", "problem", "exemplar", "measure", "other"}


@pytest.mark.parametrize("texts", [[""], ["。。。"], ["   ", "——"], ["\u3000", "！？"]])
def test_sk_model_empty_or_punctuation_passage_predicts(fitted, texts):
    out = SklearnClassifier(fitted).predict_passages(_doc(texts))
    assert [o[0] for o in out] == ["other"] * len(texts)
    assert all(o[3] == ("empty_text",) for o in out)


@pytest.mark.parametrize("texts", [[], [""], ["。", "  ", "——！"]])
def test_sk_model_empty_corpus_raises_e201(texts):
    X = [{"text": t, "frame": "", "ctx": "", "rules": [0.0] * 6} for t in texts]
    with pytest.raises(DubanError) as info:
        PassageTextClassifier().fit(X, ["other"] * len(texts))
    assert info.value.code == "E201"


def test_sk_model_single_label_raises_e202():
    X = [{"text": t, "frame": "", "ctx": "kind=report", "rules": [0.0] * 6} for t in ("要加强领导。", "要落实责任。")]
    with pytest.raises(DubanError) as info:
        PassageTextClassifier().fit(X, ["requirement", "requirement"])
    assert info.value.code == "E202"


def test_features_train_serve_parity(small_corpus):
    """The records used in training equal those built at prediction time for the same passages."""
    from pipeline.classify.corpus import training_pairs

    ld = small_corpus[0]
    X, _ = training_pairs([ld])
    served = [r for r, lab in zip(document_features(ld.doc), ld.passage_labels) if lab]
    assert X == served


def test_sk_model_vocabulary_is_words_not_clauses(fitted):
    vocab = fitted.words_.vocabulary_
    unigrams = [w for w in vocab if " " not in w]
    assert "问题" in vocab and "落实" in vocab
    # the default token_pattern on unsegmented Chinese keeps whole clauses between punctuation marks
    assert not any(ch in w for w in unigrams for ch in "，。；：、")
    assert sorted(len(w) for w in unigrams)[len(unigrams) // 2] <= 3
    assert sum(len(w) == 2 for w in unigrams) > len(unigrams) / 3
    assert fitted.words_.token_pattern is None and fitted.words_.lowercase is False


def test_sk_model_adapter_fills_probs_and_cues(fitted):
    out = SklearnClassifier(fitted).predict_passages(_doc(["个别党员学习不够深入，存在以干代学的现象。", "我局共召开专题会议5次。"]))
    for label, conf, probs, cues in out:
        assert sum(v for _, v in probs) == pytest.approx(1.0)
        assert dict(probs)[label] == pytest.approx(conf)
        assert cues
    assert out[0][0] == "problem"
