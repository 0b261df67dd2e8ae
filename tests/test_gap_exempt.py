"""A unit saying its task does not apply to it (qa12 M6): "不涉及此项工作", "此项任务不涉及", a form answer
"不适用", or none of what the task works on in its area ("我镇辖区内没有瓶装液化气用户"): the row is
不适用 with the unit's sentence quoted, never 已落实 on the task's own words. A hazard it has none of
("全年无燃气安全事故", "辖区内无违章占压") is a result, not an exemption; work reported beside it is judged
as work."""
from __future__ import annotations

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.extract import read_bytes
from pipeline.gap_wording import declares_exempt
from pipeline.gaps import assess_report

GAS = (
    ChecklistItem(id="2.5", title="加强瓶装液化气管理", actor="各乡镇人民政府",
                  text="（五）加强瓶装液化气管理。各乡镇人民政府要对辖区内瓶装液化气用户逐户登记建档，2026年12月20日前完成"
                       "登记工作，督促用户更换不合格的连接软管和调压阀。"),
    ChecklistItem(id="3.4", title="整治燃气管道违章占压", actor="各乡镇人民政府",
                  text="整治燃气管道违章占压。各乡镇人民政府要对辖区内燃气管道违章占压情况开展排查，2027年4月30日前完成整治。"),
    ChecklistItem(id="4.1", title="加强组织领导", actor="各乡镇、各部门",
                  text="（一）加强组织领导。各乡镇、各部门要成立专项整治工作专班，主要负责同志要亲自部署、亲自督办。"),
)


def _rows(body: str) -> dict:
    text = f"金沙镇人民政府关于燃气安全专项整治工作情况的报告\n县住房和城乡建设局：\n{body}\n金沙镇人民政府\n2026年12月22日\n"
    return {r.item_id: r for r in assess_report(Checklist(GAS), read_bytes(text.encode("utf-8"), name="报告.txt"))}


EXEMPT = [
    "我镇辖区内无瓶装液化气用户，不涉及瓶装液化气用户登记建档工作。",
    "我镇无瓶装液化气用户，此项任务不涉及。",
    "经摸排，我镇辖区内没有瓶装液化气用户。",
    "我镇不涉及瓶装液化气用户登记建档工作。",
]


@pytest.mark.parametrize("text", EXEMPT + [
    "我镇不涉及此项工作，但已配合县市场监管局对过境餐饮场所开展摸排。",   # helping another body: still exempt
    "燃气安全宣传进社区：本镇无社区",
    "成立专项整治工作专班：不适用",
    "此项工作不适用于我局。",
    "是否涉及瓶装液化气经营：否",                             # a form's question on the unit (review8 M3)
    "我镇不涉及瓶装液化气用户登记建档的工作。",
])
def test_gap_exempt_declarations(text):
    assert declares_exempt(text)


@pytest.mark.parametrize("text", [
    "全年我镇无燃气安全事故发生。",                          # a result of the work
    "经排查，我镇辖区内无违章占压燃气管道现象。",
    "本镇不存在燃气安全隐患企业。",
    "我乡还没有开展瓶装液化气用户登记建档工作。",            # not done: an admission, not an exemption
    "我镇没有按期完成用户登记。",
    "全镇没有一户未登记。",
    "请各单位说明是否不涉及。",                               # a question
    "我镇已完成瓶装液化气用户逐户登记建档1100户。",
    "我镇对不涉及燃气的餐饮场所也进行了排查。",              # 不涉及 describing a thing (review8 H2)
    "我镇对不涉及燃气的林区防火点也进行了巡查。",
    "全镇无无证经营门店。",                                   # none of a kind the work finds: a result
    "本镇无漏登用户。",
    "全镇没有新增燃气用户。",
    "全县无过期钢瓶使用单位",
    # work reported done after it is work (qa13 R4, S5)
    "辖区内没有燃气经营企业，瓶装液化气用户1100户已全部逐户登记建档。",
    "无集中供气管网，瓶装液化气用户已逐户登记建档。",
    "我镇不涉及此项工作，但已主动对辖区内瓶装液化气用户逐户登记建档320户。",
])
def test_gap_exempt_not_declarations(text):
    assert not declares_exempt(text)


@pytest.mark.parametrize("sentence", EXEMPT)
def test_gap_exempt_row_is_not_applicable_with_the_unit_s_words(sentence):
    """qa12 M6: 已落实 (0.45) or 部分落实 on the task's own words."""
    row = _rows(f"    {sentence}")["2.5"]
    assert row.status == "not_applicable"
    assert row.evidence == sentence


def test_gap_exempt_other_tasks_keep_their_evidence():
    rows = _rows("    我镇无瓶装液化气用户，此项任务不涉及。\n"
                 "    我镇成立了由镇长任组长的燃气安全专项整治工作专班，召开专题会议3次。")
    assert rows["2.5"].status == "not_applicable"
    assert rows["4.1"].status in ("covered", "partial")


@pytest.mark.parametrize("sentence", [
    "经排查，我镇辖区内无违章占压燃气管道现象，已建立燃气管道巡查台账。",
    "我镇对辖区内燃气管道违章占压情况开展排查，发现并整治占压3处。",
])
def test_gap_exempt_a_result_is_no_exemption(sentence):
    assert _rows(f"    {sentence}")["3.4"].status != "not_applicable"


def test_gap_exempt_attribute_is_work_done():
    """review8 H2 end to end: "我镇对不涉及燃气的林区防火点也进行了巡查。" made its task 不适用."""
    items = (ChecklistItem(id="2", title="加强森林防火巡查", actor="各乡镇人民政府",
                           text="二、加强森林防火巡查。各乡镇人民政府要对林区防火点开展巡查。"),)
    text = ("石门镇关于城镇燃气安全专项整治工作的报告\n县安委办：\n    三、我镇对不涉及燃气的林区防火点也进行了巡查。\n"
            "石门镇人民政府\n2026年12月18日\n")
    row = assess_report(Checklist(items), read_bytes(text.encode("utf-8"), name="报告.txt"))[0]
    assert row.status != "not_applicable"


def test_gap_exempt_claim_is_not_quoted_on_a_missing_row(monkeypatch):
    """review8 M2: a 不适用 claim too far from the task (status 未体现) was quoted under it (QA9 M11)."""
    import pipeline.gaps as gaps
    monkeypatch.setattr(gaps, "decide", lambda features, limits: "missing")
    row = _rows(f"    {EXEMPT[0]}")["2.5"]
    assert row.status == "missing"
    assert row.evidence == "" and row.hits == ()
