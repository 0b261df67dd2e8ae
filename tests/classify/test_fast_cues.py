"""lexicon.fired (trigger-character index) names exactly the cues fired_plain finds by searching
every pattern (trigger_chars itself: tests/extract/test_regex_chars.py)."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.classify import lexicon
from pipeline.extract.regex_chars import trigger_chars

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def _cue_alphabet() -> list[str]:
    """Every character the cue patterns mention, plus digits, punctuation and strangers."""
    chars = {ch for cue in lexicon.cues() for ch in cue.pattern.pattern if ord(ch) > 0x2000}
    return sorted(chars) + list("0123456789１２。；：:，, \n") + ["𠀀", "é", "①", "⑳"]


def _random_texts(seed: int, n: int = 400) -> list[str]:
    rng = random.Random(seed)
    alphabet = _cue_alphabet()
    return [''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def _corpus_lines() -> list[str]:
    lines = []
    for path in sorted(CORPORA.glob("dev/*.txt"))[:6] + [CORPORA / "seed" / "speech.txt"]:
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


@pytest.mark.parametrize("texts", [_random_texts(1), _random_texts(2), _corpus_lines(),
                                   ["", " ", "要", "同志们：", "：", "12次", "⑳", "共计3人"]],
                         ids=["random1", "random2", "corpus", "edges"])
def test_fast_cues_fired_equals_plain(texts):
    lexicon.fired.cache_clear()
    fired_any = 0
    for text in texts:
        assert lexicon.fired(text) == lexicon.fired_plain(text), text
        fired_any += bool(lexicon.fired_plain(text))
    assert fired_any     # the tables exercise cues that fire, not only silence


def test_fast_cues_every_shipped_cue_has_triggers():
    # a cue without triggers is still correct (always searched), but would silently lose the speed-up
    assert all(trigger_chars(cue.pattern) for cue in lexicon.cues())
