"""unwrap: which line breaks of a hard-wrapped text go, and joining them with the offset map kept."""
from __future__ import annotations

import pytest

from pipeline.extract.normalise import normalise, normalise_text
from pipeline.extract.unwrap import _splits_word, hard_breaks, unwrap_hard_wraps


def _hard_wrap(text: str, width: int) -> str:
    return "\n".join(para[i:i + width] for para in text.split("\n") for i in range(0, len(para), width))


def test_unwrap_hard_wrapped_text_back_to_paragraphs(seed_text):

    body = normalise_text(seed_text).split("\n", 1)[1]          # without the teaser line
    wrapped = normalise(_hard_wrap(body, 33))
    unwrapped = unwrap_hard_wraps(wrapped)
    assert unwrapped.text == body.strip()
    assert unwrapped.offsets[-1] == wrapped.offsets[-1] and len(unwrapped.offsets) == len(unwrapped.text) + 1
    start = unwrapped.text.index("先进性教育活动动员大会")          # a span across a removed line break
    raw_start, raw_end = unwrapped.raw_span(start, start + 11)
    assert normalise_text(_hard_wrap(body, 33)[raw_start:raw_end]).replace("\n", "") == "先进性教育活动动员大会"


def test_unwrap_keeps_latin_words_apart_and_leaves_normal_text_alone():

    paragraph = "督导组要按照区委的总体部署落实督察任务了解所去单位的进度和质量情况并提出相关的工作意见和建议。" * 3
    english = "督导组每周报告 report every"
    text = _hard_wrap(paragraph, len(english)) + "\n" + english + "\nweek。\n" + _hard_wrap(paragraph, len(english))
    joined = unwrap_hard_wraps(normalise(text)).text
    assert "report every week。" in joined and joined.count("\n") == 2
    headings = "\n".join(["一、总体情况", "正文第一段很长很长很长很长很长很长很长很长很长很长很长很长很长很长。"] * 6)
    assert unwrap_hard_wraps(normalise(headings)).text == headings


# --- single hard wraps inside sentences (QA finding 10: dev_report_02 "由于教育体制和管" / "理体制…") ---
def _starts_item(line: str) -> bool:
    from pipeline.extract.markers import match_marker

    return match_marker(line.strip()) is not None


_REST = "的基础上，对学校文化进行了认真梳理，并据此确立了发展方略，推动各项工作落地见效。" * 2
# A report pasted from a PDF: each paragraph's first line cut at 24 characters, headings of that
# length too; the rest of each paragraph one long line.
PARTLY_WRAPPED = [
    "绍兴一中领导班子总结报告",
    "一、开展学习教育活动，加强政治思想和师德建设",                # heading of about that width: kept
    "三年来，学校领导班子在认真回顾办学历史，不断总",            # cut: 总|结
    "结办学经验" + _REST,
    "二、优化学校管理体制，加强干部队伍和教师队伍建设",            # heading
    "3．完善教育质量评价机制。结合新课改和新考改的要",            # an item's text, wrapped: 要|求
    "求，落实教学质量目标责任制" + _REST,
    "2.教师工作积极性有待进一步激发。由于教育体制和管",           # 管|理体制
    "理体制等因素" + _REST,
    "4．加强教研工作。",
]


@pytest.mark.parametrize("lines, breaks", [
    (PARTLY_WRAPPED, {2, 5, 7}),
    # unmarked headings that happen to share a length: no word is cut, nothing opens with punctuation
    (["加强党的建设推动学校高质量发展", "学校坚持党建引领，各项工作扎实推进。" * 3,
      "深化教学改革提升教育教学质量", "学校深化课程改革，教学质量稳步提升。" * 3,
      "强化队伍建设打造高素质教师团队", "学校实施名师工程，教师队伍不断壮大。" * 3], set()),
    (["各学校要按照要求，认真组织开展自查，", "并于5月底前报送自查报告。"], {0}),       # ends on ，
    (["今年经济社会发展的", "主要预期目标是增长5%。"], {0}),                           # ends on 的
    (["今年经济社会发展的", "主要目标", "是：增长5%左右。"], {0, 1}),                   # a fragment runs on
    (["今年经济社会发展的", "主要目标", "一、稳增长。"], {0}),                            # not into an item
    (["要把握好这次活动的目的", "各单位要认真组织。"], set()),                       # 目的 is a word
    (["各单位要认真落实会议精神", "，确保各项任务落到实处。"], {0}),                  # next opens with ，
    (["各单位要认真落实以下要求，", "一、加强组织领导。"], set()),                    # next is an item
    (["一、", "总体要求"], set()),                                                  # a bare marker line
    (["同志们：", "今天召开这次会议。"], set()),                                     # a clause end
    (["五、总结，", "经验"], set()),                                               # heading, short line
])
def test_unwrap_hard_breaks(lines, breaks):

    assert hard_breaks(lines, _starts_item) == breaks


def test_unwrap_joins_single_hard_wraps_and_keeps_headings_and_spans():

    raw = "\n".join(PARTLY_WRAPPED)
    unwrapped = unwrap_hard_wraps(normalise(raw), starts_item=_starts_item)
    lines = unwrapped.text.split("\n")
    assert len(lines) == len(PARTLY_WRAPPED) - 3
    assert "由于教育体制和管理体制等因素" in unwrapped.text and "结合新课改和新考改的要求，落实" in unwrapped.text
    assert lines[1] == PARTLY_WRAPPED[1] and lines[3] == PARTLY_WRAPPED[4]      # headings stand alone
    start = unwrapped.text.index("和管理体制") + 1
    raw_start, raw_end = unwrapped.raw_span(start, start + 4)
    assert raw[raw_start:raw_end] == "管\n理体制"


@pytest.mark.parametrize("before, after, splits", [
    ("由于教育体制和管", "理体制不顺", True),
    ("全 面 加 强 管", "理体制", True),          # spaces in the window used to shift the positions
    ("我们召开了会议 ", "研究部署工作", False),    # a trailing space read as a word cut at the break
    ("开展 了安全检查", "工作", False),
    ("加强学习。", "下一步", False),
])
def test_unwrap_splits_word_ignores_whitespace_in_the_window(before, after, splits):
    """Regression: positions were counted over cut(), which drops whitespace tokens."""
    assert _splits_word(before, after) is splits
