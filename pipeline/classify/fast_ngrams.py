"""Character n-gram TF-IDF with numpy: the same matrix as a fitted ``TfidfVectorizer(analyzer="char")``.

scikit-learn's char analyzer builds every 1-3-gram of a passage as a Python string and looks each
one up in the vocabulary, raising and catching ``KeyError`` for the many that are not in it: about
4 ms per 5,000-character report, a tenth of the batch's per-file time. Here each n-gram is an
integer (its code points, one plus each, packed into 21-bit digits, so n-grams of different lengths
never collide), the vocabulary is a sorted array of such integers, and one ``searchsorted`` per
batch finds them all. The counts then go through the vectorizer's own fitted ``TfidfTransformer``,
so the result is the same matrix, entry for entry (``tests/classify/test_fast_ngrams.py``).

Anything this does not replicate (other analyzers, n > 3, lowercasing, accent stripping, a custom
preprocessor, binary counts) falls back to ``vectorizer.transform``.

``word_tfidf`` does the same for the word vectorizers (jieba words, word bigrams, context tokens):
plain dict lookups instead of scikit-learn's analyzer chain, a word bigram is only built where its
first word starts some bigram of the vocabulary, and an unknown word costs no raised ``KeyError``.
"""
from __future__ import annotations

import weakref

import numpy as np
from scipy import sparse

_DIGIT = 21                    # bits per character: every code point + 1 is below 2**21
_TABLES: "weakref.WeakKeyDictionary[object, tuple[np.ndarray, np.ndarray]]" = weakref.WeakKeyDictionary()


def supported(vectorizer) -> bool:
    """Whether ``char_tfidf`` reproduces ``vectorizer.transform`` exactly."""
    low, high = vectorizer.ngram_range
    return (vectorizer.analyzer == "char" and 1 <= low <= high <= 3 and not vectorizer.lowercase
            and vectorizer.strip_accents is None and vectorizer.preprocessor is None and not vectorizer.binary
            and vectorizer.input == "content" and hasattr(vectorizer, "vocabulary_"))


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + np.uint64(1)


def _pack(chars: np.ndarray, n: int) -> np.ndarray:
    """Codes of the n-grams of one text's characters (in the order the analyzer yields them)."""
    if len(chars) < n:
        return np.zeros(0, dtype=np.uint64)
    out = chars[: len(chars) - n + 1].copy()
    for k in range(1, n):
        out = (out << np.uint64(_DIGIT)) | chars[k: len(chars) - n + 1 + k]
    return out


def _table(vectorizer) -> tuple[np.ndarray, np.ndarray]:
    """(sorted n-gram codes, their column indices), built once per fitted vectorizer."""
    table = _TABLES.get(vectorizer)
    if table is None:
        grams = list(vectorizer.vocabulary_)
        codes = np.asarray([int(_pack(_codes(g), len(g))[0]) for g in grams], dtype=np.uint64)
        columns = np.asarray([vectorizer.vocabulary_[g] for g in grams], dtype=np.int64)
        order = np.argsort(codes, kind="stable")
        table = (codes[order], columns[order])
        _TABLES[vectorizer] = table
    return table


def char_tfidf(vectorizer, texts: list[str]):
    """``vectorizer.transform(texts)`` for a fitted char n-gram ``TfidfVectorizer``."""
    if not supported(vectorizer):
        return vectorizer.transform(texts)
    keys, columns = _table(vectorizer)
    low, high = vectorizer.ngram_range
    white = vectorizer._white_spaces          # the analyzer's own whitespace rule (runs -> one space)
    normalised = [white.sub(" ", text) for text in texts]
    # all texts in one array; an n-gram counts only where its first and last character share a text
    chars = _codes("".join(normalised))
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), [len(t) for t in normalised])
    rows, grams = [], []
    for n in range(low, high + 1):
        packed = _pack(chars, n)
        inside = owner[: len(packed)] == owner[n - 1:]
        rows.append(owner[: len(packed)][inside])
        grams.append(packed[inside])
    n_features = len(vectorizer.vocabulary_)
    counts_matrix = sparse.csr_matrix((len(texts), n_features), dtype=vectorizer.dtype)
    if len(keys) and grams:
        rows, grams = np.concatenate(rows), np.concatenate(grams)
        at = np.minimum(np.searchsorted(keys, grams), len(keys) - 1)
        hit = keys[at] == grams
        if hit.any():
            cells, counts = np.unique(rows[hit] * n_features + columns[at[hit]], return_counts=True)
            counts_matrix = sparse.csr_matrix((counts.astype(vectorizer.dtype), (cells // n_features, cells % n_features)),
                                              shape=(len(texts), n_features), dtype=vectorizer.dtype)
    counts_matrix.sort_indices()
    return vectorizer._tfidf.transform(counts_matrix, copy=False)


# ------------------------------------------------------------------------------------------- words

_BIGRAM_STARTS: "weakref.WeakKeyDictionary[object, frozenset]" = weakref.WeakKeyDictionary()


def word_supported(vectorizer) -> bool:
    """Whether ``word_tfidf`` reproduces ``vectorizer.transform`` exactly."""
    low, high = vectorizer.ngram_range
    return (vectorizer.analyzer == "word" and vectorizer.tokenizer is not None and 1 <= low <= high <= 2
            and not vectorizer.lowercase and vectorizer.strip_accents is None and vectorizer.preprocessor is None
            and vectorizer.stop_words is None and not vectorizer.binary and vectorizer.input == "content"
            and hasattr(vectorizer, "vocabulary_"))


def _bigram_starts(vectorizer) -> frozenset:
    starts = _BIGRAM_STARTS.get(vectorizer)
    if starts is None:
        starts = frozenset(term.split(" ", 1)[0] for term in vectorizer.vocabulary_ if " " in term)
        _BIGRAM_STARTS[vectorizer] = starts
    return starts


def word_tfidf(vectorizer, texts: list[str]):
    """``vectorizer.transform(texts)`` for a fitted word ``TfidfVectorizer`` with a custom tokenizer."""
    if not word_supported(vectorizer):
        return vectorizer.transform(texts)
    vocabulary = vectorizer.vocabulary_
    get = vocabulary.get
    tokenize = vectorizer.tokenizer
    low, high = vectorizer.ngram_range
    starts = _bigram_starts(vectorizer) if high == 2 else frozenset()
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for text in texts:
        tokens = tokenize(text)
        found: dict[int, int] = {}
        if low == 1:
            for token in tokens:
                column = get(token)
                if column is not None:
                    found[column] = found.get(column, 0) + 1
        if high == 2:
            for k in range(len(tokens) - 1):
                if tokens[k] in starts:
                    column = get(tokens[k] + " " + tokens[k + 1])
                    if column is not None:
                        found[column] = found.get(column, 0) + 1
        indices.extend(found)
        counts.extend(found.values())
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.asarray(counts, dtype=vectorizer.dtype), np.asarray(indices, dtype=np.int32),
                                np.asarray(indptr, dtype=np.int32)), shape=(len(texts), len(vocabulary)),
                               dtype=vectorizer.dtype)
    matrix.sort_indices()
    return vectorizer._tfidf.transform(matrix, copy=False)
