"""Gap verdicts on real reports: the QA findings (coincidental word matches rated 已落实; another
body's task rated 未体现) and the agreement with the real-report truth (corpora/gaps/real)."""
from __future__ import annotations

import pytest

from conftest import CORPORA
from pipeline import gap_calibrate
from pipeline.checklist import Checklist, ChecklistItem, load_reference
from pipeline.extract import read_bytes
from pipeline.gap_evidence import answers_for
from pipeline.gaps import STATUS_ZH, STATUSES, assess_report, build_gaps, default_thresholds

SPEECH_03 = CORPORA / "unlabeled" / "speech_03.txt"


@pytest.fixture(scope="module")
def speech_03_rows():
    reports = [CORPORA / "dev" / f"dev_report_0{k}.txt" for k in (3, 5, 6)] + [CORPORA / "unlabeled" / "report_02.txt"]
    table = build_gaps(SPEECH_03, reports)
    return {(r.report, r.item_id): r for r in table.rows}


# (report, task, the passage QA found given as 已落实 evidence): each shares one generic word with the
# task (校园, 教师, 保障) and says nothing of it
COINCIDENTAL = [
    ("dev_report_03.txt", "3.3", "我校顺利完成从云栖校区搬迁到"),        # 打造平安校园 <- the campus move
    ("dev_report_03.txt", "3.2", "一线优秀教师参与进来"),              # 保障教师权益 <- teachers joining a course
    ("dev_report_06.txt", "3.1", "保障学生身心和谐发展"),              # 强化资金保障 <- 心理健康教育
    pytest.param("report_02.txt", "2.3", "提升党建工作质量",          # 努力提质量 <- 党建 quality
                 marks=pytest.mark.xfail(strict=True, reason="one shared word (质量) that is the task title's only "
                                         "key term, at a similarity real evidence also has: still covered")),
]


@pytest.mark.parametrize("report, item_id, passage", COINCIDENTAL)
def test_gap_real_coincidental_word_match_is_not_covered(speech_03_rows, report, item_id, passage):
    row = speech_03_rows[(report, item_id)]
    assert not (row.status == "covered" and passage in row.evidence), (row.status, row.evidence[:80])


# (report, task, a word of the real evidence): concrete action on the task stays 已落实
REAL_EVIDENCE = [
    ("dev_report_06.txt", "3.3", "网格"),          # 打造平安校园 <- 网格化 management, no accidents
    ("dev_report_05.txt", "3.3", "食品安全"),      # 打造平安校园 <- AI food-safety monitoring
    ("report_02.txt", "3.3", "网格"),              # 打造平安校园 <- 547 grid cells, 平安校园 title
    ("dev_report_06.txt", "2.3", "教学质量"),      # 努力提质量 <- 精准教学 on the data platform
]


@pytest.mark.parametrize("report, item_id, word", REAL_EVIDENCE)
def test_gap_real_concrete_evidence_stays_covered(speech_03_rows, report, item_id, word):
    row = speech_03_rows[(report, item_id)]
    assert row.status == "covered" and word in row.evidence, (row.status, row.evidence[:80])


def _report(unit: str, body: str):
    text = f"{unit}2024年工作总结\n{body}\n{unit}\n2024年12月20日\n"
    return read_bytes(text.encode("utf-8"), name=f"{unit}.txt")


_BODY = ("一、主要工作\n我校组织全体学生开展消防演练2次，参与学生1200人。\n"
         "二、下一步打算\n我们将继续做好学生体育锻炼工作。")


@pytest.mark.parametrize("actor, unit, status", [
    ("市教育局", "绍兴一中", "not_applicable"),            # another body's task, nothing on it
    ("市教育局", "绍兴市教育局", "missing"),                # its own task, nothing on it
    ("绍兴一中", "绍兴市第一中学", "missing"),              # the same school by another name
    ("绍兴市第一中学", "绍兴一中", "missing"),
    ("各学校", "绍兴一中", "missing"),                      # every school's task
    ("市属学校", "绍兴一中", "missing"),                    # a class of schools
    ("市教育局、各学校", "绍兴一中", "missing"),            # a compound naming every school
    ("各县（市、区）教育局长", "绍兴一中", "not_applicable"),  # a kind of body a school is not
    ("", "绍兴一中", "missing"),
])
def test_gap_real_task_of_another_body_is_not_applicable(actor, unit, status):
    item = ChecklistItem(id="1", text="建立教育经费年度审计制度，每年对所属单位开展专项审计。", title="建立教育经费审计制度",
                         actor=actor)
    rows = assess_report(Checklist((item,)), _report(unit, _BODY))
    assert rows[0].status == status and rows[0].unit == unit
    if status == "not_applicable":
        assert rows[0].evidence == "" and STATUS_ZH[status] == "不适用（非责任主体）"


def test_gap_real_unknown_unit_is_never_not_applicable():
    """A report that names no unit (the unit falls back to the file name) is not "clearly another body"."""
    item = ChecklistItem(id="1", text="建立教育经费年度审计制度。", title="建立教育经费审计制度", actor="市教育局")
    doc = read_bytes("今年组织学生开展消防演练2次，参与学生1200人。\n下一步继续做好体育锻炼工作。\n".encode(), name="x.txt")
    assert assess_report(Checklist((item,)), doc)[0].status == "missing"


@pytest.mark.parametrize("body, actor, status", [
    ("我校组织学生开展消防演练2次。\n我校下一步继续做好体育锻炼工作。\n", "市教育局", "not_applicable"),
    ("我校组织学生开展消防演练2次。\n我校下一步继续做好体育锻炼工作。\n", "各县（市、区）教育局长", "not_applicable"),
    ("我局组织开展消防检查2次。\n我局下一步继续做好学校体育工作。\n", "各县（市、区）教育局", "missing"),
    ("我校组织学生开展消防演练2次。\n下一步继续做好体育锻炼工作。\n", "市教育局", "missing"),   # one 我校: unsure
])
def test_gap_real_first_person_says_the_kind_of_body(body, actor, status):
    """A report naming no unit but speaking as "我校" is a school's: not the 市教育局, not a county bureau."""
    item = ChecklistItem(id="1", text="建立教育经费年度审计制度。", title="建立教育经费审计制度", actor=actor)
    assert assess_report(Checklist((item,)), read_bytes(body.encode(), name="x.txt"))[0].status == status


@pytest.mark.parametrize("actor, unit, expected", [
    ("督导组", "区委第二督导组", True), ("督导组", "中共××区卫生局委员会", False), ("卫生局", "中共××区卫生局委员会", True),
    ("绍兴一中", "绍兴一中行政支部", True), ("市政府", "绍兴市人民政府", True), ("各级党委", "绍兴一中", True),
    ("市教育局", "绍兴一中", False), ("各县（市、区）教育局", "绍兴一中", False), ("各县（市、区）教育局", "越城区教育局", True),
    ("各县（市、区）教育局长", "我校党委", False),      # a news item's "我校党委举行…民主生活会" title
])
def test_gap_real_answers_for(actor, unit, expected):
    assert answers_for(actor, unit) is expected


def test_gap_real_not_applicable_reaches_every_writer(tmp_path):
    from pipeline.export.gap_files import write_gaps

    assert "not_applicable" in STATUSES
    item = ChecklistItem(id="1", text="建立教育经费年度审计制度。", title="建立教育经费审计制度", actor="市教育局")
    table = build_gaps(Checklist((item,)), [_report("绍兴一中", _BODY)])
    assert [r.status for r in table.rows] == ["not_applicable"]
    write_gaps(table, tmp_path)
    for name in ("gaps.csv", "gaps.md", "gaps.html", "gaps.json"):
        assert "不适用（非责任主体）" in (tmp_path / name).read_text(encoding="utf-8-sig") or (
            name == "gaps.json" and "not_applicable" in (tmp_path / name).read_text(encoding="utf-8")), name
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "gaps.xlsx", read_only=True)
    cells = {str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c}
    assert "不适用（非责任主体）" in cells


@pytest.fixture(scope="module")
def real_pairs():
    truth = gap_calibrate.read_truth(gap_calibrate.REAL_TRUTH)
    checklist = load_reference(SPEECH_03)       # rows name their own reference; this one is unused
    return gap_calibrate.labelled_pairs(truth, gap_calibrate.REAL_BASE, checklist, dict(default_thresholds()))


def test_gap_real_truth_set_is_complete():
    truth = gap_calibrate.read_truth(gap_calibrate.REAL_TRUTH)
    assert len(truth) >= 120 and all(row["reason"] for row in truth)
    # not_applicable is judged on the seed set: no real school report is outside a real speech's addressees
    assert {r["status"] for r in truth} >= {"covered", "partial", "missing", "problem_acknowledged"}
    by_split = {s: {r["report"] for r in truth if r["split"] == s} for s in ("tune", "heldout")}
    assert by_split["heldout"] and not by_split["tune"] & by_split["heldout"]      # split by report


def test_gap_real_agreement_stays_above_measured_floor(real_pairs):
    """Floors a little under the figures measured when the thresholds were fitted (corpora/gaps/README.md,
    "Agreement and recalibration"), over the tune and held-out reports: all 0.75, held-out 0.62,
    已落实 precision 0.79 (before this set existed: 0.61, 0.53, 0.60); the blind round (two news items,
    first run 0.52, never tuned on) 0.55, 0.69 once admissions were read anywhere in a report and a
    superior's quoted hopes stopped counting (problem_acknowledged recall over all real pairs 0.21 ->
    0.71, precision 0.60 -> 0.77; the round's 已落实 rows 9, of which one right, -> none), 0.76 once a
    report speaking as 我校 was known to be a school's (not_applicable for a county bureau's tasks).
    Then 24 truth rows were corrected (dev_speech_04's three hopes address 市属学校校长书记 too: missing,
    not not_applicable), which the tool rates covered on stray words (责任感, 职责分工) in 5 of them:
    fitted 0.72, held-out 0.57, blind 0.76, 已落实 precision 0.71 (a refit on the corrected set lost
    held-out and blind, so the thresholds were kept)."""
    limits = default_thresholds()
    fitted = [p for p in real_pairs if p["split"] in ("tune", "heldout")]
    held = [p for p in real_pairs if p["split"] == "heldout"]
    blind = [p for p in real_pairs if p["split"] == "blind"]
    assert gap_calibrate.agreement(fitted, limits) >= 0.70
    assert gap_calibrate.agreement(held, limits) >= 0.55
    assert gap_calibrate.agreement(blind, limits) >= 0.70
    covered = gap_calibrate.report(fitted, limits)["per_status"]["covered"]
    assert covered["precision"] >= 0.70
    # the floor was measured on the tune, held-out and blind splits; blind round 7 (5 admissions, none
    # found on its first run) is measured on its own in corpora/gaps/README.md
    older = [p for p in real_pairs if p["split"] != "blind7"]
    admitted = gap_calibrate.report(older, limits)["per_status"]["problem_acknowledged"]
    assert admitted["recall"] >= 0.6 and admitted["precision"] >= 0.7
    assert sum(gap_calibrate.predict(p, limits) == "covered" for p in blind) <= 2     # a superior's praise
    # blind round 7 (dev_speech_04's other 59 tasks x six reports, first run 0.720 with gap_scope's rules)
    blind7 = [p for p in real_pairs if p["split"] == "blind7"]
    assert gap_calibrate.agreement(blind7, limits) >= 0.68


@pytest.mark.xfail(strict=True, reason="blind round 7's 5 admissions (a school admitting it falls short of a "
                                       "city aim) are all missed on its first run (recall 0.0): review7 M15")
def test_gap_real_blind7_admissions_are_found(real_pairs):
    """Known gap, kept visible instead of left out of the floors: strict, so finding them fails here
    and the floor above can take blind7 in."""
    admitted = gap_calibrate.report([p for p in real_pairs if p["split"] == "blind7"],
                                    default_thresholds())["per_status"]["problem_acknowledged"]
    assert admitted["n"] == 5 and admitted["recall"] >= 0.4


@pytest.mark.parametrize("reference", [SPEECH_03, CORPORA / "unlabeled" / "speech_02.txt"])
def test_gap_real_off_topic_report_has_no_evidence(reference):
    """The Huai'an government disclosure report is off an education speech's theme: its "保障民生",
    "深化改革" passages gave 已落实 rows while generic words (保障, 体系, 发展) counted as theme words."""
    rows = build_gaps(reference, [CORPORA / "dev" / "dev_report_01.txt"]).rows
    assert {r.status for r in rows} == {"missing"}


@pytest.mark.parametrize("text, furniture", [
    ("各位领导、同仁，大家下午好！", True), ("各位专家、领导：", True), ("同志们：", True),
    ("大家好才是真的好，我校组织开展了心理健康月活动27场。", False),
])
def test_gap_real_greetings_are_furniture(text, furniture):
    from pipeline.gap_evidence import _is_furniture

    doc = read_bytes("绍兴一中工作汇报\n我校组织开展活动。\n".encode(), name="a.txt")
    assert _is_furniture(text, doc, "绍兴一中") is furniture


@pytest.fixture(scope="module")
def speech_04_rows():
    reports = [CORPORA / "dev" / f"dev_report_0{k}.txt" for k in (3, 5, 6)] + [CORPORA / "unlabeled" / "report_02.txt"]
    table = build_gaps(CORPORA / "dev" / "dev_speech_04.txt", reports)
    return {(r.report, r.item_title): r for r in table.rows}


# (report, task title, QA's wrong 已落实 evidence): a 中学 rated on a kindergarten's, vocational
# school's or university's task through words any school uses (教师, 专业, 招生, 平安校园); only a
# passage naming the sector may stay, at partial
OTHER_SECTOR = [
    ("dev_report_05.txt", "着力提高幼儿教师专业水平", "学校推优教师获省市名师"),
    ("dev_report_05.txt", "加大高技能型教师和示范专业（基地）的建设力度", "学校推优教师获省市名师"),
    ("dev_report_06.txt", "稳定高校招生规模", None),    # "在高校自主招生方面保持强势" names 高校: partial
    ("dev_report_06.txt", "切实维护高校稳定", "平安校园创建"),
    ("dev_report_06.txt", "深化高校内涵建设", "学科特色课程群建设"),
    ("report_02.txt", "深化高校内涵建设", "专业荣誉"),
]


@pytest.mark.parametrize("report, title, passage", OTHER_SECTOR)
def test_gap_real_task_of_another_kind_of_school_is_not_covered(speech_04_rows, report, title, passage):
    row = speech_04_rows[(report, title)]
    assert row.status != "covered", row.status
    assert passage is None or passage not in row.evidence


@pytest.mark.parametrize("task, unit, sector", [
    ("着力提高幼儿教师专业水平。确保全市幼儿教师学历合格率达99%，幼儿园园长培训。", "绍兴一中", "preschool"),
    ("加大专业结构布局调整力度。职业教育要结合经济发展，中职专业建设。", "绍兴市第一中学", "vocational"),
    ("切实维护高校稳定。加强高校的政治稳定，做好高校毕业生就业工作。", "绍兴一中", "higher"),
    ("切实维护高校稳定。加强高校的政治稳定，做好高校毕业生就业工作。", "绍兴文理学院", ""),     # its own sector
    ("切实维护高校稳定。加强高校的政治稳定。", "我校", ""),                                   # kind unknown
    ("基础教育和职业教育的优质度有新提升。职业学校示范基地，幼儿园创建。", "绍兴一中", ""),   # schooling at large
    ("定期召开在绍高校惩防工作联席会议，推进廉政文化进校园。", "绍兴一中", ""),             # a passing mention
    ("深化高校内涵建设。组织开展大学生技能竞赛，提高技能水平。", "绍兴一中", "higher"),       # 提高技能 is no 高技能
])
def test_gap_real_other_sector(task, unit, sector):
    from pipeline.actors import other_sector

    assert other_sector(task, unit) == sector


# (report, task title, QA's wrong 已落实 evidence): one generic passage, the best evidence of several
# tasks at once, rated each of them 已落实
SHARED_EVIDENCE = [
    ("report_02.txt", "认清教育大势", "融杭联甬"),
    ("report_02.txt", "抓区域统筹，促进教育的均衡发展", "融杭联甬"),
    ("report_02.txt", "抓规范办学，促进教育的和谐发展", "融杭联甬"),
    ("dev_report_03.txt", "经费倾斜", "出访经费从教师培训经费开支"),
    ("dev_report_03.txt", "强化义务教育经费保障机制", "出访经费从教师培训经费开支"),
]


@pytest.mark.parametrize("report, title, passage", SHARED_EVIDENCE)
def test_gap_real_passage_best_for_several_tasks_is_not_covered(speech_04_rows, report, title, passage):
    row = speech_04_rows[(report, title)]
    assert row.status != "covered", (row.status, row.evidence[:60])


@pytest.mark.parametrize("shared_best, status", [(0, "covered"), (1, "covered"), (2, "partial"), (5, "partial")])
def test_gap_real_shared_best_evidence_caps_at_partial(shared_best, status):
    from pipeline.gap_evidence import decide

    features = {"similarity": 0.3, "admission": 0.0, "admitted": 0.0, "base": 0.6, "concrete": 1.0,
                "foreign": False, "planned": False, "vague": False, "responding": False, "reported": False,
                "specific": 5.0, "shared_best": shared_best}
    assert decide(features, default_thresholds()) == status


def test_gap_real_vectorised_search_decides_as_decide(real_pairs):
    """The grid search's array form (``_agreements``, used by ``--write``) must apply every cap that
    ``decide`` applies: it lacked the other-sector and shared-evidence caps when they were added, so
    a refit would have searched without them. Pairs with those features (and the beyond-unit, off-topic and
    unnamed-topic rules of ``gap_scope``) forced on are scored both ways."""
    import numpy as np

    limits = default_thresholds()
    forced = [dict(p, features=dict(p["features"], other_sector=(k % 3 == 0), shared_best=k % 4,
                                                  beyond_unit=(k % 5 == 1), off_topic=(k % 7 == 2),
                                                  topic_unnamed=(k % 2 == 0)))
              if p["features"] else p for k, p in enumerate(real_pairs)]
    for pairs in (real_pairs, forced):
        arrays = gap_calibrate._arrays(pairs)
        grid = gap_calibrate._agreements(arrays, limits, np.array([limits["partial"]]), np.array([limits["covered"]]))
        assert grid[0, 0] == pytest.approx(gap_calibrate.agreement(pairs, limits))
