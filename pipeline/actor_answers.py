"""Which reports answer for an actor's task (gap tables), and the bodies an actor names.

``answers_for``: generic actors such as 各单位 and 市属学校 apply to every unit; a specific body only to
itself, aliases resolved by ``same_body`` (绍兴一中 = 绍兴市第一中学); a kind of body the unit is not
(``body_kind``), such as 各县（市、区）教育局长 for a school, not. ``actor_parts`` splits a compound
actor ("市教育局、市财政局") into its bodies. ``actors`` finds the actor of a sentence and re-exports
these names.
"""
from __future__ import annotations

import re

from .body_names import inside_names, short_name

_ROLE = re.compile(r"（(?:牵头|配合)）$")

# Aliases a body goes by: 绍兴市第一中学 = 绍兴一中, 中共××区卫生局委员会 = ××区卫生局委, 市人民政府 = 市政府
_ALIASES = ((re.compile(r"^中共"), ""), (re.compile(r"\s+"), ""),
            (re.compile(r"(?:市|县|区)?第([一二三四五六七八九十]+)(中|小)学"), r"\1\2"),
            (re.compile(r"人民政府"), "政府"), (re.compile(r"委员会"), "委"))
_SCHOOL_BODY = re.compile(r"学校|我校|本校|校党委|中学|小学|[一二三四五六七八九十]中|高中|初中|高校|学院|大学|幼儿园|中小学")
_BUREAU_BODY = re.compile(r"(?:局|局长|厅|厅长)$")


def body_key(name: str) -> str:
    """``name`` with its aliases resolved, for comparing bodies: "绍兴市第一中学" -> "绍兴一中", and its
    components in their standard short forms (``body_names.short_name``, QA12 H1): "平川县市场监督管理局"
    -> "平川县市场监管局", "县住房和城乡建设局" -> "县住建局"."""
    for pattern, repl in _ALIASES:
        name = pattern.sub(repl, name)
    return short_name(name)


def same_body(actor: str, unit: str) -> bool:
    """Whether ``actor`` names the reporting ``unit`` (or a part of its name: 督导组 in 区委第二督导组,
    绍兴一中 in 绍兴一中行政支部), aliases resolved."""
    a, u = body_key(actor), body_key(unit)
    return bool(a and u) and (a in u or (len(u) >= 4 and u in a))


def body_kind(name: str) -> str:
    """"school" (学校, 中学, 一中, 高校 …), "division" (市教育局基建处), "bureau" (…局, …局长, …厅),
    "township" (各乡镇, 街道, 石门镇人民政府, 各乡镇党政主要负责同志), "government" (…政府) or "" when
    the name does not say."""
    if _SCHOOL_BODY.search(name):
        return "school"
    if _DIVISION.search(name):
        return "division"
    if _BUREAU_BODY.search(name):
        return "bureau"
    if _TOWNSHIP_BODY.search(name):
        return "township"
    return "government" if name.endswith("政府") else ""


# a township or street office, or its people: 各乡镇, 乡镇党委, 城关街道, 石门镇人民政府, 白沙乡 (a 局 is
# checked first: 县乡镇企业局 is a bureau)
_TOWNSHIP_BODY = re.compile(r"乡镇|街道|[乡镇](?:人民政府|政府|党委|政府办公室|党政办)?$")


# a bureau's division (市教育局基建处, 县教育局安监科): part of a bureau, itself neither a bureau nor a school
_DIVISION = re.compile(r"(?:局|厅|委)[\u4e00-\u9fff]{1,6}?[处科室]$")


# (kind of the task's bodies, kind of the unit) that never answer: a school is no bureau, neither a
# school nor a bureau is a government or a township, and a bureau's division is none of them (QA7 M6)
_NOT_THAT_KIND = {("bureau", "school"), ("government", "school"), ("government", "bureau"),
                  ("bureau", "division"), ("school", "division"), ("government", "division"),
                  # QA9 M4: 各乡镇 is every township government, not a county bureau (各乡镇人民政府 was
                  # not, 各乡镇 was: any unit's task); nor a school or a division, and a bureau's task no township's
                  ("township", "bureau"), ("township", "school"), ("township", "division"), ("bureau", "township")}


# Actors any reporting unit may answer for; a specific body (督导组, 领导小组…) is answered for only by itself
GENERIC_ACTORS = frozenset({"各单位", "各部门", "各地区", "各系统", "各地", "各级", "各级党组织", "基层党组织", "党组织",
                            "党委", "党工委", "党组", "党支部", "党委（党组）", "第一责任人", "直接责任人",
                            "主要负责人", "主要负责同志", "责任人", "领导班子", "班子成员", "党员", "党员干部", "领导干部",
                            "共产党员", "各乡镇", "各街道", "乡镇", "街道", "政府"})


def is_generic_actor(actor: str) -> bool:
    """Actors every reporting unit answers for: the listed ones, any "各…" (各级党委, 各县（市、区）教育局,
    各学校: every body of a kind) and compounds of listed ones (各级党委和政府). Only a specific body
    (督导组, 市教育局, 领导小组) is answered for by itself alone."""
    if actor in GENERIC_ACTORS or _every_body(actor):
        return True
    parts = actor_parts(actor)
    # one "各…" part makes the compound every unit's ("市教育局、各学校", as staff type it into 责任主体)
    return any(_every_body(part) for part in parts) or all(part in GENERIC_ACTORS for part in parts)


def _every_body(name: str) -> bool:
    """Every body of a kind: "各…" (各学校, 各县（市、区）教育局), at a level ("区各有关部门", "全市各单位":
    QA10 N5's 其次 task, a department's own, was none of the 区's departments') or a class (市属学校, 部分农村学校)."""
    return bool(_EVERY_AT_LEVEL.match(name)) or bool(_CLASS_OF_BODIES.match(name))


_EVERY_AT_LEVEL = re.compile(r"^(?:全?[省市县区镇乡])?各")


# "市属学校", "部分农村学校", "广大中小学": a class of bodies, answered for by each member like "各学校"
_CLASS_OF_BODIES = re.compile(r"^(?:市属|区属|县属|省属|直属|市直|农村|城区|城乡|部分|全体|所有|广大|公办|民办|各类|普通|相关|有关|"
                              r"其他|其它)[\u4e00-\u9fff]{0,6}(?:学校|中小学|高校|院校|幼儿园|单位|部门|企业|乡镇|街道|社区)"
                              r"(?:校长|书记|负责人|主要负责人|领导班子|班子)*$")     # 市属学校校长书记: their heads


def answers_for(actor: str, unit: str) -> bool:
    """Whether a report of ``unit`` answers for a task of ``actor`` (责任主体). No actor or no known
    unit: yes. A generic actor (各单位, 各级党委, 市属学校 …): yes, except a kind of body the unit
    clearly is not (各县（市、区）教育局长 for a school). A specific body (市教育局, 督导组): only itself,
    aliases resolved (绍兴一中 = 绍兴市第一中学). A compound: when any of its parts does."""
    if not actor or not unit:
        return True
    for part in actor_parts(actor):
        if same_body(part, unit):
            return True
        if part in GENERIC_ACTORS or _every_body(part):
            if (body_kind(part), body_kind(unit)) not in _NOT_THAT_KIND:
                return True
    return False


def actor_parts(actor: str) -> list[str]:
    """The bodies a compound actor names ("市教育局、市财政局" -> both); a single actor is itself, and
    a bracketed list stays inside its body ("县（市、区）教育局")."""
    parts, current, depth = [], [], 0
    inside = inside_names(actor)       # 县住房和城乡建设局 is one body (QA12 M1)
    for k, ch in enumerate(actor):
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        if depth == 0 and k not in inside and (ch in "和及与、，,；;/" or ch.isspace()):
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    # "市教育局安监处（牵头）": the role is no part of the body's name
    return [_ROLE.sub("", part) for part in parts if part] or [actor]
