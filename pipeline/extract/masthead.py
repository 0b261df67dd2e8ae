"""The fixed furniture of a red-head document (党政机关公文格式, GB/T 9704) around its title and body.

A 公文 opens with the 版头 above its title: 份号 ("000123"), 密级和保密期限 ("秘密★1年"), 紧急程度
("特急"), the 发文机关标志 ("平川县住房和城乡建设局文件", "中共平川县委文件"), the 发文字号 ("平住建〔2026〕55号",
with "签发人：张三" beside it on a report sent upward) and a red rule. It closes, after the 落款 and
成文日期, with the 附注 ("（联系人：王建国，电话：…）") and the 版记: "抄送：…", "平川县住房和城乡建设局办公室
2026年12月5日印发". None of these lines is the title, and none is part of the body: ``metadata`` reads
the issuing body from the 发文机关标志 and skips the rest, so the title is "关于…的报告" alone and the
signature date is found above the 版记.
"""
from __future__ import annotations

import re

from .dates import DATE

_BRACKETED_YEAR = r"[〔［\[【(（]\s*(?:19|20)\d\d\s*[〕］\]】)）]"
# 发文字号: 机关代字 + 〔year〕 + 序号 + 号 ("平住建〔2026〕55号", "国办发〔2019〕5号", "X函〔2026〕3号")
_DOC_NUMBER = r"[\u4e00-\u9fffA-Za-z]{1,16}\s*" + _BRACKETED_YEAR + r"\s*第?\s*\d{1,5}\s*号"
_SIGNER = r"签发人[：:]\s*[\u4e00-\u9fff·]{2,8}(?:\s+[\u4e00-\u9fff·]{2,8}){0,3}"
_MASTHEAD_LINE = re.compile(
    rf"^(?:{_DOC_NUMBER}(?:\s*{_SIGNER})?|{_SIGNER}"
    r"|0\d{5}|\d{6}"                                                      # 份号
    r"|(?:绝密|机密|秘密)(?:\s*★\s*\S{0,8})?"                              # 密级和保密期限
    r"|特急|加急|特提|平急"                                                # 紧急程度
    r"|[━─—―_＿=＝\-]{5,}"                                                 # the red rule as text
    r")$"
)
# "平川县住房和城乡建设局文件", "中共平川县委员会 平川县人民政府文件" (a joint head names its bodies in order)
_ISSUER_WORD = re.compile(r"^(?P<bodies>.{2,80}?)\s*文\s*件$")
# 版记 and 附注 lines under the 成文日期
_CLOSING_LINE = re.compile(
    r"^(?:(?:抄送|抄报|分送|主题词)[：:].*"
    rf"|(?:\S{{2,40}}?\s*)?{DATE.pattern}\s*印(?:发|制)"
    r"|[（(]?共印\s*\d+\s*份[）)]?"
    r"|[（(](?:联系人|联系电话|联系方式|经办人|此件|本件|此页无正文)[^）)]*[）)]"
    r"|[━─—―_＿=＝\-]{5,}"
    r"|[—–－-]\s*\d{1,3}\s*[—–－-]"                                       # "— 1 —": a page number typed in
    r")$"
)
# a title line with the 发文字号 run onto its end (OCR, a web page): "关于…的通知平政办发 [2026] 18号"
_TITLE_THEN_NUMBER = re.compile(r"^(?P<title>.*?(?:通知|通报|报告|意见|请示|批复|方案|决定|办法|规定|函|纪要|要点|"
                                rf"规划|计划|总结|汇报|细则|公告|通告))\s*{_DOC_NUMBER}$")
_ISSUED_ON = re.compile(rf"({DATE.pattern})\s*印(?:发|制)$")


def is_masthead_line(line: str) -> bool:
    """Whether a line is 版头 furniture other than the issuing body: 份号, 密级, 紧急程度, 发文字号
    (with or without 签发人), or a rule."""
    return bool(_MASTHEAD_LINE.match(line.strip()))


def without_doc_number(line: str) -> str:
    """A title line without the 发文字号 run onto its end ("关于…的通知平政办发〔2026〕18号" -> "关于…的通知")."""
    m = _TITLE_THEN_NUMBER.match(line.strip())
    return m.group("title") if m else line


def issuer_bodies(line: str) -> list[str]:
    """The bodies a 发文机关标志 "X文件" names, in order ([] for any other line); each still to be
    checked as an organisation's name by the caller."""
    m = _ISSUER_WORD.match(line.strip())
    if not m:
        return []
    parts = [part for part in re.split(r"[\s、]+", m.group("bodies")) if part]
    # a head set letter-spaced across the page ("平 川 县 应 急 管 理 局 文 件"): one body
    return ["".join(parts)] if len(parts) > 2 and all(len(part) == 1 for part in parts) else parts


def closing_lines(lines: list[str]) -> int:
    """How many trailing lines are 版记 or 附注 (抄送, 印发, 共印N份, （联系人：…）, a rule)."""
    count = 0
    for line in reversed(lines):
        if not _CLOSING_LINE.match(line.strip()):
            break
        count += 1
    return count


def issued_date_line(line: str) -> str:
    """The date text of a 版记 "…2026年12月5日印发" line, '' for any other line."""
    m = _ISSUED_ON.search(line.strip())
    return m.group(1) if m and _CLOSING_LINE.match(line.strip()) else ""
