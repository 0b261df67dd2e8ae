"""The seed bar: items under 四方面职责要求 are duties; 一要/二要/三要 items are requirements."""
from __future__ import annotations

import pytest

from pipeline.classify import label_document


def _items(doc, marker_prefix):
    return [p for p in doc.passages if p.kind == "item" and p.marker.startswith(marker_prefix)]


def _duty_items(doc):
    """The 第一…第四 items whose enumeration was announced as 职责 (under 一要)."""
    return [p for p in doc.passages if p.kind == "item" and p.marker in ("第一", "第二", "第三", "第四")
            and "职责" in p.lead_in]


@pytest.mark.parametrize("classifier", ["rules", "default"])
def test_seed_duty_items_are_duty(seed_doc, classifier):
    labelled = label_document(seed_doc, classifier=classifier)
    duties = _duty_items(labelled)
    assert len(duties) == 4
    assert [p.label for p in duties] == ["duty"] * 4
    assert all("lead_in:职责" in p.cues for p in duties)


@pytest.mark.parametrize("classifier", ["rules", "default"])
def test_seed_yao_items_are_requirement(seed_doc, classifier):
    labelled = label_document(seed_doc, classifier=classifier)
    yao = [p for p in labelled.passages if p.kind == "item" and p.marker in ("一要", "二要", "三要")]
    assert [p.marker for p in yao] == ["一要", "二要", "三要"]
    assert [p.label for p in yao] == ["requirement"] * 3


def test_seed_every_content_passage_labelled(seed_doc):
    labelled = label_document(seed_doc)
    content = [p for p in labelled.passages if p.is_content]
    assert content and all(p.label and p.probs and p.confidence is not None for p in content)
    assert all(abs(sum(v for _, v in p.probs) - 1.0) < 1e-6 for p in content)


@pytest.mark.slow
def test_seed_bar_holds_for_a_model_that_never_saw_the_seed(seed_doc):
    """Trained on dev + own only, the sklearn model still gets the seed's structure right."""
    from pipeline.classify.corpus import load_corpus
    from pipeline.classify.linear import SklearnClassifier
    from pipeline.classify.train import fit_sklearn

    model = SklearnClassifier(fit_sklearn(load_corpus(groups=("dev", "own"))))
    labelled = label_document(seed_doc, classifier=model)
    assert [p.label for p in _duty_items(labelled)] == ["duty"] * 4
    assert [p.label for p in labelled.passages if p.marker in ("一要", "二要", "三要")] == ["requirement"] * 3
