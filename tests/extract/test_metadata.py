"""metadata: title, speaker, date, kind and reporting unit from title block and signature."""
from __future__ import annotations

import pytest

from pathlib import Path

from pipeline.extract.metadata import detect, iso_date, is_person_name, title_block

DEV = Path(__file__).resolve().parents[2] / "corpora" / "dev"


def _meta(text: str):
    return detect([line for line in text.split("\n") if line.strip()])


@pytest.mark.parametrize("text, title, speaker, date, kind", [
    ("在全市教育系统年度工作会议上的讲话\n陈国阳\n（2010年2月22日）\n同志们：\n今天开会。",
     "在全市教育系统年度工作会议上的讲话", "陈国阳", "2010-02-22", "speech"),
    ("习近平：在党史学习教育动员大会上的讲话\n（2021年2月20日）\n今年是建党一百周年。",
     "习近平：在党史学习教育动员大会上的讲话", "习近平", "2021-02-20", "speech"),
    ("张三同志在全区督导工作培训会上的讲话\n同志们：\n今天开会。", "张三同志在全区督导工作培训会上的讲话",
     "张三", "", "speech"),
    ("弘扬精神 狠抓落实\n——在市政府全体会议上的讲话\n盛阅春\n同志们：\n开会。",
     "弘扬精神 狠抓落实——在市政府全体会议上的讲话", "盛阅春", "", "speech"),
    ("同志们：\n今天我们开会。我讲三点。", "", "", "", "speech"),
    ("政府工作报告\n——2026年1月27日在省人民代表大会上\n海南省省长 刘小明\n各位代表：",
     "政府工作报告——2026年1月27日在省人民代表大会上", "刘小明", "2026-01-27", "report"),
    ("二〇一〇年二月二十二日\n某某工作情况\n正文。", "某某工作情况", "", "2010-02-22", "report"),
    ("关于做好2023年度安全生产大检查工作的通知\n各乡镇：\n现将有关事项通知如下：",
     "关于做好2023年度安全生产大检查工作的通知", "", "", "speech"),
    # a web page's info line under the title is not part of the title (it used to hide the 通知 ending)
    ("关于做好2023年度安全生产大检查工作的通知\n发布时间：2023-03-01 来源：市应急局 浏览次数：123\n各乡镇：\n现通知如下：",
     "关于做好2023年度安全生产大检查工作的通知", "", "2023-03-01", "speech"),
])
def test_metadata_title_speaker_date_kind(text, title, speaker, date, kind):
    meta = _meta(text)
    assert (meta.title, meta.speaker, meta.date, meta.kind) == (title, speaker, date, kind)


@pytest.mark.parametrize("title, kind", [
    # QA9 H1: a plan or task list assigns work without a notice around it (its items were read as measures)
    ("青山县优化营商环境三年行动任务分解方案", "speech"),
    ("青山县森林防火专项整治实施方案（试行）", "speech"),
    ("2026年全县安全生产重点工作任务清单", "speech"),
    ("县林业局森林防火工作方案", "speech"),
    ("县林业局2026年森林防火工作自查报告", "report"),
    ("关于森林防火专项整治工作开展情况的汇报", "report"),
])
def test_metadata_kind_of_plans_and_task_lists(title, kind):
    body = "\n一、主要任务\n1.开展隐患排查，建立整改台账。\n牵头单位：县林业局。\n完成时限：2026年11月底前。\n"
    assert _meta(title + body).kind == kind


@pytest.mark.parametrize("text, kind", [
    # no title and no word to an audience: a written account of a unit's work reads as a report
    ("机械学院坚持以学科建设为牵引，全面推进转型发展。\n一是思想再发动。先后召开班子会、教职工大会。", "report"),
    ("一、主要做法\n学院组织专题学习6次，形成了工作台账。", "report"),
    # an address to the audience still makes it a speech; evidence both ways stays undecided
    ("大家好。\n同志们，今年的任务很重。我讲三点意见。", "speech"),
    ("我局认真贯彻部署。\n同志们：\n会议开始。", "unknown"),
    # no title, no audience, but it directs in most sentences: an untitled notice or speech
    ("各乡镇、各部门：\n为切实做好安全生产工作，现将有关事项明确如下。\n一、各单位要高度重视，主要负责同志要亲自抓。\n"
     "二、要全面排查隐患，确保不留死角。\n三、严禁瞒报谎报。\n四、各单位要于6月底前报送自查情况。\n五、必须落实值班制度。",
     "speech"),
    # a few directed lines inside an account of work done do not make it one
    ("学院召开专题会议，部署转型工作。\n一是完善制度。制定了考核办法。\n二是加强队伍。引进教师12人。\n"
     "三是强化服务。建立了联系机制。\n下一步，学院要继续推进改革。", "report"),
])
def test_metadata_kind_without_title(text, kind):
    assert _meta(text).kind == kind


@pytest.mark.parametrize("text, unit", [
    ("XX区财政局关于2024年度党风廉政建设的自查报告\n一、基本情况\n我局高度重视。", "XX区财政局"),
    ("中共某某县委员会关于巡察整改情况的报告\n按照要求，现报告如下：", "中共某某县委员会"),
    ("关于落实督导意见的整改报告\n我单位认真整改。\n某某市教育局\n2024年3月1日", "某某市教育局"),
    ("淮安市人民政府\n2024年政府信息公开工作年度报告\n本报告由办公室编制。", "淮安市人民政府"),
    ("工作总结\n我们做了很多工作。", ""),
])
def test_metadata_reporting_unit(text, unit):
    meta = _meta(text)
    assert meta.kind == "report" and meta.unit == unit


def test_metadata_signature_date():
    meta = _meta("关于整改的报告\n我局认真整改。\n某某市教育局\n2024年3月1日")
    assert meta.date == "2024-03-01"


@pytest.mark.parametrize("text, expected", [
    ("2024年1月1日", "2024-01-01"), ("（2010年2月22日）", "2010-02-22"), ("二〇二四年十二月三十一日", "2024-12-31"),
    ("2024年13月1日", ""), ("没有日期", ""),
])
def test_metadata_iso_date(text, expected):
    assert iso_date(text) == expected


@pytest.mark.parametrize("line, expected", [("陈国阳", True), ("盛 阅 春", True), ("周××", True), ("同志们", False),
                                            ("教育局", False), ("总体情况", False), ("王", False)])
def test_metadata_person_name(line, expected):
    assert is_person_name(line) is expected


def test_metadata_title_block_stops_at_body_and_headings():
    assert title_block(["标题", "副标题", "同志们：", "正文。"]) == 2
    assert title_block(["一、总体情况", "正文。"]) == 0
    assert title_block(["南开新闻网讯 （通讯员", "正文。"]) == 0


@pytest.mark.parametrize("name, kind, unit", [
    ("dev_report_01", "report", "淮安市人民政府"),
    ("dev_report_02", "report", "绍兴一中"),
    ("dev_report_03", "report", "绍兴市第一中学"),
    ("dev_speech_01", "speech", ""),
    ("dev_speech_04", "speech", ""),
])
def test_metadata_dev_files(name, kind, unit):
    lines = [line.strip() for line in (DEV / f"{name}.txt").read_text(encoding="utf-8").split("\n") if line.strip()]
    meta = detect(lines)
    assert (meta.kind, meta.unit) == (kind, unit)


def test_metadata_kind_over_dev_corpus():
    """Every dev file named speech/report gets that kind or unknown, never the opposite one."""
    wrong = []
    for path in sorted(DEV.glob("dev_*.txt")):
        expected = "speech" if "speech" in path.name else "report"
        lines = [l.strip() for l in path.read_text(encoding="utf-8").split("\n") if l.strip()]
        kind = detect(lines).kind
        if kind not in (expected, "unknown"):
            wrong.append(path.name)
    assert wrong == []


@pytest.mark.parametrize("lines, expected", [
    (["正文。", "某某市教育局", "2024年3月1日"], 2),
    (["正文。", "2024年3月1日"], 1),
    (["正文。", "淮安市人民政府"], 1),
    (["正文。", "我们将继续努力。"], 0),
    (["2024年3月1日"], 0),                      # never the whole document
    # QA6 L20: a party group's long name signs too (it was body text, and evidence)
    (["正文。", "中共绍兴市越城区教育体育局机关党委第一党支部委员会第甲党小组", "2024年12月5日"], 2),
    # QA7 M6: a bureau's division signs as itself, and a seal note is no part of the name
    (["正文。", "市教育局基建处", "2025年5月6日"], 2),
    (["正文。", "绍兴市越城区鲁迅小学（盖章）", "2025年5月6日"], 2),
])
def test_metadata_signature_block(lines, expected):
    from pipeline.extract.metadata import signature_block

    assert signature_block(lines) == expected


def test_metadata_signature_lines_become_title_passages():
    from pipeline.extract.build import build_document
    from pipeline.model import Block, Extraction

    text = "关于整改的报告\n一、整改情况\n我局认真整改。\n某某市教育局\n2024年3月1日"
    doc = build_document(Extraction(blocks=tuple(Block(t) for t in text.split("\n")), file_type="txt"),
                         doc_id="d", source="s", sha256="")
    assert [p.kind for p in doc.passages] == ["title", "heading", "sentence", "title", "title"]
    assert doc.passages[-1].path == () and doc.unit == "某某市教育局" and doc.date == "2024-03-01"


def test_metadata_published_date_line_under_title():
    meta = _meta("我校党委举行民主生活会\n文章来源：本站原创 作者：佚名 发布时间：2018年02月08日 点击数：\n正文。")
    assert meta.date == "2018-02-08"


def test_metadata_bulletin_issuer_line():
    meta = _meta("督导工作简报（第6期）\n区委第四督导组编\u30002005年4月8日\n本周督导工作情况：\n正文。")
    assert (meta.title, meta.unit, meta.date, meta.kind) == ("督导工作简报（第6期）", "区委第四督导组", "2005-04-08", "report")


def test_metadata_division_and_sealed_signature_name_the_unit():
    """QA7 M6: 市教育局基建处 was read as 市教育局, and "鲁迅小学（盖章）" was no signature."""
    assert _meta("市教育局基建处关于校园安全工作的情况报告\n一、基本情况\n我处完成了校舍排查。\n市教育局基建处\n"
                 "2025年5月6日").unit == "市教育局基建处"
    assert _meta("关于校园安全工作的自查报告\n一、基本情况\n我校完成了校舍排查。\n绍兴市越城区鲁迅小学（盖章）\n"
                 "2025年5月6日").unit == "绍兴市越城区鲁迅小学"
