"""The standard short forms of Chinese government bodies' names, for telling whether two names are one body.

A notice names a body by its short form (县市场监管局, 县住建局, 县人社局) and the body signs its reply
with the full name (平川县市场监督管理局, 平川县住房和城乡建设局, 平川县人力资源和社会保障局), or the other
way round (QA12 H1). ``short_name`` rewrites each full component to its standard abbreviation, so
both spellings give one key; the place prefix (平川县X = 县X = X) is left to ``actor_answers.same_body``'s
containment test. The table lists name components as the State Council's and the Party's bodies are
named and abbreviated at every level (国务院/省/市/县 the same words), never one notice's wording:
the full form (and its variants: with or without 和, 广电 inserted) -> the short form in use.

A few full names hold 和 (住房和城乡建设局): ``split_names`` splits a list of bodies on 、/和/及/与
without cutting such a name in two (QA12 M1: "X要会同县住房和城乡建设局…" lost the second body).
"""
from __future__ import annotations

import re

# full component (variants) -> standard short form; longest variants are tried first
_SHORT_FORMS: tuple[tuple[str, str], ...] = (
    # 国务院组成部门 and their local counterparts (…局 at county level, …委/…厅 above)
    ("住房和城乡建设|住房城乡建设", "住建"),
    ("人力资源和社会保障|人力资源社会保障|人力社保", "人社"),
    ("发展和改革|发展改革", "发改"),
    ("工业和信息化|工业信息化", "工信"),
    ("经济和信息化|经济信息化", "经信"),
    ("文化广电体育和旅游|文化广电和旅游|文化广电旅游|文化体育和旅游|文化和旅游|文化旅游|文广体旅|文广旅", "文旅"),
    ("自然资源和规划|规划和自然资源|自然资源规划", "自然资源"),
    ("卫生健康|卫生和健康", "卫健"),
    ("卫生和计划生育|卫生计生", "卫计"),
    # a county's 卫生健康 and 发展和改革 body is a 局 in most counties and a 委(员会) in others, one body
    # either way: a notice's 县卫健局 and a reply signed 平川县卫生健康委员会 (qa13 S6)
    ("卫健委", "卫健局"),
    ("发改委", "发改局"),
    ("市场监督管理", "市场监管"),
    ("应急管理", "应急"),
    ("生态环境|环境保护", "环保"),
    ("农业和农村", "农业农村"),
    ("交通运输", "交通"),
    ("城市管理和综合执法|城市管理综合行政执法|城市管理综合执法|城市管理行政执法|城市管理执法|城管执法|城市管理", "城管"),
    ("教育和体育|教育体育", "教体"),
    ("退役军人事务", "退役军人"),
    ("医疗保障", "医保"),
    ("科学技术协会", "科协"),
    ("科学技术", "科技"),
    ("林业和草原", "林草"),
    ("粮食和物资储备", "粮储"),
    ("民族和宗教事务|民族宗教事务", "民宗"),
    ("机关事务管理", "机关事务"),
    ("行政审批服务", "行政审批"),
    ("广播电视", "广电"),
    ("人民防空", "人防"),
    ("政务服务和大数据管理|政务服务和数据管理", "政务服务"),
    # 县公安局交通警察大队 = 县公安局交警大队: the bureau's name stays in its brigade's, so the brigade
    # still answers for the bureau's tasks (qa13 R2: its key became 县交警大队, 公安局's task 不适用)
    ("交通警察", "交警"),
    ("消防救援", "消防"),
    # the Party's and the courts' bodies
    ("纪律检查委员会|纪律检查委", "纪委"),
    ("政法委员会", "政法委"),
    ("统一战线工作部", "统战部"),
    ("机构编制委员会办公室|机构编制委办公室|编委办", "编办"),
    ("人民法院", "法院"),
    ("人民检察院", "检察院"),
    ("妇女联合会", "妇联"),
    ("残疾人联合会", "残联"),
    ("工商业联合会", "工商联"),
    ("供销合作社", "供销社"),
    # a committee's or a government's office: 县委办公室 = 县委办, 县人民政府办公室 = 县政府办
    ("委员会办公室|委办公室", "委办"),
    ("政府办公室", "政府办"),
)
_SHORT = [(re.compile(full), short) for full, short in _SHORT_FORMS]
# 市监局 is 市场监督管理局's short form too (not 城市监…, which is no body)
_MARKET = re.compile(r"(?<!城)市监局")

# the full names that hold 和 (or 及/与) inside: no list separator there
_AND_INSIDE = re.compile("|".join(sorted(
    {variant for full, _ in _SHORT_FORMS for variant in full.split("|") if re.search("[和及与]", variant)}
    | {"商务和粮食", "水利和湖泊", "住房和城乡规划建设", "新闻出版和版权"}, key=len, reverse=True)))


def short_name(name: str) -> str:
    """``name`` with each full component replaced by its standard short form: "平川县市场监督管理局" ->
    "平川县市场监管局", "县住房和城乡建设局" -> "县住建局", "中共平川县委办公室" -> "中共平川县委办"."""
    for pattern, short in _SHORT:
        name = pattern.sub(short, name)
    return _MARKET.sub("市场监管局", name)


def split_names(text: str, separators: str = r"[、和及与]") -> list[str]:
    """``text`` split at ``separators`` (a regex), except a 和/及/与 inside a body's full name:
    "县住房和城乡建设局、县财政局" -> ["县住房和城乡建设局", "县财政局"]."""
    inside = inside_names(text)
    parts, start = [], 0
    for sep in re.finditer(separators, text):
        if sep.start() in inside:
            continue
        parts.append(text[start:sep.start()])
        start = sep.end()
    parts.append(text[start:])
    return parts


def inside_names(text: str) -> frozenset[int]:
    """Positions in ``text`` of the 和/及/与 that are part of a body's full name (住房和城乡建设局)."""
    return frozenset(m.start() + k for m in _AND_INSIDE.finditer(text)
                     for k, ch in enumerate(m.group()) if ch in "和及与")
