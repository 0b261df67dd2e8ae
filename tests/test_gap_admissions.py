"""Admissions (自查有差距) and a superior's words quoted in a unit's news (corpora/gaps/real blind round):
a 不足 section's sentence makes its best task problem_acknowledged even where the report also shows
action on it; a visiting superior's hopes are no evidence and his praise at most partial."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.actors import superior_voice
from pipeline.checklist import Checklist, ChecklistItem
from pipeline.extract import read_bytes
from pipeline.gap_evidence import Hit, _admits, _admits_task
from pipeline.gaps import assess_report

ITEMS = (
    ChecklistItem(id="1", text="开齐开足体育课，保证学生每天校园体育锻炼一小时，组织好学生体质健康测试。",
                  title="强化学校体育工作"),
    ChecklistItem(id="2", text="完善教师绩效工资分配办法，健全考核激励机制，保障教师待遇和合法权益。",
                  title="保障教师待遇权益"),
    ChecklistItem(id="3", text="落实校园安全责任制，定期开展消防演练和安全隐患排查，打造平安校园。",
                  title="打造平安校园"),
)


def _rows(text: str, name: str = "report.txt") -> dict:
    return {r.item_id: r for r in assess_report(Checklist(ITEMS), read_bytes(text.encode("utf-8"), name=name))}


def _statuses(text: str, name: str = "report.txt") -> dict[str, str]:
    return {k: r.status for k, r in _rows(text, name).items()}


_ACTIONS = ("一、主要工作\n"
            "我校开齐开足体育课，组织学生体质健康测试2次，学生每天锻炼一小时。\n"
            "我校修订教师绩效工资分配办法，召开教代会3次审议考核激励方案。\n"
            "我校开展消防演练2次，排查校园安全隐患15处，全部整改到位。\n")

# (a 不足 section, the task it admits a shortfall on): the unit also reports action on every task
ADMISSIONS = [
    ("二、存在的不足\n绩效工资分配办法激励作用还不够明显，教师待遇没有明显提升。\n", "2"),
    ("二、存在的问题\n学生体育锻炼时间难以保证，体质健康测试优良率偏低。\n", "1"),
    ("二、问题和差距\n校园安全隐患排查还不够细致，消防演练覆盖面有待扩大。\n", "3"),
]


@pytest.mark.parametrize("shortfall, item_id", ADMISSIONS)
def test_gap_admissions_shortfall_section_wins_over_reported_action(shortfall, item_id):
    text = f"绍兴一中2024年工作总结\n{_ACTIONS}{shortfall}绍兴一中\n2024年12月20日\n"
    rows = _rows(text, name="r.txt")
    statuses = {k: r.status for k, r in rows.items()}
    assert [k for k, s in statuses.items() if s == "problem_acknowledged"] == [item_id], statuses
    admission = shortfall.splitlines()[1]
    assert rows[item_id].evidence.splitlines()[0] == admission       # the admission leads the evidence


# A news item of the school quoting a visiting bureau head: his hopes are not the school's plans
_NEWS = ("我校召开2024年度民主生活会\n"
         "根据市教育局党委的统一部署，我校党委召开2024年度民主生活会。市教育局党委书记、局长王明全程参加并作重要讲话。"
         "会议由党委书记李华主持。\n"
         "王明希望学校开齐开足体育课，保证学生每天锻炼一小时，组织好学生体质健康测试，打造平安校园。\n"
         "李华代表学校党委班子作了表态。\n")


_BODY_NEWS = ("我校召开2024年度民主生活会\n"
              "我校党委召开2024年度民主生活会，我校党委班子成员开展了批评与自我批评。\n"
              "市教育局对我校的工作给予充分肯定，希望学校开齐开足体育课，保证学生每天锻炼一小时，"
              "组织好学生体质健康测试，打造平安校园。\n")


@pytest.mark.parametrize("news", [_NEWS, _BODY_NEWS])
def test_gap_admissions_superior_hope_is_not_evidence(news):
    statuses = _statuses(news, name="news.txt")
    assert statuses["1"] == "missing" and statuses["3"] == "missing", statuses


VOICE = [
    # (paragraphs, unit, passages in a superior's voice by their opening words)
    ("市教育局党委书记、局长王明全程参加。\n王明指出，学校存在一些不足：一是体育课开设不足，二是安全排查不细。\n"
     "李华代表学校党委作了表态。\n", "绍兴一中", {"王明指出", "一是体育", "二是安全"}),
    ("市委教育工委书记、市教育局局长贺晓敏同志全程参加。\n贺晓敏希望学校全面加强教师队伍建设。他表示，要抓好整改。\n",
     "绍兴一中", {"贺晓敏希望", "他表示"}),
    # the school's own party secretary is not a superior
    ("会议由党委书记陈银伟主持。\n陈银伟指出，学校要抓好体育工作。\n", "绍兴一中", set()),
    # the bureau's own head in the bureau's report is the unit itself
    ("市教育局局长王明参加会议。\n王明强调，要抓好校园安全工作。\n", "绍兴市教育局", set()),
    # a higher body speaking over a known unit; not over itself, nor over a unit nobody knows
    ("会后，市教育局对我校的工作给予充分肯定，希望学校抓好体育工作。\n市教育局对我校的工作给予充分肯定，希望学校抓好体育工作。\n",
     "绍兴一中", {"市教育局对我校"}),
    ("市教育局要求各学校抓好体育工作。\n", "绍兴市教育局", set()),
    ("市教育局要求各学校抓好体育工作。\n", "", set()),
]


@pytest.mark.parametrize("text, unit, voiced", VOICE)
def test_gap_admissions_superior_voice(text, unit, voiced):
    doc = read_bytes(("新闻\n" + text).encode("utf-8"), name="news.txt")
    passages = [p for p in doc.passages if p.is_content]
    flags = superior_voice(passages, doc.text, unit)
    got = {next(o for o in voiced if p.text.startswith(o)) for p, f in zip(passages, flags)
           if f and any(p.text.startswith(o) for o in voiced)}
    assert got == voiced and sum(flags) == sum(any(p.text.startswith(o) for o in voiced) for p in passages)


@pytest.mark.parametrize("text, label, lead_in, admits", [
    ("五是一中的教学质量要在高分群上有新的突破。", "problem", "姚国海指出，学校当前工作也存在着一些问题和不足：", True),
    ("五是一中的教学质量要在高分群上有新的突破。", "problem", "", False),
    ("二是教学质量稳步提高。", "exemplar", "学校存在着一些问题和不足：", False),
    ("针对存在的问题和不足，他要求要全力抓好整改，做实做好今后学校发展的各项工作。", "requirement", "", False),
    ("对督导组反馈的问题，我局整改还不够彻底。", "other", "", True),
    # a 督导组 correcting a unit's problem on the spot reports its own action, not a shortfall
    ("对1个单位评议程序不规范的问题当场予以纠正。", "other", "", False),
    # QA (session 6): 薄弱学校/薄弱学科 name a task (改造, 提升), not an admitted shortfall
    ("我区年内完成5所薄弱学校改造。", "other", "", False),
    ("一、薄弱学校改造", "other", "", False),
    ("薄弱学科帮扶成效明显。", "other", "", False),
    ("学校在实验教学方面仍较薄弱。", "other", "", True),
    ("安全管理还存在薄弱环节。", "other", "", True),
])
def test_gap_admissions_what_admits(text, label, lead_in, admits):
    passage = SimpleNamespace(text=text, label=label, lead_in=lead_in)     # the Passage fields _admits reads
    assert _admits(passage) is admits
    assert _admits(Hit(text, "", (), None, 0, label, 0.0)) is (admits and not lead_in)


@pytest.mark.parametrize("text, admits", [
    ("2.教师工作积极性有待进一步激发。", True),
    ("学校当前工作也存在着一些问题和不足：", False),                      # a lead-in announcing the list
    ("虽然取得了一定的成绩，但与上级领导的要求还有一定差距，一些制度还有待完善。", False),   # the work as a whole
    ("对照上级新要求，还有一些需要加强和改进的地方，政策解读质量仍需提升。", False),
])
def test_gap_admissions_task_admission_is_not_a_wrap_up(text, admits):
    assert _admits_task(SimpleNamespace(text=text, label="problem", lead_in="")) is admits
