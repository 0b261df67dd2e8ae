"""Responsible actor (责任主体) of a duty or requirement.

The actor is the subject before the modal verb of the sentence (…要/必须/负责/应当/务必/牵头…):
"第一，督导组要按照区委的总体部署…" -> 督导组. When the item's own sentence has no subject
("第二，要刻苦学习。"), the caller inherits the actor from the parent item or the lead-in
("下面，我再着重就督导组的工作提三点要求：").

Which reports answer for an actor's task (gap tables) is ``actor_answers``'s: ``answers_for``,
``same_body``, ``body_kind`` and ``actor_parts`` are imported from there and re-exported here.
"""
from __future__ import annotations

import re

from .actor_answers import GENERIC_ACTORS, answers_for, body_key, body_kind  # noqa: F401 (re-exported)
from .actor_answers import actor_parts, is_generic_actor, same_body
from .body_names import split_names
from .sectors import SECTOR_WORDS, other_sector, task_sector, unit_sector  # noqa: F401 (re-exported: gap_evidence)

# Longest first so 领导小组办公室 wins over 领导小组 and 各级党组织 over 党组.
KNOWN_ACTORS: tuple[str, ...] = tuple(sorted((
    "督导组", "巡视组", "巡察组", "检查组", "工作组", "第一责任人", "直接责任人", "主要负责人", "责任人",
    "主要负责同志",
    "各单位", "各部门", "各地区", "各系统", "各地", "各级", "各级党组织", "基层党组织", "党组织",
    "党委", "党工委", "党组", "党支部", "党委（党组）", "党委、党工委、党组", "领导班子", "班子成员",
    "领导小组", "领导小组办公室", "办公室", "纪委", "纪检监察机关", "组织部", "宣传部", "区委", "市委",
    "区政府", "市政府", "各乡镇", "各街道", "乡镇", "街道", "共产党员", "党员干部", "党员", "领导干部",
), key=len, reverse=True))

# 要 as a modal, not inside 要求/主要/重要/需要/只要/要点 …
_MODAL = re.compile(r"((?<![重主需只纲简概摘首紧])要(?![求点素闻件害])|必须|务必|应当|应该|负责(?![人同])|牵头|承担|不得|严禁)")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?、\s]")
_MARKER = re.compile(r"^(?:第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十]+[是要、]|（[一二三四五六七八九十\d]+）|\d+[.．、])")
_ORG_SUFFIX = re.compile(r"([\u4e00-\u9fff]{1,12}?(?:(?:局|厅|委)(?:(?![关于的和及与对在])[\u4e00-\u9fff]){1,5}?[处科室]|督导室|督查室|督导组|工作组|领导小组|办公室|党委|党工委|党组|党支部|党小组|"
                         r"委员会|局|委|办|厅|部门|部|中心|街道|乡镇|单位|学校|高校|幼儿园|(?:人民)?法院|(?:人民)?检察院))")
# a Party committee's or a government's own organ, named with its level (QA12 M7: 县委政法委 was read as
# 县委, 县委宣传部 as 宣传部, 县委办 as 县委): 县委办(公室), 县委政法委, 区委组织部, 市委教育工委, 县政府办, 县纪委监委
_ORGAN_OF_LEVEL = re.compile(r"(?:中共)?[\u4e00-\u9fff]{0,6}?[省市县区州旗镇乡](?:纪委(?:监委)?|(?:委|政府)(?:办公室|办|"
                             r"[\u4e00-\u9fff]{1,4}?(?:部|委员会|委|办公室|办|室)))")
# "各县（市、区）教育局", "各地各校", "各学校": every body of a kind, named anywhere in a lead-in
_EVERY_BODY = re.compile(r"各(?:县（市、区）|县（市）|县市区|县区|地|级|校)?[\u4e00-\u9fff]{0,6}?"
                         r"(?:教育局长|教育局|局长|校长|学校|高校|中小学|幼儿园|部门|单位|乡镇|街道|人民政府|政府)")
_BRACKET_LIST = re.compile(r"（[\u4e00-\u9fff、]{1,8}）")
_PREPOSITION = re.compile(r"(?<=[\u4e00-\u9fff])(?:对|向|给|为|与|同(?!志))(?=[\u4e00-\u9fff])")   # 负责同志: no 同
_ADVERB_TAIL = re.compile(r"(?:都|也|还|更|就|则|均|一定|务必|切实|首先|自己)+$")
_NORMALISE = (("督导组的同志", "督导组"), ("督导组成员", "督导组"), ("督导组同志", "督导组"),
              ("每个督导组", "督导组"), ("各督导组", "督导组"), ("区督导组", "督导组"))


# A 任务分解 notice names the bodies outright: "责任单位：市教育局基建处", "牵头单位：X；配合单位：Y",
# "X牵头，Y配合", "由X负责"
# a field's value ends at the next field ("（责任单位：X，完成时限：Y）"), a comma or a sentence end
# (QA12 L16: a 责任单位 cell "牵头：县住房和城乡建设局；配合：县应急管理局" names the roles without 单位)
_ROLE_FIELD = re.compile(r"(?:(牵头|责任|主责|配合|协办)(?:单位|部门|处室|科室)|(?<![\u4e00-\u9fff])(牵头|配合|协办))"
                         r"\s*[:：]\s*((?:(?!\s*(?:牵头|责任|主责|配合|协办)(?:单位|部门|处室|科室)?\s*[:：])[^，,。；;\n]){2,40})")
_LEAD_AND_SUPPORT = re.compile(r"^(?:[^，,。；;]*?由)?([^，,。；;]{2,20}?)(?:负责)?牵头[，,、]\s*([^，,。；;]{2,30}?)(?:共同)?配合")
_BY_BODY = re.compile(r"由([^，,。；;由]{2,20}?)(?:牵头)?负责")
# "市水务局要会同各区人民政府加快…", "由市教育局会同市财政局负责…": the first body leads, the second joins
_JOINTLY = re.compile(r"^(?:[^，,。；;]*?由)?([^，,。；;：:由]{2,30}?)(?:都|也|还|均|一定|务必|切实)?"
                      r"(?:要|应当|应|将|负责|牵头)?会同([^，,。；;：:]{2,40})")
# where a body's name may end: what follows 会同 runs on into the work ("各区人民政府加快城区…")
_NAME_END = re.compile(r"(?:局|厅|委|办|室|部|门|府|组|位|校|中心|会|处|科|站|所|院|队|街道|乡镇|镇)")


def actor_of_sentence(sentence: str) -> str:
    """The bodies a sentence names as responsible (``named_bodies``), else the subject before its
    first modal verb if it names an actor, else ""."""
    text = _MARKER.sub("", sentence.strip())
    # 各县（市、区）教育局: the 、 inside brackets lists places, it does not end the subject
    text = _BRACKET_LIST.sub(lambda m: m.group(0).replace("、", "·"), text)
    named = named_bodies(text)
    if named:
        return named.replace("·", "、")
    for match in _MODAL.finditer(text):
        before = text[: match.start()]
        clauses = _CLAUSE_BREAK.split(before) if before else [""]
        clause = clauses[-1]
        if not clause and len(clauses) >= 2 and "是" in clauses[-2]:
            clause = clauses[-2].split("是")[0]      # "X是第一责任人，要…": the subject is X
        if not clause:
            continue
        actor = _actor_in(clause)
        if actor:
            return actor.replace("·", "、")
    # no modal, but the sentence opens with every body of a kind: "各学校每月开展一次应急疏散演练"
    opening = _opening_bodies(text.replace("·", "、"))
    return opening


def _opening_bodies(text: str) -> str:
    """Every body of a kind the sentence opens with, a list kept whole: "各乡镇、各有关单位于…报送" ->
    "各乡镇、各有关单位" (QA9 M3: only 各乡镇 was kept); "" when it opens with none."""
    bodies, position = [], 0
    while True:
        opening = _EVERY_BODY.match(text, position)
        if not opening or text.startswith("的", opening.end()):
            break
        bodies.append(opening.group(0))
        position = opening.end()
        if not text.startswith("、", position):
            break
        position += 1
    return "、".join(bodies)


def named_bodies(text: str) -> str:
    """Bodies a sentence assigns by name: a 责任单位/牵头单位/配合单位 field, "X牵头，Y配合" or "X要会同Y…"
    (the roles kept: "X（牵头）、Y（配合）") or "由X负责"; "" when it assigns none."""
    fields = [(role or bare, _unbracketed(names.strip())) for role, bare, names in _ROLE_FIELD.findall(text)]
    if fields:
        return "、".join(names if role in ("责任", "主责") else f"{names}（{role}）" for role, names in fields)
    pair = _LEAD_AND_SUPPORT.match(text)
    lead, support = (_bodies_in(pair.group(1)), _bodies_in(pair.group(2))) if pair else ("", "")
    if lead and support:       # the bodies' names alone: not "市教育局要", "由市教育局"
        return f"{lead}（牵头）、{support}（配合）"
    jointly = _jointly(text)
    if jointly:
        return jointly
    by = _BY_BODY.search(text)
    # every body listed must be one ("由一名县领导联系、一个牵头部门负责" names nobody)
    if by and _bodies_in(by.group(1)):
        return by.group(1)
    return clause_subjects(text)


def _jointly(text: str) -> str:
    """"X要会同Y…" -> "X（牵头）、Y（配合）" (QA10 N12: Y was lost, and with it Y's reports' task); the
    names as written, every one a whole body; "" when the sentence has no such clause."""
    match = _JOINTLY.match(text)
    if not match:
        return ""
    lead = _whole_bodies(match.group(1))
    rest = match.group(2)
    ends = [m.end() for m in _NAME_END.finditer(rest)]
    support = next((names for names in (_whole_bodies(rest[:end]) for end in reversed(ends)) if names), "")
    return f"{lead}（牵头）、{support}（配合）" if lead and support else ""


def _whole_bodies(clause: str) -> str:
    """The bodies ``clause`` lists, 、/和/及 between them, when each part is a body's whole name (a 和
    inside a name kept: 县住房和城乡建设局, QA12 M1)."""
    parts = [_whole_body(part) for part in split_names(clause.strip())]
    return "、".join(parts) if parts and all(parts) else ""


# a clause opening with its subject and a modal: "县林业局要…", "各乡镇、各部门主要负责同志要…"
# (QA12 M1: "…；县城管局配合做好窨井盖巡查" names a supporting body, "县人社局牵头，县住建局配合" a lead)
_SUBJECT_CLAUSE = re.compile(r"^([^，,。；;：:！？!?\s]{2,30}?)(?:都|也|还|均|一定|务必|切实)?"
                             r"((?<![重主需只纲简概摘首紧])要(?![求点素闻件害务])|必须|务必|应当|负责(?![人同])|牵头|不得|严禁|"
                             r"(?:积极|主动|共同)?(?:配合|协助)(?![下])).*$")
# what may stand before a body's name in a subject: its level ("镇党委", "区委组织部", "县纪委")
_LEVEL_PREFIX = re.compile(r"[省市县区镇乡州]?(?:委|政府)?")


def clause_subjects(text: str) -> str:
    """The bodies ``text`` directs by name in more than one place: the list opening a clause as its
    subject ("各乡镇、各部门要…" -> both, QA9 M3) and the specific bodies opening later clauses
    ("各乡镇要…；县林业局要…" -> "各乡镇、县林业局"; "…，县财政局要保障…"). A later clause's generic
    subject (主要负责同志, 党员, 各级党委) is a part of the bodies already named, not another one. ""
    when the sentence names fewer than two: one subject is ``actor_of_sentence``'s to find."""
    lists = _clause_bodies(text)
    if not lists:
        return ""
    # a list, never a "、"-joined string split again: 各县（市、区）教育局 is one body (review7 M5)
    found = _bodies_added(list(dict.fromkeys(lists[0])), [body for names in lists[1:] for body in names])
    return "、".join(found) if len(found) > 1 else ""


def with_bodies_named_later(actor: str, texts, *, later=None) -> str:
    """``actor`` (an item's subject) and the specific bodies that open clauses of the item's other
    sentences ``texts`` as their subjects ("各乡镇要…设立检查站。县公安局要加大…查处力度。" -> "各乡镇、县公安局":
    QA9 M3); generic subjects there (党员, 主要负责同志, 各级党委) are people of the bodies already named."""
    bodies = [body for names in (later if later is not None else
                                 [names for text in texts for names in _clause_bodies(text)]) for body in names]
    return "、".join(_bodies_added([actor] if actor else [], bodies))


def _bodies_added(found: list[str], bodies) -> list[str]:
    """``found`` with each of ``bodies`` that is specific and not one of them already appended."""
    found = list(found)
    for body in bodies:
        name = actor_parts(body)[0]        # "县城管局（配合）": the body without its role
        if not is_generic_actor(name) and not _PEOPLE.search(name) and not any(
                same_body(name, known) for part in found for known in actor_parts(part)):
            found.append(body)
    return found


# people of a body (纪检监察干部, 党组织书记, 班子其他成员) are no body of their own
_PEOPLE = re.compile(r"(?:干部|同志|书记|成员|党员|人员|负责人|责任人)$")


def _clause_bodies(text: str) -> list[list[str]]:
    """The bodies opening each clause of ``text`` as its subject, one list per such clause ("各乡镇、
    各部门要…" is one list of two); a clause whose subject is not wholly bodies gives none."""
    text = _BRACKET_LIST.sub(lambda m: m.group(0).replace("、", "·"), _MARKER.sub("", text.strip()))
    lists = []
    for clause in re.split(r"[，,。；;！？!?]", text):
        match = _SUBJECT_CLAUSE.match(clause.strip())
        names = [_whole_body(part) for part in match.group(1).split("、")] if match else []
        if names and all(names):
            lists.append([name.replace("·", "、") + _role(match) for name in names])
    return lists


def _role(clause: re.Match) -> str:
    """The role a subject clause gives its bodies: "X配合做好…" -> （配合）, a clause "X牵头" alone (a
    配合 clause follows) -> （牵头）, else none."""
    verb = clause.group(2)
    if verb.endswith(("配合", "协助")):
        return "（配合）"
    return "（牵头）" if verb == "牵头" and clause.end(2) == len(clause.group(0)) else ""


def _whole_body(part: str) -> str:
    """``part`` when it is a body's name as a whole ("县公安局", "镇党委", "各部门主要负责同志"), the
    body when it is its people ("督导组的同志" -> 督导组); "" when it holds more ("把市委的决策部署…")."""
    actor = _actor_in(part)
    if not actor:
        return ""
    if actor == part or part in (actor + "的同志", actor + "同志", actor + "成员"):
        return actor
    if part.endswith(actor) and _TIME_OPENING.fullmatch(part[: -len(actor)]):
        return actor                      # "汛期各单位": 各单位
    return part if part.endswith(actor) and _LEVEL_PREFIX.fullmatch(part[: -len(actor)]) else ""


def _bodies_in(clause: str) -> str:
    """The bodies a clause lists ("市公安局、市人力社保局"), each by its name alone; "" unless every
    part names one."""
    names = [_actor_in(part) for part in split_names(clause)]
    return "、".join(names) if all(names) else ""


def _unbracketed(value: str) -> str:
    """A field's value without the bracket its field was written in: "各县（市、区）教育局）" -> the
    body (an unbalanced closing bracket belongs to the enclosing "（责任单位：…）")."""
    while value.endswith(("）", ")")) and value.count("（") + value.count("(") < value.count("）") + value.count(")"):
        value = value[:-1]
    return value


def actor_mentioned(text: str) -> str:
    """First known actor mentioned anywhere in ``text`` (for lead-ins: "…就督导组的工作提三点要求")."""
    best: tuple[int, str] | None = None
    body = _EVERY_BODY.search(text)
    if body:
        best = (body.start(), body.group(0))
    for name in KNOWN_ACTORS:
        pos = text.find(name)
        while pos >= 0 and name in ("各级", "各地") and text.startswith("各类", pos + 2):
            pos = text.find(name, pos + 1)     # 各级各类教育: a quantifier, nobody's duty
        if pos >= 0 and (best is None or pos < best[0] or (pos == best[0] and len(name) > len(best[1]))):
            best = (pos, name)
    return _normalise(best[1]) if best else ""


# a time word opening a subject: "汛期各单位要…", "节假日期间各乡镇要…", "会后各部门要…" (QA12 M4: the
# actor was "汛期各单位", nobody's; it is 各单位). Not 防汛 (防汛抗旱指挥部 is a body).
_TIME_OPENING = re.compile(r"^(?:(?:主汛期|汛期|汛前|汛后|节假日|节前|节后|冬春季|今冬明春|雨季|旱季|重要时段|敏感时期)"
                           r"(?:期间|前后)?|(?:春节|国庆|元旦|节日|假期|寒假|暑假)(?:期间|前后)|[\u4e00-\u9fff]{1,6}期间|"
                           r"会后|会前|今后|此后|以后|同时|此外|另外|当前|目前|眼下|近期|下一步|下阶段|今年|明年|年内|"
                           r"全年|平时|日常|届时|其间|每年|每月|每季度|每周)")


def _actor_in(clause: str) -> str:
    clause = _ADVERB_TAIL.sub("", clause)
    timed = _TIME_OPENING.match(clause)
    if timed and timed.end() < len(clause):
        found = _actor_in(clause[timed.end():])
        if found:
            return found
    if re.match(r"一[个名位家]", clause):
        return ""                        # "一个牵头部门": any one, not a named body
    clause = re.sub(r"^(?:作为|对于|关于)", "", clause)
    # "市政府办公室和各专项工作办公室要…": bodies joined by 和/及/与 are the subject together, not the last one
    parts = split_names(clause, r"以及|和|及|与")       # 县住房和城乡建设局 is one body (QA12 M1)
    if 1 < len(parts) <= 4 and len(clause) <= 40 and all(part and _actor_in(part) for part in parts):
        return clause
    if _EVERY_BODY.fullmatch(clause.replace("·", "、")):
        return clause                    # 各县（市、区）教育局, 各中小学
    if clause.endswith("单位") and 2 < len(clause) <= 14:
        return clause
    if re.fullmatch(r"(?:各|全体|所有)[\u4e00-\u9fff]{1,6}", clause) and clause not in ("各级", "各地"):
        return clause   # 各学校, 各县区, 全体党员 …
    # "X对Y要…" / "X向Y…": the subject is X, before the preposition.
    head = _PREPOSITION.split(clause, maxsplit=1)[0]
    if head and head != clause:
        found = _actor_in(head)
        if found:
            return found
    for old, new in _NORMALISE:
        if clause.endswith(old):
            return new
    if _ORGAN_OF_LEVEL.fullmatch(clause):
        return clause
    for name in KNOWN_ACTORS:
        if clause.endswith(name) or clause.endswith(name + "的同志") or clause.endswith(name + "成员"):
            # 各地各部门主要负责人, 各乡镇（街道）党政主要负责同志 (QA12 M7: a bracket counts for nothing)
            if clause.startswith("各") and len(re.sub(r"（[^（）]*）", "", clause)) <= 12:
                return clause
            return _normalise(name)
    match = _ORG_SUFFIX.search(clause)
    if match and match.end() >= len(clause) - 3:
        return match.group(1)
    for name in KNOWN_ACTORS:
        if name in clause:
            return _normalise(name)
    return ""


def _normalise(name: str) -> str:
    return "党委（党组）" if name in ("党委、党工委、党组",) else name


# Whose voice a passage is in. A unit's news item quotes a visiting superior ("市教育局局长姚国海…指出，
# …希望…"): his praise and hopes are not what the unit did, though the shortfalls he names and the unit
# publishes are admitted. A superior = a person whose title in the text belongs to a higher body
# (市/省/区/县 …局/委/厅/部/政府) that is not the unit.
_TITLE = re.compile(r"(?:书记|局长|主任|厅长|部长|组长|处长|市长|区长|县长|督学|巡视员|调研员|主席)$")
_HIGHER_BODY = re.compile(r"[市省区县州](?:委|政府|[\u4e00-\u9fff]{0,8}?(?:局|厅|委|部|政府|办))")
_SPEAKER = re.compile(r"^[“\"]?(?P<name>[\u4e00-\u9fff]{2,3}?)(?:同志)?(?:在最后|最后|还|也|进一步|充分|同时|首先)?"
                      r"(?:指出|表示|认为|希望|要求|强调|肯定|提出|点评|对)")
_OWN_CONTEXT = re.compile(r"我校|我局|我委|本校|本单位|学校|校长|校党委")
# a higher body speaking ("市教育局对我校…给予充分肯定，希望…", "市委教育工委领导指出…")
_BODY_SPEAKER = re.compile(r"^(?P<body>[市省区县州][\u4e00-\u9fff]{0,10}?(?:局|厅|委|部|政府))(?:党委|党组|领导|主要领导)?"
                           r"[^，。；：]{0,20}?(?:指出|希望|要求|强调|肯定|表扬|认为)")


def superior_speaker(name: str, text: str, unit: str = "") -> bool:
    """Whether ``name`` is introduced in ``text`` with the title of a higher body other than ``unit``
    ("市教育局党委书记、局长姚国海", "市委教育工委书记、市教育局局长贺晓敏同志")."""
    for match in re.finditer(re.escape(name), text):
        window = re.split(r"[。，；：！？\n]", text[max(0, match.start() - 30):match.start()])[-1]
        title = window.rstrip("、")
        body = _HIGHER_BODY.search(window)
        if (_TITLE.search(title) and body and not _OWN_CONTEXT.search(window)
                and not (unit and same_body(body.group(0), unit))):
            return True
    return False


def is_hope(text: str) -> bool:
    """A hope or requirement voiced at someone ("希望学校…", "要…", "必须…"), whatever its label."""
    return "希望" in text or bool(_MODAL.search(text))


def superior_voice(passages, text: str, unit: str = "") -> list[bool]:
    """Per passage: whether it is a superior's words quoted by the unit. A sentence opening with a
    superior speaker and a speech verb ("姚国海指出，…", "贺晓敏希望…") or with a higher body other than
    the (known) unit ("市教育局对我校…给予充分肯定，希望…") starts his voice, which runs to the end of its
    paragraph (the line), items and "他表示…" sentences included."""
    flags = [False] * len(passages)
    speakers: dict[str, bool] = {}
    voice_end = -1
    for j, p in enumerate(passages):
        match = _SPEAKER.match(p.text) if p.start >= voice_end else None
        body = _BODY_SPEAKER.match(p.text) if p.start >= voice_end and unit else None
        if match and match.group("name") not in speakers:
            speakers[match.group("name")] = superior_speaker(match.group("name"), text, unit)
        # a body speaks over the unit only when the unit is known and is another body
        if (match and speakers[match.group("name")]) or (body and not same_body(body.group("body"), unit)):
            line_end = text.find("\n", p.start)
            voice_end = len(text) if line_end < 0 else line_end
        flags[j] = p.start < voice_end
    return flags


_FIRST_PERSON = (("我校", "学校"), ("我局", "局"), ("我厅", "厅"), ("我镇", "镇"), ("我乡", "乡"), ("我街道", "街道"))


def first_person_body(text: str) -> str:
    """The kind of body a report speaks for when it names none: one that says "我校" (at least twice)
    is a school's, "我局" a bureau's; "" when it does not say. A school is then not a county bureau nor
    the 市教育局, whatever its name."""
    n, body = max((text.count(we), body) for we, body in _FIRST_PERSON)
    return body if n >= 2 else ""
