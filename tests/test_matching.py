"""The matching shortcut (one sparse product) gives the plain per-pair TF-IDF cosine."""
import math
import random
from collections import Counter

import pytest

from pipeline.matching import _long_synonyms, idf, synonym_groups, terms, tfidf_cosines


def vector(term_list, weights, boost=()):
    """The plain definition: sublinear tf × idf (1.0 for unknown terms), boosted terms count double."""
    counts = Counter(term_list)
    return {t: (1 + math.log(c)) * weights.get(t, 1.0) * (2.0 if t in set(boost) else 1.0) for t, c in counts.items()}


def cosine(a, b):
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    length = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / length if length else 0.0


def _random_term_lists(rng: random.Random, n: int, vocab: int = 40) -> list[list[str]]:
    words = [f"t{k}" for k in range(vocab)]
    return [[rng.choice(words) for _ in range(rng.randint(0, 10))] for _ in range(n)]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_matching_tfidf_cosines_equal_the_plain_cosine(seed):
    rng = random.Random(seed)
    items, passages = _random_term_lists(rng, 12), _random_term_lists(rng, 30, vocab=50)
    boosts = [rng.sample(terms_, min(2, len(terms_))) for terms_ in items]
    collection = items + passages[:20]              # t40..t49 and the last passages' terms: weight 1.0
    weights = idf(collection)
    plain = [[cosine(vector(a, weights, boost=b), vector(p, weights)) for p in passages]
             for a, b in zip(items, boosts)]
    fast = tfidf_cosines(items, boosts, passages, collection)
    assert len(fast) == len(items) and all(len(row) == len(passages) for row in fast)
    for fast_row, plain_row in zip(fast, plain):
        for x, y in zip(fast_row, plain_row):
            assert x == pytest.approx(y, abs=1e-12)
            assert (x == 0.0) == (y == 0.0)          # no shared term: exactly zero, as before
    assert any(0.0 < x < 1.0 for row in fast for x in row) and any(x == 0.0 for row in fast for x in row)


def test_matching_tfidf_cosines_of_empty_inputs():
    assert tfidf_cosines([], [], [["a"]], [["a"]]) == []
    assert tfidf_cosines([["a"]], [[]], [], [["a"]]) == [[]]
    assert tfidf_cosines([[]], [[]], [["a"], []], [["a"]]) == [[0.0, 0.0]]


def test_matching_long_synonyms_keep_group_order():
    assert [w for w, _ in _long_synonyms()] == [w for w in synonym_groups() if len(w) >= 3]
    word, tags = _long_synonyms()[0]
    assert set(tags) <= set(terms(f"我们{word}。"))
