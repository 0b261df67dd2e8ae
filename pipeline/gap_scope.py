"""Whether a reporting unit can cover a task at all, or only contribute to it (gap tables).

A city conference's checklist mixes three kinds of task: actions a school or bureau takes itself
(抓好班主任队伍建设), the city's aims and indicators (各级各类教育的普及度有新提升: 全市学前三年幼儿
入园率98%以上), and the bureau's measures over schools and counties (经费倾斜, 对学校德育工作考核标准
进行细化, 列入对县（市、区）和市属学校年度考核). A school's report on the same topic (its own 考核细则,
its own 育人目标, its own spending) is at most a contribution to the last two: a task no named actor
is given, that

* sits under an aims heading (总体要求, 主要目标, 工作基调 …) is the city's aim: no report of a body
  below the speaker covers it alone;
* mostly governs other bodies (倾斜, 财政/生均经费, 出台/修订 a policy, 列入…考核 of schools or
  counties, 全市 indicators, 评选/推广, 招生 policy …) is the speaker's own measure: a school it
  governs is its object, not its actor.

Used by ``gap_evidence``: such a (task, unit) pair reaches ``partial`` at most (``beyond_unit``).
Two more rules read the evidence against the task's own subject (``scope_features``): a facet task
(a short title such as 目标体系 or 政策倾斜 below a topic item) met only by its title's words on
another subject, or an aim met by fewer than two of its specific words, has no evidence at all; and a
mindset task (树立…的前列意识) takes only passages naming that mindset (``mindset_word``).

The rules are switched by the ``scope_rules`` key of the gap thresholds (``active_rules``): true (all
four: ``RULES``), false (none: every task is judged as the unit's own work, as before this module), or
a list of rule names, so ``gap_calibrate --no-scope`` / ``--scope-rules`` can measure them on the truth.
The constants below were set by reading, not fitted. Measured on blind round 7 (354 truth pairs judged
before any run, ``corpora/gaps/real/README.md``): 0.720 on, 0.647 off; the governing cap, the facet and
mindset rules agree with the truth wherever they change a status but in 3 rows; an aim met by fewer than
``BODY_WORDS`` words loses 13 rows to 8 by status, though the passage it rejects is unrelated in 16 of 21.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from .actors import answers_for, body_kind, body_key
from .matching import terms

if TYPE_CHECKING:
    from .checklist import Checklist, ChecklistItem

# Headings of the parts of a plan that state aims, not work (二、…总体态势、总体要求和主要目标): the
# standard 指导思想 / 基本原则 / 主要目标 section of Chinese plans and work reports
_AIM_HEADING = re.compile(r"(?:总体|主要|工作|发展|奋斗|预期|总)目标(?!任务)|总体要求|指导思想|基本原则|总体思路|"
                          r"工作思路|工作基调|总基调|工作定位|工作主题|总体态势")
# …but a heading that also announces the work ("主要目标和重点任务") heads real tasks
_WORK_HEADING = re.compile(r"任务|措施|举措|重点工作|工作重点")
# A clause in which the speaker's body governs others: an area-wide scope or indicator, money and
# policy it allocates, rules it issues, assessments and awards of the bodies below it
_GOVERNING = re.compile(
    r"全市|全省|全区|全县|我市|各县|县（市、区）|县（市）|县域|镇域|城乡|"
    r"倾斜|财政|生均|经费|出台|印发|修订|召开|现场会|推进会|列入|纳入|一票否决|责任追究|追究|"
    r"对[^，。；]{0,10}(?:学校|县|单位|幼儿园)[^，。；]{0,12}(?:考核|督查|检查|评估|考评|测试|抽测)|"
    r"评选|推广|布局|网点|规划|审批|拆迁|开工|交付|招生|加分|\d+(?:\.\d+)?\s*[%％]|率达|率在|覆盖率|创建率")
GOVERNING_SHARE = 0.5        # a task at least this share of whose clauses govern others
_MIN_CLAUSE = 4
# the rules ``scope_rules`` switches: an aim caps at partial (and one met by a single word is not met),
# a governing measure caps at partial for a school, a facet needs its topic, a mindset its own name
RULES = ("aim", "governing", "facet", "mindset")


def active_rules(limits: dict) -> frozenset[str]:
    """The rules ``limits["scope_rules"]`` turns on: all of ``RULES`` when absent or true, none when
    false, else the names it lists (a list or a comma-separated string).

    Raises:
        ValueError: a name that is not one of ``RULES`` (a typo would silently turn a rule off).
    """
    value = limits.get("scope_rules", True)
    if value is True:
        return frozenset(RULES)
    if not value:
        return frozenset()
    names = {n.strip() for n in (value.split(",") if isinstance(value, str) else value) if n.strip()}
    unknown = names - set(RULES)
    if unknown:
        raise ValueError(f"unknown scope rule(s) {sorted(unknown)}; known: {', '.join(RULES)}")
    return frozenset(names)


@dataclass(frozen=True, slots=True)
class LeafContext:
    """Where a leaf task sits: ``headings`` = its section and the titles of every item it nests under
    (ids "1.5.1" -> "1.5", "1"), outermost first; ``topics`` = those of the items below the top level
    ("2.1.1" -> "2.1": 以完善防范管理体系为重点，全力维护校园的安全稳定), whose subject a facet task
    such as "目标体系" or "政策倾斜" shares."""

    headings: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


def leaf_contexts(checklist: Checklist) -> tuple[LeafContext, ...]:
    """A ``LeafContext`` per leaf of ``checklist``."""
    titles = {i.id: i.title for i in checklist.items}
    return tuple(_context(item, titles) for item in checklist.leaves)


def _context(item: ChecklistItem, titles: dict[str, str]) -> LeafContext:
    parts = item.id.split(".")
    ancestors = [titles.get(".".join(parts[:k]), "") for k in range(1, len(parts))]
    return LeafContext(headings=tuple(t for t in [item.section, *ancestors] if t),
                       topics=tuple(t for t in ancestors[1:] if t))


def is_aim(title: str, context: Sequence[str] = ()) -> bool:
    """Whether a task with ``title`` under the headings ``context`` states an aim, not work."""
    return any(_AIM_HEADING.search(t) and not _WORK_HEADING.search(t) for t in (*context, title))


@lru_cache(maxsize=1024)     # asked of the same checklist tasks once per report in a batch worker
def governing_share(text: str) -> float:
    """Share of the clauses of a task's body (its title sentence left out when a body follows) in
    which the speaker's body governs others."""
    head, _, body = text.partition("。")
    clauses = [c for c in re.split(r"[，。；,;：:]", body if body.strip() else head) if len(c) >= _MIN_CLAUSE]
    if not clauses:
        return 0.0
    return sum(bool(_GOVERNING.search(c)) for c in clauses) / len(clauses)


def task_scope(text: str, title: str, context: Sequence[str] = (), rules: frozenset[str] = frozenset(RULES)) -> str:
    """"aim", "governing" or "" (work a unit does itself) for a task of no named actor; ``rules``:
    which of the two are asked."""
    if "aim" in rules and is_aim(title, context):
        return "aim"
    return "governing" if "governing" in rules and governing_share(text) >= GOVERNING_SHARE else ""


# "树立…的前列意识", "增强政治意识": a task asking for a mindset, named by its own words
_MINDSET = re.compile(r"(?:树立|增强|强化|提高|提升|筑牢)([^，。；]{0,40}?)(?:意识|观念|理念)[。！]?$")
_MINDSET_VERB = re.compile(r"(?:树立|增强|强化|提高|提升|筑牢)")
_MINDSET_MAX = 4          # characters: 前列, 安全防范, 法治


def mindset_word(title: str) -> str:
    """The words naming the mindset a task asks for (前列 of "要进一步树立…的前列意识", 安全防范 of
    "提高师生的安全防范意识"), else "". Only a passage naming that mindset speaks to it: a report's
    责任感, 回馈社群意识 or 工作作风 is another mindset, and a school's work shares no more than those
    words with such a task. The name is the last words (up to four characters) after the last verb,
    的 or list separator, as jieba cuts them: never a fragment such as 位的前列 or 识和规则."""
    from .segment import default_segmenter

    match = _MINDSET.search(title.strip())
    if not match:
        return ""
    head = _MINDSET_VERB.split(match.group(1))[-1]
    head = re.split(r"[的、和与及“”\"]", head)[-1]
    name = ""
    for word in reversed(default_segmenter().cut(head)):
        if len(name) + len(word) > _MINDSET_MAX:
            break
        name = word + name
    return name if len(name) >= 2 and _HAN.match(name) else ""


_HAN = re.compile(r"[\u4e00-\u9fff]")
_AUTHORITY = re.compile(r"(?:政府|局|厅|委员会|委|部|办公室|办)$")


def is_authority(unit: str) -> bool:
    """A body that answers for an area (a bureau, a government, a party committee of an area), not
    one of the schools or units it governs; False when the name does not say."""
    if not unit or body_kind(unit) == "school":
        return False
    return body_kind(unit) == "bureau" or bool(_AUTHORITY.search(body_key(unit)))


def beyond_unit(item: ChecklistItem, context: LeafContext, unit: str, rules: frozenset[str] = frozenset(RULES)) -> bool:
    """Whether a report of ``unit`` can at most contribute to ``item`` (see the module docstring): a
    task of no actor (or of one that is not addressed to the unit) that is an aim (for any unit but
    an authority) or a measure governing schools (for a school). ``rules``: which of the two apply."""
    if not unit or (item.actor and answers_for(item.actor, unit)):
        return False
    scope = task_scope(item.text, item.title, context.headings, rules)
    if scope == "aim":
        return not is_authority(unit)
    return scope == "governing" and body_kind(unit) == "school"


FACET_TITLE = 8      # a title this short names a facet of its parent's topic (目标体系, 政策倾斜, 健全督查整改机制)
BODY_WORDS = 2       # …unless the evidence shares this many specific words of the task's body (体质, 测试 …)
SPECIFIC_WEIGHT = 0.75


def facet_evidence(item: ChecklistItem, context: LeafContext, evidence_terms: set[str], common: frozenset[str],
                   weights: dict[str, float]) -> str:
    """How the evidence of a facet task (a short title below a topic item: 目标体系 under 安全稳定) meets
    its subject: "" when it shares a content word of the topics (``LeafContext.topics``, beyond the
    title's own words) or the task is no facet; "body" when it shares none but ``BODY_WORDS`` specific
    words of the task's body (IDF over the checklist at least ``SPECIFIC_WEIGHT`` of the largest):
    at most partial; "title" when it meets only the title's words, on another subject: no evidence.
    The report's common words (学校, 学生 in a school's report) never count. "明确学校办学目标" meets
    "目标体系" but nothing of 校园的安全稳定 nor of the task's 隐患/苗头 ("title"); "体质健康测试市直第一"
    shares no word of 促进学生综合素质提升 but 体质, 测试 of 强化体艺工作's body ("body"). A longer title
    says its own subject (加强基础教育有效教学研究)."""
    if not context.topics or len(_HAN.findall(item.title)) > FACET_TITLE:
        return ""
    own = _terms(item.title)
    # 政策倾斜 under "实施政策倾斜，优化办学资源配置" asks for 资源配置 or 农村/薄弱学校, not any 政策
    topic_terms = frozenset().union(*(_terms(topic) for topic in context.topics)) - common - own
    if topic_terms & evidence_terms:
        return ""
    return "body" if body_words(item, evidence_terms, common, weights) >= BODY_WORDS else "title"


@lru_cache(maxsize=4096)     # a checklist's titles and texts, asked again for every report
def _terms(text: str) -> frozenset[str]:
    return frozenset(terms(text))


def body_words(item: ChecklistItem, evidence_terms: set[str], common: frozenset[str], weights: dict[str, float],
               with_title: bool = False) -> int:
    """How many specific words of the task's body (after its title sentence; not the title's own
    words unless ``with_title``, not the report's common words; IDF over the checklist at least
    ``SPECIFIC_WEIGHT`` of the largest) the evidence shares."""
    own = frozenset() if with_title else _terms(item.title)
    top = max(weights.values(), default=1.0) or 1.0
    text = item.text if with_title else item.text.partition("。")[2]
    body = {t for t in _terms(text) if not t.startswith("≈")} - own - common
    return sum(weights.get(t, top) >= SPECIFIC_WEIGHT * top for t in body & evidence_terms)


def scope_features(item: ChecklistItem, context: LeafContext, unit: str, evidence_terms: set[str] | None,
                   common: frozenset[str], weights: dict[str, float],
                   rules: frozenset[str] = frozenset(RULES)) -> dict[str, bool]:
    """The scope features ``gap_evidence.decide`` reads for one (task, report): ``beyond_unit`` (at
    most partial: an aim, or a measure over the schools in a school's report), ``topic_unnamed`` (at
    most partial: a facet met by its body's words but no word of its topic) and ``off_topic`` (no
    evidence: a facet met only by its title's words, or an aim met by fewer than ``BODY_WORDS`` of
    its specific words, as "学校办学成就" meets 抓规范办学). ``evidence_terms``: None when nothing was
    found. ``rules``: the rules switched on (``active_rules``); with none every feature is False."""
    beyond = beyond_unit(item, context, unit, rules)
    if evidence_terms is None:
        return {"beyond_unit": beyond, "off_topic": False, "topic_unnamed": False}
    facet = facet_evidence(item, context, evidence_terms, common, weights) if "facet" in rules else ""
    aim_unmet = (beyond and "aim" in rules and is_aim(item.title, context.headings)
                 and body_words(item, evidence_terms, common, weights, with_title=True) < BODY_WORDS)
    return {"beyond_unit": beyond, "off_topic": facet == "title" or aim_unmet, "topic_unnamed": facet == "body"}
