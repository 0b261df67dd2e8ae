"""Gold alignment and character scoring; a quick smoke run of `duban evaluate`."""
from __future__ import annotations

import json

import pytest

from pipeline.classify.corpus import GoldSentence, align, normalise, passage_gold_labels
from pipeline.classify.evaluate import Scores, folds, predicted_char_labels, score_document
from pipeline.model import Document, Passage


def _doc(text, spans_labels):
    passages = tuple(Passage(passage_id=f"p{i}", doc_id="d", index=i, kind="sentence", text=text[s:e], start=s,
                             end=e, label=lab) for i, (s, e, lab) in enumerate(spans_labels))
    return Document(doc_id="d", source="x", sha256="", file_type="txt", text=text, passages=passages)


@pytest.mark.parametrize("a,b", [("“典型”做法。", '"典型"做法。'), ("全角１２次", "全角12次"), ("空 格\u3000后", "空格后")])
def test_corpus_normalise_both_sides_alike(a, b):
    assert normalise(a) == normalise(b)


def test_corpus_align_is_sequential_and_tolerant():
    text = "同志们：\n要加强领导。要加强领导。存在 问题。"
    gold = (GoldSentence("d", 1, "同志们：", "other"), GoldSentence("d", 2, "要加强领导。", "requirement"),
            GoldSentence("d", 3, "要加强领导。", "duty"), GoldSentence("d", 4, "存在问题。", "problem"))
    al = align(_doc(text, []), gold)
    assert al.located_chars == al.gold_chars
    assert al.spans[1] != al.spans[2]                       # the repeat is found after the first one
    assert al.char_labels[text.index("存在")] == "problem"
    assert al.char_labels[text.index("\n")] == ""


def test_corpus_passage_gold_label_is_majority_of_chars():
    text = "第一，要加强领导。了解情况并提出意见。"
    gold = (GoldSentence("d", 1, text, "duty"),)
    doc = _doc(text, [(0, 9, ""), (9, len(text), "")])
    assert passage_gold_labels(doc, align(doc, gold)) == ["duty", "duty"]


def test_evaluate_scores_per_character():
    text = "要加强领导。存在问题。"
    gold = (GoldSentence("d", 1, "要加强领导。", "requirement"), GoldSentence("d", 2, "存在问题。", "problem"))
    predicted = _doc(text, [(0, 6, "requirement"), (6, 11, "other")])
    from pipeline.classify.corpus import LabelledDoc

    ld = LabelledDoc(name="d", group="dev", doc=predicted, gold=gold, alignment=align(predicted, gold))
    chars, sents = Scores(), Scores()
    score_document(ld, predicted, chars, sents)
    per = chars.per_label()
    assert per["requirement"]["recall"] == 1.0 and per["problem"]["recall"] == 0.0
    assert per["requirement"]["support"] == 6 and per["problem"]["support"] == 5
    assert sents.pairs[("problem", "other")] == 1
    assert predicted_char_labels(predicted)[7] == "other"


def test_evaluate_folds_are_deterministic_and_disjoint():
    names = [f"d{i}" for i in range(7)]
    a = folds(list(reversed(names)), 3)
    assert a == folds(names, 3)
    flat = [n for f in a for n in f]
    assert sorted(flat) == names and len(set(flat)) == len(flat)


def test_evaluate_command_smoke(tmp_path, capsys):
    from pipeline.cli import main

    assert main(["evaluate", "--docs", "3", "--folds", "3", "--classifiers", "rules", "-o", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["dev_docs"] == ["dev_report_01", "dev_report_02", "dev_report_03"]
    summary = report["results"]["rules"]["chars"]
    assert 0.0 < summary["macro_f1"] <= 1.0
    assert sum(map(sum, summary["confusion"])) == sum(r["support"] for r in summary["per_label"].values())
    assert "| rules |" in (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| rules |" in capsys.readouterr().out


def test_evaluate_command_rejects_unknown_classifier(capsys):
    from pipeline.cli import main

    assert main(["evaluate", "--classifiers", "bert"]) == 2
    assert "[E005]" in capsys.readouterr().err


@pytest.mark.slow
def test_evaluate_full_cross_validation(tmp_path):
    from pipeline.classify.evaluate import run_evaluation

    report = run_evaluation(["rules", "sklearn"], out_dir=tmp_path, folds=0)
    assert len(report["dev_docs"]) == 17
    assert report["results"]["sklearn"]["chars"]["macro_f1"] > report["results"]["rules"]["chars"]["macro_f1"]
