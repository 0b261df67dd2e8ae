"""Whether a document is a speech (or a directive read like one) or a report, from its title and body.

A title's genre word decides first (讲话/致辞 and 通知/意见/方案 → speech; 报告/总结/自查 → report; "在…会议上"
→ speech); then a news item's first lines, words to an audience (同志们, 我讲) against a unit's own voice
(我局, 特此报告), and for an untitled text its mood: mostly directing (要/必须/确保…) → speech.
Used by ``metadata.detect``.
"""
from __future__ import annotations

import re

from ..model import DocKind
from .sentences import TERMINAL as _SENTENCE_END

_SPEECH_GENRE = re.compile(r"讲话|致辞|发言|动员讲|寄语")
_REPORT_TITLE = re.compile(r"报告|汇报|总结|自查|整改|情况|述职|综述|年度|亮点|巡礼|简况|概况|小结|简报|经验材料")
# Directives (notices, opinions, plans) are read like speeches: they assign duties and set requirements.
# A plan or task list assigns work whether or not a notice wraps it ("…三年行动任务分解方案", "…任务清单",
# "…实施方案（试行）": QA9 H1, read as a report its items were labelled measures).
_DIRECTIVE_TITLE = re.compile(r"(?:(?:的|之)(?:通知|意见|决定|办法|规定|要点)"
                              r"|(?:方案|任务清单|任务分工|行动计划|工作要点)(?:[（(](?:试行|暂行|征求意见稿)[）)])?)$")
_SPEECH_OCCASION = re.compile(r"在.{2,40}(?:会议?|大会|座谈会|培训班|仪式|典礼)上")
# News items about a unit's meetings and work ("南开新闻网讯（通讯员…）", "6月22日下午，…召开"):
# they report what was done, so they are read as reports.
_NEWS = re.compile(r"网讯|讯[（(]|通讯员|记者|本站原创|发布时间|^\d{1,2}月\d{1,2}日[上下]?午?[，,].{0,60}(?:召开|举行|举办)")
_SPEECH_BODY = re.compile(r"同志们[：:，,！!]|我讲|我再讲|我强调|我提|讲几点|谈几点")
# A clause that directs: a modal or imperative near its start ("各单位要…", "必须…", "确保…").
_DIRECTIVE_CLAUSE = re.compile(r"(?:^|[，；：])[^，。；：]{0,12}?(?:要|必须|务必|应当|切实|确保|不得|严禁)")
_DIRECTIVE_SHARE = 0.3     # seed speech 0.69; dev_report_11 (untitled account) 0.11
_MIN_MOOD_SENTENCES = 5
_REPORT_BODY = re.compile(r"我(?:局|单位|校|院|委|办|厅|部|公司|中心|所|馆|站|支部|党委|系统)|本(?:单位|局|校)|现报告如下|特此报告")


def document_kind(title: str, body_lines: list[str]) -> str:
    """speech (speeches and directives: notices, plans, task lists), report (accounts of work done,
    news items about a unit), or unknown: from the title's genre word, then the first body lines."""
    if _SPEECH_GENRE.search(title) or _DIRECTIVE_TITLE.search(re.sub(r"\s+", "", title)):
        return DocKind.SPEECH.value
    if _REPORT_TITLE.search(title):
        return DocKind.REPORT.value
    if _SPEECH_OCCASION.search(title):
        return DocKind.SPEECH.value
    body = "\n".join(body_lines)
    if any(_NEWS.search(line) for line in body_lines[:3]):
        return DocKind.REPORT.value
    speech = len(_SPEECH_BODY.findall(body))
    report = len(_REPORT_BODY.findall(body))
    if body.lstrip().startswith("同志们"):
        speech += 2
    if speech > report:
        return DocKind.SPEECH.value
    if report > speech:
        return DocKind.REPORT.value
    if not speech:
        # No title cue and not one word to an audience (同志们, 我讲…): the text's mood decides. An
        # untitled notice or speech directs (要/必须/确保… in most sentences); a written account of
        # a unit's work mostly reports, so it is read as a report.
        return DocKind.SPEECH.value if _mostly_directive(body_lines) else DocKind.REPORT.value
    return DocKind.UNKNOWN.value


def _mostly_directive(body_lines: list[str]) -> bool:
    sentences = [s for line in body_lines for s in _SENTENCE_END.split(line) if len(s.strip()) > 4]
    if len(sentences) < _MIN_MOOD_SENTENCES:
        return False
    directing = sum(1 for s in sentences if _DIRECTIVE_CLAUSE.search(s))
    return directing >= _DIRECTIVE_SHARE * len(sentences)


__all__ = ["document_kind"]
