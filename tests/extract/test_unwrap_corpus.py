"""Real corpus texts hard-wrapped at a fixed width read back like the unwrapped file (QA, helper-27).

The wrapped fixtures are made here from the corpus texts, as a user's editor or an e-mail client
would save them: every paragraph cut every ``width`` characters, whatever falls at the cut.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import read_bytes
from pipeline.extract.markers import match_marker
from pipeline.extract.normalise import normalise
from pipeline.extract.unwrap import display_width, hard_breaks, unwrap_hard_wraps, wrap_measure

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def _hard_wrap(text: str, width: int) -> str:
    return "\n".join(line[i:i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))


def _column_wrap(text: str, columns: int) -> str:
    """Cut as an editor's ruler does: a Han character takes two columns, a digit or letter one."""
    out = []
    for para in text.split("\n"):
        line = ""
        for char in para:
            if display_width(line + char) > columns:
                out.append(line)
                line = ""
            line += char
        out.append(line)
    return "\n".join(out)


def _text(name: str) -> str:
    return (CORPORA / name).read_text(encoding="utf-8")


def _passages(doc) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(p.kind, p.text, p.path) for p in doc.passages]


def _starts_item(line: str) -> bool:
    return match_marker(line.strip()) is not None


# (corpus file, width, encoding, line end): read back with the same passages, kinds and paths
SAME_PASSAGES = [
    ("unlabeled/speech_03.txt", 30, "utf-8", "\n"),     # 三是努力提质量 was a plain sentence (9 -> 8 tasks)
    ("unlabeled/speech_03.txt", 24, "utf-8", "\n"),
    ("dev/dev_report_02.txt", 30, "gbk", "\r\n"),        # its own 24-character breaks too (77 -> 84 passages)
    ("dev/dev_report_02.txt", 36, "utf-8", "\n"),
    ("dev/dev_speech_03.txt", 36, "utf-8", "\n"),
    ("dev/dev_report_04.txt", 24, "utf-8", "\n"),
    ("unlabeled/report_07.txt", 30, "utf-8", "\n"),     # "村B" / "A。", "5" / "G手机" are not English words
]


@pytest.mark.parametrize("name, width, encoding, newline", SAME_PASSAGES)
def test_unwrap_corpus_wrapped_file_reads_like_the_original(name, width, encoding, newline):
    text = _text(name)
    wrapped = _hard_wrap(text, width).replace("\n", newline).encode(encoding)
    original = read_bytes(text.encode("utf-8"), name=Path(name).name)
    assert _passages(read_bytes(wrapped, name=Path(name).name)) == _passages(original)


@pytest.mark.parametrize("name", ["dev/dev_report_06.txt", "dev/dev_speech_03.txt", "unlabeled/speech_03.txt"])
def test_unwrap_corpus_file_wrapped_at_display_columns_reads_like_the_original(name):
    """At 60 columns a line with digits holds more characters; dev_report_06 has so many that the
    character width was not found at all (289 -> 337 passages)."""
    text = _text(name)
    wrapped = _column_wrap(text, 60)
    original = read_bytes(text.encode("utf-8"), name=Path(name).name)
    assert _passages(read_bytes(wrapped.encode("utf-8"), name=Path(name).name)) == _passages(original)


@pytest.mark.parametrize("line, columns", [("督导组", 6), ("2019年3月1日", 12), ("５G，“好”", 9), ("ab c", 4), ("", 0)])
def test_unwrap_corpus_display_width(line, columns):
    assert display_width(line) == columns


def test_unwrap_corpus_wrap_measure_tells_characters_from_columns():
    text = _text("dev/dev_report_06.txt")
    by_chars = wrap_measure(normalise(_hard_wrap(text, 30)).text.split("\n"))
    by_columns = wrap_measure(normalise(_column_wrap(text, 60)).text.split("\n"))
    assert by_chars == (len, 30) and by_columns == (display_width, 60)
    assert wrap_measure(normalise(text).text.split("\n")) is None


def test_unwrap_corpus_wrapped_report_joins_its_own_short_breaks_too():
    """dev_report_02 wrapped at 30: its own 24-character first lines ("…由于教育体制和管" / "理体制…",
    QA finding 10) are below the width and were left alone (77 -> 84 passages)."""
    text = _text("dev/dev_report_02.txt")
    lines = normalise(_hard_wrap(text, 30)).text.split("\n")
    joined = unwrap_hard_wraps(normalise(_hard_wrap(text, 30)), _starts_item).text
    assert any(line.endswith("由于教育体制和管") for line in lines)
    for piece in ("由于教育体制和管理体制等因素", "不断总结办学经验", "新考改的要求，落实", "目前，学校的管理虽然"):
        assert piece in joined
    assert joined.replace("\n", "") == unwrap_hard_wraps(normalise(text), _starts_item).text.replace("\n", "")


def test_unwrap_corpus_short_piece_ending_a_clause_after_a_wrap_runs_on():
    """dev_report_13 at 30: "…基层学术组织建设专" / "项会议，" / "校党委书记…" is one sentence."""
    body = ["坚持把教育发展作为财政支出的重点领域予以优先保障，加大财政向薄弱"[:30]] * 20
    lines = body + ["5月11日下午，学校在主楼八楼大会议室召开基层学术组织建设专", "项会议，",
                    "校党委书记高岩出席会议，校长、校党委副书记姚郁出席会议并讲话。"]
    assert {len(body), len(body) + 1} <= hard_breaks(lines, _starts_item)


def test_unwrap_corpus_dev_speech_03_keeps_every_item_and_its_heading_apart():
    """Wrapped at 30: 优供应 / 促和谐 / 开好门 kept their 一要…四要 path, 一要保平安 its text, and
    the heading 一、大力弘扬…正能量 (30 characters, the full width) did not absorb "站在…"."""
    text = _text("dev/dev_speech_03.txt")
    original = read_bytes(text.encode("utf-8"), name="dev_speech_03.txt")
    wrapped = read_bytes(_hard_wrap(text, 30).encode("utf-8"), name="dev_speech_03.txt")
    items = [(p.kind, p.text) for p in original.passages if p.kind in ("item", "heading")]
    assert [(p.kind, p.text) for p in wrapped.passages if p.kind in ("item", "heading")] == items
    closing = {p.text: p.path[-1] for p in wrapped.passages if p.kind == "item" and p.path and p.path[-1].endswith("要")}
    for text_, marker in [("一要保平安。", "一要"), ("二要优供应。", "二要"), ("三要促和谐。", "三要"), ("四要开好门。", "四要")]:
        assert closing.get(text_) == marker
    heading = next(p for p in wrapped.passages if p.text.startswith("一、大力弘扬"))
    assert heading.text.endswith("正能量") and heading.kind == "heading"
    # the one difference left: a paragraph ending exactly at the width runs on into the next one
    assert len(wrapped.passages) == len(original.passages)


@pytest.mark.parametrize("line, nxt, joined", [
    # a line filled to the width that happens to end a sentence: the paragraph goes on
    ("刚才，市教育局等4 家单位作了交流发言，马书记作了重要讲话。", "马书记总结回顾了我市教育事业的发展成果，深刻分析了现阶段我", True),
    # a heading at the full width keeps its line; an item's first line cut inside its sentence does not
    ("一、大力弘扬“四气”精神，凝聚推动高质量发展的精气神和正能量", "站在“八八战略”再深化、改革开放再出发的新起点上，作为政府系", False),
    ("第二，进一步把握历史发展规律和大势，始终掌握党和国家事业发展", "的历史主动。", True),
    ("（三）以加快农村教育和薄弱学校建设为重点，进一步提升教育均衡", "度。", True),
    ("一、强化责任担当，凝聚推动全市教育事业高质量发展的更强大合力", "会议指出，过去一年全市教育系统坚持以人民为中心的发展思想。", False),
    ("第二，这是推动全党积极担当作为、不断开创事业发展新局面的必然", "要求。全面建成社会主义现代化强国、实现第", True),
    ("二是抓住市政府城市总体规划修订的机遇，推进中心城2008年—", "2020年学校布局落地。", True),
    ("（四）推动供需高水平动态适配，在建设强大国内市场中努力扩大有", "潜能的消费、有需求的生产、有效益的投资。", True),
    # a marker the wrap put at a line start joins only when cut from its word or after an open bracket
    ("习近平总书记讲话中强调，全党必须做到思想上的统一。思想上的统", "一是党的团结统一最深厚最持久最可靠的保证，全党必须做到思想", True),
    ("以来，学校教学质量稳步提升，学校家长满意率测评跃升至", "第二，获市教育局年终考核第一名。", True),
    ("最后，我就做好当前及春节前后工作再强调四点意见。一要保平安。", "二要优供应。切实做好市场供应，确保节日主副食品供应充足、价格", False),
    ("等安全防范工作，切实做好消防安全，确保不发生重特大安全事故。", "二要优供应。", False),
    ("一是加大教育投入，确保教育经费法定增长，进一步完善保障机制（", "2）提高城乡生均公用经费标准。", True),
    # a flattened table row is never joined to the next
    ("一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119", "二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34", False),
])
def test_unwrap_corpus_width_wraps(line, nxt, joined):
    body = ["坚持把教育发展作为财政支出的重点领域予以优先保障，加大财政向薄弱"[:30]] * 30   # a text wrapped at 30
    line = ("坚持把教育发展作为财政支出的重点领域"[:max(0, 30 - len(line))] + line) if "3001" not in line else line
    assert len(body[0]) == 30 and (len(line) == 30 or "3001" in line)
    found = hard_breaks(body + ["本段完。", line, nxt, "下一段。"], _starts_item)
    assert (len(body) + 1 in found) is joined


@pytest.mark.parametrize("tail, nxt, expected", [
    ("每周提交报告 weekly report every", "Monday。", "report every Monday。"),
    ("积极丰富5G技术应用场景，带动5", "G手机等终端消费。", "带动5G手机"),
    ("组织开展好“琼超”联赛、村VA、村B", "A。实施全民健身场地设施提升行动。", "村VA、村BA。"),
    ("走过了改革开放 4", "0年来，绍兴发生了翻天覆地的变化。", "改革开放 40年来"),
])
def test_unwrap_corpus_removed_break_is_a_space_only_between_english_words(tail, nxt, expected):
    filler = "坚持把教育发展作为财政支出的重点领域予以优先保障加大财政向薄弱"
    line = filler[:30 - len(tail)] + tail                 # cut at 30 like the rest of the text
    text = "\n".join([filler[:30]] * 10 + [line, nxt])
    joined = unwrap_hard_wraps(normalise(text), _starts_item).text
    assert len(line) == 30 and "\n" not in joined and expected in joined
