"""What a report passage says about a task: an admitted shortfall, a plan, boilerplate, no action
at all, or the task's own words pasted back (gap matching reads these before scoring evidence).

Pure functions of the text (and the label the classifier gave it); used by ``gap_evidence``.
"""
from __future__ import annotations

import re

from .extract.markers import strip_marker

# 薄弱学校/薄弱学科 are policy terms (薄弱学校改造 is a task, done or not), not a shortfall admitted
_ADMISSION = re.compile(r"不够|不足|差距|欠缺|薄弱(?!学校|学科|学段|校|地区|村|学生)|不到位|偏少|偏低|不深|不明显|不充分|不彻底|不规范|反弹|"
                        r"难以保证|没有.{0,6}到位|未能|尚未|还存在|(?<!指出)(?<!发现)(?<!查找)(?<!梳理)(?<!查摆)(?<!解决)(?<!反馈)存在.{0,8}问题|以干代学|顾虑|有待|仍需|还需|尚需|"
                        r"缺乏|滞后|不平衡|没有很好|不力|不强|不高|不及时|不扎实|不细|不实|还须|尚须|还欠")
_FIXED = re.compile(r"(?:立即|已经|已|及时)(?:进行了|进行|完成了|完成|基本)?(?:整改|解决|纠正)|进行了整改|整改到位了|"
                    r"立行立改|督促(?:其|我们|各单位|有关单位)?.{0,4}整改|(?:当场|当即|现场)?予以(?:纠正|整改|解决)|当场(?:纠正|整改)")
# "针对/对…问题，…": the opening clause names a problem the main clause deals with; only the main
# clause can admit a shortfall of the reporter ("对督导组反馈的问题，我局整改还不够彻底")
_RESPONSE = re.compile(r"^(?:针对|对于?).{0,40}?(?:问题|情况|现象)(?:[和与及](?:不足|差距|短板))?(?:等)?[，,]")
_FLUFF = re.compile(r"深刻认识|进一步增强|较好地|有序开展|有力推动|有效推进|取得.{0,4}成效|明确了.{0,10}(?:任务|要求)|"
                    r"加强对.{0,10}指导|发挥了.{0,6}作用|高度重视|"
                    # a superior's summary of the unit ("六是教师队伍建设有新的成绩"): an assessment, no specifics
                    r"有新的(?:成绩|跃升|提升|进步|突破)|有所(?:加强|提高|提升|进步)|逐步显现|更加(?:清晰|精细)")
# not an action of the unit at all: an appendix title ("附：五大文化建设工程总体要求"), a term defined
# ("大通课程取意广博、融通"), another school's practice ("该校倡导…"), the school's history ("自建校以来…")
_NOT_ACTION = re.compile(r"^附[一二三四五六七八九十\d]*[：:]|^[^，。；：]{1,12}(?:取意|是指|意指)|^该校|^(?:自建校以来|建校以来)")
# a shortfall of the work as a whole, on no one task ("与上级领导的要求还有一定差距", "还有一些需要加强和改进的地方")
_OVERALL_SHORTFALL = re.compile(r"与[^，。；]{0,16}(?:要求|期望|期待|目标|标准)[^，。；]{0,6}(?:差距|距离)|"
                                r"还有(?:一些|不少|许多)?(?:需要|有待)?(?:加强|改进|提高|完善)[^，。；]{0,8}(?:地方|之处)")
_PLAN = re.compile(r"准备|拟|计划|将在|将于|将继续|将进一步|下一步|下一阶段|下阶段|下周|下月|今后|打算|希望")
_CONCRETE = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十两百千万]+)\s*(?:余|多)?(?:次|个|篇|条|期|份|场|人|名|项|%|％|万|家|户|件)"
                       r"|每(?:周|月|天|日|季度|半月|两周)")


_RESTATED_SHARE = 0.7      # of a passage's character bigrams found in the task's own text
_RESTATED_MIN = 12


# the unit speaking of itself ("我校严格执行免试就近入学规定，未举行任何形式的入学考试"): a statement of
# compliance in the task's words is its own account, the only evidence a prohibition can have (QA7 L2)
_OWN_VOICE = re.compile(r"(?:我校|我局|我单位|我们|本校|本局|本单位|全校)")


def restates(text: str, task_text: str) -> bool:
    """Whether a passage is mostly the task's own words copied ("以文件落实文件": the speech's
    sentence pasted into the report, followed by 我校高度重视)."""
    body = re.sub(r"\W", "", strip_marker(text))
    if len(body) < _RESTATED_MIN or not task_text or _OWN_VOICE.match(strip_marker(text).strip()):
        return False
    grams = {body[i:i + 2] for i in range(len(body) - 1)}
    task = re.sub(r"\W", "", task_text)
    return sum(g in task for g in grams) >= _RESTATED_SHARE * len(grams)


def _admits(hit) -> bool:
    """A shortfall of the reporter itself: admission wording in the main clause, not a measure."""
    if hit.label == "measure":
        return False
    opening = _RESPONSE.match(hit.text)
    main = hit.text[opening.end():] if opening else hit.text
    if _FIXED.search(main):
        return False
    # an item of a list announced as shortfalls ("…存在着一些问题和不足：一是…，五是…要有新的突破")
    listed = hit.label == "problem" and bool(getattr(hit, "lead_in", "")) and bool(_ADMISSION.search(hit.lead_in))
    return listed or bool(_ADMISSION.search(main))


def _admits_task(p) -> bool:
    """A passage that admits a shortfall on some task: not a lead-in announcing a list of them, not a
    wrap-up on the work as a whole ("虽然取得了一定的成绩，但与上级领导的要求还有一定差距，…")."""
    return not p.text.rstrip().endswith(("：", ":")) and not _OVERALL_SHORTFALL.search(p.text) and _admits(p)
