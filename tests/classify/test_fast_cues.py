"""lexicon.fired (trigger-character index) names exactly the cues fired_plain finds by searching
every pattern, and trigger_chars never leaves out a character a match needs."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pipeline.classify import lexicon

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


@pytest.mark.parametrize("pattern, expected", [
    (r"职责", {"职"}),
    (r"第一名|一等奖|金牌", {"第", "一", "金"}),
    (r"(局|委)要", {"要"}),
    (r"[：:]$", {"：", ":"}),
    (r"[①-③]", {"①", "②", "③"}),
    (r"(?i:ab)c", {"c"}),          # literals under IGNORECASE stand for several characters: skipped
    (r"(?i)ab", None),
    (r"a?b*", None),               # can match the empty string
    (r"\d+", None),
    (r"[^a]", None),
    (r"x|", None),                 # an empty alternative matches anywhere
    (r"(?=q)", None),
])
def test_fast_cues_trigger_chars_table(pattern, expected):
    found = lexicon.trigger_chars(re.compile(pattern))
    assert (None if found is None else set(found)) == expected


@pytest.mark.parametrize("pattern", [r"ab|c[de]", r"(x|yz)+w?", r"a{0,2}b{1,3}", r"(?:p|q)(?:r|s)t?", r"[a-c]d|e",
                                     r"^a[^b]c$", r"(a|b)\1", r"(?i:a)b|C"])
def test_fast_cues_trigger_chars_never_miss_a_match(pattern):
    compiled = re.compile(pattern)
    chars = lexicon.trigger_chars(compiled)
    rng = random.Random(pattern)
    matched = 0
    for _ in range(3000):
        text = "".join(rng.choice("abcdepqrstwxyzABC") for _ in range(rng.randint(0, 6)))
        if compiled.search(text):
            matched += 1
            assert chars is None or set(text) & chars, (pattern, text)
    assert matched


def test_fast_cues_every_shipped_cue_has_triggers():
    # a cue without triggers is still correct (always searched), but would silently lose the speed-up
    assert all(lexicon.trigger_chars(cue.pattern) for cue in lexicon.cues())
