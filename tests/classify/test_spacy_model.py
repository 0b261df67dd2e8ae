"""spaCy textcat: overfitting round trip (case 34) and a one-label config failing with a code (case 36)."""
from __future__ import annotations

import hashlib

import pytest

spacy = pytest.importorskip("spacy")

from pipeline.classify.spacy_model import SEPARATOR, build_nlp, train_textcat  # noqa: E402
from pipeline.errors import DubanError  # noqa: E402
from pipeline.segment import USERDICT  # noqa: E402

TRAIN = [
    ("kind=speech" + SEPARATOR + "各单位必须严格落实值班制度。", "requirement"),
    ("kind=report" + SEPARATOR + "个别党员学习不够深入，存在以干代学的现象。", "problem"),
    ("kind=report" + SEPARATOR + "我局共组织集中学习12次。", "measure"),
    ("kind=speech" + SEPARATOR + "要切实加强组织领导，确保取得实效。", "requirement"),
    ("kind=report" + SEPARATOR + "部分企业隐患排查整改不到位。", "problem"),
    ("kind=report" + SEPARATOR + "召开专题会议5次，印发实施方案。", "measure"),
]


@pytest.fixture(scope="module")
def overfitted():
    texts, labels = zip(*TRAIN)
    return train_textcat(list(texts), list(labels), epochs=120, dropout=0.0, batch_size=6, seed=0)


def test_spacy_overfits_tiny_data(overfitted):
    nlp, losses = overfitted
    assert losses[-1] < 0.01
    for text, label in TRAIN:
        cats = nlp(text).cats
        assert max(cats, key=cats.get) == label


def test_spacy_to_disk_from_disk_equal_predictions(overfitted, tmp_path):
    nlp, _ = overfitted
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    for text, _ in TRAIN:
        a, b = nlp(text).cats, loaded(text).cats
        assert a.keys() == b.keys()
        assert all(abs(a[k] - b[k]) < 1e-6 for k in a)
    saved = (tmp_path / "m" / "tokenizer" / "userdict.txt").read_bytes()
    assert hashlib.sha256(saved).hexdigest() == hashlib.sha256(USERDICT.read_bytes()).hexdigest()
    assert (tmp_path / "m" / "tokenizer" / "userdict.txt.sha256").read_text().strip() == hashlib.sha256(saved).hexdigest()


def test_spacy_refuses_tampered_userdict(overfitted, tmp_path):
    nlp, _ = overfitted
    nlp.to_disk(tmp_path / "m")
    (tmp_path / "m" / "tokenizer" / "userdict.txt").write_text("督查 5 n\n", encoding="utf-8")
    with pytest.raises(DubanError) as info:
        spacy.load(tmp_path / "m")
    assert info.value.code == "E004"


def test_spacy_pipe_equals_call(overfitted):
    nlp, _ = overfitted
    texts = [t for t, _ in TRAIN]
    for doc, text in zip(nlp.pipe(texts), texts):
        assert doc.cats == pytest.approx(nlp(text).cats, abs=1e-6)


def test_spacy_tokenizer_segments_words_and_keeps_context_tokens(overfitted):
    nlp, _ = overfitted
    words = [t.text for t in nlp.make_doc("kind=report lead=duty" + SEPARATOR + "存在整改不到位的问题。")]
    assert words[:2] == ["kind=report", "lead=duty"]
    assert "问题" in words and all(len(w) < 6 for w in words[2:])


@pytest.mark.parametrize("labels", [["requirement"], []])
def test_spacy_textcat_needs_two_labels(labels):
    with pytest.raises(DubanError) as info:
        build_nlp(labels)
    assert info.value.code == "E202"


def test_spacy_training_on_one_label_fails_with_code():
    with pytest.raises(DubanError) as info:
        train_textcat(["要加强领导。", "要落实责任。"], ["requirement", "requirement"], epochs=1)
    assert info.value.code == "E202"


def test_spacy_training_on_empty_corpus_fails_with_code():
    with pytest.raises(DubanError) as info:
        train_textcat(["", "。。"], ["other", "duty"], epochs=1)
    assert info.value.code == "E201"
