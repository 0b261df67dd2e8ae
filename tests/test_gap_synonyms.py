"""Near-synonym groups (``pipeline/data/gap_synonyms.txt``) let a report's paraphrase meet its
checklist task through a shared group tag, and only through a group both texts hold: an unrelated
pair shares no tag. A word listed in two groups carries both tags, so it meets either group's words."""
from __future__ import annotations

import pytest

from pipeline.matching import synonym_groups, terms


def _tags(text: str) -> set[str]:
    return {t for t in terms(text) if t.startswith("≈")}


@pytest.mark.parametrize(("task", "report"), [
    ("及时编发简报", "报送动态信息"),                     # 信息: 简报 ~ 动态信息 (raw-text scan of a long synonym)
    ("开展个别谈话", "深入基层走访"),                     # 调研: jieba words on both sides
    ("建立问题清单", "实行整改销号"),                     # 整改
    ("坚持讲真话", "敢于动真碰硬"),                       # 原则: 讲真话 is cut 讲/真话, found on the raw text
])
def test_gap_synonyms_paraphrase_pair_meets(task, report):
    assert _tags(task) & _tags(report)


@pytest.mark.parametrize(("task", "report"), [
    ("及时编发简报", "深入基层走访"),
    ("建立问题清单", "加强团结协作"),
    ("坚持讲真话", "编发工作动态"),
])
def test_gap_synonyms_unrelated_pair_shares_no_tag(task, report):
    assert not _tags(task) & _tags(report)


def test_gap_synonyms_word_in_two_groups_meets_both():
    both = [w for w, tags in synonym_groups().items() if len(set(tags)) > 1]
    assert both, "the file lists no word in two groups"
    word = both[0]
    for tag in set(synonym_groups()[word]):
        partner = next(w for w, tags in synonym_groups().items() if tag in tags and w != word and len(w) >= 3)
        assert tag in _tags(f"加强{word}") & _tags(f"注重{partner}")


@pytest.mark.parametrize(("task", "report"), [
    ("按时报送信息", "开展耕地动态监测"),                 # qa12 M2: 动态 alone is no 信息
    ("按时报送信息", "实行动态管理"),
    ("按时报送信息", "及时掌握基层党员的思想动态"),
    ("按时报送信息", "汇总检查数据"),
    ("按时报送信息", "明确一名联络员"),
])
def test_gap_synonyms_a_word_meaning_another_thing_alone_is_no_member(task, report):
    """A group holds words of one concept: 动态 (动态监测, 动态管理), 汇总 and 联络员 name other things
    when they stand alone; only the compounds 动态信息/工作动态 are 信息."""
    assert not _tags(task) & _tags(report)


@pytest.mark.parametrize("report", ["每周报送工作动态", "收集动态信息", "编发简报3期"])
def test_gap_synonyms_the_compounds_still_meet(report):
    assert "≈信息" in _tags("按时报送信息") & _tags(report)


def test_gap_synonyms_off_topic_monitoring_is_no_report_of_information():
    """qa12 M2: a farmland report's 动态监测 sentence was 已落实 on 按时报送信息 (every on-topic reply 未体现)."""
    from pipeline.checklist import Checklist, ChecklistItem
    from pipeline.extract import read_bytes
    from pipeline.gaps import assess_report

    items = (
        ChecklistItem(id="4.1", title="加强组织领导", actor="各乡镇、各部门",
                      text="（一）加强组织领导。各乡镇、各部门要成立专项整治工作专班，主要负责同志要亲自部署、亲自督办。"),
        ChecklistItem(id="4.3", title="按时报送信息", actor="各乡镇、各有关单位",
                      text="（三）按时报送信息。各乡镇、各有关单位于每月25日前将工作进展情况报送县住房和城乡建设局。"),
    )
    for sentence in ("三是加强监测。开展动态监测。", "三是加强监测。利用卫星遥感开展耕地“非农化”“非粮化”动态监测。"):
        text = f"县农业农村局关于耕地保护工作情况的报告\n县人民政府：\n    {sentence}\n平川县农业农村局\n2026年12月3日\n"
        rows = {r.item_id: r for r in assess_report(Checklist(items), read_bytes(text.encode("utf-8"), name="r.txt"))}
        assert rows["4.3"].status == "missing", sentence


@pytest.mark.parametrize(("title", "key", "as_key"), [
    ("注意收集先进性教育活动的动态信息", "动态", "≈信息"),     # 动态 of 动态信息: met as 动态信息 is
    ("调查研究工作贯穿始终", "研究", "≈调研"),                 # 研究 of 调查研究
])
def test_gap_synonyms_a_title_word_in_a_listed_compound_takes_its_group(title, key, as_key):
    from pipeline.matching import key_terms

    keys = key_terms(title, limit=20)
    assert as_key in keys and key not in keys


def test_gap_synonyms_a_title_word_outside_any_compound_stays_itself():
    from pipeline.matching import key_terms

    keys = key_terms("开展耕地动态监测", limit=20)
    assert "动态" in keys and not any(k.startswith("≈") for k in keys)
