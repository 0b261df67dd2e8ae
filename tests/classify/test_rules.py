"""Rule classifier: lexicon cues and structural inheritance, on hand-built passages."""
from __future__ import annotations

import pytest

from pipeline.classify import label_document
from pipeline.classify.rules import RulesClassifier, context_of, predict_passage
from pipeline.model import LABELS, Document, Passage


def _passage(text, i=0, kind="sentence", lead_in="", section="", marker="", path=()):
    return Passage(passage_id=f"p{i}", doc_id="d", index=i, kind=kind, text=text, start=0, end=len(text),
                   lead_in=lead_in, section=section, marker=marker, path=path)


DUTY_LEAD = "进一步明确了督导组任务，提出了四方面职责要求："
REQ_LEAD = "下面，我就做好当前工作提三点要求："

RULE_TABLE = [
    # (text, kind, lead_in, section, marker, doc_kind, expected)
    ("第一，督导组要按照区委的总体部署，落实督察任务。", "item", DUTY_LEAD, "", "第一", "speech", "duty"),
    ("了解所去单位开展工作的进度和质量情况。", "sentence", DUTY_LEAD, "第一", "", "speech", "duty"),
    ("二要讲究方式方法，切实提高工作质量和水平。", "item", REQ_LEAD, "", "二要", "speech", "requirement"),
    ("各单位必须严格落实值班值守制度，不得擅离职守。", "sentence", "", "", "", "speech", "requirement"),
    ("个别党员学习不够深入，存在以干代学的现象。", "sentence", "", "", "", "report", "problem"),
    ("部分企业安全培训流于形式。", "sentence", "", "三、存在的问题", "", "report", "problem"),
    ("我局共组织集中学习12次，撰写心得体会86篇。", "sentence", "", "", "", "report", "measure"),
    ("我局\u201c党员示范岗\u201d的做法被区委作为典型在全区推广。", "sentence", "", "", "", "report", "exemplar"),
    ("同志们：", "sentence", "", "", "", "speech", "other"),
    ("下面，我再着重就督导组的工作提三点要求：", "sentence", "", "", "", "speech", "other"),
    ("进一步完善隐患排查台账，推动整改销号。", "sentence", "", "四、下一步工作打算", "", "report", "requirement"),
]


@pytest.mark.parametrize("text,kind,lead_in,section,marker,doc_kind,expected", RULE_TABLE)
def test_rules_table(text, kind, lead_in, section, marker, doc_kind, expected):
    label, conf, probs, cues = predict_passage(_passage(text, kind=kind, lead_in=lead_in, section=section,
                                                        marker=marker), doc_kind)
    assert label == expected, (label, cues)
    assert dict(probs)[label] == pytest.approx(conf)
    assert sum(v for _, v in probs) == pytest.approx(1.0)
    assert [k for k, _ in probs] == list(LABELS)


def test_rules_structural_reason_is_a_cue():
    p = _passage("了解所去单位开展工作的进度和质量情况。", lead_in=DUTY_LEAD)
    assert "lead_in:职责" in predict_passage(p, "speech")[3]
    assert context_of(p).lead_in == "duty"


@pytest.mark.parametrize("text", ["", "   ", "。。！", "——", "\u3000"])
def test_rules_empty_passage_does_not_crash(text):
    label, conf, probs, cues = predict_passage(_passage(text))
    assert label == "other" and cues == ("empty_text",)


def test_label_document_fills_content_and_skips_furniture():
    passages = (
        _passage("第 3 页", 0, kind="footer"),
        _passage("我局共召开专题会议5次。", 1),
        _passage("整改措施不够有力。", 2),
    )
    doc = Document(doc_id="d", source="x.txt", sha256="", file_type="txt", kind="report", passages=passages)
    out = label_document(doc, classifier=RulesClassifier())
    assert out.passages[0] == passages[0]            # furniture untouched
    assert [p.label for p in out.passages[1:]] == ["measure", "problem"]
    assert all(p.cues and p.probs and 0 < p.confidence <= 1 for p in out.passages[1:])
    assert doc.passages[1].label == ""                # input not mutated
