"""duban's own outputs among the submissions are never replies (QA10 N6).

A second ``duban gaps`` over a folder holding the first run's results made five units of gaps.md,
gaps.xlsx, gaps.html, exemplars.csv and problems.csv, with 已落实 rows. batch, gaps and
``pipeline.gaps`` now leave out every file duban wrote (a batch folder: by its manifest.jsonl; any
other: by its content, renamed or not), list it with reason ``is_output`` and say so on stderr.
"""
from __future__ import annotations

import io
import shutil

import pytest

from pipeline.batch import run_batch
from pipeline.cli import main
from qa10_fixtures import INDUSTRY_REVISED, NOTICE, WATER, gaps_csv, write

REPLIES = {"市水务局报告.txt", "市工信局报告.txt"}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    """Two replies, and last month's results saved inside the folder: a ``duban gaps`` output
    folder, a ``duban batch`` output folder (store included), and two files copied out and renamed."""
    root = tmp_path_factory.mktemp("own")
    notice = root / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    folder = write(root / "in", {"市水务局报告.txt": WATER, "市工信局报告.txt": INDUSTRY_REVISED})
    assert main(["gaps", "-r", str(notice), str(folder), "-o", str(folder / "结果_6月")]) in (0, 1)
    result = run_batch(folder, reference=notice, out_dir=folder / "批量", workers=1, progress=False,
                       stream=io.StringIO())
    assert result.exit_code == 0
    shutil.copy(folder / "结果_6月" / "gaps.xlsx", folder / "对照表_6月.xlsx")
    shutil.copy(folder / "结果_6月" / "gaps.md", folder / "上月结果.md")
    return notice, folder


def test_gaps_command_reads_no_output_of_an_earlier_run(inbox, tmp_path, capsys):
    notice, folder = inbox
    capsys.readouterr()
    main(["gaps", "-r", str(notice), str(folder), "-o", str(tmp_path / "g")])
    err = capsys.readouterr().err
    assert {row["report"] for row in gaps_csv(tmp_path / "g")} == REPLIES
    assert "批量/: a folder duban wrote" in err
    assert "结果_6月/: 7 file(s) duban wrote" in err
    assert err.count("not read as replies") == 3          # once per folder, the two loose copies together


def test_batch_lists_an_earlier_runs_outputs_as_is_output(inbox, tmp_path):
    notice, folder = inbox
    stream = io.StringIO()
    result = run_batch(folder, reference=notice, out_dir=tmp_path / "b", workers=1, progress=False, store=False,
                       stream=stream)
    assert result.exit_code == 0
    reasons = {r.path: r.reason for r in result.rows}
    assert reasons["批量/"] == "is_output"                 # the batch folder once, not its 20 files
    assert [p for p in reasons if p.startswith("批量/")] == ["批量/"]     # its hidden .cache/ too
    outputs = {p for p, r in reasons.items() if r == "is_output"}
    assert outputs == {"批量/", "对照表_6月.xlsx", "上月结果.md",
                       *(f"结果_6月/{n}" for n in ("gaps.xlsx", "gaps.csv", "gaps.md", "gaps.html", "gaps.json",
                                                  "problems.csv", "exemplars.csv"))}
    assert {row["report"] for row in gaps_csv(tmp_path / "b")} == REPLIES
    assert "not read as replies" in stream.getvalue()


def test_notebook_gaps_reads_no_output_of_an_earlier_run(inbox):
    import pipeline

    notice, folder = inbox
    table = pipeline.gaps(str(notice), str(folder))
    assert {r.report for r in table.rows} == REPLIES
    assert {reason for _, reason in table.set_aside} == {"is_output"}
    assert any(name.endswith("结果_6月/gaps.md") for name, _ in table.set_aside)
    assert [name for name, _ in table.set_aside if "批量" in name] == ["批量/"]     # once, as batch names it


@pytest.mark.parametrize("name, content, ours", [
    ("gaps.csv", "unit,report,item_id\n", False),                         # our name, not our header
    ("汇总.csv", "序号,工作任务,落实情况\n1,截污纳管,已完成\n", False),
    ("gaps.md", "# 市水务局整改报告\n我局已完成截污纳管。\n", False),
    ("run.json", '{"name": "x"}', False),
    ("结果.md", "# 对照检查表\n\n## 汇总\n\n| 单位 |\n", True),            # renamed gaps.md
    ("任务.md", "# 任务清单\n来源：通知.docx\n", True),
])
def test_own_outputs_by_content_not_name(tmp_path, name, content, ours):
    from pipeline.own_outputs import is_own_output

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert is_own_output(path) is ours


def test_own_outputs_a_units_workbook_and_a_reply_in_an_old_batch_folder_are_replies(inbox, tmp_path):
    """A 台账 with a 汇总 sheet is no gaps.xlsx; a reply saved into a batch folder (``-o`` pointed at
    the inbox once) under its own name is still a reply."""
    from openpyxl import Workbook

    from pipeline.own_outputs import is_own_output

    _, folder = inbox
    book = Workbook()
    book.active.title = "汇总"
    book.create_sheet("问题清单")
    book.save(tmp_path / "台账.xlsx")
    assert not is_own_output(tmp_path / "台账.xlsx")
    assert is_own_output(folder / "批量" / "checklist" / "checklist.xlsx")
    assert is_own_output(folder / "批量" / "duban.duckdb")
    reply = folder / "批量" / "市水务局补充报告.txt"
    reply.write_text(WATER, encoding="utf-8")
    try:
        assert not is_own_output(reply)
    finally:
        reply.unlink()


def test_analyze_walking_a_folder_skips_an_earlier_analyze_and_gaps_output(tmp_path, capsys):
    """``duban analyze inbox -o inbox/passages.jsonl`` twice read the first run's passages (and any gaps
    output in the folder) as documents; a file named on the command line is still read."""
    import json

    from qa10_fixtures import NOTICE

    folder = write(tmp_path / "in", {"市水务局报告.txt": WATER})
    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    assert main(["analyze", str(folder), "-o", str(folder / "passages.jsonl")]) == 0
    main(["gaps", "-r", str(notice), str(folder / "市水务局报告.txt"), "-o", str(folder / "g")])
    capsys.readouterr()
    assert main(["analyze", str(folder), "-o", str(tmp_path / "again.jsonl")]) == 0
    sources = {json.loads(line)["source"] for line in (tmp_path / "again.jsonl").read_text(encoding="utf-8").splitlines()}
    assert sources == {"市水务局报告.txt"}
    assert "not read as replies" in capsys.readouterr().err
    assert main(["analyze", str(folder / "g" / "gaps.md"), "-o", str(tmp_path / "named.jsonl")]) == 0
    assert (tmp_path / "named.jsonl").read_text(encoding="utf-8").strip()
