"""teaser: a leading web abstract ending in "..." that repeats the body is dropped, nothing else."""
from __future__ import annotations

import pytest

from pipeline.extract.teaser import teaser_span

BODY = "按照中央和市委的统一部署，昨天下午区委召开了动员大会，这标志着我区的教育活动已经全面正式启动。今天培训。"


@pytest.mark.parametrize("ending", ["...", "…", "……"])
def test_teaser_dropped_when_it_repeats_the_body(ending):
    text = BODY[:40] + ending + "\n" + BODY + "\n第二段。"
    span = teaser_span(text)
    assert span is not None and text[span[1]:].startswith(BODY)


def test_teaser_dropped_when_mostly_contained_across_a_line_break():
    text = " 同志们：" + BODY[:40] + "...\n同志们：\n" + BODY
    span = teaser_span(text)
    assert span is not None and text[span[1]:].startswith("同志们：\n")


@pytest.mark.parametrize("text", [
    "这是一段以省略号结尾但正文里并没有重复出现的独立内容，不能删除……\n" + BODY,    # not repeated
    BODY + "\n" + BODY,                                                                # no ellipsis
    "简短……\n简短的正文内容。",                                                        # too short to judge
    BODY[:40] + "...",                                                                 # nothing follows
])
def test_teaser_never_drops_real_content(text):
    assert teaser_span(text) is None


@pytest.mark.parametrize("width", [24, 30, 36])
def test_teaser_dropped_from_a_hard_wrapped_file(width):
    """Regression (helper-28): the teaser was looked for before unwrapping, so in a file wrapped at a
    fixed width its first piece was no teaser line and the abstract stayed (+2 passages on the seed)."""
    from pathlib import Path

    from pipeline.extract import read_bytes

    seed = (Path(__file__).resolve().parents[2] / "corpora" / "seed" / "speech.txt").read_text(encoding="utf-8")
    wrapped = "\n".join(line[i:i + width] for line in seed.split("\n") for i in range(0, max(len(line), 1), width))
    plain, hard = read_bytes(seed.encode(), name="s.txt"), read_bytes(wrapped.encode(), name="w.txt")
    assert "W105" in {w.code for w in hard.warnings}
    assert [p.text for p in hard.passages] == [p.text for p in plain.passages]
