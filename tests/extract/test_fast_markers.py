"""markers.match_marker (schemes picked by the first character) finds exactly the marker that
match_marker_plain finds by trying every scheme in order."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.extract.markers import _PATTERNS, match_marker, match_marker_plain
from pipeline.extract.sentences import INLINE_SCHEMES

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
_PIECES = ["一", "二", "十", "两", "第", "是", "要", "求", "、", ".", "．", "（", "(", "）", ")", "1", "12", "１", "٣",
           "①", "⑳", "首先", "其次", "最后", "然后", "一方面", "另一方面", "部分", "章", "节", "条", "，", "：", " ",
           "加强", "督导", "年级", "3001 53 0 0", "\n", "𠀀", ""]


def _random_texts(seed: int, n: int = 3000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 8))) for _ in range(n)]


def _corpus_lines() -> list[str]:
    lines = ["第一部分 总体情况", "第三章", "第二节：要求", "第十条 本办法自印发之日起施行", "（12）加强", "3 学校发展成果"]
    for path in sorted(CORPORA.glob("dev/*.txt")) + [CORPORA / "seed" / "speech.txt"]:
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


@pytest.mark.parametrize("schemes", [None, INLINE_SCHEMES, ("arabic",), ("yi_yao", "di_yi"), ()])
@pytest.mark.parametrize("texts", [_random_texts(1), _random_texts(2), _corpus_lines()], ids=["random1", "random2", "corpus"])
def test_fast_markers_equal_plain(texts, schemes):
    found = 0
    for text in texts:
        fast = match_marker(text, schemes=schemes)
        assert fast == match_marker_plain(text, schemes=schemes), text
        found += fast is not None
    assert found or schemes == ()


def test_fast_markers_every_scheme_found_somewhere():
    seen = {m.scheme for text in _random_texts(3) + _corpus_lines() if (m := match_marker(text)) is not None}
    assert seen == {scheme for scheme, _ in _PATTERNS}
