"""Labelled corpora: read documents through the real pipeline and project gold sentence labels onto them.

Gold files hold sentences ({"doc","i","text","label"}); the pipeline's passages may be cut finer or
differently. Both sides are therefore compared on characters: each gold sentence is located in
``Document.text`` by a sequential search over a normalised view (NFKC, no whitespace, one kind of
quote), which gives a gold label for every character. A passage's training label is the majority
label of its characters; evaluation scores predicted labels per character.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Document

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'})
_DROP = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}


def normalise_char(c: str) -> str:
    """One source character -> its comparison form ('' to drop it)."""
    if c.isspace() or c in _DROP:
        return ""
    return unicodedata.normalize("NFKC", c).translate(_QUOTES).replace(" ", "")


def normalised_view(text: str) -> tuple[str, list[int]]:
    """(normalised text, index in ``text`` of each normalised character)."""
    chars, index = [], []
    for i, c in enumerate(text):
        for n in normalise_char(c):
            chars.append(n)
            index.append(i)
    return "".join(chars), index


def normalise(text: str) -> str:
    return normalised_view(text)[0]


@dataclass(frozen=True)
class GoldSentence:
    doc: str
    i: int
    text: str
    label: str


def read_gold(path: Path) -> tuple[GoldSentence, ...]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rows.append(GoldSentence(doc=str(r["doc"]), i=int(r["i"]), text=r["text"], label=r["label"]))
    return tuple(rows)


@dataclass(frozen=True)
class Alignment:
    """Gold labels on the characters of one Document.

    ``char_labels[k]`` is the gold label of ``doc.text[k]`` ('' when no gold sentence covers it);
    ``spans`` is, per gold sentence, its (start, end) in ``doc.text`` or None when it was not found.
    """

    char_labels: tuple[str, ...]
    spans: tuple[tuple[int, int] | None, ...]
    located_chars: int
    gold_chars: int


def align(doc: Document, gold: tuple[GoldSentence, ...]) -> Alignment:
    """Locate each gold sentence in ``doc.text``, in order, on the normalised view."""
    norm, index = normalised_view(doc.text)
    labels = [""] * len(doc.text)
    spans: list[tuple[int, int] | None] = []
    cursor, located, total = 0, 0, 0
    for g in gold:
        target = normalise(g.text)
        total += len(target)
        if not target:
            spans.append(None)
            continue
        j = norm.find(target, cursor)
        if j < 0:
            j = norm.find(target)          # out of order (e.g. a heading repeated): accept any place
        if j < 0:
            spans.append(None)
            continue
        start, end = index[j], index[j + len(target) - 1] + 1
        for k in range(j, j + len(target)):
            labels[index[k]] = g.label
        located += len(target)
        cursor = max(cursor, j + len(target))
        spans.append((start, end))
    return Alignment(char_labels=tuple(labels), spans=tuple(spans), located_chars=located, gold_chars=total)


def passage_gold_labels(doc: Document, alignment: Alignment) -> list[str]:
    """Majority gold label of each content passage's characters ('' when none is covered)."""
    out = []
    for p in doc.passages:
        if not p.is_content:
            continue
        counts = Counter(lab for lab in alignment.char_labels[p.start:p.end] if lab)
        out.append(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if counts else "")
    return out


@dataclass(frozen=True)
class LabelledDoc:
    name: str
    group: str          # dev | seed | own
    doc: Document
    gold: tuple[GoldSentence, ...]
    alignment: Alignment

    @property
    def passage_labels(self) -> list[str]:
        return passage_gold_labels(self.doc, self.alignment)


CORPORA = Path(__file__).resolve().parents[2] / "corpora"
# What a model is trained on: the real dev documents, the seed, our own written corpus and the real
# documents we labelled ourselves (corpora/real: +0.023 LOO macro-F1 over 6 settings, 50 dev docs up / 34 down).
TRAINING_GROUPS = ("dev", "seed", "own", "real")


def corpus_files(root: Path = CORPORA) -> dict[str, list[tuple[Path, Path]]]:
    """(txt, gold) pairs per group, sorted by name so every run sees the same order."""
    groups = {}
    for group in TRAINING_GROUPS:
        folder = root / group
        pairs = []
        for gold in sorted(folder.glob("*.gold.jsonl")):
            txt = gold.with_name(gold.name[: -len(".gold.jsonl")] + ".txt")
            if txt.exists():
                pairs.append((txt, gold))
        groups[group] = pairs
    return groups


@lru_cache(maxsize=256)
def _load_one(txt: str, gold: str, group: str) -> LabelledDoc:
    from ..extract import read_path

    doc = read_path(Path(txt))
    gold_rows = read_gold(Path(gold))
    return LabelledDoc(name=Path(txt).stem, group=group, doc=doc, gold=gold_rows, alignment=align(doc, gold_rows))


def load_corpus(groups=TRAINING_GROUPS, root: Path = CORPORA) -> list[LabelledDoc]:
    files = corpus_files(root)
    return [_load_one(str(t), str(g), group) for group in groups for t, g in files.get(group, [])]


def training_pairs(docs) -> tuple[list[dict], list[str]]:
    """Feature records and gold labels of every labelled content passage of ``docs``."""
    X, y = [], []
    for ld in docs:
        for record, label in zip(_features(ld.doc), ld.passage_labels):
            if label:
                X.append(record)
                y.append(label)
    return X, y


@lru_cache(maxsize=512)
def _features(doc: Document) -> tuple[dict, ...]:
    """Feature records of a corpus document, computed once per process (CV refits many times)."""
    from .features import document_features

    return tuple(document_features(doc))
