"""The space-handling normalisation steps are written to start with a literal space (the regex
engine then jumps from space to space instead of trying lookbehinds at every character). Each
matches exactly where the lookbehind-first pattern it replaced matched, kept here as the definition."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pipeline.extract import normalise as N

_HAN = N._HAN
PLAIN = {
    "han_spacing": re.compile(rf"(?<=[{_HAN}]) (?=[{_HAN}] [{_HAN}])|(?<=[{_HAN}] [{_HAN}]) (?=[{_HAN}])"),
    "letter_spacing": re.compile(r"(?<=\S) (?=\S)"),
    "trim_lines": re.compile(r"(?m)^ +| +$"),
}
STEPS = {"han_spacing": N.HAN_SPACING, "letter_spacing": N.LETTER_SPACING, "trim_lines": N.TRIM_LINES}
CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def _random_texts(seed: int, n: int = 20000) -> list[str]:
    rng = random.Random(seed)
    alphabet = ["中", "文", "㐀", "豈", " ", "  ", "a", "1", "\n", "\t", "\r", "“", "”", "《", "）", "\u3000"]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(n)]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_fast_normalise_space_steps_match_where_plain_did(name):
    fast, plain = STEPS[name].pattern, PLAIN[name]
    texts = _random_texts(1) + [p.read_text(encoding="utf-8") for p in sorted(CORPORA.glob("dev/*.txt"))[:4]]
    texts += ["盛 阅 春", "只 争 朝 夕\n  标题  \n", " ", ""]
    matched = 0
    for text in texts:
        spans = [m.span() for m in fast.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)], text
        matched += bool(spans)
    assert matched


def test_fast_normalise_whole_normaliser_unchanged():
    plain_steps = tuple(N.Step(s.name, PLAIN[s.name], s.repl) if s.name in PLAIN else s for s in N.DEFAULT_STEPS)
    plain = N.make_normaliser(*plain_steps)
    for text in _random_texts(2, 5000) + ["弘 扬“四气” 提 振 精 神\n  一、总体情况  \n正文 text here"]:
        assert N.normalise(text) == plain(text), text
