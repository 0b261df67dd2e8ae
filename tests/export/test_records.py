"""``duban analyze`` records (jsonl/csv/md): formula-looking text stays text (reliability case 37),
Markdown rows keep their columns, JSON Lines round-trips the passage text exactly."""
from __future__ import annotations

import csv
import io
import json

import pytest

from pipeline.export.records import RECORD_FIELDS, render
from pipeline.extract import read_bytes

HOSTILE_LINES = ['=HYPERLINK("http://x","点我")', "====第一部分====", "+86 10 1234", "-加强监管。",
                 "@SUM(A1)", "\t制表开头。", "甲|乙两项工作。"]


@pytest.fixture(scope="module")
def doc():
    text = "关于落实情况的报告\n" + "\n".join(HOSTILE_LINES) + "\n"
    return read_bytes(text.encode("utf-8"), name="hostile.txt")


def test_records_csv_prefixes_formula_cells_with_a_quote(doc):
    rows = list(csv.DictReader(io.StringIO(render([doc], "csv"))))
    texts = [r["text"] for r in rows]
    for cell in texts:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in texts and "'-加强监管。" in texts
    assert list(rows[0]) == list(RECORD_FIELDS)


def test_records_jsonl_keeps_the_exact_passage_text(doc):
    recs = [json.loads(line) for line in render([doc], "jsonl").splitlines()]
    assert [r["text"] for r in recs] == [p.text for p in doc.passages]
    assert any(r["text"].startswith("=HYPERLINK") for r in recs)      # jsonl is data, not a spreadsheet


def test_records_md_rows_keep_five_columns(doc):
    lines = render([doc], "md").splitlines()
    assert len(lines) == 2 + len(doc.passages)
    assert all(line.count("|") == 6 for line in lines)                # a | in the text is escaped
