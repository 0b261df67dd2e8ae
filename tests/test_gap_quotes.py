"""What a gap row quotes under 落实情况 (QA9 M11): a 未体现 row quotes nothing (an office reads a quote
as "the unit did this"; the score still says how near the nearest passage came), and one sentence is
quoted once however often the report repeats it."""
from __future__ import annotations

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.extract import read_bytes
from pipeline.gaps import assess_report, build_gaps
from tests.conftest import CORPORA, SEED

REPORTS = CORPORA / "gaps" / "reports"


def test_gap_quotes_nothing_on_a_missing_row_however_near():
    table = build_gaps(SEED, [REPORTS / name for name in ("r03_group3.txt", "r16_group4_bulletin.txt",
                                                          "r17_group1_outline.txt")])
    missing = [r for r in table.rows if r.status == "missing"]
    assert any(r.score > 0 for r in missing)          # a passage came near on some of them
    assert all(r.evidence == "" and r.evidence_location == "" and not r.hits for r in missing)
    frame = table.to_frame()
    assert (frame.loc[frame["status"] == "missing", "evidence"] == "").all()
    assert (frame.loc[frame["status"] != "missing", "evidence"] != "").any()     # others still quote


ITEMS = (ChecklistItem(id="1", title="完善网格化管理", text="完善森林防火网格化管理，落实护林员巡山责任，做到山有人管、林有人护。"),
         ChecklistItem(id="2", title="开展防火宣传", text="开展森林防火宣传进村入户，发放防火告知书。"))


def test_gap_quotes_a_repeated_sentence_once():
    plan = "我局将持续加强森林资源保护管理，完善网格化管理，督促落实护林员巡山责任。"
    text = ("县林业局森林防火工作报告\n" + plan + "\n" + plan + "\n" + plan + "\n"
            "全县划分防火网格420个，护林员巡山实行每日打卡，做到山有人管。\n县林业局\n")
    rows = {r.item_id: r for r in assess_report(Checklist(ITEMS), read_bytes(text.encode("utf-8"), name="林业局.txt"))}
    quoted = rows["1"].evidence.splitlines()
    assert quoted and len(quoted) == len(set(quoted)), quoted
    assert quoted.count(plan) <= 1
