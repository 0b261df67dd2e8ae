"""The matching shortcuts (lengths computed once, zero pairs skipped) give exactly the plain cosine."""
import random

import pytest

from pipeline.gap_evidence import _cosines, _with_norms
from pipeline.matching import _long_synonyms, cosine, cosine_normed, norm, synonym_groups, terms


def _random_vectors(rng: random.Random, n: int) -> list[dict[str, float]]:
    vocab = [f"t{k}" for k in range(40)]
    return [{t: rng.uniform(0.5, 4.0) for t in rng.sample(vocab, rng.randint(0, 8))} for _ in range(n)]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matching_cosines_equal_the_plain_cosine_bit_for_bit(seed):
    rng = random.Random(seed)
    items, passages = _random_vectors(rng, 12), _random_vectors(rng, 30)
    fast = _cosines(_with_norms(items), _with_norms(passages))
    assert fast == [[cosine(a, b) for b in passages] for a in items]
    assert any(0.0 < x < 1.0 for row in fast for x in row) and any(x == 0.0 for row in fast for x in row)


def test_matching_cosine_normed_is_cosine():
    a, b = {"督导": 1.5, "简报": 2.0}, {"简报": 1.0, "调研": 3.0}
    assert cosine_normed(a, norm(a), b, norm(b)) == cosine(a, b) > 0.0
    assert cosine_normed({}, 0.0, b, norm(b)) == 0.0


def test_matching_long_synonyms_keep_group_order():
    assert [w for w, _ in _long_synonyms()] == [w for w in synonym_groups() if len(w) >= 3]
    word, tags = _long_synonyms()[0]
    assert set(tags) <= set(terms(f"我们{word}。"))
