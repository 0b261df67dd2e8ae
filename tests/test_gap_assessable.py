"""``assessable`` (counts Han characters passage by passage, stops at ``MIN_TEXT_CHARS``) agrees with
the plain rule on the joined content text; page furniture never counts."""
import random
import re
from types import SimpleNamespace

import pytest

from pipeline.gaps import MIN_TEXT_CHARS, assessable

_POOL = ["督", "导", "\u4e00", "\u9fff", "\u4dff", "\ua000", "𠀀", "a", "1", "，", " "]


def _plain(doc) -> bool:
    if not doc.status.is_ok:
        return False
    text = "".join(p.text for p in doc.passages if p.is_content)
    return len(re.findall(r"[\u4e00-\u9fff]", text)) >= MIN_TEXT_CHARS


def _doc(rng: random.Random, ok: bool = True):
    passages = [SimpleNamespace(text="".join(rng.choice(_POOL) for _ in range(rng.randint(0, 25))),
                                is_content=rng.random() < 0.7) for _ in range(rng.randint(0, 10))]
    return SimpleNamespace(status=SimpleNamespace(is_ok=ok), passages=passages)


@pytest.mark.parametrize("seed", range(40))
def test_gap_assessable_equals_the_plain_rule(seed):
    rng = random.Random(seed)
    doc = _doc(rng, ok=seed % 10 != 0)
    assert assessable(doc) == _plain(doc)


def test_gap_assessable_at_the_threshold_and_without_furniture():
    han = SimpleNamespace(text="督" * (MIN_TEXT_CHARS - 1), is_content=True)
    one = SimpleNamespace(text="导", is_content=True)
    header = SimpleNamespace(text="导" * 50, is_content=False)
    ok = SimpleNamespace(is_ok=True)
    assert not assessable(SimpleNamespace(status=ok, passages=[han, header]))
    assert assessable(SimpleNamespace(status=ok, passages=[han, header, one]))
    assert not assessable(SimpleNamespace(status=SimpleNamespace(is_ok=False), passages=[han, one]))
