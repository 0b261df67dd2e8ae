"""Which kind of school a task is about, and which kind a reporting school is (gap tables).

A city conference's checklist has tasks for kindergartens, vocational schools and universities; a
中学's report may share words with them (培训, 招生, 平安校园) but does not run that sector (QA: 绍兴一中
rated 已落实 on 着力提高幼儿教师专业水平, 稳定高校招生规模, 切实维护高校稳定).
"""
from __future__ import annotations

import re
from functools import lru_cache

SECTOR_WORDS = {
    "preschool": ("学前教育", "学前", "幼儿园", "幼儿教师", "幼儿"),
    "vocational": ("职业教育", "职业学校", "职业技术", "中职", "高职", "职校", "双师型", "高技能", "单考单招", "技工学校"),
    "higher": ("高校", "高等教育", "高等院校", "大学生", "本专科", "高教园"),
}
# longest word first; 高技能 not inside 提高技能 (a university's 技能竞赛)
_SECTOR_PATTERNS = {sector: re.compile("|".join(("(?<!提)" if w == "高技能" else "") + w
                                                for w in sorted(words, key=len, reverse=True)))
                    for sector, words in SECTOR_WORDS.items()}
# a task naming schooling at large or the schools a 中学 belongs to is every school's
_GENERAL_SCHOOLING = re.compile(r"基础教育|义务教育|中小学|普通高中|普高|高中|初中|小学|中学|各级各类|各类学校")
_UNIT_SECTOR = (("preschool", re.compile(r"幼儿园|幼教")),
                ("vocational", re.compile(r"职业|职校|中职|高职|技工|技师|中专")),
                ("higher", re.compile(r"大学|高校|学院")),
                ("school", re.compile(r"中学|小学|[一二三四五六七八九十]中|高中|初中|实验学校")))


@lru_cache(maxsize=1024)     # per report x per task in a batch worker: a checklist's tasks, scanned once
def task_sector(text: str) -> str:
    """"preschool", "vocational" or "higher" when ``text`` (a task) is about that kind of school: its
    words occur at least twice and more than twice as often as another sector's, and the task does not
    name schooling at large (基础教育, 中小学, 普通高中 …). A passing mention ("在绍高校惩防工作联席会议"
    in an integrity task, "中高职学校的专业布局" in a list of aims) does not make a sector task."""
    if _GENERAL_SCHOOLING.search(text):
        return ""
    counts = sorted(((len(pattern.findall(text)), sector) for sector, pattern in _SECTOR_PATTERNS.items()),
                    reverse=True)
    (top, sector), (second, _) = counts[0], counts[1]
    return sector if top >= 2 and top > 2 * second else ""


def unit_sector(unit: str) -> str:
    """The kind of school ``unit`` is: "preschool", "vocational", "higher", "school" (a 中学/小学)
    or "" when the name does not say (我校, a bureau)."""
    for sector, pattern in _UNIT_SECTOR:
        if pattern.search(unit or ""):
            return sector
    return ""


def other_sector(task: str, unit: str) -> str:
    """The sector of ``task`` when it is a kind of school ``unit`` clearly is not, else ""."""
    sector, own = task_sector(task), unit_sector(unit)
    return sector if sector and own and own != sector else ""
