"""``_on_theme`` (each distinct text looked at once, stops as soon as enough passages name a theme) gives
the plain rule's flags: every passage when at least ``off_theme_share`` of them name a theme word
(in their text or their section, also inside a longer word or as 我校/本局), else only those that do."""
import random
from types import SimpleNamespace

import pytest

from pipeline.gap_evidence import _on_theme, checklist_themes, theme_words
from pipeline.gap_theme import SHORT_REPORT, theme_spellings

_ITEMS = [SimpleNamespace(text=t) for t in (
    "各学校要加强学生心理健康教育，配齐心理教师。", "学校要落实学生体育锻炼时间，开足体育课程。",
    "各学校要规范学生作业管理，减轻学生课业负担。", "学校要加强教师队伍建设，提高学生培养质量。")]
_ON = ["我校开设心理健康课程，学生参与率100%。", "学校组织教师培训3次。", "本学期学生体育锻炼每天1小时。"]
_OFF = ["全省地区生产总值增长5%。", "城镇新增就业60万人。", "规模以上工业增加值增长。", "居民消费价格涨幅2%左右。"]


def _plain(leaves, passages, limits):
    themes = checklist_themes(leaves, limits.get("theme_item_share", 0.4))
    if not themes or len(passages) < SHORT_REPORT:
        return [True] * len(passages)
    def names(text):
        return bool(themes & theme_words(text)) or any(s in text for s in theme_spellings(themes))

    named = [names(p.text) or names(p.section or "") for p in passages]
    return [True] * len(passages) if sum(named) >= limits.get("off_theme_share", 0.07) * len(passages) else named


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("share", [0.0, 0.07, 0.3, 0.5, 1.0])
def test_gap_on_theme_equals_the_plain_rule(seed, share):
    rng = random.Random(seed)
    n_on = rng.randint(0, 4)
    texts = [rng.choice(_ON) for _ in range(n_on)] + [rng.choice(_OFF) for _ in range(rng.randint(0, 60))]
    rng.shuffle(texts)
    sections = [None, "", "一、学生心理健康", "二、经济运行"]
    passages = [SimpleNamespace(text=t, section=rng.choice(sections)) for t in texts]
    limits = {"off_theme_share": share}
    assert checklist_themes(_ITEMS)                   # the fixture has themes (学校, 学生…)
    assert _on_theme(_ITEMS, passages, limits) == _plain(_ITEMS, passages, limits)


def test_gap_on_theme_keeps_only_named_passages_of_an_off_theme_report():
    passages = [SimpleNamespace(text=t, section=None) for t in _OFF * 8]
    passages += [SimpleNamespace(text=_ON[0], section=None), SimpleNamespace(text=_OFF[0], section="一、学生心理健康")]
    flags = _on_theme(_ITEMS, passages, {"off_theme_share": 0.2})
    assert flags == [False] * 32 + [True, True]
    assert _on_theme(_ITEMS, passages, {"off_theme_share": 0.05}) == [True] * 34
    # a reply of fewer than SHORT_REPORT units is never off theme (QA8 N1)
    assert all(_on_theme(_ITEMS, passages[:SHORT_REPORT - 1], {"off_theme_share": 0.5}))


@pytest.mark.parametrize("text, names", [
    ("我校推动教育经费专款专用。", True),        # 教育 inside the word 教育经费; 我校 for 学校
    ("我局完成了全区中小学校舍安全隐患排查。", True),   # 学校 inside 中小学校舍
    ("本校开展课后服务。", True),
    ("全省地区生产总值增长5%。", False),
    ("校长带队调研。", False),                   # 校 alone is no self-reference
])
def test_gap_on_theme_reads_themes_inside_words_and_self_references(text, names):
    """Regression (QA H3): a one-page reply that writes 教育经费, 中小学校舍 or 我校 and never the
    speech's theme words 教育/学校 as words was off theme, and every task scored 0."""
    items = [SimpleNamespace(text=t) for t in (
        "各学校要加强教育管理。", "学校要推进教育公平。", "各学校要抓好教育质量。", "学校要保障教育投入。")]
    assert {"学校", "教育"} <= checklist_themes(items)
    passages = [SimpleNamespace(text=text, section=None)] + [SimpleNamespace(text=t, section=None) for t in _OFF * 8]
    assert _on_theme(items, passages, {"off_theme_share": 0.5})[0] is names


def test_gap_themes_leave_out_the_bodies_tasks_are_addressed_to(tmp_path):
    """Regression (QA7 H3): a bureau's notice addressed to 各区县教育局 had the themes {区县, 教育局};
    a school answering never writes them, so its whole reply was off theme and scored 0."""
    import pipeline

    notice = ("关于开展校园食品安全专项检查的通知\n一、全面开展自查\n（一）各学校要对照检查清单开展食堂自查，4月30日前完成。\n"
              "（二）各区县教育局要组织食品安全联合抽查。\n（三）各区县教育局要在下半年组织一次应急演练。\n"
              "二、强化整改落实\n（一）各区县教育局要建立问题整改台账。\n（二）建立校长陪餐制度，由各学校负责，长期坚持。\n")
    reply = ("某某小学食品安全自查报告\n一、食堂自查\n我校4月完成食堂自查，发现问题3个，均已整改。\n"
             "二、校长陪餐\n建立校长陪餐制度，校领导每天轮流陪餐并记录。\n某某小学\n2025年5月6日\n")
    (tmp_path / "notice.txt").write_text(notice, encoding="utf-8")
    (tmp_path / "reply.txt").write_text(reply, encoding="utf-8")
    leaves = pipeline.checklist([tmp_path / "notice.txt"]).leaves
    assert not {"区县", "教育局"} & checklist_themes(leaves)
    frame = pipeline.gaps(tmp_path / "notice.txt", [tmp_path / "reply.txt"]).to_frame()
    statuses = dict(zip(frame.item_title, frame.status))
    assert statuses["建立校长陪餐制度，由各学校负责，长期坚持"] == "covered"
    assert statuses["各学校要对照检查清单开展食堂自查，4月30日前完成"] in ("partial", "covered")
