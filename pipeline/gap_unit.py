"""Who wrote a report and which of its lines are furniture (gap matching).

``unit_of`` reads the reporting unit from the document's metadata, a signature line or the title's
organisation prefix, else the body the file name opens with, else the file name; ``known_unit``
tells a named unit (a body named in the file name included) from a bare file-name fallback.
"""
from __future__ import annotations

import re
from pathlib import Path

from .actors import body_key, same_body
from .model import Document

# the same organisation endings as extract/metadata.py's signature lines (a division 局…处 before 局)
_ORG_SUFFIX = re.compile(r"(?:局|厅|委)(?:(?![关于的和及与对在])[\u4e00-\u9fff]){1,5}?[处科室]|督导室|督查室|督导组|巡察组|检查组|工作组|委员会|"
                         r"党工委|党委|党组|党支部|党小组|总支|局|委|办公室|办|厅|中心|街道|乡镇|学院|学校|公司")
_DATE_LINE = re.compile(r"^[\d〇○零一二三四五六七八九十年月日号\s.\-/]+$")


def unit_of(doc: Document) -> str:
    """Reporting unit: ``Document.unit``, else a signature line or the title's organisation prefix,
    else the body the file name opens with (``file_name_unit``), else the file name stem."""
    if doc.unit:
        return doc.unit
    form = form_unit(doc)
    if form:
        return form
    content = [p.text.strip() for p in doc.passages if p.is_content and p.text.strip()]
    for line in reversed(content[-4:]):
        if 4 <= len(line) <= 30 and _org_prefix(line) == line:
            return line
    title = (doc.title or (content[0] if content else "")).replace(" ", "")
    return _org_prefix(title[:40]) or file_name_unit(doc.source) or Path(doc.source).stem or doc.doc_id


# a body a file name opens with: "市住建局报告", "东湖区人民政府-整改报告", "石门镇_自查" (QA10 N4); a lone
# 乡/镇 ends a body only before a break or a report word (市住房和城乡建设局 is no 乡)
_FILE_BODY = re.compile(r"[\u4e00-\u9fff]{1,16}?(?:人民政府|政府|办事处|街道|委员会|局|委|办公室|厅|中心|学校|中学|小学|学院|"
                        r"公司|(?:督导|督查|检查|工作)组|[镇乡](?=$|[^\u4e00-\u9fff]|报告|报送|自查|整改|情况|工作|关于))")


def file_name_unit(source: str) -> str:
    """The body a file name opens with ("市生态环境局.txt", "东湖区人民政府-整改报告.docx" -> 东湖区人民政府),
    "" when it names none ("整改报告.docx", "关于…的报告.docx", "r04_health_bureau.txt")."""
    match = _FILE_BODY.match(Path(source).stem.strip())
    return match.group() if match and "关于" not in match.group() else ""


_FORM_HEAD_ROWS = 3      # a form's field row sits above its header: the first rows of a table


def form_unit(doc: Document) -> str:
    """The unit a form's field row names in table cells ("填报单位 | 石门镇人民政府 | 填报日期 | …", or
    "填报单位：石门镇人民政府" in a cell): metadata reads paragraph lines only (QA9 H5)."""
    from .extract.metadata import form_row_unit

    rows: dict[tuple[int, int], list[str]] = {}
    for p in doc.passages:
        if p.kind == "table_cell" and len(p.cell) >= 3 and p.cell[1] < _FORM_HEAD_ROWS:
            rows.setdefault((p.cell[0], p.cell[1]), []).append(p.text.strip())
    for key in sorted(rows):
        named = form_row_unit(rows[key])
        if named:
            return named
    return ""


def _org_prefix(text: str) -> str:
    """Shortest prefix of ``text`` (≥4 chars) ending in an organisation suffix: 区委第二督导组…"""
    for match in _ORG_SUFFIX.finditer(text):
        prefix = text[: match.end()]
        if len(prefix) >= 4 and not re.search(r"关于|[，。：:、]", prefix):
            return prefix.removeprefix("中共") if prefix.startswith("中共") and len(prefix) > 6 else prefix
    return ""


def _same_actor(actor: str, doc: Document, unit: str | None = None) -> bool:
    """Whether ``actor`` is the reporting unit itself (aliases resolved: 绍兴一中 = 绍兴市第一中学; a
    report of unknown unit: the actor opens its title, in any standard form: 县市场监管局 in a title
    naming 县市场监督管理局). ``unit``: ``unit_of(doc)``, if known."""
    unit = unit_of(doc) if unit is None else unit
    if known_unit(doc, unit):       # "关于配合督导组开展…的报告" by 司法局 is not the 督导组's own
        return same_body(actor, unit)
    key = body_key(actor)
    return bool(key) and (key in body_key(unit) or key in body_key((doc.title or "")[:30]))


def known_unit(doc: Document, unit: str) -> str:
    """``unit`` when the report names its unit (metadata, signature or title), "" when ``unit_of``
    fell back to the file name: a report of unknown unit is "not the responsible body" only where it
    says what kind of body it is (``actors.first_person_body``: "我校…")."""
    if doc.unit:
        return unit
    if unit and unit == file_name_unit(doc.source):
        return unit      # the file name names a body: a known unit for 不适用 too (QA10 N4)
    return "" if unit in (Path(doc.source).stem, doc.doc_id) else unit


def _is_furniture(text: str, doc: Document, unit: str | None = None) -> bool:
    """Salutation, signature and date lines carry no evidence. ``unit``: ``unit_of(doc)``, if known."""
    text = text.strip()
    if len(text) < 6 or _DATE_LINE.match(text) or text == (unit_of(doc) if unit is None else unit):
        return True
    if len(text) <= 30 and _GREETING.search(text):
        return True
    return len(text) <= 30 and text.endswith(("：", ":")) and not re.search(r"[，。；]", text)


# "各位领导、同仁，大家下午好！": a greeting, whose 领导 once matched "加强党对教育工作全面领导"
_GREETING = re.compile(r"(?:^|[，,])大家(?:上午|下午|晚上)?好[！!。]?$|^(?:各位|尊敬的)[^。]{0,20}[：:]$|^同志们[：:，,！!]")
