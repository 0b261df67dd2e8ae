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
