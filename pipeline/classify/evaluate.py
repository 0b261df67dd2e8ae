"""Document-grouped cross-validation, scored per character against the gold sentences.

Each dev document is read through the real pipeline (``read_path``), classified by a model that
never saw any of its sentences, and its predicted passage labels are projected onto characters.
Gold sentences are located in ``Document.text`` (see ``corpus.align``); every located character
counts once. Sentence-level figures (majority predicted label over a gold sentence) come free.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import LABELS
from .corpus import LabelledDoc


@dataclass
class Scores:
    """Accumulated (gold, predicted) pairs with weights; per-label P/R/F1 on demand."""

    pairs: Counter = field(default_factory=Counter)

    def add(self, gold: str, pred: str, weight: int = 1) -> None:
        self.pairs[(gold, pred)] += weight

    def confusion(self) -> list[list[int]]:
        return [[self.pairs[(g, p)] for p in LABELS] for g in LABELS]

    def per_label(self) -> dict[str, dict[str, float]]:
        out = {}
        for label in LABELS:
            tp = self.pairs[(label, label)]
            pred = sum(v for (g, p), v in self.pairs.items() if p == label)
            gold = sum(v for (g, p), v in self.pairs.items() if g == label)
            precision = tp / pred if pred else 0.0
            recall = tp / gold if gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold}
        return out

    def macro_f1(self) -> float:
        rows = [r for r in self.per_label().values() if r["support"]]
        return sum(r["f1"] for r in rows) / len(rows) if rows else 0.0

    def accuracy(self) -> float:
        total = sum(self.pairs.values())
        return sum(v for (g, p), v in self.pairs.items() if g == p) / total if total else 0.0

    def summary(self) -> dict:
        return {"macro_f1": self.macro_f1(), "accuracy": self.accuracy(), "per_label": self.per_label(),
                "labels": list(LABELS), "confusion": self.confusion()}


def predicted_char_labels(doc) -> list[str]:
    """Label of the content passage covering each character of ``doc.text`` ('other' when none does)."""
    labels = ["other"] * len(doc.text)
    for p in doc.passages:
        if p.is_content and p.label:
            for k in range(max(p.start, 0), min(p.end, len(doc.text))):
                labels[k] = p.label
    return labels


def score_document(ld: LabelledDoc, labelled_doc, chars: Scores, sentences: Scores) -> None:
    """Add one classified document's characters and sentences to the running scores."""
    predicted = predicted_char_labels(labelled_doc)
    for k, gold in enumerate(ld.alignment.char_labels):
        if gold and not labelled_doc.text[k].isspace():
            chars.add(gold, predicted[k])
    for g, span in zip(ld.gold, ld.alignment.spans):
        if span is None:
            continue
        counts = Counter(predicted[k] for k in range(*span) if not labelled_doc.text[k].isspace())
        if counts:
            sentences.add(g.label, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])


def folds(names: list[str], k: int) -> list[list[str]]:
    """Deterministic document folds: sorted names dealt round-robin (speeches and reports mix)."""
    ordered = sorted(names)
    k = max(1, min(k, len(ordered)))
    return [ordered[i::k] for i in range(k)]


def cross_validate(trainers: dict, dev: list[LabelledDoc], extra: list[LabelledDoc], k: int = 5,
                   progress=None) -> dict[str, dict]:
    """Grouped CV: for each fold, train every trainer on the other dev docs + ``extra``, score the fold.

    Args:
        trainers: name -> callable(list[LabelledDoc]) returning an object with ``predict_passages``.
        dev: documents scored (each exactly once, by a model that never saw it).
        extra: always-training documents (seed, own corpus).
        k: number of folds (k >= number of docs means leave-one-document-out).
    """
    from . import label_document

    by_name = {ld.name: ld for ld in dev}
    results = {name: (Scores(), Scores()) for name in trainers}
    per_doc: dict[str, dict[str, float]] = {name: {} for name in trainers}
    for fold_no, test_names in enumerate(folds(list(by_name), k)):
        train = [by_name[n] for n in sorted(by_name) if n not in test_names] + list(extra)
        for name, trainer in trainers.items():
            if progress:
                progress(f"fold {fold_no + 1}/{k} {name}")
            classifier = trainer(train)
            for n in test_names:
                ld = by_name[n]
                chars, sents = results[name]
                doc_scores = Scores()
                labelled = label_document(ld.doc, classifier=classifier)
                score_document(ld, labelled, chars, sents)
                score_document(ld, labelled, doc_scores, Scores())
                per_doc[name][n] = doc_scores.macro_f1()
    return {name: {"chars": c.summary(), "sentences": s.summary(), "per_doc_macro_f1": per_doc[name]}
            for name, (c, s) in results.items()}


def format_table(results: dict[str, dict], unit: str = "chars") -> str:
    """Markdown comparison table: per-label P/R/F1 and macro-F1 for each classifier."""
    head = "| classifier | macro-F1 | acc | " + " | ".join(f"{lab} P/R/F1" for lab in LABELS) + " |"
    sep = "|" + "---|" * (3 + len(LABELS))
    lines = [head, sep]
    for name, res in results.items():
        s = res[unit]
        cells = [f"{s['per_label'][lab]['precision']:.2f}/{s['per_label'][lab]['recall']:.2f}/"
                 f"{s['per_label'][lab]['f1']:.2f}" for lab in LABELS]
        lines.append(f"| {name} | {s['macro_f1']:.3f} | {s['accuracy']:.3f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def format_confusion(summary: dict) -> str:
    labels = summary["labels"]
    lines = ["| gold \\ pred | " + " | ".join(labels) + " |", "|" + "---|" * (len(labels) + 1)]
    for lab, row in zip(labels, summary["confusion"]):
        lines.append(f"| {lab} | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def make_trainers(names) -> dict:
    """name -> callable(train_docs) for the classifiers compared by ``duban evaluate``.

    ``combo`` reuses the sklearn model fitted for the same fold (cached by the training doc names).
    """
    from .combo import ComboClassifier
    from .rules import RulesClassifier
    from .sk_model import SklearnClassifier
    from .train import fit_sklearn

    cache: dict[tuple, object] = {}

    def sklearn_trainer(train):
        key = tuple(sorted(d.name for d in train))
        if key not in cache:
            cache[key] = SklearnClassifier(fit_sklearn(train))
        return cache[key]

    def spacy_trainer(train):
        from .spacy_model import fit_spacy

        return fit_spacy(sorted(train, key=lambda d: (d.group, d.name)))

    table = {"rules": lambda train: RulesClassifier(), "sklearn": sklearn_trainer,
             "combo": lambda train: ComboClassifier(sklearn_trainer(train)), "spacy": spacy_trainer}
    return {name: table[name] for name in names}


def bar_check(summary: dict) -> dict:
    per = summary["per_label"]
    return {"macro_f1>=0.80": summary["macro_f1"] >= 0.80,
            "requirement_recall>=0.85": per["requirement"]["recall"] >= 0.85,
            "problem_recall>=0.85": per["problem"]["recall"] >= 0.85}


def run_evaluation(names, *, out_dir=None, folds: int = 0, limit_docs: int = 0, progress=None) -> dict:
    """Grouped CV of the named classifiers on corpora/dev; writes report.md/.json to ``out_dir``."""
    import json
    from pathlib import Path

    from ..export.atomic import atomic_write_text
    from .corpus import load_corpus

    docs = load_corpus()
    dev = sorted((d for d in docs if d.group == "dev"), key=lambda d: d.name)
    if limit_docs:
        dev = dev[:limit_docs]
    extra = sorted((d for d in docs if d.group != "dev"), key=lambda d: (d.group, d.name))
    k = folds or len(dev)
    results = cross_validate(make_trainers(names), dev, extra, k=k, progress=progress)
    best = max(results, key=lambda n: results[n]["chars"]["macro_f1"])
    lines = [
        "# Passage classification: document-grouped cross-validation",
        "",
        f"Dev documents scored: {len(dev)} ({'leave-one-document-out' if k >= len(dev) else f'{k} folds'}); "
        f"always-training documents: {len(extra)} (seed + own corpus). Scores are per character of the "
        "gold sentences located in `Document.text` (documents read through `pipeline.extract.read_path`).",
        "",
        "## Per character",
        "",
        format_table(results, "chars"),
        "",
        "## Per gold sentence (majority predicted label over its characters)",
        "",
        format_table(results, "sentences"),
        "",
        f"Best by character macro-F1: **{best}**. Bar (macro-F1 >= 0.80, requirement and problem recall >= 0.85): "
        + ", ".join(f"{k_}={'met' if v else 'NOT met'}" for k_, v in bar_check(results[best]["chars"]).items()),
        "",
    ]
    for name, res in results.items():
        lines += [f"## Confusion ({name}, characters)", "", format_confusion(res["chars"]), "",
                  "Per-document macro-F1: " + ", ".join(f"{d} {v:.2f}" for d, v in sorted(res["per_doc_macro_f1"].items())),
                  ""]
    markdown = "\n".join(lines)
    report = {"classifiers": list(results), "folds": k, "dev_docs": [d.name for d in dev],
              "extra_docs": [f"{d.group}/{d.name}" for d in extra], "best": best, "results": results,
              "bar": bar_check(results[best]["chars"])}
    if out_dir is not None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        atomic_write_text(out / "report.md", markdown + "\n")
        atomic_write_text(out / "report.json", json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    report["markdown"] = markdown
    return report
