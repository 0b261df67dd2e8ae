"""A task table's 完成时限 cell read as a deadline (``checklist_tables``), and an item's deadline told
apart by the bodies it binds (``deadline_by_actor``).

A 时限 column holds a date written bare ("5月底", "2024年6月30日", "2024.6.30", "2024-06-30"), a
range ("3-6月", "6月至8月", "2024年3月-6月", "3月1日-6月30日"), a start ("9月1日起"), a duration
("1.5年内", "3个月内"), or a phrase ``deadlines.find_deadline`` knows ("长期坚持", "每季度"). A range
is due at its end; a start or a duration sets no due date and is kept as written, as is anything
else no rule reads.
"""
from __future__ import annotations

import re

from .deadlines import Deadline, find_deadline

# a date written bare: "2024年6月30日", "5月底", "2024.6.30", "2024-06-30", "2024年6月", "6.30"
_BARE_DATE = re.compile(r"(?:(\d{4})\s*[年.．/\-])?\s*(\d{1,2})\s*(?:月|[.．/\-](?=\d))\s*"
                        r"(?:(\d{1,2})\s*[日号]?|(底|末|中旬|上旬|下旬))?")
_DUE_AFTER = re.compile(r"\s*(?:之?前|以前|止)")
# a range's separator; a "-" inside an ISO date ("2024-06-30", "2024-06") separates nothing
_RANGE = re.compile(r"\s*(?:[—–～~至到]+|(?<!\d{4})(?<!\d{4}-\d)(?<!\d{4}-\d\d)-)\s*")
_START = re.compile(r"(?:起|开始|以来)(?:实施|执行|施行)?\s*$")
_DURATION = re.compile(r"^[\d.．一二两三四五六七八九十半]+\s*个?\s*(?:年|月|季度|周|星期|天|日|工作日)(?:以内|之内|内)")
_YEAR = re.compile(r"\d{4}\s*年|\d{4}(?=[.．/\-]\d)")
_YEAR_MONTH = re.compile(r"^(?:\d{4}\s*年)?\s*\d{1,2}\s*月")
_DOTTED_MONTH = re.compile(r"^(\d{4})\s*[.．/\-]\s*(\d{1,2})$")     # "2024.6", "2024-06": the month


def due_date(cell: str, doc_date: str = "") -> Deadline | None:
    """A 完成时限 cell as a deadline (see the module docstring); None for a blank cell.

    Args:
        cell: the cell's text.
        doc_date: the notice's date; a date without a year takes its year (``find_deadline``).
    """
    text = cell.strip()
    if not text:
        return None
    if _DURATION.match(text):
        return Deadline(text, text, "")        # "1.5年内": a span of time, not 1月5日
    end = _range_end(text)
    if end is None and _START.search(text):
        return Deadline(text, text, "")        # "9月1日起": when the work starts, not when it is due
    found = _due(text if end is None else end, doc_date)    # a range unread at its end is no date
    if found:
        return Deadline(text, found.value, found.kind)
    return Deadline(text, text, "")


def _range_end(text: str) -> str | None:
    """The end of a range ("3-6月" -> "6月", "2024年3月-6月" -> "2024年6月", "3月1日-15日" ->
    "3月15日"), taking the year and month the end leaves out from the start; None when no range."""
    parts = [part for part in _RANGE.split(text) if part]
    if len(parts) < 2 or not re.search(r"\d", parts[-1]):
        return None
    start, end = parts[0], parts[-1]
    if not re.search(r"月|[.．/\-]", end):       # "3月1日-15日": the end is a day of the start's month
        month = _YEAR_MONTH.match(start)
        end = (month.group(0) if month else "") + end
    if not _YEAR.search(end):
        year = _YEAR.search(start)
        if year:
            end = year.group(0).rstrip(".．/-") + ("" if year.group(0).endswith("年") else ".") + end
    return end


def _due(text: str, doc_date: str) -> Deadline | None:
    """A date written bare as due by then, else what ``find_deadline`` reads (not a prompt)."""
    dotted = _DOTTED_MONTH.match(text)
    bare = _bare_date(text)
    written = ""
    if dotted and 1 <= int(dotted.group(2)) <= 12:
        written = f"{dotted.group(1)}年{int(dotted.group(2))}月"
    elif bare is not None and not _DUE_AFTER.match(text, bare.end()):
        year, month, day, part = bare.groups()
        written = f"{year + '年' if year else ''}{int(month)}月{f'{int(day)}日' if day else part or ''}"
    found = find_deadline(written + "前", doc_date=doc_date) if written else None
    if found:
        return found
    found = find_deadline(text, doc_date=doc_date)
    return found if found and found.kind != "prompt" else None


def _bare_date(text: str) -> re.Match | None:
    """The first bare date of ``text``, skipping a number that reads as one but is not: a month past 12
    or figures followed by 年/月 ("1.5年内")."""
    for match in _BARE_DATE.finditer(text):
        if not match.group(2) or not 1 <= int(match.group(2)) <= 12:
            continue
        if text[match.end():match.end() + 1] in ("年", "月"):
            continue
        return match
    return None


_SEGMENT = re.compile(r"[^。；;！？!?]+[。；;！？!?]*")
_DUE_LINE = re.compile(r"^[（(]?(?:完成|办结|截止)?(?:时限|时间|期限)\s*[:：]")
_ASSIGNMENT_LINE = re.compile(r"^[（(]?(?:牵头|责任|主责|配合|协办)(?:单位|部门|处室|科室)\s*[:：]")


def deadline_by_actor(text: str, found: Deadline | None, actor: str, doc_date: str = "") -> Deadline | None:
    """``found`` (the item's deadline) marked with the body whose clause sets it, when the item directs
    several bodies each in a clause of its own and the time limit is not every body's ("市生态环境局要…，
    2026年5月底前实现全覆盖；市住房和城乡建设局要严格落实…" -> "2026-05-31前（市生态环境局）", QA10 N12:
    the date was shown as both bodies'); each body's own limit when they differ ("…前（A）；…前（B）").
    A sentence without a subject of its own continues the body before it; a limit set where no body is
    named yet (the heading, a lead sentence) is every body's: ``found`` unchanged."""
    from .actors import actor_of_sentence, actor_parts

    if found is None or len(actor_parts(actor)) < 2:
        return found
    owned: list[tuple[str, Deadline | None]] = []
    for segment in _SEGMENT.findall(text):
        own = find_deadline(segment, doc_date=doc_date)
        if own is not None and own.kind == "prompt":
            own = None         # "及时发布预警信息": manner, no body's time limit (QA12 L2)
        if _DUE_LINE.match(segment.strip()):
            return found                             # "完成时限：6月底前": the item's, every body's
        # "牵头单位：A；责任单位：B" lines name the item's bodies together, no clause of one of them
        subject = "" if _ASSIGNMENT_LINE.match(segment.strip()) else actor_of_sentence(segment)
        if subject:
            owned.append((subject, own))
        elif owned and own is not None and owned[-1][1] is None:
            owned[-1] = (owned[-1][0], own)          # "A要…。要在5月底前完成。": A's limit
        elif own is not None and not owned:
            return found                             # set before any body is named: every body's
    subjects = list(dict.fromkeys(subject for subject, _ in owned))
    limits = [(subject, own) for subject, own in owned if own is not None]
    if len(subjects) < 2 or not limits or (len(limits) == len(owned)
                                           and len({own.value for _, own in limits}) == 1):
        return found
    return Deadline("；".join(f"{own.text}（{subject}）" for subject, own in limits),
                    "；".join(f"{own.value}（{subject}）" for subject, own in limits), limits[0][1].kind)
