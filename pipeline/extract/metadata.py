"""Document metadata from its first and last lines: title, speaker, date, kind, reporting unit.

Official documents put these in fixed places: a title block of short lines without a sentence end
(title, "——在…会议上的讲话" subtitle, the speaker's name, "（2010年2月22日）"), and for reports a
signature block at the end (the unit's name, then the date). Everything here is a heuristic over
those places; nothing is guessed from the body beyond a few kind cues.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import DocKind
from .dates import DATE as _DATE, DATE_LINE as _DATE_LINE, iso_date, published_date as _published_date  # noqa: F401
from .doc_kind import document_kind
from .markers import match_marker
from .masthead import closing_lines, is_masthead_line, issued_date_line, issuer_bodies, without_doc_number
from .sentences import TERMINAL as _SENTENCE_END

_MAX_TITLE_LINE = 60
_MAX_TITLE_LINES = 6
_NO_TITLE_END = re.compile(r"[。；;，,：:？?]$")
_ORG_SUFFIX = (
    r"(?:(?:局|厅|委)(?:(?![关于的和及与对在])[\u4e00-\u9fff]){1,5}?[处科室]|督导室|督查室|"         # 市教育局基建处: the division, not the bureau
    r"人民政府|政府办公室|办公室|委员会|党委|党组|党工委|总支|支部|管理局|局|委|办|厅|部|院|学院|学校|中学|小学|"
    r"大学|幼儿园|公司|集团|中心|街道|镇|乡|所|馆|站|队|协会|学会|研究会|法院|检察院|[一二三四五六七八九十]中|"
    r"督导组|工作组|检查组|巡察组|巡视组|督查组|指导组|领导小组|党小组)"
)
_ORG_CHARS = r"[\u4e00-\u9fffA-Za-z×（）()]"
_ORG_LINE = re.compile(rf"^(?:中共)?{_ORG_CHARS}{{2,30}}{_ORG_SUFFIX}$")
_ORG_IN_TITLE = re.compile(
    rf"^(?:\d{{4}}年度?)?((?:中共)?{_ORG_CHARS}{{2,30}}?{_ORG_SUFFIX})(?=关于|\d{{4}}|[二〇]{{4}}|年度|上半年|"
    r"下半年|党[史建风]|贯彻|落实|开展|推进|巡察|巡视|整改|自查|工作|履行|领导班子|班子|创建|申报|举行|召开|"
    r"督导|督查|学习|分析|阶段|"
    r"[“\"]|全面|深入|扎实)"
)
# a seal note after a signing body or a form's unit label: "（盖章）", "(公章)"
_SEAL = r"[（(](?:盖章|公章|印章|签章|章)[）)]"
# the labels of a form's unit field: 填报单位, 报送单位, 单位名称, 填报部门 …
_UNIT_LABEL_WORDS = r"(?:(?:填报|报送|自查|申报|填表|报告)单位|单位名称|(?:填报|报送)部门)"
_ORG_DATE_LINE = re.compile(rf"^(?P<org>(?:中共)?{_ORG_CHARS}{{2,30}}{_ORG_SUFFIX}(?:{_SEAL})?)"
                            rf"(?P<date>[（(]?{_DATE.pattern}[）)]?)$")
_ISSUER_LINE = re.compile(rf"^((?:中共)?{_ORG_CHARS}{{2,30}}{_ORG_SUFFIX})(?:编印|编|印发|主办)(?:{_DATE.pattern})?$")
# A form's unit field ("填报单位：石门镇人民政府", "报送单位（盖章）：…", "单位名称：…"): the reporting
# unit in so many words, under the title of nearly every 自查表 (QA9 H5). The value runs to the next
# field ("填报日期：…", spaced or glued) or the line's end.
_UNIT_FIELD = re.compile(
    rf"^{_UNIT_LABEL_WORDS}\s*(?:{_SEAL})?\s*[：:]"
    r"\s*(?P<value>.*?)\s*(?=\s[\u4e00-\u9fff]{2,6}[：:]|(?:填报|报送|联系|负责|审核|日期|时间|电话)"
    r"[\u4e00-\u9fff]{0,3}[：:]|$)"
)
# any "label：value" field line of a form's head ("填报人：张三 联系电话：…"); a bare "县政府：" is no field
_FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}(?:[（(][\u4e00-\u9fff]{1,4}[）)])?\s*[：:]\s*[^\s。；;]")
_SPEAKER_COLON = re.compile(r"^([\u4e00-\u9fff、·]{2,12}?)(?:同志)?[：:]\s*在.+?(?:讲话|致辞|发言|报告)")
_SPEAKER_TONGZHI = re.compile(r"^([\u4e00-\u9fff、·]{2,16}?)同志(?:在.+?|的)(?:讲话|致辞|发言|报告)")
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习盛庄"
)
_NOT_NAME_CHARS = set("局委办厅部院校会市县区省镇乡党政府报告讲话工作年月日中学大学公司中心一二三四五六七八九十")
_NOT_TITLE_LINE = re.compile(r"网讯|通讯员|记者|发布(?:时间|日期)|浏览(?:次数|量)|点击(?:数|量|率)|[（(][^）)]*$")
# A page's "发布时间：2019-03-01 10:20" standing alone under the title (the HTML reader cuts it out of
# the info line, whose rest is page furniture): a date line of the title block.
_PUBLISHED_LINE = re.compile(r"^(?:发布时间|发布日期)[：:](?:" + _DATE.pattern
                             + r"|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2})(?:\d{1,2}:\d\d(?::\d\d)?)?$")


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str = ""
    speaker: str = ""
    date: str = ""
    kind: str = DocKind.UNKNOWN.value
    unit: str = ""
    title_lines: int = 0      # how many leading lines form the title block
    signature_lines: int = 0  # how many trailing lines form the signature block (unit, date)


def _squash(line: str) -> str:
    return re.sub(r"\s+", "", line)


_SEAL_NOTE = re.compile(rf"{_SEAL}$")


def _signing_name(line: str) -> str:
    """An organisation line as it names the body: squashed, without a seal note ("绍兴市越城区鲁迅小学
    （盖章）": the note is no part of the name)."""
    return _SEAL_NOTE.sub("", _squash(line))


def is_person_name(line: str) -> bool:
    name = _squash(line)
    if not 2 <= len(name) <= 4 or not re.fullmatch(r"[\u4e00-\u9fff][\u4e00-\u9fff×XＸ*＊]+", name):
        return False   # "周××", "张某某": names withheld in published copies still count
    return name[0] in _SURNAMES and not any(c in _NOT_NAME_CHARS for c in name[1:])


_POSITION = re.compile(r"(?:书记|省长|市长|县长|区长|主任|局长|校长|部长|厅长|院长|主席|委员|组长|代表|同志)$")


def _byline_name(line: str) -> str:
    """The name in a "position name" byline ("海南省省长 刘小明"), else ''."""
    parts = line.strip().split(" ")
    if len(parts) != 2 or len(line) > 30:
        return ""
    position, name = parts
    return name if is_person_name(name) and _POSITION.search(position) else ""


def is_org_line(line: str) -> bool:
    return bool(_ORG_LINE.match(_signing_name(line)))


def unit_field(line: str) -> str:
    """The unit a form's field line names ("填报单位：石门镇人民政府 填报日期：…" -> 石门镇人民政府), ''
    for any other line or a blank field ("填报单位（盖章）：____")."""
    m = _UNIT_FIELD.match(line.strip())
    if not m:
        return ""
    value = _signing_name(m.group("value")).strip("_＿-—")
    if not 2 <= len(value) <= 40 or not re.fullmatch(f"{_ORG_CHARS}+", value):
        return ""
    return value


_UNIT_LABEL = re.compile(rf"^{_UNIT_LABEL_WORDS}(?:{_SEAL})?[：:]?$")


def form_row_unit(cells: list[str]) -> str:
    """The unit a form's field row names in its cells: "填报单位：X" in one cell, or a label cell
    ("填报单位", "单位名称：") followed by the value cell (an Excel form's row above its header)."""
    for i, cell in enumerate(cells):
        named = unit_field(cell)
        if named:
            return named
        # the value cell must name a body: "单位名称 | 联系人 | 联系电话" is a contact table's header
        if _UNIT_LABEL.match(_squash(cell)) and i + 1 < len(cells) and is_org_line(cells[i + 1]):
            return _signing_name(cells[i + 1])
    return ""


def _is_field_line(line: str) -> bool:
    return bool(_UNIT_FIELD.match(line.strip()) or _FIELD_LINE.match(line.strip()))


def _org_date(line: str) -> tuple[str, str]:
    """(unit, iso date) of a signature glued to its date on one line ("白沙乡人民政府2026年12月22日",
    "青山县林业局 2026年12月24日": OCR and one-line pastes), ('', '') otherwise."""
    m = _ORG_DATE_LINE.match(_squash(line))
    if not m or not iso_date(m.group("date")):
        return "", ""
    return _SEAL_NOTE.sub("", m.group("org")), iso_date(m.group("date"))


def _issuer(line: str) -> str:
    """The issuing body a red-head's 发文机关标志 names ("平川县住房和城乡建设局文件" -> 平川县住房和城乡建设局;
    the first of a joint head's bodies), '' for any other line."""
    bodies = issuer_bodies(line)
    return _signing_name(bodies[0]) if bodies and all(is_org_line(body) for body in bodies) else ""


def _masthead_block(lines: list[str]) -> int:
    """How many leading lines are a red-head's 版头 (份号, 密级, 紧急程度, "X文件", 发文字号, rule)."""
    count = 0
    for line in lines:
        if not (is_masthead_line(line) or _issuer(line)):
            break
        count += 1
    return count


def title_block(lines: list[str]) -> int:
    """How many leading lines are the title block (short, no sentence end, no list marker), after a
    red-head's 版头 if any (its lines are not counted against the title's few lines). A form's
    unit field ("填报单位：…") ends the title: after it only field, organisation and date lines belong
    to the block (a Word form's signature under its field line)."""
    masthead = _masthead_block(lines)
    return masthead + _title_lines(lines[masthead:])


def _title_lines(lines: list[str]) -> int:
    count = 0
    fields = False
    for i, line in enumerate(lines[:_MAX_TITLE_LINES]):
        squashed = _squash(line)
        if not squashed or len(squashed) > _MAX_TITLE_LINE:
            break
        if _UNIT_FIELD.match(line.strip()) or (fields and (_is_field_line(line) or is_org_line(line)
                                                          or _DATE_LINE.match(squashed))):
            fields = True
            count += 1
            continue
        if fields:
            break
        if _PUBLISHED_LINE.match(squashed):
            count += 1
            continue
        if _NO_TITLE_END.search(squashed) or _NOT_TITLE_LINE.search(squashed):
            break
        if squashed.endswith(("。", "！", "!")) and not (i == 0 and squashed.endswith(("！", "!"))):
            break
        marker = match_marker(line.strip())
        if marker is not None:
            break
        count += 1
    return count


def detect(lines: list[str]) -> Metadata:
    """Metadata from the document's non-empty lines (normalised text)."""
    if not lines:
        return Metadata()
    n_title = title_block(lines)
    head = lines[:n_title]
    speaker = ""
    date = ""
    unit_line = ""
    field_unit = ""
    fields = False
    title_parts: list[str] = []
    for line in head:
        squashed = _squash(line)
        if is_masthead_line(line):          # 发文字号, 份号, 密级…: 版头 furniture, above or under the title
            continue
        issuer = _issuer(line)
        if issuer and not title_parts:      # 发文机关标志 "X文件": the issuing body
            unit_line = unit_line or issuer
            continue
        if _UNIT_FIELD.match(line.strip()) or (fields and _is_field_line(line)):
            fields = True                               # the form's fields: no part of its title
            field_unit = field_unit or unit_field(line)
            # "填报日期：2026年12月20日" on the same line, or as a spreadsheet writes it (2026-12-20)
            date = date or iso_date(squashed) or _published_date([squashed])
            continue
        if fields and is_org_line(line):               # a form's signature under its field line
            unit_line = unit_line or _signing_name(line)
            continue
        if _DATE_LINE.match(squashed):
            date = date or iso_date(squashed)
            continue
        if _PUBLISHED_LINE.match(squashed):
            date = date or _published_date([line])
            continue
        if is_person_name(line) and title_parts:
            speaker = speaker or _squash(line)
            continue
        byline = _byline_name(line)
        if byline and title_parts:          # "海南省省长 刘小明"
            speaker = speaker or byline
            continue
        if is_org_line(line) and not title_parts and len(head) > 1:
            unit_line = squashed
            continue
        issuer = _ISSUER_LINE.match(squashed)
        if issuer and title_parts:          # "区委第四督导组编　2005年4月8日" under a bulletin's title
            unit_line = unit_line or issuer.group(1)
            date = date or iso_date(squashed)
            continue
        title_parts.append(without_doc_number(line))
    title = ""
    for part in title_parts:
        if not title:
            title = part
        elif part.startswith(("——", "――")) or title.endswith(("——", "――")):
            title += part
        else:
            title += " " + part
    for part in title_parts:
        squashed = _squash(part)
        m = _SPEAKER_COLON.match(squashed) or _SPEAKER_TONGZHI.match(squashed)
        if m and not speaker:
            speaker = m.group(1)
    opening = "" if n_title else _opening_title(lines[0])      # a one-line paste: "关于…的报告 县政府： …"
    title = title or opening
    # a 公文's 版记 and 附注 (抄送, 印发, （联系人：…）) close it under the signature: read the signature above them
    n_closing = closing_lines(lines[n_title:])
    n_closing = n_closing if n_closing < len(lines) - n_title else 0
    signed = lines[:len(lines) - n_closing]
    date = (date or iso_date(title) or _signature_date(signed) or _tail_signature(signed[-1])[1]
            or _published_date(lines[n_title:n_title + 3])
            or iso_date(next((issued_date_line(line) for line in lines[len(signed):] if issued_date_line(line)), "")))
    kind = document_kind(title, lines[n_title:n_title + 40])
    unit = ""
    if kind == DocKind.REPORT.value:
        unit = (field_unit or unit_line or _signature_unit(signed) or _tail_signature(signed[-1])[0]
                or _unit_from_title(title_parts or [opening]) or _opening_unit(lines[0], n_title))
    n_signature = n_closing + signature_block(signed[n_title:])
    return Metadata(title=title, speaker=speaker, date=date, kind=kind, unit=unit, title_lines=n_title,
                    signature_lines=n_signature)


def _unit_from_title(title_parts: list[str]) -> str:
    for part in title_parts:
        for piece in re.split(r"[—―]{2}", _squash(part)):
            m = _ORG_IN_TITLE.match(piece)
            if m and not m.group(1).startswith(("我", "本", "该")):
                return m.group(1)
    return ""


def signature_block(lines: list[str]) -> int:
    """How many trailing lines are a signature: an organisation name and/or a date line (at most 3),
    the two glued on one line ("白沙乡人民政府2026年12月22日"), or a form's unit field."""
    count = 0
    has_date = False
    for line in reversed(lines[-3:]):
        squashed = _squash(line)
        if _DATE_LINE.match(squashed) or _org_date(squashed)[0] or unit_field(line):
            has_date = True
        elif not is_org_line(squashed):
            break
        count += 1
    return count if (has_date or count == 1) and count < len(lines) else 0


def _signature_unit(lines: list[str]) -> str:
    tail = lines[-4:]
    for i in range(len(tail) - 1, -1, -1):
        named = unit_field(tail[i]) or _org_date(tail[i])[0]
        if named:
            return named
        if is_org_line(tail[i]):
            return _signing_name(tail[i])
    return ""


def _tail_signature(last_line: str) -> tuple[str, str]:
    """(unit, iso date) signed after the last sentence of a long last line ("…制度化。青山县林业局
    2026年12月24日": a report pasted on one line), ('', '') when the line ends otherwise."""
    tail = _SENTENCE_END.split(last_line)[-1].strip()
    if tail == last_line.strip() or not tail:
        return "", ""
    unit, date = _org_date(tail)
    if unit:
        return unit, date
    return (_signing_name(tail), "") if is_org_line(tail) else ("", "")


# A report's title opening a text pasted on one line ("县林业局关于…情况的报告 县政府： 今年…"): the
# title block is gone, but its first words still read as one.
_OPENING_TITLE = re.compile(
    r"^(\S{0,40}?关于\S{2,60}?的(?:(?:自查|整改|专题|情况|工作)?报告|(?:情况|工作)?汇报|(?:工作)?总结))"
    r"(?=\s|$|[\u4e00-\u9fff、]{2,20}[：:])"
)
_OPENING_ORG = re.compile(rf"^((?:中共)?{_ORG_CHARS}{{2,30}}?{_ORG_SUFFIX})\s")


def _opening_title(first_line: str) -> str:
    """The title a long first line opens with (no title block), '' if none."""
    if len(first_line) <= _MAX_TITLE_LINE:
        return ""
    m = _OPENING_TITLE.match(first_line.strip())
    return m.group(1) if m and not _SENTENCE_END.search(m.group(1)) else ""


def _opening_unit(first_line: str, n_title: int) -> str:
    """The body a text without a title block opens with, set apart by a space ("青山县林业局 今年…")."""
    m = None if n_title else _OPENING_ORG.match(first_line.strip())
    return _signing_name(m.group(1)) if m else ""


def _signature_date(lines: list[str]) -> str:
    for line in reversed(lines[-3:]):
        squashed = _squash(line)
        if _DATE_LINE.match(squashed):
            return iso_date(squashed)
        if _org_date(squashed)[1]:
            return _org_date(squashed)[1]
    return ""
