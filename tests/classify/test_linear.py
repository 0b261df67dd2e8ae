"""The shipped model's arrays (``linear.py``): the estimator's probabilities to the last bit, numbers-only
files with fixed bytes, malformed files refused (case 35), and no scikit-learn import at inference."""
from __future__ import annotations

import io
import subprocess
import sys

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

from pipeline.classify import linear
from pipeline.classify.features import document_features
from pipeline.classify.linear import FrozenTfidf, freeze, linear_bytes, read_linear
from pipeline.classify.sk_model import PassageTextClassifier
from pipeline.errors import DubanError
from pipeline.model import Document, Passage

HOSTILE = ["", "   ", "\t\n", "完全陌生的𠀀文字", "ＡＢＣ１２３", "=HYPERLINK(\"x\")", "要" * 3000,
           "各单位要  严格落实\u3000值班制度。", "\x00\x07控制字符", "同志们："]


def _doc(texts):
    passages = tuple(Passage(passage_id=f"p{i}", doc_id="d", index=i, kind="sentence", text=t, start=0, end=len(t))
                     for i, t in enumerate(texts))
    return Document(doc_id="d", source="x.txt", sha256="", file_type="txt", kind="report", passages=passages)


def _records(small_corpus):
    records = [r for item in small_corpus[:12] for r in document_features(item.doc)]
    return records + document_features(_doc(HOSTILE))


@pytest.fixture(scope="module")
def every_block(small_training):
    """A fit using every optional part: the neighbour block, a context weight and a class boost."""
    X, y = small_training
    return PassageTextClassifier(char_ngrams=(1, 2), near_weight=0.3, context_weight=0.7,
                                 class_boost=(("duty", 1.5),)).fit(X, y)


@pytest.mark.parametrize("which", ["fitted", "every_block"])
def test_linear_probabilities_equal_the_estimators_bit_for_bit(which, request, small_corpus):
    estimator = request.getfixturevalue(which)
    records = _records(small_corpus)
    frozen = freeze(estimator)
    assert np.array_equal(frozen.predict_proba(records), estimator.predict_proba(records))
    assert list(frozen.classes_) == list(estimator.classes_)


def test_linear_file_round_trip_and_fixed_bytes(every_block, small_corpus, tmp_path):
    data = linear_bytes(freeze(every_block))
    assert linear_bytes(freeze(every_block)) == data
    (tmp_path / "m.npz").write_bytes(data)
    loaded = read_linear(tmp_path / "m.npz")
    assert linear_bytes(loaded) == data
    records = _records(small_corpus)
    assert np.array_equal(loaded.predict_proba(records), every_block.predict_proba(records))
    assert loaded.predict_proba([]).shape == (0, len(every_block.classes_))


@pytest.mark.parametrize("rows", [
    [[1, 0, 3], [0, 0, 0], [2, 2, 2]],                  # an empty row stays empty
    [[0, 0, 0]],
    [[5]],
])
@pytest.mark.parametrize("sublinear", [True, False])
@pytest.mark.parametrize("use_idf", [True, False])
def test_linear_tfidf_equals_sklearns(rows, sublinear, use_idf):
    counts = sparse.csr_matrix(np.asarray(rows, dtype=np.float64))
    fitted = TfidfTransformer(sublinear_tf=sublinear, use_idf=use_idf).fit(sparse.csr_matrix(np.asarray(rows) + 1.0))
    frozen = FrozenTfidf(fitted.idf_ if use_idf else None, sublinear, "l2")
    assert np.array_equal(frozen.transform(counts, copy=True).toarray(), fitted.transform(counts).toarray())


@pytest.mark.parametrize("dense_cells", [1 << 22, 1])   # the zero-padded grid and the row-by-row fallback
def test_linear_l2_rows_sum_squares_in_sklearns_order(dense_cells, monkeypatch):
    monkeypatch.setattr(linear, "_DENSE_CELLS", dense_cells)
    rng = np.random.default_rng(7)
    # long rows of values of very different sizes: any other summation order changes the last bits
    dense = rng.random((40, 400)) * 10.0 ** rng.integers(-8, 8, (40, 400))
    dense[rng.random((40, 400)) < 0.6] = 0.0
    dense[5] = 0.0
    counts = sparse.csr_matrix(dense)
    fitted = TfidfTransformer(sublinear_tf=False, use_idf=False).fit(counts)
    ours = FrozenTfidf(None, False, "l2").transform(counts, copy=True)
    assert np.array_equal(ours.toarray(), fitted.transform(counts).toarray())


@pytest.mark.parametrize("change", ["unknown tokenizer", "char 4-grams", "lowercasing"])
def test_linear_refuses_what_it_cannot_compute(small_training, change):
    """Only vectorizers fast_ngrams reproduces can be frozen (anything else would need scikit-learn)."""
    X, y = small_training
    estimator = PassageTextClassifier(char_ngrams=(1, 4) if change == "char 4-grams" else (1, 1)).fit(X[:200], y[:200])
    if change == "unknown tokenizer":
        estimator.words_.tokenizer = str.split        # a tokenizer a file cannot name
    elif change == "lowercasing":
        estimator.frame_.lowercase = True
    with pytest.raises(DubanError) as info:
        freeze(estimator)
    assert info.value.code == "E004"


def _npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


@pytest.mark.parametrize("content", [
    b"not a zip file",
    _npz(header=np.array([{"format": 1}], dtype=object)),          # an object array is a pickle
    _npz(header=np.frombuffer(b'{"format": 99}', dtype=np.uint8)),
    _npz(header=np.frombuffer(b'{"format": 1}', dtype=np.uint8)),   # no blocks, no coefficients
], ids=["garbage", "pickled-object", "future-format", "truncated"])
def test_linear_refuses_malformed_files(content, tmp_path):
    (tmp_path / "m.npz").write_bytes(content)
    with pytest.raises(DubanError) as info:
        read_linear(tmp_path / "m.npz")
    assert info.value.code == "E004"


def test_linear_shipped_model_labels_without_importing_sklearn():
    """The point of the format: a worker or `duban analyze` never pays scikit-learn's import."""
    code = ("import sys\n"
            "from pipeline.classify import get_classifier, label_document\n"
            "from pipeline.extract import read_path\n"
            "doc = label_document(read_path('corpora/seed/speech.txt'))\n"
            "assert get_classifier().name == 'sklearn', get_classifier().name\n"
            "print(sorted({p.label for p in doc.passages if p.label}), 'sklearn' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    labels, imported = out.rsplit(" ", 1)
    assert imported.strip() == "False"
    assert "'duty'" in labels and "'requirement'" in labels
