"""Cue lexicon: surface hints for each label, taken from ``shared/LABELS.md`` and the genre's grammar.

Cues are hints, not rules (LABELS.md). Each entry is a regular expression with a weight; the rule
classifier sums the weights per label, and the statistical models see which cues fired as features.
The lists are organised by linguistic function (deontic modals, responsibility predicates, deficit
predicates, evaluative/recognition vocabulary, perfective action verbs), never by copying sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..extract.regex_chars import trigger_chars


@dataclass(frozen=True, slots=True)
class Cue:
    label: str
    name: str
    pattern: re.Pattern
    weight: float


# (label, weight, patterns). Names are the patterns themselves, prefixed by the label, so the
# ``cues`` a passage carries say exactly which hint fired.
_CUES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    # duty: remit/responsibility predicates ("X is charged with …")
    ("duty", 2.0, (r"职责", r"主体责任", r"第一责任人", r"责任人", r"牵头", r"负总责", r"承担[^。；]{0,12}(重任|任务|责任)",
                   r"扛起[^。；]{0,6}责任", r"担起[^。；]{0,6}责任", r"一岗双责")),
    ("duty", 1.2, (r"负责", r"督促", r"督导", r"指导组", r"督导组", r"巡察办", r"收集[^。；]{0,15}(反映|报送|上报)",
                   r"落实[^。；]{0,8}任务", r"分管", r"配合", r"协助", r"各(级|地|部门|单位|乡镇|街道)[^。；]{0,12}要",
                   r"(局|委|办|部门|组|中心|公司|单位|政府)要")),
    # requirement: deontic modals, directives, prohibitions, wishes, commitments
    ("requirement", 1.5, (r"必须", r"务必", r"应当", r"不得", r"严禁", r"禁止", r"切实", r"确保", r"希望", r"一定要",
                          r"坚决", r"决不", r"绝不", r"要(进一步|始终|坚持|加强|强化|抓好|做好|把|以|在|将|认真|严格|着力|深入|全面|及时|高度)")),
    ("requirement", 1.0, (r"要", r"坚持", r"着力", r"力争", r"努力", r"进一步", r"加快", r"推动", r"推进", r"抓好", r"做好",
                          r"不断", r"将(继续|进一步|着力|加大|持续)", r"持续", r"下一步", r"今后", r"继续")),
    # problem: deficit predicates, risks, violations, complaints
    ("problem", 2.0, (r"存在(的|着)?[^。；]{0,20}(问题|不足|短板|差距|隐患|薄弱|风险)", r"不到位", r"不够", r"不足", r"差距",
                      r"薄弱", r"短板", r"隐患", r"违反", r"违规", r"违纪", r"滞后", r"不力", r"欠缺", r"缺乏", r"有待(进一步)?",
                      r"不(严|实|细|准|高|强|深|全|规范|平衡|充分|明显|匹配|适应|及时|落实)", r"流于形式", r"走过场", r"形式主义",
                      r"官僚主义", r"(较|比较|还)(弱|低|少|差|多|大)", r"问题(依然|仍然|还)?(突出|较多|明显)")),
    # problem warnings in speeches: the speaker flags a risk or an unsolved state rather than a found fault
    ("problem", 2.0, (r"清醒(地)?(看到|认识到)", r"(仍然|依然|依旧|还很|还比较|比较|十分|相当)(艰巨|严峻|复杂|繁重|薄弱)",
                      r"(仍然|依然|依旧|还很|还比较|还)突出",     # 十分/比较突出 alone is also praise (成效十分突出)
                      r"(引起|值得)警惕", r"不容乐观", r"容易(出现|产生|滋生|发生)")),
    ("problem", 1.2, (r"(面临|遇到|经受)[^。；]{0,16}(考验|挑战|风险|困难|压力)", r"问题", r"困难", r"矛盾", r"风险", r"挑战", r"个别", r"有的", r"部分[^。；]{0,10}(不|未|没有)", r"一些[^。；]{0,10}(不|未|没有)",
                      r"仍(然)?(有|存在)", r"尚(未|不)", r"没有", r"未能", r"偏(低|高|少|弱)", r"下滑", r"不容忽视", r"反映")),
    # exemplar: recognition, models, experience, results worth copying
    ("exemplar", 2.0, (r"典型", r"示范", r"先进", r"表彰", r"亮点", r"被(评为|授予|命名|列为|确定为)", r"荣获", r"获得?[^。；]{0,20}(奖|称号|荣誉)",
                       r"成效(显著|明显)", r"经验(做法)?", r"推广", r"标杆", r"样板", r"品牌", r"走在[^。；]{0,6}前列", r"第一名|一等奖|金牌",
                       r"(全国|全省|全市|省级|国家级)[^。；]{0,10}(奖|称号|示范|先进)")),
    ("exemplar", 1.0, (r"创新", r"特色", r"做法", r"成果", r"成绩", r"荣誉", r"获", r"取得", r"显著", r"赞誉", r"肯定", r"入选", r"率先")),
    # measure: perfective action verbs, counts, meetings held, documents issued
    ("measure", 2.0, (r"(组织|召开|制定|出台|印发|下发|开展|举办|建立|成立|完成|实施|修订|排查|检查|整改)了",
                      r"共(计)?[^。；]{0,12}\d+[^。；]{0,3}(次|场|篇|人|个|项|期|份|家|条|处|起|户|名)", r"累计", r"先后",
                      r"成立[^。；]{0,15}(领导小组|工作专班|专班|工作组)", r"已(经)?(完成|建立|制定|开展|召开|整改|落实|实现)", r"截至")),
    ("measure", 1.0, (r"组织", r"召开", r"开展", r"举办", r"制定", r"印发", r"下发", r"建立", r"实施", r"通过", r"采取",
                      r"\d+(次|场|篇|人|个|项|期|份|家|条|处|起|户|名)", r"我(们|局|委|办|区|县|镇|街道|单位|公司|校|院)")),
    # other: addresses, transitions, summaries, lead-ins
    ("other", 2.0, (r"^同志们[：:，,！!]?$", r"^(下面|这里|以下)[^。]{0,30}[：:]$", r"^总之", r"这标志着", r"[：:]$")),
    ("other", 0.8, (r"同志们", r"下面", r"总之", r"意义", r"是[^。]{0,10}(前提|基础|关键|保证|根本)", r"因为", r"由于", r"目的是")),
)


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """All cues, compiled once."""
    out = []
    for label, weight, patterns in _CUES:
        for pat in patterns:
            out.append(Cue(label=label, name=f"{label}:{pat}", pattern=re.compile(pat), weight=weight))
    return tuple(out)


@lru_cache(maxsize=8192)   # asked twice per passage: for its own rule scores and as a neighbour's cue
def fired(text: str) -> tuple[Cue, ...]:
    """The cues whose pattern occurs in ``text`` (each cue counted once), in ``cues()`` order.

    Same answer as ``fired_plain``; only the cues that can match are searched: a cue whose every
    match contains one of a few characters (``trigger_chars``) is skipped when ``text`` has none of
    them. A passage has some 40 distinct characters, so about a third of the 164 patterns are run
    (measured: 1.7 -> 0.7 ms per report).
    """
    index, always = _trigger_index()
    candidates = set(always)
    for ch in index.keys() & set(text):
        candidates.update(index[ch])
    every = cues()
    return tuple(every[i] for i in sorted(candidates) if every[i].pattern.search(text))


def fired_plain(text: str) -> tuple[Cue, ...]:
    """``fired`` without the trigger-character index: every pattern searched (the definition)."""
    return tuple(c for c in cues() if c.pattern.search(text))


@lru_cache(maxsize=1)
def _trigger_index() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """trigger character -> indices of the cues it may fire; indices of the cues always searched."""
    index: dict[str, list[int]] = {}
    always = []
    for i, cue in enumerate(cues()):
        chars = trigger_chars(cue.pattern)
        if chars is None:
            always.append(i)
            continue
        for ch in chars:
            index.setdefault(ch, []).append(i)
    return {ch: tuple(ids) for ch, ids in index.items()}, tuple(always)


# Structural vocabulary: what a lead-in or section title announces.
LEAD_IN_DUTY = re.compile(r"职责|分工|职能|责任清单|工作责任")
LEAD_IN_REQUIREMENT = re.compile(r"要求|希望|意见|建议|号召|注意|做到|把握|坚持|强调|努力")
SECTION_PROBLEM = re.compile(r"存在的?[^。]{0,8}(问题|不足)|问题(和|与|及)[^。]{0,6}(不足|原因|短板)|不足之处|短板|差距|薄弱环节|主要问题|^问题|不足$|困难和问题")
SECTION_PLAN = re.compile(r"下一步|今后|努力方向|工作打算|工作计划|工作思路|整改(措施|方向)|改进(措施|方向|计划)|几点(意见|要求|建议)|建议")
# A section that announces the coming year's or period's work ("三、2026年重点工作任务", "今年主要目标任务",
# "“十五五”时期主要目标任务") holds plans, i.e. requirements (LABELS.md), once it is seen to look ahead:
# relative words here, explicit years against the document's date in ``rules.section_type``.
# A review ("2025年工作回顾", "过去五年的主要工作") never does, whatever year it names.
SECTION_REVIEW = re.compile(r"回顾|总结|过去|以来|去年|上一?年度|成效|成绩|取得|完成情况|(开展|落实|推进|进展|执行)情况")
SECTION_AHEAD = re.compile(r"今年|明年|今后|下一步|下一?阶段|下半年|未来|新的一年|新一年|接下来|新学年|新学期")
SECTION_AGENDA = re.compile(r"任务|安排|部署|打算|目标|重点|计划|思路|工作|举措|设想")
SECTION_YEAR = re.compile(r"((?:19|20)\d{2})\s*年|([〇○零一二三四五六七八九]{4})年")
# a five-year plan period ("十四五", "“十五五”时期"); 十五 alone is also the number fifteen, so the
# period needs its quotes or a following 规划/时期/期间
FIVE_YEAR_PLAN = re.compile(r"(?<=“)十([一二三四五六七八九]?)五(?=”)|十([一二三四五六七八九]?)五(?=规划|时期|期间)")
# What makes a sentence a showcase in itself (GUIDELINE.md, convention 1): an honour or ranking, others
# adopting the practice, or an explicit success claim. Inside a 亮点/特色 section of a document that is not
# itself a showcase, only such sentences (and the item headings) are held up as models; the plain account
# of what was done is a measure and the description of the unit is other.
SHOWCASE = re.compile(r"荣获|获评|被(评为|授予|命名|列为|确定为|认定为)|获[^。；]{0,20}(奖|称号|荣誉|金牌|银牌|铜牌)|第一名|一等奖|"
                      r"入选|推广|(作|做)[^。；]{0,8}(经验|典型)|交流发言|报道|走在[^。；]{0,6}前列|位列|名列|"
                      r"(居|列)[^。；]{0,8}(第一|首位|前列)|成效(显著|明显)|取得[^。；]{0,6}(明显|显著|良好)?[^。；]{0,4}(成效|成绩|成果)|"
                      r"肯定|赞誉|好评")
SECTION_EXEMPLAR = re.compile(r"亮点|经验|典型|特色|成效|成绩|成果|做法与成效|创新")
SECTION_MEASURE = re.compile(r"主要(工作|做法|措施)|工作(开展|落实|推进)情况|(开展|落实|推进|整改)情况|采取的措施|基本情况|工作情况|主要举措|做法")
