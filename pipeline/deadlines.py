"""Deadlines and frequencies of checklist items: find the phrase, normalise it where possible.

Returns ``Deadline(text, value, kind)``: ``text`` is the phrase as written ("4月底前"), ``value`` the
normalised form ("2005-04-30前", "5月底前" when the year is unknown, "每季度", "春节前后", "分析评议阶段", "长期坚持"),
``kind`` one of date / frequency / period / stage / ongoing / prompt. The earliest-priority match wins: an
explicit date (or a quarter: "第一季度完成" -> 2024-03-31前; or a target year: "确保2010年…" ->
2010-12-31前) beats a frequency ("每季度", "一月一检查"), which beats a period ("春节前后", "汛期期间"),
which beats a stage, which beats "长期坚持"/"常态化", which beats "及时". A frequency that measures an amount ("每天在校1小时") or a granularity ("细化到…每周") is
not a cadence.

A frequency or an ongoing phrase counts only where the sentence directs the work: "每年都是最困难的一年"
and "我们党始终以…" describe, "每年开展一次" and "要始终坚持…" direct. A date without a year takes the
document's year when it does not fall before the document's own date (a speech of 2010-02-22 saying
"5月底前" means 2010-05-31); one that does, or any date in a document without a date, stays as written.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9０-９〇○零一二两三四五六七八九十]+"


@dataclass(frozen=True, slots=True)
class Deadline:
    text: str
    value: str
    kind: str


def cn_number(text: str) -> int | None:
    """'12', '十二', '二十五', '二〇〇五' -> int; None when not a number."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if "十" not in text:
        digits = [_CN_DIGITS.get(c) for c in text]
        return None if None in digits or not digits else int("".join(map(str, digits)))
    tens, _, ones = text.partition("十")
    tens_value = _CN_DIGITS.get(tens, None) if tens else 1
    ones_value = _CN_DIGITS.get(ones, None) if ones else 0
    if tens_value is None or ones_value is None:
        return None
    return tens_value * 10 + ones_value


_DATE = re.compile(rf"(?:({_NUM})年)?({_NUM})月(?:({_NUM})[日号])?(底|末|中旬|上旬|下旬)?(?:之?前|以前|止)")
_YEAR_END = re.compile(rf"(?:({_NUM})年)?(年底|年末)(?:之?前|以前)|年内")
# "确保2010年399所学校的校舍得到加固改造", "力争到2012年…": a target year, due by its end
_TARGET_YEAR = re.compile(r"(?:确保|力争|争取|要在|要于|必须在|务必在|力争在|争取在)到?(\d{4}|[一二〇○零三四五六七八九]{4})年"
                          r"(?![底末内度初春中以起的是前])(?!上半年|下半年)")
# "到2027年6月底，全县燃气安全隐患整改率达到100%": a dated target, due by then (QA12 L14: the item read
# 长期坚持 from its "长效机制" instead); the year is written, and the date is not past the document's
_TARGET_DATE = re.compile(r"(?:^|[^\d])到(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号]|(底|末))?|(底|末))(?=[，,]|\s*(?:时|全面|基本|实现|完成|达到))")
_HALF = re.compile(rf"(?:({_NUM})年)?(上半年|下半年)")
# "第一季度完成…", "三季度末前": due by the quarter's end; "每季度"/"一季度一通报" are cadences, and a
# quarter not followed by a due word ("一季度全市经济增长…") is a report, not a deadline
_QUARTER = re.compile(rf"(?:({_NUM})年)?(?<!每)第?([一二三四1-4１-４])季度(?!一)(?:末|底)?(?:之?前|以前|内|完成|基本完成|全面完成)")
_FREQUENCY = (("每季度", "每季度"), ("每个季度", "每季度"), ("每半年", "每半年"), ("每年", "每年"),
              ("每月", "每月"), ("每个月", "每月"), ("每半月", "每半月"), ("每两周", "每两周"),
              ("每周", "每周"), ("每星期", "每周"), ("每天", "每日"), ("每日", "每日"), ("定期", "定期"))
# A campaign's stages, named in the document's own words: an ordinal stage (第一阶段) or two of the
# verbs such stages are named with (学习动员阶段, 分析评议阶段, 检视整改阶段, 总结评估阶段). Generic
# stages ("关键阶段", "初级阶段", "新阶段") are not deadlines.
_STAGE_VERBS = ("学习|动员|部署|宣传|教育|调查|调研|研究|分析|评议|查摆|剖析|检视|整改|提高|提升|总结|评估|验收|自查|"
                "自纠|督查|检查|集中|整治|巩固|深化|启动|准备|实施|推进|攻坚|收尾|排查|摸底|考核|复查|销号|建章|立制|"
                "征求|意见|民主|回头看")
_STAGE = re.compile(rf"第{_NUM}阶段|(?:{_STAGE_VERBS}){{2}}阶段")
# patterns, in priority order; 长期 inside 中长期 names a plan (《中长期教育改革…纲要》), and 长期 counts
# only before a verb of work ("长期坚持", not "长期考验"/"长期从教"); 全过程 alone is scope ("全过程监督"),
# a duration only when something is carried through it ("贯穿…全过程")
_ONGOING = ("长期坚持", "常态化", "长效", "贯穿于", r"贯穿[^。；;]{0,30}(始终|全过程)", "始终",
            r"(?<!中)长期(坚持|开展|推进|实施|执行|落实|保持|抓|进行)", r"(?<!中)长期(机制|任务|工作)")
_PROMPT = ("及时", "尽快", "立即", "限时")
# a recurring due day: "每月25日前", "每季度末前", "每周五前", "每年12月底前", "每季度第一个月10日前" (QA10 N12:
# "于每月25日前报送进展…，2026年12月31日前报送总结" kept only the summary's date, and "每年12月底前" read
# as one date); kept as written, a frequency
_RECURRING = re.compile(rf"每个?(?:月|季度|季|半年|年|周|星期)(?:第?{_NUM}个?(?:月|周))?的?"
                        rf"(?:(?:{_NUM}月)?(?:{_NUM}[日号]|底|末|上旬|中旬|下旬)|[一二三四五六日1-6])(?:之?前|以前)")
# "确保学生每天在校1小时的体育锻炼时间" sets a quota (每天 measures an amount), and "细化到季度、到月份、
# 甚至到每周" a granularity of planning: neither is how often the work is done
_QUOTA_AFTER = re.compile(rf"[^，,。；;：:]{{0,6}}?(?:不少于|不低于|不超过|达到)?{_NUM}(?:个)?"
                          r"(?:小时|分钟|课时|节课|公里|万元|亿元|元|公斤|平方米)")
_GRANULARITY_BEFORE = re.compile(r"(?:到|至)$")
# "一月一检查、一季一通报、半年一总结": a cadence per unit of time (the finest one is the item's)
_CADENCE_UNITS = (("周", "每周"), ("月", "每月"), ("季度", "每季度"), ("季", "每季度"), ("半年", "每半年"), ("年", "每年"))
_CADENCE = re.compile(r"(?:(?<=[^一二三四五六七八九十])|^)(一周|一月|一季度|一季|半年|一年)一"
                      r"(?:次|检查|通报|总结|调度|督查|考核|评比|汇报|报告|分析|研判|会商|评估|排查|点评|小结|讲评|报送|调研)")
# a time window the work falls in, named as the speaker names it ("做好当前及春节前后工作")
_PERIOD = re.compile(r"(?:当前及)?((?:春节|元旦|国庆|中秋|端午|清明|“五一”|五一|节日|节假日|寒假|暑假|寒暑假|暑期|"
                     r"主汛期|汛期|防汛期|全国两会|两会)(?:前后|期间))")

# What makes a sentence direct work rather than describe it (see ``_directs``).
_DIRECTIVE = re.compile(r"(?<![主重需只纲摘])要(?!求|素|点)|必须|务必|应当|应该|确保|切实|着力|力争|努力|一定|不得|严禁")
# a clause that opens with a verb of work is an order even without a modal ("建立长期机制")
_IMPERATIVE = re.compile(r"^(?:进一步|持续|不断|全面|深入|认真|坚决)?(?:建立|健全|完善|推进|推动|加强|强化|落实|坚持|保持|形成|构建|"
                         r"实行|实施|开展|抓好|做好|抓|把|将|贯彻|严格|加快|加大|提高|提升|巩固|深化)")
_ITEM_START = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|第[一二三四五六七八九十]+[，,、]?|"
                         r"[一二三四五六七八九十]+(?:是|要)|首先|其次|再次|最后)")
# 是 as the copula ("…是我们党必须始终遵循的指导思想"), not 一是/就是要/而是/还是/但是/于是/总是/凡是/只是/是否
_COPULA = re.compile(r"(?<![一二三四五六七八九十而还但或于总凡只就])是(?!要|否)")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+")
_CLAUSE_BREAK = re.compile(r"[，,：:]")


def find_deadline(text: str, *, year: int | None = None, doc_date: str = "") -> Deadline | None:
    """The deadline or frequency stated in ``text``.

    Args:
        text: an item's text.
        year: fills every date that omits it (when the document's full date is unknown).
        doc_date: the document's date ("2010-02-22", "2010年2月22日"); a date without a year takes
            its year unless it falls before it. Overrides ``year``.
    """
    recurring = [m for m in _RECURRING.finditer(text) if not _describes(text, m)]
    # a recurring day is no one-off date ("每年12月底前" is no 12月底前): masked before dates are read
    masked = text
    if recurring:
        masked, last = "", 0
        for m in recurring:
            masked += text[last:m.start()] + "　" * (m.end() - m.start())
            last = m.end()
        masked += text[last:]
    found = _date(_as_due(masked), year, date_parts(doc_date))
    if recurring:
        return _with_recurring(recurring, found, text)
    if found:
        return found
    for phrase, value in _FREQUENCY:
        if any(not _describes(text, m) and not _not_a_cadence(text, m) for m in re.finditer(phrase, text)):
            return Deadline(phrase, value, "frequency")
    cadence = _cadence(text)
    if cadence:
        return cadence
    period = next((m for m in _PERIOD.finditer(text) if not _describes(text, m)), None)
    if period:
        return Deadline(period.group(0), period.group(1), "period")
    stages = list(dict.fromkeys(m.group(0) for m in _STAGE.finditer(text)))
    if stages:
        return Deadline("、".join(stages), "、".join(stages), "stage")
    for pattern in _ONGOING:
        match = next((m for m in re.finditer(pattern, text) if _directs(text, m)), None)
        if match:
            return Deadline(match.group(0), "长期坚持", "ongoing")
    for phrase in _PROMPT:
        if phrase in text:
            return Deadline(phrase, "及时", "prompt")
    return None


def _with_recurring(recurring: list[re.Match], found: Deadline | None, text: str) -> Deadline:
    """The recurring due days as written and a one-off date beside them, in text order: "每月25日前；
    2026-12-31前" (the monthly report 督查 chases, and the final summary), a frequency."""
    phrases = [(m.start(), m.group(0), m.group(0)) for m in recurring]
    if found:
        at = text.find(found.text)     # a labelled date ("完成时限：6月30日") was given its 前 by ``_as_due``
        phrases.append((at if at >= 0 else text.find(found.text.removesuffix("前")), found.text, found.value))
    phrases.sort()
    return Deadline("；".join(written for _, written, _ in phrases), "；".join(value for _, _, value in phrases),
                    "frequency")


# "完成时限：2025年9月30日": a labelled due date needs no 前
_DUE_FIELD = re.compile(rf"((?:(?:完成|办结|截止|报送)(?:时限|时间|期限|日期)|时限|期限)\s*[:：]\s*(?:(?:{_NUM})年)?{_NUM}月"
                        rf"(?:{_NUM}[日号])?(?:底|末|中旬|上旬|下旬)?)(?![0-9０-９〇○零一二两三四五六七八九十日号底末旬前止]|以前|之前)")


def _as_due(text: str) -> str:
    """``text`` with a labelled due date given its implied 前 ("完成时限：2025年9月30日" -> "…日前")."""
    return _DUE_FIELD.sub(r"\1前", text)


def _not_a_cadence(text: str, match: re.Match) -> bool:
    """The frequency at ``match`` measures a quota ("每天在校1小时") or a granularity ("细化到每周")."""
    return bool(_QUOTA_AFTER.match(text, match.end()) or _GRANULARITY_BEFORE.search(text, 0, match.start()))


def _cadence(text: str) -> Deadline | None:
    """"一月一检查、一季一通报、半年一总结" -> 每月 (the finest), with the phrases as written."""
    found = [m for m in _CADENCE.finditer(text) if not _describes(text, m)]
    if not found:
        return None
    order = [value for _, value in _CADENCE_UNITS]
    values = [dict(_CADENCE_UNITS)[m.group(1).removeprefix("一")] for m in found]
    return Deadline("、".join(m.group(0) for m in found), min(values, key=order.index), "frequency")


def _around(text: str, match: re.Match) -> tuple[str, str, str]:
    """(sentence, its part before ``match``, its part after) for the sentence holding ``match``."""
    for sentence in _SENTENCE.finditer(text):
        if sentence.start() <= match.start() < sentence.end():
            return (sentence.group(0), text[sentence.start():match.start()], text[match.end():sentence.end()])
    return text, text[:match.start()], text[match.end():]


def _describes(text: str, match: re.Match) -> bool:
    """Whether the phrase at ``match`` sits in a statement of what is ("每年都是最困难的一年",
    "…，是我们党的根本出发点", "是我们党必须始终遵循的指导思想") rather than in what to do."""
    _, before, after = _around(text, match)
    return _is_statement(before, after)


def _is_statement(before: str, after: str) -> bool:
    """``_describes`` on the parts of the sentence before and after the phrase."""
    clause_before = _CLAUSE_BREAK.split(before)[-1]
    return bool(re.match(r"[都也还就]?是", after) or re.search(r"[，,]是", after) or _COPULA.search(clause_before))


def _directs(text: str, match: re.Match) -> bool:
    """Whether the sentence holding ``match`` directs ongoing work: not a statement (``_describes``),
    and a modal in it, or it opens an item ("三是…"), or the phrase or a verb of work opens its
    clause ("始终绷紧安全这根弦", "建立长期机制"); "我们党始终以…分析把握历史大势" narrates."""
    sentence, before, after = _around(text, match)
    if _is_statement(before, after):
        return False
    clause_before = _CLAUSE_BREAK.split(before)[-1].strip()
    return bool(_DIRECTIVE.search(sentence) or _ITEM_START.match(sentence) or not clause_before
                or _IMPERATIVE.match(clause_before))


# a holiday on a fixed day, as a due date: "国庆节前" is due 9月30日 (QA12 L10); 春节/中秋/端午 move
# with the lunar calendar and stay periods ("春节前后")
_HOLIDAY = re.compile(r"(国庆节?|元旦|五一|劳动节|七一|建党节|八一|建军节)(?:之?前|以前)(?!后)")
_HOLIDAY_EVE = {"国庆": (9, 30), "国庆节": (9, 30), "元旦": (12, 31), "五一": (4, 30), "劳动节": (4, 30),
                "七一": (6, 30), "建党节": (6, 30), "八一": (7, 31), "建军节": (7, 31)}


def _date(text: str, year: int | None, doc_date: tuple[int, int, int] | None) -> Deadline | None:
    match = _DATE.search(text)
    if match:
        month = cn_number(match.group(2))
        if month and 1 <= month <= 12:
            day_text, part = match.group(3), match.group(4) or ""
            y = cn_number(match.group(1)) if match.group(1) else _year_for(text[:match.start()], year, doc_date,
                                                                            month, _day_of(month, day_text, part, None),
                                                                            directs=_directive(text, match))
            day = _day_of(month, day_text, part, y)
            if day and 1 <= day <= 31:
                # without a year a date stays as people write it ("5月底前"), never "--05-31前"; so does a
                # day the month does not have ("2月30日", "4月31日": a slip to show as written, review8 L6)
                if y and day > calendar.monthrange(y, month)[1]:
                    return Deadline(match.group(0), match.group(0), "date")
                stamp = f"{y:04d}-{month:02d}-{day:02d}" if y else f"{month}月{f'{day}日' if day_text else part}"
                return Deadline(match.group(0), f"{stamp}前", "date")
    match = _HOLIDAY.search(text)
    if match and not _describes(text, match):
        month, day = _HOLIDAY_EVE[match.group(1)]
        y = _year_for(text[:match.start()], year, doc_date, month, day, directs=_directive(text, match))
        return Deadline(match.group(0), f"{y:04d}-{month:02d}-{day:02d}前" if y else match.group(0), "date")
    match = _HALF.search(text)
    if match:
        end = (6, 30) if match.group(2) == "上半年" else (12, 31)
        y = cn_number(match.group(1)) if match.group(1) else _year_for(text[:match.start()], year, doc_date, *end)
        return Deadline(match.group(0), f"{y:04d}-{end[0]:02d}-{end[1]}前" if y else f"{match.group(2)}内", "date")
    match = _QUARTER.search(text)
    if match:
        month = 3 * cn_number(match.group(2))
        day = calendar.monthrange(2001, month)[1]
        y = cn_number(match.group(1)) if match.group(1) else _year_for(text[:match.start()], year, doc_date, month, day)
        quarter = match.group(0)[:match.end(2) - match.start()] + "季度"    # "2025年第二季度", "三季度"
        return Deadline(match.group(0), f"{y:04d}-{month:02d}-{day}前" if y else f"{quarter}末前", "date")
    match = _YEAR_END.search(text)
    if match:
        y = cn_number(match.group(1)) if match.group(1) else _year_for(text[:match.start()], year, doc_date, 12, 31)
        return Deadline(match.group(0), f"{y:04d}-12-31前" if y else "年底前", "date")
    for match in _TARGET_YEAR.finditer(text):
        y = cn_number(match.group(1))
        if y and 1900 <= y <= 2100 and (doc_date is None or y >= doc_date[0]):   # not a past year
            return Deadline(f"{match.group(1)}年", f"{y:04d}-12-31前", "date")
    return _target_date(text, doc_date)


def _target_date(text: str, doc_date: tuple[int, int, int] | None) -> Deadline | None:
    """"到2027年6月底，…达到100%" as due by 2027-06-30: only with its year written, and only a date
    still to come (after the document's date; without one, in a sentence that directs), so a review's
    "到2020年底，全市已建成…" is no deadline."""
    for match in _TARGET_DATE.finditer(text):
        y, month = int(match.group(1)), int(match.group(2) or 12)
        if not 1900 <= y <= 2100 or not 1 <= month <= 12:
            continue
        day = _day_of(month, match.group(3), match.group(4) or match.group(5) or "", y)
        if not day or day > calendar.monthrange(y, month)[1]:
            continue
        if doc_date is not None and (y, month, day) < doc_date:
            continue
        if doc_date is None and not _directive(text, match):
            continue
        return Deadline(match.group(0)[match.group(0).index("到") + 1:], f"{y:04d}-{month:02d}-{day:02d}前", "date")
    return None


def _day_of(month: int, day_text: str | None, part: str, year: int | None) -> int | None:
    """The day a "M月[D日|底|中旬…]前" deadline falls on."""
    if day_text:
        return cn_number(day_text)
    if part == "中旬":
        return 20
    if part == "上旬":
        return 10
    return calendar.monthrange(year or 2001, month)[1]     # 底, 末, 下旬 or the month itself


def _year_for(before: str, year: int | None, doc_date: tuple[int, int, int] | None, month: int,
              day: int | None, *, directs: bool = False) -> int | None:
    """The year of a date written without one: 今年/明年/去年 just before it say so; otherwise the
    document's year unless the date falls before the document's own date. Then a sentence that
    directs work ("各乡镇要…1月10日前完成" in a notice of 2026-12-15, QA12 L6) means the next such date,
    when it comes within half a year (2027-01-10); otherwise it may be a past one: left as written."""
    if doc_date is None:
        return year
    relative = re.search(r"(今年|明年|本年度?|去年|上年度?|前年)[^。；;，,]{0,4}$", before)
    if relative:
        return doc_date[0] + {"明年": 1, "去年": -1, "上年": -1, "上年度": -1, "前年": -2}.get(relative.group(1), 0)
    if (month, day or 31) >= doc_date[1:]:
        return doc_date[0]
    months_ahead = month + 12 - doc_date[1]
    return doc_date[0] + 1 if directs and months_ahead <= 6 else None


def _directive(text: str, match: re.Match) -> bool:
    """Whether the sentence holding ``match`` directs work (a modal: 要/必须/务必/确保 …), so a date in it
    is still to come."""
    sentence, before, after = _around(text, match)
    return bool(_DIRECTIVE.search(sentence)) and not _is_statement(before, after)


def date_parts(date_text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a document date such as '2010-02-22' or '2010年2月22日'; a date with a
    year only is (year, 1, 1): every month of that year is "not before" it."""
    text = date_text or ""
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", text) or re.search(rf"({_NUM})年({_NUM})月({_NUM})[日号]", text)
    if match:
        parts = tuple(cn_number(g) for g in match.groups())
        if None not in parts and 1900 <= parts[0] <= 2100 and 1 <= parts[1] <= 12 and 1 <= parts[2] <= 31:
            return parts
    year = year_of(text)
    return (year, 1, 1) if year else None


def year_of(date_text: str) -> int | None:
    """Year of a document date: '2010-02-22' (``Document.date``), '2005年3月25日', '二〇〇五年三月二十六日'."""
    match = re.match(r"\s*(\d{4})-\d{1,2}(?:-\d{1,2})?\b", date_text or "") or re.search(rf"({_NUM})年", date_text or "")
    value = cn_number(match.group(1)) if match else None
    return value if value and 1900 <= value <= 2100 else None
