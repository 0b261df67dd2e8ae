"""PDF with one paragraph per line (Word's "save as PDF" of a notice): headings, the title and the
addressee line keep their own paragraphs; hard-wrapped lines are still joined (qa7 H2)."""
from __future__ import annotations

import io

import pytest

from pipeline.config import DEFAULT_LIMITS
from pipeline.extract.pdf import Line, extract, join_lines
from pipeline.extract.pdf_paragraphs import _right_edge

NOTICE = [
    "关于开展2025年中小学校园食品安全专项检查的通知",
    "各区、县（市）教育局，市直属各学校：",
    "现就开展校园食品安全专项检查有关事项通知如下。",
    "一、全面开展自查",
    "（一）各学校要对照检查清单开展食堂自查，4月30日前完成。",
    "（二）完成全市学校食堂改造，建立问题整改台账，落实专人负责，每月报送进度。责任单位：市教育局后勤处。完成时限：2025年9月30日。",
    "二、强化整改落实",
    "（一）市教育局后勤处牵头，各区县教育局配合，建立问题整改台账，第三季度完成整改。",
    "三、加强督查考核",
    "市教育督导室要将食品安全纳入学校年度考核，12月底前完成。",
    "绍兴市教育局",
    "2025年3月20日",
]


def _platypus_pdf(paragraphs: list[str], *, width: float = 432) -> bytes:
    """One reportlab Paragraph per line, one font, no indent and no spacing: nothing but the line
    ends tells the paragraphs apart (as in a notice saved as PDF from Word)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Frame, Paragraph
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=18, wordWrap="CJK")
    buf = io.BytesIO()
    page = canvas.Canvas(buf, invariant=1)
    Frame(72, 72, width, 700, showBoundary=0).addFromList([Paragraph(t, style) for t in paragraphs], page)
    page.showPage()
    page.save()
    return buf.getvalue()


def _texts(data: bytes) -> list[str]:
    return [b.text for b in extract(data, name="n.pdf", limits=DEFAULT_LIMITS).blocks]


@pytest.mark.parametrize("fast", ["1", "0"], ids=["pdfium", "pdfplumber"])
def test_pdf_paragraph_per_line_notice_keeps_headings_title_and_addressee(monkeypatch, fast):
    monkeypatch.setenv("DUBAN_PDFIUM", fast)
    data = _platypus_pdf(NOTICE)
    assert _texts(data) == NOTICE      # the one long paragraph wraps in the PDF and is joined back


def test_pdf_paragraph_per_line_headings_are_the_commonest_line_end():
    """More headings than wrapped lines: the commonest line end is a heading's, not the margin."""
    notice = NOTICE[:3] + ["一、总体要求", "二、重点任务", "三、保障措施", "四、工作要求",
                           "（一）" + "各学校要落实校长第一责任人制度，健全安全管理责任体系" * 2 + "。"]
    assert _texts(_platypus_pdf(notice)) == notice


@pytest.mark.parametrize("ends, expected", [
    ([174, 174, 174, 510, 510, 517.3, 352, 294, 354, 406, 450, 402], 510),      # headings commonest, text beyond
    ([420] * 30 + [432] * 6 + [300, 250], 420),        # punctuation hanging a character into the margin
    ([420] * 30 + [526] * 3 + [300], 420),             # a few wider lines (a table row) do not move it
    ([300, 250, 200], 300),                             # every line its own paragraph: the longest
])
def test_pdf_right_edge_is_the_margin_few_lines_pass(ends, expected):
    assert _right_edge([float(x) for x in ends], 12.0) == expected


def _line(text: str, x1: float, top: float) -> Line:
    return Line(text, 1, 60.0, x1, top, 12.0)


@pytest.mark.parametrize("lines, expected", [
    # hard-wrapped at a character count: digits make the line short without ending the heading
    ([("二是抓住城市总体规划修订的机遇推进中心城2008年—", 396.0), ("2020年学校布局落地。", 204.0),
      ("按照区委的统一部署，我们认真开展了先进性教育活动，组织", 420.0), ("全体党员集中学习。", 168.0)],
     ["二是抓住城市总体规划修订的机遇推进中心城2008年—2020年学校布局落地。",
      "按照区委的统一部署，我们认真开展了先进性教育活动，组织全体党员集中学习。"]),
    # a heading cut inside a word ("问题整" / "改台账") is a wrapped heading, not a finished one
    ([("（一）市教育局后勤处牵头各区县教育局配合建立问题整", 360.0), ("改台账，第三季度完成整改。", 216.0),
      ("按照区委的统一部署，我们认真开展了先进性教育活动，组织", 420.0), ("全体党员集中学习。", 168.0)],
     ["（一）市教育局后勤处牵头各区县教育局配合建立问题整改台账，第三季度完成整改。",
      "按照区委的统一部署，我们认真开展了先进性教育活动，组织全体党员集中学习。"]),
    # a heading and a title above an addressee line end their paragraphs though they nearly fill it
    ([("关于开展2025年中小学校园食品安全专项检查工作的通知", 340.0), ("各区、县（市）教育局：", 192.0),
      ("一、全面开展食品安全自查并建立问题整改台账工作机制", 372.0),
      ("按照区委的统一部署，我们认真开展了先进性教育活动，组织", 420.0), ("全体党员集中学习。", 168.0)],
     ["关于开展2025年中小学校园食品安全专项检查工作的通知", "各区、县（市）教育局：",
      "一、全面开展食品安全自查并建立问题整改台账工作机制",
      "按照区委的统一部署，我们认真开展了先进性教育活动，组织全体党员集中学习。"]),
    # a speech title above a salutation and above its date in brackets
    ([("在高质量发展中奋力推进共同富裕先行和省域现代化先行", 348.0), ("同志们：", 108.0),
      ("按照区委的统一部署，我们认真开展了先进性教育活动，组织", 420.0), ("全体党员集中学习。", 168.0)],
     ["在高质量发展中奋力推进共同富裕先行和省域现代化先行", "同志们：",
      "按照区委的统一部署，我们认真开展了先进性教育活动，组织全体党员集中学习。"]),
    ([("在中央政治局常委会会议研究疫情防控工作时的讲话", 336.0), ("（2020年2月3日）", 192.0),
      ("按照区委的统一部署，我们认真开展了先进性教育活动，组织", 420.0), ("全体党员集中学习。", 168.0)],
     ["在中央政治局常委会会议研究疫情防控工作时的讲话", "（2020年2月3日）",
      "按照区委的统一部署，我们认真开展了先进性教育活动，组织全体党员集中学习。"]),
    # a heading after a short line that ends no clause (an unruled table's last row) starts a paragraph
    ([("序号工作任务责任单位完成时限", 240.0), ("开展暑期安全家访各学校七月十五日前完成家访", 324.0),
      ("二、工作要求", 132.0), ("按照区委的统一部署，我们认真开展了先进性教育活动，组织", 420.0), ("全体党员集中学习。", 168.0)],
     ["序号工作任务责任单位完成时限", "开展暑期安全家访各学校七月十五日前完成家访", "二、工作要求",
      "按照区委的统一部署，我们认真开展了先进性教育活动，组织全体党员集中学习。"]),
    # but not after a line stopping on an open bracket: the marker was cut by the wrap
    ([("按照区委的统一部署，我们认真开展了先进性教育活动，要求（", 396.0), ("2）提高认识", 132.0),
      ("按照区委的统一部署，我们认真开展了先进性教育活动，组织", 420.0), ("全体党员集中学习。", 168.0)],
     ["按照区委的统一部署，我们认真开展了先进性教育活动，要求（2）提高认识",
      "按照区委的统一部署，我们认真开展了先进性教育活动，组织全体党员集中学习。"]),
])
def test_pdf_join_lines_heading_rules(lines, expected):
    built = [_line(text, x1, 100.0 + 18 * k) for k, (text, x1) in enumerate(lines)]
    assert [t for t, _ in join_lines(built)] == expected
