"""A self-check form's row answered only "未启动", "尚未开展", "否" or "不适用" (qa12 H2/M6, 金沙镇自查表): the
unit answered the row, so the answer reads with the row's task (``gap_wording.bare_status``, as "已完成"
does): not begun or "否" admits a shortfall on that task (自查有差距), "不适用" makes it 不适用; each was
dropped as too short to be evidence (未体现)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.gap_wording import _admits, bare_status
from pipeline.gaps import assess_report
from tests.test_gap_forms import ITEMS, _form


@pytest.mark.parametrize("text, answer", [
    ("未启动", True), ("尚未开展", True), ("未完成登记", True), ("否", True), ("不适用", True),
    ("已完成", True), ("正在推进", True),                         # bare claims as before
    ("无", False),                                                  # in a 佐证材料 column: no material
    ("不涉及。", False),                                            # a returned ledger's answer on another's row
    ("未发现问题", False), ("本镇无社区", False), ("已完成排查23处", False),
])
def test_gap_form_answers_bare_status(text, answer):
    assert bare_status(text) is answer


@pytest.mark.parametrize("text, admits", [
    ("成立专项整治工作专班：否", True),
    ("瓶装液化气用户登记建档：未启动", True),
    ("是否成立专班：是", False),
    ("是否发生燃气安全事故：否", False),                            # no hazard: a good answer
    ("是否存在违规用气行为：否", False),
    ("开展森林防火宣传进村入户：已完成", False),
    ("是否属于重点单位：否", False),                                # a fact about the unit (review8 M3)
    ("是否涉及瓶装液化气经营：否", False),                          # ... or 不适用 (declares_exempt)
    ("未完成事项：无", False),                                      # a nil field (review8 M4)
])
def test_gap_form_answers_not_begun_admits(text, admits):
    assert _admits(SimpleNamespace(text=text, label="other", lead_in="")) is admits


@pytest.mark.parametrize("answer, status", [
    ("未启动", "problem_acknowledged"),
    ("尚未开展", "problem_acknowledged"),
    ("否", "problem_acknowledged"),
    ("不适用", "not_applicable"),
    ("已完成", "partial"),                                          # qa9 M14, unchanged
])
def test_gap_form_answers_a_terse_answer_is_its_row_s(answer, status):
    rows = {r.item_id: r for r in assess_report(
        Checklist(ITEMS), _form([("1", "开展森林防火宣传进村入户，发放防火告知书", answer, "")]))}
    statuses = {k: r.status for k, r in rows.items()}
    assert statuses == {"2.1": "missing", "3.1": "missing", "3.2": status, "3.4": "missing"}, statuses
    assert rows["3.2"].evidence == f"开展森林防火宣传进村入户，发放防火告知书：{answer}"
