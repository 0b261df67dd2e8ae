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
    assert "passage_errors" not in report["results"]["rules"]          # rows with text stay out of report.json
    rows = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["doc"] for r in rows} == set(report["dev_docs"])
    off_diagonal = sum(v for i, row in enumerate(summary["confusion"]) for j, v in enumerate(row) if i != j)
    assert 0 < sum(r["error_chars"] for r in rows) <= off_diagonal


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


def _labelled(text, spans_labels, gold):
    from pipeline.classify.corpus import LabelledDoc

    doc = _doc(text, spans_labels)
    return LabelledDoc(name="d", group="dev", doc=doc, gold=gold, alignment=align(doc, gold)), doc


def test_evaluate_passage_errors_count_wrong_gold_chars():
    from pipeline.classify.evaluate import passage_errors

    text = "要加强领导。存在问题。同志们好。"
    gold = (GoldSentence("d", 1, "要加强领导。", "requirement"), GoldSentence("d", 2, "存在问题。", "problem"))
    ld, doc = _labelled(text, [(0, 6, "requirement"), (6, 11, "other"), (11, 16, "other")], gold)
    rows = passage_errors(ld, doc)
    assert [r["index"] for r in rows] == [0, 1]             # the third passage has no gold characters
    assert [r["error_chars"] for r in rows] == [0, 5]
    assert rows[1]["gold"] == {"problem": 5} and rows[1]["predicted"] == "other"
    assert {r["zone"] for r in rows} == {"flat"}             # no outline nodes


@pytest.mark.parametrize("cuts,ceiling_is_one", [
    ([(0, 6), (6, 11)], True),       # passages follow the gold sentences
    ([(0, 11)], False),              # one passage over two differently labelled sentences
])
def test_evaluate_cutting_oracle_is_the_ceiling_of_our_cutting(cuts, ceiling_is_one):
    from pipeline.classify.evaluate import cutting_oracle, passage_errors

    text = "要加强领导。存在问题。"
    gold = (GoldSentence("d", 1, "要加强领导。", "requirement"), GoldSentence("d", 2, "存在问题。", "problem"))
    ld, doc = _labelled(text, [(s, e, "other") for s, e in cuts], gold)
    oracle = cutting_oracle(passage_errors(ld, doc))
    assert (oracle.macro_f1() == 1.0) is ceiling_is_one
    assert sum(oracle.pairs.values()) == len(text)


@pytest.mark.parametrize("row,bucket,member", [
    ({"kind": "heading", "text": "一、总体情况"}, "title or heading", True),
    ({"kind": "sentence", "text": "具体如下："}, "lead-in sentence (ends with a colon)", True),
    ({"kind": "sentence", "text": "共检查12家，整改3处，罚款5万元。"}, "statistics (3+ numbers)", True),
    ({"kind": "sentence", "text": "共检查12家。"}, "statistics (3+ numbers)", False),
    ({"doc_kind": "report", "zone": "opening"}, "report opening (before the outline)", True),
    ({"doc_kind": "speech", "zone": "opening"}, "report opening (before the outline)", False),
    ({"gold": {"other": 3, "problem": 4}}, "mixed gold (passage spans differently labelled sentences)", True),
])
def test_evaluate_error_buckets_membership(row, bucket, member):
    from pipeline.classify.evaluate import error_buckets

    base = {"kind": "sentence", "text": "要加强领导。" * 5, "doc_kind": "speech", "zone": "body", "section_role": "",
            "gold": {"other": 7}, "error_chars": 7}
    found = {b["bucket"]: b for b in error_buckets([{**base, **row}])}
    assert found[bucket]["passages"] == int(member)
    assert found[bucket]["error_chars"] == (7 if member else 0)
