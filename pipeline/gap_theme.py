"""Whether a report is on the checklist's theme at all (gap matching's off-theme guard).

A checklist's theme words are the words most of its items share (教育, 学校 in an education speech;
督导组, 党员, 先进性教育活动 in the seed); a report in which too few passages name one (a provincial
work report against an education speech, a disclosure report) evidences a task only with the
passages that do. Used by ``gap_evidence``.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from .matching import STOPWORDS

if TYPE_CHECKING:
    from .checklist import ChecklistItem

_NUMBER = re.compile(r"^[\d０-９.．%％]")


# The seed speech's subject words are matching stopwords (every seed item shares them), but they are
# exactly what tells an on-theme report from an off-theme one, so theme detection keeps them
_THEME_IGNORED = STOPWORDS - {"先进性", "教育", "活动", "先进性教育", "先进性教育活动", "区委", "市委", "中央",
                              "区里", "全区", "督导", "督导组", "督导工作", "单位", "各单位", "组织"}
# Officialese every kind of report writes (发展, 建设, 保障, 体系 …): a short checklist's commonest
# words are often these, and a report on something else entirely (a government disclosure report
# against an education speech) then passed as on theme through "保障民生" or "完善体系"
_THEME_IGNORED |= frozenset("""
发展 建设 体系 提升 强化 深化 全面 全面落实 落实 结合 综合 能力 问题 社会 重点 保障 事业 推动 完善 健全 机制
水平 管理 服务 制度 政策 创新 改革 实施 作用 领域 环节 时代 新时代 思想 特色 大力 加快 持续 力度 质量 目标
任务 责任 全市 我市 各级 部门 领导 干部 群众 人民 国家 全国 全省 规划 项目 措施 成效 成果 基础 需求 主动
""".split())


def theme_words(text: str) -> set[str]:
    """Words of ``text`` that can name a theme: jieba words of 2+ characters, not officialese."""
    from .segment import default_segmenter

    return {w for w in default_segmenter().words(text)
            if len(w) >= 2 and w not in _THEME_IGNORED and not _NUMBER.match(w)}


def checklist_themes(leaves: Sequence[ChecklistItem], share: float = 0.4) -> set[str]:
    """Words in at least ``share`` of the items (and at least 3): what the whole checklist is about
    (教育, 学校 in an education speech; 督导组, 党员, 先进性教育活动 in the seed)."""
    actors = tuple(sorted({getattr(item, "actor", "") or "" for item in leaves}))
    return set(_themes_of(tuple(item.text for item in leaves), share, actors))


THEME_FLOOR = 6          # theme words a short checklist keeps however its items are counted
SHORT_REPORT = 24        # evidence units (clauses): fewer is a direct reply, never off theme
SHORT_CHECKLIST = 20
MIN_THEMES = 3


@lru_cache(maxsize=8)
def _themes_of(texts: tuple[str, ...], share: float, actors: tuple[str, ...] = ()) -> frozenset[str]:
    # a batch worker assesses every report against the same checklist: compute its themes once.
    # The bodies the tasks are addressed to (各区县教育局 in a bureau's notice) are who, not what:
    # a school answering never writes them, and every passage of its reply was off theme (QA7 H3)
    addressed = {w for actor in actors for w in theme_words(actor)}
    df = Counter(w for text in texts for w in theme_words(text) if w not in addressed)
    least = max(3, share * len(texts))
    themes = [w for w, n in df.items() if n >= least]
    if len(texts) <= SHORT_CHECKLIST and len(themes) < MIN_THEMES:
        # a short checklist's line is three or four items, and many words sit right on it: one row
        # added to an edited ledger (7 -> 8 items: 2.8 -> 3.2) cut an education speech's themes from
        # 7 words to 教育, and school reports that seldom write 教育 went "off theme". Such a checklist
        # keeps its commonest words of 3+ items (a long one's share tells an off-theme report apart)
        themes += [w for w, n in sorted(df.items(), key=lambda wn: (-wn[1], wn[0])) if n >= 3][:THEME_FLOOR]
    return frozenset(themes)


# A body names itself 我校/本局…: the last characters of themes that name a kind of body
_SELF_REFERRED = "校局镇院厅委"


def theme_spellings(themes: frozenset[str] | set[str]) -> tuple[str, ...]:
    """Strings whose presence in a passage names one of ``themes``: the themes themselves, read
    inside longer words, and 我X/本X for a theme naming a kind of body X (学校 -> 我校, 本校)."""
    spellings = set(themes)
    for theme in themes:
        if len(theme) >= 2 and theme[-1] in _SELF_REFERRED:
            spellings |= {"我" + theme[-1], "本" + theme[-1]}
    return tuple(sorted(spellings))


def _on_theme(leaves, passages, limits: dict, known_words: dict[str, list[str]] | None = None) -> list[bool]:
    """Which passages may be evidence at all. A report that is off the checklist's theme (fewer than
    ``off_theme_share`` of its passages name a theme word: a provincial work report against an
    education speech) evidences a task only with passages that name the theme (or sit under a heading
    that does); its loose topic-word overlaps ("切实维护高校稳定" <- "稳定高校毕业生就业") are no evidence.
    ``known_words``: text -> its segmenter words, where already known (``_clause_words``)."""
    from .segment import default_segmenter

    themes = checklist_themes(leaves, limits.get("theme_item_share", 0.4))
    if not themes or len(passages) < SHORT_REPORT:
        # a reply of a page or less answers the notice it was asked for: the guard is for long reports
        # on another subject, and a school's short reply that never wrote the one theme word left (组织)
        # was all off theme (QA8 N1)
        return [True] * len(passages)
    names_theme: dict[str, bool] = {}      # sections repeat over their passages: look at each text once
    spellings = theme_spellings(themes)

    def named(text: str) -> bool:
        # themes & theme_words(text): every theme is a theme word, so sharing a plain word suffices;
        # a theme inside a longer word (教育 in 教育经费, 学校 in 中小学校舍) or a body's self-reference
        # (我校 for 学校) names it too: a one-page reply writes so and was read as off theme
        if text not in names_theme:
            words = known_words[text] if known_words and text in known_words else default_segmenter().words(text)
            names_theme[text] = not themes.isdisjoint(words) or any(s in text for s in spellings)
        return names_theme[text]

    # an on-theme report (most) is known as soon as enough passages name a theme: stop there
    enough, flags, count = limits.get("off_theme_share", 0.07) * len(passages), [], 0
    for p in passages:
        flags.append(named(p.text) or named(p.section or ""))
        count += flags[-1]
        if count >= enough:
            return [True] * len(passages)
    return flags
