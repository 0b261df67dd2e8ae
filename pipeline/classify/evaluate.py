"""Document-grouped cross-validation, scored per character against the gold sentences.

Each dev document is read through the real pipeline (``read_path``), classified by a model that
never saw any of its sentences, and its predicted passage labels are projected onto characters.
Gold sentences are located in ``Document.text`` (see ``corpus.align``); every located character
counts once. Sentence-level figures (majority predicted label over a gold sentence) come free.
"""
from __future__ import annotations

import re
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


def passage_errors(ld: LabelledDoc, labelled_doc) -> list[dict]:
    """One row per content passage that covers gold characters: what it is, where it sits, gold vs predicted.

    ``gold`` counts the passage's gold characters per label (whitespace excluded, as in the scores);
    ``error_chars`` are those whose gold label differs from the passage's predicted label. Gold
    characters outside every content passage (page furniture) are scored as 'other' but have no row.
    ``zone`` is where the passage sits relative to the outline: ``opening`` (before the first
    numbered item or heading), ``body`` or ``closing`` (after the last one); ``flat`` when the
    document has no outline.
    """
    from .rules import context_of, first_year_ahead, passage_frames

    text = labelled_doc.text
    year_ahead = first_year_ahead(labelled_doc)
    content = [p for p in labelled_doc.passages if p.is_content]
    in_outline = [i for i, p in enumerate(content) if p.node_id]
    first, last = (in_outline[0], in_outline[-1]) if in_outline else (len(content), -1)
    rows = []
    for i, (p, frames) in enumerate(zip(content, passage_frames(labelled_doc))):
        gold = Counter(lab for k, lab in enumerate(ld.alignment.char_labels[p.start:p.end], p.start)
                       if lab and not text[k].isspace())
        if not gold:
            continue
        predicted = p.label or "other"
        zone = "flat" if not in_outline else "opening" if i < first else "closing" if i > last else "body"
        rows.append({
            "doc": ld.name, "doc_kind": labelled_doc.kind, "index": i, "kind": p.kind, "marker": p.marker,
            "section": p.section, "section_role": context_of(p, labelled_doc.kind, frames, labelled_doc.title,
                                                         year_ahead).section,
            "lead_in": p.lead_in, "zone": zone, "gold": dict(sorted(gold.items())), "predicted": predicted,
            "error_chars": sum(gold.values()) - gold.get(predicted, 0), "probs": dict(p.probs), "text": p.text,
        })
    return rows


def cutting_oracle(rows: list[dict]) -> Scores:
    """Scores if every passage got the majority gold label of its characters: the ceiling our cutting allows."""
    scores = Scores()
    for row in rows:
        majority = sorted(row["gold"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        for gold, n in row["gold"].items():
            scores.add(gold, majority, n)
    return scores


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ENDS_WITH_COLON = re.compile(r"[：:]\s*$")

# Systematic places where errors may gather (they overlap: one passage can sit in several).
ERROR_BUCKETS: tuple[tuple[str, object], ...] = (
    ("title or heading", lambda r: r["kind"] in ("title", "heading")),
    ("item opener", lambda r: r["kind"] == "item"),
    ("lead-in sentence (ends with a colon)", lambda r: bool(_ENDS_WITH_COLON.search(r["text"]))),
    ("report opening (before the outline)", lambda r: r["doc_kind"] == "report" and r["zone"] == "opening"),
    ("report closing (after the outline)", lambda r: r["doc_kind"] == "report" and r["zone"] == "closing"),
    ("report without outline", lambda r: r["doc_kind"] == "report" and r["zone"] == "flat"),
    ("statistics (3+ numbers)", lambda r: len(_NUMBER.findall(r["text"])) >= 3),
    ("short (<= 20 chars)", lambda r: len(r["text"].strip()) <= 20),
    ("section role: problem", lambda r: r["section_role"] == "problem"),
    ("section role: plan", lambda r: r["section_role"] == "plan"),
    ("section role: exemplar", lambda r: r["section_role"] == "exemplar"),
    ("section role: measure", lambda r: r["section_role"] == "measure"),
    ("mixed gold (passage spans differently labelled sentences)", lambda r: len(r["gold"]) > 1),
)


def error_buckets(rows: list[dict]) -> list[dict]:
    """Per bucket: passages, gold characters, error characters and the bucket's commonest gold labels."""
    out = []
    for name, belongs in ERROR_BUCKETS:
        members = [r for r in rows if belongs(r)]
        gold: Counter = Counter()
        for r in members:
            gold.update(r["gold"])
        out.append({"bucket": name, "passages": len(members), "chars": sum(gold.values()),
                    "error_chars": sum(r["error_chars"] for r in members), "gold": dict(gold.most_common(3))})
    return out


def format_error_analysis(rows: list[dict]) -> str:
    """Markdown: error characters by (gold, predicted), by bucket, and the cutting ceiling."""
    total_errors = sum(r["error_chars"] for r in rows)
    pairs: Counter = Counter()
    for r in rows:
        for gold, n in r["gold"].items():
            if gold != r["predicted"]:
                pairs[(r["doc_kind"], gold, r["predicted"])] += n
    oracle = cutting_oracle(rows)
    lines = [f"Error characters: {total_errors} of {sum(sum(r['gold'].values()) for r in rows)} in passages. "
             f"Cutting ceiling (each passage given its majority gold label): macro-F1 {oracle.macro_f1():.3f}.",
             "", "| doc kind | gold | predicted | error chars |", "|---|---|---|---|"]
    lines += [f"| {k} | {g} | {p} | {n} |" for (k, g, p), n in pairs.most_common(12)]
    lines += ["", "| bucket (buckets overlap) | passages | chars | error chars | error share | commonest gold |",
              "|---|---|---|---|---|---|"]
    for b in error_buckets(rows):
        share = b["error_chars"] / b["chars"] if b["chars"] else 0.0
        gold = ", ".join(f"{k} {v}" for k, v in b["gold"].items())
        lines.append(f"| {b['bucket']} | {b['passages']} | {b['chars']} | {b['error_chars']} | {share:.2f} | {gold} |")
    return "\n".join(lines)


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
    errors: dict[str, list[dict]] = {name: [] for name in trainers}
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
                errors[name].extend(passage_errors(ld, labelled))
    return {name: {"chars": c.summary(), "sentences": s.summary(), "per_doc_macro_f1": per_doc[name],
                   "passage_errors": errors[name]}
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
    from .linear import SklearnClassifier
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
    # per-passage rows carry document text: they go to errors.jsonl, not into report.json
    passage_rows = {name: res.pop("passage_errors") for name, res in results.items()}
    best = max(results, key=lambda n: results[n]["chars"]["macro_f1"])
    lines = [
        "# Passage classification: document-grouped cross-validation",
        "",
        f"Dev documents scored: {len(dev)} ({'leave-one-document-out' if k >= len(dev) else f'{k} folds'}); "
        f"always-training documents: {len(extra)} (seed, own corpus, real documents labelled by us). Scores are per character of the "
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
    lines += [f"## Where the errors are ({best}, characters)", "",
              "Rows per passage (gold characters per label, prediction, probabilities, structure): `errors.jsonl`.",
              "", format_error_analysis(passage_rows[best]), ""]
    markdown = "\n".join(lines)
    report = {"classifiers": list(results), "folds": k, "dev_docs": [d.name for d in dev],
              "extra_docs": [f"{d.group}/{d.name}" for d in extra], "best": best, "results": results,
              "bar": bar_check(results[best]["chars"])}
    if out_dir is not None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        atomic_write_text(out / "report.md", markdown + "\n")
        atomic_write_text(out / "report.json", json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        atomic_write_text(out / "errors.jsonl", "".join(json.dumps({"classifier": best, **row}, ensure_ascii=False,
                                                                   sort_keys=True) + "\n" for row in passage_rows[best]))
    report["markdown"] = markdown
    return report
