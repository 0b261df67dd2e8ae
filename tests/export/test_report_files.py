"""start_reports: the batch's checklist and gap files, written by forked children while the caller
works, are the files write_checklist and write_gaps write, listed in the same order."""
from __future__ import annotations

import hashlib
import importlib
import os
import threading

import pytest

from pipeline.checklist import Checklist, ChecklistItem
from pipeline.errors import DubanError
from pipeline.export.checklist_files import write_checklist
from pipeline.export.gap_files import write_gaps
from pipeline.export.report_files import start_reports
from pipeline.gaps import GapRow, GapTable

gaps = importlib.import_module("pipeline.gaps")      # the module (``pipeline.gaps`` is also a function)


def _checklist() -> Checklist:
    texts = ["督导组要落实督察任务。", '=HYPERLINK("http://x","点我")', "第一页\x0c第二页\ud800尾"]
    return Checklist(tuple(ChecklistItem(id=str(k), text=t, title=t[:12], actor="督导组") for k, t in enumerate(texts, 1)),
                     ("s.txt",))


def _table(checklist) -> GapTable:
    rows = tuple(GapRow(unit=u, report=f"{u}.txt", doc_id=u, item_id=i.id, item_text=i.text, status=s, score=0.5,
                        evidence=e, evidence_location=f"{u}.txt | #{k}")
                 for k, (u, e, s) in enumerate([("甲", "已落实", "covered"), ("乙", "", "missing"),
                                                ("丙", "长" * 40_000, "partial")])
                 for i in checklist.items)
    return GapTable(rows, checklist, ())


@pytest.fixture
def ledgers_by_pid(monkeypatch):
    """``_label_records`` replaced by one that records which process built each ledger."""
    pids: list[int] = []

    def fake(docs, label, units, admissions=None):
        pids.append(os.getpid())
        return [{"unit": "甲", "report": "甲.txt", "text": f"{label}句子", "section": "", "location": "甲.txt | #2",
                 "confidence": 0.9}]

    monkeypatch.setattr(gaps, "_label_records", fake)
    return pids


def _digests(folder) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("forking", [True, False], ids=["forked", "inline"])
def test_report_files_equal_write_checklist_and_write_gaps(tmp_path, monkeypatch, ledgers_by_pid, forking):
    if not forking:
        monkeypatch.setattr(threading, "active_count", lambda: 2)
    checklist = _checklist()
    pending = start_reports(checklist, _table(checklist), tmp_path / "started")
    assert ledgers_by_pid == [os.getpid()] * 2        # both ledgers built here, before any child forked
    started = list(pending.join())
    separate = list(write_checklist(checklist, tmp_path / "separate" / "checklist")) + list(
        write_gaps(_table(checklist), tmp_path / "separate"))
    assert [p.relative_to(tmp_path / "started") for p in started] == [
        p.relative_to(tmp_path / "separate") for p in separate]
    assert _digests(tmp_path / "started") == _digests(tmp_path / "separate")


def test_report_files_one_unwritable_file_does_not_stop_the_others(tmp_path, ledgers_by_pid):
    checklist = _checklist()
    (tmp_path / "gaps.md").mkdir(parents=True)             # a folder where gaps.md should go
    with pytest.raises(DubanError) as caught:
        start_reports(checklist, _table(checklist), tmp_path).join()
    assert caught.value.code == "E401" and str(tmp_path / "gaps.md") in str(caught.value)
    written = {p.name for p in caught.value.written}
    assert {"checklist.xlsx", "gaps.xlsx", "gaps.json", "gaps.html"} <= written and "gaps.md" not in written
    assert (tmp_path / "gaps.xlsx").exists() and (tmp_path / "checklist" / "checklist.docx").exists()
