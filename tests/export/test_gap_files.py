"""write_gaps builds the problems and exemplars ledgers once and every file lists the same records."""
from __future__ import annotations

import csv
import importlib
import json
import threading

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.export.gap_files import SharedLedgers, write_gaps
from pipeline.gaps import GapRow, GapTable

gaps = importlib.import_module("pipeline.gaps")      # the module (``pipeline.gaps`` is also a function)


def _table() -> GapTable:
    checklist = Checklist((ChecklistItem(id="1", text="督导组要落实督察任务。", title="落实督察任务", actor="督导组"),),
                          ("s.txt",))
    rows = tuple(GapRow(unit=u, report=f"{u}.txt", doc_id=u, item_id="1", item_text="督导组要落实督察任务。",
                        status="covered", score=0.5, evidence="已落实", evidence_location=f"{u}.txt | #1")
                 for u in ("甲", "乙"))
    return GapTable(rows, checklist, ())


@pytest.fixture
def counted_ledgers(monkeypatch):
    """``_label_records`` replaced by one that counts its calls and returns one record per label."""
    calls: list[str] = []

    def fake(docs, label, units, admissions=None):
        calls.append(label)
        return [{"unit": "甲", "report": "甲.txt", "text": f"{label}句子", "section": "", "location": "甲.txt | #2",
                 "confidence": 0.9}]

    monkeypatch.setattr(gaps, "_label_records", fake)
    return calls


@pytest.mark.parametrize("forking", [True, False], ids=["forked", "inline"])
def test_gap_files_build_each_ledger_once_here(tmp_path, monkeypatch, counted_ledgers, forking):
    if not forking:             # another thread alive: gaps.xlsx is built in this process too
        monkeypatch.setattr(threading, "active_count", lambda: 2)
    write_gaps(_table(), tmp_path)
    assert sorted(counted_ledgers) == ["exemplar", "problem"]
    data = json.loads((tmp_path / "gaps.json").read_text(encoding="utf-8"))
    assert [r["text"] for r in data["problems"]] == ["problem句子"]
    assert [r["text"] for r in data["exemplars"]] == ["exemplar句子"]
    for name, text in (("problems.csv", "problem句子"), ("exemplars.csv", "exemplar句子")):
        with open(tmp_path / name, encoding="utf-8", newline="") as fh:
            assert [row["text"] for row in csv.DictReader(fh)] == [text]
    for name in ("gaps.md", "gaps.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert "problem句子" in page and "exemplar句子" in page


def test_gap_files_shared_ledgers_pass_everything_else_through(counted_ledgers):
    table = _table()
    shared = SharedLedgers(table)
    assert shared.units == table.units and shared.rows is table.rows and shared.records() == table.records()
    assert shared.problem_records() is shared.problem_records()
    assert counted_ledgers == ["problem"]
    with pytest.raises(AttributeError):
        shared.no_such_attribute


def test_gap_files_show_each_task_s_responsible_body(tmp_path):
    """A 不适用（非责任主体） row can only be checked when the table says whose task it is (QA, session 5):
    the 责任主体 reaches gaps.csv, the unit sheets of gaps.xlsx, gaps.md and gaps.html."""
    from openpyxl import load_workbook

    from conftest import CORPORA, SEED
    from pipeline.gaps import build_gaps

    table = build_gaps(SEED, [CORPORA / "gaps" / "reports" / "r10_education_bureau.txt"])
    actors = {r.item_id: r.item_actor for r in table.rows}
    assert actors["1.1"] == "督导组" and {r.status for r in table.rows if r.item_actor == "督导组"} >= {"not_applicable"}
    write_gaps(table, tmp_path)
    with open(tmp_path / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["item_id"]: r["item_actor"] for r in rows} == actors
    sheet = load_workbook(tmp_path / "gaps.xlsx").worksheets[1]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("责任主体") + 1).value == actors[sheet.cell(2, 1).value]
    for name in ("gaps.md", "gaps.html"):
        assert "责任主体" in (tmp_path / name).read_text(encoding="utf-8")


def test_gap_files_csv_ids_read_back_as_text_with_str_dtype(tmp_path):
    """QA9 L4 / review7 M2: gaps.csv keeps ids plain (a "="2.10"" wrapper broke joins with
    checklist.json in pandas); read with dtype=str, as README says, "2.10" stays another task than 2.1."""
    import pandas as pd

    items = tuple(ChecklistItem(id=i, text=f"任务{i}。", title=f"任务{i}") for i in ("2.1", "2.10"))
    rows = tuple(GapRow(unit="甲", report="甲.txt", doc_id="甲", item_id=i, item_text=f"任务{i}。", status="missing",
                        score=0.0) for i in ("2.1", "2.10"))
    write_gaps(GapTable(rows, Checklist(items, ("s.txt",)), ()), tmp_path)
    frame = pd.read_csv(tmp_path / "gaps.csv", dtype={"item_id": str, "item_ids": str})
    assert frame["item_id"].tolist() == ["2.1", "2.10"]
