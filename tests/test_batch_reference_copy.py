"""The reference itself saved among the submissions (QA6 L19) is listed but not assessed as a unit:
it would 'cover' every task."""
from __future__ import annotations

import csv
import io

from conftest import CORPORA, SEED
from pipeline.batch import run_batch
from pipeline.cli import main

REPORT = CORPORA / "gaps" / "reports" / "r01_group1.txt"


def _inbox(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "通知原文.txt").write_bytes(SEED.read_bytes())
    (inbox / "r01.txt").write_bytes(REPORT.read_bytes())
    return inbox


def test_batch_copy_of_the_reference_is_listed_not_assessed(tmp_path):
    stream = io.StringIO()
    result = run_batch(_inbox(tmp_path), reference=SEED, out_dir=tmp_path / "out", workers=1, progress=False,
                       store=False, stream=stream)
    rows = {r.path: r for r in result.rows}
    assert set(rows) == {"通知原文.txt", "r01.txt"}                  # every input in the manifest
    assert rows["通知原文.txt"].reason == "is_reference" and rows["r01.txt"].reason != "is_reference"
    with open(tmp_path / "out" / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        reports = {row["report"] for row in csv.DictReader(handle)}
    assert reports == {"r01.txt"}
    assert "通知原文.txt: the reference itself" in stream.getvalue()


def test_gaps_command_leaves_out_a_copy_of_the_reference(tmp_path, capsys):
    inbox = _inbox(tmp_path)
    assert main(["gaps", "-r", str(SEED), str(inbox), "-o", str(tmp_path / "g")]) == 0
    assert "通知原文.txt: the reference itself" in capsys.readouterr().err
    with open(tmp_path / "g" / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        assert {row["report"] for row in csv.DictReader(handle)} == {"r01.txt"}


def test_batch_and_gaps_leave_out_the_reference_saved_in_another_format(tmp_path, capsys):
    """QA8 N5: the notice saved as .docx among the replies, with the .txt as reference, was assessed
    as a unit (its bytes differ, its text is the reference's)."""
    from tests.batch_fixtures import docx_of

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "通知.docx").write_bytes(docx_of(SEED.read_text(encoding="utf-8")))
    (inbox / "r01.txt").write_bytes(REPORT.read_bytes())
    stream = io.StringIO()
    result = run_batch(inbox, reference=SEED, out_dir=tmp_path / "out", workers=1, progress=False, store=False,
                       stream=stream)
    assert {r.path: r.reason for r in result.rows}["通知.docx"] == "is_reference"
    with open(tmp_path / "out" / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        assert {row["report"] for row in csv.DictReader(handle)} == {"r01.txt"}
    assert main(["gaps", "-r", str(SEED), str(inbox), "-o", str(tmp_path / "g")]) == 0
    with open(tmp_path / "g" / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        assert {row["report"] for row in csv.DictReader(handle)} == {"r01.txt"}


def test_batch_checklist_ledger_among_the_replies_is_listed_not_assessed(tmp_path):
    """helper-49's note: with .xlsx replies read, a checklist.xlsx saved in the inbox became a unit with
    every task 未体现; a 自查表 .xlsx beside it is still a reply."""
    import openpyxl

    assert main(["checklist", str(SEED), "-o", str(tmp_path / "cl")]) == 0
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "checklist.xlsx").write_bytes((tmp_path / "cl" / "checklist.xlsx").read_bytes())
    (inbox / "r01.txt").write_bytes(REPORT.read_bytes())
    form = openpyxl.Workbook()
    for row in (["某某单位自查表"], ["序号", "任务", "落实情况"], ["1", "落实督察任务", "召开督导工作会议3次。"]):
        form.active.append(row)
    form.save(inbox / "自查表.xlsx")
    result = run_batch(inbox, reference=SEED, out_dir=tmp_path / "out", workers=1, progress=False, store=False,
                       stream=io.StringIO())
    reasons = {r.path: r.reason for r in result.rows}
    assert reasons["checklist.xlsx"] == "is_checklist" and reasons["自查表.xlsx"] != "is_checklist"
    with open(tmp_path / "out" / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        assert {row["report"] for row in csv.DictReader(handle)} == {"r01.txt", "自查表.xlsx"}
