"""outline: numbering schemes, nesting by first appearance, false-marker guards, lead-in counts."""
from __future__ import annotations

import pytest

from pipeline.extract.markers import announced_count, cn_number, match_marker, strip_marker
from pipeline.extract.outline import build_outline
from pipeline.extract.sentences import split_units


def _outline(text: str):
    units = split_units(text)
    return build_outline(text, units, doc_id="d"), units


def _paths(text: str) -> list[tuple[str, ...]]:
    outline, _ = _outline(text)
    return [n.path for n in outline.nodes]


@pytest.mark.parametrize("text, scheme, label", [
    ("一、总体情况", "cn_dun", "一、"),
    ("（一）实施工程", "cn_paren", "（一）"),
    ("(二)实施工程", "cn_paren", "（二）"),
    ("1.加强学习", "arabic", "1."),
    ("2、加强学习", "arabic", "2."),
    ("（3）加强学习", "paren_arabic", "（3）"),
    ("3）加强学习", "paren_arabic", "（3）"),
    ("一.总体情况", "cn_dun", "一、"),
    ("①加强学习", "circled", "①"),
    ("一是提高认识。", "yi_shi", "一是"),
    ("三要坚持带头。", "yi_yao", "三要"),
    ("第一，督导组要落实。", "di_yi", "第一"),
    ("第二、要学习。", "di_yi", "第二"),
    ("第十二是要学习。", "di_yi", "第十二"),
    ("首先，要学习。", "shouxian", "首先"),
    ("一方面，要学习。", "fangmian", "一方面"),
    ("第一条 为了规范管理", "di_tiao", "第一条"),
    ("第一部分 履行职责情况", "di_bufen", "第一部分"),
    ("第二章 总则", "di_zhang", "第二章"),
    ("第三节 附则", "di_jie", "第三节"),
    ("第二部分", "di_bufen", "第二部分"),
])
def test_outline_marker_schemes(text, scheme, label):
    marker = match_marker(text)
    assert marker is not None and (marker.scheme, marker.label) == (scheme, label)


@pytest.mark.parametrize("text", [
    "第一批参加单位", "第一责任人要负责", "第一阶段思想教育", "掌握第一手资料", "第一要务是发展",
    "1.5亿元投入", "2024.年", "一、二年级学生", "一.二年级", "20）", "2024）年", "一是一，二是二", "一要求", "最后的时刻", "首先自己要做好",
])
def test_outline_false_markers_rejected(text):
    marker = match_marker(text)
    assert marker is None or (marker.scheme == "shouxian" and text.startswith("首先自己"))


@pytest.mark.parametrize("numeral, value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
                                            ("3", 3), ("两", 2), ("零", 0), ("十十", None), ("甲", None)])
def test_outline_cn_number(numeral, value):
    assert cn_number(numeral) == value


@pytest.mark.parametrize("sentence, count", [
    ("下面，我再着重就督导组的工作提三点要求：", 3),
    ("提出了四方面职责要求：", 4),
    ("这里，我向同志们提出四点希望：", 4),
    ("回顾2009年的工作，我们主要实施了以下五大工程：", 5),
    ("总之，今天的培训已基本达到预期要求，概括起来有四方面特点。", 4),
    ("下面，我讲三方面内容，", 3),
    ("这里，我讲3个问题。", 3),
    ("认真学习宣传贯彻党的二十大和二十届二中全会精神，圆满完成了各项任务。", None),
    ("用“三个代表”重要思想武装头脑：", None),
    ("三个代表重要思想要求我们：", None),
    ("我们召开了十九大精神学习会。", None),
    ("主要表现在：", None),
    ("这次会议有三方面的意义，我们要认真领会，把会议精神传达到每一位党员干部中去。", None),
])
def test_outline_announced_count(sentence, count):
    assert announced_count(sentence) == count


def test_outline_nests_by_first_appearance_and_pops_back():
    text = ("一、总体情况\n（一）学习\n1.读书\n2.写作\n（二）工作\n二、存在问题\n（一）作风\n")
    assert _paths(text) == [("一、",), ("一、", "（一）"), ("一、", "（一）", "1."), ("一、", "（一）", "2."),
                            ("一、", "（二）"), ("二、",), ("二、", "（一）")]


def test_outline_inline_enumeration_after_colon_nests_under_item():
    text = ("下面提两点要求：\n一要明确任务。提出了两方面职责要求：第一，要落实。要了解。第二，要总结。\n"
            "二要讲究方法。第一，要依靠基层。第二，要坚持原则。\n")
    outline, units = _outline(text)
    assert [n.path for n in outline.nodes] == [
        ("一要",), ("一要", "第一"), ("一要", "第二"), ("二要",), ("二要", "第一"), ("二要", "第二")]
    first = outline.nodes[1]
    assert first.lead_in == "提出了两方面职责要求：" and first.announced == 2
    assert outline.nodes[0].lead_in == "下面提两点要求：" and outline.nodes[0].announced == 2
    assert not outline.warnings
    kinds = [p.kind for p in outline.placements]
    assert kinds[units.index(next(u for u in units if text[u.start:u.end] == "要了解。"))] == "sentence"


def test_outline_completed_list_closes_before_next_announced_list():
    text = ("概括起来有两方面特点。\n一是提高了认识。大家表示赞同。\n二是明确了职责。\n"
            "下面，我提两点要求：\n一要明确任务。\n二要讲究方法。\n")
    assert _paths(text) == [("一是",), ("二是",), ("一要",), ("二要",)]


def test_outline_count_mismatch_warns():
    text = "下面，我提三点要求：\n一要明确任务。\n二要讲究方法。\n总之，要做好工作。"
    outline, _ = _outline(text)
    assert [w.code for w in outline.warnings] == ["W201"]
    assert "三" not in outline.warnings[0].detail   # content-free: numbers only


def test_outline_shi_fei_words_are_still_items():
    assert _paths("问题不少。一是部分农户意识薄弱。二是非法采砂隐蔽性强。") == [("一是",), ("二是",)]


def test_outline_sequence_sanity_rejects_out_of_order_markers():
    text = "一是提高认识。\n三是这不是列表的第三项。\n二是明确职责。"
    assert _paths(text) == [("一是",), ("二是",)]


def test_outline_restarted_di_yi_under_new_parent_is_a_new_list():
    text = "一要甲。第一，子一。第二，子二。\n二要乙。第一，子三。\n"
    assert _paths(text) == [("一要",), ("一要", "第一"), ("一要", "第二"), ("二要",), ("二要", "第一")]


def test_outline_same_scheme_inline_list_nests_inside_item():
    text = "一是高考成绩领先。我市有两项指标第一：一是上线率高；二是重点率高。\n二是竞赛领先。\n"
    assert _paths(text) == [("一是",), ("一是", "一是"), ("一是", "二是"), ("二是",)]


def test_outline_heading_vs_item_kinds_and_titles():
    text = "一、总体情况\n一年来，工作扎实。\n二、存在问题。主要是作风不实：一是学习不深；二是落实不够。"
    outline, units = _outline(text)
    kinds = {text[u.start:u.end]: p.kind for u, p in zip(units, outline.placements)}
    assert kinds["一、总体情况"] == "heading"
    assert kinds["二、存在问题。"] == "item"
    assert kinds["一是学习不深；"] == "item"
    assert kinds["一年来，工作扎实。"] == "sentence"
    titles = {n.path: n.title for n in outline.nodes}
    assert titles[("一、",)] == "总体情况" and titles[("二、", "一是")] == "学习不深"


def test_outline_shouxian_and_fangmian():
    text = "首先，要学习。\n其次，要实践。\n最后，要总结。"
    assert _paths(text) == [("首先",), ("其次",), ("最后",)]
    assert _paths("其次，这句不在列表里。\n最后，也不是。") == []
    assert _paths("一方面，要学习。另一方面，要实践。") == [("一方面",), ("另一方面",)]


@pytest.mark.parametrize("text, paths", [
    # dev_speech_03 三是: 首先…其次…第三 is one sequence (第三 was swallowed by 其次, found by QA)
    ("一是要优作风。首先，要担当。其次，要激情。第三，要纠四风。",
     [("一是",), ("一是", "首先"), ("一是", "其次"), ("一是", "第三")]),
    ("第一，要学习。\n第二，要实践。\n再次，要总结。", [("第一",), ("第二",), ("再次",)]),
    # a 第三 that does not follow 其次 continues nothing, and 最后 keeps to its own style
    ("首先，要学习。第三，这不是列表。", [("首先",)]),
    ("第一，要学习。\n第二，要实践。\n最后，要总结。", [("第一",), ("第二",)]),
])
def test_outline_mixed_ordinal_styles_continue_one_sequence(text, paths):
    assert _paths(text) == paths


def test_outline_spans_nest_and_parent_ids():
    text = "一、总体\n（一）学习\n内容。\n（二）工作\n二、问题\n"
    outline, _ = _outline(text)
    by_path = {n.path: n for n in outline.nodes}
    parent, child = by_path[("一、",)], by_path[("一、", "（一）")]
    assert child.parent_id == parent.node_id and parent.start <= child.start < child.end <= parent.end
    assert text[parent.start:parent.end].startswith("一、总体") and "二、" not in text[parent.start:parent.end]


def test_outline_table_rows_are_not_headings():
    assert _paths("一、本年新收申请数量 3001 53 0 0 61\n") == []


def test_outline_lead_in_with_two_counts_takes_the_one_items_bear_out():
    text = "问题共有2大类5个具体问题，整改难度大。\n一是生态问题。\n二是管理问题。\n"
    outline, _ = _outline(text)
    assert not outline.warnings and {n.announced for n in outline.nodes} == {2}


def test_outline_regulation_chapters_and_articles():
    text = "第一章 总则\n第一条 为了规范督查工作，制定本办法。\n第二条 本办法适用于全区。\n第二章 职责\n第三条 督查组负责督查。\n"
    assert _paths(text) == [("第一章",), ("第一章", "第一条"), ("第一章", "第二条"), ("第二章",),
                            ("第二章", "第三条")]


def test_outline_di_bufen_parts_hold_numbered_headings():
    text = "第一部分 履行职责情况\n一、落实部署。\n二、推广典型。\n第二部分 工作方法\n一、依靠基层。\n"
    assert _paths(text) == [("第一部分",), ("第一部分", "一、"), ("第一部分", "二、"), ("第二部分",),
                            ("第二部分", "一、")]


def test_outline_closing_remarks_leave_every_list():
    text = ("一、保持经济平稳运行\n首先，要坚定信心。\n其次，要抓复工。\n最后，我还要强调的是，要防止形式主义。\n"
            "最后，我就春节前后工作强调两点。一要保平安。二要优供应。\n")
    outline, units = _outline(text)
    assert [n.path for n in outline.nodes] == [("一、",), ("一、", "首先"), ("一、", "其次"), ("一要",), ("二要",)]
    closing = next(i for i, u in enumerate(units) if text[u.start:u.end].startswith("最后，我还要"))
    assert outline.placements[closing].path == ()


def test_outline_zuihou_women_can_still_close_a_shouxian_list():
    assert _paths("首先，要学习。\n其次，要实践。\n最后，我们要总结。") == [("首先",), ("其次",), ("最后",)]


def test_outline_standalone_lead_in_starts_a_sibling_enumeration():
    text = ("督查中发现了一些问题：\n1.责任落实不到位。有的乡镇巡查不力。\n2.渠道不畅。\n"
            "为此，督查组提出如下建议：\n（1）要压实责任。\n（2）要完善体系。\n")
    assert _paths(text) == [("1.",), ("2.",), ("（1）",), ("（2）",)]
    # a lead-in inside an item's own paragraph still nests
    assert _paths("1.责任落实不到位。具体建议：（1）要压实责任；（2）要完善体系。\n2.渠道不畅。\n") == [
        ("1.",), ("1.", "（1）"), ("1.", "（2）"), ("2.",)]


def test_outline_inline_list_continued_after_a_body_paragraph_is_reopened():
    text = "主要做法：一是加强学习。\n大家认真学习文件。\n二是改进作风。\n"
    outline, units = _outline(text)
    assert [n.path for n in outline.nodes] == [("一是",), ("二是",)]
    body = next(i for i, u in enumerate(units) if text[u.start:u.end] == "大家认真学习文件。")
    assert outline.placements[body].path == ("一是",)
    first = outline.nodes[0]
    assert text[first.start:first.end] == "一是加强学习。\n大家认真学习文件。"


def test_outline_heading_title_drops_trailing_colon():
    outline, _ = _outline("（一）主要做法：\n一是加强学习。\n")
    assert outline.nodes[0].title == "主要做法" and outline.nodes[1].path == ("（一）", "一是")


@pytest.mark.parametrize("sentence, expected", [
    ("同志们：", False), ("各位领导、同仁：", False), ("区先进性教育活动领导小组：", False),
    ("下面，我再着重就督导组的工作提三点要求：", True), ("主要表现在：", True),
    ("概括起来有四方面特点。", True), ("今天开会。", False),
])
def test_outline_is_lead_in(sentence, expected):
    from pipeline.extract.outline import is_lead_in

    assert is_lead_in(sentence) is expected


def test_outline_bare_part_marker_takes_its_title_from_the_next_line():
    outline, units = _outline("第一部分\n履行督导职责情况\n一、落实部署。\n")
    assert [(n.path, n.title) for n in outline.nodes] == [
        (("第一部分",), "履行督导职责情况"), (("第一部分", "一、"), "落实部署")]
    assert outline.placements[1].section == "履行督导职责情况"


def test_outline_tongzhimen_after_the_last_numbered_heading_leaves_every_list():
    # dev_speech_04: "同志们，…提三点希望：一是…" after 三、（六）5. is the closing, not part of item 5
    text = ("三、工作重点\n（一）加强建设\n1.推进党建。加强学习。\n2.落实资助政策。完善制度。\n"
            "同志们，教育事业特别有价值。在此，我向各位校长提三点希望：\n"
            "一是要树立大局意识。\n二是要树立责任意识。\n三是要树立前列意识。\n")
    outline, units = _outline(text)
    assert [n.path for n in outline.nodes][-3:] == [("一是",), ("二是",), ("三是",)]
    closing = next(i for i, u in enumerate(units) if text[u.start:u.end].startswith("同志们"))
    assert outline.placements[closing].path == ()


def test_outline_tongzhimen_inside_the_body_keeps_the_heading_lists():
    text = ("一、工作成效\n1.推进党建。\n同志们，成绩来之不易。\n2.落实政策。\n二、下步打算\n1.抓落实。\n")
    outline, units = _outline(text)
    inside = next(i for i, u in enumerate(units) if text[u.start:u.end].startswith("同志们"))
    assert outline.placements[inside].path == ("一、", "1.")
    assert [n.path for n in outline.nodes] == [("一、",), ("一、", "1."), ("一、", "2."), ("二、",), ("二、", "1.")]


@pytest.mark.parametrize("text, expected", [
    # QA9 H1: a 任务分解方案 numbers its items straight through the sections: 3. opens 二、's body
    ("一、深化改革\n1.推进企业开办改革。\n牵头单位：县市场监管局。\n2.推行容缺受理。\n二、加强保障\n"
     "3.设立转贷资金池。\n4.开展涉企收费清理。\n三、强化考核\n5.纳入年度考核。\n",
     [("一、",), ("一、", "1."), ("一、", "2."), ("二、",), ("二、", "3."), ("二、", "4."), ("三、",), ("三、", "5.")]),
    ("一、工作任务\n（一）排查隐患。\n（二）管控火源。\n二、工作要求\n（三）加强领导。\n",
     [("一、",), ("一、", "（一）"), ("一、", "（二）"), ("二、",), ("二、", "（三）")]),
    # a number deep in a section's body (a table pasted as text) does not continue the last section's list
    ("一、申请情况\n（一）予以公开。\n（二）部分公开。\n二、办理结果\n本年度办理结果如下。\n（三）不予公开 5 件\n",
     [("一、",), ("一、", "（一）"), ("一、", "（二）"), ("二、",)]),
    # a list under the same section does not restart across a gap
    ("一、深化改革\n1.推进改革。\n2.推行受理。\n二、加强保障\n4.设立资金池。\n",
     [("一、",), ("一、", "1."), ("一、", "2."), ("二、",)]),
])
def test_outline_numbering_runs_on_across_sections(text, expected):
    assert _paths(text) == expected


@pytest.mark.parametrize("text, body", [
    ("二是加强督导检查。", "加强督导检查。"),
    ("（三）完善制度", "完善制度"),
    ("第一，督导组要落实任务。", "督导组要落实任务。"),
    ("  3. 建立台账", "建立台账"),
    ("一、二年级学生", "一、二年级学生"),          # not a marker: text unchanged
    ("10 个单位参加。", "10 个单位参加。"),
    ("我局共组织学习12次。", "我局共组织学习12次。"),
])
def test_strip_marker_removes_only_a_real_opening_marker(text, body):
    assert strip_marker(text) == body
