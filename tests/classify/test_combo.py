"""Model + structural overrides, and classifier selection by name."""
from __future__ import annotations

import pytest

from pipeline.classify import get_classifier, label_document
from pipeline.classify.combo import ComboClassifier
from pipeline.errors import DubanError
from pipeline.model import LABELS, Document, Passage


class _Fixed:
    """A stand-in model that always answers ``label`` with the given structural cues."""

    def __init__(self, label, cues):
        self.label, self.cues = label, cues

    def predict_passages(self, doc):
        probs = tuple((k, 0.9 if k == self.label else 0.02) for k in LABELS)
        return [(self.label, 0.9, probs, self.cues) for p in doc.passages if p.is_content]


def _doc():
    p = Passage(passage_id="p", doc_id="d", index=0, kind="item", text="第一，负责收集信息。", start=0, end=10)
    return Document(doc_id="d", source="x", sha256="", file_type="txt", passages=(p,))


@pytest.mark.parametrize("model_label,cues,expected", [
    ("requirement", ("lead_in:职责",), "duty"),
    ("other", ("marker:一要",), "requirement"),
    ("measure", ("section:存在的问题",), "problem"),
    ("measure", ("section:下一步",), "requirement"),
    ("duty", ("lead_in_sentence",), "other"),
    ("exemplar", ("kind:report",), "exemplar"),          # no decisive structure: the model decides
])
def test_combo_structure_overrides_model(model_label, cues, expected):
    (label, conf, probs, out_cues), = ComboClassifier(_Fixed(model_label, cues)).predict_passages(_doc())
    assert label == expected
    assert dict(probs)[label] == pytest.approx(conf) and max(dict(probs).values()) == pytest.approx(conf)
    assert sum(v for _, v in probs) == pytest.approx(1.0)
    assert (f"override:{expected}" in out_cues) == (expected != model_label)


def test_get_classifier_unknown_name_is_coded():
    with pytest.raises(DubanError) as info:
        get_classifier("bert")
    assert info.value.code == "E203"


@pytest.mark.parametrize("name", ["rules", "sklearn", "combo", "default"])
def test_label_document_by_name(seed_doc, name):
    out = label_document(seed_doc, classifier=name)
    assert len(out.passages) == len(seed_doc.passages)
    assert all(p.label in LABELS for p in out.passages if p.is_content)


@pytest.mark.parametrize("between, expected", [("", "duty"), ("\n", "other")])
def test_combo_lead_in_sharing_its_line_with_the_first_item_keeps_the_models_label(between, expected):
    """Gold sentences are cut at line breaks and 。！？, not at "：": a lead-in followed on its line by
    the first item is one sentence with it; only a lead-in alone on its line is other."""
    lead, item = "会议提出了四方面职责要求：", "第一，负责收集信息。"
    text = lead + between + item
    passages = (Passage(passage_id="a", doc_id="d", index=0, kind="sentence", text=lead, start=0, end=len(lead)),
                Passage(passage_id="b", doc_id="d", index=1, kind="item", text=item, start=len(text) - len(item),
                        end=len(text)))
    doc = Document(doc_id="d", source="x", sha256="", file_type="txt", text=text, passages=passages)
    model = _Fixed("duty", ())
    answers = model.predict_passages(doc)
    model.predict_passages = lambda d: [answers[0][:3] + (("lead_in_sentence",),), answers[1]]
    labels = [out[0] for out in ComboClassifier(model).predict_passages(doc)]
    assert labels == [expected, "duty"]
