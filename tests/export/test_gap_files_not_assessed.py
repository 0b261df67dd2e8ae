"""Files that could not be assessed are listed once under the summary (QA6 L10), not made units: no
sheet of 无法评估 each in gaps.xlsx, no matrix row, no section in gaps.md/html; gaps.csv keeps the rows."""
from __future__ import annotations

import csv
import json

import pytest

from tests.conftest import CORPORA, SEED

from pipeline.export.gap_files import NOT_ASSESSED_HEADER, NOT_ASSESSED_TITLE, write_gaps
from pipeline.extract import read_bytes, read_path
from pipeline.gaps import STATUS_ZH, build_gaps

SECRET = "机密正文不应出现"        # the text of a readable-but-too-short report: never in a reason

# name -> bytes, and the (status, reason code) each must be listed with
BAD = {"empty.txt": (b"", "empty", "[E101]"),
       "binary.txt": (b"\x00\x01\x02\x03garbage\xff\xfe" * 20, "unsupported", "[E103]"),
       "photo.jpg": (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "unsupported", "[E103]"),
       "short.txt": (SECRET.encode(), "ok", "[E306]")}      # coded like the others (QA12 L8)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    good = read_path(CORPORA / "gaps" / "reports" / "r01_group1.txt")
    bad = [read_bytes(data, name=name) for name, (data, _, _) in BAD.items()]
    table = build_gaps(SEED, [bad[0], good, *bad[1:]])
    out = tmp_path_factory.mktemp("gaps")
    write_gaps(table, out)
    return table, out


def test_gap_files_not_assessed_records_give_status_and_coded_reason(written):
    table, _ = written
    records = table.not_assessed_records()
    assert [r["report"] for r in records] == list(BAD)                 # table order, once each
    for record in records:
        _, status, code = BAD[record["report"]]
        assert record["report_status"] == status and code in record["reason"]
        assert SECRET not in record["reason"]


def test_gap_files_workbook_lists_unreadable_files_instead_of_unit_sheets(written):
    from openpyxl import load_workbook

    table, out = written
    book = load_workbook(out / "gaps.xlsx")
    assert book.sheetnames == ["汇总", "区委先进性教育活动第一督导组", "问题清单", "典型经验"]
    summary = book["汇总"]
    column_a = [summary.cell(r, 1).value for r in range(1, summary.max_row + 1)]
    assert column_a[1] == "区委先进性教育活动第一督导组" and column_a[2] == STATUS_ZH["covered"]   # one matrix row
    title = column_a.index(f"{NOT_ASSESSED_TITLE}（{len(BAD)}）")
    header = [summary.cell(title + 2, c).value for c in range(1, 5)]
    assert tuple(header) == NOT_ASSESSED_HEADER
    listed = {summary.cell(r, 1).value: (summary.cell(r, 3).value, summary.cell(r, 4).value)
              for r in range(title + 3, title + 3 + len(BAD))}
    assert {name: status for name, (status, _) in listed.items()} == {n: s for n, (_, s, _) in BAD.items()}
    # the per-task counts still add up over every submission: the unreadable ones are 无法评估
    counts = column_a.index(STATUS_ZH["not_assessable"]) + 1
    assert summary.cell(counts, 2).value == len(BAD)
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert not any(SECRET in c for c in cells)
    assert sum(c == STATUS_ZH["not_assessable"] for c in cells) <= 2      # no cells full of 无法评估


@pytest.mark.parametrize("name", ["gaps.md", "gaps.html"])
def test_gap_files_pages_list_unreadable_files_once(written, name):
    _, out = written
    page = (out / name).read_text(encoding="utf-8")
    assert page.count(f"{NOT_ASSESSED_TITLE}（{len(BAD)}）") == 1
    assert all(page.count(file) == 1 for file in BAD)            # in the list, nowhere else
    assert page.count("区委先进性教育活动第一督导组") >= 2 and SECRET not in page


def test_gap_files_csv_and_json_keep_the_not_assessable_rows(written):
    table, out = written
    with open(out / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    per_file = {r["report"]: {x["status"] for x in rows if x["report"] == r["report"]} for r in rows}
    assert all(per_file[file] == {"not_assessable"} for file in BAD)
    data = json.loads((out / "gaps.json").read_text(encoding="utf-8"))
    assert data["not_assessed"] == table.not_assessed_records()


def test_gap_files_not_assessed_outputs_are_deterministic(written, tmp_path):
    table, out = written
    write_gaps(table, tmp_path)
    for name in ("gaps.xlsx", "gaps.md", "gaps.html", "gaps.json", "gaps.csv"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_gap_files_too_little_text_is_in_batch_manifest_too(tmp_path):
    """QA12 L8: batch's manifest said ok with no reason while gaps listed the file as not assessed."""
    from pipeline.batch import run_batch

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "short.txt").write_text(SECRET, encoding="utf-8")
    (inbox / "r01.txt").write_text((CORPORA / "gaps" / "reports" / "r01_group1.txt").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    result = run_batch(inbox, reference=SEED, out_dir=tmp_path / "b", workers=1, progress=False, store=False)
    rows = {r.path: r for r in result.rows}
    assert (rows["short.txt"].status, rows["short.txt"].reason) == ("ok", "too_little_text")
    assert "[E306]" in rows["short.txt"].message and SECRET not in rows["short.txt"].message
    assert rows["r01.txt"].reason == ""
