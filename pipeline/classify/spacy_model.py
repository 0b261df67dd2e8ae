"""spaCy ``textcat`` passage classifier on a blank Chinese pipeline with a jieba tokenizer.

spaCy's built-in ``zh`` jieba segmenter calls the global ``jieba.cut`` (and so would share and
mutate the process-wide dictionary, which ``pipeline.segment`` forbids). Instead the pipeline's
tokenizer is ``duban.jieba_tokenizer.v1``, registered here and built from config: a
``pipeline.segment.Segmenter`` with the project user dictionary. spaCy does not serialise jieba's
dictionary, so ``to_disk`` copies the user dictionary plus its sha256 into the model directory and
``from_disk`` refuses a dictionary whose hash does not match.

The text a model sees is ``"<context tokens> ||| <passage text>"``: the structural context tokens
from ``features`` (lead-in type, section type, kind…) become ordinary tokens, so the BOW model can
weigh them like words.
"""
from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import minibatch

from ..errors import DubanError
from ..model import LABELS, Document
from ..segment import USERDICT, Segmenter
from .features import document_features
from .rules import is_empty

SEPARATOR = " ||| "
USERDICT_NAME = "userdict.txt"


class JiebaTokenizer:
    """Whitespace-split context prefix + jieba words of the passage (private dictionary)."""

    def __init__(self, vocab, userdict: str | Path | None = USERDICT):
        self.vocab = vocab
        self.userdict = Path(userdict) if userdict else None
        self._segmenter: Segmenter | None = None

    @property
    def segmenter(self) -> Segmenter:
        if self._segmenter is None:
            self._segmenter = Segmenter(self.userdict)
        return self._segmenter

    def __call__(self, text: str) -> Doc:
        prefix, sep, body = text.partition(SEPARATOR)
        if not sep:
            prefix, body = "", text
        words = prefix.split() + self.segmenter.cut(body)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def pipe(self, texts, batch_size=1000):
        for text in texts:
            yield self(text)

    def to_disk(self, path, *, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.userdict and self.userdict.exists():
            data = self.userdict.read_bytes()
            (path / USERDICT_NAME).write_bytes(data)
            (path / (USERDICT_NAME + ".sha256")).write_text(hashlib.sha256(data).hexdigest() + "\n")

    def from_disk(self, path, *, exclude=()):
        path = Path(path)
        dict_path = path / USERDICT_NAME
        if dict_path.exists():
            expected = (path / (USERDICT_NAME + ".sha256")).read_text().strip()
            if hashlib.sha256(dict_path.read_bytes()).hexdigest() != expected:
                raise DubanError("E004", reason="spaCy tokenizer user dictionary sha256 mismatch")
            self.userdict = dict_path
            self._segmenter = None
        return self

    def to_bytes(self, *, exclude=()):
        return self.userdict.read_bytes() if self.userdict and self.userdict.exists() else b""

    def from_bytes(self, data, *, exclude=()):
        return self


@spacy.registry.tokenizers("duban.jieba_tokenizer.v1")
def create_jieba_tokenizer():
    def make(nlp):
        return JiebaTokenizer(nlp.vocab)
    return make


def build_nlp(labels, *, ngram_size: int = 2, length: int = 2 ** 16):
    """Blank zh pipeline with our tokenizer and an exclusive textcat over ``labels`` (>= 2, else E202)."""
    labels = sorted(set(labels))
    if len(labels) < 2:
        raise DubanError("E202", n=len(labels))
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "duban.jieba_tokenizer.v1"}}})
    model = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": ngram_size,
             "no_output_layer": False, "length": length}
    textcat = nlp.add_pipe("textcat", config={"model": model})
    for label in labels:
        textcat.add_label(label)
    return nlp


def spacy_text(record: dict) -> str:
    return record["ctx"] + SEPARATOR + record["text"]


def train_textcat(texts, labels, *, epochs: int = 10, seed: int = 0, dropout: float = 0.1, batch_size: int = 16):
    """Fit a textcat from scratch; deterministic for a given seed and input order. Returns (nlp, losses)."""
    pairs = [(t, y) for t, y in zip(texts, labels) if t and not is_empty(t.partition(SEPARATOR)[2] or t)]
    if not pairs:
        raise DubanError("E201")
    label_set = sorted({y for _, y in pairs})
    nlp = build_nlp(label_set)
    spacy.util.fix_random_seed(seed)
    examples = [Example.from_dict(nlp.make_doc(t), {"cats": {lab: float(lab == y) for lab in label_set}})
                for t, y in pairs]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    history = []
    for _ in range(epochs):
        order = list(examples)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch(order, size=batch_size):
            nlp.update(batch, sgd=optimizer, drop=dropout, losses=losses)
        history.append(losses.get("textcat", 0.0))
    return nlp, history


class SpacyClassifier:
    """A trained textcat pipeline behind the ``predict_passages`` interface."""

    name = "spacy"

    def __init__(self, nlp):
        self.nlp = nlp

    def predict_passages(self, doc: Document):
        records = document_features(doc)
        out = []
        for record, sdoc in zip(records, self.nlp.pipe(spacy_text(r) for r in records)):
            if is_empty(record["text"]):
                out.append(("other", 1.0, tuple((k, 1.0 if k == "other" else 0.0) for k in LABELS), ("empty_text",)))
                continue
            probs = {k: float(sdoc.cats.get(k, 0.0)) for k in LABELS}
            label = max(LABELS, key=lambda k: (probs[k], -LABELS.index(k)))
            out.append((label, probs[label], tuple((k, probs[k]) for k in LABELS), tuple(record["cues"])))
        return out


def fit_spacy(docs, **kwargs) -> SpacyClassifier:
    from .corpus import training_pairs

    X, y = training_pairs(docs)
    nlp, _ = train_textcat([spacy_text(r) for r in X], y, **kwargs)
    return SpacyClassifier(nlp)


def hash_spacy_dir(models_dir: Path, name: str) -> dict[str, str]:
    """sha256 of every file of a saved spaCy model, keyed by path relative to ``models_dir``."""
    root = Path(models_dir)
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / name).rglob("*")) if p.is_file()}


def load_spacy_classifier(path: Path, models_dir: Path) -> SpacyClassifier:
    """Load a shipped spaCy model after checking every file's sha256 against meta.json."""
    from .modelstore import verify_model_file

    path = Path(path)
    files = [p for p in sorted(path.rglob("*")) if p.is_file()]
    if not files:
        raise DubanError("E004", reason="spaCy model directory is empty or missing")
    for file in files:
        verify_model_file(file, models_dir)
    return SpacyClassifier(spacy.load(path))


def save_spacy(classifier: SpacyClassifier, path: Path) -> None:
    path = Path(path)
    if path.exists():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    classifier.nlp.to_disk(path)
