"""``_allowed_pairs`` (one array expression) selects exactly the pairs the per-pair rule selects:
eligible passage, similarity at least the floor and within ``relative`` of the passage's best item."""
import random

import numpy as np
import pytest

from pipeline.gap_evidence import _allowed_pairs


def _plain(sims: list[list[float]], eligible: list[bool], limits: dict) -> list[list[bool]]:
    best = [max((row[j] for row in sims), default=0.0) for j in range(len(eligible))]
    return [[eligible[j] and row[j] >= limits["floor"] and row[j] >= limits["relative"] * best[j]
             for j in range(len(eligible))] for row in sims]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("shape", [(12, 40), (1, 5), (3, 0), (0, 4)])
def test_gap_allowed_pairs_equal_the_per_pair_rule(seed, shape):
    rng = random.Random(seed)
    values = [0.0, 0.1, 0.3, 0.35, 1 / 3, 0.7 * 0.5, 0.999, 1.0]       # ties, zeros, awkward floats
    sims = [[rng.choice(values) if rng.random() < 0.5 else rng.random() for _ in range(shape[1])]
            for _ in range(shape[0])]
    eligible = [rng.random() < 0.8 for _ in range(shape[1])]
    limits = {"floor": rng.choice([0.0, 0.1, 0.35]), "relative": rng.choice([0.7, 0.85, 1.0])}
    got = _allowed_pairs(np.array(sims, dtype=float).reshape(shape), np.array(eligible, dtype=bool), limits)
    assert got.tolist() == _plain(sims, eligible, limits)
