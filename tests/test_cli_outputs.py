"""``duban checklist`` and ``duban gaps`` end to end through the CLI entry point."""
from __future__ import annotations

import csv
import json

from conftest import CORPORA, SEED
from pipeline.cli import main

REPORTS = CORPORA / "gaps" / "reports"


def test_cli_checklist_writes_all_formats(tmp_path, capsys):
    assert main(["checklist", str(SEED), "-o", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["checklist.csv", "checklist.docx", "checklist.json", "checklist.md", "checklist.xlsx"]
    data = json.loads((tmp_path / "checklist.json").read_text(encoding="utf-8"))
    assert sum(1 for i in data["items"] if i["kind"] == "item") == 12
    assert "12 tasks" in capsys.readouterr().err


def test_cli_checklist_reads_a_folder_of_speeches_as_its_files(tmp_path, capsys):
    """A folder stands for its files, as in analyze and gaps (it used to be read as one corrupt file)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "speech.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "in" / "~$speech.docx").write_bytes(b"lock")                 # Word's lock file is skipped
    assert main(["checklist", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    data = json.loads((tmp_path / "out" / "checklist.json").read_text(encoding="utf-8"))
    assert sum(1 for i in data["items"] if i["kind"] == "item") == 12
    (tmp_path / "empty").mkdir()
    assert main(["checklist", str(tmp_path / "empty"), "-o", str(tmp_path / "out2")]) == 2
    assert "[E002]" in capsys.readouterr().err


def test_cli_checklist_of_a_text_without_tasks_is_e303_exit_1(tmp_path, capsys):
    """Regression: a speech with no duty or requirement raised the *reference* error E301 and, since
    E301 became a usage error for `duban gaps`, exited 2; the file was read fine and gave no result."""
    text = "各位来宾：\n今天天气晴朗，会场布置得很整齐。\n会议由办公室主任主持，共有八十人参加。\n"
    (tmp_path / "notes.txt").write_text(text, encoding="utf-8")
    assert main(["checklist", str(tmp_path / "notes.txt"), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "[E303]" in err and "会场" not in err
    assert not (tmp_path / "out").exists()


def test_cli_checklist_of_several_files_says_which_gave_no_tasks_or_were_reports(tmp_path, capsys):
    """QA6 L10b: a folder of mixed files added a report's plans and dropped a task-less file silently."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a_speech.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "in" / "b_notes.txt").write_text("各位来宾：\n今天天气晴朗，会场布置得很整齐。\n", encoding="utf-8")
    (tmp_path / "in" / "c_report.txt").write_bytes((CORPORA / "unlabeled" / "report_04.txt").read_bytes())
    assert main(["checklist", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "b_notes.txt: no tasks found" in err and "c_report.txt: read as a report" in err
    assert "a_speech.txt" not in err and "会场" not in err


def test_cli_batch_folder_as_reference_is_e006(tmp_path, capsys):
    (tmp_path / "ref").mkdir()
    code = main(["batch", str(REPORTS), "--reference", str(tmp_path / "ref"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "[E006]" in err and "corrupt" not in err


def test_cli_gaps_against_an_edited_checklist(tmp_path):
    assert main(["checklist", str(SEED), "-o", str(tmp_path / "cl")]) == 0
    code = main(["gaps", "--reference", str(tmp_path / "cl" / "checklist.xlsx"), str(REPORTS / "r01_group1.txt"),
                 str(REPORTS / "r08_justice_bureau.docx"), "-o", str(tmp_path / "gaps")])
    assert code == 0
    with open(tmp_path / "gaps" / "gaps.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 24
    assert {"unit", "report", "item_id", "item_text", "status", "score", "evidence", "evidence_location"} <= set(rows[0])
    assert {r["report"] for r in rows} == {"r01_group1.txt", "r08_justice_bureau.docx"}
    expected = {"gaps.xlsx", "gaps.csv", "gaps.md", "gaps.json", "gaps.html", "problems.csv", "exemplars.csv"}
    assert expected <= {p.name for p in (tmp_path / "gaps").iterdir()}


def test_cli_gaps_unreadable_report_exit_1_not_all_missing(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code = main(["gaps", "--reference", str(SEED), str(empty), str(REPORTS / "r02_group2.txt"),
                 "-o", str(tmp_path / "out")])
    assert code == 1 and "not_assessable" in capsys.readouterr().err
    with open(tmp_path / "out" / "gaps.csv", encoding="utf-8-sig") as fh:
        statuses = {r["report"]: set() for r in csv.DictReader(fh)}
    with open(tmp_path / "out" / "gaps.csv", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            statuses[r["report"]].add(r["status"])
    assert statuses["empty.txt"] == {"not_assessable"} and "not_assessable" not in statuses["r02_group2.txt"]


def test_cli_missing_reference_is_usage_error(tmp_path, capsys):
    assert main(["gaps", "--reference", str(tmp_path / "nope.txt"), str(SEED), "-o", str(tmp_path)]) == 2
    assert "[E001]" in capsys.readouterr().err


def test_cli_unwritable_output_is_e401(tmp_path, capsys, monkeypatch):
    import os

    def refuse(src, dst):
        raise PermissionError(13, "denied")

    monkeypatch.setattr(os, "replace", refuse)
    assert main(["checklist", str(SEED), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "[E401]" in err and str(tmp_path / "out") in err


def test_cli_csv_outputs_open_as_utf8_in_excel(tmp_path):
    """Every CSV starts with a UTF-8 byte-order mark: without it Excel on Chinese Windows reads GBK and
    shows mojibake (found by QA); the header row follows it directly."""
    assert main(["checklist", str(SEED), "-o", str(tmp_path / "cl")]) == 0
    assert main(["gaps", "--reference", str(SEED), str(REPORTS / "r01_group1.txt"), "-o", str(tmp_path / "g")]) == 0
    from pipeline.batch import run_batch

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_bytes((REPORTS / "r01_group1.txt").read_bytes())
    run_batch(tmp_path / "in", reference=SEED, out_dir=tmp_path / "b", workers=1, progress=False, store=False)
    csvs = [tmp_path / "cl" / "checklist.csv", *(tmp_path / "g").glob("*.csv"), tmp_path / "b" / "manifest.csv"]
    assert len(csvs) == 5
    for path in csvs:
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf"), path.name
        assert data[3:4].isalpha() or "\u4e00" <= data[3:].decode("utf-8")[0] <= "\u9fff", path.name


def test_cli_reference_that_is_no_checklist_exits_2(tmp_path, capsys):
    """Regression (QA): an unrelated workbook (E302) exited 1 unlike other reference errors, and a ledger
    with its header only assessed "0 tasks" with exit 0."""
    import openpyxl

    assert main(["checklist", str(SEED), "-o", str(tmp_path / "cl")]) == 0
    header_only = openpyxl.load_workbook(tmp_path / "cl" / "checklist.xlsx")
    sheet = header_only.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)
    header_only.save(tmp_path / "empty.xlsx")
    other = openpyxl.Workbook()
    other.active.append(["姓名", "电话"])
    other.save(tmp_path / "other.xlsx")
    for reference, code in ((tmp_path / "empty.xlsx", "E301"), (tmp_path / "other.xlsx", "E302")):
        capsys.readouterr()
        assert main(["gaps", "-r", str(reference), str(REPORTS / "r01_group1.txt"), "-o", str(tmp_path / "g")]) == 2
        assert f"[{code}]" in capsys.readouterr().err
    assert not (tmp_path / "g").exists()


def test_cli_checklist_re_renders_an_edited_ledger(tmp_path, capsys):
    """Regression (QA6 L5): `duban checklist ledger.xlsx` said "[E003] Reference document could not be
    read (unsupported)"; an edited ledger (.xlsx/.csv/.json, our .docx) is read back and re-rendered."""
    from openpyxl import load_workbook

    assert main(["checklist", str(SEED), "-o", str(tmp_path / "cl")]) == 0
    book = load_workbook(tmp_path / "cl" / "checklist.xlsx")
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "1.1")
    sheet.cell(row, header.index("任务简称") + 1).value = "压实督察责任"
    book.save(tmp_path / "edited.xlsx")
    def tasks(folder):
        markdown = (folder / "checklist.md").read_text(encoding="utf-8")
        return [line for line in markdown.splitlines() if line.startswith("- [ ]")]

    original = tasks(tmp_path / "cl")
    for k, ledger in enumerate(("cl/checklist.json", "cl/checklist.docx", "cl/checklist.csv", "edited.xlsx")):
        capsys.readouterr()
        assert main(["checklist", str(tmp_path / ledger), "-o", str(tmp_path / f"out{k}")]) == 0, ledger
        assert "re-rendered" in capsys.readouterr().err
        assert (tmp_path / f"out{k}" / "checklist.docx").exists()
    assert [tasks(tmp_path / f"out{k}") for k in range(3)] == [original] * 3
    edited = tasks(tmp_path / "out3")
    assert "压实督察责任" in edited[0] and edited[1:] == original[1:]


def test_cli_checklist_of_a_folder_leaves_out_an_unreadable_file(tmp_path, capsys):
    """QA7 M9: one binary or empty file refused the whole folder; it is named and left out (exit 1)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a_speech.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "in" / "blob.bin").write_bytes(b"\x00\x01\x02binary" * 50)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    assert main(["checklist", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "blob.bin" in err and "empty.txt" in err and "left out" in err
    data = json.loads((tmp_path / "out" / "checklist.json").read_text(encoding="utf-8"))
    assert sum(1 for i in data["items"] if i["kind"] == "item") == 12


def test_cli_ledger_saved_without_chinese_is_e305(tmp_path, capsys):
    """QA7 M8: a checklist.csv re-saved in a code page without Chinese ("????") was read as 79 tasks
    of question marks and every unit got 未体现."""
    rows = ["序号,任务要求,责任主体,完成时限"] + [f"{k},????????????,???,{k}?????" for k in range(1, 6)]
    (tmp_path / "ledger.csv").write_text("\n".join(rows).replace("序号", "id").replace("任务要求", "text")
                                         .replace("责任主体", "actor").replace("完成时限", "deadline"), encoding="ascii")
    assert main(["gaps", "-r", str(tmp_path / "ledger.csv"), str(REPORTS / "r01_group1.txt"),
                 "-o", str(tmp_path / "g")]) == 2
    assert "[E305]" in capsys.readouterr().err
    assert not (tmp_path / "g").exists()


def test_cli_checklist_input_errors_name_the_speech_not_a_reference(tmp_path, capsys):
    """QA6 L5: an empty speech among several was "[E003] Reference document could not be read";
    a ledger given with speeches is refused (it is re-rendered on its own); nothing is written."""
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["checklist", str(SEED), str(tmp_path / "empty.txt"), "-o", str(tmp_path / "o1")]) == 2
    err = capsys.readouterr().err
    assert "[E007]" in err and "empty.txt" in err and "Reference" not in err
    assert main(["checklist", str(SEED), "-o", str(tmp_path / "cl")]) == 0
    capsys.readouterr()
    assert main(["checklist", str(SEED), str(tmp_path / "cl" / "checklist.xlsx"), "-o", str(tmp_path / "o2")]) == 2
    assert "[E008]" in capsys.readouterr().err
    assert not (tmp_path / "o1").exists() and not (tmp_path / "o2").exists()


def test_cli_checklist_a_notice_with_a_task_table_is_still_a_speech(tmp_path):
    """Only a Word file `duban checklist` wrote (☐ lines above its 任务台账) is taken for a ledger."""
    from docx import Document

    from pipeline.commands.checklist import is_ledger

    assert main(["checklist", str(SEED), "-o", str(tmp_path / "cl")]) == 0
    notice = Document()
    notice.add_paragraph("关于做好校园安全工作的通知")
    table = notice.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["序号", "任务要求", "完成时限", "1", "开展排查", "5月底前"]):
        cell.text = text
    notice.save(str(tmp_path / "notice.docx"))
    assert is_ledger(tmp_path / "cl" / "checklist.docx") and is_ledger(tmp_path / "cl" / "checklist.csv")
    assert not is_ledger(tmp_path / "notice.docx") and not is_ledger(SEED)
