"""The fitted scikit-learn passage model as plain arrays, and inference from them without scikit-learn.

Why: importing scikit-learn takes about 1.2 s per process (``scipy.stats`` builds its docstrings on
import), more than half of a batch worker's start and of every ``duban analyze``; and a pickle is
code. ``duban train`` therefore writes the fitted ``PassageTextClassifier`` as numbers only —
vocabularies, idf weights, coefficients — in one ``.npz`` read with ``allow_pickle=False``, and
``LinearModel`` repeats the estimator's arithmetic in numpy:

* the TF-IDF blocks go through the same ``fast_ngrams`` counting, then ``FrozenTfidf`` does what
  ``TfidfTransformer.transform`` does (log + 1, times idf, rows divided by their l2 norm, the squares
  summed left to right as scikit-learn's loop sums them);
* the blocks are stacked by ``feature_matrix``, the one function both the estimator and this model call;
* probabilities are the multinomial softmax of ``X @ coef.T + intercept``, computed as scikit-learn does.

So the probabilities equal the estimator's to the last bit (``tests/classify/test_linear.py``).
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
from scipy import sparse

from ..errors import DubanError
from ..model import Document
from ..segment import segment_for_features
from .fast_ngrams import char_tfidf, supported, word_supported, word_tfidf
from .features import document_features, split_space
from .rules import is_empty

FORMAT = 1
TOKENIZERS = {"segment_for_features": segment_for_features, "split_space": split_space}
# which field of a feature record each block reads ("_" stands in for an absent frame/neighbour)
FIELDS = {"text": lambda r: r["text"], "frame": lambda r: r["frame"] or "_", "ctx": lambda r: r["ctx"],
          "near": lambda r: r.get("near") or "_"}
_DENSE_CELLS = 1 << 22       # largest rows x longest-row block normalised in one dense step (32 MB)


# --- the shared arithmetic ---------------------------------------------------------------------------

def feature_matrix(blocks, rules_weight: float, records: list[dict], transform=None):
    """Stack each ``(vectorizer, field, weight)`` block's TF-IDF and the rule scores into one CSR matrix.

    ``transform(vectorizer, values)`` makes a block's TF-IDF; by default a fitted vectorizer's, through
    ``fast_ngrams`` (training passes ``fit_transform``, so both sides share this one assembly).
    """
    columns = []
    for vectorizer, field, weight in blocks:
        values = [FIELDS[field](r) for r in records]
        block = transform(vectorizer, values) if transform else fitted_tfidf(vectorizer, values)
        columns.append(block if weight == 1.0 else weight * block)
    rules = np.asarray([r["rules"] for r in records], dtype=np.float64).reshape(len(records), -1)
    columns.append(sparse.csr_matrix(rules_weight * rules))
    return sparse.hstack(columns, format="csr")


def fitted_tfidf(vectorizer, values: list[str]):
    """A fitted vectorizer's TF-IDF of ``values`` without its analyzer chain (``fast_ngrams``)."""
    return char_tfidf(vectorizer, values) if vectorizer.analyzer == "char" else word_tfidf(vectorizer, values)


def boosted(proba: np.ndarray, classes, class_boost) -> np.ndarray:
    """Multiply each boosted label's probability by its factor and renormalise (cost-sensitive decision)."""
    if not class_boost:
        return proba
    factors = np.ones(len(classes))
    classes = list(classes)
    for label, factor in class_boost:
        if label in classes:
            factors[classes.index(label)] = factor
    proba = proba * factors
    return proba / proba.sum(axis=1, keepdims=True)


def normalize_rows_l2(matrix) -> None:
    """Divide each CSR row by its l2 norm in place, summing squares left to right (scikit-learn's order)."""
    data, indptr = matrix.data, matrix.indptr
    lengths = np.diff(indptr)
    if not len(data):
        return
    if len(lengths) * int(lengths.max()) <= _DENSE_CELLS:
        # each row's squares left-aligned in a zero-padded grid; a running sum along the row adds them in
        # order, and the padding adds exact zeros
        grid = np.zeros((len(lengths), int(lengths.max())))
        rows = np.repeat(np.arange(len(lengths)), lengths)
        grid[rows, np.arange(len(data)) - indptr[:-1][rows]] = data * data
        sums = np.cumsum(grid, axis=1)[:, -1]
    else:
        sums = np.asarray([np.cumsum(data[a:b] * data[a:b])[-1] if b > a else 0.0
                           for a, b in zip(indptr[:-1], indptr[1:])])
    scale = np.repeat(np.sqrt(sums), lengths)
    keep = np.repeat(sums != 0.0, lengths)       # empty rows stay as they are
    data[keep] /= scale[keep]


class FrozenTfidf:
    """``TfidfTransformer.transform`` of a fitted transformer, from its numbers."""

    def __init__(self, idf: np.ndarray | None, sublinear_tf: bool, norm: str | None):
        if norm not in (None, "l2"):
            raise DubanError("E004", reason=f"unsupported tf-idf norm {norm!r}")
        self.idf, self.sublinear_tf, self.norm = idf, sublinear_tf, norm

    def transform(self, counts, copy: bool = False):
        matrix = counts.copy() if copy else counts
        if self.sublinear_tf:
            np.log(matrix.data, matrix.data)
            matrix.data += 1.0
        if self.idf is not None:
            matrix.data *= self.idf[matrix.indices]
        if self.norm == "l2":
            normalize_rows_l2(matrix)
        return matrix


class FrozenVectorizer:
    """What ``fast_ngrams`` reads off a fitted ``TfidfVectorizer`` (its fast path's conditions hold)."""

    lowercase = False
    strip_accents = None
    preprocessor = None
    stop_words = None
    binary = False
    input = "content"
    dtype = np.float64
    _white_spaces = re.compile(r"\s\s+")        # scikit-learn's own whitespace rule for char n-grams

    def __init__(self, analyzer: str, ngram_range, vocabulary: list[str], tokenizer: str | None,
                 tfidf: FrozenTfidf):
        self.analyzer = analyzer
        self.ngram_range = tuple(ngram_range)
        self.terms = list(vocabulary)                    # column order, as written to the model file
        self.vocabulary_ = {term: column for column, term in enumerate(self.terms)}
        self.tokenizer = TOKENIZERS[tokenizer] if tokenizer else None
        self._tfidf = tfidf


class LinearModel:
    """``predict_proba``/``classes_`` of a fitted ``PassageTextClassifier``, from arrays."""

    def __init__(self, blocks, rules_weight: float, coef: np.ndarray, intercept: np.ndarray, classes,
                 class_boost=()):
        self.blocks, self.rules_weight = blocks, rules_weight
        self.coef, self.intercept = coef, intercept
        self.classes_ = np.asarray(classes)
        self.class_boost = tuple(tuple(pair) for pair in class_boost)

    def predict_proba(self, records) -> np.ndarray:
        records = list(records)
        if not records:
            return np.zeros((0, len(self.classes_)))
        scores = feature_matrix(self.blocks, self.rules_weight, records) @ self.coef.T + self.intercept
        # scikit-learn's softmax, step for step (so the floats are the same)
        scores -= scores.max(axis=1).reshape((-1, 1))
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1).reshape((-1, 1))
        return boosted(scores, self.classes_, self.class_boost)


# --- freezing, writing, reading ----------------------------------------------------------------------

def freeze(estimator) -> LinearModel:
    """The arrays of a fitted ``PassageTextClassifier``; E004 for a vectorizer ``fast_ngrams`` cannot reproduce."""
    blocks = []
    for vectorizer, field, weight in estimator.blocks():
        # only what fast_ngrams computes itself can be frozen: anything else needs the vectorizer's
        # own transform, i.e. scikit-learn at inference
        name = getattr(vectorizer.tokenizer, "__name__", None)
        if vectorizer.analyzer == "char":
            frozen_ok = supported(vectorizer)
        else:
            frozen_ok = word_supported(vectorizer) and TOKENIZERS.get(name) is vectorizer.tokenizer
        if not frozen_ok:
            raise DubanError("E004", reason=f"the {field} block's vectorizer cannot be frozen")
        vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        tfidf = vectorizer._tfidf
        idf = np.asarray(tfidf.idf_, dtype=np.float64) if tfidf.use_idf else None
        blocks.append((FrozenVectorizer(vectorizer.analyzer, vectorizer.ngram_range, vocabulary,
                                        name if vectorizer.analyzer != "char" else None,
                                        FrozenTfidf(idf, tfidf.sublinear_tf, tfidf.norm)), field, weight))
    model = estimator.model_
    return LinearModel(blocks, float(estimator.rules_weight), np.asarray(model.coef_, dtype=np.float64),
                       np.asarray(model.intercept_, dtype=np.float64), [str(c) for c in model.classes_],
                       estimator.class_boost)


def linear_bytes(model: LinearModel) -> bytes:
    """The model as an .npz: a JSON header (vocabularies, settings) and float arrays; same model, same bytes."""
    header = {"format": FORMAT, "classes": [str(c) for c in model.classes_], "rules_weight": model.rules_weight,
              "class_boost": [list(pair) for pair in model.class_boost], "blocks": []}
    arrays = {"coef": model.coef, "intercept": model.intercept}
    for k, (vectorizer, field, weight) in enumerate(model.blocks):
        tfidf = vectorizer._tfidf
        header["blocks"].append({
            "field": field, "weight": weight, "analyzer": vectorizer.analyzer,
            "ngram_range": list(vectorizer.ngram_range),
            "tokenizer": vectorizer.tokenizer.__name__ if vectorizer.tokenizer else None,
            "sublinear_tf": tfidf.sublinear_tf, "norm": tfidf.norm, "idf": tfidf.idf is not None,
            "vocabulary": vectorizer.terms})
        if tfidf.idf is not None:
            arrays[f"idf{k}"] = tfidf.idf
    arrays["header"] = np.frombuffer(json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8"),
                                     dtype=np.uint8)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))   # fixed: same bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()


def read_linear(path: str | Path) -> LinearModel:
    """Load a model written by ``linear_bytes`` (numbers only: object arrays are refused); E004 if malformed."""
    try:
        with np.load(path, allow_pickle=False) as arrays:
            header = json.loads(bytes(arrays["header"]).decode("utf-8"))
            if header.get("format") != FORMAT:
                raise DubanError("E004", reason=f"model format {header.get('format')!r}, expected {FORMAT}")
            blocks = []
            for k, spec in enumerate(header["blocks"]):
                tfidf = FrozenTfidf(np.array(arrays[f"idf{k}"]) if spec["idf"] else None, spec["sublinear_tf"],
                                    spec["norm"])
                blocks.append((FrozenVectorizer(spec["analyzer"], spec["ngram_range"], spec["vocabulary"],
                                                spec["tokenizer"], tfidf), spec["field"], spec["weight"]))
            return LinearModel(blocks, header["rules_weight"], np.array(arrays["coef"]),
                               np.array(arrays["intercept"]), header["classes"], header["class_boost"])
    except DubanError:
        raise
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        raise DubanError("E004", reason=f"unreadable model file ({type(exc).__name__})") from None


# --- the classifier interface ------------------------------------------------------------------------

def smooth_by_node(doc: Document, proba: np.ndarray, weight: float) -> np.ndarray:
    """Mix each passage's probabilities with the mean of its outline node (an item's body shares its act).

    Passages outside any node (``node_id == ""``) are left alone: top-level prose has no shared frame.
    """
    if weight <= 0 or not len(proba):
        return proba
    content = [p for p in doc.passages if p.is_content]
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(content):
        if p.node_id:
            groups.setdefault(p.node_id, []).append(i)
    out = proba.copy()
    for members in groups.values():
        if len(members) > 1:
            mean = proba[members].mean(axis=0)
            out[members] = (1 - weight) * proba[members] + weight * mean
    return out


class SklearnClassifier:
    """Adapter: a fitted ``PassageTextClassifier`` or its ``LinearModel`` behind ``predict_passages``."""

    name = "sklearn"

    def __init__(self, estimator, smoothing: float = 0.0):
        self.estimator = estimator
        self.smoothing = smoothing

    def predict_passages(self, doc: Document):
        from ..model import LABELS

        records = document_features(doc)
        if not records:
            return []
        proba = smooth_by_node(doc, self.estimator.predict_proba(records), self.smoothing)
        classes = list(self.estimator.classes_)
        out = []
        for record, row in zip(records, proba):
            probs = {label: float(row[classes.index(label)]) if label in classes else 0.0 for label in LABELS}
            if is_empty(record["text"]):
                out.append(("other", 1.0, tuple((k, 1.0 if k == "other" else 0.0) for k in LABELS), ("empty_text",)))
                continue
            label = max(LABELS, key=lambda k: (probs[k], -LABELS.index(k)))
            out.append((label, probs[label], tuple((k, probs[k]) for k in LABELS), record_cues(record)))
        return out


def record_cues(record: dict) -> tuple[str, ...]:
    """The structural reasons and lexicon cues that fired (same list the rules report)."""
    return tuple(record.get("cues", ()))
