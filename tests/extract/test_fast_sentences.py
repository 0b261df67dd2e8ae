"""Fast paths of sentence cutting and the build equal their plain twins: inline_cuts finds cut
candidates with one regex scan (the per-character scan it replaced is kept here as the definition;
both feed the same ``cuts_at``),
is_traditional counts characters with a regex instead of a Python loop."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.extract import build
from pipeline.extract.sentences import _COLONS, _MARKER_START, _SEPARATORS, cuts_at, inline_cuts

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def cut_candidates_plain(text: str, start: int, end: int):
    """The candidate scan as first written: a Python loop over every character of the sentence."""
    for i in range(start, end - 1):
        char = text[i]
        if char in _COLONS or char in _SEPARATORS:
            pos = i + 1
            while pos < end and text[pos] == " ":
                pos += 1
            if pos < end and text[pos] in _MARKER_START:
                yield pos, char


def inline_cuts_plain(text: str, start: int, end: int) -> list[tuple[int, str]]:
    return cuts_at(text, start, end, cut_candidates_plain(text, start, end))


_PIECES = ["一是", "二是", "三是", "一要", "二要", "第一", "第二", "（一）", "（二）", "(1)", "(2)", "①", "②", "1.", "2、",
           "一、", "二、", "：", ":", "，", "；", ",", ";", " ", "  ", "加强督导", "要求", "。", "第一批", "一、二年级", "10个",
           "𠀀", "\n"]


def _random_sentences(seed: int, n: int = 2000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(n)]


def _corpus_lines() -> list[str]:
    lines = []
    for path in sorted(CORPORA.glob("dev/*.txt")) + [CORPORA / "seed" / "speech.txt"]:
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


@pytest.mark.parametrize("texts", [_random_sentences(1), _random_sentences(2), _corpus_lines()],
                         ids=["random1", "random2", "corpus"])
def test_fast_sentences_inline_cuts_equal_plain(texts):
    rng = random.Random(0)
    cut_any = 0
    for text in texts:
        spans = [(0, len(text))]
        if len(text) > 2:                       # and an inner span: the scan must respect start/end
            a = rng.randrange(len(text))
            spans.append((a, rng.randrange(a, len(text) + 1)))
        for start, end in spans:
            fast = inline_cuts(text, start, end)
            assert fast == inline_cuts_plain(text, start, end), (text, start, end)
            cut_any += bool(fast)
    assert cut_any


def _is_traditional_plain(text: str) -> bool:
    trad = sum(1 for c in text if c in build._TRADITIONAL)
    simp = sum(1 for c in text if c in build._SIMPLIFIED)
    return trad >= 5 and trad > 2 * simp


def test_fast_sentences_is_traditional_equals_plain():
    rng = random.Random(7)
    alphabet = sorted(build._TRADITIONAL) + sorted(build._SIMPLIFIED) + list("的了在 \n，。a1[]^-\\𠀀")
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += _corpus_lines() + ["這們個來為國會說時對學", ""]
    answers = {_is_traditional_plain(t) for t in texts}
    assert answers == {True, False}
    for text in texts:
        assert build.is_traditional(text) == _is_traditional_plain(text), text
