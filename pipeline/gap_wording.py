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
                       # lengths, areas, sites by figure ("改造12公里"): not after 一 (统一台账, 统一处理)
                       r"|\d+(?:\.\d+)?\s*(?:余|多)?(?:处|座|公里|千米|米|吨|亩|台|套)"
                       r"|每(?:周|月|天|日|季度|半月|两周)")


_RESTATED_SHARE = 0.7      # of a passage's character bigrams found in the task's own text
_RESTATED_MIN = 12


# the unit speaking of itself ("我校严格执行免试就近入学规定，未举行任何形式的入学考试"): a statement of
# compliance in the task's words is its own account, the only evidence a prohibition can have (QA7 L2)
_OWN_VOICE = re.compile(r"(?:我校|我局|我单位|我们|本校|本局|本单位|全校|我镇|我乡|我街道|本镇|本乡|全镇|全乡)")   # townships too (review7 M9)


# the unit stating what it means to do ("我镇要组织力量对…开展拉网式排查", "我镇将坚持…", "我局拟…"):
# a plan in its own voice, not work done (QA9 H4: it was 已落实 against a speech). The subject, then
# at most a few adverbs, then the modal; 要求/要点 and 将来/将近 are no intent, and a perfective
# (了, 已, 完成, a 共/累计 count) says the work is done whatever modal opens the sentence
_INTENT = re.compile(r"(?:我(?:镇|乡|街道|县|区|市|局|委|办|校|院|所|站|中心|单位|们|组|部)|本(?:镇|乡|局|单位|校|部门)|全(?:镇|乡))"
                     r"(?:还|也|都|仍|就|会|必须|一定|坚决|继续|进一步|下一步|下阶段|今后|明年|接下来)*"
                     r"(?:要(?!求|点|素)|将(?!近|来)|拟|计划|准备|力争|打算|争取|需要)")
# the modal further on ("我局今年将…", "我局结合实际，将…") or opening a clause whose subject is the
# unit's, left out ("…；将推动餐饮场所燃气报警器安装全覆盖。"): intent as well (QA10 N8); only the verbal
# modals, 计划/准备 being nouns as often ("制定工作计划")
_MODAL = r"(?:(?<![需主重只必紧纲摘提])要(?!求|点|素|闻|害)|将(?!近|来)|拟|力争|争取)"
_INTENT_LATER = re.compile(r"(?:我(?:镇|乡|街道|县|区|市|局|委|办|校|院|所|站|中心|单位|们|组|部)|本(?:镇|乡|局|单位|校|部门)|全(?:镇|乡))"
                           rf"[^。；;！？]{{0,14}}?{_MODAL}")
_OPENING_MODAL = re.compile(r"^(?:还|也|都|仍|同时|此外|下一步|下阶段|今后|接下来|[，,\s])*"
                            r"(?:将(?:继续|进一步|持续|全面|加快|加大|推动|推进|开展|组织|强化|深化|深入|积极|着力|抓紧|尽快"
                            r"|切实|不断|逐步|加强|完善|建立|实现|督促|于|在)|要(?!求|点|素|闻|害)|拟|力争|争取)")
_PERFECTIVE = re.compile(r"(?<![为除])了(?!解)|已|完成|完毕|(?:共|累计|合计)[^，。；;]{0,8}?\d")


# a completion set as a target, not reported ("力争年底前完成改造12公里", "将于9月底前全面建成", "要完成"):
# the 完成 of a deadline or a modal is no perfective (QA10 N8: "我局将…，年底前完成…" read as done)
_DEADLINE = (r"(?:年底|年末|年内|今年底|明年|本月底|月底|月末|季度末|上半年|下半年|汛期"
             r"|\d{1,2}月(?:底|末|份|\d{1,2}日)?|[一二三四五六七八九十]{1,2}月(?:底|末|份)?)")
_TARGET_DONE = re.compile(rf"(?:前|之前|以前|年内|月内|底|将|要|力争|争取|计划|拟|预计|确保)(?:于|在)?"
                          rf"(?:{_DEADLINE}(?:前|之前|以前|内)?)?(?:全部|全面|基本|如期|按期|按时)?(?:完成|完毕|建成)"
                          # "计划明年完成", "确保隐患整改完毕" (review7 M6): a target, its object between
                          r"|确保[^，。；;]{0,8}?(?:完成|完毕)")
# a future target with no subject in front of its modal, or the modal after other words ("我局加快推进
# 改造，将于年底前完成12公里", "年底前将完成…", "力争年底前完成…"); 要求/指出/强调 are another's voice
_FUTURE_TARGET = re.compile(rf"(?:将|(?<![主重需只必紧纲摘提])要(?!求|点|素)|力争|争取|计划|拟|预计)(?:于|在)?{_DEADLINE}(?:前|之前|以前|内)?"
                            rf"[^，。；;]{{0,4}}?(?:全部|全面|基本|如期|按期)?(?:完成|建成|实现|达到|竣工|完工)"
                            rf"|{_DEADLINE}(?:前|之前|以前|内)(?:将|要|力争|争取|计划)(?:全部|全面|基本|如期)?(?:完成|建成|实现|达到|竣工|完工)")
_ANOTHER_VOICE = re.compile(r"要求|指出|强调|希望|提出")


def intends(text: str) -> bool:
    """Whether a passage only states the unit's intent (``_INTENT``, or a future target of completion,
    ``_FUTURE_TARGET``): at most partial evidence."""
    body = strip_marker(text)
    if _PERFECTIVE.search(_TARGET_DONE.sub("", body)):
        return False
    if _INTENT.search(body) or _INTENT_LATER.search(body) and not _ANOTHER_VOICE.search(body):
        return True
    return bool((_FUTURE_TARGET.search(body) or _OPENING_MODAL.match(body.strip())) and not _ANOTHER_VOICE.search(body))


# a form's answer that only claims the task done or under way ("已完成", "已落实", "正在推进"): the unit
# answered the row, with no detail to show it (QA9 M14: a terse 自查表 was 未体现 on every task)
_BARE_CLAIM = re.compile(r"^(?:已经|均已|现已|已|全部|基本|按时|按期|按要求|正在|正|持续|稳步|有序)*"
                         r"(?:完成|落实|推进|整改|开展|实施|到位|办结|建立|部署|执行)"
                         r"(?:中|到位|完毕|完成|落实)?[。.！!]?$")
# ... or not begun, or not applicable ("未启动", "尚未开展", "否", "不适用"): the row answered as well, read with its
# task, where it admits a shortfall (``states_not_done``, "：否") or says the task does not apply
# (``declares_exempt``); each was dropped as too short to be evidence (qa12 H2/M6: 未体现). "无" stays out (in a
# 佐证材料 column it says no material, not no work), and so does "不涉及" alone (a returned ledger's answer on
# another body's row).
_BARE_REFUSAL = re.compile(r"^(?:尚|还|暂|均|仍)?(?:未|没有)(?:完成|开展)?(?:启动|开展|完成|落实|实施|部署|成立|建立|推进|整改|安装|登记)"
                           r"(?:工作)?[。.]?$|^(?:否|不适用)[。.]?$")
_ANSWERED_NO = re.compile(r"[：:]\s*否[。.]?$")     # "成立专项整治工作专班：否"
# a hazard or a fault: none of it is a result of the work, not a shortfall ("是否发生燃气安全事故：否"), and not
# a reason the task does not apply (``declares_exempt``)
_HAZARD = re.compile(r"违章|违法|违规|非法|隐患|问题|事故|险情|不合格|超标|私接|占压|投诉|火灾|伤亡|案件")
# a question on what the unit is, not on work it did: "否" to it is a fact ("是否属于重点单位：否") or that the task
# does not apply ("是否涉及瓶装液化气经营：否", ``declares_exempt``), no shortfall (review8 M3); nor on a hazard
_ASKED_FACT = re.compile(r"是否(?:存在|发生|出现|有|属于|涉及|为|是|需要)")


def _answered_no(text: str) -> re.Match | None:
    """A row answered "否" on work to do (a match), not on a hazard asked after ("是否发生燃气安全事故：否")
    nor on a fact about the unit ("是否属于重点单位：否")."""
    no = _ANSWERED_NO.search(text)
    asked = text[:no.start()] if no else ""
    return no if no and not (_HAZARD.search(asked) or _ASKED_FACT.search(asked)) else None


def bare_status(text: str) -> bool:
    """Whether a form answer (alone, or after its row's task as "任务：已完成") only states the task's
    status, with no detail of the work: done or under way (``_BARE_CLAIM``), not begun or not
    applicable (``_BARE_REFUSAL``); the row's task is what the status is about (``gap_passages``)."""
    answer = re.sub(r"\s+", "", re.split(r"[：:]", strip_marker(text).strip())[-1])
    return bool(_BARE_CLAIM.match(answer) or _BARE_REFUSAL.match(answer))


def restates(text: str, task_text: str) -> bool:
    """Whether a passage is mostly the task's own words copied ("以文件落实文件": the speech's
    sentence pasted into the report, followed by 我校高度重视)."""
    body = re.sub(r"\W", "", strip_marker(text))
    if len(body) < _RESTATED_MIN or not task_text or _OWN_VOICE.match(strip_marker(text).strip()):
        return False
    grams = {body[i:i + 2] for i in range(len(body) - 1)}
    task = re.sub(r"\W", "", task_text)
    return sum(g in task for g in grams) >= _RESTATED_SHARE * len(grams)


# work left undone, counted or named ("目前尚有6处未完成整改", "仍有2个村未签订责任书", "剩余隐患尚未
# 清理"): the commonest admission of a short reply, often in the very sentence reporting the work (QA9
# M12). It admits whatever the label of the sentence; a later "已整改到位" takes it back.
_LEFT_UNDONE = re.compile(r"(?:尚有|仍有|还有|尚存|仍存在|剩余|余下|其余)[^，。；;]{0,14}?(?:未|没有|尚未|仍未|待)"
                          r"(?:完成|整改|落实|到位|清理|销号|解决|化解|办结|处置|拆除|建成|完工|发放|签订|开设|配备|修复|安装|加装|改造)")
# counted work left undone, without 尚有/仍有 in front ("已整改5项，未整改2项", "尚未完成3项", "2项正在整改中",
# "其余2项正在整改"): the count line every 整改报告 opens with (QA10 N3: it read as 已落实, like "已全部整改完成").
# A count of nought ("未整改0项") admits nothing. "正在整改中" with no count of what is left is work under way
# (``under_way``), not an admission.
_COUNT = r"(?:[1-9]\d*|[一二两三四五六七八九十][一二三四五六七八九十百]*)\s*(?:项|个|处|条|家|件|户|座|宗|批|类)"
_UNDONE_VERB = r"(?:完成|整改|落实|到位|销号|办结|处置|解决|化解|清理|拆除|建成|完工|安装|加装|改造)"
_WRONG = r"(?:违规|违章|违法|非法|私自|擅自|私接)"
_COUNTED_UNDONE = re.compile(rf"(?:尚未|仍未|未|没有){_UNDONE_VERB}(?:到位|完成|完毕)?(?:的)?(?:问题|隐患|任务)?(?:共|有)?{_COUNT}"
                             # ... not a wrong counted ("未安装一处违规设施"): that is ``states_not_done``'s to judge
                             rf"(?![^，。；;]{{0,3}}?{_WRONG})"
                             rf"|{_COUNT}(?:问题|隐患|任务|点位)?[^，。；;]{{0,4}}?(?:尚未|仍未|未|没有){_UNDONE_VERB}"
                             rf"|{_COUNT}[^，。；;]{{0,6}}?(?:正在|仍在|还在|尚在)(?:整改|推进|办理|处置|化解|实施|落实)"
                             r"|(?:其余|剩余|余下|尚有|仍有|还有)[^，。；;]{0,14}?(?:正在|仍在|还在|尚在)(?:整改|推进|办理|处置|化解|实施|落实)")
_NOW_DONE = re.compile(r"(?:已|均已|现已|全部)[^，。；;]{0,10}?(?:整改到位|整改完毕|完成整改|清理完毕|办结|销号)")
# ... and the work since completed in full, after a statement of difficulty or delay ("在完成过程中存在一定困难，
# 但目前已全部完成", review8 M4); not a part done ("已完成80%", "已完成5座"): that leaves the rest undone
_ALL_DONE_NOW = re.compile(r"(?:已|均已|现已)(?:全部|如期|按期)(?:完成|完工|建成|到位|落实)(?![^，。；;]{0,4}?\d)"
                           r"|(?:均已|现已|目前已|已经全部)(?:完成|完工|建成|到位|落实)(?:[。；;！!]|$)"
                           # "此前从未开展过…，本次已逐户登记建档1100户，全部完成" (qa13 R5): a closing clause of its own
                           r"|(?<=[，,])\s*全部(?:完成|完工|建成|到位|落实)(?:[。；;！!]|$)")


# The work stated not done (qa12 H2, M5): whatever else the sentence reports, a unit saying its task is
# not completed, short of the target set, beyond reach by its deadline, or slow admits a shortfall, as
# work left undone does. Four shapes, each of the task's own action:
#  - completion negated: "没有按期完成", "未按期完成", "至今仍未完成", "还没有开展", "未启动", "主体工程未能在
#    5月15日前完工" (an action verb of doing the work, not 未发生/未发现/未出现: those are results);
#  - short of a target: "完成率仅为45%", "安装率尚未达到100%", "未达到100%的要求", "仅完成计划的一半";
#  - beyond reach: "难以在12月20日前完成", "年底前无法完成", "完成15公里目标存在较大困难", "按期完成难度较大";
#  - slow: "进度较慢", "进展缓慢".
# Not when the clause puts it as a condition, a danger to avert or another's failing the unit acts on
# ("对未按期完成的单位予以通报", "督促未完成的村", "确保不出现未完成", "如未按期完成", "无一户未登记"), or
# what an inspection found in those inspected ("督导发现…清理尚未完成"), nor as a description of the one
# who has not ("未达到标准的企业": 的 and a noun after it, not 的要求/的原因).
_DONE_VERB = (r"(?:完成|完工|竣工|建成|开展|启动|实施|落实|到位|建立|成立|办结|销号|整改|达标|安装|加装|更换|改造|登记|建档"
              r"|部署|推进|实现|开工|投用|投运|配备|签订|排查|检查|摸排|清理|拆除|修复)"
              # 没有完成时: an idiom; 未检查出/未排查出 (重大隐患): what an inspection found, a result (review8 H1), but
              # not 未排查出租房, 未检查出口企业 (the object's first character)
              r"(?!时|出(?!租|口))")
_NOT_YET = r"(?:尚未|仍未|还未|至今未|迄今未|均未|都未|也未|未能|没能|还没有|仍没有|尚没有|至今没有|没有|未)"
_BY_WHEN = (rf"(?:(?:在|于)?(?:\d{{4}}年)?(?:{_DEADLINE}|规定时间|规定时限|规定期限|时限|期限)(?:前|之前|以前|内))?")
_NOT_DONE = re.compile(rf"(?<![无不非])(?<!有){_NOT_YET}(?:能|有)?{_BY_WHEN}(?:按期|如期|按时|及时|全部|全面|完全|彻底|正式)?"
                       rf"(?:全部|全面)?{_DONE_VERB}")
_RATE_SHORT = re.compile(r"(?:率|进度|比例)[^，。；;\d不]{0,3}?(?:仅|只|才|不足|不到|低于|不达)(?:为|有|达到?|占)?\s*(?:\d|[一二两三四五六七八九十半])"
                         r"|(?<![无不非])(?<!有)(?:尚未|仍未|还未|均未|未能|没能|没有|未)(?:全部|完全|全面)?达(?:到|标)"
                         r"|(?:仅|只|才)(?:完成|登记|安装|改造|整改|建成|达到|实现|建档)了?[^，。；;]{0,8}?"
                         r"(?:一半|半数|\d+(?:\.\d+)?\s*[%％]|[一二三四五六七八九]成|[一二三四五六七八九十]分之[一二三四五六七八九十])")
_BEYOND_REACH = re.compile(r"(?:难以|无法|不能|不可能|很难|恐难|难于)(?:在[^，。；;]{0,12}?(?:前|内))?(?:按期|如期|按时)?(?:全部|全面)?"
                           r"(?:完成|完工|竣工|建成|达到|实现|到位|达标)"
                           r"|(?:完成|实现|达到|按期|如期)[^，。；;]{0,24}?存在(?:较大|很大|一定|较多|不少|诸多)?的?(?:困难|难度)"
                           r"|(?:完成|实现|达到)[^，。；;]{0,12}?(?:难度|压力)(?:较|很|非常|比较|仍然|仍)?大")
_SLOW = re.compile(r"(?:进度|进展)(?:较|偏|比较|相对|十分|很|仍然|仍|还|明显)?(?:慢|缓慢|迟缓)")
# what in the clause before the statement makes it no admission (see above)
_NOT_OWN_FAILING = re.compile(r"(?:^|[^面])对(?!照|标)|凡|若|如果|如(?!期)|假如|一旦|倘若|防止|避免|杜绝|严防|确保|保证|不得|严禁|禁止|"
                              r"不出现|不发生|不能让|无一|没有一|不存在|督促|责令|要求|有没有|是否|绝不|决不|力争|争取|通报|约谈|问责|"
                              # an inspection's finding on those inspected ("督导发现林区可燃物清理尚未完成"), not a
                              # self-inspection's ("经自查发现，…仍未完成")
                              r"(?<!自查)(?<!自检)发现|查出|检查中")
_OF_WHOM = re.compile(r"^[^，。；;]{0,10}?的(?!原因|要求|目标|标准|预期|进度|任务|问题|情况|困难|\d)")
# a count of nought after it: nothing left ("已整改7项，未整改0项")
_NONE_LEFT = re.compile(r"^(?:到位|完成|完毕)?(?:的)?(?:问题|隐患|任务)?(?:共|有)?\s*(?:0|零)\s*(?:项|个|处|条|家|件|户|座|宗|批|类)"
                        # … or a tally of nought ("未完成户数为0", "未登记用户数为零", qa13 R1)
                        r"|^[^，。；;]{0,8}?(?:数|量|数量)(?:为|是|有)?\s*(?:0|零)(?![\d.])")
# a rule after it, not a state: "未整改到位不销号", "实行未登记不供气", "未验收不投用" (review8 H1)
_RULE = re.compile(r"^(?:到位|完毕|合格)?(?:的)?(?:一律|坚决)?不")
# a wrong the unit did not do after a verb of building or installing ("全年未安装一处违规设施"): compliance, a
# result; after a verb of putting right ("未整改违规问题3处", ``_REMEDY``) it is work left undone
_ILLICIT = re.compile(rf"^(?:任何|一[处个家户起例件台座套])?[^，。；;]{{0,3}}?{_WRONG}")
_REMEDY = re.compile(r"(?:整改|清理|拆除|修复|处置|销号|排查|检查|摸排|落实|到位|完成)$")
# a form's field label with nothing undone in it ("未完成事项：无", "未完成原因：无", "未完成的任务：无"): a blank
# answer, no admission (review8 M4/L10); "未完成事项：用户登记建档" names the work undone, and admits
_NIL_FIELD = re.compile(r"[：:][ \t\u3000]*(?:无|暂无|没有|/|—+|-+|－+)?[。.；;]?[ \t\u3000]*(?:\n|$)")


def states_not_done(text: str) -> bool:
    """Whether a passage says the work is not done, short of its target, beyond reach or slow
    (``_NOT_DONE``, ``_RATE_SHORT``, ``_BEYOND_REACH``, ``_SLOW``), in a clause of its own."""
    return _not_done_end(text) is not None


def _not_done_end(text: str) -> int | None:
    """Where the first statement of work not done in ``text`` ends, None when there is none."""
    for clause in re.finditer(r"[^，。；;！？!?：:]+", text):
        part = clause.group(0)
        if _NIL_FIELD.match(text, clause.end()):
            continue
        for pattern in (_NOT_DONE, _RATE_SHORT, _BEYOND_REACH, _SLOW):
            for hit in pattern.finditer(part):
                after = part[hit.end():]
                if not (_NOT_OWN_FAILING.search(part[:hit.start()]) or _OF_WHOM.match(after) or _NONE_LEFT.match(after)
                        or _RULE.match(after) or _ILLICIT.match(after) and not _REMEDY.search(hit.group(0))):
                    return clause.start() + hit.end()
    return None


# rectification under way, with no count of what is left ("目前正在整改中", "整改工作正在推进"): not done,
# not admitted either; at most partial (QA10 N3). "整改中认真研究…" (during it) is no such statement.
_UNDER_WAY = re.compile(r"(?:正在|仍在|还在|尚在)(?:抓紧|加紧|积极|全力|有序|进行|推进)?(?:整改|销号)"
                        r"|整改(?:工作)?(?:正在(?:进行|推进)|进行中|推进中|之中)|整改中[。.；;]?$")


def under_way(text: str) -> bool:
    """Whether a passage says the rectification is still going on, with no perfective result."""
    body = strip_marker(text).strip()
    return bool(_UNDER_WAY.search(body)) and not _NOW_DONE.search(body)


def _admits(hit) -> bool:
    """A shortfall of the reporter itself: admission wording in the main clause, not a measure (work
    left undone, ``_LEFT_UNDONE``, or stated not done, ``states_not_done``, admits even inside a measure)."""
    opening = _RESPONSE.match(hit.text)
    main = hit.text[opening.end():] if opening else hit.text
    left = _LEFT_UNDONE.search(main) or _COUNTED_UNDONE.search(main) or _answered_no(main)
    end = left.end() if left else _not_done_end(main)
    if end is not None and not (_FIXED.search(main, end) or _NOW_DONE.search(main, end) or _ALL_DONE_NOW.search(main, end)):
        return True
    if hit.label == "measure":
        return False
    if _FIXED.search(main):
        return False
    # an item of a list announced as shortfalls ("…存在着一些问题和不足：一是…，五是…要有新的突破"), or
    # a problem stated under a heading that announces them ("二、存在的问题" / "东湖区…联网尚不稳定。":
    # QA10 N7, it was quoted as proof of 已落实)
    listed = hit.label == "problem" and (bool(getattr(hit, "lead_in", "")) and bool(_ADMISSION.search(hit.lead_in))
                                         or bool(_SHORTFALL_HEADING.search(getattr(hit, "section", "") or "")))
    return listed or bool(_ADMISSION.search(main))


# a heading announcing the unit's shortfalls ("存在的问题", "问题与不足", "困难和问题", "差距和不足")
_SHORTFALL_HEADING = re.compile(r"存在的?(?:主要)?问题|问题(?:和|与|及)(?:不足|差距|短板)|不足|差距|短板|薄弱环节|困难(?:和|与)问题")


_DONE_COUNT = re.compile(rf"(?:已|累计|共)[^，。；;]{{0,6}}?(?:整改|完成|销号|办结)?[^，。；;]{{0,2}}?{_COUNT}")


def tally(text: str) -> bool:
    """Whether a passage is a tally of the whole list, done and undone ("共7项，已整改5项，未整改2项"):
    an admission that names no one problem, so a specific one leads a row's evidence before it."""
    return bool(_COUNTED_UNDONE.search(text) and _DONE_COUNT.search(text))


def counts_left(text: str) -> bool:
    """Whether a passage counts work left undone ("仍有15项隐患未完成整改", "未整改2项"): a remainder of
    a set the report has just counted, so it reads with the sentence before it (``gap_passages``)."""
    return bool(_LEFT_UNDONE.search(text) or _COUNTED_UNDONE.search(text))


def _admits_task(p) -> bool:
    """A passage that admits a shortfall on some task: not a lead-in announcing a list of them, not a
    wrap-up on the work as a whole ("虽然取得了一定的成绩，但与上级领导的要求还有一定差距，…")."""
    return not p.text.rstrip().endswith(("：", ":")) and not _OVERALL_SHORTFALL.search(p.text) and _admits(p)


# a task asking the unit for the very document it sent ("于12月25日前将专项整治工作总结报送县林业局",
# "报送自查报告"): the report in hand is that task done (QA8 L2, QA9: 未体现 for every unit that sent it).
# Information briefs (报送信息, 及时报告火情) ask for something else and are left to the evidence.
_REPORT_DOC = r"(?:工作总结|总结|自查报告|整改报告|落实情况报告|情况报告|书面报告|工作报告|自查情况|落实情况)"
_ASKS_FOR_REPORT = re.compile(rf"将[^，。；;]{{0,24}}?{_REPORT_DOC}[^，。；;]{{0,8}}?(?:报送|上报|报|提交|送)"
                              rf"|(?:报送|上报|提交)[^，。；;]{{0,12}}?{_REPORT_DOC}")
_WRITTEN_REPORT = re.compile(r"总结|报告|汇报|自查|情况")
# …but not a report on an incident, nor one due again and again: one report in hand answers neither
# (review7 M1: "发生森林火情…24小时内提交书面报告", "每月5日前上报…落实情况" were covered)
_NOT_ONE_REPORT = re.compile(r"火情|火灾|事故|突发|险情|疫情报告|立即|第一时间|小时内|每[日周旬月季]|定期|逢")
_DUE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def submission_status(task_text: str, deadline: str, doc) -> str | None:
    """For a task asking once for a written summary or report, answered by ``doc`` itself (a report
    titled as one: …工作总结, …自查报告, …情况汇报): covered, or partial when ``doc`` is dated after the
    task's due date (the first date of its deadline: "2026-05-31前（市生态环境局）"); None for any other
    task or document."""
    if not (_ASKS_FOR_REPORT.search(task_text) and not _NOT_ONE_REPORT.search(task_text)
            and doc.kind == "report" and _WRITTEN_REPORT.search(doc.title or "")):
        return None
    due = _DUE_DATE.search(deadline or "")
    late = bool(doc.date and due and doc.date[:10] > due.group(0))
    return "partial" if late else "covered"


# The unit saying the task does not apply to it (qa12 M6): "不涉及此项工作", "此项任务不涉及", a form's "不适用",
# or that it has none of what the task works on ("我镇辖区内无瓶装液化气用户", "本镇无社区"): an account of the
# task, but no work done on it (it was 已落实 on the task's own words). What it has none of is the task's
# object (users, enterprises, sites …), not a hazard the task fights: "辖区内无违章占压" or "全年无燃气安全
# 事故" is a result of the work, not a reason it does not apply.
_OBJECT = (r"(?:用户|用气户|企业|单位|场所|社区|学校|幼儿园|食堂|管网|管道|站点|门店|商户|网点|设施|经营户|点位|小区|项目"
           r"|医院|市场|农户|水库|河道|林区|景区|码头|工地|矿山|村)")
# 不涉及 as the clause's predicate ("我镇不涉及此项工作", "此项任务不涉及"), not describing a thing ("对不涉及燃气的
# 林区防火点也进行了巡查": 的 and the thing after it, review8 H2); a form's "是否涉及…：否" says the same
_EXEMPT = re.compile(r"(?<!是否)(?<!有无)不涉及(?![^，。；;]{0,12}?的(?!工作|任务|事项|内容))"
                     r"|是否涉及[^，。；;：:]{1,30}[：:]\s*否[。.]?$|(?:^|[：:])\s*不适用[。.]?$|不适用于(?:我|本)"
                     r"|(?:我|本|全)(?:镇|乡|街道|县|区|局|单位|校|院|部门|村)[^，。；;]{0,8}?(?:辖区|区域|范围)?内?"
                     rf"(?:无|没有|暂无|尚无|不存在)(?!一|任何|{_DONE_VERB})([^，。；;]{{0,14}}?{_OBJECT})(?![^，。；;]{{0,4}}?(?:违|隐患|问题|事故))")


# none of a kind the work is there to find or stop ("全镇无无证经营门店", "本镇无漏登用户", "全县无过期钢瓶使用单位",
# "全镇没有新增燃气用户"): a result of the work, as a hazard is, not an area without the task's object (review8 H2)
_FOUND_KIND = re.compile(r"无证|证照不全|漏登|漏管|漏报|漏检|过期|超期|报废|新增|黑(?:气|点|作坊|窝点|站)|失管|脱管|擅自|私自|未")


# work reported done after the declaration ("辖区内没有燃气经营企业，瓶装液化气用户1100户已全部逐户登记建档",
# "我镇不涉及此项工作，但已主动…登记建档320户", qa13 R4/S5): judged as work, not as an exemption; helping
# another body with other work ("但已配合县市场监管局…摸排") is no work on the task
_DONE_AFTER = re.compile(rf"(?:已|均已|现已|已经)(?!配合|协助|协同)[^，。；;]{{0,24}}?{_DONE_VERB}")


def declares_exempt(text: str) -> bool:
    """Whether a passage says the task does not apply to the unit: 不涉及, a bare 不适用, or none of
    the task's object in its area (``_EXEMPT``); a hazard it has none of is a result, not an exemption,
    and work reported done after it is work (``_DONE_AFTER``)."""
    body = strip_marker(text)
    for hit in _EXEMPT.finditer(body):
        if _DONE_AFTER.search(body, hit.end()):
            return False
        # what it has none of: a thing, not a hazard or a kind found by the work (a result) nor work (没有按期完成
        # 用户登记: not done)
        if not (hit.lastindex and (_HAZARD.search(hit.group(1)) or _FOUND_KIND.search(hit.group(1))
                                   or re.search(_DONE_VERB, hit.group(1)))):
            return True
    return False
