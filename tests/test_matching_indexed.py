"""The indexed shortcuts (``item_cosines``, ``bigram_cosines``) give exactly ``tfidf_cosines``' floats,
including on hostile texts: astral and boundary code points, lone surrogates, empty and Han-free
passages, repeated bigrams, titles whose bigrams the items lack."""
import random

import pytest

from pipeline.matching import (bigram_cosines, bigrams, index_bigram_items, index_items, item_cosines,
                               tfidf_cosines)

# few Han characters, so bigrams repeat; the edges of the Han range and characters just outside it
_POOL = list("督导组学习教育整改") + ["\u4e00", "\u9fff", "\u4dff", "\ua000", "𠀀", "𝐀", "a", "1", " ", "\n", "，",
                                    "。", "\ud800", "\udfff"]


def _text(rng: random.Random, longest: int = 40) -> str:
    return "".join(rng.choice(_POOL) for _ in range(rng.randint(0, longest)))


def _term_lists(rng: random.Random, n: int, vocab: int) -> list[list[str]]:
    words = [f"t{k}" for k in range(vocab)]
    return [[rng.choice(words) for _ in range(rng.randint(0, 10))] for _ in range(n)]


@pytest.mark.parametrize("seed", range(8))
def test_matching_bigram_cosines_equal_tfidf_cosines(seed):
    rng = random.Random(seed)
    items = [_text(rng) for _ in range(rng.randint(0, 8))]
    titles = [_text(rng, 10) if rng.random() < 0.8 else "" for _ in items]
    texts = [_text(rng) for _ in range(rng.randint(0, 30))] + ["", "abc 123", "𠀀𠀀督导", "督督督督"]
    rng.shuffle(texts)
    item_grams, grams = [bigrams(t) for t in items], [bigrams(t) for t in texts]
    plain = tfidf_cosines(item_grams, [bigrams(t) for t in titles], grams, item_grams + grams)
    assert bigram_cosines(index_bigram_items(items, titles), texts).tolist() == plain


def test_matching_bigram_cosines_of_edge_inputs():
    assert bigram_cosines(index_bigram_items([], []), ["督导组"]).tolist() == []
    assert bigram_cosines(index_bigram_items(["督导组"], ["督导"]), []).tolist() == [[]]
    index = index_bigram_items(["督导组", "abc"], ["督导", ""])
    texts = ["", "no han at all", "督导组督导组", "组督"]
    got = bigram_cosines(index, texts).tolist()
    grams = [bigrams(t) for t in texts]
    assert got == tfidf_cosines([["督导", "导组"], []], [["督导"], []], grams, [["督导", "导组"], []] + grams)
    assert got[0][:2] == [0.0, 0.0] and got[0][2] > 0.0 and got[1] == [0.0] * 4


@pytest.mark.parametrize("seed", range(6))
def test_matching_item_cosines_equal_tfidf_cosines(seed):
    rng = random.Random(seed)
    items, passages = _term_lists(rng, rng.randint(0, 12), 40), _term_lists(rng, rng.randint(0, 30), 60)
    others = [p[: rng.randint(0, len(p))] for p in passages]      # a passage's own terms, as the caller gives
    boosts = [rng.sample(t, min(2, len(t))) + ["t99"] for t in items]   # t99: a boost no item has
    plain = tfidf_cosines(items, boosts, passages, items + others)
    assert item_cosines(index_items(items, boosts), passages, others).tolist() == plain


def test_matching_item_index_is_not_changed_by_use():
    index = index_items([["a", "b", "a"], ["c"]], [["a"], []])
    before = (dict(index.vocabulary), index.counts.data.copy())
    first = item_cosines(index, [["a", "x"], ["c", "y"]], [["a"]]).tolist()
    assert item_cosines(index, [["a", "x"], ["c", "y"]], [["a"]]).tolist() == first
    assert index.vocabulary == before[0] and index.counts.data.tolist() == before[1].tolist()


@pytest.mark.parametrize("seed", range(4))
def test_matching_unit_rows_sum_as_scipy_does(seed):
    """Row lengths come from the same ``reduceat`` scipy's ``m.multiply(m).sum(axis=1)`` runs, so the
    normalised values are the very floats the scipy formulation gave (empty rows stay empty)."""
    import numpy as np
    from scipy import sparse

    from pipeline.matching import _unit_rows

    rng = np.random.default_rng(seed)
    dense = rng.random((20, 30)) * 7 * (rng.random((20, 30)) < 0.3)
    dense[3] = 0.0
    m = sparse.csr_matrix(dense)
    lengths = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    expected = m.data / np.repeat(np.where(lengths > 0, lengths, 1.0), np.diff(m.indptr))
    assert _unit_rows(m.indptr, m.data).tolist() == expected.tolist()
