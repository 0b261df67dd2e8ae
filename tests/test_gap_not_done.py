"""A reply saying plainly that its task is not done (qa12 H2, M5): completion negated ("没有按期完成",
"还没有开展", "至今仍未完成", "主体工程未能在5月15日前完工"), short of the target ("完成率仅为45%", "未达到100%
的要求"), beyond reach ("难以在12月20日前完成", "…目标存在较大困难") or slow ("进度较慢") admits a shortfall of
the task it matches, whatever the sentence's label and however much other work the report shows; a good
result (未发生事故), a condition or danger to avert, another's failing the unit acts on, an inspection's
finding on others and intent are no admission."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.extract import read_bytes
from pipeline.gap_wording import _admits, states_not_done
from pipeline.gaps import assess_report

GAS = (
    ChecklistItem(id="2.3", title="推进老旧管网更新改造", actor="县住房和城乡建设局",
                  text="（三）推进老旧管网更新改造。县住房和城乡建设局要加快推进老旧燃气管道更新改造，年底前完成改造15公里。"),
    ChecklistItem(id="2.5", title="加强瓶装液化气管理", actor="各乡镇人民政府",
                  text="（五）加强瓶装液化气管理。各乡镇人民政府要对辖区内瓶装液化气用户逐户登记建档，2026年12月20日前完成"
                       "登记工作，督促用户更换不合格的连接软管和调压阀。"),
    ChecklistItem(id="4.2", title="强化督查问责", actor="县政府督查室",
                  text="（二）强化督查问责。县政府督查室要对专项整治进展情况开展督查，对工作不力、进度滞后的单位予以通报批评。"),
)
FLOOD = (
    ChecklistItem(id="1.1", title="抓好水库安全度汛", actor="县水务局",
                  text="一要抓好水库安全度汛。县水务局要逐库落实行政、技术、巡查“三个责任人”，病险水库要在5月15日前完成除险加固主体工程，"
                       "未完成的一律空库运行。"),
    ChecklistItem(id="1.2", title="做好山洪地质灾害防御", actor="县自然资源局",
                  text="二要做好山洪地质灾害防御。县自然资源局要对全县地质灾害隐患点开展汛前排查，落实群测群防员。"),
)


def _rows(items, unit: str, body: str) -> dict:
    text = f"{unit}关于相关工作情况的报告\n县人民政府：\n{body}\n{unit}\n2026年12月22日\n"
    return {r.item_id: r for r in assess_report(Checklist(items), read_bytes(text.encode("utf-8"), name="报告.txt"))}


NOT_DONE = [
    "我乡瓶装液化气用户登记建档工作没有按期完成。",
    "我乡瓶装液化气用户登记建档工作未按期完成。",
    "我乡瓶装液化气用户登记建档工作未完成。",
    "瓶装液化气用户登记建档工作至今仍未完成。",
    "我乡还没有开展瓶装液化气用户登记建档工作。",
    "瓶装液化气用户登记建档工作未启动。",
    "我乡瓶装液化气用户登记建档完成率仅为45%。",
    "我乡瓶装液化气用户登记建档工作没有按期完成，目前完成率仅为45%。",
    "我乡瓶装液化气用户登记建档完成率未达到100%的要求。",
    "截至目前，我乡瓶装液化气用户登记建档仅完成计划的一半。",
    "受人员外出影响，瓶装液化气用户登记建档工作难以在12月20日前完成。",
    "我乡瓶装液化气用户登记建档工作进度较慢。",
]


@pytest.mark.parametrize("text", NOT_DONE + [
    "老旧管网改造完成9公里，年底前完成15公里目标存在较大困难。",
    "病险水库除险加固方面，已完工5座，仍有3座受施工用地影响，主体工程未能在5月15日前完工，汛期按要求空库运行。",
    "报警装置安装率尚未达到100%的目标要求。",
    "经自查发现，我乡登记建档工作没有按期完成。",
    "没有按期完成的原因主要是外出务工人员多。",
    "剩余6公里年底前无法完成。",
])
def test_gap_not_done_statements(text):
    assert states_not_done(text)
    # ... an admission whatever the sentence's label: "已完工5座，…未能在5月15日前完工" reads as a measure
    assert _admits(SimpleNamespace(text=text, label="measure", lead_in=""))


@pytest.mark.parametrize("text", [
    "全年未发生燃气安全事故。",                              # a good result
    "检查中未发现安全隐患。",
    "全乡无一户未登记建档。",                                # nothing left
    "确保不出现未完成登记的情况。",                          # a danger to avert
    "未雨绸缪，提前部署汛期各项工作。",
    "对未按期完成的单位予以通报批评。",                      # the notice's words / another's failing acted on
    "督促未完成登记的村加快进度。",
    "如未按期完成，将严肃追究责任。",                        # a condition
    "力争12月20日前全部完成登记工作。",                      # intent
    "有没有按期完成，要逐项核实。",
    "对未达到标准的企业责令停业整顿。",
    "未登记的用户一律不予供气。",                            # a rule on whom, the unit's measure
    "未安装报警装置的餐饮场所一律停止供气。",
    "未经检验的钢瓶严禁充装。",
    "督导组本期深入河口镇开展督导，发现林区周边可燃物清理尚未完成。",   # an inspection's finding on others
    "我乡已完成瓶装液化气用户逐户登记建档1100户，完成率100%。",
    "农村生活垃圾收运体系覆盖率不低于98%。",
    "督察整改只有进行时，没有完成时。",                      # an idiom
    "依法没收非法充装钢瓶12个。",
    "已整改7项，未整改0项。",                                # nothing left
])
def test_gap_not_done_false_positives(text):
    assert not states_not_done(text)


@pytest.mark.parametrize("text", [
    "经全面排查，未检查出重大安全隐患。",                    # what the inspection found: a result (review8 H1)
    "共排查企业32家，未排查出重大隐患。",
    "坚持问题未整改到位不销号，建立隐患台账。",              # a rule "未X不Y", not a state
    "实行未登记不供气制度，共登记用户320户。",
    "全年未安装一处违规设施，共检查商户40家。",              # a wrong not done: compliance
    "未完成事项：无",                                        # a form's field label, answered nil (review8 M4/L10)
    "未完成原因：无",
    "未完成的任务：无",
    "在完成过程中存在一定困难，但目前已全部完成。",          # the difficulty overcome (review8 M4)
    "1100户全部完成，未完成户数为0。",                        # a tally of nought (qa13 R1)
    "未登记用户数为零。",
    "此前从未开展过登记建档，本次已逐户登记建档1100户，全部完成。",   # history, then done in full (qa13 R5)
])
def test_gap_not_done_results_rules_and_nil_fields_admit_nothing(text):
    for label in ("measure", "other"):
        assert not _admits(SimpleNamespace(text=text, label=label, lead_in="", section=""))


@pytest.mark.parametrize("text", [
    "未拆除2处违章建筑。",                                  # a wrong left unremedied: work undone
    "我镇未安装一处燃气报警器。",
    "未完成事项：用户登记建档",                              # the field names the work undone
    "未按期完成，目前已完成80%。",                           # a part done leaves the rest
    "我乡尚未排查出租屋燃气安全隐患。",                      # 出租屋, not 排查出
    "未完成户数为3户。",                                      # a tally that is not nought
    "我镇从未开展过燃气安全检查。",
])
def test_gap_not_done_guards_leave_real_admissions(text):
    assert _admits(SimpleNamespace(text=text, label="measure", lead_in="", section=""))


def test_gap_not_done_inspection_result_is_work_done():
    """review8 H1 end to end: "…开展燃气安全隐患排查，经全面排查，未检查出重大安全隐患。" was 自查有差距 (0.64)."""
    items = (ChecklistItem(id="1", title="全面开展燃气安全隐患排查整治", actor="各乡镇人民政府",
                           text="一、全面开展燃气安全隐患排查整治。各乡镇人民政府要组织力量对辖区餐饮场所开展燃气安全隐患排查，"
                                "建立隐患整改台账。"),)
    row = _rows(items, "石门镇人民政府",
                "    一、我镇组织力量对辖区32家餐饮场所开展燃气安全隐患排查，经全面排查，未检查出重大安全隐患。")["1"]
    assert row.status in ("covered", "partial")


@pytest.mark.parametrize("sentence", NOT_DONE)
def test_gap_not_done_one_sentence_reply_is_a_shortfall(sentence):
    """qa12 H2: the township's one-sentence reply on its own task was 部分落实 or 已落实."""
    assert _rows(GAS, "木兰乡人民政府", f"    {sentence}")["2.5"].status == "problem_acknowledged"


@pytest.mark.parametrize("sentence, status", [
    ("我乡已完成瓶装液化气用户逐户登记建档1100户，完成率100%，全年未发生燃气安全事故。", "covered"),
    ("力争12月20日前全部完成瓶装液化气用户登记建档工作。", "partial"),
    ("我乡对未按期完成瓶装液化气用户登记建档的3个村予以通报批评，督促其加快进度。", None),
])
def test_gap_not_done_guards_keep_their_status(sentence, status):
    row = _rows(GAS, "木兰乡人民政府", f"    {sentence}")["2.5"]
    assert row.status != "problem_acknowledged"
    if status:
        assert row.status == status


def test_gap_not_done_inline_in_a_report_of_work_done():
    """qa12 H2 (红头报告): the admission inline among reported work, not under 存在的问题."""
    body = ("    一、工作开展情况\n    全县燃气经营企业安全检查已全部完成，建立问题隐患清单。\n"
            "    老旧管网改造完成9公里，年底前完成15公里目标存在较大困难。")
    assert _rows(GAS, "平川县住房和城乡建设局", body)["2.3"].status == "problem_acknowledged"


_DUTY = "已对全县43座小型水库逐一落实行政、技术、巡查“三个责任人”，并在县水务局网站公示。"
_CAUSE = "病险水库除险加固方面，已完工5座，仍有3座受施工用地影响，主体工程未能在5月15日前完工"


@pytest.mark.parametrize("body", [
    f"    {_DUTY}{_CAUSE}，汛期按要求空库运行。",                     # k_plain_both
    f"    {_DUTY}{_CAUSE}。",                                          # u_no_tail
    f"    一、水库安全度汛。{_CAUSE}，汛期按要求空库运行。",          # m_section_s2only
    f"    一、水库安全度汛。{_DUTY}{_CAUSE}，汛期按要求空库运行。",   # j_section_both
    f"    {_CAUSE}，汛期按要求空库运行。",                            # s_s2only (right before)
])
def test_gap_not_done_admission_with_a_cause_clause_survives_other_action(body):
    """qa12 M5: the admission was lost (已落实) beside another action sentence or under a heading."""
    row = _rows(FLOOD, "平川县水务局", body)["1.1"]
    assert row.status == "problem_acknowledged"
    assert "未能在5月15日前完工" in row.evidence.split("\n")[0]


@pytest.mark.parametrize("text, admits", [
    ("我院对涉法涉诉信访积案逐件梳理，共化解积案12件，化解率75%，尚有4件未化解。", True),   # qa13 S3: 化解 is the work
    ("剩余2件积案正在化解。", True),
    ("已化解信访积案12件，未化解0件。", False),
    ("共化解矛盾纠纷30件。", False),
])
def test_gap_not_done_petition_cases_left_unresolved(text, admits):
    assert _admits(SimpleNamespace(text=text, label="measure", lead_in="", section="")) is admits
